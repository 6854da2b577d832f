"""The course outline (numbers, titles, parts, points) without loading the course.

``dltutor list`` needs only this, and its start-up budget (issue 2: ≤ 1.5× the
time of ``python -c "import rich"``) leaves no room for tomllib, dataclasses and
pathlib. So the outline is derived once from the full loader and kept in the
user cache as marshal data, keyed by the size and mtime of every content file:
any edit to the content rebuilds it. The cache is only an optimisation; when it
cannot be read or written, the outline is computed from the loader as usual.
"""

from __future__ import annotations

import marshal
import os
from collections import namedtuple

from tutor import __version__
from tutor.content.paths import cache_dir, content_root

TYPE_CHECKING = False  # not typing's: importing typing costs 2 ms of the start-up budget
if TYPE_CHECKING:
    from typing import NamedTuple

    from tutor.content.models import Course

    class PartOutline(NamedTuple):
        id: str
        title: dict[str, str]
        points: float | None

    class QuestionOutline(NamedTuple):
        number: int
        slug: str
        points: float
        title: dict[str, str]
        parts: tuple[PartOutline, ...]

else:
    PartOutline = namedtuple("PartOutline", "id title points")
    QuestionOutline = namedtuple("QuestionOutline", "number slug points title parts")

CACHE_FORMAT = 1


def signature(root: str) -> list[tuple[str, int, int]]:
    """(relative path, mtime in ns, size) of every content file: cheap to take, exact to compare."""
    found: list[tuple[str, int, int]] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith((".", "__pycache__")):
                    continue
                if entry.is_dir():
                    stack.append(entry.path)
                else:
                    info = entry.stat()
                    found.append(
                        (os.path.relpath(entry.path, root), info.st_mtime_ns, info.st_size)
                    )
    return sorted(found)


def outline_of(course: Course) -> tuple[QuestionOutline, ...]:
    return tuple(
        QuestionOutline(
            q.number,
            q.slug,
            q.points,
            dict(q.title),
            tuple(PartOutline(p.id, dict(p.title), p.points) for p in q.parts),
        )
        for q in course
    )


def load_outline(root: str | None = None) -> tuple[QuestionOutline, ...]:
    root = os.path.abspath(root or content_root())
    key = [CACHE_FORMAT, __version__, root, signature(root) if os.path.isdir(root) else []]
    path = os.path.join(cache_dir(), "outline.marshal")
    cached = _read(path)
    if cached is not None and cached[0] == key:
        return tuple(
            QuestionOutline(n, s, pts, t, tuple(PartOutline(*p) for p in parts))
            for n, s, pts, t, parts in cached[1]
        )
    from pathlib import Path

    from tutor.content.loader import load_course

    outline = outline_of(load_course(Path(root), cached=False))  # raises ContentError for broken content
    _write(path, [key, [(*q[:4], [tuple(p) for p in q.parts]) for q in outline]])
    return outline


def _read(path: str) -> list | None:  # type: ignore[type-arg]
    try:
        with open(path, "rb") as handle:
            data = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return data if isinstance(data, list) and len(data) == 2 else None


def _write(path: str, data: object) -> None:
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        temp = f"{path}.{os.getpid()}.tmp"
        with open(temp, "wb") as handle:
            marshal.dump(data, handle)
        os.replace(temp, path)
    except (OSError, ValueError):
        pass  # a cache we cannot write only costs speed
