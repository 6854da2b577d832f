"""Sympy as a second opinion and a simplifier, for scalar items only, always under a time bound.

The numeric verdict (:mod:`tutor.answers.judge`) is the judge; sympy is asked
only when the numbers cannot decide (an answer that overflows at some sample
points, a near miss that could be rounding noise, integers past float
precision) and to show a simplified form of an answer. Sympy never sees text:
the parsed, whitelisted tree is converted node by node.

Every sympy call runs in a worker process under a time bound
(:mod:`tutor.answers.sympy_worker` says why a process), and only for trees
within the size bounds below; if sympy gives up or runs out of time, the
answer is "unknown" and the numeric verdict stands.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from tutor.answers.spec import Domain, ExpressionSpec
from tutor.answers.tree import (
    BinOp,
    Call,
    Neg,
    Node,
    Number,
    Symbol,
    Transpose,
    Vector,
    children,
    const_value,
    depth,
    symbols,
)

if TYPE_CHECKING:
    import numpy as np
    import sympy

    from tutor.quiz.items import QuizItem

#: "unknown": sympy cannot say (or is not asked); "unfinished": it was asked and ran out of time or
#: memory, or its worker died, so the numeric verdict stands and says so
Opinion = Literal["equal", "different", "unknown", "unfinished"]

#: seconds sympy may spend on a second opinion during a check, and on a simplified echo
SECOND_OPINION_TIMEOUT = 1.0
SIMPLIFY_TIMEOUT = 2.0
#: trees past these bounds are not given to sympy at all
MAX_NODES = 120
#: levels of the tree: sympy recurses over an expression with many frames per level (answers have < 10)
MAX_LEVELS = 64
#: exponents of powers of formulas with symbols (multiplied along a path, added over the tree)
MAX_DEGREE = 40
#: exponents of powers of plain numbers, multiplied along a path: (10^30)^100 has 3,000 digits
MAX_NUMBER_DEGREE = 1000
#: nesting of exp-like functions and symbolic powers: e^(e^(e^z)) is the most allowed
MAX_TOWER = 3
#: numeric noise band: a relative error up to this many times the tolerance may be rounding
NOISE_FACTOR = 100.0
#: floats represent every integer below this exactly; past it, cancellation can lose the answer
EXACT_FLOAT = 2.0**53
#: high-precision probes that show two expressions differ (digits, points)
PROBE_DIGITS = 30
PROBE_POINTS = 5

FUNCTIONS = ("tanh", "sinh", "cosh", "sech", "exp", "log", "sqrt", "sigmoid")
EXP_LIKE = frozenset({"tanh", "sinh", "cosh", "sech", "exp", "sigmoid"})
CONSTANTS = frozenset({"e", "pi"})
NODE_TYPES = (Number, Symbol, Call, BinOp, Neg, Transpose)


class NotApplicable(Exception):
    """A tree or a sympy result outside what this module converts (matrices, σ, softmax, …)."""


# ---------------------------------------------------------------- applicability (no sympy)

def scalar_domains(item: QuizItem) -> Mapping[str, Domain] | None:
    """The symbol domains of a scalar expression or number item, or None for any other item."""
    spec = item.spec
    if not isinstance(spec, ExpressionSpec):
        return None
    if any(domain.kind != "scalar" for domain in spec.symbols.values()):
        return None
    return spec.symbols


def within_bounds(tree: Node) -> bool:
    """True if the tree is small and tame enough to hand to sympy.

    Sympy's simplify expands powers of sums: (z+1)^50 takes about 0.7 s, (z+1)^200
    over 15 s (the worker is killed at its bound, but a new one must then start).
    So the exponents of every power of a formula with symbols, multiplied along
    each path and added over the tree, stay small; powers of plain numbers only
    need their size bounded (10^100^2 is cheap exact arithmetic).
    """
    if depth(tree) > MAX_LEVELS:
        return False
    count = 0
    cost = 0.0
    # (node, product of the exponents above it, tower height so far)
    stack: list[tuple[Node, float, int]] = [(tree, 1.0, 0)]
    while stack:
        node, degree, tower = stack.pop()
        count += 1
        if count > MAX_NODES or tower > MAX_TOWER:
            return False
        if isinstance(node, BinOp) and node.op == "^":
            exponent = const_value(node.right)
            if exponent is None:
                stack.append((node.left, degree, tower + 1))
                stack.append((node.right, degree, tower + 1))
                continue
            degree *= max(1.0, abs(exponent))
            if not symbols(node.left):
                if degree > MAX_NUMBER_DEGREE:
                    return False
            elif degree > 1:
                cost += degree
                if cost > MAX_DEGREE:
                    return False
            stack.append((node.left, degree, tower))
            stack.append((node.right, 1.0, tower))
            continue
        step = 1 if isinstance(node, Call) and node.func in EXP_LIKE else 0
        stack.extend((child, degree, tower + step) for child in children(node))
    return True


def convertible(tree: Node, domains: Mapping[str, Domain]) -> bool:
    """True if every node has a scalar sympy counterpart (no transpose, vector, σ, softmax, sum, I)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, (Transpose, Vector)):
            return False
        if isinstance(node, Call) and node.func not in FUNCTIONS:
            return False
        if isinstance(node, Symbol) and node.name not in domains and node.name not in CONSTANTS:
            return False
        stack.extend(children(node))
    return True


