"""Points agree everywhere a student sees them: meta.toml, `dltutor list`, the quiz items and the summary.

Question 4 is the case that once disagreed: the seed asks for a formula and a
drawing, so those carry its point (0.5 + 0.5, the drawing a self-check) and the
parameter count is 0-point practice.
"""

from __future__ import annotations

import re

import pytest

from tutor.content.loader import load_course
from tutor.quiz.items import load_items
from tutor.quiz.scoring import score_questions


def test_parts_items_and_questions_carry_the_same_points() -> None:
    course = load_course()
    items = load_items(course)
    assert course.total_points == 10
    for question in course:
        own = [i for i in items if i.question == question.number]
        assert sum(i.points for i in own) == question.points, question.number
        declared = [p for p in question.parts if p.points is not None]
        assert sum(p.points for p in declared) == question.points, question.number
        for part in declared:
            in_part = [i.points for i in own if i.part == part.id]
            assert in_part, f"part {part.id} has no quiz item"
            assert sum(in_part) == part.points, part.id
        assert all(i.part is not None for i in own), "every item belongs to a declared part"


def test_the_summary_scores_out_of_each_questions_points() -> None:
    course = load_course()
    rows = score_questions(load_items(course), {}, course)
    assert {r.number: r.points for r in rows} == {q.number: q.points for q in course}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_list_prints_the_points_of_meta(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    from tutor.cli import main

    assert main(["list", "--lang", lang]) == 0
    out = capsys.readouterr().out
    printed = dict(re.findall(r"^\s+(\d[\w.]*)\s.*\((\d+(?:\.\d+)?) (?:pt|б\.)\)$", out, re.M))
    for question in load_course():
        for part in question.parts:
            assert float(printed[part.id]) == part.points, part.id


def test_question_4_weights_what_the_seed_asks() -> None:
    items = {i.id: i for i in load_items() if i.question == 4}
    assert (items["4"].points, items["4.diagram"].points, items["4.params"].points) == (0.5, 0.5, 0)
    assert items["4.diagram"].kind == "self-check"
