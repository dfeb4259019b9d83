"""Records kept on disk instead of in memory, read back a block at a time.

A build keeps one resolved mention for every mention of the corpus that names an actor (about
twenty per article) and every event with its evidence sentences: both grow with the corpus, while
only the graph stage and the output writers read them, in a fixed order. :class:`MentionSpill`
writes each document's mentions as one compressed block (rows of fields, :mod:`marshal`) to an
anonymous temporary file as they are resolved, and reads the blocks back in (document, start, end)
order, so only one document's mentions are in memory at a time. :class:`EventSpill` does the same
for events, rewritten into blocks in id order once they are all made.

The file is read with ``os.pread``, which moves no shared file offset: output writers forked
from the build read it at the same time (where there is no ``os.pread`` there is no fork
either, and it is read by seeking). On POSIX systems it has no name, so the operating system
removes it when the last process holding it ends, even one that is killed.
"""

from __future__ import annotations

import dataclasses
import marshal
import operator
import os
import re
import tempfile
import zlib
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from .readback import ReadBack
from .records import Event, Evidence, Mention

#: A mention's fields as a tuple of scalars (every field of a ``Mention`` is one), for marshal.
_MENTION_FIELDS = tuple(f.name for f in dataclasses.fields(Mention))
_fields = operator.attrgetter(*_MENTION_FIELDS)
_ACTOR_AT, _LABEL_AT = _MENTION_FIELDS.index("actor"), _MENTION_FIELDS.index("label")

__all__ = ["EventSpill", "MentionSpill", "RowFile", "event_ids", "in_document_order", "in_id_order"]


class _Scratch:
    """An anonymous temporary file that is appended to and read at offsets."""

    def __init__(self, prefix: str) -> None:
        # Held for the owner's lifetime; closed (and so removed) when it is collected.
        self._file = tempfile.TemporaryFile(prefix=prefix)  # noqa: SIM115
        self.end = 0
        self._unflushed = False

    def append(self, data: bytes) -> int:
        """Write ``data`` at the end; its offset."""
        offset = self.end
        self._file.seek(offset)  # a read without os.pread may have moved the offset
        self._file.write(data)
        self.end += len(data)
        self._unflushed = True
        return offset

    def read(self, offset: int, size: int) -> bytes:
        if self._unflushed:
            self._file.flush()
            self._unflushed = False
        if hasattr(os, "pread"):
            return os.pread(self._file.fileno(), size, offset)
        # no os.pread (Windows): no fork either, so no other process shares the offset
        self._file.seek(offset)
        return self._file.read(size)

    def close(self) -> None:
        self._file.close()


class RowFile:
    """Rows (anything :mod:`marshal` writes: scalars, and tuples, lists and sets of them) on
    disk, appended and read back by number in any order.

    For records that wait for a corpus-wide step and are then read once, a few at a time.

    Examples
    --------
    >>> rows = RowFile()
    >>> rows.append(("a", 1)), rows.append(("b", (2, 3)))
    (0, 1)
    >>> rows[1], len(rows)
    (('b', (2, 3)), 2)
    """

    def __init__(self, prefix: str = "actorgraph-rows-") -> None:
        self._file = _Scratch(prefix)
        #: Where each row starts; a row ends where the next one starts.
        self._starts = array("q")

    def append(self, row: object) -> int:
        """Write ``row``; its number."""
        self._starts.append(self._file.append(marshal.dumps(row, 4)))
        return len(self._starts) - 1

    def __getitem__(self, number: int) -> Any:
        if number < 0:
            number += len(self._starts)
        if not 0 <= number < len(self._starts):
            raise IndexError("row number out of range")
        start = self._starts[number]
        end = self._starts[number + 1] if number + 1 < len(self._starts) else self._file.end
        return marshal.loads(self._file.read(start, end - start))

    def __len__(self) -> int:
        return len(self._starts)

    def close(self) -> None:
        self._file.close()


def _block(doc_id: str, rows: list[tuple]) -> tuple[str, bytes, int]:
    """One document's mention rows (fields in ``Mention`` order) as one compressed block."""
    return doc_id, zlib.compress(marshal.dumps(rows, 4), 1), len(rows)


