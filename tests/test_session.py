"""The UI-agnostic quiz session, with a stand-in checker and a small course."""

from __future__ import annotations

from pathlib import Path

import pytest
from quiz_fakes import ANSWERS, COURSE, ITEMS, fake_checker

from tutor.answers.verdict import Verdict
from tutor.progress import ProgressStore
from tutor.quiz.items import QuizItem
from tutor.quiz.scoring import format_points, question_status, score_questions
from tutor.quiz.session import QuizSession, QuizSessionError


def _session(**kwargs: object) -> QuizSession:
    kwargs.setdefault("lang", "en")
    return QuizSession(ITEMS, checker=fake_checker, course=COURSE, **kwargs)  # type: ignore[arg-type]


def test_order_and_navigation() -> None:
    session = _session()
    seen = []
    while not session.finished:
        seen.append((session.position, session.current.id))  # type: ignore[union-attr]
        session.advance()
    assert seen == [(1, "1a"), (2, "1b"), (3, "3.1"), (4, "3.2"), (5, "4.params")]
    assert session.current is None and session.total == 5
    with pytest.raises(QuizSessionError):
        session.advance()
    with pytest.raises(QuizSessionError):
        session.submit("I")


def test_only_one_question() -> None:
    session = _session(only=3)
    assert [i.id for i in session.items] == ["3.1", "3.2"]
    assert session.max_score == 3
    assert _session(only=2).finished


def test_correct_answer_solves_and_scores() -> None:
    session = _session()
    verdict = session.submit("I")
    assert verdict.correct and verdict.message == "en:True"
    assert session.state().outcome == "solved" and session.state().attempts == 1
    assert session.score == 0.5
    again = session.submit("wrong")  # a closed item takes practice answers: judged, not scored
    assert again.status == "incorrect" and session.state().practice
    state = session.state()
    assert (state.outcome, state.attempts, state.practice_attempts, session.score) == ("solved", 1, 1, 0.5)


def test_attempts_are_limited_and_invalid_answers_are_free() -> None:
    session = _session(max_attempts=3)
    session.advance()  # 1b
    assert session.submit("???").status == "invalid"
    assert session.attempts_left == 3
    assert session.submit("x").status == "incorrect"
    assert session.submit("2").status == "incorrect"
    assert session.attempts_left == 1 and not session.state().closed
    assert session.submit("x^T x").status == "incorrect"
    state = session.state()
    assert (state.outcome, state.attempts, state.earned) == ("failed", 3, 0.0)
    assert session.attempts_left == 0


def test_hint_ladder() -> None:
    session = _session(lang="ru")
    session.advance()  # 1b has three hints
    assert session.hints_left == 3
    assert [session.next_hint() for _ in range(4)] == [
        "подсказка 1",
        "подсказка 2",
        "подсказка 3",
        None,
    ]
    assert session.state().hints_used == 3 and session.hints_left == 0
    session.submit("2x")
    assert session.score == 0.5  # hints do not reduce the points


def test_give_up_shows_the_parts_steps_and_scores_zero() -> None:
    session = _session()
    session.advance()  # 1b
    steps = session.give_up()
    assert [s.part for s in steps] == ["1b"]
    assert session.state().outcome == "given-up" and session.score == 0
    assert session.submit("2x").correct  # practice after the solution: solved later, 0 points
    assert session.state().solved_later and session.state().outcome == "given-up"
    assert session.score == 0
    session.advance()
    session.advance()
    session.advance()  # 4.params: no part, the whole solution
    assert len(session.give_up()) == 2


def test_give_up_after_solving_keeps_the_points() -> None:
    session = _session()
    session.submit("I")
    session.give_up()
    assert session.state().outcome == "solved" and session.score == 0.5


def test_skip_moves_on_and_goes_to_review() -> None:
    session = _session(only=1)
    session.skip()
    assert session.current.id == "1b"  # type: ignore[union-attr]
    session.submit("2x")
    session.advance()
    assert session.finished
    summary = session.summary()
    assert [(e.item.id, e.outcome, e.question_title, e.part_title) for e in summary.review] == [
        ("1a", "skipped", "Derivatives", "part 1a")
    ]


def test_summary_scores_per_question_and_review_list() -> None:
    session = _session(lang="ru")
    session.submit("I")  # 1a solved: 0.5
    session.advance()
    session.next_hint()
    session.give_up()  # 1b given up
    session.advance()
    session.submit("y_hat - p")  # 3.1 solved: 2
    session.advance()
    session.skip()  # 3.2 skipped
    # 4.params never reached
    summary = session.summary()
    rows = [(q.number, q.title["ru"], q.score, q.points) for q in summary.questions]
    assert rows == [
        (1, "Задача-Derivatives", 0.5, 1.0),
        (3, "Задача-Losses", 2.0, 3.0),
        (4, "Задача-Networks", 0.0, 1.0),
    ]
    assert (summary.score, summary.max_score, summary.hints_used) == (2.5, 5.0, 1)
    assert [(e.item.id, e.outcome) for e in summary.review] == [
        ("1b", "given-up"),
        ("3.2", "skipped"),
        ("4.params", "pending"),
    ]
    assert summary.review[0].part_title == "пункт 1b"
    assert summary.review[2].part_title is None
    assert summary.saved_score is None


