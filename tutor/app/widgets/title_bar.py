"""The one-line title bar at the top of every screen.

It draws what Textual's ``Header`` draws (the ⭘ icon that opens the command
palette, then "title — subtitle" centred), as one widget instead of four: the
home screen reaches its first frame a few milliseconds sooner. Where the whole
line does not fit (a narrow terminal), the subtitle, the question, is kept whole
and the app's name goes.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget

#: columns of the icon area on the left (the ⭘ that opens the command palette)
ICON_WIDTH = 3


class TitleBar(Widget):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        for obj in (self.app, self.screen):
            self.watch(obj, "title", self.refresh, init=False)
            self.watch(obj, "sub_title", self.refresh, init=False)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title if screen.sub_title is not None else app.sub_title
        text = self.heading(title, sub_title, max(0, width - 2 * ICON_WIDTH))
        # centred on the whole bar when it fits there, else just right of the icon
        left = max(ICON_WIDTH, (width - text.cell_length) // 2)
        base = self.rich_style
        # The icon is a segment of its own (kept apart by its meta): a glyph of uncertain
        # width cannot shift the title.
        segments = [
            Segment(" ", base),
            Segment("⭘", base + Style.from_meta({"icon": True})),
            Segment(" " * (left - 2), base + Style.from_meta({"gap": True})),
            *text.render_segments(self.visual_style),
        ]
        return Strip(segments).adjust_cell_length(width, base)

    def heading(self, title: str, sub_title: str, room: int) -> Content:
        """"title — subtitle" when it fits, else the subtitle (the question) alone, whole."""
        full = self.app.format_title(title, sub_title)
        if full.cell_length <= room or not sub_title:
            return full.truncate(room, ellipsis=True)
        return Content(sub_title).truncate(room, ellipsis=True)

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH and self.app.ENABLE_COMMAND_PALETTE:
            event.stop()
            await self.run_action("app.command_palette")
