"""What the store keeps, and the homework's rules it applies: items, the whole progress, warnings.

These are plain objects with no storage in them, shared by the SQLite store,
the import of an old ``progress.json`` and a :class:`~tutor.quiz.session.QuizSession`
that grades without saving. ``to_json``/``from_json`` are the JSON file's form
(schema 2, schema 1 migrated on reading); ``from_json`` also validates rows read
back from the database, so one set of rules says what a saved value may be.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

#: the JSON file's schema this dltutor writes (and imports; schema 1 is migrated)
SCHEMA = 2
#: wrong answers that close an item as failed (the homework's rule, the quiz's default)
MAX_ATTEMPTS = 3
#: counters beyond this are not ones a student produced
_MAX_COUNT = 10**9

ItemStatus = Literal["not-started", "in-progress", "solved", "failed", "given-up"]
STATUSES: tuple[str, ...] = ("not-started", "in-progress", "solved", "failed", "given-up")
#: statuses whose points are decided for good
CLOSED: frozenset[str] = frozenset({"solved", "failed", "given-up"})
#: what one answer did: counted towards the score, or practice on a closed item
AnswerEffect = Literal["graded", "practice"]


def utc_now() -> str:
    """Now, as the store writes times: UTC, ISO 8601, to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ProgressError(Exception):
    """Progress could not be saved (or reset); the message names the path and the reason.

    ``key``/``values`` name an i18n string for reasons dltutor itself decides
    (a newer file, not a regular file, a busy lock), so they read in the
    student's language; OS reasons are the system's own text.
    """

    def __init__(
        self, path: Path, reason: str, *, key: str | None = None, **values: object
    ) -> None:
        self.path = path
        self.reason = reason
        self.key = key
        self.values = values
        super().__init__(f"cannot save progress to {path}: {reason}")

    def message(self, lang: str) -> str:
        from tutor.i18n import t

        reason = t(self.key, lang, **self.values) if self.key else self.reason
        return t("progress.error.unwritable", lang, path=self.path, reason=reason)


def os_reason(err: OSError) -> str:
    return err.strerror or str(err)


@dataclass(frozen=True)
class StoreWarning:
    """Something the student should hear about that did not stop dltutor working.

    ``kind`` is ``corrupt`` (an unreadable database or JSON file, or values no
    dltutor writes: moved aside), ``schema`` (an unknown schema, or another
    program's database: moved aside), ``stuck`` (a bad file that could not be
    moved aside), ``newer`` (written by a newer dltutor: left untouched, nothing
    saved) or ``blocked`` (not a regular file, or not readable: left untouched,
    nothing saved). ``path`` is the file concerned: the database, or the old
    ``progress.json`` while it waits to be imported.
    """

    kind: Literal["corrupt", "schema", "stuck", "newer", "blocked"]
    path: Path
    backup: Path | None = None
    detail: str = ""
    #: an i18n key (and its values) that says ``detail`` in the student's language
    detail_key: str | None = None
    detail_values: tuple[tuple[str, object], ...] = ()

    @property
    def saving_blocked(self) -> bool:
        """True when every write will fail until the student fixes the file (or updates dltutor)."""
        return self.kind in ("newer", "blocked")

    def message(self, lang: str) -> str:
        from tutor.i18n import t

        detail = (
            t(self.detail_key, lang, **dict(self.detail_values)) if self.detail_key else self.detail
        )
        return t(
            f"progress.warning.{self.kind}",
            lang,
            path=self.path,
            backup=self.backup,
            detail=detail,
        )

    def __str__(self) -> str:
        return self.message("en")


_ITEM_FIELDS = (
    "status",
    "attempts",
    "hints_used",
    "score",
    "last_answer",
    "started_at",
    "updated_at",
    "solved_at",
    "closed_at",
    "practice_attempts",
    "solved_later",
    "practice_answer",
    "practice_at",
)


