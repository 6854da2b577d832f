"""Seeds that give the same variant on every machine and every Python version.

``hash()`` is salted per process and numpy's generators are not promised to
stay the same across releases, so a family draws its numbers from :class:`Draws`:
a ``random.Random`` seeded with an integer taken from SHA-256 of the family id
and the student's seed. Python promises only that ``Random.random()`` repeats
its sequence for a given integer seed (``randint``, ``choice`` and ``shuffle``
may change between versions), so every other draw here is built on
``random()`` alone, by rules this module fixes.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import MutableSequence, Sequence
from typing import TypeVar

T = TypeVar("T")

#: seeds a student can type and a sheet can print: non-negative, at most 18 digits
MAX_SEED = 10**18 - 1


def stable_seed(family_id: str, seed: int) -> int:
    """A 64-bit integer that depends only on the family id and the seed."""
    digest = hashlib.sha256(f"dltutor-practice:{family_id}:{seed}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


class Draws:
    """The random draws of one variant, with the method names of ``random.Random``."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    def random(self) -> float:
        """A float in [0, 1): the one draw Python keeps identical across versions."""
        return self._random.random()

    def below(self, n: int) -> int:
        """A whole number in [0, n)."""
        if n <= 0:
            raise ValueError("below() needs a positive bound")
        return min(int(self.random() * n), n - 1)

    def randrange(self, start: int, stop: int | None = None) -> int:
        if stop is None:
            start, stop = 0, start
        return start + self.below(stop - start)

    def randint(self, low: int, high: int) -> int:
        """A whole number from ``low`` to ``high``, both included."""
        return low + self.below(high - low + 1)

    def choice(self, items: Sequence[T]) -> T:
        if not items:
            raise IndexError("cannot choose from an empty sequence")
        return items[self.below(len(items))]

    def shuffle(self, items: MutableSequence[T]) -> None:
        """Fisher–Yates in place."""
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]


def draws_for(family_id: str, seed: int) -> Draws:
    """The draws a family makes for ``seed``."""
    return Draws(stable_seed(family_id, seed))


def fresh_seed() -> int:
    """A new seed for a fresh variant (from the OS, so two sessions do not repeat each other)."""
    return random.SystemRandom().randrange(1_000_000)
