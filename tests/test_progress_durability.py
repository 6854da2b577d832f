"""The store's guarantees, asserted deterministically rather than by chance overlap.

- A writer waits for another process's write lock, then decides on the state that process
  committed (a handshake through pipes decides who holds it): without BEGIN IMMEDIATE the
  second writer would decide on a stale read, or fail.
- A lock held too long is a clear error after the bound, never a hang.
- The connection's durability settings (WAL, synchronous=FULL, foreign keys, busy timeout)
  are what the module docstring says; removing one fails here.
- Every write is one BEGIN IMMEDIATE … COMMIT, its history row inside it.
- Processes hammering writes and killed with SIGKILL never lose an acknowledged write;
  8 concurrent writers lose nothing.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tutor import progress as progress_module
from tutor.progress import ProgressError, ProgressStore

#: a child that holds the write lock inside update() until told to go, then changes ``item``
HOLD_THE_LOCK = """
import sys
from pathlib import Path
from tutor.progress import ProgressStore

store = ProgressStore(Path(sys.argv[1]))
item = sys.argv[2]

def change(progress):
    print("locked", flush=True)
    sys.stdin.readline()  # hold the lock until the test says go
    for answer in ("wrong 1", "wrong 2"):
        progress._entry(item).apply_answer(answer, judged=True, correct=False, score=2)

store.update(change)
print("released", flush=True)
"""


def _holder(directory: Path, item: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(directory), item],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline() == "locked\n"
    return child


def test_a_writer_waits_for_the_lock_and_decides_on_the_fresh_state(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.set_lang("en")
    child = _holder(tmp_path, "3.1")
    try:
        writer = threading.Thread(
            target=store.record_answer,
            args=("3.1", "wrong 3"),
            kwargs={"judged": True, "correct": False, "score": 2},
        )
        writer.start()
        writer.join(0.5)
        assert writer.is_alive(), "the write did not wait for the other process's lock"
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
        writer.join(30)
        assert not writer.is_alive()
        assert child.stdout is not None and child.stdout.readline() == "released\n"
    finally:
        child.kill()
        child.wait(timeout=30)
    # our answer was the third on the item: read after the child's two, it closed the item
    item = ProgressStore(tmp_path).load().item("3.1")
    assert (item.status, item.attempts, item.last_answer) == ("failed", 3, "wrong 3")
    assert [a.answer for a in store.attempts(item_id="3.1")] == ["wrong 3"]


def test_a_lock_held_too_long_is_a_clear_error_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ProgressStore(tmp_path).set_lang("en")
    monkeypatch.setattr(progress_module, "LOCK_TIMEOUT", 0.2)
    child = _holder(tmp_path, "1a")
    try:
        store = ProgressStore(tmp_path)
        assert store.load().lang == "en"  # readers never wait for a writer
        outcome: list[BaseException] = []

        def write() -> None:
            try:
                store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
            except BaseException as err:
                outcome.append(err)

        worker = threading.Thread(target=write, daemon=True)
        worker.start()
        worker.join(30)
        assert not worker.is_alive(), "the write hung on a held lock"
        [error] = outcome
        assert isinstance(error, ProgressError)
        message = error.message("en")
        assert "held the lock" in message and str(tmp_path / "progress.db") in message
        assert "progress.db" in error.message("ru")
    finally:
        child.kill()
        child.wait(timeout=30)


# -- the settings behind the guarantees ------------------------------------------------------


def test_the_connection_has_the_documented_durability_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress_module, "LOCK_TIMEOUT", 7.5)
    store = ProgressStore(tmp_path)
    store.set_lang("en")
    conn = store._database()._conn
    assert conn is not None
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL: fsync at every commit
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 7500
    store.close()
    # WAL is a property of the file: a fresh connection of anyone else's finds it
    import sqlite3

    other = sqlite3.connect(tmp_path / "progress.db")
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    other.close()


WRITES: dict[str, tuple[Callable[[ProgressStore], object], bool]] = {
    "verdict": (lambda s: s.record_answer("1b", "2x", judged=True, correct=False, score=0.5), True),
    "hint": (lambda s: s.record_hints("1b", 1), True),
    "give-up": (lambda s: s.record_give_up("1b"), True),
    "append": (lambda s: s.append_attempt("review", family_id="2.sigmoid", seed=7,
                                          status="correct"), True),
    "position": (lambda s: s.set_position(1, "1b"), False),
    "language": (lambda s: s.set_lang("ru"), False),
    "reset-item": (lambda s: s.reset_item("1a"), False),
}


@pytest.mark.parametrize("name", WRITES)
def test_every_write_is_one_immediate_transaction_with_its_history_row(
    tmp_path: Path, name: str
) -> None:
    store = ProgressStore(tmp_path)
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    conn = store._database()._conn
    assert conn is not None
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    write, appends = WRITES[name]
    write(store)
    conn.set_trace_callback(None)
    words = [s.split()[0].upper() for s in statements]
    assert words[0] == "BEGIN" and statements[0] == "BEGIN IMMEDIATE", statements
    assert words[-1] == "COMMIT" and words.count("BEGIN") == 1 and words.count("COMMIT") == 1
    inserts = [s for s in statements if s.startswith("INSERT INTO attempts")]
    assert len(inserts) == (1 if appends else 0), statements


def test_reset_copies_and_starts_the_next_attempt_under_one_write_lock(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    statements: list[str] = []
    real_connect = store._database()._connect

    def traced(**kwargs: object) -> object:
        conn = real_connect(**kwargs)  # type: ignore[arg-type]
        conn.set_trace_callback(statements.append)
        return conn

    store._database()._connect = traced  # type: ignore[method-assign]
    store.reset()
    assert statements[0] == "BEGIN IMMEDIATE" and statements[-1] == "COMMIT", statements
    assert any(s.startswith("INSERT INTO homework") for s in statements)


# -- kill -9 while writing ---------------------------------------------------------------------

HAMMER = """
import sys
from pathlib import Path
from tutor.progress import ProgressStore

