"""The attempt history: what each write appends, append_attempt for practice and review, stats.

Practice and review never change the homework's points (issue 11 §8): append_attempt
touches no homework state, and homework answers go through record_answer only.
"""

from __future__ import annotations

import math
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tutor.progress import ProgressStore
from tutor.store.history import AttemptCount, MistakeCount

T0 = datetime(2025, 3, 1, 9, 30, tzinfo=timezone.utc)


def test_record_calls_append_their_rows(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.record_hints("3.1", 1)
    store.record_answer("3.1", "p - y_hat", judged=True, correct=False, score=2,
                        mistake="3.1.sign", seconds=42.5)
    store.record_answer("3.1", "((", judged=False, correct=False, score=2)
    store.record_answer("3.1", "y_hat - p", judged=True, correct=True, score=2)
    store.record_answer("3.1", "y_hat - p", judged=True, correct=True, score=2)  # practice now
    store.record_give_up("3.1", "3.2")  # closes only 3.2
    rows = store.attempts()
    assert [(r.kind, r.item_id, r.status, r.answer) for r in rows] == [
        ("homework", "3.1", "hint", None),
        ("homework", "3.1", "incorrect", "p - y_hat"),
        ("homework", "3.1", "invalid", "(("),
        ("homework", "3.1", "correct", "y_hat - p"),
        ("practice", "3.1", "correct", "y_hat - p"),
        ("homework", "3.2", "given-up", None),
    ]
    second = rows[1]
    assert (second.mistake, second.seconds, second.hints_used, second.homework) == (
        "3.1.sign", 42.5, 1, 1
    )
    assert rows[0].at.endswith("+00:00") and rows[0].at <= rows[-1].at
    assert all(r.family_id is None and r.seed is None for r in rows)


def test_status_given_by_the_caller_wins(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.record_answer("1a", "x", judged=False, correct=False, score=0.5, status="error")
    assert [r.status for r in store.attempts()] == ["error"]
    assert store.load().item("1a").attempts == 0


def test_append_attempt_for_practice_and_review(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    first = store.append_attempt("practice", family_id="6.gain", seed=2**40, answer="5/3",
                                 status="correct", hints_used=1, seconds=12.0, at=T0)
    second = store.append_attempt("review", item_id="2", answer="1 - tanh(z)", status="incorrect",
                                  mistake="2.missing-square",
                                  at=T0.astimezone(timezone(timedelta(hours=3))))
    assert second == first + 1
    a, b = store.attempts()
    assert (a.kind, a.family_id, a.seed, a.homework, a.at) == (
        "practice", "6.gain", 2**40, None, "2025-03-01T09:30:00.000+00:00"
    )
    assert (b.kind, b.item_id, b.homework, b.at) == ("review", "2", 1, a.at)  # stored in UTC
    assert store.attempts(family_id="6.gain") == [a] and store.attempts(item_id="2") == [b]
    assert store.attempts(kinds=["review"]) == [b] and store.attempts(limit=1) == [b]


def test_practice_and_review_never_change_the_homework(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.record_answer("2", "wrong", judged=True, correct=False, score=1)
    before = store.load()
    for kind in ("practice", "review"):
        store.append_attempt(kind, item_id="2", answer="1 - tanh(z)^2", status="correct")  # type: ignore[arg-type]
        store.append_attempt(kind, family_id="2.tanh", seed=5, status="given-up")  # type: ignore[arg-type]
    assert store.load() == before
    assert before.updated_at == store.load().updated_at


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"kind": "homework", "item_id": "1a", "status": "correct"}, "record_answer"),
        ({"kind": "exam", "item_id": "1a", "status": "correct"}, "practice or review"),
        ({"kind": "practice", "status": "correct"}, "exactly one"),
        ({"kind": "practice", "item_id": "1a", "family_id": "f", "status": "correct"}, "exactly one"),
        ({"kind": "practice", "item_id": "1a", "seed": 3, "status": "correct"}, "seed"),
        ({"kind": "practice", "family_id": "f", "seed": 2**64, "status": "correct"}, "64 bits"),
        ({"kind": "practice", "family_id": "f", "seed": True, "status": "correct"}, "seed"),
        ({"kind": "practice", "family_id": "f", "status": ""}, "status"),
        ({"kind": "practice", "family_id": "f", "status": "correct", "hints_used": -1}, "hints"),
        ({"kind": "practice", "family_id": "f", "status": "correct", "seconds": math.nan}, "seconds"),
        ({"kind": "practice", "family_id": "f", "status": "correct", "seconds": -2}, "seconds"),
        ({"kind": "practice", "family_id": "f", "status": "correct",
          "at": datetime(2025, 1, 1)}, "timezone"),  # naive
        ({"kind": "practice", "family_id": 7, "status": "correct"}, "text"),
    ],
)
def test_append_attempt_refuses_rows_the_history_does_not_hold(
    tmp_path: Path, kwargs: dict[str, object], words: str
) -> None:
    store = ProgressStore(tmp_path)
    kind = kwargs.pop("kind")
    with pytest.raises(ValueError, match=words):
        store.append_attempt(kind, **kwargs)  # type: ignore[arg-type]
    assert not (tmp_path / "progress.db").exists()  # refused before anything was created


