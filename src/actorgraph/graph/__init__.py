"""The graph stage: edges from events, centralities, communities and a seeded layout.

One algorithm per module: :mod:`.build`, :mod:`.metrics`, :mod:`.communities`, :mod:`.layout`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from ..records import Actor, Event
from .adjacency import adjacency_of_positions
from .build import affiliation_edges, edge_table, event_edges, to_networkx
from .communities import communities
from .edgetable import EdgeTable
from .metrics import betweenness_scores, centralities, degrees_and_strengths

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
    actors: Iterable[Actor],
    events: Iterable[Event],
    *,
    min_weight: int = 1,
    seed: int = 42,
    on_degrees: Callable[[tuple[Actor, ...], EdgeTable], object] | None = None,
) -> tuple[tuple[Actor, ...], EdgeTable]:
    """Event and affiliation edges, and the actors with their metrics filled in.

    Metrics (degree, strength, betweenness, communities) are computed on the event edges that
    are kept (``weight >= min_weight``): affiliations describe who acts for whom, not who meets.

    ``on_degrees``, if given, is called with the actors (degree and strength filled in, not yet
    betweenness and communities) and the edges, before betweenness and communities are
    computed, which take most of this stage's time: what reads degree and strength only, such
    as the viewer's layout, can start there in another process.
    """
    actors = tuple(sorted(actors, key=lambda a: a.id))
    names = [a.id for a in actors]
    edges = edge_table(names, events, actors, min_weight=min_weight)
    graph = adjacency_of_positions(names, *edges.columns("event"))
    degrees, strengths = degrees_and_strengths(graph)
    if on_degrees is not None:
        on_degrees(
            tuple(
                replace(actor, degree=degree, strength=strength)
                for actor, degree, strength in zip(actors, degrees, strengths, strict=True)
            ),
            edges,
        )
    scores = betweenness_scores(graph, seed=seed)
    groups = communities(graph, seed=seed)
    scored = tuple(
        replace(
            actor,
            degree=degrees[n],
            strength=strengths[n],
            betweenness=scores[actor.id],
            community=groups.get(actor.id),
        )
        for n, actor in enumerate(actors)
    )
    return scored, edges
