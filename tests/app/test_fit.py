"""At 80×24 and 60×20, in both languages, nothing the student needs is cut.

On every screen: the title bar shows the question's title whole (no "…"), every
footer key is whole, an answer box's placeholder fits its input, and the home
table shows every question's title whole.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot

from tests.app.test_footer_fit import footer_overflow
from tutor.app.widgets.answer_input import AnswerInput
from tutor.app.widgets.question_table import QuestionTable
from tutor.app.widgets.title_bar import TitleBar
from tutor.content import load_course

SIZES = [(80, 24), (60, 20)]


def line_text(widget: object, y: int = 0) -> str:
    return "".join(segment.text for segment in widget.render_line(y))  # type: ignore[attr-defined]


async def _keys(pilot: Pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


#: (name, how to get there from home, the question whose title the bar should show)
JOURNEYS: list[tuple[str, Callable[[Pilot], object], int | None]] = [
    ("home", lambda p: _keys(p), None),
    ("question", lambda p: _keys(p, "4"), 4),
    ("answer", lambda p: _keys(p, "4", "2"), 4),
    ("answer, esc", lambda p: _keys(p, "4", "2", "escape"), 4),
    ("choice item", lambda p: _keys(p, "8", "2"), 8),
    ("plot", lambda p: _keys(p, "2", "3"), 2),
    ("lab", lambda p: _keys(p, "6", "4"), 6),
    ("quiz", lambda p: _keys(p, "z", "escape"), None),
    ("help", lambda p: _keys(p, "f1"), None),
    ("practice", lambda p: _keys(p, "p"), None),
    ("practice, esc", lambda p: _keys(p, "p", "escape"), None),
    ("review", lambda p: _keys(p, "v"), None),
    ("stats", lambda p: _keys(p, "t"), None),
]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_nothing_is_cut(make_app: Callable, lang: str, size: tuple[int, int]) -> None:
    course = load_course()
    for name, journey, question in JOURNEYS:
        app = make_app(lang=lang)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await journey(pilot)
            await pilot.pause()
            where = (name, lang, size)
            title = line_text(app.screen.query_one(TitleBar))
            assert "…" not in title, where
            if question is not None:
                q = course.question(question)
                assert f"{question}. {q.title[lang]}" in title, (where, title)
            assert footer_overflow(app) == [], where
            for answer in app.screen.query(AnswerInput):
                if answer.region.width:
                    room = answer.content_region.width - 1  # the cursor comes first
                    assert cell_len(answer.placeholder) <= room, (where, answer.placeholder, room)
            if name == "home":
                table = app.screen.query_one(QuestionTable)
                shown = [line_text(table, y) for y in range(1, table.row_count + 1)]
                for q, line in zip(course, shown, strict=True):
                    assert q.title[lang] in line, (where, line)


async def test_a_question_opened_from_the_command_line_has_its_styles(make_app: Callable) -> None:
    """``dltutor open N`` starts on the question screen itself: its stylesheets still apply."""
    from tutor.app.widgets.answer_box import AnswerBox

    app = make_app(question=3)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        box = app.screen.query(AnswerBox).first()
        assert box.styles.border_top[0] == "round"
        await pilot.press("escape", "q")  # back from the first screen: the home screen
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
