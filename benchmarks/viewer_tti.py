"""Time-to-interactive of the offline viewer (``graph/index.html``) in headless Chromium.

Generates seeded synthetic graphs (1k, 5k and 10k actors, about three links per actor), renders
each with :func:`actorgraph.outputs.html.render_html`, opens it from ``file://`` and measures:

* ``render``: Python time for ``render_html`` (layout included);
* ``ready``: navigation start until the first frame is drawn (``window.__actorgraph.ready``);
* ``tti``: navigation start until a click on a node has updated the side panel.

Run::

    PYTHONPATH=src python benchmarks/viewer_tti.py [--sizes 1000 5000 10000] [--max-nodes 1500]

Needs Playwright for Python and a Chromium at /usr/bin/chromium (Debian package ``chromium``).
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

from actorgraph.outputs.html import render_html
from actorgraph.records import Actor, Document, Edge, Event, Evidence, Graph

TYPES = ("PERSON", "ORG", "GPE", "LOC", "MISC")
TYPE_WEIGHTS = (40, 25, 20, 10, 5)
EVENT_TYPES = ("COOCCUR", "CONSULT", "MEET", "STATEMENT", "VISIT", "SANCTION", "AID")
EVENT_WEIGHTS = (60, 10, 10, 8, 6, 3, 3)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def synthetic_graph(n_actors: int, *, links_per_actor: float = 3.0, seed: int = 7) -> Graph:
    """A seeded, community-structured graph with hubs, dated events and evidence."""
    rng = random.Random(seed)
    community_size = 50
    popularity = [1.0 / (1 + i) ** 0.8 for i in range(n_actors)]
    rng.shuffle(popularity)
    actors_by_comm: dict[int, list[int]] = {}
    for i in range(n_actors):
        actors_by_comm.setdefault(i // community_size, []).append(i)
    n_docs = max(10, n_actors // 2)
    docs = tuple(
        Document(
            id=f"d{i}",
            path=f"corpus/d{i}.txt",
            text_raw="",
            title=f"Article {i} about regional politics",
            date=f"202{rng.randrange(5)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
            url=f"https://news.example.org/{i}" if i % 3 else None,
        )
        for i in range(n_docs)
    )
    target_edges = int(n_actors * links_per_actor)
    pairs: dict[tuple[int, int], list[str]] = {}
    events = []
    k = 0
    while len(pairs) < target_edges:
        a = rng.choices(range(n_actors), weights=popularity)[0] if k % 4 == 0 else rng.randrange(n_actors)
        pool = actors_by_comm[a // community_size] if rng.random() < 0.8 else range(n_actors)
        b = rng.choice(pool)
        if a == b:
            continue
        key = (min(a, b), max(a, b))
        eid = f"ev{k}"
        k += 1
        r = rng.random()
        if r < 0.15:
            date, prec = None, None
        elif r < 0.25:
            date, prec = f"202{rng.randrange(5)}", "year"
        elif r < 0.45:
            date, prec = f"202{rng.randrange(5)}-{rng.randrange(1, 13):02d}", "month"
        else:
            date, prec = f"202{rng.randrange(5)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}", "day"
        evidence = tuple(
            Evidence(
                document=f"d{rng.randrange(n_docs)}",
                sentence=s,
                start=0,
                end=80,
                text=f"Actor {a} and actor {b} were reported together in talks on trade and security ({s}).",
            )
            for s in range(rng.randint(1, 5))
        )
        events.append(
            Event(
                id=eid,
                type=rng.choices(EVENT_TYPES, weights=EVENT_WEIGHTS)[0],
                date=date,
                date_precision=prec,
                location=None,
                participants=(f"a{key[0]}", f"a{key[1]}"),
                evidence=evidence,
            )
        )
        pairs.setdefault(key, []).append(eid)
    edges = tuple(
        Edge(f"a{i}", f"a{j}", "event", float(len(evs)), tuple(evs)) for (i, j), evs in sorted(pairs.items())
    )
    actors = tuple(
        Actor(
            id=f"a{i}",
            label=f"Actor {i}",
            type=rng.choices(TYPES, weights=TYPE_WEIGHTS)[0],
            aliases=(f"A{i}",),
            mentions=rng.randint(1, 50),
            documents=(f"d{rng.randrange(n_docs)}",),
            community=i // community_size,
        )
        for i in range(n_actors)
    )
    return Graph(
        meta={"title": f"synthetic {n_actors}"},
        documents=docs,
        actors=actors,
        events=tuple(events),
        edges=edges,
    )


def measure(path: Path, page) -> dict[str, float]:
    """Load ``path`` in ``page``; seconds until ready and until a node click fills the panel."""
    t0 = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("window.__actorgraph && window.__actorgraph.isReady", timeout=120_000)
    ready = time.perf_counter() - t0
    # Click the strongest actor; whichever node is drawn on top at that point must fill the panel.
    node = page.evaluate("window.__actorgraph.shownIds()[0]")
    pos = page.evaluate("id => window.__actorgraph.domPosition(id)", node)
    page.mouse.click(pos["x"], pos["y"])
    page.wait_for_function("document.getElementById('ag-panel').dataset.kind === 'actor'", timeout=60_000)
    tti = time.perf_counter() - t0
    shown = page.evaluate("window.__actorgraph.counts().actors")
    return {"ready": ready, "tti": tti, "shown": shown}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--max-nodes", type=int, default=1500)
    parser.add_argument("--runs", type=int, default=2, help="page loads per size (best is reported)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    print(f"machine: {platform.machine()} {platform.system()} python {platform.python_version()}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for n in args.sizes:
            graph = synthetic_graph(n)
            t = time.perf_counter()
            text = render_html(graph, max_nodes=args.max_nodes)
            render = time.perf_counter() - t
            path = Path(tmp) / f"viewer_{n}.html"
            path.write_text(text, encoding="utf-8")
            best = None
            for _ in range(args.runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                result = measure(path, page)
                page.close()
                best = result if best is None or result["tti"] < best["tti"] else best
            row = (
                n,
                len(graph.edges),
                len(graph.events),
                best["shown"],
                len(text) / 1e6,
                render,
                best["ready"],
                best["tti"],
            )
            rows.append(row)
            print(
                f"actors={n:>6} edges={row[1]:>6} events={row[2]:>6} shown={row[3]:>5} size={row[4]:.1f} MB "
                f"render={render:.2f}s ready={best['ready']:.2f}s tti={best['tti']:.2f}s",
                flush=True,
            )
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
