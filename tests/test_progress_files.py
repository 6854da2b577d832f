"""Whatever is in the progress file's place (issue 9 §7), each hazard in a temporary dir.

Bad files of ours are moved aside with a warning; files that are not ours to
touch (a newer schema, a device, a FIFO, a directory) are never read past their
metadata, never moved and never modified: reads show nothing saved, writes raise
ProgressError naming the path and the reason.
"""

from __future__ import annotations

import errno
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tutor import progress as progress_module
from tutor.progress import MAX_BYTES, ProgressError, ProgressStore

#: every way the engine writes: verdict, hint, give-up, position, language, reset, item reset
WRITES: dict[str, Callable[[ProgressStore], object]] = {
    "verdict": lambda s: s.record_answer("1a", "I", judged=True, correct=True, score=0.5),
    "hint": lambda s: s.record_hints("1a", 1),
    "give-up": lambda s: s.record_give_up("1a"),
    "position": lambda s: s.set_position(1, "1a"),
    "language": lambda s: s.set_lang("ru"),
    "reset": lambda s: s.reset(),
    "reset-item": lambda s: s.reset_item("1a"),
}


def _listing(directory: Path) -> dict[str, bytes | str]:
    """Names and contents (or link targets) of a dir, to show that nothing changed."""
    found: dict[str, bytes | str] = {}
    for entry in sorted(directory.iterdir()):
        if entry.is_symlink():
            found[entry.name] = "-> " + os.readlink(entry)
        elif entry.is_file():
            found[entry.name] = entry.read_bytes()
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


# -- files that are ours: moved aside with a warning ------------------------------------------


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"{ this is not json", "corrupt"),
        (b"\xff\xfe\x00garbage", "corrupt"),
        (b'{"schema": 2, "items": {"1a": {"last_answer": "\xc3\x28"}}}', "corrupt"),
        (b"[1, 2, 3]", "corrupt"),
        (b'{"schema": 2, "items": {"1a": {"status": "exploded"}}}', "corrupt"),
        (b'{"schema": 2, "items": {"1a": {"attempts": -3}}}', "corrupt"),
        (b'{"schema": 2, "items": {"1a": {"attempts": ' + b"7" * 5000 + b"}}}", "corrupt"),
        (b'{"schema": 2, "items": {"1a": {"score": NaN}}}', "corrupt"),
        (b'{"schema": 2, "items": {"1a": {"score": 1e999}}}', "corrupt"),
        (b'{"schema": 2, "items": {"1a": {"solved_later": "yes"}}}', "corrupt"),
        (b'{"schema": 2, "attempt": 0}', "corrupt"),
        (b"[" * 100_000 + b"]" * 100_000, "corrupt"),
        (b'{"schema": "2", "items": {}}', "schema"),
        (b'{"schema": 0, "items": {}}', "schema"),
        (b'{"items": {}}', "schema"),
    ],
)
def test_bad_file_is_moved_aside_with_a_warning(tmp_path: Path, content: bytes, kind: str) -> None:
    (tmp_path / "progress.json").write_bytes(content)
    store = ProgressStore(tmp_path)
    assert store.load().items == {}
    [warning] = store.take_warnings()
    assert warning.kind == kind and not warning.saving_blocked
    assert warning.backup == tmp_path / "progress.json.bak"
    assert (tmp_path / "progress.json.bak").read_bytes() == content
    assert not (tmp_path / "progress.json").exists()
    for lang in ("en", "ru"):
        message = warning.message(lang)
        assert "progress.json.bak" in message and "\n" not in message and len(message) < 500
    assert store.take_warnings() == []
    # a fresh start that saves normally
    store.record_answer("2", "1 - tanh(z)^2", judged=True, correct=True, score=1)
    assert store.load().item("2").status == "solved"


