"""Records → a networkx graph: actors are nodes, shared events are weighted edges."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np

from ..ranking import sorted_ranks
from ..records import Actor, Edge, Event
from .edgetable import EdgeTable, table_column

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["affiliation_edges", "edge_table", "event_edges", "to_networkx"]


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
    events = tuple(events)
    names = sorted({actor for event in events for actor in event.participants})
    return tuple(edge_table(names, events, min_weight=min_weight))


def _affiliation_pairs(actors: Iterable[Actor]) -> list[tuple[str, str]]:
    actors = list(actors)
    known = {a.id for a in actors}
    pairs = {tuple(sorted((a.id, b))) for a in actors for b in a.affiliations if b in known and b != a.id}
    return sorted(pairs)


def affiliation_edges(actors: Iterable[Actor]) -> tuple[Edge, ...]:
    """One edge from each actor to each state or organisation it acts for, if that is an actor.

    Examples
    --------
    >>> from actorgraph.records import Actor
    >>> person = Actor("x:a", "A", "PERSON", affiliations=("iso:KAZ",))
    >>> affiliation_edges([person, Actor("iso:KAZ", "Kazakhstan", "GPE")])
    (Edge(source='iso:KAZ', target='x:a', kind='affiliation', weight=1, events=()),)
    """
    return tuple(Edge(a, b, "affiliation", 1, ()) for a, b in _affiliation_pairs(actors))


_KINDS = ("affiliation", "event")  # sorted: an edge's position among equal endpoints
_AFFILIATION, _EVENT = range(len(_KINDS))


def edge_table(
    names: Sequence[str], events: Iterable[Event], actors: Iterable[Actor] = (), *, min_weight: int = 1
) -> EdgeTable:
    """The event edges of ``events`` (kept if ``weight >= min_weight``) and the affiliation
    edges of ``actors``, as one :class:`EdgeTable` sorted by (source, target, kind).

    ``names`` are the sorted actor ids every endpoint is among. The pairs are collected as
    integer arrays and grouped by sorting, so no object is made per pair or per edge.
    """
    position = {name: i for i, name in enumerate(names)}
    # One pass, so that events read back from disk are read once: each pair notes its event's
    # place in the pass, which becomes the event's rank among the ids once all are seen.
    ids: list[str] = []
    sources, targets, seen_at = array("i"), array("i"), array("i")
    for event in events:
        members = sorted({position[actor] for actor in event.participants})
        for a, b in combinations(members, 2):
            sources.append(a)
            targets.append(b)
            seen_at.append(len(ids))
        ids.append(event.id)
    rank = sorted_ranks(ids)
    event_ids = sorted(ids)
    del ids
    empty = np.zeros(0, dtype=np.int32)
    if seen_at:
        source, target = (np.frombuffer(c, dtype=np.int32) for c in (sources, targets))
        by_rank = rank[np.frombuffer(seen_at, dtype=np.int32)]
        del sources, targets, seen_at, rank
        order = np.lexsort((by_rank, target, source))
        source, target, by_rank = source[order], target[order], by_rank[order]
        del order
        starts = np.flatnonzero(np.r_[True, (source[1:] != source[:-1]) | (target[1:] != target[:-1])])
        counts = np.diff(np.r_[starts, len(source)])
        kept = counts >= min_weight
        event_source, event_target = source[starts[kept]], target[starts[kept]]
        event_weight = counts[kept]
        event_ranks = by_rank[np.repeat(kept, counts)]
        del source, target, by_rank, starts, counts, kept
    else:
        event_source = event_target = event_weight = event_ranks = empty
    pairs = _affiliation_pairs(actors)
    # Positions in 32 bits, kinds in 8: these columns are as long as the edges.
    source = np.concatenate([event_source, np.array([position[a] for a, _ in pairs], dtype=np.int32)])
    target = np.concatenate([event_target, np.array([position[b] for _, b in pairs], dtype=np.int32)])
    kind = np.r_[
        np.full(len(event_source), _EVENT, dtype=np.int8), np.full(len(pairs), _AFFILIATION, dtype=np.int8)
    ]
    weight = np.r_[event_weight, np.ones(len(pairs), dtype=np.int64)]
    del event_source, event_target, event_weight
    order = np.lexsort((kind, target, source))
    # The event edges keep their order among themselves (they were sorted already and no two
    # share endpoints), so their runs of events stay where they are in ``event_ranks``.
    # Each column takes its final form, and what it was made from is freed, before the next:
    # the table is never held twice.
    kind, weight = kind[order], weight[order]
    # An edge's events are as many as its weight; an affiliation has none.
    offsets = table_column(np.r_[0, np.cumsum(np.where(kind == _EVENT, weight, 0))], "q")
    kind, weight = table_column(kind, "i"), table_column(weight, "q")
    source = table_column(source[order], "i")
    target = table_column(target[order], "i")
    del order
    events = table_column(event_ranks, "i")
    del event_ranks
    return EdgeTable(names, _KINDS, source, target, kind, weight, offsets, events, event_ids)


def to_networkx(actors: Iterable[Actor], edges: Iterable[Edge], *, kind: str | None = "event") -> nx.Graph:
    """An undirected graph of the actors with the edges of ``kind`` (all kinds if ``None``)."""
    import networkx as nx

    graph = nx.Graph()
    for actor in sorted(actors, key=lambda a: a.id):
        graph.add_node(actor.id)
    for edge in edges:
        if kind is None or edge.kind == kind:
            graph.add_edge(edge.source, edge.target, weight=edge.weight)
    return graph
