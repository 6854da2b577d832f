"""Every number that questions 1–4 state, recomputed independently with numpy.

Where practical the number is read out of the content files themselves (both
languages), so that the text and the check cannot drift apart.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

CONTENT = Path(__file__).resolve().parent.parent / "content"
LANGS = ("ru", "en")
FOLDERS = {1: "01-derivatives", 2: "02-activations", 3: "03-losses", 4: "04-fully-connected"}
MATH_RE = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.S)
SCI_RE = re.compile(r"^(-?\d+(?:\.\d+)?)\s*\\cdot\s*10\^\{(-?\d+)\}$")


def text(number: int, kind: str, lang: str) -> str:
    return (CONTENT / FOLDERS[number] / f"{kind}.{lang}.md").read_text(encoding="utf-8")


def parse_number(cell: str) -> tuple[float, float]:
    """A stated value and half a unit of its last digit: the rounding it allows.

    Accepts ``0.07065``, ``$-0.3419$``, ``$1.816 \\cdot 10^{-4}$``, ``−0.1``.
    """
    cell = cell.strip().strip("$").strip().replace("−", "-")
    scale = 1.0
    sci = SCI_RE.match(cell)
    if sci:
        cell, scale = sci.group(1), 10.0 ** int(sci.group(2))
    decimals = len(cell.split(".")[1]) if "." in cell else 0
    return float(cell) * scale, 0.5 * 10.0**-decimals * scale


def assert_stated(stated: str, true: float) -> None:
    value, half_unit = parse_number(stated)
    assert abs(value - true) <= half_unit * (1 + 1e-9), f"stated {stated}, true {true!r}"


def table_rows(markdown: str, first_header: str) -> list[list[str]]:
    """Body rows of the markdown table whose first header cell is ``first_header``."""
    rows: list[list[str]] = []
    inside = False
    for line in markdown.splitlines():
        if not line.startswith("|"):
            if inside:
                break
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not inside:
            inside = cells[0] == first_header
            continue
        if set(cells[0]) <= set("-: "):
            continue
        rows.append(cells)
    assert rows, f"no table starting with {first_header!r}"
    return rows


def finite_difference_jacobian(
    f: Callable[[np.ndarray], np.ndarray], x: np.ndarray, h: float = 1e-6
) -> np.ndarray:
    """Central differences: column j is (f(x + h e_j) − f(x − h e_j)) / 2h."""
    columns = []
    for j in range(x.size):
        e = np.zeros_like(x)
        e[j] = h
        columns.append((np.atleast_1d(f(x + e)) - np.atleast_1d(f(x - e))) / (2 * h))
    return np.stack(columns, axis=1)


# ---------------------------------------------------------------- both languages


@pytest.mark.parametrize("number", sorted(FOLDERS))
def test_ru_and_en_solutions_state_the_same_formulas(number: int) -> None:
    """Every formula (and so every number in one) appears in both languages."""

    def formulas(lang: str) -> Counter[str]:
        found = MATH_RE.finditer(text(number, "solution", lang))
        return Counter((m.group(1) or m.group(2)).strip().rstrip(".,;").strip() for m in found)

    assert formulas("ru") == formulas("en")


@pytest.mark.parametrize("number", sorted(FOLDERS))
def test_ru_and_en_questions_state_the_same_formulas(number: int) -> None:
    def formulas(lang: str) -> list[str]:
        return [m.group(0) for m in MATH_RE.finditer(text(number, "question", lang))]

    assert formulas("ru") == formulas("en")


# ---------------------------------------------------------------- question 1


def test_jacobian_of_identity_map_is_identity_matrix() -> None:
    rng = np.random.default_rng(1)
    for n in (1, 3, 7):
        x = rng.normal(size=n)
        np.testing.assert_allclose(finite_difference_jacobian(lambda v: v, x), np.eye(n), atol=1e-8)


def test_gradient_of_xtx_is_2x() -> None:
    rng = np.random.default_rng(2)
    for n in (1, 4, 9):
        x = rng.normal(size=n)
        row = finite_difference_jacobian(lambda v: np.array([v @ v]), x)
        assert row.shape == (1, n)  # numerator layout: a Jacobian row, 2xᵀ
        np.testing.assert_allclose(row[0], 2 * x, rtol=1e-6, atol=1e-8)


def test_quadratic_form_rule_reduces_to_2x() -> None:
    rng = np.random.default_rng(3)
    a, x = rng.normal(size=(5, 5)), rng.normal(size=5)
    numeric = finite_difference_jacobian(lambda v: np.array([v @ a @ v]), x)[0]
    np.testing.assert_allclose(numeric, (a + a.T) @ x, rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("lang", LANGS)
def test_q1_worked_example(lang: str) -> None:
    solution = text(1, "solution", lang)
    x = np.array([1.0, 2.0, 3.0])
    assert "$x = (1, 2, 3)$" in solution
    assert f"$g(x) = {int(x @ x)}$" in solution
    grad = finite_difference_jacobian(lambda v: np.array([v @ v]), x)[0]
    assert "$\\nabla_x g = (2, 4, 6)$" in solution
    np.testing.assert_allclose(grad, [2, 4, 6], rtol=1e-7)


# ---------------------------------------------------------------- question 2


def tanh_prime(z: np.ndarray | float) -> np.ndarray | float:
    return 1.0 / np.cosh(z) ** 2


def test_tanh_derivative_identities() -> None:
    z = np.linspace(-8, 8, 801)
    sech2 = 1.0 / np.cosh(z) ** 2
    np.testing.assert_allclose(1 - np.tanh(z) ** 2, sech2, atol=1e-15)
    h = 1e-5
    central = (np.tanh(z + h) - np.tanh(z - h)) / (2 * h)
    np.testing.assert_allclose(central, sech2, atol=1e-9)
    # quotient rule on sinh/cosh, written out with numpy's own sinh and cosh
    quotient = (np.cosh(z) * np.cosh(z) - np.sinh(z) * np.sinh(z)) / np.cosh(z) ** 2
    np.testing.assert_allclose(quotient, sech2, rtol=1e-9)
    assert np.all(sech2 <= 1.0) and sech2[400] == 1.0  # the maximum 1 sits at z = 0
    np.testing.assert_allclose(sech2, sech2[::-1])  # even


@pytest.mark.parametrize("lang", LANGS)
def test_tanh_table(lang: str) -> None:
    rows = table_rows(text(2, "solution", lang), "$z$")
    assert [int(r[0]) for r in rows] == [0, 1, 2, 3, 5, 10]
    for z_cell, tanh_cell, prime_cell in rows:
        z = float(z_cell)
        assert_stated(tanh_cell, math.tanh(z))
        assert_stated(
            prime_cell, 1 - math.tanh(z) ** 2 if z < 5 else 4 / (math.exp(z) + math.exp(-z)) ** 2
        )


def test_tanh_table_significant_figures() -> None:
    """The tiny values at z = 5 and 10 are stated to four significant figures."""
    rows = table_rows(text(2, "solution", "en"), "$z$")
    for row in rows[1:]:
        value, half_unit = parse_number(row[2])
        assert half_unit / value <= 5e-4 + 1e-12


def bisect(f: Callable[[float], float], lo: float, hi: float) -> float:
    """Root of a function that changes sign on [lo, hi]: the thresholds found without arccosh."""
    assert f(lo) * f(hi) < 0
    for _ in range(200):
        mid = (lo + hi) / 2
        if f(lo) * f(mid) <= 0:
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


ARCCOSH_RE = re.compile(
    r"\\operatorname\{arccosh\} (10|\\sqrt\{1000\}|\\sqrt\{2\}) \\approx ([\d.]+)"
)
#: argument of arccosh in the text → the level ε with tanh′(z) = ε at the threshold
LEVELS = {"10": 0.01, "\\sqrt{1000}": 0.001, "\\sqrt{2}": 0.5}


@pytest.mark.parametrize("lang", LANGS)
def test_tanh_thresholds(lang: str) -> None:
    solution = text(2, "solution", lang)
    found = dict(ARCCOSH_RE.findall(solution))
    assert set(found) == set(LEVELS)
    for argument, stated in found.items():
        eps = LEVELS[argument]
        root = bisect(lambda z, eps=eps: tanh_prime(z) - eps, 0.0, 20.0)
        assert_stated(stated, root)
        assert root == pytest.approx(math.acosh(1 / math.sqrt(eps)), rel=1e-12)
        assert tanh_prime(root + 1e-6) < eps < tanh_prime(root - 1e-6)
    assert "$\\tanh'(z) < 0.01$" in solution and "$\\tanh'(z) < 0.001$" in solution
    assert "$|z| > \\operatorname{arccosh} 10 \\approx 2.993$" in solution
    assert "$|z| > \\operatorname{arccosh} \\sqrt{1000} \\approx 4.147$" in solution


@pytest.mark.parametrize("lang", LANGS)
def test_tanh_graph_and_vanishing_numbers(lang: str) -> None:
    solution = text(2, "solution", lang)
    stated = {
        r"\tanh 3 \approx ": math.tanh(3),
        r"e^2 \approx ": math.e**2,
        r"0.07065^5 \approx ": 0.07065**5,
        r"0.42^5 \approx ": 0.42**5,
    }
    for prefix, true in stated.items():
        match = re.search(
            re.escape(prefix) + r"(\d+(?:\.\d+)?(?: \\cdot 10\^\{-?\d+\})?)", solution
        )
        assert match, prefix
        assert_stated(match.group(1), true)
    assert "$0.1^5 = 10^{-5}$" in solution and math.isclose(0.1**5, 1e-5)
    assert "$\\tanh'(0) = 1$" in solution and tanh_prime(0.0) == 1.0
    # 0.07065 is tanh′(2) from the table, 0.42 is tanh′(1) rounded
    assert_stated("0.07065", float(tanh_prime(2.0)))
    assert_stated("0.42", float(tanh_prime(1.0)))


def test_tanh_asymptotics_stated_in_the_text() -> None:
    # tanh′ = 4/(e^z + e^−z)² exactly; ≈ 4e^(−2|z|) for large |z|
    z = np.linspace(-30, 30, 121)
    np.testing.assert_allclose(4 / (np.exp(z) + np.exp(-z)) ** 2, tanh_prime(z), rtol=1e-12)
    for big in (5.0, 10.0, -10.0):
        assert 4 * math.exp(-2 * abs(big)) == pytest.approx(tanh_prime(big), rel=1e-3)
    # each further unit step of |z| divides tanh′ by about e² once |z| is large
    for big in (3.0, 5.0, 10.0):
        assert tanh_prime(big) / tanh_prime(big + 1) == pytest.approx(math.e**2, rel=0.01)
    assert "$\\frac{1}{2}$" in text(2, "solution", "en")


def test_vanishing_gradient_through_a_chain_of_tanh_layers() -> None:
    """The Jacobian product in the text, built from per-layer factors, matches finite differences."""
    rng = np.random.default_rng(4)
    weights = [rng.normal(size=(4, 4)) for _ in range(3)]
    biases = [rng.normal(size=4) for _ in range(3)]

    def forward(h: np.ndarray) -> np.ndarray:
        for w, b in zip(weights, biases, strict=True):
            h = np.tanh(w @ h + b)
        return h

    h0 = rng.normal(size=4)
    product, h = np.eye(4), h0
    for w, b in zip(weights, biases, strict=True):
        z = w @ h + b
        product = np.diag(tanh_prime(z)) @ w @ product
        h = np.tanh(z)
    np.testing.assert_allclose(finite_difference_jacobian(forward, h0), product, atol=1e-8)


# ---------------------------------------------------------------- question 3


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


def cross_entropy(z: np.ndarray, p: np.ndarray) -> float:
    y = softmax(z)
    mask = p != 0
    return float(-(p[mask] * np.log(y[mask])).sum())


def soft_label_from_text(lang: str) -> np.ndarray:
    """The 10-class vector p that the solution of 3.2 writes out."""
    match = re.search(r"p = \\left\[ (.+?) \\right\]", text(3, "solution", lang))
    assert match
    fraction = re.compile(r"\\frac\{(\d+)\}\{(\d+)\}")
    values = []
    for cell in match.group(1).split(", "):
        frac = fraction.fullmatch(cell)
        values.append(int(frac.group(1)) / int(frac.group(2)) if frac else float(cell))
    return np.array(values)


@pytest.mark.parametrize("lang", LANGS)
def test_soft_label_has_ten_classes(lang: str) -> None:
    p = soft_label_from_text(lang)
    assert p.shape == (10,)
    assert p.sum() == pytest.approx(1.0)
    assert p[1] == 0.75 and p[7] == 0.25 and np.count_nonzero(p) == 2


def test_softmax_jacobian() -> None:
    rng = np.random.default_rng(5)
    z = rng.normal(size=10)
    y = softmax(z)
    np.testing.assert_allclose(
        finite_difference_jacobian(softmax, z), np.diag(y) - np.outer(y, y), atol=1e-9
    )


def test_ce_gradient_one_hot() -> None:
    rng = np.random.default_rng(6)
    for c in range(10):
        z = rng.normal(scale=2.0, size=10)
        p = np.eye(10)[c]
        numeric = finite_difference_jacobian(lambda v, p=p: np.array([cross_entropy(v, p)]), z)[0]
        np.testing.assert_allclose(numeric, softmax(z) - p, atol=1e-8)
        # the shorter route: CE = −z_c + log Σ exp z_k
        assert cross_entropy(z, p) == pytest.approx(-z[c] + math.log(np.exp(z).sum()), rel=1e-12)


@pytest.mark.parametrize("lang", LANGS)
def test_ce_gradient_soft_label(lang: str) -> None:
    rng = np.random.default_rng(7)
    p = soft_label_from_text(lang)
    for _ in range(5):
        z = rng.normal(scale=2.0, size=10)
        numeric = finite_difference_jacobian(lambda v: np.array([cross_entropy(v, p)]), z)[0]
        np.testing.assert_allclose(numeric, softmax(z) - p, atol=1e-8)


def test_ce_gradient_unnormalised_target_keeps_the_sum() -> None:
    """Why Σp = 1 matters: otherwise the gradient is ŷ·Σp − p."""
    rng = np.random.default_rng(8)
    z, q = rng.normal(size=10), rng.uniform(size=10)
    numeric = finite_difference_jacobian(lambda v: np.array([cross_entropy(v, q)]), z)[0]
    np.testing.assert_allclose(numeric, softmax(z) * q.sum() - q, atol=1e-7)
    assert not np.allclose(numeric, softmax(z) - q, atol=1e-3)


@pytest.mark.parametrize("lang", LANGS)
def test_q3_numeric_example(lang: str) -> None:
    solution = text(3, "solution", lang)
    p = soft_label_from_text(lang)
    rows = table_rows(solution, "$k$")
    z = np.full(10, np.nan)
    for cells in rows:
        for k in (int(s) for s in cells[0].split(", ")):
            z[k] = float(cells[1])
    assert not np.isnan(z).any()  # the table covers all ten classes
    assert "$z_1 = 2$, $z_7 = 1$" in solution
    y = softmax(z)
    for cells in rows:
        for k in (int(s) for s in cells[0].split(", ")):
            assert_stated(cells[2], y[k])
            assert_stated(cells[3], p[k])
            assert_stated(cells[4], y[k] - p[k])
    total = re.search(r"8 \+ e \+ e\^2 \\approx ([\d.]+)", solution)
    assert total and 8 + math.e + math.e**2 == pytest.approx(np.exp(z).sum())
    assert_stated(total.group(1), float(np.exp(z).sum()))
    loss = re.search(r"CE = -0.75 \\log 0.4081 - 0.25 \\log 0.1501 \\approx ([\d.]+)", solution)
    assert loss
    assert_stated(loss.group(1), cross_entropy(z, p))
    # with the one-hot target for class 1, the component of class 7 would be +ŷ₇
    assert "$+0.1501$" in solution
    assert_stated("0.1501", (softmax(z) - np.eye(10)[1])[7])
    numeric = finite_difference_jacobian(lambda v: np.array([cross_entropy(v, p)]), z)[0]
    np.testing.assert_allclose(numeric, y - p, atol=1e-8)


@pytest.mark.parametrize("lang", LANGS)
def test_q3_minimum_loss_is_entropy(lang: str) -> None:
    stated = re.search(
        r"-0.75 \\log 0.75 - 0.25 \\log 0.25 \\approx ([\d.]+)", text(3, "solution", lang)
    )
    assert stated
    entropy = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
    assert_stated(stated.group(1), entropy)
    # softmax can only approach p with zeros in the limit; logits log p + large negative elsewhere
    p = soft_label_from_text(lang)
    z = np.where(p > 0, np.log(np.where(p > 0, p, 1.0)), -50.0)
    assert cross_entropy(z, p) == pytest.approx(entropy, abs=1e-12)
    np.testing.assert_allclose(softmax(z) - p, 0.0, atol=1e-12)


@pytest.mark.parametrize("lang", LANGS)
def test_q3_remark_on_the_statements_vector(lang: str) -> None:
    """The statement's p has 9 entries with four zeros between 3/4 and 1/4; MNIST needs five."""
    match = re.search(r"p = \[(.+?)\]", text(3, "question", lang))
    assert match
    stated = [cell.strip() for cell in match.group(1).split(",")]
    assert len(stated) == 9
    first, last = stated.index(r"\frac{3}{4}"), stated.index(r"\frac{1}{4}")
    zeros_between_in_statement = last - first - 1
    p = soft_label_from_text(lang)
    zeros_between_needed = int(np.flatnonzero(p)[1] - np.flatnonzero(p)[0] - 1)
    assert (zeros_between_in_statement, zeros_between_needed) == (4, 5)
    # the zeros after 1/4 already match: 2 in the statement, 2 in p (digits 8 and 9)
    assert len(stated) - last - 1 == len(p) - 1 - int(np.flatnonzero(p)[1]) == 2
    words = {"ru": ("четыре нуля", "нужно пять", "позиции 2–6", "потерялся один ноль"),
             "en": ("four zeros", "five are needed", "positions 2–6", "one zero was")}[lang]
    solution = text(3, "solution", lang)
    for phrase in words:
        assert phrase in solution, phrase
    one, seven = np.flatnonzero(p)
    assert list(range(one + 1, seven)) == [2, 3, 4, 5, 6]  # "positions 2–6"


