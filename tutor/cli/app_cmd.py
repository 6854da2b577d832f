"""Bare ``dltutor``: the interactive app (and ``launch``, shared by ``quiz`` and ``open``)."""

from __future__ import annotations

import argparse
import sys
from typing import Literal

#: the status of a run that ended in an error dltutor did not expect (as Textual's own)
EXIT_CRASH = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def launch(
    lang: str,
    mode: Literal["home", "quiz", "review", "practice", "stats"] = "home",
    question: int | None = None,
    *,
    practice: tuple[list[str], int | None] | None = None,
) -> int:
    """Run the Textual app and return its status; refuse (exit 2) when stdout is not a terminal.

    An unexpected error ends the app with the terminal restored, one line on
    stderr and the full report in a log file (see :func:`report_crash`).
    """
    from tutor.cli.output import is_terminal
    from tutor.i18n import t

    if not is_terminal(sys.stdout):
        print(t("ui.not_a_terminal", lang), file=sys.stderr)
        return 2
    from tutor.progress import data_dir

    data_dir()  # an empty DLTUTOR_HOME is refused here, not inside the running app
    from tutor.app.app import TutorApp

    app = TutorApp(lang, mode, question, practice=practice)
    try:
        app.run()
    except Exception as error:  # Textual or the terminal failed outside the app's handlers
        import traceback

        summary = " ".join(f"{type(error).__name__}: {error}".split())[:200]
        return report_crash(summary, traceback.format_exc(), app.lang)
    if app.crash is not None:
        return report_crash(*app.crash, app.lang)
    return app.return_code or 0


def report_crash(summary: str, report: str, lang: str) -> int:
    """One line on stderr naming the error and where its full report was written."""
    from tutor.i18n import t

    path = _write_report(report)
    key = "ui.crash" if path is not None else "ui.crash.no_log"
    print(t(key, lang, error=summary, path=path), file=sys.stderr)
    return EXIT_CRASH


def _write_report(report: str) -> str | None:
    """Save the traceback as ``crash.log`` in dltutor's cache dir; None if that fails."""
    import os

    from tutor import __version__
    from tutor.content.paths import cache_dir

    path = os.path.join(cache_dir(), "crash.log")
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", errors="backslashreplace") as log:
            log.write(f"dltutor {__version__}, Python {sys.version.split()[0]}\n\n{report}")
    except OSError:
        return None
    return path


def run(args: argparse.Namespace) -> int:
    return launch(args.lang)
