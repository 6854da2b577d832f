"""Lab data drawn onto a plotext-like object, shared by the CLI and the app.

``plt`` is anything with plotext's figure methods: a figure from
:func:`new_figure` (the CLI), the ``plotext`` module, or ``PlotextPlot.plt`` in
the Textual app. Series always differ by marker as well as by colour, so a plot
printed without colour still tells its lines apart. plotext and numpy are
imported inside the functions.
"""

from __future__ import annotations

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


def render_to_text(draw_fn: Callable[[Any], None], width: int, height: int, *, color: bool) -> str:
    """Draw with ``draw_fn(plt)`` on a fresh figure of ``width``×``height`` and return the text.

    Without ``color`` the result has no escape codes at all (plotext's "clear"
    theme still ends each line with a reset code, so those are stripped too).
    """
    fig = new_figure()
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
