"""Read ``content/NN-slug/`` folders into :mod:`tutor.content.models` objects.

Broken content is the author's mistake, not a bug, so every problem becomes a
:class:`ContentError` naming the file and what is wrong with it.
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path
from typing import Any

from tutor.content import paths
from tutor.content.errors import ContentError
from tutor.content.models import Course, Localized, Part, Question, Step
from tutor.content.reading import optional_file, read_content_text
from tutor.i18n import LANGS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

FOLDER_RE = re.compile(r"^(\d{2})-([a-z0-9][a-z0-9-]*)$")
PART_MARKER_RE = re.compile(r"^<!--\s*part:\s*(\S+)\s*-->\s*$")
REVEALS_MARKER_RE = re.compile(r"^<!--\s*reveals:(.*?)-->\s*$")
COMMENT_RE = re.compile(r"^<!--.*-->\s*$")
STEP_HEADING = "## "


def content_root() -> Path:
    """Where the content lives: ``DLTUTOR_CONTENT``, the copy inside the wheel, or the repo."""
    return Path(paths.content_root())


_cache: dict[Path, Course] = {}


def load_course(root: Path | None = None, *, cached: bool = True) -> Course:
    """Load every question folder under ``root`` in number order."""
    root = (root or content_root()).resolve()
    if cached and root in _cache:
        return _cache[root]
    if not root.is_dir():
        raise ContentError(root, "content folder not found")
    try:
        folders = sorted(p for p in root.iterdir() if p.is_dir())
    except OSError as err:  # no permission to list it
        raise ContentError(root, f"cannot be read: {err.strerror or err}") from None
    questions: list[Question] = []
    for folder in folders:
        if folder.name.startswith((".", "_")):
            continue
        questions.append(load_question(folder))
    if not questions:
        raise ContentError(root, "no question folders (expected NN-slug/)")
    numbers = [q.number for q in questions]
    if len(set(numbers)) != len(numbers):
        raise ContentError(root, f"duplicate question numbers: {numbers}")
    course = Course(tuple(questions), root=root)
    if cached:
        _cache[root] = course
    return course


def load_question(folder: Path) -> Question:
    match = FOLDER_RE.match(folder.name)
    if not match:
        raise ContentError(folder, "folder name must look like NN-slug, e.g. 01-derivatives")
    meta_path = folder / "meta.toml"
    meta = _read_meta(meta_path)
    number = _require(meta, "number", int, meta_path)
    slug = _require(meta, "slug", str, meta_path)
    if number != int(match.group(1)):
        raise ContentError(meta_path, f"number = {number} but the folder says {match.group(1)}")
    if slug != match.group(2):
        raise ContentError(meta_path, f"slug = '{slug}' but the folder says '{match.group(2)}'")
    points = _require(meta, "points", (int, float), meta_path)
    if not _finite(points) or points <= 0:
        raise ContentError(meta_path, f"points must be a positive number, not {_short(points)}")
    title = _localized(meta.get("title"), meta_path, "title")
    parts = tuple(_part(raw, meta_path, i) for i, raw in enumerate(meta.get("parts", [])))
    part_ids = [p.id for p in parts]
    if len(set(part_ids)) != len(part_ids):
        raise ContentError(meta_path, f"duplicate part ids: {part_ids}")
    declared = [p.points for p in parts if p.points is not None]
    if parts and len(declared) == len(parts) and not math.isclose(sum(declared), points):
        raise ContentError(
            meta_path, f"the parts' points add up to {sum(declared):g}, not the question's {points:g}"
        )

    statement = {lang: _read_text(folder / f"question.{lang}.md") for lang in LANGS}
    for lang in LANGS:
        _check_drawings(folder / f"question.{lang}.md", statement[lang])
    steps = {}
    for lang in LANGS:
        solution_path = folder / f"solution.{lang}.md"
        solution = _read_text(solution_path)
        _check_drawings(solution_path, solution)
        # a block cut by a '## ' heading has '##' among its words, so checking the file covers the steps
        steps[lang] = parse_solution(solution, solution_path, set(part_ids))
    _check_solutions_agree(folder, steps)

    quiz_path = folder / "quiz.py"
    plots = meta.get("plots", [])
    if not isinstance(plots, list) or not all(isinstance(p, str) for p in plots):
        raise ContentError(meta_path, "plots must be a list of plot names")
    lab = meta.get("lab")
    if lab is not None and not isinstance(lab, str):
        raise ContentError(meta_path, "lab must be a lab id string")
    return Question(
        number=number,
        slug=slug,
        points=points,
        title=title,
        statement=statement,
        steps=steps,
        parts=parts,
        path=folder,
        quiz_path=optional_file(quiz_path),
        plots=tuple(plots),
        lab=lab,
    )


def parse_solution(text: str, path: Path, part_ids: set[str]) -> tuple[Step, ...]:
    """Split a solution into steps: one ``## `` heading per step.

    ``<!-- part: ID -->`` on its own line assigns the following steps to a part;
    ``<!-- reveals: ID [ID …] -->`` inside a step says it states those quiz
    items' answers (``dltutor lint`` checks the ids against the quiz items).
    Headings inside fenced code blocks do not start steps.
    """
    steps: list[Step] = []
    part: str | None = None
    title: str | None = None
    body: list[str] = []
    step_part: str | None = None
    reveals: list[str] = []
    in_fence = False

    def flush() -> None:
        if title is not None:
            text = "\n".join(body).strip()
            steps.append(Step(len(steps) + 1, title, text, step_part, tuple(reveals)))

    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("```"):
            in_fence = not in_fence
        if not in_fence:
            marker = PART_MARKER_RE.match(stripped)
            if marker:
                part = marker.group(1)
                if part not in part_ids:
                    known = ", ".join(sorted(part_ids)) or "none declared in meta.toml"
                    raise ContentError(
                        path, f"line {lineno}: unknown part '{part}' (known: {known})"
                    )
                continue
            revealed = REVEALS_MARKER_RE.match(stripped)
            if revealed:
                ids = revealed.group(1).replace(",", " ").split()
                if title is None:
                    raise ContentError(path, f"line {lineno}: a reveals marker before the first step")
                if not ids:
                    raise ContentError(path, f"line {lineno}: a reveals marker names no item")
                reveals.extend(i for i in ids if i not in reveals)
                continue
            if line.startswith(STEP_HEADING):
                flush()
                title, body, step_part, reveals = line[len(STEP_HEADING) :].strip(), [], part, []
                if not title:
                    raise ContentError(path, f"line {lineno}: empty step heading")
                continue
        if title is None:
            if stripped and not COMMENT_RE.match(stripped):
                raise ContentError(path, f"line {lineno}: text before the first '## ' step heading")
            continue
        body.append(line)
    if in_fence:
        raise ContentError(path, "unclosed ``` code block")
    flush()
    if not steps:
        raise ContentError(path, "no steps: a solution needs at least one '## ' heading")
    for step in steps:
        if not step.body:
            raise ContentError(path, f"step {step.index} ('{step.title}') has no text")
    return tuple(steps)


def _check_drawings(path: Path, text: str) -> None:
    """A bad ``dltutor`` block is a content error when the content is loaded, naming
    the file and the block, so ``show``/``export`` never meet one (one rule for
    every directive kind: see tutor.content.directives)."""
    if "dltutor" not in text:
        return
    from tutor.content.directives import directive_problems

    problems = directive_problems(text)
    if problems:
        raise ContentError(path, problems[0])


def _check_solutions_agree(folder: Path, steps: dict[str, tuple[Step, ...]]) -> None:
    ru, en = steps["ru"], steps["en"]
    if len(ru) != len(en):
        raise ContentError(
            folder, f"solution.ru.md has {len(ru)} steps but solution.en.md has {len(en)}"
        )
    for a, b in zip(ru, en, strict=True):
        if a.part != b.part:
            raise ContentError(
                folder,
                f"step {a.index} belongs to part {a.part} in Russian but {b.part} in English",
            )
        if sorted(a.reveals) != sorted(b.reveals):
            ru_ids, en_ids = " ".join(a.reveals) or "nothing", " ".join(b.reveals) or "nothing"
            raise ContentError(
                folder,
                f"step {a.index} reveals {ru_ids} in Russian but {en_ids} in English",
            )


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(_read_text(path))
    except (tomllib.TOMLDecodeError, ValueError) as err:  # ValueError: an int of 5,000 digits
        raise ContentError(path, f"not valid TOML: {' '.join(str(err).split())[:200]}") from None


def _read_text(path: Path) -> str:
    """A content file's text (only a regular file, at most 1 MB: see tutor.content.reading),
    with universal newlines as ``open()`` would give them."""
    text = read_content_text(path).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ContentError(path, "file is empty")
    return text


def _finite(value: float) -> bool:
    """A number a sum of points can hold: not inf or nan, and no int too large for a float."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _short(value: object) -> str:
    """A number quoted in a one-line message (a 400-digit int is cut)."""
    text = repr(value) if not isinstance(value, int) or value.bit_length() < 1000 else "a huge number"
    return text if len(text) <= 40 else text[:39] + "…"


