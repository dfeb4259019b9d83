"""Union–find over integer items: the clustering every merging stage uses.

The smallest index is always the root, so clusters are numbered the same way on every run.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable

__all__ = ["UnionFind"]


class UnionFind:
    """Disjoint sets of ``0 … n-1``, with optional keys that items meet through.

    Examples
    --------
    >>> uf = UnionFind(4)
    >>> uf.union(3, 1)
    1
    >>> uf.union_key(("name", "x"), 2)
    >>> uf.union_key(("name", "x"), 3)
    >>> [uf.find(i) for i in range(4)]
    [0, 1, 1, 1]
    """

    def __init__(self, n: int):
        # Machine integers: a list would hold an int object of 28 bytes for every item above 256.
        self.parent = array("q", range(n))
        self.by_key: dict[Hashable, int] = {}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> int:
        """Join the sets of ``a`` and ``b``; returns the root of the joined set."""
        ra, rb = self.find(a), self.find(b)
        root, other = min(ra, rb), max(ra, rb)
        self.parent[other] = root
        return root

    def union_key(self, key: Hashable, i: int) -> None:
        """Join ``i`` with the first item seen with ``key``."""
        if key in self.by_key:
            self.union(self.by_key[key], i)
        else:
            self.by_key[key] = i
