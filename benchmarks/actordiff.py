"""What a change of the extraction rules did to a build: two output folders, actor by actor.

Build the same corpus with the code before and after (``actorgraph build … --no-cache``), then::

    python benchmarks/actordiff.py OLD_OUT NEW_OUT [--list]

Prints the actors and mentions of each build, the actors found in only one of them (by id; with
``--list`` each one's type, label and mentions), the actors whose mention count changed, and
how many labels of each build have a shape no name has: a spaced dash ("Jerry Springer -"), an
unbalanced bracket ("Science (AAAS"), or an English "for" in an actor whose names are German
("Institute for Virologie"). Reads ``actors.csv`` and ``mentions.csv`` only.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

_SHAPES = {
    "a spaced dash": lambda label, aliases: bool(re.search(r" [-–—] |[-–—]$", label)),
    "an unbalanced bracket": lambda label, aliases: label.count("(") != label.count(")"),
    "an English 'for' in a German name": lambda label, aliases: (
        " for " in label and any(" für " in a for a in aliases)
    ),
}


def _actors(folder: Path) -> dict[str, dict[str, str]]:
    with (folder / "actors.csv").open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def _mentions(folder: Path) -> int:
    with (folder / "mentions.csv").open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.DictReader(handle))


def _shapes(actors: dict[str, dict[str, str]]) -> dict[str, int]:
    counts = dict.fromkeys(_SHAPES, 0)
    for row in actors.values():
        aliases = json.loads(row["aliases"] or "[]")
        for name, test in _SHAPES.items():
            counts[name] += test(row["label"], aliases)
    return counts


def _line(row: dict[str, str]) -> str:
    return f"  {row['type']:<6} {row['label']!r} ({row['mentions']} mentions)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--list", action="store_true", help="list every actor found in one build only")
    args = parser.parse_args(argv)
    old, new = _actors(args.old), _actors(args.new)
    print(f"actors: {len(old):,} → {len(new):,}; mentions: {_mentions(args.old):,} → {_mentions(args.new):,}")
    gone, added = sorted(set(old) - set(new)), sorted(set(new) - set(old))
    changed = sorted(i for i in set(old) & set(new) if old[i]["mentions"] != new[i]["mentions"])
    print(f"only in the old build: {len(gone):,}; only in the new: {len(added):,}")
    print(f"actors in both whose mentions changed: {len(changed):,}")
    for name, before in _shapes(old).items():
        print(f"labels with {name}: {before:,} → {_shapes(new)[name]:,}")
    if args.list:
        for title, ids, rows in (("only in old", gone, old), ("only in new", added, new)):
            print(f"{title}:")
            for i in ids:
                print(_line(rows[i]))
        print("mentions changed:")
        for i in changed:
            print(f"  {new[i]['label']!r}: {old[i]['mentions']} → {new[i]['mentions']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
