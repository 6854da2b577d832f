"""Every quiz item: accepted variants and rejected mistakes from the tables beside the items."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tutor.answers import check_answer, interpret
from tutor.content.loader import load_course
from tutor.quiz.items import QuizItem, get_item, load_items, load_quiz_module

REQUIRED = {
    "1a": 0.5, "1b": 0.5, "2": 1, "3.1": 2, "3.2": 1, "4": 0.5, "4.params": 0, "5.sgdw": 0.5,
    "5.adamw": 0.5, "6.tanh": 0.5, "6.relu": 0.5, "7": 1, "8.1": 0.25, "8.2": 0.25, "8.3": 0.25, "8.4": 0.25,
}


def _examples() -> Iterator[tuple[str, str, str, str | None]]:
    for question in load_course():
        if question.quiz_path is None:
            continue
        module = load_quiz_module(question.quiz_path, question.number)
        for item_id, table in module.EXAMPLES.items():
            for entry in table["accept"]:
                answer, convention = entry if isinstance(entry, tuple) else (entry, None)
                yield item_id, "accept", answer, convention
            for answer, mistake in table["reject"]:
                yield item_id, "reject", answer, mistake
            for answer, fragment in table.get("unreadable", []):
                yield item_id, "unreadable", answer, fragment


EXAMPLES = list(_examples())


@pytest.mark.parametrize(("item_id", "expect", "answer", "label"), EXAMPLES,
                         ids=[f"{e[0]}-{e[1]}-{e[2]}" for e in EXAMPLES])
def test_examples(item_id: str, expect: str, answer: str, label: str | None) -> None:
    item = get_item(item_id)
    assert item is not None
    for lang in ("en", "ru"):
        verdict = check_answer(item, answer, lang)
        assert verdict.message
        if expect == "accept":
            assert verdict.status == "correct", verdict
            assert verdict.convention == label
        elif expect == "unreadable":  # refused with a message that names the problem: not an attempt
            assert verdict.status == "invalid", verdict
            assert label is not None and label in verdict.message, verdict
        else:
            assert verdict.status == "incorrect", verdict
            assert verdict.mistake == label, verdict


def test_required_items_exist_with_their_points() -> None:
    items = {item.id: item for item in load_items()}
    for item_id, points in REQUIRED.items():
        assert item_id in items, item_id
        assert items[item_id].points == points
        assert items[item_id].kind != "self-check"
        assert 2 <= len(items[item_id].hints) <= 3
    for question in load_course():
        total = sum(i.points for i in items.values() if i.question == question.number)
        assert total == question.points, question.number


def test_expression_items_have_enough_examples() -> None:
    counts: dict[tuple[str, str], int] = {}
    for item_id, expect, _, _ in EXAMPLES:
        counts[item_id, expect] = counts.get((item_id, expect), 0) + 1
    for item in load_items():
        if item.kind == "expression":
            assert counts.get((item.id, "accept"), 0) >= 8, item.id
            assert counts.get((item.id, "reject"), 0) >= 8, item.id


def test_every_listed_mistake_is_exercised() -> None:
    """Each mistake id of every item appears in its reject table (so its feedback is tested)."""
    tested = {(e[0], e[3]) for e in EXAMPLES if e[1] == "reject" and e[3]}
    for item in load_items():
        spec = item.spec
        if spec is None:
            continue  # a self-check item: the student compares with the solution
        mistakes = spec.mistakes.values() if isinstance(spec.mistakes, dict) else spec.mistakes
        for mistake in mistakes:
            assert (item.id, mistake.id) in tested, (item.id, mistake.id)


def test_messages_are_localised() -> None:
    item = get_item("3.1")
    assert item is not None
    en, ru = check_answer(item, "p - ŷ", "en"), check_answer(item, "p - ŷ", "ru")
    assert en.mistake == ru.mistake == "sign"
    assert en.message != ru.message
    assert "Знак" in ru.message


def _item(item_id: str) -> QuizItem:
    item = get_item(item_id)
    assert item is not None
    return item


def test_shape_feedback() -> None:
    verdict = check_answer(_item("1a"), "x", "en")
    assert verdict.status == "incorrect"
    verdict = check_answer(_item("1b"), "2x^T x", "en")
    assert verdict.message == (
        "Your answer is a scalar, but the gradient of a scalar function is a column vector of size n×1."
    )
    verdict = check_answer(_item("4"), "W3 σ(W1 σ(W2 x + b2) + b1) + b3", "en")
    assert verdict.mistake == "sizes"
    assert "W₂·x: cannot multiply 2×5 by 3×1" in verdict.message


def test_rounding_and_scalar_feedback() -> None:
    verdict = check_answer(_item("6.tanh"), "1.67", "en")
    assert verdict.correct and "5/3" in verdict.message
    assert check_answer(_item("6.tanh"), "5/3", "en").message == "Correct."
    verdict = check_answer(_item("2"), "cosh(z)", "en")
    # the answer's value at a point, never the right value there (for 2C one point would give it away)
    assert re.fullmatch(r"Not correct: at z = \S+ your answer gives \S+\.", verdict.message), verdict.message
    verdict = check_answer(_item("7"), "3C + B", "ru")
    assert re.fullmatch(r"Неверно: при B = \S+, h = \S+, w = \S+, C = \S+ ваш ответ даёт \S+\.", verdict.message)


def test_unknown_names_get_item_specific_suggestions() -> None:
    verdict = check_answer(_item("3.1"), "yhaat - p", "en")
    assert verdict.status == "invalid"
    assert verdict.message == "unknown name 'yhaat': did you mean ŷ? (column 1)"
    verdict = check_answer(_item("3.1"), "W1 z", "en")
    assert verdict.status == "invalid" and "W₁" in verdict.message and "ŷ" in verdict.message


def test_interpret_is_a_cheap_preview() -> None:
    item = _item("4")
    shown = interpret(item, "W3 sigma(W2 sigma(W1x+b1)+b2)+b3")
    assert shown.echo == "W₃·σ(W₂·σ(W₁·x + b₁) + b₂) + b₃" and shown.error is None
    broken = interpret(item, "W3 σ(W2 x")
    assert broken.echo is None and broken.column == 5
    assert interpret(_item("8.1"), "b").error is None


def test_lint_checks_every_item() -> None:
    from tutor.content.lint import CHECKS, check_quiz

    assert check_quiz in CHECKS
    assert check_quiz(load_course()) == []


def test_the_diagram_is_a_self_check_item_worth_half_the_question() -> None:
    """Question 4 asks for a formula and a drawing: the student compares their drawing with the solution's."""
    item = get_item("4.diagram")
    assert item is not None
    assert item.kind == "self-check" and item.points == 0.5 and item.part == "4.diagram"
    practice = get_item("4.params")
    assert practice is not None and practice.points == 0 and practice.part == "4.params"
    verdict = check_answer(item, "my drawing", "en")
    assert verdict.status == "invalid" and "not checked automatically" in verdict.message
