"""The corpus's mentions held as columns while resolution works on them.

Resolution reads every mention of the corpus more than once: document by document, then in
passes over the whole corpus, then cluster by cluster. Held as :class:`~actorgraph.records.Mention`
objects, a mention costs about 260 bytes (the object, its text, two offsets as int objects),
and because each is decoded together with the rest of its analysis, the survivors pin memory
the analysis gave back. :class:`MentionColumns` keeps each field in a flat array instead:
offsets as machine integers, strings as numbers into one table of the distinct values. That is
about 64 bytes a mention plus the distinct strings, in two large blocks.

A :class:`Mention` is made again when it is asked for; resolution makes those of the document
it works on together (:meth:`MentionColumns.make`) and holds them while it does.
"""

from __future__ import annotations

import dataclasses
from array import array
from collections.abc import Hashable, Iterable, Iterator, Sequence
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Any

import numpy as np

from ..ranking import sorted_ranks
from ..records import Mention

__all__ = ["MentionColumns"]

_FIELDS = tuple(f.name for f in dataclasses.fields(Mention))
#: Fields stored as machine integers; every other field is a string or None, stored by number.
_INTEGER_FIELDS = ("sentence", "start", "end")
_NUMBERED_FIELDS = tuple(name for name in _FIELDS if name not in _INTEGER_FIELDS)
#: Picks a mention's fields, in their order, out of ``(*numbered values, *integers)``.
_IN_FIELD_ORDER = itemgetter(*[(_NUMBERED_FIELDS + _INTEGER_FIELDS).index(name) for name in _FIELDS])
_WIDTH, _COUNT = len(_NUMBERED_FIELDS), len(_INTEGER_FIELDS)


class _Numbers(dict):
    """Value → its number in ``values``; a value not seen before is appended and numbered."""

    def __init__(self, values: list[Any]):
        super().__init__({None: 0})
        self.values = values

    def __missing__(self, value: Hashable) -> int:
        number = self[value] = len(self.values)
        self.values.append(value)
        return number


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
        self._values: list[Any] = [None]
        self._numbers = _Numbers(self._values)
        # Row after row: a mention's numbered fields, then its integers.
        self._numbered = array("i")
        self._integers = array("q")

    def __len__(self) -> int:
        return len(self._integers) // _COUNT

    def extend(self, mentions: Sequence[Mention]) -> range:
        """Add ``mentions`` at the end; returns their positions."""
        first = len(self)
        rows = map(attrgetter(*_NUMBERED_FIELDS), mentions)
        self._numbered.extend(map(self._numbers.__getitem__, chain.from_iterable(rows)))
        self._integers.extend(chain.from_iterable(map(attrgetter(*_INTEGER_FIELDS), mentions)))
        return range(first, len(self))

    def _make(self, i: int) -> Mention:
        numbered = map(self._values.__getitem__, self._numbered[i * _WIDTH : (i + 1) * _WIDTH])
        return Mention(*_IN_FIELD_ORDER((*numbered, *self._integers[i * _COUNT : (i + 1) * _COUNT])))

    def __getitem__(self, i: int) -> Mention:  # type: ignore[override]
        size = len(self._integers) // _COUNT
        if i < 0:
            i += size
        if not 0 <= i < size:
            raise IndexError("mention index out of range")
        return self._make(i)

    def pick(self, positions: Iterable[int]) -> list[Mention]:
        """The mentions at ``positions`` (each ≥ 0), in that order."""
        return list(map(self._make, positions))

    def __iter__(self) -> Iterator[Mention]:
        return self.make(range(len(self)))

    def make(self, positions: range) -> Iterator[Mention]:
        """The mentions at ``positions`` (consecutive), made in one go."""
        begin, end = positions.start, positions.stop
        width, count = len(_NUMBERED_FIELDS), len(_INTEGER_FIELDS)
        numbered = list(map(self._values.__getitem__, self._numbered[begin * width : end * width]))
        integers = self._integers[begin * count : end * count].tolist()
        for row in range(end - begin):
            values = (*numbered[row * width : (row + 1) * width], *integers[row * count : (row + 1) * count])
            yield Mention(*_IN_FIELD_ORDER(values))

    def integers(self, name: str) -> np.ndarray:
        """The integer field ``name`` (``sentence``, ``start`` or ``end``) as an array."""
        column = self._integers[_INTEGER_FIELDS.index(name) :: len(_INTEGER_FIELDS)]
        return np.frombuffer(column, dtype=np.int64) if column else np.zeros(0, dtype=np.int64)

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
        column = self._numbered[_NUMBERED_FIELDS.index(name) :: len(_NUMBERED_FIELDS)]
        numbers = np.frombuffer(column, dtype=np.int32) if column else np.zeros(0, dtype=np.int32)
        distinct = np.unique(numbers)
        rank = np.zeros(len(self._values), dtype=np.int32)
        rank[distinct] = sorted_ranks([self._values[number] for number in distinct.tolist()])
        return rank[numbers]

    def column(self, name: str) -> Iterator[Any]:
        """The values of field ``name``, in order, without making any mention."""
        if name in _INTEGER_FIELDS:
            return iter(self._integers[_INTEGER_FIELDS.index(name) :: len(_INTEGER_FIELDS)])
        return map(
            self._values.__getitem__, self._numbered[_NUMBERED_FIELDS.index(name) :: len(_NUMBERED_FIELDS)]
        )
