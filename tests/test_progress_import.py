"""The one-time import of an old ``progress.json`` into the database (issue 11 §4).

It loses nothing (every field of schemas 1 and 2, unknown ones included), keeps
the old file beside the database unchanged, records itself in the database and
never reads the file again. A bad, corrupt, newer or special file is handled
exactly as the JSON store handled it, and never crashes the import.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tutor.progress import MAX_BYTES, ProgressError, ProgressStore
from tutor.store import legacy as legacy_module
from tutor.store.legacy import parse

#: a real schema-2 file with every field the JSON store wrote, and some it did not know
SCHEMA_2 = {
    "schema": 2,
    "attempt": 3,
    "started_at": "2024-03-01T09:00:00+00:00",
    "items": {
        "1a": {"status": "solved", "attempts": 2, "hints_used": 1, "score": 0.5,
               "last_answer": "I", "started_at": "2024-03-01T09:01:00+00:00",
               "updated_at": "2024-03-01T09:05:00+00:00",
               "solved_at": "2024-03-01T09:05:00+00:00",
               "closed_at": "2024-03-01T09:05:00+00:00",
               "practice_attempts": 4, "solved_later": False, "practice_answer": "1",
               "practice_at": "2024-03-02T10:00:00+00:00"},
        "3.1": {"status": "failed", "attempts": 3, "hints_used": 2, "score": 0.0,
                "last_answer": "p - y_hat", "closed_at": "2024-03-01T09:30:00+00:00",
                "practice_attempts": 1, "solved_later": True,
                "practice_answer": "y_hat - p", "teacher_note": {"seen": [1, 2]}},
        "4.params": {"status": "given-up", "attempts": 0, "hints_used": 0, "score": 0.0,
                     "last_answer": "x\ud800y", "closed_at": "2024-03-01T10:00:00+00:00"},
        "2": {"status": "in-progress", "attempts": 1, "last_answer": "производная"},
    },
    "last_question": 3,
    "last_item": "3.2",
    "lang": "ru",
    "updated_at": "2024-03-02T10:00:00+00:00",
    "device": "laptop",
}


def _write(directory: Path, document: object) -> bytes:
    data = json.dumps(document, ensure_ascii=True, indent=1).encode("ascii")
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "progress.json").write_bytes(data)
    return data


def _meta(directory: Path, key: str) -> object:
    conn = sqlite3.connect(directory / "progress.db")
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    finally:
        conn.close()
    return None if row is None else json.loads(row[0])


def test_a_schema_2_file_is_imported_losing_nothing(tmp_path: Path) -> None:
    data = _write(tmp_path, SCHEMA_2)
    store = ProgressStore(tmp_path)
    loaded = store.load()
    assert store.take_warnings() == []
    assert loaded == parse(data)  # every field, of the file and of each item, unknown ones too
    assert loaded.item("3.1").extra == {"teacher_note": {"seen": [1, 2]}}
    assert loaded.extra == {"device": "laptop"}
    assert loaded.item("4.params").last_answer == "x\ud800y"
    assert (loaded.attempt, loaded.lang, loaded.last_item) == (3, "ru", "3.2")
    # the old file stays, unchanged, and the database says what became of it
    assert (tmp_path / "progress.json").read_bytes() == data
    record = _meta(tmp_path, "json_import")
    assert isinstance(record, dict)
    assert record["outcome"] == "imported" and record["items"] == 4 and record["bytes"] == len(data)
    assert record["source"] == str(tmp_path / "progress.json") and len(record["sha256"]) == 64
    # the rules go on from the imported state: 3.1 is closed, so this is practice
    again = store.record_answer("3.1", "y_hat - p", judged=True, correct=True, score=2)
    assert again.effect == "practice" and again.item("3.1").practice_attempts == 2
    assert [a.kind for a in store.attempts()] == ["practice"]


def test_the_old_file_is_never_read_again(tmp_path: Path) -> None:
    _write(tmp_path, SCHEMA_2)
    ProgressStore(tmp_path).load()
    _write(tmp_path, {"schema": 2, "items": {"8.1": {"status": "solved", "score": 1}}})
    store = ProgressStore(tmp_path)
    assert "8.1" not in store.load().items and "1a" in store.load().items
    (tmp_path / "progress.json").unlink()
    os.mkfifo(tmp_path / "progress.json")  # not even a FIFO in its place matters now
    store = ProgressStore(tmp_path)
    assert "1a" in store.load().items and store.take_warnings() == []
    store.set_lang("en")


def test_a_write_imports_the_file_first(tmp_path: Path) -> None:
    _write(tmp_path, SCHEMA_2)
    store = ProgressStore(tmp_path)
    store.record_answer("2", "1 - tanh(z)^2", judged=True, correct=True, score=1)
    loaded = store.load()
    assert loaded.item("2").status == "solved" and loaded.item("1a").practice_attempts == 4


def test_nothing_to_import_records_nothing(tmp_path: Path) -> None:
    ProgressStore(tmp_path).set_lang("en")
    assert _meta(tmp_path, "json_import") is None


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
def test_a_bad_file_is_moved_aside_with_a_warning(tmp_path: Path, content: bytes, kind: str) -> None:
    (tmp_path / "progress.json").write_bytes(content)
    store = ProgressStore(tmp_path)
    assert store.load().items == {}
    [warning] = store.take_warnings()
    assert warning.kind == kind and not warning.saving_blocked
    assert warning.path == tmp_path / "progress.json"
    assert warning.backup == tmp_path / "progress.json.bak"
    assert (tmp_path / "progress.json.bak").read_bytes() == content
    assert not (tmp_path / "progress.json").exists()
    for lang in ("en", "ru"):
        message = warning.message(lang)
        assert "progress.json.bak" in message and "\n" not in message and len(message) < 500
    record = _meta(tmp_path, "json_import")
    assert isinstance(record, dict) and record["outcome"] == "moved aside"
    store.record_answer("2", "1 - tanh(z)^2", judged=True, correct=True, score=1)
    assert store.load().item("2").status == "solved" and store.take_warnings() == []


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

    monkeypatch.setattr("tutor.store.files.os.read", counting_read)
    store = ProgressStore(tmp_path)
    assert store.load().items == {}
    assert sum(read_sizes) <= 2 * (MAX_BYTES + 1) + 1000  # checked, then imported: bounded both times
    [warning] = store.take_warnings()
    assert warning.kind == "corrupt" and str(MAX_BYTES) in warning.detail
    assert (tmp_path / "progress.json.bak").stat().st_size > 4 * MAX_BYTES
    assert legacy_module.MAX_BYTES == MAX_BYTES


NEWER = {"schema": 3, "items": {"1a": {"status": "mastered", "stars": 5}}, "score": 9.5}
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


def test_a_newer_file_is_left_untouched_and_nothing_is_created(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    path.write_text(json.dumps(NEWER), encoding="utf-8")
    os.utime(path, (1_000_000, 1_000_000))
    store = ProgressStore(tmp_path)
    assert store.load().items == {}
    [warning] = store.take_warnings()
    assert warning.kind == "newer" and warning.saving_blocked and warning.path == path
    assert str(path) in warning.message("en") and "too old" in warning.message("en")
    for name, write in WRITES.items():
        with pytest.raises(ProgressError) as caught:
            write(store)
        assert caught.value.path == path, name
        assert "newer dltutor" in caught.value.message("en"), name
    assert json.loads(path.read_text(encoding="utf-8")) == NEWER
    assert path.stat().st_mtime == 1_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.json", "progress.lock"]


def _fifo(path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    os.mkfifo(path)


@pytest.mark.parametrize(
    ("make", "word"),
    [
        (lambda p: p.symlink_to("/dev/zero"), "device"),
        (_fifo, "FIFO"),
        (lambda p: p.mkdir(), "directory"),
    ],
    ids=["dev-zero", "fifo", "directory"],
)
def test_a_special_file_is_left_untouched_and_blocks_like_before(
    tmp_path: Path, make: Callable[[Path], None], word: str
) -> None:
    path = tmp_path / "progress.json"
    make(path)
    store = ProgressStore(tmp_path)
    done: list[object] = []
    reader = threading.Thread(target=lambda: done.append(store.load()), daemon=True)
    reader.start()
    reader.join(20)
    assert not reader.is_alive() and done[0].items == {}  # type: ignore[attr-defined]
    [warning] = store.take_warnings()
    assert warning.kind == "blocked" and warning.path == path and word in warning.message("en")
    with pytest.raises(ProgressError) as caught:
        store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    assert caught.value.path == path and word in caught.value.message("en")
    assert not (tmp_path / "progress.db").exists()


def test_a_symlinked_file_is_imported_through_and_kept(tmp_path: Path) -> None:
    data = _write(tmp_path / "sync", SCHEMA_2)
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "progress.json").symlink_to(tmp_path / "sync" / "progress.json")
    store = ProgressStore(tmp_path / "home")
    assert store.load().item("1a").practice_attempts == 4
    assert (tmp_path / "sync" / "progress.json").read_bytes() == data
    assert (tmp_path / "home" / "progress.json").is_symlink()


def test_processes_starting_together_import_once(tmp_path: Path) -> None:
    _write(tmp_path, SCHEMA_2)
    code = (
        "import sys\nfrom pathlib import Path\nfrom tutor.progress import ProgressStore\n"
        "s = ProgressStore(Path(sys.argv[1]))\n"
        "s.record_hints(sys.argv[2], 1)\n"
    )
    children = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path), f"p{n}"]) for n in range(4)
    ]
    assert [child.wait(timeout=120) for child in children] == [0] * 4
    loaded = ProgressStore(tmp_path).load()
    assert set(loaded.items) == set(SCHEMA_2["items"]) | {"p0", "p1", "p2", "p3"}  # type: ignore[arg-type]
    conn = sqlite3.connect(tmp_path / "progress.db")
    assert conn.execute("SELECT count(*) FROM homework").fetchone() == (1,)
    conn.close()


def test_after_a_corrupt_database_the_old_file_is_not_imported_again(tmp_path: Path) -> None:
    _write(tmp_path, SCHEMA_2)
    store = ProgressStore(tmp_path)
    store.record_give_up("2")
    store.close()
    (tmp_path / "progress.db").write_bytes(b"garbage" * 100)
    for tail in ("-wal", "-shm"):
        (tmp_path / f"progress.db{tail}").unlink(missing_ok=True)
    again = ProgressStore(tmp_path)
    assert again.load().items == {}  # afresh: the months-old file would undo what came after it
    assert [w.kind for w in again.take_warnings()] == ["corrupt"]
    record = _meta(tmp_path, "json_import")
    assert isinstance(record, dict) and record["outcome"].startswith("not imported")
    assert (tmp_path / "progress.json").exists()
