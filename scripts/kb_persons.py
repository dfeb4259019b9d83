"""Generate ``src/actorgraph/data/kb/persons.jsonl`` from the UNGDC speaker list.

Source: ``speakers_by_session.tsv`` of the UN General Debate Corpus (Jankin, Baturo, Dasandi, "United
Nations General Debate Corpus 1946-2024", Harvard Dataverse, doi:10.7910/DVN/0TJX8Y, CC0 1.0; Baturo,
Dasandi, Mikhaylov, Research & Politics 2017). Columns: Year, Session, ISO Code, Country, Name of Person
Speaking, Post. Every row is a person who spoke for a state (or the EU) in the UN General Debate.

Processing (documented in docs/kb.md):

1. Clean each name: repair cp1252 mojibake in C1 control characters, drop quoted nicknames and
   post-nominals (", MP", "MBBS"), strip leading honorifics (Mr./Mrs./Dr./H.E./His Excellency/King/...;
   "Sheikh"/"Shaikh" only when the rest of the name carries an Arabic nasab/family particle such as
   "bin" or "Al", since in e.g. "Sheikh Hasina" it is part of the name), turn ALL-CAPS tokens into
   title case, and drop a garbled lowercase fragment ("Mr.osé Luis" -> "Luis").
2. Skip rows whose cleaned name is empty or is not a name (digits, no letters, only a function word).
3. Group rows of the same person within the same state by a spelling-insensitive key (ASCII-folded,
   separators and initials removed, common transliteration variants folded: zh/j, kh/h, w/v, z/s,
   doubled letters, vowels after the first letter). Surname-only rows ("Mr. Tokaev") join the unique
   person of the same state with that surname. Short forms, typos and nicknames of one name merge
   (``merge_variants``).
4. Canonical name = most frequent spelling (ties: most recent). Id = ``ungdc:<slug>``; a ``-<iso3>``
   suffix is added only where different people share a slug.

Run from the repository root::

    python scripts/kb_persons.py --source ../shared/data/news/ungdc/speakers_by_session.tsv
"""

from __future__ import annotations

import argparse
import csv
import difflib
import json
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from anyascii import anyascii

DEFAULT_SOURCE = "../shared/data/news/ungdc/speakers_by_session.tsv"
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src" / "actorgraph" / "data" / "kb" / "persons.jsonl"

#: Codes in the source that are not ISO 3166-1 alpha-3 codes of the state meant (typos / old codes),
#: mapped to the ISO 3166-1 (or, for states that no longer exist, ISO 3166-3) code, or to a KB id.
CODE_FIXES: dict[str, str] = {
    "POR": "PRT",
    "PKR": "PRK",
    "ZFA": "ZAF",
    "DKN": "DNK",
    "PAR": "PRY",
    "CZK": "CSK",
    "YDYE": "YMD",
}
#: Rows that speak for an international organisation rather than a state (``Country`` column in brackets).
ORG_CODES: dict[str, str] = {"EU": "igo:eu", "EC": "igo:euco", "": "igo:las"}  # "" = League of Arab States

