"""Working through generated variants, one at a time, independent of any UI.

A :class:`VariantSession` holds one variant: it judges answers with the
ordinary checker, hands out hints, and closes the variant when it is solved,
out of tries (:data:`MAX_TRIES` judged answers, as in the homework) or given
up. Every judged answer and a give-up is appended to the attempt history
(kind ``practice`` or ``review``, family, seed, verdict, named mistake, hints,
seconds); closing it rates the family's FSRS card (:mod:`tutor.practice.rating`)
in the same transaction as the closing row. Nothing here touches the
homework's state or points: variants are 0-point items, and the store's
``append_review`` writes only the history and the cards.

A :class:`VariantQueue` says which variant comes next: fresh seeds from the
OS, or ``seed, seed + 1, …`` when a seed is given, so a session can be replayed.
When the store cannot save, grading goes on in memory and :attr:`save_error`
holds the first error, as in the homework quiz.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tutor.practice.rating import Outcome, rate, variant_kind
from tutor.practice.review import Clock, reschedule, system_clock

if TYPE_CHECKING:
    from tutor.answers.verdict import Verdict
    from tutor.content.models import Step
    from tutor.practice.model import Family, Variant
    from tutor.progress import ProgressError, ProgressStore
    from tutor.quiz.items import QuizItem
    from tutor.store.cards import CardRow

Kind = Literal["practice", "review"]
Checker = Callable[["QuizItem", str, str], "Verdict"]
Closed = Literal["solved", "failed", "given-up"]

#: judged answers a variant allows before its solution is shown (the homework's number)
MAX_TRIES = 3


def _check(item: QuizItem, text: str, lang: str) -> Verdict:
    from tutor.answers import check_answer

    return check_answer(item, text, lang)


class VariantSession:
    """One variant being worked on: answers, hints, give-up, and the record of each."""

    def __init__(
        self,
        variant: Variant,
        *,
        kind: Kind,
        lang: str,
        store: ProgressStore | None,
        clock: Clock = system_clock,
        checker: Checker = _check,
        fuzz: bool = True,
    ) -> None:
        self.variant = variant
        self.kind: Kind = kind
        self.lang = lang
        self.store = store
        self.clock = clock
        self.checker = checker
        self.fuzz = fuzz
        self.shown_at = clock()
        self.tries = 0
        self.hints_used = 0
        self.closed: Closed | None = None
        self.last_verdict: Verdict | None = None
        self.rating: int | None = None
        self.card: CardRow | None = None
        self.save_error: ProgressError | None = None
        self._closing_seconds: float | None = None

    # -- what the front end shows ----------------------------------------------

    @property
    def family(self) -> str:
        return self.variant.family

    @property
    def seed(self) -> int:
        return self.variant.seed

    @property
    def tries_left(self) -> int:
        return max(0, MAX_TRIES - self.tries)

    def statement(self) -> str:
        return self.variant.statement[self.lang]

    def options(self) -> tuple[tuple[str, str], ...]:
        """A choice variant's options as (letter, text), with the letters the checker accepts."""
        options = getattr(self.variant.item.spec, "options", None)
        if self.variant.item.kind != "choice" or not options:
            return ()
        from tutor.answers.choice import option_letter

        return tuple((option_letter(i, self.lang), o[self.lang]) for i, o in enumerate(options))

    def solution(self) -> tuple[Step, ...]:
        """The worked solution: only once the variant is closed (never before the student has tried)."""
        if self.closed is None:
            raise RuntimeError("the solution is shown only once the variant is closed")
        return self.variant.solution(self.lang)

    def model_answer(self) -> str:
        if self.closed is None:
            raise RuntimeError("the answer is shown only once the variant is closed")
        return self.variant.answer[self.lang]

    # -- what the student does ---------------------------------------------------

    def submit(self, answer: str) -> Verdict:
        """Judge ``answer``. A judged one is a try and is recorded; an unreadable one is neither
        (it is still recorded, as the homework records it); a checker failure (status "error")
        is neither counted nor recorded. After the variant is closed answers are still judged
        (to check one's understanding) but change nothing."""
        verdict = self.checker(self.variant.item, answer, self.lang)
        self.last_verdict = verdict
        if verdict.status == "error" or self.closed is not None:
            return verdict
        seconds = self._seconds()
        if verdict.status == "invalid":
            self._record(answer=answer, status="invalid", seconds=seconds)
            return verdict
        self.tries += 1
        if verdict.status == "correct":
            self._close("solved", answer=answer, status="correct", mistake=verdict.mistake, seconds=seconds)
        elif self.tries >= MAX_TRIES:
            self._close("failed", answer=answer, status="incorrect", mistake=verdict.mistake,
                        seconds=seconds)
        else:
            self._record(answer=answer, status="incorrect", mistake=verdict.mistake, seconds=seconds)
        return verdict

    def next_hint(self) -> str | None:
        """The next rung of the hint ladder, or None when there is none left."""
        hints = self.variant.item.hints
        if self.hints_used >= len(hints):
            return None
        self.hints_used += 1
        return hints[self.hints_used - 1][self.lang]

    def give_up(self) -> tuple[Step, ...]:
        """Close the variant as not recalled (rated Again) and return its worked solution."""
        if self.closed is None:
            self._close("given-up", answer=None, status="given-up", mistake=None, seconds=self._seconds())
        return self.solution()

    def leave(self) -> None:
        """The student stops here. After a wrong answer the variant counts as not recalled;
        before any judged answer nothing happened, and the card stays as it was."""
        if self.closed is None and self.tries > 0:
            self._close("failed", answer=None, status="given-up", mistake=None, seconds=self._seconds())

    # -- recording -----------------------------------------------------------------

    def _seconds(self) -> float:
        return max(0.0, (self.clock() - self.shown_at).total_seconds())

    def outcome(self) -> Outcome:
        seconds = self._seconds() if self.closed is None else self._closing_seconds
        return Outcome(
            solved=self.closed == "solved",
            tries=self.tries,
            hints=self.hints_used,
            seconds=seconds,
            kind=variant_kind(self.variant),
            given_up=self.closed == "given-up",
        )

    def _close(self, how: Closed, *, answer: str | None, status: str, mistake: str | None,
               seconds: float) -> None:
        self.closed = how
        self._closing_seconds = seconds
        self.rating = rate(self.outcome())
        self._record(answer=answer, status=status, mistake=mistake, seconds=seconds, rate=True)

    def _record(self, *, answer: str | None, status: str, seconds: float, mistake: str | None = None,
                rate: bool = False) -> None:
        if self.store is None:
            return
        from tutor.progress import ProgressError

        at = self.clock()
        rating = self.rating
        schedule = None
        if rate and rating is not None:
            def schedule(old: CardRow | None) -> tuple[CardRow, int]:
                return reschedule(old, self.family, rating, at, self.kind, fuzz=self.fuzz), rating

        try:
            _, card = self.store.append_review(
                self.kind, family_id=self.family, seed=self.seed, answer=answer, status=status,
                mistake=mistake, hints_used=self.hints_used, seconds=seconds, at=at, schedule=schedule,
            )
        except ProgressError as err:
            if self.save_error is None:
                self.save_error = err
            return
        if card is not None:
            self.card = card


@dataclass
class VariantQueue:
    """The families to draw from, in turn, and the seeds: fresh, or ``seed, seed + 1, …``."""

    families: Sequence[Family]
    seed: int | None = None
    drawn: int = 0

    def next(self, family: Family | None = None) -> Variant:
        """The next variant: of ``family`` if given, else of the next family in turn."""
        from tutor.practice.seeds import MAX_SEED, fresh_seed

        if family is None:
            family = self.families[self.drawn % len(self.families)]
        seed = fresh_seed() if self.seed is None else (self.seed + self.drawn) % (MAX_SEED + 1)
        self.drawn += 1
        return family.variant(seed)
