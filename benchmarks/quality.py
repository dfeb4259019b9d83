"""Actor and event quality against the two golds (docs/quality.md).

1. Extracts the unseen articles listed in ``tests/gold/unseen.yaml`` (``sources``) from the shared
   news data into a temporary folder, one ``<document id>.txt`` each, checking their sha256.
2. Builds that folder and ``corpus/`` with ``actorgraph build --models bundled``.
3. Scores both graphs with ``actorgraph.evaluate.quality`` and prints the reports.

Usage::

    python benchmarks/quality.py [--data ../shared/data/news] [--keep DIR] [--only corpus|unseen] [-v]

The article texts are never written into the repository (10kGNAD is CC BY-NC-SA).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD_CORPUS = ROOT / "tests" / "gold" / "corpus.yaml"
GOLD_UNSEEN = ROOT / "tests" / "gold" / "unseen.yaml"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "news"

sys.path.insert(0, str(ROOT / "src"))


def _read_csv_row(path: Path, row: int, *, delimiter: str, quotechar: str) -> tuple[str, str]:
    """The ``row``-th record (0-based, as csv.reader yields them) as (label, text)."""
    csv.field_size_limit(1 << 26)
    with path.open(encoding="utf-8", newline="") as handle:
        for i, record in enumerate(csv.reader(handle, delimiter=delimiter, quotechar=quotechar)):
            if i == row:
                return record[0], record[1]
    raise SystemExit(f"{path}: no row {row}")


def _read_jsonl_record(path: Path, record_id: str, field: str) -> str:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("id") == record_id:
                return record[field]
    raise SystemExit(f"{path}: no record {record_id!r}")


def extract(data: Path, out: Path) -> list[str]:
    """Write every source of the unseen gold to ``out/<id>.txt``; the document ids."""
    import yaml

    sources = yaml.safe_load(GOLD_UNSEEN.read_text(encoding="utf-8"))["sources"]
    out.mkdir(parents=True, exist_ok=True)
    ids = []
    for source in sources:
        path = data / source["file"]
        if source["format"] == "csv":
            label, text = _read_csv_row(
                path, int(source["row"]), delimiter=source["delimiter"], quotechar=source["quotechar"]
            )
            if label != source["category"]:
                raise SystemExit(
                    f"{source['id']}: row {source['row']} is {label!r}, not {source['category']!r}"
                )
        else:
            text = _read_jsonl_record(path, source["record"], source.get("field", "text"))
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest != source["sha256"]:
            raise SystemExit(f"{source['id']}: sha256 {digest} does not match the gold ({source['sha256']})")
        (out / f"{source['id']}.txt").write_text(text, encoding="utf-8")
        ids.append(source["id"])
    return ids


def build(corpus: Path, out: Path) -> float | None:
    """Build ``corpus`` into ``out``; the seconds it took, or None when the build failed."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "actorgraph", "build", str(corpus), "--models", "bundled"]
    proc = subprocess.run(
        [*command, "--out", str(out), "--formats", "json", "--quiet"], cwd=ROOT, check=False
    )
    if proc.returncode != 0:
        print(f"build of {corpus} failed (exit {proc.returncode})", file=sys.stderr)
        return None
    return time.perf_counter() - started


def score(graph: Path, gold: Path, *, verbose: bool) -> str:
    from actorgraph.evaluate.quality import evaluate, format_report, load_gold, load_graph_json

    return format_report(evaluate(load_graph_json(graph), load_gold(gold)), verbose=verbose)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"shared news data (default {DEFAULT_DATA})"
    )
    parser.add_argument("--keep", type=Path, help="keep the extracted articles and the graphs in this folder")
    parser.add_argument("--only", choices=("corpus", "unseen"), help="score one gold only")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every gold event's outcome")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="actorgraph-quality-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results = []
        if args.only in (None, "corpus"):
            seconds = build(ROOT / "corpus", work / "graph-corpus")
            results.append(("corpus", GOLD_CORPUS, work / "graph-corpus", seconds))
        if args.only in (None, "unseen"):
            ids = extract(args.data, work / "unseen")
            print(f"extracted {len(ids)} unseen articles (sha256 verified)")
            seconds = build(work / "unseen", work / "graph-unseen")
            results.append(("unseen", GOLD_UNSEEN, work / "graph-unseen", seconds))
        lines = []
        for name, gold, graph, seconds in results:
            if seconds is None:
                lines.append(f"{name}: build failed")
                continue
            report = score(graph / "graph.json", gold, verbose=args.verbose)
            print(f"== {name} ({gold.relative_to(ROOT)}, build {seconds:.1f} s)")
            print(report)
            print()
            lines.append(f"{name}: {report.splitlines()[-1]}")
        print("\n".join(lines))
    return 1 if any(r[3] is None for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
