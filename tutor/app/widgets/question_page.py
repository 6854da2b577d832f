"""The question tab's page: the statement and its worked solution, scrolled as one.

The page holds the keyboard on this tab, so the focus mark is always on screen
(the solution may start below the bottom edge, under a long statement): ↑/↓,
PgUp/PgDn and Home/End scroll, and the step keys drive the :class:`Derivation`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll

if TYPE_CHECKING:  # mounted after the first frame, and imported then
    from tutor.app.widgets.derivation import Derivation


class QuestionPage(VerticalScroll):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "step('next')", "Next step", id="step.next", show=False),
        Binding("right", "step('next')", "Next step", id="step.next_alt", show=False),
        Binding("left", "step('back')", "Back", id="step.back", show=False),
        Binding("a", "step('all')", "All steps", id="step.all", show=False),
    ]

    @property
    def derivation(self) -> Derivation | None:
        """The steps (None in the moment before they are mounted, after the first frame)."""
        found = self.query_children("Derivation")
        return found.first() if found else None  # type: ignore[return-value]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step":
            derivation = self.derivation
            if derivation is None:
                return None
            return derivation.check_action(str(parameters[0]), ())
        return True

    def action_step(self, step: str) -> None:
        derivation = self.derivation
        if derivation is not None:
            getattr(derivation, f"action_{step}")()