#: Leading honorifics/titles (matched case-insensitively, repeatedly, as whole words).
HONORIFICS = [
    r"his\s+royal\s+highness",
    r"her\s+royal\s+highness",
    r"his\s+(?:excellency|majesty|highness|holiness|eminence|beatitude)",
    r"(?:(?:his|her)\s+)?(?:serene\s+)?highness",
    r"majesty",
    r"her\s+(?:excellency|majesty|highness)",
    r"the\s+(?:right\s+)?hono(?:u)?rable",
    r"the\s+rt\.?\s+hon\.?",
    r"rt\.?\s+hon\.?",
    r"hon\.?",
    r"h\.\s*e\.?",
    r"h\.\s*m\.?",
    r"h\.\s*r\.\s*h\.?",
    r"s\.\s*e\.?",
    r"m(?:r|rs|s|me)?\.",
    r"m(?:r|rs|s|me)(?=[\s;:,])",
    r"miss",
    r"ms\.?",
    r"dr\.?",
    r"prof\.?",
    r"professor",
    r"sir",
    r"(?:grand\s+|paramount\s+)?chief",
    r"dame",
    r"lord",
    r"haji",
    r"crown\s+prince",
    r"prince",
    r"princess",
    r"king",
    r"queen",
    r"emir",
    r"amir",
    r"(?:field\s+)?marshal",
    r"(?:lie?u?tenant|major|brigadier)[\s-]+general",  # "Lietenant-General" as the source spells it
    r"general",
    r"colonel",
    r"commander",
    r"lieutenant",
    r"captain",
    r"admiral",
    r"ambassador",
    r"archbishop",
    r"bishop",
    r"monsignor",
    r"cardinal",
    r"father",
    r"president",
    r"prime\s+minister",
    r"dat(?:o|uk)['’]?(?:\s+(?:seri|sri))?",  # Malaysian honours: "Dato' Sri Anifah Aman"
    r"tan\s+sri",
    r"lyon(?:po|chhen|choen)",  # Bhutanese ministers' title, also spelled "Lyompo"
    r"lyompo",
    r"samdech(?:\s+akka\s+moha\s+sena\s+padei\s+techo|\s+moha\s+borvor\s+thipadei)?",  # Cambodian honours
    r"sardar",
]
_HON_RE = re.compile(r"^(?:" + "|".join(HONORIFICS) + r")(?:[\s.;:,]+|$|(?<=\.))", re.IGNORECASE)
_SHEIKH_RE = re.compile(r"^(?:sheikh|shaikh|sheik|shaykh)\b\.?\s*", re.IGNORECASE)
_NASAB = {"bin", "ibn", "bint", "al", "el", "ben"}
_POSTNOMINALS = {
    "MP",
    "QC",
    "KC",
    "MBBS",
    "MD",
    "PHD",
    "PH.D.",
    "GCMG",
    "KCMG",
    "CMG",
    "OBE",
    "CBE",
    "MBE",
    "GCB",
    "KBE",
    "DBE",
    "ON",
    "OJ",
    "CD",
    "JP",
    "SC",
    "OE",
    "GCSL",
    "ESQ",
    "ESQ.",
}
_PARTICLES = {
    "da",
    "de",
    "del",
    "della",
    "di",
    "do",
    "dos",
    "das",
    "du",
    "la",
    "le",
    "van",
    "von",
    "der",
    "den",
    "y",
    "e",
    "bin",
    "ibn",
    "bint",
    "ben",
    "ould",
    "wa",
    "ter",
    "zu",
}
_ROMAN = re.compile(r"^(?=[IVXL]+$)M*(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
#: Cleaned "names" that are really descriptions of the speaker.
_NOT_NAMES = {
    "delegation",
    "head of delegation",
    "chairman",
    "president",
    "representative",
    "permanent representative",
    "unknown",
    "not known",
    "n/a",
    "na",
    "none",
    "minister",
    "prime minister",
}
#: Generic title used when the source leaves the ``Post`` column empty.
NO_POST_TITLE = "Speaker in the UN General Debate"


def fix_mojibake(text: str) -> str:
    """Map C1 control characters (cp1252 bytes decoded as Latin-1) back to the characters meant."""
    out = []
    for ch in text:
        if "\x80" <= ch <= "\x9f":
            try:
                out.append(bytes([ord(ch)]).decode("cp1252"))
            except UnicodeDecodeError:
                continue
        else:
            out.append(ch)
    return "".join(out)


def _titlecase_token(tok: str, first: bool) -> str:
    letters = [c for c in tok if c.isalpha()]
    if len(letters) < 3 and not (len(letters) == 2 and all(c.isupper() for c in letters)):
        return tok
    if sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return tok
    if _ROMAN.match(tok):
        return tok
    low = tok.lower()
    if not first and low in _PARTICLES:
        return low
    # title-case each hyphen/apostrophe part: AL-KHALIFA -> Al-Khalifa, O'BRIEN -> O'Brien
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), low)


