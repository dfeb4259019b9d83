"""Typed records that flow between the pipeline stages.

Every stage takes records and returns new ones; nothing is mutated in place.
The records are frozen dataclasses so that a stage cannot reach back and change
what an earlier stage produced.

Flow::

    Document -> clean -> annotate -> Mention -> resolve -> Actor -> events -> Event -> Graph
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ACTOR_TYPES",
    "DATE_PRECISIONS",
    "Actor",
    "Analysis",
    "Document",
    "Edge",
    "Event",
    "Evidence",
    "Graph",
    "Mention",
    "OffsetMap",
    "Sentence",
]

#: The one label scheme every model's labels are mapped to.
ACTOR_TYPES = ("PERSON", "ORG", "GPE", "LOC", "MISC")
DATE_PRECISIONS = ("year", "month", "day")


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps code-point offsets in the clean text back to the raw text.

    The clean text is built from pieces; each piece records where it starts in
    the clean text, and which raw span it came from. A piece whose length equals
    its raw span maps one to one; a replaced piece (``и`` -> ``und``) maps its
    start to the raw start and everything after it to the raw end.

    Examples
    --------
    >>> m = OffsetMap(clean_starts=(0, 3), raw_starts=(0, 10), raw_ends=(3, 13), clean_lengths=(3, 3))
    >>> m.to_raw(4)
    11
    """

    clean_starts: tuple[int, ...] = ()
    raw_starts: tuple[int, ...] = ()
    raw_ends: tuple[int, ...] = ()
    clean_lengths: tuple[int, ...] = ()

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls((0,), (0,), (length,), (length,))

    def to_raw(self, offset: int, *, end: bool = False) -> int:
        """Raw offset for a clean ``offset``; ``end=True`` for exclusive span ends."""
        if not self.clean_starts:
            return offset
        probe = offset - 1 if end and offset > 0 else offset
        i = max(bisect_right(self.clean_starts, probe) - 1, 0)
        delta = offset - self.clean_starts[i]
        raw_start, raw_end = self.raw_starts[i], self.raw_ends[i]
        if raw_end - raw_start == self.clean_lengths[i]:
            return min(raw_start + delta, raw_end) if delta >= 0 else raw_start
        return raw_start if delta <= 0 else raw_end


@dataclass(frozen=True, slots=True)
class Document:
    """One article. ``text_raw`` is what was read; ``text`` is the cleaned text."""

    id: str
    path: str
    text_raw: str
    text: str = ""
    offsets: OffsetMap = field(default_factory=OffsetMap)
    language: str | None = None
    date: str | None = None
    date_precision: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    skipped: bool = False
    skip_reason: str | None = None
    meta: tuple[tuple[str, Any], ...] = ()

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of the clean span ``[start, end)``."""
        return self.offsets.to_raw(start), self.offsets.to_raw(end, end=True)


@dataclass(frozen=True, slots=True)
class Mention:
    """A surface form of an actor in one sentence. Offsets index ``Document.text_raw``."""

    doc_id: str
    sentence: int
    start: int
    end: int
    text: str
    label: str
    lang: str
    source: str = "model"
    kb_id: str | None = None
    role: str | None = None
    #: The actor this mention was resolved to (set by the resolve stage).
    actor: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the clean text: raw offsets, and its clean text for display."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """What annotation keeps of one document once its spaCy ``Doc`` is gone.

    This is the per-document unit that later stages (and the cache) work from, so the
    corpus never has to be held as spaCy objects.
    """

    document: Document
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence that supports an event; offsets index the raw text."""

    document: str
    sentence: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    kb_id: str | None = None
    mentions: int = 0
    documents: tuple[str, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()
    affiliations: tuple[str, ...] = ()
    degree: int = 0
    strength: float = 0
    betweenness: float = 0.0
    community: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str
    date: str | None
    date_precision: str | None
    location: str | None
    participants: tuple[str, ...]
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: str
    weight: float
    events: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Graph:
    """Everything ``graph.json`` serialises, plus the mentions the CSV export needs."""

    meta: dict[str, Any]
    documents: tuple[Document, ...]
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    edges: tuple[Edge, ...]
    mentions: tuple[Mention, ...] = ()