store = ProgressStore(Path(sys.argv[1]))
trial = sys.argv[2]
padding = "x" * 400
for i in range(1_000_000):
    if i % 5 == 0:
        store.record_answer(f"{trial}.{i}", padding, judged=True, correct=True, score=1)
    else:
        store.append_attempt("practice", family_id=trial, seed=i, answer=padding, status="correct")
    print(i, flush=True)
"""


def test_kill_9_while_writing_never_loses_an_acknowledged_write(tmp_path: Path) -> None:
    rng = random.Random(20240601)
    trials = 12
    for trial in range(trials):
        child = subprocess.Popen(
            [sys.executable, "-c", HAMMER, str(tmp_path), f"t{trial}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline()  # it is writing
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        acknowledged = [int(line) for line in out.split()]
        last = acknowledged[-1] if acknowledged else 0  # the first line was read above
        store = ProgressStore(tmp_path)
        progress = store.load()
        assert store.take_warnings() == [], "the database was not valid after kill -9"
        seeds = {a.seed for a in store.attempts(family_id=f"t{trial}")}
        for i in range(last + 1):
            if i % 5 == 0:
                assert f"t{trial}.{i}" in progress.items, (trial, i)
            else:
                assert i in seeds, (trial, i)
        store.close()
    import sqlite3

    check = sqlite3.connect(tmp_path / "progress.db")
    assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    check.close()


# -- many writers at once ------------------------------------------------------------------------

WRITER = """
import sys
from pathlib import Path
from tutor.progress import ProgressStore

store = ProgressStore(Path(sys.argv[1]))
name = sys.argv[2]
for i in range(40):
    store.append_attempt("practice", family_id=name, seed=i, status="correct")
    if i % 4 == 0:
        store.record_answer(f"{name}.{i}", "a", judged=True, correct=True, score=1)
    if i % 8 == 0:
        store.record_answer("shared", f"{name} wrong {i}", judged=True, correct=False, score=1)
"""


def test_eight_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    ProgressStore(tmp_path).set_lang("en")  # created once, so the writers only write
    names = [f"w{n}" for n in range(8)]
    children = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), name]) for name in names
    ]
    assert [child.wait(timeout=240) for child in children] == [0] * 8
    store = ProgressStore(tmp_path)
    progress = store.load()
    for name in names:
        assert {a.seed for a in store.attempts(family_id=name)} == set(range(40))
        assert all(progress.item(f"{name}.{i}").status == "solved" for i in range(0, 40, 4))
    shared = progress.item("shared")
    assert (shared.status, shared.attempts, shared.practice_attempts) == ("failed", 3, 8 * 5 - 3)
    assert len(store.attempts(item_id="shared")) == 40
    assert len(store.attempts()) == 8 * (40 + 10 + 5)


FIRST_RUN = """
import sys
from pathlib import Path
from tutor.progress import ProgressStore

store = ProgressStore(Path(sys.argv[1]))
for i in range(5):
    store.append_attempt("practice", family_id=sys.argv[2], seed=i, status="correct")
print(len(store.take_warnings()))
"""


def test_processes_creating_the_database_together_never_take_it_for_corrupt(
    tmp_path: Path,
) -> None:
    """Who creates it is decided under the lock; the others wait and use it, warning of nothing."""
    for trial in range(3):
        home = tmp_path / f"t{trial}"
        children = [
            subprocess.Popen([sys.executable, "-c", FIRST_RUN, str(home), f"p{n}"],
                             stdout=subprocess.PIPE, text=True)
            for n in range(6)
        ]
        outputs = [child.communicate(timeout=120)[0] for child in children]
        assert [child.returncode for child in children] == [0] * 6
        assert [out.strip() for out in outputs] == ["0"] * 6
        assert not list(home.glob("progress.db.bak*"))
        assert len(ProgressStore(home).attempts()) == 30
