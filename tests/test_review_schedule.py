"""Spaced review with a fake clock: the ratings, the cards FSRS moves, what is due and when."""

from __future__ import annotations

import random
from datetime import timedelta, timezone
from pathlib import Path

import pytest
from fsrs import Card, Rating, Scheduler, State
from review_helpers import START, FakeClock, right_answer, wrong_answer

from tutor.practice import get_family, load_families
from tutor.practice.rating import AGAIN, EASY, GOOD, HARD, QUICK_SECONDS, Outcome, rate
from tutor.practice.review import ReviewSchedule, card_id, parse_time, question_items, reschedule
from tutor.practice.session import MAX_TRIES, VariantSession
from tutor.progress import ProgressStore
from tutor.quiz.items import load_items

# -- the rating ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "rating"),
    [
        (Outcome(solved=False, tries=3, hints=0, seconds=10, kind="number"), AGAIN),
        (Outcome(solved=False, tries=0, hints=0, seconds=5, kind="number", given_up=True), AGAIN),
        (Outcome(solved=False, tries=1, hints=2, seconds=500, kind="number", given_up=True), AGAIN),
        (Outcome(solved=True, tries=1, hints=1, seconds=5, kind="number"), HARD),
        (Outcome(solved=True, tries=2, hints=0, seconds=5, kind="choice"), HARD),
        (Outcome(solved=True, tries=3, hints=0, seconds=5, kind="expression"), HARD),
        (Outcome(solved=True, tries=1, hints=0, seconds=61, kind="number"), GOOD),
        (Outcome(solved=True, tries=1, hints=0, seconds=None, kind="number"), GOOD),
        (Outcome(solved=True, tries=1, hints=0, seconds=60, kind="number"), EASY),
        (Outcome(solved=True, tries=1, hints=0, seconds=21, kind="choice"), GOOD),
        (Outcome(solved=True, tries=1, hints=0, seconds=80, kind="vector"), EASY),
    ],
)
def test_the_rating_follows_the_outcome(outcome: Outcome, rating: int) -> None:
    assert rate(outcome) == rating


def test_quick_is_defined_for_every_kind_a_family_produces() -> None:
    from tutor.practice.rating import variant_kind

    kinds = {variant_kind(f.variant(0)) for f in load_families()}
    assert kinds <= set(QUICK_SECONDS) and {"number", "vector", "expression", "choice"} <= kinds


# -- FSRS: our cards move exactly as fsrs's own scheduler says --------------------------------


SEQUENCES = [
    [GOOD, GOOD, GOOD, GOOD],
    [AGAIN, HARD, GOOD, EASY, AGAIN, GOOD],
    [EASY, EASY, HARD, AGAIN, AGAIN, GOOD, EASY],
    [HARD, HARD, HARD],
]


def _fsrs_replay(ratings: list[int], times: list, fuzz: bool) -> Card:
    scheduler = Scheduler(enable_fuzzing=fuzz)
    card = Card(card_id=card_id("6.gain"), due=times[0])
    for rating, moment in zip(ratings, times, strict=True):
        card, _ = scheduler.review_card(card, Rating(rating), review_datetime=moment)
    return card


@pytest.mark.parametrize("ratings", SEQUENCES)
def test_stored_cards_move_as_fsrs_says(tmp_path: Path, ratings: list[int]) -> None:
    """Each review at the card's due time (plus a little): the stored card equals fsrs's."""
    store = ProgressStore(tmp_path)
    clock = FakeClock()
    times = []
    for k, rating in enumerate(ratings):
        cards = store.cards("6.gain")
        if cards:
            clock.now = parse_time(cards[0].due) + timedelta(minutes=3)
        times.append(clock.now)

        def schedule(old, rating=rating, at=clock.now):
            return reschedule(old, "6.gain", rating, at, "practice", fuzz=False), rating

        store.append_review("review", family_id="6.gain", seed=k, status="correct", at=clock.now,
                            schedule=schedule)
        expected = _fsrs_replay(ratings[: k + 1], times, fuzz=False)
        row = store.cards("6.gain")[0]
        stored = Card.from_json(row.card)
        assert parse_time(row.due) == expected.due.astimezone(timezone.utc)
        assert (stored.state, stored.step) == (expected.state, expected.step)
        assert stored.stability == pytest.approx(expected.stability)
        assert stored.difficulty == pytest.approx(expected.difficulty)
        assert row.reviews == k + 1
    lapses = sum(
        1 for k, r in enumerate(ratings) if r == AGAIN and k and _fsrs_replay(ratings[:k], times[:k], False).state == State.Review
    )
    assert store.cards("6.gain")[0].lapses == lapses
    assert [r.rating for r in store.card_reviews("6.gain")] == ratings


