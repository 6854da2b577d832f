"""The keyboard at 80×24, as the help describes it.

- esc leaves an answer box for its page (arrows, PgUp/PgDn, Home/End then scroll
  it, letters act); esc or q elsewhere is "back", and only the home screen quits;
- the home screen opens a question by its digit;
- esc and a letter typed fast arrive as one alt+letter: still "leave, then the key";
- h puts the cursor in the answer box, with the hint;
- something visible always has the focus.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import Static

from tests.app.conftest import open_question, wait_until
from tutor.app.screens.home import HomeScreen
from tutor.app.screens.question import QuestionScreen
from tutor.app.screens.quiz import QuizScreen
from tutor.app.widgets.answer_box import AnswerBox
from tutor.app.widgets.answer_input import AnswerInput

SIZE = (80, 24)


def focus_is_visible(app: object) -> bool:
    """The focused widget is on screen, inside the screen's own area."""
    focused = app.focused  # type: ignore[attr-defined]
    if focused is None:
        return False
    region = focused.region
    return bool(region.width and region.height) and app.screen.region.overlaps(region)  # type: ignore[attr-defined]


async def test_esc_leaves_the_box_for_a_scrollable_page_then_goes_back(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=(80, 16)) as pilot:  # short: the answer page scrolls
        await open_question(pilot, 1, tab="quiz")
        assert isinstance(app.focused, AnswerInput)
        await wait_until(pilot, lambda: focus_is_visible(app), "the answer box in view")
        await pilot.press("escape")
        page = app.screen.query_one("#quiz-scroll")
        assert app.focused is page
        await wait_until(pilot, lambda: focus_is_visible(app), "the page's focus ring in view")
        assert page.max_scroll_y > 0
        await pilot.press("end")
        assert page.scroll_y == page.max_scroll_y
        await pilot.press("home")
        assert page.scroll_y == 0
        await pilot.press("pagedown")
        assert page.scroll_y > 0
        await pilot.press("up")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen) and focus_is_visible(app))
        await pilot.press("escape")  # on home esc does nothing
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.is_running


async def test_q_is_back_everywhere_and_quits_only_on_home(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z")  # quiz
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)
        await open_question(pilot, 4)  # e.g. from the palette, in the middle of the quiz
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen)  # back to the quiz, not home
        await pilot.press("escape", "q")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.is_running
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_home_opens_a_question_by_its_digit(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.check_action("open_number", (9,)) is False  # 8 questions
        await pilot.press("9")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        for digit in "38":
            await pilot.press(digit)
            await pilot.pause()
            assert isinstance(app.screen, QuestionScreen) and app.screen.number == int(digit)
            assert focus_is_visible(app)
            await pilot.press("q")
            await pilot.pause()


async def test_esc_and_k_typed_fast_skip_without_typing_k(make_app: Callable) -> None:
    app = make_app(mode="quiz")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        first = screen.session.current.id
        # a terminal sends esc and a letter right after it as one key: alt+k
        app.post_message(events.Key("alt+k", "k"))
        await pilot.pause()
        await pilot.pause()
        assert screen.session.current.id != first
        assert screen.box.input.value == "" and screen.box.input.has_focus


async def test_h_gives_the_hint_and_the_cursor_waits_in_the_box(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")  # question 2, its derivation has the focus
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        box = app.screen.query_one(AnswerBox)
        assert "first hint for 2" in str(box.query_one(".hints", Static).render())
        assert box.input.has_focus and focus_is_visible(app)
    app = make_app(mode="quiz")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape", "h")
        await pilot.pause()
        assert app.screen.box.input.has_focus


async def test_the_focus_is_always_on_something_visible(make_app: Callable) -> None:
    from tests.app.conftest import FAKE_ITEMS

    app = make_app(mode="quiz")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert focus_is_visible(app)
        await pilot.press(*FAKE_ITEMS[0].spec, "enter")  # solved: the box closes
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert focus_is_visible(app), app.focused
        await pilot.press("n")
        await pilot.pause()
        for _ in FAKE_ITEMS[1:]:
            await pilot.press("escape", "k")  # esc: out of the box (not back: it is there)
            await pilot.pause()
        assert app.screen.session.finished
        assert focus_is_visible(app), app.focused  # the summary can be scrolled
    app = make_app(question=2)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for tab in "12342":
            await pilot.press(tab)
            await pilot.pause()
            assert focus_is_visible(app), (tab, app.focused)
