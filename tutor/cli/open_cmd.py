"""``dltutor open N``: the app, straight on question N."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("number", type=int, metavar="N", help="question number")


def run(args: argparse.Namespace) -> int:
    from tutor.cli import require_question
    from tutor.cli.app_cmd import launch
    from tutor.content import load_course

    require_question(load_course(), args.number, args.lang)
    return launch(args.lang, "home", args.number)
