"""Whatever is in the database's place (issue 9 §7, issue 11 §4), each hazard in a temporary dir.

Bad files of ours (garbage, truncated, malformed pages, values no dltutor
writes, another program's database) are moved aside with their -wal/-shm and a
warning, and the student starts afresh. Files that are not ours to touch (a
newer dltutor's database, a device, a FIFO, a directory) are never opened by
sqlite, never moved and never modified: reads show nothing saved, writes raise
ProgressError naming the path and the reason. Never a hang, never a crash.
"""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from store_faults import fail_writes

from tutor.progress import ProgressError, ProgressStore
from tutor.store.schema import SCHEMA_VERSION

#: every way the engine writes: verdict, hint, give-up, position, language, resets, history
WRITES: dict[str, Callable[[ProgressStore], object]] = {
    "verdict": lambda s: s.record_answer("1a", "I", judged=True, correct=True, score=0.5),
    "hint": lambda s: s.record_hints("1a", 1),
    "give-up": lambda s: s.record_give_up("1a"),
    "position": lambda s: s.set_position(1, "1a"),
    "language": lambda s: s.set_lang("ru"),
    "reset": lambda s: s.reset(),
    "reset-item": lambda s: s.reset_item("1a"),
    "append": lambda s: s.append_attempt("practice", family_id="6.gain", seed=1, status="correct"),
}


def _listing(directory: Path) -> dict[str, object]:
    """Names and contents (or link targets) and mtimes of a dir, to show that nothing changed."""
    found: dict[str, object] = {}
    for entry in sorted(directory.iterdir()):
        if entry.is_symlink():
            found[entry.name] = "-> " + os.readlink(entry)
        elif entry.is_file():
            found[entry.name] = (entry.read_bytes(), entry.stat().st_mtime_ns)
        else:
            found[entry.name] = "special"
    return found


def _in_thread(call: Callable[[], object], timeout: float = 20) -> object:
    """Run ``call`` and return or raise what it does; fail (rather than hang the suite) if it blocks."""
    outcome: list[tuple[bool, object]] = []

    def run() -> None:
        try:
            outcome.append((True, call()))
        except BaseException as err:  # re-raised below, in the test's thread
            outcome.append((False, err))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout)
    assert not worker.is_alive(), "blocked"
    ok, value = outcome[0]
    if not ok:
        raise value  # type: ignore[misc]
    return value


def _saved_db(directory: Path, attempts: int = 0) -> ProgressStore:
    """A real database with an item and ``attempts`` rows of history, closed cleanly."""
    store = ProgressStore(directory)
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    for i in range(attempts):
        store.append_attempt("practice", family_id="6.gain", seed=i, answer="x" * 200,
                             status="incorrect")
    store.close()
    return store