@pytest.mark.parametrize("lang", LANGS)
def test_q3_entropy_is_a_bound_not_reached(lang: str) -> None:
    """With zeros in p, softmax (always positive) never equals p: CE > H(p) and ∇ ≠ 0 for any z."""
    p = soft_label_from_text(lang)
    entropy = -(0.75 * math.log(0.75) + 0.25 * math.log(0.25))
    rng = np.random.default_rng(11)
    for _ in range(200):
        z = rng.normal(scale=5.0, size=10)
        assert cross_entropy(z, p) > entropy
        assert np.abs(softmax(z) - p).max() > 0
    # pushing the other logits down brings the loss as close to H(p) as one likes
    gaps = []
    for depth in (5.0, 10.0, 20.0):
        z = np.where(p > 0, np.log(np.where(p > 0, p, 1.0)), -depth)
        gaps.append(cross_entropy(z, p) - entropy)
    assert gaps[0] > gaps[1] > gaps[2] > 0 and gaps[2] < 1e-7
    assert "-\\infty" in text(3, "solution", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_q3_log_is_natural_and_log2_scales_by_1_over_ln2(lang: str) -> None:
    solution = text(3, "solution", lang)
    assert "\\log_2" in solution and "\\frac{1}{\\ln 2}" in solution
    rng = np.random.default_rng(12)
    z, p = rng.normal(size=10), soft_label_from_text(lang)

    def ce_bits(v: np.ndarray) -> np.ndarray:
        y = softmax(v)
        return np.array([-(p[p > 0] * np.log2(y[p > 0])).sum()])

    numeric = finite_difference_jacobian(ce_bits, z)[0]
    np.testing.assert_allclose(numeric, (softmax(z) - p) / math.log(2), atol=1e-8)


# ---------------------------------------------------------------- question 4

SIZES = (3, 5, 2, 4)
LAYERS = tuple(itertools.pairwise(SIZES))  # (n_in, n_out) of each layer


def test_parameter_count_is_44() -> None:
    layers = list(LAYERS)
    assert sum(n_out * n_in for n_in, n_out in layers) == 33
    assert sum(n_out for _, n_out in layers) == 11
    assert sum(n_out * n_in + n_out for n_in, n_out in layers) == 44


@pytest.mark.parametrize("lang", LANGS)
def test_parameter_table(lang: str) -> None:
    header = {"ru": "слой", "en": "layer"}[lang]
    rows = table_rows(text(4, "solution", lang), header)
    layers = list(LAYERS)
    assert len(rows) == len(layers) + 1
    for k, ((n_in, n_out), cells) in enumerate(zip(layers, rows[:-1], strict=True), start=1):
        assert cells[0] == f"{k}: {n_in} → {n_out}"
        assert [int(c) for c in cells[1:]] == [n_out * n_in, n_out, n_out * n_in + n_out]
    assert [int(c) for c in rows[-1][1:]] == [33, 11, 44]
    solution = text(4, "solution", lang)
    assert "$15 + 10 + 8 = 33$" in solution
    assert "$5 + 2 + 4 = 11$" in solution
    assert "44" in solution


@pytest.mark.parametrize("lang", LANGS)
def test_shapes_stated_for_every_layer(lang: str) -> None:
    solution = text(4, "solution", lang)
    for k, (n_in, n_out) in enumerate(LAYERS, start=1):
        assert f"W_{k} \\in \\mathbb{{R}}^{{{n_out} \\times {n_in}}}" in solution
        assert f"b_{k} \\in \\mathbb{{R}}^{n_out}" in solution
    assert (
        "y = W_3 \\, \\sigma\\left( W_2 \\, \\sigma\\left( W_1 x + b_1 \\right) + b_2 \\right) + b_3"
        in solution
    )
    assert "```dltutor\nnetwork 3 5 2 4\n```" in solution


def test_forward_pass_shapes() -> None:
    rng = np.random.default_rng(9)
    ws = [rng.normal(size=(n_out, n_in)) for n_in, n_out in LAYERS]
    bs = [rng.normal(size=n_out) for n_out in SIZES[1:]]
    x = rng.normal(size=3)
    h1 = np.tanh(ws[0] @ x + bs[0])
    h2 = np.tanh(ws[1] @ h1 + bs[1])
    y = ws[2] @ h2 + bs[2]
    assert (h1.shape, h2.shape, y.shape) == ((5,), (2,), (4,))
    # the batch form X Wᵀ + b computes the same thing row by row
    batch = rng.normal(size=(6, 3))
    out = np.tanh(np.tanh(batch @ ws[0].T + bs[0]) @ ws[1].T + bs[1]) @ ws[2].T + bs[2]
    single = [
        ws[2] @ np.tanh(ws[1] @ np.tanh(ws[0] @ row + bs[0]) + bs[1]) + bs[2] for row in batch
    ]
    np.testing.assert_allclose(out, np.array(single), rtol=1e-12)


def test_network_without_sigma_collapses_to_one_affine_map() -> None:
    rng = np.random.default_rng(10)
    w1, w2, w3 = (rng.normal(size=(o, i)) for i, o in LAYERS)
    b1, b2, b3 = (rng.normal(size=o) for o in SIZES[1:])
    w_prime = w3 @ w2 @ w1
    b_prime = w3 @ w2 @ b1 + w3 @ b2 + b3
    assert w_prime.shape == (4, 3)
    assert np.linalg.matrix_rank(w_prime) <= 2  # the 2-neuron layer is a bottleneck
    for x in rng.normal(size=(20, 3)):
        linear_net = w3 @ (w2 @ (w1 @ x + b1) + b2) + b3
        np.testing.assert_allclose(linear_net, w_prime @ x + b_prime, rtol=1e-10, atol=1e-12)

    # with σ = tanh the same network is not affine: f(x) + f(x') ≠ f((x + x')/2)·2 in general
    def net(x: np.ndarray) -> np.ndarray:
        return w3 @ np.tanh(w2 @ np.tanh(w1 @ x + b1) + b2) + b3

    a, b = rng.normal(size=3), rng.normal(size=3)
    assert not np.allclose(net(a) + net(b), 2 * net((a + b) / 2))


# ---------------------------------------------------------------- the Russian text follows the seed

#: Questions 1–4 of the seed, as given (with the plain typo «Прodelайте» fixed).
SEED = {
    1: """Вычислите производную по $x \\in \\mathbb{R}^n$ для следующих функций:
- (a) $f(x) = x$;
- (b) $g(x) = x^\\top x$. Подсказка: сначала найдите $x^\\top x$.""",
    2: """Вычислите производную функции $\\tanh(z)$ по z . Изобразите графики функции и ее производной. \
Покажите, что при больших по модулю значениях z градиенты затухают.""",
    3: """В задаче (многоклассовой) классификации на K классов для обучения используется кросс-энтропия. \
Общая формула для нее выглядит следующим образом (в случае одного объекта):
$$CE(w) = - \\sum_{k=1}^K p_k \\log \\hat{y}_k.$$
p_k здесь обозначает истинную вероятность принадлежности объекта классу k . Во многих задачах вектор вероятностей p \
является one-hot-вектором, т. е. имеет вид $[0, \\dots, 0, 1, 0, \\dots, 0]$, поэтому работает формула из лекции 1. \
Однако бывает и по-другому: например, из четырех разметчиков MNIST трое выбрали класс 1, а один — класс 7.
Тогда можно положить $p = [0, \\frac{3}{4}, 0, 0, 0, 0, \\frac{1}{4}, 0, 0]$.
Пусть $\\hat{y} = \\text{softmax}(z)$.
- 1. (2 балла) Найдите производную функции потерь по вектору z в случае, когда целевая переменная принадлежит \
ровно к одному классу. Подсказка: воспользуйтесь формулой из лекции 1. Считайте, что размер батча равен 1.
- 2. (1 балл) Проделайте то же самое для произвольного вектора вероятностей p .""",
    4: """На вход поступает вектор x размерности 3, далее он проходит через три полносвязных слоя с размерами \
выходов 5, 2 и 4 соответственно. Выпишите формулу для вычисления результата нейронной сети (смещение присутствует \
на каждом слое). Нарисуйте схему такой сети.""",
}

KEY_PHRASES = {
    1: ["Вычислите производную по", "Подсказка: сначала найдите"],
    2: ["Изобразите графики функции и ее производной", "градиенты затухают"],
    3: ["кросс-энтропия", "трое выбрали класс 1, а один — класс 7", "Проделайте то же самое"],
    4: ["Выпишите формулу для вычисления результата нейронной сети", "Нарисуйте схему такой сети"],
}


def _plain(markdown: str) -> str:
    """Text with math delimiters, list markers and spacing differences removed."""
    out = markdown.replace("$", "")
    out = re.sub(r"^\s*(?:- )?(?:\d+\. )?", "", out, flags=re.M)
    out = re.sub(r"\s+", " ", out)
    return re.sub(r" ([.,;:])", r"\1", out).strip()


@pytest.mark.parametrize("number", sorted(SEED))
def test_russian_statement_follows_the_seed(number: int) -> None:
    statement = text(number, "question", "ru")
    for phrase in KEY_PHRASES[number]:
        assert phrase in statement
    plain = _plain(statement)
    for sentence in re.split(r"(?<=[.:])\s", _plain(SEED[number])):
        if len(sentence) > 12:
            assert sentence in plain, sentence
    assert "odel" not in statement


def test_meta_points_and_titles() -> None:
    from tutor.content.loader import load_question

    expected = {
        1: (1, "Производные", "Derivatives", {"1a": 0.5, "1b": 0.5}),
        2: (1, "Функции активации", "Activation functions", {"2": 1}),
        3: (3, "Функции потерь", "Loss functions", {"3.1": 2, "3.2": 1}),
        4: (
            1,
            "Полносвязные нейронные сети",
            "Fully connected neural networks",
            {"4": 0.5, "4.params": 0, "4.diagram": 0.5},
        ),
    }
    for number, (points, ru, en, parts) in expected.items():
        question = load_question(CONTENT / FOLDERS[number])
        assert (question.number, question.points, question.title["ru"], question.title["en"]) == (
            number,
            points,
            ru,
            en,
        )
        assert {p.id: p.points for p in question.parts} == parts
        assert sum(parts.values()) == points