def test_all_solved_scores_the_full_points() -> None:
    session = _session()
    while not session.finished:
        session.submit(ANSWERS[session.current.id])  # type: ignore[union-attr]
        session.advance()
    summary = session.summary()
    assert summary.score == summary.max_score == sum(i.points for i in ITEMS) == 5
    assert summary.review == ()


def test_events_are_recorded_in_the_store(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    session = _session(store=store)
    session.submit("wrong")
    session.submit("I")
    session.advance()
    session.next_hint()
    session.next_hint()
    session.give_up()
    session.advance()
    saved = store.load()
    assert (saved.item("1a").status, saved.item("1a").attempts, saved.item("1a").score) == (
        "solved",
        2,
        0.5,
    )
    assert (saved.item("1b").status, saved.item("1b").hints_used) == ("given-up", 2)
    assert (saved.last_question, saved.last_item) == (3, "3.1")
    summary = session.summary()
    assert (summary.saved_score, summary.saved_max) == (0.5, 5.0)


def test_review_mode_keeps_the_unsolved_items(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    first = _session(store=store)
    first.submit("I")
    first.advance()
    first.give_up()
    first.advance()
    first.submit("y_hat - p")
    review = _session(store=store, review=True)
    assert [i.id for i in review.items] == ["1b", "3.2", "4.params"]
    assert [i.id for i in _session(store=store, review=True, only=1).items] == ["1b"]
    # a later session that solves nothing does not lose earlier points
    review.skip()
    assert review.summary().saved_score == 2.5


def test_unwritable_store_grades_without_saving(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    session = _session(store=ProgressStore(blocker / "dltutor"))
    assert session.save_error is not None
    assert str(blocker / "dltutor" / "progress.db") in str(session.save_error)
    assert session.submit("I").correct and session.score == 0.5
    assert session.summary().saved_score is None


def test_self_check_items() -> None:
    item = QuizItem("8.1", 8, None, "self-check", {"ru": "?", "en": "?"}, (), 1)
    session = QuizSession([item], lang="en", checker=fake_checker, course=COURSE)
    session.self_assess(True)
    assert session.score == 1 and session.state().outcome == "solved"


def test_scoring_helpers() -> None:
    rows = score_questions(ITEMS, {"1a": 0.5, "1b": 7.0, "3.2": -1}, None)
    assert [(r.number, r.score, r.points) for r in rows] == [
        (1, 1.0, 1.0),
        (3, 0.0, 3.0),
        (4, 0.0, 1.0),
    ]
    assert format_points(0.5) == "0.5" and format_points(2.0) == "2" and format_points(10) == "10"
    assert question_status([]) == "not-started"
    assert question_status(["not-started", "not-started"]) == "not-started"
    assert question_status(["solved", "solved"]) == "solved"
    assert question_status(["solved", "given-up"]) == "given-up"
    assert question_status(["solved", "not-started"]) == "in-progress"
    # a failed item is closed like a given-up one: the question is "not solved", not "in progress"
    assert question_status(["failed"]) == "failed"
    assert question_status(["solved", "failed"]) == "failed"
    assert question_status(["given-up", "failed"]) == "failed"
    assert question_status(["failed", "in-progress"]) == "in-progress"


def test_real_items_total_ten_points_when_all_solved() -> None:
    """The seed's points: 1, 1, 3, 1, 1, 1, 1, 1; items of a question sum to its points."""
    from tutor.content import load_course
    from tutor.quiz.items import load_items

    items = load_items()
    course = load_course()
    seed_points = {1: 1, 2: 1, 3: 3, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1}
    for question in course:
        assert question.points == seed_points[question.number]
        own = [i.points for i in items if i.question == question.number]
        assert sum(own) == pytest.approx(question.points), question.number

    def always_right(item: QuizItem, text: str, lang: str) -> Verdict:
        return Verdict(item.id, "correct", text, "")

    session = QuizSession(items, lang="en", checker=always_right)
    while not session.finished:
        if session.current.kind == "self-check":  # type: ignore[union-attr]
            session.self_assess(True)
        else:
            session.submit("anything")
        session.advance()
    assert session.summary().score == pytest.approx(sum(seed_points.values())) == 10


def test_choice_options_use_the_checkers_letters() -> None:
    from tutor.answers.spec import ChoiceSpec

    options = ({"ru": "первый", "en": "first"}, {"ru": "второй", "en": "second"})
    item = QuizItem("8.9", 8, None, "choice", {"ru": "?", "en": "?"}, (), 1, ChoiceSpec(options, 1))
    assert QuizSession([item], lang="en", course=COURSE).options() == (
        ("a", "first"),
        ("b", "second"),
    )
    assert QuizSession([item], lang="ru", course=COURSE).options() == (
        ("а", "первый"),
        ("б", "второй"),
    )
    assert _session().options() == ()  # not a choice item
