"""The SQLite file behind the store: found, checked, created, recovered, and used in transactions.

One connection per store (and per process), opened on first use after the
file has been checked without sqlite: anything that is not a regular file
(a directory, FIFO, device, a symlink to one, or such a thing in place of the
``-wal``/``-shm`` files) is never opened; the 100-byte header is read with a
bound, so garbage, a truncated file and a newer dltutor's database are told
apart before sqlite sees them. A newer database (``user_version`` above ours)
is never opened for writing, so not even a checkpoint touches it.

Settings, chosen on purpose:

- ``journal_mode=WAL``: readers never wait for a writer, and a commit is one
  append to the ``-wal`` file.
- ``synchronous=FULL``: every commit fsyncs the WAL, so an acknowledged write
  survives power loss, not only ``kill -9`` (which ``NORMAL`` would already
  survive). It costs one fsync per commit — a median of about 0.3 ms per append
  on the development machine's SSD (``bench/store.py``) against the 5 ms
  budget, and dltutor writes once per student action — so durability wins.
- every change runs in ``BEGIN IMMEDIATE``: the write lock is taken before the
  state is read, so a decision such as "out of attempts" is taken on the
  freshest state and two processes never lose each other's updates.
- ``busy_timeout`` = the store's lock timeout: a process stuck holding the
  lock gives a clear error after it, never a hang.
- ``foreign_keys=ON``: items and attempts point at a real homework attempt.

Structural changes (creating the file, importing ``progress.json``, migrating
the schema, moving a corrupt file aside, writing a reset's backup) happen under
the data dir's lock file as well, so two dltutor processes never race on them.
"""

from __future__ import annotations

import contextlib
import errno
import os
import struct
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar
from urllib.parse import quote

from tutor.store import schema
from tutor.store.files import (
    TEMP_PREFIX,
    TEMP_SUFFIX,
    BadFile,
    Blocked,
    free_backup,
    fsync_dir,
    fsync_file,
    lock_error,
    locked,
    read_bounded,
    regular_or_absent,
    short,
    sweep,
    target_of,
)
from tutor.store.records import ProgressError, StoreWarning, os_reason

if TYPE_CHECKING:
    import sqlite3

T = TypeVar("T")

DB_NAME = "progress.db"
#: the files sqlite keeps beside a database; they move (and are backed up) with it
COMPANIONS = ("-wal", "-shm", "-journal")
_MAGIC = b"SQLite format 3\x00"
_HEADER_BYTES = 100

State = Literal["absent", "init", "ok"]


class Corrupt(BadFile):
    """A bad database file, with the identity (device, inode) of the file found bad."""

    def __init__(
        self,
        kind: Literal["corrupt", "schema"],
        detail: str,
        identity: tuple[int, int] | None,
        *,
        recheck: bool = False,
    ) -> None:
        super().__init__(kind, detail)
        self.identity = identity
        #: found by the checks without a lock: look again under it (a creation may be under way)
        self.recheck = recheck


