"""The tanh lab (question 2): every number recomputed independently."""

from __future__ import annotations

import math
import subprocess
import sys

import numpy as np
import pytest

from tutor.labs import LABS, ParamError, get_lab
from tutor.labs.tanh import table, threshold


def sech2(z: float) -> float:
    return 4.0 / (math.exp(z) + math.exp(-z)) ** 2


def test_table_matches_sech_squared() -> None:
    stated = dict(table())
    assert set(stated) == {0.0, 1.0, 2.0, 3.0, 5.0, 10.0}
    for z, value in stated.items():
        assert value == pytest.approx(sech2(z), rel=1e-12)
    assert stated[2.0] == pytest.approx(0.070651, rel=1e-4)
    assert stated[10.0] == pytest.approx(8.2446e-9, rel=1e-4)


@pytest.mark.parametrize(("level", "stated"), [(0.01, 2.993), (0.001, 4.147)])
def test_thresholds_by_bisection(level: float, stated: float) -> None:
    lo, hi = 0.0, 20.0
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if sech2(mid) > level else (lo, mid)
    assert threshold(level) == pytest.approx(lo, abs=1e-9)
    assert round(lo, 3) == stated


def test_readout_at_point() -> None:
    result = get_lab("tanh").compute(point=1.5)
    assert result.dtanh_at_point == pytest.approx(sech2(1.5))
    assert result.tanh_at_point == pytest.approx(math.tanh(1.5))


def test_curve_and_range() -> None:
    result = get_lab("tanh").compute(z_min=-3, z_max=4)
    z = result.curve.z
    assert z[0] == -3 and z[-1] == 4
    assert np.allclose(result.curve.dtanh, [sech2(v) for v in z])


def test_chain_gradient_matches_expectation() -> None:
    """Mean log₁₀ gradient after L layers = L·E[log₁₀ sech²(s·ε)], ε ~ N(0, 1) (Gauss–Hermite)."""
    nodes, weights = np.polynomial.hermite_e.hermegauss(80)
    weights = weights / weights.sum()
    result = get_lab("tanh").compute(depth=12, scale=1.5)
    scales = [s for s, _ in result.chains]
    assert scales == [0.5, 1.0, 1.5, 2.0]
    for s, log_grad in result.chains:
        per_layer = float(np.sum(weights * np.log10([sech2(s * x) for x in nodes])))
        assert log_grad.shape == (12,)
        assert log_grad[-1] == pytest.approx(12 * per_layer, rel=0.05, abs=0.05)
    finals = [log_grad[-1] for _, log_grad in result.chains]
    assert finals == sorted(finals, reverse=True)  # larger pre-activations, faster vanishing


def test_deterministic() -> None:
    lab = get_lab("tanh")
    a, b = lab.compute(depth=7, scale=2.5), lab.compute(depth=7, scale=2.5)
    for (sa, ga), (sb, gb) in zip(a.chains, b.chains, strict=True):
        assert sa == sb and np.array_equal(ga, gb)


@pytest.mark.parametrize(
    "values",
    [
        {"z_min": 2, "z_max": 1},
        {"depth": 0},
        {"depth": "2.5"},
        {"scale": "abc"},
        {"scale": "nan"},
        {"nope": 1},
    ],
)
def test_bad_parameters(values: dict[str, object]) -> None:
    with pytest.raises(ParamError):
        get_lab("tanh").compute(**values)


def test_report_states_table_thresholds_and_readout() -> None:
    lines = "\n".join(get_lab("tanh").report(get_lab("tanh").compute(), "en"))
    for text in ("0.07065", "0.009866", "2.993", "4.147", "tanh′(z) = 0.07065", "10 tanh units"):
        assert text in lines
    ru = "\n".join(get_lab("tanh").report(get_lab("tanh").compute(), "ru"))
    assert "в точке z = 2" in ru


def test_registry_imports_no_numpy_or_plotext() -> None:
    code = "import sys, tutor.labs, tutor.plots; print(sorted(m for m in ('numpy', 'plotext') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
    assert "tanh" in LABS


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_relu_line_says_an_inactive_unit_zeroes_the_gradient(lang: str) -> None:
    """Backpropagating through a ReLU chain: any unit with z < 0 multiplies the gradient by 0."""
    import numpy as np

    rng = np.random.default_rng(0)
    z = rng.standard_normal((1000, 10))
    grad = np.prod(np.where(z > 0, 1.0, 0.0), axis=1)  # ReLU′ along each chain
    active = np.all(z > 0, axis=1)
    assert np.all(grad[active] == 1.0) and np.all(grad[~active] == 0.0)
    lab = get_lab("tanh")
    lines = lab.report(lab.compute(), lang, width=1000)  # unwrapped
    line = next(x for x in lines if x.startswith("ReLU′(z) = 1"))
    assert {"en": "zeroes the gradient", "ru": "градиент через него обнуляется"}[lang] in line
    assert "ReLU′ = 0" in line and "z < 0" in line
