"""LaTeX → Unicode conversion, formula discovery in markdown, and rendering of all content."""

from __future__ import annotations

import contextlib

import pytest

from tutor.content.lint import check_math
from tutor.content.loader import load_course
from tutor.content.mathtext import (
    MathError,
    find_math,
    latex_to_unicode,
    render_markdown_math,
)

# (LaTeX source, expected Unicode).  The first block is the examples of issue 2 and the brief.
CONVERSIONS: list[tuple[str, str]] = [
    (r"x_i", "xᵢ"),
    (r"x^2", "x²"),
    (r"W_1", "W₁"),
    (r"\mathbb{R}^{5 \times 3}", "ℝ⁵ˣ³"),
    (r"\hat{y}_k", "ŷₖ"),
    (r"\hat{m}_t", "m̂ₜ"),
    (r"e^{-2z}", "e⁻²ᶻ"),
    (r"\theta_{t-1}", "θₜ₋₁"),
    (r"\sum_{k=1}^K p_k \log \hat{y}_k", "∑ₖ₌₁ᴷ pₖ log ŷₖ"),
    (r"x^\top x", "xᵀx"),
    (r"\tanh'(z)", "tanh′(z)"),
    (r"\frac{\partial CE}{\partial z}", "∂CE/∂z"),
    (r"W_1 \in \mathbb{R}^{5 \times 3}", "W₁ ∈ ℝ⁵ˣ³"),
    (r"1 - \tanh^2(z)", "1 − tanh²(z)"),
    (r"\operatorname{arccosh} 10 \approx 2.993", "arccosh 10 ≈ 2.993"),
    (r"\delta_{ij}", "δᵢⱼ"),
    (r"\hat{y}", "ŷ"),
    (r"\frac{a + b}{c}", "(a + b)/c"),
    (r"\sqrt{x}", "√x"),
    (r"\sqrt{x + 1}", "√(x + 1)"),
    # the seed's formulas
    (r"CE(w) = - \sum_{k=1}^K p_k \log \hat{y}_k.", "CE(w) = −∑ₖ₌₁ᴷ pₖ log ŷₖ."),
    (r"x \in \mathbb{R}^n", "x ∈ ℝⁿ"),
    (r"[0, \dots, 0, 1, 0, \dots, 0]", "[0, …, 0, 1, 0, …, 0]"),
    (r"p = [0, \frac{3}{4}, 0, \frac{1}{4}]", "p = [0, 3/4, 0, 1/4]"),
    (r"\hat{y} = \text{softmax}(z)", "ŷ = softmax(z)"),
    (r"B \times h \times w \times C", "B × h × w × C"),
    # Greek, both cases; ε for both epsilons
    (r"\alpha \beta \gamma \lambda \mu \sigma \omega", "αβγλμσω"),
    (r"\Gamma \Delta \Theta \Lambda \Sigma \Phi \Omega", "ΓΔΘΛΣΦΩ"),
    (r"\epsilon = \varepsilon", "ε = ε"),
    # operators and relations get single spaces, signs none
    (r"a \cdot b", "a · b"),
    (r"a \le b \leq c \ge d \geq e", "a ≤ b ≤ c ≥ d ≥ e"),
    (r"a \ne b \neq c", "a ≠ b ≠ c"),
    (r"x \notin A", "x ∉ A"),
    (r"f: x \mapsto 2x", "f: x ↦ 2x"),
    (r"\pm 1", "±1"),
    (r"a \mp b", "a ∓ b"),
    (r"a \sim b \approx c", "a ∼ b ≈ c"),
    (r"f \circ g", "f ∘ g"),
    (r"a \odot b \otimes c", "a ⊙ b ⊗ c"),
    (r"a \ll b \gg c", "a ≪ b ≫ c"),
    (r"p \Rightarrow q \iff r", "p ⇒ q ⇔ r"),
    (r"\forall i \, \exists j", "∀i ∃j"),
    (r"1, \ldots, n", "1, …, n"),
    (r"1 + \cdots + n", "1 + ⋯ + n"),
    (r"a \quad b \qquad c", "a b c"),
    (r"a\!b", "ab"),
    (r"a \; b \: c", "a b c"),
    (r"-x", "−x"),
    (r"(-1)^n", "(−1)ⁿ"),
    (r"x = -\infty", "x = −∞"),
    (r"\nabla_x g = 2x", "∇ₓg = 2x"),
    (r"\partial_t u", "∂ₜu"),
    # fractions and roots
    (r"\dfrac{1}{2}", "1/2"),
    (r"\tfrac{x}{y}", "x/y"),
    (r"\frac12", "1/2"),
    (r"\frac{1}{2x}", "1/(2x)"),
    (r"\frac{1}{1 - p}", "1/(1 − p)"),
    (r"\frac{\partial}{\partial x_j}", "∂/∂xⱼ"),
    (r"\frac{\partial f_i}{\partial x_j}", "∂fᵢ/∂xⱼ"),
    (r"\frac{dy}{dx}", "dy/dx"),
    (r"\frac{\hat{m}_t}{\sqrt{\hat{v}_t} + \epsilon}", "m̂ₜ/(√v̂ₜ + ε)"),
    (r"\frac{\sinh z}{\cosh z}", "(sinh z)/(cosh z)"),
    (r"\frac{1}{(1 + x)^2}", "1/(1 + x)²"),
    (r"\frac{x}{\|x\|}", "x/‖x‖"),
    (r"\frac{\frac{a}{b}}{c}", "(a/b)/c"),
    (r"\frac{a}{b}^2", "(a/b)²"),
    (r"\sqrt{2}", "√2"),
    (r"\sqrt{2 \pi}", "√(2π)"),
    (r"\sqrt{\hat{v}_t}", "√v̂ₜ"),
    (r"\sqrt[3]{x}", "∛x"),
    (r"\sqrt{q} \xi", "√q ξ"),
    (r"2\sqrt{2}", "2√2"),
    (r"\frac{\operatorname{Var}(z)}{\mathbb{E}[h^2]}", "Var(z)/𝔼[h²]"),
    (r"\frac{\exp z_i}{\sum_k \exp z_k}", "(exp zᵢ)/(∑ₖ exp zₖ)"),
    (r"\sum_{j=1}^{w} (x_j - \mu)^2", "∑ⱼ₌₁ʷ (xⱼ − μ)²"),
    (r"\sqrt{2 / (1 + a^2)}", "√(2/(1 + a²))"),
    (r"\sqrt{\frac{2}{1 + a^2}}", "√(2/(1 + a²))"),
    (r"\sqrt{\frac{6}{n_{in} + n_{out}}}", "√(6/(nᵢₙ + nₒᵤₜ))"),
    (r"\frac{1}{\frac{a}{b}}", "1/(a/b)"),
    # accents
    (r"\hat{\theta}", "θ̂"),
    (r"\bar{x}", "x̄"),
    (r"\tilde{x}", "x̃"),
    (r"\vec{v}", "v⃗"),
    (r"\dot{x}", "ẋ"),
    (r"\hat{y_k}", "ŷₖ"),
    (r"\hat{xy}", "(xy)ˆ"),
    (r"\bar{xy}", "x̅y̅"),
    # transposes, primes
    (r"x^T", "xᵀ"),
    (r"A^\intercal", "Aᵀ"),
    (r"(A + A^\top) x", "(A + Aᵀ)x"),
    (r"(x + h)^\top (x + h)", "(x + h)ᵀ(x + h)"),
    (r"f''(x)", "f″(x)"),
    (r"f'^2", "f′²"),
    (r"W^{-1}", "W⁻¹"),
    (r"90^\circ", "90°"),
    # sets and fonts
    (
        r"\mathbb{N} \subset \mathbb{Z} \subset \mathbb{Q} \subset \mathbb{R} \subset \mathbb{C}",
        "ℕ ⊂ ℤ ⊂ ℚ ⊂ ℝ ⊂ ℂ",
    ),
    (r"\mathbb{E}[X]", "𝔼[X]"),
    (r"\mathbb{1}[y = k]", "𝟙[y = k]"),
    (r"\mathrm{d}x", "dx"),
    (r"\mathbf{W}_1", "W₁"),
    (r"\boldsymbol{\theta}", "θ"),
    (r"\mathit{loss}", "loss"),
    (r"\mathcal{L}(\theta)", "L(θ)"),
    (r"\text{if } x > 0", "if x > 0"),
    (r"\operatorname{sech}^2 z", "sech² z"),
    (r"\mathop{\mathrm{argmin}}_\theta L", "argmin_θ L"),
    # functions keep their names and operator spacing
    (r"\log x + \ln y + \exp(z)", "log x + ln y + exp(z)"),
    (r"\tanh z = \frac{\sinh z}{\cosh z}", "tanh z = (sinh z)/(cosh z)"),
    (r"\sigma(x)", "σ(x)"),
    (r"\max_i x_i", "maxᵢ xᵢ"),
    (r"\min(a, b)", "min(a, b)"),
    (r"\arg\max_k \hat{y}_k", "arg maxₖ ŷₖ"),
    (r"\argmin_{w} L(w)", "argmin_w L(w)"),
    (r"2 \log x", "2 log x"),
    (r"\cosh |z|", "cosh |z|"),
    # delimiters
    (r"\left( \frac{1}{1-p} \right)", "(1/(1 − p))"),
    (r"\left. x \right|_0", "x|₀"),
    (r"\big( a \big)", "(a)"),
    (r"\lVert x \rVert_2", "‖x‖₂"),
    (r"\|x\|^2", "‖x‖²"),
    (r"\langle x, y \rangle", "⟨x, y⟩"),
    (r"|z| > 2.993", "|z| > 2.993"),
    (r"\lfloor x \rfloor", "⌊x⌋"),
    # environments
    (r"\begin{pmatrix} a & b \\ c & d \end{pmatrix}", "[a, b; c, d]"),
    (r"\begin{bmatrix} 1 & 0 \\ 0 & 1 \\ \end{bmatrix}", "[1, 0; 0, 1]"),
    (r"I = \begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}", "I = [1, 0; 0, 1]"),
    (
        r"\delta_{ij} = \begin{cases} 1 & i = j \\ 0 & i \ne j \end{cases}",
        "δᵢⱼ = 1, i = j; 0, i ≠ j",
    ),
    (r"\begin{aligned} a &= b + c \\ &= d \end{aligned}", "a = b + c; = d"),
    # escapes
    (r"50\%", "50%"),
    (r"\#\text{params}", "#params"),
    (r"a \& b", "a&b"),
    (r"x\_1", "x_1"),
    (r"a := b", "a := b"),
    (r"\not= 0", "≠ 0"),
    # fallbacks: no Unicode form for every character → spelled out, never a wrong glyph
    (r"x^q", "x^q"),
    (r"x_y", "x_y"),
    (r"\theta_\alpha", "θ_α"),
    (r"W^{(q)}", "W^(q)"),
    (r"x_{\beta}", "xᵦ"),
    (r"x_{\alpha\beta}", "x_(αβ)"),
    (r"e^{x^2}", "e^(x²)"),
    (r"e^{-2|z|}", "e^(−2|z|)"),
    (r"x_{i,j}", "x_(i,j)"),
    (r"x^{\frac{1}{2}}", "x^(1/2)"),
    (r"x_\alpha^2", "x_(α)^(2)"),
    (r"x^{(t)}", "x⁽ᵗ⁾"),
    (r"\lim_{n \to \infty} a_n", "lim_(n→∞) aₙ"),
    (r"x_{\text{max}}", "xₘₐₓ"),
    (r"x^C", "x^C"),
    (r"x^{2C}", "x^(2C)"),
    # a full stop closing a display formula touches what it follows; a decimal point stays a number
    (r"\mathbb{E}[z^2] = \frac{\operatorname{Var}(z)}{2}.", "𝔼[z²] = Var(z)/2."),
    (r"a = b.", "a = b."),
    (r"x = .5", "x = .5"),
    (r"a.b", "a.b"),
    # whitespace in the source never matters
    (r"  x  +  y  ", "x + y"),
    ("a\n=\nb", "a = b"),
]


