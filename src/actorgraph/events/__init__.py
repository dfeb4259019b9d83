"""Events: typed, dated, located, and merged across articles and languages.

Per document, sentences become reports (:mod:`.reports`) and reports about one gathering are
grouped; across documents, reports of the same event are merged (:mod:`.merge`). Each event
keeps every piece of evidence (GDELT's split of an event from its mentions), PLOVER-style
``source`` and ``target`` lists, a CAMEO code, a mode, and a confidence (docs/events.md).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import NamedTuple

from ..records import Actor, Analysis, Event, Evidence
from ..resolve import MentionKey
from .merge import ReportMerger, mergeable, settle_date
from .reports import Report, document_reports
from .times import ReportDate

__all__ = ["ArticleEvents", "article_events", "event_id", "extract_events", "iter_events", "merge_events"]


def event_id(*parts: str) -> str:
    """A stable id derived from content: the same type and evidence give the same id."""
    return "ev:" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


@cache
def _type_order() -> tuple[str, ...]:
    from ..resources import load_resource

    return tuple(load_resource("events", "common")["type_priority"])


def _confidence(
    event_type: str, reports: list[Report], location: str | None, precision: str | None, documents: int
) -> float:
    """COOCCUR 0.3; a typed event 0.5, +0.2 parsed roles, +0.1 located, +0.1 dated to the day,
    +0.1 reported by two or more documents (capped at 1)."""
    if event_type == "COOCCUR":
        return 0.3
    score = 0.5 + 0.2 * any(r.parsed for r in reports) + 0.1 * bool(location) + 0.1 * (precision == "day")
    return round(min(1.0, score + 0.1 * (documents >= 2)), 2)


def _venue(places: list[str], types: Mapping[str, str]) -> str | None:
    """The event's location: a city over a state over a region, then the most named, then the first."""
    if not places:
        return None
    counts = Counter(places)

    def rank(place: str) -> tuple:
        kind = 2 if types.get(place) == "LOC" else 1 if place.startswith("iso:") else 0
        return (kind, -counts[place], places.index(place))

    return min(counts, key=rank)


def _event(
    reports: list[Report],
    sentences: Mapping[tuple[str, int], Evidence],
    duplicates: Mapping[str, str],
    types: Mapping[str, str],
) -> Event:
    order = _type_order()
    type_counts = Counter(r.type for r in reports)
    event_type = min(type_counts, key=lambda t: (order.index(t) if t in order else 99, -type_counts[t]))
    lead = next(r for r in reports if r.type == event_type)
    participants: list[str] = []
    sources: list[str] = []
    targets: list[str] = []
    for r in reports:
        participants.extend(a for a in r.participants if a not in participants)
        sources.extend(a for a in r.sources if a not in sources)
        targets.extend(a for a in r.targets if a not in targets and a not in r.sources)
    location = _venue([loc for r in reports for loc in r.venues], types) or _venue(
        [loc for r in reports for loc in r.locations], types
    )
    participants = [a for a in participants if a != location]
    date, precision, inferred, basis, conflicts = settle_date(reports)
    evidence = tuple(
        sorted(
            {sentences[(r.document, s)] for r in reports for s in r.sentences},
            key=lambda e: (e.document, e.sentence),
        )
    )
    documents = {duplicates.get(e.document, e.document) for e in evidence}
    modes = [r.mode for r in reports if r.type == event_type and r.mode]
    return Event(
        id=event_id(event_type, *(f"{e.document}#{e.sentence}" for e in evidence)),
        type=event_type,
        date=date,
        date_precision=precision,
        location=location,
        participants=tuple(sorted(participants)),
        source=tuple(sorted(a for a in sources if a != location)),
        target=tuple(sorted(a for a in targets if a != location and a not in sources)),
        evidence=evidence,
        cameo=lead.cameo,
        mode=min(modes, key=lambda m: (m == "meeting", m)) if modes else None,
        confidence=_confidence(event_type, reports, location, precision, len(documents)),
        num_documents=len(documents),
        num_mentions=len(evidence),
        date_inferred=inferred,
        date_basis=basis,
        date_conflict=conflicts,
    )


class ArticleEvents(NamedTuple):
    """What one article gives the corpus's events (see :func:`article_events`)."""

    #: The article's date, which dates its reports that name none.
    date: ReportDate | None
    #: Its reports, settled, in order: each that can merge with the evidence it cites, the rest
    #: with ``None``.
    reports: list[tuple[Report, list[Evidence] | None]]
    #: The events its reports that cannot merge make on their own (co-occurrences).
    events: list[Event]


