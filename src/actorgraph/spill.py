"""Records kept on disk instead of in memory, read back a block at a time.

A build keeps one resolved mention for every mention of the corpus that names an actor: about
twenty per article, so the list grows with the corpus while nothing but ``mentions.csv`` reads
it, once, in (document, start, end) order. :class:`MentionSpill` writes each document's
mentions as one compressed block (rows of fields, :mod:`marshal`) to an anonymous temporary file as
they are resolved, and reads the blocks back in that order, so only one document's mentions
are in memory at a time.

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
import tempfile
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

from .readback import ReadBack
from .records import Mention

#: A mention's fields as a tuple of scalars (every field of a ``Mention`` is one), for marshal.
_fields = operator.attrgetter(*(f.name for f in dataclasses.fields(Mention)))

__all__ = ["MentionSpill", "in_document_order"]


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
        # Held for the spill's lifetime; closed (and so removed) when the spill is collected.
        self._file = tempfile.TemporaryFile(prefix="actorgraph-mentions-")  # noqa: SIM115
        #: ``(doc_id, offset, size)`` of each block, in the order written.
        self._blocks: list[tuple[str, int, int]] = []
        self._end = 0
        self._length = 0
        self._unflushed = False
        by_document: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            by_document[m.doc_id].append(m)
        for block in by_document.values():
            self.append_document(block)

    def append_document(self, mentions: Sequence[Mention]) -> None:
        """Store one document's mentions (all with the same ``doc_id``) as one block."""
        if not mentions:
            return
        data = zlib.compress(marshal.dumps([_fields(m) for m in mentions], 4), 1)
        self._file.seek(self._end)  # a read without os.pread may have moved the offset
        self._file.write(data)
        self._blocks.append((mentions[0].doc_id, self._end, len(data)))
        self._end += len(data)
        self._length += len(mentions)
        self._unflushed = True

    def _read(self, offset: int, size: int) -> list[Mention]:
        if self._unflushed:
            self._file.flush()
            self._unflushed = False
        if hasattr(os, "pread"):
            data = os.pread(self._file.fileno(), size, offset)
        else:  # no os.pread (Windows): no fork either, so no other process shares the offset
            self._file.seek(offset)
            data = self._file.read(size)
        return [Mention(*row) for row in marshal.loads(zlib.decompress(data))]

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


def in_document_order(mentions: Sequence[Mention]) -> Iterable[Mention]:
    """``mentions`` sorted by (doc_id, start, end), without loading a spill whole."""
    if isinstance(mentions, MentionSpill):
        return mentions
    return sorted(mentions, key=lambda m: (m.doc_id, m.start, m.end))