def _is_postnominal(tok: str) -> bool:
    """Abbreviation after a comma: "MP", "GCMG", "T.D", "KStJ", "Jr"."""
    if tok.upper() in _POSTNOMINALS or re.fullmatch(r"(?i)(jr|sr)\.?", tok):
        return True
    return bool(re.fullmatch(r"[A-Z][A-Za-z.]{0,5}", tok)) and (
        sum(c.isupper() for c in tok) >= 2 or "." in tok
    )


def clean_name(raw: str) -> str:
    """Normalise one ``Name of Person Speaking`` cell.

    Parameters
    ----------
    raw : str
        The cell as found in the TSV.

    Returns
    -------
    str
        The cleaned name, or ``""`` when nothing name-like is left.
    """
    s = unicodedata.normalize("NFC", fix_mojibake(raw or ""))
    s = s.replace("\u00a0", " ")
    s = re.sub(r"[\"“”«»][^\"“”«»]*[\"“”«»]", " ", s)  # quoted nickname
    s = re.sub(r"\([^)]*\)", " ", s)  # parenthetical
    s = re.sub(r"\s+", " ", s).strip(" ,;:.-")
    # post-nominals after a comma or at the end ("Dr. Lotay Tshering, MBBS, MD", "Alexander Downer MP")
    parts = [p.strip() for p in s.split(",")]
    suffix = ""
    while len(parts) > 1 and (not parts[-1] or all(_is_postnominal(t) for t in parts[-1].split())):
        if re.fullmatch(r"(?i)(jr|sr)\.?", parts[-1]):
            suffix = parts[-1].rstrip(".").capitalize() + "."
        parts.pop()
    s = ", ".join(parts) + (" " + suffix if suffix else "")
    toks = s.split()
    while len(toks) > 1 and toks[-1].upper() in _POSTNOMINALS and toks[-1].isupper():
        toks.pop()
    s = " ".join(toks)
    # leading honorifics (repeatedly: "His Highness Sheikh Dr. ...")
    for _ in range(6):
        m = _HON_RE.match(s)
        if m and m.end() < len(s):
            s = s[m.end() :].lstrip(" .;:,")
            continue
        m = _SHEIKH_RE.match(s)
        if m:
            rest = s[m.end() :]
            rest_toks = {t.lower().split("-")[0] for t in rest.split()}
            if rest_toks & _NASAB or any(t.lower().startswith(("al-", "el-")) for t in rest.split()):
                s = rest
                continue
        break
    toks = s.split()
    # garbled lowercase fragment at the start ("osé Luis GUTERRES" from "Mr.osé Luis GUTERRES")
    while len(toks) > 1 and toks[0][:1].islower() and toks[0].lower() not in _PARTICLES:
        toks.pop(0)
    toks = [_titlecase_token(t, i == 0) for i, t in enumerate(toks)]
    s = " ".join(toks).strip(" ,;:.")
    return s


def is_name(name: str) -> bool:
    """Return whether a cleaned cell looks like a person's name."""
    if not name or re.search(r"\d", name):
        return False
    letters = sum(c.isalpha() for c in name)
    if letters < 2:
        return False
    return name.lower() not in _NOT_NAMES


def _fold(text: str) -> str:
    """Spelling-insensitive skeleton of a name part (see module docstring, step 3)."""
    s = anyascii(text).lower()
    s = re.sub(r"[^a-z]", "", s)
    for a, b in (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("ck", "k"), ("ph", "f"), ("w", "v"), ("z", "s")):
        s = s.replace(a, b)
    s = re.sub(r"(.)\1+", r"\1", s)
    if not s:
        return s
    return s[0] + re.sub(r"[aeiouy]", "", s[1:])


def _tokens(name: str) -> list[str]:
    """Name tokens without initials ("Nursultan A. Nazarbayev" -> Nursultan, Nazarbayev)."""
    toks = re.split(r"[\s\-‐]+", name)
    return [t for t in toks if t and not re.fullmatch(r"[^\W\d_]\.?|(?i:jr|sr)\.?", t)]


def person_key(name: str) -> str:
    """Grouping key of a cleaned name (all tokens except initials, separators ignored)."""
    return _fold("".join(_tokens(name)))


