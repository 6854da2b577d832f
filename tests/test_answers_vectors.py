"""Vector literals (issue 11 §3): ``[0.1, -0.3, 0.2]`` is a column, ``[…]ᵀ`` a row, judged entry by entry."""

from __future__ import annotations

import pytest

from tutor.answers import check_answer, interpret
from tutor.answers.echo import echo
from tutor.answers.errors import AnswerError
from tutor.answers.parser import parse
from tutor.answers.shapes import infer
from tutor.answers.spec import Alternative, ExpressionSpec, scalar
from tutor.answers.tree import Vector
from tutor.quiz.items import QuizItem, get_item


def _item(spec: ExpressionSpec) -> QuizItem:
    """A practice item as a variant family builds it: a reference written as a vector literal."""
    return QuizItem(id="v", question=3, part=None, kind="expression", prompt={"en": "", "ru": ""}, hints=(),
                    points=0, spec=spec)


COLUMN = _item(ExpressionSpec(answer="[0.1, -0.3, 0.2]", tolerance=0.005, mistakes=(
    Alternative("sign", "[0.1, 0.3, 0.2]", {"en": "Mind the sign of the second entry.",
                                            "ru": "Проверьте знак второго элемента."}),)))
ROW = _item(ExpressionSpec(answer="[1/3, -0.3, 0.2]ᵀ", tolerance=0.005))
WITH_SYMBOL = _item(ExpressionSpec(answer="[p, 2p, 1 - p]", symbols={"p": scalar(0.5, 0.5)}))


@pytest.mark.parametrize(
    ("text", "shown", "shape"),
    [
        ("[0.1, -0.3, 0.2]", "[0.1, −0.3, 0.2]", (3, 1)),
        ("[0.1,-0.3,0.2]", "[0.1, −0.3, 0.2]", (3, 1)),
        ("[0.1, -0.3, 0.2]ᵀ", "[0.1, −0.3, 0.2]ᵀ", (1, 3)),
        ("[0.1, -0.3, 0.2]^T", "[0.1, −0.3, 0.2]ᵀ", (1, 3)),
        ("[0.1, -0.3, 0.2]'", "[0.1, −0.3, 0.2]ᵀ", (1, 3)),
        ("[1/3, 2^2, e, √2, tanh(1)]", "[1/3, 2², e, √2, tanh(1)]", (5, 1)),
        ("[1,5]", "[1, 5]", (2, 1)),  # inside [ ] a comma separates entries, never a decimal comma
        ("[1, 2,]", "[1, 2]", (2, 1)),  # a trailing comma, as Python allows
        ("[[0.1], [-0.3], [0.2]]", "[0.1, −0.3, 0.2]", (3, 1)),  # numpy's column: each [·] is a bracket
        ("2[1, 2] + 1", "2·[1, 2] + 1", (2, 1)),
        ("[1, 2]ᵀ [3, 4]", "[1, 2]ᵀ·[3, 4]", (1, 1)),
        ("[x + 1]", "x + 1", (3, 1)),  # no comma: a bracket
        ("W[1] x", "W₁·x", (5, 1)),  # a layer index
        ("theta[t-1]", "θ", (1, 1)),  # a time index
        ("σ[W1 x + b1]", "σ(W₁·x + b₁)", (5, 1)),  # a call in square brackets
    ],
)
def test_vector_literals_and_the_other_brackets(text: str, shown: str, shape: tuple[int, int]) -> None:
    tree = parse(text).tree
    assert echo(tree) == shown
    assert infer(tree, {"x": (3, 1), "W1": (5, 3), "b1": (5, 1)}) == shape


def test_a_vector_literal_is_a_node_of_its_entries() -> None:
    tree = parse("[0.1, -0.3]").tree
    assert isinstance(tree, Vector) and len(tree.entries) == 2


@pytest.mark.parametrize(
    ("text", "key"),
    [("(0.1, -0.3, 0.2)", "vector_brackets"), ("[0.1; -0.3; 0.2]", "vector_semicolon"), ("[]", "empty_brackets"),
     ("[1, , 2]", "unexpected"), ("[1, 2", "unclosed")],
)
def test_misspelt_vectors_say_how_to_write_one(text: str, key: str) -> None:
    with pytest.raises(AnswerError) as err:
        parse(text)
    assert err.value.key == key
    if key.startswith("vector"):
        assert "[0.1, -0.3, 0.2]ᵀ" in err.value.message("en") and "строка" in err.value.message("ru")


