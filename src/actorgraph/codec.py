"""Records to JSON and back, for the per-document store and for worker processes.

Frozen dataclasses become objects tagged with their type; tuples become lists. Decoding rebuilds
the same records, so a cached analysis is indistinguishable from a fresh one.
"""

from __future__ import annotations

import dataclasses
import json
import zlib
from typing import Any

from . import records

__all__ = ["decode", "dumps", "encode", "loads"]

_TYPES = {
    cls.__name__: cls
    for cls in (
        records.Analysis,
        records.Cue,
        records.Document,
        records.Mention,
        records.OffsetMap,
        records.Sentence,
        records.TimeExpression,
        records.Trigger,
    )
}


def encode(value: Any) -> Any:
    """A JSON-ready form of ``value`` (records, tuples, dicts, scalars)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            "@": type(value).__name__,
            **{f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)},
        }
    if isinstance(value, tuple | list):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    return value


def decode(value: Any) -> Any:
    """Inverse of :func:`encode`: lists come back as tuples, tagged objects as records."""
    if isinstance(value, list):
        return tuple(decode(v) for v in value)
    if isinstance(value, dict):
        if "@" in value:
            cls = _TYPES[value["@"]]
            return cls(**{k: decode(v) for k, v in value.items() if k != "@"})
        return {k: decode(v) for k, v in value.items()}
    return value


def dumps(value: Any) -> bytes:
    """Compressed JSON bytes of ``value``."""
    return zlib.compress(
        json.dumps(encode(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 3
    )


def loads(data: bytes) -> Any:
    return decode(json.loads(zlib.decompress(data).decode("utf-8")))