@pytest.mark.parametrize(("latex", "expected"), CONVERSIONS)
def test_latex_to_unicode(latex: str, expected: str) -> None:
    assert latex_to_unicode(latex) == expected


def test_table_is_large_enough() -> None:
    assert len(CONVERSIONS) >= 50


@pytest.mark.parametrize(
    ("latex", "message"),
    [
        (r"\foo x", r"unknown command \foo"),
        (r"\frac{a}{b", "unbalanced braces"),
        (r"x^{2", "unbalanced braces"),
        (r"a}", "unbalanced braces"),
        (r"\{0, 1\}", "another notation"),
        (r"\left\{ x \right.", "another notation"),
        (r"\lbrace x \rbrace", "another notation"),
        (r"\text{a \{ b}", "another notation"),
        (r"x^2^3", "double superscript"),
        (r"x_1_2", "double subscript"),
        (r"a & b", "only allowed inside"),
        (r"a \\ b", "only allowed inside"),
        (r"\begin{pmatrix} a & b", r"without \end"),
        (r"\begin{pmatrix} a \end{bmatrix}", "closed by"),
        (r"\begin{tabular} a \end{tabular}", "unknown environment"),
        (r"\end{pmatrix}", r"\end without"),
        (r"5% off", "unescaped %"),
        ("x \\", "lone backslash"),
        (r"\frac{a}", "ends too early"),
        (r"\sqrt", "ends too early"),
        (r"\left x", "delimiter"),
        (r"\text{\alpha}", r"unknown command \alpha inside"),
        (r"\mathbb{?}", r"\mathbb has no form"),
    ],
)
def test_unsupported_input_raises_math_error(latex: str, message: str) -> None:
    with pytest.raises(MathError, match=None) as info:
        latex_to_unicode(latex)
    assert message in str(info.value)


