"""``dltutor show N``: a question, and its solution or one step of it."""

from __future__ import annotations

import argparse

from tutor.cli import UsageError, require_question


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("number", type=int, metavar="N", help="question number (1–8)")
    parser.add_argument("--solution", action="store_true", help="show the whole worked solution")
    parser.add_argument("--step", type=int, metavar="K", help="show only step K of the solution")
    parser.add_argument(
        "--no-pager", action="store_true", help="print straight to the terminal, without a pager"
    )


def run(args: argparse.Namespace) -> int:
    from tutor.cli.output import print_markdown
    from tutor.content import load_course
    from tutor.content.document import question_markdown
    from tutor.i18n import t

    lang = args.lang
    question = require_question(load_course(), args.number, lang)
    total = len(question.steps[lang])
    if args.step is not None and not 1 <= args.step <= total:
        raise UsageError(t("error.no_step", lang, number=args.number, last=total, step=args.step))
    print_markdown(
        lambda escape: question_markdown(
            question,
            lang,
            solution=args.solution,
            step=args.step,
            math="unicode",
            escape_markdown=escape,
        ),
        pager=not args.no_pager,
    )
    return 0