def _sql(path: Path, query: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(query).fetchall()
        conn.commit()
        return rows
    finally:
        conn.close()


# -- files that are ours: moved aside with a warning ------------------------------------------


def _garbage(path: Path) -> None:
    path.write_bytes(b"\x00\xffgarbage" * 500)


def _text(path: Path) -> None:
    path.write_text('{"schema": 2, "items": {}}', encoding="utf-8")


def _short_header(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00\x10\x00")


def _truncated(path: Path) -> None:
    _saved_db(path.parent, attempts=400)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _malformed_pages(path: Path) -> None:
    """A valid header on page 1, garbage everywhere else: found by the first query, not the checks."""
    _saved_db(path.parent, attempts=50)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page:] = b"\xa5" * (len(data) - page)
    path.write_bytes(bytes(data))


def _bad_values(path: Path) -> None:
    _saved_db(path.parent)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE items SET status = 'exploded'")
    conn.commit()
    conn.close()


def _foreign_app(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()


def _foreign_tables(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.commit()
    conn.close()


BAD_DATABASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "garbage bytes": (_garbage, "corrupt"),
    "a text file": (_text, "corrupt"),
    "a header cut short": (_short_header, "corrupt"),
    "truncated": (_truncated, "corrupt"),
    "malformed pages": (_malformed_pages, "corrupt"),
    "values no dltutor writes": (_bad_values, "corrupt"),
    "another program's (application id)": (_foreign_app, "schema"),
    "another program's (tables, no version)": (_foreign_tables, "schema"),
}


@pytest.mark.parametrize("name", BAD_DATABASES)
def test_a_bad_database_is_moved_aside_with_a_warning(tmp_path: Path, name: str) -> None:
    make, kind = BAD_DATABASES[name]
    path = tmp_path / "progress.db"
    make(path)
    content = path.read_bytes()
    store = ProgressStore(tmp_path)
    assert _in_thread(store.load).items == {}  # type: ignore[union-attr]
    [warning] = store.take_warnings()
    assert warning.kind == kind and not warning.saving_blocked
    assert warning.backup == tmp_path / "progress.db.bak"
    assert (tmp_path / "progress.db.bak").read_bytes() == content
    for lang in ("en", "ru"):
        message = warning.message(lang)
        assert "progress.db.bak" in message and "\n" not in message and len(message) < 500
    assert store.take_warnings() == []
    # a fresh start that saves normally
    store.record_answer("2", "1 - tanh(z)^2", judged=True, correct=True, score=1)
    assert ProgressStore(tmp_path).load().item("2").status == "solved"
    assert _sql(path, "PRAGMA integrity_check") == [("ok",)]


@pytest.mark.parametrize("name", ["garbage bytes", "malformed pages"])
def test_a_bad_database_found_by_a_write_is_moved_aside_too(tmp_path: Path, name: str) -> None:
    BAD_DATABASES[name][0](tmp_path / "progress.db")
    store = ProgressStore(tmp_path)
    store.record_answer("7", "2C", judged=True, correct=True, score=1)
    assert [w.kind for w in store.take_warnings()] == ["corrupt"]
    assert set(store.load().items) == {"7"}
    assert [a.item_id for a in store.attempts()] == ["7"]


def test_a_bad_database_moves_with_its_wal_and_shm(tmp_path: Path) -> None:
    _garbage(tmp_path / "progress.db")
    (tmp_path / "progress.db-wal").write_bytes(b"wal frames")
    (tmp_path / "progress.db-shm").write_bytes(b"shm")
    store = ProgressStore(tmp_path)
    store.load()
    assert (tmp_path / "progress.db.bak-wal").read_bytes() == b"wal frames"
    assert (tmp_path / "progress.db.bak-shm").read_bytes() == b"shm"
    assert not (tmp_path / "progress.db-wal").exists() or (
        (tmp_path / "progress.db-wal").read_bytes() != b"wal frames"
    )


def test_backups_are_numbered_never_overwritten(tmp_path: Path) -> None:
    for n in range(3):
        for leftover in tmp_path.glob("progress.db*"):
            if ".bak" not in leftover.name:
                leftover.unlink()
        (tmp_path / "progress.db").write_bytes(f"broken {n}".encode() * 20)
        ProgressStore(tmp_path).load()
    assert (tmp_path / "progress.db.bak").read_bytes().startswith(b"broken 0")
    assert (tmp_path / "progress.db.bak.2").read_bytes().startswith(b"broken 1")
    assert (tmp_path / "progress.db.bak.3").read_bytes().startswith(b"broken 2")


def test_two_processes_finding_one_bad_file_move_it_aside_once(tmp_path: Path) -> None:
    _garbage(tmp_path / "progress.db")
    code = (
        "import sys\nfrom pathlib import Path\nfrom tutor.progress import ProgressStore\n"
        "s = ProgressStore(Path(sys.argv[1]))\n"
        "s.record_answer(sys.argv[2], 'x', judged=True, correct=True, score=1)\n"
    )
    children = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path), name]) for name in ("A", "B")
    ]
    assert [child.wait(timeout=60) for child in children] == [0, 0]
    assert sorted(p.name for p in tmp_path.glob("progress.db.bak*")) == ["progress.db.bak"]
    assert set(ProgressStore(tmp_path).load().items) == {"A", "B"}


# -- a newer dltutor's database: never moved, never modified ------------------------------------


def _make_newer(directory: Path, *, leave_wal: bool) -> None:
    """A database a newer dltutor wrote: its user_version above ours, maybe still in the WAL."""
    _saved_db(directory)
    code = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode=WAL')\n"
        f"c.execute('PRAGMA user_version = {SCHEMA_VERSION + 5}')\n"
        "c.execute('CREATE TABLE mastery (item TEXT, stars INTEGER)')\n"
        "os._exit(0) if sys.argv[2] == 'wal' else c.close()\n"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(directory / "progress.db"),
         "wal" if leave_wal else "close"],
        check=True, timeout=60,
    )


