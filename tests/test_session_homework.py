"""The homework's rules through QuizSession: saved state survives a restart, points are
decided once, practice afterwards changes nothing, give-ups are asked about first, and a
session that cannot save says so."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from quiz_fakes import ANSWERS, COURSE, ITEMS, fake_checker
from store_faults import fail_writes

from tutor.content.models import Course, Part, Question, Step
from tutor.progress import ProgressStore
from tutor.quiz.session import QuizSession


def _session(store: ProgressStore | None = None, **kwargs: object) -> QuizSession:
    kwargs.setdefault("lang", "en")
    return QuizSession(ITEMS, checker=fake_checker, course=COURSE, store=store, **kwargs)  # type: ignore[arg-type]


def _at(session: QuizSession, item_id: str) -> QuizSession:
    while session.current is not None and session.current.id != item_id:
        session.advance()
    return session


# -- a restart gives nothing back ---------------------------------------------------------------


def test_three_wrong_answers_then_a_restart_then_the_right_one_earns_nothing(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    first = _at(_session(store), "3.1")
    for answer in ("a", "b", "c"):
        first.submit(answer)
    assert first.state().outcome == "failed"
    # quit, restart
    second = _at(_session(ProgressStore(tmp_path)), "3.1")
    assert second.state().closed and second.state().outcome == "failed"
    assert second.attempts_left == 0
    assert second.submit(ANSWERS["3.1"]).correct
    state = second.state()
    assert state.practice and state.solved_later
    assert (state.outcome, state.earned, second.score) == ("failed", 0.0, 0.0)
    saved = ProgressStore(tmp_path).load().item("3.1")
    assert (saved.status, saved.score, saved.attempts, saved.practice_attempts) == ("failed", 0, 3, 1)
    assert second.summary().saved_score == 0


def test_attempts_carry_over_a_restart(tmp_path: Path) -> None:
    first = _at(_session(ProgressStore(tmp_path)), "1b")
    first.submit("x")
    first.submit("???")  # unreadable: free
    first.submit("y")
    second = _at(_session(ProgressStore(tmp_path)), "1b")
    assert (second.state().attempts, second.attempts_left, second.state().closed) == (2, 1, False)
    second.submit("z")
    assert second.state().outcome == "failed" and second.attempts_left == 0


def test_a_given_up_item_earns_nothing_after_a_restart(tmp_path: Path) -> None:
    first = _at(_session(ProgressStore(tmp_path)), "1b")
    first.give_up()
    second = _at(_session(ProgressStore(tmp_path)), "1b")
    assert second.state().outcome == "given-up" and second.give_up_stake() is None
    second.submit(ANSWERS["1b"])
    assert second.state().solved_later and second.score == 0
    assert ProgressStore(tmp_path).load().item("1b").status == "given-up"


def test_a_solved_item_keeps_its_points_after_a_restart_and_later_mistakes(tmp_path: Path) -> None:
    first = _session(ProgressStore(tmp_path))
    first.submit(ANSWERS["1a"])
    second = _session(ProgressStore(tmp_path))
    assert second.state().outcome == "solved" and second.score == 0.5
    for _ in range(5):
        second.submit("wrong")
    second.give_up()
    assert second.state().outcome == "solved" and second.score == 0.5
    assert second.state().practice_attempts == 5


def test_hints_continue_where_they_stopped(tmp_path: Path) -> None:
    first = _at(_session(ProgressStore(tmp_path)), "1b")
    assert first.next_hint() == "hint 1"
    second = _at(_session(ProgressStore(tmp_path)), "1b")
    assert second.hints_shown() == ("hint 1",)
    assert second.hints_left == 2
    assert second.next_hint() == "hint 2"
    assert ProgressStore(tmp_path).load().item("1b").hints_used == 2


def test_review_mode_serves_closed_unsolved_items_as_practice(tmp_path: Path) -> None:
    first = _session(ProgressStore(tmp_path))
    first.submit(ANSWERS["1a"])
    first.advance()
    first.give_up()
    review = _session(ProgressStore(tmp_path), review=True)
    assert review.current is not None and review.current.id == "1b"
    assert review.state().closed
    review.submit(ANSWERS["1b"])
    assert review.state().practice and review.summary().saved_score == 0.5


# -- two sessions, one item: the store decides on the freshest state ------------------------------


def test_two_sessions_on_one_item_cannot_both_get_extra_attempts(tmp_path: Path) -> None:
    one = _at(_session(ProgressStore(tmp_path)), "3.2")
    two = _at(_session(ProgressStore(tmp_path)), "3.2")
    one.submit("a")
    two.submit("b")
    assert two.state().attempts == 2  # it saw the other session's attempt
    one.submit("c")  # the third attempt overall: failed
    assert one.state().outcome == "failed"
    assert two.state().outcome == "pending"  # stale until it next acts or refreshes
    assert two.submit(ANSWERS["3.2"]).correct
    assert two.state().practice and two.state().outcome == "failed" and two.score == 0
    saved = ProgressStore(tmp_path).load().item("3.2")
    assert (saved.status, saved.attempts, saved.score, saved.solved_later) == ("failed", 3, 0, True)


def test_refresh_picks_up_a_change_made_elsewhere(tmp_path: Path) -> None:
    session = _at(_session(ProgressStore(tmp_path)), "3.1")
    ProgressStore(tmp_path).record_give_up("3.1")
    assert not session.state().closed
    session.refresh()
    assert session.state().outcome == "given-up" and session.give_up_stake() is None


# -- asking before giving up, and what the answer reveals ------------------------------------------


def _course_with_reveals() -> Course:
    """Question 3 of the stand-in course, where 3.2's last step also states 3.1's answer."""
    steps = (
        Step(1, "setup", "…", "3.1"),
        Step(2, "answer 3.1", "…", "3.1", ("3.1",)),
        Step(3, "general p", "…", "3.2"),
        Step(4, "both", "…", "3.2", ("3.2", "3.1")),
    )
    three = Question(
        number=3,
        slug="q3",
        points=3,
        title={"ru": "Потери", "en": "Losses"},
        statement={"ru": "", "en": ""},
        steps={"ru": steps, "en": steps},
        parts=(Part("3.1", {"ru": "3.1", "en": "3.1"}), Part("3.2", {"ru": "3.2", "en": "3.2"})),
    )
    return Course(tuple(three if q.number == 3 else q for q in COURSE))


def test_give_up_stake_counts_the_item_and_what_its_steps_reveal(tmp_path: Path) -> None:
    course = _course_with_reveals()
    store = ProgressStore(tmp_path)
    session = _at(QuizSession(ITEMS, lang="en", checker=fake_checker, course=course, store=store), "3.2")
    three_one = ITEMS[2]
    assert session.give_up_stake() == 3.0 and session.give_up_items() == ("3.1", "3.2")
    assert session.give_up_stake(three_one) == 2.0 and session.give_up_items(three_one) == ("3.1",)
    steps = session.give_up()
    assert [s.index for s in steps] == [3, 4]
    saved = store.load()
    assert saved.item("3.2").status == saved.item("3.1").status == "given-up"
    assert session.give_up_stake() is None and session.give_up_stake(three_one) is None


def test_a_solved_item_costs_nothing_to_give_up_unless_its_steps_reveal_an_open_one(
    tmp_path: Path,
) -> None:
    course = _course_with_reveals()
    session = _at(QuizSession(ITEMS, lang="en", checker=fake_checker, course=course,
                              store=ProgressStore(tmp_path)), "3.2")
    session.submit(ANSWERS["3.2"])
    assert session.give_up_stake() == 2.0 and session.give_up_items() == ("3.1",)
    session.give_up()
    assert session.state().outcome == "solved" and session.score == 1.0
    assert session.give_up_stake() is None


def test_reveal_stake_of_steps_follows_the_saved_state(tmp_path: Path) -> None:
    course = _course_with_reveals()
    store = ProgressStore(tmp_path)
    session = QuizSession(ITEMS, lang="en", checker=fake_checker, course=course, store=store)
    steps = course.question(3).steps["en"]  # type: ignore[union-attr]
    assert not session.reveal_stake(steps[:1])
    stake = session.reveal_stake(steps)
    assert (stake.item_ids, stake.points) == (("3.1", "3.2"), 3.0)
    ProgressStore(tmp_path).record_answer("3.1", "y_hat - p", judged=True, correct=True, score=2)
    stake = session.reveal_stake(steps)  # another process solved 3.1: only 3.2 is at stake
    assert (stake.item_ids, stake.points) == (("3.2",), 1.0)


def test_giving_up_what_steps_reveal_closes_exactly_those_items(tmp_path: Path) -> None:
    course = _course_with_reveals()
    store = ProgressStore(tmp_path)
    session = QuizSession(ITEMS, lang="en", checker=fake_checker, course=course, store=store)
    steps = course.question(3).steps["en"]  # type: ignore[union-attr]
    assert not session.give_up_revealed(steps[:1]) and store.load().item("3.1").status == "not-started"
    stake = session.give_up_revealed(steps[:2])
    assert stake.item_ids == ("3.1",)
    saved = store.load()
    assert (saved.item("3.1").status, saved.item("3.2").status) == ("given-up", "not-started")
    assert session.state("3.1").outcome == "given-up" and not session.reveal_stake(steps[:2])
    offline = QuizSession(ITEMS, lang="en", checker=fake_checker, course=course)  # nothing saved
    assert offline.give_up_revealed(steps[3:]).item_ids == ("3.1", "3.2")
    assert offline.state("3.2").outcome == offline.state("3.1").outcome == "given-up"


def test_the_model_answer_appears_only_once_the_item_is_closed() -> None:
    from tutor.quiz.items import get_item

    items = [get_item(i) for i in ("3.1", "6.relu", "8.1", "4.diagram")]
    session = QuizSession(items, lang="ru")  # type: ignore[arg-type]
    assert session.model_answer() is None
    session.give_up()
    assert session.model_answer() == "ŷ − p"
    session.advance()
    for answer in ("1", "2", "3"):
        session.submit(answer)
    assert session.state().outcome == "failed" and session.model_answer() == "√2"
    session.advance()
    assert session.model_answer() is None
    session.submit("б")
    assert session.state().outcome == "solved"
    assert session.model_answer() == "б) качество на валидационной выборке"
    session.advance()
    session.self_assess(True)
    assert session.model_answer() is None  # self-check: the solution step is the model


# -- never claim a save that did not happen ----------------------------------------------------------


def test_a_newer_progress_file_grades_but_does_not_save(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"schema": 7, "items": {}}), encoding="utf-8")
    session = _session(ProgressStore(tmp_path))
    assert session.save_error is not None and not session.saved
    assert "newer dltutor" in session.save_error.message("en")
    assert session.submit(ANSWERS["1a"]).correct and session.score == 0.5
    summary = session.summary()
    assert summary.saved is False and summary.saved_score is None
    assert json.loads(path.read_text(encoding="utf-8")) == {"schema": 7, "items": {}}


def test_a_full_disk_mid_session_keeps_the_first_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = _session(ProgressStore(tmp_path))
    assert session.saved
    session.submit("wrong")
    calls = fail_writes(monkeypatch)  # the database answers SQLITE_FULL, as on a full disk
    verdict = session.submit(ANSWERS["1a"])
    assert verdict.correct and session.state().outcome == "solved"  # graded…
    assert not session.saved and session.save_error is not None  # …but not saved
    assert "No space left on device" in session.save_error.message("en")
    first = session.save_error
    session.advance()
    session.next_hint()
    session.give_up()
    assert session.save_error is first and len(calls) == 1  # no further writes are tried
    monkeypatch.undo()
    saved = ProgressStore(tmp_path).load().item("1a")
    assert (saved.status, saved.attempts) == ("in-progress", 1)


def test_without_a_store_the_rules_still_hold() -> None:
    session = _session(None)
    for answer in ("a", "b", "c", ANSWERS["1a"]):
        session.submit(answer)
    state = session.state()
    assert (state.outcome, state.attempts, state.practice_attempts, state.solved_later) == (
        "failed", 3, 1, True,
    )
    assert session.score == 0 and not session.saved and session.save_error is None


def test_a_one_item_session_still_sees_what_its_steps_reveal(tmp_path: Path) -> None:
    """The app's question screen keeps one session per item: 3.2's steps also give 3.1 away."""
    from tutor.quiz.items import get_item

    store = ProgressStore(tmp_path)
    session = QuizSession([get_item("3.2")], lang="en", store=store)  # type: ignore[list-item]
    assert session.give_up_items() == ("3.1", "3.2") and session.give_up_stake() == 3.0
    session.give_up()
    saved = store.load()
    assert saved.item("3.1").status == saved.item("3.2").status == "given-up"


def test_an_answer_the_checker_failed_on_is_not_an_attempt(tmp_path: Path) -> None:
    """The engine's last line of defence returns status "error": the student loses nothing."""
    from tutor.answers.verdict import Verdict

    def failing(item: object, text: str, lang: str) -> Verdict:
        return Verdict(getattr(item, "id", "?"), "error", None, "the checker failed", detail="Boom")

    session = _at(QuizSession(ITEMS, checker=failing, course=COURSE, store=ProgressStore(tmp_path),
                              lang="en"), "1b")
    for _ in range(5):
        assert session.submit("2x").status == "error"
    assert (session.state().attempts, session.attempts_left, session.state().closed) == (0, 3, False)
    saved = ProgressStore(tmp_path).load().item("1b")
    assert (saved.attempts, saved.status) == (0, "in-progress")
