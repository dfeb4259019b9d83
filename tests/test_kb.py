"""Tests for the actor knowledge base (``actorgraph.kb`` and the shipped data files)."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path

import pytest

from actorgraph.kb import KBEntry, KnowledgeBase, Office, load_kb

REPO = Path(__file__).resolve().parents[1]
KB_DIR = REPO / "src" / "actorgraph" / "data" / "kb"
SPEAKERS_TSV = REPO.parent / "shared" / "data" / "news" / "ungdc" / "speakers_by_session.tsv"

#: Strings that must not be in the KB unless the UNGDC speaker list (a general source) contains them.
FORBIDDEN = [
    "Pools Plus Cyprus",
    "COMMVISORY",
    "ACM Cyprus",
    "Esta Construction",
    "EU Reporter",
    "Imnadze",
    "Wassilenko",
    "Vassilenko",
    "Attleeu",
    "UNRCA",
    "Friberg",
    "Rakhmetullin",
    "Umarov",
    "Borrell",
    "Guterres",
    "Berdimuhamedov",
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def test_loads_everything_quickly() -> None:
    start = time.perf_counter()
    kb = load_kb(KB_DIR)  # explicit directory: a separate cache entry from the default one
    elapsed = time.perf_counter() - start
    kinds = {e.kind for e in kb}
    assert {"state", "capital", "igo", "organ", "agency", "forum", "person"} <= kinds
    assert len(kb.by_kind("state")) >= 249
    assert len(kb.by_kind("person")) > 1000
    assert elapsed < 1.5
    assert load_kb(KB_DIR) is kb  # cached


def test_default_dir_is_packaged_data(kb: KnowledgeBase) -> None:
    assert len(kb) == len(load_kb(KB_DIR))


def test_ids_unique_and_records_valid() -> None:
    ids: list[str] = []
    for path in sorted(KB_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ids.append(json.loads(line)["id"])
    import yaml

    ids += [rec["id"] for rec in yaml.safe_load((KB_DIR / "igos.yaml").read_text(encoding="utf-8"))]
    assert len(ids) == len(set(ids))


def test_entries_well_formed(kb: KnowledgeBase) -> None:
    types = {"GPE", "ORG", "PERSON", "LOC"}
    for e in kb:
        assert e.type in types, e.id
        assert e.label in e.names["en"], e.id
        if e.part_of is not None:
            assert e.part_of in kb, (e.id, e.part_of)
        for forms in e.adjectives.values():
            assert all(f == f.lower() for f in forms), e.id


def test_iteration_sorted(kb: KnowledgeBase) -> None:
    ids = [e.id for e in kb]
    assert ids == sorted(ids)
    assert "iso:KAZ" in kb and "iso:XXX" not in kb


def test_kazakhstan(kb: KnowledgeBase) -> None:
    kaz = kb["iso:KAZ"]
    assert kaz.type == "GPE" and kaz.kind == "state"
    assert kaz.label == "Kazakhstan"
    assert "Kasachstan" in kaz.names["de"]
    assert "kasachisch" in kaz.adjectives["de"]
    assert "kazakh" in kaz.adjectives["en"]
    assert kaz.codes == {"iso2": "KZ", "iso3": "KAZ", "numeric": "398", "geonames": "1522867"}
    cap = kb["capital:KAZ"]
    assert cap.kind == "capital" and cap.part_of == "iso:KAZ"
    assert "Astana" in cap.names["en"]


@pytest.mark.parametrize(
    ("name", "lang", "state"),
    [
        ("Kirgistan", "de", "iso:KGZ"),  # the German Foreign Office's short name
        ("Kirgisistan", "de", "iso:KGZ"),
        ("Mazedonien", "de", "iso:MKD"),
        ("Macedonia", "en", "iso:MKD"),
        ("Bosnien-Herzegowina", "de", "iso:BIH"),
        ("Kosovo", "en", "iso:XKX"),  # no ISO 3166-1 entry; GeoNames and CLDR list it
        ("Kosovo", "de", "iso:XKX"),
        # the UN's formal names, from the General Debate speaker list
        ("Republic of Korea", "en", "iso:KOR"),
        ("Democratic Republic of the Congo", "en", "iso:COD"),
        ("former Yugoslav Republic of Macedonia", "en", "iso:MKD"),
        ("Republik Korea", "de", "iso:KOR"),  # pycountry's "Korea, Republik" in running order
        ("Republic of Macedonia", "en", "iso:MKD"),
        ("Republic of China", "en", "iso:TWN"),  # the "People's Republic of China" is iso:CHN
        ("People's Republic of China", "en", "iso:CHN"),
        # dissolved states (ISO 3166-3)
        ("Soviet Union", "en", "iso:SUN"),
        ("Sowjetunion", "de", "iso:SUN"),
        ("Union of Soviet Socialist Republics", "en", "iso:SUN"),
        ("Tschechoslowakei", "de", "iso:CSK"),
    ],
)
def test_short_and_former_state_names(kb: KnowledgeBase, name: str, lang: str, state: str) -> None:
    assert (name, state) in set(kb.surface_forms(lang))


def test_state_labels_are_names_in_running_text(kb: KnowledgeBase) -> None:
    """A list's "Palestine, State of" is labelled "State of Palestine", and "Holy See (Vatican
    City State)" "Vatican City": no label of a state has a comma or a bracket."""
    states = [e for e in kb if e.kind == "state"]
    assert not [e.label for e in states if any(ch in e.label for ch in ",()")]
    assert kb["iso:PSE"].label == "State of Palestine"
    assert kb["iso:COD"].label == "Democratic Republic of the Congo"


