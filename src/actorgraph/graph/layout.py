"""Deterministic 2-D node positions for the offline viewer.

One algorithm: Fruchterman–Reingold forces (spring attraction along edges, inverse-distance
repulsion between all nodes, a weak pull to the centre) with a linearly cooling step limit. The
all-pairs repulsion is approximated Barnes–Hut style on a hierarchy of square grids (a quadtree
flattened per level): each node feels the individual nodes of its own neighbourhood only through
the finest cells, and every farther group of nodes through the centre of mass of the largest cell
that is still well separated from it. That costs O(n log n) per iteration and vectorises with
numpy. Small graphs (at most ``_EXACT_LIMIT`` nodes) use the exact pairwise sum instead.

Everything is seeded and computed in a fixed order, so the same input gives the same positions.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import cache

import numpy as np

__all__ = ["attach", "layout"]

_EXACT_LIMIT = 250
_MIN_DIST = 1e-3

# Offsets of the 6 x 6 block of cells under a parent's 3 x 3 neighbourhood, relative to
# (2 * parent_x - 2, 2 * parent_y - 2).
_BLOCK = np.array([(a, b) for a in range(6) for b in range(6)], dtype=np.int64)
#: Grids up to this many cells a side keep their interaction lists (:func:`_interaction_lists`,
#: at most about 7 MB for all of them); a finer grid, for a force layout of more than about
#: 16,000 nodes, lists them per node.
_LISTED_GRID = 128
_NEAR = np.array([(a, b) for a in (-1, 0, 1) for b in (-1, 0, 1)], dtype=np.int64)


def layout(
    actors: Iterable, edges: Iterable, *, seed: int = 42, core: Collection[str] | None = None
) -> dict[str, tuple[float, float]]:
    """Compute fixed 2-D positions for actors with a seeded force-directed layout.

    Parameters
    ----------
    actors : iterable of Actor
        The nodes; only ``id`` is read. Order does not matter (ids are sorted first).
    edges : iterable of Edge
        The links; ``source``, ``target`` and ``weight`` are read. Edges to unknown actors
        and self-loops are ignored; parallel edges add up.
    seed : int, optional
        Seed of the random initial placement, by default 42.
    core : collection of str, optional
        Actors to lay out by force (the ones a viewer draws first). The others are placed next
        to their laid-out neighbours (:func:`attach`), so a graph of 100,000 actors costs the
        force layout of its core plus one pass over the edges. ``None``: every actor.

    Returns
    -------
    dict of str to tuple of (float, float)
        Position of every actor id in pixels, centred on the origin, the larger side spanning
        between 600 and 6,000 px depending on the number of nodes, rounded to 1 decimal.

    Notes
    -----
    Fruchterman–Reingold with a Barnes–Hut style multilevel-grid approximation of the
    repulsion for graphs larger than a few hundred nodes, so an iteration costs O(n log n)
    instead of O(n^2). Identical input (same ids, edges and seed) gives identical output.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> pos = layout([NS(id="a"), NS(id="b")], [NS(source="a", target="b", weight=1.0)])
    >>> sorted(pos)
    ['a', 'b']
    """
    ids = sorted({str(a.id) for a in actors})
    if core is None or len(core) >= len(ids):
        return _force(ids, edges, seed)
    edges = edges if isinstance(edges, Sequence) else list(edges)  # read twice
    inner = {str(c) for c in core}
    return attach(_force([i for i in ids if i in inner], edges, seed), ids, edges, seed=seed)


def _force(ids: list[str], edges: Iterable, seed: int) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold positions of the sorted ``ids`` (edges to other ids are ignored)."""
    n = len(ids)
    if n == 0:
        return {}
    if n == 1:
        return {ids[0]: (0.0, 0.0)}
    index = {actor_id: i for i, actor_id in enumerate(ids)}

    ends, weights = array("q"), array("d")
    for edge in edges:
        i, j = index.get(str(edge.source)), index.get(str(edge.target))
        if i is None or j is None or i == j:
            continue
        ends.append((i << 32) | j if i < j else (j << 32) | i)
        weights.append(_link_weight(edge))
    del index
    keys, summed, _ = _sum_by_key(
        np.frombuffer(ends, dtype=np.int64) if ends else np.zeros(0, np.int64),
        np.frombuffer(weights, dtype=np.float64) if weights else np.zeros(0),
    )
    del ends, weights
    src, dst = keys >> 32, keys & 0xFFFFFFFF
    # Heavy links pull harder, but only logarithmically, so hubs do not collapse.
    ew = np.array([1.0 + math.log1p(w) for w in summed.tolist()], dtype=np.float64)
    del keys, summed

    rng = np.random.default_rng(seed)
    k = 1.0  # ideal edge length in layout units
    side = math.sqrt(n) * k
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    iterations = 300 if n <= 200 else 150 if n <= 2000 else 90
    temperature = side / 10
    cooling = temperature / (iterations + 1)
    gravity = 4.0

    for _ in range(iterations):
        disp = _repulsion(pos, k) if n > _EXACT_LIMIT else _repulsion_exact(pos, k)
        if len(src):
            delta = pos[src] - pos[dst]
            dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), _MIN_DIST)
            pull = delta * (dist * ew / k)[:, None]  # |d|^2 / k along d/|d|
            # Each node's pulls summed first, in edge order (bincount, not the slower ufunc.at).
            for axis in (0, 1):
                disp[:, axis] += np.bincount(dst, weights=pull[:, axis], minlength=n) - np.bincount(
                    src, weights=pull[:, axis], minlength=n
                )
        disp -= gravity * pos * k
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), _MIN_DIST)
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling

    pos -= np.median(pos, axis=0)
    if n >= 50:
        # Pull far stragglers (small disconnected pieces) in to the rim, so the body fills the view.
        radius = np.hypot(pos[:, 0], pos[:, 1])
        rim = 1.1 * float(np.quantile(radius, 0.98))
        far = radius > rim
        pos[far] *= (rim / radius[far])[:, None]
    pos -= (pos.max(axis=0) + pos.min(axis=0)) / 2
    extent = float(np.abs(pos).max()) * 2 or 1.0
    target = min(6000.0, max(1400.0, 60.0 * math.sqrt(n)))
    pos *= target / extent
    return {
        actor_id: (round(float(x), 1) + 0.0, round(float(y), 1) + 0.0)
        for actor_id, (x, y) in zip(ids, pos, strict=True)
    }


