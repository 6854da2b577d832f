"""User text → safe tree → verdict. No Textual or Rich here, and numpy/sympy only when judging.

Public API: :func:`check_answer` and :func:`interpret` (loaded lazily so that
importing :mod:`tutor.answers` costs nothing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.answers.judge import Interpretation, check_answer, interpret

__all__ = ["Interpretation", "check_answer", "interpret"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from tutor.answers import judge

        return getattr(judge, name)
    raise AttributeError(name)
