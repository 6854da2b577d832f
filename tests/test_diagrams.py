"""The generated network diagram (question 4) and the ```dltutor directives that embed it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tutor.content.directives import expand_directives
from tutor.content.lint import check_directives, lint_course
from tutor.content.loader import content_root, load_course
from tutor.diagrams import MAX_DRAWN_NODES, network_diagram, parameter_counts

BOX = set("─│┌┐└┘├┤┬┴┼")
# Every character the node-and-wire part of a drawing may use.
CANVAS_CHARS = BOX | set(" ▶⋮()σxyWb×0123456789₀₁₂₃₄₅₆₇₈₉")
SUB = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")


def canvas(drawing: str) -> list[str]:
    """The node-and-wire rows: between the header and the parameter table."""
    blocks = drawing.split("\n\n")
    assert len(blocks) == 3, drawing
    return blocks[1].split("\n")


def columns_of(rows: list[str], pattern: str) -> dict[int, list[int]]:
    """Start column → the rows where a node matching ``pattern`` starts."""
    found: dict[int, list[int]] = {}
    for r, line in enumerate(rows):
        for m in re.finditer(pattern, line):
            found.setdefault(m.start(), []).append(r)
    return found


def independent_total(sizes: list[int]) -> int:
    return sum(sizes[i] * sizes[i - 1] + sizes[i] for i in range(1, len(sizes)))


# -- question 4 ---------------------------------------------------------------


def test_q4_node_counts_read_back_from_the_drawing() -> None:
    rows = canvas(network_diagram([3, 5, 2, 4]))
    inputs = columns_of(rows, r"\(x[₀-₉]+\)")
    hidden = columns_of(rows, r"\(σ\)")
    outputs = columns_of(rows, r"\(y[₀-₉]+\)")
    assert [len(r) for r in inputs.values()] == [3]
    assert [len(hidden[c]) for c in sorted(hidden)] == [5, 2]
    assert [len(r) for r in outputs.values()] == [4]
    # columns run left to right in layer order
    assert max(inputs) < min(hidden) < max(hidden) < min(outputs)
    # nodes are numbered 1…n down each column
    labels = [m.translate(SUB) for line in rows for m in re.findall(r"x([₀-₉]+)", line)]
    assert labels == ["1", "2", "3"]
    labels = [m.translate(SUB) for line in rows for m in re.findall(r"\(y([₀-₉]+)", line)]
    assert labels == ["1", "2", "3", "4"]


def test_q4_parameter_total_is_44() -> None:
    drawing = network_diagram([3, 5, 2, 4])
    assert independent_total([3, 5, 2, 4]) == 44
    total_line = next(line for line in drawing.splitlines() if line.startswith("total"))
    assert total_line.split()[-1] == "44"
    assert sum(w + b for w, b in parameter_counts([3, 5, 2, 4])) == 44


def test_q4_per_layer_counts_and_shapes() -> None:
    drawing = network_diagram([3, 5, 2, 4])
    table = drawing.split("\n\n")[2].splitlines()
    rows = [line.split() for line in table[1:4]]
    # layer k: "k  Wₖ out×in = w  bₖ out  w+b"
    assert [(r[0], r[2], r[4], r[6], r[7]) for r in rows] == [
        ("1", "5×3", "15", "5", "20"),
        ("2", "2×5", "10", "2", "12"),
        ("3", "4×2", "8", "4", "12"),
    ]
    for label in ("W₁ 5×3", "W₂ 2×5", "W₃ 4×2", "b₁ 5", "b₂ 2", "b₃ 4"):
        assert label in "\n".join(canvas(drawing))


def test_q4_fits_78_columns_in_both_languages() -> None:
    for lang in ("en", "ru"):
        drawing = network_diagram([3, 5, 2, 4], lang=lang)
        assert max(len(line) for line in drawing.splitlines()) <= 78


def test_q4_uses_only_expected_characters() -> None:
    drawing = network_diagram([3, 5, 2, 4])
    for line in canvas(drawing):
        assert set(line) <= CANVAS_CHARS, set(line) - CANVAS_CHARS
    assert not set(drawing) & set("\t\r\\{}$")
    assert all(line == line.rstrip() for line in drawing.splitlines())


def test_q4_header_names_layers_and_vectors() -> None:
    header = network_diagram([3, 5, 2, 4]).split("\n\n")[0]
    names, vectors = header.splitlines()
    assert names.split() == ["input", "hidden", "1", "hidden", "2", "output"]
    for v in ("x ∈ ℝ³", "h₁ ∈ ℝ⁵", "h₂ ∈ ℝ²", "y ∈ ℝ⁴"):
        assert v in vectors


def test_q4_in_russian() -> None:
    drawing = network_diagram([3, 5, 2, 4], lang="ru")
    assert drawing.splitlines()[0].split() == ["вход", "скрытый", "1", "скрытый", "2", "выход"]
    assert next(line for line in drawing.splitlines() if line.startswith("всего")).endswith(" 44")
    assert canvas(drawing) == canvas(network_diagram([3, 5, 2, 4], lang="en"))


def test_every_node_is_wired_to_a_bracket() -> None:
    rows = canvas(network_diagram([3, 5, 2, 4]))
    for r, line in enumerate(rows):
        for m in re.finditer(r"\((?:x[₀-₉]+|σ)\)", line):
            rest = line[m.end() :]
            wire = re.match(r"─+", rest)
            assert wire, (r, line)
            assert rest[wire.end()] in "┐┤┘┼┬┴", (r, line)
        for m in re.finditer(r"\((?:σ|y[₀-₉]+)\)", line):
            before = line[: m.start()]
            assert before.endswith("─") and before.rstrip("─")[-1] in "┌├└┼┬┴▶", (r, line)


def test_brackets_are_unbroken_and_buses_point_right() -> None:
    rows = canvas(network_diagram([3, 5, 2, 4]))
    width = max(len(line) for line in rows)
    grid = [line.ljust(width) for line in rows]
    for c in range(width):
        column = "".join(line[c] for line in grid)
        if set(column) & (BOX - {"─"}):
            run = column.strip(" ")
            # a bracket is one vertical run: corners at the ends, no gaps inside
            assert " " not in run, (c, column)
            assert run[0] in "┌┐─" and run[-1] in "└┘─", (c, column)
    centre = len(rows) // 2
    assert rows[centre].count("▶") == 3


@pytest.mark.parametrize(
    "sizes", [[2, 3, 1], [4, 4], [1, 1], [1, 5, 1], [3, 1, 3], [6, 2, 7, 1], [10, 10]]
)
def test_other_sizes(sizes: list[int]) -> None:
    drawing = network_diagram(sizes)
    rows = canvas(drawing)
    assert len(rows) == max(2 * min(max(sizes), MAX_DRAWN_NODES) - 1, 3)
    found = {**columns_of(rows, r"\(x"), **columns_of(rows, r"\(σ\)"), **columns_of(rows, r"\(y")}
    counts = [len(found[c]) for c in sorted(found)]
    expected = [min(n, MAX_DRAWN_NODES) if n <= MAX_DRAWN_NODES else 6 for n in sizes]
    assert counts == expected
    assert drawing.splitlines()[-2].split()[-1] == str(independent_total(sizes))
    assert drawing.count("▶") == len(sizes) - 1
    for line in rows:
        assert set(line) <= CANVAS_CHARS


def test_wide_layers_are_capped_with_vertical_ellipsis() -> None:
    drawing = network_diagram([784, 128, 10])
    rows = canvas(drawing)
    assert len(rows) == 2 * MAX_DRAWN_NODES - 1
    assert sum(line.count("⋮") for line in rows) == 3
    text = "\n".join(rows)
    for label in ("(x₁)", "(x₃)", "(x₇₈₂)", "(x₇₈₄)", "(y₁₀)", "W₁ 128×784", "b₁ 128"):
        assert label in text
    assert "(x₄)" not in text and "(x₇₈₁)" not in text
    assert drawing.splitlines()[-2].split()[-1] == str(independent_total([784, 128, 10]))
    assert max(len(line) for line in drawing.splitlines()) <= 78


def test_a_layer_of_one_node() -> None:
    rows = canvas(network_diagram([3, 1, 2]))
    assert sum(line.count("(σ)") for line in rows) == 1
    centre = len(rows) // 2
    assert "(σ)" in rows[centre]


def test_is_a_pure_function_of_the_sizes() -> None:
    assert network_diagram([3, 5, 2, 4]) == network_diagram((3, 5, 2, 4))
    assert network_diagram([3, 5, 2, 4]) == network_diagram([3, 5, 2, 4])
    assert network_diagram([3, 5, 2, 4]) != network_diagram([3, 5, 3, 4])


@pytest.mark.parametrize("sizes", [[], [3], [3, 0], [3, -1, 2], [0, 4], [3, 2.5], [3, True]])
def test_rejects_bad_sizes(sizes: list[object]) -> None:
    with pytest.raises(ValueError):
        network_diagram(sizes)  # type: ignore[arg-type]


# -- directives -------------------------------------------------------------------


def test_network_directive_becomes_a_plain_fence() -> None:
    md = "Before.\n\n```dltutor\nnetwork 3 5 2 4\n```\n\nAfter.\n"
    expected = "Before.\n\n```\n" + network_diagram([3, 5, 2, 4]) + "\n```\n\nAfter.\n"
    assert expand_directives(md) == expected


def test_directive_language_is_passed_on() -> None:
    md = "~~~ dltutor\nnetwork 2 3 1\n~~~"
    assert expand_directives(md, "ru") == "```\n" + network_diagram([2, 3, 1], lang="ru") + "\n```"


def test_directive_keeps_list_indentation() -> None:
    out = expand_directives("- item\n\n  ```dltutor\n  network 1 1\n  ```\n")
    body = out.split("\n")[2:-1]
    assert body[0] == "  ```" and body[-1] == "  ```"
    assert all(line == "" or line.startswith("  ") for line in body)


def test_text_without_directives_is_unchanged() -> None:
    md = "# T\n\n```python\nnetwork 3 5\n```\n\n````md\n```dltutor\nbogus\n```\n````\n$x$\n"
    assert expand_directives(md) == md


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("histogram 1 2", "unknown dltutor directive 'histogram'"),
        ("network", "network needs two or more whole layer sizes"),
        ("network 3", "network needs two or more"),
        ("network 3 x 2", "network needs two or more"),
        ("network 3 -1", "network needs two or more"),
        ("network 3 0", "at least 1"),
        ("", "empty dltutor block"),
    ],
)
def test_bad_directives_raise(body: str, message: str) -> None:
    with pytest.raises(ValueError) as info:
        expand_directives(f"```dltutor\n{body}\n```\n")
    assert message in str(info.value)


def test_unclosed_directive_raises() -> None:
    with pytest.raises(ValueError, match="never closed"):
        expand_directives("```dltutor\nnetwork 3 5\n")


def test_question_4_solution_embeds_the_generated_diagram() -> None:
    q4 = load_course(cached=False).question(4)
    assert q4 is not None
    for lang in ("en", "ru"):
        expanded = "\n".join(expand_directives(s.body, lang) for s in q4.steps[lang])
        assert network_diagram([3, 5, 2, 4], lang=lang) in expanded


def test_lint_passes_on_the_real_content() -> None:
    assert check_directives(load_course(cached=False)) == []


def test_lint_reports_a_bad_directive(tmp_path: Path) -> None:
    shutil.copytree(content_root() / "01-derivatives", tmp_path / "01-derivatives")
    solution = tmp_path / "01-derivatives" / "solution.en.md"
    solution.write_text(solution.read_text() + "\n```dltutor\nnetwrok 3 5\n```\n")
    problems, _ = lint_course(tmp_path)
    assert len(problems) == 1
    assert "01-derivatives/solution.en.md: the dltutor block at line" in problems[0]  # the loader refuses it
    assert "unknown dltutor directive 'netwrok'" in problems[0]
