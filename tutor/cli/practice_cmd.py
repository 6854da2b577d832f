"""``dltutor practice``: fresh variants of a question or a family, or a problem sheet with answers.

Without a target it lists the families. With one it serves variants line by
line (:class:`PlainPractice`, shared with ``review``): the seed is shown, so
any variant can be had again with ``--seed``. ``--export`` writes K variants
and their worked solutions as markdown, the same bytes for the same seed.
Practice never changes the homework's points; each closed variant rates its
family's review card (see :mod:`tutor.practice.review`).

Exit status: 0; 2 for a wrong family, question, seed or count; 6 when the
attempts could not be saved (said once, when it first failed).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from tutor.cli import UsageError
from tutor.cli.quiz_cmd import HINT, QUIT, SKIP, SOLUTION, LineDialogue

if TYPE_CHECKING:
    from tutor.content.models import Step
    from tutor.practice.model import Family, Variant
    from tutor.practice.review import Clock
    from tutor.practice.session import Kind, VariantSession
    from tutor.progress import ProgressStore

#: variants in a sheet when --count is not given
SHEET_COUNT = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("target", nargs="?", metavar="N|FAMILY",
                        help="a question number or a family id such as 6.gain")
    parser.add_argument("--seed", type=int, metavar="S", help="the first variant's seed (then S+1, …)")
    parser.add_argument("--count", type=int, metavar="K", help="how many variants")
    parser.add_argument("--plain", action="store_true", help="line by line, for plain terminals and pipes")
    parser.add_argument("--export", action="store_true", help="write a problem sheet as markdown")
    parser.add_argument("-o", "--output", metavar="FILE", help="with --export: write to FILE")


def run(args: argparse.Namespace) -> int:
    from tutor.i18n import t
    from tutor.practice.seeds import MAX_SEED
    from tutor.practice.sheet import MAX_COUNT

    lang: str = args.lang
    if args.seed is not None and not 0 <= args.seed <= MAX_SEED:
        raise UsageError(t("practice.error.seed", lang, max=MAX_SEED))
    if args.count is not None and not 1 <= args.count <= MAX_COUNT:
        raise UsageError(t("practice.error.count", lang, max=MAX_COUNT))
    if args.output is not None and not args.export:
        raise UsageError(t("practice.error.output_needs_export", lang))
    if args.target is None:
        if args.export:
            raise UsageError(t("practice.error.export_needs_target", lang))
        return list_families(lang)
    families, heading = resolve_target(args.target, lang)
    if args.export:
        return export_sheet(args, families, heading)
    from tutor.cli.output import is_terminal

    if not args.plain and args.count is None and is_terminal(sys.stdin) and is_terminal(sys.stdout):
        from tutor.cli.app_cmd import launch

        return launch(lang, mode="practice", practice=([f.id for f in families], args.seed))
    from tutor.practice.session import VariantQueue
    from tutor.progress import ProgressStore

    store = ProgressStore()
    for warning in store.take_warnings():
        print(f"dltutor: {warning.message(lang)}", file=sys.stderr)
    dialogue = PlainPractice(lang, sys.stdin, sys.stdout, sys.stderr, store=store, kind="practice")
    queue = VariantQueue(families, seed=args.seed)
    k = 0
    while args.count is None or k < args.count:
        k += 1
        variant = queue.next()
        if not dialogue.work(variant, dialogue.header("practice.header", variant, k=k)):
            break
    dialogue.finish()
    return dialogue.exit_status(dialogue.save_error)


def list_families(lang: str) -> int:
    from tutor.cli.output import write
    from tutor.content import load_course
    from tutor.i18n import t
    from tutor.practice import load_families

    course = load_course()
    families = load_families(course)
    width = max(len(f.id) for f in families)
    lines = [t("practice.list.heading", lang, n=len(families)), ""]
    for question in course:
        own = [f for f in families if f.question == question.number]
        if not own:
            continue
        lines.append(f"{question.number:>2}. {question.title[lang]}")
        lines += [f"      {f.id:<{width}}  {f.idea[lang]}" for f in own]
    lines += ["", t("practice.list.usage", lang)]
    write("\n".join(lines))
    return 0


def resolve_target(target: str, lang: str) -> tuple[list[Family], str]:
    """The families of question N or the one family named, and a heading; else a UsageError
    with the nearest family ids."""
    import difflib

    from tutor.content import load_course
    from tutor.i18n import t
    from tutor.practice import load_families

    course = load_course()
    families = load_families(course)
    text = target.strip()
    if text.isdigit():
        number = int(text)
        question = course.question(number)
        own = [f for f in families if f.question == number]
        if question is None or not own:
            last = max(q.number for q in course)
            raise UsageError(t("practice.error.question", lang, number=text, last=last))
        return own, t("practice.question_heading", lang, number=number, title=question.title[lang])
    for family in families:
        if family.id == text:
            return [family], f"{family.id} — {family.idea[lang]}"
    ids = [f.id for f in families]
    near = difflib.get_close_matches(text.lower(), ids, n=3, cutoff=0.5)
    if not near:
        near = [i for i in ids if i.split(".", 1)[0] == text.split(".", 1)[0]][:3]
    key = "practice.error.unknown" if near else "practice.error.unknown.plain"
    raise UsageError(t(key, lang, target=target[:80], suggestion=", ".join(near)))


def export_sheet(args: argparse.Namespace, families: list[Family], heading: str) -> int:
    from pathlib import Path

    from tutor.i18n import t
    from tutor.practice.seeds import fresh_seed
    from tutor.practice.sheet import sheet_markdown

    seed = fresh_seed() if args.seed is None else args.seed
    count = args.count or SHEET_COUNT
    text = sheet_markdown(families, target=args.target.strip(), heading=heading, seed=seed,
                          count=count, lang=args.lang)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    path = Path(args.output)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise UsageError(f"{path}: {err.strerror or err}") from None
    print(t("export.written", args.lang, path=path), file=sys.stderr)
    return 0


class PlainPractice(LineDialogue):
    """Variants one after another, line by line: ``?`` hint, ``!`` solution, ``s`` skip, ``q`` quit."""

    def __init__(
        self,
        lang: str,
        stdin: TextIO,
        stdout: TextIO,
        stderr: TextIO,
        *,
        store: ProgressStore | None,
        kind: Kind,
        clock: Clock | None = None,
        fuzz: bool = True,
    ) -> None:
        super().__init__(lang, stdin, stdout, stderr)
        from tutor.practice.review import system_clock

        self.store = store
        self.kind: Kind = kind
        self.clock = clock or system_clock
        self.fuzz = fuzz
        self.worked = 0
        self.solved = 0
        self.save_error: object | None = None
        #: the last variant's session, for the caller (did it move the card?)
        self.last: VariantSession | None = None

    def header(self, key: str, variant: Variant, **values: object) -> str:
        from tutor.practice import get_family

        family = get_family(variant.family)
        idea = family.idea[self.lang] if family else ""
        return self.t(key, family=variant.family, seed=variant.seed, idea=idea, **values)

    def work(self, variant: Variant, header: str) -> bool:
        """One variant, to its end; False when the student quits (or the input ends)."""
        from tutor.practice.session import VariantSession

        session = VariantSession(variant, kind=self.kind, lang=self.lang, store=self.store,
                                 clock=self.clock, fuzz=self.fuzz)
        self.last = session
        self.say()
        self.say(header, "bold")
        self.say(self.markdown(session.statement()))
        for letter, option in session.options():
            self.say(f"  {letter}) {self.markdown(option)}")
        self.say(self.t("practice.keys"), "dim")
        try:
            return self._answer(session)
        finally:
            self._note_save_error(session)

    def _answer(self, session: VariantSession) -> bool:
        while True:
            line = self.read()
            if line is None or line.strip().lower() in QUIT:
                session.leave()
                self._closed(session)
                return False
            command = line.strip()
            if not command:
                continue
            if command.lower() in HINT:
                hint = session.next_hint()
                if hint is None:
                    self.say(self.t("quiz.no_more_hints"), "dim")
                else:
                    n = len(session.variant.item.hints)
                    self.say(self.t("quiz.hint", k=session.hints_used, n=n, text=self.markdown(hint)), "cyan")
                continue
            if command.lower() in SKIP:
                session.leave()
                self.say(self.t("quiz.skipped"), "dim")
                self._closed(session)
                return True
            if command in SOLUTION:
                self.print_solution(session, session.give_up())
                self._closed(session)
                return True
            verdict = session.submit(command)
            if verdict.status == "error":
                self.say(self.t("quiz.checker_failed"), "bold yellow")
                print(self.t("check.checker_failed", item=session.variant.id,
                             detail=verdict.detail or verdict.message), file=self.stderr)
                continue
            self.show_verdict(command, verdict)
            if session.closed == "solved":
                self.solved += 1
                self._closed(session)
                return True
            if session.closed == "failed":
                self.say(self.t("practice.out_of_tries"))
                self.print_solution(session, session.solution())
                self._closed(session)
                return True
            if verdict.status == "incorrect":
                self.say(self.t("practice.tries_left", n=session.tries_left), "dim")

    def print_solution(self, session: VariantSession, steps: tuple[Step, ...]) -> None:
        self.say(self.t("quiz.model_answer", text=self.markdown(session.model_answer())), "green")
        self.say(self.t("practice.solution", family=session.family, seed=session.seed), "bold")
        for step in steps:
            self.say()
            self.say(f"{step.index}. {self.markdown(step.title)}", "bold")
            self.say(self.markdown(step.body))
        self.say()

    def _closed(self, session: VariantSession) -> None:
        """Say how the variant was rated and when its family comes back (if it was saved)."""
        if session.closed is None:
            return
        self.worked += 1
        if session.card is None or session.rating is None:
            return
        from tutor.practice.rating import RATING_NAMES
        from tutor.practice.review import parse_time
        from tutor.practice.when import due_text

        when = due_text(parse_time(session.card.due), session.clock(), self.lang)
        rating = self.t(f"review.rating.{RATING_NAMES[session.rating]}")
        self.say(self.t("practice.rated", family=session.family, rating=rating, when=when), "dim")

    def _note_save_error(self, session: VariantSession) -> None:
        if session.save_error is not None and self.save_error is None:
            self.save_error = session.save_error
            msg = self.t("progress.not_saved", error=session.save_error.message(self.lang))
            print(f"dltutor: {msg}", file=self.stderr)

    def finish(self) -> None:
        if self.worked:
            self.say()
            self.say(self.t("practice.done", n=self.worked, right=self.solved), "bold")
