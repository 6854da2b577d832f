"""A line above the footer, on every screen, while progress is not being saved.

It appears the first time a save fails (a verdict, a hint, a give-up, the
position or the language) or when the saved file blocks every save (a newer
dltutor's file, a directory in its place), names the file and the reason, and
stays until the app ends: a toast that fades would let a student believe the
rest of the session was saved. Every screen mounts one (see
:class:`~tutor.app.screens.base.TutorScreen`); the app fills them all in.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from tutor.i18n import t


class SaveWarning(Static):
    DEFAULT_CSS = """
    SaveWarning {
        dock: bottom;
        /* docked widgets share the edge: the footer's line stays below this one */
        margin-bottom: 1;
        height: auto;
        max-height: 6;  /* five lines in Russian at 60 columns */
        padding: 0 1;
        background: $warning 15%;
        color: $text-warning;
        display: none;
    }
    SaveWarning.-shown {
        display: block;
    }
    /* the too-small notice covers it too */
    .-too-small > SaveWarning.-shown {
        display: none;
    }
    """

    def __init__(self) -> None:
        super().__init__(markup=False, id="save-warning")

    def show_problem(self, problem: Any | None, lang: str) -> None:
        """Say what could not be saved and why (``problem.message(lang)``); None hides the line."""
        self.set_class(problem is not None, "-shown")
        if problem is not None:
            self.update(warning_text(problem.message(lang), lang))


def warning_text(error: str, lang: str) -> str:
    """"⚠ Cannot save progress to …: reason. dltutor goes on; …" in one paragraph."""
    error = error.strip().rstrip(".")
    return t("ui.save_warning", lang, error=error[:1].upper() + error[1:])
