"""Which solution steps give an open item's answer away, and what is at stake.

A solution step marked ``<!-- reveals: 3.1 -->`` states item 3.1's final answer.
Showing it while 3.1 is open would let a student read the answer and then type
it, so front ends ask first ("Item 3.1 (2 pt) will count as given up") and, on
yes, record the give-up before showing the step. This module answers the
question "does this step need that confirmation now?" for any saved progress.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tutor.quiz.items import QuizItem

if TYPE_CHECKING:
    from tutor.content.models import Step
    from tutor.progress import Progress


@dataclass(frozen=True)
class RevealStake:
    """The open items that showing something would close as given up, and their points."""

    item_ids: tuple[str, ...]
    points: float

    def __bool__(self) -> bool:
        return bool(self.item_ids)


def open_items_revealed(
    steps: Iterable[Step], items: Iterable[QuizItem], progress: Progress
) -> RevealStake:
    """What showing ``steps`` would give away: the open items they reveal (in course order).

    Ids the course's ``items`` do not know are ignored (a stand-in course in
    tests, or content whose item was removed: the loader rejects such markers).
    """
    revealed = {item_id for step in steps for item_id in step.reveals}
    at_stake = [item for item in items if item.id in revealed and not progress.item(item.id).closed]
    return RevealStake(tuple(i.id for i in at_stake), sum(float(i.points) for i in at_stake))


def steps_needing_confirmation(
    steps: Iterable[Step], items: Iterable[QuizItem], progress: Progress
) -> dict[int, RevealStake]:
    """Step index → its stake, for the steps that would give away an open item now."""
    items = tuple(items)
    stakes = {}
    for step in steps:
        stake = open_items_revealed((step,), items, progress)
        if stake:
            stakes[step.index] = stake
    return stakes
