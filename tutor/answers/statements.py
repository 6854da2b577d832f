"""Answers in several statements, and update rules written as code or pseudocode.

Students often name the intermediate layers: ``h1 = σ(W1 x + b1); h2 = σ(W2 h1 + b2);
y = W3 h2 + b3`` (one per line, or separated by ``;`` or, after a definition, by a
comma). Each statement but the last defines a new name; the last is the answer.
Definitions are substituted into the answer as trees, so the checker still judges one
formula and the echo shows it whole.

An item that asks for an update (the new θ of an optimizer step) also reads the forms
of pseudocode and code: ``θ ← θ − …``, ``θ := …``, ``θ_t = …``, in place ``θ -= …``
(with or without the left-hand side), and several such lines in order, as code runs
them: ``θ *= 1 − ηλ; θ -= m``. The judged expression is the new θ.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from tutor.answers import names
from tutor.answers.equation import bracketed_tail, judged_part
from tutor.answers.errors import AnswerError, AnswerLimitError, AnswerSyntaxError, printable
from tutor.answers.parser import MAX_TREE_DEPTH, Note, Parsed, parse
from tutor.answers.tokens import definition_key
from tutor.answers.tree import (
    BinOp,
    Neg,
    Node,
    Number,
    Symbol,
    children,
    depth,
    number_value,
    rebuild,
)

MAX_DEFINITIONS = 5
#: characters of the student's formula quoted back in a message
MAX_QUOTED = 30
#: nodes of the answer once every name is written out; h2 = h1 + h1 + … would otherwise double each line
MAX_EXPANDED_NODES = 4000
#: the defined name: letters, then digits or a subscript (h1, h_1, h_{1}, h₁, a2, z). The letters are
#: taken whole, as an atomic group would (``(?=(…))\2``, Python 3.10 has no ``(?>…)``): letters and
#: ``\w`` overlap, and letting them share a long run out would cost time quadratic in its length.
_DEFINITION = re.compile(r"\s*((?=([^\W\d_]+))\2(?:_?\{?\w+\}?)?)\s*=(?!=)")
#: an in-place update: ``θ -= …``, ``theta_{t-1} += …``, or the operator alone (``-= …``). The name and
#: its index are short (at most 12 characters after the letters), so a failed match costs little.
_UPDATE = re.compile(r"\s*(?:(?=([^\W\d_]+))\1[^\s=;,]{0,12}?)?\s*([-−+*/])=(?!=)")
#: the arrow and ``:=`` forms of an assignment, each replaced by ``=`` padded to the same length
#: (so that columns still count from the text as typed)
_ARROW = re.compile(r":=|<-|<−|[≔←⟵]|\\(?:leftarrow|gets|coloneqq)(?![A-Za-z])")


@dataclass(frozen=True)
class Statement:
    text: str
    offset: int


def with_plain_assignments(text: str) -> str:
    """``text`` with ``←``, ``:=``, ``≔``, ``<-``, ``\\leftarrow`` written as ``=``, every column kept."""
    if not _ARROW.search(text):
        return text
    return _ARROW.sub(lambda m: " " * (len(m.group(0)) - 1) + "=", text)


def _starts_statement(text: str, start: int = 0) -> bool:
    """True if a definition or an update begins at ``start``: ``h1 = …``, ``θ -= …``."""
    return bool(_DEFINITION.match(text, start) or _UPDATE.match(text, start))


def split_statements(text: str) -> list[Statement]:
    """The non-empty statements of ``text``, split at top-level ``;``, line breaks and definition commas.

    A top-level comma ends a statement only when that statement is a definition or an
    update (``h1 = σ(W1 x + b1), h2 = …``) and no digit follows it (``a = 1,5`` keeps its
    decimal comma). One pass; whether a statement starts with a definition is asked once.
    """
    statements: list[Statement] = []
    depth, start = 0, 0
    heads = _starts_statement(text, 0)
    for i, char in enumerate(text + ";"):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(depth - 1, 0)
        elif depth == 0 and (char in ";\n" or (
            char == "," and heads and not (i + 1 < len(text) and "0" <= text[i + 1] <= "9")
        )):
            if text[start:i].strip():
                statements.append(Statement(text[start:i], start))
            start = i + 1
            heads = _starts_statement(text, start)
    return statements or [Statement(text, 0)]


#: words that open a condition after the answer: "1/(1 − p) при p = 0.5", "…, where p = 0.5"
_CONDITION_WORDS = frozenset({"при", "где", "если", "когда", "where", "when", "for", "with", "if", "at"})
#: a number as a condition gives it: 0.5, 0,5, .5, −1
_CONDITION_VALUE = re.compile(r"\s*[-+−]?(?:[0-9]{1,30}(?:[.,][0-9]{1,30})?|[.,][0-9]{1,30})\s*\.?\s*")


def without_condition(text: str, fixed: Mapping[str, float]) -> tuple[str, Note | None]:
    """``1/(1 − p) при p = 0.5``: a final clause that restates a value the question fixes is a condition,
    not the answer; it is cut off (with a note). Only a clause after a comma, a semicolon or a word such
    as при/where, naming a fixed symbol with its own value. One backward pass from the last ``=``."""
    equals = text.rfind("=")
    if equals < 0 or not fixed or not _CONDITION_VALUE.fullmatch(text, equals + 1):
        return text, None
    value = float(text[equals + 1 :].strip().rstrip(".").replace(",", ".").replace("−", "-"))
    i = equals
    while i > 0 and text[i - 1].isspace():
        i -= 1
    end = i
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "_{}"):
        i -= 1
    spelled = text[i:end]
    name = names.canonical(spelled, []) if spelled.isalpha() else None
    if name not in fixed or abs(fixed[name] - value) > 1e-9 * max(1.0, abs(value)):
        return text, None
    head = text[:i].rstrip()
    word_start = len(head)
    while word_start > 0 and head[word_start - 1].isalpha():
        word_start -= 1
    if head[word_start:].lower() in _CONDITION_WORDS and word_start < len(head):
        head = head[:word_start].rstrip().removesuffix(",").rstrip()  # "…, где p = 0,5"
    elif head.endswith((",", ";")):
        head = head[:-1].rstrip()
    else:
        return text, None
    if not head:
        return text, None
    return head, Note("condition", (("text", printable(text[i:].strip(), MAX_QUOTED)),))


def parse_statements(text: str, reserved: frozenset[str] = frozenset(),
                     updates: str | None = None, fixed: Mapping[str, float] | None = None) -> tuple[Parsed, bool]:
    """The answer with its definitions and updates worked in, and whether a left-hand side was dropped.

    A single statement is judged as before (its ``lhs =`` dropped). ``reserved``: the
    item's own names, which a definition may not take. ``updates``: the symbol the item
    asks the new value of (θ), or None when the item asks for a formula. ``fixed``: the
    values the question fixes (8.4's p = 0.5), which a final condition may restate. Raises
    AnswerError with columns counted from the start of ``text``.
    """
    text, condition = without_condition(text, fixed or {})
    text = with_plain_assignments(text)
    statements = split_statements(text)
    if ";" not in text and not _starts_statement(statements[0].text):
        statements = [Statement(text, 0)]  # a formula pasted over several lines
    if len(statements) > MAX_DEFINITIONS + 1:
        raise AnswerLimitError("too_many_statements", None, limit=MAX_DEFINITIONS + 1)
    program = _Program(reserved, updates)
    for statement in statements[:-1]:
        program.run(statement, last=False)
    tree, dropped = program.run(statements[-1], last=True)
    if depth(tree) > MAX_TREE_DEPTH:
        raise AnswerLimitError("too_complex", None, limit=MAX_TREE_DEPTH)
    notes = program.notes + ([condition] if condition else [])
    if program.definitions:
        notes = [Note("substituted", (("names", ", ".join(program.definitions)),)), *notes]
    return Parsed(tree, tuple(dict.fromkeys(notes))), dropped and len(statements) == 1


@dataclass
class _Program:
    """The statements read so far: defined names, and the current value of the updated symbol."""

    reserved: frozenset[str]
    updates: str | None
    definitions: dict[str, Node] = field(default_factory=dict)
    #: the updated symbol's value after the updates so far (None: not updated yet, it is itself)
    current: Node | None = None
    notes: list[Note] = field(default_factory=list)

    def run(self, statement: Statement, last: bool) -> tuple[Node, bool]:
        """Read one statement; returns the value it leaves (the answer, if it is the last) and whether
        a left-hand side was dropped."""
        update = _UPDATE.match(statement.text)
        if update:
            return self.in_place(statement, update), False
        equals = _first_equals(statement.text)
        if equals is not None and self.updates is not None and self._names_target(statement.text[:equals]):
            # θ = …, θ_t ← …: the new value of the updated symbol
            judged, offset = judged_part(statement.text[equals + 1 :])
            self.current = self.expand(self.parse(judged, statement.offset + equals + 1 + offset))
            return self.current, True
        if not last:
            return self.define(statement), False
        judged, offset = judged_part(statement.text)
        judged = self.without_approximation(judged)
        return self.expand(self.parse(judged, statement.offset + offset)), offset > 0

    def without_approximation(self, judged: str) -> str:
        """``5/3 (1.667)``: the exact value and, in brackets, an approximation of it; only the first is
        judged. Unmarked (no ≈), the bracket counts as an approximation only if it is one, within the
        rounding of its digits or 1 %. A formula with a bracketed number that is not its value
        (5/3 (1.5)) is refused and said so; a number then a bracketed one (2(3)) is the parser's to refuse."""
        tail = bracketed_tail(judged)
        if tail is None:
            return judged
        head, number, marked = tail
        if not marked:
            try:
                tree = parse(head).tree
            except AnswerError:
                return judged
            value = number_value(tree)
            approximate = float(number.replace(",", ".").replace("−", "-"))
            digits = len(number.replace(",", ".").partition(".")[2])
            if value is None:
                return judged
            if not abs(value - approximate) <= max(0.5 * 10.0**-digits, 0.01 * abs(value)):
                if isinstance(tree, Number) or (isinstance(tree, Neg) and isinstance(tree.operand, Number)):
                    return judged
                raise AnswerSyntaxError("approximation_mismatch", None, number=number,
                                        exact=printable(head.strip(), MAX_QUOTED))
            self.notes.append(Note("approximation", (("number", number),)))
        return head

    def parse(self, text: str, offset: int) -> Node:
        parsed = _parse_at(text, offset, frozenset(self.definitions))
        self.notes += parsed.notes
        return parsed.tree

    def expand(self, tree: Node) -> Node:
        """``tree`` with the defined names and the updated symbol's current value written in."""
        definitions, target, current = self.definitions, self.updates, self.current
        if not definitions and current is None:
            return tree

        def substituted(n: Node) -> Node:
            if isinstance(n, Symbol):
                if n.name.startswith("="):
                    return definitions[n.name[1:]]
                if current is not None and n.name == target:
                    return current
            return n

        return _bounded(rebuild(tree, substituted))

    def in_place(self, statement: Statement, update: re.Match[str]) -> Node:
        """``θ -= e`` is θ − (e), with θ's current value; the operator's column is in ``update``."""
        op = update.group(2).replace("−", "-")
        column = statement.offset + update.start(2) + 1
        target = statement.text[: update.start(2)].strip()
        if self.updates is None:
            raise AnswerSyntaxError("in_place", column, op=op)
        if target and not self._names_target(target):
            raise AnswerSyntaxError("update_target", statement.offset + 1, name=target,
                                    target=names.display(self.updates))
        judged, offset = judged_part(statement.text[update.end() :])
        change = self.parse(judged, statement.offset + update.end() + offset)
        self.current = self.expand(BinOp(op, Symbol(self.updates), change))
        shown = {"-": "−", "*": "·"}.get(op, op)
        self.notes.append(Note("update", (("op", op), ("shown", shown), ("name", names.display(self.updates)))))
        return self.current

    def define(self, statement: Statement) -> Node:
        match = _DEFINITION.match(statement.text)
        if match is None:
            raise AnswerSyntaxError("definition_needed", statement.offset + 1)
        key = definition_key(match.group(1))
        if key in self.definitions or _names_a_symbol(match.group(1), self.reserved):
            raise AnswerSyntaxError("redefined", statement.offset + match.start(1) + 1, name=match.group(1))
        body = self.parse(statement.text[match.end() :], statement.offset + match.end())
        self.definitions[key] = self.expand(body)
        return self.definitions[key]

    def _names_target(self, text: str) -> bool:
        """True if ``text`` names the updated symbol (θ, theta_t, θ_{t+1}, \\theta_t)."""
        if self.updates is None or len(text) > 40:
            return False
        try:
            tree = parse(text).tree
        except AnswerError:
            return False
        return isinstance(tree, Symbol) and tree.name == self.updates


def _first_equals(text: str) -> int | None:
    """The position of the first top-level ``=`` of an assignment (not ``==``, ``<=``, ``-=`` …)."""
    depth = 0
    for i, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(depth - 1, 0)
        elif char == "=" and depth == 0:
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if before not in "=<>!-−+*/" and after != "=":
                return i
    return None


def _bounded(tree: Node) -> Node:
    """``tree`` if written out it stays small; counted over shared subtrees once each (linear time)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(tree, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        if done:
            sizes[id(node)] = 1 + sum(sizes[id(c)] for c in children(node))
            if sizes[id(node)] > MAX_EXPANDED_NODES:
                raise AnswerLimitError("too_complex", None, limit=MAX_TREE_DEPTH)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children(node))
    return tree


def _names_a_symbol(name: str, reserved: frozenset[str]) -> bool:
    """True if ``name`` already means one of the item's symbols (x = … would change the question)."""
    try:
        tree = parse(name).tree
    except AnswerError:
        return False
    return isinstance(tree, Symbol) and tree.name in reserved


def _parse_at(text: str, offset: int, defined: frozenset[str]) -> Parsed:
    try:
        return parse(text, defined)
    except AnswerError as err:
        if err.column is not None:
            err.column += offset
        raise
