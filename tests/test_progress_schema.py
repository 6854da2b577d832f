"""The migration framework: ordered steps keyed by user_version, all or nothing.

A later dltutor appends a step (a table ``later``, say, as the review layer added ``cards``); an
older database is brought up to date in one transaction the first time a newer
dltutor opens it, keeping every row; a step that fails leaves it as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tutor.progress import ProgressError, ProgressStore
from tutor.store import schema


def _version(directory: Path) -> int:
    conn = sqlite3.connect(directory / "progress.db")
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def _tables(directory: Path) -> set[str]:
    conn = sqlite3.connect(directory / "progress.db")
    try:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def test_a_new_database_is_at_the_current_version_and_marked_as_ours(tmp_path: Path) -> None:
    ProgressStore(tmp_path).set_lang("en")
    assert _version(tmp_path) == schema.SCHEMA_VERSION == len(schema.MIGRATIONS)
    assert {"meta", "homework", "items", "attempts", "cards", "card_reviews"} <= _tables(tmp_path)
    conn = sqlite3.connect(tmp_path / "progress.db")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    conn.close()


def _add_later(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE later (family_id TEXT PRIMARY KEY, due TEXT NOT NULL, state TEXT NOT NULL)"
    )


def test_an_older_database_gains_the_next_step_keeping_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = ProgressStore(tmp_path)
    old.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    old.append_attempt("practice", family_id="6.gain", seed=1, status="correct")
    old.close()
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, _add_later])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.MIGRATIONS))
    store = ProgressStore(tmp_path)
    assert store.load().item("1a").status == "solved" and store.take_warnings() == []
    assert _version(tmp_path) == schema.SCHEMA_VERSION and "later" in _tables(tmp_path)
    assert [a.item_id or a.family_id for a in store.attempts()] == ["1a", "6.gain"]
    store.record_answer("1b", "2x", judged=True, correct=True, score=0.5)  # and it goes on working


def _broken_step(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE later (x)")
    conn.execute("INSERT INTO no_such_table VALUES (1)")


def test_a_failing_step_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = ProgressStore(tmp_path)
    old.record_answer("1a", "I", judged=True, correct=True, score=0.5)
    old.close()
    before = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, _broken_step])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.MIGRATIONS))
    store = ProgressStore(tmp_path)
    with pytest.raises(ProgressError, match="no such table"):
        store.record_answer("1b", "2x", judged=True, correct=True, score=0.5)
    monkeypatch.undo()
    assert _version(tmp_path) == before and "later" not in _tables(tmp_path)
    assert set(ProgressStore(tmp_path).load().items) == {"1a"}


def test_an_older_dltutor_meeting_the_new_step_is_told_it_is_too_old(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, _add_later])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(schema.MIGRATIONS))
    ProgressStore(tmp_path).set_lang("en")
    monkeypatch.undo()
    store = ProgressStore(tmp_path)
    assert store.load().lang is None
    assert [w.kind for w in store.take_warnings()] == ["newer"]
    with pytest.raises(ProgressError, match="newer dltutor"):
        store.set_lang("ru")
