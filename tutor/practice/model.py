"""Variant families: a question's idea, practised on fresh numbers drawn from a seed.

A family is declared in ``content/NN-slug/variants.py``. Its ``make`` function
draws numbers from the :class:`~tutor.practice.seeds.Draws` it is given and returns an
:class:`Exercise`: the statement, the spec the ordinary checker reads, hints and
a worked solution written with those numbers. :meth:`Family.variant` turns a
seed into a :class:`Variant` whose ``item`` is a plain :class:`QuizItem`, so
practice is judged by :func:`tutor.answers.check_answer` like the homework.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from tutor.answers.spec import Alternative, ChoiceSpec, ExpressionSpec
from tutor.content.errors import ContentError
from tutor.content.models import Localized, Step
from tutor.practice.seeds import MAX_SEED, Draws, draws_for
from tutor.quiz.items import ItemKind, QuizItem

#: family ids: the question number, a dot, a slug (``6.gain``, ``8.cosine-lr``)
FAMILY_ID = re.compile(r"^(\d+)\.([a-z0-9][a-z0-9-]*)$")
#: draws a family may discard (mistakes too close to the answer) before it is called broken
MAX_DRAWS = 100
#: two numeric targets with different meanings must differ by this much (relative) …
SEPARATION = 0.02
#: … and by at least this many times the item's rounding tolerance
SEPARATION_PER_TOLERANCE = 4
#: below this size numbers are too near zero for the checker's absolute tolerance to tell apart
FLOOR = Decimal("1e-6")


class FamilyError(ContentError):
    """A family that cannot produce a valid variant: the content author's mistake."""


@dataclass(frozen=True)
class WorkedStep:
    """One idea of a worked solution with its formula, in both languages (markdown, LaTeX math)."""

    title: Localized
    body: Localized


