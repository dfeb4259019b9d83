"""Typed records that flow between the pipeline stages.

Every stage takes records and returns new ones; nothing is mutated in place.
The records are frozen dataclasses so that a stage cannot reach back and change
what an earlier stage produced.

Flow::

    Document -> clean -> annotate -> Mention -> resolve -> Actor -> events -> Event -> Graph
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

__all__ = [
    "ACTOR_TYPES",
    "DATE_PRECISIONS",
    "Actor",
    "Analysis",
    "Cue",
    "Document",
    "Edge",
    "Event",
    "Evidence",
    "Graph",
    "Mention",
    "OffsetMap",
    "Sentence",
    "TimeExpression",
    "Trigger",
    "slot_setter",
]

_Record = TypeVar("_Record")

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
    #: Id of the earlier document this one is a syndicated copy or rewrite of.
    duplicate_of: str | None = None
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
    #: A canonical name a rule derived ("Ministry of Foreign Affairs of Kazakhstan").
    canonical: str | None = None
    #: The KB state or organisation this actor belongs to (an organ's state).
    part_of: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the clean text: raw offsets, and its clean text for display."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word that names an event ("traf", "summit"), matched on its lemma. Raw offsets."""

    lemma: str
    type: str
    mode: str | None
    cameo: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A date expression as written; resolved against the document date by the events stage.

    Exactly one kind is set: absolute parts (``year``/``month``/``day``, any may be missing),
    a ``weekday`` (0 = Monday), a ``year_offset`` ("last year" = -1), or ``same_day``.
    """

    text: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    year_offset: int | None = None
    same_day: bool = False


@dataclass(frozen=True, slots=True)
class Cue:
    """What one sentence says about events: triggers, who acts on whom, when, and references."""

    sentence: int
    triggers: tuple[Trigger, ...] = ()
    #: Raw spans of the mentions that are the grammatical actors (subjects) of a trigger.
    sources: tuple[tuple[int, int], ...] = ()
    #: Raw spans of the mentions acted upon (objects, "with" phrases).
    targets: tuple[tuple[int, int], ...] = ()
    #: Date expressions that may date the event (deadlines like "bis 2030" are left out).
    times: tuple[TimeExpression, ...] = ()
    #: The phrase by which the sentence refers back to a gathering ("bei dem Treffen"), or "".
    refers_back: str = ""
    #: The gathering is one still to come ("am künftigen Gipfel teilzunehmen").
    future: bool = False
    #: The sentence moves to another time ("zuvor", "earlier").
    time_shift: bool = False
    #: Sources and targets come from a dependency parse rather than word order.
    parsed: bool = False


@dataclass(frozen=True, slots=True)
class Analysis:
    """What annotation keeps of one document once its spaCy ``Doc`` is gone.

    This is the per-document unit that later stages (and the cache) work from, so the
    corpus never has to be held as spaCy objects.
    """

    document: Document
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    cues: tuple[Cue, ...] = ()
    #: The raw text's near-duplicate signature (:func:`actorgraph.dedup.document_signature`),
    #: made where the text is at hand; ``None`` if not made.
    signature: bytes | None = None


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
    """One real-world event and every piece of evidence reporting it (GDELT's event/mention split)."""

    id: str
    type: str
    date: str | None
    date_precision: str | None
    location: str | None
    participants: tuple[str, ...]
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    #: CAMEO code where one fits ("040", "042", ...).
    cameo: str | None = None
    #: How a CONSULT happened: visit, host, meeting, phone, online.
    mode: str | None = None
    #: How sure the type and participants are, in [0, 1] (docs/events.md).
    confidence: float = 0.0
    #: Distinct documents reporting the event, not counting near-duplicate copies.
    num_documents: int = 0
    #: Pieces of evidence.
    num_mentions: int = 0
    #: True when the year (or more) was taken from another report of the same event.
    date_inferred: bool = False
    #: What an inferred date came from.
    date_basis: str | None = None
    #: Other dates reports gave for the event, when they disagree.
    date_conflict: tuple[str, ...] = ()


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
    #: Sorted by id; an :class:`~actorgraph.spill.EventSpill` (on disk) when the build made it.
    events: Sequence[Event]
    #: An :class:`~actorgraph.graph.edgetable.EdgeTable` (columns) when the build made it.
    edges: Sequence[Edge]
    #: Sorted by (doc_id, start, end) when iterated if a :class:`~actorgraph.spill.MentionSpill`.
    mentions: Sequence[Mention] = ()


def slot_setter(cls: type[_Record]) -> Callable[..., _Record]:
    """A function of ``cls``'s fields, in order, that makes the record by setting its slots.

    A frozen dataclass's ``__init__`` sets each field with ``object.__setattr__``, which looks
    the field up by name; where records are made by the hundred thousand (decoding the document
    store, resolution's mention columns), setting the slots through their descriptors takes
    about half the time. Only for records with no ``__post_init__``: the result is the record
    ``cls(...)`` makes.

    Examples
    --------
    >>> make = slot_setter(Sentence)
    >>> make(0, 0, 3, "Hi.") == Sentence(0, 0, 3, "Hi.")
    True
    """
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__ that setting its slots would skip")
    if "__slots__" not in vars(cls):
        raise TypeError(f"{cls.__name__} keeps its fields in a __dict__, not in slots")
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    lines = [f"def make({', '.join(names)}):", "    record = new(cls)"]
    for i, name in enumerate(names):
        scope[f"set_{i}"] = getattr(cls, name).__set__  # the slot's member descriptor
        lines.append(f"    set_{i}(record, {name})")
    lines.append("    return record")
    exec("\n".join(lines), scope)  # the source is made above from the field names alone
    return scope["make"]
