"""How the app looks, at 80×24 and 120×40 (pytest-textual-snapshot; SVGs in __snapshots__).

The snapshots show the real content: after editing a question's text, review
the change and run ``pytest tests/app/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from tests.app.conftest import open_question

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare: Callable, make_app: Callable, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_question_half_revealed(
    snap_compare: Callable, make_app: Callable, size: tuple[int, int]
) -> None:
    from tests.app.conftest import answer_dialog, wait_until

    async def reveal_half(pilot: Pilot) -> None:
        app = pilot.app
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(app.screen.query("Derivation")), "the steps")
        derivation = app.screen.query_one("Derivation")
        for k in range(1, derivation.total // 2 + 1):
            await pilot.press("space")
            if derivation.steps[k - 1].reveals:  # it gives 1a away: asked first
                await answer_dialog(pilot, yes=True)
            await wait_until(pilot, lambda k=k: derivation.revealed == k, f"step {k}")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=reveal_half)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_question_2_plot(snap_compare: Callable, make_app: Callable, size: tuple[int, int]) -> None:
    async def open_plot(pilot: Pilot) -> None:
        await open_question(pilot, 2, tab="plot")
        await pilot.press("full_stop", "full_stop")  # move the readout point to z = 2.5
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=open_plot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_quiz_summary(snap_compare: Callable, make_app: Callable, size: tuple[int, int]) -> None:
    from tests.app.conftest import FAKE_ITEMS

    async def run_quiz(pilot: Pilot) -> None:
        app = pilot.app
        await pilot.pause()
        # the first four items right, the rest skipped: a summary with a review list
        for item in FAKE_ITEMS[:4]:
            await pilot.press(*item.spec, "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
        for _ in FAKE_ITEMS[4:]:
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("k")
            await pilot.pause()
        assert app.screen.session.finished

    assert snap_compare(make_app(mode="quiz"), terminal_size=size, run_before=run_quiz)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare: Callable, make_app: Callable, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, press=["f1"])


#: each lab and the question whose screen holds it (issue 5: one snapshot per lab at 80×24)
LAB_QUESTIONS = {
    "tanh": 2,
    "softmax": 3,
    "network": 4,
    "optimizers": 5,
    "init": 6,
    "batchnorm": 7,
    "training": 8,
}


@pytest.mark.parametrize("lab", list(LAB_QUESTIONS))
def test_lab_panel(snap_compare: Callable, make_app: Callable, lab: str) -> None:
    async def open_lab(pilot: Pilot) -> None:
        app = pilot.app
        await open_question(pilot, LAB_QUESTIONS[lab], tab="lab")
        await app.workers.wait_for_complete()  # the experiment runs in a thread
        panel = app.screen.query_one("LabPanel")
        assert panel.spec.id == lab and panel.result is not None
        # the report's new height is laid out on a later refresh than the one that drew it
        await pilot.pause()
        await pilot.pause(0.2)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=open_lab)


def test_verdict_at_the_bottom_of_the_answer_tab(snap_compare: Callable) -> None:
    """Question 3's second item at 80×24: its verdict is scrolled into view."""
    from tests.app.conftest import fake_check, fake_interpret
    from tutor.app.app import TutorApp
    from tutor.app.progress_view import ProgressView

    app = TutorApp(
        "en",
        progress=ProgressView.open("en"),
        checker=fake_check,
        interpret=fake_interpret,
        simplify=lambda item, text: None,
    )

    async def answer_the_last_item(pilot: Pilot) -> None:
        await open_question(pilot, 3, tab="quiz")
        box = list(pilot.app.screen.query("AnswerBox"))[-1]
        box.input.focus()
        await pilot.pause()
        await pilot.press(*"p - y_hat", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=(80, 24), run_before=answer_the_last_item)


