"""Validation of variant families over a sample of seeds (``dltutor lint`` and the tests).

For each seed: the variant is drawn; its texts exist in both languages and
their math renders in the terminal; the checker accepts the reference answer
and rejects every named mistake as that mistake; and no mistake note or hint
gives away the answer's value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from tutor.answers.spec import ChoiceSpec, ExpressionSpec
from tutor.i18n import LANGS

if TYPE_CHECKING:
    from tutor.content.models import Course
    from tutor.practice.model import Family, Variant

#: seeds ``dltutor lint`` tries per family (the tests try many more)
LINT_SEEDS = range(8)
#: a number standing alone: not part of a name (W1), not a coefficient written against a symbol (2x, 2Ax, 3√u)
_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?:\s*/\s*(\d+(?:\.\d+)?))?(?![\w(√∇]|\.\d)")


def check_course_families(course: Course, seeds: Iterable[int] = LINT_SEEDS) -> list[str]:
    """Problems of every family of the course (an unloadable variants.py is one problem)."""
    from tutor.practice.loader import load_families

    try:
        families = load_families(course)
    except Exception as err:  # a broken variants.py is reported, not raised, like other content problems
        return [f"variant families: {err}"]
    seeds = list(seeds)
    return [problem for family in families for problem in check_family(family, seeds)]


def check_family(family: Family, seeds: Iterable[int], langs: Iterable[str] = ("en",)) -> list[str]:
    problems: list[str] = []
    for seed in seeds:
        try:
            variant = family.variant(seed)
        except Exception as err:  # a family that crashes on a seed is reported with the seed
            problems.append(f"family {family.id}, seed {seed}: {type(err).__name__}: {err}")
            continue
        problems.extend(f"family {family.id}, seed {seed}: {p}" for p in check_variant(variant, langs))
    return problems


def check_variant(variant: Variant, langs: Iterable[str] = ("en",)) -> list[str]:
    problems = list(check_texts(variant))
    problems += _check_judging(variant, langs)
    problems += _check_secrecy(variant)
    return problems


def _texts(variant: Variant) -> Iterator[tuple[str, str]]:
    for lang in LANGS:
        yield f"statement.{lang}", variant.statement.get(lang, "")
        yield f"answer.{lang}", variant.answer.get(lang, "")
        for step in variant.solution(lang):
            yield f"step {step.index}.{lang}", step.title
            yield f"step {step.index}.{lang}", step.body


def check_texts(variant: Variant) -> Iterator[str]:
    from tutor.content.directives import directive_problems
    from tutor.content.mathtext import MathError, find_math, latex_to_unicode

    if len(variant.solution("ru")) != len(variant.solution("en")) or not variant.solution("en"):
        yield "the worked solution needs the same number of steps (at least one) in ru and en"
    for where, text in _texts(variant):
        if not text.strip():
            yield f"{where} is empty"
        if "dltutor" in text:  # the loader's rule for drawings holds for generated texts too
            yield from (f"{where}: {problem}" for problem in directive_problems(text))
        for formula in find_math(text):
            try:
                rendered = latex_to_unicode(formula)
            except MathError as err:
                yield f"{where}: ${formula}$: {err}"
                continue
            if any(c in rendered for c in "\\{}"):
                yield f"{where}: ${formula}$ renders as '{rendered}'"
    hints = variant.item.hints
    if not 1 <= len(hints) <= 3 or not all(h.get(lang, "").strip() for h in hints for lang in LANGS):
        yield "a variant needs one to three hints, each in ru and en"


def _expected(variant: Variant) -> list[tuple[str, str, str | None]]:
    """(answer, expected status, expected convention or mistake id) for every target of the item."""
    spec = variant.item.spec
    if isinstance(spec, ChoiceSpec):
        expected = [(str(spec.answer + 1), "correct", None)]
        return expected + [(str(i + 1), "incorrect", m.id) for i, m in spec.mistakes.items()]
    assert isinstance(spec, ExpressionSpec)
    expected = [(spec.answer, "correct", None)]
    expected += [(c.answer, "correct", c.id) for c in spec.conventions]
    return expected + [(m.answer, "incorrect", m.id) for m in spec.mistakes if m.answer]


def _check_judging(variant: Variant, langs: Iterable[str]) -> list[str]:
    from tutor.answers import check_answer

    problems = []
    for lang in langs:
        for answer, status, label in _expected(variant):
            verdict = check_answer(variant.item, answer, lang)
            got = verdict.convention if status == "correct" else verdict.mistake
            if verdict.status != status or got != label or not verdict.message:
                problems.append(f"'{answer}' is judged {verdict.status} ({got}), expected {status} ({label}):"
                                f" {verdict.message}")
    return problems


def _check_secrecy(variant: Variant) -> Iterator[str]:
    """A mistake's note and a hint point at the idea; they must not state the answer's value."""
    spec = variant.item.spec
    if variant.value is None or not isinstance(spec, ExpressionSpec):
        return
    texts = [(f"mistake {m.id}", m.note[lang]) for m in spec.mistakes for lang in LANGS]
    texts += [(f"hint {i}", h[lang]) for i, h in enumerate(variant.item.hints, 1) for lang in LANGS]
    for where, text in texts:
        for number in stated_numbers(text):
            # 0 and 1 are structural (1 − p, 1 + cos): saying them gives nothing away
            if number not in (0, 1) and _same_value(number, variant.value, spec.tolerance):
                yield f"{where} states the answer ({number:.6g}): {text}"


def stated_numbers(text: str) -> list[Decimal]:
    """The values a plain-text note states: 12, 0.25, 5/3 (not the coefficient 2 of 2x)."""
    found = []
    for match in _NUMBER.finditer(text.replace("−", "-")):
        value = Decimal(match.group(1))
        if match.group(2):
            denominator = Decimal(match.group(2))
            if denominator == 0:
                continue
            value = value / denominator
        found.append(value)
    return found


def _same_value(a: Decimal, b: Decimal, tolerance: float) -> bool:
    if b == 0:
        return a == 0
    return abs(abs(a) - abs(b)) <= Decimal(str(max(tolerance, 1e-9))) * abs(b)