def test_math_error_is_a_value_error() -> None:
    assert issubclass(MathError, ValueError)


def test_output_never_contains_latex_leftovers() -> None:
    for latex, _ in CONVERSIONS:
        rendered = latex_to_unicode(latex)
        if "\\" not in latex.replace(r"\_", "") or latex == r"x\_1":
            continue
        assert "\\" not in rendered and "{" not in rendered and "}" not in rendered, latex


# -- find_math ----------------------------------------------------------------


def test_find_math_inline_and_display() -> None:
    md = "Let $x \\in \\mathbb{R}^n$ and\n\n$$\nCE = -\\sum_k p_k\n$$\n\nend $y$."
    assert find_math(md) == ["x \\in \\mathbb{R}^n", "CE = -\\sum_k p_k", "y"]


def test_find_math_display_spanning_lines() -> None:
    md = "$$\\begin{pmatrix}\n1 & 0 \\\\\n0 & 1\n\\end{pmatrix}$$"
    assert find_math(md) == ["\\begin{pmatrix}\n1 & 0 \\\\\n0 & 1\n\\end{pmatrix}"]


def test_find_math_skips_code_spans() -> None:
    md = "Code `a $x$ b` and ``c `$y$` d`` then $z$."
    assert find_math(md) == ["z"]


