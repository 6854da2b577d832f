"""Lab for question 2: tanh, its derivative, and why deep tanh chains lose their gradient.

tanh′(z) = 1 − tanh²(z) = sech²(z) is below 0.01 once cosh z > 10, i.e. for
|z| > arccosh 10 ≈ 2.993. In a chain of L units the gradient reaching layer 1 is
the product of L such factors, so its logarithm grows linearly (downwards) with L,
faster for larger pre-activations; ReLU′ = 1 on active units does not shrink it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tutor.i18n import LANGS, t
from tutor.labs.base import (
    MIN_SPAN,
    LabResult,
    LabSpec,
    Param,
    ParamError,
    View,
    both,
    interval_problem,
)
from tutor.plots import series_glyph

if TYPE_CHECKING:
    import numpy as np

#: the points of the table in question 2's solution
TABLE_Z: tuple[float, ...] = (0.0, 1.0, 2.0, 3.0, 5.0, 10.0)
#: the levels below which tanh′ counts as vanished
LEVELS: tuple[float, ...] = (0.01, 0.001)
#: pre-activation scales always shown next to the student's own
REFERENCE_SCALES: tuple[float, ...] = (0.5, 1.0, 2.0)
CHAINS = 2000
SEED = 0
GRID = 400


def dtanh(z: float) -> float:
    """tanh′(z) = sech²(z), without overflow for large |z|."""
    return 1.0 / math.cosh(z) ** 2 if abs(z) < 350 else 0.0


def threshold(level: float) -> float:
    """|z| beyond which tanh′(z) < level: sech² z = level ⇔ cosh z = 1/√level."""
    return math.acosh(1.0 / math.sqrt(level))


def table() -> tuple[tuple[float, float], ...]:
    return tuple((z, dtanh(z)) for z in TABLE_Z)


@dataclass(frozen=True)
class TanhCurve:
    """tanh and tanh′ sampled on [z_min, z_max]."""

    z: np.ndarray
    tanh: np.ndarray
    dtanh: np.ndarray


def curve(z_min: float, z_max: float, n: int = GRID) -> TanhCurve:
    import numpy as np

    z = np.linspace(z_min, z_max, n)
    th = np.tanh(z)
    return TanhCurve(z=z, tanh=th, dtanh=1.0 - th**2)


def log10_sech2(z: np.ndarray) -> np.ndarray:
    """log₁₀ sech²(z) computed stably: sech z = 2e^{−|z|}/(1 + e^{−2|z|})."""
    import numpy as np

    a = np.abs(z)
    return 2.0 * (math.log(2.0) - a - np.log1p(np.exp(-2.0 * a))) / math.log(10.0)


@dataclass(frozen=True)
class TanhResult(LabResult):
    z_min: float
    z_max: float
    point: float
    depth: int
    scale: float
    curve: TanhCurve
    tanh_at_point: float
    dtanh_at_point: float
    #: (scale, mean over chains of log₁₀ of the gradient reaching layer 1, for depths 1…L)
    chains: tuple[tuple[float, np.ndarray], ...]


def compute(z_min: float, z_max: float, point: float, depth: int, scale: float) -> TanhResult:
    import numpy as np

    if interval_problem(z_min, z_max, math.inf) is not None:
        allowed = {
            lang: t("lab.allowed.wider", lang, flag="--z-min", value=f"{z_min:g}",
                    min=f"{MIN_SPAN:g}")
            for lang in LANGS
        }
        raise ParamError("z_max", z_max, allowed)
    rng = np.random.default_rng(SEED)
    eps = rng.standard_normal((CHAINS, depth))
    scales = tuple(sorted({*REFERENCE_SCALES, float(scale)}))
    # Same ε for every scale, so the curves differ only by the scale of z = s·ε.
    chains = tuple((s, np.cumsum(log10_sech2(s * eps), axis=1).mean(axis=0)) for s in scales)
    return TanhResult(
        z_min=float(z_min),
        z_max=float(z_max),
        point=float(point),
        depth=int(depth),
        scale=float(scale),
        curve=curve(z_min, z_max),
        tanh_at_point=math.tanh(point),
        dtanh_at_point=dtanh(point),
        chains=chains,
    )


def draw(result: TanhResult, plt: Any, lang: str, view: str) -> None:
    from tutor import plots

    if view == "curve":
        plots.tanh_figure(plt, result.z_min, result.z_max, point=result.point, lang=lang)
    else:
        plots.chain_figure(plt, result, lang=lang)


def table_lines(lang: str) -> list[str]:
    """The table of tanh′ and the two thresholds, as in question 2's solution."""
    lines = [t("plot.tanh.table", lang)]
    lines += [f"  z = {z:>4g}   tanh′(z) = {d:#.4g}" for z, d in table()]
    lines += [
        t("lab.tanh.threshold", lang, level=f"{level:g}", z=f"{threshold(level):.3f}")
        for level in LEVELS
    ]
    return lines


def report(result: TanhResult, lang: str) -> list[str]:
    lines = table_lines(lang)
    lines.append(
        t(
            "lab.tanh.readout",
            lang,
            z=f"{result.point:g}",
            tanh=f"{result.tanh_at_point:.4g}",
            dtanh=f"{result.dtanh_at_point:.4g}",
        )
    )
    lines.append(t("lab.tanh.chain", lang, depth=result.depth))
    # Each line starts with its marker in the chain view, whose key is not on the plot.
    for i, (s, log_grad) in enumerate(result.chains):
        scale = t("lab.tanh.scale", lang, scale=f"{s:g}")
        lines.append(f"  {series_glyph(i)} {scale}: 10^{log_grad[-1]:.2f}")
    lines.append(f"  {series_glyph(len(result.chains))} ReLU: 10^0")
    lines.append(t("lab.tanh.relu", lang))
    return lines


SPEC = LabSpec(
    id="tanh",
    question=2,
    title=both("lab.tanh.title"),
    summary=both("lab.tanh.summary"),
    params=(
        Param("z_min", both("lab.tanh.p.z_min"), -6.0, -50.0, 50.0, 1.0),
        Param("z_max", both("lab.tanh.p.z_max"), 6.0, -50.0, 50.0, 1.0),
        Param("point", both("lab.tanh.p.point"), 2.0, -50.0, 50.0, 0.25),
        Param("depth", both("lab.tanh.p.depth"), 10, 1, 60, 1),
        Param("scale", both("lab.tanh.p.scale"), 1.0, 0.1, 5.0, 0.1),
    ),
    views=(View("curve", both("lab.tanh.v.curve")), View("chain", both("lab.tanh.v.chain"))),
    compute_fn=compute,
    draw_fn=draw,
    report_fn=report,
)
