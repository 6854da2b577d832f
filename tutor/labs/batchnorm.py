"""Lab for question 7: batch norm before a conv layer, per channel.

On a B×h×w×C batch, BatchNorm keeps one γ and one β per channel (2C learnable
parameters) and one running mean and variance per channel (2C buffers, not
trained; PyTorch adds one more buffer, ``num_batches_tracked``). Each channel is
normalized over its B·h·w values, then scaled by γ and shifted by β.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tutor.i18n import t
from tutor.labs.base import LabResult, LabSpec, Param, View, both

if TYPE_CHECKING:
    import numpy as np

EPS = 1e-5
MOMENTUM = 0.1
SEED = 0


@dataclass(frozen=True)
class BatchNormResult(LabResult):
    batch: int
    height: int
    width: int
    channels: int
    learnable: int
    running_stats: int
    #: 2C running statistics plus PyTorch's num_batches_tracked
    buffers: int
    gamma: np.ndarray
    beta: np.ndarray
    #: per-channel mean and std (biased, as BN normalizes) of the raw input
    mean_in: np.ndarray
    std_in: np.ndarray
    #: the same after normalization (before γ, β) and after γ, β
    mean_norm: np.ndarray
    std_norm: np.ndarray
    mean_out: np.ndarray
    std_out: np.ndarray
    #: the buffers after this one training step, from mean 0 and variance 1
    running_mean: np.ndarray
    running_var: np.ndarray


def compute(channels: int, batch: int, height: int, width: int) -> BatchNormResult:
    import numpy as np

    rng = np.random.default_rng(SEED)
    # Channels with their own offsets and scales, so normalizing visibly does something.
    offsets = rng.uniform(-3, 3, channels)
    scales = rng.uniform(0.5, 4, channels)
    x = offsets + scales * rng.standard_normal((batch, height, width, channels))
    gamma = rng.uniform(0.5, 2.0, channels).round(2)
    beta = rng.uniform(-1.0, 1.0, channels).round(2)
    axes = (0, 1, 2)  # every axis but the channel: B, h, w
    mean, var = x.mean(axis=axes), x.var(axis=axes)
    x_hat = (x - mean) / np.sqrt(var + EPS)
    y = gamma * x_hat + beta
    n = batch * height * width
    unbiased = var * n / (n - 1) if n > 1 else var
    return BatchNormResult(
        batch=batch,
        height=height,
        width=width,
        channels=channels,
        learnable=2 * channels,
        running_stats=2 * channels,
        buffers=2 * channels + 1,
        gamma=gamma,
        beta=beta,
        mean_in=mean,
        std_in=np.sqrt(var),
        mean_norm=x_hat.mean(axis=axes),
        std_norm=x_hat.std(axis=axes),
        mean_out=y.mean(axis=axes),
        std_out=y.std(axis=axes),
        running_mean=MOMENTUM * mean,
        running_var=(1 - MOMENTUM) * 1.0 + MOMENTUM * unbiased,
    )


def draw(result: BatchNormResult, plt: Any, lang: str, view: str) -> None:
    from tutor.plots import bars_figure, bars_key

    channels = [str(c) for c in range(1, result.channels + 1)]
    normalized = t("lab.batchnorm.normalised", lang)
    if view == "mean":
        series = [
            (t("lab.batchnorm.input", lang), result.mean_in.tolist()),
            (f"{normalized} (0)", result.mean_norm.tolist()),
            ("γx̂ + β (= β)", result.mean_out.tolist()),
        ]
    else:
        series = [
            (t("lab.batchnorm.input", lang), result.std_in.tolist()),
            (f"{normalized} (1)", result.std_norm.tolist()),
            ("γx̂ + β (= γ)", result.std_out.tolist()),
        ]
    # The key is the title: plotext's legend box covered channel 1's bars.
    key = bars_key([name for name, _ in series])
    title = t(f"lab.batchnorm.{view}.title", lang, legend=key)
    bars_figure(plt, channels, series, title=title, legend=False)
    plt.xlabel(t("lab.axis.channel", lang))


def report(result: BatchNormResult, lang: str) -> list[str]:
    c = result.channels
    lines = [
        t("lab.batchnorm.learnable", lang, c=c, n=result.learnable),
        t("lab.batchnorm.buffers", lang, c=c, n=result.running_stats, total=result.buffers),
        t("lab.batchnorm.values", lang, n=result.batch * result.height * result.width),
        f"  {'c':>3}  {'mean x':>8} {'std x':>7}  {'mean x̂':>8} {'std x̂':>7}  {'γ':>5} {'β':>5}  {'mean y':>7} {'std y':>6}",
    ]
    shown = min(c, 16)
    for k in range(shown):
        lines.append(
            f"  {k + 1:>3}  {result.mean_in[k]:8.3f} {result.std_in[k]:7.3f}  {result.mean_norm[k]:8.1e}"
            f" {result.std_norm[k]:7.4f}  {result.gamma[k]:5.2f} {result.beta[k]:5.2f}"
            f"  {result.mean_out[k]:7.3f} {result.std_out[k]:6.3f}"
        )
    if shown < c:
        lines.append(f"  … ({c - shown})")
    lines.append(t("lab.batchnorm.running", lang, momentum=f"{MOMENTUM:g}"))
    return lines


SPEC = LabSpec(
    id="batchnorm",
    question=7,
    title=both("lab.batchnorm.title"),
    summary=both("lab.batchnorm.summary"),
    params=(
        Param("channels", both("lab.batchnorm.p.channels"), 4, 1, 64, 1),
        Param("batch", both("lab.batchnorm.p.batch"), 8, 1, 64, 1),
        Param("height", both("lab.batchnorm.p.height"), 6, 1, 32, 1),
        Param("width", both("lab.batchnorm.p.width"), 6, 1, 32, 1),
    ),
    views=(View("mean", both("lab.batchnorm.v.mean")), View("std", both("lab.batchnorm.v.std"))),
    compute_fn=compute,
    draw_fn=draw,
    report_fn=report,
)
