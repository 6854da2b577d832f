"""Answers written as equations, and the hint that names what a wrong formula lacks."""

from __future__ import annotations

import pytest

from tutor.answers import check_answer, interpret
from tutor.answers.equation import right_side
from tutor.quiz.items import get_item


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2x", ("2x", 0)),
        ("∇g = 2x", (" 2x", 4)),
        ("a = b = 2x", (" 2x", 7)),
        ("= 2x", (" 2x", 1)),
        ("2x =", ("2x =", 0)),  # nothing after '=': left for the parser to report
        ("f(a=1)", ("f(a=1)", 0)),  # inside brackets: not an equation
        ("x == y", ("x == y", 0)),
        ("x <= y", ("x <= y", 0)),
    ],
)
def test_right_side(text: str, expected: tuple[str, int]) -> None:
    assert right_side(text) == expected


@pytest.mark.parametrize(
    ("item_id", "answer"),
    [
        ("1b", "∇g = 2x"),
        ("1b", "g'(x) = 2x"),
        ("1b", "dg/dx = 2x^T"),
        ("2", "tanh'(z) = 1 - tanh^2(z)"),
        ("2", "d/dz tanh z = sech^2 z"),
        ("3.1", "∂CE/∂z = ŷ − p"),
        ("4", "y = W3 σ(W2 σ(W1 x + b1) + b2) + b3"),
        ("7", "params = 2C"),
    ],
)
def test_the_left_side_of_an_equation_is_ignored(item_id: str, answer: str) -> None:
    item = get_item(item_id)
    assert item is not None
    verdict = check_answer(item, answer, "en")
    assert verdict.status == "correct", verdict
    assert "right-hand side" not in verdict.message  # dropping a left-hand side changes nothing: not said


def test_a_wrong_right_side_is_still_wrong_and_columns_count_from_the_start() -> None:
    item = get_item("1b")
    assert item is not None
    assert check_answer(item, "∇g = x", "en").mistake is not None
    broken = check_answer(item, "∇g = 2x +", "en")
    assert broken.status == "invalid" and broken.column == 10
    assert interpret(item, "∇g = 2x").echo == "2·x"


@pytest.mark.parametrize(
    ("item_id", "answer", "names"),
    [
        ("4", "W3 W2 W1 x + b3", "b₁, b₂, σ"),
        ("5.adamw", "θ - α m̂/(√v̂+ε) - λθ", "η"),
    ],
)
def test_a_wrong_formula_is_told_what_it_lacks(item_id: str, answer: str, names: str) -> None:
    item = get_item(item_id)
    assert item is not None
    verdict = check_answer(item, answer, "en")
    assert verdict.status == "incorrect"
    assert f"It does not use {names}" in verdict.message
    assert "В ответе не хватает" in check_answer(item, answer, "ru").message


def test_no_missing_names_hint_when_nothing_is_missing() -> None:
    item = get_item("2")
    assert item is not None
    verdict = check_answer(item, "cosh(z)", "en")  # tanh is a function, writable as sech or exp
    assert verdict.status == "incorrect" and "does not use" not in verdict.message
