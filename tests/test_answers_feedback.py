"""Feedback that teaches (issue 10 C): what the checker says about a wrong answer, by evaluation."""

from __future__ import annotations

import pytest

from tutor.answers import check_answer
from tutor.quiz.items import get_item


def _verdict(item_id: str, answer: str, lang: str = "en"):
    item = get_item(item_id)
    assert item is not None
    return check_answer(item, answer, lang)


@pytest.mark.parametrize("item_id", ["3.1", "3.2"])
@pytest.mark.parametrize("answer", ["softmax(z)*2 - p", "2 F.softmax(z, dim=0) - p", "σ(z)/2 - p"])
def test_softmax_of_z_counts_as_y_hat_when_naming_what_is_missing(item_id: str, answer: str) -> None:
    for lang in ("en", "ru"):
        verdict = _verdict(item_id, answer, lang)
        assert verdict.status == "incorrect"
        assert "ŷ" not in verdict.message, verdict


@pytest.mark.parametrize("item_id", ["3.1", "3.2"])
def test_an_answer_without_y_hat_or_softmax_is_told_so(item_id: str) -> None:
    verdict = _verdict(item_id, "2z - p")
    assert verdict.status == "incorrect" and "It does not use ŷ" in verdict.message


def test_relu_keeps_its_own_meaning_where_sigma_is_read_as_another_function() -> None:
    """σ is the sigmoid in question 2 and softmax in question 3; relu is neither."""
    assert _verdict("2", "4σ(2z)(1 − σ(2z))").correct
    assert not _verdict("2", "4 relu(2z)(1 − relu(2z))").correct
    assert _verdict("3.1", "σ(z) − p").correct
    assert not _verdict("3.1", "relu(z) − p").correct


def test_counts_are_sampled_as_whole_numbers() -> None:
    """Item 7's B, h, w, C are counts: a point quoted back to the student is made of whole numbers."""
    import re

    from tutor.answers.evaluate import sample

    item = get_item("7")
    assert item is not None
    for group in sample(item.spec, seed="dltutor:7"):
        for name in ("B", "h", "w", "C"):
            values = group.values[name]
            assert (values == values.round()).all() and values.min() >= 1, name
    verdict = _verdict("7", "3C + h")
    assert verdict.status == "incorrect"
    quoted = re.findall(r"\b[BhwC] = ([0-9.]+)", verdict.message)
    assert quoted and all(float(v).is_integer() for v in quoted), verdict.message


@pytest.mark.parametrize("answer", ["theta_t-1 - m - eta*lambda*theta_t-1", "θₜ-1 − mₜ − ηₜλθₜ-1", "m_t-1"])
def test_a_time_index_that_ends_at_t_is_said_how_it_was_read(answer: str) -> None:
    verdict = _verdict("5.sgdw", answer)
    assert verdict.status == "incorrect"
    assert "the subscript ends at t" in verdict.message, verdict
    assert "индекс заканчивается на t" in _verdict("5.sgdw", answer, "ru").message


def test_a_subtraction_after_a_time_index_with_a_space_is_not_noted() -> None:
    assert "subscript" not in _verdict("5.sgdw", "θ_t - 1").message


def test_pytorch_parameterization_named_in_question_5_is_what_the_message_says() -> None:
    """The decay-times-α message says PyTorch's lr is ηₜα and its weight_decay is λ/α in the paper's terms.

    PyTorch's AdamW (torch/optim/adamw.py) decays with ``param.mul_(1 - lr * weight_decay)`` before
    Adam's step ``lr * m̂/(√v̂ + ε)``: with lr = ηα and weight_decay = λ/α that is the paper's
    update, and with weight_decay = λ it is the named slip.
    """
    def pytorch_adamw(lr: str, weight_decay: str) -> str:
        return f"θ (1 - ({lr})({weight_decay})) - ({lr}) m̂/(√v̂ + ε)"

    assert _verdict("5.adamw", pytorch_adamw("η α", "λ/α")).correct
    slip = _verdict("5.adamw", pytorch_adamw("η α", "λ"))
    assert slip.mistake == "decay-times-alpha" and "λ/α" in slip.message
    # SGDW the same way: the decay multiplied by lr = ηα instead of the schedule alone
    assert _verdict("5.sgdw", "θ (1 - η α (λ/α)) - m").correct
    assert _verdict("5.sgdw", "θ (1 - η α λ) - m").mistake == "decay-times-alpha"
