"""The homework's state in the database: Progress ⇄ the ``homework``, ``items`` and ``meta`` rows.

Rows read back are validated by the same rules as the JSON file
(:meth:`Progress.from_json`): a value no dltutor writes raises BadFile, and the
database is then treated as corrupt. Texts that cannot be UTF-8 (a lone
surrogate pasted into an answer) are stored as BLOBs and read back unchanged.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from tutor.store.files import BadFile
from tutor.store.records import _ITEM_FIELDS, SCHEMA, ItemProgress, Progress, utc_now

if TYPE_CHECKING:
    import sqlite3

_ITEM_COLUMNS = ", ".join(_ITEM_FIELDS)
_TEXT_FIELDS = frozenset(
    {"last_answer", "started_at", "updated_at", "solved_at", "closed_at", "practice_answer",
     "practice_at"}
)


def to_db(text: str | None) -> str | bytes | None:
    """A text as sqlite can store it: as is, or as UTF-8 bytes with its lone surrogates kept."""
    if text is None:
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")
    return text


def from_db(value: object) -> object:
    """The inverse of :func:`to_db`; anything else is returned as it is (for validation to refuse)."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return value
    return value


def current_attempt(conn: sqlite3.Connection) -> int:
    """The number of the current attempt at the homework (its row is created if missing)."""
    row = conn.execute("SELECT max(attempt) FROM homework").fetchone()
    if row[0] is None:
        conn.execute("INSERT INTO homework (attempt) VALUES (1)")
        return 1
    return int(row[0])


def load(conn: sqlite3.Connection) -> Progress:
    """The current attempt's state; raises BadFile on values no dltutor writes."""
    head = conn.execute(
        "SELECT attempt, started_at, updated_at, last_question, last_item, extra"
        " FROM homework ORDER BY attempt DESC LIMIT 1"
    ).fetchone()
    lang = conn.execute("SELECT value FROM meta WHERE key = 'lang'").fetchone()
    raw: dict[str, Any] = {}
    if head is not None:
        attempt, started_at, updated_at, last_question, last_item, extra = head
        raw = {
            **_object(extra, "homework"),
            "attempt": attempt,
            "started_at": started_at,
            "updated_at": updated_at,
            "last_question": last_question,
            "last_item": last_item,
        }
        items: dict[str, Any] = {}
        for row in conn.execute(
            f"SELECT item_id, {_ITEM_COLUMNS}, extra FROM items WHERE homework = ?", (attempt,)
        ):
            item_id, values, extra_text = from_db(row[0]), row[1:-1], row[-1]
            if not isinstance(item_id, str):
                raise BadFile("corrupt", "an item id is not text")
            entry = {**_object(extra_text, f"item {item_id}")}
            for name, value in zip(_ITEM_FIELDS, values, strict=True):
                entry[name] = from_db(value) if name in _TEXT_FIELDS else value
            later = entry["solved_later"]
            entry["solved_later"] = bool(later) if later in (0, 1) else later
            items[item_id] = entry
        raw["items"] = items
    raw["schema"] = SCHEMA
    raw["lang"] = from_db(lang[0]) if lang else None
    try:
        return Progress.from_json(raw)
    except ValueError as err:
        raise BadFile("corrupt", str(err)) from None


def _object(text: object, where: str) -> dict[str, Any]:
    try:
        value = json.loads(text) if isinstance(text, str) else None
    except (ValueError, RecursionError):
        value = None
    if not isinstance(value, dict):
        raise BadFile("corrupt", f"the extra fields of {where} are not a JSON object")
    return value


def _extra(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=True, sort_keys=True)


def save_item(conn: sqlite3.Connection, attempt: int, item_id: str, item: ItemProgress) -> None:
    values = []
    for name in _ITEM_FIELDS:
        value = getattr(item, name)
        values.append(to_db(value) if name in _TEXT_FIELDS else value)
    placeholders = ", ".join("?" for _ in range(len(_ITEM_FIELDS) + 3))
    conn.execute(
        f"INSERT OR REPLACE INTO items (homework, item_id, {_ITEM_COLUMNS}, extra)"
        f" VALUES ({placeholders})",
        (attempt, to_db(item_id), *values, _extra(item.extra)),
    )


def save(conn: sqlite3.Connection, progress: Progress, before: Progress) -> None:
    """Write what differs between ``progress`` and ``before`` (read in this transaction)."""
    attempt = before.attempt
    old = {key: item.to_json() for key, item in before.items.items()}
    for key, item in progress.items.items():
        if old.get(key) != item.to_json():
            save_item(conn, attempt, key, item)
    for key in old.keys() - progress.items.keys():
        conn.execute("DELETE FROM items WHERE homework = ? AND item_id = ?", (attempt, to_db(key)))
    conn.execute(
        "UPDATE homework SET started_at = ?, updated_at = ?, last_question = ?, last_item = ?,"
        " extra = ? WHERE attempt = ?",
        (
            progress.started_at,
            progress.updated_at,
            progress.last_question,
            to_db(progress.last_item),
            _extra(progress.extra),
            attempt,
        ),
    )
    if progress.lang != before.lang:
        set_meta(conn, "lang", progress.lang)


def insert(conn: sqlite3.Connection, progress: Progress) -> None:
    """A whole Progress as the current attempt of a new database (an imported file)."""
    conn.execute(
        "INSERT INTO homework (attempt, started_at, updated_at, last_question, last_item, extra)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            progress.attempt,
            progress.started_at,
            progress.updated_at,
            progress.last_question,
            to_db(progress.last_item),
            _extra(progress.extra),
        ),
    )
    for key, item in progress.items.items():
        save_item(conn, progress.attempt, key, item)
    if progress.lang is not None:
        set_meta(conn, "lang", progress.lang)


def start_next(conn: sqlite3.Connection) -> bool:
    """Begin the next attempt at the homework; False (nothing done) if this one has no items."""
    attempt = current_attempt(conn)
    if not conn.execute("SELECT 1 FROM items WHERE homework = ? LIMIT 1", (attempt,)).fetchone():
        return False
    now = utc_now()
    conn.execute(
        "INSERT INTO homework (attempt, started_at, updated_at) VALUES (?, ?, ?)",
        (attempt + 1, now, now),
    )
    return True


def set_meta(conn: sqlite3.Connection, key: str, value: str | None) -> None:
    if value is None:
        conn.execute("DELETE FROM meta WHERE key = ?", (key,))
    else:
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, to_db(value)))


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(from_db(row[0]))
