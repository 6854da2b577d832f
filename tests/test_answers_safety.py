"""Hostile and random input: always a Verdict, never code execution, always quick."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.answers import check_answer, interpret
from tutor.quiz.items import QuizItem, get_item, load_items

ITEM_IDS = [item.id for item in load_items()]


def _item(item_id: str) -> QuizItem:
    item = get_item(item_id)
    assert item is not None
    return item


def attacks(sentinel: Path) -> list[str]:
    return [
        f"__import__('os').system('touch {sentinel}')",
        f"open('{sentinel}', 'w')",
        "().__class__.__bases__[0].__subclasses__()",
        "x.__class__",
        "lambda: 0",
        "[x for x in ()]",
        "open('/etc/passwd').read()",
        "eval('1')",
        "exec('import os')",
        "9**9**9**9",
        "x^(10^10^10)",
        "2^(2^(2^(2^(2^2))))",
        "e^(e^(e^(e^(e^(e^z)))))",
        "(" * 50_000 + "x" + ")" * 50_000,
        "(" * 1000 + "x" + ")" * 1000,
        "-" * 1999 + "x",
        "9" * 100_000,
        "x" * 1999,
        "x+" * 999 + "x",
        "sqrt(" * 99 + "x" + ")" * 99,
        "tanh^99(" * 20 + "z" + ")" * 20,
        "W1^100",
        "I^100 + I^-100",
        "\\frac{" * 60,
        "'; DROP TABLE students; --",
        "{{7*7}}",
        "${7*7}",
        "\x00\x01\x1b[31m",
    ]


@pytest.mark.parametrize("item_id", ["1a", "2", "4", "6.tanh", "8.1"])
def test_attack_strings(tmp_path: Path, item_id: str) -> None:
    sentinel = tmp_path / "SENTINEL"
    item = _item(item_id)
    for text in attacks(sentinel):
        start = time.perf_counter()
        verdict = check_answer(item, text, "en")
        elapsed = time.perf_counter() - start
        assert verdict.status in ("invalid", "incorrect"), (text[:40], verdict)
        assert verdict.message
        assert elapsed < 5, (text[:40], elapsed)
        preview = interpret(item, text)
        assert preview.error is not None or preview.echo is not None
    assert not sentinel.exists()


def test_limits_say_so() -> None:
    item = _item("2")
    assert "too long" in check_answer(item, "9" * 100_000, "en").message
    assert "exponent is too large" in check_answer(item, "9**9**9**9", "en").message
    assert "слишком большой показатель" in check_answer(item, "z^(10^10^10)", "ru").message
    assert "too long" in check_answer(item, "(" * 50_000, "en").message
    assert "nested" in check_answer(item, "(" * 101 + "z" + ")" * 101, "en").message


SOUP_PIECES = [*"xzpθηλεσŷ^*/+-−·@()[]{}.,'ᵀ²³₁_√ 0123456789eIWbT\\", "tanh", "sech", "softmax", "sum",
               "sqrt", "W1", "b2", "y_hat", "\\frac", "\\hat", "\\sqrt", "^T", "**", "eye(n)", "m_hat",
               "v_hat", "theta_{t-1}"]
OPERATOR_SOUP = st.lists(st.sampled_from(SOUP_PIECES), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=300), OPERATOR_SOUP), item_id=st.sampled_from(ITEM_IDS))
def test_any_text_gives_a_verdict(text: str, item_id: str) -> None:
    start = time.perf_counter()
    verdict = check_answer(_item(item_id), text, "en")
    assert verdict.status in ("correct", "incorrect", "invalid")
    assert verdict.message
    if verdict.status == "invalid":
        assert verdict.interpreted is None
    else:
        assert verdict.interpreted
    assert time.perf_counter() - start < 5
