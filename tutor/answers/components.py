"""Component-index notation: ``ŷᵢ(1 − ŷᵢ)`` is the elementwise product ŷ ⊙ (1 − ŷ).

Students write one component of a vector formula with its index; the lexer drops the
index from the name (``ŷ_i`` is ŷ) but keeps it on the symbol. A product in which
every vector on both sides carries one and the same index is a product of components,
that is, elementwise; a product where some vector has no index, or the indices
differ (``ŷᵢŷⱼ``, an outer product), keeps its usual reading.
"""

from __future__ import annotations

from collections.abc import Mapping

from tutor.answers.shapes import SCALAR, Shape, is_vector
from tutor.answers.tree import BinOp, Call, Neg, Node, Symbol, Transpose, Vector, walk

#: functions that reduce a vector to a number: an index inside them is summed or maximised over
REDUCING = frozenset({"sum", "max", "logsumexp"})


def componentwise(tree: Node, env: Mapping[str, Shape]) -> tuple[Node, str | None]:
    """``tree`` with products of indexed components made elementwise, and the index (None: unchanged)."""
    if not any(isinstance(node, Symbol) and node.index for node in walk(tree)):
        return tree, None
    found: list[str] = []
    node, _, _ = _visit(tree, env, found)
    return (node, found[0]) if found else (tree, None)


def _visit(node: Node, env: Mapping[str, Shape], found: list[str]) -> tuple[Node, frozenset[str], bool]:
    """(the node rewritten, the indices its vectors carry, whether some vector in it carries none).

    Recursive like :func:`tree.rebuild`: trees are at most 200 levels deep.
    """
    if isinstance(node, Symbol):
        vector = is_vector(env.get(node.name, SCALAR))
        return node, frozenset({node.index}) if vector and node.index else frozenset(), vector and not node.index
    if isinstance(node, BinOp):
        left, left_indices, left_bare = _visit(node.left, env, found)
        right, right_indices, right_bare = _visit(node.right, env, found)
        op = node.op
        if (op == "*" and len(left_indices) == 1 and left_indices == right_indices
                and not left_bare and not right_bare):
            op = "⊙"
            found.append(next(iter(left_indices)))
        return BinOp(op, left, right), left_indices | right_indices, left_bare or right_bare
    if isinstance(node, Call):
        arg, indices, bare = _visit(node.arg, env, found)
        if node.func in REDUCING:
            return Call(node.func, arg), frozenset(), False  # Σⱼ e^{zⱼ}: a number
        return Call(node.func, arg), indices, bare
    if isinstance(node, Neg):
        operand, indices, bare = _visit(node.operand, env, found)
        return Neg(operand), indices, bare
    if isinstance(node, Transpose):
        operand, indices, bare = _visit(node.operand, env, found)
        return Transpose(operand), indices, bare
    if isinstance(node, Vector):
        return Vector(tuple(_visit(entry, env, found)[0] for entry in node.entries)), frozenset(), False
    return node, frozenset(), False