def test_the_schema_refuses_them_too(tmp_path: Path) -> None:
    """The CHECKs hold for any writer, not only this module's validation."""
    ProgressStore(tmp_path).set_lang("en")
    conn = sqlite3.connect(tmp_path / "progress.db", isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    try:
        for values in (
            ("t", "exam", "1a", None, None, "correct"),
            ("t", "practice", None, None, None, "correct"),
            ("t", "practice", "1a", "f", None, "correct"),
            ("t", "practice", "1a", None, 3, "correct"),
        ):
            with pytest.raises(sqlite3.IntegrityError):
                conn.execute(
                    "INSERT INTO attempts (at, kind, item_id, family_id, seed, status)"
                    " VALUES (?, ?, ?, ?, ?, ?)", values,
                )
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO attempts (at, kind, item_id, status, homework)"
                         " VALUES ('t', 'practice', '1a', 'correct', 99)")
    finally:
        conn.close()


def test_reset_keeps_the_history_and_numbers_the_homework_attempts(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    store.append_attempt("practice", family_id="1.linear", seed=1, status="correct")
    store.reset()
    store.record_answer("1a", "x", judged=True, correct=False, score=0.5)
    rows = store.attempts()
    assert [(r.item_id or r.family_id, r.homework) for r in rows] == [
        ("1a", 1), ("1.linear", None), ("1a", 2)
    ]
    assert store.load().item("1a").attempts == 1  # the new attempt at the homework starts afresh


def test_a_lone_surrogate_in_the_history_is_kept(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.record_answer("1a", "x\ud800y", judged=False, correct=False, score=0.5)
    store.append_attempt("practice", family_id="f\udfff", seed=1, answer="\ud800", status="invalid")
    assert [r.answer for r in ProgressStore(tmp_path).attempts()] == ["x\ud800y", "\ud800"]
    assert ProgressStore(tmp_path).attempts(family_id="f\udfff")[0].seed == 1


# -- stats ---------------------------------------------------------------------------------------


def _history(store: ProgressStore) -> None:
    day = timedelta(days=1)
    rows = [
        (T0, "6.gain", "correct", None),
        (T0, "6.gain", "incorrect", "6.gain.relu-sqrt"),
        (T0 + day, "6.gain", "incorrect", "6.gain.relu-sqrt"),
        (T0 + day, "6.gain", "given-up", None),
        (T0 + day, "6.gain", "hint", None),
        (T0 + day, "6.gain", "invalid", None),
        (T0, "2.sigmoid", "incorrect", "2.sigmoid.no-square"),
        (T0 + 40 * day, "2.sigmoid", "correct", None),
    ]
    for at, family, status, mistake in rows:
        store.append_attempt("practice", family_id=family, seed=1, status=status, mistake=mistake,
                             at=at)
    store.append_attempt("review", family_id="6.gain", seed=9, status="incorrect",
                         mistake="6.gain.relu-sqrt", at=T0 + 2 * day)


def test_attempt_counts_per_family_per_day_and_month(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    _history(store)
    assert store.attempt_counts() == [
        AttemptCount("2.sigmoid", "2025-03-01", 1, 0),
        AttemptCount("2.sigmoid", "2025-04-10", 1, 1),
        AttemptCount("6.gain", "2025-03-01", 2, 1),
        AttemptCount("6.gain", "2025-03-02", 2, 0),  # a give-up counts; hints and unreadable do not
        AttemptCount("6.gain", "2025-03-03", 1, 0),
    ]
    assert store.attempt_counts(period="month", kinds=["practice"]) == [
        AttemptCount("2.sigmoid", "2025-03", 1, 0),
        AttemptCount("2.sigmoid", "2025-04", 1, 1),
        AttemptCount("6.gain", "2025-03", 4, 1),
    ]
    assert store.attempt_counts(since=T0 + timedelta(days=30)) == [
        AttemptCount("2.sigmoid", "2025-04-10", 1, 1)
    ]
    assert store.attempt_counts(kinds=[]) == []
    with pytest.raises(ValueError, match="period"):
        store.attempt_counts(period="week")  # type: ignore[arg-type]


def test_common_mistakes(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    _history(store)
    assert store.common_mistakes() == [
        MistakeCount("6.gain", "6.gain.relu-sqrt", 3),
        MistakeCount("2.sigmoid", "2.sigmoid.no-square", 1),
    ]
    assert store.common_mistakes(kinds=["practice"], limit=1) == [
        MistakeCount("6.gain", "6.gain.relu-sqrt", 2)
    ]


def test_stats_on_nothing_saved_create_nothing(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "new")
    assert store.attempts() == [] and store.attempt_counts() == [] and store.common_mistakes() == []
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize(
    ("query", "index"),
    [
        ("SELECT * FROM attempts WHERE item_id = ? ORDER BY at", "attempts_by_item"),
        ("SELECT * FROM attempts WHERE family_id = ? ORDER BY at", "attempts_by_family"),
        ("SELECT coalesce(item_id, family_id), mistake, count(*) FROM attempts"
         " WHERE mistake IS NOT NULL GROUP BY 1, 2", "attempts_by_mistake"),
        ("SELECT * FROM attempts WHERE at >= ?", "attempts_by_time"),
    ],
)
def test_the_history_queries_use_an_index(tmp_path: Path, query: str, index: str) -> None:
    """How the stats stay fast over 100,000 rows without timing anything (bench/store.py times them)."""
    ProgressStore(tmp_path).set_lang("en")
    conn = sqlite3.connect(tmp_path / "progress.db")
    try:
        plan = " ".join(str(row[-1]) for row in conn.execute(f"EXPLAIN QUERY PLAN {query}",
                                                            ("x",) * query.count("?")))
    finally:
        conn.close()
    assert index in plan, plan


def test_a_quiz_session_records_the_verdicts_status_and_mistake(tmp_path: Path) -> None:
    from quiz_fakes import COURSE, ITEMS

    from tutor.answers.verdict import Verdict
    from tutor.quiz.session import QuizSession

    def checker(item: object, text: str, lang: str) -> Verdict:
        item_id = item.id  # type: ignore[attr-defined]
        if text == "wrong":
            return Verdict(item_id, "incorrect", text, "no", mistake=f"{item_id}.sign")
        return Verdict(item_id, "correct", text, "yes")

    store = ProgressStore(tmp_path)
    session = QuizSession(ITEMS, lang="en", checker=checker, course=COURSE, store=store)  # type: ignore[arg-type]
    first = session.current
    assert first is not None
    session.submit("wrong")
    session.submit("right")
    rows = store.attempts(item_id=first.id)
    assert [(r.status, r.mistake, r.kind) for r in rows] == [
        ("incorrect", f"{first.id}.sign", "homework"),
        ("correct", None, "homework"),
    ]
    assert store.common_mistakes() == [MistakeCount(first.id, f"{first.id}.sign", 1)]