def test_a_huge_file_is_corrupt_and_never_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    padding = "x" * (4 * MAX_BYTES)
    (tmp_path / "progress.json").write_text(
        json.dumps({"schema": 2, "items": {}, "padding": padding}), encoding="utf-8"
    )
    read_sizes: list[int] = []
    real_read = os.read

    def counting_read(fd: int, size: int) -> bytes:
        read_sizes.append(size)
        return real_read(fd, size)

    monkeypatch.setattr(progress_module.os, "read", counting_read)
    store = ProgressStore(tmp_path)
    assert store.load().items == {}
    assert sum(read_sizes) <= MAX_BYTES + 1
    [warning] = store.take_warnings()
    assert warning.kind == "corrupt" and str(MAX_BYTES) in warning.detail
    assert (tmp_path / "progress.json.bak").stat().st_size > 4 * MAX_BYTES


def test_a_file_that_grows_past_the_limit_while_read_is_corrupt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """fstat may say small while the file grows: the read itself stops at the bound."""
    (tmp_path / "progress.json").write_bytes(b" " * (2 * MAX_BYTES))
    real_fstat = os.fstat

    class Small:
        def __init__(self, result: os.stat_result) -> None:
            self.st_mode, self.st_size = result.st_mode, 10

    monkeypatch.setattr(progress_module.os, "fstat", lambda fd: Small(real_fstat(fd)))
    store = ProgressStore(tmp_path)
    assert store.load().items == {}
    assert [w.kind for w in store.take_warnings()] == ["corrupt"]


def test_bad_file_found_by_a_write_is_moved_aside_too(tmp_path: Path) -> None:
    (tmp_path / "progress.json").write_text('{"schema": "two"}', encoding="utf-8")
    store = ProgressStore(tmp_path)
    store.record_answer("7", "2C", judged=True, correct=True, score=1)
    assert [w.kind for w in store.warnings] == ["schema"]
    assert json.loads((tmp_path / "progress.json.bak").read_text(encoding="utf-8")) == {
        "schema": "two"
    }
    assert set(store.load().items) == {"7"}


def test_backups_are_numbered_never_overwritten(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / "progress.json").write_text(f"broken {n}", encoding="utf-8")
        ProgressStore(tmp_path).load()
    assert (tmp_path / "progress.json.bak").read_text(encoding="utf-8") == "broken 0"
    assert (tmp_path / "progress.json.bak.2").read_text(encoding="utf-8") == "broken 1"
    assert (tmp_path / "progress.json.bak.3").read_text(encoding="utf-8") == "broken 2"


# -- a newer dltutor's file: never moved, never modified ---------------------------------------


NEWER = {"schema": 3, "items": {"1a": {"status": "mastered", "stars": 5}}, "score": 9.5}


