"""The question screen's tab labels and the line under them, drawn by one widget.

Textual's ``TabbedContent`` did this job, but its five widget classes (tabs,
tab, underline, switcher, pane) and their stylesheets cost a question screen a
fifth of its time to the first frame. Here one widget draws the labels and
the underline, says which tab is active, and posts :class:`TabStrip.Activated`
when that changes; the screen shows the matching pane.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

#: blank columns either side of a label
PADDING = 1


class TabStrip(Widget):
    DEFAULT_CSS = """
    TabStrip {
        height: 2;
        width: 1fr;
    }
    TabStrip > .tab-strip--label {
        color: $foreground 60%;
    }
    TabStrip > .tab-strip--active {
        color: $foreground;
        text-style: bold;
    }
    TabStrip > .tab-strip--bar {
        color: $foreground 15%;
    }
    TabStrip > .tab-strip--highlight {
        color: $block-cursor-background;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "tab-strip--label",
        "tab-strip--active",
        "tab-strip--bar",
        "tab-strip--highlight",
    }

    active: reactive[str] = reactive("", init=False)

    class Activated(Message):
        """Tab ``tab`` became the active one (by a key, a click, or the screen)."""

        def __init__(self, strip: TabStrip, tab: str) -> None:
            super().__init__()
            self.strip = strip
            self.tab = tab

        @property
        def control(self) -> TabStrip:
            return self.strip

    def __init__(
        self, tabs: Sequence[tuple[str, str]], active: str, *, id: str | None = None
    ) -> None:
        """``tabs``: (id, label) pairs in order; ``active``: the id shown first."""
        super().__init__(id=id)
        self.tabs = list(tabs)
        self.set_reactive(TabStrip.active, active)

    @property
    def ids(self) -> list[str]:
        return [tab_id for tab_id, _ in self.tabs]

    def set_labels(self, labels: dict[str, str]) -> None:
        """New labels (a language switch), by tab id."""
        self.tabs = [(tab_id, labels.get(tab_id, label)) for tab_id, label in self.tabs]
        self.refresh()

    def watch_active(self, tab: str) -> None:
        self.refresh()
        self.post_message(self.Activated(self, tab))

    def _spans(self) -> list[tuple[str, int, int]]:
        """Each tab's id and its first and last-plus-one column."""
        spans, x = [], 0
        for tab_id, label in self.tabs:
            width = cell_len(label) + 2 * PADDING
            spans.append((tab_id, x, x + width))
            x += width + 1
        return spans

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        segments: list[Segment] = []
        if y == 0:
            label_style = base + self.get_component_rich_style("tab-strip--label", partial=True)
            active_style = base + self.get_component_rich_style("tab-strip--active", partial=True)
            for k, (tab_id, label) in enumerate(self.tabs):
                style = active_style if tab_id == self.active else label_style
                meta = Style.from_meta({"tab": tab_id})
                pad = " " * PADDING
                segments.append(Segment(f"{pad}{label}{pad}", style + meta))
                if k < len(self.tabs) - 1:
                    segments.append(Segment(" ", base))
        elif y == 1:
            bar = base + self.get_component_rich_style("tab-strip--bar", partial=True)
            lit = base + self.get_component_rich_style("tab-strip--highlight", partial=True)
            start, end = next(((a, b) for t, a, b in self._spans() if t == self.active), (0, 0))
            start, end = min(start, width), min(end, width)
            segments = [
                Segment("━" * start, bar),
                Segment("━" * (end - start), lit),
                Segment("━" * max(0, width - end), bar),
            ]
        return Strip(segments).adjust_cell_length(width, base).crop(0, width)

    def on_click(self, event: events.Click) -> None:
        tab = event.style.meta.get("tab")
        if isinstance(tab, str) and tab in self.ids:
            event.stop()
            self.active = tab
