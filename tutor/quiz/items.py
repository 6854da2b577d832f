"""The quiz item model shared by the checker, the quiz session and the front ends."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

from tutor.content.errors import ContentError
from tutor.content.models import Localized

if TYPE_CHECKING:
    from tutor.content.models import Course

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


class QuizItemError(ContentError):
    """A ``quiz.py`` that does not declare its items properly (the author's mistake).

    A content error, so every verb reports it as one line naming the file, not a traceback.
    """


#: id(course) -> (course, its items). Holding the course keeps its id from being reused, and a
#: course loaded afresh (lint, edited content) gets its own items rather than stale ones.
_items_cache: dict[int, tuple[Course, tuple[QuizItem, ...]]] = {}


def load_items(course: Course | None = None) -> tuple[QuizItem, ...]:
    """Every quiz item of the course, in question order, from each ``content/NN-slug/quiz.py``.

    ``quiz.py`` is trusted course content (it ships with the tutor), so it is
    imported as a module; it declares ``ITEMS`` and, for the tests, ``EXAMPLES``.
    """
    from tutor.content.loader import load_course

    course = course or load_course()
    cached = _items_cache.get(id(course))
    if cached is not None and cached[0] is course:
        return cached[1]
    items: list[QuizItem] = []
    for question in course:
        if question.quiz_path is None:
            continue
        module = load_quiz_module(question.quiz_path, question.number)
        declared = getattr(module, "ITEMS", None)
        if not isinstance(declared, (list, tuple)):
            raise QuizItemError(question.quiz_path, "ITEMS must be a list of QuizItem")
        part_ids = {p.id for p in question.parts}
        for item in declared:
            if not isinstance(item, QuizItem) or item.question != question.number:
                raise QuizItemError(question.quiz_path, f"{item!r} is not an item of question {question.number}")
            if item.part is not None and part_ids and item.part not in part_ids:
                raise QuizItemError(question.quiz_path, f"item {item.id}: unknown part {item.part}")
            items.append(item)
    ids = [item.id for item in items]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise QuizItemError(course.root or "content", f"duplicate quiz item ids: {', '.join(duplicates)}")
    result = tuple(items)
    _items_cache[id(course)] = (course, result)
    return result


def load_quiz_module(path: Path, number: int) -> ModuleType:
    """Import ``quiz.py``; anything it raises (``sys.exit()`` included) is a QuizItemError naming the file."""
    from tutor.content.modules import import_content_module

    return import_content_module(path, f"tutor_content_quiz_{number:02d}", QuizItemError)


def get_item(item_id: str, course: Course | None = None) -> QuizItem | None:
    return next((item for item in load_items(course) if item.id == item_id), None)
