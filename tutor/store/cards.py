"""The rows of spaced review: one FSRS card per variant family, and the review log.

The card itself is opaque here (``fsrs.Card.to_json()``, read and written by
:mod:`tutor.practice.review`); this module only stores it, with ``due`` and
``last_review`` copied into columns so that "what is due" and "the next 14
days" are index lookups. A review changes the card and appends to the log and
to the attempt history in one transaction (:meth:`ProgressStore.record_review`),
so a card never moves without the answer that moved it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tutor.store.homework import from_db, to_db

if TYPE_CHECKING:
    import sqlite3

#: how a family entered review: practised on demand, or introduced by ``review`` itself
SOURCES: tuple[str, ...] = ("practice", "review")
_COLUMNS = "family_id, card, due, last_review, reviews, lapses, introduced_at, introduced_by"


@dataclass(frozen=True)
class CardRow:
    """One family's card as stored; times are ISO 8601 in UTC."""

    family_id: str
    card: str
    due: str
    last_review: str | None
    reviews: int
    lapses: int
    introduced_at: str
    introduced_by: str


@dataclass(frozen=True)
class ReviewRow:
    """One rated variant of a family (FSRS's review log)."""

    family_id: str
    at: str
    kind: str
    rating: int
    seconds: float | None
    attempt: int | None


def _card(row: tuple[object, ...]) -> CardRow:
    values = [from_db(value) for value in row]
    return CardRow(
        str(values[0]), str(values[1]), str(values[2]),
        None if values[3] is None else str(values[3]),
        int(values[4] or 0), int(values[5] or 0), str(values[6]), str(values[7]),
    )


def select(conn: sqlite3.Connection, family_id: str | None = None) -> list[CardRow]:
    """Every card (or the one of ``family_id``), soonest due first."""
    sql = f"SELECT {_COLUMNS} FROM cards"
    values: list[object] = []
    if family_id is not None:
        sql += " WHERE family_id = ?"
        values.append(to_db(family_id))
    sql += " ORDER BY due, family_id"
    return [_card(row) for row in conn.execute(sql, values)]


def save(conn: sqlite3.Connection, row: CardRow) -> None:
    """Insert or replace the card of ``row.family_id``."""
    if row.introduced_by not in SOURCES:
        raise ValueError(f"introduced_by must be one of {', '.join(SOURCES)}")
    conn.execute(
        f"INSERT OR REPLACE INTO cards ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            to_db(row.family_id), row.card, row.due, row.last_review, row.reviews, row.lapses,
            row.introduced_at, row.introduced_by,
        ),
    )


def log(conn: sqlite3.Connection, review: ReviewRow) -> int:
    """Append one rating to the review log; returns its id."""
    if not 1 <= review.rating <= 4:
        raise ValueError("a rating is 1 (again) to 4 (easy)")
    cursor = conn.execute(
        "INSERT INTO card_reviews (family_id, at, kind, rating, seconds, attempt)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (to_db(review.family_id), review.at, review.kind, review.rating,
         None if review.seconds is None else float(review.seconds), review.attempt),
    )
    return int(cursor.lastrowid or 0)


def reviews(conn: sqlite3.Connection, family_id: str | None = None) -> list[ReviewRow]:
    """The review log (of one family, or all), oldest first."""
    sql = "SELECT family_id, at, kind, rating, seconds, attempt FROM card_reviews"
    values: list[object] = []
    if family_id is not None:
        sql += " WHERE family_id = ?"
        values.append(to_db(family_id))
    sql += " ORDER BY id"
    return [
        ReviewRow(str(from_db(f)), str(at), str(kind), int(rating),
                  None if seconds is None else float(seconds), None if attempt is None else int(attempt))
        for f, at, kind, rating, seconds, attempt in conn.execute(sql, values)
    ]
