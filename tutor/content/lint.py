"""Whole-course validation behind ``dltutor lint`` and its test.

The loader already rejects structurally broken content; lint adds the checks
that need other engine parts (math that does not render, quiz items that do not
load), collecting every problem instead of stopping at the first.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from pathlib import Path

from tutor.content.loader import FOLDER_RE, ContentError, content_root, load_course
from tutor.content.models import Course
from tutor.i18n import LANGS

#: what a question folder may hold; anything else is reported (the loader would ignore it)
QUESTION_FILES = frozenset(
    {"meta.toml", "quiz.py", "variants.py"}
    | {f"{kind}.{lang}.md" for kind in ("question", "solution") for lang in LANGS}
)
#: made by Python when quiz.py is imported; not the author's
GENERATED = frozenset({"__pycache__"})


def check_stray(root: Path) -> list[str]:
    """Files and folders under ``root`` that are not part of the course.

    The loader skips them silently, so a misspelt ``solutoin.en.md`` or a stray
    ``notes/`` folder would never be seen; hidden entries (``.git``, ``.DS_Store``)
    are left alone.
    """
    problems: list[str] = []
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return problems  # the loader says what is wrong with the folder itself
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name in GENERATED:
            continue
        if not entry.is_dir():
            problems.append(f"{name}: a stray file in the content folder (only NN-slug/ question"
                            " folders belong here)")
        elif not FOLDER_RE.match(name):
            if name.startswith("_"):  # other names are refused by the loader itself
                problems.append(f"{name}/: a stray folder in the content folder (only NN-slug/"
                                " question folders belong here)")
        else:
            problems.extend(_stray_in_question(entry))
    return problems


def _stray_in_question(folder: Path) -> list[str]:
    problems = []
    expected = ", ".join(sorted(QUESTION_FILES))
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return problems  # the loader says what is wrong with the folder itself
    for entry in entries:
        name = entry.name
        # a course file's name holding a FIFO or a folder is the loader's to name (not a regular file)
        if name.startswith(".") or name in GENERATED or name in QUESTION_FILES:
            continue
        kind = "folder" if entry.is_dir() else "file"
        problems.append(f"{folder.name}/{name}: a stray {kind}, not read by dltutor"
                        f" (a question folder holds {expected})")
    return problems


def _texts(course: Course) -> Iterator[tuple[str, str]]:
    """(where, markdown) for every text shown to a student."""
    for q in course:
        assert q.path is not None
        for lang in LANGS:
            yield f"{q.path.name}/meta.toml title.{lang}", q.title[lang]
            yield f"{q.path.name}/question.{lang}.md", q.statement[lang]
            for part in q.parts:
                yield f"{q.path.name}/meta.toml part {part.id} title.{lang}", part.title[lang]
            for step in q.steps[lang]:
                where = f"{q.path.name}/solution.{lang}.md step {step.index}"
                yield where, step.title
                yield where, step.body


def check_math(course: Course) -> list[str]:
    from tutor.content.mathtext import MathError, find_math, latex_to_unicode

    problems = []
    for where, text in _texts(course):
        for formula in find_math(text):
            try:
                rendered = latex_to_unicode(formula)
            except MathError as err:
                problems.append(f"{where}: ${_clip(formula)}$: {err}")
                continue
            leftover = [c for c in "\\{}" if c in rendered]
            if leftover:
                problems.append(
                    f"{where}: ${_clip(formula)}$ renders as '{_clip(rendered)}'"
                    f" with {' '.join(leftover)} left"
                )
    return problems


def _clip(text: str, limit: int = 80) -> str:
    """A formula quoted in a message: whole when short, else its start (a message is one line)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_directives(course: Course) -> list[str]:
    """Every ```dltutor block of a statement or solution step expands without error."""
    from tutor.content.directives import expand_directives

    problems = []
    for q in course:
        assert q.path is not None
        for lang in LANGS:
            texts = [(f"question.{lang}.md", q.statement[lang])]
            texts += [(f"solution.{lang}.md step {s.index}", s.body) for s in q.steps[lang]]
            for where, text in texts:
                try:
                    expand_directives(text, lang)
                except ValueError as err:
                    problems.append(f"{q.path.name}/{where}: {err}")
                except Exception as err:  # a drawing that fails on checked arguments: named, not raised
                    problems.append(f"{q.path.name}/{where}: the drawing failed: {type(err).__name__}: {err}")
    return problems