def initials(name: str) -> str:
    """Initials of a cleaned name ("George H. W. Bush" -> "HW")."""
    toks = re.split(r"[\s\-‐]+", name)
    return "".join(t[0].upper() for t in toks if re.fullmatch(r"[^\W\d_]\.?", t))


def surname_key(name: str) -> str:
    """Grouping key of the last token of a cleaned name."""
    toks = _tokens(name)
    return _fold(toks[-1]) if toks else ""


def _light(text: str) -> str:
    return re.sub(r"[^a-z]", "", anyascii(text).lower())


def _gap(a: list[dict], b: list[dict]) -> int:
    """Years between the spans of two row groups (0 when they overlap)."""
    a0, a1 = min(r["year"] for r in a), max(r["year"] for r in a)
    b0, b1 = min(r["year"] for r in b), max(r["year"] for r in b)
    return max(0, b0 - a1, a0 - b1)


#: Largest gap in years across which spellings differing only in initials, or a surname-only row, are
#: still taken for the same person (keeps e.g. George Bush, 1989-1992, apart from George W. Bush, 2001-).
MAX_GAP_INITIALS = 6
MAX_GAP_SURNAME = 15


def slugify(text: str) -> str:
    """ASCII slug: lowercase, runs of other characters replaced by ``-``."""
    return re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")


def clean_post(post: str | None) -> str:
    """Normalise the ``Post`` cell (case, spacing, the frequent "Foregn" typo)."""
    p = re.sub(r"\s+", " ", fix_mojibake(post or "")).strip(" ,;:.")
    if not p:
        return NO_POST_TITLE
    p = re.sub(r"\bForegn\b", "Foreign", p, flags=re.IGNORECASE)
    if p.isupper() or p.islower() or p[:1].islower() or p in {"Prime minister"}:
        words = p.lower().split(" ")
        small = {"of", "for", "and", "the", "in", "to", "on"}
        p = " ".join(w if (w in small and i) else w[:1].upper() + w[1:] for i, w in enumerate(words))
        p = re.sub(r"-([a-z])", lambda m: "-" + m.group(1).upper(), p)
    return p


def state_id(code: str) -> str:
    """KB id of the state (or organisation) a row speaks for."""
    code = (code or "").strip()
    if code in ORG_CODES:
        return ORG_CODES[code]
    return "iso:" + CODE_FIXES.get(code, code)


def read_rows(path: Path) -> list[dict]:
    """Read the TSV into ``{"year", "state", "name", "post"}`` dicts (non-names skipped)."""
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            name = clean_name(rec.get("Name of Person Speaking") or "")
            if not is_name(name):
                continue
            try:
                year = int(rec["Year"])
            except (TypeError, ValueError):
                continue
            rows.append(
                {
                    "year": year,
                    "state": state_id(rec.get("ISO Code") or ""),
                    "name": name,
                    "post": clean_post(rec.get("Post")),
                }
            )
    return rows


