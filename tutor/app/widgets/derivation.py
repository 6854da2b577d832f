"""A worked solution revealed one step at a time.

A step may state an open item's answer (``<!-- reveals: 3.1 -->``). Moving
onto it asks first: the derivation does not move by itself but posts
:class:`Derivation.RevealRequested`, and the screen (which holds the quiz
sessions) asks the student, records a give-up if they agree, and calls
:meth:`Derivation.show_up_to`. A step whose item is still open when it is
shown (the student said no) stays hidden behind a line that says why, and
appears by itself once that item closes.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Markdown, Static

from tutor.app.markdown import step_markdown
from tutor.content.models import Question, Step
from tutor.i18n import t

#: the open items a step would give away now (none: it can be shown)
Withheld = Callable[[Step], tuple[str, ...]]


def _no_item_open(step: Step) -> tuple[str, ...]:
    return ()


class Derivation(Vertical):
    """The steps of one question's solution; ``revealed`` of them are shown.

    Its keys (next, back, all) are bound on the page around it
    (:class:`~tutor.app.widgets.question_page.QuestionPage`), which has the focus.
    ``withheld`` says which open items a step would give away (the screen's rule).
    """

    revealed: reactive[int] = reactive(0, init=False)

    class Revealed(Message):
        """The number of shown steps changed (the screen updates its footer state)."""

        def __init__(self, revealed: int, total: int) -> None:
            super().__init__()
            self.revealed = revealed
            self.total = total

    class RevealRequested(Message):
        """The student asked for steps up to ``target``: the screen decides (and may ask)."""

        def __init__(self, derivation: Derivation, target: int) -> None:
            super().__init__()
            self.derivation = derivation
            self.target = target

    def __init__(
        self,
        question: Question,
        lang: str,
        *,
        withheld: Withheld = _no_item_open,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.question = question
        self.lang = lang
        self.withheld = withheld

    @property
    def total(self) -> int:
        return len(self.question.steps[self.lang])

    @property
    def steps(self) -> tuple[Step, ...]:
        return self.question.steps[self.lang]

    def compose(self) -> ComposeResult:
        # A step's Markdown is built when it is first revealed (see _show): Markdown
        # widgets are what makes opening a question slow, and most steps start hidden.
        yield Static(markup=False, id="derivation-title", classes="heading")
        yield Static(markup=False, id="derivation-status", classes="prompt")

    def on_mount(self) -> None:
        self._show()

    def _step_text(self, index: int) -> str:
        steps = self.steps
        step = steps[index - 1]
        lines = [self._part_heading(index)] if self._part_heading(index) else []
        lines.append(f"### {t('show.step', self.lang, k=index, n=self.total)}. {step.title}")
        lines.append(step_markdown(step, self.lang))
        return "\n\n".join(lines)

    def _part_heading(self, index: int) -> str:
        """"## Part 3.1: …" above the first step of a part."""
        steps = self.steps
        step = steps[index - 1]
        previous = steps[index - 2].part if index > 1 else None
        if not step.part or step.part == previous:
            return ""
        part = self.question.part(step.part)
        label = t("show.part", self.lang, part=step.part)
        return f"## {label}: {part.title[self.lang]}" if part else f"## {label}"

    def _hidden_text(self, step: Step, items: tuple[str, ...]) -> str:
        key = "ui.derivation.withheld.one" if len(items) == 1 else "ui.derivation.withheld.many"
        listed = ", ".join(items[:-1]) + t("ui.confirm.and", self.lang) + items[-1] if len(items) > 1 else items[0]
        return t(key, self.lang, k=step.index, items=listed)

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        for markdown in self.query(".step").results(Markdown):
            markdown.update(self._step_text(int((markdown.id or "step-0").removeprefix("step-"))))
        self._show()

    def _step(self, index: int) -> Markdown:
        """Step ``index``'s Markdown, mounted (in order, before the status line) on first use."""
        found = self.query_children(f"#step-{index}")
        if found:
            return found.first(Markdown)
        step = Markdown(self._step_text(index), classes="step", id=f"step-{index}")
        self.mount(step, before=self._hidden(index))
        return step

    def _hidden(self, index: int) -> Static:
        """The line that stands in for step ``index`` while it would give an open item away."""
        found = self.query_children(f"#hidden-{index}")
        if found:
            return found.first(Static)
        line = Static(markup=False, classes="hidden-step prompt", id=f"hidden-{index}")
        line.display = False
        self.mount(line, before=self.query_one("#derivation-status"))
        return line

    def watch_revealed(self) -> None:
        self._show()
        self.post_message(self.Revealed(self.revealed, self.total))

    def _show(self) -> None:
        """Show the revealed steps (those that would give an open item away as a line saying so)."""
        lang = self.lang
        withheld = 0  # revealed but hidden: the title counts only what the student can read
        for step in self.steps:
            shown = step.index <= self.revealed
            items = self.withheld(step) if shown else ()
            withheld += bool(items)
            if shown:
                hidden = self._hidden(step.index)
                hidden.display = bool(items)
                if items:
                    hidden.update(self._hidden_text(step, items))
                else:
                    self._step(step.index).display = True
            else:
                for built in self.query_children(f"#hidden-{step.index}"):
                    built.display = False
            if not shown or items:
                for built in self.query_children(f"#step-{step.index}"):
                    built.display = False
        self.query_one("#derivation-title", Static).update(
            t("ui.derivation.title", lang, shown=self.revealed - withheld, total=self.total)
        )
        complete = self.revealed >= self.total and not withheld
        key = "ui.derivation.done" if complete else "ui.derivation.prompt"
        self.query_one("#derivation-status", Static).update(t(key, lang))
        self.set_class(self.revealed >= self.total, "-complete")
        if self.revealed:
            self.call_after_refresh(self._scroll_to_latest)

    def refresh_steps(self) -> None:
        """An item closed or reopened elsewhere: hidden steps may now be shown (or the reverse)."""
        self._show()

    def _scroll_to_latest(self) -> None:
        if not self.revealed:
            return
        for selector in (f"#step-{self.revealed}", f"#hidden-{self.revealed}"):
            for widget in self.query_children(selector):
                if widget.display:
                    widget.scroll_visible(top=True, animate=False)

    def reveal_part(self, part: str | None) -> None:
        """Show every step up to the last one of ``part`` (all steps when None).

        The caller has settled what they give away (a give-up); steps of other
        parts that give an open item away stay hidden.
        """
        last = max(
            (s.index for s in self.steps if part is None or s.part == part), default=self.total
        )
        self.show_up_to(last)

    def show_up_to(self, target: int) -> None:
        """Show steps up to ``target`` (never fewer than are shown)."""
        self.revealed = max(self.revealed, min(self.total, target))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next", "all") and self.revealed >= self.total:
            return None
        if action == "back" and self.revealed == 0:
            return None
        return True

    def action_next(self) -> None:
        self._request(self.revealed + 1)

    def action_back(self) -> None:
        self.revealed = max(0, self.revealed - 1)

    def action_all(self) -> None:
        self._request(self.total)

    def _request(self, target: int) -> None:
        target = min(self.total, target)
        if target > self.revealed:
            self.post_message(self.RevealRequested(self, target))
