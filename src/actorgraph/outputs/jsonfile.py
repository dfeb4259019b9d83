"""``graph.json``: the contract later stages and outside tools rely on (docs/graph-json.md)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

from ..graph.edgetable import in_edge_order
from ..records import Actor, Document, Edge, Event, Evidence, Graph
from ..spill import in_id_order
from .atomic import atomic_open
from .jsontext import indented, plain

__all__ = [
    "SCHEMA_VERSION",
    "dumps",
    "event_to_dict",
    "from_dict",
    "iter_json",
    "load_graph",
    "to_dict",
    "write_json",
]

SCHEMA_VERSION = 1


def _document(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "path": doc.path,
        "title": doc.title,
        "url": doc.url,
        "language": doc.language,
        "date": doc.date,
        "date_precision": doc.date_precision,
        "skipped": doc.skipped,
        "skip_reason": doc.skip_reason,
        "duplicate_of": doc.duplicate_of,
    }


def _actor(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "label": actor.label,
        "type": actor.type,
        "aliases": list(actor.aliases),
        "kb_id": actor.kb_id,
        "mentions": actor.mentions,
        "documents": list(actor.documents),
        "roles": [{"role": role, "document": doc} for role, doc in actor.roles],
        "affiliations": list(actor.affiliations),
        "degree": actor.degree,
        "strength": actor.strength,
        "betweenness": actor.betweenness,
        "community": actor.community,
    }


def _evidence(ev: Evidence) -> dict[str, Any]:
    return {
        "document": ev.document,
        "sentence": ev.sentence,
        "start": ev.start,
        "end": ev.end,
        "text": ev.text,
    }


def event_to_dict(event: Event) -> dict[str, Any]:
    """An event as ``graph.json`` writes it."""
    return {
        "id": event.id,
        "type": event.type,
        "date": event.date,
        "date_precision": event.date_precision,
        "location": event.location,
        "participants": list(event.participants),
        "source": list(event.source),
        "target": list(event.target),
        "evidence": [_evidence(ev) for ev in event.evidence],
        "cameo": event.cameo,
        "mode": event.mode,
        "confidence": event.confidence,
        "num_documents": event.num_documents,
        "num_mentions": event.num_mentions,
        "date_inferred": event.date_inferred,
        "date_basis": event.date_basis,
        "date_conflict": list(event.date_conflict),
    }


def _edge(edge: Edge) -> dict[str, Any]:
    return {
        "source": edge.source,
        "target": edge.target,
        "kind": edge.kind,
        "weight": edge.weight,
        "events": list(edge.events),
    }


def _sections(graph: Graph) -> dict[str, Any]:
    """The top-level members of ``graph.json``; lists are generators, every one sorted by id."""
    return {
        "meta": {"schema_version": SCHEMA_VERSION, **graph.meta},
        "documents": (_document(d) for d in sorted(graph.documents, key=lambda d: d.id)),
        "actors": (_actor(a) for a in sorted(graph.actors, key=lambda a: a.id)),
        "events": (event_to_dict(e) for e in in_id_order(graph.events)),
        "edges": (_edge(e) for e in in_edge_order(graph.edges)),
    }


def to_dict(graph: Graph) -> dict[str, Any]:
    """The ``graph.json`` object of ``graph``; every list sorted by id."""
    return {k: v if isinstance(v, dict) else list(v) for k, v in _sections(graph).items()}


def iter_json(graph: Graph) -> Iterator[str]:
    """The text of :func:`dumps`, piece by piece: one record at a time is turned into JSON."""
    yield "{"
    for n, (key, value) in enumerate(sorted(_sections(graph).items())):
        yield ("," if n else "") + "\n " + plain(key) + ": "
        if isinstance(value, dict):
            yield indented(value, depth=1)
            continue
        opened = False
        for item in value:
            yield ("," if opened else "[") + "\n  " + indented(item, depth=2)
            opened = True
        yield "\n ]" if opened else "[]"
    yield "\n}\n"


def dumps(graph: Graph) -> str:
    return "".join(iter_json(graph))


def write_json(graph: Graph, path: str | os.PathLike) -> None:
    with atomic_open(path) as handle:
        handle.writelines(iter_json(graph))


def from_dict(data: dict[str, Any]) -> Graph:
    """Records from a ``graph.json`` object. Article text is not in the file, so it stays empty."""
    documents = tuple(
        Document(
            id=d["id"],
            path=d["path"],
            text_raw="",
            title=d.get("title"),
            url=d.get("url"),
            language=d.get("language"),
            date=d.get("date"),
            date_precision=d.get("date_precision"),
            skipped=d.get("skipped", False),
            skip_reason=d.get("skip_reason"),
            duplicate_of=d.get("duplicate_of"),
        )
        for d in data["documents"]
    )
    actors = tuple(
        Actor(
            id=a["id"],
            label=a["label"],
            type=a["type"],
            aliases=tuple(a.get("aliases", ())),
            kb_id=a.get("kb_id"),
            mentions=a.get("mentions", 0),
            documents=tuple(a.get("documents", ())),
            roles=tuple((r["role"], r["document"]) for r in a.get("roles", ())),
            affiliations=tuple(a.get("affiliations", ())),
            degree=a.get("degree", 0),
            strength=a.get("strength", 0),
            betweenness=a.get("betweenness", 0.0),
            community=a.get("community"),
        )
        for a in data["actors"]
    )
    events = tuple(
        Event(
            id=e["id"],
            type=e["type"],
            date=e.get("date"),
            date_precision=e.get("date_precision"),
            location=e.get("location"),
            participants=tuple(e.get("participants", ())),
            source=tuple(e.get("source", ())),
            target=tuple(e.get("target", ())),
            evidence=tuple(Evidence(**ev) for ev in e.get("evidence", ())),
            cameo=e.get("cameo"),
            mode=e.get("mode"),
            confidence=e.get("confidence", 0.0),
            num_documents=e.get("num_documents", 0),
            num_mentions=e.get("num_mentions", 0),
            date_inferred=e.get("date_inferred", False),
            date_basis=e.get("date_basis"),
            date_conflict=tuple(e.get("date_conflict", ())),
        )
        for e in data["events"]
    )
    edges = tuple(
        Edge(e["source"], e["target"], e["kind"], e["weight"], tuple(e.get("events", ())))
        for e in data["edges"]
    )
    meta = {k: v for k, v in data["meta"].items() if k != "schema_version"}
    return Graph(meta=meta, documents=documents, actors=actors, events=events, edges=edges)


def load_graph(path: str | os.PathLike) -> Graph:
    """Read a ``graph.json`` file (or the ``graph.json`` inside a build folder) into records.

    Examples
    --------
    >>> g = load_graph("graph")  # doctest: +SKIP
    >>> g.actors[0].label  # doctest: +SKIP
    """
    path = os.fspath(path)
    if os.path.isdir(path):
        path = os.path.join(path, "graph.json")
    with open(path, encoding="utf-8") as handle:
        return from_dict(json.load(handle))
