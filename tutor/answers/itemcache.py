"""A small least-recently-used cache of per-item work (parsed references, sample points).

The course has 16 items, but every practice variant (33 families, any seed) is a
fresh item object, so a cache that kept every item would grow for as long as a
session generates variants. Entries are keyed by ``id(item)`` and hold the item
itself: while an entry lives its id cannot be reused by another object, and a
hit is confirmed by identity, so a recycled id can never return another item's
values.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

#: entries kept per cache: every course item and a long practice session's recent variants
DEFAULT_SIZE = 256


class ItemCache(Generic[K, V]):
    """``get(item, compute)``: ``compute(item)`` once per item while it stays among the ``size`` most recent."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[int, tuple[K, V]] = OrderedDict()

    def get(self, item: K, compute: Callable[[K], V]) -> V:
        key = id(item)
        entry = self._entries.get(key)
        if entry is not None and entry[0] is item:
            self._entries.move_to_end(key)
            return entry[1]
        value = compute(item)
        self._entries[key] = (item, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        self._entries.clear()
