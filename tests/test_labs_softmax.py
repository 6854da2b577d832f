"""The softmax lab (question 3): ŷ, CE and ŷ − p recomputed without the lab's code."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor.labs import ParamError, get_lab

LAB = get_lab("softmax")


def ce(z: list[float], p: list[float]) -> float:
    """CE from the definition, in plain floats: −Σ pₖ log(e^{zₖ} / Σ e^{zⱼ})."""
    total = sum(math.exp(v) for v in z)
    return -sum(pk * math.log(math.exp(zk) / total) for zk, pk in zip(z, p, strict=True) if pk)


def test_soft_label_is_the_seed_vector_over_ten_classes() -> None:
    result = LAB.compute()
    assert result.p.tolist() == [0, 0.75, 0, 0, 0, 0, 0, 0.25, 0, 0]


@pytest.mark.parametrize(
    "values",
    [
        {},
        {"target": "onehot", "label": 3},
        {"logits": "5,-3,0,0,1,2,-8,4,0.5,1", "target": "onehot", "label": 9},
    ],
)
def test_gradient_is_y_hat_minus_p_by_finite_differences(values: dict[str, object]) -> None:
    result = LAB.compute(**values)
    z, p = result.logits.tolist(), result.p.tolist()
    total = sum(math.exp(v) for v in z)
    y_hat = [math.exp(v) / total for v in z]
    assert np.allclose(result.y_hat, y_hat)
    assert result.loss == pytest.approx(ce(z, p), rel=1e-12)
    h = 1e-6
    numeric = []
    for i in range(10):
        plus, minus = list(z), list(z)
        plus[i] += h
        minus[i] -= h
        numeric.append((ce(plus, p) - ce(minus, p)) / (2 * h))
    assert np.allclose(result.gradient, np.array(y_hat) - np.array(p), atol=1e-12)
    assert np.allclose(result.gradient, numeric, atol=1e-7)
    assert np.allclose(result.finite_difference, numeric, atol=1e-7)
    assert result.max_gap < 1e-8


def test_large_logits_do_not_overflow() -> None:
    result = LAB.compute(logits="30,-30,0,0,0,0,0,0,0,0", target="onehot", label=0)
    assert np.isfinite(result.loss) and result.max_gap < 1e-6


@pytest.mark.parametrize(
    "values",
    [
        {"logits": "1,2,3"},
        {"logits": "1,2,3,4,5,6,7,8,9,x"},
        {"logits": "0,0,0,0,0,0,0,0,0,99"},
        {"label": 10},
        {"target": "hard"},
    ],
)
def test_bad_parameters(values: dict[str, object]) -> None:
    with pytest.raises(ParamError):
        LAB.compute(**values)


def test_report_has_loss_and_gap() -> None:
    result = LAB.compute()
    text = "\n".join(LAB.report(result, "en"))
    assert f"{result.loss:.6f}" in text and "ŷ − p" in text and "max |finite difference" in text
