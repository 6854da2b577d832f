"""Recursive-descent parser from tokens to a :mod:`tutor.answers.tree`.

Precedence, loosest first: ``+ -``; ``* / @ ⊙`` and juxtaposition (``2x``,
``W1 x``, left to right, so ``1/2x`` is (1/2)·x); unary minus; ``^`` (right
associative, so ``-x^2`` is −(x²)); postfix ``ᵀ`` and superscripts. A function
name takes a bracketed argument or one following factor (``tanh z``), and a
power written on the name applies to its value (``tanh²(z)`` is (tanh z)²).
Nesting is counted, so the depth limit is an error, never a RecursionError.
A ``[`` that starts an operand and holds a top-level comma is a vector literal
(``[0.1, -0.3, 0.2]``, a column); ``W[1]`` and ``theta[t-1]`` are names, read by
the lexer, and ``[x + 1]`` is a group.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from tutor.answers import names
from tutor.answers.errors import AnswerLimitError, AnswerSyntaxError
from tutor.answers.tokens import MAX_DEPTH, Token, tokenize
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
    depth,
)

MAX_EXPONENT = 100
#: the tree may be deeper than the bracket nesting (a long chain of sums)
MAX_TREE_DEPTH = 200


@dataclass(frozen=True)
class Note:
    """How an ambiguous spot was read, for the echo (key under ``answer.note.*``)."""

    key: str
    values: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Parsed:
    tree: Node
    notes: tuple[Note, ...]


def parse(text: str, defined: frozenset[str] = frozenset()) -> Parsed:
    """Parse an answer; raises :class:`~tutor.answers.errors.AnswerError` subclasses only.

    ``defined`` names earlier statements of a multi-statement answer; they parse as
    symbols ``=name`` for :mod:`tutor.answers.statements` to substitute.
    """
    tokens = tokenize(text, defined)
    if tokens[0].kind == "end":
        raise AnswerSyntaxError("empty", None)
    parser = _Parser(tokens)
    tree = parser.expr()
    parser.expect_end()
    if depth(tree) > MAX_TREE_DEPTH:
        raise AnswerLimitError("too_complex", None, limit=MAX_TREE_DEPTH)
    return Parsed(tree, tuple(dict.fromkeys(parser.notes)))  # each reading said once


def _starts_factor(tok: Token) -> bool:
    return tok.kind in ("num", "name", "lp", "sqrt", "frac")


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0
        self.notes: list[Note] = []

    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def advance(self) -> Token:
        tok = self.tokens[self.pos]
        if tok.kind != "end":
            self.pos += 1
        return tok

    def enter(self, tok: Token) -> None:
        """One more level of nesting at ``tok``: every construct that recurses counts (at most
        ``MAX_DEPTH``), so the parser's own depth is bounded, never a RecursionError."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise AnswerLimitError("too_deep", tok.column, limit=MAX_DEPTH)

    def nested(self, tok: Token, parse: Callable[[], Node]) -> Node:
        """``parse()`` one level deeper: the operand of a √ or of a function without brackets."""
        self.enter(tok)
        node = parse()
        self.depth -= 1
        return node

    def is_op(self, *ops: str) -> bool:
        return self.tok.kind == "op" and self.tok.value in ops

    def expect_end(self) -> None:
        tok = self.tok
        if tok.kind != "end":
            raise AnswerSyntaxError("unexpected", tok.column, text=tok.text)

    def expr(self) -> Node:
        node = self.term()
        while self.is_op("+", "-"):
            op = str(self.advance().value)
            node = BinOp(op, node, self.term())
        return node

    def term(self) -> Node:
        node = self.unary()
        while True:
            tok = self.tok
            if self.is_op("*", "/", "@", "⊙"):
                self.advance()
                if tok.text == "//":
                    self.notes.append(Note("floor_division", ()))
                node = BinOp(str(tok.value), node, self.unary())
            elif _starts_factor(tok):
                if tok.kind == "num":
                    raise AnswerSyntaxError("missing_operator", tok.column, text=tok.text)
                self._refuse_bracketed_number(tok)
                node = BinOp("*", node, self.power())
            else:
                return node

    def _refuse_bracketed_number(self, tok: Token) -> None:
        """``2(3)``: a number then a bracketed number reads as a product to some and as "2, about 3"
        to others; it is refused, not multiplied (an approximate value that fits is dropped before)."""
        before = self.tokens[self.pos - 1] if self.pos else None
        if tok.kind != "lp" or before is None or before.kind != "num":
            return
        i, sign = self.pos + 1, ""
        if self.tokens[i].kind == "op" and self.tokens[i].value in ("+", "-"):
            sign, i = self.tokens[i].text, i + 1
        if self.tokens[i].kind == "num" and self.tokens[i + 1].kind == "rp":
            number = self.tokens[i].text
            raise AnswerSyntaxError("bracketed_number", tok.column, left=before.text, right=sign + number,
                                    product=f"{before.text}·({sign}{number})" if sign else f"{before.text}·{number}")

    def unary(self) -> Node:
        if self.is_op("+", "-"):
            tok = self.advance()
            self.enter(tok)
            operand = self.unary()
            self.depth -= 1
            return Neg(operand) if tok.value == "-" else operand
        return self.power()

    def power(self) -> Node:
        base = self.postfix()
        if self.is_op("^"):
            tok = self.advance()
            exponent = self.exponent(tok)
            return self.checked_power(base, exponent, tok)
        return base

    def exponent(self, caret: Token) -> Node:
        self.enter(caret)
        if self.tok.kind == "end":
            raise AnswerSyntaxError("missing_exponent", caret.column)
        if self.is_op("+", "-"):
            tok = self.advance()
            inner = self.exponent(tok)
            node: Node = Neg(inner) if tok.value == "-" else inner
        else:
            node = self.power()
        self.depth -= 1
        return node

    def checked_power(self, base: Node, exponent: Node, tok: Token) -> Node:
        value = const_value(exponent)
        if value is not None and (not math.isfinite(value) or abs(value) > MAX_EXPONENT):
            raise AnswerLimitError("exponent_too_large", tok.column, limit=MAX_EXPONENT)
        return BinOp("^", base, exponent)

    def postfix(self) -> Node:
        node = self.primary()
        while self.tok.kind in ("tr", "sup", "method"):
            tok = self.advance()
            if tok.kind == "tr":
                node = Transpose(node)
            elif tok.kind == "method":
                node = self.method(node, tok)
            else:
                node = self.checked_power(node, _integer(int(str(tok.value))), tok)
        return node

    def method(self, node: Node, tok: Token) -> Node:
        """``z.tanh()`` is tanh(z), ``A.dot(x)`` is A·x: numpy and PyTorch methods."""
        name = str(tok.value)
        shown = names.display(name)
        if self.tok.kind != "lp":
            raise AnswerSyntaxError("needs_brackets", tok.column, name=tok.text)
        if name in names.TWO_ARGUMENTS:
            return BinOp("@", node, self.arguments(tok, shown)[0])
        if name in names.AXIS_FUNCTIONS and self.tokens[self.pos + 1].kind != "rp":
            self._axis(tok, shown, self.arguments(tok, shown))  # z.softmax(0), z.sum(-1)
            return Call(name, node)
        self.advance()
        if self.tok.kind != "rp":
            raise AnswerSyntaxError("unexpected", self.tok.column, text=self.tok.text or "…")
        self.advance()
        return Call(name, node)

    @staticmethod
    def _axis(tok: Token, shown: str, args: list[Node]) -> None:
        """The last of ``args`` must be an axis, a whole number (softmax(z, 0), softmax(z, -1))."""
        axis = args[-1]
        value = const_value(axis)
        if not isinstance(axis, (Number, Neg)) or value is None or value != int(value):
            raise AnswerSyntaxError("axis", tok.column, name=shown)

    def primary(self) -> Node:
        tok = self.tok
        if tok.kind == "num":
            self.advance()
            assert isinstance(tok.value, Fraction)
            return Number(tok.value, tok.text)
        if tok.kind == "lp":
            return self.group()
        if tok.kind == "sqrt":
            self.advance()
            if not _starts_factor(self.tok):
                raise AnswerSyntaxError("needs_argument", tok.column, name="√")
            return Call("sqrt", self.nested(tok, self.power))
        if tok.kind == "frac":
            self.advance()
            if self.tok.kind != "lp":
                raise AnswerSyntaxError("frac_groups", tok.column)
            top = self.group()
            if self.tok.kind != "lp":
                raise AnswerSyntaxError("frac_groups", tok.column)
            return BinOp("/", top, self.group())
        if tok.kind == "name":
            return self.name()
        if tok.kind == "end":
            raise AnswerSyntaxError("ends_early", tok.column)
        if tok.kind == "rp":
            raise AnswerSyntaxError("empty_brackets", tok.column)
        if tok.kind == "ellipsis":
            raise AnswerSyntaxError("ellipsis", tok.column, text=tok.text)
        if tok.kind == "op":
            raise AnswerSyntaxError("missing_operand", tok.column, text=tok.text)
        raise AnswerSyntaxError("unexpected", tok.column, text=tok.text)

    def group(self) -> Node:
        """A bracketed operand: a group, or a vector literal if it is ``[`` and holds a comma."""
        opener = self.advance()
        self.enter(opener)
        if self.tok.kind == "rp":
            raise AnswerSyntaxError("empty_brackets", opener.column)
        node = self.expr()
        if self.tok.kind == "comma":
            if opener.value != "[":
                # (0.1, -0.3) is a tuple in some books: say how a vector is written here
                raise AnswerSyntaxError("vector_brackets", self.tok.column)
            node = self.entries(node)
        if self.tok.kind != "rp":
            raise AnswerSyntaxError("unexpected", self.tok.column, text=self.tok.text or "…")
        self.advance()
        self.depth -= 1
        return node

    def entries(self, first: Node) -> Vector:
        """The rest of ``[a, b, c]`` after ``a``; a trailing comma is allowed, as in Python."""
        entries = [first]
        while self.tok.kind == "comma":
            self.advance()
            if self.tok.kind == "rp":
                break
            entries.append(self.expr())
        return Vector(tuple(entries))

    def name(self) -> Node:
        tok = self.advance()
        name = str(tok.value)
        if tok.pieces and tok.pieces[0] == name and not self._continues_split(tok):
            shown = "·".join(names.display(p) for p in tok.pieces)
            self.notes.append(Note("split", (("text", tok.text), ("reading", shown))))
        spelled = tok.text.split("_")[0]
        if spelled in names.RUSSIAN_NOTATION:
            reading = names.display(name)
            self.notes.append(Note("notation", (("text", tok.text), ("reading", reading))))
        if self._time_minus_one(tok):
            self.notes.append(Note("time_minus_one", (("text", tok.text + "-1"), ("name", names.display(name)))))
        if name == "g" and self.tok.kind == "lp" and tok.text.endswith("g"):
            name = "sigma"  # g(…) is an activation; a lone g (or gₜ) is the optimizer's gradient
        if spelled in names.ACTIVATION_SPELLINGS and name == "sigma":
            self.notes.append(Note("activation", (("text", tok.text),)))
        if name == "I" and tok.text.lower() in ("identity", "id") and self.tok.kind == "lp":
            name = "eye"  # np.identity(n), Id(n): the identity of that size
        if name not in names.FUNCTIONS:
            if self.tok.kind == "lp" and self.tok.column == tok.column + len(tok.text):
                self.notes.append(Note("product", (("name", names.display(name)),)))
            return Symbol(name, tok.index)
        shown = names.display(name)
        power: int | None = None
        if self.tok.kind == "sup" or self.is_op("^"):
            power = self.function_power(shown)
        if name in names.TWO_ARGUMENTS:
            if self.tok.kind != "lp":
                raise AnswerSyntaxError("needs_argument", tok.column, name=shown)
            left, right = self.arguments(tok, shown, fewest=2, most=2)
            return BinOp("@", left, right)  # np.dot(W1, x)
        if name == "diag" and self.tok.kind == "lp":
            args = []
        elif self.tok.kind == "lp":
            args = self.arguments(tok, shown, most=2 if name == "eye" or name in names.AXIS_FUNCTIONS else 1)
            if len(args) == 2 and name in names.AXIS_FUNCTIONS:
                self._axis(tok, shown, args)  # softmax(z, 0), np.sum(e^z, -1): the axis is dropped
                args = args[:1]
        elif _starts_factor(self.tok):
            args = [self.nested(tok, self.power)]  # tanh tanh … z: a chain, counted like brackets
        else:
            raise AnswerSyntaxError("needs_argument", tok.column, name=shown)
        if name == "eye":
            # eye(n) or eye(n, n), as numpy writes it; eye(len(x)), eye(x.shape[0])
            if not all(_is_size(a) for a in args):
                raise AnswerSyntaxError("eye_argument", tok.column)
            node: Node = Symbol("I")
        elif name == "diag" and not args:
            node = self.diagonal(tok)
        else:
            node = Call(name, args[0])
        if power is not None:
            node = BinOp("^", node, _integer(power))
        return node

    def _time_minus_one(self, tok: Token) -> bool:
        """``theta_t-1``: the subscript ends at t, so this is θ − 1, which was hardly meant; say so."""
        if not (tok.text.endswith("_t") or tok.text.endswith("ₜ")):
            return False
        after = self.tokens[self.pos] if self.pos < len(self.tokens) else None
        one = self.tokens[self.pos + 1] if self.pos + 1 < len(self.tokens) else None
        end = tok.column + len(tok.text)
        return (after is not None and one is not None and self.is_op("-") and after.column == end
                and one.kind == "num" and one.text == "1" and one.column == end + len(after.text))

    def _continues_split(self, tok: Token) -> bool:
        """True for the second and later names of one split run (note it once)."""
        if self.pos < 2:
            return False
        before = self.tokens[self.pos - 2]
        return before.column == tok.column and before.pieces == tok.pieces

    def function_power(self, shown: str) -> int:
        """``tanh²``, ``tanh^2`` or ``tanh^{2}``: a small positive integer power."""
        tok = self.advance()
        if tok.kind == "sup":
            value = int(str(tok.value))
        else:
            exponent = self.exponent(tok)
            number = const_value(exponent)
            # tanh^(1/0) is NaN and tanh^(1e308*10) infinite: neither is a whole number to take int() of
            if number is None or math.isnan(number) or (math.isfinite(number) and number != int(number)):
                raise AnswerSyntaxError("function_power", tok.column, name=shown)
            if not math.isfinite(number) or abs(number) > MAX_EXPONENT:
                raise AnswerLimitError("exponent_too_large", tok.column, limit=MAX_EXPONENT)
            value = int(number)
        if value == -1 or value == 0:
            # f⁻¹ is the inverse function in some books and 1/f in others; cosh⁻²(z) can only be 1/cosh²(z)
            raise AnswerSyntaxError("function_inverse", tok.column, name=shown)
        if abs(value) > MAX_EXPONENT:
            raise AnswerLimitError("exponent_too_large", tok.column, limit=MAX_EXPONENT)
        return value

    def diagonal(self, func_tok: Token) -> Node:
        """``diag(v)``, ``diag(a, b, c)`` (of the vector [a, b, c]), or ``diag(c, …, c)``, which is c·I.

        ``diag(1, …, 1)`` has the size of the question (n), so it is the identity; an
        ellipsis between different entries has no reading here and is refused.
        """
        opener = self.advance()
        self.enter(opener)
        entries: list[Node] = []
        ellipsis = False
        if self.tok.kind == "rp":
            raise AnswerSyntaxError("needs_argument", func_tok.column, name="diag")
        while True:
            if self.tok.kind == "ellipsis":
                ellipsis = True
                self.advance()
            else:
                entries.append(self.expr())
            if self.tok.kind != "comma":
                break
            self.advance()
        if self.tok.kind != "rp":
            raise AnswerSyntaxError("unexpected", self.tok.column, text=self.tok.text or "…")
        self.advance()
        self.depth -= 1
        if ellipsis:
            values = {const_value(entry) for entry in entries}
            if len(values) != 1 or None in values:
                raise AnswerSyntaxError("diag_entries", func_tok.column)
            return Symbol("I") if values.pop() == 1 else BinOp("*", entries[0], Symbol("I"))
        return Call("diag", entries[0] if len(entries) == 1 else Vector(tuple(entries)))

    def arguments(self, func_tok: Token, shown: str, fewest: int = 1, most: int = 1) -> list[Node]:
        """The bracketed arguments of a call, between ``fewest`` and ``most`` of them."""
        opener = self.advance()
        self.enter(opener)
        if self.tok.kind == "rp":
            raise AnswerSyntaxError("needs_argument", func_tok.column, name=shown)
        args = [self.expr()]
        while self.tok.kind == "comma":
            self.advance()
            args.append(self.expr())
        if self.tok.kind != "rp":
            raise AnswerSyntaxError("unexpected", self.tok.column, text=self.tok.text or "…")
        self.advance()
        self.depth -= 1
        if not fewest <= len(args) <= most:
            key = "arity.two" if fewest == 2 else "arity"
            raise AnswerSyntaxError(key, func_tok.column, name=shown, count=len(args))
        return args


def _is_size(node: Node) -> bool:
    """n, a whole number, or the length of a vector: what eye(…) takes."""
    if isinstance(node, Symbol):
        return node.name == "n"
    if isinstance(node, Call):
        return node.func == "len"
    return isinstance(node, Number)


def _integer(value: int) -> Node:
    node: Node = Number(Fraction(abs(value)), str(abs(value)))
    return Neg(node) if value < 0 else node
