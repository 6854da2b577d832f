"""What every dltutor screen shares."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import events, on
from textual.screen import Screen

from tutor.app.progress_view import ProgressChanged
from tutor.app.widgets.save_warning import SaveWarning

#: the app's stylesheets: app.tcss is read at start; a screen names its own files in
#: ``CSS_PATH`` and Textual reads them the first time that screen opens.
STYLES = Path(__file__).resolve().parent.parent


class TutorScreen(Screen[None]):
    """A screen of the app: it shows the app's progress model (see :mod:`tutor.app.progress_view`)."""

    #: the scrollable page that Escape moves the keyboard to from an answer box
    PAGE: ClassVar[str] = ""

    def focus_page(self) -> None:
        """The keyboard on the page itself: arrows scroll it, letters act (no input to type in)."""
        self.query_one(self.PAGE).focus()
        self.refresh_bindings()

    def action_escape(self) -> None:
        """Out of the answer box onto the page (the help's "esc, then"); else back."""
        from textual.widgets import Input

        if isinstance(self.focused, Input):
            self.focus_page()
        else:
            self.action_back()  # type: ignore[attr-defined]  # each screen says where back is

    @on(events.Mount)
    def _mount_save_warning(self) -> None:
        """Every screen has the line that says progress is not being saved (hidden until then)."""
        warning = SaveWarning()
        self.mount(warning)
        warning.show_problem(self.app.save_problem, self.app.lang)  # type: ignore[attr-defined]

    def on_screen_resume(self) -> None:
        # Shown again: another dltutor process may have saved something meanwhile. After
        # the frame, so that reading the file never delays what the screen paints.
        self.call_after_refresh(self.app.progress_changed)  # type: ignore[attr-defined]

    def on_progress_changed(self, message: ProgressChanged) -> None:
        self.show_progress()

    def show_progress(self) -> None:
        """Show statuses and scores from ``app.progress`` again (screens that show any)."""

    def note_saved(self, session: Any) -> bool:
        """Whether ``session`` saved what it just did; if not, the app says so on every screen."""
        error = session.save_error
        self.app.progress.report(error)  # type: ignore[attr-defined]
        return error is None