@dataclass
class ItemProgress:
    """What the student did with one quiz item, across all sessions.

    ``attempts`` counts judged answers while the item was open (unreadable ones
    are free); ``hints_used`` is how far up the hint ladder the student went;
    ``score`` is the points decided when the item was first closed (its points
    if solved, else 0) and never changes afterwards. Answers to a closed item
    are practice: ``practice_attempts``, ``solved_later`` and ``practice_answer``
    record them, the status and score do not move. ``extra`` keeps fields this
    version does not know, so rewriting the file loses nothing.
    """

    status: ItemStatus = "not-started"
    attempts: int = 0
    hints_used: int = 0
    score: float = 0.0
    last_answer: str | None = None
    started_at: str | None = None
    updated_at: str | None = None
    solved_at: str | None = None
    closed_at: str | None = None
    practice_attempts: int = 0
    solved_later: bool = False
    practice_answer: str | None = None
    practice_at: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def closed(self) -> bool:
        return self.status in CLOSED

    # -- the homework's rules (applied by the store under its lock, or by a session alone) --

    def apply_answer(
        self,
        answer: str,
        *,
        judged: bool,
        correct: bool,
        score: float,
        max_attempts: int | None = MAX_ATTEMPTS,
    ) -> AnswerEffect:
        """One answer; ``score`` is what a correct answer earns if it closes the item.

        An open item that has already used ``max_attempts`` (a stricter session,
        or a file from before the limit was stored) is closed as failed first,
        so the answer is practice.
        """
        now = self._touch()
        self._settle(max_attempts, now)
        if self.closed:
            self.practice_answer = answer
            self.practice_at = now
            if judged:
                self.practice_attempts += 1
            if correct:
                self.solved_later = True
            return "practice"
        self.last_answer = answer
        if judged:
            self.attempts += 1
        if correct:
            self._close("solved", score, now)
            self.solved_at = now
        else:
            self._settle(max_attempts, now)
        return "graded"

    def apply_hints(self, hints_used: int) -> None:
        self._touch()
        self.hints_used = max(self.hints_used, hints_used)

    def apply_give_up(self) -> bool:
        """Close an open item for 0 points; True if this closed it (a closed item stays as it is)."""
        now = self._touch()
        if self.closed:
            return False
        self._close("given-up", 0.0, now)
        return True

    def _touch(self) -> str:
        now = utc_now()
        self.started_at = self.started_at or now
        self.updated_at = now
        if self.status == "not-started":
            self.status = "in-progress"
        return now

    def _settle(self, max_attempts: int | None, now: str) -> None:
        if not self.closed and max_attempts is not None and self.attempts >= max_attempts:
            self._close("failed", 0.0, now)

    def _close(self, status: ItemStatus, score: float, now: str) -> None:
        self.status = status
        self.score = float(score)
        self.closed_at = now

    # -- the file's form ------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        known = {name: getattr(self, name) for name in _ITEM_FIELDS}
        return {**self.extra, **known}

    @classmethod
    def from_json(cls, raw: object) -> ItemProgress:
        """Parse a schema-2 item entry; ValueError says what is wrong with it."""
        if not isinstance(raw, dict):
            raise ValueError("an item entry is not an object")
        item = cls()
        status = raw.get("status", item.status)
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        item.status = status
        for name in ("attempts", "hints_used", "practice_attempts"):
            setattr(item, name, _count(raw.get(name, 0), name))
        score = raw.get("score", 0.0)
        if (
            isinstance(score, bool)
            or not isinstance(score, (int, float))
            or not math.isfinite(score)
            or not 0 <= score <= _MAX_COUNT
        ):
            raise ValueError("score must be a non-negative number")
        item.score = float(score)
        solved_later = raw.get("solved_later", False)
        if not isinstance(solved_later, bool):
            raise ValueError("solved_later must be true or false")
        item.solved_later = solved_later
        for name in (
            "last_answer",
            "started_at",
            "updated_at",
            "solved_at",
            "closed_at",
            "practice_answer",
            "practice_at",
        ):
            value = raw.get(name)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{name} must be a string")
            setattr(item, name, value)
        item.extra = {k: v for k, v in raw.items() if k not in _ITEM_FIELDS}
        return item


