"""Memory and time of each output writer, from a document store.

With ``--jobs 2`` the build writes its outputs in forked processes, so the main process's peak
RSS (``scaling.py``) never shows what a writer adds. This script builds a corpus whose analyses
are already in a document store (run a build with ``--cache DIR`` first; nothing is annotated),
prints the main process's peak RSS after each stage, then runs every writer alone in a forked
child and prints the child's RSS when it started, its peak, what the writer added, its seconds
and the size of what it wrote; then writes them all in the main process, as a ``--jobs 1``
build does, and prints that process's peak. Last, the viewer's layout alone
(:func:`actorgraph.outputs.html.viewer_positions`, best of 3): the part of the page writer
that a build with more than one process computes beside the graph's metrics.

What a child adds is new resident memory: a writer that reuses memory the build freed but
kept adds nothing, so the figure also depends on how much the build leaves free. The peak of
the writers run in the main process is the figure a ``--jobs 1`` build reaches.

Usage::

    python benchmarks/writers.py CORPUS --cache DIR [--formats html,json] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import file_sizes, header

_DEFAULT_MAX_NODES = 1500


def _rss_mib() -> float:
    """Current resident set size of this process (Linux ``/proc``)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def _measure_in_child(write, graph, out: Path, options: dict) -> dict:
    """Run ``write`` in a forked child; return its start and peak RSS, seconds and bytes written."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write, report through the pipe, leave without cleanup
        os.close(read_end)
        started_mib = _rss_mib()
        started = time.perf_counter()
        write(graph, out, options)
        seconds = time.perf_counter() - started
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        report = {"start_mib": started_mib, "peak_mib": peak_mib, "seconds": seconds}
        os.write(write_end, json.dumps(report).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        raw = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not raw:
        raise RuntimeError(f"writer process failed (status {status})")
    report = json.loads(raw)
    report["added_mib"] = report["peak_mib"] - report["start_mib"]
    report["bytes"] = sum(file_sizes(out).values())
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--cache", required=True, help="the document store's folder (built beforehand)")
    parser.add_argument("--formats", default="", help="comma-separated writers (default: all)")
    parser.add_argument("--max-nodes", type=int, default=_DEFAULT_MAX_NODES)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args(argv)

    from actorgraph import pipeline
    from actorgraph.outputs import FORMATS, write_outputs

    names = [n for n in args.formats.split(",") if n] or list(FORMATS)
    unknown = sorted(set(names) - set(FORMATS))
    if unknown:
        parser.error(f"unknown formats: {', '.join(unknown)}")

    print(header())
    started = time.perf_counter()
    result = pipeline.build(args.corpus, out=None, models="bundled", cache=args.cache, jobs=1)
    build_seconds = time.perf_counter() - started
    stage_peaks = dict(result.summary.stage_peak_mib)
    print(f"build from the store, no outputs: {build_seconds:.1f} s, {result.summary.documents} documents")
    print("main process peak RSS after each stage (MiB):")
    for stage, peak in stage_peaks.items():
        print(f"  {stage:<15} {peak:7.1f}")
    print(f"main process RSS now: {_rss_mib():.1f} MiB")

    writers = {}
    options = {"max_nodes": args.max_nodes}
    print(f"{'writer':<8} {'start':>8} {'peak':>8} {'added':>8} {'seconds':>8} {'bytes':>12}")
    for name in names:
        with tempfile.TemporaryDirectory() as out:
            report = _measure_in_child(FORMATS[name], result.graph, Path(out), options)
        writers[name] = report
        print(
            f"{name:<8} {report['start_mib']:8.1f} {report['peak_mib']:8.1f} {report['added_mib']:+8.1f}"
            f" {report['seconds']:8.1f} {report['bytes']:12,d}",
            flush=True,
        )
    # Then all of them in this process, one after another, as a build with --jobs 1 writes them.
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        write_outputs(result.graph, out, formats=names, max_nodes=args.max_nodes, jobs=1)
        in_process = {
            "seconds": time.perf_counter() - started,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    print(
        f"all in this process (as --jobs 1): {in_process['seconds']:.1f} s, "
        f"this process's peak RSS {in_process['peak_mib']:.1f} MiB"
    )
    from actorgraph.outputs.html import viewer_positions

    layout_runs = []
    for _ in range(3):
        started = time.perf_counter()
        viewer_positions(result.graph.actors, result.graph.edges, max_nodes=args.max_nodes)
        layout_runs.append(time.perf_counter() - started)
    actors = len(result.graph.actors)
    print(f"the viewer's layout alone: {min(layout_runs):.2f} s (best of 3), {actors:,} actors")
    if args.json:
        results = {
            "corpus": args.corpus,
            "documents": result.summary.documents,
            "build_seconds": build_seconds,
            "stage_peak_mib": stage_peaks,
            "writers": writers,
            "in_process": in_process,
            "layout_seconds": min(layout_runs),
        }
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
