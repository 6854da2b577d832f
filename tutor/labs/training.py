"""Lab for question 8: early stopping, LR schedules, dropout and L2, each in one figure.

The schedules are PyTorch's closed forms (``lr_scheduler.StepLR``,
``ExponentialLR``, ``CosineAnnealingLR`` with η_min = 0, ``LinearLR`` warm-up
from 0.1·lr); dropout is ``nn.Dropout``'s inverted form, a kept unit scaled by
1/(1 − p) so that the expected activation is unchanged; L2 is plain gradient
descent on a ridge-regularized least-squares problem.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tutor.i18n import t
from tutor.labs.base import LabResult, LabSpec, Param, View, both
from tutor.plots import series_glyph

if TYPE_CHECKING:
    import numpy as np

SEED = 0
WARMUP_START = 0.1
GRID = 8
DROPOUT_DRAWS = 10_000
L2_SAMPLES, L2_FEATURES, L2_LR = 50, 20, 0.1


def schedules(
    lr: float, epochs: int, step_size: int, gamma: float, gamma_exp: float, t_max: int, warmup: int
) -> dict[str, list[float]]:
    """The learning rate at epochs 0…epochs−1 under each scheduler (PyTorch's closed forms)."""
    return {
        f"StepLR({step_size}, {gamma:g})": [lr * gamma ** (e // step_size) for e in range(epochs)],
        f"ExponentialLR({gamma_exp:g})": [lr * gamma_exp**e for e in range(epochs)],
        f"CosineAnnealingLR({t_max})": [
            lr * (1 + math.cos(math.pi * e / t_max)) / 2 for e in range(epochs)
        ],
        f"LinearLR({WARMUP_START:g}, {warmup})": [
            lr * (WARMUP_START + (1 - WARMUP_START) * min(e, warmup) / warmup)
            for e in range(epochs)
        ],
    }


def early_stopping(val: list[float], patience: int) -> tuple[int, int]:
    """(best epoch, stop epoch), 0-based: stop once ``patience`` epochs pass without a new best."""
    best, best_epoch = math.inf, 0
    for epoch, loss in enumerate(val):
        if loss < best:
            best, best_epoch = loss, epoch
        elif epoch - best_epoch >= patience:
            return best_epoch, epoch
    return best_epoch, len(val) - 1


@dataclass(frozen=True)
class TrainingResult(LabResult):
    epochs: int
    patience: int
    train: np.ndarray
    val: np.ndarray
    best_epoch: int
    stop_epoch: int
    lrs: dict[str, list[float]]
    p: float
    activations: np.ndarray
    mask: np.ndarray
    dropped_out: np.ndarray
    #: mean over many masks of the dropout output, per unit
    expected: np.ndarray
    weight_decay: float
    #: λ -> ‖w‖ after each epoch of gradient descent
    norms: dict[float, np.ndarray]
    #: λ -> ‖w‖ of the exact ridge solution (the limit of the descent)
    ridge_norms: dict[float, float]


def compute(
    patience: int,
    epochs: int,
    lr: float,
    step_size: int,
    gamma: float,
    gamma_exp: float,
    t_max: int,
    warmup: int,
    p: float,
    weight_decay: float,
) -> TrainingResult:
    import numpy as np

    rng = np.random.default_rng(SEED)
    e = np.arange(epochs)
    # A typical pair of curves: both fall, then validation turns up as the model overfits.
    train = 0.15 + 2.0 * np.exp(-e / 8) + 0.02 * rng.standard_normal(epochs)
    val = (
        0.35
        + 2.0 * np.exp(-e / 8)
        + 0.002 * np.maximum(e - 12, 0) ** 1.5
        + 0.03 * rng.standard_normal(epochs)
    )
    best_epoch, stop_epoch = early_stopping(val.tolist(), patience)

    activations = rng.uniform(0.5, 1.5, (GRID, GRID))
    mask = rng.random((GRID, GRID)) >= p
    dropped_out = activations * mask / (1 - p)
    masks = rng.random((DROPOUT_DRAWS, GRID, GRID)) >= p
    expected = (activations * masks / (1 - p)).mean(axis=0)

    x = rng.standard_normal((L2_SAMPLES, L2_FEATURES))
    y = x @ (2.0 * rng.standard_normal(L2_FEATURES)) + 0.5 * rng.standard_normal(L2_SAMPLES)
    gram, xty = x.T @ x / L2_SAMPLES, x.T @ y / L2_SAMPLES
    norms, ridge_norms = {}, {}
    for lam in sorted({0.0, weight_decay, 10 * weight_decay}):
        w = np.zeros(L2_FEATURES)
        history = []
        for _ in range(epochs):
            w = w - L2_LR * (gram @ w - xty + lam * w)
            history.append(float(np.linalg.norm(w)))
        norms[lam] = np.array(history)
        ridge_norms[lam] = float(
            np.linalg.norm(np.linalg.solve(gram + lam * np.eye(L2_FEATURES), xty))
        )
    return TrainingResult(
        epochs=epochs,
        patience=patience,
        train=train,
        val=val,
        best_epoch=best_epoch,
        stop_epoch=stop_epoch,
        lrs=schedules(lr, epochs, step_size, gamma, gamma_exp, t_max, warmup),
        p=p,
        activations=activations,
        mask=mask,
        dropped_out=dropped_out,
        expected=expected,
        weight_decay=weight_decay,
        norms=norms,
        ridge_norms=ridge_norms,
    )


def draw(result: TrainingResult, plt: Any, lang: str, view: str) -> None:
    from tutor.plots import MARKERS, key_text, lines_figure

    epochs = list(range(1, result.epochs + 1))
    if view == "early":
        # Every key below goes into the title: plotext's legend box covered the first epochs.
        train, val = t("lab.training.train", lang), t("lab.training.val", lang)
        best = t("lab.training.best", lang, best=result.best_epoch + 1)
        key = key_text([(MARKERS[0], train), (MARKERS[1], val), ("@", best)])
        lines_figure(
            plt,
            [(train, epochs, result.train.tolist()), (val, epochs, result.val.tolist())],
            title=t("lab.training.early.title", lang, legend=key, stop=result.stop_epoch + 1),
            xlabel=t("lab.axis.epoch", lang),
            legend=False,
        )
        plt.scatter([result.best_epoch + 1], [float(result.val[result.best_epoch])], marker="@")
        plt.vertical_line(result.stop_epoch + 1)
    elif view == "schedules":
        lines_figure(
            plt,
            [(name, list(range(result.epochs)), lrs) for name, lrs in result.lrs.items()],
            title=t("lab.training.lr.title", lang),
            xlabel=t("lab.axis.epoch", lang),
            legend=False,  # the report lines start with each schedule's marker
        )
    elif view == "dropout":
        kept = [(c + 1, GRID - r) for r in range(GRID) for c in range(GRID) if result.mask[r, c]]
        dropped = [
            (c + 1, GRID - r) for r in range(GRID) for c in range(GRID) if not result.mask[r, c]
        ]
        scale = f"{1 / (1 - result.p):.3g}"
        entries = []
        for cells, marker, label_key in (
            (kept, "█", "lab.training.kept"),
            (dropped, "·", "lab.training.dropped"),
        ):
            if cells:
                xs, ys = zip(*cells, strict=True)
                plt.scatter(list(xs), list(ys), marker=marker)
            entries.append((marker, t(label_key, lang, n=len(cells), scale=scale)))
        plt.xlim(0, GRID + 1)
        plt.ylim(0, GRID + 1)
        # The key is in the title: a legend box covered the mask's top-left cells.
        plt.title(
            t("lab.training.dropout.title", lang, p=f"{result.p:g}", legend=key_text(entries))
        )
    else:
        lines_figure(
            plt,
            [(f"λ = {lam:g}", epochs, norm.tolist()) for lam, norm in result.norms.items()],
            title=t("lab.training.l2.title", lang),
            xlabel=t("lab.axis.epoch", lang),
            ylabel="‖w‖",
            legend=False,  # the report lines start with each λ's marker
        )


def report(result: TrainingResult, lang: str) -> list[str]:
    lines = [
        t(
            "lab.training.early",
            lang,
            patience=result.patience,
            best=result.best_epoch + 1,
            val=f"{result.val[result.best_epoch]:.4f}",
            stop=result.stop_epoch + 1,
        )
    ]
    lines.append(t("lab.training.lr", lang))
    for i, (name, lrs) in enumerate(result.lrs.items()):
        lines.append(
            f"  {series_glyph(i)} {name:<24} " + ", ".join(f"{v:.4g}" for v in lrs[:6]) + ", …"
        )
    a, out = result.activations, result.dropped_out
    lines.append(
        t(
            "lab.training.dropout",
            lang,
            p=f"{result.p:g}",
            kept=int(result.mask.sum()),
            n=result.mask.size,
            scale=f"{1 / (1 - result.p):.4g}",
            mean_in=f"{a.mean():.4f}",
            mean_out=f"{out.mean():.4f}",
        )
    )
    gap = float(abs(result.expected - a).max() / a.max())
    lines.append(t("lab.training.expected", lang, draws=DROPOUT_DRAWS, gap=f"{100 * gap:.1f}"))
    lines.append(t("lab.training.l2", lang, epochs=result.epochs))
    for i, (lam, norm) in enumerate(result.norms.items()):
        lines.append(
            f"  {series_glyph(i)} λ = {lam:<8g} ‖w‖ = {norm[-1]:.4f}   ridge: {result.ridge_norms[lam]:.4f}"
        )
    return lines


SPEC = LabSpec(
    id="training",
    question=8,
    title=both("lab.training.title"),
    summary=both("lab.training.summary"),
    params=(
        Param("patience", both("lab.training.p.patience"), 5, 1, 30, 1),
        Param("epochs", both("lab.training.p.epochs"), 40, 5, 200, 5),
        Param("lr", both("lab.training.p.lr"), 0.1, 0.0001, 1.0, 0.01),
        Param("step_size", both("lab.training.p.step_size"), 3, 1, 50, 1),
        Param("gamma", both("lab.training.p.gamma"), 0.1, 0.01, 1.0, 0.05),
        Param("gamma_exp", both("lab.training.p.gamma_exp"), 0.9, 0.5, 1.0, 0.01),
        Param("t_max", both("lab.training.p.t_max"), 10, 1, 200, 1),
        Param("warmup", both("lab.training.p.warmup"), 5, 1, 50, 1),
        Param("p", both("lab.training.p.p"), 0.5, 0.0, 0.95, 0.05),
        Param("weight_decay", both("lab.training.p.weight_decay"), 0.1, 0.0, 1.0, 0.05),
    ),
    views=(
        View("early", both("lab.training.v.early")),
        View("schedules", both("lab.training.v.schedules")),
        View("dropout", both("lab.training.v.dropout")),
        View("l2", both("lab.training.v.l2")),
    ),
    compute_fn=compute,
    draw_fn=draw,
    report_fn=report,
)
