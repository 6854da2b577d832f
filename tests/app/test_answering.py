"""Answering at 80×24 with the keyboard: pastes of any size, the echo off the UI thread, verdicts in view.

- a paste longer than the checker's limit is refused at once with one line, and the
  next key is handled as usual; a paste of several lines becomes one answer;
- the live echo runs in a thread: a slow reader never holds up the keys;
- a verdict is scrolled into view, and marked as stale once the answer is edited;
- a checker that fails gives an ``error`` verdict, no attempt is counted, and the
  app goes on.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from textual import events
from textual.widgets import Static

from tests.app.conftest import (
    FAKE_ITEMS,
    fake_check,
    fake_interpret,
    open_question,
    submit,
    wait_until,
)
from tutor.answers.verdict import Verdict
from tutor.app.widgets.answer_box import AnswerBox
from tutor.app.widgets.answer_input import answer_limit

SIZE = (80, 24)


def text_of(widget: Static) -> str:
    return str(widget.render())


def saved_items() -> dict:
    from tutor.progress import ProgressStore

    return ProgressStore(Path(os.environ["DLTUTOR_HOME"])).load().to_json()["items"]


def app_with(checker: Callable = fake_check, interpret: Callable = fake_interpret) -> object:
    from tutor.app.app import TutorApp
    from tutor.app.progress_view import ProgressView

    return TutorApp(
        "en",
        progress=ProgressView.open("en", items=FAKE_ITEMS),
        checker=checker,
        interpret=interpret,
        simplify=lambda item, text: None,
    )


async def _answer_box(pilot: object, question: int = 1) -> AnswerBox:
    app = pilot.app  # type: ignore[attr-defined]
    await open_question(pilot, question, tab="quiz")
    box = app.screen.query(AnswerBox).first()
    box.input.focus()
    await pilot.pause()  # type: ignore[attr-defined]
    return box


async def test_a_megabyte_paste_is_refused_at_once_and_the_next_key_works(
    make_app: Callable,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        box = await _answer_box(pilot)
        await pilot.press("2")
        app.post_message(events.Paste("x" * 1_000_000))
        await pilot.pause()
        echo = box.query_one(".echo", Static)
        limit = answer_limit()
        assert box.input.value == "2"
        assert echo.display and echo.has_class("-error")
        assert "1000001" in text_of(echo) and str(limit) in text_of(echo)
        await pilot.press("x")
        assert box.input.value == "2x"


async def test_typing_past_the_limit_says_so(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        box = await _answer_box(pilot)
        box.input.value = "x" * answer_limit()
        await pilot.press("y")
        await pilot.pause()
        assert len(box.input.value) == answer_limit()
        assert str(answer_limit() + 1) in text_of(box.query_one(".echo", Static))


async def test_a_pasted_block_of_lines_is_one_answer(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        box = await _answer_box(pilot, question=4)
        app.post_message(events.Paste("h1 = W1 x + b1\n\n  y = W3 h1\n"))
        await pilot.pause()
        assert box.input.value == "h1 = W1 x + b1; y = W3 h1"


async def test_a_slow_echo_never_holds_up_the_keys() -> None:
    release = threading.Event()

    def slow_interpret(item: object, text: str, lang: str = "en") -> object:
        release.wait(5)
        return fake_interpret(item, text, lang)  # type: ignore[arg-type]

    app = app_with(interpret=slow_interpret)
    async with app.run_test(size=SIZE) as pilot:
        box = await _answer_box(pilot)
        await pilot.press("2")
        await pilot.pause(0.4)  # the echo is now being read, in its thread
        started = time.monotonic()
        await pilot.press("x")
        assert box.input.value == "2x"
        assert time.monotonic() - started < 2  # not the reader's 5 s
        release.set()
        echo = box.query_one(".echo", Static)
        await wait_until(pilot, lambda: text_of(echo) == "interpreted as: 2x", "the echo of 2x")


async def test_an_edited_answer_marks_its_verdict_as_stale(make_app: Callable) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        box = await _answer_box(pilot)
        await pilot.press("x", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        verdict = box.query_one(".verdict", Static)
        assert "Not right" in text_of(verdict) and not verdict.has_class("-stale")
        await pilot.press("backspace", "I")
        await pilot.pause()
        assert verdict.has_class("-stale")
        assert text_of(verdict).startswith("About your previous answer (x)")
        await pilot.press("backspace", "x")  # back to what was judged
        await pilot.pause()
        assert not verdict.has_class("-stale") and text_of(verdict).startswith("✗")
        await pilot.press("backspace", "I", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not verdict.has_class("-stale") and "Correct" in text_of(verdict)


async def test_the_verdict_of_a_low_item_is_scrolled_into_view() -> None:
    from tutor.app.app import TutorApp
    from tutor.app.progress_view import ProgressView

    # the real items of question 3 (two long prompts), judged by the fake checker
    app = TutorApp(
        "en",
        progress=ProgressView.open("en"),
        checker=fake_check,
        interpret=fake_interpret,
        simplify=lambda item, text: None,
    )
    async with app.run_test(size=SIZE) as pilot:
        await open_question(pilot, 3, tab="quiz")
        scroll = app.screen.query_one("#quiz-scroll")
        for box in app.screen.query(AnswerBox):
            box.input.focus()
            await pilot.pause()
            await pilot.press(*"p - y_hat")
            await submit(pilot, box)
            verdict = box.query_one(".verdict", Static)
            assert "Not right" in text_of(verdict)
            await wait_until(  # scrolled into view after the verdict's layout
                pilot, lambda v=verdict: scroll.region.contains_region(v.region), f"{box.item.id} in view"
            )
        assert scroll.scroll_y > 0  # the last verdict was below the edge


async def test_a_failing_checker_gives_an_error_verdict_and_the_app_goes_on() -> None:
    def broken(item: object, text: str, lang: str) -> Verdict:
        if text == "boom":
            raise RecursionError("maximum recursion depth exceeded")
        return fake_check(item, text, lang)  # type: ignore[arg-type]

    app = app_with(checker=broken)
    async with app.run_test(size=SIZE) as pilot:
        box = await _answer_box(pilot)
        await pilot.press(*"boom", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        verdict = box.query_one(".verdict", Static)
        assert verdict.has_class("-error")
        assert "checker failed" in text_of(verdict) and "RecursionError" in text_of(verdict)
        assert saved_items().get("1a", {}).get("attempts", 0) == 0
        box.input.value = "I"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Correct" in text_of(verdict)
        assert saved_items()["1a"]["attempts"] == 1


async def test_an_error_verdict_from_the_checker_is_shown_as_such() -> None:
    def says_error(item: object, text: str, lang: str) -> Verdict:
        return Verdict("1a", "error", None, "the evaluator ran out of memory")  # type: ignore[arg-type]

    app = app_with(checker=says_error)
    app.start_mode = "quiz"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.screen.box
        await pilot.press("I", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        verdict = box.query_one(".verdict", Static)
        # (whether it counts as an attempt is the session's to decide and record; the
        # box shows the saved status)
        assert verdict.has_class("-error") and "ran out of memory" in text_of(verdict)