def group_persons(rows: list[dict]) -> list[list[dict]]:
    """Group rows into persons.

    Rows of one state group when their spelling-insensitive keys and initials agree; groups whose keys
    agree and of which one has no initials merge when their years are at most ``MAX_GAP_INITIALS`` apart.
    A group of surname-only rows joins the unique multi-token person of the same state whose last name
    has the same key and a similar spelling (difflib ratio >= 0.8), whose name has no Arabic nasab/
    dynasty particle, and whose years are at most ``MAX_GAP_SURNAME`` apart.
    """
    groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for r in rows:
        groups[(r["state"], person_key(r["name"]), initials(r["name"]))].append(r)
    # merge initial-less spellings into the (unique) spelling with initials, or vice versa
    by_key: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for key in groups:
        by_key[key[:2]].append(key)
    for keys in by_key.values():
        plain = [k for k in keys if not k[2]]
        with_init = [k for k in keys if k[2]]
        if len(plain) == 1 and len(with_init) >= 1:
            for k in with_init:
                if plain[0] in groups and _gap(groups[plain[0]], groups[k]) <= MAX_GAP_INITIALS:
                    groups[plain[0]].extend(groups.pop(k))
    # attach single-token names to the unique multi-token person of the same state with that surname
    by_surname: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for key, grp in groups.items():
        if any(len(_tokens(r["name"])) > 1 for r in grp):
            by_surname[(key[0], surname_key(grp[0]["name"]))].append(key)
    for key in list(groups):
        grp = groups[key]
        if not all(len(_tokens(r["name"])) == 1 for r in grp):
            continue
        targets = by_surname.get((key[0], surname_key(grp[0]["name"])), [])
        if len(targets) != 1:
            continue
        target = groups[targets[0]]
        toks = [t.lower() for r in target for t in _tokens(r["name"])]
        if any(t in _NASAB or t.startswith(("al-", "el-")) for t in toks):
            continue
        last = _light(_tokens(target[0]["name"])[-1])
        if difflib.SequenceMatcher(None, _light(grp[0]["name"]), last).ratio() < 0.8:
            continue
        if _gap(grp, target) > MAX_GAP_SURNAME:
            continue
        target.extend(groups.pop(key))
    return merge_variants(list(groups.values()))


#: Largest gap in years across which two spellings of one name (a typo, a short form, a
#: nickname) are taken for the same person by :func:`merge_variants`.
MAX_GAP_VARIANTS = 6


def _parts(name: str) -> list[str]:
    """Skeletons of a name's tokens without initials and particles ("João Manuel Gonçalves
    Lourenço" -> j, mnl, gnclvs, lrnc)."""
    return [_fold(t) for t in _tokens(name) if t.lower() not in _PARTICLES and _fold(t)]


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    position = iter(long)
    return all(part in position for part in short)


def _before_last_parts(name: str, count: int) -> str:
    """The token of ``name`` just before its last ``count`` parts (see :func:`_parts`),
    lower-cased: "bin" for "Tamim bin Hamad bin Khalifa Al-Thani" and 3."""
    tokens = _tokens(name)
    seen = 0
    for k in range(len(tokens) - 1, 0, -1):
        seen += tokens[k].lower() not in _PARTICLES and bool(_fold(tokens[k]))
        if seen == count:
            return tokens[k - 1].lower()
    return ""


def _variant_kind(a: list[dict], b: list[dict]) -> str | None:
    """How the names of two row groups of one state are one person's, or ``None``.

    * ``"short"``: one name is the other without middle names, first and last name kept
      ("João Lourenço", "João Manuel Gonçalves Lourenço"), or without the names that open it
      ("Tayyip Erdoğan", "Recep Tayyip Erdogan"; "Sassou Nguesso", "Denis Sassou Nguesso"),
      unless what is left is a father's name ("Hamad bin Khalifa Al-Thani" of "Tamim bin
      Hamad bin Khalifa Al-Thani");
    * ``"typo"``: as many names, the same last name and initial, spellings nearly equal
      ("Tarka Halonen", "Tarja Halonen"; difflib ratio >= 0.85);
    * ``"nickname"``: the same names but the first, whose first two letters agree, in one post
      in consecutive years ("Joe Biden", 2021; "Joseph R. Biden", 2022-24).
    """
    if _gap(a, b) > MAX_GAP_VARIANTS:
        return None
    name_a, name_b = a[0]["name"], b[0]["name"]
    pa, pb = _parts(name_a), _parts(name_b)
    if len(pa) < 2 or len(pb) < 2 or pa[-1] != pb[-1] or pa == pb:
        return None
    if _tokens(name_a)[0].lower() in _NASAB or _tokens(name_b)[0].lower() in _NASAB:
        return None  # "Al-Sabah", "Al-Jaber Al-Sabah": family names, no given name to compare
    short, long = (pa, pb) if len(pa) <= len(pb) else (pb, pa)
    if len(short) < len(long):
        if short[0] == long[0] and _is_subsequence(short, long):
            return "short"
        long_name = name_b if long is pb else name_a
        if long[-len(short) :] == short and _before_last_parts(long_name, len(short)) not in _NASAB:
            return "short"
        return None
    first_a, first_b = _light(_tokens(name_a)[0]), _light(_tokens(name_b)[0])
    if pa[1:] == pb[1:] and first_a[:2] == first_b[:2]:
        posts = {r["post"] for r in a} & {r["post"] for r in b}
        if posts and _gap(a, b) <= 1:
            return "nickname"
    if (
        first_a[:1] == first_b[:1]
        and difflib.SequenceMatcher(None, _light(name_a), _light(name_b)).ratio() >= 0.85
    ):
        return "typo"
    return None


