"""The notice that covers a screen while the terminal is below the app's minimum size.

The app does not push a screen for this: it puts the ``-too-small`` class on every
screen of the stack (app.tcss hides their children) and mounts one notice in the
active screen, whatever that screen is (Textual's command palette included). The
stack never changes, so growing the terminal again shows exactly what was there.
"""

from __future__ import annotations

from textual.widgets import Static

from tutor.i18n import t

#: the class the app sets on every screen while the terminal is too small
TOO_SMALL = "-too-small"


class TooSmallNotice(Static):
    DEFAULT_CSS = """
    TooSmallNotice {
        display: none;
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
        background: $background;
        color: $warning;
    }
    """

    def __init__(self) -> None:
        super().__init__(markup=False, classes="too-small-notice")

    def show_size(
        self, width: int, height: int, min_width: int, min_height: int, lang: str
    ) -> None:
        self.update(
            t(
                "ui.too_small",
                lang,
                width=width,
                height=height,
                min_width=min_width,
                min_height=min_height,
            )
        )
