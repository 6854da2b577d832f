"""Reading a text plot back: the cells a marker fills, as (x, y) from the frame's ticks."""

from __future__ import annotations

import re


def plot_block(text: str) -> list[str]:
    """The lines of the first plain code block that holds a framed plot."""
    for block in re.findall(r"```\n(.*?)\n```", text, re.S):
        lines = block.split("\n")
        if any("┌" in line for line in lines) and any("└" in line for line in lines):
            return lines
    raise AssertionError("no plot in the text")


def read_series(lines: list[str], marker: str) -> list[tuple[float, float]]:
    """(z, y) of every cell drawn with ``marker``, from the frame, its y ticks and its z ticks."""
    top = next(i for i, line in enumerate(lines) if "┌" in line)
    bottom = next(i for i, line in enumerate(lines) if "└" in line)
    left = lines[top].index("┌")
    ticks = [(i, float(lines[i][:left].strip())) for i in range(top + 1, bottom) if lines[i][:left].strip()]
    (r0, y0), (r1, y1) = ticks[0], ticks[-1]
    axis = lines[bottom]
    columns = [c for c, ch in enumerate(axis) if ch in "┬┴┼"]
    labels = [float(v) for v in lines[bottom + 1].split()]
    assert len(columns) == len(labels) >= 2
    (c0, z0), (c1, z1) = (columns[0], labels[0]), (columns[-1], labels[-1])
    points = []
    for i in range(top + 1, bottom):
        for c, ch in enumerate(lines[i]):
            if ch == marker and c > left:
                points.append((z0 + (c - c0) * (z1 - z0) / (c1 - c0), y0 + (i - r0) * (y1 - y0) / (r1 - r0)))
    return points
