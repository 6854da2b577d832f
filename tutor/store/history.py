"""The attempt history: one appended row per answer, hint or give-up, and the questions stats ask.

Rows are never updated or deleted (a reset starts a new homework attempt and
keeps them all). The queries below are what ``stats`` and the review layer
need; each is served by an index on ``attempts`` (see :mod:`tutor.store.schema`)
and stays well inside a second over 100,000 rows (``bench/store.py``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Literal

from tutor.store.homework import from_db, to_db

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterable

AttemptKind = Literal["homework", "practice", "review"]
KINDS: tuple[str, ...] = ("homework", "practice", "review")
#: statuses of rows that are not answers
HINT, GIVEN_UP = "hint", "given-up"
#: what counts as an answered attempt in the stats: a judged answer or a give-up
ANSWERED: tuple[str, ...] = ("correct", "incorrect", GIVEN_UP)
_INT64 = 2**63
_COLUMNS = (
    "id, at, kind, item_id, family_id, seed, answer, status, mistake, hints_used, seconds, homework"
)


@dataclass(frozen=True)
class Attempt:
    """One row of the history, as appended."""

    id: int
    at: str
    kind: str
    item_id: str | None
    family_id: str | None
    seed: int | None
    answer: str | None
    status: str
    mistake: str | None
    hints_used: int
    seconds: float | None
    homework: int | None


@dataclass(frozen=True)
class AttemptCount:
    """Answered attempts at one item or family in one period, and how many were right."""

    key: str
    period: str
    answered: int
    correct: int


@dataclass(frozen=True)
class MistakeCount:
    key: str
    mistake: str
    count: int


def utc_time(at: datetime | None) -> str:
    """``at`` (now if None) as the history writes it: UTC, ISO 8601, to the millisecond."""
    if at is None:
        at = datetime.now(timezone.utc)
    elif at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("a time in the history must be timezone-aware")
    return at.astimezone(timezone.utc).isoformat(timespec="milliseconds")


def check(
    kind: str,
    *,
    item_id: str | None,
    family_id: str | None,
    seed: int | None,
    answer: str | None,
    status: str,
    mistake: str | None,
    hints_used: int,
    seconds: float | None,
) -> None:
    """ValueError unless the row is one the history holds (the schema's CHECKs, said first)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if (item_id is None) == (family_id is None):
        raise ValueError("an attempt names exactly one of item_id and family_id")
    for name, value in (("item_id", item_id), ("family_id", family_id), ("mistake", mistake),
                        ("answer", answer)):
        if value is not None and not isinstance(value, str):
            raise ValueError(f"{name} must be text")
    if not isinstance(status, str) or not status:
        raise ValueError("status must be a non-empty text")
    if seed is not None:
        if family_id is None:
            raise ValueError("a seed belongs to a family's variant")
        if isinstance(seed, bool) or not isinstance(seed, int) or not -_INT64 <= seed < _INT64:
            raise ValueError("seed must be an integer of at most 64 bits")
    if isinstance(hints_used, bool) or not isinstance(hints_used, int) or hints_used < 0:
        raise ValueError("hints_used must be a non-negative integer")
    if seconds is not None and (
        isinstance(seconds, bool)
        or not isinstance(seconds, (int, float))
        or not math.isfinite(seconds)
        or seconds < 0
    ):
        raise ValueError("seconds must be a non-negative number or None")


def append(
    conn: sqlite3.Connection,
    kind: str,
    *,
    at: str,
    item_id: str | None = None,
    family_id: str | None = None,
    seed: int | None = None,
    answer: str | None = None,
    status: str,
    mistake: str | None = None,
    hints_used: int = 0,
    seconds: float | None = None,
    homework: int | None = None,
) -> int:
    """Append one row (validated by :func:`check` first); returns its id."""
    check(
        kind, item_id=item_id, family_id=family_id, seed=seed, answer=answer, status=status,
        mistake=mistake, hints_used=hints_used, seconds=seconds,
    )
    cursor = conn.execute(
        "INSERT INTO attempts (at, kind, item_id, family_id, seed, answer, status, mistake,"
        " hints_used, seconds, homework) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            at, kind, to_db(item_id), to_db(family_id), seed, to_db(answer), to_db(status),
            to_db(mistake), hints_used, None if seconds is None else float(seconds), homework,
        ),
    )
    return int(cursor.lastrowid or 0)


def _filters(
    kinds: Iterable[str] | None, since: datetime | None
) -> tuple[list[str], list[object]]:
    where: list[str] = []
    values: list[object] = []
    if kinds is not None:
        chosen = tuple(kinds)
        where.append(f"kind IN ({', '.join('?' for _ in chosen)})" if chosen else "0")
        values.extend(chosen)
    if since is not None:
        where.append("at >= ?")
        values.append(utc_time(since))
    return where, values


def select(
    conn: sqlite3.Connection,
    *,
    item_id: str | None = None,
    family_id: str | None = None,
    kinds: Iterable[str] | None = None,
    since: datetime | None = None,
    limit: int | None = None,
) -> list[Attempt]:
    """The rows for an item or a family (or all), oldest first; the newest ``limit`` if given."""
    where, values = _filters(kinds, since)
    if item_id is not None:
        where.append("item_id = ?")
        values.append(to_db(item_id))
    if family_id is not None:
        where.append("family_id = ?")
        values.append(to_db(family_id))
    sql = f"SELECT {_COLUMNS} FROM attempts"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id DESC"
    if limit is not None:
        sql += " LIMIT ?"
        values.append(max(0, int(limit)))
    rows = [Attempt(*(from_db(value) for value in row)) for row in conn.execute(sql, values)]
    rows.reverse()
    return rows


#: how much of the ISO time names a period
_PERIODS = {"day": 10, "month": 7, "year": 4}


def counts(
    conn: sqlite3.Connection,
    *,
    period: Literal["day", "month", "year"] = "day",
    kinds: Iterable[str] | None = None,
    since: datetime | None = None,
) -> list[AttemptCount]:
    """Answered attempts and right ones per item or family per period (UTC), in order."""
    if period not in _PERIODS:
        raise ValueError(f"period must be one of {', '.join(_PERIODS)}")
    where, values = _filters(kinds, since)
    where.append(f"status IN ({', '.join('?' for _ in ANSWERED)})")
    values.extend(ANSWERED)
    sql = (
        f"SELECT coalesce(item_id, family_id) AS key, substr(at, 1, {_PERIODS[period]}) AS period,"
        " count(*), sum(status = 'correct') FROM attempts"
        f" WHERE {' AND '.join(where)} GROUP BY key, period ORDER BY key, period"
    )
    return [
        AttemptCount(str(from_db(key)), period_text, int(answered), int(right or 0))
        for key, period_text, answered, right in conn.execute(sql, values)
    ]


def mistakes(
    conn: sqlite3.Connection,
    *,
    kinds: Iterable[str] | None = None,
    since: datetime | None = None,
    limit: int = 10,
) -> list[MistakeCount]:
    """The commonest named mistakes, per item or family, most frequent first."""
    where, values = _filters(kinds, since)
    where.append("mistake IS NOT NULL")
    sql = (
        "SELECT coalesce(item_id, family_id) AS key, mistake, count(*) AS n FROM attempts"
        f" WHERE {' AND '.join(where)} GROUP BY key, mistake ORDER BY n DESC, key, mistake LIMIT ?"
    )
    values.append(max(0, int(limit)))
    return [
        MistakeCount(str(from_db(key)), str(from_db(mistake)), int(n))
        for key, mistake, n in conn.execute(sql, values)
    ]
