"""Practice beyond the homework: variant families with worked solutions (no UI imports).

A front end lists the families (:func:`load_families`: id, question, idea) and
turns a seed into a :class:`Variant` with ``family.variant(seed)``; the
variant's ``item`` is checked with :func:`tutor.answers.check_answer`. Names
are exported lazily, so importing this package costs nothing.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # not typing's: importing typing costs start-up time
if TYPE_CHECKING:
    from tutor.practice.loader import families_in, families_of, get_family, load_families
    from tutor.practice.model import Exercise, Family, FamilyError, Variant, WorkedStep
    from tutor.practice.seeds import fresh_seed

_EXPORTS = {
    "Exercise": "tutor.practice.model",
    "Family": "tutor.practice.model",
    "FamilyError": "tutor.practice.model",
    "Variant": "tutor.practice.model",
    "WorkedStep": "tutor.practice.model",
    "families_in": "tutor.practice.loader",
    "families_of": "tutor.practice.loader",
    "get_family": "tutor.practice.loader",
    "load_families": "tutor.practice.loader",
    "fresh_seed": "tutor.practice.seeds",
}

__all__ = [
    "Exercise",
    "Family",
    "FamilyError",
    "Variant",
    "WorkedStep",
    "families_in",
    "families_of",
    "fresh_seed",
    "get_family",
    "load_families",
]


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'tutor.practice' has no attribute {name!r}")
