"""Date phrases in a sentence: the precompiled patterns find what a search for each phrase finds."""

from __future__ import annotations

import re

import pytest

from actorgraph.events.times import find_times
from actorgraph.resources import load_resource

SENTENCES = {
    "de": [
        "Letztes Jahr und im Vorjahr traf man sich, noch am selben Tag reiste er ab.",
        "Im vergangenen Jahr, in diesem Jahr und nächstes Jahr: am gleichen Tag.",
        "Die letztes-Jahr-Zahlen nennt niemand; Dieses Jahres Bilanz auch nicht.",
        "Am 3. Juli 2024 sprach er, am Mittwoch nicht.",
    ],
    "en": [
        "Last year he met her; later that day and earlier that day they spoke.",
        "The previous year, this year and next year: the same day, That Day.",
        "Last years and thatday are no phrases; 3 July 2024 is a date.",
    ],
}


def _phrases_searched_one_by_one(text: str, lang: str) -> list[tuple[int, int, int | None, bool]]:
    """What a whole-word search for each phrase finds, left to right, overlaps left out."""
    data = load_resource("dates", lang)
    phrases = [(k.lower(), int(v), False) for k, v in data.get("relative_years", {}).items()]
    phrases += [(s.lower(), None, True) for s in data.get("same_day", [])]
    taken: list[tuple[int, int]] = []
    found = []
    for phrase, offset, same_day in phrases:
        for match in re.finditer(rf"\b{re.escape(phrase)}\b", text.lower()):
            start, end = match.span()
            if all(end <= s or start >= e for s, e in taken):
                taken.append((start, end))
                found.append((start, end, offset, same_day))
    return sorted(found)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_date_phrases_are_found_as_a_search_for_each_finds_them(lang):
    for text in SENTENCES[lang]:
        times = [t for t in find_times(text, lang) if t.year_offset is not None or t.same_day]
        found = sorted((t.start, t.end, t.year_offset, t.same_day) for t in times)
        assert found == _phrases_searched_one_by_one(text, lang), text
    assert [t.text for t in find_times(SENTENCES[lang][0], lang)][:1] in (["Letztes Jahr"], ["Last year"])