def inexact_in_floats(tree: Node) -> bool:
    """True if a number in the answer is past float precision, so numeric cancellation may lie."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Number) and abs(node.value) >= EXACT_FLOAT:
            return True
        if isinstance(node, BinOp) and node.op == "^":
            value = const_value(node)
            if value is not None and not math.isnan(value) and abs(value) >= EXACT_FLOAT:
                return True
        stack.extend(children(node))
    return False


def numbers_indecisive(answer: list[np.ndarray], expected: list[np.ndarray], rtol: float,
                       atol: float) -> bool:
    """True if the numeric comparison may have failed for numeric reasons, not a wrong answer.

    That is: the answer is not finite where the reference is (overflow, 0/0), or
    it misses by more than ``rtol`` but within ``NOISE_FACTOR``·``rtol``.
    """
    import numpy as np

    with np.errstate(all="ignore"):
        for a, b in zip(answer, expected, strict=True):
            finite = np.isfinite(b).all(axis=(-2, -1))
            aa, bb = a[finite], b[finite]
            if not np.isfinite(aa).all():
                return True
            if not np.allclose(aa, bb, rtol=rtol, atol=atol) and np.allclose(
                    aa, bb, rtol=NOISE_FACTOR * rtol, atol=NOISE_FACTOR * atol):
                return True
    return False


def settle(numeric: bool | None, opinion: Opinion) -> bool | None:
    """The final equality of answer and reference: sympy's word where it has one, else the numbers'."""
    if opinion == "equal":
        return True
    if opinion == "different":
        return False
    return numeric


# ---------------------------------------------------------------- tree -> sympy (in the worker)

def _sympy_symbol(name: str, domain: Domain) -> sympy.Symbol:
    import sympy

    if domain.low > 0:
        return sympy.Symbol(name, positive=True)
    if domain.high < 0:
        return sympy.Symbol(name, negative=True)
    return sympy.Symbol(name, real=True)


def to_sympy(tree: Node, domains: Mapping[str, Domain], *, exact: bool = True) -> sympy.Expr:
    """The sympy expression of a scalar tree; numbers become Rationals (decimals Floats if not ``exact``)."""
    import sympy

    if not convertible(tree, domains):
        raise NotApplicable(tree)
    table = {name: _sympy_symbol(name, domain) for name, domain in domains.items()}
    table_constants = {"e": sympy.E, "pi": sympy.pi}
    functions = {"tanh": sympy.tanh, "sinh": sympy.sinh, "cosh": sympy.cosh, "sech": sympy.sech,
                 "exp": sympy.exp, "log": sympy.log, "sqrt": sympy.sqrt,
                 "sigmoid": lambda a: 1 / (1 + sympy.exp(-a))}  # the logistic σ of question 2

    def convert(node: Node) -> sympy.Expr:
        if isinstance(node, Number):
            if not exact and "." in node.text:
                return sympy.Float(node.text)
            return sympy.Rational(node.value.numerator, node.value.denominator)
        if isinstance(node, Symbol):
            return table[node.name] if node.name in table else table_constants[node.name]
        if isinstance(node, Neg):
            return -convert(node.operand)
        if isinstance(node, Call):
            return functions[node.func](convert(node.arg))
        if isinstance(node, BinOp):
            left, right = convert(node.left), convert(node.right)
            if node.op == "+":
                return left + right
            if node.op == "-":
                return left - right
            if node.op in ("*", "@", "⊙"):
                return left * right
            if node.op == "/":
                return left / right
            if node.op == "^":
                return left**right
        raise NotApplicable(node)

    return convert(tree)


# ---------------------------------------------------------------- sympy -> tree (for the echo)

def _rational(value: Fraction) -> Node:
    """A rational as a division of integers, so that the echo brackets it where it must (z^(3/2))."""
    top: Node = Number(Fraction(abs(value.numerator)), "")
    node = top if value.denominator == 1 else BinOp("/", top, Number(Fraction(value.denominator), ""))
    return Neg(node) if value < 0 else node


def _product(factors: list[Node]) -> Node:
    node = factors[0]
    for factor in factors[1:]:
        node = BinOp("*", node, factor)
    return node


def from_sympy(expr: Any) -> Node:
    """A tree that D's echo prints; raises :class:`NotApplicable` for anything it does not know."""
    import sympy

    if expr.is_Integer or expr.is_Rational:
        return _rational(Fraction(int(expr.p), int(expr.q)))
    if expr.is_Float:
        value = float(expr)
        if not math.isfinite(value):
            raise NotApplicable(expr)
        text = f"{abs(value):.6g}"
        node: Node = Number(Fraction(text) if "e" not in text else Fraction(abs(value)), text)
        return Neg(node) if value < 0 else node
    if expr is sympy.E:
        return Symbol("e")
    if expr is sympy.pi:
        return Symbol("pi")
    if expr.is_Symbol:
        return Symbol(expr.name)
    if isinstance(expr, sympy.Add):
        terms = expr.as_ordered_terms()
        # start with a positive term where there is one: 1 − tanh²(z), not −tanh²(z) + 1
        terms.sort(key=lambda term: bool(term.could_extract_minus_sign()))
        node = from_sympy(terms[0])
        for term in terms[1:]:
            if term.could_extract_minus_sign():
                node = BinOp("-", node, from_sympy(-term))
            else:
                node = BinOp("+", node, from_sympy(term))
        return node
    if isinstance(expr, sympy.Mul) or (isinstance(expr, sympy.Pow) and expr.exp.is_negative):
        return _fraction(expr)
    if isinstance(expr, sympy.Pow):
        base, exponent = expr.as_base_exp()
        if exponent == sympy.Rational(1, 2):
            return Call("sqrt", from_sympy(base))
        if exponent.is_Rational:
            return BinOp("^", from_sympy(base), _rational(Fraction(int(exponent.p), int(exponent.q))))
        return BinOp("^", from_sympy(base), from_sympy(exponent))
    names = {sympy.tanh: "tanh", sympy.sinh: "sinh", sympy.cosh: "cosh", sympy.sech: "sech",
             sympy.exp: "exp", sympy.log: "log"}
    if isinstance(expr, sympy.Function) and expr.func in names and len(expr.args) == 1:
        return Call(names[expr.func], from_sympy(expr.args[0]))
    raise NotApplicable(expr)