@pytest.mark.parametrize("leave_wal", [False, True], ids=["checkpointed", "still-in-wal"])
def test_a_newer_database_is_left_untouched_and_refuses_every_write(
    tmp_path: Path, leave_wal: bool
) -> None:
    _make_newer(tmp_path, leave_wal=leave_wal)
    assert (tmp_path / "progress.db-wal").exists() == leave_wal
    before = _listing(tmp_path)
    path = tmp_path / "progress.db"
    store = ProgressStore(tmp_path)
    assert store.load().items == {}  # nothing saved is shown
    [warning] = store.take_warnings()
    assert warning.kind == "newer" and warning.saving_blocked and warning.backup is None
    assert str(path) in warning.message("en") and "too old" in warning.message("en")
    assert str(path) in warning.message("ru") and "слишком старая" in warning.message("ru")
    for name, write in WRITES.items():
        with pytest.raises(ProgressError) as caught:
            write(store)
        assert caught.value.path == path, name
        assert "newer dltutor" in caught.value.message("en"), name
        assert "более новой версией" in caught.value.message("ru"), name
    assert store.attempts() == [] and store.common_mistakes() == []
    after = _listing(tmp_path)
    after.pop("progress.lock", None)
    before.pop("progress.lock", None)
    if leave_wal:  # the read-only look may add an empty -shm/-wal pair; the data files stay
        for name in ("progress.db-shm",):
            after.pop(name, None)
            before.pop(name, None)
    assert after == before


def test_a_database_upgraded_by_a_newer_dltutor_meanwhile_is_not_written(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.set_lang("en")  # the connection is open
    _sql(tmp_path / "progress.db", f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(ProgressError, match="newer dltutor"):
        store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    assert _sql(tmp_path / "progress.db", "SELECT count(*) FROM attempts") == [(0,)]


# -- not a regular file: never opened, never blocks ----------------------------------------------


def _fifo(path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(path)


SPECIALS: dict[str, Callable[[Path], None]] = {
    "symlink to /dev/zero": lambda p: p.symlink_to("/dev/zero"),
    "fifo": _fifo,
    "directory": lambda p: p.mkdir(),
    "symlink to a directory": lambda p: p.symlink_to(p.parent),
}
SPECIAL_WORDS = {
    "symlink to /dev/zero": "device",
    "fifo": "FIFO",
    "directory": "directory",
    "symlink to a directory": "directory",
}


@pytest.mark.parametrize("where", ["progress.db", "progress.db-wal", "progress.db-shm"])
@pytest.mark.parametrize("name", SPECIALS)
def test_a_special_file_is_never_read_and_never_written(
    tmp_path: Path, name: str, where: str
) -> None:
    if name == "symlink to /dev/zero" and not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    if where != "progress.db":
        _saved_db(tmp_path)
    path = tmp_path / where
    SPECIALS[name](path)
    store = ProgressStore(tmp_path)
    assert _in_thread(store.load).items == {}  # type: ignore[union-attr]
    [warning] = store.take_warnings()
    assert warning.kind == "blocked" and warning.saving_blocked
    assert SPECIAL_WORDS[name] in warning.message("en") and str(path) in warning.message("en")
    assert str(path) in warning.message("ru")
    before = _listing(tmp_path)
    for write_name, write in WRITES.items():
        with pytest.raises(ProgressError) as caught:
            _in_thread(lambda w=write: w(store))  # type: ignore[misc]
        assert caught.value.path == path, write_name
        assert SPECIAL_WORDS[name] in caught.value.message("en"), write_name
    after = _listing(tmp_path)
    after.pop("progress.lock", None)
    before.pop("progress.lock", None)
    assert after == before


def test_a_fifo_never_blocks_another_process_either(tmp_path: Path) -> None:
    _fifo(tmp_path / "progress.db")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from tutor.progress import ProgressStore, ProgressError\n"
        "store = ProgressStore(Path(sys.argv[1]))\n"
        "store.load()\n"
        "try:\n"
        "    store.set_lang('en')\n"
        "except ProgressError as err:\n"
        "    print(err.reason)\n"
    )
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path)],
            capture_output=True, text=True, timeout=60, check=False,
        )
        assert result.returncode == 0, result.stderr
        assert "named pipe" in result.stdout


# -- symlinks to regular files: read and written through ----------------------------------------


