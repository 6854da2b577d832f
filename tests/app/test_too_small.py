"""A terminal below the minimum size: a notice covers whatever is open; growing it back shows it again.

Every screen the student can reach (home, each tab of a question, quiz mode, its
summary, the help, the command palette) is shrunk below the minimum and grown
back; the app must never raise, must show the notice while small, and must come
back to the same screen with the same focus.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import Footer

from tests.app.conftest import open_question
from tutor.app.app import MIN_HEIGHT, MIN_WIDTH
from tutor.app.widgets.too_small import TooSmallNotice

SIZE = (80, 24)
#: the sizes issue 8 names, and the smallest terminal there is
SMALL_SIZES = [(59, 24), (80, 15), (40, 12), (1, 1)]


async def _question_tab(pilot: Pilot, tab: str) -> None:
    await open_question(pilot, 2, tab=tab)  # question 2 has all four tabs


async def _summary(pilot: Pilot) -> None:
    pilot.app.open_quiz(only=8)  # one item: skip it and the summary shows
    await pilot.pause()
    await pilot.press("escape", "k")
    await pilot.pause()
    assert pilot.app.screen.session.finished


async def _press(pilot: Pilot, key: str) -> None:
    await pilot.press(key)
    await pilot.pause()


async def _quiz(pilot: Pilot) -> None:
    pilot.app.open_quiz()
    await pilot.pause()


async def _home(pilot: Pilot) -> None:
    await pilot.pause()


#: how to reach each screen from a fresh app on the home screen
SCREENS: dict[str, Callable[[Pilot], Awaitable[None]]] = {
    "home": _home,
    "question": lambda p: _question_tab(p, "question"),
    "answer": lambda p: _question_tab(p, "quiz"),
    "plot": lambda p: _question_tab(p, "plot"),
    "lab": lambda p: _question_tab(p, "lab"),
    "quiz": _quiz,
    "summary": _summary,
    "help": lambda p: _press(p, "f1"),
    "palette": lambda p: _press(p, "ctrl+p"),
    "practice": lambda p: _press(p, "p"),
    "review": lambda p: _press(p, "v"),
    "stats": lambda p: _press(p, "t"),
}


def _covered(app: object) -> bool:
    """The active screen shows the notice and nothing else of its own."""
    screen = app.screen  # type: ignore[attr-defined]
    notices = screen.query_children(TooSmallNotice)
    if not notices or not notices.first().display:
        return False
    return all(not child.display for child in screen.children if child not in notices)


async def _resize(pilot: Pilot, width: int, height: int) -> None:
    await pilot.resize_terminal(width, height)
    await pilot.pause()


@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_screen_survives_shrinking_and_comes_back(
    make_app: Callable, name: str
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await SCREENS[name](pilot)
        screen, focused = app.screen, app.focused
        for width, height in SMALL_SIZES:
            await _resize(pilot, width, height)
            assert app.screen is screen and _covered(app), (name, width, height)
            notice = screen.query_children(TooSmallNotice).first()
            assert f"{width}×{height}" in str(notice.render())
            await _resize(pilot, *SIZE)
            assert app.screen is screen and not _covered(app), (name, width, height)
            assert app.focused is focused, (name, width, height)
            if name != "palette":
                assert screen.query_one(Footer).region.height == 1


async def test_keys_do_nothing_while_too_small_but_ctrl_q_quits(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        home = app.screen
        await _resize(pilot, 40, 12)
        await pilot.press("enter", "f1", "ctrl+p", "z", "q")
        await pilot.pause()
        assert app.screen is home and app.is_running
        await _resize(pilot, *SIZE)
        assert app.screen is home
        await _resize(pilot, 40, 12)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_a_question_opened_in_a_small_terminal_is_covered_then_shown(
    make_app: Callable,
) -> None:
    app = make_app(question=3)
    async with app.run_test(size=(50, 14)) as pilot:
        await pilot.pause()
        assert app.screen.id == "question-3" and _covered(app)
        await _resize(pilot, *SIZE)
        assert app.screen.id == "question-3" and not _covered(app)


async def test_the_notice_speaks_the_app_language(make_app: Callable) -> None:
    app = make_app(lang="ru")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one(TooSmallNotice).render())
        assert "40×12" in text and f"{MIN_WIDTH}×{MIN_HEIGHT}" in text and "Терминал" in text


#: sizes around the minimum, far below it, and comfortably above it
widths = st.one_of(
    st.integers(1, 4), st.integers(MIN_WIDTH - 3, MIN_WIDTH + 2), st.integers(5, 140)
)
heights = st.one_of(
    st.integers(1, 3), st.integers(MIN_HEIGHT - 2, MIN_HEIGHT + 2), st.integers(4, 50)
)


async def _leave(pilot: Pilot) -> None:
    """Back to the home screen from wherever a journey left the app."""
    app = pilot.app
    if app.screen.id == "--command-palette":
        await pilot.press("escape")
        await pilot.pause()
    app.go_home()
    await pilot.pause()


@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_sizes_on_random_screens_never_raise(
    make_app: Callable, data: st.DataObject
) -> None:
    """Each example visits a few screens in a random order and throws random sizes at each."""
    names = data.draw(
        st.lists(st.sampled_from(list(SCREENS)), min_size=1, max_size=3), label="screens"
    )
    plans = [
        data.draw(st.lists(st.tuples(widths, heights), min_size=1, max_size=4), label=name)
        for name in names
    ]

    async def run() -> None:
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            for name, sizes in zip(names, plans, strict=True):
                await SCREENS[name](pilot)
                screen, focused = app.screen, app.focused
                for width, height in sizes:
                    await _resize(pilot, width, height)
                    small = width < MIN_WIDTH or height < MIN_HEIGHT
                    assert app.screen is screen and _covered(app) == small, (name, width, height)
                await _resize(pilot, *SIZE)
                assert app.screen is screen and not _covered(app), name
                assert app.focused is focused, name
                await _leave(pilot)

    asyncio.run(run())
