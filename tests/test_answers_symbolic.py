"""Sympy as a second opinion and a simplifier: conversion, decisions, the time bound, the CLI flag."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest
import sympy

from tutor.answers import check_answer, simplify_echo, symbolic, sympy_worker
from tutor.answers.echo import echo
from tutor.answers.judge import ATOL, RTOL, read_answer
from tutor.answers.parser import parse
from tutor.answers.spec import scalar
from tutor.cli import main
from tutor.quiz.items import QuizItem, get_item, load_quiz_module

Z = sympy.Symbol("z", real=True)
C = sympy.Symbol("C", positive=True)
SYMBOLIC_OK = "checked symbolically"


def _item(item_id: str) -> QuizItem:
    item = get_item(item_id)
    assert item is not None
    return item


@pytest.fixture(scope="module", autouse=True)
def _stop_worker() -> Iterator[None]:
    yield
    sympy_worker.shutdown()


# ---------------------------------------------------------------- tree -> sympy

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 - tanh(z)^2", 1 - sympy.tanh(Z) ** 2),
        ("1−tanh²(z)", 1 - sympy.tanh(Z) ** 2),
        ("sech²z", sympy.sech(Z) ** 2),
        ("2z", 2 * Z),
        ("z ⊙ z", Z**2),
        ("-z^2", -(Z**2)),
        ("e^z", sympy.exp(Z)),
        ("exp(-z)", sympy.exp(-Z)),
        ("ln(z + 4)", sympy.log(Z + 4)),
        ("√(z + 4)", sympy.sqrt(Z + 4)),
        ("cosh(z)^(-2)", sympy.cosh(Z) ** -2),
        ("sinh(z)/cosh(z)", sympy.sinh(Z) / sympy.cosh(Z)),
        ("1/2z", Z / 2),
        ("pi z", sympy.pi * Z),
        ("1.667", sympy.Rational(1667, 1000)),
        ("\\frac{5}{3}", sympy.Rational(5, 3)),
        ("4/(e^z + e^-z)^2", 4 / (sympy.exp(Z) + sympy.exp(-Z)) ** 2),
    ],
)
def test_to_sympy_item_2(text: str, expected: sympy.Expr) -> None:
    item = _item("2")
    got = symbolic.to_sympy(read_answer(item, text), item.spec.symbols)
    assert got == expected


def test_symbols_take_assumptions_from_their_domains() -> None:
    item = _item("7")
    got = symbolic.to_sympy(read_answer(item, "2C"), item.spec.symbols)
    assert got == 2 * C and got.free_symbols == {C}
    assert C.is_positive
    z = next(iter(symbolic.to_sympy(read_answer(_item("2"), "z"), _item("2").spec.symbols).free_symbols))
    assert z.is_real and z.is_positive is None
    negative = symbolic.to_sympy(parse("z").tree, {"z": scalar(-3, -1)})
    assert negative.is_negative


def test_decimals_become_floats_only_when_asked() -> None:
    tree = parse("1.5").tree
    assert symbolic.to_sympy(tree, {}) == sympy.Rational(3, 2)
    assert isinstance(symbolic.to_sympy(tree, {}, exact=False), sympy.Float)


@pytest.mark.parametrize(
    ("item_id", "text"),
    [("2", "z^T"), ("2", "σ(z)"), ("3.1", "softmax(z) - p"), ("3.1", "sum(p)"), ("1a", "I")],
)
def test_unsupported_nodes_are_not_applicable(item_id: str, text: str) -> None:
    tree = parse(text).tree
    domains = {"z": scalar(-3, 3), "p": scalar()}
    assert not symbolic.convertible(tree, domains)
    with pytest.raises(symbolic.NotApplicable):
        symbolic.to_sympy(tree, domains)


@pytest.mark.parametrize("item_id", ["1a", "1b", "3.1", "3.2", "4", "5.sgdw", "5.adamw", "8.1", "8.3"])
def test_only_scalar_items_are_applicable(item_id: str) -> None:
    item = _item(item_id)
    assert symbolic.scalar_domains(item) is None
    assert symbolic.simplify_echo(item, "x") is None


@pytest.mark.parametrize("item_id", ["2", "4.params", "6.tanh", "6.relu", "7", "8.2", "8.4"])
def test_scalar_items_are_applicable(item_id: str) -> None:
    assert symbolic.scalar_domains(_item(item_id)) is not None


@pytest.mark.parametrize(
    ("text", "fits"),
    [
        ("(z+1)^20", True),
        ("(z+1)^40", True),
        ("(z+1)^41", False),
        ("(z+1)^20 (z+2)^21", False),
        ("((z+1)^7)^7", False),
        ("(10^30)^30", True),
        ("((10^30)^30)^30", False),
        ("e^(e^(e^z))", True),
        ("e^(e^(e^(e^z)))", False),
        ("tanh(tanh(tanh(tanh(z))))", False),
        ("+".join(["z"] * 61), False),
        ("+".join(["z"] * 60), True),
    ],
)
def test_size_bounds(text: str, fits: bool) -> None:
    assert symbolic.within_bounds(parse(text).tree) is fits


# ---------------------------------------------------------------- sympy -> tree -> echo

@pytest.mark.parametrize(
    ("expr", "shown"),
    [
        (1 - sympy.tanh(Z) ** 2, "1 − tanh²(z)"),
        (-(Z**2) + 1, "1 − z²"),
        (sympy.cosh(Z) ** -2, "1/cosh²(z)"),
        (-2 * sympy.tanh(Z) / sympy.cosh(Z) ** 2, "−2·tanh(z)/cosh²(z)"),
        (sympy.Rational(-3, 2) / Z, "−3/(2·z)"),
        (Z ** sympy.Rational(5, 2), "z^(5/2)"),
        (1 / sympy.sqrt(Z + 1), "1/√(z + 1)"),
        (sympy.sqrt(2), "√2"),
        (sympy.Rational(5, 3), "5/3"),
        (sympy.Integer(-44), "−44"),
        (sympy.exp(2 * Z) / (sympy.exp(2 * Z) + 1), "exp(2·z)/(exp(2·z) + 1)"),
        (sympy.pi * Z, "π·z"),
        (sympy.Float(1.5) * Z + 2, "1.5·z + 2"),
    ],
)
def test_from_sympy_prints_like_the_echo(expr: sympy.Expr, shown: str) -> None:
    tree = symbolic.from_sympy(expr)
    assert echo(tree) == shown
    # what is printed reads back as the same value
    back = symbolic.to_sympy(parse(shown.replace("π", "pi")).tree, {"z": scalar(-3, 3)})
    assert sympy.simplify(back - expr) == 0


def test_from_sympy_refuses_what_it_cannot_print() -> None:
    for expr in (sympy.Abs(Z), sympy.cos(Z), sympy.Piecewise((Z, Z > 0), (0, True)), sympy.zoo):
        with pytest.raises(symbolic.NotApplicable):
            symbolic.from_sympy(expr)


# ---------------------------------------------------------------- simplify_echo (through the worker)

@pytest.mark.parametrize(
    ("item_id", "text", "simplified"),
    [
        ("2", "sech(z)^2", "sech²(z)"),
        ("2", "4/(e^z+e^-z)^2", "1/cosh²(z)"),
        ("2", "(1-tanh z)(1+tanh z)", "1/cosh²(z)"),
        ("2", "1 - (sinh(z)/cosh(z))^2", "1/cosh²(z)"),
        ("2", "2z + 3z", "5·z"),
        ("2", "z^(3/2) z", "z^(5/2)"),
        ("2", "-2 tanh(z)/cosh(z)^2", "−2·tanh(z)/cosh²(z)"),
        ("2", "log(e^z)", "z"),
        ("2", "1.5 z + 2", "1.5·z + 2"),
        ("4.params", "15 + 5 + 10 + 2 + 8 + 4", "44"),
        ("4.params", "(10^20 + 44) - 10^20", "44"),
        ("6.tanh", "10/6", "5/3"),
        ("6.relu", "2^(1/2)", "√2"),
        ("7", "C + C", "2·C"),
    ],
)
def test_simplify_echo(item_id: str, text: str, simplified: str) -> None:
    assert simplify_echo(_item(item_id), text) == simplified


def test_simplify_echo_takes_a_tree_and_says_none_when_it_cannot() -> None:
    item = _item("2")
    assert simplify_echo(item, read_answer(item, "sech(z)^2")) == "sech²(z)"
    assert simplify_echo(item, "z)") is None  # unreadable
    assert simplify_echo(item, "x + z") is None  # x is not a name of this item
    assert simplify_echo(item, "sqrt(z^2)") is None  # |z|: no way to print it back
    assert simplify_echo(item, "(z+1)^100") is None  # past the size bound: sympy is not asked


def test_every_accepted_answer_simplifies_to_a_correct_answer() -> None:
    """The printer's output is itself an answer the checker reads and accepts."""
    item = _item("2")
    examples = load_quiz_module_examples("2")
    for text in examples["accept"]:
        simplified = simplify_echo(item, text)
        assert simplified is not None, text
        assert check_answer(item, simplified, "en").correct, (text, simplified)