def test_a_symlinked_database_is_written_through_to_its_target(tmp_path: Path) -> None:
    data, elsewhere = tmp_path / "data", tmp_path / "sync"
    data.mkdir()
    _saved_db(elsewhere)
    target = elsewhere / "mine.db"
    (elsewhere / "progress.db").rename(target)
    (data / "progress.db").symlink_to(target)
    linked = ProgressStore(data)
    assert linked.load().item("1a").status == "solved"
    linked.record_answer("1b", "2x", judged=True, correct=True, score=0.5)
    assert (elsewhere / "mine.db-wal").exists()  # sqlite's companions live beside the target
    linked.close()
    assert (data / "progress.db").is_symlink() and os.readlink(data / "progress.db") == str(target)
    assert sorted(_sql(target, "SELECT item_id FROM items")) == [("1a",), ("1b",)]
    assert sorted(p.name for p in data.iterdir()) == ["progress.db"]  # nothing else here


def test_a_dangling_symlink_is_written_through_creating_its_target(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "progress.db").symlink_to(tmp_path / "elsewhere" / "p.db")
    store = ProgressStore(tmp_path)
    assert store.load().items == {} and store.take_warnings() == []
    store.set_lang("ru")
    assert (tmp_path / "progress.db").is_symlink()
    assert _sql(tmp_path / "elsewhere" / "p.db", "SELECT value FROM meta WHERE key = 'lang'") == [
        ("ru",)
    ]


def test_a_corrupt_file_behind_a_symlink_is_moved_aside_beside_its_target(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    target = tmp_path / "elsewhere" / "p.db"
    _garbage(target)
    (tmp_path / "progress.db").symlink_to(target)
    store = ProgressStore(tmp_path)
    store.set_lang("en")
    assert [w.kind for w in store.take_warnings()] == ["corrupt"]
    assert (tmp_path / "elsewhere" / "p.db.bak").read_bytes().startswith(b"\x00\xffgarbage")
    assert (tmp_path / "progress.db").is_symlink()
    assert ProgressStore(tmp_path).load().lang == "en"


def test_a_symlink_loop_is_an_error_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "progress.db").symlink_to(tmp_path / "loop")
    (tmp_path / "loop").symlink_to(tmp_path / "progress.db")
    store = ProgressStore(tmp_path)
    assert store.load().items == {}
    assert [w.kind for w in store.take_warnings()] == ["blocked"]
    with pytest.raises(ProgressError, match="symbolic links"):
        store.set_lang("en")


# -- stale temp files, the lock file ----------------------------------------------------------


def test_stale_temp_files_are_removed_under_the_lock(tmp_path: Path) -> None:
    stale = [
        tmp_path / ".progress-abc123.tmp",  # the JSON store's, or a reset's copy, killed
        tmp_path / ".progress-abc123.tmp-journal",
        tmp_path / ".progress-zz.tmp",
    ]
    for path in stale:
        path.write_text('{"half": ', encoding="utf-8")
    keep = tmp_path / "notes.tmp"
    keep.write_text("mine", encoding="utf-8")
    store = ProgressStore(tmp_path)
    store.load()
    assert all(path.exists() for path in stale)  # reading takes no lock and removes nothing
    store.set_lang("en")  # creating the database
    assert not any(path.exists() for path in stale)
    assert keep.read_text(encoding="utf-8") == "mine"
    stale[0].write_text("again", encoding="utf-8")
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    assert store.reset() is not None  # a reset sweeps too
    assert not stale[0].exists()


@pytest.mark.parametrize("kind", ["directory", "fifo", "symlink"])
def test_an_unusable_lock_file_is_an_error_naming_it(tmp_path: Path, kind: str) -> None:
    """The lock guards creating, moving aside and resetting; each then fails with its name."""
    lock = tmp_path / "progress.lock"
    if kind == "directory":
        lock.mkdir()
    elif kind == "fifo":
        _fifo(lock)
    else:
        (tmp_path / "real.lock").write_text("", encoding="utf-8")
        lock.symlink_to(tmp_path / "real.lock")
    store = ProgressStore(tmp_path)
    for name, write in WRITES.items():
        if name == "reset":
            continue  # nothing to reset: it needs no lock
        with pytest.raises(ProgressError) as caught:
            _in_thread(lambda w=write: w(store))  # type: ignore[misc]
        assert caught.value.path == tmp_path / "progress.db", name
        assert str(lock) in caught.value.message("en") and str(lock) in caught.value.message("ru")
    assert not (tmp_path / "progress.db").exists()


