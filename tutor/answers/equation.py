"""Answers written as equations: ``∇g = 2x``, ``tanh'(z) = 1 - tanh^2(z)``.

Students often copy the left-hand side from the question. Only the last side is
judged; the others are dropped as text, never parsed (they hold ∇, ∂ and primes
that are not part of the answer language).
"""

from __future__ import annotations

import re

_OPEN = "([{"
_CLOSE = ")]}"


def right_side(text: str) -> tuple[str, int]:
    """The part after the last top-level ``=`` and its offset in ``text``.

    A text with no top-level ``=`` comes back whole with offset 0. ``==``, ``<=``,
    ``>=``, ``!=`` and the in-place ``-=`` … are not equations and are left for the
    parser to reject.
    """
    depth = 0
    cuts: list[int] = []
    for i, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        elif char == "=" and depth == 0:
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            # ==, <=, >=, != compare, and -=, +=, *=, /= update in place (statements reads those)
            if before not in ("=", "<", ">", "!", "-", "−", "+", "*", "/") and after != "=":
                cuts.append(i)
    for cut in reversed(cuts):
        if text[cut + 1 :].strip():
            return text[cut + 1 :], cut + 1
    return text, 0


_APPROX = ("≈", "\\approx", "~", "≃")
_APPROX_START = frozenset(mark[0] for mark in _APPROX)


def judged_part(text: str) -> tuple[str, int]:
    """What to judge in ``text`` and its offset: the right-hand side of ``=``, then of ``≈``.

    ``5/3 ≈ 1.667`` is judged by its exact left side (the rounded right side is
    a courtesy); a leading ``≈1.667`` or ``~1.667`` by what follows it.
    """
    side, offset = right_side(text)
    depth = 0
    for i, char in enumerate(side):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0 and char in _APPROX_START:
            mark = next((m for m in _APPROX if side.startswith(m, i)), None)
            if mark is None:
                continue
            if side[:i].strip():
                return side[:i], offset
            return side[i + len(mark) :], offset + i + len(mark)
    return side, offset


#: the inside of a bracket that only gives an approximate value: "(≈ 1.667)", "(1,67)", "(~1.41…)"
_APPROXIMATE_VALUE = re.compile(
    r"\s*(?:(≈|~|≃|\\approx|approx\.?|прибл\.?|примерно|около)\s*)?"
    r"([-+−]?(?:[0-9]+(?:[.,][0-9]+)?|[.,][0-9]+))\s*(?:(?:…|\.\.\.)\s*)?")


def bracketed_tail(side: str) -> tuple[str, str, bool] | None:
    """``5/3 (1.667)`` → ("5/3 ", "1.667", False); ``√2 (≈1.41)`` → ("√2 ", "1.41", True); else None.

    A final bracket that holds only a number (maybe after ≈ or ~) and follows something:
    perhaps an approximate value of what precedes it. The bracket's start is found by one
    backward pass over the text.
    """
    body = side.rstrip().removesuffix(".").rstrip()
    if not body.endswith(")"):
        return None
    depth = 0
    for i in range(len(body) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(body[i], 0)
        if depth == 0:
            break
    else:
        return None
    head, inside = body[:i], body[i + 1 : -1]
    match = _APPROXIMATE_VALUE.fullmatch(inside)
    if match is None or not head.strip():
        return None
    return head, match.group(2), match.group(1) is not None
