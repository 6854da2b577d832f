"""The home screen's list of questions: a small table with a row cursor.

Textual's ``DataTable`` did this job but cost half of the home screen's time to
its first frame (column measurement, Rich rendering of every cell, its own
scroll machinery); the home table has nine short rows, so it draws them itself,
with the same component classes and colours as ``DataTable``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

#: blank columns either side of every cell's text (as DataTable's ``cell_padding``)
PADDING = 1


class QuestionTable(Widget, can_focus=True):
    """Rows of text under a header row; ↑/↓ move the cursor, Enter or a click selects."""

    DEFAULT_CSS = """
    QuestionTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        &:focus {
            background-tint: $foreground 5%;
            & > .question-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .question-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .question-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .question-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .question-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .question-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .question-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "question-table--header",
        "question-table--even-row",
        "question-table--odd-row",
        "question-table--cursor",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", id="table.up", show=False),
        Binding("down", "move(1)", "Down", id="table.down", show=False),
        Binding("home", "first", "First", id="table.first", show=False),
        Binding("end", "last", "Last", id="table.last", show=False),
        Binding("enter", "select", "Open", id="table.select", show=False),
    ]

    cursor: reactive[int] = reactive(0, init=False)

    class Selected(Message):
        """The student chose a row (Enter or a click)."""

        def __init__(self, table: QuestionTable, key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> QuestionTable:
            return self.table

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: tuple[str, ...] = ()
        #: a fixed width for some columns (the rest fit their widest cell)
        self.fixed_widths: dict[int, int] = {}
        #: columns left out (a narrow terminal), by index
        self.hidden_columns: frozenset[int] = frozenset()
        self.keys: list[str] = []
        self.rows: list[tuple[str, ...]] = []
        #: index of the first data row shown when the table is shorter than its rows
        self._top = 0

    # data ---------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def cursor_key(self) -> str | None:
        return self.keys[self.cursor] if self.rows else None

    def set_columns(
        self, labels: Sequence[str], fixed_widths: dict[int, int] | None = None
    ) -> None:
        self.columns = tuple(labels)
        self.fixed_widths = dict(fixed_widths or {})
        self.refresh(layout=True)

    def hide_columns(self, columns: frozenset[int]) -> None:
        """Leave out some columns (their cells stay in the rows)."""
        if columns != self.hidden_columns:
            self.hidden_columns = columns
            self.refresh()

    def set_rows(self, rows: Sequence[tuple[str, Sequence[str]]]) -> None:
        """Replace every row: ``(key, cells)`` pairs; the cursor stays on the same index."""
        self.keys = [key for key, _ in rows]
        self.rows = [tuple(cells) for _, cells in rows]
        self.cursor = min(self.cursor, max(0, len(self.rows) - 1))
        self.refresh(layout=True)

    def get_row(self, key: str) -> tuple[str, ...]:
        return self.rows[self.keys.index(key)]

    def update_cells(self, key: str, values: dict[int, str]) -> None:
        """Change some cells of one row (by column index)."""
        index = self.keys.index(key)
        row = list(self.rows[index])
        for column, value in values.items():
            row[column] = value
        self.rows[index] = tuple(row)
        self.refresh()

    # layout and drawing ---------------------------------------------------------

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.rows) + 1

    def column_widths(self, width: int) -> list[int]:
        """Each column's width with its padding; the widest column gives way when narrow."""
        widths = []
        for i, label in enumerate(self.columns):
            if i in self.hidden_columns:
                widths.append(0)
                continue
            text = self.fixed_widths.get(i)
            if text is None:
                text = max([cell_len(label), *(cell_len(row[i]) for row in self.rows)])
            widths.append(text + 2 * PADDING)
        excess = sum(widths) - width
        if excess > 0 and widths:
            widest = widths.index(max(widths))
            widths[widest] = max(2 * PADDING + 1, widths[widest] - excess)
        return widths

    def watch_cursor(self, cursor: int) -> None:
        visible = max(1, self.size.height - 1)
        if cursor < self._top:
            self._top = cursor
        elif cursor >= self._top + visible:
            self._top = cursor - visible + 1
        self.refresh()

    def on_resize(self) -> None:
        self._top = max(0, min(self._top, len(self.rows) - max(1, self.size.height - 1)))
        self.watch_cursor(self.cursor)

    def _line_style(self, row: int) -> Style:
        """The header's style for row -1, a stripe for data rows, the cursor over it."""
        if row < 0:
            return self.rich_style + self.get_component_styles("question-table--header").rich_style
        stripe = "question-table--odd-row" if row % 2 else "question-table--even-row"
        style = self.rich_style + self.get_component_styles(stripe).rich_style
        if row == self.cursor:
            cursor = self.get_component_rich_style("question-table--cursor")
            style += cursor + Style.from_color(cursor.color, cursor.bgcolor)
        return style

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        row = -1 if y == 0 else self._top + y - 1
        if row >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        cells = self.columns if row < 0 else self.rows[row]
        style = self._line_style(row)
        pad = " " * PADDING
        # One segment per cell (its column in the meta keeps them apart): a glyph of
        # uncertain width (○, ✓) cannot shift the next column.
        segments = [
            Segment(
                pad + set_cell_size(cell, size - 2 * PADDING) + pad,
                style + Style.from_meta({"row": row, "column": column}),
            )
            for column, (cell, size) in enumerate(
                zip(cells, self.column_widths(width), strict=False)
            )
            if size
        ]
        style += Style.from_meta({"row": row})
        used = sum(segment.cell_length for segment in segments)
        if used < width:
            segments.append(Segment(" " * (width - used), style))
        return Strip(segments).crop(0, width)

    # keys and mouse -------------------------------------------------------------

    def action_move(self, step: int) -> None:
        if self.rows:
            self.cursor = max(0, min(len(self.rows) - 1, self.cursor + step))

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = max(0, len(self.rows) - 1)

    def action_select(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    def on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if isinstance(row, int) and 0 <= row < len(self.rows):
            self.cursor = row
            self.action_select()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.action_move(1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.action_move(-1)
