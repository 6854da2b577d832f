"""The saved-progress store: one JSON file per user, safe against crashes, rivals and odd files.

The file lives in ``platformdirs.user_data_dir("dltutor")`` (or ``$DLTUTOR_HOME``).
Every change is a read-modify-write under an exclusive lock, applied to the
file's current contents item by item, so two dltutor processes at once never
lose each other's answers, and a decision such as "out of attempts" is taken
against the freshest saved state. Every write goes to a temp file in the
target's directory that is fsynced and then ``os.replace``d, so a crash leaves
either the old file or the new one.

Whatever is in the file's place is handled: a corrupt, oversized or
unknown-schema file is moved aside to ``progress.json.bak`` (never overwriting
an older backup) with a warning; a file written by a newer dltutor, a
directory, a FIFO or a device is never read past its metadata nor touched, and
every write raises :class:`ProgressError`; a symlink to a regular file is read
and written through to its target. No Textual or Rich here: the app and the
CLI both use this module.

The homework rules that the store enforces under its lock live on
:class:`ItemProgress`: an item's points are decided when it is first closed
(solved, out of attempts, or given up) and never change afterwards; answers to
a closed item are practice, recorded but never scored.
"""

from __future__ import annotations

import contextlib
import errno
import json
import math
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

SCHEMA = 2
FILE_NAME = "progress.json"
LOCK_NAME = "progress.lock"
TEMP_PREFIX = ".progress-"
TEMP_SUFFIX = ".tmp"
#: a real progress file is a few KB; anything larger is not one of ours
MAX_BYTES = 1_000_000
#: wrong answers that close an item as failed (the homework's rule, the quiz's default)
MAX_ATTEMPTS = 3
#: how long a writer waits for another process's lock before giving up (writes take milliseconds)
LOCK_TIMEOUT = 10.0
#: counters beyond this are not ones a student produced
_MAX_COUNT = 10**9

ItemStatus = Literal["not-started", "in-progress", "solved", "failed", "given-up"]
STATUSES: tuple[str, ...] = ("not-started", "in-progress", "solved", "failed", "given-up")
#: statuses whose points are decided for good
CLOSED: frozenset[str] = frozenset({"solved", "failed", "given-up"})
#: what one answer did: counted towards the score, or practice on a closed item
AnswerEffect = Literal["graded", "practice"]


def data_dir() -> Path:
    """Where progress is kept: ``$DLTUTOR_HOME`` when set, else the per-user data dir."""
    override = os.environ.get("DLTUTOR_HOME")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("dltutor", appauthor=False))


def _now() -> str:
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


def _reason(err: OSError) -> str:
    return err.strerror or str(err)


@dataclass(frozen=True)
class StoreWarning:
    """Something the student should hear about that did not stop dltutor working.

    ``kind`` is ``corrupt`` (unreadable JSON or structure, or too large: moved
    aside), ``schema`` (an unknown schema: moved aside), ``stuck`` (a bad file
    that could not be moved aside), ``newer`` (written by a newer dltutor: left
    untouched, nothing saved) or ``blocked`` (not a regular file, or not
    readable: left untouched, nothing saved).
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
        now = _now()
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
    """A snapshot of the whole file.

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


class _BadFile(Exception):
    """A file that is ours to move aside: corrupt, oversized, or of an unknown schema."""

    def __init__(self, kind: Literal["corrupt", "schema"], detail: str) -> None:
        self.kind = kind
        self.detail = detail
        super().__init__(detail)


class _Blocked(Exception):
    """A file that is not ours to touch: newer schema, not a regular file, unreadable.

    Reads then show nothing saved (with a warning); writes raise ProgressError.
    ``key`` names the reason in i18n (None: ``detail`` is the OS's own words).
    """

    def __init__(
        self,
        kind: Literal["newer", "blocked"],
        detail: str,
        key: str | None = None,
        **values: object,
    ) -> None:
        self.kind = kind
        self.key = key
        self.values = values
        if key is not None:
            from tutor.i18n import t

            detail = t(key, "en", **values)
        self.detail = detail
        super().__init__(detail)

    def warning(self, path: Path) -> StoreWarning:
        return StoreWarning(
            self.kind,
            path,
            detail=self.detail,
            detail_key=self.key,
            detail_values=tuple(sorted(self.values.items())),
        )

    def error(self, path: Path) -> ProgressError:
        return ProgressError(path, self.detail, key=self.key, **self.values)