def test_a_dissolved_state_has_no_name_that_means_something_else_today(kb: KnowledgeBase) -> None:
    """UN texts' "DDR" is disarmament, demobilization and reintegration, and "Ostdeutschland"
    today's eastern Germany: neither names the German Democratic Republic."""
    forms = {name for lang in ("en", "de") for name, entry in kb.surface_forms(lang) if entry == "iso:DDR"}
    assert "East Germany" in forms and not forms & {"DDR", "GDR", "Ostdeutschland"}


def test_armed_groups_are_one_entry_under_all_their_names(kb: KnowledgeBase) -> None:
    isil = kb["group:isil"]
    assert (isil.type, isil.kind) == ("ORG", "group")
    forms = {name for name, entry in kb.surface_forms("en") if entry == "group:isil"}
    assert {"ISIL", "ISIS", "Daesh", "Islamic State", "Islamic State of Iraq and the Levant"} <= forms
    assert ("IS", "group:isil") in set(kb.surface_forms("de"))  # German news's "Terrormiliz IS"
    assert ("IS", "group:isil") not in set(kb.surface_forms("en"))  # English "IS" is mostly a word


def test_kosovo_is_a_state_with_its_capital(kb: KnowledgeBase) -> None:
    kosovo = kb["iso:XKX"]
    assert (kosovo.kind, kosovo.label, kosovo.codes["iso2"]) == ("state", "Kosovo", "XK")
    assert "kosovarisch" in kosovo.adjectives["de"] and "kosovar" in kosovo.adjectives["en"]
    assert kb["capital:XKX"].label == "Pristina" and kb["capital:XKX"].part_of == "iso:XKX"


@pytest.mark.parametrize(
    ("iso3", "adjective"),
    [("TKM", "turkmenisch"), ("DEU", "deutsch"), ("FRA", "französisch"), ("UZB", "usbekisch")],
)
def test_german_adjectives(kb: KnowledgeBase, iso3: str, adjective: str) -> None:
    assert adjective in kb[f"iso:{iso3}"].adjectives["de"]


def test_sco(kb: KnowledgeBase) -> None:
    sco = kb["igo:sco"]
    assert sco.type == "ORG" and sco.kind == "igo"
    assert "SCO" in sco.acronyms["en"]
    assert "SOZ" in sco.acronyms["de"]
    assert "ShOS" in sco.acronyms["ru"]
    assert "Shanghaier Organisation für Zusammenarbeit" in sco.names["de"]