def test_find_math_unclosed_code_span_is_literal() -> None:
    assert find_math("a ` b $x$") == ["x"]


def test_find_math_skips_fenced_blocks() -> None:
    md = "$a$\n\n```python\nprice = '$x$'\n```\n\n~~~\n$$y$$\n~~~\n\n$b$\n"
    assert find_math(md) == ["a", "b"]


def test_find_math_unclosed_fence_hides_the_rest() -> None:
    assert find_math("$a$\n```\n$b$\n") == ["a"]


def test_find_math_skips_escaped_dollars() -> None:
    assert find_math(r"It costs \$5 and \$6, but $x$ is math.") == ["x"]


def test_find_math_dollar_amounts_are_not_math() -> None:
    # An opening $ needs a non-space after it; a closing $ a non-space before and no digit after.
    assert find_math("Pay $5 and $6 today.") == []
    assert find_math("From $ 5 to 6 $ only.") == []


def test_find_math_escaped_dollar_inside_formula() -> None:
    assert find_math(r"$a \$ b$") == [r"a \$ b"]


def test_find_math_inline_does_not_cross_blank_lines() -> None:
    assert find_math("$a\n\nb$") == []
    assert find_math("$a\nb$") == ["a\nb"]


def test_find_math_unclosed_display_is_literal() -> None:
    assert find_math("$$ x") == []


