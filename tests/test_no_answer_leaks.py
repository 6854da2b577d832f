"""No item's answer is shown before the item is closed (issue 8 §3), checked for every item.

What a student sees while an item is open: the question's and its parts' titles
(``list``, the quiz header, the review list), the item's prompt, its hints, and
the messages of named mistakes, conventions and readings. None of them may state
the item's reference answer, in any of its usual spellings:

- the reference and every accepted spelling of the item's examples, each in the
  checker's Unicode echo (``1 − tanh²(z)``, ``θ − m − η·λ·θ``, ``√2``) and as typed;
- for a number, its decimals (``1.67``, ``1.667``, ``1,67``);
- for a multiple choice, the right option's text and, in titles and messages,
  its distinctive words (those no other option and not the prompt uses).

Texts are compared after a normalization that ignores what does not change a
formula's meaning to a reader: spaces, ``·``/``*``, the minus sign's form,
time and component indices (``θₜ₋₁`` is θ, ``2xᵢ`` is 2x), a one-letter argument
(``tanh²(z)`` is tanh²), ``^2`` against ``²``, ``sqrt(2)`` against ``√2``.

Hints are a ladder towards the answer: they may approach it, and the last rung
may be very close (``Which n×n matrix has ones on the diagonal and zeros
elsewhere?``), but no rung states the answer itself; for choices the distinctive
words are allowed in hints (a hint may say what matters), the option's full
text is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import pytest

from tutor.answers import check_answer, interpret
from tutor.answers.spec import ChoiceSpec, ExpressionSpec
from tutor.content.loader import load_course
from tutor.quiz.items import QuizItem, load_items, load_quiz_module

LANGS = ("ru", "en")
SUB_DIGITS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
SUP = {"²": "^2", "³": "^3", "ᵀ": "^T"}


def normalize(text: str, *, spaces: bool = False) -> str:
    """A text as a reader compares formulas (see the module docstring); ``spaces`` keeps word gaps."""
    s = text.replace("−", "-").replace("–", "-").replace("—", "-")
    s = re.sub(r"[ₜᵢⱼₖ][ₜᵢⱼₖ₋₊₀-₉]*", "", s)  # time and component indices
    s = re.sub(r"_\{?[tijk](?:[-+]\d)?\}?", "", s)
    s = s.translate(SUB_DIGITS)
    for sup, plain in SUP.items():
        s = s.replace(sup, plain)
    s = s.replace("**", "^")
    s = re.sub(r"sqrt\(", "√(", s)
    s = re.sub(r"√\((\w+)\)", r"√\1", s)
    s = re.sub(r"[·*⋅]", "", s)
    s = re.sub(r"\s+", " " if spaces else "", s)
    s = re.sub(r"(?<=[a-zσ])(\^\d)?\((?:z|x)\)", r"\1", s)  # tanh^2(z) → tanh^2, f(x) → f
    return s.strip()


NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)?|\d*[.,]\d+)([/:]\d+([.,]\d+)?)?$")


def contains(text: str, form: str) -> bool:
    """Whether ``text`` states ``form``; short and numeric forms only as whole tokens (2 is not in 12)."""
    f = normalize(form).rstrip(".")  # "44." is 44 with a full stop
    if not f:
        return False
    if NUMBER.match(f) or len(f) <= 2:
        t = normalize(text, spaces=True)
        return re.search(rf"(?<![\w/^])(?<!\d[.,]){re.escape(f)}(?![\w/^]|[.,]\d)", t) is not None
    return f in normalize(text)


@cache
def examples() -> dict[str, dict[str, list]]:
    tables: dict[str, dict[str, list]] = {}
    for question in load_course():
        if question.quiz_path is not None:
            tables.update(load_quiz_module(question.quiz_path, question.number).EXAMPLES)
    return tables


def _echo(item: QuizItem, text: str) -> str | None:
    shown = interpret(item, text)
    return shown.echo if shown.error is None else None


@cache
def answer_forms(item_id: str) -> tuple[str, ...]:
    """The spellings of an item's answer a student would recognise as the answer."""
    item = next(i for i in load_items() if i.id == item_id)
    spec = item.spec
    forms: set[str] = set()
    if isinstance(spec, ChoiceSpec):
        forms.update(spec.options[spec.answer][lang] for lang in LANGS)
        return tuple(sorted(forms))
    assert isinstance(spec, ExpressionSpec)
    accepted = [spec.answer] + [
        entry for entry in examples().get(item_id, {}).get("accept", []) if isinstance(entry, str)
    ]
    for text in accepted:
        echo = _echo(item, text)
        if echo:
            forms.add(echo)
        if "\\" not in text and "=" not in text and "≈" not in text:
            forms.add(text.strip())
    if item.kind == "number":
        value = _number(spec.answer)
        if value is not None:
            for digits in (2, 3, 4):
                decimal = f"{value:.{digits}f}".rstrip("0").rstrip(".")
                forms.update({decimal, decimal.replace(".", ",")})
    return tuple(sorted(f for f in forms if normalize(f)))


