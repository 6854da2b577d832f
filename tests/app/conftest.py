"""App tests: fake quiz items and checker (the UI is under test, not the grading), no blinking."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable

import pytest

from tutor.answers.verdict import Verdict
from tutor.quiz.items import QuizItem


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests (Pilot needs an event loop) without a plugin."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture(autouse=True)
def _frozen_ui(monkeypatch: pytest.MonkeyPatch) -> None:
    """Screenshots must not depend on timing: no cursor blink, no animations."""
    from tutor.app.widgets import answer_box

    monkeypatch.setattr(answer_box, "CURSOR_BLINK", False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.delenv("NO_COLOR", raising=False)


def _item(item_id: str, question: int, part: str | None, points: float, answer: str) -> QuizItem:
    return QuizItem(
        id=item_id,
        question=question,
        part=part,
        kind="expression",
        prompt={
            "en": f"Answer {item_id} (it is {answer}).",
            "ru": f"Ответьте на {item_id} ({answer}).",
        },
        hints=(
            {"en": f"first hint for {item_id}", "ru": f"первая подсказка к {item_id}"},
            {"en": f"second hint for {item_id}", "ru": f"вторая подсказка к {item_id}"},
        ),
        points=points,
        spec=answer,
    )


#: one item per question with the seed's points, so a full run scores 10.
FAKE_ITEMS: tuple[QuizItem, ...] = (
    _item("1a", 1, "1a", 0.5, "I"),
    _item("1b", 1, "1b", 0.5, "2x"),
    _item("2", 2, "2", 1, "1-tanh(z)^2"),
    _item("3.1", 3, "3.1", 3, "y-p"),
    _item("4", 4, None, 1, "W3"),
    _item("5", 5, None, 1, "AdamW"),
    _item("6", 6, None, 1, "5/3"),
    _item("7", 7, None, 1, "2C"),
    _item("8", 8, None, 1, "2"),
)


def fake_check(item: QuizItem, text: str, lang: str) -> Verdict:
    """Right when the text equals the item's answer; 'x' for 1b is the named mistake."""
    typed = text.replace(" ", "")
    if typed == item.spec:
        return Verdict(item.id, "correct", typed, "well done" if lang == "en" else "отлично")
    if typed.startswith(")"):
        return Verdict(item.id, "invalid", None, "unbalanced ')' at column 1", column=1)
    mistake = "forgot-factor-2" if (item.id, typed) == ("1b", "x") else None
    message = "you forgot the factor 2" if mistake else "not equal at x = 1"
    return Verdict(item.id, "incorrect", typed, message, mistake=mistake)


class FakeReading:
    def __init__(self, text: str) -> None:
        self.echo = text.replace("*", "·") if not text.startswith(")") else None
        self.error = "unbalanced ')'" if text.startswith(")") else None
        self.column = 1 if self.error else None


def fake_interpret(item: QuizItem, text: str, lang: str = "en") -> FakeReading:
    return FakeReading(text)


#: answers the fake "sympy" knows a simpler form of (others: None, as for a non-scalar item)
SIMPLER = {"x+x": "2·x", "2*x": "2·x"}
#: every (item id, text) the fake simplifier was asked about
SIMPLIFY_CALLS: list[tuple[str, str]] = []


def fake_simplify(item: QuizItem, text: str) -> str | None:
    SIMPLIFY_CALLS.append((item.id, text))
    return SIMPLER.get(text.replace(" ", ""))


@pytest.fixture
def make_app() -> Callable[..., object]:
    """A TutorApp over the real content, with the fake items and checker."""

    def make(lang: str = "en", mode: str = "home", question: int | None = None) -> object:
        from tutor.app.app import TutorApp
        from tutor.app.progress_view import ProgressView

        return TutorApp(
            lang,
            mode,  # type: ignore[arg-type]
            question,
            progress=ProgressView.open(lang, items=FAKE_ITEMS),
            checker=fake_check,
            interpret=fake_interpret,
            simplify=fake_simplify,
        )

    SIMPLIFY_CALLS.clear()
    make.simplify_calls = SIMPLIFY_CALLS  # type: ignore[attr-defined]
    make.simpler = SIMPLER  # type: ignore[attr-defined]
    return make


#: how long a test waits for the app to reach a state before failing (a loaded CI machine
#: can be slow; the wait ends as soon as the state is reached)
PATIENCE = 30.0


async def wait_until(pilot: object, condition: Callable[[], object], what: str = "") -> None:
    """Let the app run (workers, timers, messages) until ``condition()`` holds.

    Tests wait for what they need rather than for a fixed time: a fixed pause
    that suffices on a quiet machine fails under load.
    """
    import time

    deadline = time.monotonic() + PATIENCE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        await pilot.pause(0.01)  # type: ignore[attr-defined]


async def answer_dialog(pilot: object, yes: bool) -> str:
    """Wait for the "Show the solution?" dialog, read it, answer it; returns what it said."""
    from tutor.app.screens.confirm_give_up import ConfirmGiveUp

    app = pilot.app  # type: ignore[attr-defined]
    await wait_until(pilot, lambda: isinstance(app.screen, ConfirmGiveUp), "the confirmation")
    dialog = app.screen
    text = dialog.text
    await pilot.press("y" if yes else "n")  # type: ignore[attr-defined]
    await wait_until(pilot, lambda: app.screen is not dialog, "the dialog to close")
    await pilot.pause()  # type: ignore[attr-defined]
    return text


async def open_question(pilot: object, number: int, tab: str | None = None) -> object:
    """Open question ``number`` (on ``tab``) and wait until its steps and boxes are in place."""

    app = pilot.app  # type: ignore[attr-defined]
    app.open_question(number, tab=tab)
    await wait_until(pilot, lambda: _filled(app.screen, number), f"question {number} filled in")
    screen = app.screen
    await wait_until(pilot, lambda: screen.focused is not None, "the focus on the new screen")
    return screen


def _filled(screen: object, number: int) -> bool:
    from tutor.app.screens.question import QuestionScreen

    return isinstance(screen, QuestionScreen) and screen.number == number and screen.filled


async def submit(pilot: object, box: object, text: str | None = None) -> None:
    """Enter in ``box`` (after setting its text), then wait for the verdict and its workers."""
    app = pilot.app  # type: ignore[attr-defined]
    if text is not None:
        box.input.value = text  # type: ignore[attr-defined]
    box.input.focus()  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await wait_until(pilot, lambda: not box.checking, "the verdict")  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
