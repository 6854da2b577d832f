"""Files in the data dir, handled whatever is in their place: bounded reads, the lock, backups.

Shared by the database and the import of an old ``progress.json``. Nothing here
opens a file that is not a regular one (a FIFO would block, a device would
never end), reads more than a bound, or follows a name to somewhere it then
writes without saying so: a symlink's target is what gets read, moved aside or
backed up, beside itself.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from tutor.store.records import ProgressError, StoreWarning, os_reason

LOCK_NAME = "progress.lock"
#: temporary files of ours (backups being written, the old JSON store's writes)
TEMP_PREFIX = ".progress-"
TEMP_SUFFIX = ".tmp"


class BadFile(Exception):
    """A file that is ours to move aside: corrupt, oversized, or of an unknown schema."""

    def __init__(self, kind: Literal["corrupt", "schema"], detail: str) -> None:
        self.kind = kind
        self.detail = detail
        super().__init__(detail)


class Blocked(Exception):
    """A file that is not ours to touch: newer schema, not a regular file, unreadable.

    Reads then show nothing saved (with a warning); writes raise ProgressError.
    ``key`` names the reason in i18n (None: ``detail`` is the OS's own words);
    ``path`` is the file concerned when it is not the store's own path.
    """

    def __init__(
        self,
        kind: Literal["newer", "blocked"],
        detail: str,
        key: str | None = None,
        path: Path | None = None,
        **values: object,
    ) -> None:
        self.kind = kind
        self.key = key
        self.values = values
        self.path = path
        if key is not None:
            from tutor.i18n import t

            detail = t(key, "en", **values)
        self.detail = detail
        super().__init__(detail)

    def warning(self, path: Path) -> StoreWarning:
        return StoreWarning(
            self.kind,
            self.path or path,
            detail=self.detail,
            detail_key=self.key,
            detail_values=tuple(sorted(self.values.items())),
        )

    def error(self, path: Path) -> ProgressError:
        return ProgressError(self.path or path, self.detail, key=self.key, **self.values)


def short(value: object, limit: int = 120) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def file_kind(mode: int) -> str:
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


def os_blocked(err: OSError) -> Blocked:
    return Blocked("blocked", os_reason(err))


def regular_or_absent(path: Path) -> os.stat_result | None:
    """The stat of ``path`` through symlinks; None if absent (or a dangling link); raises Blocked."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as err:  # a symlink loop, a name too long, a directory we cannot search
        raise os_blocked(err) from None
    if not stat.S_ISREG(info.st_mode):
        raise Blocked("blocked", "", file_kind(info.st_mode))
    return info


#: open flags for reading: never block on a FIFO, never take a terminal, never leak to children
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_bounded(
    path: Path, limit: int, *, what: str = "a progress file", whole: bool = True
) -> bytes | None:
    """The bytes of ``path`` (through symlinks), None if absent.

    Never opens anything that is not a regular file, never blocks, and never
    reads more than ``limit`` bytes: raises Blocked, or BadFile when ``whole``
    and the file is larger (with ``whole=False`` the first ``limit`` bytes).
    """
    if regular_or_absent(path) is None:
        return None
    try:
        fd = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise os_blocked(err) from None
    try:
        info = os.fstat(fd)  # what was opened, in case the name changed since the stat
        if not stat.S_ISREG(info.st_mode):
            raise Blocked("blocked", "", file_kind(info.st_mode))
        if whole and info.st_size > limit:
            raise BadFile("corrupt", f"{info.st_size} bytes, more than {what} holds ({limit})")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as err:
        raise os_blocked(err) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if size > limit:
        if not whole:
            return data[:limit]
        raise BadFile("corrupt", f"more than {what} holds ({limit} bytes)")
    return data


def target_of(path: Path) -> Path:
    """Where the bytes live: ``path`` itself, or the file its symlink points at."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def free_backup(target: Path, companions: tuple[str, ...] = ()) -> Path:
    """The first free ``NAME.bak``, ``NAME.bak.2``, … beside ``target``.

    Free means no file by that name, nor by that name plus any of
    ``companions`` (a database's ``-wal`` and ``-shm``).
    """
    number = 1
    backup = target.with_name(target.name + ".bak")
    while any(os.path.lexists(f"{backup}{tail}") for tail in ("", *companions)):
        number += 1
        backup = target.with_name(f"{target.name}.bak.{number}")
    return backup


def fsync_dir(directory: Path) -> None:
    """Make a rename itself durable where the OS allows it (POSIX); best effort."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def fsync_file(path: Path) -> None:
    """Flush a file we wrote through another API (sqlite's backup) to the disk."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sweep(folders: set[Path]) -> None:
    """Remove temp files left by killed writers; call under the lock (no live writer has one).

    Besides ``.progress-*.tmp`` this takes the journal files sqlite may leave
    beside such a temp file (``-journal``, ``-wal``, ``-shm``).
    """
    for folder in folders:
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                name = entry.name
                if not name.startswith(TEMP_PREFIX):
                    continue
                base = name
                for tail in ("-journal", "-wal", "-shm"):
                    base = base.removesuffix(tail)
                if base.endswith(TEMP_SUFFIX):
                    with contextlib.suppress(OSError):
                        if entry.is_file(follow_symlinks=False):
                            os.unlink(entry.path)


# -- the lock: one dltutor at a time creates, imports, moves aside or resets ---------------------

_LOCK_FLAGS = (
    os.O_RDWR
    | os.O_CREAT
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


@contextlib.contextmanager
def locked(directory: Path, path: Path, timeout: float) -> Iterator[None]:
    """Hold ``directory``'s lock file (waiting at most ``timeout`` s); errors name ``path``."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ProgressError(path, os_reason(err)) from None
    lock = directory / LOCK_NAME
    fd = _open_lock(path, lock)
    try:
        _lock(fd, path, lock, timeout)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _open_lock(path: Path, lock: Path) -> int:
    """Open (creating) the lock file; anything but a regular file there is an error, not a hang."""
    try:
        fd = os.open(lock, _LOCK_FLAGS, 0o644)
    except OSError as err:
        raise lock_error(path, "progress.reason.lock", lock=lock, detail=os_reason(err)) from None
    try:
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    except OSError:
        regular = False
    if not regular:
        os.close(fd)
        raise lock_error(path, "progress.reason.lock_special", lock=lock)
    return fd


def lock_error(path: Path, key: str, **values: object) -> ProgressError:
    from tutor.i18n import t

    return ProgressError(path, t(key, "en", **values), key=key, **values)


def _lock(fd: int, path: Path, lock: Path, timeout: float) -> None:
    """Take the exclusive lock, waiting for another process at most ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    delay = 0.001
    while True:
        try:
            try_lock(fd)
            return
        except BlockingIOError:
            pass
        except OSError as err:
            if err.errno not in (errno.EACCES, errno.EAGAIN, errno.EDEADLK):
                raise ProgressError(path, os_reason(err)) from None
        if time.monotonic() >= deadline:
            raise lock_error(path, "progress.reason.busy", lock=lock, seconds=f"{timeout:g}")
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


def try_lock(fd: int) -> None:
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
