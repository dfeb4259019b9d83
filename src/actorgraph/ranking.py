"""Strings replaced by their places in sorted order, so that arrays can be sorted instead.

Several stages sort many records by string keys (actor ids, document ids, event ids). Python
objects per record cost tens of bytes each; a 32-bit rank per record costs four, and comparing
ranks compares the strings.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["sorted_ranks"]


def sorted_ranks(values: Sequence[str]) -> np.ndarray:
    """The rank of each of ``values`` (distinct) in their sorted order, as 32-bit integers.

    Examples
    --------
    >>> sorted_ranks(["kz", "af", "uz"]).tolist()
    [1, 0, 2]
    """
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = np.empty(len(values), dtype=np.int32)
    ranks[np.array(order, dtype=np.int64)] = np.arange(len(values), dtype=np.int32)
    return ranks
