"""Scores per question out of the seed's points, shared by the quiz summary and ``progress``.

The rule is deliberately simple and stated to the student: a solved item earns
its full points however many hints or attempts it took; anything else earns 0.
Points are decided when an item is first closed (solved, failed or given up) and
the store keeps them from then on: practice afterwards never changes them.
Items of a question carry points that sum to the question's points (1, 1, 3, 1,
1, 1, 1, 1: 10 in all), so per-question scores are sums over items.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tutor.content.models import Course, Localized
from tutor.quiz.items import QuizItem

if TYPE_CHECKING:
    from tutor.progress import ItemProgress


@dataclass(frozen=True)
class QuestionScore:
    """One question's row: what was earned out of the points its items carry."""

    number: int
    title: Localized
    score: float
    points: float
    item_ids: tuple[str, ...]


def format_points(points: float) -> str:
    """0.5 → "0.5", 2.0 → "2": points as a person writes them."""
    return f"{round(points, 3):g}"


def earned_points(item: QuizItem, score: float) -> float:
    """A stored score never counts for more than the item is worth now."""
    return max(0.0, min(float(score), float(item.points)))


def saved_points(item: QuizItem, record: ItemProgress) -> float:
    """What a saved item counts for: its decided score if solved, else 0."""
    return earned_points(item, record.score) if record.status == "solved" else 0.0


def score_questions(
    items: Iterable[QuizItem], earned: Mapping[str, float], course: Course | None
) -> tuple[QuestionScore, ...]:
    """Group ``items`` by question (in first-seen order) and add up their ``earned`` points."""
    grouped: dict[int, list[QuizItem]] = {}
    for item in items:
        grouped.setdefault(item.question, []).append(item)
    rows = []
    for number, group in grouped.items():
        question = course.question(number) if course is not None else None
        title = question.title if question is not None else {"ru": str(number), "en": str(number)}
        rows.append(
            QuestionScore(
                number=number,
                title=title,
                score=sum(earned_points(i, earned.get(i.id, 0.0)) for i in group),
                points=sum(float(i.points) for i in group),
                item_ids=tuple(i.id for i in group),
            )
        )
    return tuple(rows)


def question_status(statuses: Iterable[str]) -> str:
    """A question's status from its items'.

    Untouched when none is started, solved when all are; when every item is
    closed but not all solved, "given-up" if the unsolved ones were all given
    up, else "failed" (out of attempts: "not solved"). Anything else is in progress.
    """
    seen = list(statuses)
    if not seen or all(s == "not-started" for s in seen):
        return "not-started"
    if all(s == "solved" for s in seen):
        return "solved"
    if all(s in ("solved", "failed", "given-up") for s in seen):
        return "given-up" if all(s in ("solved", "given-up") for s in seen) else "failed"
    return "in-progress"
