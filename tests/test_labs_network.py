"""The network lab (question 4): 44 parameters, shapes, and the collapse without σ."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.labs import ParamError, get_lab

LAB = get_lab("network")


def test_parameter_counts() -> None:
    result = LAB.compute()
    assert result.counts == ((5 * 3, 5), (2 * 5, 2), (4 * 2, 4))
    assert result.total == 44
    assert [w.shape for w in result.weights] == [(5, 3), (2, 5), (4, 2)]
    assert [b.shape for b in result.biases] == [(5,), (2,), (4,)]


def test_forward_pass_and_shapes() -> None:
    result = LAB.compute(sigma="tanh", seed=3)
    (w1, w2, w3), (b1, b2, b3) = result.weights, result.biases
    expected = w3 @ np.tanh(w2 @ np.tanh(w1 @ result.x + b1) + b2) + b3
    assert np.allclose(result.y, expected)
    assert [shape for _, shape in result.stages] == [(3,), (5,), (5,), (2,), (2,), (4,)]


def test_without_sigma_the_network_is_one_affine_map() -> None:
    result = LAB.compute(sigma="off", seed=7)
    (w1, w2, w3), (b1, b2, b3) = result.weights, result.biases

    # composed by hand, column by column: the image of each basis vector minus the image of 0
    def net(x: np.ndarray) -> np.ndarray:
        return w3 @ (w2 @ (w1 @ x + b1) + b2) + b3

    b_prime = net(np.zeros(3))
    w = np.column_stack([net(e) - b_prime for e in np.eye(3)])
    assert np.allclose(result.composed_w, w) and np.allclose(result.composed_b, b_prime)
    assert np.allclose(result.y, result.y_affine)
    assert result.gap < 1e-12


@pytest.mark.parametrize("sigma", ["relu", "tanh"])
def test_with_sigma_it_is_not(sigma: str) -> None:
    assert LAB.compute(sigma=sigma).gap > 1e-3


def test_deterministic_and_seeded() -> None:
    a, b, c = LAB.compute(seed=5), LAB.compute(seed=5), LAB.compute(seed=6)
    assert np.array_equal(a.y, b.y) and not np.array_equal(a.y, c.y)


@pytest.mark.parametrize("values", [{"sigma": "sigmoid"}, {"seed": -1}, {"seed": "1.5"}])
def test_bad_parameters(values: dict[str, object]) -> None:
    with pytest.raises(ParamError):
        LAB.compute(**values)


def test_report_has_counts_and_composed_matrix() -> None:
    text = "\n".join(LAB.report(LAB.compute(sigma="off"), "en"))
    assert "total: 44 parameters" in text and "W = W₃W₂W₁ (4×3)" in text and "b′" in text


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_each_stage_names_its_own_input(lang: str) -> None:
    """z₁ = W₁x + b₁, z₂ = W₂h₁ + b₂, y = z₃ = W₃h₂ + b₃: each layer reads the previous output."""
    result = LAB.compute(sigma="tanh", seed=2)
    text = "\n".join(LAB.report(result, lang))
    for stage in ("z₁ = W₁x + b₁", "h₁ = σ(z₁)", "z₂ = W₂h₁ + b₂", "h₂ = σ(z₂)", "y = z₃ = W₃h₂ + b₃"):
        assert stage in text
    assert "W₁h " not in text and "W₂h " not in text and "W₃h " not in text
    # the stated stages, evaluated in order, give the network's output
    (w1, w2, w3), (b1, b2, b3) = result.weights, result.biases
    h1 = np.tanh(w1 @ result.x + b1)
    h2 = np.tanh(w2 @ h1 + b2)
    assert np.allclose(w3 @ h2 + b3, result.y)
