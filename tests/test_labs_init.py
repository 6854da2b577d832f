"""The init lab (question 6): activation statistics against PyTorch's reference figures."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor.labs import ParamError, get_lab
from tutor.labs.init import BATCH, DEPTH, SEED, WIDTH

LAB = get_lab("init")


def stats(nonlinearity: str, gain: float) -> tuple[list[float], float]:
    """The same experiment written out: same seed, sizes and draw order; std per layer, share |a| > 0.99."""
    rng = np.random.default_rng(SEED)
    h = rng.standard_normal((BATCH, WIDTH), dtype=np.float32)
    mats = rng.standard_normal((DEPTH, WIDTH, WIDTH), dtype=np.float32)
    fan_in = fan_out = WIDTH
    std = (
        gain * math.sqrt(2 / (fan_in + fan_out))
        if nonlinearity == "tanh"
        else gain * math.sqrt(1 / fan_in)
    )
    out = []
    for w in mats:
        z = h.astype(np.float64) @ (w.astype(np.float64) * std).T
        h = np.tanh(z) if nonlinearity == "tanh" else np.where(z > 0, z, 0.0)
        out.append(float(h.std()))
    return out, float(np.mean(np.abs(h) > 0.99))


@pytest.mark.parametrize(
    ("nonlinearity", "gain", "pytorch", "rel"),
    [
        ("tanh", 1.0, 0.16, 0.1),
        ("tanh", 5 / 3, 0.65, 0.05),
        ("tanh", 3.0, 0.84, 0.05),
        ("relu", 1.0, 0.0008, 0.2),
        ("relu", math.sqrt(2), 0.8, 0.1),
    ],
)
def test_std_at_layer_20(nonlinearity: str, gain: float, pytorch: float, rel: float) -> None:
    result = LAB.compute(nonlinearity=nonlinearity, gain=gain)
    run = result.runs[0]
    assert (run.nonlinearity, run.gain) == (nonlinearity, pytest.approx(gain))
    assert run.reference == pytorch
    assert run.std[-1] == pytest.approx(pytorch, rel=rel)
    independent, share = stats(nonlinearity, gain)
    assert np.allclose(run.std, independent, rtol=1e-3)
    if nonlinearity == "tanh":
        assert run.saturated[-1] == pytest.approx(share, abs=0.01)


def test_wrong_gain_shrinks_or_saturates() -> None:
    runs = {(r.nonlinearity, round(r.gain, 3)): r for r in LAB.compute().runs}
    assert runs[("tanh", 1.0)].std[-1] < 0.5 * runs[("tanh", 1.667)].std[-1]
    assert runs[("relu", 1.0)].std[-1] < 1e-2 < runs[("relu", 1.414)].std[-1]
    assert runs[("tanh", 3.0)].saturated[-1] > 0.2 > runs[("tanh", 1.667)].saturated[-1]
    assert runs[("tanh", 3.0)].nearly_saturated > 0.5  # most units beyond |a| = 0.9
    # with gain 1 the ReLU std halves in variance per layer: std₂₀/std₁₀ ≈ 2^(−10/2)
    relu = runs[("relu", 1.0)].std
    assert relu[19] / relu[9] == pytest.approx(2**-5, rel=0.3)


def test_student_configuration_first_and_references_kept() -> None:
    result = LAB.compute(nonlinearity="relu", gain=2.5)
    assert (result.runs[0].nonlinearity, result.runs[0].gain, result.runs[0].reference) == (
        "relu",
        2.5,
        None,
    )
    assert len(result.runs) == 6
    assert len(LAB.compute(nonlinearity="relu", gain=1.0).runs) == 5


def test_deterministic() -> None:
    assert np.array_equal(LAB.compute(gain=2).runs[0].std, LAB.compute(gain=2).runs[0].std)


@pytest.mark.parametrize("values", [{"gain": 0}, {"gain": 6}, {"nonlinearity": "sigmoid"}])
def test_bad_parameters(values: dict[str, object]) -> None:
    with pytest.raises(ParamError):
        LAB.compute(**values)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_stated_gains_and_thresholds_are_the_computed_ones(lang: str) -> None:
    """The report's line on gains and its saturation labels state numbers: recompute them."""
    import re

    from tutor.i18n import t
    from tutor.labs.init import NEARLY_SATURATED, SATURATED

    gains = t("lab.init.gains", lang)
    tanh_gain = re.search(r"tanh 5/3 ≈ (\d\.\d+)", gains)
    relu_gain = re.search(r"relu √2 ≈ (\d\.\d+)", gains)
    assert tanh_gain is not None and relu_gain is not None
    assert float(tanh_gain.group(1)) == round(5 / 3, 3)
    assert float(relu_gain.group(1)) == round(math.sqrt(2), 3)
    labels = t("lab.init.saturated", lang, share="", nearly="") + t("lab.init.saturation.title", lang)
    assert f"|a| > {SATURATED:g}" in labels and f"|a| > {NEARLY_SATURATED:g}" in labels
