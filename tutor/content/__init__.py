"""Loading and validating the course content under ``content/`` (no UI imports).

The names below are exported lazily: importing ``tutor.content.outline`` or
``tutor.content.errors`` must not pull in the loader (tomllib, dataclasses),
which ``dltutor list`` cannot afford at start-up.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # not typing's: importing typing costs 2 ms of start-up
if TYPE_CHECKING:
    from tutor.content.errors import ContentError
    from tutor.content.loader import content_root, load_course
    from tutor.content.models import Course, Part, Question, Step

_EXPORTS = {
    "ContentError": "tutor.content.errors",
    "content_root": "tutor.content.loader",
    "load_course": "tutor.content.loader",
    "Course": "tutor.content.models",
    "Part": "tutor.content.models",
    "Question": "tutor.content.models",
    "Step": "tutor.content.models",
}

__all__ = ["ContentError", "Course", "Part", "Question", "Step", "content_root", "load_course"]


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'tutor.content' has no attribute {name!r}")
