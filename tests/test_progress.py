"""The progress store: round trip, the homework's rules, the JSON form, reset, unwritable dirs.

Hostile files in the database's place are in test_progress_files.py; the
import of progress.json in test_progress_import.py; the lock, the settings and
the kill -9 guarantees in test_progress_durability.py; the attempt history in
test_progress_history.py.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest
from store_faults import fail_writes

from tutor.progress import (
    MAX_ATTEMPTS,
    SCHEMA,
    ItemProgress,
    Progress,
    ProgressError,
    ProgressStore,
    data_dir,
)
from tutor.store.schema import SCHEMA_VERSION


def _sql(directory: Path, query: str, name: str = "progress.db") -> list[tuple[object, ...]]:
    """Rows straight from the database file (not through the store)."""
    conn = sqlite3.connect(directory / name)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


def test_data_dir_follows_dltutor_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLTUTOR_HOME", str(tmp_path / "elsewhere"))
    assert data_dir() == tmp_path / "elsewhere"
    store = ProgressStore()
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    assert (tmp_path / "elsewhere" / "progress.db").is_file()


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
    store.record_answer("3.1", "p - y_hat", judged=True, correct=False, score=2)
    store.record_hints("3.1", 2)
    store.record_answer("3.1", "y_hat - p", judged=True, correct=True, score=2)
    store.record_answer("4", "W3 x +", judged=False, correct=False, score=0.5)
    store.record_give_up("4")
    store.set_position(4, "4")
    store.set_lang("ru")

    loaded = ProgressStore(tmp_path).load()
    item = loaded.item("3.1")
    assert (item.status, item.attempts, item.hints_used, item.score) == ("solved", 2, 2, 2.0)
    assert item.last_answer == "y_hat - p"
    assert item.started_at and item.solved_at and item.updated_at and item.closed_at
    four = loaded.item("4")
    assert (four.status, four.attempts, four.last_answer, four.score) == ("given-up", 0, "W3 x +", 0)
    assert (loaded.last_question, loaded.last_item, loaded.lang) == (4, "4", "ru")
    assert loaded.item("never").status == "not-started"
    assert (loaded.attempt, loaded.started_at is not None) == (1, True)
    assert loaded.to_json()["schema"] == SCHEMA == 2  # the JSON form, as `progress --json` knows it
    assert _sql(tmp_path, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


# -- the homework's rules, as the store applies them ----------------------------------------


def test_points_are_decided_when_the_item_first_closes(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.record_answer("2", "1 - tanh(z)^2", judged=True, correct=True, score=1)
    later = store.record_answer("2", "1 - tanh(z)", judged=True, correct=False, score=1)
    assert later.effect == "practice"
    store.record_give_up("2")
    item = store.load().item("2")
    assert (item.status, item.score, item.attempts) == ("solved", 1.0, 1)
    assert (item.practice_attempts, item.solved_later, item.practice_answer) == (1, False, "1 - tanh(z)")


def test_out_of_attempts_fails_the_item_and_later_right_answers_are_practice(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    for answer in ("x", "y"):
        assert store.record_answer("7", answer, judged=True, correct=False, score=1).effect == "graded"
    assert store.load().item("7").status == "in-progress"
    third = store.record_answer("7", "z", judged=True, correct=False, score=1)
    assert (third.effect, third.item("7").status, third.item("7").attempts) == ("graded", "failed", 3)
    right = store.record_answer("7", "2C", judged=True, correct=True, score=1)
    item = right.item("7")
    assert right.effect == "practice"
    assert (item.status, item.score, item.attempts, item.last_answer) == ("failed", 0.0, 3, "z")
    assert (item.practice_attempts, item.solved_later, item.practice_answer) == (1, True, "2C")


def test_unreadable_answers_cost_no_attempt(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    for _ in range(MAX_ATTEMPTS + 2):
        store.record_answer("1a", "(((", judged=False, correct=False, score=0.5)
    item = store.load().item("1a")
    assert (item.status, item.attempts, item.last_answer) == ("in-progress", 0, "(((")


def test_a_given_up_item_never_earns_points(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.record_give_up("3.2")
    progress = store.record_answer("3.2", "y_hat - p", judged=True, correct=True, score=1)
    item = progress.item("3.2")
    assert (item.status, item.score, item.solved_later) == ("given-up", 0.0, True)


def test_give_up_closes_several_items_in_one_write(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.record_answer("3.1", "y_hat - p", judged=True, correct=True, score=2)
    progress = store.record_give_up("3.2", "3.1")
    assert progress.item("3.2").status == "given-up"
    assert (progress.item("3.1").status, progress.item("3.1").score) == ("solved", 2.0)


def test_a_stricter_limit_closes_an_item_that_already_used_it(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.record_answer("8.2", "1", judged=True, correct=False, score=0.25)
    progress = store.record_answer("8.2", "0.01", judged=True, correct=True, score=0.25, max_attempts=1)
    assert progress.effect == "practice"
    assert (progress.item("8.2").status, progress.item("8.2").score) == ("failed", 0.0)


def test_hints_keep_the_highest_rung(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.record_hints("1b", 2)
    store.record_hints("1b", 1)
    assert store.load().item("1b").hints_used == 2


def test_reset_item_and_reset_start_a_new_attempt_keeping_a_backup(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    store.record_answer("1b", "2x", judged=True, correct=True, score=0.5)
    store.set_lang("ru")
    store.reset_item("1a")
    assert set(store.load().items) == {"1b"}
    backup = store.reset()
    assert backup == tmp_path / "progress.db.bak"
    assert _sql(backup.parent, "SELECT item_id FROM items", name=backup.name) == [("1b",)]
    assert not (tmp_path / "progress.db.bak-wal").exists()  # the copy stands alone
    fresh = store.load()
    assert (fresh.items, fresh.attempt, fresh.lang) == ({}, 2, "ru")
    assert store.reset() is None  # nothing answered in this attempt: nothing to reset
    store.record_answer("2", "x", judged=True, correct=False, score=1)
    assert store.reset() == tmp_path / "progress.db.bak.2"
    assert store.load().attempt == 3
    # the earlier attempts' rows stay in the database, and so does the whole history
    assert _sql(tmp_path, "SELECT homework, item_id FROM items ORDER BY 1, 2") == [
        (1, "1b"), (2, "2")
    ]
    assert [a.item_id for a in store.attempts()] == ["1a", "1b", "2"]


def test_reset_with_no_file_is_a_no_op(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data")
    assert store.reset() is None
    assert not (tmp_path / "data").exists()


# -- schema 2, migration, unknown fields -----------------------------------------------------


SCHEMA_1 = {
    "schema": 1,
    "items": {
        "1a": {"status": "solved", "attempts": 2, "hints_used": 1, "score": 0.5,
               "last_answer": "I", "started_at": "2024-01-01T10:00:00+00:00",
               "updated_at": "2024-01-01T10:05:00+00:00", "solved_at": "2024-01-01T10:05:00+00:00"},
        "1b": {"status": "in-progress", "attempts": 3, "hints_used": 0, "score": 0.0,
               "last_answer": "x", "updated_at": "2024-01-01T10:07:00+00:00"},
        "2": {"status": "in-progress", "attempts": 2, "hints_used": 3, "score": 0.0},
        "3.1": {"status": "given-up", "attempts": 1, "hints_used": 2, "score": 0.0,
                "updated_at": "2024-01-02T09:00:00+00:00"},
        "7": {"status": "in-progress", "attempts": 5, "score": 0.0},
    },
    "last_question": 2,
    "last_item": "2",
    "lang": "ru",
    "updated_at": "2024-01-02T09:00:00+00:00",
}


def test_schema_1_is_migrated_without_loss(tmp_path: Path) -> None:
    (tmp_path / "progress.json").write_text(json.dumps(SCHEMA_1), encoding="utf-8")
    store = ProgressStore(tmp_path)
    loaded = store.load()
    assert store.take_warnings() == []
    solved, out, started, given_up, over = (loaded.item(i) for i in ("1a", "1b", "2", "3.1", "7"))
    assert (solved.status, solved.score, solved.attempts, solved.hints_used) == ("solved", 0.5, 2, 1)
    assert solved.closed_at == "2024-01-01T10:05:00+00:00"
    assert (out.status, out.score, out.attempts, out.last_answer) == ("failed", 0.0, 3, "x")
    assert out.closed_at == "2024-01-01T10:07:00+00:00"
    assert (started.status, started.attempts, started.hints_used) == ("in-progress", 2, 3)
    assert (given_up.status, given_up.score, given_up.hints_used) == ("given-up", 0.0, 2)
    assert (over.status, over.attempts) == ("failed", 5)
    assert (loaded.last_question, loaded.last_item, loaded.lang) == (2, "2", "ru")
    # the migrated state is what the rules see, and the old file is kept as it was
    after = store.record_answer("1b", "2x", judged=True, correct=True, score=0.5)
    assert after.effect == "practice" and after.item("1b").score == 0
    assert _sql(tmp_path, "SELECT status FROM items WHERE item_id = '1b'") == [("failed",)]
    assert json.loads((tmp_path / "progress.json").read_text(encoding="utf-8")) == SCHEMA_1
    assert not (tmp_path / "progress.json.bak").exists()


def test_unknown_fields_are_kept_when_rewriting(tmp_path: Path) -> None:
    document = {
        "schema": 2,
        "attempt": 4,
        "items": {"1a": {"status": "in-progress", "attempts": 1, "teacher_note": {"seen": [1, 2]}}},
        "device": "laptop",
        "future": {"nested": True},
    }
    (tmp_path / "progress.json").write_text(json.dumps(document), encoding="utf-8")
    store = ProgressStore(tmp_path)
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    store.record_hints("9.9", 1)
    raw = ProgressStore(tmp_path).load().to_json()
    assert (raw["device"], raw["future"], raw["attempt"]) == ("laptop", {"nested": True}, 4)
    assert raw["items"]["1a"]["teacher_note"] == {"seen": [1, 2]}
    assert (raw["items"]["1a"]["status"], raw["items"]["1a"]["attempts"]) == ("solved", 2)
    assert store.take_warnings() == []


def test_item_json_round_trips_every_field() -> None:
    item = ItemProgress()
    item.apply_hints(1)
    item.apply_answer("x", judged=True, correct=False, score=1)
    item.apply_answer("y", judged=True, correct=True, score=1)
    item.apply_answer("z", judged=True, correct=False, score=1)
    item.extra = {"kept": "yes"}
    again = ItemProgress.from_json(json.loads(json.dumps(item.to_json())))
    assert again == item
    progress = Progress(items={"2": item}, last_question=2, lang="en", attempt=3, extra={"x": 1})
    assert Progress.from_json(json.loads(json.dumps(progress.to_json()))) == progress


def test_a_lone_surrogate_in_an_answer_is_saved_and_read_back(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path)
    store.record_answer("1a", "x\ud800y", judged=False, correct=False, score=0.5)
    store.record_answer("1b", "производная", judged=False, correct=False, score=0.5)
    loaded = ProgressStore(tmp_path).load()
    assert loaded.item("1a").last_answer == "x\ud800y"
    assert loaded.item("1b").last_answer == "производная"


# -- writes that cannot happen ---------------------------------------------------------------


def test_a_failed_write_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The change and its history row are one transaction: a failed commit leaves neither."""
    store = ProgressStore(tmp_path)
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    calls = fail_writes(monkeypatch)
    with pytest.raises(ProgressError, match="No space left on device"):
        store.record_answer("1b", "2x", judged=True, correct=True, score=0.5)
    assert calls == ["write"]
    monkeypatch.undo()
    assert set(ProgressStore(tmp_path).load().items) == {"1a"}
    assert [a.item_id for a in store.attempts()] == ["1a"]
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("progress.db")) == [
        "progress.lock"
    ]


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


