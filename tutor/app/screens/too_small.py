"""Shown instead of a broken layout while the terminal is below the minimum size."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from tutor.app.screens.base import TutorScreen
from tutor.i18n import t


class TooSmallScreen(TutorScreen):
    def __init__(self, min_width: int, min_height: int) -> None:
        super().__init__(classes="too-small")
        self.min_width = min_width
        self.min_height = min_height

    def compose(self) -> ComposeResult:
        yield Static(markup=False, id="too-small-message")

    def on_mount(self) -> None:
        self.show_size(self.app.size.width, self.app.size.height)

    def show_size(self, width: int, height: int) -> None:
        self.query_one(Static).update(
            t(
                "ui.too_small",
                self.app.lang,
                width=width,
                height=height,
                min_width=self.min_width,
                min_height=self.min_height,
            )
        )

    def apply_lang(self, lang: str) -> None:
        self.show_size(self.app.size.width, self.app.size.height)
