"""Typed, immutable views of the content files.

Text that exists in both languages is a ``Localized`` mapping ``{"ru": …, "en": …}``;
the loader guarantees both keys are present, so front ends index it directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

Localized = Mapping[str, str]


@dataclass(frozen=True)
class Part:
    """A sub-question such as 1a or 3.2; ``id`` is the full id used by quiz items."""

    id: str
    title: Localized
    points: float | None = None


@dataclass(frozen=True)
class Step:
    """One idea of a worked solution, revealed one at a time.

    ``part`` names the sub-question the step belongs to, or None for steps that
    concern the whole question. ``reveals`` names the quiz items whose final
    answer the step states (``<!-- reveals: 3.1 -->``), so a front end can ask
    before showing it while one of them is open.
    """

    index: int
    title: str
    body: str
    part: str | None = None
    reveals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Question:
    number: int
    slug: str
    points: float
    title: Localized
    statement: Localized
    steps: Mapping[str, tuple[Step, ...]]
    parts: tuple[Part, ...] = ()
    path: Path | None = None
    quiz_path: Path | None = None
    plots: tuple[str, ...] = ()
    lab: str | None = None

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)

    def solution(self, lang: str) -> tuple[Step, ...]:
        return self.steps[lang]


@dataclass(frozen=True)
class Course:
    questions: tuple[Question, ...]
    root: Path | None = None
    total_points: float = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "total_points", sum(q.points for q in self.questions))

    def question(self, number: int) -> Question | None:
        return next((q for q in self.questions if q.number == number), None)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)