def check_quiz(course: Course) -> list[str]:
    """Every quiz item loads, its references are judged correct and each mistake is caught as itself."""
    from tutor.answers import check_answer
    from tutor.answers.spec import ChoiceSpec, ExpressionSpec
    from tutor.quiz.items import load_items

    try:
        items = load_items(course)
    except Exception as err:  # a broken quiz.py is reported, not raised, like other content problems
        return [f"quiz items: {err}"]
    problems = []
    for item in items:
        spec = item.spec
        if isinstance(spec, ChoiceSpec):
            expected = [(str(spec.answer + 1), "correct", None)]
            expected += [(str(i + 1), "incorrect", m.id) for i, m in spec.mistakes.items()]
        elif isinstance(spec, ExpressionSpec):
            expected = [(spec.answer, "correct", None)]
            expected += [(c.answer, "correct", c.id) for c in spec.conventions]
            expected += [(m.answer, "incorrect", m.id) for m in spec.mistakes if m.answer]
        else:
            continue
        for answer, status, label in expected:
            verdict = check_answer(item, answer, "en")
            got = verdict.convention if status == "correct" else verdict.mistake
            if verdict.status != status or got != label:
                problems.append(f"quiz item {item.id}: '{answer}' is judged {verdict.status} ({got}),"
                                f" expected {status} ({label}): {verdict.message}")
    return problems


def check_reveals(course: Course) -> list[str]:
    """Every ``<!-- reveals: ID -->`` marker of a solution step names a quiz item of the course."""
    from tutor.quiz.items import load_items

    try:
        known = {item.id for item in load_items(course)}
    except Exception:  # check_quiz reports a broken quiz.py
        return []
    problems = []
    for q in course:
        assert q.path is not None
        for lang in LANGS:
            for step in q.steps[lang]:
                unknown = [i for i in step.reveals if i not in known]
                if unknown:
                    problems.append(
                        f"{q.path.name}/solution.{lang}.md step {step.index}: reveals unknown quiz"
                        f" item {', '.join(unknown)} (known: {', '.join(sorted(known))})"
                    )
    return problems


def check_points(course: Course) -> list[str]:
    """Quiz item points are finite, ≥ 0, and add up to their part's and their question's points.

    The loader already refuses non-finite question and part points; what a student
    can score must be what ``dltutor list`` promises (the homework is out of its total).
    """
    from tutor.quiz.items import load_items

    try:
        items = load_items(course)
    except Exception:  # check_quiz reports a broken quiz.py
        return []
    problems = []
    for item in items:
        if not _valid_points(item.points):
            problems.append(f"quiz item {item.id}: points must be a number ≥ 0, not {_clip(repr(item.points))}")
    if problems:
        return problems
    for q in course:
        assert q.path is not None
        own = [i for i in items if i.question == q.number]
        if own and not math.isclose(sum(i.points for i in own), q.points):
            problems.append(f"{q.path.name}/quiz.py: the items' points add up to"
                            f" {sum(i.points for i in own):g}, not the question's {q.points:g}")
        for part in q.parts:
            in_part = [i.points for i in own if i.part == part.id]
            if part.points is not None and in_part and not math.isclose(sum(in_part), part.points):
                problems.append(f"{q.path.name}/quiz.py: part {part.id}'s items add up to"
                                f" {sum(in_part):g} points, not its {part.points:g}")
    return problems


def _valid_points(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value) and value >= 0
    except OverflowError:  # an int too large for a float
        return False


def check_variants(course: Course) -> list[str]:
    """Every variant family draws valid variants for a sample of seeds (see tutor.practice.validate)."""
    from tutor.practice.validate import check_course_families

    return check_course_families(course)


#: Checks run after a successful load; each returns a list of problems.
CHECKS: list[Callable[[Course], list[str]]] = [
    check_math,
    check_directives,
    check_quiz,
    check_reveals,
    check_points,
    check_variants,
]


def lint_course(root: Path | None = None) -> tuple[list[str], dict[str, int]]:
    stray = check_stray((root or content_root()).resolve())
    try:
        course = load_course(root, cached=False)
    except ContentError as err:
        return [str(err), *stray], {}
    problems: list[str] = list(stray)
    for check in CHECKS:
        problems.extend(check(course))
    steps = sum(len(q.steps["en"]) for q in course)
    return problems, {"questions": len(course), "steps": steps}
