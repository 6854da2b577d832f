"""Every answer gets a verdict: one regression test per crash class found by fuzzing (issue 9)."""

from __future__ import annotations

import contextlib
import gc
import inspect
import math
import sys
import time
from collections.abc import Callable
from fractions import Fraction

import pytest

from tutor.answers import check_answer, choice, interpret, judge, simplify_echo, sympy_worker
from tutor.answers import statements as statements_module
from tutor.answers.equation import bracketed_tail, judged_part
from tutor.answers.errors import AnswerError, AnswerShapeError, AnswerSyntaxError, printable
from tutor.answers.intake import MAX_LENGTH, encodable
from tutor.answers.parser import _Parser, parse
from tutor.answers.statements import (
    _DEFINITION,
    _UPDATE,
    parse_statements,
    split_statements,
    with_plain_assignments,
    without_condition,
)
from tutor.answers.symbolic import within_bounds
from tutor.answers.tokens import _Lexer
from tutor.answers.tree import Number, as_float
from tutor.answers.verdict import Verdict
from tutor.quiz.items import QuizItem, get_item


def _item(item_id: str) -> QuizItem:
    item = get_item(item_id)
    assert item is not None
    return item


def _judged(item_id: str, text: str, lang: str = "en") -> Verdict:
    """The verdict, after checking that it and the live echo encode as UTF-8."""
    verdict = check_answer(_item(item_id), text, lang)
    verdict.message.encode("utf-8")
    (verdict.interpreted or "").encode("utf-8")
    reading = interpret(_item(item_id), text, lang)
    (reading.echo or "").encode("utf-8")
    (reading.error or "").encode("utf-8")
    return verdict


# ---------------------------------------------------------------- the gate: length first, then characters

@pytest.mark.parametrize("item_id", ["1b", "2", "8.2"])  # an expression, a scalar, a multiple choice
def test_a_megabyte_is_refused_before_any_other_pass(monkeypatch: pytest.MonkeyPatch, item_id: str) -> None:
    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("the text was scanned before its length was checked")

    monkeypatch.setattr(statements_module, "split_statements", must_not_run)
    for text in ("a" * 1_000_000, "(" * 1_000_000, "x" * (MAX_LENGTH + 1)):
        verdict = check_answer(_item(item_id), text, "en")
        assert verdict.status == "invalid" and "too long" in verdict.message
        assert "слишком длинный" in check_answer(_item(item_id), text, "ru").message
        assert "too long" in (interpret(_item(item_id), text, "en").error or "")


@pytest.mark.parametrize("text", ["z\ud800", "\ud800", "\udcff", "1 - tanh(z)^2\udc80", "ы\udcff+z"])
def test_lone_surrogates_are_refused_at_their_column(text: str) -> None:
    verdict = _judged("2", text)
    assert verdict.status == "invalid"
    assert "\ufffd" in verdict.message or "word" in verdict.message
    assert check_answer(_item("8.2"), text, "en").message.encode("utf-8")


def test_a_surrogate_pair_left_as_two_code_points_is_its_character() -> None:
    assert encodable("\ud835\udc67") == "𝑧"
    assert _judged("2", "1 - tanh(\ud835\udc67)^2").status == "correct"


@pytest.mark.parametrize(
    ("text", "shown"),
    [("z\x1b[31m", "U+001B"), ("z\x00", "U+0000"), ("\u200bz", "U+200B"), ("\u0305", "U+0305")],
)
def test_invisible_characters_are_named_in_the_message(text: str, shown: str) -> None:
    verdict = _judged("2", text)
    assert verdict.status == "invalid" and shown in verdict.message
    assert "\x1b" not in verdict.message and "\x00" not in verdict.message


def test_a_long_typed_word_is_quoted_cut() -> None:
    verdict = _judged("1b", "a" * 1999)
    assert verdict.status == "invalid" and len(verdict.message) < 200 and "…" in verdict.message
    assert printable("v̂") == "v̂"  # a combining mark after its letter stays


