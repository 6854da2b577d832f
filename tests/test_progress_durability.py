"""The store's guarantees, asserted deterministically rather than by chance overlap.

- A writer waits for another process's lock (a handshake through pipes decides who holds it).
- Every write path writes a temp file, fsyncs it and os.replaces it onto the target, all
  under the lock (recorded call by call: removing the fsync or the lock fails here).
- A process hammering writes and killed with SIGKILL always leaves a valid file holding
  every write it acknowledged.
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

HOLD_THE_LOCK = """
import sys
from pathlib import Path
from tutor.progress import ItemProgress, ProgressStore

store = ProgressStore(Path(sys.argv[1]))
with store._locked():
    snapshot = store._read_locked()
    print("locked", flush=True)
    sys.stdin.readline()  # hold the lock until the test says go
    snapshot.items["child"] = ItemProgress(status="solved", attempts=1, score=1.0)
    store._write(snapshot)
print("released", flush=True)
"""


def _holder(directory: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(directory)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline() == "locked\n"
    return child


def test_a_writer_waits_for_the_lock_held_by_another_process(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.set_lang("en")
    child = _holder(tmp_path)
    try:
        writer = threading.Thread(
            target=store.record_answer,
            args=("parent", "x"),
            kwargs={"judged": True, "correct": True, "score": 1},
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
    # the parent read the file only after the child had written it: nobody's change is lost
    items = ProgressStore(tmp_path).load().items
    assert set(items) == {"child", "parent"}


def test_a_lock_held_too_long_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress_module, "LOCK_TIMEOUT", 0.2)
    child = _holder(tmp_path)
    try:
        with pytest.raises(ProgressError) as caught:
            ProgressStore(tmp_path).set_lang("ru")
        message = caught.value.message("en")
        assert "held the lock" in message and str(tmp_path / "progress.lock") in message
        assert "progress.lock" in caught.value.message("ru")
    finally:
        child.kill()
        child.wait(timeout=30)


# -- every write path: temp file, fsync, replace, under the lock ----------------------------------

WRITES: dict[str, Callable[[ProgressStore], object]] = {
    "verdict": lambda s: s.record_answer("1b", "2x", judged=True, correct=False, score=0.5),
    "hint": lambda s: s.record_hints("1b", 1),
    "give-up": lambda s: s.record_give_up("1b"),
    "position": lambda s: s.set_position(1, "1b"),
    "language": lambda s: s.set_lang("ru"),
    "reset-item": lambda s: s.reset_item("1a"),
    "reset": lambda s: s.reset(),
}


class CallLog:
    """Records the store's system calls in order, passing them through."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[tuple[str, object, object]] = []
        self.fds: dict[int, str] = {}
        real_mkstemp = progress_module.tempfile.mkstemp
        real = {name: getattr(progress_module.os, name) for name in ("write", "fsync", "replace", "close")}
        real_try_lock, real_unlock = progress_module._try_lock, progress_module._unlock

        def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
            fd, name = real_mkstemp(*args, **kwargs)  # type: ignore[call-overload]
            self.fds[fd] = name
            self.events.append(("mkstemp", name, None))
            return fd, name

        def write(fd: int, data: object) -> int:
            self.events.append(("write", self.fds.get(fd, fd), None))
            return real["write"](fd, data)

        def fsync(fd: int) -> None:
            self.events.append(("fsync", self.fds.get(fd, fd), None))
            real["fsync"](fd)

        def replace(src: object, dst: object) -> None:
            self.events.append(("replace", str(src), str(dst)))
            real["replace"](src, dst)

        def close(fd: int) -> None:
            self.events.append(("close", self.fds.pop(fd, fd), None))
            real["close"](fd)

        def try_lock(fd: int) -> None:
            real_try_lock(fd)
            self.events.append(("lock", fd, None))

        def unlock(fd: int) -> None:
            self.events.append(("unlock", fd, None))
            real_unlock(fd)

        monkeypatch.setattr(progress_module.tempfile, "mkstemp", mkstemp)
        for name, fake in (("write", write), ("fsync", fsync), ("replace", replace), ("close", close)):
            monkeypatch.setattr(progress_module.os, name, fake)
        monkeypatch.setattr(progress_module, "_try_lock", try_lock)
        monkeypatch.setattr(progress_module, "_unlock", unlock)

    def index(self, kind: str, subject: object) -> list[int]:
        return [i for i, (k, s, _) in enumerate(self.events) if k == kind and s == subject]


