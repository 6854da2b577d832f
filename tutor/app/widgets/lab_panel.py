"""A question's lab: its parameters changed with keys, its plot redrawn live, its key numbers.

The experiment runs in a worker thread (numpy loads there, and a slow lab never
blocks typing); drawing happens on the UI thread with the lab's own ``draw``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tutor.app.widgets.plot import Plot
from tutor.i18n import t
from tutor.labs.base import ParamError


@dataclass(frozen=True)
class Knob:
    """One adjustable value: a parameter, or one component of a vector parameter."""

    param: Any
    index: int | None = None

    def label(self, lang: str) -> str:
        """``z[0]`` for the first component: indices from 0, as the plots and ``--label`` count."""
        text = self.param.label[lang]
        return text if self.index is None else f"{text}[{self.index}]"


CHOOSE = Binding.Group("Parameter", compact=True)
CHANGE = Binding.Group("Change", compact=True)


class LabPanel(VerticalScroll, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not in the footer (no room at 80 columns beside the question's keys): the
        # panel's own prompt, right under the plot, and the help list them.
        Binding("up", "select(-1)", "Parameter ↑", id="lab.previous", group=CHOOSE, show=False),
        Binding("down", "select(1)", "Parameter ↓", id="lab.next", group=CHOOSE, show=False),
        Binding("left,minus", "change(-1)", "Less", id="lab.less", group=CHANGE, show=False),
        Binding(
            "right,plus,equals_sign", "change(1)", "More", id="lab.more", group=CHANGE, show=False
        ),
        Binding("v", "view", "Next view", id="lab.view", show=False),
        Binding("0", "defaults", "Defaults", id="lab.defaults", show=False),
    ]

    def __init__(self, lab_id: str, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-localized page")
        from tutor.labs import get_lab

        self.spec = get_lab(lab_id)
        self.lang = lang
        self.values: dict[str, Any] = dict(self.spec.defaults())
        self.knobs = [
            Knob(p, i) if p.kind == "vector" else Knob(p)
            for p in self.spec.params
            for i in (range(p.length) if p.kind == "vector" else [None])
        ]
        self.selected = 0
        self.view_index = 0
        self.result: Any | None = None
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        # The plot, the parameter being changed and the keys come first, so a 24-line
        # terminal shows the live redraw and how to drive it; the numbers, every
        # parameter and the idea follow.
        yield Static(markup=False, classes="lab-title heading")
        yield Plot(classes="lab-plot")
        yield Static(markup=False, classes="lab-current")
        yield Static(markup=False, classes="prompt lab-prompt")
        yield Static(markup=False, classes="lab-report")
        yield Static(markup=False, classes="lab-params")
        yield Static(markup=False, classes="lab-summary")

    def on_mount(self) -> None:
        self.set_lang(self.lang)
        self.recompute()

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        spec = self.spec
        self.query_one(".lab-title", Static).update(spec.title[lang])
        self.query_one(".lab-summary", Static).update(spec.summary[lang])
        self.query_one(".lab-prompt", Static).update(t("ui.lab.prompt", lang))
        self._render_params()
        self._render_result()

    # values -----------------------------------------------------------------

    def value_of(self, knob: Knob) -> Any:
        value = self.values[knob.param.name]
        return value if knob.index is None else value[knob.index]

    def _render_params(self) -> None:
        lines = []
        for i, knob in enumerate(self.knobs):
            value = self.value_of(knob)
            shown = f"{value:g}" if isinstance(value, (int, float)) else str(value)
            marker = "▶" if i == self.selected else " "
            lines.append(f"{marker} {knob.label(self.lang)} = {shown}")
        view = self.spec.views[self.view_index]
        view_line = f"{t('ui.lab.view', self.lang)}: {view.label[self.lang]}"
        lines.append(f"  {view_line}")
        self.query_one(".lab-params", Static).update("\n".join(lines))
        current = lines[self.selected]
        self.query_one(".lab-current", Static).update(
            f"{current.strip()}  ·  {view_line}" if len(self.spec.views) > 1 else current.strip()
        )

    def action_select(self, step: int) -> None:
        self.selected = (self.selected + step) % len(self.knobs)
        self._render_params()

    def action_change(self, direction: int) -> None:
        knob = self.knobs[self.selected]
        param = knob.param
        current = self.value_of(knob)
        if param.kind == "choice":
            choices = list(param.choices)
            new: Any = choices[(choices.index(current) + direction) % len(choices)]
        else:
            step = param.step or (1 if param.kind == "int" else 0.1)
            new = current + step * direction
            if param.minimum is not None:
                new = max(param.minimum, new)
            if param.maximum is not None:
                new = min(param.maximum, new)
            new = round(new) if param.kind == "int" else round(new, 6)
        if knob.index is not None:
            vector = list(self.values[param.name])
            vector[knob.index] = new
            new = tuple(vector)
        if new == self.values[param.name]:
            return
        self.values[param.name] = new
        self._render_params()
        self.recompute()

    def action_view(self) -> None:
        self.view_index = (self.view_index + 1) % len(self.spec.views)
        self._render_params()
        self._render_result()

    def action_defaults(self) -> None:
        self.values = dict(self.spec.defaults())
        self._render_params()
        self.recompute()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "view" and len(self.spec.views) < 2:
            return None
        return True

    # computing and drawing ------------------------------------------------------

    @work(thread=True, exclusive=True, group="lab")
    def recompute(self) -> None:
        values = dict(self.values)
        try:
            result, error = self.spec.compute(**values), None
        except ParamError as err:  # a combination the lab refuses (e.g. z_min ≥ z_max)
            allowed = err.allowed_in(self.lang)
            result, error = None, t("lab.error.param", self.lang, flag=err.name, value=err.value, allowed=allowed)
        except ValueError as err:
            result, error = None, str(err)
        self.app.call_from_thread(self._computed, values, result, error)

    def _computed(self, values: dict[str, Any], result: Any, error: str | None) -> None:
        if values != self.values:
            return  # a newer change is already being computed
        self.error = error
        if result is not None:
            self.result = result
        self._render_result()

    def _render_result(self) -> None:
        report = self.query_one(".lab-report", Static)
        if self.error:
            report.update(f"⚠ {self.error}")
            return
        if self.result is None:
            report.update(t("ui.lab.computing", self.lang))
            return
        result, lang = self.result, self.lang
        view = self.spec.views[self.view_index].id
        self.query_one(Plot).draw(lambda plt: self.spec.draw(result, plt, lang, view=view))
        report.update("\n".join(self.spec.report(result, lang)))
        # A result that lands during the tab's first layout can leave the report at its
        # old height (Textual drops that layout request): ask again after this frame.
        self.call_after_refresh(report.refresh, layout=True)
