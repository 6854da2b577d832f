"""The whitelisted nodes an answer is parsed into; nothing else can be built or run."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class Number:
    value: Fraction
    #: as typed (``1.667``), so the echo does not invent digits
    text: str


@dataclass(frozen=True)
class Symbol:
    name: str
    #: the component index it was written with (``ŷᵢ``), or "": it does not change which symbol is
    #: meant, so it takes no part in equality, only in reading products (see answers.components)
    index: str = field(default="", compare=False)


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


@dataclass(frozen=True)
class Vector:
    """A vector literal ``[0.1, -0.3, 0.2]``: a column of scalar entries (a row is its transpose)."""

    entries: tuple[Node, ...]


Node = Number | Symbol | Call | BinOp | Neg | Transpose | Vector


def children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, BinOp):
        return (node.left, node.right)
    if isinstance(node, (Neg, Transpose)):
        return (node.operand,)
    if isinstance(node, Call):
        return (node.arg,)
    if isinstance(node, Vector):
        return node.entries
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


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, without recursion (trees may be long chains)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(children(current))


def rebuild(node: Node, change: Callable[[Node], Node]) -> Node:
    """The tree with ``change`` applied to every node, children first (trees are at most 200 deep).

    One rewrite for renaming calls or variables and substituting definitions.
    """
    if isinstance(node, Call):
        node = Call(node.func, rebuild(node.arg, change))
    elif isinstance(node, BinOp):
        node = BinOp(node.op, rebuild(node.left, change), rebuild(node.right, change))
    elif isinstance(node, Neg):
        node = Neg(rebuild(node.operand, change))
    elif isinstance(node, Transpose):
        node = Transpose(rebuild(node.operand, change))
    elif isinstance(node, Vector):
        node = Vector(tuple(rebuild(entry, change) for entry in node.entries))
    return change(node)


def symbols(node: Node) -> set[str]:
    return {current.name for current in walk(node) if isinstance(current, Symbol)}


def const_value(node: Node) -> float | None:
    """The value of a formula made of numbers only (``10^10``), or None if it has symbols.

    Floats, not exact integers, so ``9^9^9`` costs nothing: overflow becomes inf.
    """
    if isinstance(node, Number):
        return as_float(node.value)
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


#: scalar functions of a number, for :func:`number_value`
_MATH: dict[str, Callable[[float], float]] = {
    "sqrt": math.sqrt, "exp": math.exp, "log": math.log, "tanh": math.tanh, "sinh": math.sinh,
    "cosh": math.cosh, "sech": lambda v: 1.0 / math.cosh(v),
}


def number_value(node: Node) -> float | None:
    """The value of a formula of numbers and scalar functions (``√2``, ``5/3``), or None.

    Like :func:`const_value`, which the parser uses for exponents, but also through
    √, exp, log and the hyperbolic functions; a value outside a function's domain is NaN.
    """
    if isinstance(node, Call):
        inner = number_value(node.arg)
        function = _MATH.get(node.func)
        if inner is None or function is None:
            return None
        try:
            return function(inner)
        except OverflowError:
            return math.inf
        except (ValueError, ZeroDivisionError):
            return math.nan
    if isinstance(node, Neg):
        inner = number_value(node.operand)
        return None if inner is None else -inner
    if isinstance(node, BinOp):
        a, b = number_value(node.left), number_value(node.right)
        return None if a is None or b is None else _arithmetic(node.op, a, b)
    return const_value(node)


def _arithmetic(op: str, a: float, b: float) -> float:
    try:
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op in "*@⊙":
            return a * b
        if op == "/":
            return a / b if b else math.nan
        return math.pow(a, b)
    except OverflowError:
        return math.inf
    except ValueError:
        return math.nan


def as_float(value: Fraction) -> float:
    """``value`` as a float, ±inf past the float range (the lexer refuses such literals; this is a floor)."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf
