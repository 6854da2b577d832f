"""Answers in several statements: ``h1 = σ(W1 x + b1); h2 = σ(W2 h1 + b2); y = W3 h2 + b3``.

Students often name the intermediate layers. Each statement but the last defines a
new name; the last is the answer. Definitions are substituted into the answer as
trees, so the checker still judges one formula and the echo shows it whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tutor.answers.equation import judged_part
from tutor.answers.errors import AnswerError, AnswerLimitError, AnswerSyntaxError
from tutor.answers.parser import MAX_TREE_DEPTH, Note, Parsed, parse
from tutor.answers.tokens import definition_key
from tutor.answers.tree import Node, Symbol, children, depth, rebuild

MAX_DEFINITIONS = 5
#: nodes of the answer once every name is written out; h2 = h1 + h1 + … would otherwise double each line
MAX_EXPANDED_NODES = 4000
#: the defined name: letters, then digits or a subscript (h1, h_1, h_{1}, h₁, a2, z). The letters are
#: taken whole, as an atomic group would (``(?=(…))\2``, Python 3.10 has no ``(?>…)``): letters and
#: ``\w`` overlap, and letting them share a long run out would cost time quadratic in its length.
_DEFINITION = re.compile(r"\s*((?=([^\W\d_]+))\2(?:_?\{?\w+\}?)?)\s*=(?!=)")


@dataclass(frozen=True)
class Statement:
    text: str
    offset: int


def split_statements(text: str) -> list[Statement]:
    """The non-empty statements of ``text``, split at top-level ``;`` and line breaks."""
    statements: list[Statement] = []
    depth, start = 0, 0
    for i, char in enumerate(text + ";"):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(depth - 1, 0)
        elif char in ";\n" and depth == 0:
            if text[start:i].strip():
                statements.append(Statement(text[start:i], start))
            start = i + 1
    return statements or [Statement(text, 0)]


def parse_statements(text: str, reserved: frozenset[str] = frozenset()) -> tuple[Parsed, bool]:
    """The answer with its definitions substituted, and whether a left-hand side was dropped.

    A single statement is judged as before (its ``lhs =`` dropped). ``reserved``: the
    item's own names, which a definition may not take. Raises AnswerError with columns
    counted from the start of ``text``.
    """
    statements = split_statements(text)
    if ";" not in text and not _DEFINITION.match(statements[0].text):
        statements = [Statement(text, 0)]  # a formula pasted over several lines
    if len(statements) == 1:
        judged, offset = judged_part(statements[0].text)
        return _parse_at(judged, statements[0].offset + offset, frozenset()), offset > 0
    if len(statements) > MAX_DEFINITIONS + 1:
        raise AnswerLimitError("too_many_statements", None, limit=MAX_DEFINITIONS + 1)
    definitions: dict[str, Node] = {}
    notes: list[Note] = []
    for statement in statements[:-1]:
        match = _DEFINITION.match(statement.text)
        if match is None:
            raise AnswerSyntaxError("definition_needed", statement.offset + 1)
        key = definition_key(match.group(1))
        if key in definitions or _names_a_symbol(match.group(1), reserved):
            raise AnswerSyntaxError("redefined", statement.offset + match.start(1) + 1, name=match.group(1))
        body = statement.text[match.end() :]
        parsed = _parse_at(body, statement.offset + match.end(), frozenset(definitions))
        definitions[key] = _bounded(_substitute(parsed.tree, definitions))
        notes += parsed.notes
    last = statements[-1]
    judged, offset = judged_part(last.text)
    parsed = _parse_at(judged, last.offset + offset, frozenset(definitions))
    tree = _bounded(_substitute(parsed.tree, definitions))
    if depth(tree) > MAX_TREE_DEPTH:
        raise AnswerLimitError("too_complex", None, limit=MAX_TREE_DEPTH)
    shown = ", ".join(definitions)
    notes = [Note("substituted", (("names", shown),)), *notes, *parsed.notes]
    return Parsed(tree, tuple(dict.fromkeys(notes))), False


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


def _substitute(node: Node, definitions: dict[str, Node]) -> Node:
    """``node`` with every defined name replaced by its definition (already substituted)."""
    return rebuild(
        node,
        lambda n: definitions[n.name[1:]] if isinstance(n, Symbol) and n.name.startswith("=") else n,
    )