def _negate_first(node: Node) -> Node:
    """−(a·b·c) as (−a)·b·c: the same value, printed without brackets."""
    if isinstance(node, BinOp) and node.op == "*":
        return BinOp("*", _negate_first(node.left), node.right)
    return Neg(node)


def _fraction(expr: Any) -> Node:
    """A product or a negative power as sign, numerator and denominator: −2·tanh(z)/cosh²(z)."""
    import sympy

    if expr.could_extract_minus_sign():
        positive = -expr
        if not isinstance(positive, (sympy.Mul, sympy.Pow)):
            return Neg(from_sympy(positive))
        node = _fraction(positive)
        # the sign goes on the first factor, so that the echo needs no brackets: −2·tanh(z)/cosh²(z)
        if isinstance(node, BinOp) and node.op == "/":
            return BinOp("/", _negate_first(node.left), node.right)
        return _negate_first(node)
    top: list[Node] = []
    bottom: list[Node] = []
    for factor in sympy.Mul.make_args(expr):
        if factor.is_Rational and not factor.is_Integer:
            if factor.p != 1:
                top.append(_rational(Fraction(int(factor.p))))
            bottom.append(_rational(Fraction(int(factor.q))))
        elif isinstance(factor, sympy.Pow) and factor.exp.is_negative:
            inverse = factor.base ** (-factor.exp)
            bottom.append(from_sympy(inverse))
        else:
            top.append(from_sympy(factor))
    numerator = _product(top) if top else Number(Fraction(1), "")
    if not bottom:
        return numerator
    return BinOp("/", numerator, _product(bottom))


