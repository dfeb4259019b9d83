"""``actorgraph eval-ner``: precision, recall and F1 of named entities against a labelled set.

Reading
-------
:func:`read_germeval` reads GermEval 2014 (``index<TAB>token<TAB>outer<TAB>inner``; the
OUTER column is used). :func:`read_conll` reads any CoNLL-shaped file: whitespace-separated
columns (tab-separated when the line has a tab, so a token may hold a space), the token is the
first column that is not a running integer index, the tag is the last column. ``-DOCSTART-``
lines and comments are skipped, a blank line ends a sentence. A line starting with ``#`` is a
comment unless it ends in a tag and is not ``# key = value`` (hashtag tokens such as
``#MH17 O`` are common in tweets). Tags may be IOB1, IOB2 or BIOES; both readers return IOB2
(an ``I-`` tag that starts a chunk begins an entity). A token that is empty after stripping is
read as ``_`` (spaCy has no empty words).

Labels
------
Gold and predicted entities are compared in four types, PER, ORG, LOC and MISC.

Gold: ``PER``, ``ORG``, ``LOC``, ``MISC`` stay; GermEval ``OTH`` is MISC. Nested-derivation
tags (GermEval ``…deriv`` and ``…part``: ``B-LOCderiv`` "deutsche", ``B-ORGpart``
"SOZ-Gipfel") are not entities: they count as O. Other data sets' labels go through
:data:`GOLD_WORDS` (case-insensitive, then by the part before the first ``-``, so
``location-city`` is LOC):

====================================================================  =====
person, per                                                           PER
organisation, organization, org, corporation, company, group          ORG
location, loc, geo-loc, facility, fac, gpe                            LOC
date, time, duration, temporal, number, cardinal, ordinal, quantity,   —
money, percent, distance, set, trigger                                (O)
anything else (product, creative-work, Nationality, Weapon, …)        MISC
====================================================================  =====

The temporal and numeric types are O because predicted DATE, MONEY, CARDINAL… are dropped too
(they are not actors); ``trigger`` (MobIE) marks event words, not names. The German legal set
(LER) has its own codes, mapped by its coarse classes: RR, AN → PER; LD, ST, STR, LDS → LOC;
UN, INN, GRT, MRK → ORG; the rest (laws, rulings, literature) → MISC.

Predicted (model or mention labels): PERSON, PER → PER; ORG → ORG; GPE, LOC, FAC → LOC; NORP,
EVENT, PRODUCT, LAW, WORK_OF_ART, LANGUAGE, MISC, OTH → MISC; anything else (DATE, MONEY,
CARDINAL, …) is dropped.

Scoring
-------
Exact span and type, micro-averaged, as seqeval does: a predicted entity is a true positive
only if its first token, last token and type all match a gold entity; a partial overlap is
one false positive and one false negative. A predicted entity on a token whose gold tag is a
``…deriv``/``…part`` tag is a false positive (the gold there is O); the report counts these
separately as well.

Running
-------
The pipeline sees the GOLD tokens: consecutive sentences are grouped, :data:`SENTENCES_PER_DOC`
at a time, into one ``spacy.tokens.Doc`` (words joined by single spaces, sentence starts from
the file), so the model has context and tokenisation errors do not count. Two modes:

- default: the pipeline ``build`` uses (:func:`~actorgraph.annotate.registry.assemble`: model,
  KB ruler, title rules) followed by :func:`~actorgraph.annotate.mentions.extract` (span
  trimming of determiners, titles and possessives, hyphenated compounds, junk filter). Mention
  character offsets are mapped back to whole tokens: "SOZ" inside the token "SOZ-Gipfel" is the
  token "SOZ-Gipfel".
- ``model_only``: the bare model (``PipelineInfo.load_model``: the same components ``build``
  loads, without ruler, rules or post-processing) and its ``doc.ents``.

Speed is words per second in one process, timing only the pipeline (and, by default,
``extract``); reading, building the ``Doc`` objects and scoring are not timed.
"""

from __future__ import annotations

import argparse
import re
import time
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..errors import MISSING_INPUT, InputError, UsageError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "GOLD_WORDS",
    "PREDICTED_LABELS",
    "SENTENCES_PER_DOC",
    "LabelScore",
    "NerReport",
    "Scores",
    "add_arguments",
    "doc_mentions",
    "entities",
    "evaluate_ner",
    "format_report",
    "gold_entities",
    "gold_label",
    "predicted_label",
    "read_conll",
    "read_germeval",
    "run",
    "score",
    "to_iob2",
]

