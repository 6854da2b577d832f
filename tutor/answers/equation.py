"""Answers written as equations: ``∇g = 2x``, ``tanh'(z) = 1 - tanh^2(z)``.

Students often copy the left-hand side from the question. Only the last side is
judged; the others are dropped as text, never parsed (they hold ∇, ∂ and primes
that are not part of the answer language).
"""

from __future__ import annotations

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
