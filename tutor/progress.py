"""The saved-progress store: the homework's state and the attempt history, in one SQLite file.

The file is ``progress.db`` in ``platformdirs.user_data_dir("dltutor")`` (or
``$DLTUTOR_HOME``). Every change is one ``BEGIN IMMEDIATE`` transaction that
reads the freshest state, applies the homework's rules to it (they live on
:class:`ItemProgress`: an item's points are decided when it is first closed;
answers to a closed item are practice, recorded but never scored) and appends
the attempt to the history, so two dltutor processes never lose each other's
answers and a killed one loses nothing it acknowledged. The settings behind
those guarantees, and why, are in :mod:`tutor.store.database`; the tables in
:mod:`tutor.store.schema`.

An old ``progress.json`` (schema 1 or 2) is imported once, when the database
is created, and kept where it is (the import is recorded in the database; the
file is not read again). Whatever is in either file's place is handled as the
JSON store did: a corrupt or foreign file is moved aside (``.bak``, never
overwriting an older backup) with a warning; a newer dltutor's file, a
directory, a FIFO or a device is never read past its metadata nor touched,
and every write raises :class:`ProgressError` naming it; a symlink is followed
to its target. No Textual or Rich here, and sqlite3 is imported on first use:
the app and the CLI both use this module, and ``dltutor list`` never needs it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from tutor.store import DataDirError
from tutor.store.files import LOCK_NAME, TEMP_PREFIX, TEMP_SUFFIX, BadFile, Blocked
from tutor.store.legacy import LEGACY_NAME, MAX_BYTES
from tutor.store.records import (
    _MAX_COUNT,
    CLOSED,
    MAX_ATTEMPTS,
    SCHEMA,
    STATUSES,
    AnswerEffect,
    ItemProgress,
    ItemStatus,
    Progress,
    ProgressError,
    StoreWarning,
    migrate_item_1,
    utc_now,
)

if TYPE_CHECKING:
    import sqlite3

    from tutor.store.cards import CardRow, ReviewRow
    from tutor.store.database import Database
    from tutor.store.history import Attempt, AttemptCount, MistakeCount

__all__ = [
    "CLOSED",
    "DB_NAME",
    "LEGACY_NAME",
    "LOCK_NAME",
    "LOCK_TIMEOUT",
    "MAX_ATTEMPTS",
    "MAX_BYTES",
    "SCHEMA",
    "STATUSES",
    "TEMP_PREFIX",
    "TEMP_SUFFIX",
    "_MAX_COUNT",
    "AnswerEffect",
    "DataDirError",
    "ItemProgress",
    "ItemStatus",
    "Progress",
    "ProgressError",
    "ProgressStore",
    "StoreWarning",
    "data_dir",
    "migrate_item_1",
]

DB_NAME = "progress.db"
#: the old JSON store's file, imported once
FILE_NAME = LEGACY_NAME
#: how long a writer waits for another process (sqlite's busy timeout and the lock file's)
LOCK_TIMEOUT = 10.0


def data_dir() -> Path:
    """Where progress is kept: ``$DLTUTOR_HOME`` when set, else the per-user data dir.

    Raises :class:`DataDirError` when the variable is set to an empty (or blank) value.
    """
    override = os.environ.get("DLTUTOR_HOME")
    if override is not None:
        if not override.strip():
            raise DataDirError("DLTUTOR_HOME is set but empty")
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("dltutor", appauthor=False))


class ProgressStore:
    """The student's saved progress and history in ``directory`` (default: :func:`data_dir`).

    Reads never create anything (except to import an old ``progress.json``);
    the first change creates the database. Every change method applies its
    change to the freshest state in one transaction and returns the new
    snapshot; it raises :class:`ProgressError` (with the path and the reason)
    when nothing could be saved. Warnings about files moved aside or left alone
    collect in :attr:`warnings` for the front end to show
    (:meth:`take_warnings` hands them over once).
    """

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = Path(directory) if directory is not None else data_dir()
        self.path = self.directory / DB_NAME
        self.legacy_path = self.directory / LEGACY_NAME
        self.warnings: list[StoreWarning] = []
        self._db: Database | None = None

    # -- reading ------------------------------------------------------------

    def load(self) -> Progress:
        """The current progress; a bad file is moved aside (if possible) and reported."""
        from tutor.store import homework

        try:
            progress = self._read(homework.load)
        except Blocked as blocked:
            self._warn(blocked.warning(self.path))
            return Progress()
        except ProgressError as err:
            fallback = self._legacy_fallback()
            if fallback is not None:
                return fallback
            self._warn(StoreWarning("stuck", err.path, detail=err.reason))
            return Progress()
        return progress if progress is not None else Progress()

    def take_warnings(self) -> list[StoreWarning]:
        taken, self.warnings = self.warnings, []
        return taken

    def attempts(
        self,
        *,
        item_id: str | None = None,
        family_id: str | None = None,
        kinds: Iterable[str] | None = None,
        since: datetime | None = None,
        limit: int | None = None,
    ) -> list[Attempt]:
        """The history of an item or a family (or everything), oldest first; the last ``limit``."""
        from tutor.store import history

        rows = self._query(
            lambda conn: history.select(
                conn, item_id=item_id, family_id=family_id, kinds=kinds, since=since, limit=limit
            )
        )
        return rows or []

    def attempt_counts(
        self,
        *,
        period: Literal["day", "month", "year"] = "day",
        kinds: Iterable[str] | None = None,
        since: datetime | None = None,
    ) -> list[AttemptCount]:
        """Answered attempts (judged answers and give-ups) and right ones, per item or family per period."""
        from tutor.store import history

        rows = self._query(
            lambda conn: history.counts(conn, period=period, kinds=kinds, since=since)
        )
        return rows or []

    def common_mistakes(
        self,
        *,
        kinds: Iterable[str] | None = None,
        since: datetime | None = None,
        limit: int = 10,
    ) -> list[MistakeCount]:
        """The named mistakes made most often, per item or family."""
        from tutor.store import history

        rows = self._query(
            lambda conn: history.mistakes(conn, kinds=kinds, since=since, limit=limit)
        )
        return rows or []

    # -- changing -----------------------------------------------------------

    def update(self, change: Callable[[Progress], None]) -> Progress:
        """Apply ``change`` to the freshest progress in one transaction and save it.

        The attempt number is the store's to change (:meth:`reset`); a change to
        it here is not saved.
        """

        def body(progress: Progress) -> list[dict[str, object]]:
            change(progress)
            return []

        return self._change(body)

    def record_answer(
        self,
        item_id: str,
        answer: str,
        *,
        judged: bool,
        correct: bool,
        score: float = 0.0,
        max_attempts: int | None = MAX_ATTEMPTS,
        status: str | None = None,
        mistake: str | None = None,
        seconds: float | None = None,
    ) -> Progress:
        """One answer (an attempt when ``judged``); ``score`` is what it earns if it solves the item.

        The close decision (solved, or failed after ``max_attempts`` judged
        answers) is taken here, on the freshest saved state; an answer to a
        closed item is practice. ``Progress.effect`` says which. The answer is
        appended to the history in the same transaction, with the verdict's
        ``status`` (by default from ``judged``/``correct``), its ``mistake`` id
        and the ``seconds`` spent when the caller knows them.
        """
        verdict = status or ("correct" if correct else "incorrect" if judged else "invalid")
        effect: list[AnswerEffect] = []

        def body(progress: Progress) -> list[dict[str, object]]:
            entry = progress._entry(item_id)
            effect.append(
                entry.apply_answer(
                    answer, judged=judged, correct=correct, score=score, max_attempts=max_attempts
                )
            )
            kind = "homework" if effect[0] == "graded" else "practice"
            return [
                dict(kind=kind, item_id=item_id, answer=answer, status=verdict, mistake=mistake,
                     hints_used=entry.hints_used, seconds=seconds)
            ]

        progress = self._change(body)
        progress.effect = effect[0]
        return progress

    def record_hints(self, item_id: str, hints_used: int) -> Progress:
        """The student is ``hints_used`` rungs up the hint ladder (a history row says when)."""
        from tutor.store.history import HINT

        def body(progress: Progress) -> list[dict[str, object]]:
            entry = progress._entry(item_id)
            entry.apply_hints(hints_used)
            kind = "practice" if entry.closed else "homework"
            return [dict(kind=kind, item_id=item_id, status=HINT, hints_used=hints_used)]

        return self._change(body)

    def record_give_up(self, item_id: str, *more: str) -> Progress:
        """Close the open items among those named for 0 points (one write); closed ones stay.

        The history gains a ``given-up`` row for each item this closed.
        """
        from tutor.store.history import GIVEN_UP

        def body(progress: Progress) -> list[dict[str, object]]:
            rows: list[dict[str, object]] = []
            for name in dict.fromkeys((item_id, *more)):
                entry = progress._entry(name)
                if entry.apply_give_up():
                    rows.append(dict(kind="homework", item_id=name, status=GIVEN_UP,
                                     hints_used=entry.hints_used))
            return rows

        return self._change(body)

    def append_attempt(
        self,
        kind: Literal["practice", "review"],
        *,
        item_id: str | None = None,
        family_id: str | None = None,
        seed: int | None = None,
        answer: str | None = None,
        status: str,
        mistake: str | None = None,
        hints_used: int = 0,
        seconds: float | None = None,
        at: datetime | None = None,
    ) -> int:
        """Append a practice or review attempt to the history; returns its row id.

        Names a homework item (``item_id``) or a generated variant
        (``family_id`` and its ``seed``). It never touches the homework's
        state: homework answers go through :meth:`record_answer`, which applies
        the homework's rules. ``at`` (timezone-aware; default now) lets a
        caller with its own clock say when. Raises ValueError for a row the
        history does not hold, ProgressError when it cannot be saved.
        """
        from tutor.store import history, homework

        if kind not in ("practice", "review"):
            raise ValueError("append_attempt takes practice or review; homework answers go "
                             "through record_answer")
        row = dict(item_id=item_id, family_id=family_id, seed=seed, answer=answer, status=status,
                   mistake=mistake, hints_used=hints_used, seconds=seconds)
        history.check(kind, **row)  # type: ignore[arg-type]
        when = history.utc_time(at)

        def body(conn: sqlite3.Connection) -> int:
            number = homework.current_attempt(conn) if item_id is not None else None
            return history.append(conn, kind, at=when, homework=number, **row)  # type: ignore[arg-type]

        return self._write(body)

    def append_review(
        self,
        kind: Literal["practice", "review"],
        *,
        family_id: str,
        seed: int,
        answer: str | None = None,
        status: str,
        mistake: str | None = None,
        hints_used: int = 0,
        seconds: float | None = None,
        at: datetime,
        schedule: Callable[[CardRow | None], tuple[CardRow, int]] | None = None,
    ) -> tuple[int, CardRow | None]:
        """Append a variant's attempt and, with ``schedule``, move its family's card, in one transaction.

        ``schedule(old card or None)`` returns the new card and the rating (1–4)
        that moved it; the rating goes to the review log with this attempt's id.
        Returns the attempt's row id and the new card (None without ``schedule``).
        The homework's state is never touched.
        """
        from tutor.store import cards, history

        if kind not in ("practice", "review"):
            raise ValueError("append_review takes practice or review")
        row = dict(item_id=None, family_id=family_id, seed=seed, answer=answer, status=status,
                   mistake=mistake, hints_used=hints_used, seconds=seconds)
        history.check(kind, **row)  # type: ignore[arg-type]
        when = history.utc_time(at)

        def body(conn: sqlite3.Connection) -> tuple[int, CardRow | None]:
            attempt = history.append(conn, kind, at=when, **row)  # type: ignore[arg-type]
            if schedule is None:
                return attempt, None
            old = cards.select(conn, family_id)
            card, rating = schedule(old[0] if old else None)
            cards.save(conn, card)
            cards.log(conn, cards.ReviewRow(family_id, when, kind, rating, seconds, attempt))
            return attempt, card

        return self._write(body)  # type: ignore[return-value]

    def cards(self, family_id: str | None = None) -> list[CardRow]:
        """The spaced-review cards (of one family, or all), soonest due first."""
        from tutor.store import cards

        return self._query(lambda conn: cards.select(conn, family_id)) or []

    def card_reviews(self, family_id: str | None = None) -> list[ReviewRow]:
        """The review log (of one family, or all), oldest first."""
        from tutor.store import cards

        return self._query(lambda conn: cards.reviews(conn, family_id)) or []

    def set_position(self, question: int, item_id: str | None) -> Progress:
        def change(progress: Progress) -> None:
            progress.last_question = question
            progress.last_item = item_id

        return self.update(change)

    def set_lang(self, lang: str) -> Progress:
        def change(progress: Progress) -> None:
            progress.lang = lang

        return self.update(change)

    def reset_item(self, item_id: str) -> Progress:
        def change(progress: Progress) -> None:
            progress.items.pop(item_id, None)

        return self.update(change)

    def reset(self) -> Path | None:
        """Start a new attempt at the homework, keeping a copy of the database; returns its path.

        None when there is nothing to reset (nothing saved, or nothing answered
        in this attempt). The copy (``progress.db.bak``, ``.bak.2``, …) is made
        with sqlite's backup API; the attempt history and the language stay.
        A newer or special file is never touched (ProgressError).
        """
        from tutor.store import homework

        try:
            progress = self._read(homework.load)
        except Blocked as blocked:
            raise blocked.error(self.path) from None
        if progress is None or not progress.items:
            return None
        try:
            return self._database().backup(homework.start_next)
        except Blocked as blocked:
            raise blocked.error(self.path) from None
        except BadFile as bad:
            raise ProgressError(self.path, bad.detail) from None

    def close(self) -> None:
        """Close the database connection (it reopens on the next use)."""
        if self._db is not None:
            self._db.close()

    # -- the database ---------------------------------------------------------

    def _database(self) -> Database:
        if self._db is None:
            from tutor.store.database import Database

            self._db = Database(
                self.directory,
                warn=self._warn,
                prepare=self._prepare,
                before_create=self._check_legacy,
                timeout=lambda: LOCK_TIMEOUT,
            )
            self.path = self._db.path
        return self._db

    def _read(self, body: Callable[[sqlite3.Connection], object]) -> Progress | None:
        """``body`` in a read transaction; None when nothing is saved yet."""
        create = os.path.lexists(self.legacy_path)  # a file to import: create the database now
        return self._database().run(body, write=False, create=create)  # type: ignore[return-value]

    def _query(self, body: Callable[[sqlite3.Connection], list]) -> list | None:  # type: ignore[type-arg]
        """A history query: warnings as for :meth:`load`, None when nothing can be read."""
        try:
            return self._read(body)  # type: ignore[arg-type,return-value]
        except Blocked as blocked:
            self._warn(blocked.warning(self.path))
        except ProgressError as err:
            self._warn(StoreWarning("stuck", err.path, detail=err.reason))
        return None

    def _write(self, body: Callable[[sqlite3.Connection], object]) -> object:
        try:
            return self._database().run(body, write=True, create=True)
        except Blocked as blocked:
            raise blocked.error(self.path) from None

    def _change(self, change: Callable[[Progress], list[dict[str, object]]]) -> Progress:
        """Read, change, save the differences and append the history rows, in one transaction."""
        from tutor.store import history, homework

        def body(conn: sqlite3.Connection) -> Progress:
            homework.current_attempt(conn)
            before = homework.load(conn)
            progress = homework.load(conn)
            rows = change(progress)
            now = utc_now()
            progress.updated_at = now
            progress.started_at = progress.started_at or now
            progress.attempt = before.attempt
            homework.save(conn, progress, before)
            at = history.utc_time(None)
            for row in rows:
                history.append(conn, at=at, homework=progress.attempt, **row)  # type: ignore[arg-type]
            return progress

        return self._write(body)  # type: ignore[return-value]

    # -- the old JSON file ----------------------------------------------------

    def _check_legacy(self) -> None:
        """Before a database is created: a progress.json not ours to import stops it (Blocked)."""
        from tutor.store.legacy import read_legacy

        with contextlib.suppress(BadFile):  # moved aside by the import itself
            read_legacy(self.legacy_path)

    def _prepare(self, conn: sqlite3.Connection, fresh: bool) -> None:
        """A new database's first rows, in its creating transaction: the import of progress.json."""
        from tutor.store import homework
        from tutor.store.legacy import move_aside, read_legacy

        homework.set_meta(conn, "created_at", utc_now())
        record: dict[str, object] = {"source": str(self.legacy_path), "at": utc_now()}
        legacy = None
        if fresh:  # after a corrupt database: the old file is older still, so it stays out
            if os.path.lexists(self.legacy_path):
                record["outcome"] = "not imported: the database was started afresh"
        else:
            try:
                legacy = read_legacy(self.legacy_path)
            except BadFile as bad:
                backup = move_aside(self.legacy_path)
                self._warn(StoreWarning(bad.kind, self.legacy_path, backup, bad.detail))
                record.update(outcome="moved aside", backup=str(backup), detail=bad.detail)
        if legacy is None:
            homework.current_attempt(conn)
        else:
            progress, data = legacy
            homework.insert(conn, progress)
            record.update(
                outcome="imported",
                sha256=hashlib.sha256(data).hexdigest(),
                bytes=len(data),
                items=len(progress.items),
                attempt=progress.attempt,
            )
        if "outcome" in record:
            homework.set_meta(conn, "json_import", json.dumps(record, ensure_ascii=True))

    def _legacy_fallback(self) -> Progress | None:
        """When no database can be made (a read-only dir), what progress.json holds, read-only."""
        from tutor.store.legacy import read_legacy

        if os.path.lexists(self.path):
            return None
        try:
            legacy = read_legacy(self.legacy_path)
        except (BadFile, Blocked):
            return None
        return None if legacy is None else legacy[0]

    def _warn(self, warning: StoreWarning) -> None:
        if warning not in self.warnings:
            self.warnings.append(warning)
