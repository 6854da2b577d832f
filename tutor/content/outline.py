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
    """(relative path, mtime in ns, size) of every content file: cheap to take, exact to compare.

    Symlinked folders are followed (a question folder may be a link) but each
    folder is read once, so a link loop (``loop -> .``) ends the walk instead of
    raising ELOOP; an entry that cannot be read is listed with -1s (the loader or
    lint says what is wrong with it). Nothing is opened, so a FIFO costs no hang.
    """
    found: list[tuple[str, int, int]] = []
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            found.append((os.path.relpath(folder, root), -1, -1))
            continue
        for entry in entries:
            if entry.name.startswith((".", "__pycache__")):
                continue
            relative = os.path.relpath(entry.path, root)
            try:
                if entry.is_dir():
                    stack.append(entry.path)
                    continue
                info = entry.stat()
            except OSError:  # a dangling link, a symlink loop, no permission
                found.append((relative, -1, -1))
                continue
            found.append((relative, info.st_mtime_ns, info.st_size))
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
