"""Decisions about doubtful ways of writing an answer: what is refused, and what is said then."""

from __future__ import annotations

from fractions import Fraction

import pytest

from tutor.answers import check_answer
from tutor.answers.parser import parse
from tutor.answers.tree import Number
from tutor.quiz.items import QuizItem, get_item


def _item(item_id: str) -> QuizItem:
    item = get_item(item_id)
    assert item is not None
    return item


@pytest.mark.parametrize(
    ("item_id", "answer", "en", "ru", "column"),
    [
        ("4.params", "44 parameters", "'parameters' is a word", "'parameters' — слово", 4),
        ("7", "2C параметров", "write only the formula", "только формулу", 4),
        ("8.4", "2 times", "'times' is a word", "слово", 3),
        ("3.1", "ŷ - y", "did you mean ŷ or p?", "может быть, ŷ или p?", 5),
        ("5.sgdw", "θ - m - lr λ θ", "did you mean η or α?", "η или α", 9),  # α is in the prompt (inside mₜ)
        ("5.adamw", "θ - lr(α m̂/(√v̂ + ε) + λθ)", "did you mean η or α?", "η или α", 5),
        ("7", "2C (γ и β)", "this question uses B, C, h, w", "в этом вопросе есть B, C, h, w", 5),
        ("1b", "2X", "unknown name 'X'; this question uses n, x", "неизвестное имя 'X'", 2),
        ("8.4", "2x", "'x' is not part of this question", "не участвует", None),
        ("4", "σ(W1 x + b1); W3 h1", "every line but the last must define a name", "каждая строка", 1),
        ("4", "x = σ(W1 x + b1); W3 x", "'x' is already a name here", "уже занято", 1),
        ("4", "h1 = σ(W1 x + b1); W3 h1 + b3 +", "ends too early", "обрывается", 32),
        ("2", "z.foo()", "unknown method '.foo()'", "неизвестный метод", 2),
        ("2", "1 - tanh^{-1}(z)", "ambiguous", "неоднозначна", 9),
    ],
)
def test_refused_with_a_specific_message(item_id: str, answer: str, en: str, ru: str,
                                         column: int | None) -> None:
    verdict = check_answer(_item(item_id), answer, "en")
    assert verdict.status == "invalid", verdict
    assert en in verdict.message and verdict.column == column
    assert ru in check_answer(_item(item_id), answer, "ru").message


@pytest.mark.parametrize(
    ("item_id", "answer", "en", "ru"),
    [
        ("3.1", "σ(z) - p", "Read σ(z) as softmax(z)", "Запись σ(z) прочитана как softmax(z)"),
        ("4", "W3 tanh(W2 tanh(W1 x + b1) + b2) + b3", "read tanh as the activation σ",
         "Запись tanh прочитана как функция активации σ"),
        ("2", "1 - tanh(x)^2", "Read x as z, the question's variable", "Переменная x прочитана как z"),
    ],
)
def test_accepted_readings_are_said_after_the_verdict(item_id: str, answer: str, en: str, ru: str) -> None:
    verdict = check_answer(_item(item_id), answer, "en")
    assert verdict.correct, verdict
    assert verdict.message.startswith("Correct")
    assert en.lower() in verdict.message.lower()
    said = check_answer(_item(item_id), answer, "ru").message
    assert said.startswith("Верно") and ru in said


@pytest.mark.parametrize(
    ("item_id", "answer"),
    [
        ("4", "h1 = σ(W1 x + b1); h2 = σ(W2 h1 + b2); y = W3 h2 + b3"),  # the echo shows the whole formula
        ("5.adamw", "θ - η(α m̂ (√v̂ + ε)^{-1} + λθ)"),  # η(…) is a product, ηλθ is η·λ·θ: the echo shows both
        ("1b", "∇g = 2x"),  # the left-hand side is dropped
    ],
)
def test_readings_the_echo_makes_plain_are_not_said(item_id: str, answer: str) -> None:
    for lang, word in (("en", "Correct."), ("ru", "Верно.")):
        assert check_answer(_item(item_id), answer, lang).message == word


