"""Spaced review: each variant family is an FSRS card, served as fresh variants when it is due.

FSRS (the ``fsrs`` package, the scheduler Anki uses) decides when a family
comes back from the ratings of its past variants (:mod:`tutor.practice.rating`).
The cards live in the progress database (:mod:`tutor.store.cards`); ``fsrs`` is
imported only when a card is moved, so listing what is due costs nothing.

How a family enters review:

- the first time it is practised (``dltutor practice``, the app's practice
  screen): that variant is its first review;
- or when ``review`` introduces it: at most :data:`NEW_PER_DAY` new families a
  day, only from questions whose homework items are all closed (the student
  has met the idea), one question after another so a day's new cards are not
  all about one question.

Every closed variant of a family, practised or reviewed, is a review of its
card: FSRS takes early reviews into account (a same-day review barely moves
stability), so practice never hurts the schedule, and ``review`` serves only
the cards that are due. Days (due today, the 14-day forecast, the daily limit
of new cards) are the student's local days. All times come from an injected
clock, so tests can move time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, Literal

from tutor.practice.rating import AGAIN

if TYPE_CHECKING:
    from tutor.progress import Progress, ProgressStore
    from tutor.store.cards import CardRow

Clock = Callable[[], datetime]
Source = Literal["practice", "review"]

#: new families ``review`` introduces per local day (each is a worked exercise, not a flashcard)
NEW_PER_DAY = 5
#: days in the forecast of ``stats``
FORECAST_DAYS = 14
#: fsrs's card state for "Review" (graduated from learning); a lapse is Again in this state
_REVIEW_STATE = 2


def system_clock() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    """A time as the database keeps it (UTC, to the millisecond): text order is time order."""
    from tutor.store.history import utc_time

    return utc_time(moment)


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def card_id(family_id: str) -> int:
    """A stable FSRS card id per family (fsrs would otherwise use the clock and sleep 1 ms)."""
    return int.from_bytes(hashlib.sha256(f"dltutor-card:{family_id}".encode()).digest()[:6], "big")


_schedulers: dict[bool, object] = {}


def scheduler(fuzz: bool = True) -> object:
    """fsrs's Scheduler with its default parameters (desired retention 0.9, learning steps
    1 and 10 minutes, relearning 10 minutes); ``fuzz`` spreads intervals of 3 days or more a little,
    as Anki does, so cards learnt together do not all come back on one day."""
    if fuzz not in _schedulers:
        from fsrs import Scheduler

        _schedulers[fuzz] = Scheduler(enable_fuzzing=fuzz)
    return _schedulers[fuzz]


def reschedule(
    old: CardRow | None,
    family_id: str,
    rating: int,
    at: datetime,
    source: Source,
    *,
    fuzz: bool = True,
) -> CardRow:
    """The card of ``family_id`` after a variant rated ``rating`` at ``at`` (a new card if ``old`` is None)."""
    from fsrs import Card, Rating

    from tutor.store.cards import CardRow

    when = at.astimezone(timezone.utc)
    card = Card(card_id=card_id(family_id), due=when) if old is None else Card.from_json(old.card)
    was_review = card.state == _REVIEW_STATE
    moved, _ = scheduler(fuzz).review_card(card, Rating(rating), review_datetime=when)  # type: ignore[attr-defined]
    return CardRow(
        family_id=family_id,
        card=json.dumps(moved.to_dict(), sort_keys=True),
        due=iso(moved.due),
        last_review=iso(moved.last_review) if moved.last_review else None,
        reviews=(old.reviews if old else 0) + 1,
        lapses=(old.lapses if old else 0) + (1 if was_review and rating == AGAIN else 0),
        introduced_at=old.introduced_at if old else iso(when),
        introduced_by=old.introduced_by if old else source,
    )


@dataclass(frozen=True)
class DueSummary:
    """What the home screen and ``review`` say: due today, and when the next one is."""

    due_now: int
    due_today: int
    new_today: int
    next_due: datetime | None


class ReviewSchedule:
    """Which families are due, and when the next ones will be; reads the store, never writes.

    ``tz`` is the student's time zone for "today" (None: the system's).
    """

    def __init__(
        self,
        store: ProgressStore,
        *,
        clock: Clock = system_clock,
        tz: tzinfo | None = None,
        new_per_day: int = NEW_PER_DAY,
    ) -> None:
        self.store = store
        self.clock = clock
        self.tz = tz
        self.new_per_day = new_per_day

    def now(self) -> datetime:
        moment = self.clock()
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("the review clock must give timezone-aware times")
        return moment.astimezone(timezone.utc)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.tz) if self.tz is not None else moment.astimezone()

    def day_end(self, day: date) -> datetime:
        """The first moment of the local day after ``day``, in UTC."""
        tz = self.tz or self.local(self.now()).tzinfo
        return datetime.combine(day + timedelta(days=1), time(), tzinfo=tz).astimezone(timezone.utc)

    def cards(self) -> list[CardRow]:
        return self.store.cards()

    def due_cards(self, cards: Sequence[CardRow] | None = None) -> list[CardRow]:
        """The cards due now, the longest overdue first."""
        now = iso(self.now())
        return [c for c in (self.cards() if cards is None else cards) if c.due <= now]

    def new_families(
        self,
        families: Iterable[str],
        progress: Progress,
        question_items: dict[int, list[str]],
        cards: Sequence[CardRow] | None = None,
    ) -> list[str]:
        """Families ``review`` may introduce now: not yet cards, from questions whose homework
        items are all closed, taking turns between questions, within today's allowance."""
        cards = self.cards() if cards is None else cards
        known = {c.family_id for c in cards}
        today = self.local(self.now()).date()
        introduced = sum(
            1 for c in cards
            if c.introduced_by == "review" and self.local(parse_time(c.introduced_at)).date() == today
        )
        allowance = max(0, self.new_per_day - introduced)
        if not allowance:
            return []
        met = met_questions(progress, question_items)
        by_question: dict[int, list[str]] = {}
        for family in families:
            number = int(family.split(".", 1)[0])
            if number in met and family not in known:
                by_question.setdefault(number, []).append(family)
        turns: list[str] = []
        queues = [by_question[n] for n in sorted(by_question)]
        while queues and len(turns) < allowance:
            for queue in queues:
                if queue and len(turns) < allowance:
                    turns.append(queue.pop(0))
            queues = [q for q in queues if q]
        return turns

    def summary(self, cards: Sequence[CardRow] | None = None, new_today: int = 0) -> DueSummary:
        """Due now, due by the end of the local day, and the soonest due time (past: due now)."""
        cards = self.cards() if cards is None else cards
        now = self.now()
        now_text = iso(now)
        end = iso(self.day_end(self.local(now).date()))
        return DueSummary(
            due_now=sum(1 for c in cards if c.due <= now_text),
            due_today=sum(1 for c in cards if c.due < end),
            new_today=new_today,
            next_due=parse_time(min(c.due for c in cards)) if cards else None,
        )

    def forecast(self, days: int = FORECAST_DAYS, cards: Sequence[CardRow] | None = None) -> list[tuple[date, int]]:
        """Cards due on each of the next ``days`` local days; overdue ones count on today."""
        cards = self.cards() if cards is None else cards
        today = self.local(self.now()).date()
        ends = [iso(self.day_end(today + timedelta(days=k))) for k in range(days)]
        counts = [0] * days
        for card in cards:
            for k, end in enumerate(ends):
                if card.due < end:
                    counts[k] += 1
                    break
        return [(today + timedelta(days=k), counts[k]) for k in range(days)]


def met_questions(progress: Progress, question_items: dict[int, list[str]]) -> set[int]:
    """The questions whose homework items are all closed: their families may enter review."""
    return {
        number for number, ids in question_items.items()
        if ids and all(progress.item(i).closed for i in ids)
    }


def question_items(items: Iterable[object]) -> dict[int, list[str]]:
    """The homework items of each question (the ids ``new_families`` checks are closed)."""
    out: dict[int, list[str]] = {}
    for item in items:
        out.setdefault(int(item.question), []).append(str(item.id))  # type: ignore[attr-defined]
    return out