def article_events(
    analysis: Analysis,
    assignment: Mapping[MentionKey, str],
    types: Mapping[str, str],
    *,
    duplicates: Mapping[str, str] | None = None,
) -> ArticleEvents:
    """One article's reports, and the events that need no other article.

    It reads nothing of other articles, so articles can be taken in parts by several processes;
    :func:`merge_events` then merges the reports of all of them.

    Parameters
    ----------
    analysis : Analysis
    assignment : mapping
        The actor of every kept mention (from :func:`actorgraph.resolve.resolve`).
    types : mapping
        ``{actor_id: type}`` of the corpus's actors.
    duplicates : mapping, optional
        ``{doc_id: original_id}`` for near-duplicate articles: they add evidence, not documents.
    """
    duplicates = duplicates or {}
    doc = analysis.document
    found = document_reports(analysis, assignment, types)
    # Only sentences that report something become evidence: the rest of the text is not kept.
    cited = {index for report in found for index in report.sentences}
    own = {
        (doc.id, s.index): Evidence(doc.id, s.index, s.start, s.end, s.text)
        for s in analysis.sentences
        if s.index in cited
    }
    reports: list[tuple[Report, list[Evidence] | None]] = []
    events: list[Event] = []
    for report in found:
        settled = report.settled()
        if mergeable(settled):  # it waits for the merge, on disk, with its evidence
            reports.append((settled, [own[(doc.id, i)] for i in settled.sentences]))
        else:
            reports.append((settled, None))
            events.append(_event([settled], own, duplicates, types))
    date = ReportDate(doc.date, doc.date_precision, None, "document") if doc.date else None
    return ArticleEvents(date, reports, events)


def merge_events(
    articles: Iterable[tuple[str, ArticleEvents]],
    types: Mapping[str, str],
    *,
    duplicates: Mapping[str, str] | None = None,
) -> Iterator[Event]:
    """Events of the corpus from each article's :func:`article_events`, given as ``(doc_id,
    events)`` in corpus order, in no particular order.

    An article's own events come as soon as it is read, so neither their reports nor their
    evidence wait for the corpus-wide merge. Event ids are unique (a sentence is evidence of at
    most one gathering or co-occurrence and of at most one act, and an id holds the event's
    type), so sorting by id gives the order of :func:`extract_events`.
    """
    duplicates = duplicates or {}
    merger = ReportMerger(types=types)
    document_dates: dict[str, ReportDate | None] = {}
    for doc_id, found in articles:
        document_dates[doc_id] = found.date
        for report, evidence in found.reports:
            if evidence is None:
                merger.add(report)
            else:
                merger.add(report, evidence)
        yield from found.events
    for _, group, evidence in merger.groups(document_dates=document_dates):
        yield _event(group, {(e.document, e.sentence): e for e in evidence}, duplicates, types)


def iter_events(
    analyses: Iterable[Analysis],
    assignment: Mapping[MentionKey, str],
    actors: Iterable[Actor],
    *,
    duplicates: Mapping[str, str] | None = None,
) -> Iterator[Event]:
    """Events of the corpus as they are settled, in no particular order.

    :func:`article_events` of each analysis, merged by :func:`merge_events`.

    Parameters
    ----------
    analyses : iterable of Analysis
    assignment : mapping
        The actor of every kept mention (from :func:`actorgraph.resolve.resolve`).
    actors : iterable of Actor
    duplicates : mapping, optional
        ``{doc_id: original_id}`` for near-duplicate articles: they add evidence, not documents.
    """
    types = {actor.id: actor.type for actor in actors}
    found = ((a.document.id, article_events(a, assignment, types, duplicates=duplicates)) for a in analyses)
    return merge_events(found, types, duplicates=duplicates)


def extract_events(
    analyses: Iterable[Analysis],
    assignment: Mapping[MentionKey, str],
    actors: Iterable[Actor],
    *,
    duplicates: Mapping[str, str] | None = None,
) -> tuple[Event, ...]:
    """Events of the corpus, sorted by id (see :func:`iter_events` for the parameters)."""
    return tuple(sorted(iter_events(analyses, assignment, actors, duplicates=duplicates), key=lambda e: e.id))