# -- render_markdown_math -------------------------------------------------------


def test_render_inline() -> None:
    assert render_markdown_math("so $x^\\top x$ is a scalar") == "so xᵀx is a scalar"


def test_render_display_becomes_indented_paragraph() -> None:
    md = "Cross-entropy:\n$$CE = -\\sum_{k=1}^K p_k \\log \\hat{y}_k$$\nwhere p is given.\n"
    assert render_markdown_math(md) == (
        "Cross-entropy:\n\n  CE = −∑ₖ₌₁ᴷ pₖ log ŷₖ\n\nwhere p is given.\n"
    )


def test_render_display_on_its_own_lines() -> None:
    md = "Text.\n\n$$\nx^2\n$$\n\nMore.\n"
    assert render_markdown_math(md) == "Text.\n\n  x²\n\nMore.\n"


def test_render_display_at_start_and_end() -> None:
    assert render_markdown_math("$$x_i$$\n") == "  xᵢ\n"
    assert render_markdown_math("$$a$$ then $$b$$") == "  a\n\nthen\n\n  b"


def test_render_display_keeps_next_line_indentation() -> None:
    md = "- item\n  $$x$$\n\n  - nested\n"
    assert render_markdown_math(md) == "- item\n\n  x\n\n  - nested\n"


def test_render_leaves_code_alone() -> None:
    md = "`$x$` and\n```\n$y$\n```\n$z$"
    assert render_markdown_math(md) == "`$x$` and\n```\n$y$\n```\nz"


def test_render_failed_formula_stays_as_source() -> None:
    md = "good $x^2$, bad $\\foo{x}$, good $y_1$"
    assert render_markdown_math(md) == "good x², bad $\\foo{x}$, good y₁"


def test_render_without_escaping_keeps_markdown_characters() -> None:
    assert render_markdown_math("$\\theta^*$ and $x^q$") == "θ* and x^q"
    assert render_markdown_math("$x_y$") == "x_y"


def test_render_with_escaping() -> None:
    md = "$\\theta^*$, $x_y$, $|z|$, $[a, b]$, $a < b$, $a > b$, $\\#n$, $a \\& b$"
    assert render_markdown_math(md, escape_markdown=True) == (
        "θ\\*, x\\_y, \\|z\\|, \\[a, b\\], a \\< b, a \\> b, #n, a\\&b"
    )


def test_render_escaping_hash_at_line_start() -> None:
    assert render_markdown_math("$$\\#\\text{params} = 44$$", escape_markdown=True) == (
        "  \\#params = 44"
    )
    assert render_markdown_math("a $\\#1$", escape_markdown=True) == "a #1"


def test_render_escaping_leaves_prose_alone() -> None:
    md = "**bold** and _it_ with $x_y$"
    assert render_markdown_math(md, escape_markdown=True) == "**bold** and _it_ with x\\_y"


def test_render_escaped_text_through_rich_markdown() -> None:
    from io import StringIO

    from rich.console import Console
    from rich.markdown import Markdown

    md = "Here $\\theta^* = x_y \\cdot x_z$ holds."
    out = StringIO()
    Console(file=out, width=80, color_system=None).print(
        Markdown(render_markdown_math(md, escape_markdown=True))
    )
    assert "θ* = x_y · x_z" in out.getvalue()


# -- all content ------------------------------------------------------------------


def test_every_formula_in_the_content_renders() -> None:
    course = load_course(cached=False)
    assert check_math(course) == []


def test_every_formula_in_the_content_leaves_no_latex() -> None:
    course = load_course(cached=False)
    texts: list[str] = []
    for q in course:
        for lang in ("ru", "en"):
            texts.append(q.statement[lang])
            texts.extend(step.title + "\n" + step.body for step in q.steps[lang])
    formulas = [f for text in texts for f in find_math(text)]
    assert formulas, "the content has no formulas at all"
    for formula in formulas:
        rendered = latex_to_unicode(formula)
        assert not set("\\{}") & set(rendered), (formula, rendered)


def test_known_content_formulas() -> None:
    course = load_course(cached=False)
    q1 = course.question(1)
    assert q1 is not None
    assert "x ∈ ℝⁿ" in render_markdown_math(q1.statement["en"])
    assert "xᵀx" in render_markdown_math(q1.statement["ru"])


