"""The graph stage: edges from events, centralities, communities and a seeded layout.

One algorithm per module: :mod:`.build`, :mod:`.metrics`, :mod:`.communities`, :mod:`.layout`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..records import Actor, Edge, Event
from .adjacency import adjacency
from .build import affiliation_edges, event_edges, to_networkx
from .communities import communities
from .metrics import centralities

__all__ = ["affiliation_edges", "build_graph", "centralities", "communities", "event_edges", "to_networkx"]


def build_graph(
    actors: Iterable[Actor], events: Iterable[Event], *, min_weight: int = 1, seed: int = 42
) -> tuple[tuple[Actor, ...], tuple[Edge, ...]]:
    """Event and affiliation edges, and the actors with their metrics filled in.

    Metrics (degree, strength, betweenness, communities) are computed on the event edges that
    are kept (``weight >= min_weight``): affiliations describe who acts for whom, not who meets.
    """
    actors = tuple(sorted(actors, key=lambda a: a.id))
    shared = event_edges(events, min_weight=min_weight)
    edges = tuple(sorted(shared + affiliation_edges(actors), key=lambda e: (e.source, e.target, e.kind)))
    graph = adjacency([a.id for a in actors], ((e.source, e.target, e.weight) for e in shared))
    scores = centralities(graph, seed=seed)
    groups = communities(graph, seed=seed)
    scored = tuple(
        replace(
            actor,
            degree=scores[actor.id][0],
            strength=scores[actor.id][1],
            betweenness=scores[actor.id][2],
            community=groups.get(actor.id),
        )
        for actor in actors
    )
    return scored, edges
