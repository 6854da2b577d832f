"""Decimal arithmetic and formatting for the numbers a variant states.

A variant must read the same everywhere. Floats from the platform's libm
(exp, cos, tanh) may differ in the last bit between machines, which can flip a
rounded digit, so every number a variant shows is computed with :mod:`decimal`
at 40 digits (its exp, ln and sqrt do not depend on the platform) and rounded
by decimal's own rules. Inputs are ints, Fractions, Decimals or decimal strings.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction

Real = int | Fraction | Decimal | str

#: working precision: far beyond the 4 significant digits a variant shows
CONTEXT = Context(prec=40)
PI = Decimal("3.141592653589793238462643383279502884197169399375105820974944")
#: significant digits of an approximate value in a statement or a solution
DIGITS = 4
#: decimal exponents outside this range are written as m·10^k
_PLAIN_RANGE = (-5, 7)


def dec(x: Real) -> Decimal:
    """``x`` as a Decimal at the working precision (a Fraction is divided out)."""
    if isinstance(x, Fraction):
        return CONTEXT.divide(Decimal(x.numerator), Decimal(x.denominator))
    return CONTEXT.plus(Decimal(x))


def exp(x: Real) -> Decimal:
    return CONTEXT.exp(dec(x))


def ln(x: Real) -> Decimal:
    return CONTEXT.ln(dec(x))


def sqrt(x: Real) -> Decimal:
    return CONTEXT.sqrt(dec(x))


def power(x: Real, y: Real) -> Decimal:
    return CONTEXT.power(dec(x), dec(y))


def tanh(x: Real) -> Decimal:
    d = dec(x)
    if abs(d) > 40:
        return Decimal(1) if d > 0 else Decimal(-1)
    e2 = exp(2 * d)
    return CONTEXT.divide(e2 - 1, e2 + 1)


def sigmoid(x: Real) -> Decimal:
    return CONTEXT.divide(Decimal(1), 1 + exp(-dec(x)))


def softplus(x: Real) -> Decimal:
    return ln(1 + exp(x))


def arccosh(x: Real) -> Decimal:
    d = dec(x)
    return ln(d + sqrt(d * d - 1))


def cos(x: Real) -> Decimal:
    """cos by its Taylor series after reducing the angle to [−π, π] (decimal has no cos)."""
    d = dec(x)
    two_pi = 2 * PI
    d -= two_pi * (CONTEXT.divide_int(d + PI, two_pi))
    if d > PI:
        d -= two_pi
    elif d < -PI:
        d += two_pi
    square = CONTEXT.multiply(d, d)
    term, total, k = Decimal(1), Decimal(1), 0
    while True:
        k += 2
        term = CONTEXT.divide(-term * square, Decimal(k * (k - 1)))
        if term == 0 or abs(term) < Decimal(10) ** -45:
            return CONTEXT.plus(total)
        total += term


def round_sig(x: Real, digits: int = DIGITS) -> Decimal:
    """``x`` rounded half-up to ``digits`` significant digits."""
    d = dec(x)
    if d == 0:
        return Decimal(0)
    quantum = Decimal(1).scaleb(d.adjusted() - digits + 1)
    return d.quantize(quantum, rounding=ROUND_HALF_UP, context=CONTEXT)


def _strip(text: str) -> str:
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def plain(x: Real) -> str:
    """The exact decimal text of a number that has one (``0.001``, ``12``, ``-2.5``).

    Raises ValueError for a fraction such as 1/3 that has no finite decimal: use :func:`tex`.
    """
    if isinstance(x, Fraction):
        d = dec(x)
        if Fraction(d) != x:
            raise ValueError(f"{x} has no finite decimal")
        x = d
    return _strip(format(dec(x), "f"))


def _scientific(d: Decimal) -> tuple[str, int]:
    exponent = d.adjusted()
    mantissa = _strip(format(d.scaleb(-exponent), "f"))
    return mantissa, exponent


def approx(x: Real, digits: int = DIGITS) -> str:
    """``x`` rounded to ``digits`` significant digits, as LaTeX (``1.387``, ``8.245 \\cdot 10^{-9}``)."""
    d = round_sig(x, digits)
    if d == 0 or _PLAIN_RANGE[0] < d.adjusted() < _PLAIN_RANGE[1]:
        return _strip(format(d, "f"))
    mantissa, exponent = _scientific(d)
    return f"{mantissa} \\cdot 10^{{{exponent}}}"


def equals(x: Real, digits: int = DIGITS) -> str:
    """``= 5`` when ``x`` is exactly what :func:`approx` shows, else ``\\approx 1.667`` (LaTeX)."""
    shown = approx(x, digits)
    exact = "\\cdot" not in shown and dec(shown) == dec(x)
    return f"= {shown}" if exact else f"\\approx {shown}"


def approx_typed(x: Real, digits: int = DIGITS) -> str:
    """The same rounding written the way a student types it (``8.245e-9``)."""
    d = round_sig(x, digits)
    if d == 0 or _PLAIN_RANGE[0] < d.adjusted() < _PLAIN_RANGE[1]:
        return _strip(format(d, "f"))
    mantissa, exponent = _scientific(d)
    return f"{mantissa}e{exponent}"


def tex(x: Real) -> str:
    """An exact number as LaTeX: integers and finite decimals plainly, other fractions as \\frac."""
    if isinstance(x, Fraction) and Fraction(dec(x)) != x:
        sign = "-" if x < 0 else ""
        return f"{sign}\\frac{{{abs(x.numerator)}}}{{{x.denominator}}}"
    return plain(x)


def typed(x: Real) -> str:
    """An exact number the way the answer parser reads it (``5/3``, ``0.01``, ``-2``)."""
    if isinstance(x, Fraction) and Fraction(dec(x)) != x:
        return f"{x.numerator}/{x.denominator}"
    return plain(x)


def signed(x: Real) -> str:
    """``x`` with its sign as a term after another (``+ 3``, ``- 0.5``), for sums written out."""
    text = tex(x)
    return f"- {text[1:]}" if text.startswith("-") else f"+ {text}"


def paren(x: Real) -> str:
    """``x`` in LaTeX, bracketed when negative so that it can stand after an operator."""
    text = tex(x)
    return f"({text})" if text.startswith("-") else text
