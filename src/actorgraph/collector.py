"""How often Python's cyclic garbage collector runs while a build does.

A build makes millions of small container objects (decoded analyses, mentions, reports, graph
rows) while it holds a large heap that lives until the end: the knowledge base's index, the
models, resolution's columns. With the interpreter's default threshold, a collection of the
youngest generation every 700 new containers, the collector runs hundreds of times over a
rebuild of 2,000 articles, and every hundredth run walks the whole heap, which almost all
survives. Collecting the youngest generation every 20,000 containers instead leaves the
garbage that cycles make (little: the build's records hold no cycles) for a few milliseconds
longer and spares most of those walks (docs/performance.md, twenty-ninth round).

Forked processes (annotation workers, output writers) inherit the setting.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["YOUNG_GENERATION_THRESHOLD", "fewer_collections"]

#: New containers between two collections of the youngest generation during a build.
YOUNG_GENERATION_THRESHOLD = 20_000


@contextmanager
def fewer_collections(threshold: int = YOUNG_GENERATION_THRESHOLD) -> Iterator[None]:
    """Collect the youngest generation at most every ``threshold`` new containers in the block.

    The older generations keep their thresholds, so they stay in proportion. A collector the
    caller has turned off (threshold 0) stays off, and the caller's thresholds come back when
    the block ends, however it ends. Also a decorator.

    Examples
    --------
    >>> import gc
    >>> before = gc.get_threshold()
    >>> with fewer_collections():
    ...     gc.get_threshold()[0] >= 20_000
    True
    >>> gc.get_threshold() == before
    True
    """
    before = gc.get_threshold()
    young = max(threshold, before[0]) if before[0] else 0
    gc.set_threshold(young, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
