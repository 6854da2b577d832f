"""Numbers as a text states them: every numeric token of a markdown text, with the rounding it implies.

``1.816 \\cdot 10^{-4}`` and ``10^{-5}`` are one number each; ``10 000`` is ten
thousand; a decimal comma is a decimal point; a stated value allows half a unit
of its last digit (``0.07065`` is 0.070645 … 0.070655).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SCI = r"(?P<mant>\d+(?:[.,]\d+)?)\s*\\cdot\s*10\^\{?(?P<exp>[-−]?\d+)\}?"
_POW10 = r"(?<![\d.])10\^\{(?P<exp2>[-−]\d+)\}"
_THOUSANDS = r"(?P<thou>\d{1,3}(?:[  ]\d{3})+)(?![\d.,])"
_PLAIN = r"(?P<num>\d+(?:[.,]\d+)?)"
TOKEN = re.compile(rf"(?<![\w.\\]){_SCI}|{_POW10}|(?<![\w.\\]){_THOUSANDS}|(?<![\w\\]){_PLAIN}")


@dataclass(frozen=True)
class Stated:
    """A number a text states: its text, value and the half-unit of its last digit."""

    text: str
    value: float
    half_unit: float

    def matches(self, true: float) -> bool:
        return abs(self.value - true) <= self.half_unit * (1 + 1e-9) + 1e-15


def _decimals(text: str) -> int:
    text = text.replace(",", ".")
    return len(text.split(".")[1]) if "." in text else 0


def stated_numbers(text: str) -> list[Stated]:
    """Every number in ``text`` (prose, formulas, tables), in order."""
    out = []
    for m in TOKEN.finditer(text):
        if m.group("mant") is not None:
            exp = int(m.group("exp").replace("−", "-"))
            mant = m.group("mant").replace(",", ".")
            out.append(Stated(m.group(0), float(mant) * 10.0**exp, 0.5 * 10.0 ** (exp - _decimals(mant))))
        elif m.group("exp2") is not None:
            exp = int(m.group("exp2").replace("−", "-"))
            out.append(Stated(m.group(0), 10.0**exp, 0.0))
        elif m.group("thou") is not None:
            out.append(Stated(m.group(0), float(re.sub(r"\D", "", m.group("thou"))), 0.5))
        else:
            num = m.group("num").replace(",", ".")
            out.append(Stated(m.group(0), float(num), 0.5 * 10.0 ** -_decimals(num) if "." in num else 0.0))
    return out
