"""Shared by the review, practice and stats tests: a clock that tests move, and answers to variants."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tutor.answers.spec import ChoiceSpec
from tutor.practice.model import Variant

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)  # a Monday morning


class FakeClock:
    """Timezone-aware UTC times that move only when a test says so."""

    def __init__(self, start: datetime = START) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def right_answer(variant: Variant, lang: str = "en") -> str:
    """The reference answer as a student would type it."""
    spec = variant.item.spec
    if isinstance(spec, ChoiceSpec):
        from tutor.answers.choice import option_letter

        return option_letter(spec.answer, lang)
    return spec.answer


def wrong_answer(variant: Variant, lang: str = "en") -> tuple[str, str | None]:
    """A wrong answer and the named mistake it makes (the first declared one, if any)."""
    spec = variant.item.spec
    if isinstance(spec, ChoiceSpec):
        from tutor.answers.choice import option_letter

        index, alternative = next(iter(spec.mistakes.items()))
        return option_letter(index, lang), alternative.id
    for alternative in spec.mistakes:
        if alternative.answer:
            return alternative.answer, alternative.id
    return "123456789", None
