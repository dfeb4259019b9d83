"""Signs of one entity split into several actors, in a build's ``actors.csv``.

The quality golds (``quality.py``) hold a few dozen actors; this script looks at a whole corpus
for what users notice first: the same name on several nodes. It builds ``CORPUS`` with the
bundled models (``throughput.run_build``: a fresh subprocess, no document store unless
``--cache`` is given), or reads the output folder ``--outputs`` of an earlier build, and reports:

* **shared labels**: groups of two or more actors whose labels have the same transliteration
  key (``text.translit_key`` under no language's rules: "Tokajew" and "Tokajew", "John Kerry"
  and "John Kerry"). A group whose actors also share a type is most likely one entity split; one
  whose types differ is often a model labelling the same name PERSON in one article and ORG in
  another, sometimes two entities ("Jordan").
* **repeated bare surnames**: person actors outside the knowledge base whose label is one word,
  and how many of them share that word with another such actor ("Blair", "Blair", "Blair").
* **forms of address**: labels that open with an honorific of any language's ``names.yaml``
  ("Mr Ebbers"), which is no part of a name.
* **KB names left unlinked**: actors outside the knowledge base whose label is a KB name
  ("Micronesia" tagged PERSON beside the state).

None of these is an error by definition, so there is no target: the counts are compared
between commits on the same corpus.

Usage::

    python benchmarks/splits.py CORPUS [--cache DIR] [--jobs 2] [--show 20]
    python benchmarks/splits.py --outputs DIR [--show 20]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import header, run_build

from actorgraph.kbindex import default_index
from actorgraph.resources import language_codes, load_resource
from actorgraph.text import translit_key


class Splits(NamedTuple):
    actors: int
    #: Groups of actors whose labels share a transliteration key, largest mention count first.
    shared: list[list[dict[str, str]]]
    #: Of those, the groups in which two actors also share a type.
    shared_same_type: int
    bare_surnames: int
    repeated_bare_surnames: int
    addressed: list[str]
    unlinked_kb_names: list[str]


def honorifics() -> frozenset[str]:
    """The honorifics of every language's resources, lowercased, without a final full stop."""
    words: set[str] = set()
    for lang in language_codes():
        words.update(w.lower().rstrip(".") for w in load_resource("names", lang).get("honorifics", []))
    return frozenset(words)


def splits(actors_csv: Path) -> Splits:
    """Count the signs of split entities among the actors of ``actors_csv``."""
    with actors_csv.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_key: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_key[translit_key(row["label"])].append(row)
    shared = [group for group in by_key.values() if len(group) > 1]
    shared.sort(key=lambda group: (-sum(int(r["mentions"] or 0) for r in group), group[0]["id"]))
    same_type = sum(1 for group in shared if len({r["type"] for r in group}) < len(group))
    bare = Counter(
        row["label"]
        for row in rows
        if row["type"] == "PERSON" and not row["kb_id"] and len(row["label"].split()) == 1
    )
    address = honorifics()
    addressed = sorted(row["label"] for row in rows if row["label"].split()[0].lower().rstrip(".") in address)
    index = default_index()
    unlinked = sorted(row["label"] for row in rows if not row["kb_id"] and index.exact(row["label"]))
    return Splits(
        actors=len(rows),
        shared=shared,
        shared_same_type=same_type,
        bare_surnames=sum(bare.values()),
        repeated_bare_surnames=sum(n for n in bare.values() if n > 1),
        addressed=addressed,
        unlinked_kb_names=unlinked,
    )


def report(found: Splits, *, show: int) -> str:
    lines = [
        f"actors {found.actors:,}",
        f"shared labels: {len(found.shared):,} groups, {sum(len(g) for g in found.shared):,} actors; "
        f"{found.shared_same_type:,} groups with two actors of one type",
        f"bare surnames: {found.bare_surnames:,} person actors, {found.repeated_bare_surnames:,} "
        "of them share their label with another",
        f"forms of address: {len(found.addressed):,} labels",
        f"KB names left unlinked: {len(found.unlinked_kb_names):,} actors",
    ]
    for group in found.shared[:show]:
        members = ", ".join(f"{r['id']} {r['type']} {r['mentions']}" for r in group[:6])
        lines.append(f"  {group[0]['label']}: {members}{' …' if len(group) > 6 else ''}")
    if show and found.addressed:
        lines.append("  addressed: " + "; ".join(found.addressed[:show]))
    if show and found.unlinked_kb_names:
        lines.append("  unlinked: " + "; ".join(found.unlinked_kb_names[:show]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, help="corpus to build with the bundled models")
    parser.add_argument("--outputs", type=Path, help="read this output folder instead of building")
    parser.add_argument("--cache", type=Path, help="document store for the build")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--show", type=int, default=20, help="list this many groups")
    args = parser.parse_args(argv)
    if (args.corpus is None) == (args.outputs is None):
        parser.error("give a CORPUS or --outputs, not both")
    print(header())
    if args.outputs is not None:
        print(report(splits(args.outputs / "actors.csv"), show=args.show))
        return
    with tempfile.TemporaryDirectory(prefix="agbench-splits-") as tmp:
        out = Path(tmp) / "graph"
        run_build(args.corpus, jobs=args.jobs, out=out, cache=args.cache)
        print(f"{args.corpus}: built with --jobs {args.jobs}")
        print(report(splits(out / "actors.csv"), show=args.show))


if __name__ == "__main__":
    main()
