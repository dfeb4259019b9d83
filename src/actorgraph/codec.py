"""Records to bytes and back, for the per-document store and for worker processes.

A record becomes a list ``[type number, *field values]``; tuples stay tuples (a list in the
input is stored as a tuple); dicts and scalars stay what they are. The result is serialised with
:mod:`marshal` (format version 4, readable by every Python 3 since 3.4) and compressed with zlib.
Field values are stored by position, which keeps the bytes small and decoding quick: the build
decodes every stored analysis on each pass it makes over the corpus. Decoding rebuilds the same
records, so a cached analysis is indistinguishable from a fresh one.

:data:`FORMAT` names this layout; it is part of the store's pipeline fingerprint, so a store
written by another layout (or with records of other fields) is never read back.
"""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
import zlib
from typing import Any

from . import records

__all__ = ["FORMAT", "decode", "dumps", "encode", "loads"]

_CLASSES = (
    records.Analysis,
    records.Cue,
    records.Document,
    records.Mention,
    records.OffsetMap,
    records.Sentence,
    records.TimeExpression,
    records.Trigger,
)
_NUMBER = {cls: n for n, cls in enumerate(_CLASSES)}
_FIELDS = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in _CLASSES}


#: Each class's :func:`~actorgraph.records.slot_setter`: decoding makes hundreds of thousands of records.
_MAKE = tuple(records.slot_setter(cls) for cls in _CLASSES)

#: The layout's name: the record classes with their fields, in order.
FORMAT = (
    "marshal4:" + hashlib.sha256(repr([(c.__name__, _FIELDS[c]) for c in _CLASSES]).encode()).hexdigest()[:16]
)


def encode(value: Any) -> Any:
    """A marshal-ready form of ``value`` (records, tuples, lists, dicts, scalars)."""
    fields = _FIELDS.get(type(value))
    if fields is not None:
        return [_NUMBER[type(value)], *(encode(getattr(value, name)) for name in fields)]
    if isinstance(value, tuple | list):
        return tuple(encode(v) for v in value)
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


#: What :func:`decode` must look inside; everything else is returned as marshal gave it.
_NESTED = frozenset((list, tuple, dict))


def decode(value: Any) -> Any:
    """Inverse of :func:`encode`.

    Scalars are not passed to a call of their own: a stored analysis holds millions of them
    (offset maps, spans), and the build decodes every analysis on each pass over the store.
    """
    kind = type(value)
    if kind is list:
        return _MAKE[value[0]](*[decode(v) if type(v) in _NESTED else v for v in value[1:]])
    if kind is tuple:
        return tuple([decode(v) if type(v) in _NESTED else v for v in value])
    if kind is dict:
        return {k: decode(v) if type(v) in _NESTED else v for k, v in value.items()}
    return value


def dumps(value: Any) -> bytes:
    """Compressed bytes of ``value``."""
    return zlib.compress(marshal.dumps(encode(value), 4), 3)


def loads(data: bytes, *, without: frozenset[str] = frozenset()) -> Any:
    """Inverse of :func:`dumps`.

    ``without`` names fields of the outer record that are left empty (``()``) instead of
    decoded: a pass that reads only part of each analysis need not rebuild the rest, and the
    sentences and cues are most of an analysis's records.

    Examples
    --------
    >>> from actorgraph.records import Analysis, Document, Sentence
    >>> stored = dumps(Analysis(Document("d", "d.txt", "Hi."), sentences=(Sentence(0, 0, 3, "Hi."),)))
    >>> loads(stored).sentences
    (Sentence(index=0, start=0, end=3, text='Hi.'),)
    >>> loads(stored, without=frozenset({"sentences"})).sentences
    ()
    """
    value = marshal.loads(zlib.decompress(data))
    if without:
        fields = _FIELDS[_CLASSES[value[0]]]
        unknown = without.difference(fields)
        if unknown:
            raise ValueError(f"no such fields: {sorted(unknown)}")
        value = [value[0], *(() if name in without else v for name, v in zip(fields, value[1:], strict=True))]
    return decode(value)
