"""Language resources: the data files under ``data/lang/<code>/``.

Adding a language means adding a folder of data files, not editing code. Each file is YAML;
``common/`` holds what applies to every language and is merged under the language's own keys.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

__all__ = ["data_path", "language_codes", "load_resource", "load_wordlist"]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_path(*parts: str) -> Path:
    """Path of a packaged data file or folder."""
    return Path(str(resources.files("actorgraph").joinpath("data", *parts)))


@cache
def language_codes() -> tuple[str, ...]:
    """Languages that have a resource folder."""
    root = data_path("lang")
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and p.name != "common"))


@cache
def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader) or {}


@cache
def load_resource(name: str, lang: str | None = None) -> dict[str, Any]:
    """Merge ``common/<name>.yaml`` with ``<lang>/<name>.yaml``.

    Lists are concatenated and mappings updated, so a language extends the common data.
    With ``lang=None`` the resource is merged over every language (for rules that must run
    before the language is known, such as boilerplate lines).
    """
    langs = language_codes() if lang is None else (lang,)
    merged: dict[str, Any] = {}
    for code in ("common", *langs):
        for key, value in _read(data_path("lang", code, f"{name}.yaml")).items():
            if isinstance(value, list):
                merged[key] = [*merged.get(key, []), *value]
            elif isinstance(value, dict):
                merged[key] = {**merged.get(key, {}), **value}
            else:
                merged[key] = value
    return merged


@cache
def load_wordlist(name: str, lang: str) -> frozenset[str]:
    """A one-word-per-line list (``#`` comments) from ``<lang>/<name>.txt``, lowercased; empty if absent."""
    path = data_path("lang", lang, f"{name}.txt")
    if not path.exists():
        return frozenset()
    with path.open(encoding="utf-8") as handle:
        return frozenset(w.strip().lower() for w in handle if w.strip() and not w.startswith("#"))