def test_fuzzed_intervals_are_fsrs_fuzz(tmp_path: Path) -> None:
    ratings = [EASY, GOOD, GOOD, GOOD]
    times = [START + timedelta(days=d) for d in (0, 5, 20, 60)]
    random.seed(7)
    expected = _fsrs_replay(ratings, times, fuzz=True)
    random.seed(7)
    old = None
    for rating, moment in zip(ratings, times, strict=True):
        old = reschedule(old, "6.gain", rating, moment, "practice", fuzz=True)
    assert old is not None and parse_time(old.due) == expected.due


def test_first_ratings_follow_the_learning_steps(tmp_path: Path) -> None:
    """FSRS's default learning steps are 1 and 10 minutes: Again 1 min, Hard their mean, Good the
    next step; Easy graduates to days at once."""
    due = {r: parse_time(reschedule(None, "6.gain", r, START, "practice", fuzz=False).due) - START
           for r in (AGAIN, HARD, GOOD, EASY)}
    assert due[AGAIN] == timedelta(minutes=1)
    assert due[HARD] == timedelta(minutes=5.5)
    assert due[GOOD] == timedelta(minutes=10)
    assert due[EASY] >= timedelta(days=1)


# -- a variant session rates its card from what happened ------------------------------------------


def _session(tmp_path: Path, clock: FakeClock, kind: str = "practice", family: str = "8.dropout",
             seed: int = 4) -> VariantSession:
    variant = get_family(family).variant(seed)
    return VariantSession(variant, kind=kind, lang="en", store=ProgressStore(tmp_path), clock=clock,
                          fuzz=False)


@pytest.mark.parametrize(
    ("script", "rating"),
    [
        (["right@10"], EASY),
        (["right@200"], GOOD),
        (["hint", "right@10"], HARD),
        (["wrong@5", "right@10"], HARD),
        (["wrong@5", "wrong@5", "wrong@5"], AGAIN),
        (["hint", "give-up@5"], AGAIN),
        (["wrong@5", "leave@5"], AGAIN),
    ],
)
def test_a_session_rates_and_schedules_its_family(tmp_path: Path, script: list[str], rating: int) -> None:
    clock = FakeClock()
    session = _session(tmp_path, clock)
    for step in script:
        action, _, seconds = step.partition("@")
        if seconds:
            clock.advance(seconds=float(seconds))
        if action == "right":
            assert session.submit(right_answer(session.variant)).status == "correct"
        elif action == "wrong":
            assert session.submit(wrong_answer(session.variant)[0]).status == "incorrect"
        elif action == "hint":
            assert session.next_hint()
        elif action == "give-up":
            assert session.give_up()
        elif action == "leave":
            session.leave()
    assert session.rating == rating
    card = ProgressStore(tmp_path).cards("8.dropout")[0]
    expected, _ = Scheduler(enable_fuzzing=False).review_card(
        Card(card_id=card_id("8.dropout"), due=clock.now), Rating(rating), review_datetime=clock.now)
    assert parse_time(card.due) == expected.due
    assert card.introduced_by == "practice"


def test_leaving_before_any_answer_leaves_the_card_alone(tmp_path: Path) -> None:
    clock = FakeClock()
    session = _session(tmp_path, clock)
    session.next_hint()
    session.leave()
    assert session.closed is None and ProgressStore(tmp_path).cards() == []


def test_no_solution_before_the_variant_is_closed(tmp_path: Path) -> None:
    session = _session(tmp_path, FakeClock())
    with pytest.raises(RuntimeError):
        session.solution()
    with pytest.raises(RuntimeError):
        session.model_answer()
    session.submit(wrong_answer(session.variant)[0])
    with pytest.raises(RuntimeError):
        session.solution()


