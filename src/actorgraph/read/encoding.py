"""Turn bytes into text: BOMs first, then strict UTF-8, then cp1252."""

from __future__ import annotations

import codecs

from .. import errors
from ..errors import Skip

__all__ = ["decode"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, newline, carriage return and form feed never occur in articles.
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)}


def decode(data: bytes) -> str:
    """Decode an article's bytes, or raise :class:`Skip` for binary or undecodable data.

    Examples
    --------
    >>> decode("Grüße".encode("cp1252"))
    'Grüße'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise Skip(errors.UNDECODABLE) from exc
    if b"\x00" in data[:8192]:
        raise Skip(errors.BINARY)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise Skip(errors.UNDECODABLE) from exc
    sample = text[:8192]
    if sample and sum(ord(ch) in _CONTROL for ch in sample) > len(sample) * 0.01:
        raise Skip(errors.BINARY)
    return text
