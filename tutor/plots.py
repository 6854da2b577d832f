"""Lab data drawn onto a plotext-like object, shared by the CLI and the app.

``plt`` is anything with plotext's figure methods: a figure from
:func:`new_figure` (the CLI), the ``plotext`` module, or ``PlotextPlot.plt`` in
the Textual app. Series always differ by marker as well as by colour, so a plot
printed without colour still tells its lines apart. plotext and numpy are
imported inside the functions.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from tutor.i18n import t

if TYPE_CHECKING:
    from tutor.labs.tanh import TanhResult

#: markers in the order series use them; all print in a UTF-8 terminal
MARKERS: tuple[str, ...] = ("hd", "•", "x", "+", "o", "*", "#", "@")
#: bar fills in the order series use them, told apart without colour too
BAR_MARKERS: tuple[str, ...] = ("█", "▒", "░", "▓")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def marker_glyph(marker: str) -> str:
    """How a marker looks in a key written as text (plotext's own legend draws "hd" as ▞)."""
    return "▞" if marker == "hd" else marker


def key_text(entries: Sequence[tuple[str, str]]) -> str:
    """A legend on one line, ``▞ tanh(z)  • tanh′(z)``, for a title or a report.

    plotext always puts its legend in the top-left corner, over the data of a
    small plot; where that corner is not free the key goes into text instead.
    """
    return "  ".join(f"{marker_glyph(marker)} {label}" for marker, label in entries)


def series_glyph(index: int) -> str:
    """The glyph of series ``index`` as :func:`lines_figure` draws it, for a key in a report line."""
    return marker_glyph(MARKERS[index % len(MARKERS)])


def new_figure() -> Any:
    """A fresh plotext figure, so a render never shares state with another."""
    from plotext._figure import _figure_class  # the class textual-plotext builds on, too

    return _figure_class()


def strip_ansi(text: str) -> str:
    return _ANSI.sub("", text)


def render_to_text(
    draw_fn: Callable[[Any], None], width: int, height: int, *, color: bool, tidy: bool = False
) -> str:
    """Draw with ``draw_fn(plt)`` on a fresh figure of ``width``×``height`` and return the text.

    Without ``color`` the result has no escape codes at all (plotext's "clear"
    theme still ends each line with a reset code, so those are stripped too).
    With ``tidy`` the axes get the round ticks the app draws (see :class:`Canvas`).
    """
    fig = new_figure()
    if tidy:
        canvas = Canvas(fig, height=height)
        draw_fn(canvas)
        canvas.finish()
    else:
        draw_fn(fig)
    # The figure would otherwise shrink to plotext's idea of the terminal, which is
    # wrong when piped; the caller already chose the size.
    fig._limit_size(False, False)
    fig.plotsize(width, height)
    if not color:
        fig.theme("clear")
    text = fig.build()
    text = "\n".join(line.rstrip() for line in (text if color else strip_ansi(text)).split("\n"))
    return text.rstrip("\n")


#: about how many ticks each axis gets (plotext drops the labels that do not fit)
X_TICKS = 7
Y_TICKS = 5


class Canvas:
    """A plotext figure that remembers what is drawn on it, so its axes can be tidied.

    plotext puts its ticks at evenly spaced points between the data's limits: a
    depth or an epoch axis reads 1.0, 3.2, 5.5 and a tick near zero may read
    -0.00. Drawing through a Canvas records the data and the limits; :meth:`finish`
    then sets round ticks (1, 2 or 5 times a power of ten), whole numbers on an
    axis whose data are all whole, and never a negative zero. With
    ``keep_title=False`` the title is only recorded (:attr:`title_text`), for a
    caller that shows it elsewhere: plotext drops a title wider than the plot.
    """

    def __init__(self, plt: Any, *, keep_title: bool = True, height: int | None = None) -> None:
        self._plt = plt
        self._keep_title = keep_title
        #: rows of the whole plot, when known: a short plot gets fewer y ticks
        self._height = height
        self.title_text: str | None = None
        self._xs: list[float] = []
        self._ys: list[float] = []
        #: the x axis holds categories (bars), not numbers
        self._categories = False
        self._xlim: tuple[float, float] | None = None
        self._ylim: tuple[float, float] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._plt, name)

    def plot(self, xs: Sequence[float], ys: Sequence[float], *args: Any, **kwargs: Any) -> Any:
        self._record(xs, ys)
        return self._plt.plot(xs, ys, *args, **kwargs)

    def scatter(self, xs: Sequence[float], ys: Sequence[float], *args: Any, **kwargs: Any) -> Any:
        self._record(xs, ys)
        return self._plt.scatter(xs, ys, *args, **kwargs)

    def bar(self, positions: Sequence[Any], values: Sequence[float], *args: Any, **kwargs: Any) -> Any:
        self._record_bars([values])
        return self._plt.bar(positions, values, *args, **kwargs)

    def multiple_bar(
        self, positions: Sequence[Any], values: Sequence[Sequence[float]], *args: Any, **kwargs: Any
    ) -> Any:
        self._record_bars(values)
        return self._plt.multiple_bar(positions, values, *args, **kwargs)

    def stacked_bar(
        self, positions: Sequence[Any], values: Sequence[Sequence[float]], *args: Any, **kwargs: Any
    ) -> Any:
        self._record_bars([[sum(column) for column in zip(*values, strict=True)], *values])
        return self._plt.stacked_bar(positions, values, *args, **kwargs)

    def xlim(
        self, left: float | None = None, right: float | None = None, *args: Any, **kwargs: Any
    ) -> Any:
        if left is not None and right is not None:
            self._xlim = (float(left), float(right))
        return self._plt.xlim(left, right, *args, **kwargs)

    def ylim(
        self, lower: float | None = None, upper: float | None = None, *args: Any, **kwargs: Any
    ) -> Any:
        if lower is not None and upper is not None:
            self._ylim = (float(lower), float(upper))
        return self._plt.ylim(lower, upper, *args, **kwargs)

    def title(self, label: str | None = None) -> Any:
        self.title_text = label
        return self._plt.title(label) if self._keep_title else None

    def _record(self, xs: Sequence[float], ys: Sequence[float]) -> None:
        self._xs += [float(x) for x in xs]
        self._ys += [float(y) for y in ys]

    def _record_bars(self, series: Sequence[Sequence[float]]) -> None:
        self._categories = True
        self._ys += [0.0, *(float(v) for values in series for v in values)]  # bars rise from 0

    def finish(self) -> None:
        """Set the tidy ticks (call once everything is drawn)."""
        ys = [y for y in self._ys if math.isfinite(y)]
        if ys:
            low, high = self._ylim or (min(ys), max(ys))
            count = Y_TICKS
            if self._height is not None:  # about one label every other row of the canvas
                count = max(3, min(Y_TICKS, (self._height - 4) // 2 + 1))
            ticks = round_ticks(low, high, count, whole=all(y == int(y) for y in ys))
            if ticks:
                if self._ylim is None:  # the axis spans the round ticks around the data
                    low, high = min(low, ticks[0]), max(high, ticks[-1])
                    self._plt.ylim(low, high)
                self._plt.yticks(ticks, tick_labels(ticks))
        xs = [x for x in self._xs if math.isfinite(x)]
        if xs and not self._categories:
            low, high = self._xlim or (min(xs), max(xs))
            whole = all(x == int(x) for x in xs)
            ticks = round_ticks(low, high, X_TICKS, whole=whole)
            ticks = [x for x in ticks if low - 1e-9 <= x <= high + 1e-9]  # the x axis is not widened
            if ticks:
                self._plt.xticks(ticks, tick_labels(ticks))


def round_ticks(low: float, high: float, count: int, *, whole: bool) -> list[float]:
    """About ``count`` round values spanning [low, high]: multiples of 1, 2 or 5 × 10ᵏ.

    ``whole``: the step is a whole number (an axis of depths, layers or epochs).
    The ticks may reach one step past the limits, so that both ends are marked.
    """
    if not (math.isfinite(low) and math.isfinite(high)):
        return []
    if high < low:
        low, high = high, low
    span = high - low
    if span <= 0:
        return [low]
    raw = span / max(1, count - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * 0.999)
    if whole:
        step = max(1.0, float(round(step)))
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    return [_clean(k * step) for k in range(first, last + 1)]


def tick_labels(ticks: Sequence[float]) -> list[str]:
    """The ticks as text with the decimals their step needs (0, never -0.00)."""
    if all(t == int(t) for t in ticks):
        return [str(int(t)) for t in ticks]
    step = min((b - a for a, b in itertools.pairwise(ticks)), default=1.0)
    decimals = 0
    while decimals < 12 and abs(round(step, decimals) - step) > step * 1e-6:
        decimals += 1
    return [f"{t:.{decimals}f}" for t in ticks]


def _clean(value: float) -> float:
    """A tick computed as k·step, without float noise and without a negative zero."""
    return round(value, 12) + 0.0


def lines_figure(
    plt: Any,
    series: Sequence[tuple[str, Sequence[float], Sequence[float]]],
    *,
    title: str = "",
    xlabel: str = "",
    ylabel: str = "",
    markers: Sequence[str] | None = None,
    legend: bool = True,
) -> None:
    """Several lines, each with its own marker (``markers``, else MARKERS in order).

    Without ``legend`` the caller says which marker is which elsewhere (see
    :func:`key_text`), so no legend box covers the data.
    """
    for i, (label, xs, ys) in enumerate(series):
        plt.plot(
            list(map(float, xs)),
            list(map(float, ys)),
            label=label if legend else None,
            marker=markers[i] if markers is not None else MARKERS[i % len(MARKERS)],
        )
    if title:
        plt.title(title)
    if xlabel:
        plt.xlabel(xlabel)
    if ylabel:
        plt.ylabel(ylabel)


def bars_figure(
    plt: Any,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    title: str = "",
    legend: bool = True,
) -> None:
    """Side-by-side bars per label (one group per label, one bar per series).

    Without ``legend`` the caller puts :func:`bars_key` into the title instead.
    """
    names = [name for name, _ in series]
    values = [[float(v) for v in values] for _, values in series]
    if len(series) == 1:
        plt.bar(list(labels), values[0], label=names[0] if legend else None, marker=BAR_MARKERS[0])
    else:
        markers = [BAR_MARKERS[i % len(BAR_MARKERS)] for i in range(len(series))]
        plt.multiple_bar(list(labels), values, labels=names if legend else None, marker=markers)
    if title:
        plt.title(title)


def tanh_figure(
    plt: Any, z_min: float, z_max: float, *, point: float | None = None, lang: str
) -> None:
    """tanh and tanh′ on [z_min, z_max]; where tanh′ < 0.01 is marked; tanh′ read at ``point``."""
    from tutor.labs.tanh import curve, dtanh, threshold

    c = curve(z_min, z_max)
    limit = threshold(0.01)
    z = c.z.tolist()
    # The key is the title: plotext's legend box would sit on the saturated tail
    # (z < −2.65, tanh′ ≈ 0) in the top-left corner of a 10-row plot.
    key = [(MARKERS[0], "tanh(z)"), (MARKERS[1], "tanh′(z)")]
    plt.plot(z, c.tanh.tolist(), marker=MARKERS[0])
    plt.plot(z, c.dtanh.tolist(), marker=MARKERS[1])
    saturated = [(zi, di) for zi, di in zip(z, c.dtanh.tolist(), strict=True) if abs(zi) > limit]
    if saturated:
        xs, ys = zip(*saturated, strict=True)
        plt.scatter(list(xs), list(ys), marker=MARKERS[2])
        key.append((MARKERS[2], t("plot.tanh.saturated", lang)))
    for edge in (-limit, limit):
        if z_min < edge < z_max:
            plt.vertical_line(edge)
    if point is not None and z_min <= point <= z_max:
        d = dtanh(point)
        plt.scatter([point], [d], marker="@")
        key.append(("@", f"tanh′({point:g}) = {d:.4g}"))
    plt.title(key_text(key))
    plt.xlabel("z")
    plt.xlim(z_min, z_max)


def bars_key(names: Sequence[str]) -> str:
    """The key of :func:`bars_figure`'s series as one line: ``█ ŷ  ▒ p``."""
    return key_text([(BAR_MARKERS[i % len(BAR_MARKERS)], name) for i, name in enumerate(names)])


def chain_figure(plt: Any, result: TanhResult, *, lang: str) -> None:
    """log₁₀ of the gradient reaching layer 1 against depth, per pre-activation scale, and ReLU."""
    depths = list(range(1, result.depth + 1))
    series = [
        (t("lab.tanh.scale", lang, scale=f"{s:g}"), depths, log_grad.tolist())
        for s, log_grad in result.chains
    ]
    series.append(("ReLU", depths, [0.0] * len(depths)))
    lines_figure(
        plt,
        series,
        title=t("lab.tanh.chain.title", lang),
        xlabel=t("lab.axis.depth", lang),
        ylabel="log₁₀ |∂/∂z₁|",
        legend=False,  # the report names each marker: the key is too long for the title
    )
