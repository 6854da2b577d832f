"""Practice, spaced review and stats in the app, at 80×24, keyboard only, on the real checker."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from review_helpers import right_answer, wrong_answer

from tutor.app.widgets.prose import Prose
from tutor.practice import get_family
from tutor.practice.rating import AGAIN, EASY, GOOD
from tutor.practice.review import parse_time, reschedule
from tutor.progress import ProgressStore

SIZE = (80, 24)


def _cards(*plan: tuple[str, int, float]) -> None:
    """Cards reviewed ``days`` ago with ``rating`` (in the test's data dir)."""
    store = ProgressStore()
    now = datetime.now(timezone.utc)
    for family, rating, days in plan:
        at = now - timedelta(days=days)

        def schedule(old, family=family, rating=rating, at=at):  # type: ignore[no-untyped-def]
            return reschedule(old, family, rating, at, "practice", fuzz=False), rating

        store.append_review("practice", family_id=family, seed=1, status="correct", at=at,
                            schedule=schedule)
    store.close()


def _text(app: object, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def _answer(pilot: Pilot, text: str) -> None:
    screen = pilot.app.screen
    screen.box.input.value = text  # type: ignore[attr-defined]
    await pilot.press("enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_home_says_what_is_due_and_review_serves_only_due_cards(make_app: Callable, lang: str) -> None:
    _cards(("6.gain", AGAIN, 2), ("8.dropout", GOOD, 3), ("7.axes", EASY, 0))  # 7.axes: due in days
    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        line = _text(app, "#home-reviews")
        assert ("2 due today, next now" if lang == "en" else "на сегодня 2, следующее сейчас") in line
        await pilot.press("v")
        await pilot.pause()
        served = []
        for _ in range(3):
            screen = app.screen
            if screen.session is None:
                break
            served.append(screen.session.family)
            variant = screen.session.variant
            assert str(variant.seed) in str(screen.box.query_one(".item-title", Static).render())
            assert not screen.query_one("#practice-solution", Prose).display  # nothing before trying
            await _answer(pilot, right_answer(variant, lang))
            assert screen.session.closed == "solved"
            assert screen.query_one("#practice-outcome", Static).display
            await pilot.press("n")
            await pilot.pause()
        assert sorted(served) == ["6.gain", "8.dropout"]
        assert app.screen.nothing_due
        await pilot.press("q")
        await pilot.pause()
        await pilot.pause()
        after = _text(app, "#home-reviews")  # shown again: the two reviewed cards have moved
        assert "2 due today" not in after and "на сегодня 2" not in after
    store = ProgressStore()
    rows = store.attempts(kinds=["review"])
    assert sorted(r.family_id for r in rows) == ["6.gain", "8.dropout"]
    assert all(r.status == "correct" and r.seconds is not None for r in rows)
    now = datetime.now(timezone.utc)
    for family in ("6.gain", "8.dropout"):  # rescheduled: reviewed twice, due again only later
        card = store.cards(family)[0]
        assert card.reviews == 2 and parse_time(card.due) > now
        assert [r.kind for r in store.card_reviews(family)] == ["practice", "review"]


async def test_practice_hint_wrong_answer_then_solution_on_request(make_app: Callable) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "down", "down", "down", "down", "down")  # question 8
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert screen.session.family.startswith("8.")
        variant = screen.session.variant
        await pilot.press("escape", "h")
        await pilot.pause()
        assert "Hint 1" in str(screen.box.query_one(".hints", Static).render())
        assert app.focused is screen.box.input  # the hint is read to answer
        wrong, _ = wrong_answer(variant)
        await _answer(pilot, wrong)
        assert screen.session.tries == 1 and screen.session.closed is None
        assert "tries left: 2" in str(screen.box.query_one(".item-title", Static).render())
        assert not screen.query_one("#practice-solution", Prose).display
        await pilot.press("escape", "s")
        await pilot.pause()
        assert screen.session.closed == "given-up" and screen.session.rating == AGAIN
        assert screen.query_one("#practice-solution", Prose).display
        assert "not recalled (Again)" in _text(app, "#practice-outcome")
        await pilot.press("n")
        await pilot.pause()
        assert screen.session.variant.family != variant.family or screen.session.seed != variant.seed
        await pilot.press("escape", "q")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
    card = ProgressStore().cards(variant.family)[0]
    assert card.reviews == 1 and ProgressStore().load().items == {}  # the homework untouched


async def test_language_switch_on_the_practice_screen(make_app: Callable) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_practice(["2.derivative-at"], seed=5)
        await pilot.pause()
        screen = app.screen
        variant = get_family("2.derivative-at").variant(5)
        assert screen.session.variant == variant
        assert "seed 5" in str(screen.box.query_one(".item-title", Static).render())
        await pilot.press("escape", "ctrl+l")
        await pilot.pause()
        assert "вариант 5" in str(screen.box.query_one(".item-title", Static).render())
        assert "Тренировка" in _text(app, "#practice-header")
        assert "Enter — проверить" in _text(app, "#practice-prompt")


async def test_stats_screen_shows_reviews_ideas_and_mistakes(make_app: Callable) -> None:
    _cards(("6.gain", AGAIN, 1))
    store = ProgressStore()
    store.append_attempt("practice", family_id="6.gain", seed=3, status="incorrect", mistake="variance")
    store.close()
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.pause()
        assert "Reviews: 1 due now" in _text(app, "#stats-reviews")
        ideas = _text(app, "#stats-ideas")
        assert "6.gain" in ideas and "50%" in ideas
        assert "6.gain  variance  ×1" in _text(app, "#stats-mistakes")
        await pilot.press("v")
        await pilot.pause()
        assert app.screen.session.family == "6.gain"
        await pilot.press("escape", "q")
        await pilot.pause()
        assert type(app.screen).__name__ == "StatsScreen"


async def test_review_started_from_the_command_line_paints_its_first_variant(make_app: Callable) -> None:
    _cards(("3.component", AGAIN, 1))
    from tutor.app.app import TutorApp
    from tutor.app.progress_view import ProgressView

    app = TutorApp("en", "review", progress=ProgressView.open("en"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.session.family == "3.component"
        assert app.screen.box.input.has_focus
        await pilot.press("escape", "q")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_reviews_line_fits_on_one_line_and_says_when_the_next_is(
    make_app: Callable, lang: str, size: tuple[int, int]
) -> None:
    _cards(("7.axes", EASY, 0))  # nothing due today: the line says when the next one is
    app = make_app(lang=lang)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        line = app.screen.query_one("#home-reviews", Static)
        assert ("next in" if lang == "en" else "следующее через") in _text(app, "#home-reviews")
        assert line.region.height == 1
        prompt = app.screen.query_one("#home-prompt", Static).region
        assert prompt.height >= 1 and prompt.bottom <= size[1] - 1  # the key prompt stays above the footer


async def test_practice_without_any_family_says_so(make_app: Callable, monkeypatch: pytest.MonkeyPatch) -> None:
    import tutor.practice

    monkeypatch.setattr(tutor.practice, "load_families", lambda course=None: ())
    app = make_app(lang="ru")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.session is None
        assert "нет вариантов для тренировки" in _text(app, "#practice-empty")
        await pilot.press("n", "q")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
