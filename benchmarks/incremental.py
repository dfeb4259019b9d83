"""Incremental rebuild: one article added to a 2,000-article corpus built with a document store.

1. Writes a corpus of the first 2,000 articles of ``10kgnad.jsonl`` + ``bbc.jsonl`` (1,028 German,
   972 English) to a temporary folder (``corpus.jsonl``).
2. Builds it with an empty document store (:func:`build` with ``cache=DIR`` in a subprocess,
   ``--jobs`` as given: the store's contents do not depend on the engine).
3. Appends one new article (the next BBC article) and times ``actorgraph build`` again as a
   subprocess, process start included; reads ``annotated`` from its summary (must be 1). This is
   done ``--repeat`` times, one more article each time; the median is compared with the goal
   (single runs on a shared machine vary by a second or two).
4. Times the new article's own work in a fresh process whose models are already loaded:
   ``engines.process_batch([article])`` (prepare + annotate), best of 3; and the model loading.
5. Times ``actorgraph build`` once more with nothing changed (the output folder is found up to
   date) and again with ``--force`` (everything after annotation recomputed).
6. Appends one more article and times the rebuild with ``--jobs 2``, then one more with the
   command line's default, ``--jobs auto``, each ``--repeat`` times (the median is reported):
   either way the article is annotated in one worker process while the build resolves the
   stored articles before it, the viewer's layout is computed beside the graph's metrics, and
   the output files are written by two processes (as many as there are cores).
7. Diagnostic: the same rebuild in-process with nothing left to annotate, for seconds per stage,
   with ``--jobs 1`` and ``--jobs 2``, and how often the garbage collector ran in the main process.
8. Diagnostic: one more article added, rebuilt in-process with ``--jobs auto``; its
   ``clean+annotate`` seconds are the time the main process, done with the stored articles'
   share of resolution, waits for the worker that annotates the new one.

Goal: rebuild wall time <= the new article's own time + 5 s.

Usage::

    python benchmarks/incremental.py [--bench /tmp/actorgraph-bench] [--size 2000] [--jobs 1]
        [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))

from throughput import header, read_jsonl, run_build  # noqa: E402

ACTORGRAPH = Path(sys.executable).with_name("actorgraph")
GOAL_EXTRA = 5.0


def _cli_build(corpus: Path, out: Path, cache: Path, jobs: int | str, *extra: str) -> tuple[float, str]:
    cmd = [str(ACTORGRAPH), "build", str(corpus), "--models", "bundled", "--cache", str(cache)]
    cmd += ["--out", str(out), "--jobs", str(jobs), *extra]
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    return wall, proc.stderr


def _annotated(summary: str) -> int:
    found = re.search(r"(\d+) annotated", summary)
    return int(found.group(1)) if found else -1


def _worker_own_time(path: Path) -> None:
    """In a fresh process: model loading, then the article's prepare+annotate (best of 3)."""
    from actorgraph.engines import Settings, pipelines_for, process_batch
    from actorgraph.read import read_corpus

    doc = next(iter(read_corpus(path)))
    settings = Settings("auto", "bundled", frozenset())
    t0 = time.perf_counter()
    pipelines = pipelines_for("bundled")
    pipelines.get(doc.language)
    pipelines.sentence_pipeline(doc.language)
    load = time.perf_counter() - t0
    times = []
    for _ in range(3):
        t = time.perf_counter()
        process_batch([doc], settings)
        times.append(time.perf_counter() - t)
    print(
        json.dumps({"load": load, "own": min(times), "first": times[0], "words": len(doc.text_raw.split())})
    )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_own":
        _worker_own_time(Path(argv[1]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=Path("/tmp/actorgraph-bench"))
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=1, help="workers for the initial build only")
    parser.add_argument("--repeat", type=int, default=3, help="rebuilds after adding one article")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", type=Path, help="copy the corpus, store and graph here (outside the repo)")
    args = parser.parse_args(argv)

    pool = read_jsonl(args.bench / "10kgnad.jsonl") + read_jsonl(args.bench / "bbc.jsonl")
    base, added = pool[: args.size], pool[args.size : args.size + args.repeat]
    later = iter(pool[args.size + args.repeat : args.size + 3 * args.repeat + 1])
    new = added[0]
    print(header())
    with tempfile.TemporaryDirectory(prefix="agbench-incr-") as tmp:
        tmp = Path(tmp)
        corpus, cache, out = tmp / "corpus.jsonl", tmp / "cache", tmp / "graph"
        with corpus.open("w", encoding="utf-8") as handle:
            for doc in base:
                handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
        initial = run_build(corpus, jobs=args.jobs, out=out, cache=cache)
        first = initial["seconds"]
        print(
            f"initial build of {len(base)} documents (--jobs {args.jobs}, empty store): {first:.1f} s; "
            f"annotated {initial['annotated']}; peak RSS main {initial['rss_mib']['self']:.0f} MiB; "
            + ", ".join(f"{k} {v:.1f} s" for k, v in initial["stage_seconds"].items()),
            flush=True,
        )

        rebuilds, annotated_counts = [], []
        for article in added:
            with corpus.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(article, ensure_ascii=False) + "\n")
            wall, summary = _cli_build(corpus, out, cache, 1)
            rebuilds.append(wall)
            annotated_counts.append(_annotated(summary))
            print(
                f"rebuild after adding {article['id']}: {wall:.2f} s wall (process start included); "
                f"annotated {annotated_counts[-1]}",
                flush=True,
            )
        rebuild = statistics.median(rebuilds)
        annotated = max(annotated_counts) if set(annotated_counts) == {1} else -1

        single = tmp / "new.jsonl"
        single.write_text(json.dumps(new, ensure_ascii=False) + "\n", encoding="utf-8")
        proc = subprocess.run(
            [sys.executable, str(HERE), "_own", str(single)], capture_output=True, text=True
        )
        own = json.loads(proc.stdout.strip().splitlines()[-1])
        print(
            f"new article ({own['words']} words): prepare+annotate {own['own']:.2f} s (first call "
            f"{own['first']:.2f} s); model loading {own['load']:.2f} s",
            flush=True,
        )

        unchanged, summary = _cli_build(corpus, out, cache, 1)
        reused = "is up to date" in summary
        print(
            f"rebuild, nothing changed: {unchanged:.2f} s wall; output folder found up to date: {reused}",
            flush=True,
        )
        forced, summary = _cli_build(corpus, out, cache, 1, "--force")
        print(
            f"rebuild, nothing changed, --force: {forced:.2f} s wall; annotated {_annotated(summary)}",
            flush=True,
        )
        by_jobs: dict[int | str, list[float]] = {2: [], "auto": []}
        for jobs, walls in by_jobs.items():
            for _ in range(args.repeat):
                article = next(later)
                with corpus.open("a", encoding="utf-8") as handle:
                    handle.write(json.dumps(article, ensure_ascii=False) + "\n")
                wall, summary = _cli_build(corpus, out, cache, jobs)
                walls.append(wall)
                print(
                    f"rebuild after adding {article['id']} with --jobs {jobs}: {wall:.2f} s wall; "
                    f"annotated {_annotated(summary)}",
                    flush=True,
                )
            print(f"  --jobs {jobs}: median of {len(walls)}: {statistics.median(walls):.2f} s", flush=True)
        parallel, default = (statistics.median(walls) for walls in by_jobs.values())
        stages = {jobs: run_build(corpus, jobs=jobs, cache=cache) for jobs in (1, 2)}
        for jobs, run in stages.items():
            collector = run["collector"]
            print(
                f"  in-process, nothing to annotate, --jobs {jobs}: "
                f"{run['seconds']:.2f} s; "
                + ", ".join(f"{k} {v:.2f} s" for k, v in run["stage_seconds"].items())
                + f"; garbage collections by generation {collector['runs']}, "
                f"{sum(collector['seconds']):.2f} s in the main process",
                flush=True,
            )
        with corpus.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(next(later), ensure_ascii=False) + "\n")
        waited = run_build(corpus, jobs="auto", cache=cache)
        print(
            f"  in-process, one article to annotate, --jobs auto: {waited['seconds']:.2f} s; "
            + ", ".join(f"{k} {v:.2f} s" for k, v in waited["stage_seconds"].items())
            + f" (clean+annotate: the main process waiting for the worker); annotated {waited['annotated']}",
            flush=True,
        )
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import actorgraph.pipeline"], check=True)
        imports = time.perf_counter() - t
        print(f"  python start + import actorgraph.pipeline: {imports:.2f} s", flush=True)
        if args.keep is not None:
            shutil.copytree(tmp, args.keep, dirs_exist_ok=True)

    goal = own["own"] + GOAL_EXTRA
    print(
        f"goal: rebuild <= {own['own']:.2f} + {GOAL_EXTRA:.0f} = {goal:.2f} s -> "
        f"{'met' if rebuild <= goal else 'MISSED'} (median of {len(rebuilds)}: {rebuild:.2f} s); "
        f"annotated == 1 each time: {annotated == 1}"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "initial": initial,
                    "rebuild": rebuild,
                    "rebuilds": rebuilds,
                    "annotated": annotated,
                    "own": own,
                    "unchanged": unchanged,
                    "unchanged_reused": reused,
                    "unchanged_forced": forced,
                    "rebuild_jobs2": parallel,
                    "rebuild_auto": default,
                    "rebuilds_by_jobs": {str(jobs): walls for jobs, walls in by_jobs.items()},
                    "stages": stages,
                    "waited_for_worker": waited,
                    "imports": imports,
                },
                indent=1,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