@dataclass(frozen=True)
class Exercise:
    """What a family's ``make`` returns for one draw of numbers.

    ``answer`` is the model answer as a student would be shown it (markdown,
    LaTeX between ``$``); ``params`` holds the drawn numbers, so that tests and
    sheets can recompute everything the variant states.
    """

    statement: Localized
    spec: ExpressionSpec | ChoiceSpec
    answer: Localized
    steps: tuple[WorkedStep, ...]
    hints: tuple[Localized, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Variant:
    """One generated exercise: what a practice screen shows and checks.

    ``item`` is judged with :func:`tutor.answers.check_answer`; it carries no
    points, so practice never changes the homework's score. ``value`` is the
    reference answer's value for a number item, ``vector`` its entries for a
    vector answer (None otherwise).
    """

    family: str
    seed: int
    statement: Localized
    item: QuizItem
    answer: Localized
    steps: Mapping[str, tuple[Step, ...]]
    params: Mapping[str, Any]
    value: Decimal | None = None
    vector: tuple[Decimal, ...] | None = None

    @property
    def id(self) -> str:
        return self.item.id

    def solution(self, lang: str) -> tuple[Step, ...]:
        return self.steps[lang]


@dataclass(frozen=True)
class Family:
    """A kind of exercise that practises one idea of a question, on numbers drawn from a seed."""

    id: str
    idea: Localized
    make: Callable[[Draws], Exercise]
    #: the file that declares it, for error messages (set by the loader)
    source: str = ""

    @property
    def question(self) -> int:
        match = FAMILY_ID.match(self.id)
        if match is None:
            raise FamilyError(self.source or self.id, f"family id '{self.id}' is not like '6.gain'")
        return int(match.group(1))

    def variant(self, seed: int) -> Variant:
        """The variant for ``seed``: the same on every machine and Python version.

        A degenerate draw (see :func:`_settle`) is discarded and the next one is
        taken from the same generator, so the result still depends on the seed only.
        """
        if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
            raise ValueError(f"a seed is a whole number from 0 to {MAX_SEED}, got {seed!r}")
        rng = draws_for(self.id, seed)
        problem = ""
        for _ in range(MAX_DRAWS):
            exercise = self.make(rng)
            spec, target, problem = _settle(exercise.spec)
            if not problem:
                return self._build(seed, replace(exercise, spec=spec), target)
        raise FamilyError(self.source or self.id,
                          f"family {self.id}, seed {seed}: no valid draw in {MAX_DRAWS} ({problem})")

    def _build(self, seed: int, exercise: Exercise, target: Target | None) -> Variant:
        steps = {
            lang: tuple(Step(i, s.title[lang], s.body[lang].strip()) for i, s in enumerate(exercise.steps, 1))
            for lang in ("ru", "en")
        }
        item = QuizItem(
            id=f"{self.id}#{seed}",
            question=self.question,
            part=None,
            kind=_kind(exercise.spec),
            prompt=exercise.statement,
            hints=exercise.hints,
            points=0,
            spec=exercise.spec,
        )
        scalar = target is not None and len(target[0]) == 1 and not exercise.spec.answer.lstrip().startswith("[")
        return Variant(self.id, seed, exercise.statement, item, exercise.answer, steps, exercise.params,
                       value=target[0][0] if target is not None and scalar else None,
                       vector=target[0] if target is not None and not scalar else None)


def _kind(spec: ExpressionSpec | ChoiceSpec) -> ItemKind:
    if isinstance(spec, ChoiceSpec):
        return "choice"
    return "expression" if spec.symbols else "number"


Target = tuple[tuple[Decimal, ...], bool]


def _settle(spec: ExpressionSpec | ChoiceSpec) -> tuple[ExpressionSpec | ChoiceSpec, Target | None, str]:
    """(the spec to judge with, the reference's values, '') for a sound draw, else (spec, None, the problem).

    Only number items (no symbols: a number or a vector literal) are settled here. Their
    reference must not be all zeros (nor nearly so). A named mistake that cannot be told apart
    from the answer, or from a mistake kept before it, is no mistake for these numbers (1/p and
    1/(1 − p) are one number when p = 0.5): it is dropped, so that a rounded answer can never
    match the wrong target. A draw that loses every mistake it declared is too degenerate to
    practise on.
    """
    if isinstance(spec, ChoiceSpec):
        if spec.answer in spec.mistakes or not 0 <= spec.answer < len(spec.options):
            return spec, None, "the answer is not one of the options, or is listed as a mistake"
        return spec, None, ""
    if spec.symbols:
        return spec, None, ""
    from tutor.practice.values import entries_of

    reference = entries_of(spec.answer)
    if reference is None or not all(v.is_finite() for v in reference[0]) or all(abs(v) < FLOOR for v in reference[0]):
        return spec, None, f"the reference '{spec.answer}' is not a number (or vector) clearly away from zero"
    margin = Decimal(str(max(SEPARATION, SEPARATION_PER_TOLERANCE * spec.tolerance))) if spec.tolerance \
        else Decimal("1e-9")

    def apart(a: Target, b: Target) -> bool:
        if len(a[0]) != len(b[0]) or a[1] != b[1]:
            return True
        return any(abs(x - y) > max(margin * max(abs(x), abs(y)), FLOOR) for x, y in zip(a[0], b[0], strict=True))

    kept: list[tuple[Alternative, Target]] = []
    for alternative in spec.mistakes:
        target = entries_of(alternative.answer) if alternative.answer else None
        if target is None or not all(v.is_finite() for v in target[0]):
            return spec, None, f"mistake {alternative.id} '{alternative.answer}' is not a number or a vector"
        if apart(target, reference) and all(m.id == alternative.id or apart(target, other) for m, other in kept):
            kept.append((alternative, target))
    if spec.mistakes and not kept:
        return spec, None, "every mistake coincides with the answer"
    return replace(spec, mistakes=tuple(m for m, _ in kept)), reference, ""


def both(text: str) -> Localized:
    """The same text in both languages (a formula, a number)."""
    return {"ru": text, "en": text}


def mistake(mistake_id: str, answer: str, ru: str, en: str) -> Alternative:
    """A named mistake: its answer text and what it gets wrong (never the right answer itself)."""
    return Alternative(mistake_id, answer, {"ru": ru, "en": en})


def step(title_ru: str, title_en: str, body_ru: str, body_en: str) -> WorkedStep:
    return WorkedStep({"ru": title_ru, "en": title_en}, {"ru": body_ru, "en": body_en})


def text(ru: str, en: str) -> Localized:
    return {"ru": ru, "en": en}


def plural_ru(n: int, one: str, few: str, many: str) -> str:
    """The Russian noun form after the number ``n``: 1 число, 3 числа, 5 чисел, 21 число."""
    from tutor.i18n import plural_form

    return {"one": one, "few": few, "many": many}[plural_form(n, "ru")]