def load_quiz_module_examples(item_id: str) -> dict[str, Any]:
    from tutor.content.loader import load_course

    for question in load_course():
        if question.quiz_path is None:
            continue
        module = load_quiz_module(question.quiz_path, question.number)
        if item_id in module.EXAMPLES:
            return module.EXAMPLES[item_id]
    raise KeyError(item_id)


# ---------------------------------------------------------------- second opinion

@pytest.mark.parametrize(
    ("item_id", "text", "opinion"),
    [
        ("2", "sech(z)^2", "equal"),
        ("2", "4/(e^z+e^-z)^2", "equal"),
        ("2", "sech(z)^2 e^(1000z)/e^(1000z)", "equal"),
        ("2", "e^(1000z)", "different"),
        ("2", "1 - tanh(z)", "different"),
        ("2", "sech(z)", "different"),
        ("2", "log(z - 10)", "unknown"),  # complex at every probe, and no proof either way
        ("4.params", "(10^100)^4 + 44 - (10^100)^4", "equal"),
        ("4.params", "(10^20 + 44) - 10^20", "equal"),
        ("4.params", "33", "different"),
        ("6.relu", "2^(1/2)", "equal"),
        ("6.relu", "1.414", "different"),
        ("7", "C + C", "equal"),
        ("7", "4C", "different"),
    ],
)
def test_compare_job(item_id: str, text: str, opinion: str) -> None:
    item = _item(item_id)
    reference = parse(item.spec.answer).tree
    assert symbolic.compare_job(read_answer(item, text), reference, item.spec.symbols) == opinion


