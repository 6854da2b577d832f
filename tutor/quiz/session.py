"""One run through the quiz, independent of any UI.

A :class:`QuizSession` owns the order of the items, the current item, attempts,
hints, give-ups and skips, and the score; it records every event to the
progress store. Both front ends drive it: the plain CLI in a read-a-line loop,
the Textual app from key and input events. Nothing here prints or imports a UI.

The lifecycle of an item: it is *pending* until it is solved (a correct answer),
*failed* (``max_attempts`` wrong answers), *given-up* (:meth:`give_up`, e.g. to
see the solution) or *skipped* (:meth:`skip`). Only :meth:`skip` moves on by
itself; after the other outcomes the front end calls :meth:`advance` when the
student has read the feedback. An unparseable answer is not an attempt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tutor.answers.verdict import Verdict
from tutor.quiz.items import QuizItem
from tutor.quiz.scoring import QuestionScore, earned_points, score_questions

if TYPE_CHECKING:
    from tutor.content.models import Course, Step
    from tutor.progress import ProgressError, ProgressStore

Checker = Callable[[QuizItem, str, str], Verdict]
Outcome = Literal["pending", "solved", "failed", "given-up", "skipped"]

MAX_ATTEMPTS = 3


class QuizSessionError(Exception):
    """The front end asked for something the session's state does not allow (a bug)."""


@dataclass
class ItemState:
    """What happened to one item in this session."""

    item: QuizItem
    attempts: int = 0
    hints_used: int = 0
    outcome: Outcome = "pending"
    last_verdict: Verdict | None = None

    @property
    def closed(self) -> bool:
        return self.outcome != "pending"

    @property
    def earned(self) -> float:
        return float(self.item.points) if self.outcome == "solved" else 0.0


@dataclass(frozen=True)
class ReviewEntry:
    """An item to come back to, with where it lives in the homework and why."""

    item: QuizItem
    question_title: str
    part_title: str | None
    outcome: Outcome


@dataclass(frozen=True)
class QuizSummary:
    """The end-of-quiz report; ``saved_score`` is over all saved progress (None without a store)."""

    questions: tuple[QuestionScore, ...]
    score: float
    max_score: float
    hints_used: int
    review: tuple[ReviewEntry, ...]
    saved_score: float | None = None
    saved_max: float | None = None


