"""What a build pays before its first article: imports, the knowledge base, each language's pipeline.

Each round runs in a fresh subprocess and times, in order:

1. importing ``actorgraph.engines`` and building the knowledge base's index;
2. for each language, loading its pipeline (``Pipelines.get``: the model, the KB ruler, the rule
   components) and its sentence model;
3. annotating the first article of that language in the corpus (``engines.process_batch``): the
   first call, which includes whatever a pipeline prepares on first use, then the best of three;
4. the peak RSS of the process.

A rebuild that annotates one new article pays steps 1–3 for the article's language. Rounds
alternate nothing by themselves: to compare two revisions, run this script from each, one after
the other, a few times (``PYTHONPATH=OTHER/src`` runs another checkout's code; the script prints
which code it imported).

Usage::

    python benchmarks/loading.py [--corpus /tmp/actorgraph-bench/news-2000.jsonl] [--rounds 3]
        [--langs en de]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))

from throughput import header, read_jsonl  # noqa: E402

DEFAULT_CORPUS = Path("/tmp/actorgraph-bench/news-2000.jsonl")


def _worker(corpus: Path, langs: list[str]) -> None:
    started = time.perf_counter()
    import actorgraph
    from actorgraph.engines import Settings, pipelines_for, process_batch
    from actorgraph.read import read_corpus

    pipelines = pipelines_for("bundled")
    pipelines.index  # noqa: B018  (built on first use)
    result: dict = {
        "source": str(Path(actorgraph.__file__).parents[1]),
        "index": time.perf_counter() - started,
    }
    firsts = {}
    for doc in read_corpus(corpus):
        if doc.language in langs and doc.language not in firsts:
            firsts[doc.language] = doc
        if len(firsts) == len(langs):
            break
    settings = Settings("auto", "bundled", frozenset())
    for lang in langs:
        t = time.perf_counter()
        pipelines.get(lang)
        pipelines.sentence_pipeline(lang)
        result[f"{lang} load"] = time.perf_counter() - t
        times = []
        for _ in range(4):
            t = time.perf_counter()
            process_batch([firsts[lang]], settings)
            times.append(time.perf_counter() - t)
        result[f"{lang} first article"] = times[0]
        result[f"{lang} article again"] = min(times[1:])
    result["peak RSS MiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def _round(corpus: Path, langs: list[str]) -> dict:
    """One fresh process's figures (:func:`_worker`)."""
    proc = subprocess.run(
        [sys.executable, str(HERE), "_worker", str(corpus), *langs],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"the measuring process failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_worker":
        _worker(Path(argv[1]), argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--langs", nargs="+", default=["en", "de"])
    args = parser.parse_args(argv)
    if not read_jsonl(args.corpus, 1):
        parser.error(f"{args.corpus} holds no documents")
    print(header())
    rounds = [_round(args.corpus, args.langs) for _ in range(args.rounds)]
    print(f"code imported from {rounds[0]['source']}")
    for key in rounds[0]:
        if key != "source":
            values = [r[key] for r in rounds]
            unit = "" if key.endswith("MiB") else " s"
            shown = ", ".join(f"{v:.2f}" for v in values)
            print(f"{key:>22}: median {statistics.median(values):.2f}{unit} ({shown})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
