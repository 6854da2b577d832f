"""``dltutor lint``: validate all content; non-zero exit on any problem."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", type=Path, help="content folder (default: the installed one)"
    )


def run(args: argparse.Namespace) -> int:
    from tutor.content.lint import lint_course
    from tutor.i18n import t

    problems, summary = lint_course(args.path)
    for problem in problems:
        print(t("lint.problem", args.lang, message=problem), file=sys.stderr)
    if problems:
        return 1
    print(t("lint.ok", args.lang, **summary))
    return 0