def _require(meta: dict[str, Any], key: str, kind: type | tuple[type, ...], path: Path) -> Any:
    if key not in meta:
        raise ContentError(path, f"missing key '{key}'")
    value = meta[key]
    if isinstance(value, bool) or not isinstance(value, kind):
        raise ContentError(path, f"'{key}' has the wrong type ({type(value).__name__})")
    return value


def _localized(raw: object, path: Path, what: str) -> Localized:
    if not isinstance(raw, dict):
        raise ContentError(path, f"'{what}' must be a table with ru and en")
    for lang in LANGS:
        if not isinstance(raw.get(lang), str) or not raw[lang].strip():
            raise ContentError(path, f"'{what}' has no '{lang}' text")
    return {lang: raw[lang] for lang in LANGS}


def _part(raw: object, path: Path, index: int) -> Part:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise ContentError(path, f"parts[{index}] needs an 'id' string")
    points = raw.get("points")
    if points is not None and (isinstance(points, bool) or not isinstance(points, (int, float))):
        raise ContentError(path, f"parts[{index}].points must be a number")
    if points is not None and (not _finite(points) or points < 0):
        raise ContentError(path, f"parts[{index}].points must be a number ≥ 0, not {_short(points)}")
    return Part(raw["id"], _localized(raw.get("title"), path, f"parts[{index}].title"), points)
