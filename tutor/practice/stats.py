"""Mastery at a glance: accuracy per idea over time, the commonest mistakes, reviews ahead.

Everything is computed from the attempt history and the review cards by a few
grouped queries (served by the history's indexes), so ``stats`` stays well
under a second over 100,000 attempts (``bench/practice.py``). The result is
plain data for the CLI, the app and ``stats --json``; drawing is elsewhere
(:mod:`tutor.practice.stats_plots`).

An *idea* is a variant family: its accuracy counts the judged answers and
give-ups of its variants in practice and review (the homework's own answers
are the homework's score, not practice). Mistakes are counted over every kind
of answer, homework included: a mistake is worth knowing wherever it was made.
Days of the history are UTC days (as the history groups them); days of the
forecast are the student's local days.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.practice.model import Family
    from tutor.practice.review import ReviewSchedule

#: weeks in each idea's accuracy trend
TREND_WEEKS = 8
#: the commonest mistakes listed
TOP_MISTAKES = 8
#: the version of the ``--json`` layout
STATS_SCHEMA = 1
PRACTICE_KINDS = ("practice", "review")


@dataclass(frozen=True)
class Tally:
    answered: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answered if self.answered else None

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.answered + other.answered, self.correct + other.correct)


@dataclass(frozen=True)
class IdeaStats:
    """One family: its totals, its weekly trend (oldest week first), and its card if it has one."""

    family: str
    question: int
    idea: dict[str, str]
    total: Tally
    weeks: tuple[Tally, ...]
    due: str | None = None
    reviews: int = 0
    lapses: int = 0


@dataclass(frozen=True)
class MistakeStats:
    key: str
    mistake: str
    count: int


@dataclass(frozen=True)
class Stats:
    now: datetime
    week_starts: tuple[date, ...]
    ideas: tuple[IdeaStats, ...]
    daily: tuple[tuple[date, Tally], ...]
    mistakes: tuple[MistakeStats, ...]
    due_now: int
    due_today: int
    next_due: datetime | None
    forecast: tuple[tuple[date, int], ...]

    @property
    def practised(self) -> tuple[IdeaStats, ...]:
        """The ideas with at least one answer, or a card."""
        return tuple(i for i in self.ideas if i.total.answered or i.due)

    def to_json(self, lang: str) -> dict[str, Any]:
        def tally(t: Tally) -> dict[str, Any]:
            return {"answered": t.answered, "correct": t.correct,
                    "accuracy": None if t.accuracy is None else round(t.accuracy, 4)}

        return {
            "schema": STATS_SCHEMA,
            "now": self.now.isoformat(timespec="seconds"),
            "ideas": [
                {
                    "family": i.family,
                    "question": i.question,
                    "idea": i.idea[lang],
                    **tally(i.total),
                    "weeks": [
                        {"week": start.isoformat(), **tally(w)}
                        for start, w in zip(self.week_starts, i.weeks, strict=True)
                    ],
                    "card": None if i.due is None else {"due": i.due, "reviews": i.reviews,
                                                        "lapses": i.lapses},
                }
                for i in self.ideas
            ],
            "daily": [{"day": d.isoformat(), **tally(t)} for d, t in self.daily],
            "mistakes": [asdict(m) for m in self.mistakes],
            "reviews": {
                "due_now": self.due_now,
                "due_today": self.due_today,
                "next_due": None if self.next_due is None else self.next_due.isoformat(timespec="seconds"),
                "forecast": [{"day": d.isoformat(), "due": n} for d, n in self.forecast],
            },
        }


def collect(families: Sequence[Family], schedule: ReviewSchedule) -> Stats:
    """The stats of the student whose store ``schedule`` reads, at ``schedule``'s clock."""
    store = schedule.store
    now = schedule.now()
    today = schedule.local(now).date()
    this_week = today - timedelta(days=today.weekday())
    week_starts = tuple(this_week - timedelta(weeks=k) for k in range(TREND_WEEKS - 1, -1, -1))
    known = {f.id for f in families}

    totals: dict[str, Tally] = {}
    weekly: dict[tuple[str, date], Tally] = {}
    daily: dict[date, Tally] = {}
    for row in store.attempt_counts(period="day", kinds=PRACTICE_KINDS):
        if row.key not in known:
            continue  # a closed homework item practised: the homework's, not an idea's
        tally = Tally(row.answered, row.correct)
        day = date.fromisoformat(row.period)
        totals[row.key] = totals.get(row.key, Tally()) + tally
        week = day - timedelta(days=day.weekday())
        weekly[(row.key, week)] = weekly.get((row.key, week), Tally()) + tally
        daily[day] = daily.get(day, Tally()) + tally

    cards = schedule.cards()
    by_family = {c.family_id: c for c in cards}
    ideas = []
    for family in families:
        card = by_family.get(family.id)
        ideas.append(IdeaStats(
            family=family.id,
            question=family.question,
            idea=dict(family.idea),
            total=totals.get(family.id, Tally()),
            weeks=tuple(weekly.get((family.id, start), Tally()) for start in week_starts),
            due=card.due if card else None,
            reviews=card.reviews if card else 0,
            lapses=card.lapses if card else 0,
        ))
    mistakes = tuple(
        MistakeStats(m.key, m.mistake, m.count) for m in store.common_mistakes(limit=TOP_MISTAKES)
    )
    summary = schedule.summary(cards)
    return Stats(
        now=now,
        week_starts=week_starts,
        ideas=tuple(ideas),
        daily=tuple(sorted(daily.items())),
        mistakes=mistakes,
        due_now=summary.due_now,
        due_today=summary.due_today,
        next_due=summary.next_due,
        forecast=tuple(schedule.forecast(cards=cards)),
    )


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(weeks: Sequence[Tally]) -> str:
    """Accuracy per week as one glyph each (▁ none right … █ all right; · no answers that week)."""
    out = []
    for week in weeks:
        accuracy = week.accuracy
        out.append("·" if accuracy is None else SPARKS[min(len(SPARKS) - 1, int(accuracy * len(SPARKS)))])
    return "".join(out)
