"""The graph stage: edges from events, centralities, communities and a seeded layout.

One algorithm per module: :mod:`.build`, :mod:`.metrics`, :mod:`.communities`, :mod:`.layout`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..records import Actor, Event
from .adjacency import adjacency_of_positions
from .build import affiliation_edges, edge_table, event_edges, to_networkx
from .communities import communities
from .edgetable import EdgeTable
from .metrics import centralities

__all__ = [
    "EdgeTable",
    "affiliation_edges",
    "build_graph",
    "centralities",
    "communities",
    "edge_table",
    "event_edges",
    "to_networkx",
]


def build_graph(
    actors: Iterable[Actor], events: Iterable[Event], *, min_weight: int = 1, seed: int = 42
) -> tuple[tuple[Actor, ...], EdgeTable]:
    """Event and affiliation edges, and the actors with their metrics filled in.

    Metrics (degree, strength, betweenness, communities) are computed on the event edges that
    are kept (``weight >= min_weight``): affiliations describe who acts for whom, not who meets.
    """
    actors = tuple(sorted(actors, key=lambda a: a.id))
    names = [a.id for a in actors]
    edges = edge_table(names, events, actors, min_weight=min_weight)
    graph = adjacency_of_positions(names, *edges.columns("event"))
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
