"""Edges as columns: a sequence of :class:`~actorgraph.records.Edge` that makes each one when read.

A corpus of 20,000 news articles gives over half a million edges. As records, each costs about
150 bytes (the object, its weight, its tuple of event ids); as columns (two actor positions, a
kind, a weight, and a run of event positions in one shared array) about 25. The writers read
the edges once, in (source, target, kind) order, which is the order the table keeps, so they
never hold more than one edge each.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import numpy as np

from ..readback import ReadBack
from ..records import Edge

__all__ = ["EdgeTable", "Link", "in_edge_order", "links", "table_column"]


def table_column(values: np.ndarray | array, code: str) -> array:
    """``values`` as the :class:`array.array` of type ``code`` a table keeps (its items read back
    as Python ints, quicker than numpy's): a copy, or ``values`` itself if it is one already.

    Examples
    --------
    >>> column = table_column(np.array([3, 1]), "i")
    >>> column, table_column(column, "i") is column
    (array('i', [3, 1]), True)
    """
    if isinstance(values, array) and values.typecode == code:
        return values
    column = array(code)
    contiguous = np.ascontiguousarray(values, dtype=np.int32 if code == "i" else np.int64)
    column.frombytes(memoryview(contiguous).cast("B"))  # one copy, no intermediate bytes
    return column


class EdgeTable(ReadBack[Edge]):
    """Edges sorted by (source, target, kind), stored as columns.

    Parameters
    ----------
    names : sequence of str
        Actor ids, sorted; ``source`` and ``target`` are positions in it.
    kinds : sequence of str
        Edge kinds, sorted; ``kind`` holds positions in it.
    source, target, kind, weight : numpy arrays of int
        One entry per edge, already in (source, target, kind) order.
    offsets : numpy array of int
        ``len + 1`` entries: edge ``i``'s events are ``events[offsets[i]:offsets[i + 1]]``.
    events : numpy array of int
        Positions in ``event_ids``.
    event_ids : sequence of str

    Examples
    --------
    >>> import numpy as np
    >>> table = EdgeTable(("a", "b"), ("event",), np.array([0]), np.array([1]), np.array([0]),
    ...                   np.array([2]), np.array([0, 2]), np.array([1, 0]), ("ev:1", "ev:2"))
    >>> list(table)
    [Edge(source='a', target='b', kind='event', weight=2, events=('ev:2', 'ev:1'))]
    """

    def __init__(
        self,
        names: Sequence[str],
        kinds: Sequence[str],
        source: np.ndarray,
        target: np.ndarray,
        kind: np.ndarray,
        weight: np.ndarray,
        offsets: np.ndarray,
        events: np.ndarray,
        event_ids: Sequence[str],
    ) -> None:
        self._names = tuple(names)
        self._kinds = tuple(kinds)
        self._event_ids = tuple(event_ids)
        self._source = table_column(source, "i")
        self._target = table_column(target, "i")
        self._kind = table_column(kind, "i")
        self._weight = table_column(weight, "q")
        self._offsets = table_column(offsets, "q")
        self._events = table_column(events, "i")

    def _link(self, i: int) -> Link:
        names = self._names
        return Link(
            names[self._source[i]], names[self._target[i]], self._kinds[self._kind[i]], self._weight[i]
        )

    def _item(self, i: int) -> Edge:
        ids = self._event_ids
        events = tuple([ids[e] for e in self._events[self._offsets[i] : self._offsets[i + 1]]])
        return Edge(*self._link(i), events)

    def __len__(self) -> int:
        return len(self._source)

    def columns(self, kind: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Source positions and target positions (32-bit) and weights of the edges of ``kind``,
        in order."""
        if kind not in self._kinds or not len(self):
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64)
        chosen = np.frombuffer(self._kind, dtype=np.int32) == self._kinds.index(kind)
        source = np.frombuffer(self._source, dtype=np.int32)[chosen]
        target = np.frombuffer(self._target, dtype=np.int32)[chosen]
        return source, target, np.frombuffer(self._weight, dtype=np.int64)[chosen]

    def __iter__(self) -> Iterator[Edge]:
        # The writers read every edge several times over: one loop over the columns, no call per edge.
        names, kinds, ids = self._names, self._kinds, self._event_ids
        events, offsets = self._events, self._offsets
        rows = zip(self._source, self._target, self._kind, self._weight, strict=True)
        for i, (s, t, k, w) in enumerate(rows):
            yield Edge(
                names[s], names[t], kinds[k], w, tuple([ids[e] for e in events[offsets[i] : offsets[i + 1]]])
            )

    def links(self) -> _Links:
        """The edges without their events, as :class:`Link` tuples (see :func:`links`)."""
        return _Links(self)

    def __repr__(self) -> str:
        return f"EdgeTable({len(self)} edges)"


class Link(NamedTuple):
    """An edge without its events: all that a layout or a degree count reads."""

    source: str
    target: str
    kind: str
    weight: int


class _Links(ReadBack[Link]):
    """An :class:`EdgeTable`'s edges as :class:`Link` tuples, made when read. A tuple costs a
    fraction of an :class:`~actorgraph.records.Edge` (a frozen record, with a tuple of event ids)."""

    def __init__(self, table: EdgeTable) -> None:
        self._table = table

    def __len__(self) -> int:
        return len(self._table)

    def _item(self, i: int) -> Link:
        return self._table._link(i)

    def __iter__(self) -> Iterator[Link]:
        table = self._table
        names, kinds = table._names, table._kinds
        for s, t, k, w in zip(table._source, table._target, table._kind, table._weight, strict=True):
            yield Link(names[s], names[t], kinds[k], w)


def in_edge_order(edges: Sequence[Edge]) -> Sequence[Edge]:
    """``edges`` sorted by (source, target, kind); an :class:`EdgeTable` already is."""
    if isinstance(edges, EdgeTable):
        return edges
    return sorted(edges, key=lambda e: (e.source, e.target, e.kind))


def links(edges: Sequence[Edge]) -> Sequence[Link] | Sequence[Edge]:
    """``edges`` for a reader of ``source``, ``target``, ``kind`` and ``weight`` only: an
    :class:`EdgeTable` gives light :class:`Link` tuples, any other sequence is returned as it is.

    Examples
    --------
    >>> table = EdgeTable(("a", "b"), ("event",), np.array([0]), np.array([1]), np.array([0]),
    ...                   np.array([2]), np.array([0, 1]), np.array([0]), ("ev:1",))
    >>> list(links(table))
    [Link(source='a', target='b', kind='event', weight=2)]
    """
    if isinstance(edges, EdgeTable):
        return edges.links()
    return edges
