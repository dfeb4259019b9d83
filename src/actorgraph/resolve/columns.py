"""The corpus's mentions held as columns while resolution works on them.

Resolution reads every mention of the corpus more than once: document by document, then in
passes over the whole corpus, then cluster by cluster. Held as :class:`~actorgraph.records.Mention`
objects, a mention costs about 260 bytes (the object, its text, two offsets as int objects),
and because each is decoded together with the rest of its analysis, the survivors pin memory
the analysis gave back. :class:`MentionColumns` keeps each field in a flat array instead:
offsets as machine integers, strings as numbers into a table of the field's distinct values,
each array in the narrowest integer type that holds it. That is about 28 bytes a mention
(4 for its document, 4 for its text, a byte for each of eight fields with few values, 4 for
each offset) plus the distinct strings.

A :class:`Mention` is made again when it is asked for; resolution makes those of the document
it works on together (:meth:`MentionColumns.make`) and holds them while it does.
"""

from __future__ import annotations

import dataclasses
from array import array
from collections.abc import Hashable, Iterable, Iterator, Sequence
from operator import attrgetter
from typing import Any

import numpy as np

from ..ranking import sorted_ranks
from ..records import Mention, slot_setter

__all__ = ["MentionColumns"]

_FIELDS = tuple(f.name for f in dataclasses.fields(Mention))
#: Fields stored as machine integers; every other field is a string or None, stored by number.
_INTEGER_FIELDS = frozenset(("sentence", "start", "end"))
_make_mention = slot_setter(Mention)


class _Numbers(dict):
    """Value → its number in ``values``; a value not seen before is appended and numbered."""

    def __init__(self) -> None:
        super().__init__({None: 0})
        self.values: list[Any] = [None]

    def __missing__(self, value: Hashable) -> int:
        number = self[value] = len(self.values)
        self.values.append(value)
        return number


#: Machine integer types from the narrowest, with the range each holds.
_TYPECODES = tuple(
    (code, -(1 << (8 * size - 1)), (1 << (8 * size - 1)) - 1)
    for code, size in (("b", 1), ("h", 2), ("i", 4), ("q", 8))
)


class _Column:
    """Integers in the narrowest machine type that holds every one of them so far.

    Most of a mention's fields take a handful of values (its label, language, source), so their
    numbers fit in one byte; a column is widened when a value does not fit.

    Examples
    --------
    >>> column = _Column()
    >>> column.extend([1, 2]); column.values.typecode
    'b'
    >>> column.extend([300]); column.values.typecode, column.values.tolist()
    ('h', [1, 2, 300])
    """

    __slots__ = ("values",)

    def __init__(self) -> None:
        self.values = array("b")

    def extend(self, items: Sequence[int]) -> None:
        if not items:
            return
        low, high = min(items), max(items)
        code = next((c for c, smallest, largest in _TYPECODES if smallest <= low and high <= largest), None)
        if code is None:
            raise OverflowError(f"{high if high > 0 else low} does not fit in 64 bits")
        values = self.values
        if values.itemsize < array(code).itemsize:
            values = self.values = array(code, values)
        values.extend(items)

    def array(self) -> np.ndarray:
        """The column as a numpy array (a view, not a copy)."""
        return np.frombuffer(self.values, dtype=self.values.typecode) if self.values else np.zeros(0, np.int8)


class MentionColumns(Sequence[Mention]):
    """A sequence of mentions stored field by field.

    Items compare equal to the mentions added; they are new objects made on each access.

    Examples
    --------
    >>> columns = MentionColumns()
    >>> columns.extend([Mention("d1", 0, 0, 7, "Tokajew", "PERSON", "de")])
    range(0, 1)
    >>> columns[0].text, list(columns.column("label"))
    ('Tokajew', ['PERSON'])
    """

    def __init__(self) -> None:
        self._size = 0
        self._columns = {name: _Column() for name in _FIELDS}
        #: The table of distinct values of each field stored by number.
        self._numbers = {name: _Numbers() for name in _FIELDS if name not in _INTEGER_FIELDS}

    def __len__(self) -> int:
        return self._size

    def extend(self, mentions: Sequence[Mention]) -> range:
        """Add ``mentions`` at the end; returns their positions."""
        first = self._size
        for name, column in self._columns.items():
            values = list(map(attrgetter(name), mentions))
            numbers = self._numbers.get(name)
            column.extend(values if numbers is None else list(map(numbers.__getitem__, values)))
        self._size += len(mentions)
        return range(first, self._size)

    def _values(self, name: str, numbers: Iterable[int]) -> Iterator[Any]:
        table = self._numbers.get(name)
        return iter(numbers) if table is None else map(table.values.__getitem__, numbers)

    def __getitem__(self, i: int) -> Mention:  # type: ignore[override]
        if i < 0:
            i += self._size
        if not 0 <= i < self._size:
            raise IndexError("mention index out of range")
        return next(self.make(range(i, i + 1)))

    def pick(self, positions: Iterable[int]) -> list[Mention]:
        """The mentions at ``positions`` (each ≥ 0), in that order."""
        positions = list(positions)
        fields = (
            self._values(name, map(c.values.__getitem__, positions)) for name, c in self._columns.items()
        )
        return list(map(_make_mention, *fields))

    def __iter__(self) -> Iterator[Mention]:
        return self.make(range(self._size))

    def make(self, positions: range) -> Iterator[Mention]:
        """The mentions at ``positions`` (consecutive), made in one go."""
        begin, end = positions.start, positions.stop
        fields = [self._values(name, c.values[begin:end]) for name, c in self._columns.items()]
        return map(_make_mention, *fields)

    def integers(self, name: str) -> np.ndarray:
        """The integer field ``name`` (``sentence``, ``start`` or ``end``) as an array."""
        if name not in _INTEGER_FIELDS:
            raise KeyError(name)
        return self._columns[name].array()

    def ranks(self, name: str) -> np.ndarray:
        """Each mention's value of the string field ``name`` as its rank among the field's
        distinct values, sorted: comparing ranks compares the strings (no value may be None).

        Examples
        --------
        >>> columns = MentionColumns()
        >>> _ = columns.extend([Mention(d, 0, 0, 1, "x", "GPE", "en") for d in ("b", "a", "b")])
        >>> columns.ranks("doc_id").tolist()
        [1, 0, 1]
        """
        numbers = self._columns[name].array()
        table = self._numbers[name].values
        distinct = np.unique(numbers)
        rank = np.zeros(len(table), dtype=np.int32)
        rank[distinct] = sorted_ranks([table[number] for number in distinct.tolist()])
        return rank[numbers]

    def column(self, name: str) -> Iterator[Any]:
        """The values of field ``name``, in order, without making any mention."""
        return self._values(name, self._columns[name].values)
