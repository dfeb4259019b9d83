"""Where the corpus-wide stages hold memory: Python heap per step, from a document store.

Peak RSS (``scaling.py``) says which stage raised the high-water mark, not what it held. This
script builds a corpus whose analyses are already in a document store (nothing is annotated;
run a build with ``--cache DIR`` first) with :mod:`tracemalloc` on, and prints for each step of
resolution (and the near-duplicates found with it), events and the graph stage the traced heap
when it started, its peak while it ran and what it left behind. Tracing slows the build
several times over, so the seconds printed are not the build's.

``--top N`` also prints the N source lines holding the most memory when the cross-article
merge starts (the events pass's high point).

Usage::

    python benchmarks/heap.py CORPUS --cache DIR [--top 20]
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import header

_MIB = 2**20


def _traced(owner, name: str, label: str) -> None:
    """Replace ``owner.name`` by a wrapper that prints the heap around each call."""
    function = getattr(owner, name)

    def wrapper(*args, **kwargs):
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        started = time.perf_counter()
        result = function(*args, **kwargs)
        current, peak = tracemalloc.get_traced_memory()
        print(
            f"  {label:<32} start {before / _MIB:7.1f}  peak {peak / _MIB:7.1f}"
            f"  end {current / _MIB:7.1f} MiB  ({time.perf_counter() - started:.1f} s traced)",
            flush=True,
        )
        tracemalloc.reset_peak()
        return result

    setattr(owner, name, wrapper)


def _top_at_merge(lines: int) -> None:
    from actorgraph.events import merge

    groups = merge.ReportMerger.groups

    def wrapper(self, **kwargs):
        print(f"  heap when the merge starts: {tracemalloc.get_traced_memory()[0] / _MIB:.1f} MiB")
        for stat in tracemalloc.take_snapshot().statistics("lineno")[:lines]:
            print("    ", stat)
        return groups(self, **kwargs)

    merge.ReportMerger.groups = wrapper


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--cache", required=True, help="the document store's folder (built beforehand)")
    parser.add_argument("--top", type=int, default=0, help="source lines to list when the merge starts")
    args = parser.parse_args(argv)

    import actorgraph.dedup as dedup
    import actorgraph.graph as graph
    import actorgraph.pipeline as pipeline
    import actorgraph.resolve as resolve
    import actorgraph.spill as spill

    print(header())
    # Inner steps first: a wrapper resets the peak, so an outer step's peak is the part after
    # its last inner step.
    _traced(resolve._Resolver, "__init__", "resolve: read pass (columns)")
    _traced(resolve._Resolver, "_corpus", "resolve: corpus-wide passes")
    _traced(resolve._Resolver, "_actors", "resolve: actors")
    _traced(dedup.DuplicateFinder, "duplicates", "resolve: near-duplicates")
    # The build imports it from its module when the events pass starts.
    _traced(spill, "EventSpill", "events (reports, merge, spill)")
    for name in ("edge_table", "adjacency_of_positions", "centralities", "communities"):
        _traced(graph, name, f"graph: {name}")
    if args.top:
        _top_at_merge(args.top)
    tracemalloc.start()
    result = pipeline.build(args.corpus, out=None, models="bundled", cache=args.cache, jobs=1)
    summary = result.summary
    print(f"  annotated {summary.annotated} of {summary.documents} (should be 0: the store holds them)")
    print(f"  peak RSS when each stage ended (traced): {dict(summary.stage_peak_mib)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
