"""Lookup tables of a spaCy lemmatizer, read without spaCy's per-entry loading.

spaCy's ``Lookups.from_disk`` fills each ``Table`` one entry at a time through Python code
(hashing the key, updating a Bloom filter): about 2 s for the 355,000 words of the German lemma
table, in every process that annotates German. The file already holds the hashed keys, so the
same table can be built in one dictionary copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import srsly
from spacy.lookups import Lookups
from spacy.strings import get_string_id

__all__ = ["HashedTable", "read_lookups"]


class HashedTable(dict):
    """A lookup table keyed by string hashes, read like spaCy's ``Table``: a string key is hashed
    first, so ``table.get("Häuser")`` and ``table.get(hash)`` find the same entry.

    Examples
    --------
    >>> table = HashedTable("lemma_lookup", {get_string_id("Häuser"): "Haus"})
    >>> table.get("Häuser"), table.get("Haus", "Haus"), "Häuser" in table
    ('Haus', 'Haus', True)
    """

    def __init__(self, name: str, data: dict[Any, Any]):
        if not all(isinstance(key, int) for key in data):
            data = {get_string_id(key): value for key, value in data.items()}
        super().__init__(data)
        self.name = name

    def __getitem__(self, key: str | int) -> Any:
        return dict.__getitem__(self, get_string_id(key))

    def get(self, key: str | int, default: Any = None) -> Any:
        return dict.get(self, get_string_id(key), default)

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, get_string_id(key))


def read_lookups(folder: Path, filename: str = "lookups.bin") -> Lookups:
    """The tables a component saved to ``folder`` (as ``Lookups.from_disk`` reads them; none if
    the file is missing)."""
    lookups = Lookups()
    path = Path(folder) / filename
    if path.exists():
        for name, data in srsly.msgpack_loads(path.read_bytes()).items():
            lookups.set_table(name, HashedTable(name, data))
    return lookups