def _parse(data: bytes | None) -> Progress:
    """Bytes of a progress file → Progress; raises _BadFile or _Blocked (a newer schema)."""
    if data is None:
        return Progress()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _BadFile("corrupt", f"not UTF-8 text ({err.reason} at byte {err.start})") from None
    try:
        raw = json.loads(text, parse_constant=_reject_constant)
    except (ValueError, RecursionError) as err:  # JSONDecodeError, huge integers, NaN, deep nesting
        raise _BadFile("corrupt", f"not valid JSON ({_short(err)})") from None
    if not isinstance(raw, dict):
        raise _BadFile("corrupt", "the top level is not an object")
    schema = raw.get("schema")
    if isinstance(schema, int) and not isinstance(schema, bool) and schema > SCHEMA:
        raise _Blocked("newer", "", "progress.reason.newer", schema=schema, known=SCHEMA)
    if schema not in (1, SCHEMA):
        raise _BadFile("schema", f"schema {_short(repr(schema))}, this dltutor reads {SCHEMA}")
    try:
        return Progress.from_json(raw)
    except ValueError as err:
        raise _BadFile("corrupt", str(err)) from None


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number a progress file holds")


def _short(value: object, limit: int = 120) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _file_kind(mode: int) -> str:
    """The i18n key saying what a non-regular file is."""
    if stat.S_ISDIR(mode):
        return "progress.reason.directory"
    if stat.S_ISFIFO(mode):
        return "progress.reason.fifo"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "progress.reason.device"
    if stat.S_ISSOCK(mode):
        return "progress.reason.socket"
    return "progress.reason.special"


def _os_blocked(err: OSError) -> _Blocked:
    return _Blocked("blocked", _reason(err))


#: open flags for reading: never block on a FIFO, never take a terminal, never leak to children
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def _read_bounded(path: Path, limit: int = MAX_BYTES) -> bytes | None:
    """The bytes of ``path`` (through symlinks), None if absent.

    Never opens anything that is not a regular file, never blocks, and never
    reads more than ``limit`` bytes: raises _Blocked or _BadFile instead.
    """
    try:
        before = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise _os_blocked(err) from None
    if not stat.S_ISREG(before.st_mode):
        raise _Blocked("blocked", "", _file_kind(before.st_mode))
    try:
        fd = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise _os_blocked(err) from None
    try:
        info = os.fstat(fd)  # what was opened, in case the name changed since the stat
        if not stat.S_ISREG(info.st_mode):
            raise _Blocked("blocked", "", _file_kind(info.st_mode))
        if info.st_size > limit:
            raise _BadFile(
                "corrupt", f"{info.st_size} bytes, more than a progress file holds ({limit})"
            )
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as err:
        raise _os_blocked(err) from None
    finally:
        os.close(fd)
    if size > limit:
        raise _BadFile("corrupt", f"more than a progress file holds ({limit} bytes)")
    return b"".join(chunks)


