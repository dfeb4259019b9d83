"""String keys for comparing names across spellings, scripts and languages."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from anyascii import anyascii

from .resources import load_resource

__all__ = ["compound_head", "fold", "name_variants", "place_names", "slug", "translit_key"]

_NON_WORD = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['’`´]")
_DOUBLES = re.compile(r"(.)\1+")

#: Names repeat across mentions; a bounded memo keeps their keys without growing with the corpus.
#: It holds the distinct names of a few thousand articles: the knowledge base's spellings,
#: keyed once each as it is read, would push a smaller one's names out before they repeat.
_MEMO = 1 << 16
#: Entries a memo of words, names or links keeps (office words, lemma candidates, name keys, the
#: knowledge-base links of names): about what a couple of thousand news articles fill. A bound far
#: above that is filled only by long runs, whose memory then grows with the corpus up to it.
WORD_MEMO = 1 << 15


@lru_cache(maxsize=_MEMO)
def fold(text: str) -> str:
    """Lowercase ASCII form with punctuation collapsed to single spaces.

    Examples
    --------
    >>> fold("António  Guterres’")
    'antonio guterres'
    >>> fold("UN-Generalversammlung")
    'un generalversammlung'
    """
    ascii_text = anyascii(_APOSTROPHES.sub("", text)).lower()
    return _NON_WORD.sub(" ", ascii_text).strip()


@cache
def _rules(lang: str | None) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    own = load_resource("translit", lang).get("rules", []) if lang else []
    final = load_resource("translit", "common").get("final_rules", [])
    return tuple(map(tuple, own)), tuple(map(tuple, final))


@lru_cache(maxsize=_MEMO)
def translit_key(text: str, lang: str | None = None) -> str:
    """A key that spellings of one name share across transliteration conventions.

    ``lang`` picks the spelling rules of the text's language (data/lang/<lang>/translit.yaml).

    Examples
    --------
    >>> translit_key("Tokajew", "de") == translit_key("Tokayev", "en")
    True
    >>> translit_key("Aschgabat", "de") == translit_key("Ashgabat", "en")
    True
    """
    key = fold(text)
    own, final = _rules(lang)
    for old, new in own:
        key = key.replace(old, new)
    for old, new in final:
        key = key.replace(old, new)
    return _DOUBLES.sub(r"\1", key)


def slug(text: str) -> str:
    """An id-safe slug: ``'António Guterres'`` → ``'antonio-guterres'``."""
    return fold(text).replace(" ", "-") or "actor"


@cache
def _suffixes(lang: str) -> tuple[str, ...]:
    return tuple(sorted(load_resource("names", lang).get("inflection_suffixes", []), key=len, reverse=True))


def inflected_forms(words: Iterable[str], lang: str) -> frozenset[str]:
    """Every ``name`` of which some word is a :func:`name_variants` variant: the words, and the
    words of three letters or more with an inflection suffix.

    Examples
    --------
    >>> "kasachstans" in inflected_forms(["kasachstan"], "de")
    True
    """
    words = list(words)
    return frozenset(words) | {w + s for w in words if len(w) >= 3 for s in _suffixes(lang)}


def name_variants(name: str, lang: str) -> list[str]:
    """``name`` and its forms without inflection suffixes ("Kasachstans" → "Kasachstan")."""
    variants = [name]
    for suffix in _suffixes(lang):
        if name.endswith(suffix) and len(name) - len(suffix) >= 3:
            variants.append(name[: -len(suffix)])
    return variants


@cache
def _place_derivations(lang: str) -> tuple[tuple[str, str], ...]:
    return tuple((end, base) for end, base in load_resource("names", lang).get("place_derivations", []))


def place_names(word: str, lang: str) -> list[str]:
    """The names of places whose adjective or inhabitants' noun ``word`` may be, by the
    language's ``place_derivations``: candidates only, for a look-up to confirm.

    Examples
    --------
    >>> place_names("Wiener", "de")[:2]
    ['Wien', 'Wienen']
    >>> "Kärnten" in place_names("Kärntner", "de"), place_names("Wiener", "en")
    (True, [])
    """
    if " " in word or not word[:1].isupper():
        return []
    names = [
        word[: -len(end)] + base
        for end, base in _place_derivations(lang)
        if word.endswith(end) and len(word) - len(end) >= 3
    ]
    return list(dict.fromkeys(names))


def compound_head(word: str, nouns: frozenset[str], *, min_prefix: int = 4, min_tail: int = 5) -> str | None:
    """The noun a German compound ends in: the longest word of ``nouns`` that ``word`` (lower
    case) ends with after at least ``min_prefix`` letters, or ``None``.

    The limits keep short nouns from matching inside names ("JPMorgan" is no "Organ", "Delaware"
    no "Ware"). ``scripts/common_nouns_de.py`` learns which heads name nothing with this same
    function, so the two must not drift apart.

    Examples
    --------
    >>> compound_head("sozialleistungen", frozenset({"leistungen", "tungen"}))
    'leistungen'
    >>> compound_head("leistungen", frozenset({"leistungen"})) is None
    True
    """
    for start in range(min_prefix, len(word) - min_tail + 1):
        if word[start:] in nouns:
            return word[start:]
    return None
