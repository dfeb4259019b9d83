"""Clean an article: find its paragraphs, drop boilerplate, normalise Unicode, repair
mixed-script homoglyphs (docs/cleaning.md).

A paragraph is a line, except in hard-wrapped text (speeches, PDF exports), whose lines between
blank lines are one paragraph, and where a line stops in mid-sentence and the next goes on in
lower case.

Boilerplate is recognised by its shape and by generic wording, never by listing a
publisher's strings: the article body is the run of long lines with sentence punctuation;
short unpunctuated lines after it (advert and link blocks), share/comment/cookie prompts,
disclaimers, press-contact blocks, and lines repeated across many documents are dropped.

The clean text keeps a map back to the raw text (:class:`~actorgraph.records.OffsetMap`), so
every offset reported downstream points into what was read.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from itertools import islice, pairwise
from typing import NamedTuple

from .records import Document, OffsetMap
from .resources import load_resource

__all__ = [
    "clean",
    "find_repeated_lines",
    "normalize_line",
    "repeated_line_candidates",
    "select_repeated_lines",
]

#: A body line has at least this many words and sentence punctuation.
BODY_MIN_WORDS = 8
#: Lines before the body are kept as headlines when they have at least this many words.
HEADLINE_MIN_WORDS = 3
#: Lines this short inside the body are kept only if punctuated.
FRAGMENT_MAX_WORDS = 2

_SENTENCE_PUNCT = re.compile(r"[.!?…][\"'“”„»«)\]]*\s*$|[.!?]\s+\S")
_WORD = re.compile(r"\w[\w'’\-.]*")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_MIXED_WORD = re.compile(r"\w+")
_LONE_CYRILLIC = re.compile(r"(?<!\w)[\u0400-\u04FF]{1,3}(?!\w)")
#: Spacing inside a line that is not one plain space: the tokenizer makes a token of it, and a
#: name the source spaced twice ("Stavros  Theodorakis") is cut in two.
_WIDE_SPACE = re.compile(r"[ \t\u00a0\u2007\u2009\u202f]{2,}|[\t\u00a0\u2007\u2009\u202f]")


class _Line(NamedTuple):
    start: int
    end: int
    text: str


class _Paragraph(NamedTuple):
    """The lines of one paragraph: one line, or the lines of a hard-wrapped paragraph."""

    lines: tuple[_Line, ...]
    #: The lines as the clean text joins them, for deciding what is boilerplate.
    text: str


#: A text is hard-wrapped (PDF exports, speeches, mail) when most lines that go on in the next
#: line end in mid-sentence and are about as long as a printed line.
WRAPPED_MIN_BREAKS = 5
WRAPPED_MIN_SHARE = 0.5
WRAPPED_MIN_MEDIAN_CHARS = 40
_LIST_ITEM = re.compile(r"(?:[-–—•*·▪]|\d{1,2}[.)])\s")
_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'“”„»«)\]]*$")


def normalize_line(line: str) -> str:
    """The form used to compare lines across documents."""
    return " ".join(line.lower().split())


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _has_words(text: str, n: int) -> bool:
    """``_word_count(text) >= n``, without counting the words of a long paragraph to the end."""
    return next(islice(_WORD.finditer(text), n - 1, None), None) is not None


def _is_body(text: str) -> bool:
    return _has_words(text, BODY_MIN_WORDS) and bool(_SENTENCE_PUNCT.search(text))


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    data = load_resource("cleaning")
    lines = "|".join(f"(?:{p})" for p in data.get("boilerplate_lines", []))
    contacts = "|".join(f"(?:{p})" for p in data.get("contact_headings", []))
    return re.compile(lines, re.IGNORECASE), re.compile(contacts, re.IGNORECASE)


def _split_lines(text: str, start: int) -> list[_Line]:
    lines = []
    for match in re.finditer(r"[^\n]+", text[start:]):
        raw = match.group()
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            s = start + match.start() + lead
            lines.append(_Line(s, s + len(stripped), stripped))
    return lines


def _soft_break(raw: str, before: _Line, after: _Line) -> bool:
    """Only a line break, no blank line, between two lines, and no list item begins after it."""
    return raw.count("\n", before.end, after.start) == 1 and not _LIST_ITEM.match(after.text)


def _joiner(before: _Line, after: _Line) -> str:
    """ "sixty-" + "ninth" is "sixty-ninth"; other wrapped lines meet with a space."""
    hyphenated = before.text.endswith("-") and before.text[-2:-1].isalpha() and after.text[:1].islower()
    return "" if hyphenated else " "


def _paragraphs(lines: list[_Line], raw: str) -> list[_Paragraph]:
    """The text's paragraphs: in a hard-wrapped text the lines between blank lines, elsewhere
    each line, or two when the first stops in mid-sentence and the next goes on in lower case
    (a paragraph broken at a page's end).

    A text with one paragraph per line keeps its lines apart otherwise: there a line that does
    not end a sentence is a headline or a list item, and names must not run into the next line.
    """
    pairs = list(pairwise(lines))
    soft = [_soft_break(raw, a, b) for a, b in pairs]
    breaks = [a for (a, _), is_soft in zip(pairs, soft, strict=True) if is_soft]
    mid_sentence = [a for a in breaks if not _ENDS_SENTENCE.search(a.text)]
    lengths = sorted(len(a.text) for a in breaks)
    wrapped = (
        len(mid_sentence) >= WRAPPED_MIN_BREAKS
        and len(mid_sentence) >= WRAPPED_MIN_SHARE * len(breaks)
        and lengths[len(lengths) // 2] >= WRAPPED_MIN_MEDIAN_CHARS
    )
    groups: list[list[_Line]] = [[lines[0]]] if lines else []
    for (before, line), is_soft in zip(pairs, soft, strict=True):
        if is_soft and (wrapped or (not _ENDS_SENTENCE.search(before.text) and line.text[:1].islower())):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [
        _Paragraph(tuple(group), group[0].text + "".join(_joiner(a, b) + b.text for a, b in pairwise(group)))
        for group in groups
    ]


def _select(paragraphs: list[_Paragraph], repeated: frozenset[str]) -> list[_Paragraph]:
    boilerplate, contact = _patterns()
    candidates: list[_Paragraph] = []
    in_contact = False
    for paragraph in paragraphs:
        low = paragraph.text.lower().strip(" \t*•·|-–—")
        if in_contact and not _is_body(paragraph.text):
            continue
        in_contact = False
        if contact.fullmatch(low):
            in_contact = True
            continue
        if boilerplate.fullmatch(low) or normalize_line(paragraph.text) in repeated:
            continue
        candidates.append(paragraph)
    body = [i for i, paragraph in enumerate(candidates) if _is_body(paragraph.text)]
    if not body:
        return [
            p
            for p in candidates
            if _word_count(p.text) >= HEADLINE_MIN_WORDS or _SENTENCE_PUNCT.search(p.text)
        ]
    first, last = body[0], body[-1]
    kept = []
    for i, paragraph in enumerate(candidates):
        words = _word_count(paragraph.text)
        if (i < first and words >= HEADLINE_MIN_WORDS) or (
            first <= i <= last and (words > FRAGMENT_MAX_WORDS or _SENTENCE_PUNCT.search(paragraph.text))
        ):
            kept.append(paragraph)
    return kept


class _Builder:
    """Accumulates clean text with the raw span of every piece."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.clean_starts: list[int] = []
        self.raw_starts: list[int] = []
        self.raw_ends: list[int] = []
        self.clean_lengths: list[int] = []

    def add(self, text: str, raw_start: int, raw_end: int) -> None:
        if not text and raw_start == raw_end:
            return
        one_to_one = len(text) == raw_end - raw_start
        if (
            one_to_one
            and self.clean_starts
            and self.raw_ends[-1] == raw_start
            and self.clean_lengths[-1] == self.raw_ends[-1] - self.raw_starts[-1]
        ):
            self.raw_ends[-1] = raw_end
            self.clean_lengths[-1] += len(text)
        else:
            self.clean_starts.append(self.length)
            self.raw_starts.append(raw_start)
            self.raw_ends.append(raw_end)
            self.clean_lengths.append(len(text))
        self.parts.append(text)
        self.length += len(text)

    def result(self) -> tuple[str, OffsetMap]:
        offsets = OffsetMap(
            tuple(self.clean_starts), tuple(self.raw_starts), tuple(self.raw_ends), tuple(self.clean_lengths)
        )
        return "".join(self.parts), offsets


def _replacements(text: str, language: str | None) -> list[tuple[int, int, str]]:
    """(start, end, new text) edits for homoglyphs, Unicode normalisation and spacing, sorted."""
    edits: list[tuple[int, int, str]] = [(m.start(), m.end(), " ") for m in _WIDE_SPACE.finditer(text)]
    if _CYRILLIC.search(text) and _LATIN.search(text):
        common = load_resource("cleaning", "common").get("latin_lookalikes", {})
        conjunctions = (
            load_resource("cleaning", language).get("cyrillic_conjunctions", {}) if language else {}
        )
        for match in _LONE_CYRILLIC.finditer(text):
            word = match.group()
            before = text[: match.start()].rstrip()[-1:]
            after = text[match.end() :].lstrip()[:1]
            if (
                word in conjunctions
                and before
                and after
                and (before == "-" or _LATIN.match(before))
                and _LATIN.match(after)
            ):
                edits.append((match.start(), match.end(), conjunctions[word]))
        for match in _MIXED_WORD.finditer(text):
            word = match.group()
            if _CYRILLIC.search(word) and _LATIN.search(word):
                for i, ch in enumerate(word):
                    if ch in common:
                        edits.append((match.start() + i, match.start() + i + 1, common[ch]))
    if not unicodedata.is_normalized("NFC", text):
        i = 0
        while i < len(text):
            j = i + 1
            while j < len(text) and unicodedata.combining(text[j]):
                j += 1
            cluster = text[i:j]
            composed = unicodedata.normalize("NFC", cluster)
            if composed != cluster:
                edits.append((i, j, composed))
            i = j
    edits.sort()
    merged: list[tuple[int, int, str]] = []
    for edit in edits:
        if not merged or edit[0] >= merged[-1][1]:
            merged.append(edit)
    return merged


def _add_line(builder: _Builder, line: _Line, language: str | None) -> None:
    pos = 0
    for start, end, new in _replacements(line.text, language):
        builder.add(line.text[pos:start], line.start + pos, line.start + start)
        builder.add(new, line.start + start, line.start + end)
        pos = end
    builder.add(line.text[pos:], line.start + pos, line.end)


def clean(doc: Document, *, language: str | None = None, repeated: frozenset[str] = frozenset()) -> Document:
    """Return ``doc`` with ``text`` (clean) and ``offsets`` (clean → raw) filled in.

    Parameters
    ----------
    doc : Document
        As read; ``meta`` may hold ``body_start`` and ``title_span`` from a text header.
    language : str, optional
        Chooses the conjunction a stray Cyrillic «и» stands for. Defaults to ``doc.language``.
    repeated : frozenset of str
        Lines (see :func:`normalize_line`) that recur across the corpus and are boilerplate.

    Examples
    --------
    >>> raw = "Tokajew и Guterres trafen sich heute zu langen Gesprächen in Astana."
    >>> d = clean(Document("a", "a.txt", raw), language="de")
    >>> d.text
    'Tokajew und Guterres trafen sich heute zu langen Gesprächen in Astana.'
    >>> d.raw_span(12, 20)
    (10, 18)
    """
    language = language or doc.language
    meta = dict(doc.meta)
    lines = _split_lines(doc.text_raw, meta.get("body_start", 0))
    title_span = meta.get("title_span")
    if title_span:
        s, e = title_span
        lines.insert(0, _Line(s, e, doc.text_raw[s:e]))
    builder = _Builder()
    previous: _Line | None = None
    for paragraph in _select(_paragraphs(lines, doc.text_raw), repeated):
        for k, line in enumerate(paragraph.lines):
            if previous is not None:
                builder.add(_joiner(previous, line) if k else "\n\n", previous.end, line.start)
            _add_line(builder, line, language)
            previous = line
    text, offsets = builder.result()
    return replace(doc, text=text, offsets=offsets, language=language)


def repeated_line_candidates(text: str) -> set[str]:
    """The lines of ``text`` that could be site furniture: short, non-body lines, normalised."""
    return {normalize_line(ln) for ln in text.splitlines() if ln.strip() and not _is_body(ln)}


def select_repeated_lines(
    counts: Counter[str], documents: int, *, min_docs: int = 3, min_share: float = 0.05
) -> frozenset[str]:
    """Lines found in at least ``min_docs`` documents and ``min_share`` of them."""
    threshold = max(min_docs, min_share * documents)
    return frozenset(line for line, n in counts.items() if n >= threshold)


def find_repeated_lines(
    texts: Iterable[str], *, min_docs: int = 3, min_share: float = 0.05
) -> frozenset[str]:
    """Short lines that occur in at least ``min_docs`` documents and ``min_share`` of them.

    Only lines shorter than a body line are counted: a repeated sentence inside real
    articles (a quote) is content, while a repeated short line is site furniture.
    """
    counts: Counter[str] = Counter()
    total = 0
    for text in texts:
        total += 1
        counts.update(repeated_line_candidates(text))
    return select_repeated_lines(counts, total, min_docs=min_docs, min_share=min_share)
