"""Read the families declared in ``content/NN-slug/variants.py``.

Like ``quiz.py``, ``variants.py`` is trusted course content shipped with the
tutor, so it is imported as a module; it declares ``FAMILIES``, a list of
:class:`~tutor.practice.model.Family`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tutor.practice.model import FAMILY_ID, Family, FamilyError

if TYPE_CHECKING:
    from tutor.content.models import Course

VARIANTS_FILE = "variants.py"

#: id(course) -> (course, its families); holding the course keeps its id from being reused
_cache: dict[int, tuple[Course, tuple[Family, ...]]] = {}
#: (id(course), question number) -> (course, that question's families)
_by_question: dict[tuple[int, int], tuple[Course, tuple[Family, ...]]] = {}


def load_families(course: Course | None = None) -> tuple[Family, ...]:
    """Every family of the course, in question order and then as each file lists them."""
    from tutor.content.loader import load_course

    course = course or load_course()
    cached = _cache.get(id(course))
    if cached is not None and cached[0] is course:
        return cached[1]
    families: list[Family] = []
    for question in course:
        families.extend(_question_families(course, question.number))
    ids = [f.id for f in families]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise FamilyError(course.root or "content", f"duplicate family ids: {', '.join(duplicates)}")
    result = tuple(families)
    _cache[id(course)] = (course, result)
    return result


def families_in(numbers: Iterable[int], course: Course | None = None) -> tuple[Family, ...]:
    """The families of the questions ``numbers`` only, reading only their ``variants.py``
    (the review screen's first frame needs the due families, not all of them)."""
    from tutor.content.loader import load_course

    course = course or load_course()
    wanted = set(numbers)
    return tuple(f for q in course if q.number in wanted for f in _question_families(course, q.number))


def _question_families(course: Course, number: int) -> tuple[Family, ...]:
    cached = _by_question.get((id(course), number))
    if cached is not None and cached[0] is course:
        return cached[1]
    question = course.question(number)
    path = None if question is None or question.path is None else question.path / VARIANTS_FILE
    from tutor.content.reading import optional_file

    found = None if path is None else optional_file(path)  # a FIFO there is named, not skipped
    result = tuple(_read(found, number)) if found is not None else ()
    _by_question[(id(course), number)] = (course, result)
    return result


def get_family(family_id: str, course: Course | None = None) -> Family | None:
    return next((f for f in load_families(course) if f.id == family_id), None)


def families_of(number: int, course: Course | None = None) -> tuple[Family, ...]:
    """The families that practise question ``number``."""
    return tuple(f for f in load_families(course) if f.question == number)


def _read(path: Path, number: int) -> list[Family]:
    from tutor.content.modules import import_content_module

    # sys.exit() or KeyboardInterrupt in variants.py too is a FamilyError naming the file
    module = import_content_module(path, f"tutor_content_variants_{number:02d}", FamilyError)
    declared = getattr(module, "FAMILIES", None)
    if not isinstance(declared, (list, tuple)):
        raise FamilyError(path, "FAMILIES must be a list of Family")
    families = []
    for family in declared:
        if not isinstance(family, Family):
            raise FamilyError(path, f"{family!r} is not a Family")
        match = FAMILY_ID.match(family.id)
        if match is None or int(match.group(1)) != number:
            raise FamilyError(path, f"family id '{family.id}' must look like '{number}.slug'")
        for lang in ("ru", "en"):
            if not family.idea.get(lang, "").strip():
                raise FamilyError(path, f"family {family.id} has no idea text in '{lang}'")
        families.append(Family(family.id, family.idea, family.make, source=str(path)))
    return families
