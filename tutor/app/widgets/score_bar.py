"""The total score as a bar of blocks: readable without colour, and cheap to draw."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widget import Widget


class ScoreBar(Widget):
    DEFAULT_CSS = """
    ScoreBar { height: 1; width: 1fr; color: $success; }
    """

    score: reactive[float] = reactive(0.0)
    total: reactive[float] = reactive(10.0)

    def render(self) -> str:
        width = max(1, self.size.width)
        share = 0.0 if self.total <= 0 else min(1.0, max(0.0, self.score / self.total))
        filled = round(share * width)
        return "█" * filled + "░" * (width - filled)
