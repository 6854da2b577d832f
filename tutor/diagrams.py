"""Terminal drawings generated from data (question 4: "draw this network").

A fully connected network drawn all-to-all is unreadable at terminal size, so
each layer is a column of nodes and consecutive columns are joined by a
connector band: every node feeds a bracket, the bracket a labelled bus
(``W₁ 5×3`` above it, ``b₁ 5`` below), the bus every node of the next column.
The drawing is a pure function of the layer sizes.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from tutor.i18n import t

__all__ = ["MAX_DRAWN_NODES", "network_diagram", "parameter_counts"]

#: Nodes drawn per column; a wider layer shows its first and last three around ⋮.
MAX_DRAWN_NODES = 7
_SHOWN_AT_EACH_END = 3

_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")

# (up, down, left, right) → the box-drawing character joining those directions.
_JOINS = {
    (False, False, True, True): "─",
    (True, True, False, False): "│",
    (False, True, True, False): "┐",
    (True, False, True, False): "┘",
    (True, True, True, False): "┤",
    (False, True, False, True): "┌",
    (True, False, False, True): "└",
    (True, True, False, True): "├",
    (False, True, True, True): "┬",
    (True, False, True, True): "┴",
    (True, True, True, True): "┼",
}


def _sub(n: int) -> str:
    return str(n).translate(_SUBSCRIPT)


def _sup(n: int) -> str:
    return str(n).translate(_SUPERSCRIPT)


def parameter_counts(sizes: Sequence[int]) -> list[tuple[int, int]]:
    """(weights, biases) of each layer: Wᵢ has nᵢ·nᵢ₋₁ entries, bᵢ has nᵢ."""
    _validate(sizes)
    return [(n_out * n_in, n_out) for n_in, n_out in itertools.pairwise(sizes)]


def _validate(sizes: Sequence[int]) -> None:
    if len(sizes) < 2:
        raise ValueError("a network needs an input size and at least one layer, e.g. [3, 5, 2, 4]")
    for size in sizes:
        if isinstance(size, bool) or not isinstance(size, int):
            raise ValueError(f"layer sizes must be whole numbers, not {size!r}")
        if size < 1:
            raise ValueError(f"layer sizes must be at least 1, not {size}")


def _node_labels(size: int, role: str) -> list[str | None]:
    """What each drawn row of a column says; None is the ⋮ standing for hidden nodes."""

    def label(i: int) -> str:
        if role == "input":
            return f"(x{_sub(i)})"
        if role == "output":
            return f"(y{_sub(i)})"
        return "(σ)"

    if size <= MAX_DRAWN_NODES:
        return [label(i) for i in range(1, size + 1)]
    head = [label(i) for i in range(1, _SHOWN_AT_EACH_END + 1)]
    tail = [label(i) for i in range(size - _SHOWN_AT_EACH_END + 1, size + 1)]
    return [*head, None, *tail]


class _Canvas:
    """A grid of single-width characters, grown on demand."""

    def __init__(self, height: int) -> None:
        self.rows: list[list[str]] = [[] for _ in range(height)]

    def put(self, row: int, col: int, text: str) -> None:
        line = self.rows[row]
        if len(line) < col + len(text):
            line.extend(" " * (col + len(text) - len(line)))
        line[col : col + len(text)] = list(text)

    def lines(self) -> list[str]:
        return ["".join(line).rstrip() for line in self.rows]


def _bracket(rows: list[int], centre: int, *, to_right: bool) -> dict[int, str]:
    """The vertical bar joining node rows to the bus on ``centre``.

    ``to_right`` is the collecting bracket (nodes on its left, bus to its right);
    otherwise the bus comes from the left and the nodes are on the right.
    """
    top, bottom = min([*rows, centre]), max([*rows, centre])
    chars = {}
    for r in range(top, bottom + 1):
        at_node, at_bus = r in rows, r == centre
        left = at_node if to_right else at_bus
        right = at_bus if to_right else at_node
        chars[r] = _JOINS[(r > top, r < bottom, left, right)]
    return chars


def _place_centred(line: list[tuple[int, str]], width_hint: int) -> str:
    """Texts centred on given columns, shifted right where they would touch."""
    out = ""
    for centre, text in line:
        start = max(centre - len(text) // 2, len(out) + 2 if out else 0)
        out += " " * (start - len(out)) + text
    return out.ljust(width_hint).rstrip()


def network_diagram(sizes: Sequence[int], *, lang: str = "en") -> str:
    """The fully connected network with these layer sizes, drawn with box characters.

    ``sizes[0]`` is the input dimension; every later entry is a layer (hidden
    layers with σ, the last one the output).  Raises ValueError for fewer than
    two sizes or a size below 1.
    """
    _validate(sizes)
    last = len(sizes) - 1
    roles = ["input", *["hidden"] * (last - 1), "output"]
    columns = [_node_labels(n, role) for n, role in zip(sizes, roles, strict=True)]
    tallest = max(len(c) for c in columns)
    height = max(2 * tallest - 1, 3)
    centre = height // 2

    def rows_of(column: list[str | None]) -> list[int]:
        top = centre - (len(column) - 1)
        return [top + 2 * k for k in range(len(column))]

    canvas = _Canvas(height)
    centres: list[int] = []
    x = 0
    for j, column in enumerate(columns):
        width = max(len(label or "") for label in column)
        for r, label in zip(rows_of(column), column, strict=True):
            if label is None:
                canvas.put(r, x + (width - 1) // 2, "⋮")
            else:  # a short label's wire runs on to the bracket
                canvas.put(r, x, label.ljust(width, "─" if j < last else " "))
        centres.append(x + width // 2)
        x += width
        if j == last:
            break
        n_in, n_out = sizes[j], sizes[j + 1]
        weight = f"W{_sub(j + 1)} {n_out}×{n_in}"
        bias = f"b{_sub(j + 1)} {n_out}"
        inner = max(len(weight), len(bias)) + 2
        left_nodes = [r for r, lab in zip(rows_of(column), column, strict=True) if lab]
        right_nodes = [
            r for r, lab in zip(rows_of(columns[j + 1]), columns[j + 1], strict=True) if lab
        ]
        for r in left_nodes:
            canvas.put(r, x, "─")
        for r, ch in _bracket(left_nodes, centre, to_right=True).items():
            canvas.put(r, x + 1, ch)
        canvas.put(centre, x + 2, "─" * (inner - 1) + "▶")
        canvas.put(centre - 1, x + 2 + (inner - len(weight)) // 2, weight)
        canvas.put(centre + 1, x + 2 + (inner - len(bias)) // 2, bias)
        for r, ch in _bracket(right_nodes, centre, to_right=False).items():
            canvas.put(r, x + 2 + inner, ch)
        for r in right_nodes:
            canvas.put(r, x + 3 + inner, "─")
        x += inner + 4

    names = [
        t("diagram.input", lang),
        *(t("diagram.hidden", lang, n=k) for k in range(1, last)),
        t("diagram.output", lang),
    ]
    vectors = [f"x ∈ ℝ{_sup(sizes[0])}"]
    vectors += [f"h{_sub(k)} ∈ ℝ{_sup(sizes[k])}" for k in range(1, last)]
    vectors.append(f"y ∈ ℝ{_sup(sizes[last])}")
    header = [
        _place_centred(list(zip(centres, names, strict=True)), 0),
        _place_centred(list(zip(centres, vectors, strict=True)), 0),
    ]
    return "\n".join([*header, "", *canvas.lines(), "", *_parameter_table(sizes, lang)])


def _parameter_table(sizes: Sequence[int], lang: str) -> list[str]:
    """Per-layer weights and biases and the total, as aligned text."""
    counts = parameter_counts(sizes)
    cells = [
        (
            str(k),
            f"W{_sub(k)} {sizes[k]}×{sizes[k - 1]} = {w}",
            f"b{_sub(k)} {b}",
            str(w + b),
        )
        for k, (w, b) in enumerate(counts, start=1)
    ]
    head = (t("diagram.layer", lang), "W", "b", t("diagram.params", lang))
    total = sum(w + b for w, b in counts)
    widths = [max(len(row[i]) for row in [head, *cells]) for i in range(3)]

    def line(row: tuple[str, str, str, str]) -> str:
        return "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3]

    foot = t("diagram.total", lang).ljust(sum(widths) + 4) + "  " + str(total)
    return [line(head), *(line(row) for row in cells), foot, t("diagram.legend", lang)]