def test_everyday_writes_need_no_lock_file(tmp_path: Path) -> None:
    """Answers are serialised by sqlite's own lock; a broken lock file stops only structural work."""
    store = _saved_db(tmp_path)
    (tmp_path / "progress.lock").unlink()
    (tmp_path / "progress.lock").mkdir()
    store.record_answer("1b", "2x", judged=True, correct=True, score=0.5)
    with pytest.raises(ProgressError, match=r"progress\.lock"):
        store.reset()
    assert set(store.load().items) == {"1a", "1b"}


# -- a full disk, a read-only dir -------------------------------------------------------------


@pytest.mark.parametrize("name", WRITES)
def test_a_failing_disk_is_an_error_naming_the_path_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    store = _saved_db(tmp_path)
    before = store.load()
    calls = fail_writes(monkeypatch)
    with pytest.raises(ProgressError) as caught:
        WRITES[name](store)
    assert calls, "nothing was tried"
    assert "No space left on device" in caught.value.message("en")
    assert str(tmp_path / "progress.db") in caught.value.message("en")
    monkeypatch.undo()
    assert ProgressStore(tmp_path).load() == before
    assert sorted(p.name for p in tmp_path.glob(".progress-*")) == []


def _tiny_filesystem(where: Path, size: str = "160k") -> Path:
    """A real, small filesystem (tmpfs) where root may mount one; skip elsewhere."""
    if os.geteuid() != 0 or sys.platform != "linux":
        pytest.skip("mounting a tmpfs needs root on Linux")
    where.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                            capture_output=True, check=False)
    if result.returncode:
        pytest.skip("cannot mount a tmpfs here")
    return where


def test_a_really_full_disk_is_an_error_and_loses_nothing_acknowledged(tmp_path: Path) -> None:
    disk = _tiny_filesystem(tmp_path / "disk")
    try:
        store = ProgressStore(disk)
        acknowledged = 0
        with pytest.raises(ProgressError) as caught:
            for i in range(100_000):
                store.append_attempt("practice", family_id="f", seed=i, answer="y" * 500,
                                     status="incorrect")
                acknowledged += 1
        assert str(disk / "progress.db") in caught.value.message("en")
        assert "No space left on device" in caught.value.message("en")
        store.close()
        rows = ProgressStore(disk).attempts()
        assert len(rows) >= acknowledged > 0
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_file_size_limit_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes every write past it fail (EFBIG), like a quota: one clear error."""
    code = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from tutor.progress import ProgressStore, ProgressError\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "store = ProgressStore(Path(sys.argv[1]))\n"
        "store.set_lang('en')\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))\n"
        "n = 0\n"
        "try:\n"
        "    for i in range(100_000):\n"
        "        store.append_attempt('practice', family_id='f', seed=i, answer='y' * 500,"
        " status='incorrect')\n"
        "        n += 1\n"
        "except ProgressError as err:\n"
        "    print(n, err.message('en'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)],
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    count, message = result.stdout.split(" ", 1)
    assert str(tmp_path / "progress.db") in message and message[-1:] == "\n"
    assert len(ProgressStore(tmp_path).attempts()) >= int(count) > 0
    assert resource and signal  # the names the child uses


def test_a_read_only_filesystem_still_reads_and_refuses_writes(tmp_path: Path) -> None:
    if os.geteuid() != 0 or sys.platform != "linux":
        pytest.skip("a read-only bind mount needs root on Linux")
    data = tmp_path / "data"
    _saved_db(data)
    mounted = subprocess.run(["mount", "--bind", str(data), str(data)], check=False).returncode == 0
    if not mounted:
        pytest.skip("cannot bind-mount here")
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(data)], check=False).returncode:
            pytest.skip("cannot remount read-only here")
        store = ProgressStore(data)
        assert store.load().item("1a").status == "solved" and store.take_warnings() == []
        assert [a.item_id for a in store.attempts()] == ["1a"]
        for name, write in WRITES.items():
            if name == "reset-item":
                continue
            with pytest.raises(ProgressError) as caught:
                write(store)
            assert str(data / "progress.db") in caught.value.message("en"), name
            assert "Read-only file system" in caught.value.message("en"), name
    finally:
        subprocess.run(["umount", "-l", str(data)], check=False)
