"""Generated answers for fuzzing the checker: the syntax table's own examples, combined and mutated.

The atoms are every code span of ``tutor/answers/SYNTAX.md`` (what the table says a
student may type), so the generator follows the documented syntax as it changes.
They are combined by the grammar's constructions (operators, calls with and without
brackets, groups, powers, transposes, fractions, equations, statements, vector
literals) and then mutated the ways hostile or careless input differs from the
table: characters dropped, doubled or replaced by unusual ones (lone surrogates,
control characters, combining marks), long runs, deep nesting and chains of
prefix operators. One generator serves the hypothesis tests (``st.randoms()``)
and ``bench/check.py`` (a seeded ``random.Random``).
"""

from __future__ import annotations

import random
import re
from functools import cache
from pathlib import Path

SYNTAX = Path(__file__).resolve().parent.parent / "tutor" / "answers" / "SYNTAX.md"

#: operators between two operands, in every spelling the tokenizer knows
BINARY = ["+", "-", "−", "–", "*", "·", "×", "/", "÷", "^", "**", "@", "⊙", "⊘", ":", "⁄", " ", "",
          "\\cdot ", "\\times ", "\\odot "]
#: function spellings, called with brackets or with one following factor
FUNCTIONS = ["tanh", "sinh", "cosh", "sech", "exp", "log", "ln", "sqrt", "softmax", "sum", "sigma",
             "σ", "sigmoid", "th", "ch", "sh", "\\tanh", "\\exp", "\\sqrt", "√", "Σ", "np.tanh",
             "torch.exp", "F.softmax", "relu", "eye", "dot", "matmul", "tanh^2", "tanh²", "cosh^-2"]
#: prefix constructions a hostile answer may chain hundreds of times
PREFIXES = ["√", "-", "−", "+", "Σ", "th ", "tanh ", "exp ", "sqrt ", "\\sqrt{", "sqrt(", "(", "[", "{",
            "\\frac{", "σ(", "tanh^2 ", "e^", "x^", "2^", "\\hat{", "\\mathbf{", "-(", "$"]
SEPARATORS = ["=", "≈", "==", ";", ",", "\n"]
POSTFIXES = ["ᵀ", "^T", ".T", "'", "²", "³", "⁻¹", "⁻²", "^2", "^{-1}", "^(-3)", "^0", "^(1/2)", ".tanh()", "%", "̅", "̂", "_1",
             "_{t-1}", "[1]", "[t-1]", "₁", "!", "^", "_"]
#: characters that are rare in answers but arrive from clipboards, JSON escapes and terminals
ODD = ["\ud800", "\udfff", "\udc80", "\x00", "\x07", "\x1b", "\x1b[31m", "\x7f", "\x85", "\u200b",
       "\u200e", "\u2028", "\ufeff", "\ufffd", "\u0305", "\u0302", "\u0301", "\t", "\r", "\n", "\r\n",
       "\U0001d465", "\U0001d416", "\U0001f600", "ﬁ", "Ⅸ", "٣", "１", "²", "₁", "ᵀ", "ℝ", "∞", "∂", "∇",
       "≈", "≠", "≤", "=", ";", ",", ".", "..", "e", "E", "1e309", "2e308", "9" * 31, "0" * 40, "1/0",
       "0^0", "(-1)^(1/2)", "\\", "\\\\", "{", "}", "_", "^", "'", '"', "`", "#", "&", "|", "<", ">", "~",
       "$$", "\\(", "\\)", "\\[", "\\]", "[", "]", ", ", "[0.1, -0.3, 0.2]", "[1,2]ᵀ", "[[1]]", "[]"]


@cache
def syntax_atoms() -> tuple[str, ...]:
    """Every code span of SYNTAX.md, the syntax table's examples first among equals."""
    spans = re.findall(r"`([^`]+)`", SYNTAX.read_text(encoding="utf-8"))
    return tuple(dict.fromkeys(spans))


def expression(rng: random.Random, depth: int = 0, atoms: tuple[str, ...] = ()) -> str:
    """A formula built by the grammar's constructions from the table's atoms (and ``atoms``)."""
    if depth > 4 or rng.random() < 0.3:
        return rng.choice(atoms) if atoms and rng.random() < 0.5 else rng.choice(syntax_atoms())
    left = expression(rng, depth + 1, atoms)
    shape = rng.randrange(12)
    if shape <= 3:
        return left + rng.choice(BINARY) + expression(rng, depth + 1, atoms)
    if shape == 4:
        return f"{rng.choice(FUNCTIONS)}({left})"
    if shape == 5:
        return f"{rng.choice(FUNCTIONS)} {left}"
    if shape == 6:
        opener, closer = rng.choice([("(", ")"), ("[", "]"), ("{", "}"), ("\\left(", "\\right)"), ("$", "$")])
        return opener + left + closer
    if shape == 7:
        return f"\\frac{{{left}}}{{{expression(rng, depth + 1, atoms)}}}"
    if shape == 8:
        return left + rng.choice(POSTFIXES)
    if shape == 9:
        return f"{rng.choice(['h1', 'h_1', 'a', 'y', 'x'])} = {left}; {expression(rng, depth + 1, atoms)}"
    if shape == 10:
        return "[" + ", ".join(expression(rng, depth + 2, atoms) for _ in range(rng.randrange(1, 5))) + "]" + \
            rng.choice(["", "", "ᵀ", "^T", "'"])
    return f"{left} {rng.choice(SEPARATORS)} {expression(rng, depth + 1, atoms)}"


def mutate(rng: random.Random, text: str) -> str:
    """One careless or hostile change to ``text``."""
    kind = rng.randrange(10)
    at = rng.randrange(len(text) + 1)
    if kind <= 2:
        return text[:at] + rng.choice(ODD) + text[at:]
    if kind == 3 and text:
        return text[:at] + text[at + 1 :]
    if kind == 4:
        piece = text[at : at + rng.randrange(1, 6)] or rng.choice(syntax_atoms())
        return text[:at] + piece * rng.choice([2, 10, 100, 400]) + text[at:]
    if kind == 5:
        prefix = rng.choice(PREFIXES)
        return prefix * rng.choice([50, 99, 100, 101, 150, 300, 700]) + text
    if kind == 6:
        count = rng.choice([60, 99, 101, 250])
        return "(" * count + text + ")" * count
    if kind == 7:
        return text[:at] + rng.choice(POSTFIXES) * rng.choice([1, 3, 120]) + text[at:]
    if kind == 8:
        return text[: rng.randrange(len(text) + 1)]
    return rng.choice(["a", "x", "9", "z", "Σ", "é", "\\", "(", "ё"]) * rng.choice(
        [1_000, 1_999, 2_000, 2_001, 5_000]) + text


def answer(rng: random.Random, atoms: tuple[str, ...] = ()) -> str:
    """A generated answer: a formula from the grammar, then up to three mutations.

    ``atoms``: more atoms beside the syntax table's, e.g. an item's example answers.
    """
    text = expression(rng, 0, atoms)
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        text = mutate(rng, text)
    return text


def answers(count: int, seed: int = 0, atoms: tuple[str, ...] = ()) -> list[str]:
    """``count`` answers, the same on every run for one seed."""
    rng = random.Random(seed)
    return [answer(rng, atoms) for _ in range(count)]
