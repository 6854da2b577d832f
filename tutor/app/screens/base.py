"""What every dltutor screen shares: it reports resizes so the app can say "too small"."""

from __future__ import annotations

from textual import events
from textual.screen import Screen


class TutorScreen(Screen[None]):
    def on_resize(self, event: events.Resize) -> None:
        # Only the active screen hears a resize, so each screen passes it on.
        self.app.check_size(event.size.width, event.size.height)  # type: ignore[attr-defined]