def test_un_organs(kb: KnowledgeBase) -> None:
    assert kb["igo:unga"].part_of == "igo:un"
    assert kb["igo:unga"].kind == "organ"
    assert kb["igo:ec"].part_of == "igo:eu"
    un = kb["igo:un"]
    assert {"Vereinte Nationen", "Vereinten Nationen"} <= set(un.names["de"])
    assert {"UNO", "VN"} <= set(un.acronyms["de"])
    assert "OON" in un.acronyms["ru"]


def test_tokayev_single_person(kb: KnowledgeBase) -> None:
    matches = [e for e in kb.by_kind("person") if "Kassym-Jomart Tokayev" in e.names.get("en", ())]
    assert len(matches) == 1
    tok = matches[0]
    assert tok.id == "ungdc:kassym-jomart-tokayev"
    assert tok.type == "PERSON"
    assert "Kassym Jomart Tokayev" in tok.names["en"]
    presidents = [o for o in tok.offices if o.title == "President" and o.state == "iso:KAZ"]
    assert len(presidents) == 1
    assert presidents[0].years is not None and presidents[0].years[0] == 2019
    others = [
        e for e in kb.by_kind("person") if e is not tok and any("Tokayev" in n for n in e.names.get("en", ()))
    ]
    assert others == []


def test_two_timorese_guterres(kb: KnowledgeBase) -> None:
    guterres = [
        e
        for e in kb.by_kind("person")
        if any("Guterres" in n for n in e.names["en"]) and any(o.state == "iso:TLS" for o in e.offices)
    ]
    assert len(guterres) == 2
    assert len({e.id for e in guterres}) == 2


def test_surface_forms(kb: KnowledgeBase) -> None:
    de = list(kb.surface_forms("de"))
    assert de == sorted(set(de))
    assert ("Kasachstan", "iso:KAZ") in de
    assert ("Kazakhstan", "iso:KAZ") in de  # English forms are included
    assert ("SOZ", "igo:sco") in de
    en = set(kb.surface_forms("en"))
    assert ("SCO", "igo:sco") in en
    assert ("SOZ", "igo:sco") not in en


def test_constructor_rejects_duplicates() -> None:
    e = KBEntry(id="x:1", type="ORG", kind="igo", label="X", names={"en": ("X",)})
    with pytest.raises(ValueError, match="duplicate"):
        KnowledgeBase([e, e])


def test_from_dict_adds_label_and_offices() -> None:
    e = KBEntry.from_dict(
        {
            "id": "ungdc:x",
            "type": "PERSON",
            "kind": "person",
            "label": "X Y",
            "names": {"en": ["Y"]},
            "offices": [{"title": "President", "state": "iso:KAZ", "years": [2000, 2001]}],
        }
    )
    assert e.names["en"] == ("X Y", "Y")
    assert e.offices == (Office("President", "iso:KAZ", (2000, 2001)),)


def _tsv_names() -> list[tuple[str, str]] | None:
    if not SPEAKERS_TSV.exists():
        return None
    with SPEAKERS_TSV.open(encoding="utf-8", newline="") as fh:
        return [
            ((r.get("Name of Person Speaking") or ""), (r.get("ISO Code") or ""))
            for r in csv.DictReader(fh, delimiter="\t")
        ]


