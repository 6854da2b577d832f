"""Russian-textbook notation (E for the identity, th/ch/sh) is accepted and named."""

from __future__ import annotations

import pytest

from tutor.answers import check_answer
from tutor.quiz.items import get_item


@pytest.mark.parametrize(
    ("item_id", "answer", "spelled"),
    [
        ("1a", "E", "E"),
        ("1a", "Е", "Е"),  # Cyrillic Е typed on a Russian layout
        ("2", "1 - th^2(z)", "th"),
        ("2", "1 - th(z)^2", "th"),
        ("2", "1/ch^2(z)", "ch"),
        ("2", "ch(z)^(-2)", "ch"),
        ("2", "1 - sh(z)^2/ch(z)^2", "sh"),
    ],
)
def test_russian_notation_is_accepted_and_said(item_id: str, answer: str, spelled: str) -> None:
    item = get_item(item_id)
    assert item is not None
    for lang, word in (("en", "Russian textbooks"), ("ru", "русских учебников")):
        verdict = check_answer(item, answer, lang)
        assert verdict.status == "correct", verdict
        assert f"'{spelled}'" in verdict.message and word in verdict.message


def test_plain_identity_has_no_notation_note() -> None:
    item = get_item("1a")
    assert item is not None
    verdict = check_answer(item, "I", "en")
    assert verdict.correct and "Russian" not in verdict.message


def test_russian_notation_still_catches_mistakes() -> None:
    item = get_item("2")
    assert item is not None
    verdict = check_answer(item, "1 - th(z)", "en")
    assert verdict.status == "incorrect" and verdict.mistake is not None


@pytest.mark.parametrize("activation", ["relu", "ReLU", "f", "g", "φ", "phi"])
def test_other_names_for_the_activation(activation: str) -> None:
    item = get_item("4")
    assert item is not None
    a = activation
    verdict = check_answer(item, f"W3 {a}(W2 {a}(W1 x + b1) + b2) + b3", "en")
    assert verdict.status == "correct", verdict
    assert verdict.message.count(f"Read '{a}' as the activation σ") == 1  # said once, not per use
    wrong = check_answer(item, f"W3 {a}(W2 (W1 x + b1) + b2) + b3", "en")
    assert wrong.status == "incorrect"


@pytest.mark.parametrize(("item_id", "answer"), [("5.sgdw", "θ − ηαg − ηλθ"), ("5.adamw", "θ − η(α g_t/(√v̂ + ε) + λθ)"),
                                                 ("5.sgdw", "theta - eta*alpha*g[t] - eta*lambda*theta")])
def test_a_lone_g_is_the_gradient_not_the_activation(item_id: str, answer: str) -> None:
    """g(…) is an activation (question 4); g alone is the optimizer's gradient gₜ, read as a vector."""
    item = get_item(item_id)
    assert item is not None
    verdict = check_answer(item, answer, "en")
    assert verdict.status == "incorrect" and "σ" not in (verdict.interpreted or ""), verdict
    assert "g" in (verdict.interpreted or "") and verdict.mistake is not None


def test_a_lone_g_elsewhere_is_named_as_not_part_of_the_question() -> None:
    item = get_item("1b")
    assert item is not None
    verdict = check_answer(item, "2g", "en")
    assert verdict.status == "invalid" and "'g' is not part of this question" in verdict.message