LABELS = ("PER", "ORG", "LOC", "MISC")
SENTENCES_PER_DOC = 20

Sentence = tuple[list[str], list[str]]
#: ``(first token, end token (exclusive), label)``.
Entity = tuple[int, int, str]

_TAG = re.compile(r"(?:O|[BIES]-\S+)")
_DERIV_PART = re.compile(r"(?:PER|ORG|LOC|OTH|MISC)(?:deriv|part)", re.IGNORECASE)
_INTEGER = re.compile(r"-?\d+")
_COMMENT_KEY = re.compile(r"#\s*[\w.-]+\s*=")

PREDICTED_LABELS = {
    "PERSON": "PER",
    "PER": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    **dict.fromkeys(("NORP", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE", "MISC", "OTH"), "MISC"),
}

#: Exact gold labels (case-sensitive): the four types, GermEval OTH, and the German legal set's codes.
_GOLD_EXACT = {
    "PER": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
    "MISC": "MISC",
    "OTH": "MISC",
    **dict.fromkeys(("RR", "AN"), "PER"),
    **dict.fromkeys(("LD", "ST", "STR", "LDS"), "LOC"),
    **dict.fromkeys(("UN", "INN", "GRT", "MRK"), "ORG"),
}

#: Other data sets' labels, lower-cased; ``None`` means "not a name" (O). Everything else is MISC.
GOLD_WORDS: dict[str, str | None] = {
    **dict.fromkeys(("person", "per"), "PER"),
    **dict.fromkeys(("organisation", "organization", "org", "corporation", "company", "group"), "ORG"),
    **dict.fromkeys(("location", "loc", "geo-loc", "facility", "fac", "gpe"), "LOC"),
    **dict.fromkeys(
        (
            "date",
            "time",
            "duration",
            "temporal",
            "number",
            "cardinal",
            "ordinal",
            "quantity",
            "money",
            "percent",
            "distance",
            "set",
            "trigger",
        ),
        None,
    ),
}


# --------------------------------------------------------------------------------------- reading


def to_iob2(tags: list[str]) -> list[str]:
    """IOB1, IOB2 or BIOES tags as IOB2.

    Examples
    --------
    >>> to_iob2(["I-PER", "I-PER", "B-PER", "O", "I-LOC"])
    ['B-PER', 'I-PER', 'B-PER', 'O', 'B-LOC']
    >>> to_iob2(["S-ORG", "B-PER", "E-PER"])
    ['B-ORG', 'B-PER', 'I-PER']
    """
    out: list[str] = []
    open_type: str | None = None  # type of the entity the previous token is inside, if it may go on
    for tag in tags:
        if tag == "O":
            out.append("O")
            open_type = None
            continue
        prefix, kind = tag[0], tag[2:]
        if prefix in "IE" and open_type == kind:
            out.append(f"I-{kind}")
        else:
            out.append(f"B-{kind}")
        open_type = kind if prefix in "BI" else None
    return out


def _check_tag(tag: str, path: Path, lineno: int) -> str:
    if not _TAG.fullmatch(tag):
        raise UsageError(f"{path}:{lineno}: not an IOB tag: {tag!r}")
    return tag


def _token(text: str) -> str:
    return text.strip() or "_"


def read_germeval(path: str | Path) -> list[Sentence]:
    """GermEval 2014 sentences ``(tokens, outer tags as IOB2)``."""
    path = Path(path)
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as lines:
        for lineno, line in enumerate(lines, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                if tokens:
                    sentences.append((tokens, to_iob2(tags)))
                tokens, tags = [], []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 3:
                raise UsageError(f"{path}:{lineno}: expected index, token, outer and inner tag columns")
            tokens.append(_token(cols[1]))
            tags.append(_check_tag(cols[2].strip(), path, lineno))
    if tokens:
        sentences.append((tokens, to_iob2(tags)))
    return sentences


def _is_running_index(rows: list[list[str]]) -> bool:
    """Whether the first column counts the sentence's tokens (1, 2, 3… or 0, 1, 2…)."""
    if not rows or any(len(cols) < 3 or not _INTEGER.fullmatch(cols[0]) for cols in rows):
        return False
    first = int(rows[0][0])
    return all(int(cols[0]) == first + k for k, cols in enumerate(rows))


def read_conll(path: str | Path) -> list[Sentence]:
    """CoNLL-shaped sentences ``(tokens, last-column tags as IOB2)``."""
    path = Path(path)
    sentences: list[Sentence] = []
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            column = 1 if _is_running_index(rows) else 0
            tokens = [_token(cols[column]) for cols in rows]
            sentences.append((tokens, to_iob2([cols[-1] for cols in rows])))
            rows.clear()

    with path.open(encoding="utf-8") as lines:
        for lineno, line in enumerate(lines, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.startswith("-DOCSTART-"):
                flush()
                continue
            cols = line.split("\t") if "\t" in line else line.split()
            while cols and not cols[-1].strip():
                cols.pop()
            cols[-1] = cols[-1].strip()
            if line.startswith("#") and (
                len(cols) < 2 or not _TAG.fullmatch(cols[-1]) or _COMMENT_KEY.match(line)
            ):
                continue
            if len(cols) < 2:
                raise UsageError(f"{path}:{lineno}: expected a token and a tag")
            _check_tag(cols[-1], path, lineno)
            rows.append(cols)
    flush()
    return sentences


# -------------------------------------------------------------------------------------- labels


def gold_label(kind: str) -> str | None:
    """PER, ORG, LOC or MISC for a gold entity type, ``None`` when it is not a name.

    Examples
    --------
    >>> [gold_label(k) for k in ("OTH", "LOCderiv", "ORGpart", "corporation", "location-city", "date")]
    ['MISC', None, None, 'ORG', 'LOC', None]
    """
    if _DERIV_PART.fullmatch(kind):
        return None
    if kind in _GOLD_EXACT:
        return _GOLD_EXACT[kind]
    low = kind.lower()
    for key in (low, low.split("-", 1)[0]):
        if key in GOLD_WORDS:
            return GOLD_WORDS[key]
    return "MISC"


def predicted_label(label: str) -> str | None:
    """PER, ORG, LOC or MISC for a model or mention label; ``None`` for DATE, MONEY, …"""
    return PREDICTED_LABELS.get(label)


def entities(tags: list[str]) -> list[tuple[int, int, str]]:
    """``(start, end, type)`` chunks of IOB2 ``tags``, with the types as written.

    Examples
    --------
    >>> entities(["B-PER", "I-PER", "O", "B-LOC", "B-LOC"])
    [(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'LOC')]
    """
    found: list[tuple[int, int, str]] = []
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and (tag == "O" or tag.startswith("B-") or tag[2:] != kind):
            found.append((start, i, kind))
            start, kind = None, None
        if tag != "O" and start is None:
            start, kind = i, tag[2:]
    return found


def gold_entities(sentences: Iterable[list[str]]) -> tuple[set[Entity], set[int]]:
    """Gold entities of consecutive sentences' tags, in running token offsets.

    Returns the mapped entities and the tokens inside ``…deriv``/``…part`` entities.
    """
    gold: set[Entity] = set()
    deriv_part: set[int] = set()
    offset = 0
    for tags in sentences:
        for start, end, kind in entities(tags):
            label = gold_label(kind)
            if label is not None:
                gold.add((offset + start, offset + end, label))
            elif _DERIV_PART.fullmatch(kind):
                deriv_part.update(range(offset + start, offset + end))
        offset += len(tags)
    return gold, deriv_part


# ------------------------------------------------------------------------------------- scoring


class LabelScore(NamedTuple):
    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int

    @classmethod
    def of(cls, tp: int, fp: int, fn: int) -> LabelScore:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(p, r, f, tp, fp, fn)


class Scores(NamedTuple):
    per_label: dict[str, LabelScore]
    overall: LabelScore
    #: False positives on tokens whose gold tag is a ``…deriv``/``…part`` tag.
    fp_deriv_part: int


def score(gold: set[Entity], predicted: set[Entity], *, deriv_part: Iterable[int] = ()) -> Scores:
    """Exact-match micro P/R/F1 of ``predicted`` against ``gold`` (same offsets, mapped labels).

    Examples
    --------
    >>> s = score({(0, 2, "PER"), (5, 6, "LOC")}, {(0, 2, "PER"), (4, 6, "LOC")})
    >>> s.overall.tp, s.overall.fp, s.overall.fn
    (1, 1, 1)
    """
    deriv_part = set(deriv_part)
    per_label = {}
    for label in sorted({e[2] for e in gold | predicted} | set(LABELS), key=_label_order):
        g = {e for e in gold if e[2] == label}
        p = {e for e in predicted if e[2] == label}
        per_label[label] = LabelScore.of(len(g & p), len(p - g), len(g - p))
    tp = sum(s.tp for s in per_label.values())
    fp = sum(s.fp for s in per_label.values())
    fn = sum(s.fn for s in per_label.values())
    on_deriv = sum(1 for e in predicted - gold if any(i in deriv_part for i in range(e[0], e[1])))
    return Scores(per_label, LabelScore.of(tp, fp, fn), on_deriv)


def _label_order(label: str) -> tuple[int, str]:
    return (LABELS.index(label) if label in LABELS else len(LABELS), label)


# ------------------------------------------------------------------------------------- running


def _batches(sentences: list[Sentence], size: int) -> Iterator[list[Sentence]]:
    for i in range(0, len(sentences), size):
        yield sentences[i : i + size]


def make_doc(vocab, batch: list[Sentence]) -> Doc:
    """One ``Doc`` of consecutive sentences' gold tokens, with their sentence starts set."""
    from spacy.tokens import Doc

    words: list[str] = []
    starts: list[bool] = []
    for tokens, _ in batch:
        words.extend(tokens)
        starts.extend([True] + [False] * (len(tokens) - 1))
    return Doc(vocab, words=words, spaces=[True] * len(words), sent_starts=starts)


#: Mentions the build derives by rule that are no named entities (offices standing for their
#: holder, capitals by description, datelines): actors, but not NER's business.
_NOT_NAMES = frozenset({"role", "rule", "dateline"})


def doc_mentions(doc: Doc, *, lang: str, index) -> set[Entity]:
    """Token spans of the mentions :func:`~actorgraph.annotate.mentions.extract` finds in ``doc``.

    A mention covering part of a token ("SOZ" in "SOZ-Gipfel") is that whole token. Mentions
    derived by rule rather than named ("der UN-Generalsekretär", "der kasachischen
    Hauptstadt") are left out.
    """
    from ..annotate.mentions import extract
    from ..records import Document, OffsetMap

    text = doc.text
    document = Document(
        id="eval-ner",
        path="",
        text_raw=text,
        text=text,
        offsets=OffsetMap.identity(len(text)),
        language=lang,
    )
    # extract returns (sentences, mentions, ...); only the mentions are scored.
    mentions = extract(document, [(0, doc)], lang=lang, index=index)[1]
    starts = [token.idx for token in doc]
    found: set[Entity] = set()
    for mention in mentions:
        if mention.source in _NOT_NAMES:
            continue
        label = predicted_label(mention.label)
        if label is None or mention.end <= mention.start:
            continue
        first = bisect_right(starts, mention.start) - 1
        last = bisect_right(starts, mention.end - 1) - 1
        found.add((max(first, 0), last + 1, label))
    return found


def model_entities(doc: Doc) -> set[Entity]:
    """Token spans of ``doc.ents`` with mapped labels."""
    return {
        (ent.start, ent.end, label) for ent in doc.ents if (label := predicted_label(ent.label_)) is not None
    }


class NerReport(NamedTuple):
    per_label: dict[str, LabelScore]
    precision: float
    recall: float
    f1: float
    words: int
    seconds: float
    words_per_second: float
    sentences: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fp_deriv_part: int = 0
    model: str = ""
    mode: str = "default"
    data: str = ""
    lang: str = ""


def _describe(info, nlp: Language) -> str:
    if info.kind == "rules":
        return f"rules-{info.lang} (no model)"
    meta = nlp.meta
    name = meta.get("name", "")
    if not name.startswith(f"{meta.get('lang', info.lang)}_"):
        name = f"{meta.get('lang', info.lang)}_{name}"
    return f"{name} {meta.get('version', '')} ({info.kind}: {info.source})"


def read(path: str | Path, fmt: str) -> list[Sentence]:
    """Sentences of ``path`` in ``fmt`` (``conll`` or ``germeval``)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(MISSING_INPUT.format(path=path))
    if fmt == "germeval":
        return read_germeval(path)
    if fmt == "conll":
        return read_conll(path)
    raise UsageError(f"unknown format '{fmt}' (choose from conll, germeval)")


def evaluate_ner(
    path: str | Path,
    *,
    lang: str,
    fmt: str = "conll",
    model_only: bool = False,
    models: str = "bundled",
    limit: int | None = None,
) -> NerReport:
    """Run the ``lang`` pipeline over the gold tokens of ``path`` and score its entities."""
    from ..annotate.registry import assemble, choose_pipeline
    from ..kbindex import default_index

    sentences = read(path, fmt)
    if limit is not None:
        sentences = sentences[:limit]
    info = choose_pipeline(lang, models=models)
    if info is None:
        raise UsageError(f"unknown language '{lang}' (choose from de, en)")
    index = default_index()
    nlp = info.load_model() if model_only else assemble(info, index)
    docs = [make_doc(nlp.vocab, batch) for batch in _batches(sentences, SENTENCES_PER_DOC)]

    predicted: set[Entity] = set()
    offset = 0
    started = time.perf_counter()
    for doc in nlp.pipe(docs, batch_size=8):
        found = model_entities(doc) if model_only else doc_mentions(doc, lang=lang, index=index)
        predicted.update((offset + s, offset + e, label) for s, e, label in found)
        offset += len(doc)
    seconds = time.perf_counter() - started

    gold, deriv_part = gold_entities(tags for _, tags in sentences)
    scores = score(gold, predicted, deriv_part=deriv_part)
    words = sum(len(tokens) for tokens, _ in sentences)
    overall = scores.overall
    return NerReport(
        per_label=scores.per_label,
        precision=overall.precision,
        recall=overall.recall,
        f1=overall.f1,
        words=words,
        seconds=seconds,
        words_per_second=words / seconds if seconds > 0 else 0.0,
        sentences=len(sentences),
        tp=overall.tp,
        fp=overall.fp,
        fn=overall.fn,
        fp_deriv_part=scores.fp_deriv_part,
        model=_describe(info, nlp),
        mode="model-only" if model_only else "default",
        data=str(path),
        lang=lang,
    )


def format_report(report: NerReport) -> str:
    """A plain-text table; the last line is ``overall P=0.812 R=0.790 F1=0.801``."""
    lines = [
        f"data: {report.data}",
        f"lang: {report.lang}  mode: {report.mode}  model: {report.model}",
        f"sentences: {report.sentences}  words: {report.words}  seconds: {report.seconds:.1f}  "
        f"words/s: {report.words_per_second:.0f}",
        "",
        f"{'label':<6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6} {'tp':>6}",
    ]
    for label, s in report.per_label.items():
        lines.append(
            f"{label:<6} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
            f"{s.tp + s.fn:6d} {s.tp + s.fp:6d} {s.tp:6d}"
        )
    lines.append(
        f"{'all':<6} {report.precision:6.3f} {report.recall:6.3f} {report.f1:6.3f} "
        f"{report.tp + report.fn:6d} {report.tp + report.fp:6d} {report.tp:6d}"
    )
    if report.fp_deriv_part:
        lines.append(f"false positives on …deriv/…part gold tokens: {report.fp_deriv_part}")
    lines.append(f"overall P={report.precision:.3f} R={report.recall:.3f} F1={report.f1:.3f}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------ CLI


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``eval-ner``'s arguments to ``parser``."""
    parser.add_argument("data", metavar="DATA", help="labelled file (CoNLL columns or GermEval TSV)")
    parser.add_argument("--lang", required=True, choices=("de", "en"), help="language of the data")
    parser.add_argument(
        "--format", dest="format", choices=("conll", "germeval"), default="conll", help="file format"
    )
    parser.add_argument(
        "--model-only",
        action="store_true",
        help="score the bare model's entities (no KB ruler, title rules or span trimming)",
    )
    parser.add_argument("--models", choices=("auto", "bundled"), default="bundled", help="which pipeline")
    parser.add_argument("--limit", type=_positive, metavar="N", help="only the first N sentences")


def run(args: argparse.Namespace) -> int:
    """Evaluate and print the report; 0 on success."""
    report = evaluate_ner(
        args.data,
        lang=args.lang,
        fmt=args.format,
        model_only=args.model_only,
        models=args.models,
        limit=args.limit,
    )
    print(format_report(report))
    return 0