def _answer_wrong(directory: str, count: int) -> None:
    store = ProgressStore(Path(directory))
    for i in range(count):
        store.record_answer("3.1", f"wrong {i}", judged=True, correct=False, score=2)


def test_two_processes_on_one_item_share_its_attempts(tmp_path: Path) -> None:
    """Each process answers wrongly 20 times: together they get 3 attempts, the rest is practice."""
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_answer_wrong, args=(str(tmp_path), 20)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    item = ProgressStore(tmp_path).load().item("3.1")
    assert (item.status, item.attempts, item.practice_attempts) == ("failed", 3, 37)


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
    assert str(directory / "progress.db") in str(caught.value)
    assert str(directory / "progress.db") in caught.value.message("ru")
    with pytest.raises(ProgressError):
        store.reset()


def test_missing_data_dir_that_cannot_be_created(tmp_path: Path) -> None:
    (tmp_path / "plain-file").write_text("x", encoding="utf-8")
    store = ProgressStore(tmp_path / "plain-file" / "deeper" / "dltutor")
    with pytest.raises(ProgressError, match="Not a directory"):
        store.set_lang("en")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_dir_with_a_saved_file_still_reads(tmp_path: Path) -> None:
    store = ProgressStore(tmp_path / "data")
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    (tmp_path / "data" / "progress.lock").unlink()
    (tmp_path / "data").chmod(0o500)
    try:
        assert store.load().item("1a").status == "solved"
        with pytest.raises(ProgressError, match=r"progress\.db"):
            store.record_answer("1b", "2x", judged=True, correct=True, score=0.5)
    finally:
        (tmp_path / "data").chmod(0o700)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_lock_and_dir_with_a_saved_file(tmp_path: Path) -> None:
    """The database opens but its -wal/-shm cannot be made: the error names progress.db and why."""
    store = ProgressStore(tmp_path / "data")
    store.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    (tmp_path / "data").chmod(0o500)
    try:
        with pytest.raises(ProgressError, match=r"progress\.db.*Permission denied"):
            store.set_lang("ru")
    finally:
        (tmp_path / "data").chmod(0o700)
    assert store.load().lang is None
