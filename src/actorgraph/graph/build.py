"""Records → a networkx graph: actors are nodes, shared events are weighted edges."""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from itertools import combinations

import networkx as nx
import numpy as np

from ..records import Actor, Edge, Event

__all__ = ["affiliation_edges", "event_edges", "to_networkx"]


def event_edges(events: Iterable[Event], *, min_weight: int = 1) -> tuple[Edge, ...]:
    """One edge per pair of actors sharing events; ``weight`` counts the events.

    Endpoints are ordered so that ``source < target``; edges are sorted. The pairs are
    collected as integer arrays and grouped by sorting, so the only objects made per edge
    are the edges themselves.

    Examples
    --------
    >>> from actorgraph.records import Event
    >>> e = Event("ev:1", "COOCCUR", None, None, None, ("b", "a"))
    >>> event_edges([e])
    (Edge(source='a', target='b', kind='event', weight=1, events=('ev:1',)),)
    """
    events = tuple(events)
    event_ids = sorted(event.id for event in events)
    rank = {event_id: r for r, event_id in enumerate(event_ids)}
    actors = sorted({actor for event in events for actor in event.participants})
    position = {actor: i for i, actor in enumerate(actors)}
    sources, targets, ranks = array("q"), array("q"), array("q")
    for event in events:
        members = sorted({position[actor] for actor in event.participants})
        for a, b in combinations(members, 2):
            sources.append(a)
            targets.append(b)
            ranks.append(rank[event.id])
    if not ranks:
        return ()
    source, target, by_rank = (np.frombuffer(column, dtype=np.int64) for column in (sources, targets, ranks))
    order = np.lexsort((by_rank, target, source))
    source, target, by_rank = source[order], target[order], by_rank[order]
    starts = np.flatnonzero(np.r_[True, (source[1:] != source[:-1]) | (target[1:] != target[:-1])])
    ends = np.r_[starts[1:], len(source)]
    edges = []
    for a, b, start, end in zip(
        source[starts].tolist(), target[starts].tolist(), starts.tolist(), ends.tolist(), strict=True
    ):
        if end - start >= min_weight:
            ids = tuple(event_ids[r] for r in by_rank[start:end].tolist())
            edges.append(Edge(actors[a], actors[b], "event", end - start, ids))
    return tuple(edges)


def affiliation_edges(actors: Iterable[Actor]) -> tuple[Edge, ...]:
    """One edge from each actor to each state or organisation it acts for, if that is an actor.

    Examples
    --------
    >>> from actorgraph.records import Actor
    >>> person = Actor("x:a", "A", "PERSON", affiliations=("iso:KAZ",))
    >>> affiliation_edges([person, Actor("iso:KAZ", "Kazakhstan", "GPE")])
    (Edge(source='iso:KAZ', target='x:a', kind='affiliation', weight=1, events=()),)
    """
    actors = list(actors)
    known = {a.id for a in actors}
    pairs = {tuple(sorted((a.id, b))) for a in actors for b in a.affiliations if b in known and b != a.id}
    return tuple(Edge(a, b, "affiliation", 1, ()) for a, b in sorted(pairs))


def to_networkx(actors: Iterable[Actor], edges: Iterable[Edge], *, kind: str | None = "event") -> nx.Graph:
    """An undirected graph of the actors with the edges of ``kind`` (all kinds if ``None``)."""
    graph = nx.Graph()
    for actor in sorted(actors, key=lambda a: a.id):
        graph.add_node(actor.id)
    for edge in edges:
        if kind is None or edge.kind == kind:
            graph.add_edge(edge.source, edge.target, weight=edge.weight)
    return graph