class Database:
    """The data dir's ``progress.db``, opened lazily; every use goes through :meth:`run`.

    ``prepare`` initialises a brand-new database inside its creating
    transaction (the store imports ``progress.json`` there); ``warn`` hears
    about files moved aside. Thread-safe: one lock serialises the connection.
    """

    def __init__(
        self,
        directory: Path,
        *,
        warn: Callable[[StoreWarning], None],
        prepare: Callable[[sqlite3.Connection, bool], None],
        before_create: Callable[[], object],
        timeout: Callable[[], float],
    ) -> None:
        self.directory = directory
        self.path = directory / DB_NAME
        self.mutex = threading.RLock()
        self._warn = warn
        self._prepare = prepare
        self._before_create = before_create
        self._timeout = timeout
        self._conn: sqlite3.Connection | None = None
        self._key: tuple[int, int, int] | None = None  # (pid, device, inode) of the open file

    # -- using it ------------------------------------------------------------------

    def run(
        self,
        body: Callable[[sqlite3.Connection], T],
        *,
        write: bool,
        create: bool,
    ) -> T | None:
        """``body`` in one transaction (``BEGIN IMMEDIATE`` when ``write``); its result.

        None when there is no database and ``create`` is false. A corrupt
        file (found by the checks, by sqlite, or by ``body`` raising BadFile)
        is moved aside once, with a warning, and ``body`` runs on a fresh one.
        Raises Blocked (not ours to touch) or ProgressError (path and reason).
        """
        with self.mutex:
            recovered = False
            while True:
                try:
                    conn = self._connection(create)
                    if conn is None:
                        return None
                    return self._transaction(conn, body, write)
                except Corrupt as bad:
                    self._drop()
                    if recovered:
                        raise ProgressError(self.path, bad.detail) from None
                    self._recover(bad)
                except BadFile as bad:  # body found values no dltutor writes
                    identity = self._key[1:] if self._key else None
                    self._drop()
                    if recovered:
                        raise ProgressError(self.path, bad.detail) from None
                    self._recover(Corrupt(bad.kind, bad.detail, identity))
                except _sqlite_error() as err:
                    kind = classify(err)
                    if kind == "io" and not write and os.path.exists(self.path):
                        self._drop()
                        return self._read_only(body)  # e.g. a read-only data dir
                    if kind != "corrupt" or recovered:
                        if kind == "corrupt":
                            self._drop()
                        raise self.error(err) from None
                    identity = self._key[1:] if self._key else None
                    self._drop()
                    self._recover(Corrupt("corrupt", short(err), identity))
                recovered = True

    def _read_only(self, body: Callable[[sqlite3.Connection], T]) -> T:
        """``body`` on a connection that writes nothing, not even the ``-shm`` file.

        For reading where the WAL's shared-memory file cannot be created (a
        read-only data dir): nothing can write there either, so the file is
        read as immutable. Raises what opening it normally raised, if this fails too.
        """
        import sqlite3

        uri = f"file:{quote(str(target_of(self.path)))}?mode=ro&immutable=1"
        try:
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as err:
            raise self.error(err) from None
        try:
            conn.text_factory = _text
            return self._transaction(conn, body, False)
        except sqlite3.Error as err:
            raise self.error(err) from None
        finally:
            conn.close()

    def backup(self, start_next: Callable[[sqlite3.Connection], bool]) -> Path | None:
        """Copy the database to a numbered ``.bak`` (sqlite's backup API), then ``start_next``.

        Holding the write lock on a second connection, so nothing is written
        between the copy and ``start_next`` (run in that transaction; it
        returns False when there is nothing to reset: no backup is kept).
        """
        with self.mutex:
            import sqlite3

            try:
                conn = self._connection(create=False)
                if conn is None:
                    return None
                with locked(self.directory, self.path, self._timeout()):
                    target = target_of(self.path)
                    sweep({self.directory, target.parent})
                    holder = self._connect()
                    try:
                        holder.execute("BEGIN IMMEDIATE")
                        self._check_version(holder)
                        if not start_next(holder):
                            holder.execute("ROLLBACK")
                            return None
                        backup = self._copy(conn, target)
                        holder.execute("COMMIT")
                        return backup
                    finally:
                        if holder.in_transaction:
                            with contextlib.suppress(sqlite3.Error):
                                holder.execute("ROLLBACK")
                        holder.close()
            except sqlite3.Error as err:
                raise self.error(err) from None
            except OSError as err:
                raise ProgressError(self.path, os_reason(err)) from None

    def close(self) -> None:
        with self.mutex:
            if self._conn is not None and self._key and self._key[0] == os.getpid():
                with contextlib.suppress(Exception):
                    self._conn.close()
            self._conn, self._key = None, None

    def error(self, err: Exception) -> ProgressError:
        """The ProgressError for a sqlite error: the path and a reason a person can act on."""
        kind = classify(err)
        if kind == "busy":
            return lock_error(
                self.path, "progress.reason.busy", lock=self.path, seconds=f"{self._timeout():g}"
            )
        if kind == "full":
            return ProgressError(self.path, os.strerror(errno.ENOSPC))
        if kind == "io":
            reason = _directory_problem(target_of(self.path).parent)
            if reason:
                return ProgressError(self.path, reason)
        return ProgressError(self.path, short(err))

    # -- transactions --------------------------------------------------------------

    def _transaction(
        self, conn: sqlite3.Connection, body: Callable[[sqlite3.Connection], T], write: bool
    ) -> T:
        import sqlite3

        conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            self._check_version(conn)
            result = body(conn)
            conn.execute("COMMIT")
            return result
        finally:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")

    def _check_version(self, conn: sqlite3.Connection) -> None:
        """A newer dltutor may have migrated the file since we opened it: then touch nothing."""
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > schema.SCHEMA_VERSION:
            raise _newer(version)
        if version < schema.SCHEMA_VERSION:  # replaced by an empty or older file under us
            identity = self._key[1:] if self._key else None
            raise Corrupt("schema", f"schema {version}, this dltutor reads "
                          f"{schema.SCHEMA_VERSION}", identity)

    # -- finding and opening the file ------------------------------------------------

    def _connection(self, create: bool) -> sqlite3.Connection | None:
        if self._conn is not None:
            if self._still_ours():
                return self._conn
            self._drop()
        state = self._probe()
        if state == "absent" and not create:
            return None
        if state != "ok":
            self._create()
        conn = self._connect()
        try:
            info = os.stat(self.path)
        except OSError as err:
            conn.close()
            raise ProgressError(self.path, os_reason(err)) from None
        self._conn, self._key = conn, (os.getpid(), info.st_dev, info.st_ino)
        return conn

    def _still_ours(self) -> bool:
        """Same process, and the name still leads to the file we opened (not moved aside)."""
        try:
            info = os.stat(self.path)
        except OSError:
            return False
        return self._key == (os.getpid(), info.st_dev, info.st_ino)

    def _drop(self) -> None:
        self.close()

    def _probe(self) -> State:
        """What is at the path, judged without sqlite where possible; raises Blocked or Corrupt."""
        info = regular_or_absent(self.path)
        if info is None:
            return "absent"
        target = target_of(self.path)
        identity = (info.st_dev, info.st_ino)
        wal_size = 0
        for tail in COMPANIONS:
            side = Path(f"{target}{tail}")
            try:
                side_info = regular_or_absent(side)
            except Blocked as blocked:
                blocked.path = side
                raise
            if tail == "-wal" and side_info is not None:
                wal_size = side_info.st_size
        head = read_bounded(self.path, _HEADER_BYTES, whole=False)
        if head is None:
            return "absent"
        if not head:
            return "init"  # sqlite's empty database: a creation that never got further
        if len(head) < _HEADER_BYTES or not head.startswith(_MAGIC):
            raise Corrupt("corrupt", "not a SQLite database", identity, recheck=True)
        if wal_size:  # committed changes may wait in the WAL: ask sqlite, read-only
            version, app = self._probe_readonly(target, identity)
        else:  # the header is the whole truth
            (version,) = struct.unpack(">I", head[60:64])
            (app,) = struct.unpack(">I", head[68:72])
            (page_size,) = struct.unpack(">H", head[16:18])
            page_size = 65536 if page_size == 1 else page_size
            (pages,) = struct.unpack(">I", head[28:32])
            if head[24:28] == head[92:96] and info.st_size < pages * page_size:
                raise Corrupt(
                    "corrupt",
                    f"truncated: {info.st_size} of {pages * page_size} bytes",
                    identity,
                    recheck=True,
                )
        if app not in (0, schema.APPLICATION_ID):
            raise Corrupt("schema", f"another program's SQLite database (id {app:#x})", identity)
        if version > schema.SCHEMA_VERSION:
            raise _newer(version)
        return "ok" if version == schema.SCHEMA_VERSION else "init"

    def _probe_readonly(self, target: Path, identity: tuple[int, int]) -> tuple[int, int]:
        import sqlite3

        uri = f"file:{quote(str(target))}?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=self._timeout(), isolation_level=None)
        except sqlite3.Error:
            return schema.SCHEMA_VERSION, 0  # cannot tell: the writable connection will
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            app = int(conn.execute("PRAGMA application_id").fetchone()[0])
            return version, app
        except sqlite3.DatabaseError as err:
            if classify(err) == "corrupt":
                raise Corrupt("corrupt", short(err), identity) from None
            return schema.SCHEMA_VERSION, 0
        finally:
            conn.close()

    def _connect(self, *, wal: bool = True) -> sqlite3.Connection:
        """A writable connection with the store's settings (see the module docstring).

        ``wal=False`` leaves the journal mode alone: a file not yet known to be
        ours is not changed before it is recognised.
        """
        import sqlite3

        conn = sqlite3.connect(
            str(self.path),
            timeout=self._timeout(),
            isolation_level=None,
            check_same_thread=False,
        )
        try:
            conn.text_factory = _text
            if wal and conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
        except BaseException:
            conn.close()
            raise
        return conn

    # -- creating, migrating, recovering (under the lock file) ---------------------------

    def _create(self, *, fresh: bool = False) -> None:
        """Create or migrate the database under the lock; a new one is ``prepare``d in it.

        ``fresh``: after a corrupt file was moved aside (nothing is imported).
        """
        with locked(self.directory, self.path, self._timeout()):
            try:
                state = self._probe()
            except Corrupt as bad:
                self._move_aside(bad)
                state, fresh = "absent", True
            if state == "ok":
                return
            target = target_of(self.path)
            sweep({self.directory, target.parent})
            if state == "absent" and not fresh:
                self._before_create()  # may refuse (a progress.json not ours to import)
            if state == "absent":
                _make_file(target, self.path)
            try:
                self._initialise(fresh, ours=state == "absent")
            except schema.NotOurs as err:
                self._move_aside(Corrupt("schema", str(err), None))
                _make_file(target, self.path)
                self._initialise(True, ours=True)

    def _initialise(self, fresh: bool, *, ours: bool) -> None:
        """Migrate (a new file: create) the database; ``ours``: we just made the file.

        Our own new file goes to WAL before its first transaction, so the
        creation never rewrites the main file where another process may be
        reading its header; a file found here is recognised before any change.
        """
        import sqlite3

        conn = self._connect(wal=ours)
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                started = schema.migrate(conn)
                if started == 0:
                    self._prepare(conn, fresh)
                conn.execute("COMMIT")
            except schema.NewerSchema as err:
                raise _newer(err.version) from None
            finally:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
            conn.execute("PRAGMA journal_mode=WAL")  # ours now: WAL from here on
        except sqlite3.DatabaseError as err:
            if classify(err) == "corrupt":
                raise Corrupt("corrupt", short(err), None) from None
            raise self.error(err) from None
        finally:
            conn.close()

    def _recover(self, bad: Corrupt) -> None:
        """Move the bad file aside (unless another process already has) and start afresh."""
        with locked(self.directory, self.path, self._timeout()):
            try:
                info = os.stat(self.path)
            except OSError:
                info = None
            same = info is not None and (
                bad.identity is None or (info.st_dev, info.st_ino) == bad.identity
            )
            if same and bad.recheck:
                try:
                    self._probe()
                except Corrupt as again:
                    bad = again
                else:
                    same = False  # it was being written: it reads well now
            if same:
                self._move_aside(bad)
        self._create(fresh=True)

    def _move_aside(self, bad: BadFile) -> None:
        """Rename the file (a symlink's target) and its -wal/-shm to the first free backup."""
        target = target_of(self.path)
        backup = free_backup(target, COMPANIONS)
        try:
            os.replace(target, backup)
            for tail in COMPANIONS:
                if os.path.lexists(f"{target}{tail}"):
                    os.replace(f"{target}{tail}", f"{backup}{tail}")
        except OSError as err:
            raise ProgressError(self.path, os_reason(err)) from None
        fsync_dir(target.parent)
        self._warn(StoreWarning(bad.kind, self.path, backup, bad.detail))

    def _copy(self, conn: sqlite3.Connection, target: Path) -> Path:
        """A consistent copy of the database as a standalone file beside it, written atomically."""
        import sqlite3

        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=target.parent)
        os.close(fd)
        try:
            copy = sqlite3.connect(name, isolation_level=None)
            try:
                conn.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")  # readable alone, without -wal/-shm
            finally:
                copy.close()
            fsync_file(Path(name))
            backup = free_backup(target, COMPANIONS)
            os.replace(name, backup)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise
        fsync_dir(target.parent)
        return backup


