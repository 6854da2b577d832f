"""Shapes of answers, worked out before any number is computed.

A dimension is an integer (item 4's 3, 5, 2, 4) or a letter (``n``, ``K``) for a
length that the checker samples; everything is a matrix, a scalar is 1×1 and a
vector n×1. Shape errors name the part of the answer that fails, so the
student sees "W₂·W₁: cannot multiply 2×5 by 2×3" instead of a wrong number.
"""

from __future__ import annotations

from collections.abc import Mapping

from tutor.answers.echo import echo, operands, transposed
from tutor.answers.errors import AnswerShapeError
from tutor.answers.tree import (
    BinOp,
    Call,
    Neg,
    Node,
    Number,
    Symbol,
    Transpose,
    Vector,
    const_value,
)

Dim = int | str
Shape = tuple[Dim, Dim]
SCALAR: Shape = (1, 1)
ELEMENTWISE = {"tanh", "sinh", "cosh", "sech", "exp", "log", "sqrt", "sigma", "sigmoid"}


def is_scalar(shape: Shape) -> bool:
    return shape == SCALAR


def is_vector(shape: Shape) -> bool:
    return not is_scalar(shape) and 1 in shape


def describe(shape: Shape) -> str:
    """``n×1``, ``2×5``: the size as a person writes it (the word is added by i18n)."""
    return f"{shape[0]}×{shape[1]}"


def kind(shape: Shape) -> str:
    """Which i18n noun describes this shape: scalar, column, row or matrix."""
    if is_scalar(shape):
        return "scalar"
    if shape[1] == 1:
        return "column"
    if shape[0] == 1:
        return "row"
    return "matrix"


def infer(node: Node, env: Mapping[str, Shape], elementwise: bool = False) -> Shape:
    """The shape of ``node``; raises :class:`AnswerShapeError` where sizes do not fit.

    ``elementwise``: a product of two vectors of one size is elementwise (the
    convention of optimizer formulas, m̂/(√v̂ + ε)); otherwise it is an error.
    """
    if isinstance(node, Number):
        return SCALAR
    if isinstance(node, Symbol):
        return env.get(node.name, SCALAR)
    if isinstance(node, Neg):
        return infer(node.operand, env, elementwise)
    if isinstance(node, Transpose):
        rows, cols = infer(node.operand, env, elementwise)
        return (cols, rows)
    if isinstance(node, Vector):
        for entry in node.entries:
            size = infer(entry, env, elementwise)
            if not is_scalar(size):
                raise AnswerShapeError("shape.vector_entry", None, part=echo(entry), size=describe(size))
        return (len(node.entries), 1)
    if isinstance(node, Call):
        inner = infer(node.arg, env, elementwise)
        if node.func in ("sum", "max", "logsumexp", "len"):
            return SCALAR
        if node.func == "diag":
            if not (is_scalar(inner) or inner[1] == 1):
                raise AnswerShapeError("shape.diag", None, part=echo(node), size=describe(inner))
            return (inner[0], inner[0])
        if node.func in ("softmax", "log_softmax") and not is_vector(inner):
            raise AnswerShapeError("shape.softmax", None, part=echo(node), size=describe(inner))
        return inner
    return _binop(node, env, elementwise)


def _binop(node: BinOp, env: Mapping[str, Shape], elementwise: bool) -> Shape:
    left, right = infer(node.left, env, elementwise), infer(node.right, env, elementwise)
    shown_left, shown_right = operands(node)
    values = {"left": shown_left, "right": shown_right, "left_raw": echo(node.left),
              "right_raw": echo(node.right), "a": describe(left), "b": describe(right)}
    if node.op in ("+", "-", "⊙"):
        if left == right or is_scalar(right):
            return left
        if is_scalar(left):
            return right
        raise AnswerShapeError("shape.add", None, **values)
    if node.op in ("*", "@"):
        # a number times anything, whichever sign is used (2 @ x means 2x)
        if is_scalar(left):
            return right
        if is_scalar(right):
            return left
        if left[1] == right[0]:
            return (left[0], right[1])
        if elementwise and node.op == "*" and left == right and left[1] == 1:
            return left
        if left == right and left[1] == 1:
            raise AnswerShapeError("shape.mul_vectors", None, left_t=transposed(node.left), **values)
        raise AnswerShapeError("shape.mul", None, **values)
    if node.op == "/":
        if is_scalar(right) or left == right:
            return left
        raise AnswerShapeError("shape.div", None, **values)
    # node.op == "^"
    if is_scalar(left) and is_vector(right):
        return right  # e^z of a vector is elementwise, as in softmax's e^z/Σe^z
    if not is_scalar(right):
        raise AnswerShapeError("shape.exponent", None, **values)
    if is_scalar(left) or is_vector(left):
        return left  # a vector's powers are elementwise, as in Adam's g²
    exponent = const_value(node.right)
    if left[0] != left[1] or exponent is None or exponent != int(exponent):
        raise AnswerShapeError("shape.matrix_power", None, **values)
    return left
