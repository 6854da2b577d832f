"""Bare ``dltutor``: the interactive app (and ``launch``, shared by ``quiz`` and ``open``)."""

from __future__ import annotations

import argparse
import sys
from typing import Literal


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def launch(lang: str, mode: Literal["home", "quiz"] = "home", question: int | None = None) -> int:
    """Run the Textual app; refuse (exit 2) when stdout is not a terminal."""
    from tutor.cli.output import is_terminal
    from tutor.i18n import t

    if not is_terminal(sys.stdout):
        print(t("ui.not_a_terminal", lang), file=sys.stderr)
        return 2
    from tutor.app.app import TutorApp

    TutorApp(lang, mode, question).run()
    return 0


def run(args: argparse.Namespace) -> int:
    return launch(args.lang)