def _repulsion_exact(pos: np.ndarray, k: float) -> np.ndarray:
    """Exact all-pairs repulsion ``k^2 / d`` along ``d``."""
    delta = pos[:, None, :] - pos[None, :, :]
    dist2 = np.maximum((delta**2).sum(axis=2), _MIN_DIST**2)
    np.fill_diagonal(dist2, np.inf)
    return (delta * (k * k / dist2)[:, :, None]).sum(axis=1)


def _repulsion(pos: np.ndarray, k: float) -> np.ndarray:
    """Repulsion approximated on a multilevel grid (Barnes–Hut with square cells)."""
    n = len(pos)
    lo = pos.min(axis=0)
    span = float((pos.max(axis=0) - lo).max()) * 1.0001 + 1e-9
    rel = (pos - lo) / span  # in [0, 1)
    finest = max(2, math.ceil(math.log2(math.sqrt(n))))
    disp = np.zeros_like(pos)
    kk = k * k

    def cells_at(level: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        g = 1 << level
        cx = np.minimum((rel[:, 0] * g).astype(np.int64), g - 1)
        cy = np.minimum((rel[:, 1] * g).astype(np.int64), g - 1)
        cid = cx * g + cy
        # One more cell than the grid has, always empty: where interaction lists point for "none".
        mass = np.bincount(cid, minlength=g * g + 1).astype(np.float64)
        sx = np.bincount(cid, weights=pos[:, 0], minlength=g * g + 1)
        sy = np.bincount(cid, weights=pos[:, 1], minlength=g * g + 1)
        return cx, cy, mass, sx, sy

    def far(px, py, cx, cy, mass, sx, sy, g):
        """Force on points (px, py) in cells (cx, cy) from their level's interaction list."""
        tid = _interaction_lists(g)[cx * g + cy] if g <= _LISTED_GRID else _cells_listed(cx, cy, g)
        safe = np.maximum(mass, 1.0)
        # Each cell's centre of mass (0 for an empty one, which exerts no force).
        centre_x, centre_y = sx / safe, sy / safe
        m = mass[tid]
        dx = px[:, None] - centre_x[tid]
        dy = py[:, None] - centre_y[tid]
        f = kk * m / np.maximum(dx * dx + dy * dy, _MIN_DIST**2)
        return (dx * f).sum(axis=1), (dy * f).sum(axis=1)

    for level in range(2, finest + 1):
        g = 1 << level
        cx, cy, mass, sx, sy = cells_at(level)
        if level >= finest - 1:
            fx, fy = far(pos[:, 0], pos[:, 1], cx, cy, mass, sx, sy, g)
            disp[:, 0] += fx
            disp[:, 1] += fy
        else:
            # Coarse levels: all nodes of a cell feel (nearly) the same far field, so it is
            # evaluated once per occupied cell, at the cell's centre of mass.
            occupied = np.flatnonzero(mass)
            m_occ = mass[occupied]
            fx, fy = far(
                sx[occupied] / m_occ, sy[occupied] / m_occ, occupied // g, occupied % g, mass, sx, sy, g
            )
            cell_fx = np.zeros(g * g)
            cell_fy = np.zeros(g * g)
            cell_fx[occupied] = fx
            cell_fy[occupied] = fy
            cid = cx * g + cy
            disp[:, 0] += cell_fx[cid]
            disp[:, 1] += cell_fy[cid]
        if level == finest:
            # Near field: the 8 neighbouring cells as centres of mass, the own cell without self.
            near_x = np.broadcast_to(_NEAR[None, :, 0], (n, 9))
            near_y = np.broadcast_to(_NEAR[None, :, 1], (n, 9))
            own = (near_x == 0) & (near_y == 0)
            tx, ty = cx[:, None] + near_x, cy[:, None] + near_y
            valid = (tx >= 0) & (tx < g) & (ty >= 0) & (ty < g)
            tid = np.where(valid, tx * g + ty, 0)
            m = np.where(valid, mass[tid], 0.0)
            bx = np.where(valid, sx[tid], 0.0) - np.where(own, pos[:, 0:1], 0.0)
            by = np.where(valid, sy[tid], 0.0) - np.where(own, pos[:, 1:2], 0.0)
            m = m - own
            safe = np.maximum(m, 1.0)
            dx = pos[:, 0:1] - bx / safe
            dy = pos[:, 1:2] - by / safe
            d2 = np.maximum(dx * dx + dy * dy, _MIN_DIST**2)
            f = kk * m / d2
            disp[:, 0] += (dx * f).sum(axis=1)
            disp[:, 1] += (dy * f).sum(axis=1)
    return disp


@cache
def _interaction_lists(g: int) -> np.ndarray:
    """:func:`_cells_listed` for every cell of a ``g`` x ``g`` grid, by ``x * g + y``: the lists
    depend on the grid alone, so they are made once per grid size rather than once per node
    and iteration."""
    cx, cy = np.divmod(np.arange(g * g, dtype=np.int64), g)
    return _cells_listed(cx, cy, g)


def _cells_listed(cx: np.ndarray, cy: np.ndarray, g: int) -> np.ndarray:
    """The interaction list of each cell (``cx``, ``cy``) of a ``g`` x ``g`` grid: the children of
    its parent's neighbourhood that are not its own neighbours, as cell numbers; ``g * g``, a
    cell outside the grid, where there is none."""
    tx = 2 * (cx // 2)[:, None] - 2 + _BLOCK[None, :, 0]
    ty = 2 * (cy // 2)[:, None] - 2 + _BLOCK[None, :, 1]
    valid = (tx >= 0) & (tx < g) & (ty >= 0) & (ty < g)
    valid &= (np.abs(tx - cx[:, None]) > 1) | (np.abs(ty - cy[:, None]) > 1)
    return np.where(valid, tx * g + ty, g * g)


def attach(
    placed: dict[str, tuple[float, float]], ids: Iterable[str], edges: Iterable, *, seed: int = 42
) -> dict[str, tuple[float, float]]:
    """Positions for ``ids`` not in ``placed``: near the weighted centre of their placed
    neighbours, or on a ring outside the layout when they have none.

    Actors are attached in order of how strongly they link to placed ones (then by id), and each
    attached actor counts as placed for the next, so chains of weak ties follow their anchor.
    Offsets come from a seeded generator: same input, same positions.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> pos = attach({"a": (0.0, 0.0)}, ["a", "b"], [NS(source="a", target="b", weight=1.0)])
    >>> sorted(pos)
    ['a', 'b']
    """
    positions = dict(placed)
    rest = sorted(i for i in set(ids) if i not in positions)
    if not rest:
        return positions
    return _place(positions, rest, _Neighbours(edges, rest, positions), seed=seed)


def _place(
    positions: dict[str, tuple[float, float]], rest: list[str], neighbours, *, seed: int
) -> dict[str, tuple[float, float]]:
    """Add each of ``rest`` (sorted) to ``positions``, as :func:`attach` describes;
    ``neighbours.of(name)`` gives a name's (neighbour, weight) pairs, in the order they first met."""
    rng = np.random.default_rng(seed)
    if positions:
        coords = np.array(list(positions.values()))
        centre = coords.mean(axis=0)
        radius = float(np.hypot(*(coords - centre).T).max()) or 100.0
    else:
        centre, radius = np.zeros(2), 100.0
    centre_x, centre_y = centre.tolist()
    spread = radius / max(math.sqrt(len(positions) or 1), 1.0)
    # Strongest ties to the placed part first (a heap would be exact; one sorted pass is enough)
    anchored = {i: sum(w for j, w in neighbours.of(i) if j in positions) for i in rest}
    # The random numbers are drawn at once, two per actor for a jitter and two for a place on
    # the ring, whichever it needs: the n-th actor placed gets the n-th of each.
    jitters = rng.normal(0.0, 1.0, size=(len(rest), 2)).tolist()
    rings = rng.uniform(0.0, 1.0, size=(len(rest), 2)).tolist()
    # Coordinates are computed with Python floats, without an array per step.
    for n, actor_id in enumerate(sorted(rest, key=lambda i: (-anchored[i], i))):
        links = [(positions[j], w) for j, w in neighbours.of(actor_id) if j in positions]
        if links:
            jitter_x, jitter_y = jitters[n]
            total = sum(w for _, w in links) or 1.0
            x = sum(p[0] * w for p, w in links) / total + jitter_x * spread
            y = sum(p[1] * w for p, w in links) / total + jitter_y * spread
        else:
            turn, out = rings[n]
            angle, ring = 2 * math.pi * turn, radius * (1.1 + 0.2 * out)
            x, y = centre_x + ring * math.cos(angle), centre_y + ring * math.sin(angle)
        positions[actor_id] = (round(x, 1) + 0.0, round(y, 1) + 0.0)
    return positions


def _link_weight(edge) -> float:
    """A link's weight for the layout: missing or zero counts 1, a negative one 0."""
    return max(float(getattr(edge, "weight", 1.0) or 1.0), 0.0)


def _sum_by_key(keys: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct ``keys`` sorted, each one's weights summed, and where each first occurs.

    A key's weights are added one by one in the order they come, from 0.0, so each sum has the
    bits that filling a dict entry by entry gives; the two coincide only in that order.

    Examples
    --------
    >>> keys, sums, first = _sum_by_key(np.array([7, 3, 7]), np.array([0.5, 1.0, 0.25]))
    >>> keys.tolist(), sums.tolist(), first.tolist()
    ([3, 7], [1.0, 0.75], [1, 0])
    """
    order = np.argsort(keys, kind="stable")  # a key's entries stay in the order they came
    ordered = keys[order]
    new_key = np.ones(len(ordered), dtype=bool)
    new_key[1:] = ordered[1:] != ordered[:-1]
    starts = np.flatnonzero(new_key)
    del new_key
    first = order[starts]
    summed = weights[first] + 0.0  # 0.0 + w, as dict.get(key, 0.0) + w gives (-0.0 becomes 0.0)
    ends = np.r_[starts[1:], len(ordered)]
    for group in np.flatnonzero(ends - starts > 1).tolist():
        total = 0.0
        for k in order[starts[group] : ends[group]].tolist():
            total += weights[k]
        summed[group] = total
    return ordered[starts], summed, first


class _Neighbours:
    """Each actor to attach, its neighbours with their summed link weights.

    The neighbours of an actor come in the order its links first name them, and a pair's
    weight is summed link by link in the order the links come, so the sums (and so the
    positions) are those of a dict of dicts filled edge by edge. Held as sorted arrays instead,
    about 12 bytes a (actor, neighbour) pair: a dict of dicts took over 100 MiB for the half
    million links of a corpus of 20,000 articles.
    """

    def __init__(self, edges: Iterable, rest: list[str], placed: Collection[str]) -> None:
        # Only pairs that can matter: from an actor to attach, to an actor that is or will be placed.
        self.names = sorted({*rest, *placed})
        self.number = number = {name: n for n, name in enumerate(self.names)}
        attaching = np.zeros(len(self.names), dtype=bool)
        attaching[[number[name] for name in rest]] = True
        ends, weights = array("i"), array("d")
        for edge in edges:
            u, v = str(edge.source), str(edge.target)
            a, b = number.get(u), number.get(v)
            if u == v or a is None or b is None:
                continue
            ends.extend((a, b))
            weights.append(_link_weight(edge))
        # Link k gives the pairs (u, v) at 2k and (v, u) at 2k + 1: the order the dicts met them.
        pair = np.frombuffer(ends, dtype=np.int32).reshape(-1, 2) if ends else np.zeros((0, 2), np.int32)
        source = pair.ravel()
        target = pair[:, ::-1].ravel()
        seen = np.flatnonzero(attaching[source]).astype(np.int32)
        source, target = source[seen], target[seen]
        link_weights = np.frombuffer(weights, dtype=np.float64) if weights else np.zeros(0)
        key = (source.astype(np.int64) << 32) | target
        del source, target
        key, summed, first = _sum_by_key(key, link_weights[seen // 2])
        source, target, seen = (key >> 32).astype(np.int32), (key & 0xFFFFFFFF).astype(np.int32), seen[first]
        del key, first
        # Each actor's neighbours in the order first met.
        order = np.lexsort((seen, source))
        self.target, self.weight = target[order], summed[order]
        self.bounds = np.searchsorted(source[order], np.arange(len(self.names) + 1))

    def of(self, name: str) -> Iterator[tuple[str, float]]:
        """``(neighbour, weight)`` pairs of ``name``, an actor to attach."""
        n = self.number[name]
        lo, hi = self.bounds[n], self.bounds[n + 1]
        names = self.names
        return zip([names[t] for t in self.target[lo:hi].tolist()], self.weight[lo:hi].tolist(), strict=True)
