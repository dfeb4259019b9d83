"""Benchmark corpora built from the shared news data, written outside the repository.

Writes JSON Lines files (one document a line: ``id``, ``text``, optional ``title``, ``lang``):

* ``10kgnad.jsonl``: the 1,028 German test articles of 10kGNAD (``10kgnad/test.csv``);
* ``bbc.jsonl``: the 2,225 English BBC articles (``bbc/bbc_news.jsonl.gz``);
* ``ungd.jsonl``: the 2,132 UN General Debate speeches of 2014–2024;
* ``news-<N>.jsonl`` for the scaling sizes (default 2k, 5k, 10k, 20k): documents made from the
  10kGNAD and BBC articles. Every document takes a random 50–80 % of one article's sentences and
  20–50 % of another article's (same language), shuffles them and regroups them into paragraphs
  of 1–4 sentences. Ids are distinct; a document whose text was already produced is drawn again,
  so no two documents are identical. Seeded: the same arguments give byte-identical files.

The article texts are never written into the repository (10kGNAD is CC BY-NC-SA).

Usage::

    python benchmarks/corpora.py [--data ../shared/data/news] [--out /tmp/actorgraph-bench]
                                 [--sizes 2000 5000 10000 20000] [--seed 20261122]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "news"
DEFAULT_OUT = Path("/tmp/actorgraph-bench")
DEFAULT_SIZES = (2000, 5000, 10000, 20000)
DEFAULT_SEED = 20261122

GNAD = Path("10kgnad") / "test.csv"
BBC = Path("bbc") / "bbc_news.jsonl.gz"
UNGD = Path("ungdc") / "all_countries_sessions69-79_2014-2024.jsonl.gz"

#: A sentence ends at . ! ? (optionally closed by a quote or bracket) before a capital or a quote.
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”“»«)]))\s+(?=[\"'„“»«(]?[A-ZÄÖÜ0-9])")


def read_gnad(data: Path) -> list[dict]:
    """The 10kGNAD test articles (``category;text``, ``'``-quoted, no header)."""
    csv.field_size_limit(1 << 26)
    docs = []
    with (data / GNAD).open(encoding="utf-8", newline="") as handle:
        for i, row in enumerate(csv.reader(handle, delimiter=";", quotechar="'")):
            if len(row) < 2 or not row[1].strip():
                continue
            docs.append({"id": f"gnad-{i:04d}", "text": row[1], "lang": "de"})
    return docs


def _jsonl_gz(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def read_bbc(data: Path) -> list[dict]:
    return [
        {"id": f"bbc-{r['id']}", "title": r.get("title") or None, "text": r["text"], "lang": "en"}
        for r in _jsonl_gz(data / BBC)
        if r.get("text", "").strip()
    ]


def read_ungd(data: Path) -> list[dict]:
    return [
        {
            "id": f"ungd-{r['id']}",
            "title": f"{r.get('country_iso3', '')} at the General Assembly, {r.get('year', '')}".strip(),
            "text": r["text"],
            "lang": "en",
        }
        for r in _jsonl_gz(data / UNGD)
        if r.get("text", "").strip()
    ]


def write_jsonl(path: Path, docs: list[dict]) -> None:
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps({k: v for k, v in doc.items() if v is not None}, ensure_ascii=False))
            handle.write("\n")
    tmp.replace(path)


def sentences(text: str) -> list[str]:
    """Sentences of ``text`` (paragraphs first, then a simple end-of-sentence rule)."""
    out = []
    for paragraph in re.split(r"\n\s*\n|\n", text):
        out.extend(s.strip() for s in _SENTENCE_END.split(paragraph.strip()) if s.strip())
    return out


def scaling_corpus(articles: list[dict], n: int, seed: int) -> list[dict]:
    """``n`` distinct documents mixing the sentences of two articles of the same language."""
    rng = random.Random(f"{seed}:{n}")
    split = [(a, sentences(a["text"])) for a in articles]
    split = [(a, s) for a, s in split if len(s) >= 2]
    by_lang: dict[str, list[int]] = {}
    for i, (a, _) in enumerate(split):
        by_lang.setdefault(a["lang"], []).append(i)
    order = list(range(len(split)))
    seen: set[bytes] = set()
    docs = []
    k = 0
    while len(docs) < n:
        if k % len(order) == 0:
            rng.shuffle(order)
        base, base_sents = split[order[k % len(order)]]
        k += 1
        donors = by_lang[base["lang"]]
        donor, donor_sents = split[donors[rng.randrange(len(donors))]]
        if donor is base:
            continue
        take = rng.sample(base_sents, max(1, round(len(base_sents) * rng.uniform(0.5, 0.8))))
        take += rng.sample(donor_sents, max(1, round(len(donor_sents) * rng.uniform(0.2, 0.5))))
        rng.shuffle(take)
        paragraphs, i = [], 0
        while i < len(take):
            size = rng.randint(1, 4)
            paragraphs.append(" ".join(take[i : i + size]))
            i += size
        text = "\n\n".join(paragraphs)
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()
        if digest in seen:
            continue
        seen.add(digest)
        docs.append(
            {
                "id": f"news{n}-{len(docs):05d}",
                "title": base.get("title"),
                "text": text,
                "lang": base["lang"],
                "from": [base["id"], donor["id"]],
            }
        )
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared news folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder for the corpora (not the repo)")
    parser.add_argument("--sizes", type=int, nargs="*", default=list(DEFAULT_SIZES))
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    out = args.out.resolve()
    if out == ROOT or ROOT in out.parents:
        parser.error(f"--out must be outside the repository ({ROOT})")
    out.mkdir(parents=True, exist_ok=True)

    gnad, bbc, ungd = read_gnad(args.data), read_bbc(args.data), read_ungd(args.data)
    for name, docs in (("10kgnad", gnad), ("bbc", bbc), ("ungd", ungd)):
        write_jsonl(out / f"{name}.jsonl", docs)
        words = sum(len(d["text"].split()) for d in docs)
        print(f"{out / f'{name}.jsonl'}: {len(docs)} documents, {words:,} words")
    for n in args.sizes:
        docs = scaling_corpus(gnad + bbc, n, args.seed)
        write_jsonl(out / f"news-{n}.jsonl", docs)
        words = sum(len(d["text"].split()) for d in docs)
        langs = {lang: sum(d["lang"] == lang for d in docs) for lang in ("de", "en")}
        print(f"{out / f'news-{n}.jsonl'}: {len(docs)} documents, {words:,} words, {langs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