@pytest.mark.parametrize(
    ("text", "status", "message"),
    [
        ("[0.1, -0.3, 0.2]", "correct", "Correct."),
        ("[1/10, -3/10, 1/5]", "correct", "Correct."),
        ("[0.1, -0.301, 0.2]", "correct", "Correct, rounded: the exact value is [0.1, −0.3, 0.2]."),
        ("[0.1, -0.3, 0.2] + [0, 0, 0]", "correct", "Correct."),
        ("[0.1, -0.3, 0.2]ᵀ", "incorrect",
         "A column of size 3 was expected, got a row of size 3. A column is written [a, b, c], without ᵀ."),
        ("[0.1, -0.3]", "incorrect", "A column of size 3 was expected, got a column of size 2."),
        ("[0.1, -0.3, 0.2, 0]", "incorrect", "A column of size 3 was expected, got a column of size 4."),
        ("0.1", "incorrect", "A column of size 3 was expected, got a scalar."),
        ("[0.1, -0.3, 0.25]", "incorrect", "Not correct: entry 3 of 3 is not right."),
        ("[0.2, -0.3, 0.3]", "incorrect", "Not correct: entries 1, 3 of 3 are not right."),
        ("[0.1, -0.308, 0.2]", "incorrect", "Not correct, but close: [0.1, −0.308, 0.2] is within 3 % of the right"),
        ("[0.1, 0.3, 0.2]", "incorrect", "Mind the sign of the second entry."),
        ("(0.1, -0.3, 0.2)", "invalid", "a vector is written in square brackets"),
    ],
)
def test_a_column_reference_is_judged_entry_by_entry(text: str, status: str, message: str) -> None:
    verdict = check_answer(COLUMN, text, "en")
    assert verdict.status == status, verdict
    assert verdict.message.startswith(message), verdict
    assert check_answer(COLUMN, text, "ru").status == status


def test_a_wrong_entry_is_named_without_giving_the_answer_away() -> None:
    verdict = check_answer(COLUMN, "[0.1, -0.3, 0.25]", "ru")
    assert verdict.message == "Неверно: элемент 3 из 3 не совпадает с верным."
    assert "0.2" not in verdict.message
    assert check_answer(COLUMN, "[0.2, -0.3, 0.3]", "ru").message == "Неверно: элементы 1, 3 из 3 не совпадают с верными."


def test_a_row_reference() -> None:
    assert check_answer(ROW, "[1/3, -0.3, 0.2]^T", "en").status == "correct"
    assert check_answer(ROW, "[0.333, -0.3, 0.2]ᵀ", "en").message == (
        "Correct, rounded: the exact value is [1/3, −0.3, 0.2]ᵀ.")
    verdict = check_answer(ROW, "[0.333, -0.3, 0.2]", "ru")
    assert verdict.status == "incorrect"
    assert verdict.message == ("Ожидается строка размера 3, а ваш ответ — столбец размера 3. "
                               "Строка записывается как [a, b, c]ᵀ.")


def test_entries_may_be_formulas_in_the_items_symbols() -> None:
    assert check_answer(WITH_SYMBOL, "[p, 2p, 1 - p]", "en").status == "correct"
    assert check_answer(WITH_SYMBOL, "[0.5, 1, 0.5]", "en").status == "correct"
    assert check_answer(WITH_SYMBOL, "[p, p, p]", "en").message == "Not correct: entry 2 of 3 is not right."


def test_an_entry_must_be_a_scalar() -> None:
    verdict = check_answer(get_item("1b"), "[x, 1]", "en")  # type: ignore[arg-type]
    assert verdict.status == "incorrect"
    assert "x: each entry of a vector must be a scalar, not of size n×1" in verdict.message


def test_the_live_echo_shows_a_vector() -> None:
    reading = interpret(COLUMN, "[0.1,-0.3,0.2]^T", "en")
    assert reading.echo == "[0.1, −0.3, 0.2]ᵀ" and reading.error is None


def test_the_existing_square_bracket_answers_keep_their_verdicts() -> None:
    for item_id, text in [("1b", "[2x]"), ("4", "W3 [σ(W2 [σ(W1 x + b1)] + b2)] + b3"),
                          ("4", "W3 σ[W2 σ[W1 x + b1] + b2] + b3"),
                          ("4", "W[3] σ(W[2] σ(W[1] x + b[1]) + b[2]) + b[3]"),
                          ("5.sgdw", "theta[t-1] - m[t] - eta[t]*lambda*theta[t-1]")]:
        assert check_answer(get_item(item_id), text, "en").status == "correct", (item_id, text)  # type: ignore[arg-type]


def test_the_syntax_table_examples_read_as_it_says() -> None:
    """The vector row of SYNTAX.md: each example is a vector, a column unless transposed."""
    for text, shape in [("[0.1, -0.3, 0.2]", (3, 1)), ("[1/3, 2, e^-1]", (3, 1)), ("[0.1, -0.3, 0.2]ᵀ", (1, 3)),
                        ("[0.1, -0.3, 0.2]^T", (1, 3))]:
        assert infer(parse(text).tree, {}) == shape, text
    assert check_answer(COLUMN, "[0.1, -0.3, 0.2]ᵀ", "en").message.startswith(
        "A column of size 3 was expected, got a row of size 3.")