def test_a_newer_schema_is_left_untouched_and_refuses_every_write(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    path.write_text(json.dumps(NEWER), encoding="utf-8")
    os.utime(path, (1_000_000, 1_000_000))
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
    assert json.loads(path.read_text(encoding="utf-8")) == NEWER
    assert path.stat().st_mtime == 1_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.json", "progress.lock"]


# -- not a regular file: never opened for reading, never blocks ----------------------------------


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


@pytest.mark.parametrize("name", SPECIALS)
def test_a_special_file_is_never_read_and_never_written(tmp_path: Path, name: str) -> None:
    if name == "symlink to /dev/zero" and not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    path = tmp_path / "progress.json"
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
    """The old store opened the FIFO under the lock and every other dltutor waited forever."""
    import subprocess
    import sys

    _fifo(tmp_path / "progress.json")
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


def test_a_symlinked_progress_file_is_written_through_to_its_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, elsewhere = tmp_path / "data", tmp_path / "sync"
    data.mkdir()
    elsewhere.mkdir()
    target = elsewhere / "my-progress.json"
    store = ProgressStore(tmp_path / "seed")
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    target.write_bytes((tmp_path / "seed" / "progress.json").read_bytes())
    (data / "progress.json").symlink_to(target)

    temp_dirs: list[str] = []
    real_mkstemp = progress_module.tempfile.mkstemp

    def recording_mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        temp_dirs.append(str(kwargs.get("dir")))
        return real_mkstemp(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(progress_module.tempfile, "mkstemp", recording_mkstemp)
    linked = ProgressStore(data)
    assert linked.load().item("1a").status == "solved"
    linked.record_answer("1b", "2x", judged=True, correct=True, score=0.5)
    assert temp_dirs == [str(elsewhere)]
    assert (data / "progress.json").is_symlink()
    assert os.readlink(data / "progress.json") == str(target)
    assert set(json.loads(target.read_text(encoding="utf-8"))["items"]) == {"1a", "1b"}
    assert sorted(p.name for p in elsewhere.iterdir()) == ["my-progress.json"]


def test_a_dangling_symlink_is_written_through_creating_its_target(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "progress.json").symlink_to(tmp_path / "elsewhere" / "p.json")
    store = ProgressStore(tmp_path)
    assert store.load().items == {} and store.take_warnings() == []
    store.set_lang("ru")
    assert (tmp_path / "progress.json").is_symlink()
    assert json.loads((tmp_path / "elsewhere" / "p.json").read_text(encoding="utf-8"))["lang"] == "ru"


def test_a_corrupt_file_behind_a_symlink_is_moved_aside_beside_its_target(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    target = tmp_path / "elsewhere" / "p.json"
    target.write_text("{broken", encoding="utf-8")
    (tmp_path / "progress.json").symlink_to(target)
    store = ProgressStore(tmp_path)
    store.set_lang("en")
    assert [w.kind for w in store.take_warnings()] == ["corrupt"]
    assert (tmp_path / "elsewhere" / "p.json.bak").read_text(encoding="utf-8") == "{broken"
    assert (tmp_path / "progress.json").is_symlink()
    assert json.loads(target.read_text(encoding="utf-8"))["lang"] == "en"


def test_a_symlink_loop_is_an_error_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "progress.json").symlink_to(tmp_path / "loop")
    (tmp_path / "loop").symlink_to(tmp_path / "progress.json")
    store = ProgressStore(tmp_path)
    assert store.load().items == {}
    assert [w.kind for w in store.take_warnings()] == ["blocked"]
    with pytest.raises(ProgressError, match="symbolic links"):
        store.set_lang("en")


# -- stale temp files, the lock file, a full disk ------------------------------------------------


def test_stale_temp_files_are_removed_under_the_lock(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    target = tmp_path / "elsewhere" / "p.json"
    (tmp_path / "progress.json").symlink_to(target)
    stale = [tmp_path / ".progress-abc123.tmp", tmp_path / "elsewhere" / ".progress-zz.tmp"]
    for path in stale:
        path.write_text('{"half": ', encoding="utf-8")
    keep = tmp_path / "notes.tmp"
    keep.write_text("mine", encoding="utf-8")
    store = ProgressStore(tmp_path)
    store.load()
    assert all(path.exists() for path in stale)  # reading takes no lock and removes nothing
    store.set_lang("en")
    assert not any(path.exists() for path in stale)
    assert keep.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("kind", ["directory", "fifo", "symlink"])
def test_an_unusable_lock_file_is_an_error_naming_it(tmp_path: Path, kind: str) -> None:
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
        with pytest.raises(ProgressError) as caught:
            _in_thread(lambda w=write: w(store))  # type: ignore[misc]
        assert caught.value.path == tmp_path / "progress.json", name
        assert str(lock) in caught.value.message("en") and str(lock) in caught.value.message("ru")
    assert not (tmp_path / "progress.json").exists()


@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_a_full_disk_is_an_error_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    store = ProgressStore(tmp_path)
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    before = (tmp_path / "progress.json").read_bytes()

    def full(*args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(progress_module.os, failing, full)
    for name, write in WRITES.items():
        if name == "reset-item":
            continue
        with pytest.raises(ProgressError) as caught:
            write(store)
        assert "No space left on device" in caught.value.message("en"), name
        assert str(tmp_path / "progress.json") in caught.value.message("en"), name
    monkeypatch.undo()
    assert (tmp_path / "progress.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.json", "progress.lock"]
