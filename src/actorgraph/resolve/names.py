"""Name forms for resolution: the keys names meet by, and the shapes of persons' names.

Plain functions of a name's text and language, with the language's word lists from
``data/lang/<code>/names.yaml``; :mod:`actorgraph.resolve` clusters mentions by them.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..resources import load_resource, load_wordlist
from ..text import WORD_MEMO, fold, translit_key
from ..titles import head_titles

__all__ = [
    "acronym_key",
    "capitalised_nationalities",
    "company_name",
    "given_names",
    "hyphen_prefixes",
    "is_surname_only",
    "key_form",
    "key_words",
    "lowercase_word",
    "name_key",
    "name_particles",
    "noun_ending",
    "plain_name",
    "regnal",
    "surname_key",
    "surname_shaped",
    "uninflected",
    "without_article",
    "without_prefix",
]


@cache
def key_words() -> tuple[frozenset[str], frozenset[str]]:
    """Every language's articles, and its words for "and": an English name is often quoted in
    a German article."""
    names = load_resource("names")  # merged over every language
    return (
        frozenset(w.lower() for w in names.get("determiners", [])),
        frozenset(w.lower() for w in names.get("name_conjunctions", [])),
    )


def without_article(text: str) -> str:
    """A name without the article that opens it, if at least two words follow: a sentence's
    first word is capitalised, so "The Bank of England" is "the Bank of England" as well, while
    "The Sun" may be a newspaper and "Sun" a company.

    Examples
    --------
    >>> without_article("The Bank of England"), without_article("The Sun")
    ('Bank of England', 'The Sun')
    """
    first, _, rest = text.partition(" ")
    if first.lower() in key_words()[0] and rest.count(" ") >= 1:
        return rest
    return text


def key_form(text: str) -> str:
    """What a name's keys are made of: in a name of three words or more, no articles (one opens
    sentences: "The Bank of England"; one is left out: "International Federation of
    Phonographic Industry"), and "&" for "and" ("Ernst and Young").

    Examples
    --------
    >>> key_form("The International Federation of the Phonographic Industry")
    'International Federation of Phonographic Industry'
    >>> key_form("Ernst and Young"), key_form("The Sun")
    ('Ernst & Young', 'The Sun')
    """
    articles, conjunctions = key_words()
    words = text.split()
    if len(words) >= 3:
        words = [w for w in words if w.lower() not in articles] or words
    return " ".join("&" if w.lower() in conjunctions else w for w in words)


@cache
def _company_words() -> tuple[frozenset[str], dict[str, str]]:
    """Every language's ``company_designators`` (without dots), and its
    ``company_abbreviations``: a company keeps its legal form in any language's article."""
    names = load_resource("names")
    designators = frozenset(w.replace(".", "").lower() for w in names.get("company_designators", []))
    abbreviations = {k.replace(".", "").lower(): v for k, v in names.get("company_abbreviations", {}).items()}
    return designators, abbreviations


def company_name(text: str) -> str:
    """An organisation's name without the legal form or designator that ends it, and with its
    abbreviations written out (``company_designators`` and ``company_abbreviations`` of
    ``data/lang/common/names.yaml`` and the languages' own): articles write a company's name
    with its legal form and without, and abbreviate it in some places.

    A name that would keep no word but an article is returned as it is.

    Examples
    --------
    >>> company_name("Sony Corporation"), company_name("Goldman Sachs & Co."), company_name("Warner Bros")
    ('Sony', 'Goldman Sachs', 'Warner Brothers')
    >>> company_name("Casinos Austria AG"), company_name("The Company"), company_name("Bank of England")
    ('Casinos Austria', 'The Company', 'Bank of England')
    """
    designators, abbreviations = _company_words()
    articles, conjunctions = key_words()
    words = [abbreviations.get(w.replace(".", "").lower(), w) for w in text.split()]
    end = len(words)
    while end > 1 and words[end - 1].replace(".", "").rstrip(",").lower() in designators:
        end -= 1
        while end > 1 and (words[end - 1] == "&" or words[end - 1].lower() in conjunctions):
            end -= 1  # "& Co"
        words[end - 1] = words[end - 1].rstrip(",")
    kept = words[:end]
    if all(w.lower() in articles for w in kept):
        return text
    return " ".join(kept)


