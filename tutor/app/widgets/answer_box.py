"""One quiz item: its prompt, an input with a live "interpreted as …" echo, the verdict, the hints.

The box judges nothing: Enter posts :class:`AnswerBox.Submitted` and whoever
holds the quiz session answers with :meth:`show_verdict`. The echo comes from the
``interpret`` function it is given (the checker's fast reader).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Markdown, Static

from tutor.app.markdown import terminal_markdown
from tutor.app.status import status_text
from tutor.i18n import t

#: seconds of quiet typing before the echo is refreshed.
ECHO_DELAY = 0.25
#: tests turn the blinking off so screenshots do not depend on timing.
CURSOR_BLINK = True

#: the checker's fast reader: (item, text, lang) -> Interpretation
Interpret = Callable[[Any, str, str], Any]
#: a choice item's lettered options in a language: ``(letter, text)`` pairs
Options = Callable[[str], Sequence[tuple[str, str]]]
#: the checker's simplified form of an answer (slow: sympy), None when it has none
Simplify = Callable[[Any, str], "str | None"]
#: the kinds of item whose answers may have a simpler form
SIMPLIFIABLE = ("expression", "number")


def default_interpreter() -> Interpret | None:
    """The checker's fast reader (no numpy, no sympy), or None if the checker is absent."""
    try:
        from tutor.answers import interpret
    except ImportError:
        return None
    return interpret