class MentionSpill(ReadBack[Mention]):
    """Mentions on disk, a sequence in (doc_id, start, end) order.

    Examples
    --------
    >>> from actorgraph.records import Mention
    >>> spill = MentionSpill()
    >>> spill.append_document([Mention("b", 0, 4, 9, "Kyiv", "GPE", "en", "ner")])
    >>> spill.append_document([Mention("a", 0, 0, 5, "Minsk", "GPE", "en", "ner")])
    >>> [m.doc_id for m in spill]
    ['a', 'b']
    """

    def __init__(self, mentions: Iterable[Mention] = ()) -> None:
        self._file = _Scratch("actorgraph-mentions-")
        #: ``(doc_id, offset, size)`` of each block, in the order written.
        self._blocks: list[tuple[str, int, int]] = []
        self._length = 0
        by_document: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            by_document[m.doc_id].append(m)
        for block in by_document.values():
            self.append_document(block)

    def append_document(self, mentions: Sequence[Mention]) -> None:
        """Store one document's mentions (all with the same ``doc_id``) as one block."""
        if mentions:
            self.append_block(_block(mentions[0].doc_id, [_fields(m) for m in mentions]))

    def append_resolved(self, mentions: Sequence[Mention], resolved: Sequence[tuple[str, str]]) -> None:
        """Store one document's mentions, each with the ``(actor, label)`` of ``resolved``.

        The same as :meth:`append_document` of ``replace(m, actor=actor, label=label)`` for each,
        without making those records: a corpus has hundreds of thousands of mentions, and a
        ``replace`` costs ten times the row.
        """
        self.append_block(self.resolved_block(mentions, resolved))

    @staticmethod
    def resolved_block(
        mentions: Sequence[Mention], resolved: Sequence[tuple[str, str]]
    ) -> tuple[str, bytes, int] | None:
        """What :meth:`append_resolved` stores, for :meth:`append_block`: another process can
        make it."""
        rows = []
        for m, (actor, label) in zip(mentions, resolved, strict=True):
            row = list(_fields(m))
            row[_ACTOR_AT], row[_LABEL_AT] = actor, label
            rows.append(tuple(row))
        return _block(mentions[0].doc_id, rows) if rows else None

    def append_block(self, block: tuple[str, bytes, int] | None) -> None:
        """Store a block of :meth:`resolved_block` (``None``: a document without mentions)."""
        if block is not None:
            doc_id, data, count = block
            self._blocks.append((doc_id, self._file.append(data), len(data)))
            self._length += count

    def _read(self, offset: int, size: int) -> list[Mention]:
        return [Mention(*row) for row in marshal.loads(zlib.decompress(self._file.read(offset, size)))]

    def _documents(self) -> Iterator[list[Mention]]:
        """Each document's mentions, sorted, documents in id order."""
        blocks: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for doc_id, offset, size in self._blocks:
            blocks[doc_id].append((offset, size))
        for doc_id in sorted(blocks):
            mentions = [m for offset, size in blocks[doc_id] for m in self._read(offset, size)]
            # A stable sort, as sorting the whole list by (doc_id, start, end) would be.
            mentions.sort(key=lambda m: (m.start, m.end))
            yield mentions

    def __iter__(self) -> Iterator[Mention]:
        for mentions in self._documents():
            yield from mentions

    def __len__(self) -> int:
        return self._length

    def _item(self, index: int) -> Mention:
        for mentions in self._documents():
            if index < len(mentions):
                return mentions[index]
            index -= len(mentions)
        raise IndexError(index)  # pragma: no cover - the lengths agree

    def __repr__(self) -> str:
        return f"MentionSpill({self._length} mentions in {len(self._blocks)} blocks)"


#: An event's fields as a tuple of scalars and tuples, its evidence as rows too, for marshal.
_EVENT_FIELDS = tuple(f.name for f in dataclasses.fields(Event))
_EVIDENCE_AT = _EVENT_FIELDS.index("evidence")
_evidence_fields = operator.attrgetter(*(f.name for f in dataclasses.fields(Evidence)))


def _event_row(event: Event) -> tuple:
    row = [getattr(event, name) for name in _EVENT_FIELDS]
    row[_EVIDENCE_AT] = tuple(_evidence_fields(e) for e in event.evidence)
    return tuple(row)


def _event_from_row(row: list | tuple) -> Event:
    row = list(row)
    row[_EVIDENCE_AT] = tuple(Evidence(*e) for e in row[_EVIDENCE_AT])
    return Event(*row)


#: The ids :func:`actorgraph.events.event_id` makes: a prefix and a 64-bit number in hex.
_EVENT_ID = re.compile(r"ev:[0-9a-f]{16}")


