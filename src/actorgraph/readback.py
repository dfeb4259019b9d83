"""A base for sequences of records that are made when read, from a file or from columns.

The build keeps its largest collections (resolved mentions, edges) out of the Python heap and
hands them on as sequences like these. Each compares equal to a list or tuple of the same
records, and pickles as a tuple of them, so a copy in another process does not depend on the
file or the columns.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence
from typing import Any, TypeVar

__all__ = ["ReadBack"]

T = TypeVar("T")


class ReadBack(Sequence[T]):
    """Subclasses give ``__len__``, ``__iter__`` and :meth:`_item`."""

    @abstractmethod
    def _item(self, index: int) -> T:
        """Item ``index``, ``0 <= index < len(self)``."""

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return tuple(self._item(i) for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._item(index)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple:
        return (tuple, (tuple(self),))
