"""Louvain on the sparse adjacency finds networkx's communities; the graph stage uses no networkx graph."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from actorgraph.graph import build_graph
from actorgraph.graph.adjacency import adjacency, as_adjacency
from actorgraph.graph.build import to_networkx
from actorgraph.graph.communities import communities
from actorgraph.graph.metrics import centralities
from actorgraph.records import Actor, Edge, Event


def _networkx_communities(graph: nx.Graph, seed: int) -> dict:
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    ordered = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    return {node: number for number, members in enumerate(ordered) for node in members}


def _random_actor_graph(seed: int, n: int = 300, m: int = 700) -> tuple[list[Actor], list[Edge]]:
    """Actors and weighted event edges as the graph stage makes them: ids sorted, edges sorted."""
    rng = random.Random(seed)
    ids = sorted(f"x:{rng.randrange(10**6):06d}" for _ in range(n))
    ids = sorted(set(ids))
    pairs = {tuple(sorted(rng.sample(ids[: len(ids) * 4 // 5], 2))) for _ in range(m)}  # the rest isolated
    edges = [Edge(a, b, "event", rng.choice([1, 1, 1, 2, 3, 7])) for a, b in sorted(pairs)]
    return [Actor(i, i, "PERSON") for i in ids], edges


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_the_same_communities_as_networkx(seed):
    actors, edges = _random_actor_graph(seed)
    graph = adjacency([a.id for a in actors], ((e.source, e.target, e.weight) for e in edges))
    reference = _networkx_communities(to_networkx(actors, edges), seed=42)
    assert communities(graph, seed=42) == reference
    assert len(set(reference.values())) > 1


def test_the_same_communities_as_networkx_on_a_clustered_graph():
    graph = nx.relabel_nodes(
        nx.planted_partition_graph(8, 25, 0.4, 0.02, seed=5), lambda i: f"n{i:03d}", copy=True
    )
    nodes = sorted(graph.nodes)
    edges = sorted(tuple(sorted(e)) for e in graph.edges)
    actors = [Actor(i, i, "ORG") for i in nodes]
    event_edges = [Edge(a, b, "event", 1) for a, b in edges]
    ours = communities(adjacency(nodes, ((a, b, 1) for a, b in edges)), seed=7)
    assert ours == _networkx_communities(to_networkx(actors, event_edges), seed=7)
    assert len(set(ours.values())) >= 6


def test_no_edges_and_no_nodes():
    assert communities(adjacency([], [])) == {}
    assert communities(adjacency(["b", "a"], [])) == {"a": 0, "b": 1}


def test_networkx_input_and_metrics_on_the_adjacency():
    g = nx.Graph()
    g.add_weighted_edges_from([("a", "b", 2), ("b", "c", 1), ("c", "c", 5)])
    g.add_node("d")
    scores = centralities(g)
    assert scores["b"] == (2, 3, round(nx.betweenness_centrality(g)["b"], 6)) == (2, 3, 0.333333)
    assert scores["c"] == (3, 6, 0.0)  # a self-loop counts twice in the degree, once in the strength
    assert scores["d"] == (0, 0, 0.0)
    assert as_adjacency(g).number_of_edges == 3


def test_build_graph_fills_in_the_metrics():
    events = [
        Event("ev:1", "MEET", None, None, None, ("a", "b")),
        Event("ev:2", "MEET", None, None, None, ("a", "b", "c")),
        Event("ev:3", "MEET", None, None, None, ("d", "e")),
    ]
    actors = [Actor(i, i.upper(), "PERSON") for i in "edcba"]
    scored, edges = build_graph(actors, events)
    by_id = {a.id: a for a in scored}
    assert [a.id for a in scored] == ["a", "b", "c", "d", "e"]
    assert (by_id["a"].degree, by_id["a"].strength) == (2, 3)
    assert by_id["a"].community == by_id["b"].community == by_id["c"].community == 0
    assert by_id["d"].community == by_id["e"].community == 1
    assert len(edges) == 4


def test_build_graph_shows_degrees_before_betweenness_and_communities(monkeypatch):
    import actorgraph.graph as graph_stage

    events = [
        Event("ev:1", "MEET", None, None, None, ("a", "b")),
        Event("ev:2", "MEET", None, None, None, ("a", "c")),
    ]
    seen: list[tuple] = []
    computed = graph_stage.betweenness_scores

    def scores(*args, **kwargs):
        seen.append(("betweenness",))
        return computed(*args, **kwargs)

    monkeypatch.setattr(graph_stage, "betweenness_scores", scores)
    scored, edges = build_graph(
        [Actor(i, i.upper(), "PERSON") for i in "cba"],
        events,
        on_degrees=lambda actors, table: seen.append((actors, len(table))),
    )
    (shown, edge_count), betweenness = seen
    assert betweenness == ("betweenness",) and edge_count == len(edges) == 2
    assert [(a.id, a.degree, a.strength) for a in shown] == [(a.id, a.degree, a.strength) for a in scored]
    assert [(a.degree, a.betweenness) for a in scored] == [(2, 1.0), (1, 0.0), (1, 0.0)]
