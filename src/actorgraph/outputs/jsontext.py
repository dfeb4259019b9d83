"""JSON text for the writers: the bytes :func:`json.dumps` gives, made with less work.

``json.dumps`` with any option builds a new encoder per call, and with ``indent`` it runs the
pure-Python encoder. The writers call it hundreds of thousands of times on a large graph, so
they use the encoders below instead; each gives exactly the text of the ``json.dumps`` call
named in its docstring (``tests/test_jsontext.py`` compares them).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

__all__ = ["compact", "indented", "plain"]

#: ``json.dumps(value, ensure_ascii=False)``.
plain = json.JSONEncoder(ensure_ascii=False).encode

#: ``json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)``.
compact = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode

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
    text = _scalar(value)
    if text is not None:
        return text
    inner = "\n" + " " * (depth + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        if not all(isinstance(key, str) for key in value):
            raise TypeError("only str keys")
        items = (encode_basestring(key) + ": " + _indented(value[key], depth + 1) for key in sorted(value))
        return "{" + inner + ("," + inner).join(items) + "\n" + " " * depth + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = (_indented(v, depth + 1) for v in value)
        return "[" + inner + ("," + inner).join(items) + "\n" + " " * depth + "]"
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
