"""A worked solution revealed one step at a time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Markdown, Static

from tutor.app.markdown import step_markdown
from tutor.content.models import Question
from tutor.i18n import t


class Derivation(Vertical):
    """The steps of one question's solution; ``revealed`` of them are shown.

    Its keys (next, back, all) are bound on the page around it
    (:class:`~tutor.app.widgets.question_page.QuestionPage`), which has the focus.
    """

    revealed: reactive[int] = reactive(0, init=False)

    class Revealed(Message):
        """The number of shown steps changed (the screen updates its footer state)."""

        def __init__(self, revealed: int, total: int) -> None:
            super().__init__()
            self.revealed = revealed
            self.total = total

    def __init__(self, question: Question, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.question = question
        self.lang = lang

    @property
    def total(self) -> int:
        return len(self.question.steps[self.lang])

    def compose(self) -> ComposeResult:
        # A step's Markdown is built when it is first revealed (see _show): Markdown
        # widgets are what makes opening a question slow, and most steps start hidden.
        yield Static(markup=False, id="derivation-title", classes="heading")
        yield Static(markup=False, id="derivation-status", classes="prompt")

    def on_mount(self) -> None:
        self._show()

    def _step_text(self, index: int) -> str:
        steps = self.question.steps[self.lang]
        step = steps[index - 1]
        lines = []
        previous = steps[index - 2].part if index > 1 else None
        if step.part and step.part != previous:
            part = self.question.part(step.part)
            label = t("show.part", self.lang, part=step.part)
            lines.append(f"## {label}: {part.title[self.lang]}" if part else f"## {label}")
        lines.append(f"### {t('show.step', self.lang, k=index, n=self.total)}. {step.title}")
        lines.append(step_markdown(step, self.lang))
        return "\n\n".join(lines)

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
        self.mount(step, before=self.query_one("#derivation-status"))
        return step

    def watch_revealed(self) -> None:
        self._show()
        self.post_message(self.Revealed(self.revealed, self.total))

    def _show(self) -> None:
        lang = self.lang
        for step in self.question.steps[lang]:
            if step.index <= self.revealed:
                self._step(step.index).display = True
            else:
                for built in self.query_children(f"#step-{step.index}"):
                    built.display = False
        self.query_one("#derivation-title", Static).update(
            t("ui.derivation.title", lang, shown=self.revealed, total=self.total)
        )
        key = "ui.derivation.done" if self.revealed >= self.total else "ui.derivation.prompt"
        self.query_one("#derivation-status", Static).update(t(key, lang))
        self.set_class(self.revealed >= self.total, "-complete")
        if self.revealed:
            self.call_after_refresh(self._scroll_to_latest)

    def _scroll_to_latest(self) -> None:
        if self.revealed:
            self._step(self.revealed).scroll_visible(top=True, animate=False)

    def reveal_part(self, part: str | None) -> None:
        """Show every step up to the last one of ``part`` (all steps when None)."""
        steps = self.question.steps[self.lang]
        last = max((s.index for s in steps if part is None or s.part == part), default=self.total)
        self.revealed = max(self.revealed, last)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next", "all") and self.revealed >= self.total:
            return None
        if action == "back" and self.revealed == 0:
            return None
        return True

    def action_next(self) -> None:
        self.revealed = min(self.total, self.revealed + 1)

    def action_back(self) -> None:
        self.revealed = max(0, self.revealed - 1)

    def action_all(self) -> None:
        self.revealed = self.total