def _number(text: str) -> float | None:
    """The value of a number item's reference: a decimal, a fraction a/b or sqrt(n)."""
    import math

    if m := re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(?:/\s*(\d+(?:\.\d+)?))?\s*", text):
        return float(m.group(1)) / (float(m.group(2)) if m.group(2) else 1.0)
    if m := re.fullmatch(r"\s*sqrt\((\d+(?:\.\d+)?)\)\s*", text):
        return math.sqrt(float(m.group(1)))
    return None


def distinctive_stems(item: QuizItem) -> dict[str, set[str]]:
    """Per language, stems of the right option's words that no other option and not the prompt has."""
    spec = item.spec
    assert isinstance(spec, ChoiceSpec)
    out: dict[str, set[str]] = {}
    for lang in LANGS:
        def stems(text: str) -> set[str]:
            return {w.lower()[:5] for w in re.findall(r"\w{4,}", text)}

        others = set().union(*(stems(o[lang]) for i, o in enumerate(spec.options) if i != spec.answer))
        out[lang] = stems(spec.options[spec.answer][lang]) - others - stems(item.prompt[lang])
    return out


def messages(item: QuizItem) -> Iterator[tuple[str, str, str]]:
    """(what, lang, text) of every mistake, convention and reading message of the item."""
    spec = item.spec
    alternatives = []
    if isinstance(spec, ExpressionSpec):
        alternatives = [("mistake", a) for a in spec.mistakes] + [("convention", a) for a in spec.conventions]
        for reading in spec.readings:
            for lang in LANGS:
                yield "reading", lang, reading.note[lang]
    elif isinstance(spec, ChoiceSpec):
        alternatives = [("mistake", a) for a in spec.mistakes.values()]
    for kind, alt in alternatives:
        for lang in LANGS:
            yield f"{kind} {alt.id}", lang, alt.note[lang]


def checked_items() -> list[QuizItem]:
    return [item for item in load_items() if item.kind != "self-check"]


def _leaks(item: QuizItem, text: str, lang: str, *, stems: bool) -> list[str]:
    found = [form for form in answer_forms(item.id) if contains(text, form)]
    if stems and isinstance(item.spec, ChoiceSpec):
        words = {w.lower()[:5] for w in re.findall(r"\w{4,}", text)}
        found += sorted(distinctive_stems(item)[lang] & words)
    return found


@pytest.mark.parametrize("item", checked_items(), ids=lambda i: i.id)
def test_titles_do_not_state_the_answer(item: QuizItem) -> None:
    question = load_course().question(item.question)
    assert question is not None
    titles = [question.title] + [part.title for part in question.parts]
    for title in titles:
        for lang in LANGS:
            assert not _leaks(item, title[lang], lang, stems=True), (title[lang], _leaks(item, title[lang], lang, stems=True))


@pytest.mark.parametrize("item", checked_items(), ids=lambda i: i.id)
def test_solution_step_titles_do_not_state_the_answer(item: QuizItem) -> None:
    """Step titles are shown while an item is open (the outline of the derivation, each step's
    header before it is revealed): the answer belongs in a step's body, never in its title."""
    question = load_course().question(item.question)
    assert question is not None
    bad = [(lang, step.title, _leaks(item, step.title, lang, stems=True))
           for lang in LANGS for step in question.solution(lang) if _leaks(item, step.title, lang, stems=True)]
    assert not bad, bad


@pytest.mark.parametrize("item", checked_items(), ids=lambda i: i.id)
def test_messages_name_the_mistake_without_the_answer(item: QuizItem) -> None:
    bad = [(what, lang, text, _leaks(item, text, lang, stems=True)) for what, lang, text in messages(item)
           if _leaks(item, text, lang, stems=True)]
    assert not bad, bad


@pytest.mark.parametrize("item", checked_items(), ids=lambda i: i.id)
def test_prompts_and_hints_do_not_state_the_answer(item: QuizItem) -> None:
    for lang in LANGS:
        assert not _leaks(item, item.prompt[lang], lang, stems=True), item.prompt[lang]
        for hint in item.hints:
            assert not _leaks(item, hint[lang], lang, stems=False), (hint[lang], _leaks(item, hint[lang], lang, stems=False))


