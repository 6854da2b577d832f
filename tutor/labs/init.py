"""Lab for question 6: what ``gain`` does to activations in a deep MLP.

A 20-layer MLP of width 256 without biases, fed a batch of N(0, 1) inputs:
Xavier normal (std = gain·√(2/(fan_in + fan_out))) for tanh, Kaiming normal
(std = gain/√fan_in) for ReLU, as ``torch.nn.init`` does. With the right gain
(5/3 for tanh, √2 for ReLU) the activations keep their scale; with gain 1 they
shrink layer by layer, and with gain 3 tanh saturates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tutor.i18n import t
from tutor.labs.base import LabResult, LabSpec, Param, View, both

if TYPE_CHECKING:
    import numpy as np

DEPTH = 20
WIDTH = 256
BATCH = 256
SEED = 0
SATURATED = 0.99
#: a looser threshold, at which tanh′ < 0.19: "mostly saturated" in the weaker sense
NEARLY_SATURATED = 0.9
#: (nonlinearity, gain) of the comparison, with PyTorch's std at layer 20 for its seed
REFERENCES: tuple[tuple[str, float, float], ...] = (
    ("tanh", 1.0, 0.16),
    ("tanh", 5 / 3, 0.65),
    ("tanh", 3.0, 0.84),
    ("relu", 1.0, 0.0008),
    ("relu", math.sqrt(2), 0.8),
)


def weight_std(nonlinearity: str, gain: float) -> float:
    """Xavier normal for tanh, Kaiming normal (fan_in) for ReLU; square layers of WIDTH."""
    if nonlinearity == "tanh":
        return gain * math.sqrt(2.0 / (WIDTH + WIDTH))
    return gain / math.sqrt(WIDTH)


@dataclass(frozen=True)
class InitRun:
    nonlinearity: str
    gain: float
    #: std of the activations after each layer (1…DEPTH)
    std: np.ndarray
    #: share of units with |a| > 0.99 after each layer (tanh only; zeros for ReLU)
    saturated: np.ndarray
    #: share of units with |a| > 0.9 after the last layer (tanh only)
    nearly_saturated: float
    #: PyTorch's figure for this configuration, when it is one of the references
    reference: float | None


@dataclass(frozen=True)
class InitResult(LabResult):
    nonlinearity: str
    gain: float
    #: the student's configuration first, then the references not equal to it
    runs: tuple[InitRun, ...]


def forward(
    x: np.ndarray, base: np.ndarray, nonlinearity: str, gain: float
) -> tuple[np.ndarray, np.ndarray, float]:
    import numpy as np

    scale = np.float32(weight_std(nonlinearity, gain))
    stds, saturated = np.empty(DEPTH), np.zeros(DEPTH)
    h = x
    for layer in range(DEPTH):
        z = h @ (base[layer] * scale).T
        if nonlinearity == "tanh":
            h = np.tanh(z)
            saturated[layer] = float((np.abs(h) > SATURATED).mean())
        else:
            h = np.maximum(z, 0)
        stds[layer] = float(h.std(dtype=np.float64))
    nearly = float((np.abs(h) > NEARLY_SATURATED).mean()) if nonlinearity == "tanh" else 0.0
    return stds, saturated, nearly


def _same(a: tuple[str, float], b: tuple[str, float]) -> bool:
    return a[0] == b[0] and abs(a[1] - b[1]) < 1e-3


def compute(nonlinearity: str, gain: float) -> InitResult:
    import numpy as np

    rng = np.random.default_rng(SEED)
    # float32 like PyTorch, and it halves the time; one set of N(0, 1) matrices,
    # scaled per configuration, so the configurations differ only by their std.
    x = rng.standard_normal((BATCH, WIDTH), dtype=np.float32)
    base = rng.standard_normal((DEPTH, WIDTH, WIDTH), dtype=np.float32)
    configs: list[tuple[str, float, float | None]] = [(nonlinearity, float(gain), None)]
    for nl, g, ref in REFERENCES:
        if _same((nl, g), (nonlinearity, gain)):
            configs[0] = (nl, float(gain), ref)
        else:
            configs.append((nl, g, ref))
    runs = tuple(InitRun(nl, g, *forward(x, base, nl, g), ref) for nl, g, ref in configs)
    return InitResult(nonlinearity=nonlinearity, gain=float(gain), runs=runs)


def _name(run: InitRun) -> str:
    return f"{run.nonlinearity} gain {run.gain:.3g}"


def run_marker(result: InitResult, run: InitRun) -> str:
    """One marker per run in every view; the report names it (no legend box over the lines)."""
    from tutor.plots import MARKERS

    return MARKERS[result.runs.index(run) % len(MARKERS)]


def draw(result: InitResult, plt: Any, lang: str, view: str) -> None:
    import numpy as np

    from tutor.plots import lines_figure

    layers = list(range(1, DEPTH + 1))
    # Five lines start together at layer 1, where plotext would put its legend: the
    # report under the plot gives each run's marker instead.
    if view == "saturation":
        runs = [r for r in result.runs if r.nonlinearity == "tanh"]
        series = [(_name(r), layers, (100 * r.saturated).tolist()) for r in runs]
        lines_figure(
            plt,
            series,
            title=t("lab.init.saturation.title", lang),
            xlabel=t("lab.axis.layer", lang),
            ylabel="%",
            markers=[run_marker(result, r) for r in runs],
            legend=False,
        )
        return
    series = [(_name(r), layers, np.log10(np.maximum(r.std, 1e-12)).tolist()) for r in result.runs]
    lines_figure(
        plt,
        series,
        title=t("lab.init.std.title", lang),
        xlabel=t("lab.axis.layer", lang),
        ylabel="log₁₀ std",
        markers=[run_marker(result, r) for r in result.runs],
        legend=False,
    )


def report(result: InitResult, lang: str) -> list[str]:
    from tutor.plots import marker_glyph

    lines = [t("lab.init.setup", lang, depth=DEPTH, width=WIDTH, batch=BATCH, seed=SEED)]
    for run in result.runs:
        mark = "→" if run is result.runs[0] else " "
        reference = (
            t("lab.init.reference", lang, value=f"{run.reference:g}")
            if run.reference is not None
            else ""
        )
        saturated = (
            "  "
            + t(
                "lab.init.saturated",
                lang,
                share=f"{100 * run.saturated[-1]:.0f}",
                nearly=f"{100 * run.nearly_saturated:.0f}",
            )
            if run.nonlinearity == "tanh"
            else ""
        )
        glyph = marker_glyph(run_marker(result, run))
        lines.append(
            f"{mark} {glyph} {_name(run):<16} std(a₂₀) = {run.std[-1]:.4g}{reference}{saturated}"
        )
    lines.append(t("lab.init.gains", lang))
    return lines


SPEC = LabSpec(
    id="init",
    question=6,
    title=both("lab.init.title"),
    summary=both("lab.init.summary"),
    params=(
        Param("nonlinearity", both("lab.init.p.nonlinearity"), "tanh", choices=("tanh", "relu")),
        Param("gain", both("lab.init.p.gain"), 5 / 3, 0.1, 5.0, 0.1),
    ),
    views=(View("std", both("lab.init.v.std")), View("saturation", both("lab.init.v.saturation"))),
    compute_fn=compute,
    draw_fn=draw,
    report_fn=report,
)
