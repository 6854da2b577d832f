"""One quiz item: its prompt, an input with a live "interpreted as …" echo, the verdict, the hints.

The box judges nothing: Enter posts :class:`AnswerBox.Submitted` and whoever
holds the quiz session answers with :meth:`show_verdict`. The echo comes from the
``interpret`` function it is given (the checker's fast reader), run in a thread
so that no answer, however odd, can hold up the keyboard.

The item's saved state (:meth:`show_record`) decides the rest: a closed item
(solved, failed or given up) still takes answers, as practice that never changes
its points, and once it closed without being solved its right answer is shown
(never before).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

from tutor.app.markdown import terminal_markdown
from tutor.app.status import status_text
from tutor.app.widgets.answer_input import AnswerInput
from tutor.app.widgets.prose import Prose
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
#: statuses of an item whose points are decided (answers are practice from then on)
CLOSED_STATUSES = ("solved", "failed", "given-up")


class ItemRecord(Protocol):
    """What the box shows of an item's saved state (``ItemProgress`` or a session's ``ItemState``)."""

    status: str
    hints_used: int
    practice_attempts: int
    solved_later: bool


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
        record: ItemRecord | None = None,
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
        #: how far up the item's hint ladder the student is (this and earlier sessions)
        self.hints_used = 0
        #: hints given as text (a practice variant's own), shown after the ladder's
        self._own_hints: list[str] = []
        self.verdict: Any | None = None
        self.given_up = False
        #: practice tries on the closed item (all sessions) and whether one was right
        self.practice_attempts = 0
        self.solved_later = False
        if record is not None:
            self.status = record.status
            self.hints_used = record.hints_used
            self.practice_attempts = record.practice_attempts
            self.solved_later = record.solved_later
        #: how the last verdict counted: practice on a closed item, and whether it was saved
        self._practice = False
        self._saved = True
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
        yield Prose(classes="item-prompt")
        yield Static(markup=False, classes="options")
        yield Static(markup=False, classes="right-answer")
        yield Static(markup=False, classes="practice-note")
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
        for line in self.query(".echo, .verdict, .simplified, .right-answer, .practice-note"):
            line.display = False  # shown when they have something to say
        self.set_class(self.status == "solved", "-solved")
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
        """No more answers in this box (a practice variant takes one; homework items take practice)."""
        self.input.disabled = True

    @property
    def closed(self) -> bool:
        """The item's points are decided: answers are practice."""
        return self.status in CLOSED_STATUSES

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        item = self.item
        points = t("list.points", lang, points=f"{item.points:g}")
        self.query_one(".item-title", Static).update(
            f"{t('ui.item', lang, id=item.id)} · {points} · {status_text(self.status, lang, of='item')}"
        )
        answer = self.model_answer(lang) if self.closed and self.status != "solved" else None
        _show(
            self.query_one(".right-answer", Static),
            t("ui.answer.model_answer", lang, text=answer) if answer else "",
        )
        _show(self.query_one(".practice-note", Static), self.practice_note(lang))
        self.query_one(".item-prompt", Prose).update(terminal_markdown(item.prompt[lang], lang))
        choices = list(self.options(lang)) if self.options is not None else []
        options = self.query_one(".options", Static)
        options.update("\n".join(f"{letter}) {_unicode_math(text)}" for letter, text in choices))
        options.display = bool(choices)
        self.localize_answer(lang, [letter for letter, _ in choices])
        self._render_hints()
        if self.verdict is not None:
            self.show_verdict(self.verdict, scroll=False)
        elif self.given_up:
            self.show_given_up(scroll=False)

    def practice_note(self, lang: str) -> str:
        """Once the item is closed: answers are practice, and how the practice went."""
        if not self.closed:
            return ""
        practice = [t("ui.answer.practice", lang)]
        if self.practice_attempts:
            practice.append(t("progress.practice.tries", lang, n=self.practice_attempts))
        if self.solved_later:
            practice.append(t("progress.practice.solved_later", lang))
        return " · ".join(practice)

    def model_answer(self, lang: str) -> str | None:
        """The item's right answer, for a closed item (the caller checks that it is closed)."""
        try:
            from tutor.quiz.model_answer import model_answer

            return model_answer(self.item, lang)
        except Exception:  # the checker's reader failed on the reference: show none rather than crash
            return None

    def localize_answer(self, lang: str, letters: list[str]) -> None:
        key = "ui.answer.placeholder.choice" if letters else "ui.answer.placeholder"
        if self.closed and not letters:
            key = "ui.answer.placeholder.practice"
        # "a–d" rather than "a, b, c, d": the placeholder must fit a 60-column box
        span = f"{letters[0]}–{letters[-1]}" if len(letters) > 2 else ", ".join(letters)
        self.input.placeholder = t(key, lang, letters=span)

    def set_status(self, status: str) -> None:
        self.status = status
        self.set_lang(self.lang)

    def show_record(self, record: ItemRecord) -> None:
        """Show the item's saved state: its status, practice, and its right answer once closed."""
        if record.hints_used > self.hints_used:
            self.show_hints(record.hints_used)
        if (record.status, record.practice_attempts, record.solved_later) == (
            self.status, self.practice_attempts, self.solved_later
        ):
            return
        self.practice_attempts = record.practice_attempts
        self.solved_later = record.solved_later
        self.set_class(record.status == "solved", "-solved")
        self.set_status(record.status)

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

    def show_verdict(
        self, verdict: Any, *, practice: bool = False, saved: bool = True, scroll: bool = True
    ) -> None:
        """Show what the checker said, and bring it into view (it may be below the edge).

        ``practice``: the item was already closed, so the answer changed nothing
        (a right one is "solved later, 0 pt"); ``saved`` False: it could not be
        recorded, and the verdict says so.
        """
        if verdict is not self.verdict:
            self._out_of_attempts = False
            self._practice, self._saved = practice, saved
        self.verdict = verdict
        self.checking = False
        # The verdict says how the answer was read: the live echo would say it twice.
        for echo in self.query(".echo"):
            _show(echo, "")  # type: ignore[arg-type]
        heading = t(f"ui.verdict.{verdict.status}", self.lang)
        message = (verdict.message or "").strip()
        symbol, _, word = heading.partition(" ")
        said_twice = bool(word) and message.lower().startswith(word.lower())
        marked = self._verdict_marks(heading, verdict)
        if marked != heading:
            heading = marked
            if said_twice and len(message.rstrip(".!").strip()) <= len(word):
                message = ""  # "Correct." adds nothing to "✓ Correct — solved later"
        elif said_twice:
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
        box.set_class(False, "-given-up")
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

    def _verdict_marks(self, heading: str, verdict: Any) -> str:
        """The heading with how the answer counted: practice (solved later), not saved."""
        if verdict.status == "error":
            return heading  # nothing happened to the item: nothing to say about counting
        if self._practice:
            key = "ui.verdict.practice"
            if verdict.correct and self.status != "solved":
                key = "ui.verdict.solved_later"
            heading = t(key, self.lang, heading=heading)
        if not self._saved:
            heading = t("ui.verdict.not_saved", self.lang, heading=heading)
        return heading

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
        if self.verdict is None or self.checking or not self.query(".answer-input"):
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

    @property
    def hints(self) -> list[str]:
        """The hints taken so far, in the box's language (the ladder's, then any given as text)."""
        ladder = [_unicode_math(hint[self.lang]) for hint in self.item.hints[: self.hints_used]]
        return ladder + self._own_hints

    def add_hint(self, hint: str) -> None:
        """Show a hint that is not on the item's ladder (a practice variant's, already rendered)."""
        self._own_hints.append(hint)
        self._render_hints()
        self.call_after_refresh(self.bring_into_view, ".hints")

    def show_hints(self, used: int) -> None:
        """Show the first ``used`` rungs of the hint ladder (the newest is brought into view)."""
        self.hints_used = used
        self._render_hints()
        self.call_after_refresh(self.bring_into_view, ".hints")

    def _render_hints(self) -> None:
        lines = [
            f"{t('ui.answer.hint', self.lang, k=k)}: {hint}"
            for k, hint in enumerate(self.hints, 1)
        ]
        _show(self.query_one(".hints", Static), "\n".join(lines))

    def show_out_of_attempts(self) -> None:
        self._out_of_attempts = True
        self._render_verdict()

    def show_given_up(self, *, scroll: bool = True) -> None:
        self.given_up = True
        self.verdict = None  # the give-up is the latest word on this item
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