class _SortKeys:
    """Event ids, held to sort by: as the 64-bit number each spells while every id has the
    form :func:`~actorgraph.events.event_id` gives (fixed-width lowercase hex sorts like the
    number), as strings from the first one that does not.

    A number costs 8 bytes where the string costs about 70.

    Examples
    --------
    >>> keys = _SortKeys()
    >>> for event_id in ("ev:00000000000000ff", "ev:0000000000000001"):
    ...     keys.append(event_id)
    >>> keys.order().tolist()
    [1, 0]
    >>> keys.append("ev:b"); keys.order().tolist()
    [1, 0, 2]
    """

    def __init__(self) -> None:
        self._numbers = array("Q")
        self._strings: list[str] | None = None

    def append(self, event_id: str) -> None:
        if self._strings is None:
            if _EVENT_ID.fullmatch(event_id):
                self._numbers.append(int(event_id[3:], 16))
                return
            self._strings = [f"ev:{number:016x}" for number in self._numbers]
            self._numbers = array("Q")
        self._strings.append(event_id)

    def order(self) -> np.ndarray:
        """Positions in id order; equal ids keep the order they came in."""
        if self._strings is not None:
            return np.array(sorted(range(len(self._strings)), key=self._strings.__getitem__), dtype=np.int64)
        return np.argsort(np.frombuffer(self._numbers, dtype=np.uint64), kind="stable")

    def taken(self, order: np.ndarray) -> np.ndarray | list[str]:
        """The ids at the positions ``order``: numbers (8 bytes each) while they can be."""
        if self._strings is not None:
            return [self._strings[i] for i in order.tolist()]
        return np.frombuffer(self._numbers, dtype=np.uint64)[order]


class EventSpill(ReadBack[Event]):
    """Events on disk, a sequence in id order (ids are unique).

    The events are written one by one as they come, then rewritten in id order into compressed
    blocks of :attr:`BLOCK` events; only the ids are in memory meanwhile.

    Examples
    --------
    >>> from actorgraph.records import Event, Evidence
    >>> said = (Evidence("d", 0, 0, 5, "Hello"),)
    >>> spill = EventSpill([Event("ev:b", "COOCCUR", None, None, None, ("x", "y")),
    ...                     Event("ev:a", "CONSULT", None, None, None, ("x", "y"), evidence=said)])
    >>> [e.id for e in spill], spill[0].evidence[0].text
    (['ev:a', 'ev:b'], 'Hello')
    """

    BLOCK = 256

    def __init__(self, events: Iterable[Event] = ()) -> None:
        unsorted = _Scratch("actorgraph-events-")
        ids = _SortKeys()
        offsets, sizes = array("q"), array("q")
        for event in events:
            data = marshal.dumps(_event_row(event), 4)
            ids.append(event.id)
            offsets.append(unsorted.append(data))
            sizes.append(len(data))
        order = ids.order()
        #: The ids in order, so a reader of ids alone need not decode the events.
        self._ids = ids.taken(order)
        del ids
        self._file = _Scratch("actorgraph-events-")
        #: ``offset, size`` of each block in the file; block ``b`` holds events ``b * BLOCK …``.
        self._offsets, self._sizes = array("q"), array("q")
        self._length = len(order)
        for first in range(0, len(order), self.BLOCK):
            rows = [
                marshal.loads(unsorted.read(offsets[i], sizes[i]))
                for i in order[first : first + self.BLOCK].tolist()
            ]
            data = zlib.compress(marshal.dumps(rows, 4), 1)
            self._offsets.append(self._file.append(data))
            self._sizes.append(len(data))
        unsorted.close()

    def _block(self, b: int) -> list[Event]:
        rows = marshal.loads(zlib.decompress(self._file.read(self._offsets[b], self._sizes[b])))
        return [_event_from_row(row) for row in rows]

    def __iter__(self) -> Iterator[Event]:
        for b in range(len(self._offsets)):
            yield from self._block(b)

    def __len__(self) -> int:
        return self._length

    def ids(self) -> list[str]:
        """The events' ids, in order, without reading the events."""
        if isinstance(self._ids, list):
            return list(self._ids)
        return [f"ev:{number:016x}" for number in self._ids.tolist()]

    def _item(self, index: int) -> Event:
        return self._block(index // self.BLOCK)[index % self.BLOCK]

    def __repr__(self) -> str:
        return f"EventSpill({self._length} events in {len(self._offsets)} blocks)"


def in_document_order(mentions: Sequence[Mention]) -> Iterable[Mention]:
    """``mentions`` sorted by (doc_id, start, end), without loading a spill whole."""
    if isinstance(mentions, MentionSpill):
        return mentions
    return sorted(mentions, key=lambda m: (m.doc_id, m.start, m.end))


def event_ids(events: Iterable[Event]) -> list[str]:
    """The ids of ``events``, in their order; a spill gives them without reading its events."""
    if isinstance(events, EventSpill):
        return events.ids()
    return [event.id for event in events]


def in_id_order(events: Sequence[Event]) -> Iterable[Event]:
    """``events`` sorted by id, without loading a spill whole."""
    if isinstance(events, EventSpill):
        return events
    return sorted(events, key=lambda e: e.id)
