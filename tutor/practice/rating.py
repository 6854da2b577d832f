"""From how a variant went to the FSRS rating of its family's card (no fsrs import here).

FSRS asks how well a card was recalled: Again, Hard, Good or Easy. A variant
is not a flashcard — the student works it out and types an answer — so the
rating follows from what happened, never from a button:

- wrong (out of tries, or stopped after a wrong answer) or given up: **Again**;
- right after a hint, or at the second or a later try: **Hard**;
- right at the first try, without a hint: **Good**;
- the same, and quickly: **Easy**.

"Quickly" is at most :data:`QUICK_SECONDS` of the variant's kind, counted from
the variant shown to the right answer sent: a choice is read and picked, a
formula is derived, a number computed, a vector computed entry by entry. The
limits are generous enough for someone who knows the idea, and short enough
that looking things up does not fit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from tutor.practice.model import Variant

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
#: rating -> its name (the i18n key ``review.rating.<name>`` and the JSON word)
RATING_NAMES: dict[int, str] = {AGAIN: "again", HARD: "hard", GOOD: "good", EASY: "easy"}

VariantKind = Literal["choice", "expression", "number", "vector"]
#: seconds within which a right first answer without a hint is "quick" (rated Easy)
QUICK_SECONDS: dict[str, float] = {"choice": 20.0, "expression": 45.0, "number": 60.0, "vector": 90.0}


def variant_kind(variant: Variant) -> VariantKind:
    """What the student has to produce: a choice, a formula, a number or a vector of numbers."""
    if variant.vector is not None:
        return "vector"
    kind = variant.item.kind
    return kind if kind in ("choice", "expression") else "number"  # type: ignore[return-value]


@dataclass(frozen=True)
class Outcome:
    """How one variant went: enough to rate it.

    ``tries`` counts judged answers (an unreadable one is not a try);
    ``seconds`` runs from the variant shown to the right answer (None if unknown).
    """

    solved: bool
    tries: int
    hints: int
    seconds: float | None
    kind: VariantKind
    given_up: bool = False


def rate(outcome: Outcome) -> int:
    """The FSRS rating (1–4) for ``outcome``, by the rules in the module docstring."""
    if outcome.given_up or not outcome.solved:
        return AGAIN
    if outcome.hints > 0 or outcome.tries > 1:
        return HARD
    if outcome.seconds is not None and outcome.seconds <= QUICK_SECONDS[outcome.kind]:
        return EASY
    return GOOD
