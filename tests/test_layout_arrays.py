"""The layout sums link weights in arrays: every position is the one dicts filled link by link give."""

from __future__ import annotations

import random
from types import SimpleNamespace as NS

import numpy as np
import pytest

from actorgraph.graph.layout import _Neighbours, _place, _sum_by_key, attach


def _reference_neighbours(edges) -> dict[str, dict[str, float]]:
    neighbours: dict[str, dict[str, float]] = {}
    for edge in edges:
        u, v = str(edge.source), str(edge.target)
        if u == v:
            continue
        weight = max(float(getattr(edge, "weight", 1.0) or 1.0), 0.0)
        for a, b in ((u, v), (v, u)):
            neighbours.setdefault(a, {})
            neighbours[a][b] = neighbours[a].get(b, 0.0) + weight
    return neighbours


class _DictNeighbours:
    """The neighbours ``attach`` used to keep: a dict of dicts filled edge by edge."""

    def __init__(self, edges):
        self.by_name = _reference_neighbours(edges)

    def of(self, name):
        return self.by_name.get(name, {}).items()


def _reference_attach(placed, ids, edges, *, seed=42):
    """Placement over the dict of dicts: the behaviour ``attach`` must keep."""
    positions = dict(placed)
    rest = sorted(i for i in set(ids) if i not in positions)
    if not rest:
        return positions
    return _place(positions, rest, _DictNeighbours(edges), seed=seed)


def _random_case(seed: int):
    rnd = random.Random(seed)
    ids = [f"a{n:03d}" for n in range(rnd.randint(2, 80))]
    placed = {i: (round(rnd.uniform(-500, 500), 1), round(rnd.uniform(-500, 500), 1)) for i in ids[:5]}
    placed["outsider"] = (3.0, -4.0)  # placed, though not among ``ids``
    names = [*ids, "outsider", "stranger"]  # "stranger": an endpoint that is neither
    edges = []
    for _ in range(rnd.randint(0, 300)):
        u, v = rnd.choice(names), rnd.choice(names)
        weight = rnd.choice([1, 2, 5, 0.1, 0.7, 1e-3, 0, -2, None])  # 0, None: 1.0; negative: 0.0
        edges.append(NS(source=u, target=v, weight=weight))
        if rnd.random() < 0.2:  # the same pair again, either way round
            edges.append(NS(source=v, target=u, weight=rnd.choice([1, 0.3, 0.1])))
    return placed, ids, edges


@pytest.mark.parametrize("seed", range(40))
def test_attach_equals_dict_of_dicts(seed):
    placed, ids, edges = _random_case(seed)
    assert attach(placed, ids, edges, seed=seed) == _reference_attach(placed, ids, edges, seed=seed)


@pytest.mark.parametrize("seed", range(40))
def test_neighbours_in_the_order_first_met_with_sums_in_link_order(seed):
    # Positions are rounded to 0.1 px, which hides most float differences; so the order of each
    # actor's neighbours and the exact bits of each summed weight are compared here.
    placed, ids, edges = _random_case(seed)
    rest = sorted(i for i in set(ids) if i not in placed)
    if not rest:
        return
    known = {*rest, *placed}
    reference = _reference_neighbours(edges)
    neighbours = _Neighbours(edges, rest, placed)
    for name in rest:
        expected = [(j, w.hex()) for j, w in reference.get(name, {}).items() if j in known]
        assert [(j, float(w).hex()) for j, w in neighbours.of(name)] == expected


def test_attach_sums_parallel_links_in_order():
    # 0.1 + 0.2 + 0.3 depends on the order of addition; the weighted centre must not move.
    placed = {"p": (10.0, 0.0), "q": (-10.0, 0.0)}
    edges = [NS(source="x", target="p", weight=w) for w in (0.1, 0.2, 0.3)]
    edges += [NS(source="q", target="x", weight=w) for w in (0.3, 0.2, 0.1)]
    edges.append(NS(source="x", target="x", weight=9))
    got = attach(placed, ["p", "q", "x"], edges, seed=1)
    assert got == _reference_attach(placed, ["p", "q", "x"], edges, seed=1)


def test_attach_with_nothing_to_place_or_no_links():
    placed = {"a": (1.0, 2.0)}
    assert attach(placed, ["a"], [NS(source="a", target="b", weight=1)]) == placed
    alone = attach({}, ["b", "a"], [])
    assert sorted(alone) == ["a", "b"] and alone == _reference_attach({}, ["b", "a"], [])


@pytest.mark.parametrize("seed", range(20))
def test_sum_by_key_has_the_bits_of_a_dict_filled_in_order(seed):
    rnd = random.Random(seed)
    keys = [rnd.randrange(12) << 32 | rnd.randrange(5) for _ in range(rnd.randint(0, 200))]
    weights = [rnd.choice([0.1, 0.2, 0.3, 1e-9, 1e9, 0.7, 2.0, -0.0]) for _ in keys]
    expected: dict[int, float] = {}
    first: dict[int, int] = {}
    for n, (key, weight) in enumerate(zip(keys, weights, strict=True)):
        expected[key] = expected.get(key, 0.0) + weight
        first.setdefault(key, n)
    got_keys, sums, firsts = _sum_by_key(np.array(keys, dtype=np.int64), np.array(weights, dtype=np.float64))
    assert got_keys.tolist() == sorted(expected)
    assert [float(w).hex() for w in sums.tolist()] == [expected[k].hex() for k in sorted(expected)]
    assert firsts.tolist() == [first[k] for k in sorted(expected)]


@pytest.mark.parametrize("n", [300, 1500, 5000])
def test_interaction_lists_kept_per_grid_equal_lists_made_per_node(n, monkeypatch):
    """Grids up to ``_LISTED_GRID`` cells a side keep their lists; finer ones list them per node.
    Both give the repulsion to the bit, with points that share a cell or a position."""
    from actorgraph.graph import layout as layout_module

    rng = np.random.default_rng(n)
    pos = rng.uniform(-(n**0.5) / 2, (n**0.5) / 2, size=(n, 2))
    pos[:5] = pos[0]
    kept = layout_module._repulsion(pos, 1.0)
    monkeypatch.setattr(layout_module, "_LISTED_GRID", 1)
    assert np.array_equal(kept, layout_module._repulsion(pos, 1.0))
