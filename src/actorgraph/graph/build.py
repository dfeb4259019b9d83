"""Records → a networkx graph: actors are nodes, shared events are weighted edges."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

import networkx as nx

from ..records import Actor, Edge, Event

__all__ = ["affiliation_edges", "event_edges", "to_networkx"]


def event_edges(events: Iterable[Event], *, min_weight: int = 1) -> tuple[Edge, ...]:
    """One edge per pair of actors sharing events; ``weight`` counts the events.

    Endpoints are ordered so that ``source < target``; edges are sorted.

    Examples
    --------
    >>> from actorgraph.records import Event
    >>> e = Event("ev:1", "COOCCUR", None, None, None, ("b", "a"))
    >>> event_edges([e])
    (Edge(source='a', target='b', kind='event', weight=1, events=('ev:1',)),)
    """
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event in events:
        for a, b in combinations(sorted(set(event.participants)), 2):
            shared[(a, b)].append(event.id)
    return tuple(
        Edge(a, b, "event", len(ids), tuple(sorted(ids)))
        for (a, b), ids in sorted(shared.items())
        if len(ids) >= min_weight
    )


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