@cache
def _adjective_endings(lang: str) -> tuple[str, ...]:
    return tuple(sorted(load_resource("names", lang).get("adjective_endings", []), key=len, reverse=True))


def uninflected(text: str, lang: str) -> str:
    """A name with its leading words' adjective endings cut, by the language's
    ``adjective_endings``: German inflects them with the case ("die Europäische Zentralbank",
    "der Europäischen Zentralbank", "Europäischer Zentralbank").

    Examples
    --------
    >>> uninflected("Europäischen Zentralbank", "de"), uninflected("Europäische Zentralbank", "de")
    ('Europäisch Zentralbank', 'Europäisch Zentralbank')
    >>> uninflected("Rat der Europäischen Union", "de"), uninflected("Deutsche Bank", "en")
    ('Rat der Europäisch Union', 'Deutsche Bank')
    """
    words = text.split()
    endings = _adjective_endings(lang)
    if len(words) < 2 or not endings:
        return text
    for n, word in enumerate(words[:-1]):
        if word[:1].isupper():
            ending = next((e for e in endings if word.endswith(e) and len(word) - len(e) >= 3), "")
            words[n] = word[: len(word) - len(ending)]
    return " ".join(words)


def noun_ending(word: str, lang: str) -> bool:
    """Does ``word`` end the way only the language's common nouns do (``noun_endings``)? German
    plurals ("Hausdurchsuchungen", "Geheimnisse") and "-ismus" name nothing.

    Examples
    --------
    >>> noun_ending("Hausdurchsuchungen", "de"), noun_ending("Samsung", "de"), noun_ending("Ungen", "de")
    (True, False, False)
    """
    endings = _noun_endings(lang)
    if not endings or not word.isalpha():
        return False
    lower = word.lower()
    return lower.endswith(endings) and any(lower.endswith(e) and len(lower) >= len(e) + 4 for e in endings)


@cache
def _noun_endings(lang: str) -> tuple[str, ...]:
    return tuple(load_resource("names", lang).get("noun_endings", []))


def lowercase_word(word: str, lang: str) -> bool:
    """Is ``word`` a word the language writes in lower case, maybe inflected: an adjective,
    adverb or verb that a capital at a sentence's start makes look like a name? German only
    (``lowercase_words.txt``): "Möglich", "Gefordert", "Gewaltsamer", "Stimmt" (stimmen).

    Examples
    --------
    >>> lowercase_word("Gewaltsamer", "de"), lowercase_word("Stimmt", "de"), lowercase_word("Kickl", "de")
    (True, True, False)
    >>> lowercase_word("ENG", "de")
    False
    """
    words = load_wordlist("lowercase_words", lang)
    lower = word.lower()
    if not words or not lower.isalpha() or word.isupper():  # "ENG" is England's team
        return False
    stems = [lower, *(lower[: -len(e)] for e in _adjective_endings(lang) if lower.endswith(e))]
    if lower.endswith("t"):  # "stimmt": stimmen, "feiert": feiern
        stems += [lower[:-1] + "en", lower[:-1] + "n"]
    return any(stem in words for stem in stems)


#: Names whose shape and surname key are remembered: resolution asks for each mention's several
#: times, and names repeat across a corpus.
_REMEMBERED = WORD_MEMO

#: An acronym: capitals and digits, which no transliteration rule applies to.
_ACRONYM = re.compile(r"[A-ZÄÖÜ][A-ZÄÖÜ0-9&]{1,5}")


def acronym_key(text: str) -> str | None:
    """An acronym's key, its letters as written: transliteration would make "BAA" "BA" and
    "BVB" "BWB". ``None`` for anything else.

    Examples
    --------
    >>> acronym_key("BAA"), acronym_key("Nato"), acronym_key("Bank Austria")
    ('baa', None, None)
    """
    return text.lower() if _ACRONYM.fullmatch(text) else None


def name_key(text: str, lang: str) -> str:
    """A name's key under its language's rules: transliterated (:func:`translit_key`), and
    without its leading words' inflection (:func:`uninflected`); an acronym as written."""
    return acronym_key(text) or translit_key(uninflected(key_form(text), lang), lang)


@cache
def name_particles(lang: str) -> frozenset[str]:
    names = load_resource("names", lang)
    return frozenset(
        w.lower() for key in ("name_particles", "name_particles_after") for w in names.get(key, [])
    )


