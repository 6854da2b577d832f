"""The checker's per-item caches stay bounded while practice variants keep making fresh items."""

from __future__ import annotations

import gc
import weakref

from tutor.answers import check_answer, judge
from tutor.answers.itemcache import ItemCache
from tutor.practice import load_families


def test_a_practice_session_does_not_grow_the_caches() -> None:
    """Variants of every family for many seeds: each cache holds at most its size, and old items are freed."""
    families = load_families()
    first = families[0].variant(0).item
    freed = weakref.ref(first)
    assert check_answer(first, "1", "en").status != "error"
    del first
    for seed in range(12):
        for family in families:
            variant = family.variant(seed)
            assert check_answer(variant.item, "1", "en").status != "error"
    assert len(judge._static_cache) <= judge._static_cache.size
    assert len(judge._numeric_cache) <= judge._numeric_cache.size
    gc.collect()
    assert freed() is None, "an evicted item is still held by a cache"


def test_a_hit_is_the_same_item_and_an_evicted_one_is_recomputed() -> None:
    calls: list[object] = []
    cache: ItemCache[object, int] = ItemCache(size=2)

    def compute(item: object) -> int:
        calls.append(item)
        return len(calls)

    a, b, c = object(), object(), object()
    assert cache.get(a, compute) == 1 and cache.get(a, compute) == 1
    cache.get(b, compute)
    cache.get(a, compute)  # a is now the most recent: b goes first
    cache.get(c, compute)
    assert len(cache) == 2
    assert cache.get(a, compute) == 1  # still cached
    assert cache.get(b, compute) == 4  # evicted, computed again
    assert calls == [a, b, c, b]


def test_a_recycled_id_never_returns_another_items_values() -> None:
    """The key is id(item), but a hit must be the very object: a different object is computed afresh."""
    cache: ItemCache[object, str] = ItemCache(size=4)
    first = [1]
    cache.get(first, lambda item: "first")
    key = id(first)
    stranger = [2]
    cache._entries[id(stranger)] = (first, "first")  # as if stranger had first's old id
    assert cache.get(stranger, lambda item: "stranger") == "stranger"
    assert key in cache._entries
