"""Betweenness by blocks of breadth-first searches equals networkx's, exact and sampled."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from actorgraph.graph.betweenness import betweenness
from actorgraph.graph.metrics import centralities


def _close(ours: dict, reference: dict) -> bool:
    return ours.keys() == reference.keys() and all(
        (math.isnan(reference[n]) and math.isnan(ours[n])) or abs(ours[n] - reference[n]) < 1e-12
        for n in reference
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("k", [None, 1, 25])
def test_equals_networkx(seed, k):
    graph = nx.gnm_random_graph(120, 260, seed=seed)
    graph.add_edge("island-a", "island-b")  # a second component
    graph.add_node("alone")
    reference = nx.betweenness_centrality(graph, k=k, seed=42, normalized=True)
    assert _close(betweenness(graph, k=k, seed=42), reference)


def test_parallel_edges_and_self_loops_are_one_step():
    multi = nx.MultiGraph([("a", "b"), ("a", "b"), ("b", "c"), ("c", "c")])
    assert betweenness(multi) == {"a": 0.0, "b": 1.0, "c": 0.0}


def test_tiny_and_empty_graphs():
    assert betweenness(nx.Graph()) == {}
    assert betweenness(nx.empty_graph(["a", "b", "c"])) == {"a": 0.0, "b": 0.0, "c": 0.0}


def test_centralities_sample_big_graphs_deterministically():
    graph = nx.barabasi_albert_graph(1200, 2, seed=7)
    first, second = centralities(graph), centralities(graph)
    assert first == second
    hub = max(graph.degree, key=lambda item: item[1])[0]
    assert first[hub][2] == max(value[2] for value in first.values())