def wrong_answers(item: QuizItem) -> Iterator[str]:
    """Wrong answers that reach every kind of message: the item's rejected examples, every wrong option,
    and the reference spoiled (scaled, shifted, squared, nearly right) to reach the value, point,
    close-number, entry and missing-name messages."""
    table = examples().get(item.id, {})
    yield from (answer for answer, _ in table.get("reject", []))
    yield from (answer for answer, _ in table.get("unreadable", []))
    spec = item.spec
    if isinstance(spec, ChoiceSpec):
        yield from (str(i + 1) for i in range(len(spec.options)) if i != spec.answer)
        return
    assert isinstance(spec, ExpressionSpec)
    for template in ("({})*1.5", "({}) + 1", "({})*1.02", "({})*1.004", "({})^2", "1/({})", "0*({})"):
        yield template.format(spec.answer)


@pytest.mark.parametrize("item", checked_items(), ids=lambda i: i.id)
def test_verdicts_on_wrong_answers_do_not_state_the_answer(item: QuizItem) -> None:
    """What the checker says to a wrong answer on an open item: the named mistakes, and the messages it
    composes itself (a value at a point, a near miss, wrong entries, missing names) never hold the answer."""
    bad = []
    for answer in wrong_answers(item):
        for lang in LANGS:
            verdict = check_answer(item, answer, lang)
            if verdict.status == "correct":
                continue
            # the student's own formula quoted back (in a size message) is not a leak
            typed = normalize(answer) + "|" + normalize(verdict.interpreted or "")
            leaks = [form for form in _leaks(item, verdict.message, lang, stems=True)
                     if normalize(form).rstrip(".") not in typed]
            if leaks:
                bad.append((answer, lang, verdict.message, leaks))
    assert not bad, bad


# ---------------------------------------------------------------- the check itself


@pytest.mark.parametrize(
    ("item_id", "text"),
    [
        ("6.tanh", "gain для tanh: 5/3 и что будет при другом значении"),
        ("6.tanh", "its gain is 1.67"),
        ("6.relu", "gain for ReLU: √2 and what a different value does"),
        ("6.relu", "so sqrt(2)"),
        ("2", "The square is missing: tanh′(z) = 1 − tanh²(z) = sech²(z)."),
        ("2", "(cosh² − sinh²)/cosh² = 1 − tanh²"),
        ("1b", "The first derivative is the vector 2x."),
        ("1b", "∂(x₁² + … + xₙ²)/∂xᵢ = 2xᵢ."),
        ("3.1", "The sign is flipped: ∂CE/∂z = ŷ − p"),
        ("5.sgdw", "multiplied by ηₜ: θₜ₋₁ − mₜ − ηₜλθₜ₋₁."),
        ("5.adamw", "θₜ₋₁ − ηₜ(α m̂ₜ/(√v̂ₜ + ε) + λθₜ₋₁)"),
        ("7", "γ and β remain, 2C."),
        ("4.params", "in all 44"),
        ("8.2", "0.1 · 0.1 = 0.01"),
        ("8.4", "PyTorch multiplies by 1/(1 − p) = 2."),
        ("1a", "i.e. I."),
        ("4", "y = W₃σ(W₂σ(W₁x + b₁) + b₂) + b₃"),
    ],
)
def test_the_check_finds_the_leaks_the_review_found(item_id: str, text: str) -> None:
    item = next(i for i in load_items() if i.id == item_id)
    assert _leaks(item, text, "en", stems=True)


def test_number_references_are_read() -> None:
    assert _number("5/3") == pytest.approx(5 / 3) and _number("sqrt(2)") == pytest.approx(2**0.5)
    assert _number("0.01") == 0.01 and _number("44") == 44 and _number("2C") is None
    assert {"1.67", "1,67", "1.667"} <= set(answer_forms("6.tanh"))
    assert {"1.41", "1.414", "√2"} <= set(answer_forms("6.relu"))


@pytest.mark.parametrize(
    ("item_id", "text"),
    [
        ("6.tanh", "For tanh PyTorch uses a rational number a bit above 1.5."),
        ("6.tanh", "15/3 and 1.675 are other numbers"),
        ("8.4", "A unit is kept with probability 1 − p."),
        ("1b", "Сначала распишите xᵀx как сумму: x₁² + … + xₙ²."),
        ("1b", "Collect the partial derivatives into a vector."),
        ("4.params", "33 counts the weights only (15 + 10 + 8); every layer also has a bias vector."),
        ("3.1", "ŷ − 1 would mean a target of 1 for every class"),
    ],
)
def test_the_check_lets_ideas_through(item_id: str, text: str) -> None:
    item = next(i for i in load_items() if i.id == item_id)
    assert not _leaks(item, text, "en", stems=True)


def test_choice_stems_are_what_only_the_right_option_says() -> None:
    item = next(i for i in load_items() if i.id == "8.1")
    stems = distinctive_stems(item)
    assert "valid" in stems["en"] and "валид" in stems["ru"]
    assert "train" not in stems["en"]  # option a says "training set"
