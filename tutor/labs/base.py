"""What a lab is: its parameters, its computation, its drawing and its key numbers.

A lab is data plus three pure functions, so the CLI and the Textual app show the
same experiment: ``compute(**values)`` returns a frozen result, ``draw`` puts it
onto a plotext-like object (the ``plotext`` module, a plotext figure, or
``PlotextPlot.plt`` in the app) and ``report`` turns it into localized lines.
Nothing here imports numpy or plotext.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from tutor.i18n import LANGS, t

ParamKind = Literal["int", "float", "choice", "vector"]
ParamValue = int | float | str | tuple[float, ...]

#: report lines are wrapped to this width: an 80-column terminal, and the app's
#: lab panel at 80×24, show them without wrapping them again
REPORT_WIDTH = 76


#: an interval of z narrower than this is refused: its tick labels would all read the
#: same, and plotext's tick arithmetic overflows on spans near 1e-308
MIN_SPAN = 1e-6


def interval_problem(lo: float, hi: float, limit: float) -> str | None:
    """Why [lo, hi] cannot be drawn, or None: the one rule for every plotted range.

    ``"order"`` unless both are numbers with lo < hi; ``"limit"`` when an end is
    beyond ±limit (inf included); ``"narrow"`` when hi − lo < MIN_SPAN.
    """
    if not lo < hi:  # also NaN, which compares False
        return "order"
    if max(abs(lo), abs(hi)) > limit:
        return "limit"
    if hi - lo < MIN_SPAN:
        return "narrow"
    return None


def both(key: str) -> dict[str, str]:
    """One UI string in every language, for specs that carry ``{ru, en}`` text."""
    return {lang: t(key, lang) for lang in LANGS}


class ParamError(ValueError):
    """A parameter value outside what the lab allows; :meth:`allowed_in` says what is.

    ``allowed`` is the text per language (``{ru, en}``); the exception's own
    message, for logs and tracebacks, is in English.
    """

    def __init__(self, name: str, value: object, allowed: Mapping[str, str]) -> None:
        super().__init__(f"--{name.replace('_', '-')} {value}: allowed {allowed['en']}")
        self.name = name
        self.value = value
        self.allowed = dict(allowed)

    def allowed_in(self, lang: str) -> str:
        """What the parameter allows, in ``lang`` (English if that language is missing)."""
        return self.allowed.get(lang, self.allowed["en"])


@dataclass(frozen=True)
class Param:
    """One knob of a lab: the app turns it into keys or an input, the CLI into ``--name``.

    Numbers have ``minimum``/``maximum`` and a ``step`` (the app's increment);
    a choice has ``choices``; a vector is ``length`` numbers, each within the bounds.
    """

    name: str
    label: Mapping[str, str]
    default: ParamValue
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    choices: tuple[str, ...] = ()
    length: int = 0

    @property
    def kind(self) -> ParamKind:
        if self.choices:
            return "choice"
        if self.length:
            return "vector"
        return "int" if isinstance(self.default, int) else "float"

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    def allowed(self, lang: str = "en") -> str:
        """The allowed values in words, for error messages and ``--help``."""
        if self.kind == "choice":
            return " | ".join(self.choices)
        bounds = f"{_num(self.minimum)}…{_num(self.maximum)}"
        if self.kind == "vector":
            return t("lab.allowed.vector", lang, n=self.length, bounds=bounds)
        if self.kind == "int":
            return t("lab.allowed.integer", lang, bounds=bounds)
        return bounds

    def _error(self, raw: object) -> ParamError:
        return ParamError(self.name, raw, {lang: self.allowed(lang) for lang in LANGS})

    def parse(self, raw: object) -> ParamValue:
        """A value from text (CLI, app input) or a Python value, checked against the bounds."""
        kind = self.kind
        if kind == "choice":
            value = str(raw).strip().lower()
            if value not in self.choices:
                raise self._error(raw)
            return value
        if kind == "vector":
            items = raw.split(",") if isinstance(raw, str) else list(raw)  # type: ignore[call-overload]
            numbers = tuple(self._number(item, raw) for item in items)
            if len(numbers) != self.length:
                raise self._error(raw)
            return numbers
        number = self._number(raw, raw)
        if kind == "int":
            if number != int(number):
                raise self._error(raw)
            return int(number)
        return number

    def _number(self, item: object, whole: object) -> float:
        # float() only: user text is never evaluated.
        try:
            number = float(str(item).strip()) if isinstance(item, str) else float(item)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            raise self._error(whole) from None
        if not math.isfinite(number):
            raise self._error(whole)
        if (self.minimum is not None and number < self.minimum) or (
            self.maximum is not None and number > self.maximum
        ):
            raise self._error(whole)
        return number


def _num(x: float | None) -> str:
    return "?" if x is None else f"{x:g}"


class LabResult:
    """Base of every lab's frozen result dataclass (a marker for typing)."""


@dataclass(frozen=True)
class View:
    """One figure of a lab (a lab with several ideas draws them one at a time)."""

    id: str
    label: Mapping[str, str]


@dataclass(frozen=True)
class LabSpec:
    """A lab: what the registry, the CLI and the app need to know about it."""

    id: str
    question: int
    title: Mapping[str, str]
    summary: Mapping[str, str]
    params: tuple[Param, ...]
    views: tuple[View, ...]
    compute_fn: Callable[..., Any] = field(repr=False)
    draw_fn: Callable[..., None] = field(repr=False)
    report_fn: Callable[[Any, str], list[str]] = field(repr=False)

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)

    def defaults(self) -> dict[str, ParamValue]:
        return {p.name: p.default for p in self.params}

    def validate(self, values: Mapping[str, object] | None = None) -> dict[str, ParamValue]:
        """Defaults overridden by ``values`` (text or numbers), each checked; unknown names fail."""
        checked = self.defaults()
        for name, raw in (values or {}).items():
            try:
                param = self.param(name)
            except KeyError:
                known = ", ".join(p.name for p in self.params) or "none"
                allowed = {lang: t("lab.allowed.params", lang, names=known) for lang in LANGS}
                raise ParamError(name, raw, allowed) from None
            checked[name] = param.parse(raw)
        return checked

    def compute(self, **values: object) -> Any:
        """Run the experiment; pure and deterministic (fixed seeds)."""
        return self.compute_fn(**self.validate(values))

    def draw(self, result: Any, plt: Any, lang: str, *, view: str | None = None) -> None:
        """Draw one view (default: the first) onto a plotext-like object."""
        view_id = view or self.views[0].id
        if view_id not in {v.id for v in self.views}:
            raise KeyError(view_id)
        self.draw_fn(result, plt, lang, view_id)

    def report(self, result: Any, lang: str, *, width: int = REPORT_WIDTH) -> list[str]:
        """The key numbers as localized text lines, none wider than ``width``."""
        return [part for line in self.report_fn(result, lang) for part in wrap_line(line, width)]


def wrap_line(line: str, width: int = REPORT_WIDTH) -> list[str]:
    """``line`` in pieces of at most ``width`` columns, continuations indented.

    A bracketed vector (``ŷ − p = [0.0788, …]``) continues under its first
    number; any other line two columns past its own indent, so a wrapped line
    still reads as one item. A single word longer than ``width`` is not split.
    """
    if len(line) <= width:
        return [line]
    # "→ " marks the current run in a list indented by two: it counts as indent
    stripped = line.lstrip(" →")
    indent = len(line) - len(stripped)
    bracket = line.find("[")
    if line.rstrip().endswith("]") and 0 <= bracket < width // 2:
        hanging = bracket + 1
    else:
        hanging = indent + 2
    return textwrap.wrap(
        line,
        width,
        subsequent_indent=" " * hanging,
        break_long_words=False,
        break_on_hyphens=False,
    )
