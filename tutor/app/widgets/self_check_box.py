"""A quiz item the checker cannot judge: the student compares with the model answer and says.

Enter asks for the model answer (the screen, which holds the quiz session, shows
it with :meth:`SelfCheckBox.show_model_answer`); then ``y`` / ``n`` post
:class:`SelfCheckBox.Assessed` and the screen records it with
``QuizSession.self_assess``.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Markdown, Static

from tutor.app.widgets.answer_box import AnswerBox
from tutor.i18n import t


class SelfCheckBox(AnswerBox, can_focus=True):
    # Not in the footer (no room at 80 columns): the box's own prompt names them.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "reveal", "Model answer", id="self_check.reveal", show=False),
        Binding("y", "assess(True)", "I got it right", id="self_check.right", show=False),
        Binding("n", "assess(False)", "I got it wrong", id="self_check.wrong", show=False),
    ]

    class RevealRequested(Message):
        def __init__(self, box: SelfCheckBox) -> None:
            super().__init__()
            self.box = box

    class Assessed(Message):
        def __init__(self, box: SelfCheckBox, matched: bool) -> None:
            super().__init__()
            self.box = box
            self.matched = matched

    #: the model answer is on screen
    revealed = False
    #: what the student said (None: not yet)
    matched: bool | None = None
    #: whether what the student said was saved
    assessment_saved = True

    def compose_answer(self) -> ComposeResult:
        yield Static(markup=False, classes="self-check-prompt prompt")
        yield Markdown(classes="model-answer")

    def on_mount(self) -> None:
        self.query_one(".model-answer").display = False
        super().on_mount()

    def focus_answer(self) -> None:
        self.focus()

    def close_answer(self) -> None:
        self.refresh_bindings()

    def localize_answer(self, lang: str, letters: list[str]) -> None:
        if self.matched is not None:
            key = "ui.self_check.right" if self.matched else "ui.self_check.wrong"
        else:
            key = "ui.self_check.ask" if self.revealed else "ui.self_check.prompt"
        text = t(key, lang)
        if self.matched is not None and not self.assessment_saved:
            text = t("ui.verdict.not_saved", lang, heading=text.rstrip("."))
        self.query_one(".self-check-prompt", Static).update(text)

    def practice_note(self, lang: str) -> str:
        return ""  # nothing to type: a closed self-check item takes no practice answers

    def show_model_answer(self, markdown: str) -> None:
        self.revealed = True
        answer = self.query_one(".model-answer", Markdown)
        answer.update(f"**{t('ui.self_check.model', self.lang)}**\n\n{markdown}")
        answer.display = True
        self.localize_answer(self.lang, [])
        self.refresh_bindings()

    def show_assessed(self, matched: bool, *, saved: bool = True) -> None:
        self.matched = matched
        self.assessment_saved = saved
        self.localize_answer(self.lang, [])
        self.set_class(matched, "-solved")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        closed = self.matched is not None or self.given_up
        if action == "reveal":
            return not (self.revealed or closed)
        if action == "assess":
            return self.revealed and not closed
        return True

    def action_reveal(self) -> None:
        self.post_message(self.RevealRequested(self))

    def action_assess(self, matched: bool) -> None:
        self.post_message(self.Assessed(self, matched))
