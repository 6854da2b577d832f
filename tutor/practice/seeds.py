"""Seeds that give the same variant on every machine and every Python version.

``hash()`` is salted per process and numpy's generators are not promised to
stay the same across releases, so a family's random draws come from
``random.Random`` (whose integer methods are stable) seeded with an integer
taken from SHA-256 of the family id and the student's seed.
"""

from __future__ import annotations

import hashlib
import random

#: seeds a student can type and a sheet can print: non-negative, at most 18 digits
MAX_SEED = 10**18 - 1


def stable_seed(family_id: str, seed: int) -> int:
    """A 64-bit integer that depends only on the family id and the seed."""
    digest = hashlib.sha256(f"dltutor-practice:{family_id}:{seed}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def rng_for(family_id: str, seed: int) -> random.Random:
    """The generator a family draws its numbers from for ``seed``."""
    return random.Random(stable_seed(family_id, seed))


def fresh_seed() -> int:
    """A new seed for a fresh variant (from the OS, so two sessions do not repeat each other)."""
    return random.SystemRandom().randrange(1_000_000)
