"""The value of a typed numeric answer, in decimal, read by the answer parser itself.

A family writes its reference and its mistakes as answer text (``sqrt(2/(1+0.2^2))``).
The engine needs their values to make sure that a draw keeps them apart; reading
the very text the checker will read, rather than a second copy of the formula
in Python, means the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import cache

from tutor.answers.errors import AnswerError
from tutor.answers.parser import parse
from tutor.answers.tree import BinOp, Call, Neg, Node, Number, Symbol
from tutor.practice import numbers

_FUNCTIONS: dict[str, Callable[[Decimal], Decimal]] = {
    "sqrt": numbers.sqrt,
    "exp": numbers.exp,
    "log": numbers.ln,
    "tanh": numbers.tanh,
    "sigmoid": numbers.sigmoid,
    "cosh": lambda x: (numbers.exp(x) + numbers.exp(-x)) / 2,
    "sinh": lambda x: (numbers.exp(x) - numbers.exp(-x)) / 2,
    "sech": lambda x: 2 / (numbers.exp(x) + numbers.exp(-x)),
}


def entries_of(text: str) -> tuple[tuple[Decimal, ...], bool] | None:
    """(the values, whether it is a row) of a number or of a vector literal ``[a, b]`` / ``[a, b]^T``.

    The literal is split by this module, at the commas outside brackets, and each entry is read by
    :func:`value_of`; so vectors are settled the same way whatever tree the parser builds for them.
    """
    stripped = text.strip()
    row = False
    for suffix in ("^T", "ᵀ", ".T"):
        if stripped.endswith(suffix):
            stripped, row = stripped[: -len(suffix)].strip(), True
            break
    if not (stripped.startswith("[") and stripped.endswith("]")):
        value = value_of(text)
        return None if value is None else ((value,), False)
    entries, depth, start = [], 0, 1
    for i, char in enumerate(stripped[1:-1], start=1):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            entries.append(stripped[start:i])
            start = i + 1
    entries.append(stripped[start:-1])
    values = tuple(value_of(entry) for entry in entries)
    if not entries or any(v is None for v in values):
        return None
    return tuple(v for v in values if v is not None), row


@cache
def vector_literals_supported() -> bool:
    """Whether the answer parser reads ``[1, 2]`` (families with vector answers exist only then)."""
    try:
        parse("[1, 2]")
    except AnswerError:
        return False
    return True


def value_of(text: str) -> Decimal | None:
    """The value of an answer made of numbers only, or None (symbols, vectors, undefined)."""
    try:
        return _value(parse(text).tree)
    except (AnswerError, InvalidOperation, ZeroDivisionError, OverflowError, ValueError):
        return None


def _value(node: Node) -> Decimal | None:
    if isinstance(node, Number):
        return numbers.dec(node.value)
    if isinstance(node, Symbol):
        return {"e": numbers.exp(1), "pi": numbers.PI}.get(node.name)
    if isinstance(node, Neg):
        inner = _value(node.operand)
        return None if inner is None else -inner
    if isinstance(node, Call):
        arg = _value(node.arg)
        func = _FUNCTIONS.get(node.func)
        return None if arg is None or func is None else numbers.CONTEXT.plus(func(arg))
    if isinstance(node, BinOp):
        a, b = _value(node.left), _value(node.right)
        if a is None or b is None:
            return None
        ctx = numbers.CONTEXT
        if node.op == "+":
            return ctx.add(a, b)
        if node.op == "-":
            return ctx.subtract(a, b)
        if node.op in ("*", "@", "⊙"):
            return ctx.multiply(a, b)
        if node.op == "/":
            return ctx.divide(a, b)
        if node.op == "^":
            return ctx.power(a, b)
    return None  # a transpose, or a node this module does not know (a vector literal)
