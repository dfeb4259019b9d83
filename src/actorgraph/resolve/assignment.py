"""Which actor each mention names, in a few bytes a mention.

Resolution assigns every kept mention of the corpus to an actor, and the events pass looks the
assignment up mention by mention. A dict keyed by ``(doc_id, start, end)`` tuples costs about
130 bytes a mention (the tuple, two ints, the table entry); :class:`Assignment` keeps the same
mapping in flat integer arrays, about 28 bytes a mention, and looks a key up in a small table
of its document's mentions, made when that document is first asked for.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping

import numpy as np

__all__ = ["Assignment"]

MentionKey = tuple[str, int, int]
_LOW = (1 << 32) - 1


def _span(start: int, end: int) -> int:
    return (start << 32) | end


class Assignment(Mapping[MentionKey, str]):
    """A mapping ``(doc_id, start, end)`` → actor id that behaves like a dict filled by :meth:`add`.

    As in a dict, a key added twice keeps its first place in the iteration order and its
    last value.

    Examples
    --------
    >>> assignment = Assignment()
    >>> assignment.add(("d1", 0, 5), "kz")
    >>> assignment.add(("d1", 9, 16), "x:astana")
    >>> assignment[("d1", 9, 16)], assignment.get(("d2", 0, 5))
    ('x:astana', None)
    """

    def __init__(self) -> None:
        self._documents: list[str] = []
        self._document_number: dict[str, int] = {}
        self._actors: list[str] = []
        self._actor_number: dict[str, int] = {}
        # One entry per add, in the order added.
        self._doc = array("i")
        self._span = array("q")
        self._actor = array("i")
        self._index: tuple[array, array, array] | None = None
        self._distinct = 0
        # The last document looked up: span → position. Readers look up a document's mentions together.
        self._cached_doc = -1
        self._cached: dict[int, int] = {}

    def add(self, key: MentionKey, actor_id: str) -> None:
        doc_id, start, end = key
        doc = self._document_number.get(doc_id)
        if doc is None:
            doc = self._document_number[doc_id] = len(self._documents)
            self._documents.append(doc_id)
        actor = self._actor_number.get(actor_id)
        if actor is None:
            actor = self._actor_number[actor_id] = len(self._actors)
            self._actors.append(actor_id)
        self._doc.append(doc)
        self._span.append(_span(start, end))
        self._actor.append(actor)
        self._index = None
        self._cached_doc = -1

    def _sorted(self) -> tuple[array, array, array]:
        """Entries sorted by (document, span, order added), and where each document's run begins."""
        if self._index is None:
            doc = np.frombuffer(self._doc, dtype=np.int32) if len(self._doc) else np.zeros(0, np.int32)
            span = np.frombuffer(self._span, dtype=np.int64) if len(self._span) else np.zeros(0, np.int64)
            order = np.lexsort((np.arange(len(doc)), span, doc))
            spans = span[order]
            docs = doc[order]
            bounds = np.searchsorted(docs, np.arange(len(self._documents) + 1), side="left")
            same = (docs[1:] == docs[:-1]) & (spans[1:] == spans[:-1])
            self._distinct = len(docs) - int(same.sum())
            self._index = (
                array("q", spans.tobytes()) if len(spans) else array("q"),
                array("i", order.astype(np.int32).tobytes()) if len(order) else array("i"),
                array("q", bounds.astype(np.int64).tobytes()),
            )
        return self._index

    def _position(self, key: object) -> int | None:
        """Where the last value of ``key`` was added, or ``None``."""
        if not (isinstance(key, tuple) and len(key) == 3):
            return None
        doc_id, start, end = key
        doc = self._document_number.get(doc_id)
        if doc is None:
            return None
        if doc != self._cached_doc:
            spans, order, bounds = self._sorted()
            lo, hi = bounds[doc], bounds[doc + 1]
            # Sorted by (span, order added): a repeated span keeps its last position, as in a dict.
            self._cached = dict(zip(spans[lo:hi], order[lo:hi], strict=True))
            self._cached_doc = doc
        return self._cached.get(_span(start, end))

    def __getitem__(self, key: MentionKey) -> str:
        position = self._position(key)
        if position is None:
            raise KeyError(key)
        return self._actors[self._actor[position]]

    def get(self, key: MentionKey, default=None):
        position = self._position(key)
        return default if position is None else self._actors[self._actor[position]]

    def __contains__(self, key: object) -> bool:
        return self._position(key) is not None

    def __len__(self) -> int:
        self._sorted()
        return self._distinct

    def __iter__(self) -> Iterator[MentionKey]:
        repeated = len(self) != len(self._doc)
        seen: set[tuple[int, int]] = set()
        for doc, span in zip(self._doc, self._span, strict=True):
            if repeated:
                if (doc, span) in seen:
                    continue
                seen.add((doc, span))
            yield (self._documents[doc], span >> 32, span & _LOW)

    def __repr__(self) -> str:
        return f"Assignment({len(self)} mentions → {len(self._actors)} actors)"
