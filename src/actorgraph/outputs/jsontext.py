"""JSON text for the writers: the bytes :func:`json.dumps` gives, made with less work.

``json.dumps`` with any option builds a new encoder per call, and with ``indent`` it runs the
pure-Python encoder. The writers call it hundreds of thousands of times on a large graph, so
they use the encoders below instead; each gives exactly the text of the ``json.dumps`` call
named in its docstring (``tests/test_jsontext.py`` compares them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from json.encoder import encode_basestring
from typing import Any

__all__ = ["compact", "indented", "plain", "plain_list"]

#: ``json.dumps(value, ensure_ascii=False)``.
plain = json.JSONEncoder(ensure_ascii=False).encode

#: ``json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)``.
compact = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode

#: A character that JSON must escape inside a string (``ensure_ascii=False``).
_ESCAPED_IN_STRING = re.compile(r'["\\\x00-\x1f]')


def plain_list(values: Iterable[Any]) -> str:
    """``json.dumps(list(values), ensure_ascii=False)``.

    The writers encode a list per row (event ids, aliases, documents), nearly always of strings
    that need no escape; those are joined directly instead of going through the encoder.

    Examples
    --------
    >>> plain_list(("ev:1", "ev:2")), plain_list(['say "hi"', 3])
    ('["ev:1", "ev:2"]', '["say \\\\"hi\\\\"", 3]')
    """
    items = list(values)
    if items and all(type(item) is str for item in items) and not _ESCAPED_IN_STRING.search("".join(items)):
        return '["' + '", "'.join(items) + '"]'
    return plain(items)


_SPECIAL_FLOATS = {float("inf"): "Infinity", float("-inf"): "-Infinity"}


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    return _SPECIAL_FLOATS.get(value) or float.__repr__(value)


def _scalar(value: Any) -> str | None:
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    return None


def _indented(value: Any, depth: int) -> str:
    kind = type(value)
    if kind is str:  # the commonest value, tested first
        return encode_basestring(value)
    if kind is not dict and kind is not list and kind is not tuple:
        text = _scalar(value)
        if text is not None:
            return text
    inner = "\n" + " " * (depth + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        members = []
        for key in sorted(value):
            if not isinstance(key, str):
                raise TypeError("only str keys")
            item = value[key]
            kind = type(item)  # strings and integers, most of a record's values, without a call
            if kind is str:
                text = encode_basestring(item)
            elif kind is int:
                text = int.__repr__(item)
            else:
                text = _indented(item, depth + 1)
            members.append(encode_basestring(key) + ": " + text)
        return "{" + inner + ("," + inner).join(members) + "\n" + " " * depth + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        try:  # a list of strings (ids, names) without a call per item
            body = ("," + inner).join(map(encode_basestring, value))
        except TypeError:  # not all strings
            body = ("," + inner).join(_indented(v, depth + 1) for v in value)
        return "[" + inner + body + "\n" + " " * depth + "]"
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def indented(value: Any, *, depth: int = 0) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)``, written ``depth`` levels down.

    Being ``depth`` levels down means every line after the first is indented by ``depth`` more
    spaces, as where the value sits inside a larger indented document.

    Examples
    --------
    >>> print(indented({"b": [1, 2.5], "a": None}))
    {
     "a": null,
     "b": [
      1,
      2.5
     ]
    }
    """
    try:
        return _indented(value, depth)
    except TypeError:  # what only the general encoder handles (non-str keys), or its own error
        text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
        return text.replace("\n", "\n" + " " * depth)  # strings never hold a raw newline
