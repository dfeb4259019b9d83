"""The graph stage: edges from events, centralities, communities and a seeded layout.

One algorithm per module: :mod:`.build`, :mod:`.metrics`, :mod:`.communities`, :mod:`.layout`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..records import Actor, Edge, Event
from .build import event_edges, to_networkx
from .communities import communities
from .metrics import centralities

__all__ = ["build_graph", "centralities", "communities", "event_edges", "to_networkx"]


def build_graph(
    actors: Iterable[Actor], events: Iterable[Event], *, min_weight: int = 1, seed: int = 42
) -> tuple[tuple[Actor, ...], tuple[Edge, ...]]:
    """Edges from shared events, and the actors with their metrics filled in.

    Metrics are computed on the edges that are kept (``weight >= min_weight``).
    """
    actors = tuple(sorted(actors, key=lambda a: a.id))
    edges = event_edges(events, min_weight=min_weight)
    graph = to_networkx(actors, edges)
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