def test_notes_never_change_the_case_of_a_symbol() -> None:
    """η as the variable's name starts a sentence: it must stay η, not become the capital Η."""
    message = check_answer(_item("2"), "1 - tanh(η)^2", "ru").message
    assert "Η" not in message and "η прочитана как z" in message


def test_a_product_of_vectors_is_unreadable_outside_optimizer_formulas() -> None:
    verdict = check_answer(_item("3.1"), "ŷ(1-p)", "en")
    assert verdict.status == "invalid" and verdict.interpreted is None
    assert verdict.message == ("ŷ·(1 − p): cannot multiply two K×1 vectors; for the dot product write ŷᵀ(1 − p),"
                               " for the elementwise one ŷ ⊙ (1 − p)")


def test_a_product_of_vectors_that_is_a_named_mistake_elementwise_is_named() -> None:
    for lang, said in (("en", "Read the product of two vectors elementwise (⊙)."),
                       ("ru", "Произведение двух векторов прочитано поэлементно (⊙).")):
        verdict = check_answer(_item("3.1"), "ŷ(1-ŷ)", lang)
        assert verdict.status == "incorrect" and verdict.mistake == "softmax-diagonal"
        assert verdict.message.endswith(said) and "softmax" in verdict.message


@pytest.mark.parametrize(
    ("item_id", "answer", "percent"),
    [("6.tanh", "1.7", "3"), ("6.relu", "1.4", "3"), ("8.2", "0.0101", "1")],
)
def test_a_too_rounded_number_is_called_close(item_id: str, answer: str, percent: str) -> None:
    verdict = check_answer(_item(item_id), answer, "en")
    assert verdict.status == "incorrect"
    assert f"close: {answer} is within {percent} %" in verdict.message
    assert check_answer(_item("6.tanh"), "1.6", "en").message == "Not correct: your answer equals 1.6."


@pytest.mark.parametrize(
    ("text", "value"),
    [("1e-2", Fraction(1, 100)), ("4.4E1", Fraction(44)), ("1.(6)", Fraction(5, 3)),
     ("1.6̅", Fraction(5, 3)), ("0.1(6)", Fraction(1, 6)), ("½", Fraction(1, 2)),
     ("1⅔", Fraction(5, 3)), ("1%", Fraction(1, 100))],
)
def test_number_spellings(text: str, value: Fraction) -> None:
    tree = parse(text).tree
    assert isinstance(tree, Number) and tree.value == value


def test_e_after_a_number_is_euler_unless_digits_follow() -> None:
    assert check_answer(_item("8.2"), "1e-2", "en").correct
    assert not isinstance(parse("2e").tree, Number)  # 2·e
    assert not isinstance(parse("2e^z").tree, Number)


@pytest.mark.parametrize(
    "answer",
    ["a) the quality on a validation set", "the", "b d", "loss"],
)
def test_choice_words_must_name_one_option(answer: str) -> None:
    """Words matching two options, or letter and words that disagree, are not guessed."""
    assert check_answer(_item("8.1"), answer, "en").status == "invalid"


def test_choice_words_in_the_other_language_and_with_other_endings() -> None:
    assert check_answer(_item("8.1"), "валидация", "en").correct
    assert check_answer(_item("8.3"), "penalizes large weights", "ru").correct


def test_definitions_cannot_blow_up_the_formula() -> None:
    """Each line doubling the last would make 2⁶⁰ nodes; it is refused at once, not evaluated."""
    import time

    lines = ["h1 = x + x"] + [f"h{i} = " + " + ".join([f"h{i - 1}"] * 60) for i in range(2, 6)]
    start = time.perf_counter()
    verdict = check_answer(_item("4"), "; ".join([*lines, "W3 h5"]), "en")
    assert verdict.status == "invalid" and "too long to check" in verdict.message
    assert time.perf_counter() - start < 1.0