def test_command_palette_in_russian(snap_compare: Callable, make_app: Callable) -> None:
    async def open_palette(pilot: Pilot) -> None:
        await pilot.pause(0.3)  # the home table filled in beneath
        await pilot.press("ctrl+p")
        # Wait for the palette to list its commands, not for a fixed time: under load the
        # search runs late and a fixed pause photographs an empty list.
        from textual.command import CommandList

        for _ in range(200):
            await pilot.pause(0.05)
            lists = pilot.app.screen.query(CommandList)
            if lists and lists.first().option_count and not pilot.app.screen._show_busy:
                break
        # The palette's input blinks its cursor; a steady one makes the picture not depend on
        # the blink phase at the moment it is taken.
        from textual.widgets import Input

        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.2)

    assert snap_compare(make_app(lang="ru"), terminal_size=(80, 24), run_before=open_palette)


def test_confirm_give_up_dialog(snap_compare: Callable, make_app: Callable) -> None:
    """Question 1 at 80×24: the second step states 1a's answer, so → asks first."""
    from tests.app.conftest import wait_until
    from tutor.app.screens.confirm_give_up import ConfirmGiveUp

    async def step_onto_the_answer(pilot: Pilot) -> None:
        app = pilot.app
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(app.screen.query("Derivation")), "the steps")
        derivation = app.screen.query_one("Derivation")
        await pilot.press("space")
        await wait_until(pilot, lambda: derivation.revealed == 1, "step 1")
        await pilot.press("space")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmGiveUp), "the dialog")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=step_onto_the_answer)


def test_save_warning(
    snap_compare: Callable, make_app: Callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save that fails: the verdict says "not saved", the line above the footer says why."""
    from pathlib import Path

    from tests.app.conftest import submit, wait_until
    from tutor.progress import ProgressError, ProgressStore

    def read_only(self: ProgressStore, body: object) -> object:
        # a fixed path, so the picture does not depend on the test's temporary dir
        raise ProgressError(Path("/home/student/.local/share/dltutor/progress.db"), "Read-only file system")

    async def answer_unsaved(pilot: Pilot) -> None:
        app = pilot.app
        monkeypatch.setattr(ProgressStore, "_write", read_only)
        app.open_question(1, tab="quiz")
        await wait_until(pilot, lambda: bool(app.screen.query("AnswerBox")), "the answer boxes")
        box = app.screen.query("AnswerBox").first()
        await submit(pilot, box, "I")
        await wait_until(pilot, lambda: app.screen.query_one("SaveWarning").display, "the warning")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=answer_unsaved)


def _practice_history() -> None:
    """A fortnight of practice with a fixed clock: cards, answers, named mistakes."""
    from datetime import datetime, timedelta, timezone

    from tutor.practice.review import reschedule
    from tutor.progress import ProgressStore

    store = ProgressStore()
    start = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    plan = [("6.gain", [3, 1, 3]), ("8.dropout", [4, 3]), ("3.gradient", [2, 2, 3]), ("7.axes", [3]),
            ("2.chain", [4]), ("5.sgd-step", [4]), ("1.chain", [3, 4]), ("4.params", [4, 4])]
    for k, (family, ratings) in enumerate(plan):
        for day, rating in enumerate(ratings):
            at = start + timedelta(days=2 * day, hours=k)

            def schedule(old, family=family, rating=rating, at=at):  # type: ignore[no-untyped-def]
                return reschedule(old, family, rating, at, "practice", fuzz=False), rating

            status = "correct" if rating > 1 else "incorrect"
            mistake = None if rating > 1 else "variance"
            store.append_review("practice", family_id=family, seed=day, status=status,
                                mistake=mistake, at=at, schedule=schedule)
    store.close()


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_stats_screen(snap_compare: Callable, make_app: Callable, size: tuple[int, int]) -> None:
    from datetime import datetime, timezone

    from tutor.app.screens.stats import StatsScreen

    _practice_history()
    now = datetime(2026, 3, 8, 12, 0, tzinfo=timezone.utc)

    async def open_stats(pilot: Pilot) -> None:
        pilot.app.push_screen(StatsScreen(clock=lambda: now, tz=timezone.utc))
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=open_stats)