def _sqlite_error() -> type[Exception]:
    import sqlite3

    return sqlite3.DatabaseError


def classify(err: Exception) -> str:
    """``busy``, ``corrupt``, ``full``, ``io`` or ``other`` for a sqlite error."""
    name = str(getattr(err, "sqlite_errorname", "") or "")
    text = str(err).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in text:
        return "busy"
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or (
        "malformed" in text or "not a database" in text
    ):
        return "corrupt"
    if name == "SQLITE_FULL" or "disk is full" in text:
        return "full"
    if name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_PERM")) or (
        "readonly" in text or "unable to open" in text or "disk i/o" in text
    ):
        return "io"
    return "other"


def _newer(version: int) -> Blocked:
    return Blocked(
        "newer", "", "progress.reason.newer", schema=version, known=schema.SCHEMA_VERSION
    )


def _make_file(target: Path, path: Path) -> None:
    """Create the database file ourselves, so a failure carries the OS's own reason."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        os.close(fd)
    except OSError as err:
        raise ProgressError(path, os_reason(err)) from None
    fsync_dir(target.parent)


def _directory_problem(folder: Path) -> str | None:
    """Why files cannot be written in ``folder`` (read-only, full, missing), if that is why."""
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX) as probe:
            probe.write(b"x")
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as err:
        return os_reason(err)
    return None


def _text(data: bytes) -> str:
    """TEXT read back from the file: never fails, even on bytes no dltutor wrote."""
    return data.decode("utf-8", "replace")
