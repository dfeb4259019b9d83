"""Edges as columns give the same edges, in the same order, as records built one by one."""

import pickle
import random
from collections import defaultdict
from itertools import combinations

import pytest

from actorgraph.graph import build_graph, edge_table
from actorgraph.graph.edgetable import EdgeTable, in_edge_order, links
from actorgraph.records import Actor, Edge, Event


def _corpus(seed: int) -> tuple[list[Actor], list[Event]]:
    rng = random.Random(seed)
    ids = [f"x:{rng.choice('abcdefgh')}{n}" for n in range(25)]
    actors = [Actor(i, i, "PERSON", affiliations=tuple(rng.sample(ids, rng.randrange(3)))) for i in ids]
    events = [
        Event(
            f"ev:{rng.randrange(10**6):06d}-{n}",
            "CONSULT",
            None,
            None,
            None,
            tuple(rng.sample(ids, rng.randrange(1, 5))),
        )
        for n in range(60)
    ]
    return actors, events


def _by_hand(actors: list[Actor], events: list[Event], min_weight: int) -> list[Edge]:
    shared: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event in events:
        for a, b in combinations(sorted(set(event.participants)), 2):
            shared[(a, b)].append(event.id)
    edges = [
        Edge(a, b, "event", len(ids), tuple(sorted(ids)))
        for (a, b), ids in shared.items()
        if len(ids) >= min_weight
    ]
    known = {a.id for a in actors}
    pairs = {tuple(sorted((a.id, b))) for a in actors for b in a.affiliations if b in known and b != a.id}
    edges += [Edge(a, b, "affiliation", 1, ()) for a, b in pairs]
    return sorted(edges, key=lambda e: (e.source, e.target, e.kind))


@pytest.mark.parametrize(("seed", "min_weight"), [(0, 1), (1, 1), (2, 2), (3, 1)])
def test_same_edges_as_by_hand(seed, min_weight):
    actors, events = _corpus(seed)
    names = sorted(a.id for a in actors)
    table = edge_table(names, events, actors, min_weight=min_weight)
    expected = _by_hand(actors, events, min_weight)
    assert isinstance(table, EdgeTable)
    assert list(table) == expected and table == expected
    assert len(table) == len(expected) and table[-1] == expected[-1] and table[1:4] == tuple(expected[1:4])
    assert list(in_edge_order(table)) == list(in_edge_order(list(reversed(expected)))) == expected
    assert pickle.loads(pickle.dumps(table)) == tuple(expected)
    # Without their events: the same edges, as plain tuples.
    light = [(e.source, e.target, e.kind, e.weight) for e in expected]
    assert list(links(table)) == light and list(links(expected)) == expected
    assert len(links(table)) == len(light) and links(table)[-1] == light[-1]


def test_build_graph_weights_from_the_columns():
    actors, events = _corpus(5)
    scored, edges = build_graph(actors, events)
    degree = defaultdict(int)
    for e in edges:
        if e.kind == "event":
            degree[e.source] += 1
            degree[e.target] += 1
    assert {a.id: a.degree for a in scored} == {a.id: degree[a.id] for a in scored}


def test_no_edges():
    table = edge_table(["a"], [], [Actor("a", "A", "GPE")])
    assert len(table) == 0 and list(table) == [] and [len(c) for c in table.columns("event")] == [0, 0, 0]
