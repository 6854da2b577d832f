"""Lab for question 4: the 3→5→2→4 network, its 44 parameters, and its collapse without σ.

y = W₃σ(W₂σ(W₁x + b₁) + b₂) + b₃. With σ the identity the three layers are one
affine map y = Wx + b′ with W = W₃W₂W₁ and b′ = W₃(W₂b₁ + b₂) + b₃; the lab
checks that on a batch of random inputs and shows it fails once σ is on.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tutor.i18n import t
from tutor.labs.base import LabResult, LabSpec, Param, View, both

if TYPE_CHECKING:
    import numpy as np

SIZES: tuple[int, ...] = (3, 5, 2, 4)
CHECK_BATCH = 100


def activation(name: str, z: np.ndarray) -> np.ndarray:
    import numpy as np

    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "tanh":
        return np.tanh(z)
    return z  # "off": the identity


@dataclass(frozen=True)
class NetworkResult(LabResult):
    sigma: str
    seed: int
    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    #: (weights, biases) per layer
    counts: tuple[tuple[int, int], ...]
    #: (name, shape) of every vector of the forward pass, from x to y
    stages: tuple[tuple[str, tuple[int, ...]], ...]
    x: np.ndarray
    y: np.ndarray
    composed_w: np.ndarray
    composed_b: np.ndarray
    y_affine: np.ndarray
    #: max |y − (Wx + b′)| over a batch of random inputs
    gap: float

    @property
    def total(self) -> int:
        return sum(w + b for w, b in self.counts)


def forward(
    weights: tuple[np.ndarray, ...], biases: tuple[np.ndarray, ...], x: np.ndarray, sigma: str
) -> np.ndarray:
    """The network on the columns of x (σ after every layer but the last)."""
    h = x
    for i, (w, b) in enumerate(zip(weights, biases, strict=True)):
        z = w @ h + b[:, None] if h.ndim == 2 else w @ h + b
        h = z if i == len(weights) - 1 else activation(sigma, z)
    return h


def compute(sigma: str, seed: int) -> NetworkResult:
    import numpy as np

    rng = np.random.default_rng(seed)
    weights = tuple(rng.standard_normal((n_out, n_in)) for n_in, n_out in itertools.pairwise(SIZES))
    biases = tuple(rng.standard_normal(n_out) for n_out in SIZES[1:])
    x = rng.standard_normal(SIZES[0])
    y = forward(weights, biases, x, sigma)
    w1, w2, w3 = weights
    b1, b2, b3 = biases
    composed_w = w3 @ w2 @ w1
    composed_b = w3 @ (w2 @ b1 + b2) + b3
    batch = rng.standard_normal((SIZES[0], CHECK_BATCH))
    gap = float(
        np.abs(
            forward(weights, biases, batch, sigma) - (composed_w @ batch + composed_b[:, None])
        ).max()
    )
    stages: list[tuple[str, tuple[int, ...]]] = [("x", (SIZES[0],))]
    digits = "₀₁₂₃₄₅₆₇₈₉"
    for k, n_out in enumerate(SIZES[1:], start=1):
        # each layer reads the previous layer's output: x, then h₁, h₂, …
        sub, source = digits[k], "x" if k == 1 else f"h{digits[k - 1]}"
        z = f"z{sub} = W{sub}{source} + b{sub}"
        if k < len(SIZES) - 1:
            stages += [(z, (n_out,)), (f"h{sub} = σ(z{sub})", (n_out,))]
        else:
            stages.append((f"y = {z}", (n_out,)))
    return NetworkResult(
        sigma=sigma,
        seed=int(seed),
        weights=weights,
        biases=biases,
        counts=tuple((w.size, b.size) for w, b in zip(weights, biases, strict=True)),
        stages=tuple(stages),
        x=x,
        y=y,
        composed_w=composed_w,
        composed_b=composed_b,
        y_affine=composed_w @ x + composed_b,
        gap=gap,
    )


def draw(result: NetworkResult, plt: Any, lang: str, view: str) -> None:
    from tutor.plots import BAR_MARKERS, bars_figure, bars_key, key_text

    if view == "params":
        layers = [f"{n_in}→{n_out}" for n_in, n_out in itertools.pairwise(SIZES)]
        weights, biases = BAR_MARKERS[:2]
        # The key is in the title: plotext's legend box sat on the tallest bar (3→5).
        plt.stacked_bar(
            layers,
            [[w for w, _ in result.counts], [b for _, b in result.counts]],
            marker=[weights, biases],
        )
        key = key_text(
            [(weights, t("lab.network.weights", lang)), (biases, t("lab.network.biases", lang))]
        )
        plt.title(f"{t('lab.network.params.title', lang, total=result.total)}   {key}")
    else:
        outputs = [f"y{'₀₁₂₃₄₅₆₇₈₉'[i + 1]}" for i in range(SIZES[-1])]
        series = [
            (t("lab.network.net", lang), result.y.tolist()),
            ("Wx + b′", result.y_affine.tolist()),
        ]
        # The key is in the title: a legend box would sit on y₁'s bars.
        key = bars_key([name for name, _ in series])
        title = t("lab.network.output.title", lang, legend=key, gap=f"{result.gap:.1e}")
        bars_figure(plt, outputs, series, title=title, legend=False)


def _matrix(m: np.ndarray) -> list[str]:
    return ["  [" + "  ".join(f"{v:8.4f}" for v in row) + "]" for row in m]


def report(result: NetworkResult, lang: str) -> list[str]:
    lines = [
        t("lab.network.layer", lang, n_in=n_in, n_out=n_out, w=w, b=b, total=w + b)
        for (n_in, n_out), (w, b) in zip(itertools.pairwise(SIZES), result.counts, strict=True)
    ]
    lines.append(t("lab.network.total", lang, total=result.total))
    lines.append(t("lab.network.shapes", lang))
    width = max(len(name) for name, _ in result.stages) + 2
    lines += [f"  {name:<{width}}{shape}" for name, shape in result.stages]
    lines.append("y = [" + ", ".join(f"{v:.4f}" for v in result.y) + "]")
    lines.append("W = W₃W₂W₁ (4×3):")
    lines += _matrix(result.composed_w)
    lines.append(
        "b′ = W₃(W₂b₁ + b₂) + b₃ = [" + ", ".join(f"{v:.4f}" for v in result.composed_b) + "]"
    )
    key = "lab.network.collapse" if result.sigma == "off" else "lab.network.no_collapse"
    lines.append(t(key, lang, gap=f"{result.gap:.1e}", sigma=result.sigma))
    return lines


SPEC = LabSpec(
    id="network",
    question=4,
    title=both("lab.network.title"),
    summary=both("lab.network.summary"),
    params=(
        Param("sigma", both("lab.network.p.sigma"), "relu", choices=("relu", "tanh", "off")),
        Param("seed", both("lab.network.p.seed"), 0, 0, 9999, 1),
    ),
    views=(
        View("params", both("lab.network.v.params")),
        View("output", both("lab.network.v.output")),
    ),
    compute_fn=compute,
    draw_fn=draw,
    report_fn=report,
)