def _check_atomic_writes(log: CallLog, targets: set[str]) -> None:
    """Each replace onto a target moves a temp file that was written, fsynced and closed, under the lock."""
    replaces = [(i, src, dst) for i, (k, src, dst) in enumerate(log.events) if k == "replace"]
    assert replaces, "nothing was written"
    assert {dst for _, _, dst in replaces} <= targets | {None}
    locks = [i for i, (k, _, _) in enumerate(log.events) if k == "lock"]
    unlocks = [i for i, (k, _, _) in enumerate(log.events) if k == "unlock"]
    assert len(locks) == 1 and len(unlocks) == 1, log.events
    for i, src, dst in replaces:
        assert dst in targets
        created = log.index("mkstemp", src)
        writes = log.index("write", src)
        fsyncs = log.index("fsync", src)
        closes = log.index("close", src)
        assert created and writes and fsyncs and closes, (src, log.events)
        assert Path(str(src)).parent == Path(str(dst)).parent  # same filesystem: rename is atomic
        assert Path(str(src)).name.startswith(".progress-")
        assert locks[0] < created[0] < max(writes) < fsyncs[-1] < closes[-1] < i < unlocks[0]


@pytest.mark.parametrize("name", WRITES)
def test_every_write_path_is_an_fsynced_temp_file_replaced_under_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    store = ProgressStore(tmp_path)
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    log = CallLog(monkeypatch)
    WRITES[name](store)
    targets = {str(tmp_path / "progress.json")}
    if name == "reset":
        targets.add(str(tmp_path / "progress.json.bak"))
    _check_atomic_writes(log, targets)
    monkeypatch.undo()
    assert not list(tmp_path.glob(".progress-*.tmp"))


def test_the_very_first_write_is_atomic_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = CallLog(monkeypatch)
    ProgressStore(tmp_path / "new").set_lang("en")
    _check_atomic_writes(log, {str(tmp_path / "new" / "progress.json")})


def test_moving_a_bad_file_aside_happens_under_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "progress.json").write_text("{broken", encoding="utf-8")
    log = CallLog(monkeypatch)
    ProgressStore(tmp_path).load()
    events = [e for e in log.events if e[0] in ("lock", "replace", "unlock")]
    assert [k for k, _, _ in events] == ["lock", "replace", "unlock"]
    assert events[1][1:] == (str(tmp_path / "progress.json"), str(tmp_path / "progress.json.bak"))


# -- kill -9 while writing ---------------------------------------------------------------------

HAMMER = """
import sys
from pathlib import Path
from tutor.progress import ProgressStore

store = ProgressStore(Path(sys.argv[1]))
padding = "x" * 1000  # a bigger file: a kill is likelier to land mid-write
for i in range(100000):
    store.record_answer(f"item{i}", padding, judged=True, correct=True, score=1)
    print(i, flush=True)
"""


def test_kill_9_while_writing_always_leaves_a_valid_file(tmp_path: Path) -> None:
    rng = random.Random(20240601)
    acknowledged = -1
    for _trial in range(8):
        child = subprocess.Popen(
            [sys.executable, "-c", HAMMER, str(tmp_path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        assert child.stdout.readline()  # it is writing
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL
        store = ProgressStore(tmp_path)
        progress = store.load()
        assert store.take_warnings() == [], "the file was not valid after kill -9"
        lines = out.split()
        if lines:
            acknowledged = max(acknowledged, int(lines[-1]))
        # every acknowledged write is in the file
        assert all(f"item{i}" in progress.items for i in range(acknowledged + 1))
        if len(progress.items) > 150:  # keep each trial's file small enough to write quickly
            store.reset()
            acknowledged = -1
    # whatever temp files the kills left are swept by the next writer
    ProgressStore(tmp_path).set_lang("en")
    assert not list(tmp_path.glob(".progress-*.tmp"))
