"""The home screen's own widgets: the question table's cursor and the title bar."""

from __future__ import annotations

from collections.abc import Callable

from tests.app.conftest import open_question
from tutor.app.screens.home import HomeScreen
from tutor.app.screens.question import QuestionScreen
from tutor.app.widgets.question_table import QuestionTable
from tutor.app.widgets.title_bar import TitleBar
from tutor.content import load_course

SIZE = (80, 24)


def line_text(widget: object, y: int = 0) -> str:
    return widget.render_line(y).text  # type: ignore[attr-defined]


async def test_table_cursor_moves_and_opens(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(QuestionTable)
        assert table.has_focus and table.cursor_key == "1"
        await pilot.press("down", "down")
        assert table.cursor_key == "3"
        await pilot.press("up")
        assert table.cursor_key == "2"
        await pilot.press("up", "up")  # stops at the first row
        assert table.cursor_key == "1"
        await pilot.press("end")
        assert table.cursor_key == str(len(load_course()))
        await pilot.press("home", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.number == 2


async def test_table_rows_line_up_in_columns(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(QuestionTable)
        lines = [line_text(table, y) for y in range(table.row_count + 1)]
        assert all(len(line) == table.size.width for line in lines)
        header = lines[0]
        points = header.index("Points")
        for line, q in zip(lines[1:], load_course(), strict=True):
            assert line[points:].startswith(f"{q.points:g} ")
            assert q.title["en"] in line


async def test_table_click_opens_a_question(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(QuestionTable)
        await pilot.click(QuestionTable, offset=(10, 4))  # header, then rows 1, 2, 3, 4
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.number == 4
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and table.cursor_key == "4"


async def test_table_keeps_the_cursor_visible_when_short(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(QuestionTable)
        table.styles.height = 5  # a header and four rows
        await pilot.pause()
        assert table.size.height == 5
        await pilot.press("end")
        await pilot.pause()
        shown = [line_text(table, y) for y in range(table.size.height)]
        assert load_course().question(8).title["en"] in "".join(shown)
        assert "Question" in shown[0]  # the header stays
        await pilot.press("home")
        await pilot.pause()
        assert load_course().question(1).title["en"] in line_text(table, 1)


async def test_title_bar_shows_title_and_question(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(TitleBar)
        text = line_text(bar)
        assert text.startswith(" ⭘") and "dltutor" in text and len(text) == 80
        await open_question(pilot, 2)
        text = line_text(app.screen.query_one(TitleBar))
        assert f"— 2. {load_course().question(2).title['en']}" in text
        await pilot.press("ctrl+l")
        await pilot.pause()
        text = line_text(app.screen.query_one(TitleBar))
        assert load_course().question(2).title["ru"] in text
