"""The app's plot surface: a thin wrapper so the plotting backend can change.

Callers hand :meth:`Plot.draw` a function that draws onto a plotext-like
object, the same functions ``dltutor plot`` and ``dltutor lab`` use. The
backend (textual-plotext) is imported only when a plot is first composed.

The figure's title (which often carries the key of the markers) is shown above
the plot as text that wraps: plotext leaves out a title wider than the plot, so
at 60 columns the key would be lost. The axes get the tidy ticks of
:class:`tutor.plots.Canvas`, and are drawn again when the plot changes size.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Container
from textual.widgets import Static

DrawFn = Callable[[Any], None]


class Plot(Container):
    DEFAULT_CSS = """
    Plot { height: 1fr; min-height: 8; }
    Plot > .plot-title { height: auto; width: 1fr; text-align: center; }
    Plot > PlotextPlot { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._draw_fn: DrawFn | None = None
        self._drawn_height: int | None = None

    def compose(self) -> ComposeResult:
        from textual_plotext import PlotextPlot

        yield Static(markup=False, classes="plot-title")
        yield PlotextPlot()

    def draw(self, draw_fn: DrawFn) -> None:
        """Clear the figure and draw it again with ``draw_fn(plt)``."""
        from textual_plotext import PlotextPlot

        from tutor.plots import Canvas

        self._draw_fn = draw_fn
        backend = self.query_one(PlotextPlot)
        plt = backend.plt
        plt.clear_figure()
        height = backend.size.height or None
        canvas = Canvas(plt, keep_title=False, height=height)
        draw_fn(canvas)
        canvas.finish()
        self._drawn_height = height
        title = self.query_one(".plot-title", Static)
        title.update(canvas.title_text or "")
        title.display = bool(canvas.title_text)
        backend.refresh()

    def on_resize(self) -> None:
        """A new height may want another number of ticks: draw again once laid out."""
        if self._draw_fn is not None:
            self.call_after_refresh(self._redraw_if_resized)

    def _redraw_if_resized(self) -> None:
        from textual_plotext import PlotextPlot

        backends = self.query(PlotextPlot)
        if not backends or not self.is_attached:  # closed before this frame came
            return
        height = backends.first().size.height or None
        if self._draw_fn is not None and height != self._drawn_height:
            self.draw(self._draw_fn)