class AnswerBox(Vertical):
    class Submitted(Message):
        def __init__(self, box: AnswerBox, text: str) -> None:
            super().__init__()
            self.box = box
            self.text = text

    class Focused(Message):
        """The student moved into this item: it becomes the target of h and s."""

        def __init__(self, box: AnswerBox) -> None:
            super().__init__()
            self.box = box

    def __init__(
        self,
        item: Any,
        lang: str,
        *,
        status: str = "not-started",
        interpret: Interpret | None = None,
        options: Options | None = None,
        simplify: Simplify | None = None,
        autofocus: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="answer-box")
        self.item = item
        self.lang = lang
        self.status = status
        self.interpret = interpret
        self.options = options
        self.simplify = simplify
        self._submitted = ""
        #: the simpler form found for a verdict: (verdict, form)
        self._simpler: tuple[Any, str] | None = None
        self.autofocus = autofocus
        self.hints: list[str] = []
        self.verdict: Any | None = None
        self.given_up = False
        self._echo_timer: Timer | None = None
        self._verdict_text = ""
        #: a check is running: Enter waits for it (the input keeps its focus)
        self.checking = False

    def compose(self) -> ComposeResult:
        yield Static(markup=False, classes="item-title")
        yield Markdown(classes="item-prompt")
        yield Static(markup=False, classes="options")
        yield from self.compose_answer()
        yield Static(markup=False, classes="verdict")
        yield Static(markup=False, classes="simplified")
        yield Static(markup=False, classes="hints")

    def compose_answer(self) -> ComposeResult:
        """Where the student answers (a self-check item has no input)."""
        yield Input(classes="answer-input", select_on_focus=False)
        yield Static(markup=False, classes="echo")

    def on_mount(self) -> None:
        for widget in self.query(Input):
            widget.cursor_blink = CURSOR_BLINK
        for line in self.query(".echo, .verdict, .simplified"):
            line.display = False  # shown when they have something to say
        self.set_lang(self.lang)
        if self.autofocus:
            self.focus_answer()

    @property
    def input(self) -> Input:
        return self.query_one(".answer-input", Input)

    def focus_answer(self) -> None:
        """Put the keyboard where the student answers."""
        self.input.focus()

    def close_answer(self) -> None:
        """No more answers to this item (solved, failed or given up)."""
        self.input.disabled = True

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        item = self.item
        points = t("list.points", lang, points=f"{item.points:g}")
        self.query_one(".item-title", Static).update(
            f"{t('ui.item', lang, id=item.id)} · {points} · {status_text(self.status, lang)}"
        )
        self.query_one(".item-prompt", Markdown).update(terminal_markdown(item.prompt[lang], lang))
        choices = list(self.options(lang)) if self.options is not None else []
        options = self.query_one(".options", Static)
        options.update("\n".join(f"{letter}) {_unicode_math(text)}" for letter, text in choices))
        options.display = bool(choices)
        self.localize_answer(lang, [letter for letter, _ in choices])
        self._render_hints()
        if self.verdict is not None:
            self.show_verdict(self.verdict)

    def localize_answer(self, lang: str, letters: list[str]) -> None:
        key = "ui.answer.placeholder.choice" if letters else "ui.answer.placeholder"
        self.input.placeholder = t(key, lang, letters=", ".join(letters))

    def set_status(self, status: str) -> None:
        self.status = status
        self.set_lang(self.lang)

    # typing -----------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._echo_timer is not None:
            self._echo_timer.stop()
        self._echo_timer = self.set_timer(ECHO_DELAY, self.refresh_echo)

    def refresh_echo(self) -> None:
        echo = self.query_one(".echo", Static)
        text = self.input.value
        if not text.strip() or self.interpret is None:
            _show(echo, "")
            return
        reading = self.interpret(self.item, text, self.lang)
        lines = []
        if reading.echo:
            lines.append(t("ui.answer.echo", self.lang, text=reading.echo))
        lines += list(getattr(reading, "notes", ()) or ())  # e.g. "read th as tanh"
        if reading.error:
            column = t("ui.answer.column", self.lang, column=reading.column)
            said = not reading.column or column in reading.error  # the checker may say it
            lines.append(f"⚠ {reading.error}" + ("" if said else f" ({column})"))
        _show(echo, "\n".join(lines))
        echo.set_class(bool(reading.error), "-error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip() and not self.checking:
            self.checking = True
            if self._echo_timer is not None:  # the verdict will say how it was read
                self._echo_timer.stop()
            self._submitted = event.value
            _show(self.query_one(".verdict", Static), t("ui.answer.checking", self.lang))
            self.post_message(self.Submitted(self, event.value))

    def on_descendant_focus(self) -> None:
        self.post_message(self.Focused(self))

    # what the session said ------------------------------------------------------

    def show_verdict(self, verdict: Any) -> None:
        self.verdict = verdict
        self.checking = False
        # The verdict says how the answer was read: the live echo would say it twice.
        for echo in self.query(".echo"):
            _show(echo, "")  # type: ignore[arg-type]
        box = self.query_one(".verdict", Static)
        heading = t(f"ui.verdict.{verdict.status}", self.lang)
        message = (verdict.message or "").strip()
        symbol, _, word = heading.partition(" ")
        if word and message.lower().startswith(word.lower()):
            heading, message = f"{symbol} {message}", ""  # "✓ Correct." once, not twice
        lines = [heading]
        if verdict.interpreted:
            lines.append(t("ui.answer.echo", self.lang, text=verdict.interpreted))
        if message:
            lines.append(message)
        self._verdict_text = "\n".join(lines)
        _show(box, self._verdict_text)
        for status in ("correct", "incorrect", "invalid"):
            box.set_class(verdict.status == status, f"-{status}")
        self.set_class(verdict.status == "correct", "-solved")
        simplified = self.query_one(".simplified", Static)
        if self._simpler is not None and self._simpler[0] is verdict:
            _show(simplified, t("check.simplified", self.lang, form=self._simpler[1]))
        else:  # a new verdict: look for a simpler form of this answer
            self._simpler = None
            _show(simplified, "")
            if (
                self.simplify is not None
                and verdict.status != "invalid"
                and self.item.kind in SIMPLIFIABLE
                and self._submitted
            ):
                self.find_simpler_form(verdict, self._submitted)

    @work(thread=True, exclusive=True, group="simplify")
    def find_simpler_form(self, verdict: Any, text: str) -> None:
        """sympy may take a second: in a thread, after the verdict, never while typing."""
        assert self.simplify is not None
        form = self.simplify(self.item, text)
        self.app.call_from_thread(self._show_simpler_form, verdict, form)

    def _show_simpler_form(self, verdict: Any, form: str | None) -> None:
        if verdict is not self.verdict or not form or form == verdict.interpreted:
            return  # a newer verdict came, or nothing simpler to say
        self._simpler = (verdict, form)
        _show(self.query_one(".simplified", Static), t("check.simplified", self.lang, form=form))

    def add_hint(self, hint: str) -> None:
        self.hints.append(hint)
        self._render_hints()

    def _render_hints(self) -> None:
        lines = [
            f"{t('ui.answer.hint', self.lang, k=k)}: {hint}" for k, hint in enumerate(self.hints, 1)
        ]
        _show(self.query_one(".hints", Static), "\n".join(lines))

    def show_out_of_attempts(self) -> None:
        box = self.query_one(".verdict", Static)
        _show(box, f"{self._verdict_text}\n{t('ui.answer.out_of_attempts', self.lang)}")
        self.close_answer()

    def show_given_up(self) -> None:
        self.given_up = True
        box = self.query_one(".verdict", Static)
        _show(box, t("ui.answer.given_up", self.lang))
        box.set_class(True, "-given-up")


def _unicode_math(text: str) -> str:
    """An option's ``$…$`` as Unicode, for a plain line of text."""
    try:
        from tutor.content.mathtext import MathError, render_markdown_math
    except ImportError:
        return text
    try:
        return render_markdown_math(text)
    except MathError:  # shown as typed rather than not at all
        return text


def _show(line: Static, text: str) -> None:
    """Set a line of the box; an empty one takes no room."""
    line.update(text)
    line.display = bool(text)
