"""What every dltutor screen shares."""

from __future__ import annotations

from pathlib import Path

from textual.screen import Screen

#: the app's stylesheets: app.tcss is read at start; a screen names its own files in
#: ``CSS_PATH`` and Textual reads them the first time that screen opens.
STYLES = Path(__file__).resolve().parent.parent


class TutorScreen(Screen[None]):
    """A screen of the app (the app covers it with a notice when the terminal is too small)."""
