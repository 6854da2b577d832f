"""Lab for question 3: softmax with cross-entropy, and its gradient ŷ − p.

For any target distribution p (Σp = 1) the gradient of CE = −Σ pₖ log ŷₖ with
respect to the logits is ŷ − p; the lab checks it against central finite
differences, for a one-hot target and for the seed's soft label (3/4 on class 1,
1/4 on class 7, of the 10 MNIST classes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tutor.i18n import t
from tutor.labs.base import LabResult, LabSpec, Param, View, both

if TYPE_CHECKING:
    import numpy as np

CLASSES = 10
DEFAULT_LOGITS: tuple[float, ...] = (0.5, 2.0, -1.0, 0.0, 0.3, -0.5, 1.0, 1.5, -2.0, 0.2)
#: the soft label of question 3: three annotators chose class 1, one chose class 7
SOFT_LABEL: dict[int, float] = {1: 0.75, 7: 0.25}
FD_STEP = 1e-5


def softmax(z: np.ndarray) -> np.ndarray:
    import numpy as np

    e = np.exp(z - z.max())  # shifting by max z changes nothing but avoids overflow
    return e / e.sum()


def cross_entropy(z: np.ndarray, p: np.ndarray) -> float:
    import numpy as np

    shifted = z - z.max()
    log_softmax = shifted - np.log(np.exp(shifted).sum())
    return float(-(p * log_softmax).sum())


def target_vector(target: str, label: int) -> np.ndarray:
    import numpy as np

    p = np.zeros(CLASSES)
    if target == "soft":
        for k, weight in SOFT_LABEL.items():
            p[k] = weight
    else:
        p[label] = 1.0
    return p


@dataclass(frozen=True)
class SoftmaxResult(LabResult):
    target: str
    logits: np.ndarray
    p: np.ndarray
    y_hat: np.ndarray
    loss: float
    gradient: np.ndarray
    finite_difference: np.ndarray
    max_gap: float


def compute(logits: tuple[float, ...], target: str, label: int) -> SoftmaxResult:
    import numpy as np

    z = np.asarray(logits, dtype=float)
    p = target_vector(target, label)
    y_hat = softmax(z)
    gradient = y_hat - p
    fd = np.empty(CLASSES)
    for i in range(CLASSES):
        step = np.zeros(CLASSES)
        step[i] = FD_STEP
        fd[i] = (cross_entropy(z + step, p) - cross_entropy(z - step, p)) / (2 * FD_STEP)
    return SoftmaxResult(
        target=target,
        logits=z,
        p=p,
        y_hat=y_hat,
        loss=cross_entropy(z, p),
        gradient=gradient,
        finite_difference=fd,
        max_gap=float(np.abs(fd - gradient).max()),
    )


def draw(result: SoftmaxResult, plt: Any, lang: str, view: str) -> None:
    from tutor.plots import bars_figure, bars_key

    # The key is in the title: plotext's legend box covered the bars of classes 0–2.
    classes = [str(k) for k in range(CLASSES)]
    if view == "probs":
        series = [("ŷ", result.y_hat.tolist()), ("p", result.p.tolist())]
        title = t(
            "lab.softmax.probs.title",
            lang,
            legend=bars_key([name for name, _ in series]),
            loss=f"{result.loss:.4f}",
        )
    else:
        series = [
            ("ŷ − p", result.gradient.tolist()),
            (t("lab.softmax.fd", lang), result.finite_difference.tolist()),
        ]
        title = t(
            "lab.softmax.grad.title",
            lang,
            legend=bars_key([name for name, _ in series]),
            gap=f"{result.max_gap:.1e}",
        )
    bars_figure(plt, classes, series, title=title, legend=False)
    plt.xlabel(t("lab.axis.class", lang))


def report(result: SoftmaxResult, lang: str) -> list[str]:
    def vec(v: np.ndarray) -> str:
        return "[" + ", ".join(f"{x:.4f}" for x in v) + "]"

    return [
        "z  = " + "[" + ", ".join(f"{x:g}" for x in result.logits) + "]",
        "p  = " + vec(result.p),
        "ŷ  = " + vec(result.y_hat),
        t("lab.softmax.loss", lang, loss=f"{result.loss:.6f}"),
        "ŷ − p = " + vec(result.gradient),
        t("lab.softmax.fd", lang) + ": " + vec(result.finite_difference),
        t("lab.softmax.gap", lang, gap=f"{result.max_gap:.2e}", h=f"{FD_STEP:g}"),
        t("lab.softmax.sum", lang, total=f"{result.gradient.sum():+.1e}"),
    ]


SPEC = LabSpec(
    id="softmax",
    question=3,
    title=both("lab.softmax.title"),
    summary=both("lab.softmax.summary"),
    params=(
        Param(
            "logits", both("lab.softmax.p.logits"), DEFAULT_LOGITS, -30.0, 30.0, 0.5, length=CLASSES
        ),
        Param("target", both("lab.softmax.p.target"), "soft", choices=("soft", "onehot")),
        Param("label", both("lab.softmax.p.label"), 1, 0, CLASSES - 1, 1),
    ),
    views=(
        View("gradient", both("lab.softmax.v.gradient")),
        View("probs", both("lab.softmax.v.probs")),
    ),
    compute_fn=compute,
    draw_fn=draw,
    report_fn=report,
)
