"""The answer parser: precedence, implicit multiplication, spellings, limits, error columns."""

from __future__ import annotations

import pytest

from tutor.answers.echo import echo
from tutor.answers.errors import AnswerError, AnswerLimitError, AnswerSyntaxError
from tutor.answers.parser import parse
from tutor.answers.tree import BinOp, Call, Neg, Number, Symbol, Transpose


def shown(text: str) -> str:
    return echo(parse(text).tree)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2x", "2·x"),
        ("2 x", "2·x"),
        ("2*x", "2·x"),
        ("2·x", "2·x"),
        ("(2)x", "2·x"),
        ("x+x", "x + x"),
        ("1 - tanh(z)^2", "1 − tanh²(z)"),
        ("1−tanh²(z)", "1 − tanh²(z)"),
        ("1 – tanh^2(z)", "1 − tanh²(z)"),
        ("1-\\tanh^2 z", "1 − tanh²(z)"),
        ("(1-tanh z)(1+tanh z)", "(1 − tanh(z))·(1 + tanh(z))"),
        ("4/(e^z+e^-z)^2", "4/(e^z + e^(−z))²"),
        ("\\hat{y} - p", "ŷ − p"),
        ("y_hat - p", "ŷ − p"),
        ("yhat-p", "ŷ − p"),
        ("W3 σ(W2 σ(W1 x + b1) + b2) + b3", "W₃·σ(W₂·σ(W₁·x + b₁) + b₂) + b₃"),
        ("W_3 sigma(W_2 sigma(W_1x+b_1)+b_2)+b_3", "W₃·σ(W₂·σ(W₁·x + b₁) + b₂) + b₃"),
        ("W₃σ(W₂σ(W₁x+b₁)+b₂)+b₃", "W₃·σ(W₂·σ(W₁·x + b₁) + b₂) + b₃"),
        ("θ − η(α m̂/(√v̂ + ε) + λθ)", "θ − η·(α·m̂/(√v̂ + ε) + λ·θ)"),
        ("theta_{t-1} - eta_t(alpha m_hat/(sqrt(v_hat)+eps) + lambda theta)",
         "θ − η·(α·m̂/(√v̂ + ε) + λ·θ)"),
        ("θₜ₋₁ − mₜ − ηₜλθₜ₋₁", "θ − m − η·λ·θ"),
        ("\\frac{5}{3}", "5/3"),
        ("\\sqrt{2}", "√2"),
        ("x^T x", "xᵀ·x"),
        ("xᵀx", "xᵀ·x"),
        ("x.T x", "xᵀ·x"),
        ("x'x", "xᵀ·x"),
        ("x^{\\top}x", "xᵀ·x"),
        ("eye(n)", "I"),
        ("I_n", "I"),
        ("E", "I"),
        ("х + р", "x + p"),  # Cyrillic look-alikes
        ("-x^2", "−x²"),
        ("2^3^2", "2^(3²)"),
        ("e^z", "e^z"),
        ("\\left(x\\right)", "x"),
        ("\\alpha \\cdot \\lambda", "α·λ"),
    ],
)
def test_spellings_read_as_expected(text: str, expected: str) -> None:
    assert shown(text) == expected


def test_precedence_and_associativity() -> None:
    assert parse("-x^2").tree == Neg(BinOp("^", Symbol("x"), Number(2, "2")))
    tree = parse("1/2x").tree  # juxtaposition binds like *, left to right: (1/2)·x
    assert isinstance(tree, BinOp) and tree.op == "*" and isinstance(tree.left, BinOp)
    tree = parse("2^3^2").tree  # right associative
    assert isinstance(tree, BinOp) and isinstance(tree.right, BinOp)
    tree = parse("x - z - p").tree  # left associative
    assert isinstance(tree, BinOp) and isinstance(tree.left, BinOp) and tree.right == Symbol("p")


def test_function_powers_apply_to_the_value() -> None:
    expected = BinOp("^", Call("tanh", Symbol("z")), Number(2, "2"))
    for text in ("tanh^2(z)", "tanh²(z)", "tanh(z)^2", "tanh^2 z", "\\tanh^{2}(z)"):
        assert parse(text).tree == expected, text


def test_transposes() -> None:
    for text in ("xᵀ", "x^T", "x.T", "x'", "x^{T}", "x^\\top"):
        assert parse(text).tree == Transpose(Symbol("x")), text


def test_decimals_and_decimal_comma() -> None:
    assert parse("1.667").tree == Number(parse("1.667").tree.value, "1.667")  # type: ignore[union-attr]
    assert float(parse("1,667").tree.value) == pytest.approx(1.667)  # type: ignore[union-attr]
    # inside a function's brackets a comma separates arguments
    with pytest.raises(AnswerSyntaxError) as err:
        parse("tanh(1,5)")
    assert err.value.key == "arity"


def test_ambiguous_readings_are_noted() -> None:
    parsed = parse("etalambda")
    assert echo(parsed.tree) == "η·λ"
    assert [n.key for n in parsed.notes] == ["split"]
    assert [n.key for n in parse("x(x)").notes] == ["product"]
    assert parse("W1 (x)").notes == ()  # a space makes the product explicit enough


@pytest.mark.parametrize(
    ("text", "key", "column"),
    [
        ("x)", "unbalanced", 2),
        ("(x", "unclosed", 1),
        ("(x]", "mismatched", 3),
        ("2 + s", "unknown_name", 5),
        ("tanh", "needs_argument", 1),
        ("tanh + 1", "needs_argument", 1),
        ("softmax(z, z)", "axis", 1),
        ("tanh(z, z)", "arity", 1),
        ("softmax(z, 0, 1)", "arity", 1),
        ("x +", "ends_early", 4),
        ("x & 2", "bad_char", 3),
        ("", "empty", None),
        ("()", "empty_brackets", 1),
        ("x 2", "missing_operator", 3),
        ("tanh^-1(z)", "function_inverse", 5),
        ("\\foo", "unknown_command", 1),
    ],
)
def test_errors_have_columns(text: str, key: str, column: int | None) -> None:
    with pytest.raises(AnswerError) as err:
        parse(text)
    assert err.value.key == key
    assert err.value.column == column


def test_error_messages_in_both_languages() -> None:
    with pytest.raises(AnswerError) as err:
        parse("x + 7)")
    assert err.value.message("en") == "unbalanced ')' (column 6)"
    assert err.value.message("ru") == "лишняя ')' (столбец 6)"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("x" * 2001, "too_long"),
        ("(" * 101 + "x" + ")" * 101, "too_deep"),
        ("-" * 150 + "x", "too_deep"),
        ("9**9**9**9", "exponent_too_large"),
        ("x^(10^10^10)", "exponent_too_large"),
        ("1" * 31, "too_many_digits"),
        ("+".join("x" * 300), "too_complex"),
    ],
)
def test_limits(text: str, key: str) -> None:
    with pytest.raises(AnswerLimitError) as err:
        parse(text)
    assert err.value.key == key