def test_no_corpus_derived_entries(kb: KnowledgeBase) -> None:
    """Forbidden strings occur only in person entries that the UNGDC speaker list backs."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in KB_DIR.iterdir() if p.is_file()}
    tsv = _tsv_names()
    for needle in FORBIDDEN:
        low = needle.lower()
        hits = [name for name, text in texts.items() if low in text.lower()]
        if not hits:
            continue
        assert hits == ["persons.jsonl"], (needle, hits)
        entries = [e for e in kb if any(low in n.lower() for ns in e.names.values() for n in ns)]
        assert entries, needle
        for e in entries:
            assert e.kind == "person" and e.id.startswith("ungdc:"), (needle, e.id)
            assert "António Guterres" not in e.names["en"] and "Antonio Guterres" not in e.names["en"]
            if tsv is not None:
                states = {o.state for o in e.offices}
                assert any(low in n.lower() and f"iso:{c}" in states for n, c in tsv), (needle, e.id)
    if tsv is not None:
        in_tsv = {n for n in FORBIDDEN if any(n.lower() in name.lower() for name, _ in tsv)}
        for needle in set(FORBIDDEN) - in_tsv:
            assert not any(needle.lower() in t.lower() for t in texts.values()), needle


def _kb_persons_script():
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "scripts" / "kb_persons.py"
    spec = importlib.util.spec_from_file_location("kb_persons", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_spellings_of_one_speaker_are_one_person_and_relatives_stay_apart() -> None:
    script = _kb_persons_script()

    def row(name: str, year: int, post: str = "President", state: str = "iso:USA") -> dict:
        return {"name": script.clean_name(name), "year": year, "post": post, "state": state}

    rows = [
        row("Joe Biden", 2021),
        *(row("Joseph R. Biden", y) for y in (2022, 2023)),  # a nickname, the next year
        row("Tarja Halonen", 2000, state="iso:FIN"),
        row("Tarka Halonen", 2004, state="iso:FIN"),  # a typo
        row("João Lourenço", 2021, state="iso:AGO"),
        row("João Manuel Gonçalves Lourenço", 2018, state="iso:AGO"),  # a short form
        row("Heydar Aliyev", 2002, state="iso:AZE"),
        row("Ilham Aliyev", 2003, state="iso:AZE"),  # his son
        row("Hamad bin Khalifa Al-Thani", 2010, state="iso:QAT"),
        row("Hamad bin Jassim bin Jabr Al-Thani", 2010, "Prime Minister", state="iso:QAT"),
        row("Hamad Al-Thani", 2011, state="iso:QAT"),  # either of them
        row("Recep Tayyip Erdogan", 2023, state="iso:TUR"),
        row("Tayyip Erdoğan", 2024, state="iso:TUR"),  # without the name that opens it
        row("Hamad bin Khalifa Al-Thani", 2005, "Emir", state="iso:QAT"),
        row("Tamim bin Hamad bin Khalifa Al-Thani", 2006, "Head of State", state="iso:QAT"),  # his son
        row("Dato' Sri Anifah Aman", 2011, "Minister for Foreign Affairs", state="iso:MYS"),
        row("Datuk Anifah Aman", 2009, "Minister for Foreign Affairs", state="iso:MYS"),
    ]
    people = sorted(sorted({r["name"] for r in group}) for group in script.group_persons(rows))
    assert people == [
        ["Anifah Aman"],
        ["Hamad Al-Thani"],
        ["Hamad bin Jassim bin Jabr Al-Thani"],
        ["Hamad bin Khalifa Al-Thani"],
        ["Heydar Aliyev"],
        ["Ilham Aliyev"],
        ["Joe Biden", "Joseph R. Biden"],
        ["João Lourenço", "João Manuel Gonçalves Lourenço"],
        ["Recep Tayyip Erdogan", "Tayyip Erdoğan"],
        ["Tamim bin Hamad bin Khalifa Al-Thani"],
        ["Tarja Halonen", "Tarka Halonen"],
    ]


def test_joe_biden_is_one_entry(kb: KnowledgeBase) -> None:
    bidens = [e for e in kb.by_kind("person") if any(n.endswith("Biden") for n in e.names["en"])]
    assert len(bidens) == 1
    assert {"Joe Biden", "Joseph R. Biden"} <= set(bidens[0].names["en"])


def test_no_city_is_named_by_a_state_s_name(kb: KnowledgeBase) -> None:
    """GeoNames gives Floridablanca the alternate name "Florida" and a Colombian city "Armenien":
    news mean the state by them. "New York" stays New York City's."""
    states = {n for e in kb.by_kind("state") for names in e.names.values() for n in names}
    for city in kb.by_kind("city"):
        taken = {n for names in city.names.values() for n in names} & (states | {"Florida", "Texas"})
        assert taken <= {city.label.removesuffix(" City")}, city.label


