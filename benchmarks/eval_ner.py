"""Run every ``eval-ner`` measurement of docs/eval-ner.md and print its results section.

Usage (from the repository root)::

    python benchmarks/eval_ner.py [--data ../shared/data/ner] > /tmp/results.md
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
from pathlib import Path

from actorgraph.evaluate.ner import evaluate_ner

RUNS = (
    ("English: wikigold (CC BY), all sentences", "en/wikigold/wikigold.conll.txt", "en", "conll", None),
    ("German: GermEval 2014 dev (CC BY)", "de/germeval2014/dev.tsv", "de", "germeval", None),
    ("German: EuroParl test (evaluation only)", "de/europarl/test.tsv", "de", "conll", 2000),
    (
        "German: WikiNEuRal test, first 2,000 sentences (evaluation only)",
        "de/wikineural/test.conllu",
        "de",
        "conll",
        2000,
    ),
)


def _row(scores) -> str:
    return f"{scores.precision:.3f} | {scores.recall:.3f} | {scores.f1:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    root = Path(__file__).resolve().parents[1]
    parser.add_argument("--data", type=Path, default=root.parent / "shared" / "data" / "ner")
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=root
    ).stdout
    print("## Results\n")
    print(
        f"Measured {datetime.date.today()} at commit {commit.strip()} by `python benchmarks/eval_ner.py`, on "
        f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), one process. "
        "Words/s count only the pipeline calls (and span post-processing in the default mode).\n"
    )
    for title, rel, lang, fmt, limit in RUNS:
        path = args.data / rel
        reports = {
            mode: evaluate_ner(
                path, lang=lang, fmt=fmt, model_only=mode == "model-only", models="bundled", limit=limit
            )
            for mode in ("default", "model-only")
        }
        limit_flag = f" --limit {limit}" if limit else ""
        print(f"### {title}\n")
        print("```")
        for mode in reports:
            extra = " --model-only" if mode == "model-only" else ""
            print(f"actorgraph eval-ner $N/{rel} --lang {lang} --format {fmt}{limit_flag}{extra}")
        print("```\n")
        default, bare = reports["default"], reports["model-only"]
        print(f"Model: {default.model}. Words: {default.words:,}.\n")
        print("| label | default P | R | F1 | model-only P | R | F1 |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for label in sorted(set(default.per_label) | set(bare.per_label)):
            a, b = default.per_label.get(label), bare.per_label.get(label)
            left = _row(a) if a else "– | – | –"
            right = _row(b) if b else "– | – | –"
            print(f"| {label} | {left} | {right} |")
        print(f"| **overall** | {_row(default)} | {_row(bare)} |")
        speeds = f"{default.words_per_second:,.0f} (default), {bare.words_per_second:,.0f} (model only)"
        print(f"\nWords/s: {speeds}.\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
