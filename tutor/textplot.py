"""Line plots drawn as plain text in pure Python, for plots embedded in a solution.

``dltutor show`` and ``export`` must stay light (no numpy, no plotext: a test
checks it), yet question 2's solution carries the plot of tanh and tanh′ the seed
asks for. This module draws such a plot from the functions themselves: one
character cell per sample, a frame with ticks, and a key line naming each
marker, so the text reads the same on a terminal, in a file and on GitHub.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["Series", "line_plot", "nice_ticks", "tanh_plot"]

#: samples per character column, so a steep curve leaves no gaps
_SAMPLES = 8


@dataclass(frozen=True)
class Series:
    """A function drawn with ``marker``; where ``marker_at`` returns a glyph, that glyph instead."""

    label: str
    f: Callable[[float], float]
    marker: str
    marker_at: Callable[[float], str | None] | None = None


def nice_ticks(lo: float, hi: float, most: int = 7) -> list[float]:
    """Round tick values in [lo, hi]: steps of 1, 2, 2.5 or 5 times a power of ten, at most ``most``."""
    span = hi - lo
    for power in range(math.floor(math.log10(span)) - 1, math.floor(math.log10(span)) + 2):
        for base in (1.0, 2.0, 2.5, 5.0):
            step = base * 10.0**power
            first = math.ceil(lo / step - 1e-9)
            ticks = [k * step for k in range(first, math.floor(hi / step + 1e-9) + 1)]
            if 2 <= len(ticks) <= most:
                return [0.0 if abs(v) < step * 1e-9 else v for v in ticks]
    return [lo, hi]


def line_plot(
    series: Sequence[Series],
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    *,
    width: int,
    height: int,
    x_label: str,
    y_ticks: Sequence[float],
    key: str,
    x_marks: Sequence[float] = (),
) -> str:
    """The plot as text: the key, the framed area of ``width``×``height`` cells, x ticks and label.

    ``x_marks`` are drawn as vertical lines where no curve passes.
    """
    (x0, x1), (y0, y1) = x_range, y_range

    def col(x: float) -> int:
        return round((x - x0) / (x1 - x0) * (width - 1))

    def row(y: float) -> int:
        return round((y1 - y) / (y1 - y0) * (height - 1))

    grid = [[" "] * width for _ in range(height)]
    for mark in x_marks:
        if x0 < mark < x1:
            for r in range(height):
                grid[r][col(mark)] = "│"
    dx = (x1 - x0) / (width - 1)
    for s in series:
        for c in range(width):
            xc = x0 + c * dx
            glyph = (s.marker_at(xc) if s.marker_at else None) or s.marker
            for k in range(_SAMPLES + 1):
                x = min(max(xc + (k / _SAMPLES - 0.5) * dx, x0), x1)
                r = row(s.f(x))
                if 0 <= r < height:
                    grid[r][c] = glyph
    labels = {row(v): f"{v:.2f}" for v in y_ticks if y0 <= v <= y1}
    pad = max(map(len, labels.values()))
    ticks = [(col(v), f"{v:g}") for v in nice_ticks(x0, x1)]
    bottom = ["─"] * width
    for c, _ in ticks:
        bottom[c] = "┬"
    lines = [" " * (pad + 1) + key.center(width + 2).rstrip()]
    lines.append(" " * pad + "┌" + "─" * width + "┐")
    for r in range(height):
        label = labels.get(r)
        left = f"{label:>{pad}}┤" if label else " " * pad + "│"
        lines.append(left + "".join(grid[r]) + "│")
    lines.append(" " * pad + "└" + "".join(bottom) + "┘")
    tick_row = [" "] * (pad + width + 2)
    for c, text in ticks:
        start = min(max(pad + 1 + c - len(text) // 2, 0), len(tick_row) - len(text))
        if all(ch == " " for ch in tick_row[max(start - 1, 0) : start + len(text) + 1]):
            tick_row[start : start + len(text)] = text
    lines.append("".join(tick_row).rstrip())
    lines.append((" " * (pad + 1) + x_label.center(width)).rstrip())
    return "\n".join(lines)


def tanh_plot(z_min: float, z_max: float, *, width: int, height: int, saturated_label: str) -> str:
    """tanh and tanh′ on [z_min, z_max], tanh′ drawn with ``x`` where it is below 0.01."""
    from tutor.plots import key_text, marker_glyph

    edge = math.acosh(10.0)  # tanh′(z) < 0.01 ⇔ cosh z > 10

    def dtanh(z: float) -> float:
        return 1.0 / math.cosh(z) ** 2 if abs(z) < 350 else 0.0

    tanh_glyph = marker_glyph("hd")
    series = (
        Series("tanh(z)", math.tanh, tanh_glyph),
        Series("tanh′(z)", dtanh, "•", lambda z: "x" if abs(z) > edge else None),
    )
    key = key_text([("hd", "tanh(z)"), ("•", "tanh′(z)"), ("x", saturated_label)])
    return line_plot(
        series,
        (z_min, z_max),
        (-1.0, 1.0),
        width=width,
        height=height,
        x_label="z",
        y_ticks=(1.0, 0.5, 0.0, -0.5, -1.0),
        key=key,
        x_marks=(-edge, edge),
    )
