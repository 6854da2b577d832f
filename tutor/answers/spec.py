"""What a quiz item tells the checker: references, symbol domains, conventions, mistakes.

Content authors write these in ``content/NN-slug/quiz.py``; every formula in
them is written in the student's input language and parsed by the same parser
(trusted text, but still never evaluated as Python).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from tutor.content.models import Localized

Dim = int | str
DomainKind = Literal["scalar", "vector", "matrix", "onehot", "simplex", "identity", "derived", "size"]


@dataclass(frozen=True)
class Domain:
    """How one symbol is sampled. Vectors are columns (``rows`` long); ``formula`` is for derived symbols."""

    kind: DomainKind
    rows: Dim = 1
    cols: Dim = 1
    low: float = 0.1
    high: float = 2.0
    formula: str | None = None
    #: whole numbers only (counts such as B, h, w, C): an answer such as 2C + 1 is then judged where it is read
    integer: bool = False


def scalar(low: float = 0.1, high: float = 2.0) -> Domain:
    return Domain("scalar", 1, 1, low, high)


def count(low: int = 1, high: int = 64) -> Domain:
    """A whole number of things (a batch size, a channel count), sampled as integers."""
    return Domain("scalar", 1, 1, low, high, integer=True)


def vector(dim: Dim = "n", low: float = -2.0, high: float = 2.0) -> Domain:
    return Domain("vector", dim, 1, low, high)


def matrix(rows: Dim, cols: Dim, low: float = -1.5, high: float = 1.5) -> Domain:
    return Domain("matrix", rows, cols, low, high)


def onehot(dim: Dim = "K") -> Domain:
    return Domain("onehot", dim, 1)


def simplex(dim: Dim = "K") -> Domain:
    return Domain("simplex", dim, 1)


def identity(dim: Dim = "n") -> Domain:
    return Domain("identity", dim, dim)


def size(dim: Dim = "n") -> Domain:
    """A dimension as a number in the answer: n in question 1 (x ∈ ℝⁿ), equal to the sampled length."""
    return Domain("size", dim, 1)


def derived(formula: str) -> Domain:
    """A symbol defined by the others, e.g. ŷ = softmax(z); its shape is inferred."""
    return Domain("derived", formula=formula)


@dataclass(frozen=True)
class Alternative:
    """An answer that is right under another convention (``correct``) or a known mistake.

    ``answer`` empty means "any answer whose sizes do not fit" (for shape mistakes).
    """

    id: str
    answer: str
    note: Localized


@dataclass(frozen=True)
class Reading:
    """A function this item reads as another, said in ``note``: in question 3 σ(z) is softmax(z)."""

    function: str
    means: str
    note: Localized


@dataclass(frozen=True)
class GeneralForm:
    """A number's formula in the question's fixed symbols: 8.4's factor is 1/(1 − p), 2 at p = 0.5.

    An answer that uses one of ``symbols`` is judged as that formula over their domains, so it must
    hold for every value and not only the question's; ``only_here`` is said when it holds only there.
    """

    answer: str
    symbols: Mapping[str, Domain]
    only_here: Localized


@dataclass(frozen=True)
class ExpressionSpec:
    """For ``expression`` and ``number`` items; a number item simply has no symbols.

    ``what`` names the expected object for shape messages ("the derivative of a
    vector by a vector"); ``tolerance`` > 0 accepts rounded decimals within that
    relative error (number items), with a note giving the exact value.
    ``readings`` rename functions for this item only; ``elementwise`` makes the
    product of two vectors of one size elementwise (optimizer formulas).
    ``updates`` names the symbol whose new value the item asks for (θ of an
    optimizer step): then ``θ ← …``, ``θ -= …`` and ``-= …`` are read as updates of it.
    ``general`` judges an answer that uses a fixed symbol as a formula (see GeneralForm).
    """

    answer: str
    symbols: Mapping[str, Domain] = field(default_factory=dict)
    what: Localized | None = None
    conventions: tuple[Alternative, ...] = ()
    mistakes: tuple[Alternative, ...] = ()
    dims: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    tolerance: float = 0.0
    readings: tuple[Reading, ...] = ()
    elementwise: bool = False
    updates: str | None = None
    general: GeneralForm | None = None


@dataclass(frozen=True)
class ChoiceSpec:
    """A multiple-choice item: answer by letter (a/b/c or а/б/в) or number; ``answer`` is 0-based."""

    options: tuple[Localized, ...]
    answer: int
    #: option index -> (mistake id, feedback) for wrong options worth explaining
    mistakes: Mapping[int, Alternative] = field(default_factory=dict)
