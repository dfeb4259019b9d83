"""Office words of a language: titles, compound endings that make titles, and modifiers.

Used to strip titles from names (keeping them as roles), to find "<title> <Name>" persons, and
to match an office named on its own ("der UN-Generalsekretär") to the person who holds it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from .resources import load_resource
from .text import WORD_MEMO

__all__ = ["TitleWords", "head_titles", "title_words"]

#: Words whose answer a TitleWords keeps.
_REMEMBERED = WORD_MEMO


class TitleWords:
    """Office words of one language: titles, compound endings that make titles, and modifiers."""

    def __init__(self, titles: list[str], suffixes: list[str] = (), modifiers: list[str] = ()):
        self.titles = frozenset(t.lower() for t in titles)
        self.suffixes = tuple(sorted({s.lower() for s in suffixes}, key=len, reverse=True))
        self.modifiers = frozenset(m.lower() for m in modifiers)
        # Asked of nearly every token: the answers are remembered, up to a bound.
        self._remembered = lru_cache(maxsize=_REMEMBERED)(self._decide)

    def is_title(self, text: str) -> bool:
        """A head title: "Präsident", "UN-Generalsekretär", "Umweltminister" (also inflected:
        "des UN-Generalsekretärs", "Presidents")."""
        return self._remembered(text)

    def _decide(self, text: str) -> bool:
        low = text.lower()
        for ending in ("es", "en", "s", "n"):
            if low.endswith(ending) and len(low) > len(ending) + 3 and self._is_title(low[: -len(ending)]):
                return True
        return self._is_title(low)

    def _is_title(self, low: str) -> bool:
        if low in self.titles or ("-" in low and low.rsplit("-", 1)[1] in self.titles):
            return True
        # ``str.endswith`` with a tuple rules out most words at once, without a Python loop.
        return low.endswith(self.suffixes) and any(
            low.endswith(s) and len(low) > len(s) + 2 for s in self.suffixes
        )

    def is_title_word(self, text: str) -> bool:
        """A head title or a word that qualifies one ("stellvertretender", "Deputy")."""
        return self.is_title(text) or text.lower() in self.modifiers


_GENITIVES = frozenset({"des", "der", "of", "to", "for", "für"})


@cache
def title_words(lang: str) -> TitleWords:
    names = load_resource("names", lang)
    return TitleWords(
        names.get("titles", []), names.get("title_suffixes", []), names.get("title_modifiers", [])
    )


def head_titles(role: str, lang: str) -> frozenset[str]:
    """The real titles in an office phrase, lowercased: "UN-Generalsekretär" → {"generalsekretär"}.

    Examples
    --------
    >>> sorted(head_titles("stellvertretende Außenminister Kasachstans", "de"))
    ['außenminister']
    >>> sorted(head_titles("UN Secretary-General", "en"))
    ['secretary-general']
    """
    words = title_words(lang)
    found = set()
    previous = ""
    for token in re.findall(r"[\w-]+", role):
        low, after_genitive = token.lower(), previous in _GENITIVES
        previous = low
        if after_genitive:
            continue  # "Sondervertreter des UN-Generalsekretärs" is no Secretary-General
        if low in words.titles:
            found.add(low)
        elif "-" in low and low.rsplit("-", 1)[1] in words.titles:
            found.add(low.rsplit("-", 1)[1])
        elif words.is_title(token):
            found.add(low)
    return frozenset(found)