def merge_variants(groups: list[list[dict]]) -> list[list[dict]]:
    """Merge the row groups of one state whose names are spellings of one person's (see
    :func:`_variant_kind`). A short form that fits several longer names of the state ("Hamad
    Al-Thani") stays apart: it could be any of them."""
    by_state: dict[str, list[int]] = defaultdict(list)
    for n, group in enumerate(groups):
        by_state[group[0]["state"]].append(n)
    parent = list(range(len(groups)))

    def find(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for members in by_state.values():
        shorts: dict[int, list[int]] = defaultdict(list)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                kind = _variant_kind(groups[a], groups[b])
                if kind == "short":
                    short, long = (
                        (a, b)
                        if len(_parts(groups[a][0]["name"])) < len(_parts(groups[b][0]["name"]))
                        else (b, a)
                    )
                    shorts[short].append(long)
                elif kind is not None:
                    parent[find(a)] = find(b)
        for short, longs in shorts.items():
            if len({find(n) for n in longs}) == 1:
                parent[find(short)] = find(longs[0])
    merged: dict[int, list[dict]] = defaultdict(list)
    for n, group in enumerate(groups):
        merged[find(n)].extend(group)
    return [merged[root] for root in sorted(merged)]


def build_persons(rows: list[dict]) -> list[dict]:
    """Turn grouped rows into KB person records (sorted by id)."""
    people = []
    for grp in group_persons(rows):
        counts = Counter(r["name"] for r in grp)
        last_year = {}
        for r in grp:
            last_year[r["name"]] = max(last_year.get(r["name"], 0), r["year"])
        canonical = max(counts, key=lambda n: (counts[n], last_year[n], n))
        names = [canonical, *sorted(n for n in counts if n != canonical)]
        offices: dict[tuple[str, str], list[int]] = {}
        for r in grp:
            span = offices.setdefault((r["post"], r["state"]), [r["year"], r["year"]])
            span[0], span[1] = min(span[0], r["year"]), max(span[1], r["year"])
        office_list = sorted(
            ({"title": t, "state": s, "years": y} for (t, s), y in offices.items()),
            key=lambda o: (o["years"][0], o["years"][1], o["title"]),
        )
        states = Counter(r["state"] for r in grp)
        people.append(
            {
                "slug": slugify(canonical),
                "state": states.most_common(1)[0][0],
                "label": canonical,
                "names": names,
                "offices": office_list,
            }
        )
    slug_count = Counter(p["slug"] for p in people)
    records = []
    used: set[str] = set()
    for p in sorted(people, key=lambda p: (p["slug"], p["state"], p["offices"][0]["years"][0])):
        pid = "ungdc:" + p["slug"]
        if slug_count[p["slug"]] > 1:
            pid += "-" + p["state"].split(":", 1)[1].lower()
        base, n = pid, 2
        while pid in used:
            pid, n = f"{base}-{n}", n + 1
        used.add(pid)
        records.append(
            {
                "id": pid,
                "type": "PERSON",
                "kind": "person",
                "label": p["label"],
                "names": {"en": p["names"]},
                "acronyms": {},
                "adjectives": {},
                "codes": {},
                "part_of": None,
                "offices": p["offices"],
            }
        )
    return sorted(records, key=lambda r: r["id"])


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--source", type=Path, default=Path(DEFAULT_SOURCE), help="speakers_by_session.tsv")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output JSONL path")
    args = ap.parse_args(argv)
    rows = read_rows(args.source)
    records = build_persons(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"wrote {len(records)} persons from {len(rows)} rows to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
