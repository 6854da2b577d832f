"""Statements: definitions separated by ';', new lines or commas, and update rules read as the new θ."""

from __future__ import annotations

import pytest

from tutor.answers import check_answer
from tutor.answers.statements import split_statements, with_plain_assignments
from tutor.quiz.items import QuizItem, get_item


def _item(item_id: str) -> QuizItem:
    item = get_item(item_id)
    assert item is not None
    return item


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("h1 = σ(x), y = W h1", ["h1 = σ(x)", " y = W h1"]),
        ("h = 1,5, y = 2h", ["h = 1,5", " y = 2h"]),  # a digit after the comma: a decimal comma
        ("h1 = dot(W, x), W3 h1", ["h1 = dot(W, x)", " W3 h1"]),  # a comma inside brackets separates arguments
        ("1,667", ["1,667"]),  # no definition before it: never split
        ("[0.1, 0.2]", ["[0.1, 0.2]"]),
        ("θ -= m, θ -= ηλθ", ["θ -= m", " θ -= ηλθ"]),
        ("h1 = x,", ["h1 = x"]),
    ],
)
def test_commas_end_definitions(text: str, parts: list[str]) -> None:
    assert [s.text for s in split_statements(text)] == parts


def test_arrows_become_equals_in_place() -> None:
    for text in ("θ ← x", "θ := x", "θ <- x", "θ ≔ x", "\\theta \\leftarrow x"):
        plain = with_plain_assignments(text)
        assert len(plain) == len(text) and plain.rstrip("x").rstrip().endswith("=") and "x" in plain


@pytest.mark.parametrize(
    ("answer", "echo"),
    [
        ("θ -= m + ηλθ", "θ − (m + η·λ·θ)"),
        ("-= m + ηλθ", "θ − (m + η·λ·θ)"),
        ("θ *= 1 - ηλ; θ -= m", "θ·(1 − η·λ) − m"),
        ("θ ← θ − m; θ ← θ − ηλθ", "θ − m − η·λ·(θ − m)"),  # in order, as code runs them
        ("θ_{t+1} := θ_t − m − ηλθ_t", "θ − m − η·λ·θ"),
    ],
)
def test_an_update_is_judged_as_the_new_theta(answer: str, echo: str) -> None:
    verdict = check_answer(_item("5.sgdw"), answer, "en")
    assert verdict.interpreted == echo, verdict


def test_an_in_place_update_is_said_and_refused_where_nothing_is_updated() -> None:
    said = check_answer(_item("5.sgdw"), "θ -= m + ηλθ", "en").message
    assert said.startswith("Correct.") and "Read '-=' as an update: the new θ is θ − (…)" in said
    assert "обновление: новое θ равно θ − (…)" in check_answer(_item("5.sgdw"), "θ -= m + ηλθ", "ru").message
    refused = check_answer(_item("2"), "z -= tanh(z)^2", "en")
    assert refused.status == "invalid" and refused.column == 3 and "asks for a formula" in refused.message
    other = check_answer(_item("5.adamw"), "m_hat -= θ", "ru")
    assert other.status == "invalid" and "нужно новое значение θ" in other.message
