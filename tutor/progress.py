"""The saved-progress store: one JSON file per user, safe against crashes and rivals.

The file lives in ``platformdirs.user_data_dir("dltutor")`` (or ``$DLTUTOR_HOME``).
Every change is a read-modify-write under an exclusive lock, applied to the
file's current contents item by item, so two dltutor processes at once never
lose each other's answers; every write goes to a temp file that is fsynced and
then ``os.replace``d, so a crash leaves either the old file or the new one.
A corrupt or unknown-schema file is moved aside to ``progress.json.bak`` (never
overwriting an older backup) with a warning, and the student starts afresh.
No Textual or Rich here: the app and the CLI both use this module.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Literal

SCHEMA = 1
FILE_NAME = "progress.json"
LOCK_NAME = "progress.lock"

ItemStatus = Literal["not-started", "in-progress", "solved", "given-up"]
STATUSES: tuple[str, ...] = ("not-started", "in-progress", "solved", "given-up")


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
    """Progress could not be saved (or reset); the message names the path and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"cannot save progress to {path}: {reason}")

    def message(self, lang: str) -> str:
        from tutor.i18n import t

        return t("progress.error.unwritable", lang, path=self.path, reason=self.reason)


@dataclass(frozen=True)
class StoreWarning:
    """Something the student should hear about that did not stop the store working.

    ``kind`` is ``corrupt`` (unreadable JSON or structure), ``schema`` (a newer or
    unknown schema) or ``stuck`` (bad file that could not be moved aside).
    """

    kind: Literal["corrupt", "schema", "stuck"]
    path: Path
    backup: Path | None = None
    detail: str = ""

    def message(self, lang: str) -> str:
        from tutor.i18n import t

        return t(
            f"progress.warning.{self.kind}",
            lang,
            path=self.path,
            backup=self.backup,
            detail=self.detail,
        )

    def __str__(self) -> str:
        return self.message("en")


@dataclass
class ItemProgress:
    """What the student did with one quiz item, across all sessions.

    ``attempts`` counts judged answers (unparseable ones are not counted);
    ``hints_used`` is the most hints taken in any session; ``score`` is the best
    score ever earned, so a later wrong answer never takes points away.
    """

    status: ItemStatus = "not-started"
    attempts: int = 0
    hints_used: int = 0
    score: float = 0.0
    last_answer: str | None = None
    started_at: str | None = None
    updated_at: str | None = None
    solved_at: str | None = None

    @classmethod
    def from_json(cls, raw: object) -> ItemProgress:
        if not isinstance(raw, dict):
            raise ValueError("an item entry is not an object")
        item = cls()
        status = raw.get("status", item.status)
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        item.status = status
        for name in ("attempts", "hints_used"):
            value = raw.get(name, 0)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a non-negative integer")
            setattr(item, name, value)
        score = raw.get("score", 0.0)
        if isinstance(score, bool) or not isinstance(score, (int, float)) or score < 0:
            raise ValueError("score must be a non-negative number")
        item.score = float(score)
        for name in ("last_answer", "started_at", "updated_at", "solved_at"):
            value = raw.get(name)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{name} must be a string")
            setattr(item, name, value)
        return item

    def touch(self) -> None:
        now = _now()
        self.started_at = self.started_at or now
        self.updated_at = now
        if self.status == "not-started":
            self.status = "in-progress"


@dataclass
class Progress:
    """A snapshot of the whole file; ``last_question``/``last_item`` are for "continue"."""

    items: dict[str, ItemProgress] = field(default_factory=dict)
    last_question: int | None = None
    last_item: str | None = None
    lang: str | None = None
    updated_at: str | None = None

    def item(self, item_id: str) -> ItemProgress:
        """The item's progress (a fresh not-started one if never seen; not stored)."""
        return self.items.get(item_id) or ItemProgress()

    def _entry(self, item_id: str) -> ItemProgress:
        return self.items.setdefault(item_id, ItemProgress())

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "items": {key: asdict(value) for key, value in sorted(self.items.items())},
            "last_question": self.last_question,
            "last_item": self.last_item,
            "lang": self.lang,
            "updated_at": self.updated_at,
        }

    @classmethod
    def from_json(cls, raw: object) -> Progress:
        """Parse a schema-1 document; ValueError says what is wrong with it."""
        if not isinstance(raw, dict):
            raise ValueError("the top level is not an object")
        items = raw.get("items", {})
        if not isinstance(items, dict):
            raise ValueError("'items' is not an object")
        progress = cls(items={str(k): ItemProgress.from_json(v) for k, v in items.items()})
        question = raw.get("last_question")
        if question is not None and (isinstance(question, bool) or not isinstance(question, int)):
            raise ValueError("'last_question' is not a number")
        progress.last_question = question
        for name in ("last_item", "lang", "updated_at"):
            value = raw.get(name)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"'{name}' is not a string")
            setattr(progress, name, value)
        return progress


