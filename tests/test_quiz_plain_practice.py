"""The plain quiz on items closed in an earlier run: practice only, said once, then on."""

from __future__ import annotations

import io
from pathlib import Path

from quiz_fakes import COURSE, ITEMS, fake_checker

from tutor.cli.quiz_cmd import PlainQuiz
from tutor.progress import ProgressStore
from tutor.quiz.session import QuizSession


def _run(store: ProgressStore, script: str) -> str:
    session = QuizSession(ITEMS, lang="en", store=store, checker=fake_checker, course=COURSE, only=4)
    out = io.StringIO()
    assert PlainQuiz(session, io.StringIO(script), out, io.StringIO()).run() == 0
    return out.getvalue()


def test_a_failed_item_is_practice_in_the_next_run(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    first = _run(store, "1\n2\n3\n")
    assert "no attempts left" in first
    second = _run(ProgressStore(tmp_path), "44\n")
    assert "already closed (not solved): answers now are practice" in second
    assert "practice: the score does not change" in second
    assert "All saved progress: 0 / 5" in second and "4.params  Networks: not solved" in second
    saved = ProgressStore(tmp_path).load().item("4.params")
    assert (saved.status, saved.score, saved.solved_later) == ("failed", 0.0, True)