def test_second_opinion_through_the_worker() -> None:
    item = _item("2")
    assert symbolic.second_opinion(item, read_answer(item, "sech(z)^2 e^(900z) e^(-900z)")) == "equal"
    assert symbolic.second_opinion(item, read_answer(item, "e^(1000z)")) == "different"
    assert symbolic.second_opinion(item, read_answer(item, "(z+1)^100")) == "unknown"  # too big
    four = _item("4")
    assert symbolic.second_opinion(four, read_answer(four, "W3 W2 W1 x")) == "unknown"


@pytest.mark.parametrize(
    ("numeric", "opinion", "final"),
    [
        (False, "equal", True),
        (False, "different", False),
        (False, "unknown", False),
        (None, "equal", True),
        (None, "different", False),
        (None, "unknown", None),
        (True, "unknown", True),
    ],
)
def test_settle(numeric: bool | None, opinion: Any, final: bool | None) -> None:
    assert symbolic.settle(numeric, opinion) is final


def _points(values: list[float]) -> list[np.ndarray]:
    return [np.array(values, dtype=float).reshape(-1, 1, 1)]


@pytest.mark.parametrize(
    ("answer", "expected", "indecisive"),
    [
        ([1.0, 2.0, 3.0], [1.0, 2.0, 3.0], False),  # agrees: nothing to decide
        ([1.0, 2.5, 3.0], [1.0, 2.0, 3.0], False),  # clearly wrong
        ([1.0, math.inf, 3.0], [1.0, 2.0, 3.0], True),  # overflow where the reference is finite
        ([1.0, math.nan, 3.0], [1.0, 2.0, 3.0], True),  # 0/0
        ([1.0, math.nan, 3.0], [1.0, math.nan, 3.0], False),  # undefined where the reference is too
        ([1.0, 2.0 * (1 + 1e-6), 3.0], [1.0, 2.0, 3.0], True),  # a near miss: maybe rounding
        ([1.0, 2.0 * (1 + 1e-4), 3.0], [1.0, 2.0, 3.0], False),  # past 100× the tolerance
    ],
)
def test_numbers_indecisive(answer: list[float], expected: list[float], indecisive: bool) -> None:
    assert symbolic.numbers_indecisive(_points(answer), _points(expected), RTOL, ATOL) is indecisive


