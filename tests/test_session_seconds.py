"""Every homework answer is stored with the seconds from its item being shown (the plain quiz too)."""

from __future__ import annotations

import io
from pathlib import Path

from quiz_fakes import ANSWERS, COURSE, ITEMS, fake_checker

from tutor.cli.quiz_cmd import PlainQuiz
from tutor.progress import ProgressStore
from tutor.quiz.session import QuizSession


class Ticks:
    """A monotonic clock that moves only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_seconds_count_from_the_item_shown_to_each_answer(tmp_path: Path) -> None:
    clock = Ticks()
    session = QuizSession(ITEMS, lang="en", store=ProgressStore(tmp_path), checker=fake_checker,
                          course=COURSE, clock=clock)
    clock.now += 7
    session.submit("wrong")  # 1a: a try, 7 s after the start
    clock.now += 5
    session.submit(ANSWERS["1a"])  # 12 s after 1a was shown
    session.advance()
    clock.now += 3
    session.submit(ANSWERS["1b"])  # 1b shown at advance: 3 s
    session.advance()
    session.start_timing()  # a front end that shows 3.1 only now
    clock.now += 2.5
    session.self_assess(True)
    rows = ProgressStore(tmp_path).attempts()
    assert [(r.item_id, r.status, r.seconds) for r in rows] == [
        ("1a", "incorrect", 7.0),
        ("1a", "correct", 12.0),
        ("1b", "correct", 3.0),
        ("3.1", "correct", 2.5),
    ]


def test_the_plain_quiz_stores_seconds_with_every_answer(tmp_path: Path) -> None:
    session = QuizSession(ITEMS, lang="en", store=ProgressStore(tmp_path), checker=fake_checker,
                          course=COURSE, only=4)
    script = "1\n" + ANSWERS["4.params"] + "\n"
    assert PlainQuiz(session, io.StringIO(script), io.StringIO(), io.StringIO()).run() == 0
    rows = ProgressStore(tmp_path).attempts(item_id="4.params")
    assert len(rows) == 2
    assert all(r.seconds is not None and r.seconds >= 0 for r in rows)
    assert rows[0].seconds <= rows[1].seconds  # both from the item shown  # type: ignore[operator]
