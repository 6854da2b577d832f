"""``dltutor quiz``: the quiz in the app, or ``--plain`` line by line for any terminal or pipe.

The plain quiz is a thin loop over :class:`tutor.quiz.session.QuizSession`: it
reads one line at a time (so a script can pipe answers in), prints plain text
when stdout is not a terminal and colour only where :func:`use_color` allows.
On a terminal it offers line editing and history (the standard ``readline``)
and wraps its text at word boundaries to the terminal's width.

Exit status: 0, or 6 when progress could not be saved (said once, when it first fails).
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TYPE_CHECKING, TextIO

from tutor.cli import UsageError, require_question
from tutor.cli.output import is_yes

if TYPE_CHECKING:
    from tutor.answers.verdict import Verdict
    from tutor.content.models import Step
    from tutor.quiz.session import QuizSession, QuizSummary

QUIT = frozenset({"q", "quit", "й"})
HINT = frozenset({"?", "h", "hint"})
SKIP = frozenset({"s", "skip", "ы"})
SOLUTION = frozenset({"!"})
#: progress could not be saved during the quiz (the quiz itself went on)
EXIT_NOT_SAVED = 6
#: characters kept of one input line; the rest of a longer line is skipped unread
LINE_LIMIT = 64 * 1024

VERDICT_STYLE = {"correct": "bold green", "incorrect": "bold red", "invalid": "bold yellow"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--plain", action="store_true", help="a line-based quiz for plain terminals and pipes"
    )
    parser.add_argument("--only", type=int, metavar="N", help="only the items of question N")
    parser.add_argument(
        "--review", action="store_true", help="only the items not yet solved (per saved progress)"
    )


def run(args: argparse.Namespace) -> int:
    from tutor.cli.output import is_terminal
    from tutor.content import load_course
    from tutor.i18n import t

    lang: str = args.lang
    if args.only is not None:
        require_question(load_course(), args.only, lang)
    # The app needs a terminal at both ends; piped, the plain quiz is what works.
    if not args.plain and is_terminal(sys.stdin) and is_terminal(sys.stdout):
        try:
            from tutor.cli.app_cmd import launch
        except ImportError:
            raise UsageError(t("quiz.error.no_app", lang)) from None
        return launch(lang, mode="quiz", question=args.only)

    from tutor.progress import ProgressStore
    from tutor.quiz.items import load_items
    from tutor.quiz.session import QuizSession

    items = load_items()
    if args.only is not None and not any(i.question == args.only for i in items):
        raise UsageError(t("quiz.error.no_items", lang, number=args.only))
    from tutor.cli.judging import strict_checker

    store = ProgressStore()
    # strict_checker raises on a checker failure, so the session records nothing for it
    session = QuizSession(items, lang=lang, store=store, only=args.only, review=args.review,
                          checker=strict_checker)
    for warning in store.take_warnings():
        print(f"dltutor: {warning.message(lang)}", file=sys.stderr)
    return PlainQuiz(session, sys.stdin, sys.stdout, sys.stderr).run()


class LineDialogue:
    """Line-based I/O shared by the plain quiz and the practice and review loops: bounded line
    reading (readline on a terminal, echo when piped), wrapped text, markdown as plain text.
    Streams are injected so tests can drive a dialogue in-process."""

    def __init__(self, lang: str, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> None:
        from tutor.cli.output import is_terminal, line_printer

        self.lang = lang
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self.interactive = is_terminal(stdin)
        self.wraps = is_terminal(stdout)
        #: Ctrl-C at the prompt: the dialogue ends with its summary, and exits 130
        self.interrupted = False
        self._say = line_printer(stdout)
        if self.interactive and self.wraps and stdin is sys.stdin:
            _enable_line_editing()

    # -- output -------------------------------------------------------------

    def say(self, text: str = "", style: str | None = None, *, wrap: bool = True) -> None:
        if wrap and self.wraps and text:
            from tutor.cli.output import terminal_size
            from tutor.cli.plaintext import wrap as wrap_text

            width = terminal_size()[0] - 1
            text = wrap_text(text, width)
        self._say(text, style)

    def t(self, key: str, **values: object) -> str:
        from tutor.i18n import t

        return t(key, self.lang, **values)

    def markdown(self, text: str) -> str:
        """Plain text: drawings expanded, math as Unicode, no fences or emphasis marks."""
        from tutor.cli.plaintext import to_plain
        from tutor.content.document import finish

        with contextlib.suppress(ValueError, RecursionError):  # a content slip must not stop a quiz
            text = finish(text, self.lang, math="unicode")
        return to_plain(text).strip()

    # -- input --------------------------------------------------------------

    def read(self, prompt: str = "> ") -> str | None:
        """One line without its newline; None at end of input or on Ctrl-C/Ctrl-D.

        At most LINE_LIMIT characters are kept: a longer line is skipped (in bounded
        chunks, never held whole) and answered with one message.
        """
        while True:
            try:
                if self.interactive and self.stdin is sys.stdin:
                    line = input(prompt)
                    echo = False
                else:
                    line = self._bounded_line()
                    echo = True
            except (EOFError, KeyboardInterrupt) as end:
                self.interrupted = isinstance(end, KeyboardInterrupt)
                self.stdout.write("\n")
                return None
            if line is None:
                return None
            if len(line) <= LINE_LIMIT:
                break
            self.say(self.t("quiz.line_too_long", limit=LINE_LIMIT), "yellow")
        if echo:  # piped input is echoed so that a transcript reads as a dialogue
            from tutor.answers.errors import printable

            self.say(f"{prompt}{printable(line)}", wrap=False)
        return line

    def exit_status(self, save_error: object | None) -> int:
        """130 after Ctrl-C (progress was saved all the same), else 6 if saving failed, else 0."""
        from tutor.cli import EXIT_INTERRUPTED

        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_NOT_SAVED if save_error is not None else 0

    def _bounded_line(self) -> str | None:
        """The next piped line (LINE_LIMIT + 1 characters of an over-long one), or None at the end."""
        line = self.stdin.readline(LINE_LIMIT + 1)
        if not line:
            return None
        if not line.endswith("\n") and len(line) > LINE_LIMIT:
            while True:
                rest = self.stdin.readline(LINE_LIMIT)
                if not rest or rest.endswith("\n"):
                    break
            return line
        return line.rstrip("\r\n")

    def show_verdict(self, answer: str, verdict: Verdict) -> None:
        if verdict.interpreted:
            self.say(self.t("quiz.interpreted", text=verdict.interpreted))
        if verdict.status == "invalid" and verdict.column and verdict.column >= 1:
            # Point at the problem under the answer, as a compiler would; control
            # characters are shown as U+XXXX, never sent to the terminal.
            from tutor.answers.errors import printable

            self.say(f"  {printable(answer)}", wrap=False)
            offset = len(printable(answer[:verdict.column - 1]))
            self.say("  " + " " * offset + "^", wrap=False)
        # The verdict in a word, unless the checker's message already opens with it.
        # (``convention`` is an id for scripts; the message already explains it.)
        word = self.t(f"quiz.verdict.{verdict.status}")
        message = verdict.message.strip()
        if not message:
            line = word
        elif message.lower().startswith(word.lower()):
            line = message
        else:
            line = f"{word}: {message}"
        self.say(line, VERDICT_STYLE.get(verdict.status))


class PlainQuiz(LineDialogue):
    """The read-a-line loop; streams are injected so tests can drive it in-process."""

    def __init__(self, session: QuizSession, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> None:
        super().__init__(session.lang, stdin, stdout, stderr)
        self.session = session
        self._save_error_shown = False

    def _note_save_error(self) -> None:
        error = self.session.save_error
        if error is not None and not self._save_error_shown:
            self._save_error_shown = True
            msg = self.t("progress.not_saved", error=error.message(self.lang))
            print(f"dltutor: {msg}", file=self.stderr)

    # -- the loop -------------------------------------------------------------

    def run(self) -> int:
        session = self.session
        self._note_save_error()
        if session.total == 0:
            self.say(self.t("quiz.review.empty"))
            return 0
        quit_early = False
        try:
            while not session.finished and not quit_early:
                quit_early = not self.ask_current()
                self._note_save_error()
        except KeyboardInterrupt:  # Ctrl-C while an answer is judged: as at the prompt
            self.interrupted = True
            self.stdout.write("\n")
        self.print_summary(session.summary())
        self._note_save_error()
        return self.exit_status(session.save_error)

    def ask_current(self) -> bool:
        """Work through the current item; False when the student quits."""
        session = self.session
        item = session.current
        assert item is not None
        from tutor.quiz.scoring import format_points

        self.say()
        header = self.t(
            "quiz.header",
            k=session.position,
            n=session.total,
            id=item.id,
            points=format_points(item.points),
            title=session.question_title(item),
        )
        self.say(header, "bold")
        self.say(self.markdown(item.prompt[self.lang]))
        for letter, option in session.options(item):
            self.say(f"  {letter}) {self.markdown(option)}")
        if session.state().closed:
            status = self.t(f"progress.item.status.{session.state().status}")
            self.say(self.t("quiz.practice_only", status=status), "dim")
        if item.kind == "self-check":
            return self.self_check()
        self.say(self.t("quiz.keys"), "dim")
        while True:
            line = self.read()
            if line is None:
                return False
            command = line.strip()
            if not command:
                continue
            if command.lower() in QUIT:
                return False
            if command.lower() in HINT:
                self.hint()
                continue
            if command.lower() in SKIP:
                session.skip()
                self.say(self.t("quiz.skipped"), "dim")
                return True
            if command in SOLUTION:
                if not self.confirm_give_up():
                    continue
                self.reveal()
                session.advance()
                return True
            verdict = self.submit(command)
            if verdict is None:  # the checker failed: said so; not an attempt, ask again
                continue
            self.show_verdict(command, verdict)
            state = session.state()
            if state.practice:
                self.say(self.t("quiz.practice"), "dim")
                session.advance()
                return True
            if state.outcome == "solved":
                session.advance()
                return True
            if state.outcome == "failed":
                self.say(self.t("quiz.out_of_attempts"))
                self.show_model_answer()
                session.advance()
                return True
            if verdict.status == "incorrect":
                self.say(self.t("quiz.attempts_left", n=session.attempts_left), "dim")

    def submit(self, answer: str) -> Verdict | None:
        """The session's verdict, or None (after saying so) when the checker failed."""
        from tutor.cli.judging import CheckerFailed, CheckerFailure, describe, failure_of

        item = self.session.current
        assert item is not None
        try:
            verdict = self.session.submit(answer)
        except CheckerFailed as failed:
            failure: CheckerFailure | None = failed.failure
        except Exception as err:  # the last line of defence: one answer must not end the quiz
            failure = CheckerFailure(item.id, self.t("check.error.checker"), describe(err))
        else:
            failure = failure_of(verdict, self.lang)
            if failure is None:
                return verdict
        assert failure is not None
        self.say(self.t("quiz.checker_failed"), VERDICT_STYLE["invalid"])
        print(self.t("check.checker_failed", item=item.id, detail=failure.detail or failure.message),
              file=self.stderr)
        return None

    def hint(self) -> None:
        hint = self.session.next_hint()
        if hint is None:
            self.say(self.t("quiz.no_more_hints"), "dim")
            return
        total = len(self.session.state().item.hints)
        used = self.session.state().hints_used
        self.say(self.t("quiz.hint", k=used, n=total, text=self.markdown(hint)), "cyan")

    def confirm_give_up(self) -> bool:
        """Seeing the solution of an open item gives it up: say what it costs and ask first."""
        from tutor.quiz.scoring import format_points

        stake = self.session.give_up_stake()
        if stake is None:
            return True  # closed already: the solution costs nothing now
        items = ", ".join(self.session.give_up_items())
        self.say(self.t("quiz.confirm_give_up", items=items, points=format_points(stake)), "yellow")
        answer = self.read(self.t("quiz.confirm_give_up.ask"))
        if answer is not None and is_yes(answer):
            return True
        self.say(self.t("quiz.confirm_give_up.kept"), "dim")
        return False

    def reveal(self) -> None:
        item = self.session.current
        assert item is not None
        steps = self.session.give_up()
        self.print_steps(item.id, steps)
        if self.session.state(item.id).outcome == "given-up":
            self.say(self.t("quiz.given_up"), "dim")

    def show_model_answer(self) -> None:
        """Once an item is closed its right answer may be shown (never before)."""
        answer = self.session.model_answer()
        if answer:
            self.say(self.t("quiz.model_answer", text=answer), "green")

    def print_steps(self, item_id: str, steps: tuple[Step, ...]) -> None:
        self.say(self.t("quiz.solution", id=item_id), "bold")
        for step in steps:
            self.say()
            self.say(f"{step.index}. {self.markdown(step.title)}", "bold")
            self.say(self.markdown(step.body))
        self.say()

    def self_check(self) -> bool:
        """Items without an automatic check: think, see the model answer, say if it matched."""
        session = self.session
        item = session.current
        assert item is not None
        self.say(self.t("quiz.keys.self_check"), "dim")
        line = self.read()
        if line is None or line.strip().lower() in QUIT:
            return False
        self.print_steps(item.id, session.solution_steps(item))
        answer = self.read(self.t("quiz.self_check.ask"))
        if answer is None:
            return False
        session.self_assess(is_yes(answer))
        session.advance()
        return True

    def print_summary(self, summary: QuizSummary) -> None:
        from tutor.quiz.scoring import format_points

        self.say()
        self.say(self.t("quiz.summary.heading"), "bold")
        for row in summary.questions:
            self.say(
                self.t(
                    "quiz.summary.row",
                    number=row.number,
                    title=row.title[self.lang],
                    score=format_points(row.score),
                    points=format_points(row.points),
                )
            )
        total = self.t(
            "quiz.summary.total",
            score=format_points(summary.score),
            max=format_points(summary.max_score),
        )
        self.say(total, "bold")
        self.say(self.t("quiz.summary.rule", hints=summary.hints_used), "dim")
        if self.session.save_error is not None:  # the store's total would claim what is not on disk
            self.say(self.t("quiz.summary.not_saved"), "yellow")
        elif summary.saved_score is not None and summary.saved_max is not None:
            saved = self.t(
                "quiz.summary.saved",
                score=format_points(summary.saved_score),
                total=format_points(summary.saved_max),
            )
            self.say(saved)
        if not summary.review:
            self.say(self.t("quiz.summary.all_solved"))
            return
        self.say(self.t("quiz.summary.review"), "bold")
        for entry in summary.review:
            why = self.t(f"quiz.outcome.{entry.outcome}")
            if entry.part_title:
                text = self.t(
                    "quiz.summary.review_item",
                    id=entry.item.id,
                    title=entry.question_title,
                    part=entry.part_title,
                    why=why,
                )
            else:
                text = self.t(
                    "quiz.summary.review_item_nopart",
                    id=entry.item.id,
                    title=entry.question_title,
                    why=why,
                )
            self.say(f"  {text}")


def _enable_line_editing() -> None:
    """Line editing and an in-memory history for ``input()``: importing ``readline`` is all
    it takes. Only on a terminal (readline would echo escape codes into a pipe), and
    history is not written to disk: answers stay private to the session."""
    with contextlib.suppress(ImportError):  # Windows, or a Python without it: input() still works
        import readline  # noqa: F401
