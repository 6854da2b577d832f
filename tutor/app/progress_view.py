"""The app's one model of the saved progress, read through ``ProgressStore``.

The app never writes scores itself: verdicts go through ``QuizSession``, which
records them. This model reads the file back (:meth:`ProgressView.reload`), keeps
"where the student was" and the language, and every screen shows statuses and
scores from it. When it changes, the app posts :class:`ProgressChanged` to every
open screen (``TutorApp.progress_changed``): after an answer anywhere, and when a
screen is shown again (another dltutor process may have written the file).

Saving can fail (a read-only or full disk, a newer dltutor's file, a directory
in the file's place). The app still runs: the first failure, or a file that
blocks every save, becomes :attr:`ProgressView.problem`, which the app shows on
every screen until it ends (see :class:`~tutor.app.widgets.save_warning.SaveWarning`).
A file moved aside, which does not stop saving, is a one-time notice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from textual.message import Message


class ProgressChanged(Message):
    """The saved progress changed: a screen showing statuses or scores shows them again."""


@dataclass(frozen=True)
class QuestionState:
    status: str  # not-started | in-progress | solved | given-up
    score: float


class SaveProblem(Protocol):
    """A save that failed (``ProgressError``) or a file that blocks saving (``StoreWarning``)."""

    def message(self, lang: str) -> str: ...


class ProgressView:
    def __init__(self, store: Any | None, items: tuple[Any, ...] | None = None) -> None:
        self.store = store
        #: the first save that failed, or a file that blocks every save: shown until the app ends
        self.problem: SaveProblem | None = None
        #: things to say once (a bad file moved aside): the app shows them and empties the list
        self.notices: list[SaveProblem] = []
        #: called when :attr:`problem` is first set (the app shows it on every screen)
        self.on_problem: Callable[[], None] | None = None
        self._snapshot: Any | None = None
        self._last_question: int | None = None
        self._items = items
        self.lang = "en"

    @classmethod
    def open(cls, lang: str = "en", items: tuple[Any, ...] | None = None) -> ProgressView:
        """The student's store; ``items`` replaces the course's quiz items (tests)."""
        from tutor.progress import ProgressStore

        view = cls(ProgressStore(), items=items)
        view.lang = lang
        view.reload(lang)
        return view

    def reload(self, lang: str = "en") -> bool:
        """Read the file again (another process, or a quiz session, may have written it).

        True when an item's saved state differs from what the app showed.
        """
        if self.store is None:
            return False
        before = _items_of(self._snapshot)
        self._snapshot = self.store.load()
        for warning in self.store.take_warnings():
            if warning.saving_blocked:
                self.report(warning)
            elif warning not in self.notices:
                self.notices.append(warning)
        return _items_of(self._snapshot) != before

    def report(self, problem: SaveProblem | None) -> None:
        """Something could not be saved: the first problem is kept and shown until the app ends.

        Later ones are not shown over it: once a save has failed, the student
        knows that progress may not be saved, and where and why.
        """
        if problem is None or self.problem is not None:
            return
        self.problem = problem
        if self.on_problem is not None:
            self.on_problem()

    def items(self) -> tuple[Any, ...]:
        if self._items is None:
            try:
                from tutor.quiz.items import load_items
            except ImportError:  # the checker's items are not installed yet
                self._items = ()
            else:
                self._items = tuple(load_items())
        return self._items

    def item_record(self, item_id: str) -> Any:
        """The item's saved state (an ``ItemProgress``: status, attempts, practice)."""
        from tutor.progress import ItemProgress

        return ItemProgress() if self._snapshot is None else self._snapshot.item(item_id)

    def item_status(self, item_id: str) -> str:
        if self._snapshot is None:
            return "not-started"
        return str(self._snapshot.item(item_id).status)

    def question_state(self, number: int) -> QuestionState:
        """A question is solved when all its items are, given up when none is left open."""
        items = [item for item in self.items() if item.question == number]
        if self._snapshot is None or not items:
            return QuestionState("not-started", 0.0)
        from tutor.quiz.scoring import earned_points, question_status

        records = [self._snapshot.item(item.id) for item in items]
        score = sum(earned_points(i, r.score) for i, r in zip(items, records, strict=True))
        return QuestionState(question_status(r.status for r in records), score)

    @property
    def last_question(self) -> int | None:
        if self._last_question is not None:
            return self._last_question
        return None if self._snapshot is None else self._snapshot.last_question

    @property
    def saved_lang(self) -> str | None:
        return None if self._snapshot is None else self._snapshot.lang

    def first_unsolved(self) -> int | None:
        for item in self.items():
            if self.question_state(item.question).status != "solved":
                return item.question
        return None

    def set_last_question(self, number: int, item_id: str | None = None) -> None:
        self._last_question = number
        self._save(lambda store: store.set_position(number, item_id))

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self._save(lambda store: store.set_lang(lang))

    def _save(self, change: Callable[[Any], Any]) -> None:
        """Save where the student is or their language: a convenience, so after a failure
        it is not tried again (a busy lock would hold up every key for seconds)."""
        if self.store is None or self.problem is not None:
            return
        from tutor.progress import ProgressError

        try:
            self._snapshot = change(self.store)
        except ProgressError as err:  # an unwritable data dir must not stop the lesson
            self.report(err)


def _items_of(snapshot: Any | None) -> dict[str, Any]:
    """The items' saved states, comparable between two reads of the file."""
    if snapshot is None:
        return {}
    return {item_id: asdict(item) for item_id, item in snapshot.items.items()}
