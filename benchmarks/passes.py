"""Pass size: a worker's peak memory and seconds for model passes of at most N characters.

For each size, in its own fresh process, in turn (``--rounds`` times, alternating, since the
machine's speed drifts): load the bundled models, warm them up on four documents, then annotate
the first ``--limit`` documents of the corpus in batches of 32 as an annotation worker does
(``engines.process_batch_encoded``). Reports the process's peak RSS before and after, the
seconds, and a digest of the encoded analyses, which must be the same for every size.
``--chars 0`` is one pass per batch, as before passes were bounded.

Usage::

    python benchmarks/passes.py /tmp/actorgraph-bench/news-2000.jsonl --limit 640 --chars 20000 60000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
sys.path.insert(0, str(HERE.parent))

from throughput import header  # noqa: E402


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker(path: str, limit: int, chars: int) -> None:
    import actorgraph.annotate as annotate_module
    from actorgraph.engines import Settings, pipelines_for, process_batch_encoded
    from actorgraph.read import read_corpus

    annotate_module.PASS_CHARS = chars or sys.maxsize
    settings = Settings("auto", "bundled", frozenset())
    documents = []
    for doc in read_corpus(path):
        documents.append(doc)
        if len(documents) >= limit:
            break
    pipelines = pipelines_for("bundled")
    for lang in ("de", "en"):
        pipelines.get(lang)
        pipelines.sentence_pipeline(lang)
    process_batch_encoded(documents[:4], settings)
    before = _peak_mib()
    started = time.perf_counter()
    digest = hashlib.sha256()
    for k in range(0, len(documents), 32):
        for blob in process_batch_encoded(documents[k : k + 32], settings):
            digest.update(blob)
    seconds = time.perf_counter() - started
    found = {"chars": chars, "before": before, "peak": _peak_mib(), "seconds": seconds}
    print(json.dumps({**found, "digest": digest.hexdigest()}))


def _in_fresh_process(path: Path, limit: int, chars: int) -> dict:
    command = [sys.executable, str(HERE), "_worker", str(path), str(limit), str(chars)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_worker":
        _worker(argv[1], int(argv[2]), int(argv[3]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit", type=int, default=320)
    parser.add_argument("--chars", type=int, nargs="+", default=[20_000, 0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    print(header())
    results = []
    for _ in range(args.rounds):
        for chars in args.chars:
            found = _in_fresh_process(args.corpus, args.limit, chars)
            results.append(found)
            print(
                f"passes of {'a whole batch' if not chars else f'<= {chars:,} characters'}: "
                f"peak RSS {found['before']:.0f} -> {found['peak']:.0f} MiB, {found['seconds']:.1f} s, "
                f"analyses {found['digest'][:16]}",
                flush=True,
            )
    same = len({r["digest"] for r in results}) == 1
    print(f"same analyses for every pass size: {same}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
