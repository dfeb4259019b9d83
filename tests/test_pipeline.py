"""Extraction on articles nobody wrote a lexicon for, and long articles processed in chunks."""

from __future__ import annotations

import pytest

import actorgraph.annotate as annotate
from actorgraph.pipeline import build

from .conftest import write

pytestmark = pytest.mark.slow

UNKNOWN_EN = (
    "RIGA – Ingrid Solbakken, the chair of the Nordic Water Council, met Latvian environment minister "
    "Janis Kalnbergs in Riga on Tuesday. Solbakken said the Nordic Water Council would open an office "
    "in Riga next year. Kalnbergs welcomed the plan and thanked Solbakken for her support."
)
UNKNOWN_DE = (
    "Die Vorsitzende des Nordischen Wasserrates, Ingrid Solbakken, traf am Dienstag in Riga den lettischen "
    "Umweltminister Janis Kalnbergs. Solbakken kündigte an, der Nordische Wasserrat werde ein Büro "
    "in Riga eröffnen. "
    "Kalnbergs begrüßte den Plan."
)


def labels(graph):
    return {a.label: a for a in graph.actors}


def test_people_and_bodies_the_kb_lacks_are_found(tmp_path):
    write(tmp_path / "c" / "en.txt", UNKNOWN_EN)
    write(tmp_path / "c" / "de.txt", UNKNOWN_DE)
    graph = build(tmp_path / "c", out=None, models="bundled").graph
    found = labels(graph)
    for person in ("Ingrid Solbakken", "Janis Kalnbergs"):
        assert person in found and found[person].type == "PERSON" and found[person].kb_id is None
        assert found[person].id.startswith("x:")
        assert len(found[person].documents) == 2, found[person]
    assert "Nordic Water Council" in found
    assert found["Riga"].type in ("GPE", "LOC")


def test_long_article_is_chunked(tmp_path, monkeypatch):
    monkeypatch.setattr(annotate, "MAX_CHUNK_CHARS", 300)
    monkeypatch.setattr(annotate.split_chunks, "__defaults__", (300,))
    text = "\n\n".join([UNKNOWN_EN] * 6)
    write(tmp_path / "c" / "long.txt", text)
    result = build(tmp_path / "c", out=None, models="bundled")
    mentions = result.graph.mentions
    assert len({m.sentence for m in mentions}) >= 12
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert sorted(m.sentence for m in mentions) == [
        m.sentence for m in sorted(mentions, key=lambda m: m.start)
    ]
