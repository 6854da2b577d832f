"""Print a parsed answer back in Unicode with as few brackets as the reading needs.

This is what a student sees as "interpreted as", so every bracket it drops must
be one that cannot change the meaning: ``W₃·σ(W₂·σ(W₁·x + b₁) + b₂) + b₃``.
"""

from __future__ import annotations

from fractions import Fraction

from tutor.answers import names
from tutor.answers.tree import BinOp, Call, Neg, Node, Number, Symbol, Transpose, Vector

SUPERSCRIPT_DIGITS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
#: binding strength: bigger binds tighter
PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "@": 2, "⊙": 2, "neg": 3, "^": 4, "postfix": 5, "atom": 6}
SHOWN_OP = {"+": " + ", "-": " − ", "*": "·", "/": "/", "@": "·", "⊙": " ⊙ "}


def echo(node: Node) -> str:
    return _show(node)


def operands(node: BinOp) -> tuple[str, str]:
    """The two sides of ``node`` as they read next to its operator: ŷ and (1 − ŷ) in ŷ·(1 − ŷ)."""
    level = PRECEDENCE[node.op]
    return _wrap(node.left, level), _wrap(node.right, level, strict=True)


def transposed(node: Node) -> str:
    """``node``ᵀ as it reads: xᵀ, (1 − ŷ)ᵀ."""
    return _wrap(node, PRECEDENCE["postfix"], strict=True) + "ᵀ"


def _precedence(node: Node) -> int:
    if isinstance(node, BinOp):
        return PRECEDENCE[node.op]
    if isinstance(node, Neg):
        return PRECEDENCE["neg"]
    if isinstance(node, Transpose):
        return PRECEDENCE["postfix"]
    if isinstance(node, Number) and node.value < 0:
        return PRECEDENCE["neg"]
    return PRECEDENCE["atom"]


def _wrap(node: Node, minimum: int, strict: bool = False) -> str:
    text = _show(node)
    level = _precedence(node)
    if level < minimum or (strict and level == minimum):
        return f"({text})"
    return text


def _small_integer(node: Node) -> int | None:
    if isinstance(node, Number) and node.value.denominator == 1 and node.value < 1000:
        return int(node.value)
    if isinstance(node, Neg) and isinstance(node.operand, Number):
        inner = _small_integer(node.operand)
        return None if inner is None else -inner
    return None


def _show(node: Node) -> str:
    if isinstance(node, Number):
        return _number(node)
    if isinstance(node, Symbol):
        return names.display(node.name)
    if isinstance(node, Call):
        return _call(node)
    if isinstance(node, Neg):
        return "−" + _wrap(node.operand, PRECEDENCE["neg"])
    if isinstance(node, Transpose):
        return _wrap(node.operand, PRECEDENCE["postfix"]) + "ᵀ"
    if isinstance(node, Vector):
        return "[" + ", ".join(_show(entry) for entry in node.entries) + "]"
    return _binop(node)


def _number(node: Number) -> str:
    if node.text:
        return node.text
    value: Fraction = node.value
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def _call(node: Call) -> str:
    if node.func == "sqrt":
        inner = node.arg
        if isinstance(inner, (Symbol, Number)) or (isinstance(inner, Call) and inner.func != "sqrt"):
            return "√" + _show(inner)
        return f"√({_show(inner)})"
    return f"{names.display(node.func)}({_show(node.arg)})"


def _binop(node: BinOp) -> str:
    level = PRECEDENCE[node.op]
    if node.op == "^":
        exponent = _small_integer(node.right)
        if isinstance(node.left, Call) and node.left.func != "sqrt" and exponent is not None and exponent > 0:
            call = node.left
            power = str(exponent).translate(SUPERSCRIPT_DIGITS)
            return f"{names.display(call.func)}{power}({_show(call.arg)})"
        base = _wrap(node.left, level, strict=True)
        if exponent is not None:
            return base + str(exponent).translate(SUPERSCRIPT_DIGITS)
        return f"{base}^{_wrap(node.right, PRECEDENCE['atom'])}"
    left = _wrap(node.left, level)
    # a − (b − c) and a/(b·c) need their brackets; a + (b + c) does not change meaning but keep it
    right = _wrap(node.right, level, strict=True)
    if isinstance(node.right, Neg) and node.op in "+-*/":
        right = f"({_show(node.right)})"
    return left + SHOWN_OP[node.op] + right
