"""The whitelisted nodes an answer is parsed into; nothing else can be built or run."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Number:
    value: Fraction
    #: as typed (``1.667``), so the echo does not invent digits
    text: str


@dataclass(frozen=True)
class Symbol:
    name: str


@dataclass(frozen=True)
class Call:
    func: str
    arg: Node


@dataclass(frozen=True)
class BinOp:
    """``op`` is one of ``+ - * / ^ @ ⊙``; ``*`` is a product by a scalar or a matrix product."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Neg:
    operand: Node


@dataclass(frozen=True)
class Transpose:
    operand: Node


Node = Number | Symbol | Call | BinOp | Neg | Transpose


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, BinOp):
        return (node.left, node.right)
    if isinstance(node, (Neg, Transpose)):
        return (node.operand,)
    if isinstance(node, Call):
        return (node.arg,)
    return ()


def depth(node: Node) -> int:
    """Height of the tree, computed without recursion (trees may be long chains)."""
    best = 0
    stack = [(node, 1)]
    while stack:
        current, level = stack.pop()
        best = max(best, level)
        stack.extend((child, level + 1) for child in children(current))
    return best


def symbols(node: Node) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Symbol):
            found.add(current.name)
        stack.extend(children(current))
    return found


def const_value(node: Node) -> float | None:
    """The value of a formula made of numbers only (``10^10``), or None if it has symbols.

    Floats, not exact integers, so ``9^9^9`` costs nothing: overflow becomes inf.
    """
    if isinstance(node, Number):
        return float(node.value)
    if isinstance(node, Symbol):
        return {"e": math.e, "pi": math.pi}.get(node.name)
    if isinstance(node, Neg):
        inner = const_value(node.operand)
        return None if inner is None else -inner
    if isinstance(node, BinOp):
        a, b = const_value(node.left), const_value(node.right)
        if a is None or b is None:
            return None
        try:
            if node.op == "+":
                return a + b
            if node.op == "-":
                return a - b
            if node.op in "*@⊙":
                return a * b
            if node.op == "/":
                return a / b if b else math.nan
            if node.op == "^":
                return math.pow(a, b)
        except OverflowError:
            return math.inf
        except ValueError:
            return math.nan
    return None