def test_inexact_in_floats() -> None:
    assert symbolic.inexact_in_floats(parse("(10^20 + 44) - 10^20").tree)
    assert symbolic.inexact_in_floats(parse("123456789012345678 - 123456789012345634").tree)
    assert not symbolic.inexact_in_floats(parse("15 + 5 + 10 + 2 + 8 + 4").tree)
    assert not symbolic.inexact_in_floats(parse("z^2 + 10^6").tree)


# ---------------------------------------------------------------- the second opinion inside check_answer

@pytest.mark.parametrize(
    ("item_id", "text"),
    [
        ("2", "sech(z)^2 e^(1000z)/e^(1000z)"),  # overflows for z > 0.71, exactly sech²
        ("2", "1 - tanh(z)^2 + (z + 10^4)^2 - (z^2 + 2*10^4 z + 10^8)"),  # cancellation noise
        ("4.params", "(10^100)^4 + 44 - (10^100)^4"),  # inf − inf in floats
        ("4.params", "(10^20 + 44) - 10^20"),  # 0 in floats
    ],
)
def test_sympy_settles_what_the_numbers_cannot(item_id: str, text: str) -> None:
    verdict = check_answer(_item(item_id), text, "en")
    assert verdict.status == "correct", verdict
    assert SYMBOLIC_OK in verdict.message
    assert "символьно" in check_answer(_item(item_id), text, "ru").message


def test_numbers_alone_would_have_rejected_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """If sympy cannot say (unknown, timed out), the numeric verdict stands."""
    monkeypatch.setattr(symbolic, "second_opinion", lambda item, tree, timeout=1.0: "unknown")
    assert check_answer(_item("2"), "sech(z)^2 e^(1000z)/e^(1000z)", "en").status == "incorrect"
    assert check_answer(_item("4.params"), "(10^20 + 44) - 10^20", "en").status == "incorrect"


def test_sympy_different_keeps_the_numeric_feedback() -> None:
    verdict = check_answer(_item("2"), "sech(z) e^(1000z)/e^(1000z)", "en")
    assert verdict.status == "incorrect"


