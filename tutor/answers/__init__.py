"""User text → safe tree → verdict. No Textual or Rich here, and numpy/sympy only when judging.

Public API: :func:`check_answer`, :func:`interpret` and :func:`simplify_echo`
(loaded lazily so that importing :mod:`tutor.answers` costs nothing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tutor.answers.judge import Interpretation, check_answer, interpret
    from tutor.answers.symbolic import simplify_echo

__all__ = ["Interpretation", "check_answer", "interpret", "simplify_echo"]


def __getattr__(name: str) -> Any:
    if name == "simplify_echo":
        from tutor.answers import symbolic

        return symbolic.simplify_echo
    if name in __all__:
        from tutor.answers import judge

        return getattr(judge, name)
    raise AttributeError(name)