def test_attempts_land_in_the_history_with_every_field(tmp_path: Path) -> None:
    clock = FakeClock()
    session = _session(tmp_path, clock, kind="review", family="7.axes", seed=11)
    wrong, mistake = wrong_answer(session.variant)
    session.next_hint()
    clock.advance(seconds=12)
    session.submit(wrong)
    clock.advance(seconds=8)
    session.submit("what?? ((")  # unreadable: recorded, not a try
    clock.advance(seconds=5)
    session.submit(right_answer(session.variant))
    rows = ProgressStore(tmp_path).attempts(family_id="7.axes")
    assert [(r.kind, r.family_id, r.seed, r.status, r.mistake, r.hints_used, r.seconds) for r in rows] == [
        ("review", "7.axes", 11, "incorrect", mistake, 1, 12.0),
        ("review", "7.axes", 11, "invalid", None, 1, 20.0),
        ("review", "7.axes", 11, "correct", None, 1, 25.0),
    ]
    assert all(r.item_id is None and r.homework is None for r in rows)
    assert session.tries == 2 and session.rating == HARD
    log = ProgressStore(tmp_path).card_reviews("7.axes")
    assert [(r.kind, r.rating, r.attempt) for r in log] == [("review", HARD, rows[-1].id)]


def test_three_wrong_answers_close_the_variant(tmp_path: Path) -> None:
    session = _session(tmp_path, FakeClock())
    for _ in range(MAX_TRIES):
        session.submit(wrong_answer(session.variant)[0])
    assert session.closed == "failed" and session.solution()
    before = len(ProgressStore(tmp_path).attempts())
    assert session.submit(right_answer(session.variant)).status == "correct"  # judged, changes nothing
    assert len(ProgressStore(tmp_path).attempts()) == before and session.rating == AGAIN


# -- what is due -------------------------------------------------------------------------------------


def _card_at(store: ProgressStore, family: str, rating: int, at, source: str = "practice") -> None:
    def schedule(old):
        return reschedule(old, family, rating, at, source, fuzz=False), rating

    store.append_review("practice", family_id=family, seed=1, status="correct", at=at, schedule=schedule)


def test_due_cards_summary_and_forecast(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    clock = FakeClock()
    _card_at(store, "6.gain", AGAIN, clock.now)  # due in 1 min
    _card_at(store, "8.dropout", EASY, clock.now)  # due in days
    schedule = ReviewSchedule(store, clock=clock, tz=timezone.utc)
    assert schedule.due_cards() == []
    summary = schedule.summary()
    assert (summary.due_now, summary.due_today) == (0, 1)
    assert summary.next_due == START + timedelta(minutes=1)
    clock.advance(minutes=2)
    assert [c.family_id for c in schedule.due_cards()] == ["6.gain"]
    easy_due = parse_time(store.cards("8.dropout")[0].due)
    forecast = dict(schedule.forecast())
    assert len(forecast) == 14 and sum(forecast.values()) == 1 + ((easy_due - START).days < 14)
    assert forecast[START.date()] == 1
    if (easy_due - START).days < 14:
        assert forecast[easy_due.date()] == 1


def test_new_families_come_from_closed_questions_in_turn_within_the_daily_limit(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    items = question_items(load_items())
    for number in (7, 8):
        store.record_give_up(*items[number])
    store.record_give_up(items[6][0])  # question 6 only partly closed: its families wait
    clock = FakeClock()
    schedule = ReviewSchedule(store, clock=clock, tz=timezone.utc, new_per_day=5)
    families = [f.id for f in load_families()]
    new = schedule.new_families(families, store.load(), items)
    sevens = [f for f in families if f.startswith("7.")]
    eights = [f for f in families if f.startswith("8.")]
    assert new == [sevens[0], eights[0], sevens[1], eights[1], sevens[2]]
    for family in new[:3]:  # introduced by review today: the allowance shrinks
        _card_at(store, family, GOOD, clock.now, source="review")
    assert set(schedule.new_families(families, store.load(), items)) == set(new[3:5])
    _card_at(store, eights[2], GOOD, clock.now, source="practice")  # practice is not counted
    later = schedule.new_families(families, store.load(), items)
    assert len(later) == 2 and eights[2] not in later and not set(later) & set(new[:3])
    clock.advance(days=1)
    assert len(schedule.new_families(families, store.load(), items)) == 5


def test_an_older_database_gains_the_review_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tutor.store import schema

    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 1)
    old = ProgressStore(tmp_path)
    old.append_attempt("practice", family_id="6.gain", seed=1, status="correct")
    old.close()
    monkeypatch.undo()
    store = ProgressStore(tmp_path)
    assert store.cards() == []
    _card_at(store, "6.gain", GOOD, START)
    assert [c.family_id for c in store.cards()] == ["6.gain"]
    assert len(store.attempts()) == 2 and store.take_warnings() == []
