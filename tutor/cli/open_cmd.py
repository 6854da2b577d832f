"""``dltutor open N``: the app, straight on question N."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("number", type=int, metavar="N", help="question number")


def run(args: argparse.Namespace) -> int:
    from tutor.cli import UsageError
    from tutor.cli.app_cmd import launch
    from tutor.content import load_course
    from tutor.i18n import t

    course = load_course()
    if course.question(args.number) is None:
        last = max(q.number for q in course)
        raise UsageError(t("error.no_question", args.lang, number=args.number, last=last))
    return launch(args.lang, "home", args.number)
