"""Choice and self-check items in the app; after a verdict, the interpretation once and a simpler form.

Choice items are the real 8.1 and 8.3 with the real checker; the self-check item is
made up (the course has none yet), judged by nobody: the student says.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Markdown, Static

from tests.app.conftest import (
    FAKE_ITEMS,
    answer_dialog,
    fake_check,
    fake_interpret,
    fake_simplify,
    open_question,
    submit,
    wait_until,
)
from tutor.app.screens.quiz import QuizScreen
from tutor.app.widgets.answer_box import AnswerBox
from tutor.app.widgets.self_check_box import SelfCheckBox
from tutor.quiz.items import QuizItem, load_items

SIZE = (80, 24)


def text_of(widget: Static) -> str:
    return str(widget.render())


def saved_items() -> dict:
    from tutor.progress import ProgressStore

    return ProgressStore(Path(os.environ["DLTUTOR_HOME"])).load().to_json()["items"]


def real_app(lang: str = "en", **kwargs: object) -> object:
    """The app over the real content, items and checker (choice items need no sympy)."""
    from tutor.app.app import TutorApp

    return TutorApp(lang, **kwargs)  # type: ignore[arg-type]


def options_of(box: AnswerBox) -> list[str]:
    return text_of(box.query_one(".options", Static)).splitlines()


async def test_choice_item_letters_its_options_and_is_checked() -> None:
    item = next(i for i in load_items() if i.id == "8.1")
    app = real_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 8, tab="quiz")
        box = app.screen.query_one("#item-8_1", AnswerBox)
        english = [o["en"] for o in item.spec.options]
        assert options_of(box) == [
            f"{letter}) {text}" for letter, text in zip("abcd", english, strict=True)
        ]
        assert "a–d" in box.input.placeholder
        box.input.focus()
        await pilot.press("b", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Correct" in text_of(box.query_one(".verdict", Static))
        assert saved_items()["8.1"]["status"] == "solved"
        # the options follow the language, with Russian letters
        await pilot.press("escape", "ctrl+l")
        await pilot.pause()
        russian = [o["ru"] for o in item.spec.options]
        assert options_of(box) == [
            f"{letter}) {text}" for letter, text in zip("абвг", russian, strict=True)
        ]


async def test_choice_options_in_quiz_mode_and_non_choice_items_have_none() -> None:
    app = real_app("en", mode="quiz", question=8)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuizScreen) and screen.session.current.id == "8.1"
        assert options_of(screen.box)[1] == "b) the quality on a validation set"
        await pilot.press("escape", "n")  # 8.2 asks for a number: no options
        await pilot.pause()
        assert screen.session.current.id == "8.2"
        assert not screen.box.query_one(".options").display
        await pilot.press("escape", "n")
        await pilot.pause()
        assert screen.session.current.id == "8.3"
        assert options_of(screen.box)[0].startswith("a) it penalizes large weights")
        await pilot.press("a", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Correct" in text_of(screen.box.query_one(".verdict", Static))


SELF_CHECK = QuizItem(
    id="8.9",
    question=8,
    part="8.4",
    kind="self-check",
    prompt={"en": "Explain in your own words why dropout rescales.", "ru": "Объясните…"},
    hints=({"en": "think of the expected value", "ru": "ожидание"},),
    points=0.25,
)


def self_check_app(mode: str = "home") -> object:
    from tutor.app.app import TutorApp
    from tutor.app.progress_view import ProgressView

    items = (*FAKE_ITEMS, SELF_CHECK)
    return TutorApp(
        "en",
        mode,  # type: ignore[arg-type]
        8 if mode == "quiz" else None,
        progress=ProgressView.open("en", items=items),
        checker=fake_check,
        interpret=fake_interpret,
        simplify=fake_simplify,
    )


async def test_self_check_item_reveals_the_model_answer_then_records_the_students_word() -> None:
    app = self_check_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 8, tab="quiz")
        box = app.screen.query_one(SelfCheckBox)
        assert not box.query(".answer-input")  # nothing to type
        box.focus()
        await pilot.pause()
        assert "press Enter" in text_of(box.query_one(".self-check-prompt", Static))
        assert box.check_action("assess", (True,)) is False  # not before the model answer
        await pilot.press("y")
        assert box.matched is None
        await pilot.press("enter")
        await pilot.pause()
        model = box.query_one(".model-answer", Markdown)
        assert model.display and "Model answer" in model.source
        question = app.course.question(8)
        dropout = [s for s in question.steps["en"] if s.part == "8.4"]
        assert dropout and all(s.title in model.source for s in dropout)
        assert "y: I got it right" in text_of(box.query_one(".self-check-prompt", Static))
        await pilot.press("y")
        await pilot.pause()
        assert box.matched is True and box.has_class("-solved")
        assert "marked this as right" in text_of(box.query_one(".self-check-prompt", Static))
        saved = saved_items()["8.9"]
        assert saved["status"] == "solved" and saved["score"] == 0.25
        # once said, it cannot be said again
        assert box.check_action("assess", (False,)) is False


async def test_self_check_in_quiz_mode_wrong_goes_to_review() -> None:
    app = self_check_app(mode="quiz")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.session.current.id == "8"
        await pilot.press("escape", "n")
        await pilot.pause()
        assert isinstance(screen.box, SelfCheckBox) and screen.box.has_focus
        await pilot.press("enter")
        # this fake item shares part 8.4 with item 8.4: its model answer gives 8.4 away
        said = await answer_dialog(pilot, yes=True)
        assert "Item 8.4 (0.25 pt) will count as given up" in said
        await pilot.press("n")  # I got it wrong
        await pilot.pause()
        assert screen.session.state().outcome == "failed"
        assert "marked this as wrong" in text_of(screen.box.query_one(".self-check-prompt", Static))
        await pilot.press("n")  # now: the next item (the summary)
        await pilot.pause()
        assert screen.session.finished
        summary = screen.query_one("#summary", Markdown).source
        assert "**8.9**" in summary


async def test_interpretation_shown_once_after_a_verdict(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1, tab="quiz")
        box = app.screen.query(AnswerBox).last()
        box.input.focus()
        await pilot.press("x")
        echo = box.query_one(".echo", Static)
        await wait_until(pilot, lambda: text_of(echo) == "interpreted as: x", "the echo")
        await submit(pilot, box)
        await pilot.pause(0.4)  # longer than the echo's debounce: no late echo comes
        verdict = text_of(box.query_one(".verdict", Static))
        shown = text_of(echo) + "\n" + verdict
        assert shown.count("interpreted as") == 1 and "interpreted as: x" in verdict
        # typing again brings the live echo back for the new text
        await pilot.press("2")
        await wait_until(pilot, lambda: text_of(echo) == "interpreted as: x2", "the new echo")


async def test_enter_right_after_typing_does_not_echo_after_the_verdict(
    make_app: Callable,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1, tab="quiz")
        box = app.screen.query(AnswerBox).last()
        box.input.focus()
        await pilot.press("x", "enter")  # within the echo's debounce
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        assert text_of(box.query_one(".echo", Static)) == ""
        assert "interpreted as: x" in text_of(box.query_one(".verdict", Static))


async def test_a_simpler_form_follows_the_verdict(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1, tab="quiz")
        box = app.screen.query(AnswerBox).last()
        simplified = box.query_one(".simplified", Static)
        box.input.focus()
        await pilot.press(*"x+x")
        await submit(pilot, box)
        assert "interpreted as: x+x" in text_of(box.query_one(".verdict", Static))
        # the simpler form is worked out in a thread after the verdict
        await wait_until(pilot, lambda: text_of(simplified) == "simplified: 2·x", "the simpler form")
        assert make_app.simplify_calls == [("1b", "x+x")]
        # it follows the language, and is not computed again for the same verdict
        await pilot.press("escape", "ctrl+l")
        await wait_until(pilot, lambda: text_of(simplified) == "упрощённо: 2·x", "Russian")
        assert len(make_app.simplify_calls) == 1
        # a new verdict with nothing simpler to say clears it
        await submit(pilot, box, "3x")
        await wait_until(pilot, lambda: make_app.simplify_calls[-1] == ("1b", "3x"), "the simplifier")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert text_of(simplified) == ""


async def test_no_simpler_form_when_it_equals_the_echo_or_the_answer_is_unreadable(
    make_app: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(make_app.simpler, "2*x", "2*x")  # as the fake checker reads 2*x
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 1, tab="quiz")
        box = app.screen.query(AnswerBox).last()
        box.input.focus()
        await pilot.press(*"2*x", "enter")  # read as 2*x, and nothing simpler
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert text_of(box.query_one(".simplified", Static)) == ""
        box.input.value = ")x"  # invalid: not sent to sympy at all
        await box.input.action_submit()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [text for _, text in make_app.simplify_calls] == ["2*x"]


async def test_the_real_checker_simplifies_question_2() -> None:
    """End to end: the real item 2, checker and sympy worker."""
    app = real_app("en")
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 2, tab="quiz")
        box = app.screen.query_one(AnswerBox)
        box.input.focus()
        await pilot.press(*"1-tanh(z)^2", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        verdict = text_of(box.query_one(".verdict", Static))
        assert verdict.count("Correct") == 1 and "1 − tanh²(z)" in verdict  # said once
        assert text_of(box.query_one(".simplified", Static)) == "simplified: 1/cosh²(z)"


async def test_the_live_echo_speaks_the_apps_language_with_the_readers_notes() -> None:
    app = real_app("ru")
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 2, tab="quiz")
        box = app.screen.query_one(AnswerBox)
        echo = box.query_one(".echo", Static)
        box.input.value = "1-th(z)^2£"
        await pilot.pause(0.5)
        said = text_of(echo)
        assert "неожиданный символ" in said and said.count("столбец 10") == 1
        assert echo.has_class("-error")
        box.input.value = "1-th(z)^2"
        await pilot.pause(0.5)
        lines = text_of(echo).splitlines()
        assert lines[0] == "понято как: 1 − tanh²(z)"
        assert any("th" in line and "tanh" in line for line in lines[1:])  # the note
        assert not echo.has_class("-error")


async def test_quiz_header_says_how_a_closed_item_ended(make_app: Callable) -> None:
    app = make_app(mode="quiz")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        header = app.screen.query_one("#quiz-header", Static)
        assert "attempts left 3" in text_of(header)
        await pilot.press("I", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "attempts left" not in text_of(header)
        # the words the item's own title and every other screen use
        screen = app.screen
        assert text_of(header).endswith("· ✓ solved")
        assert "✓ solved" in text_of(screen.box.query_one(".item-title", Static))
        await pilot.press("n", "escape", "s")  # give the next one up, through the dialog
        await answer_dialog(pilot, yes=True)
        await wait_until(pilot, lambda: text_of(header).endswith("· ✗ given up"), "given up")
        assert "✗ given up" in text_of(screen.box.query_one(".item-title", Static))
