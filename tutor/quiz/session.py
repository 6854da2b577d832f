"""One run through the quiz, independent of any UI.

A :class:`QuizSession` owns the order of the items, the current item, attempts,
hints, give-ups and skips, and the score; it records every event to the
progress store. Both front ends drive it: the plain CLI in a read-a-line loop,
the Textual app from key and input events. Nothing here prints or imports a UI.

The homework's rules: an item is *pending* until it is closed, and its points
are decided when it is first closed: *solved* (a correct answer: its points),
*failed* (``max_attempts`` wrong answers: 0) or *given-up* (:meth:`give_up`,
e.g. to see the solution: 0). Each item starts from its saved state, so
quitting and restarting gives no extra attempts and never turns a closed item
back into an open one; with a store, the decision is taken by the store under
its lock on the freshest saved state (two processes answering the same item
cannot both get extra attempts). After an item is closed the student may keep
practising it: answers are judged and recorded (practice attempts, solved
later) but never change its status or points. *skipped* (:meth:`skip`) is a
session-only mark for an item left open. Only :meth:`skip` moves on by itself;
after the other outcomes the front end calls :meth:`advance` when the student
has read the feedback. An unparseable answer is not an attempt.

Every recorded answer carries the ``seconds`` from the item being shown (the
session's start, :meth:`advance`, or :meth:`start_timing` from a front end that
shows items its own way) to that answer, as a practice variant's attempts do:
the last answer's seconds are the time the item took. They are measured on a
monotonic clock (a change of the wall clock does not count).

When the store cannot save (read-only dir, full disk, a newer file…), the
session keeps grading in memory: :attr:`QuizSession.save_error` holds the first
error and :attr:`QuizSession.saved` turns False, so a front end can say "graded
but not saved".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from tutor.answers.verdict import Verdict
from tutor.progress import CLOSED, MAX_ATTEMPTS, ItemProgress, Progress
from tutor.quiz.items import QuizItem
from tutor.quiz.reveals import RevealStake, open_items_revealed
from tutor.quiz.scoring import QuestionScore, earned_points, saved_points, score_questions

if TYPE_CHECKING:
    from tutor.content.models import Course, Step
    from tutor.progress import ProgressError, ProgressStore

Checker = Callable[[QuizItem, str, str], Verdict]
Outcome = Literal["pending", "solved", "failed", "given-up", "skipped"]

__all__ = [
    "MAX_ATTEMPTS",
    "Checker",
    "ItemState",
    "Outcome",
    "QuizSession",
    "QuizSessionError",
    "QuizSummary",
    "ReviewEntry",
]


class QuizSessionError(Exception):
    """The front end asked for something the session's state does not allow (a bug)."""


@dataclass
class ItemState:
    """One item as the session sees it: its saved state plus this session's marks.

    ``attempts`` and ``hints_used`` include earlier sessions'; ``score`` is the
    points decided when the item closed; ``status`` is the saved status
    (not-started, in-progress, solved, failed, given-up: the key of its status
    word). ``practice`` says the last verdict was a practice try on a closed
    item (judged and recorded, but it changes nothing); ``practice_attempts``
    and ``solved_later`` sum up practice across sessions.
    """

    item: QuizItem
    attempts: int = 0
    hints_used: int = 0
    outcome: Outcome = "pending"
    last_verdict: Verdict | None = None
    score: float = 0.0
    practice: bool = False
    practice_attempts: int = 0
    solved_later: bool = False
    status: str = "not-started"

    @property
    def closed(self) -> bool:
        return self.outcome in CLOSED

    @property
    def earned(self) -> float:
        return earned_points(self.item, self.score) if self.outcome == "solved" else 0.0


@dataclass(frozen=True)
class ReviewEntry:
    """An item to come back to, with where it lives in the homework and why."""

    item: QuizItem
    question_title: str
    part_title: str | None
    outcome: Outcome


