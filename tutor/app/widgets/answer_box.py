"""One quiz item: its prompt, an input with a live "interpreted as …" echo, the verdict, the hints.

The box judges nothing: Enter posts :class:`AnswerBox.Submitted` and whoever
holds the quiz session answers with :meth:`show_verdict`. The echo comes from the
``interpret`` function it is given (the checker's fast reader), run in a thread
so that no answer, however odd, can hold up the keyboard.
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
from tutor.app.widgets.answer_input import AnswerInput
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
#: what a verdict can say; "error": the checker itself failed (not the student's attempt)
VERDICT_STATUSES = ("correct", "incorrect", "invalid", "error")


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
        #: the item closed with its last verdict (no attempts left)
        self._out_of_attempts = False
        #: the answer was edited after its verdict
        self._stale = False
        #: the line kept in view while the box grows (see :meth:`bring_into_view`)
        self._in_view: str | None = None
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
        yield AnswerInput(classes="answer-input")
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
            f"{t('ui.item', lang, id=item.id)} · {points} · {status_text(self.status, lang, of='item')}"
        )
        self.query_one(".item-prompt", Markdown).update(terminal_markdown(item.prompt[lang], lang))
        choices = list(self.options(lang)) if self.options is not None else []
        options = self.query_one(".options", Static)
        options.update("\n".join(f"{letter}) {_unicode_math(text)}" for letter, text in choices))
        options.display = bool(choices)
        self.localize_answer(lang, [letter for letter, _ in choices])
        self._render_hints()
        if self.given_up:
            self.show_given_up(scroll=False)
        elif self.verdict is not None:
            self.show_verdict(self.verdict, scroll=False)

    def localize_answer(self, lang: str, letters: list[str]) -> None:
        key = "ui.answer.placeholder.choice" if letters else "ui.answer.placeholder"
        # "a–d" rather than "a, b, c, d": the placeholder must fit a 60-column box
        span = f"{letters[0]}–{letters[-1]}" if len(letters) > 2 else ", ".join(letters)
        self.input.placeholder = t(key, lang, letters=span)

    def set_status(self, status: str) -> None:
        self.status = status
        self.set_lang(self.lang)

    # typing -----------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._mark_stale_verdict()
        if self._echo_timer is not None:
            self._echo_timer.stop()
        self._echo_timer = self.set_timer(ECHO_DELAY, self.refresh_echo)

    def on_answer_input_refused(self, event: AnswerInput.Refused) -> None:
        """Too long for the checker: say so at once, without reading it."""
        event.stop()
        if self._echo_timer is not None:
            self._echo_timer.stop()
        echo = self.query_one(".echo", Static)
        _show(echo, "⚠ " + t("ui.answer.too_long", self.lang, length=event.length,
                            limit=event.answer_input.max_length))
        echo.set_class(True, "-error")

    def refresh_echo(self) -> None:
        """Read the answer as typed, in a thread; the result is shown if the text is unchanged."""
        text = self.input.value
        if not text.strip() or self.interpret is None:
            _show(self.query_one(".echo", Static), "")
            return
        self._read_answer(text, self.lang)

    @work(thread=True, exclusive=True, group="echo")
    def _read_answer(self, text: str, lang: str) -> None:
        assert self.interpret is not None
        try:
            reading = self.interpret(self.item, text, lang)
        except Exception:  # the echo is a convenience: the verdict will say what went wrong
            return
        self.app.call_from_thread(self._show_reading, text, reading)

    def _show_reading(self, text: str, reading: Any) -> None:
        if text != self.input.value or self.checking:
            return  # typed on since, or the verdict is coming and will say how it was read
        echo = self.query_one(".echo", Static)
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
            self._stale = False
            verdict = self.query_one(".verdict", Static)
            verdict.set_class(False, "-stale")
            _show(verdict, t("ui.answer.checking", self.lang))
            self.call_after_refresh(self.bring_into_view, ".verdict")
            self.post_message(self.Submitted(self, event.value))

    def on_descendant_focus(self) -> None:
        for box in self.screen.query(AnswerBox):
            if box is not self:
                box._in_view = None  # the student moved on: its resizes no longer scroll
        self.post_message(self.Focused(self))

    # what the session said ------------------------------------------------------

    def show_verdict(self, verdict: Any, *, scroll: bool = True) -> None:
        """Show what the checker said, and bring it into view (it may be below the edge)."""
        if verdict is not self.verdict:
            self._out_of_attempts = False
        self.verdict = verdict
        self.checking = False
        # The verdict says how the answer was read: the live echo would say it twice.
        for echo in self.query(".echo"):
            _show(echo, "")  # type: ignore[arg-type]
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
        box = self.query_one(".verdict", Static)
        for status in VERDICT_STATUSES:
            box.set_class(verdict.status == status, f"-{status}")
        self.set_class(verdict.status == "correct", "-solved")
        self._stale = False
        self._render_verdict()
        simplified = self.query_one(".simplified", Static)
        if self._simpler is not None and self._simpler[0] is verdict:
            _show(simplified, t("check.simplified", self.lang, form=self._simpler[1]))
        else:  # a new verdict: look for a simpler form of this answer
            self._simpler = None
            _show(simplified, "")
            if (
                self.simplify is not None
                and verdict.status in ("correct", "incorrect")
                and self.item.kind in SIMPLIFIABLE
                and self._submitted
            ):
                self.find_simpler_form(verdict, self._submitted)
        self._mark_stale_verdict()
        if scroll:
            self.call_after_refresh(self.bring_into_view, ".verdict")

    def _render_verdict(self) -> None:
        """The verdict's lines: marked when the answer was edited since, with how the item closed."""
        lines = [self._verdict_text]
        if self._out_of_attempts:
            lines.append(t("ui.answer.out_of_attempts", self.lang))
        if self._stale:
            lines.insert(0, t("ui.answer.stale", self.lang, answer=_shortened(self._submitted)))
        box = self.query_one(".verdict", Static)
        _show(box, "\n".join(lines))
        box.set_class(self._stale, "-stale")
        self.query_one(".simplified", Static).set_class(self._stale, "-stale")

    def _mark_stale_verdict(self) -> None:
        """Once the answer is edited, the verdict on screen is about the previous one: say so."""
        if self.verdict is None or self.checking or self.given_up or not self.query(".answer-input"):
            return
        stale = self.input.value != self._submitted
        if stale != self._stale:
            self._stale = stale
            self._render_verdict()

    def bring_into_view(self, selector: str) -> None:
        """Scroll the screen so the line ``selector`` (a verdict, a hint) can be read.

        The line may still grow (a verdict replacing "checking…", a simpler form
        under it): until the student moves to another box, every resize of this
        one scrolls again.
        """
        self._in_view = selector
        self._scroll_to(selector)

    def _scroll_to(self, selector: str) -> None:
        line = self.query_one(selector)
        if line.display:
            line.scroll_visible(animate=False)

    def on_resize(self) -> None:
        if self._in_view is not None:
            self._scroll_to(self._in_view)


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
        self.call_after_refresh(self.bring_into_view, ".hints")

    def _render_hints(self) -> None:
        lines = [
            f"{t('ui.answer.hint', self.lang, k=k)}: {hint}" for k, hint in enumerate(self.hints, 1)
        ]
        _show(self.query_one(".hints", Static), "\n".join(lines))

    def show_out_of_attempts(self) -> None:
        self._out_of_attempts = True
        self._render_verdict()
        self.close_answer()

    def show_given_up(self, *, scroll: bool = True) -> None:
        self.given_up = True
        self._stale = False
        box = self.query_one(".verdict", Static)
        _show(box, t("ui.answer.given_up", self.lang))
        box.set_class(False, "-stale")
        box.set_class(True, "-given-up")
        if scroll:
            self.call_after_refresh(self.bring_into_view, ".verdict")


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


def _shortened(answer: str, width: int = 30) -> str:
    line = " ".join(answer.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def _show(line: Static, text: str) -> None:
    """Set a line of the box; an empty one takes no room."""
    line.update(text)
    line.display = bool(text)