def test_ordinary_answers_never_ask_sympy(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def spy(item: QuizItem, tree: Any, timeout: float = 1.0) -> str:
        asked.append(item.id)
        return "unknown"

    monkeypatch.setattr(symbolic, "second_opinion", spy)
    for item_id, text, status in [("2", "1 - tanh(z)^2", "correct"), ("2", "cosh(z)", "incorrect"),
                                  ("2", "1 - tanh(z)", "incorrect"), ("4.params", "44", "correct"),
                                  ("4.params", "33", "incorrect"), ("6.tanh", "1.6", "incorrect"),
                                  ("6.tanh", "1.667", "correct"), ("7", "4C", "incorrect"),
                                  ("1b", "2x", "correct"), ("4", "W3 W2 W1 x", "incorrect")]:
        assert check_answer(_item(item_id), text, "en").status == status, (item_id, text)
    assert asked == []


# ---------------------------------------------------------------- the time bound

PATHOLOGICAL = ("(sinh(z)+cosh(z)+tanh(z)+z+1)^8 (sinh(z)-cosh(z)+tanh(z)-z+2)^8"
                " (z^2+sinh(z)+3)^8")


def test_a_pathological_expression_is_stopped_at_the_bound() -> None:
    item = _item("2")
    assert symbolic.within_bounds(read_answer(item, PATHOLOGICAL))  # the size bounds let it through
    assert simplify_echo(item, "sech(z)^2") == "sech²(z)"  # the worker is up: time sympy alone
    worker = sympy_worker._worker
    assert worker is not None
    timeout = 0.5
    start = time.perf_counter()
    assert simplify_echo(item, PATHOLOGICAL, timeout=timeout) is None
    elapsed = time.perf_counter() - start
    assert elapsed < 2 * timeout, elapsed
    assert worker.process.poll() is not None  # stopped, not abandoned (unbounded it runs over 100 s)
    assert sympy_worker._worker is not worker  # its successor is already starting
    assert simplify_echo(item, "sech(z)^2") == "sech²(z)"  # and serves the next one


def test_second_opinion_timeout_leaves_the_numeric_verdict() -> None:
    item = _item("2")
    # 0/0 at some points, so sympy is asked; with no time at all it can only say "unknown"
    tree = read_answer(item, "sech(z)^2 e^(1000z)/e^(1000z)")
    start = time.perf_counter()
    assert symbolic.second_opinion(item, tree, timeout=0.0) == "unfinished"
    assert time.perf_counter() - start < 1.0


# ---------------------------------------------------------------- no sympy for ordinary checks

def test_ordinary_checks_do_not_import_sympy() -> None:
    probe = (
        "import sys\n"
        "from tutor.cli import main\n"
        "codes = [main(['check', '2', '1 - tanh(z)^2']), main(['check', '2', 'cosh(z)']),\n"
        "         main(['check', '4.params', '44']), main(['check', '6.tanh', '1.6']),\n"
        "         main(['check', '4', 'W3 W2 W1 x']), main(['check', '2', 'z)'])]\n"
        "from tutor.answers import sympy_worker\n"
        "print(codes, 'sympy' in sys.modules, sympy_worker.is_running())\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.stdout.strip().splitlines()[-1] == "[0, 1, 0, 1, 1, 3] False False", result.stderr


def test_even_a_second_opinion_keeps_sympy_out_of_this_process() -> None:
    probe = (
        "import sys\n"
        "from tutor.cli import main\n"
        "code = main(['check', '2', 'sech(z)^2 e^(1000z)/e^(1000z)'])\n"
        "print(code, 'sympy' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                            check=False)
    assert result.stdout.strip().splitlines()[-1] == "0 False", result.stderr


# ---------------------------------------------------------------- dltutor check --simplify

def test_cli_simplify_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "2", "4/(e^z+e^-z)^2", "--simplify", "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "interpreted as: 4/(e^z + e^(−z))²", "simplified: 1/cosh²(z)", "correct: Correct."]
    assert main(["check", "2", "4/(e^z+e^-z)^2", "--simplify", "--lang", "ru"]) == 0
    assert "упрощённо: 1/cosh²(z)" in capsys.readouterr().out
    assert main(["check", "1b", "2x", "--simplify", "--lang", "en"]) == 0
    assert "simplified: not available" in capsys.readouterr().out
    assert main(["check", "2", "z)", "--simplify", "--lang", "en"]) == 3
    assert "simplified" not in capsys.readouterr().out


def test_cli_simplify_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", "2", "sech(z)^2", "--lang", "en"]) == 0
    assert "simplified" not in json.loads(capsys.readouterr().out)
    assert main(["check", "--json", "--simplify", "2", "(1-tanh z)(1+tanh z)", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["simplified"] == "1/cosh²(z)" and data["verdict"] == "correct"
    assert main(["check", "--json", "--simplify", "1b", "2x", "--lang", "en"]) == 0
    assert json.loads(capsys.readouterr().out)["simplified"] is None


def test_cli_simplify_batch() -> None:
    import io

    from tutor.cli.check_cmd import run_batch

    source = io.StringIO('{"item": "6.tanh", "answer": "10/6"}\n{"item": "4", "answer": "x"}\n')
    sink = io.StringIO()
    assert run_batch(source, sink, "en", simplify=True) == 1  # the second answer is incorrect
    first, second = (json.loads(line) for line in sink.getvalue().splitlines())
    assert first["simplified"] == "5/3" and second["simplified"] is None
    plain = io.StringIO()
    run_batch(io.StringIO('{"item": "6.tanh", "answer": "10/6"}\n'), plain, "en")
    assert "simplified" not in json.loads(plain.getvalue())

