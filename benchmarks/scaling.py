"""Scaling curve: fresh builds of the ``news-<N>.jsonl`` corpora (``benchmarks/corpora.py``).

Each size is built with :func:`actorgraph.pipeline.build` (``cache=None``: no document store,
``models="bundled"``) in a fresh subprocess, so peak RSS is that build's own. Reported per size:
wall time, documents/s, milliseconds per document of every stage (flat = linear; growing = worse
than linear), the share of ``graph`` + ``outputs`` in the total and peak RSS (main process; with
``--jobs 2`` also the largest worker).

Sizes that are not run can be extrapolated (``--extrapolate 20000``) from a least-squares line
``seconds = a + b * N`` per stage and ``RSS = c + d * N`` over the measured sizes; such rows are
labelled ``extrapolated``.

Usage::

    python benchmarks/scaling.py [--bench /tmp/actorgraph-bench] [--sizes 2000 5000 10000 20000]
                                 [--jobs 1] [--extrapolate 20000] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import header, run_build, word_count

TARGET_SHARE = 0.10
TARGET_RSS = 1.3


def _fit(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares ``y = a + b x``."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx if sxx else 0.0
    return my - b * mx, b


def _row(n: int, words: int, seconds: float, stages: dict[str, float], rss: float, worker: float) -> dict:
    share = (stages.get("graph", 0.0) + stages.get("outputs", 0.0)) / seconds
    return {
        "n": n,
        "words": words,
        "seconds": seconds,
        "docs_per_s": n / seconds,
        "ms_per_doc": {k: 1000 * v / n for k, v in stages.items()},
        "graph_outputs_share": share,
        "rss_mib": rss,
        "worker_rss_mib": worker,
    }


def _print(row: dict, label: str) -> None:
    per = ", ".join(f"{k} {v:.1f}" for k, v in row["ms_per_doc"].items())
    print(
        f"N={row['n']:>6} [{label}] {row['seconds']:7.1f} s  {row['docs_per_s']:5.1f} docs/s  "
        f"graph+outputs {100 * row['graph_outputs_share']:4.1f} %  peak RSS {row['rss_mib']:6.0f} MiB"
        f" (worker {row['worker_rss_mib']:.0f})\n    ms/doc: {per}",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=Path("/tmp/actorgraph-bench"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 5000, 10000, 20000])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--extrapolate", type=int, nargs="*", default=[], help="sizes to extrapolate")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    print(f"{header()}, --jobs {args.jobs}")
    rows = []
    for n in args.sizes:
        corpus = args.bench / f"news-{n}.jsonl"
        result = run_build(corpus, jobs=args.jobs)
        row = _row(
            result["documents"],
            word_count(corpus),
            result["seconds"],
            result["stage_seconds"],
            result["rss_mib"]["self"],
            result["rss_mib"]["children"],
        )
        row.update(
            label="measured",
            actors=result["actors"],
            events=result["events"],
            edges=result["edges"],
            files=result["files"],
            stage_peak_mib=result.get("stage_peak_mib", {}),
        )
        rows.append(row)
        _print(row, "measured")
        peaks = ", ".join(f"{k} {v:.0f}" for k, v in row["stage_peak_mib"].items())
        print(f"    main process's peak RSS (MiB) when each stage ended: {peaks}", flush=True)
        print(
            f"    actors {result['actors']}, events {result['events']}, edges {result['edges']}; "
            f"load average {os.getloadavg()[0]:.2f}",
            flush=True,
        )
    if args.extrapolate and len(rows) >= 2:
        xs = [r["n"] for r in rows]
        stages = list(rows[0]["ms_per_doc"])
        fits = {s: _fit(xs, [r["ms_per_doc"][s] * r["n"] / 1000 for r in rows]) for s in stages}
        other = _fit(
            xs, [r["seconds"] - sum(r["ms_per_doc"][s] * r["n"] / 1000 for s in stages) for r in rows]
        )
        rss = _fit(xs, [r["rss_mib"] for r in rows])
        worker = _fit(xs, [r["worker_rss_mib"] for r in rows])
        for n in args.extrapolate:
            st = {s: a + b * n for s, (a, b) in fits.items()}
            total = sum(st.values()) + other[0] + other[1] * n
            row = _row(n, 0, total, st, rss[0] + rss[1] * n, worker[0] + worker[1] * n)
            row["label"] = "extrapolated"
            rows.append(row)
            _print(row, "extrapolated (linear fit)")
    measured = [r for r in rows if r["label"] == "measured"]
    first, last = rows[0], rows[-1]
    print(
        f"RSS {last['n']} / {first['n']}: {last['rss_mib'] / first['rss_mib']:.2f} (target <= {TARGET_RSS}); "
        f"graph+outputs share at {last['n']}: {100 * last['graph_outputs_share']:.1f} % "
        f"(target <= {100 * TARGET_SHARE:.0f} %)"
    )
    if len(measured) >= 2:
        a, b = measured[0], measured[-1]
        for stage in a["ms_per_doc"]:
            print(
                f"  {stage:>15}: {a['ms_per_doc'][stage]:.2f} -> {b['ms_per_doc'][stage]:.2f} ms/doc "
                f"({a['n']} -> {b['n']})"
            )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