# -- robustness ---------------------------------------------------------------------

_PIECES = [
    "x", "2", " ", "{", "}", "^", "_", "'", "&", "\\\\", "(", ")", "[", "]", "|", "-", "+",
    "=", ",", ".", "~", "\\frac", "\\sqrt", "\\hat", "\\left", "\\right", "\\text", "\\{",
    "\\begin{pmatrix}", "\\end{pmatrix}", "\\begin{cases}", "\\end{cases}", "\\sum", "\\log",
    "\\alpha", "\\|", "\\,", "\\mathbb", "\\operatorname", "\\not", "\\foo", "\\", "%", "$",
]  # fmt: skip


def test_any_input_gives_text_or_math_error() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=400, deadline=200)
    @given(st.lists(st.sampled_from(_PIECES), max_size=14))
    def check(pieces: list[str]) -> None:
        with contextlib.suppress(MathError):
            assert isinstance(latex_to_unicode("".join(pieces)), str)

    check()


def test_any_markdown_renders_without_crashing() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from([*_PIECES, "`", "```", "\n", "$$", "\\$", "a", "*", "#"])

    @settings(max_examples=300, deadline=200)
    @given(st.lists(alphabet, max_size=20))
    def check(pieces: list[str]) -> None:
        md = "".join(pieces)
        assert isinstance(render_markdown_math(md, escape_markdown=True), str)
        for formula in find_math(md):
            assert formula in md

    check()


# -- limits: deep nesting and long texts ----------------------------------------------


@pytest.mark.parametrize(
    "latex",
    [
        "\\frac{" * 5000,
        "\\frac{a}{" * 5000 + "b" + "}" * 5000,
        "{" * 5000 + "x" + "}" * 5000,
        "x^{" * 5000,
        "\\sqrt" * 5000 + "x",
        "\\hat" * 5000 + "x",
        "\\not" * 5000 + "=",
        "\\begin{matrix}" * 5000,
        "\\mathop{" * 5000,
    ],
)
def test_deep_nesting_is_a_math_error_not_a_recursion_error(latex: str) -> None:
    with pytest.raises(MathError, match="nested too deeply"):
        latex_to_unicode(latex)
    # in a document the formula stays as its source, as any formula that does not convert
    assert render_markdown_math(f"a ${latex}$ b").startswith("a $")


def test_nesting_within_the_limit_still_converts() -> None:
    assert latex_to_unicode("\\frac{1}{" * 10 + "x" + "}" * 10).count("/") == 10


def test_deep_nesting_holds_even_with_little_stack_left() -> None:
    import sys

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(600)  # what is left deep inside an app's call stack
    try:
        with pytest.raises(MathError):
            latex_to_unicode("\\frac{" * 5000)
    finally:
        sys.setrecursionlimit(limit)


def _seconds(text: str, *, escape: bool = False) -> float:
    import time

    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        render_markdown_math(text, escape_markdown=escape)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize(
    ("unit", "escape"),
    [
        ("Text $x^2$ and\n\n$$\\frac{a}{b}$$\n\nmore\n", True),  # re-joined after every formula
        ("$1 and ", False),  # an opening $ that never closes, many times
        ("$$a ", False),
        ("`x`` ``` ", False),  # backtick runs that never close
        ("$a" + "\n" * 50, False),
    ],
)
def test_rendering_is_linear_in_the_length(unit: str, escape: bool) -> None:
    """Ten times the text takes about ten times as long (a quadratic pass would take 100)."""
    small = unit * (40_000 // len(unit))
    large = unit * (400_000 // len(unit))
    ratio = _seconds(large, escape=escape) / max(_seconds(small, escape=escape), 1e-3)
    assert ratio < 35, ratio


def test_linear_rewrite_renders_as_before() -> None:
    text = "Intro $a$ text\n\n$$b$$\n\n  after `$c$` and $d \\$ e$ end\n$$x$$\n"
    assert render_markdown_math(text) == "Intro a text\n\n  b\n\n  after `$c$` and d$e end\n\n  x\n"
    assert render_markdown_math("$x_1$ then *y*", escape_markdown=True) == "x₁ then *y*"
