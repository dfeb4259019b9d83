"""Document language and document date.

Language comes from py3langid, a deterministic naive-Bayes identifier over 97 languages, so a
French article is recognised as French and skipped rather than forced through a German or
English model. The document date comes from metadata or a header (already on the record),
then from a dateline; years mentioned in the body are context, never the document date.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from .dates import DateValue, parse_explicit_date

__all__ = ["LanguageGuess", "detect_date", "detect_language"]

#: Characters of text the identifier looks at; the start of an article is enough.
SAMPLE_CHARS = 4000


class LanguageGuess(NamedTuple):
    language: str | None
    confidence: float


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, min_confidence: float = 0.5) -> LanguageGuess:
    """Guess the language of ``text`` (an ISO 639-1 code).

    Examples
    --------
    >>> detect_language("Der Präsident traf sich am Mittwoch mit dem Generalsekretär.").language
    'de'
    """
    sample = " ".join(text[:SAMPLE_CHARS].split())
    if sum(ch.isalpha() for ch in sample) < 20:
        return LanguageGuess(None, 0.0)
    lang, prob = _identifier().classify(sample)
    prob = float(prob)
    return LanguageGuess(lang if prob >= min_confidence else None, round(prob, 4))


# "ASTANA, 3 July 2024 –", "Berlin (dpa), 03.07.2024 -", "July 3, 2024 —": a short lead
# followed by a dash; the date must carry its year.
_DATELINE = re.compile(r"^(?P<lead>[^\n–—]{3,80}?)\s+[–—-]{1,2}\s")
_DATE_IN_LEAD = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\s?\d{1,2}\.\s?\d{4}"
    r"|\d{1,2}\.?\s+[A-Za-zÄÖÜäöüéû]+\.?\s+\d{4}|[A-Za-zÄÖÜäöüéû]+\.?\s+\d{1,2},?\s+\d{4}"
)


def detect_date(text: str, *, language: str | None = None, max_lines: int = 4) -> DateValue | None:
    """A date from a dateline in the first lines of the clean ``text``, else ``None``.

    Examples
    --------
    >>> detect_date("ASTANA, 3. Juli 2024 – Der Präsident …", language="de")
    DateValue(iso='2024-07-03', precision='day')
    >>> detect_date("Kazakhstan was admitted on March 2, 1992.") is None
    True
    """
    languages = (language,) if language else ("de", "en")
    for line in [ln for ln in text.split("\n") if ln.strip()][:max_lines]:
        match = _DATELINE.match(line.strip())
        if not match:
            continue
        found = _DATE_IN_LEAD.search(match.group("lead"))
        if found and (value := parse_explicit_date(found.group(), languages=languages)):
            return value
    return None
