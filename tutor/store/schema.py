"""The database's tables, and the ordered steps that bring any older database up to date.

``PRAGMA user_version`` is the schema version: ``MIGRATIONS[v]`` takes a
database from version ``v`` to ``v + 1``, and :func:`migrate` runs the missing
steps inside the caller's ``BEGIN IMMEDIATE`` transaction, so a database is
either wholly at the old version or wholly at the new one. To change the
schema, append a step (never edit a released one) — e.g. the review layer's
``cards`` table arrives as step 2. A database whose version is above
:data:`SCHEMA_VERSION` was written by a newer dltutor and is never modified.

``PRAGMA application_id`` marks the file as dltutor's, so another program's
SQLite database in its place is recognised and moved aside, not migrated.

Tables (version 1):

- ``meta``: key → value for the whole database: ``lang``, ``created_at``,
  ``json_import`` (what became of an old ``progress.json``, as JSON).
- ``homework``: one row per attempt at the homework (``progress --reset``
  starts the next); the highest is the current one. Position and the
  top-level fields an imported file had that this version does not know.
- ``items``: every field of :class:`~tutor.store.records.ItemProgress` per
  (homework attempt, item); earlier attempts' rows stay.
- ``attempts``: the append-only history. One row per answer, hint taken or
  give-up, of a homework item (``item_id``) or of a generated variant
  (``family_id`` + ``seed``). ``kind`` is ``homework`` (counted towards the
  score), ``practice`` (a closed item, or a variant on demand) or ``review``
  (spaced review). It outlives resets: the history is the student's, not the
  homework's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

#: 'dltu': this file is dltutor's (PRAGMA application_id)
APPLICATION_ID = 0x646C7475

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE homework (
    attempt       INTEGER PRIMARY KEY CHECK (attempt >= 1),
    started_at    TEXT,
    updated_at    TEXT,
    last_question INTEGER,
    last_item     TEXT,
    extra         TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE items (
    homework          INTEGER NOT NULL REFERENCES homework (attempt),
    item_id           TEXT NOT NULL,
    status            TEXT NOT NULL
        CHECK (status IN ('not-started', 'in-progress', 'solved', 'failed', 'given-up')),
    attempts          INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    hints_used        INTEGER NOT NULL DEFAULT 0 CHECK (hints_used >= 0),
    score             REAL NOT NULL DEFAULT 0 CHECK (score >= 0),
    last_answer       TEXT,
    started_at        TEXT,
    updated_at        TEXT,
    solved_at         TEXT,
    closed_at         TEXT,
    practice_attempts INTEGER NOT NULL DEFAULT 0 CHECK (practice_attempts >= 0),
    solved_later      INTEGER NOT NULL DEFAULT 0 CHECK (solved_later IN (0, 1)),
    practice_answer   TEXT,
    practice_at       TEXT,
    extra             TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (homework, item_id)
) WITHOUT ROWID;

CREATE TABLE attempts (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('homework', 'practice', 'review')),
    item_id    TEXT,
    family_id  TEXT,
    seed       INTEGER,
    answer     TEXT,
    status     TEXT NOT NULL,
    mistake    TEXT,
    hints_used INTEGER NOT NULL DEFAULT 0 CHECK (hints_used >= 0),
    seconds    REAL CHECK (seconds IS NULL OR seconds >= 0),
    homework   INTEGER REFERENCES homework (attempt),
    CHECK ((item_id IS NULL) <> (family_id IS NULL)),
    CHECK (seed IS NULL OR family_id IS NOT NULL)
);
CREATE INDEX attempts_by_item ON attempts (item_id, at) WHERE item_id IS NOT NULL;
CREATE INDEX attempts_by_family ON attempts (family_id, at) WHERE family_id IS NOT NULL;
CREATE INDEX attempts_by_mistake ON attempts (mistake, item_id, family_id)
    WHERE mistake IS NOT NULL;
CREATE INDEX attempts_by_time ON attempts (at);
"""


def _create_v1(conn: sqlite3.Connection) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            conn.execute(statement)


_V2 = """
CREATE TABLE cards (
    family_id     TEXT PRIMARY KEY,
    card          TEXT NOT NULL,
    due           TEXT NOT NULL,
    last_review   TEXT,
    reviews       INTEGER NOT NULL DEFAULT 0 CHECK (reviews >= 0),
    lapses        INTEGER NOT NULL DEFAULT 0 CHECK (lapses >= 0),
    introduced_at TEXT NOT NULL,
    introduced_by TEXT NOT NULL CHECK (introduced_by IN ('practice', 'review'))
) WITHOUT ROWID;
CREATE INDEX cards_by_due ON cards (due);

CREATE TABLE card_reviews (
    id        INTEGER PRIMARY KEY,
    family_id TEXT NOT NULL,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('practice', 'review')),
    rating    INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    seconds   REAL CHECK (seconds IS NULL OR seconds >= 0),
    attempt   INTEGER REFERENCES attempts (id)
);
CREATE INDEX card_reviews_by_family ON card_reviews (family_id, at);
"""


def _create_v2(conn: sqlite3.Connection) -> None:
    """Spaced review: the FSRS cards of the variant families and their review log."""
    for statement in _V2.split(";"):
        if statement.strip():
            conn.execute(statement)


#: MIGRATIONS[v] takes a database from user_version v to v + 1; append, never edit
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_create_v1, _create_v2]
SCHEMA_VERSION = len(MIGRATIONS)


class NewerSchema(Exception):
    """The database was written by a newer dltutor (its user_version is above ours)."""

    def __init__(self, version: int) -> None:
        self.version = version
        super().__init__(f"schema {version}, this dltutor reads {SCHEMA_VERSION}")


class NotOurs(Exception):
    """A valid SQLite database that is not dltutor's (another program's tables)."""


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to :data:`SCHEMA_VERSION` inside the caller's write transaction.

    Returns the version it started from (0: a new database). Raises
    NewerSchema (touching nothing) or NotOurs.
    """
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    app = int(conn.execute("PRAGMA application_id").fetchone()[0])
    if app not in (0, APPLICATION_ID):
        raise NotOurs(f"another program's SQLite database (application id {app:#x})")
    if version > SCHEMA_VERSION:
        raise NewerSchema(version)
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise NotOurs("a SQLite database of another program (it has tables, and no version)")
    for step in MIGRATIONS[version:]:
        step(conn)
    if version < SCHEMA_VERSION:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return version