class ProgressStore:
    """The student's saved progress in ``directory`` (default: :func:`data_dir`).

    Reads never create anything; the first change creates the directory. Every
    change method re-reads the file under the lock, applies its change to the
    items it names and writes the result, returning the new snapshot; it raises
    :class:`ProgressError` (with the path and the reason) when nothing could be
    saved. Warnings about files moved aside or left alone collect in
    :attr:`warnings` for the front end to show (:meth:`take_warnings` hands
    them over once).
    """

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = Path(directory) if directory is not None else data_dir()
        self.path = self.directory / FILE_NAME
        self.warnings: list[StoreWarning] = []
        self._swept = False

    # -- reading ------------------------------------------------------------

    def load(self) -> Progress:
        """The current progress; a bad file is moved aside (if possible) and reported."""
        try:
            return _parse(_read_bounded(self.path))
        except _Blocked as blocked:
            self._warn(blocked.warning(self.path))
            return Progress()
        except _BadFile:
            pass
        try:
            with self._locked():
                return self._read_locked()
        except ProgressError as err:
            # Cannot move the bad file aside: start afresh in memory and say so.
            self._warn(StoreWarning("stuck", self.path, detail=err.reason))
            return Progress()

    def take_warnings(self) -> list[StoreWarning]:
        taken, self.warnings = self.warnings, []
        return taken

    # -- changing -----------------------------------------------------------

    def update(self, change: Callable[[Progress], None]) -> Progress:
        """Apply ``change`` to the freshest progress under the lock and save it."""
        with self._locked():
            progress = self._read_locked()
            self._sweep()
            change(progress)
            progress.updated_at = _now()
            progress.started_at = progress.started_at or progress.updated_at
            self._write(progress)
            return progress

    def record_answer(
        self,
        item_id: str,
        answer: str,
        *,
        judged: bool,
        correct: bool,
        score: float = 0.0,
        max_attempts: int | None = MAX_ATTEMPTS,
    ) -> Progress:
        """One answer (an attempt when ``judged``); ``score`` is what it earns if it solves the item.

        The close decision (solved, or failed after ``max_attempts`` judged
        answers) is taken here, under the lock, on the freshest saved state; an
        answer to a closed item is practice. ``Progress.effect`` says which.
        """
        effect: list[AnswerEffect] = []

        def change(progress: Progress) -> None:
            entry = progress._entry(item_id)
            effect.append(
                entry.apply_answer(
                    answer, judged=judged, correct=correct, score=score, max_attempts=max_attempts
                )
            )

        progress = self.update(change)
        progress.effect = effect[0]
        return progress

    def record_hints(self, item_id: str, hints_used: int) -> Progress:
        return self.update(lambda progress: progress._entry(item_id).apply_hints(hints_used))

    def record_give_up(self, item_id: str, *more: str) -> Progress:
        """Close the open items among those named for 0 points (one write); closed ones stay."""

        def change(progress: Progress) -> None:
            for name in (item_id, *more):
                progress._entry(name).apply_give_up()

        return self.update(change)

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
        """Start a new attempt at the homework, keeping the old file as a backup; returns its path.

        None when there is nothing to reset (no file, or nothing answered yet).
        A corrupt file is kept as the backup too; a newer or special one is
        never touched (ProgressError).
        """
        with self._locked():
            target = self._target()
            try:
                data = _read_bounded(target)
            except _Blocked as blocked:
                raise blocked.error(self.path) from None
            except _BadFile:  # too large to copy: moved aside whole
                self._sweep()
                backup, old = self._move_aside(), Progress()
            else:
                self._sweep()
                if data is None:
                    return None
                try:
                    old = _parse(data)
                except _Blocked as blocked:
                    raise blocked.error(self.path) from None
                except _BadFile:
                    old = Progress()
                else:
                    if not old.items:
                        return None
                backup = self._free_backup(target)
                self._write_bytes(backup, data)
            now = _now()
            fresh = Progress(attempt=old.attempt + 1, started_at=now, updated_at=now, lang=old.lang)
            self._write(fresh)
            return backup

    # -- the file -----------------------------------------------------------

    def _target(self) -> Path:
        """Where the bytes live: the progress file, or the file its symlink points at."""
        if self.path.is_symlink():
            return Path(os.path.realpath(self.path))
        return self.path

    def _read_locked(self) -> Progress:
        """Read while holding the lock; a bad file is moved aside here, exactly once."""
        try:
            return _parse(_read_bounded(self.path))
        except _Blocked as blocked:
            raise blocked.error(self.path) from None
        except _BadFile as bad:
            backup = self._move_aside()
            self._warn(StoreWarning(bad.kind, self.path, backup, bad.detail))
            return Progress()

    def _free_backup(self, target: Path) -> Path:
        """The first free ``progress.json.bak``, ``.bak.2``, … beside ``target``."""
        backup = target.with_name(target.name + ".bak")
        number = 1
        while os.path.lexists(backup):
            number += 1
            backup = target.with_name(f"{target.name}.bak.{number}")
        return backup

    def _move_aside(self) -> Path:
        """Rename the file (a symlink's target) to the first free backup name beside it."""
        target = self._target()
        backup = self._free_backup(target)
        try:
            os.replace(target, backup)
        except OSError as err:
            raise ProgressError(self.path, _reason(err)) from None
        _fsync_dir(target.parent)
        return backup

    def _write(self, progress: Progress) -> None:
        self._write_bytes(self._target(), _encode(progress, self.path))

    def _write_bytes(self, target: Path, data: bytes) -> None:
        """Temp file beside ``target``, written and fsynced, then renamed over it."""
        tmp: str | None = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=target.parent)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(tmp, target)
            tmp = None
        except OSError as err:
            raise ProgressError(self.path, _reason(err)) from None
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        _fsync_dir(target.parent)

    def _sweep(self) -> None:
        """Remove temp files left by killed writers (under the lock no live writer has one).

        Called once the progress file is known to be ours (absent, or a regular
        file), so a symlink to somewhere odd never sends us sweeping there.
        """
        if self._swept:
            return
        self._swept = True
        folders = {self.directory, self._target().parent}
        for folder in folders:
            with contextlib.suppress(OSError):
                for entry in os.scandir(folder):
                    if entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX):
                        with contextlib.suppress(OSError):
                            if entry.is_file(follow_symlinks=False):
                                os.unlink(entry.path)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise ProgressError(self.path, _reason(err)) from None
        fd = _open_lock(self.path, self.directory / LOCK_NAME)
        try:
            _lock(fd, self.path, self.directory / LOCK_NAME)
            try:
                yield
            finally:
                _unlock(fd)
        finally:
            os.close(fd)

    def _warn(self, warning: StoreWarning) -> None:
        if warning not in self.warnings:
            self.warnings.append(warning)