def _count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_COUNT:
        raise ValueError(f"{name} must be a non-negative integer")
    return value


def migrate_item_1(raw: object) -> object:
    """A schema-1 item entry as schema 2, losing nothing.

    Schema 1 kept the best score and left an item "in progress" after its last
    attempt; schema 2 closes it: out of attempts is ``failed`` (0 points), a
    given-up item keeps 0 and a solved one its score.
    """
    if not isinstance(raw, dict):
        return raw  # from_json reports it
    item = dict(raw)
    status = item.get("status")
    attempts = item.get("attempts", 0)
    when = item.get("updated_at")
    if (
        status == "in-progress"
        and isinstance(attempts, int)
        and not isinstance(attempts, bool)
        and attempts >= MAX_ATTEMPTS
    ):
        item["status"] = "failed"
        item["score"] = 0.0
        item.setdefault("closed_at", when)
    elif status == "given-up":
        item["score"] = 0.0
        item.setdefault("closed_at", when)
    elif status == "solved":
        item.setdefault("closed_at", item.get("solved_at") or when)
    return item


_PROGRESS_FIELDS = (
    "schema",
    "attempt",
    "started_at",
    "items",
    "last_question",
    "last_item",
    "lang",
    "updated_at",
)


@dataclass
class Progress:
    """A snapshot of the homework's saved state (the current attempt at it).

    ``attempt`` numbers the student's runs through the homework (``progress
    --reset`` starts the next one); ``last_question``/``last_item`` are for
    "continue". ``extra`` keeps top-level fields this version does not know.
    """

    items: dict[str, ItemProgress] = field(default_factory=dict)
    last_question: int | None = None
    last_item: str | None = None
    lang: str | None = None
    updated_at: str | None = None
    attempt: int = 1
    started_at: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: what the last recorded answer did (set by :meth:`ProgressStore.record_answer`; not saved)
    effect: AnswerEffect | None = field(default=None, compare=False, repr=False)

    def item(self, item_id: str) -> ItemProgress:
        """The item's progress (a fresh not-started one if never seen; not stored)."""
        return self.items.get(item_id) or ItemProgress()

    def _entry(self, item_id: str) -> ItemProgress:
        return self.items.setdefault(item_id, ItemProgress())

    def to_json(self) -> dict[str, Any]:
        known = {
            "schema": SCHEMA,
            "attempt": self.attempt,
            "started_at": self.started_at,
            "items": {key: value.to_json() for key, value in sorted(self.items.items())},
            "last_question": self.last_question,
            "last_item": self.last_item,
            "lang": self.lang,
            "updated_at": self.updated_at,
        }
        return {**self.extra, **known}

    @classmethod
    def from_json(cls, raw: object) -> Progress:
        """Parse a document of this or an older schema; ValueError says what is wrong with it."""
        if not isinstance(raw, dict):
            raise ValueError("the top level is not an object")
        items = raw.get("items", {})
        if not isinstance(items, dict):
            raise ValueError("'items' is not an object")
        if raw.get("schema") == 1:
            items = {k: migrate_item_1(v) for k, v in items.items()}
        progress = cls(items={str(k): ItemProgress.from_json(v) for k, v in items.items()})
        question = raw.get("last_question")
        if question is not None and (
            isinstance(question, bool)
            or not isinstance(question, int)
            or abs(question) > _MAX_COUNT
        ):
            raise ValueError("'last_question' is not a question number")
        progress.last_question = question
        attempt = raw.get("attempt", 1)
        if (
            isinstance(attempt, bool)
            or not isinstance(attempt, int)
            or not 1 <= attempt <= _MAX_COUNT
        ):
            raise ValueError("'attempt' is not a positive integer")
        progress.attempt = attempt
        for name in ("last_item", "lang", "updated_at", "started_at"):
            value = raw.get(name)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"'{name}' is not a string")
            setattr(progress, name, value)
        progress.extra = {k: v for k, v in raw.items() if k not in _PROGRESS_FIELDS}
        return progress

