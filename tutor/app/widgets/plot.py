"""The app's plot surface: a thin wrapper so the plotting backend can change.

Callers hand :meth:`Plot.draw` a function that draws onto a plotext-like
object, the same functions ``dltutor plot`` and ``dltutor lab`` use. The
backend (textual-plotext) is imported only when a plot is first composed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Container

DrawFn = Callable[[Any], None]


class Plot(Container):
    DEFAULT_CSS = """
    Plot { height: 1fr; min-height: 8; }
    Plot > PlotextPlot { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._draw_fn: DrawFn | None = None

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        yield PlotextPlot()

    def draw(self, draw_fn: DrawFn) -> None:
        """Clear the figure and draw it again with ``draw_fn(plt)``."""
        from textual_plotext import PlotextPlot

        backend = self.query_one(PlotextPlot)
        plt = backend.plt
        plt.clear_figure()
        draw_fn(plt)
        backend.refresh()