@lru_cache(maxsize=_REMEMBERED)
def surname_shaped(text: str, lang: str) -> bool:
    """One word, or particles and one word: "Tokayev", "Van der Bellen", "Mikl-Leitner" (a
    double-barrelled surname is one word)."""
    *before, _ = text.split()
    particles = name_particles(lang)
    return all(fold(w) in particles for w in before)


def is_surname_only(label: str, text: str, lang: str) -> bool:
    """A person named by the surname alone."""
    return label == "PERSON" and surname_shaped(text, lang)


@cache
def capitalised_nationalities(lang: str) -> bool:
    """Does ``lang`` write its nationalities with a capital (``capitalised_nationalities`` in
    its ``names.yaml``)? Then a one-word "person" that is one names its state ("Azerbaijani");
    German writes them in lower case, and a capitalised "Albanisch" is the language.

    Examples
    --------
    >>> capitalised_nationalities("en"), capitalised_nationalities("de")
    (True, False)
    """
    return bool(load_resource("names", lang).get("capitalised_nationalities", False))


@cache
def _regnal_titles(lang: str) -> frozenset[str]:
    return frozenset(w.lower() for w in load_resource("names", lang).get("regnal_titles", []))


def regnal(role: str | None, lang: str) -> bool:
    """Does ``role`` hold a title that goes before a given name ("Prince Charles", "König Abdullah")?

    Examples
    --------
    >>> regnal("Prince", "en"), regnal("Minister", "en"), regnal(None, "en")
    (True, False, False)
    """
    return bool(role) and bool(head_titles(role, lang) & _regnal_titles(lang))


@cache
def hyphen_prefixes() -> frozenset[str]:
    """Every language's ``hyphen_prefixes``: an English name is often quoted in a German article."""
    return frozenset(w.lower() for w in load_resource("names").get("hyphen_prefixes", []))


def without_prefix(text: str) -> str:
    """A name whose last word drops what a hyphen joins to its front that is no part of the
    surname: an article ("al-Assad") or a lowercase word ("ex-Yukos").

    Examples
    --------
    >>> without_prefix("Bashar al-Assad"), without_prefix("ex-Yukos"), without_prefix("Mikl-Leitner")
    ('Bashar Assad', 'Yukos', 'Mikl-Leitner')
    """
    *before, last = text.split()
    first, dash, rest = last.partition("-")
    while dash and rest[:1].isupper() and (first[:1].islower() or first.lower() in hyphen_prefixes()):
        last = rest
        first, dash, rest = last.partition("-")
    return " ".join([*before, last])


@lru_cache(maxsize=_REMEMBERED)
def surname_key(text: str, lang: str | None) -> str:
    """The key of a name's last word, hyphens and all, but without an article or a lowercase
    word a hyphen joins to it: "Johanna Mikl-Leitner" → "mikl leitner", "al-Assad" → "assad"."""
    return translit_key(without_prefix(text).split()[-1], lang)


def given_names(text: str) -> str:
    """A full name without its surname, folded: "Johanna Mikl-Leitner" → "johanna"."""
    return fold(" ".join(text.split()[:-1]))


@cache
def _lowercase_name_words(lang: str) -> frozenset[str]:
    """Words a full name may hold in lower case: particles ("da") and hyphen prefixes ("bin")."""
    return name_particles(lang) | hyphen_prefixes()


_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def plain_name(text: str, lang: str) -> bool:
    """A full name whose words after the first are capitalised words, none a common noun of the
    language: not a model's span that ran on ("Mary be", "Varig 2bn", "Badawis Ehefrau").

    Examples
    --------
    >>> plain_name("Ray Charles", "en"), plain_name("Varig 2bn", "en"), plain_name("Mary be", "en")
    (True, False, False)
    >>> plain_name("Lula Da Silva", "de"), plain_name("Mohammed al-Mansuri", "en")
    (True, True)
    """
    nouns, lowercase = load_wordlist("common_nouns", lang), _lowercase_name_words(lang)
    words = [without_prefix(w) for w in text.split()[1:] if w.lower() not in lowercase]
    return all(_NAME_WORD.fullmatch(w) and w[:1].isupper() and w.lower() not in nouns for w in words)
