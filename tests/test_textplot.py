"""The pure-Python text plot: ticks and a straight line read back from the drawing."""

from __future__ import annotations

import itertools

import pytest
from textplot_reading import read_series

from tutor.textplot import Series, line_plot, nice_ticks


@pytest.mark.parametrize(("lo", "hi"), [(-6, 6), (-3, 3), (0, 1), (-50, 50), (0.1, 0.7), (2, 1000)])
def test_nice_ticks_are_round_inside_and_few(lo: float, hi: float) -> None:
    ticks = nice_ticks(lo, hi)
    assert 2 <= len(ticks) <= 7
    assert all(lo - 1e-9 <= v <= hi + 1e-9 for v in ticks)
    steps = {round(b - a, 9) for a, b in itertools.pairwise(ticks)}
    assert len(steps) == 1  # evenly spaced


def test_a_line_is_drawn_where_it_is() -> None:
    text = line_plot(
        [Series("y = x/4", lambda x: x / 4, "o")], (-4.0, 4.0), (-1.0, 1.0), width=41, height=11,
        x_label="x", y_ticks=(1.0, 0.0, -1.0), key="o y = x/4",
    )
    lines = text.split("\n")
    points = read_series(lines, "o")
    assert len(points) >= 41
    for x, y in points:
        assert abs(y - x / 4) <= 0.2 / 2 + 0.25 * 0.2 / 2 + 1e-9
