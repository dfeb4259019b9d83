"""Short forms: an organisation an article goes on to call by its head noun.

Once an article has named "the Reserve Bank of Australia", it says "the Bank" and "the Reserve
Bank"; once it has named "die Europäische Union" or the "EU", it says "die Union". The model
tags these short forms as names of their own, and across the corpus every "Bank" would meet
every other as one actor of every bank. A short form belongs to its article's organisation
instead, and a bare head noun whose article names no such organisation names nothing.

The head nouns that count are the language's ``short_form_heads`` (``names.yaml``): generic
words for an organisation, not names ("Allianz" is a company, so German leaves "allianz" out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from typing import NamedTuple

from ..kb import KBEntry
from ..records import Mention
from ..resources import load_resource
from ..text import name_variants
from .names import key_words

__all__ = ["ShortForms", "short_forms"]

#: Most words a short form has ("Bank", "Reserve Bank", "Federal Reserve Bank").
_MOST_WORDS = 3


class ShortForms(NamedTuple):
    """What :func:`short_forms` found in one article."""

    #: A short form → the mention of the fuller name it stands for.
    joined: dict[int, int]
    #: Bare head nouns ("Bank") whose article names no organisation they could stand for.
    unnamed: set[int]


@cache
def _heads(lang: str) -> frozenset[str]:
    return frozenset(w.lower() for w in load_resource("names", lang).get("short_form_heads", []))


def _name_words(text: str) -> list[str]:
    """A name's words without the articles that open it, in any language (see ``key_words``)."""
    determiners = key_words()[0]
    words = text.split()
    while len(words) > 1 and words[0].lower() in determiners:
        words = words[1:]
    return words


def _lead(words: Sequence[str]) -> list[str]:
    """The words of a name up to its first lower-case word, the connector before what the
    organisation is of or for: "Reserve Bank" of "Reserve Bank of Australia"."""
    for k, word in enumerate(words):
        if not word[:1].isupper():
            return list(words[:k])
    return list(words)


def _forms(word: str, lang: str) -> frozenset[str]:
    return frozenset(v.lower() for v in name_variants(word, lang))


@lru_cache(maxsize=50_000)
def _is_head(word: str, lang: str) -> bool:
    return bool(_forms(word, lang) & _heads(lang))


def short_forms(
    ids: Iterable[int],
    mention: Callable[[int], Mention],
    linked: Callable[[int], KBEntry | None],
    *,
    lang: str,
) -> ShortForms:
    """The short forms among an article's mentions ``ids``, and the fuller names they stand for.

    A short form is a name of at most three capitalised words, unlinked, no person's, that ends
    in a head noun of the language ("Bank", "Reserve Bank"). It stands for the article's
    organisation named first whose name (or, if linked, one of its knowledge-base names in the
    language) is longer and either opens with the short form's words up to a connector
    ("Reserve Bank of Australia") or, for one word, has it as the head noun before one
    ("Commonwealth Bank of Australia", "Europäische Union").

    Parameters
    ----------
    ids : iterable of int
        The article's mentions, in any order.
    mention : callable
        Mention by id.
    linked : callable
        The knowledge-base entry a mention is linked to, or ``None``.
    lang : str
        The article's language.

    Examples
    --------
    >>> from actorgraph.records import Mention
    >>> texts = ["The Reserve Bank of Australia", "Bank", "Reserve Bank", "Union"]
    >>> ms = [Mention("d", 0, 10 * k, 10 * k + len(t), t, "ORG", "en") for k, t in enumerate(texts)]
    >>> found = short_forms(range(4), ms.__getitem__, lambda i: None, lang="en")
    >>> found.joined, found.unnamed
    ({1: 0, 2: 0}, {3})
    """
    if not _heads(lang):
        return ShortForms({}, set())
    ids = list(ids)
    candidates: dict[int, list[str]] = {}
    for i in ids:
        m = mention(i)
        # Most names end in no head noun: that, looked up once per word, is the first test.
        if not _is_head(m.text.rpartition(" ")[2], lang) or m.label == "PERSON" or m.canonical:
            continue
        parts = _name_words(m.text)
        if len(parts) <= _MOST_WORDS and all(w[:1].isupper() for w in parts) and linked(i) is None:
            candidates[i] = parts
    if not candidates:
        return ShortForms({}, set())
    fuller: list[tuple[int, int, list[str]]] = []  # (start, id, name words) of every organisation
    for j in ids:
        m = mention(j)
        entry = linked(j)
        if entry is not None:
            if entry.type != "ORG":
                continue
            texts = [m.text, *entry.names.get(lang, ()), *entry.names.get("en", ())]
        elif m.label == "PERSON" or (m.label != "ORG" and j not in candidates):
            continue
        else:
            texts = [m.text]
        fuller.extend((m.start, j, _name_words(text)) for text in texts)
    fuller.sort(key=lambda item: (item[0], item[1]))
    joined: dict[int, int] = {}
    unnamed: set[int] = set()
    for i, parts in candidates.items():
        wanted = [w.lower() for w in parts]
        head = _forms(parts[-1], lang)
        for _, j, name in fuller:
            if j == i or len(name) <= len(parts):
                continue
            lead = _lead(name)
            opens = [w.lower() for w in lead] == wanted
            if opens or (len(parts) == 1 and lead and _forms(lead[-1], lang) & head):
                joined[i] = j
                break
        else:
            if len(parts) == 1:
                unnamed.add(i)
    return ShortForms(joined, unnamed)
