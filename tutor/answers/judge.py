"""Judge one typed answer against a quiz item: parse, echo, check sizes, compare values.

Equivalence is decided by evaluation at random points (WeBWorK style), against
the reference, then each accepted convention, then each known mistake at the
same points, so feedback never depends on how the answer happens to be spelled.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tutor.answers import names
from tutor.answers.components import componentwise
from tutor.answers.echo import echo
from tutor.answers.errors import AnswerError, AnswerShapeError, AnswerSyntaxError, printable
from tutor.answers.intake import admit, encodable
from tutor.answers.itemcache import ItemCache
from tutor.answers.parser import Note, parse
from tutor.answers.shapes import Shape, describe, infer, is_scalar, kind
from tutor.answers.spec import Alternative, ChoiceSpec, ExpressionSpec
from tutor.answers.statements import parse_statements
from tutor.answers.tree import Call, Node, Symbol, Vector, rebuild, symbols, walk
from tutor.answers.verdict import Verdict
from tutor.i18n import t

if TYPE_CHECKING:
    import numpy as np

    from tutor.quiz.items import QuizItem

#: agreement needed at every point for expressions (numerical noise only)
RTOL = 1e-7
ATOL = 1e-9
MIN_POINTS = 20
CONSTANTS = {"e", "pi"}
#: names a message listing "this question uses …" leaves out: the constants, and the identity, which
#: can always be written (I, E, eye(n)) and which alone is question 1a's answer
UNLISTED = frozenset({*CONSTANTS, "I"})
#: characters of an exception's summary kept in Verdict.detail
MAX_DETAIL = 200


@dataclass(frozen=True)
class Interpretation:
    """How an answer reads, for a live echo while typing (no numpy, no sympy)."""

    echo: str | None
    error: str | None
    column: int | None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Target:
    alternative: Alternative | None  # None: the reference itself
    tree: Node
    shape: Shape


@dataclass(frozen=True)
class _Static:
    """What is known about an item without numpy: shapes and parsed references."""

    env: dict[str, Shape]
    allowed: frozenset[str]
    reference: _Target
    conventions: tuple[_Target, ...]
    mistakes: tuple[_Target, ...]
    shape_mistake: Alternative | None


#: per-item work, bounded: practice variants are fresh items, one per seed (see itemcache)
_static_cache: ItemCache[QuizItem, _Static] = ItemCache()
_numeric_cache: ItemCache[QuizItem, tuple[list[Any], dict[int, list[Any]]]] = ItemCache()


def _static(item: QuizItem) -> _Static:
    """Shapes and parsed references of an item (cached)."""
    return _static_cache.get(item, _build_static)


def _build_static(item: QuizItem) -> _Static:
    from tutor.answers.evaluate import shape_env

    spec: ExpressionSpec = item.spec
    env = shape_env(spec)

    def target(alt: Alternative | None, text: str) -> _Target:
        tree = parse(text).tree
        return _Target(alt, tree, infer(tree, env, spec.elementwise))

    return _Static(
        env=env,
        allowed=frozenset(spec.symbols) | CONSTANTS,
        reference=target(None, spec.answer),
        conventions=tuple(target(c, c.answer) for c in spec.conventions),
        mistakes=tuple(target(m, m.answer) for m in spec.mistakes if m.answer),
        shape_mistake=next((m for m in spec.mistakes if not m.answer), None),
    )


def _numeric(item: QuizItem) -> tuple[list[Any], dict[int, list[np.ndarray]]]:
    """Sample points of an item and the values of every target there (cached)."""
    return _numeric_cache.get(item, _build_numeric)


def _build_numeric(item: QuizItem) -> tuple[list[Any], dict[int, list[np.ndarray]]]:
    from tutor.answers.evaluate import evaluate, sample

    static = _static(item)
    groups = sample(item.spec, seed=f"dltutor:{item.id}")
    values = {}
    for target in (static.reference, *static.conventions, *static.mistakes):
        values[id(target)] = [evaluate(target.tree, g) for g in groups]
    return groups, values


def _same(answer: list[np.ndarray], expected: list[np.ndarray], rtol: float) -> bool | None:
    """True/False when enough points compare; None when the reference is undefined too often."""
    import numpy as np

    compared = 0
    for a, b in zip(answer, expected, strict=True):
        finite = np.isfinite(b).all(axis=(-2, -1))
        if not finite.any():
            continue
        aa, bb = a[finite], b[finite]
        if not np.isfinite(aa).all() or not np.allclose(aa, bb, rtol=rtol, atol=ATOL):
            return False
        compared += int(finite.sum())
    return compared >= MIN_POINTS or None


#: readings the echo itself makes plain, so no sentence is spent on them: a run of letters split into
#: names (the echo shows η·λ·θ), a name before a bracket read as a product (η·(…)), a left-hand side
#: dropped, intermediate names substituted (the echo shows the whole formula)
QUIET_NOTES = frozenset({"split", "product", "equation", "substituted"})


def _notes(notes: tuple[Note, ...], lang: str) -> tuple[str, ...]:
    """The sentences for the readings that change what the answer means (see QUIET_NOTES)."""
    texts = (dict(n.values)[lang] if n.key == "raw" else t(f"answer.note.{n.key}", lang, **dict(n.values))
             for n in notes if n.key not in QUIET_NOTES)
    # each opens a sentence (the texts never start with a symbol, whose case would matter)
    return tuple(text[:1].upper() + text[1:] for text in texts)


def _read(item: QuizItem, text: str) -> tuple[Node, tuple[Note, ...]]:
    """Parse and check names; raises AnswerError with suggestions limited to the item."""
    text = admit(text)  # the length first, before any other pass over the text
    static = _static(item)
    spec: ExpressionSpec = item.spec
    try:
        fixed = {name: d.low for name, d in spec.symbols.items() if d.kind == "scalar" and d.low == d.high}
        parsed, lhs_dropped = parse_statements(text, static.allowed, spec.updates, fixed)
    except AnswerSyntaxError as err:
        if err.key == "unknown_name" and "name" in err.values:
            _explain_unknown(err, str(err.values["name"]), static.allowed)
        raise
    tree, notes = parsed.tree, list(parsed.notes)
    # σ's readings (softmax in question 3, the sigmoid in question 2) are not for relu, which names
    # one function of its own: relu(z) stays "an activation", never softmax or the sigmoid
    relu = any(n.key == "activation" and str(dict(n.values)["text"]).lower().startswith("relu") for n in notes)
    for reading in spec.readings:
        if reading.function == "sigma" and relu:
            continue
        if reading.function in _functions_used(tree):
            tree = _rename_calls(tree, reading.function, reading.means)
            notes.append(Note("raw", (("en", reading.note["en"]), ("ru", reading.note["ru"]))))
    tree, renamed = _rename_variable(tree, spec)
    if renamed is not None:
        notes.append(Note("variable", (("typed", names.display(renamed)),
                                       ("variable", names.display(next(iter(spec.symbols)))))))
    tree, index = componentwise(tree, static.env)
    if index is not None:
        notes.append(Note("componentwise", (("index", index),)))
    unknown = sorted(symbols(tree) - static.allowed)
    if unknown:
        shown = names.display(unknown[0])
        known = ", ".join(names.display(s) for s in sorted(static.allowed - UNLISTED))
        if not known:
            raise AnswerSyntaxError("not_in_item.number", None, name=shown)
        raise AnswerSyntaxError("not_in_item", None, name=shown, known=known)
    if lhs_dropped:
        notes.insert(0, Note("equation", ()))
    return tree, tuple(dict.fromkeys(notes))


def _explain_unknown(err: AnswerSyntaxError, word: str, allowed: frozenset[str]) -> None:
    """Say something true about an unknown name: a likely meaning, a word, or what the item uses."""
    glossary = [names.display(c) for c in names.GLOSSARY.get(word, ()) if c in allowed]
    err.values.pop("suggestion", None)
    if len(glossary) == 2:
        err.key = "unknown_name.either"
        err.values.update(first=glossary[0], second=glossary[1])
        return
    suggestion = glossary[0] if glossary else (
        None if word in names.UNUSED_GREEK else names.suggest(word, set(allowed), guess=False))
    if suggestion:
        err.values["suggestion"] = suggestion
        return
    letters = word.replace("_", "")
    if letters.isalpha() and (len(letters) >= 4 or any("а" <= c.lower() <= "я" for c in letters)):
        err.key = "words"  # 44 parameters, 2C (γ и β): words after the formula
        return
    known = ", ".join(names.display(s) for s in sorted(allowed - UNLISTED))
    err.key = "unknown_name.known" if known else "unknown_name.number"
    err.values["known"] = known


def _functions_used(tree: Node) -> set[str]:
    return {node.func for node in walk(tree) if isinstance(node, Call)}


def _rename_calls(node: Node, old: str, new: str) -> Node:
    """The tree with every call of ``old`` made a call of ``new``."""
    return rebuild(node, lambda n: Call(new, n.arg) if isinstance(n, Call) and n.func == old else n)


def _rename_variable(tree: Node, spec: ExpressionSpec) -> tuple[Node, str | None]:
    """1 − tanh²(x) for an item in z: a function of one variable may name it differently."""
    if len(spec.symbols) != 1:
        return tree, None
    variable, domain = next(iter(spec.symbols.items()))
    if domain.low == domain.high:
        return tree, None  # a fixed value (8.4's p = 0.5), not a variable
    used = symbols(tree) - CONSTANTS
    if len(used) != 1 or variable in used:
        return tree, None
    typed = next(iter(used))
    if typed == "I" or len(names.display(typed)) != 1:
        return tree, None

    return rebuild(tree, lambda n: Symbol(variable) if n == Symbol(typed) else n), typed


def read_answer(item: QuizItem, text: str) -> Node:
    """The tree of an answer to an expression item, names checked (raises AnswerError)."""
    return _read(item, text)[0]


def interpret(item: QuizItem, text: str, lang: str = "en") -> Interpretation:
    """Echo an answer as it is read (for a live preview); fast: no numpy, no sympy. Never raises."""
    try:
        return _interpret(item, text, lang)
    except Exception:  # a bug in the checker: the preview says so, the app goes on
        return Interpretation(None, t("answer.checker_failed", lang), None)


def _interpret(item: QuizItem, text: str, lang: str) -> Interpretation:
    if not isinstance(item.spec, ExpressionSpec):
        try:
            return Interpretation(admit(text).strip() or None, None, None)
        except AnswerError as err:
            return Interpretation(None, err.message(lang), err.column)
    try:
        tree, notes = _read(item, text)
    except AnswerError as err:
        return Interpretation(None, err.message(lang), err.column)
    shown = echo(tree)
    try:
        infer(tree, _static(item).env, item.spec.elementwise)
    except AnswerShapeError as err:
        return Interpretation(shown, err.message(lang), None, _notes(notes, lang))
    return Interpretation(shown, None, None, _notes(notes, lang))


def check_answer(item: QuizItem, text: str, lang: str = "en") -> Verdict:
    """The verdict on one answer; never raises (but for KeyboardInterrupt and the like).

    The one last line of defence: an exception while judging is a bug in the
    checker, not the student's mistake, so it becomes a verdict "error" with the
    exception named in ``detail``; batch, quiz and app go on to the next answer.
    """
    try:
        return _check(item, text, lang)
    except Exception as err:
        return failed(getattr(item, "id", "?"), err, lang)


def failed(item_id: str, err: BaseException, lang: str) -> Verdict:
    """The "error" verdict for an exception raised while judging ``item_id``."""
    detail = printable(encodable(f"{type(err).__name__}: {err}"), MAX_DETAIL)
    return Verdict(item_id, "error", None, t("answer.checker_failed", lang), detail=detail)


def _check(item: QuizItem, text: str, lang: str) -> Verdict:
    if isinstance(item.spec, ChoiceSpec):
        from tutor.answers.choice import check_choice

        try:
            text = admit(text)
        except AnswerError as err:
            return Verdict(item.id, "invalid", None, err.message(lang), column=err.column)
        return check_choice(item, text, lang)
    if not isinstance(item.spec, ExpressionSpec):
        return Verdict(item.id, "invalid", None, t("answer.self_check", lang))
    try:
        tree, notes = _read(item, text)
    except AnswerError as err:
        return Verdict(item.id, "invalid", None, err.message(lang), column=err.column)
    general = item.spec.general
    if general is not None and symbols(tree) & set(general.symbols):
        return _judge_general(item, tree, notes, lang)
    return _judge_read(item, tree, notes, lang)


def _judge_general(item: QuizItem, tree: Node, notes: tuple[Note, ...], lang: str) -> Verdict:
    """An answer in the question's fixed symbols (8.4's p): right only if right for every value of them."""
    general = item.spec.general
    assert general is not None
    # the answer as read for this item (a restated p = 0.5 already cut off), judged for every p
    as_formula = _judge_read(_general_cache.get(item, _general_item), tree, notes, lang)
    if as_formula.correct:
        return dataclasses.replace(as_formula, item=item.id)
    here = _judge_read(item, tree, notes, lang)
    if here.correct:
        return Verdict(item.id, "incorrect", here.interpreted, general.only_here[lang], mistake="only-here")
    return here


def _general_item(item: QuizItem) -> QuizItem:
    """The item whose answer is ``item``'s general form, judged over its symbols' domains."""
    spec: ExpressionSpec = item.spec
    assert spec.general is not None
    return dataclasses.replace(item, spec=ExpressionSpec(
        answer=spec.general.answer, symbols=spec.general.symbols, what=spec.what, readings=spec.readings))


_general_cache: ItemCache[QuizItem, QuizItem] = ItemCache()


def _judge_read(item: QuizItem, tree: Node, notes: tuple[Note, ...], lang: str) -> Verdict:
    shown = echo(tree)
    # the verdict first; how an ambiguous spot was read follows it
    said = "".join(" " + note + "." for note in _notes(notes, lang))
    static = _static(item)
    try:
        shape = infer(tree, static.env, item.spec.elementwise)
    except AnswerShapeError as err:
        if err.key == "shape.mul_vectors":
            # x x, ŷ(1 − ŷ): a product of two vectors is no formula here (neither ᵀ nor ⊙ is written);
            # if read elementwise it is a named mistake, that mistake is what to say, else it is unreadable
            named = _elementwise_mistake(item, tree, shown, said, lang)
            if named is not None:
                return named
            return Verdict(item.id, "invalid", None, err.message(lang) + said)
        mistake = static.shape_mistake
        message = err.message(lang)
        if mistake is not None:
            message = f"{message}. {mistake.note[lang]}"
        return Verdict(item.id, "incorrect", shown, message + said,
                       mistake=mistake.id if mistake else None)
    return _judge_values(item, tree, shape, shown, said, lang)


def _elementwise_mistake(item: QuizItem, tree: Node, shown: str, said: str, lang: str) -> Verdict | None:
    """The named mistake ``tree`` is when its products of two vectors are read elementwise, if any."""
    from tutor.answers.evaluate import evaluate

    static = _static(item)
    try:
        shape = infer(tree, static.env, elementwise=True)
    except AnswerShapeError:
        return None
    groups, expected = _numeric(item)
    values = [evaluate(tree, g) for g in groups]
    for target in static.mistakes:
        if shape == target.shape and _same(values, expected[id(target)], RTOL):
            assert target.alternative is not None
            note = " " + t("answer.note.elementwise", lang) + "."
            return Verdict(item.id, "incorrect", shown, target.alternative.note[lang] + said + note,
                           mistake=target.alternative.id)
    return None


def _judge_values(item: QuizItem, tree: Node, shape: Shape, shown: str, said: str,
                  lang: str) -> Verdict:
    from tutor.answers.evaluate import evaluate

    spec: ExpressionSpec = item.spec
    static = _static(item)
    groups, expected = _numeric(item)
    values = [evaluate(tree, g) for g in groups]
    rtol = max(spec.tolerance, RTOL)

    after: list[str] = []  # a sentence that follows the message (sympy could not finish)

    def verdict(status: str, message: str, **extra: Any) -> Verdict:
        text = " ".join([message + said, *after])
        return Verdict(item.id, status, shown, text, **extra)  # type: ignore[arg-type]

    reference = static.reference
    if shape == reference.shape:
        same = _same(values, expected[id(reference)], rtol)
        if not same and (same is None or _numbers_may_mislead(item, tree, values, expected[id(reference)])):
            from tutor.answers.symbolic import second_opinion, settle

            opinion = second_opinion(item, tree)
            if settle(same, opinion):
                return verdict("correct", t("answer.correct.symbolic", lang))
            if opinion == "unfinished":
                after.append(t("answer.symbolic_unfinished", lang))
        if same:
            if spec.tolerance and not _same(values, expected[id(reference)], RTOL):
                return verdict("correct", t("answer.correct.rounded", lang, exact=echo(reference.tree)))
            return verdict("correct", t("answer.correct", lang))
        if same is None:
            return verdict("incorrect", t("answer.inconclusive", lang))
    for target in static.conventions:
        if shape == target.shape and _same(values, expected[id(target)], rtol):
            assert target.alternative is not None
            note = target.alternative.note[lang]
            return verdict("correct", t("answer.correct.convention", lang, note=note),
                           convention=target.alternative.id)
    for target in static.mistakes:
        if shape == target.shape and _same(values, expected[id(target)], rtol):
            assert target.alternative is not None
            return verdict("incorrect", target.alternative.note[lang], mistake=target.alternative.id)
    if shape != reference.shape:
        if _has_vector_literal(tree) or _has_vector_literal(reference.tree):
            return verdict("incorrect", _vector_shape_message(shape, reference.shape, lang))
        what = spec.what[lang] if spec.what else t("answer.shape.scalar", lang)
        message = t("answer.shape.final", lang, got=_noun(shape, lang), what=what,
                    expected=_noun(reference.shape, lang))
        return verdict("incorrect", message[0].upper() + message[1:] + ".")
    missing = _missing_names(reference.tree, tree, lang, spec)
    close = _close_number(spec, values, expected[id(reference)])
    if close is not None:
        return verdict("incorrect", t("answer.incorrect.close", lang, got=close[0], percent=close[1]))
    wrong = _wrong_entries(spec, shape, values, expected[id(reference)], rtol)
    if wrong:
        size = len(values[0][0].reshape(-1))
        if len(wrong) == 1:
            return verdict("incorrect", t("answer.incorrect.entry", lang, position=wrong[0], size=size) + missing)
        positions = ", ".join(str(w) for w in wrong)
        return verdict("incorrect", t("answer.incorrect.entries", lang, positions=positions, size=size) + missing)
    if is_scalar(shape):
        return verdict("incorrect", _scalar_hint(spec, groups, values, lang) + missing)
    return verdict("incorrect", t("answer.incorrect", lang) + missing)


def _missing_names(reference: Node, answer: Node, lang: str, spec: ExpressionSpec) -> str:
    """" It does not use σ, b₁." when the right formula needs names the answer lacks.

    Only symbols and σ count: a function such as tanh can be written in other
    ways (sech, exp), a symbol or the activation cannot. A derived symbol is used
    when the answer calls what defines it (softmax(z) is ŷ).
    """
    needed = _names_used(reference) - CONSTANTS
    used = _names_used(answer)
    called = _functions_used(answer)
    for name, domain in spec.symbols.items():
        if domain.kind == "derived" and domain.formula and name not in used:
            defining = _functions_used(parse(domain.formula).tree)
            if defining and defining <= called:
                used.add(name)
    missing = sorted(needed - used)
    if not missing or (len(needed) == 1 and len(missing) == 1):
        # a reference of one name (I, 2x, 2C): naming it would state the answer
        return ""
    return " " + t("answer.incorrect.missing", lang, names=", ".join(names.display(m) for m in missing))


def _names_used(tree: Node) -> set[str]:
    called_sigma = any(isinstance(node, Call) and node.func == "sigma" for node in walk(tree))
    return symbols(tree) | ({"sigma"} if called_sigma else set())


def _numbers_may_mislead(item: QuizItem, tree: Node, values: list[np.ndarray],
                         expected: list[np.ndarray]) -> bool:
    """True for a scalar item whose numbers failed for numeric reasons (then sympy is asked).

    The noise band is measured against RTOL, not an item's rounding tolerance:
    1.6 for 5/3 misses by choice, and sympy could only confirm it.
    """
    from tutor.answers.symbolic import inexact_in_floats, numbers_indecisive, scalar_domains

    if scalar_domains(item) is None:
        return False
    return numbers_indecisive(values, expected, RTOL, ATOL) or inexact_in_floats(tree)


#: a number answer this near the right value (relative) was rounded too much, not wrong in kind
CLOSE = 0.03


def _fixed(spec: ExpressionSpec) -> bool:
    """True for a number item: no symbol varies, so every sample point has the same value."""
    return not any(d.low != d.high for d in spec.symbols.values())


def _close_number(spec: ExpressionSpec, values: list[np.ndarray],
                  expected: list[np.ndarray]) -> tuple[str, str] | None:
    """(the answer as shown, the percent it is within) for a too-rough decimal such as 1.7 for 5/3.

    For a vector of numbers every entry must be that close (an entry that should be 0 exactly 0).
    """
    import numpy as np

    if not spec.tolerance or not _fixed(spec):
        return None
    got, right = values[0][0].reshape(-1), expected[0][0].reshape(-1)
    if got.shape != right.shape or not np.isfinite(got).all() or not right.any():
        return None
    error = np.abs(got - right)
    if (error > CLOSE * np.abs(right)).any():
        return None
    percent = 1 if (error <= 0.01 * np.abs(right)).all() else 3
    shown = _fmt(float(got[0])) if got.size == 1 else "[" + ", ".join(_fmt(float(v)) for v in got) + "]"
    return shown, str(percent)


def _wrong_entries(spec: ExpressionSpec, shape: Shape, values: list[np.ndarray],
                   expected: list[np.ndarray], rtol: float) -> list[int]:
    """The 1-based positions of the wrong entries of a vector of numbers (judged entry by entry)."""
    import numpy as np

    if is_scalar(shape) or 1 not in shape or not _fixed(spec):
        return []
    got, right = values[0][0].reshape(-1), expected[0][0].reshape(-1)
    if got.shape != right.shape:
        return []
    with np.errstate(all="ignore"):
        agree = np.isclose(got, right, rtol=rtol, atol=ATOL)
    return [int(i) + 1 for i in np.flatnonzero(~agree)]


def _has_vector_literal(tree: Node) -> bool:
    return any(isinstance(node, Vector) for node in walk(tree))


def _vector_noun(shape: Shape, lang: str) -> str:
    """"a column of size 3", "a row of size 3", else the usual noun (a scalar, a matrix of size 2×3)."""
    if kind(shape) == "column":
        return t("answer.vector.column", lang, size=shape[0])
    if kind(shape) == "row":
        return t("answer.vector.row", lang, size=shape[1])
    return _noun(shape, lang)


def _vector_shape_message(got: Shape, expected: Shape, lang: str) -> str:
    """"A column of size 3 was expected, got a row of size 3." and how to write the expected one."""
    message = t("answer.vector.expected", lang, expected=_vector_noun(expected, lang), got=_vector_noun(got, lang))
    message = message[0].upper() + message[1:]
    if got == (expected[1], expected[0]) and kind(expected) in ("column", "row"):
        message += " " + t(f"answer.vector.hint.{kind(expected)}", lang)
    return message


def _noun(shape: Shape, lang: str) -> str:
    return t(f"answer.shape.{kind(shape)}", lang, size=describe(shape))


def _scalar_hint(spec: ExpressionSpec, groups: list[Any], values: list[np.ndarray], lang: str) -> str:
    """For scalar items: the answer's value at one point (never the right value: see below)."""
    got = float(values[0][0, 0, 0])
    if not spec.symbols:
        return t("answer.incorrect.value", lang, got=_fmt(got))
    group = groups[0]
    point = ", ".join(
        f"{names.display(name)} = {_fmt(float(group.values[name][0, 0, 0]))}"
        for name in spec.symbols
        if group.values[name].shape[-2:] == (1, 1)
    )
    if not point:
        return t("answer.incorrect", lang)
    # the right value is not said: for a number item it is the answer, and for 2C one point gives it away
    return t("answer.incorrect.at_point", lang, point=point, got=_fmt(got))


def _fmt(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:.4g}".replace("-", "−")
