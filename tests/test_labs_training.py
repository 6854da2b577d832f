"""The training lab (question 8): schedules against PyTorch's closed forms, early stopping,
dropout's rescale and L2."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor.labs import ParamError, get_lab

LAB = get_lab("training")


def test_schedules_match_pytorch() -> None:
    lrs = LAB.compute(epochs=12).lrs
    assert lrs["StepLR(3, 0.1)"][:7] == pytest.approx([0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.001])
    cosine = lrs["CosineAnnealingLR(10)"]
    assert [round(v, 4) for v in cosine[:3]] == [0.1, 0.0976, 0.0905]
    assert cosine[5] == pytest.approx(0.05) and cosine[10] == pytest.approx(0.0, abs=1e-15)
    assert lrs["ExponentialLR(0.9)"][4] == pytest.approx(0.1 * 0.9**4)
    warm = lrs["LinearLR(0.1, 5)"]
    assert warm[0] == pytest.approx(0.01) and warm[5:] == pytest.approx([0.1] * 7)
    assert np.allclose(np.diff(warm[:6]), 0.018)


def test_cosine_against_pytorch_recursive_form() -> None:
    """PyTorch's step-by-step CosineAnnealingLR update gives the same values as the closed form."""
    t_max, base = 10, 0.1
    lr, values = base, [base]
    for epoch in range(1, 10):
        lr = (
            (1 + math.cos(math.pi * epoch / t_max))
            / (1 + math.cos(math.pi * (epoch - 1) / t_max))
            * lr
        )
        values.append(lr)
    assert LAB.compute().lrs["CosineAnnealingLR(10)"][:10] == pytest.approx(values)


@pytest.mark.parametrize("patience", [1, 3, 5, 10])
def test_early_stopping(patience: int) -> None:
    result = LAB.compute(patience=patience)
    val = result.val.tolist()
    stop = next(
        (e for e in range(len(val)) if e - int(np.argmin(val[: e + 1])) >= patience), len(val) - 1
    )
    assert result.stop_epoch == stop
    assert result.best_epoch == int(np.argmin(val[: stop + 1]))


def test_longer_patience_never_stops_earlier() -> None:
    stops = [LAB.compute(patience=p).stop_epoch for p in (1, 3, 5, 10, 20)]
    assert stops == sorted(stops)


@pytest.mark.parametrize("p", [0.0, 0.2, 0.5, 0.8])
def test_dropout_rescale_and_expectation(p: float) -> None:
    result = LAB.compute(p=p)
    kept = result.mask
    assert np.allclose(result.dropped_out[kept], result.activations[kept] / (1 - p))
    assert np.all(result.dropped_out[~kept] == 0)
    tolerance = 4 * math.sqrt(p / (1 - p) / 10_000) * result.activations.max() + 1e-12
    assert np.abs(result.expected - result.activations).max() < tolerance


def test_l2_shrinks_weights_towards_the_ridge_solution() -> None:
    result = LAB.compute(weight_decay=0.5, epochs=200)
    lams = sorted(result.norms)
    assert lams == [0.0, 0.5, 5.0]
    finals = [result.norms[lam][-1] for lam in lams]
    assert finals == sorted(finals, reverse=True)
    for lam in lams[1:]:
        assert result.norms[lam][-1] == pytest.approx(result.ridge_norms[lam], rel=1e-3)


def test_deterministic() -> None:
    a, b = LAB.compute(), LAB.compute()
    assert np.array_equal(a.val, b.val) and np.array_equal(a.mask, b.mask)


@pytest.mark.parametrize("values", [{"p": 1}, {"patience": 0}, {"t_max": 0}, {"weight_decay": -1}])
def test_bad_parameters(values: dict[str, object]) -> None:
    with pytest.raises(ParamError):
        LAB.compute(**values)