class _BadFile(Exception):
    def __init__(self, kind: Literal["corrupt", "schema"], detail: str) -> None:
        self.kind = kind
        self.detail = detail
        super().__init__(detail)


class ProgressStore:
    """The student's saved progress in ``directory`` (default: :func:`data_dir`).

    Reads never create anything; the first change creates the directory. Every
    change method re-reads the file under the lock, applies its change to the
    items it names and writes the result, returning the new snapshot. Warnings
    about files moved aside collect in :attr:`warnings` for the front end to show
    (:meth:`take_warnings` hands them over once).
    """

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = Path(directory) if directory is not None else data_dir()
        self.path = self.directory / FILE_NAME
        self.warnings: list[StoreWarning] = []

    # -- reading ------------------------------------------------------------

    def load(self) -> Progress:
        """The current progress; a bad file is moved aside (if possible) and reported."""
        try:
            text = self._read_text()
        except OSError:
            return Progress()  # unreadable: treat as nothing saved; writes will explain
        try:
            return self._parse(text)
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
            change(progress)
            progress.updated_at = _now()
            self._write(progress)
            return progress

    def record_answer(
        self, item_id: str, answer: str, *, judged: bool, correct: bool, score: float = 0.0
    ) -> Progress:
        """One answer: counted as an attempt when ``judged`` (it could be read)."""

        def change(progress: Progress) -> None:
            entry = progress._entry(item_id)
            entry.touch()
            entry.last_answer = answer
            if judged:
                entry.attempts += 1
            if correct:
                entry.score = max(entry.score, float(score))
                if entry.status != "solved":
                    entry.solved_at = entry.updated_at
                entry.status = "solved"

        return self.update(change)

    def record_hints(self, item_id: str, hints_used: int) -> Progress:
        def change(progress: Progress) -> None:
            entry = progress._entry(item_id)
            entry.touch()
            entry.hints_used = max(entry.hints_used, hints_used)

        return self.update(change)

    def record_give_up(self, item_id: str) -> Progress:
        """Giving up never undoes an earlier solution (its points stay earned)."""

        def change(progress: Progress) -> None:
            entry = progress._entry(item_id)
            entry.touch()
            if entry.status != "solved":
                entry.status = "given-up"

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
        """Start afresh, keeping the old file as a backup; returns the backup's path."""
        with self._locked():
            if not self.path.exists():
                return None
            return self._move_aside()

    # -- the file -----------------------------------------------------------

    def _read_text(self) -> str | None:
        """The file's text, None if absent; bytes that are not UTF-8 make it corrupt."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return "\ufffd"  # not JSON either, so _parse reports it as corrupt

    @staticmethod
    def _parse(text: str | None) -> Progress:
        if text is None:
            return Progress()
        try:
            raw = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as err:
            raise _BadFile("corrupt", f"not valid JSON ({err})") from None
        if not isinstance(raw, dict):
            raise _BadFile("corrupt", "the top level is not an object")
        schema = raw.get("schema")
        if schema != SCHEMA:
            raise _BadFile("schema", f"schema {schema!r}, this dltutor reads {SCHEMA}")
        try:
            return Progress.from_json(raw)
        except ValueError as err:
            raise _BadFile("corrupt", str(err)) from None

    def _read_locked(self) -> Progress:
        """Read while holding the lock; a bad file is moved aside here, exactly once."""
        try:
            text = self._read_text()
        except OSError as err:
            raise ProgressError(self.path, err.strerror or str(err)) from None
        try:
            return self._parse(text)
        except _BadFile as bad:
            backup = self._move_aside()
            self._warn(StoreWarning(bad.kind, self.path, backup, bad.detail))
            return Progress()

    def _move_aside(self) -> Path:
        """Rename the file to the first free ``progress.json.bak``, ``.bak.2``, …"""
        backup = self.path.with_name(FILE_NAME + ".bak")
        number = 1
        while backup.exists():
            number += 1
            backup = self.path.with_name(f"{FILE_NAME}.bak.{number}")
        try:
            os.replace(self.path, backup)
        except OSError as err:
            raise ProgressError(self.path, err.strerror or str(err)) from None
        return backup

    def _write(self, progress: Progress) -> None:
        text = json.dumps(progress.to_json(), ensure_ascii=False, indent=1) + "\n"
        tmp: str | None = None
        try:
            fd, tmp = tempfile.mkstemp(prefix=".progress-", suffix=".tmp", dir=self.directory)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
            tmp = None
        except OSError as err:
            raise ProgressError(self.path, err.strerror or str(err)) from None
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        _fsync_dir(self.directory)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.directory / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise ProgressError(self.path, err.strerror or str(err)) from None
        try:
            _lock(fd)
            yield
        finally:
            _unlock(fd)
            os.close(fd)

    def _warn(self, warning: StoreWarning) -> None:
        if warning not in self.warnings:
            self.warnings.append(warning)


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


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: byte-range lock on the lock file, retried until free
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
                return
            except OSError:
                time.sleep(0.05)
    fcntl.flock(fd, fcntl.LOCK_EX)


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