def test_only_typed_text_is_cut_not_a_shape_message() -> None:
    error = AnswerSyntaxError("unknown_name", 1, name="q" * 100, suggestion="")
    assert "q" * 41 not in error.message("en")
    shape = AnswerShapeError("shape.add", None, left="q" * 100, right="x", a="2×1", b="3×1")
    assert "q" * 100 in shape.message("en")


# ---------------------------------------------------------------- every pass linear in the length

def _cost(run: Callable[[str], object], text: str) -> float:
    """CPU seconds of ``run(text)``, best of three (repeated so that the clock's grain does not matter)."""
    best = float("inf")
    gc.collect()
    gc.disable()  # the collector's passes over many small objects are noise, not the pass's own work
    try:
        for _ in range(3):
            start = time.process_time()
            for _ in range(5):
                with contextlib.suppress(AnswerError):
                    run(text)
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return max(best, 1e-6)


def _lex(text: str) -> object:
    return _Lexer(text).run()


def _parse_tokens(text: str) -> object:
    return _Parser(_Lexer(text).run()).expr()


PASSES: list[tuple[str, Callable[[str], object], Callable[[int], str]]] = [
    ("statements", split_statements, lambda n: "(x;" * (n // 3)),
    ("statements", split_statements, lambda n: "x;\n" * (n // 3)),
    ("statements", split_statements, lambda n: "h=x," * (n // 4)),  # a comma after a definition splits
    ("statements", split_statements, lambda n: "h=1," + "1," * (n // 2)),  # a decimal comma does not
    ("statements", parse_statements, lambda n: "θ -= θ;" * (n // 7)),
    ("assignment", with_plain_assignments, lambda n: "θ ← θ:=" * (n // 7)),
    ("update", _UPDATE.match, lambda n: "a" * n),
    ("update", _UPDATE.match, lambda n: "θ" + " " * n + "x"),
    ("definition", _DEFINITION.match, lambda n: "a" * n),
    ("definition", _DEFINITION.match, lambda n: "h_" + "a" * n),
    ("definition", _DEFINITION.match, lambda n: "ab1" * (n // 3)),
    ("equation", judged_part, lambda n: "a=" * (n // 2)),
    ("equation", bracketed_tail, lambda n: "2(" + " " * n + "x)"),
    ("equation", bracketed_tail, lambda n: "2(" + " " * n + "1" + " " * n + "x)"),
    ("equation", bracketed_tail, lambda n: "((" * (n // 2) + ")"),
    ("equation", judged_part, lambda n: "(≈" * (n // 2)),
    ("condition", lambda t: without_condition(t, {"p": 0.5}), lambda n: "x" * n + ", p = 0.5"),
    ("condition", lambda t: without_condition(t, {"p": 0.5}), lambda n: " " * n + "p" + " " * n + "= 0.5"),
    ("lexer", _lex, lambda n: "x.T+" * (n // 4)),
    ("lexer", _lex, lambda n: "W_{1}x+" * (n // 7)),
    ("lexer", _lex, lambda n: "\\hat{y}·θₜ₋₁+" * (n // 13)),
    ("lexer", _lex, lambda n: "1.5e-3, " * (n // 8)),
    ("lexer", _lex, lambda n: "a" * n),
    ("lexer", _lex, lambda n: "z.tanh()+" * (n // 9)),
    ("parser", _parse_tokens, lambda n: "x+2y*" * (n // 5) + "z"),
]


@pytest.mark.parametrize(("name", "run", "build"), PASSES, ids=[f"{p[0]}-{i}" for i, p in enumerate(PASSES)])
def test_each_pass_is_linear_in_the_length(name: str, run: Callable[[str], object],
                                           build: Callable[[int], str]) -> None:
    """Ten times the text costs about ten times the work: 30 allows noise, a quadratic pass gives ~100."""
    small, large = _cost(run, build(10_000)), _cost(run, build(100_000))
    assert large / small < 30, (name, small, large)


# ---------------------------------------------------------------- numbers past the float range

@pytest.mark.parametrize("text", ["1e309", "2e308", "-1e309", "1e999", "9.99e999 z", "z + 1e309", "1e311%"])
@pytest.mark.parametrize("item_id", ["2", "8.4", "1b"])
def test_a_literal_past_the_float_range_is_too_large(item_id: str, text: str) -> None:
    verdict = _judged(item_id, text)
    assert verdict.status == "invalid" and "too large to compute" in verdict.message, verdict
    assert "слишком велико" in check_answer(_item(item_id), text, "ru").message


@pytest.mark.parametrize("text", ["1.7e308", "1e308*10", "1e-999", "(1e300)^2", "10^100 - 10^100 + 2"])
def test_large_values_within_the_literal_range_are_judged(text: str) -> None:
    assert _judged("8.4", text).status in ("correct", "incorrect")


def test_as_float_saturates() -> None:
    assert as_float(Fraction(10) ** 400) == math.inf and as_float(-(Fraction(10) ** 400)) == -math.inf


# ---------------------------------------------------------------- powers of a function that are not whole numbers

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tanh^(1/0)(z)", "must be a whole number"),
        ("tanh^(0/0)(z)", "must be a whole number"),
        ("tanh^(1e308*10)(z)", "exponent is too large"),
        ("tanh^(-1e308*10)(z)", "exponent is too large"),
        ("cosh^(10^10^10)(z)", "exponent is too large"),
        ("tanh^(1e300)(z)", "exponent is too large"),
        ("tanh^(1/2)(z)", "must be a whole number"),
    ],
)
def test_a_function_power_that_is_not_finite_says_so(text: str, expected: str) -> None:
    verdict = _judged("2", text)
    assert verdict.status == "invalid" and expected in verdict.message, verdict


# ---------------------------------------------------------------- a repeating decimal without a leading digit

@pytest.mark.parametrize(("text", "value"), [(".6̅", Fraction(2, 3)), (".16̅", Fraction(1, 6)),
                                             ("1.6̅", Fraction(5, 3)), (".1(6)", Fraction(1, 6))])
def test_a_repeating_decimal_may_start_with_the_point(text: str, value: Fraction) -> None:
    assert parse(text).tree == Number(value, text)


def test_a_repeating_decimal_is_judged_as_its_exact_value() -> None:
    verdict = _judged("8.4", "1/(1-.3̅)")  # 8.4's answer is 2 = 1/(1 − p) at p = 0.5; 1/(1 − 1/3) = 1.5
    assert verdict.status == "incorrect" and "1.5" in verdict.message
    assert _judged("2", ".6̅").status == "incorrect"  # a number where a formula in z is expected


# ---------------------------------------------------------------- deep chains: the depth limit, never a RecursionError

CHAINS = ["√", "Σ", "th ", "tanh ", "exp ", "sqrt ", "\\sqrt{", "\\sqrt ", "-", "+-", "σ ", "tanh^2 ", "e^", "z^",
          "(", "sqrt(", "\\frac{1}{", "np.tanh(", "√(", "(-", "[", "{"]


@pytest.mark.parametrize("prefix", CHAINS)
@pytest.mark.parametrize("count", [101, 300])
def test_a_chain_of_prefixes_meets_the_depth_limit(prefix: str, count: int) -> None:
    open_left = []  # the brackets the prefix leaves open, to close after z
    for c in prefix:
        if c in "({[":
            open_left.append({"(": ")", "{": "}", "[": "]"}[c])
        elif c in ")}]":
            open_left.pop()
    closing = "".join(reversed(open_left))
    count = min(count, (MAX_LENGTH - 1) // (len(prefix) + len(closing)))  # within the length limit
    assert count > 100
    verdict = _judged("2", prefix * count + "z" + closing * count)
    assert verdict.status == "invalid", verdict
    assert "nested more than 100 levels" in verdict.message, verdict
    assert "вложена глубже 100" in check_answer(_item("2"), prefix * count + "z", "ru").message


#: frames a check may use at the deepest accepted nesting (about 8 per level for sqrt(…), 3 per tree level
#: for the echo); the interpreter allows 1,000, so a caller keeps more than 150 for itself
FRAME_BUDGET = 850
DEEPEST = ["(" * 100 + "z" + ")" * 100, "sqrt(" * 100 + "z" + ")" * 100, "tanh(" * 100 + "z" + ")" * 100,
           "\\sqrt{" * 50 + "z" + "}" * 50, "√" * 100 + "z", "tanh " * 100 + "z", "-" * 100 + "z",
           "z+" * 199 + "z", "z^" * 99 + "2", "\\frac{" * 50 + "z" + "}{2}" * 50, "z/(z+" * 99 + "z" + ")" * 99]


@pytest.mark.parametrize("text", DEEPEST, ids=[t[:8] for t in DEEPEST])
def test_the_deepest_accepted_answers_fit_a_frame_budget(text: str) -> None:
    """Parser, shape inference, evaluator and echo together stay within FRAME_BUDGET frames."""
    item = _item("2")
    check_answer(item, "z", "en")  # sampling and caches outside the measured stack
    previous = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack(0)) + FRAME_BUDGET)
    try:
        verdict = check_answer(item, text, "en")
        reading = interpret(item, text, "en")
    finally:
        sys.setrecursionlimit(previous)
    assert verdict.status == "incorrect" and verdict.interpreted, verdict
    assert reading.echo == verdict.interpreted


def test_deep_trees_are_not_given_to_sympy() -> None:
    assert not within_bounds(parse("√" * 70 + "z").tree)
    assert within_bounds(parse("√" * 10 + "z").tree)


# ---------------------------------------------------------------- negative powers of singular matrices

@pytest.mark.parametrize(("item_id", "text"), [("1b", "(x xᵀ)^-1 x"), ("1b", "(x x^T)^(-2) x"), ("1b", "(I-I)^-1 x"),
                                               ("4", "(W1 W1ᵀ)^-1 W1 x"), ("1b", "(I/0)^-1 x")])
def test_the_inverse_of_a_singular_matrix_has_no_value(item_id: str, text: str) -> None:
    assert _judged(item_id, text).status == "incorrect"


def test_negative_matrix_powers_are_inverses() -> None:
    assert _judged("1b", "(2I)^-1 * 4x").status == "correct"
    assert _judged("1b", "(0.5 I)^-2 x/2").status == "correct"


def test_digits_of_other_scripts_do_not_slip_past_the_digit_limit() -> None:
    for text in ("1.(" + "٣" * 1900 + ")", "1e٣", "1.(٣)"):
        assert _judged("8.4", text).status == "invalid"
    assert "more than 30 digits" in _judged("8.4", "1.(" + "6" * 40 + ")").message


# ---------------------------------------------------------------- the last line of defence

@pytest.mark.parametrize("item_id", ["2", "1b", "8.2"])
def test_an_exception_while_judging_is_an_error_verdict(monkeypatch: pytest.MonkeyPatch, item_id: str) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("boom \ud800 \x1b[31m" + "x" * 500)

    monkeypatch.setattr(judge, "_read", broken)
    monkeypatch.setattr(choice, "parse_choice", broken)
    verdict = check_answer(_item(item_id), "2x", "en")
    assert verdict.status == "error" and not verdict.correct
    assert verdict.item == item_id and verdict.interpreted is None
    assert "checker failed" in verdict.message and "does not count as an attempt" in verdict.message
    assert verdict.detail is not None and verdict.detail.startswith("ZeroDivisionError: boom")
    assert len(verdict.detail) < 300 and "\x1b" not in verdict.detail
    verdict.detail.encode("utf-8")
    assert verdict.to_json()["detail"] == verdict.detail and verdict.to_json()["verdict"] == "error"
    assert "попытка не засчитана" in check_answer(_item(item_id), "2x", "ru").message
    if item_id != "8.2":
        assert "checker failed" in (interpret(_item(item_id), "2x", "en").error or "")


def test_an_ordinary_verdict_has_no_detail() -> None:
    verdict = check_answer(_item("2"), "1 - tanh(z)^2", "en")
    assert verdict.detail is None and "detail" not in verdict.to_json()


def test_simplify_echo_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("worker exploded")

    monkeypatch.setattr(sympy_worker, "run", broken)
    assert simplify_echo(_item("2"), "4/(e^z+e^-z)^2") is None
    assert simplify_echo(_item("2"), "\ud800" * 3000) is None
