"""``dltutor export``: every question with its full solution, as one markdown file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout"
    )
    parser.add_argument(
        "--no-pager", action="store_true", help="print straight to the terminal, without a pager"
    )


def run(args: argparse.Namespace) -> int:
    from tutor.cli import UsageError
    from tutor.content import load_course
    from tutor.content.document import course_markdown
    from tutor.i18n import t

    text = course_markdown(load_course(), args.lang)
    if args.output is None:
        if args.no_pager:
            sys.stdout.write(text)
        else:
            from tutor.cli.output import page

            page(text)  # a pager on a terminal when taller than the screen, else straight out
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise UsageError(f"{args.output}: {err.strerror or err}") from None
    print(t("export.written", args.lang, path=args.output), file=sys.stderr)
    return 0