@dataclass(frozen=True)
class QuizSummary:
    """The end-of-quiz report; ``saved_score`` is over all saved progress (None without a store).

    ``score`` counts the session's items as saved (points decided in earlier
    sessions included); ``saved`` is False when something could not be saved.
    """

    questions: tuple[QuestionScore, ...]
    score: float
    max_score: float
    hints_used: int
    review: tuple[ReviewEntry, ...]
    saved_score: float | None = None
    saved_max: float | None = None
    saved: bool = True


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
        clock: Callable[[], float] | None = None,
    ) -> None:
        import time

        self.lang = lang
        #: seconds on a monotonic clock (injected by tests)
        self._clock = clock or time.monotonic
        self._timed_from = self._clock()
        self.all_items: tuple[QuizItem, ...] = tuple(items)
        self.max_attempts = max_attempts
        self._checker = checker
        self._course = course
        self._store = store
        self._save_error: ProgressError | None = None
        self._known_items: tuple[QuizItem, ...] | None = None
        saved = store.load() if store is not None else Progress()
        chosen: Iterable[QuizItem] = self.all_items
        if only is not None:
            chosen = [i for i in chosen if i.question == only]
        if review and store is not None:
            chosen = [i for i in chosen if saved.item(i.id).status != "solved"]
        self.items: tuple[QuizItem, ...] = tuple(chosen)
        self._records: dict[str, ItemProgress] = {}
        self._states = {item.id: ItemState(item) for item in self.items}
        for item in self.items:
            self._sync(item.id, replace(saved.item(item.id), extra={}))
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
        return 0 if state.closed else max(0, self.max_attempts - state.attempts)

    @property
    def hints_left(self) -> int:
        state = self.state()
        return max(0, len(state.item.hints) - state.hints_used)

    @property
    def save_error(self) -> ProgressError | None:
        """The store's first error; from then on the session grades without saving."""
        return self._save_error

    @property
    def saved(self) -> bool:
        """True while everything the session did is saved (False without a store)."""
        return self._store is not None and self._save_error is None

    def refresh(self) -> None:
        """Take every item's state from the store again (another screen or process may have closed it)."""
        if not self.saved:
            return
        assert self._store is not None
        progress = self._store.load()
        for item in self.items:
            self._sync(item.id, replace(progress.item(item.id), extra={}))

    # -- what the student does ------------------------------------------------

    def submit(self, text: str) -> Verdict:
        """Judge an answer to the current item and record it.

        On an open item a correct answer solves it, a wrong one uses an attempt
        and at the limit fails it, an unreadable one costs nothing. On a closed
        item the answer is practice (``state().practice``): judged and recorded,
        but the status and points stay.
        """
        state = self.state()
        item = state.item
        verdict = self._check(item, text)
        state.last_verdict = verdict
        # an unreadable answer costs nothing, and neither does one the checker failed on
        judged = verdict.status in ("correct", "incorrect")
        seconds = self._take_seconds()
        effect = self._apply(
            item.id,
            lambda store: store.record_answer(
                item.id,
                text,
                judged=judged,
                correct=verdict.correct,
                score=float(item.points),
                max_attempts=self.max_attempts,
                status=verdict.status,
                mistake=verdict.mistake,
                seconds=seconds,
            ),
            lambda record: record.apply_answer(
                text,
                judged=judged,
                correct=verdict.correct,
                score=float(item.points),
                max_attempts=self.max_attempts,
            ),
        )
        state.practice = effect == "practice"
        return verdict

    def self_assess(self, matched: bool) -> None:
        """For self-check items: the student compared their answer with the model one.

        One assessment closes the item (solved or failed); on a closed item it is practice.
        """
        state = self.state()
        item = state.item
        text = "(self-check: matched)" if matched else "(self-check: did not match)"
        seconds = self._take_seconds()
        effect = self._apply(
            item.id,
            lambda store: store.record_answer(
                item.id,
                text,
                judged=True,
                correct=matched,
                score=float(item.points),
                max_attempts=1,
                seconds=seconds,
            ),
            lambda record: record.apply_answer(
                text, judged=True, correct=matched, score=float(item.points), max_attempts=1
            ),
        )
        state.practice = effect == "practice"

    def next_hint(self) -> str | None:
        """The next rung of the hint ladder in the session's language, or None at the top."""
        state = self.state()
        if state.hints_used >= len(state.item.hints):
            return None
        hint = state.item.hints[state.hints_used]
        used = state.hints_used + 1
        self._apply(
            state.item.id,
            lambda store: store.record_hints(state.item.id, used),
            lambda record: record.apply_hints(used),
        )
        return hint[self.lang]

    def hints_shown(self, item: QuizItem | None = None) -> tuple[str, ...]:
        """The hints already taken for ``item`` (in this or an earlier session), in order."""
        item = item or self._require_current()
        used = self.state(item.id).hints_used
        return tuple(hint[self.lang] for hint in item.hints[:used])

    def give_up_stake(self, item: QuizItem | None = None) -> float | None:
        """The points a give-up would cost now, so a front end can ask first; None: nothing to ask.

        That is the item's points if it is open, plus those of other open items
        that its solution steps give away (see :meth:`give_up_items`).
        """
        stake = self._give_up_stake(item or self._require_current())
        return stake.points if stake else None

    def give_up_items(self, item: QuizItem | None = None) -> tuple[str, ...]:
        """The open items a give-up would close: the item itself and those its steps reveal."""
        return self._give_up_stake(item or self._require_current()).item_ids

    def give_up(self) -> tuple[Step, ...]:
        """Close the current item (and the open items its steps reveal) for 0 points; its steps.

        A closed item stays as it is (a solved one keeps its points): the steps
        are simply shown.
        """
        item = self._require_current()
        ids = self._give_up_stake(item).item_ids
        if ids:
            self._apply_many(
                ids,
                lambda store: store.record_give_up(*ids),
                lambda record: record.apply_give_up(),
            )
        return self.solution_steps(item)

    def give_up_revealed(self, steps: Iterable[Step]) -> RevealStake:
        """Close, for 0 points, the open items that showing ``steps`` gives away; what it closed.

        For a front end that shows solution steps one at a time: once the student
        has agreed to :meth:`reveal_stake`, this records it before the steps are shown.
        """
        stake = self.reveal_stake(steps)
        if stake:
            ids = stake.item_ids
            self._apply_many(
                ids,
                lambda store: store.record_give_up(*ids),
                lambda record: record.apply_give_up(),
            )
        return stake

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
        self.start_timing()
        self._record_position()

    def start_timing(self) -> None:
        """The current item is shown now: its next answer's seconds count from here."""
        self._timed_from = self._clock()

    def _take_seconds(self) -> float:
        """Seconds since the current item was shown."""
        return max(0.0, self._clock() - self._timed_from)

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

    def reveal_stake(self, steps: Iterable[Step]) -> RevealStake:
        """The open items (and points) that showing ``steps`` would give away, per the freshest state.

        An empty stake (falsy) means the steps can be shown without asking.
        """
        return open_items_revealed(steps, self._course_items(), self.progress())

    def model_answer(self, item: QuizItem | None = None) -> str | None:
        """The right answer to show once ``item`` is closed (Unicode echo or the right option).

        None while the item is open (no answer before the student has tried),
        and for items without one (self-check).
        """
        item = item or self._require_current()
        if not self.state(item.id).closed:
            return None
        from tutor.quiz.model_answer import model_answer

        return model_answer(item, self.lang)

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

    def progress(self) -> Progress:
        """The freshest saved progress (the store's), or the session's own when nothing is saved."""
        if self.saved:
            assert self._store is not None
            return self._store.load()
        return Progress(items=dict(self._records))

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
        if self.saved:
            progress = self.progress()
            saved_score = sum(saved_points(item, progress.item(item.id)) for item in self.all_items)
            saved_max = sum(float(item.points) for item in self.all_items)
        return QuizSummary(
            questions=score_questions(self.items, earned, self.course),
            score=self.score,
            max_score=self.max_score,
            hints_used=sum(state.hints_used for state in self._states.values()),
            review=review,
            saved_score=saved_score,
            saved_max=saved_max,
            saved=self._save_error is None,
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

    def _give_up_stake(self, item: QuizItem) -> RevealStake:
        """The item itself if open, plus the open items its solution steps give away."""
        progress = self.progress()
        stake = open_items_revealed(self.solution_steps(item), self._course_items(), progress)
        own_open = not self.state(item.id).closed and not progress.item(item.id).closed
        if not own_open or item.id in stake.item_ids:
            return stake
        return RevealStake((item.id, *stake.item_ids), float(item.points) + stake.points)

    def items_named(self, item_ids: Iterable[str]) -> tuple[QuizItem, ...]:
        """The course's items with these ids, in course order (to name what a stake would close)."""
        wanted = set(item_ids)
        return tuple(item for item in self._course_items() if item.id in wanted)

    def _course_items(self) -> tuple[QuizItem, ...]:
        """Every item a step may reveal: the course's (a session may hold only one) and ours."""
        if self._known_items is None:
            from tutor.content.errors import ContentError
            from tutor.quiz.items import load_items

            try:
                known = {item.id: item for item in load_items(self.course)}
            except ContentError:  # a broken quiz.py is reported elsewhere; keep the session's own
                known = {}
            for item in self.all_items:
                known.setdefault(item.id, item)
            self._known_items = tuple(known.values())
        return self._known_items

    def _sync(self, item_id: str, record: ItemProgress) -> None:
        """Make the session's view of ``item_id`` the given record (the store's, when saving)."""
        self._records[item_id] = record
        state = self._states.get(item_id)
        if state is None:
            return
        state.attempts = record.attempts
        state.hints_used = record.hints_used
        state.score = record.score
        state.practice_attempts = record.practice_attempts
        state.solved_later = record.solved_later
        state.status = record.status
        if record.closed:
            state.outcome = record.status  # type: ignore[assignment]
        elif record.attempts >= self.max_attempts:
            state.outcome = state.status = "failed"  # a stricter session: the store closes it next
        elif state.outcome != "skipped":
            state.outcome = "pending"

    def _apply(
        self,
        item_id: str,
        store_call: Callable[[ProgressStore], Progress],
        local: Callable[[ItemProgress], object],
    ) -> object:
        """Record a change: through the store (its answer becomes ours) or, failing that, locally."""
        result = self._apply_many((item_id,), store_call, local)
        return result.get(item_id)

    def _apply_many(
        self,
        item_ids: Sequence[str],
        store_call: Callable[[ProgressStore], Progress],
        local: Callable[[ItemProgress], object],
    ) -> dict[str, object]:
        from tutor.progress import ProgressError

        if self.saved:
            assert self._store is not None
            try:
                progress = store_call(self._store)
            except ProgressError as err:
                self._save_error = err
            else:
                for item_id in item_ids:
                    self._sync(item_id, replace(progress.item(item_id), extra={}))
                return {item_id: progress.effect for item_id in item_ids}
        results = {}
        for item_id in item_ids:
            record = self._records.setdefault(item_id, ItemProgress())
            results[item_id] = local(record)
            self._sync(item_id, record)
        return results

    def _record_position(self) -> None:
        item = self.current
        if item is None or not self.saved:
            return
        from tutor.progress import ProgressError

        assert self._store is not None
        try:
            self._store.set_position(item.question, item.id)
        except ProgressError as err:
            self._save_error = err