def _encode(progress: Progress, path: Path) -> bytes:
    """The file's bytes: readable UTF-8, or all-ASCII escapes when a text holds a lone surrogate."""
    document = progress.to_json()
    try:
        try:
            return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        except UnicodeEncodeError:  # e.g. an answer pasted with a lone surrogate: \ud800 keeps it
            return (json.dumps(document, ensure_ascii=True, indent=1) + "\n").encode("ascii")
    except (ValueError, RecursionError) as err:  # an unknown field nested beyond reason
        raise ProgressError(path, _short(err)) from None


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable where the OS allows it (POSIX); best effort."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


_LOCK_FLAGS = (
    os.O_RDWR
    | os.O_CREAT
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def _open_lock(path: Path, lock: Path) -> int:
    """Open (creating) the lock file; anything but a regular file there is an error, not a hang."""
    try:
        fd = os.open(lock, _LOCK_FLAGS, 0o644)
    except OSError as err:
        raise _lock_error(path, "progress.reason.lock", lock=lock, detail=_reason(err)) from None
    try:
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    except OSError:
        regular = False
    if not regular:
        os.close(fd)
        raise _lock_error(path, "progress.reason.lock_special", lock=lock)
    return fd


def _lock_error(path: Path, key: str, **values: object) -> ProgressError:
    from tutor.i18n import t

    return ProgressError(path, t(key, "en", **values), key=key, **values)


def _lock(fd: int, path: Path, lock: Path) -> None:
    """Take the exclusive lock, waiting for another process at most :data:`LOCK_TIMEOUT` seconds."""
    timeout = LOCK_TIMEOUT
    deadline = time.monotonic() + timeout
    delay = 0.001
    while True:
        try:
            _try_lock(fd)
            return
        except BlockingIOError:
            pass
        except OSError as err:
            if err.errno not in (errno.EACCES, errno.EAGAIN, errno.EDEADLK):
                raise ProgressError(path, _reason(err)) from None
        if time.monotonic() >= deadline:
            raise _lock_error(path, "progress.reason.busy", lock=lock, seconds=f"{timeout:g}")
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


def _try_lock(fd: int) -> None:
    """One non-blocking attempt; raises BlockingIOError (or EACCES) while another holds it."""
    try:
        import fcntl
    except ImportError:  # Windows: a byte-range lock on the lock file
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:
        import msvcrt

        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
        return
    fcntl.flock(fd, fcntl.LOCK_UN)
