"""Make the progress database fail the way a full or broken disk does, for tests.

sqlite writes from C, so the OS calls cannot be patched from Python; these
helpers raise the very error sqlite raises (SQLITE_FULL by default) where the
store runs a write transaction or copies the database. Real full disks are
exercised in tests/test_progress_files.py (a tiny tmpfs, RLIMIT_FSIZE).
"""

from __future__ import annotations

import sqlite3

import pytest

from tutor.store.database import Database

FULL = ("database or disk is full", "SQLITE_FULL")


def sqlite_error(message: str, name: str) -> sqlite3.OperationalError:
    err = sqlite3.OperationalError(message)
    err.sqlite_errorname = name  # type: ignore[attr-defined]
    return err


def fail_writes(
    monkeypatch: pytest.MonkeyPatch, message: str = FULL[0], name: str = FULL[1]
) -> list[str]:
    """Every write transaction (and a reset's copy) fails after it began; returns a call log."""
    calls: list[str] = []
    real_transaction = Database._transaction

    def transaction(self: Database, conn: sqlite3.Connection, body: object, write: bool) -> object:
        if not write:
            return real_transaction(self, conn, body, write)  # type: ignore[arg-type]

        def failing(connection: sqlite3.Connection) -> object:
            body(connection)  # type: ignore[operator]  # the change is made, then the commit fails
            calls.append("write")
            raise sqlite_error(message, name)

        return real_transaction(self, conn, failing, write)

    def copy(self: Database, conn: sqlite3.Connection, target: object) -> object:
        calls.append("copy")
        raise sqlite_error(message, name)

    monkeypatch.setattr(Database, "_transaction", transaction)
    monkeypatch.setattr(Database, "_copy", copy)
    return calls
