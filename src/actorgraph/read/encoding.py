"""Turn bytes into text: BOMs first, then strict UTF-8, then cp1252."""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from typing import IO

from .. import errors
from ..errors import Skip

__all__ = ["decode", "decoded_lines"]

#: Bytes read at a time when a file is checked or split into lines without being held whole.
_BLOCK = 1 << 20
#: How much of the start of a text is checked for NUL bytes (bytes) and control characters.
_SAMPLE = 8192

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
    if b"\x00" in data[:_SAMPLE]:
        raise Skip(errors.BINARY)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise Skip(errors.UNDECODABLE) from exc
    _check_sample(text[:_SAMPLE])
    return text


def _check_sample(sample: str) -> None:
    if sample and sum(ord(ch) in _CONTROL for ch in sample) > len(sample) * 0.01:
        raise Skip(errors.BINARY)


def _decodes(open_binary: Callable[[], IO[bytes]], codec: str, skip: int) -> bool:
    """Does the whole stream decode with ``codec``? Read a block at a time, nothing kept."""
    decoder = codecs.getincrementaldecoder(codec)()
    with open_binary() as handle:
        handle.read(skip)
        try:
            while block := handle.read(_BLOCK):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def decoded_lines(open_binary: Callable[[], IO[bytes]]) -> Iterator[str] | None:
    """The ``\n``-separated lines of a stream, decoded as :func:`decode` decodes the whole text,
    without ever holding the whole text; ``None`` for UTF-16, whose lines can't be split as bytes.

    ``open_binary`` opens the stream afresh: it is read once to choose the encoding, once for
    the lines. Raises :class:`Skip` as :func:`decode` does.
    """
    with open_binary() as handle:
        head = handle.read(4 * _SAMPLE)  # at least _SAMPLE characters in any of the encodings
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    skip = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
    if skip:
        if not _decodes(open_binary, "utf-8", skip):
            raise Skip(errors.UNDECODABLE)
        codec = "utf-8"
    else:
        if b"\x00" in head[:_SAMPLE]:
            raise Skip(errors.BINARY)
        codec = next((c for c in ("utf-8", "cp1252") if _decodes(open_binary, c, 0)), None)
        if codec is None:
            raise Skip(errors.UNDECODABLE)
        _check_sample(codecs.getincrementaldecoder(codec)().decode(head)[:_SAMPLE])
    return _lines(open_binary, codec, skip)


def _lines(open_binary: Callable[[], IO[bytes]], codec: str, skip: int) -> Iterator[str]:
    with open_binary() as handle:
        handle.read(skip)
        for line in handle:  # split at b"\n": no byte of a UTF-8 or cp1252 character is one
            yield line.decode(codec)