class QuizSession:
    """A quiz over ``items`` (course order), optionally one question or the unsolved ones.

    ``only`` keeps the items of one question; ``review`` keeps the items the store
    does not mark as solved. ``checker`` defaults to :func:`tutor.answers.check_answer`,
    imported when first needed. ``course`` (titles and solution steps) defaults to
    the installed content, loaded when first needed.
    """

    def __init__(
        self,
        items: Sequence[QuizItem],
        *,
        lang: str,
        store: ProgressStore | None = None,
        checker: Checker | None = None,
        only: int | None = None,
        review: bool = False,
        max_attempts: int = MAX_ATTEMPTS,
        course: Course | None = None,
    ) -> None:
        self.lang = lang
        self.all_items: tuple[QuizItem, ...] = tuple(items)
        self.max_attempts = max_attempts
        self._checker = checker
        self._course = course
        self._store = store
        self._save_error: ProgressError | None = None
        chosen: Iterable[QuizItem] = self.all_items
        if only is not None:
            chosen = [i for i in chosen if i.question == only]
        if review and store is not None:
            saved = self._load_saved()
            chosen = [i for i in chosen if saved.get(i.id) != "solved"]
        self.items: tuple[QuizItem, ...] = tuple(chosen)
        self._states = {item.id: ItemState(item) for item in self.items}
        self.index = 0
        self._record_position()

    # -- where we are ---------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.index >= len(self.items)

    @property
    def current(self) -> QuizItem | None:
        return None if self.finished else self.items[self.index]

    @property
    def position(self) -> int:
        """1-based number of the current item (``total + 1`` once finished)."""
        return self.index + 1

    @property
    def total(self) -> int:
        return len(self.items)

    def state(self, item_id: str | None = None) -> ItemState:
        """The state of ``item_id`` (default: the current item)."""
        if item_id is None:
            item_id = self._require_current().id
        return self._states[item_id]

    @property
    def attempts_left(self) -> int:
        state = self.state()
        return 0 if state.closed else self.max_attempts - state.attempts

    @property
    def hints_left(self) -> int:
        state = self.state()
        return len(state.item.hints) - state.hints_used

    @property
    def save_error(self) -> ProgressError | None:
        """The store's first error; from then on the session grades without saving."""
        return self._save_error

    # -- what the student does ------------------------------------------------

    def submit(self, text: str) -> Verdict:
        """Judge an answer to the current item and record it.

        A correct answer solves the item; a wrong one uses an attempt and, at the
        limit, fails it; an unreadable one costs nothing.
        """
        state = self.state()
        if state.closed:
            raise QuizSessionError(f"item {state.item.id} is already {state.outcome}")
        verdict = self._check(state.item, text)
        state.last_verdict = verdict
        judged = verdict.status != "invalid"
        if judged:
            state.attempts += 1
        if verdict.correct:
            state.outcome = "solved"
        elif judged and state.attempts >= self.max_attempts:
            state.outcome = "failed"
        self._save(
            "record_answer",
            state.item.id,
            text,
            judged=judged,
            correct=verdict.correct,
            score=state.earned,
        )
        return verdict

    def self_assess(self, matched: bool) -> None:
        """For self-check items: the student compared their answer with the model one."""
        state = self.state()
        if state.closed:
            raise QuizSessionError(f"item {state.item.id} is already {state.outcome}")
        state.attempts += 1
        state.outcome = "solved" if matched else "failed"
        self._save(
            "record_answer",
            state.item.id,
            "(self-check: matched)" if matched else "(self-check: did not match)",
            judged=True,
            correct=matched,
            score=state.earned,
        )

    def next_hint(self) -> str | None:
        """The next rung of the hint ladder in the session's language, or None at the top."""
        state = self.state()
        if state.hints_used >= len(state.item.hints):
            return None
        hint = state.item.hints[state.hints_used]
        state.hints_used += 1
        self._save("record_hints", state.item.id, state.hints_used)
        return hint[self.lang]

    def give_up(self) -> tuple[Step, ...]:
        """Reveal the solution: the item scores 0 unless it was already solved."""
        state = self.state()
        if state.outcome != "solved":
            state.outcome = "given-up"
            self._save("record_give_up", state.item.id)
        return self.solution_steps(state.item)

    def skip(self) -> None:
        """Leave the current item for later (0 points, on the review list) and move on."""
        state = self.state()
        if not state.closed:
            state.outcome = "skipped"
        self.advance()

    def advance(self) -> None:
        """Move to the next item; a still-pending item stays pending (not reached)."""
        self._require_current()
        self.index += 1
        self._record_position()

    # -- content ------------------------------------------------------------

    @property
    def course(self) -> Course:
        if self._course is None:
            from tutor.content import load_course

            self._course = load_course()
        return self._course

    def solution_steps(self, item: QuizItem | None = None) -> tuple[Step, ...]:
        """The worked steps for ``item``'s part (the whole solution when it has none)."""
        item = item or self._require_current()
        question = self.course.question(item.question)
        if question is None:
            return ()
        steps = question.steps[self.lang]
        if item.part is not None:
            own = tuple(s for s in steps if s.part == item.part)
            if own:
                return own
        return steps

    def options(self, item: QuizItem | None = None) -> tuple[tuple[str, str], ...]:
        """A choice item's options as (letter, text) in the session's language; () otherwise.

        The letters are the ones the checker accepts (a, b, … or а, б, … in Russian).
        """
        item = item or self._require_current()
        options = getattr(item.spec, "options", None) if item.kind == "choice" else None
        if not options:
            return ()
        from tutor.answers.choice import option_letter

        return tuple((option_letter(i, self.lang), o[self.lang]) for i, o in enumerate(options))

    def question_title(self, item: QuizItem | None = None) -> str:
        item = item or self._require_current()
        question = self.course.question(item.question)
        return question.title[self.lang] if question is not None else str(item.question)

    def part_title(self, item: QuizItem | None = None) -> str | None:
        item = item or self._require_current()
        question = self.course.question(item.question)
        part = question.part(item.part) if question is not None and item.part else None
        return part.title[self.lang] if part is not None else None

    # -- the score ------------------------------------------------------------

    @property
    def score(self) -> float:
        return sum(state.earned for state in self._states.values())

    @property
    def max_score(self) -> float:
        return sum(float(item.points) for item in self.items)

    def summary(self) -> QuizSummary:
        earned = {item_id: state.earned for item_id, state in self._states.items()}
        review = tuple(
            ReviewEntry(
                item=state.item,
                question_title=self.question_title(state.item),
                part_title=self.part_title(state.item),
                outcome=state.outcome,
            )
            for state in self._states.values()
            if state.outcome != "solved"
        )
        saved_score: float | None = None
        saved_max: float | None = None
        if self._store is not None and self._save_error is None:
            progress = self._store.load()
            saved_score = sum(
                earned_points(item, progress.item(item.id).score) for item in self.all_items
            )
            saved_max = sum(float(item.points) for item in self.all_items)
        return QuizSummary(
            questions=score_questions(self.items, earned, self.course),
            score=self.score,
            max_score=self.max_score,
            hints_used=sum(state.hints_used for state in self._states.values()),
            review=review,
            saved_score=saved_score,
            saved_max=saved_max,
        )

    # -- internals ----------------------------------------------------------

    def _require_current(self) -> QuizItem:
        item = self.current
        if item is None:
            raise QuizSessionError("the quiz is finished")
        return item

    def _check(self, item: QuizItem, text: str) -> Verdict:
        if self._checker is None:
            from tutor.answers import check_answer

            self._checker = check_answer
        return self._checker(item, text, self.lang)

    def _load_saved(self) -> dict[str, str]:
        assert self._store is not None
        return {item_id: p.status for item_id, p in self._store.load().items.items()}

    def _record_position(self) -> None:
        item = self.current
        if item is not None:
            self._save("set_position", item.question, item.id)

    def _save(self, method: str, *args: object, **kwargs: object) -> None:
        """Call a store method; remember the first ProgressError and stop saving after it."""
        from tutor.progress import ProgressError

        if self._store is None or self._save_error is not None:
            return
        try:
            getattr(self._store, method)(*args, **kwargs)
        except ProgressError as err:
            self._save_error = err
