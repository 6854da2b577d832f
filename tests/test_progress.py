"""The progress store: round trip, atomic writes, bad files, rivals, unwritable dirs."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest

from tutor import progress as progress_module
from tutor.progress import SCHEMA, ProgressError, ProgressStore, data_dir


def test_data_dir_follows_dltutor_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "elsewhere"))
    assert data_dir() == tmp_path / "elsewhere"
    store = ProgressStore()
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    assert (tmp_path / "elsewhere" / "progress.json").is_file()


def test_data_dir_defaults_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    import platformdirs

    monkeypatch.delenv("DLTUTOR_HOME")
    assert data_dir() == Path(platformdirs.user_data_dir("dltutor", appauthor=False))


def test_reading_creates_nothing(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "new")
    assert store.load().items == {}
    assert not (tmp_path / "new").exists()


def test_round_trip(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.record_answer("3.1", "p - y_hat", judged=True, correct=False)
    store.record_hints("3.1", 2)
    store.record_answer("3.1", "y_hat - p", judged=True, correct=True, score=2)
    store.record_answer("4", "W3 x +", judged=False, correct=False)
    store.record_give_up("4")
    store.set_position(4, "4")
    store.set_lang("ru")

    loaded = ProgressStore(tmp_path).load()
    item = loaded.item("3.1")
    assert (item.status, item.attempts, item.hints_used, item.score) == ("solved", 2, 2, 2.0)
    assert item.last_answer == "y_hat - p"
    assert item.started_at and item.solved_at and item.updated_at
    four = loaded.item("4")
    assert (four.status, four.attempts, four.last_answer) == ("given-up", 0, "W3 x +")
    assert (loaded.last_question, loaded.last_item, loaded.lang) == (4, "4", "ru")
    assert loaded.item("never").status == "not-started"
    raw = json.loads((tmp_path / "progress.json").read_text(encoding="utf-8"))
    assert raw["schema"] == SCHEMA


def test_solved_sticks_and_best_score_is_kept(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.record_answer("2", "1 - tanh(z)^2", judged=True, correct=True, score=1)
    store.record_answer("2", "1 - tanh(z)", judged=True, correct=False)
    store.record_give_up("2")
    item = store.load().item("2")
    assert (item.status, item.score, item.attempts) == ("solved", 1.0, 2)


def test_reset_item_and_reset_keep_a_backup(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    store.record_answer("1b", "2x", judged=True, correct=True, score=0.5)
    store.reset_item("1a")
    assert set(store.load().items) == {"1b"}
    backup = store.reset()
    assert backup == tmp_path / "progress.json.bak"
    assert "1b" in json.loads(backup.read_text(encoding="utf-8"))["items"]
    assert store.load().items == {}
    assert store.reset() is None  # nothing to reset


def test_crash_mid_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProgressStore(tmp_path)
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    before = (tmp_path / "progress.json").read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(progress_module.os, "replace", crash)
    with pytest.raises(ProgressError):
        store.record_answer("1b", "2x", judged=True, correct=True, score=0.5)
    monkeypatch.undo()
    assert (tmp_path / "progress.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.json", "progress.lock"]
    assert set(ProgressStore(tmp_path).load().items) == {"1a"}


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"{ this is not json", "corrupt"),
        (b"\xff\xfe\x00garbage", "corrupt"),
        (b"[1, 2, 3]", "corrupt"),
        (b'{"schema": 1, "items": {"1a": {"status": "exploded"}}}', "corrupt"),
        (b'{"schema": 1, "items": {"1a": {"attempts": -3}}}', "corrupt"),
        (b'{"schema": 2, "items": {}}', "schema"),
        (b'{"items": {}}', "schema"),
    ],
)
def test_bad_file_is_moved_aside_with_a_warning(tmp_path: Path, content: bytes, kind: str) -> None:
    (tmp_path / "progress.json").write_bytes(content)
    store = ProgressStore(tmp_path)
    assert store.load().items == {}
    [warning] = store.take_warnings()
    assert warning.kind == kind
    assert warning.backup == tmp_path / "progress.json.bak"
    assert (tmp_path / "progress.json.bak").read_bytes() == content
    assert not (tmp_path / "progress.json").exists()
    assert "progress.json.bak" in warning.message("en")
    assert "progress.json.bak" in warning.message("ru")
    assert "\n" not in warning.message("en")
    assert store.take_warnings() == []
    # a fresh start that saves normally
    store.record_answer("2", "1 - tanh(z)^2", judged=True, correct=True, score=1)
    assert store.load().item("2").status == "solved"


def test_bad_file_found_by_a_write_is_moved_aside_too(tmp_path: Path) -> None:
    (tmp_path / "progress.json").write_text('{"schema": 99}', encoding="utf-8")
    store = ProgressStore(tmp_path)
    store.record_answer("7", "2C", judged=True, correct=True, score=1)
    assert [w.kind for w in store.warnings] == ["schema"]
    assert json.loads((tmp_path / "progress.json.bak").read_text(encoding="utf-8")) == {
        "schema": 99
    }
    assert set(store.load().items) == {"7"}


def test_backups_are_numbered_never_overwritten(tmp_path: Path) -> None:
    for n in range(3):
        (tmp_path / "progress.json").write_text(f"broken {n}", encoding="utf-8")
        ProgressStore(tmp_path).load()
    assert (tmp_path / "progress.json.bak").read_text(encoding="utf-8") == "broken 0"
    assert (tmp_path / "progress.json.bak.2").read_text(encoding="utf-8") == "broken 1"
    assert (tmp_path / "progress.json.bak.3").read_text(encoding="utf-8") == "broken 2"


def _record_many(directory: str, prefix: str, count: int) -> None:
    store = ProgressStore(Path(directory))
    for i in range(count):
        store.record_answer(f"{prefix}{i}", f"answer {i}", judged=True, correct=i % 2 == 0, score=1)


def test_two_processes_do_not_lose_each_others_answers(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    workers = [
        ctx.Process(target=_record_many, args=(str(tmp_path), prefix, 50)) for prefix in "AB"
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    items = ProgressStore(tmp_path).load().items
    assert set(items) == {f"{p}{i}" for p in "AB" for i in range(50)}
    assert items["A0"].status == "solved" and items["B1"].status == "in-progress"
    assert all(item.attempts == 1 for item in items.values())


def _unwritable_dir(tmp_path: Path) -> Path:
    """A data dir that cannot be written, even by root: a path under a regular file."""
    if os.geteuid() == 0:
        blocker = tmp_path / "a-file"
        blocker.write_text("not a directory", encoding="utf-8")
        return blocker / "dltutor"
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    return locked


def test_unwritable_dir_gives_a_clear_error(tmp_path: Path) -> None:
    directory = _unwritable_dir(tmp_path)
    store = ProgressStore(directory)
    assert store.load().items == {}
    with pytest.raises(ProgressError) as caught:
        store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    assert str(directory / "progress.json") in str(caught.value)
    assert str(directory / "progress.json") in caught.value.message("ru")
    with pytest.raises(ProgressError):
        store.reset()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_dir_with_a_saved_file_still_reads(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data")
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    (tmp_path / "data" / "progress.lock").unlink()
    (tmp_path / "data").chmod(0o500)
    try:
        assert store.load().item("1a").status == "solved"
        with pytest.raises(ProgressError, match=r"progress\.json"):
            store.record_answer("1b", "2x", judged=True, correct=True, score=0.5)
    finally:
        (tmp_path / "data").chmod(0o700)
