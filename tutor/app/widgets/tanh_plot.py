"""Question 2's plot: tanh and tanh′ on a range the student zooms and pans, with a readout."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from tutor.app.widgets.plot import Plot
from tutor.i18n import t

#: the range shown first, and the narrowest and widest the student may zoom to.
DEFAULT_RANGE = (-6.0, 6.0)
DEFAULT_POINT = 2.0
MIN_SPAN = 1.0
MAX_SPAN = 100.0


class TanhPlot(Vertical, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign", "zoom(0.8)", "Zoom in", id="plot.zoom_in", show=False),
        Binding("minus", "zoom(1.25)", "Zoom out", id="plot.zoom_out", show=False),
        Binding("left", "pan(-1)", "Pan left", id="plot.pan_left", show=False),
        Binding("right", "pan(1)", "Pan right", id="plot.pan_right", show=False),
        Binding("comma", "move_point(-1)", "Point ←", id="plot.point_left", show=False),
        Binding("full_stop", "move_point(1)", "Point →", id="plot.point_right", show=False),
        Binding("0", "reset", "Reset", id="plot.reset", show=False),
    ]

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-localized page")
        self.lang = lang
        self.z_min, self.z_max = DEFAULT_RANGE
        self.point = DEFAULT_POINT

    def compose(self) -> ComposeResult:
        yield Plot()
        yield Static(markup=False, classes="readout")
        yield Static(markup=False, classes="prompt plot-prompt")

    def on_mount(self) -> None:
        self.redraw()

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.redraw()

    def set_view(self, z_min: float, z_max: float, point: float) -> None:
        """Move the range and the point together, then draw once."""
        self.z_min, self.z_max = round(z_min, 6), round(z_max, 6)
        self.point = round(min(max(point, self.z_min), self.z_max), 6)
        self.redraw()
        self.refresh_bindings()

    @property
    def span(self) -> float:
        return self.z_max - self.z_min

    def redraw(self) -> None:
        from tutor import plots
        from tutor.labs.tanh import LEVELS, dtanh, threshold

        z_min, z_max, point, lang = self.z_min, self.z_max, self.point, self.lang
        self.query_one(Plot).draw(
            lambda plt: plots.tanh_figure(plt, z_min, z_max, point=point, lang=lang)
        )
        slope, level = dtanh(point), LEVELS[0]  # the plot marks the same level
        key = "ui.plot.readout.vanished" if slope < level else "ui.plot.readout"
        values = {"z": f"{point:.2f}", "dtanh": f"{slope:.4g}", "level": f"{level:g}"}
        self.query_one(".readout", Static).update(
            t(key, lang, **values, edge=f"{threshold(level):.3f}")
        )
        self.query_one(".plot-prompt", Static).update(
            t("ui.plot.prompt", lang, z_min=f"{z_min:g}", z_max=f"{z_max:g}")
        )

    def action_zoom(self, factor: float) -> None:
        centre = (self.z_min + self.z_max) / 2
        half = min(MAX_SPAN, max(MIN_SPAN, self.span * factor)) / 2
        self.set_view(centre - half, centre + half, self.point)

    def action_pan(self, direction: int) -> None:
        shift = self.span / 8 * direction
        self.set_view(self.z_min + shift, self.z_max + shift, self.point + shift)

    def action_move_point(self, direction: int) -> None:
        self.set_view(self.z_min, self.z_max, self.point + self.span / 48 * direction)

    def action_reset(self) -> None:
        self.set_view(*DEFAULT_RANGE, DEFAULT_POINT)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "zoom":
            factor = float(parameters[0])  # type: ignore[arg-type]
            limit = self.span <= MIN_SPAN if factor < 1 else self.span >= MAX_SPAN
            return None if limit else True
        return True
