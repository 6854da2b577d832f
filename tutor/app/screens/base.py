"""What every dltutor screen shares: it reports resizes so the app can say "too small"."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.screen import Screen

#: the app's stylesheets: app.tcss is read at start; a screen names its own files in
#: ``CSS_PATH`` and Textual reads them the first time that screen opens.
STYLES = Path(__file__).resolve().parent.parent


class TutorScreen(Screen[None]):
    def on_resize(self, event: events.Resize) -> None:
        # Only the active screen hears a resize, so each screen passes it on.
        self.app.check_size(event.size.width, event.size.height)  # type: ignore[attr-defined]
