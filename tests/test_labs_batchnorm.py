"""The batchnorm lab (question 7): 2C parameters, 2C (+1) buffers, per-channel statistics."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.labs import ParamError, get_lab

LAB = get_lab("batchnorm")


@pytest.mark.parametrize("channels", [1, 3, 16, 64])
def test_counts(channels: int) -> None:
    result = LAB.compute(channels=channels)
    assert result.learnable == 2 * channels
    assert result.running_stats == 2 * channels
    assert result.buffers == 2 * channels + 1
    assert result.gamma.shape == result.beta.shape == (channels,)


def test_per_channel_statistics() -> None:
    result = LAB.compute(channels=5, batch=4, height=3, width=7)
    assert np.allclose(result.mean_norm, 0, atol=1e-12)
    # biased variance plus ε = 1e-5 in the denominator: std x̂ = √(var/(var + ε))
    var = result.std_in**2
    assert np.allclose(result.std_norm, np.sqrt(var / (var + 1e-5)), rtol=1e-10)
    assert np.allclose(result.std_norm, 1, atol=1e-5)
    assert np.allclose(result.mean_out, result.beta, atol=1e-12)
    assert np.allclose(result.std_out, result.gamma, rtol=1e-5)
    assert not np.allclose(result.mean_in, 0, atol=0.1)  # the input really was off-centre


def test_running_statistics_after_one_step() -> None:
    result = LAB.compute(channels=2, batch=2, height=2, width=2)
    n = 2 * 2 * 2
    assert np.allclose(result.running_mean, 0.1 * result.mean_in)
    assert np.allclose(result.running_var, 0.9 + 0.1 * result.std_in**2 * n / (n - 1))


def test_deterministic() -> None:
    assert np.array_equal(LAB.compute().mean_in, LAB.compute().mean_in)


@pytest.mark.parametrize(
    "values", [{"channels": 0}, {"channels": 65}, {"batch": "two"}, {"height": 1.5}]
)
def test_bad_parameters(values: dict[str, object]) -> None:
    with pytest.raises(ParamError):
        LAB.compute(**values)


def test_report() -> None:
    text = "\n".join(LAB.report(LAB.compute(channels=3), "en"))
    assert "2·C = 2·3 = 6" in text and "num_batches_tracked in PyTorch: 7" in text