def test_a_citys_other_names_are_no_common_words_and_loose_ones_need_context(kb: KnowledgeBase) -> None:
    """GeoNames calls Dubai "Dabei" (German "in doing so") and Guangzhou "Kanton" (a Swiss
    canton); "White House" translates Casablanca's Arabic name. Only names of a city that news
    use as written are matched as written."""
    by_label = {e.label: e for e in kb.by_kind("city")}
    written = {label: set(by_label[label].names["en"]) for label in ("Dubai", "Guangzhou", "Casablanca")}
    assert "Dabei" not in written["Dubai"] and "Kanton" not in written["Guangzhou"]
    assert "White House" not in written["Casablanca"]
    assert "White House" in by_label["Casablanca"].names["xx"]
    assert {"St. Petersburg", "Leningrad"} <= set(by_label["Saint Petersburg"].names["en"])
    assert {"Mailand", "Cologne"} <= set(by_label["Milan"].names["en"]) | set(by_label["Köln"].names["en"])


def test_eu_bank_and_courts_and_british_spellings() -> None:
    from actorgraph.kbindex import default_index

    index = default_index()
    for surface, entry in [
        ("EZB", "igo:ecb"),
        ("Europäischen Zentralbank", "igo:ecb"),
        ("ECB", "igo:ecb"),
        ("EuGH", "igo:cjeu"),
        ("Europäische Gerichtshof", "igo:cjeu"),
        ("Europäischen Gerichtshofs für Menschenrechte", "igo:echr"),
    ]:
        assert [e.id for e in index.exact(surface)] == [entry], surface
    assert [e.id for e in index.transliterated("World Trade Organisation", "en")] == ["igo:wto"]


def test_annotation_leaves_the_spelling_tables_to_resolution(kb: KnowledgeBase) -> None:
    """Annotation (a forked worker's share) looks names up exactly; only resolution reads the
    tables by transliteration key, so they are built once resolution starts, not before."""
    import spacy

    from actorgraph.annotate.mentions import extract
    from actorgraph.kbindex import KBIndex
    from actorgraph.records import Document
    from actorgraph.resolve.link import Linker

    index = KBIndex(kb)
    text = "Kassym-Jomart Tokajew traf Wladimir Putin in Astana."
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    doc.ents = [
        doc.char_span(text.index(name), text.index(name) + len(name), label=label)
        for name, label in [("Kassym-Jomart Tokajew", "PER"), ("Wladimir Putin", "PER"), ("Astana", "LOC")]
    ]
    mentions = extract(
        Document("d", "d", text, text=text, language="de"), [(0, doc)], lang="de", index=index
    )[1]
    assert len(mentions) == 3 and "_spellings" not in vars(index)
    Linker(index)
    assert "_spellings" in vars(index)
    assert [e.id for e in index.transliterated("Kassym-Jomart Tokayev", "en")] == [
        "ungdc:kassym-jomart-tokayev"
    ]


def test_a_name_is_linked_once_for_each_setting(kb: KnowledgeBase) -> None:
    """A corpus names the same actors in article after article: the linker looks each name up
    once for a label, language, article's states and year."""
    from actorgraph.kbindex import KBIndex
    from actorgraph.records import Mention
    from actorgraph.resolve.link import Linker

    linker = Linker(KBIndex(kb))
    tokayev = Mention("d", 0, 0, 21, "Kassym-Jomart Tokayev", "PERSON", "en", "ner")
    first = linker.link(tokayev, year=2020)
    assert first is not None and first.id == "ungdc:kassym-jomart-tokayev"
    assert linker.link(Mention("e", 3, 5, 26, tokayev.text, "PERSON", "en", "ner"), year=2020) is first
    assert linker._link.cache_info()[:2] == (1, 1)  # hits, misses
    linker.link(tokayev, year=2021)
    linker.link(tokayev, context_states=frozenset({"iso:KAZ"}), year=2020)
    assert linker._link.cache_info()[:2] == (1, 3)
