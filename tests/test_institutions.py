"""Institution and building names found by their head noun, keyed across languages."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from actorgraph.annotate.institutions import find_institutions, topic_label


def found(text: str, lang: str, index, persons: tuple[str, ...] = ()) -> list[tuple[str, str, str | None]]:
    doc = spacy.blank(lang)(text)
    spans = []
    for name in persons:
        start = text.index(name)
        spans.append(doc.char_span(start, start + len(name), label="PERSON"))
    doc.ents = [s for s in spans if isinstance(s, Span)]
    names = find_institutions(doc, lang=lang, index=index)
    return [(doc[i.start : i.end].text, i.label, i.canonical) for i in names]


def test_one_key_for_the_same_institution_in_two_languages(index):
    german = [
        "Kooperation mit dem neuen UN-Regionalzentrum für die SDGs in Almaty.",
        "die Bedeutung des UN-Regionalzentrums für nachhaltige Entwicklung in Almaty.",
        "die Einrichtung eines UN-Regionalzentrums für SDGs für Zentralasien und Afghanistan.",
    ]
    keys = {found(text, "de", index)[0][2] for text in german}
    text = "to establish the UN Regional Centre for SDGs for Central Asia and Afghanistan."
    english = found(text, "en", index)
    assert english == [
        ("UN Regional Centre for SDGs", "ORG", "UN Regional Centre for Sustainable Development")
    ]
    assert keys == {english[0][2]}


def test_institutions_of_one_parent_with_different_topics_stay_apart(index):
    a = found("Leiter des UN-Regionalzentrums für vorbeugende Diplomatie in Zentralasien.", "de", index)
    b = found("das UN-Regionalzentrum für die SDGs.", "de", index)
    assert a[0][0] == "UN-Regionalzentrums für vorbeugende Diplomatie"
    assert a[0][2] != b[0][2]


def test_a_name_not_wholly_translated_keeps_a_key_in_its_own_language(index):
    # "Institute for Virologie" would be the actor's label; the head is still uninflected.
    assert [
        key for _, _, key in found("Das Institut für Virologie und des Instituts für Virologie.", "de", index)
    ] == [
        "Institut für Virologie",
        "Institut für Virologie",
    ]
    assert found("Das UN-Regionalzentrums für Musik und das Haus für die Bürger.", "de", index) == [
        ("UN-Regionalzentrums für Musik", "ORG", "UN-Regionalzentrum für Musik"),
        ("Haus für die Bürger", "LOC", "Haus für die Bürger"),
    ]
    assert found("Das Betreuungszentrum für Folter- und Kriegsüberlebende.", "de", index)[0][2] == (
        "Betreuungszentrum für Folter- und Kriegsüberlebende"
    )


def test_a_day_or_a_month_is_no_topic(index):
    assert found("He played the Brixton Academy on Tuesday.", "en", index) == [
        ("Brixton Academy", "ORG", "Brixton Academy")
    ]
    assert found("Das Institut für Mai.", "de", index) == []


def test_a_head_alone_names_nothing(index):
    assert found("Das Zentrum ist neu, sagte er im Zentrum der Stadt.", "de", index) == []
    assert found("He visited the UN Regional Centre and the office.", "en", index) == []
    assert found("Our Centre is open. The Office said nothing.", "en", index) == []


def test_capitalised_modifiers_parents_and_buildings(index):
    text = "the activities of the UNESCO Central Asian Regional Glaciological Centre."
    assert found(text, "en", index) == [
        (
            "UNESCO Central Asian Regional Glaciological Centre",
            "ORG",
            "UNESCO Central Asian Regional Glaciological Centre",
        )
    ]
    assert found("Guterres visited the UN Plaza in Almaty.", "en", index) == [("UN Plaza", "LOC", "UN Plaza")]
    # Two modifiers joined by "and", but not a place and an institution.
    names = [name for name, _, _ in found("The Securities and Exchange Commission has ruled.", "en", index)]
    assert names == ["Securities and Exchange Commission"]
    names = [
        name for name, _, _ in found("Officials of Kazakhstan and Steppe Research Centre met.", "en", index)
    ]
    assert names == ["Steppe Research Centre"]


def test_persons_and_known_names_are_left_alone(index):
    assert found("Stuart Hall spoke.", "en", index, persons=("Stuart Hall",)) == []
    assert found("The European Commission met.", "en", index) == []


def test_acronym_after_the_places_that_follow_the_name(index):
    text = "Leiter des UN-Regionalzentrums für vorbeugende Diplomatie in Zentralasien (UNRCA)."
    doc = spacy.blank("de")(text)
    (institution,) = find_institutions(doc, lang="de", index=index)
    assert institution.acronym == "UNRCA" and institution.parent == "igo:un"


@pytest.mark.parametrize(
    ("words", "lang", "label"),
    [
        (["nachhaltigen", "Entwicklung"], "de", "Sustainable Development"),
        (["SDGs"], "en", "Sustainable Development"),
        (["die", "Menschenrechte"], "de", "Human Rights"),
        (["Basket", "Weaving"], "en", None),
    ],
)
def test_topic_labels(words, lang, label):
    assert topic_label(words, lang) == label


def test_two_organisations_joined_by_and_stay_two(index):
    """In the build's pipeline, where the knowledge base's names are entities already."""
    from actorgraph.annotate import annotate
    from actorgraph.engines import pipelines_for
    from actorgraph.records import Document

    text = "Die Prognosen sind skeptisch (Weltbank und Internationaler Währungsfonds). Bleibt zu hoffen."
    (analysis,) = annotate([Document("d", "d", text, text=text, language="de")], pipelines_for("bundled"))
    names = {m.text for m in analysis.mentions}
    assert "Internationaler Währungsfonds" in names
    assert not any(" und " in name for name in names)
