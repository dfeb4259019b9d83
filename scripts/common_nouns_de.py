"""Generate ``src/actorgraph/data/lang/de/common_nouns.txt``: capitalised German words that are
almost never part of a name.

German capitalises every noun, so a capitalised word says little about whether it names an
actor. This list is learned from the GermEval 2014 training data (CC BY 4.0; Benikova,
Biemann, Reznicek 2014): a capitalised word seen at least ``--min-count`` times that is part of
a person, organisation or place name in at most ``--max-name-share`` of them is a common noun
("Frieden", "Rolle", "Plattform", "Donnerstag"). Words inside titles of works ("Krieg und
Frieden") don't count as name uses. Mentions made only of such words are dropped as junk.

It also writes ``common_tails.txt``: the nouns that German compounds made of them name
nothing. German makes new compounds all the time ("Sozialleistungen", "Kreuzbandriss"), so
no list of words holds them all. A capitalised word's head is the longest common noun it ends
in (``actorgraph.text.compound_head``); a head whose compounds are seen at least
``--min-head-count`` times and are part of a name in at most ``--max-name-share`` of them names
nothing ("leistungen"; not "regierung" if GermEval tags "Bundesregierung" as a name).

Run from the repository root, with the package installed::

    python scripts/common_nouns_de.py --source ../shared/data/ner/de/germeval2014/train.bio.tsv
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from actorgraph.text import compound_head

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "ner" / "de" / "germeval2014" / "train.bio.tsv"
DEFAULT_OUT = ROOT / "src" / "actorgraph" / "data" / "lang" / "de" / "common_nouns.txt"
DEFAULT_TAILS_OUT = DEFAULT_OUT.with_name("common_tails.txt")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--max-name-share", type=float, default=0.1)
    parser.add_argument("--tails-out", type=Path, default=DEFAULT_TAILS_OUT)
    parser.add_argument("--min-head-count", type=int, default=3)
    args = parser.parse_args(argv)
    total: Counter[str] = Counter()
    names: Counter[str] = Counter()
    with args.source.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or not parts[0][:1].isupper() or not parts[0].isalpha():
                continue
            word, tag = parts[0], parts[-1]
            total[word] += 1
            if tag[2:] in ("PER", "ORG", "LOC") or tag == "B-OTH":
                names[word] += 1
    words = sorted(
        w.lower() for w, n in total.items() if n >= args.min_count and names[w] / n <= args.max_name_share
    )
    header = (
        "# Capitalised German words that are almost never names, learned from GermEval 2014 train\n"
        "# (CC BY 4.0, Benikova, Biemann, Reznicek 2014) by scripts/common_nouns_de.py.\n"
    )
    args.out.write_text(header + "\n".join(dict.fromkeys(words)) + "\n", encoding="utf-8")
    print(f"wrote {len(set(words))} words to {args.out}")
    nouns = frozenset(words)
    head_total: Counter[str] = Counter()
    head_names: Counter[str] = Counter()
    for word, n in total.items():
        head = compound_head(word.lower(), nouns)
        if head is not None:
            head_total[head] += n
            head_names[head] += names[word]
    tails = sorted(
        h
        for h, n in head_total.items()
        if n >= args.min_head_count and head_names[h] / n <= args.max_name_share
    )
    header = (
        '# Nouns that German compounds ending in them name nothing ("Sozialleistungen"), learned from\n'
        "# GermEval 2014 train (CC BY 4.0, Benikova, Biemann, Reznicek 2014) by scripts/common_nouns_de.py.\n"
    )
    args.tails_out.write_text(header + "\n".join(tails) + "\n", encoding="utf-8")
    print(f"wrote {len(tails)} compound heads to {args.tails_out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
