""""Show the solution? Item 3.1 (2 pt) will count as given up": asked before an answer is seen.

Reading the solution of an open item, or a derivation step that states an open
item's answer, gives that item up (0 points, decided for good). The student
says so first: ``y`` shows it, ``n`` or Esc keeps it hidden. The dialog lists
every item that would close and its points (a step may give away several, and
another question's). It decides nothing itself: it returns True or False to the
screen that asked, which records the give-up through its quiz session.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tutor.app.bindings import localize_tree
from tutor.i18n import t


def items_at_stake(items: Sequence[Any], lang: str) -> str:
    """"Item 3.1 (2 pt) will count as given up: 0 points." for one item or several."""
    from tutor.quiz.scoring import format_points

    named = [
        f"{item.id} ({t('list.points', lang, points=format_points(item.points))})" for item in items
    ]
    if len(named) == 1:
        return t("ui.confirm.one", lang, item=named[0])
    listed = ", ".join(named[:-1]) + t("ui.confirm.and", lang) + named[-1]
    return t("ui.confirm.many", lang, items=listed)


class ConfirmGiveUp(ModalScreen[bool]):
    """Asks whether to show what would give ``items`` away; dismissed with True (show) or False."""

    DEFAULT_CSS = """
    ConfirmGiveUp {
        align: center middle;
        background: $background 60%;
    }
    ConfirmGiveUp > #confirm {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $warning;
        background: $surface;
        padding: 0 1;
    }
    ConfirmGiveUp #confirm-title {
        text-style: bold;
        color: $warning;
    }
    ConfirmGiveUp #confirm-body {
        margin: 1 0;
    }
    ConfirmGiveUp #confirm-keys {
        color: $text-muted;
    }
    """

    # Russian layout twins: the y key types н, the n key types т (and д is "да").
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y,н,д", "answer(True)", "Show it", id="confirm.yes", show=False),
        Binding("n,т,escape", "answer(False)", "Keep it hidden", id="confirm.no", show=False),
    ]

    def __init__(
        self, items: Sequence[Any], *, reason: tuple[str, dict[str, object]] | None = None
    ) -> None:
        """``items``: the quiz items that would be given up; ``reason``: why, as an i18n key and
        its values (which step gives them away)."""
        super().__init__(id="confirm-give-up")
        self.items = tuple(items)
        self.reason = reason

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm"):
            yield Static(markup=False, id="confirm-title")
            yield Static(markup=False, id="confirm-body")
            yield Static(markup=False, id="confirm-keys")

    def on_mount(self) -> None:
        self.apply_lang(self.app.lang)

    @property
    def text(self) -> str:
        """Everything the dialog says, as plain text (for tests and screen readers)."""
        return "\n".join(str(w.render()) for w in self.query(Static))

    def apply_lang(self, lang: str) -> None:
        localize_tree(self, lang)
        self.query_one("#confirm-title", Static).update(t("ui.confirm.title", lang))
        body = items_at_stake(self.items, lang)
        if self.reason:
            key, values = self.reason
            body = f"{t(key, lang, **values)} {body}"
        self.query_one("#confirm-body", Static).update(body)
        self.query_one("#confirm-keys", Static).update(t("ui.confirm.keys", lang))

    def action_answer(self, show: bool) -> None:
        self.dismiss(show)

    def on_click(self, event: events.Click) -> None:
        """A click outside the dialog is a no, as Esc is."""
        if event.widget is self:
            self.dismiss(False)