# ---------------------------------------------------------------- the two services

def _probe_points(domains: Mapping[str, Domain]) -> list[dict[str, Fraction]]:
    """Exact rational points spread over each symbol's domain (deterministic, away from the ends)."""
    points = []
    for k in range(PROBE_POINTS):
        point = {}
        for offset, (name, domain) in enumerate(sorted(domains.items())):
            share = Fraction((3 * k + 2 * offset + 1) % 11 + 1, 13)
            low, high = Fraction(domain.low), Fraction(domain.high)
            point[name] = (low + (high - low) * share).limit_denominator(1000)
        points.append(point)
    return points


def compare_job(answer: Node, reference: Node, domains: Mapping[str, Domain]) -> Opinion:
    """In the worker: equal if sympy proves it, different if a 30-digit probe shows it."""
    import sympy

    a, b = to_sympy(answer, domains), to_sympy(reference, domains)
    difference = a - b
    if difference == 0:
        return "equal"
    free = {s.name: s for s in difference.free_symbols}
    for point in _probe_points(domains) if domains else [{}]:
        subs = {free[name]: sympy.Rational(v.numerator, v.denominator)
                for name, v in point.items() if name in free}
        got, want = a.evalf(PROBE_DIGITS, subs=subs), b.evalf(PROBE_DIGITS, subs=subs)
        if not (got.is_real and want.is_real and got.is_finite and want.is_finite):
            continue  # a pole or a complex value at this point: it decides nothing
        if abs(got - want) > sympy.Float(10) ** (-PROBE_DIGITS // 2) * max(1, abs(want)):
            return "different"
    for candidate in (difference, difference.rewrite(sympy.exp)):
        if sympy.simplify(candidate) == 0:
            return "equal"
    return "unknown"


def simplify_job(tree: Node, domains: Mapping[str, Domain]) -> Node:
    """In the worker: the simplified tree (decimals stay decimals, so 1.5·z is not 3·z/2)."""
    import sympy

    return from_sympy(sympy.simplify(to_sympy(tree, domains, exact=False)))


def second_opinion(item: QuizItem, tree: Node, timeout: float = SECOND_OPINION_TIMEOUT) -> Opinion:
    """Sympy's view of whether ``tree`` equals the item's reference; "unknown" if it cannot say in time."""
    domains = scalar_domains(item)
    if domains is None:
        return "unknown"
    from tutor.answers.parser import parse

    reference = parse(item.spec.answer).tree
    if not all(convertible(t, domains) and within_bounds(t) for t in (tree, reference)):
        return "unknown"
    from tutor.answers import sympy_worker

    outcome, opinion = sympy_worker.call("compare", (tree, reference, dict(domains)), timeout)
    if outcome in ("timeout", "memory", "gone"):
        return "unfinished"
    return opinion if outcome == "ok" and opinion in ("equal", "different") else "unknown"


def simplify_echo(item: QuizItem, text_or_tree: str | Node,
                  timeout: float = SIMPLIFY_TIMEOUT) -> str | None:
    """The sympy-simplified form of an answer, printed like the echo (``1/cosh²(z)``).

    None when the item is not scalar, the answer cannot be read, is too large,
    or sympy does not finish within ``timeout`` seconds. Callers that show it
    next to the echo may skip it when it equals the echo. Never raises: the
    simplified form is a courtesy, and its failure only means there is none.
    """
    try:
        return _simplify_echo(item, text_or_tree, timeout)
    except Exception:
        return None


def _simplify_echo(item: QuizItem, text_or_tree: str | Node, timeout: float) -> str | None:
    domains = scalar_domains(item)
    if domains is None:
        return None
    if isinstance(text_or_tree, str):
        from tutor.answers.errors import AnswerError
        from tutor.answers.judge import read_answer

        try:
            tree = read_answer(item, text_or_tree)
        except AnswerError:
            return None
    else:
        tree = text_or_tree
    if not (convertible(tree, domains) and within_bounds(tree)):
        return None
    from tutor.answers import sympy_worker

    simplified = sympy_worker.run("simplify", (tree, dict(domains)), timeout)
    if not isinstance(simplified, NODE_TYPES) or depth(simplified) > MAX_LEVELS:
        return None  # a deep result would cost the echo's recursion more than any answer does
    from tutor.answers.echo import echo

    return echo(simplified)
