"""The quiz item model shared by the checker, the quiz session and the front ends."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from tutor.content.models import Localized

ItemKind = Literal["expression", "number", "choice", "self-check"]


@dataclass(frozen=True)
class QuizItem:
    """One auto-checked question, declared in ``content/NN-slug/quiz.py``.

    ``spec`` holds what only the checker reads (reference answers, symbols and
    their sampling domains, accepted conventions, known mistakes, choices); the
    session and the front ends need only the fields above it.
    """

    id: str
    question: int
    part: str | None
    kind: ItemKind
    prompt: Localized
    hints: tuple[Localized, ...]
    points: float
    spec: Any = None
