"""``actorgraph eval-ner``: readers, label mapping, scoring, report, and the English span fixes."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from actorgraph.errors import InputError, UsageError
from actorgraph.evaluate import ner
from actorgraph.evaluate.ner import (
    NerReport,
    doc_mentions,
    entities,
    evaluate_ner,
    format_report,
    gold_entities,
    gold_label,
    make_doc,
    predicted_label,
    read_conll,
    read_germeval,
    score,
    to_iob2,
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------------------- readers


def test_iob1_to_iob2():
    assert to_iob2(["I-PER", "I-PER", "B-PER", "I-PER", "O", "I-LOC", "I-ORG"]) == [
        "B-PER",
        "I-PER",
        "B-PER",
        "I-PER",
        "O",
        "B-LOC",
        "B-ORG",
    ]


def test_iob2_unchanged_and_bioes_converted():
    tags = ["B-PER", "I-PER", "O", "B-LOC", "B-LOC"]
    assert to_iob2(tags) == tags
    assert to_iob2(["S-ORG", "B-PER", "I-PER", "E-PER", "S-PER", "I-PER"]) == [
        "B-ORG",
        "B-PER",
        "I-PER",
        "I-PER",
        "B-PER",
        "B-PER",
    ]


def test_read_conll_iob1_two_columns(tmp_path):
    path = _write(
        tmp_path,
        "wikigold.txt",
        "-DOCSTART- O\n\n010 I-MISC\nis O\nby O\nJohn I-PER\nSmith I-PER\nMary B-PER\n\n"
        "In O\nNew I-LOC\nYork I-LOC\n",
    )
    assert read_conll(path) == [
        (["010", "is", "by", "John", "Smith", "Mary"], ["B-MISC", "O", "O", "B-PER", "I-PER", "B-PER"]),
        (["In", "New", "York"], ["O", "B-LOC", "I-LOC"]),
    ]


def test_read_conll_iob2_extra_columns_last_is_tag(tmp_path):
    # EuroParl / MobIE shape: token, lemma or POS, chunk tag, NER tag.
    path = _write(
        tmp_path,
        "europarl.tsv",
        "Frau\tFrau\tNN\tI-NC\tO\nMerkel\tMerkel\tNE\tI-NC\tB-PER\n\n"
        "-DOCSTART- -123- O O\n\nRT\tNN\tI-NN\tO\n@DB_Bahn\tNN\tI-NN\tB-organization-company\n",
    )
    assert read_conll(path) == [
        (["Frau", "Merkel"], ["O", "B-PER"]),
        (["RT", "@DB_Bahn"], ["O", "B-organization-company"]),
    ]


def test_read_conll_index_column_and_comments(tmp_path):
    path = _write(
        tmp_path,
        "wikiann.conllu",
        "# sent_id = 1\n# text = Katja Kipping spricht\n0\tKatja\tB-PER\n1\tKipping\tI-PER\n2\tspricht\tO\n\n"
        "1\t2\tO\n2\tMänner\tO\n3\tin\tO\n4\tBerlin\tB-LOC\n",
    )
    assert read_conll(path) == [
        (["Katja", "Kipping", "spricht"], ["B-PER", "I-PER", "O"]),
        (["2", "Männer", "in", "Berlin"], ["O", "O", "O", "B-LOC"]),
    ]


def test_read_conll_keeps_hashtag_tokens(tmp_path):
    path = _write(tmp_path, "btc.conll", "#BREAKING O\nMALAYSIA B-ORG\nAIRLINES I-ORG\n#MH17 O\n# O\n")
    assert read_conll(path) == [
        (["#BREAKING", "MALAYSIA", "AIRLINES", "#MH17", "#"], ["O", "B-ORG", "I-ORG", "O", "O"])
    ]


def test_read_conll_rejects_a_line_without_a_tag(tmp_path):
    path = _write(tmp_path, "bad.conll", "Berlin B-LOC\nliegt\n")
    with pytest.raises(UsageError, match=r"bad\.conll:2"):
        read_conll(path)


def test_read_germeval_outer_column_comments_and_deriv(tmp_path):
    path = _write(
        tmp_path,
        "germeval.tsv",
        "#\thttp://de.wikipedia.org/wiki/Beispiel [2009-10-17]\n"
        "1\tDie\tO\tO\n2\tdeutsche\tB-LOCderiv\tO\n3\tBundesbank\tB-ORG\tB-LOCpart\n"
        "4\tin\tO\tO\n5\tFrankfurt\tB-LOC\tO\n6\tam\tI-LOC\tO\n7\tMain\tI-LOC\tO\n\n"
        "# http://example.org\n1\tSOZ-Gipfel\tB-ORGpart\tO\n2\tvon\tO\tO\n3\tEcce\tB-OTH\tO\n4\thomo\tI-OTH\tO\n",
    )
    sentences = read_germeval(path)
    assert sentences == [
        (
            ["Die", "deutsche", "Bundesbank", "in", "Frankfurt", "am", "Main"],
            ["O", "B-LOCderiv", "B-ORG", "O", "B-LOC", "I-LOC", "I-LOC"],
        ),
        (["SOZ-Gipfel", "von", "Ecce", "homo"], ["B-ORGpart", "O", "B-OTH", "I-OTH"]),
    ]
    gold, deriv_part = gold_entities(tags for _, tags in sentences)
    assert gold == {(2, 3, "ORG"), (4, 7, "LOC"), (9, 11, "MISC")}
    assert deriv_part == {1, 7}


# ---------------------------------------------------------------------------------------- labels


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("PER", "PER"),
        ("OTH", "MISC"),
        ("MISC", "MISC"),
        ("LOCderiv", None),
        ("ORGpart", None),
        ("LOCDERIV", None),
        ("person", "PER"),
        ("Organisation", "ORG"),
        ("corporation", "ORG"),
        ("group", "ORG"),
        ("geo-loc", "LOC"),
        ("location-city", "LOC"),
        ("organization-company", "ORG"),
        ("creative-work", "MISC"),
        ("Weapon", "MISC"),
        ("date", None),
        ("Temporal", None),
    ],
)
def test_gold_labels(kind, label):
    assert gold_label(kind) == label


@pytest.mark.parametrize(
    ("label", "mapped"),
    [
        ("PERSON", "PER"),
        ("PER", "PER"),
        ("ORG", "ORG"),
        ("GPE", "LOC"),
        ("FAC", "LOC"),
        ("NORP", "MISC"),
        ("WORK_OF_ART", "MISC"),
        ("OTH", "MISC"),
        ("DATE", None),
        ("CARDINAL", None),
    ],
)
def test_predicted_labels(label, mapped):
    assert predicted_label(label) == mapped


# --------------------------------------------------------------------------------------- scoring


def test_exact_span_and_type():
    gold = {(0, 2, "PER"), (5, 6, "LOC"), (8, 9, "ORG")}
    predicted = {(0, 2, "PER"), (5, 6, "ORG"), (8, 9, "ORG")}
    s = score(gold, predicted)
    assert (s.overall.tp, s.overall.fp, s.overall.fn) == (2, 1, 1)
    assert s.per_label["PER"].f1 == 1.0
    assert (s.per_label["LOC"].tp, s.per_label["LOC"].fn) == (0, 1)
    assert (s.per_label["ORG"].tp, s.per_label["ORG"].fp) == (1, 1)
    assert s.overall.precision == pytest.approx(2 / 3)
    assert s.overall.recall == pytest.approx(2 / 3)


def test_partial_overlaps_are_errors():
    gold = set(entities(["B-PER", "I-PER", "I-PER", "O", "B-ORG", "I-ORG"]))
    gold = {(s, e, k) for s, e, k in gold}
    predicted = {(1, 3, "PER"), (3, 6, "ORG")}  # too short, too long
    s = score(gold, predicted)
    assert (s.overall.tp, s.overall.fp, s.overall.fn) == (0, 2, 2)
    assert s.overall.f1 == 0.0


def test_prediction_on_deriv_or_part_token_is_a_false_positive():
    tags = [["O", "B-LOCderiv", "B-ORG", "O", "B-ORGpart", "O"]]
    gold, deriv_part = gold_entities(tags)
    assert gold == {(2, 3, "ORG")}
    # "SOZ" found inside the token "SOZ-Gipfel" (ORGpart) and "deutsche" (LOCderiv) tagged MISC.
    s = score(gold, {(2, 3, "ORG"), (4, 5, "ORG"), (1, 2, "MISC")}, deriv_part=deriv_part)
    assert (s.overall.tp, s.overall.fp, s.overall.fn) == (1, 2, 0)
    assert s.fp_deriv_part == 2


def test_empty_scores_are_zero():
    s = score(set(), set())
    assert s.overall.f1 == 0.0
    assert list(s.per_label) == ["PER", "ORG", "LOC", "MISC"]


# ---------------------------------------------------------------------------------------- report


def _report(**overrides) -> NerReport:
    s = score({(0, 1, "PER"), (2, 3, "LOC")}, {(0, 1, "PER"), (2, 3, "ORG")})
    fields = dict(
        per_label=s.per_label,
        precision=0.8124,
        recall=0.79,
        f1=0.80105,
        words=1000,
        seconds=2.0,
        words_per_second=500.0,
        tp=1,
        fp=1,
        fn=1,
    )
    fields.update(overrides)
    return NerReport(**fields)


def test_report_last_line():
    text = format_report(_report())
    assert text.splitlines()[-1] == "overall P=0.812 R=0.790 F1=0.801"
    assert re.fullmatch(r"overall P=\d\.\d{3} R=\d\.\d{3} F1=\d\.\d{3}", text.splitlines()[-1])
    assert "PER" in text and "words/s: 500" in text


def test_arguments_and_missing_file(tmp_path):
    parser = argparse.ArgumentParser()
    ner.add_arguments(parser)
    args = parser.parse_args([str(tmp_path / "missing.conll"), "--lang", "en", "--limit", "5"])
    assert (args.format, args.models, args.model_only, args.limit) == ("conll", "bundled", False, 5)
    with pytest.raises(SystemExit):
        parser.parse_args(["x.conll"])  # --lang is required
    with pytest.raises(InputError, match=r"missing\.conll"):
        ner.run(args)


# ----------------------------------------------------------------------------- English span fixes

_BLANK = spacy.blank("en")


def _mentions(sentence: str, ents: list[tuple[int, int, str]], lang: str = "en"):
    """``extract``'s mentions of a Doc of ``sentence``'s words whose entities are set by hand (no model)."""
    from actorgraph.annotate.mentions import extract
    from actorgraph.kbindex import default_index
    from actorgraph.records import Document, OffsetMap

    words = sentence.split(" ")
    doc = Doc(_BLANK.vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    document = Document("t", "", doc.text, doc.text, OffsetMap.identity(len(doc.text)))
    mentions = extract(document, [(0, doc)], lang=lang, index=default_index())[1]
    return [(m.text, m.label, m.role) for m in mentions], doc


def test_determiner_and_possessive_trimmed():
    found, doc = _mentions("the Kazakh Foreign Ministry 's press service", [(0, 5, "ORG")])
    assert found == [("Kazakh Foreign Ministry", "ORG", None)]
    assert doc_mentions(doc, lang="en", index=_index()) == {(1, 4, "ORG")}


def test_attached_possessive_trimmed():
    found, _ = _mentions("Tokayev's visit", [(0, 1, "PERSON")])
    assert found == [("Tokayev", "PERSON", None)]


def test_title_inside_person_span_becomes_role():
    found, doc = _mentions("President Tokayev said", [(0, 2, "PERSON")])
    assert found == [("Tokayev", "PERSON", "President")]
    assert doc_mentions(doc, lang="en", index=_index()) == {(1, 2, "PER")}
    found, _ = _mentions("Kazakh Foreign Minister Mukhtar Tileuberdi said", [(0, 5, "PERSON")])
    assert found == [("Mukhtar Tileuberdi", "PERSON", "Kazakh Foreign Minister")]


def test_compound_part_maps_to_its_token():
    found, doc = _mentions("der SOZ-Gipfel begann", [], lang="de")
    assert found == [("SOZ", "ORG", None)]
    assert doc_mentions(doc, lang="de", index=_index()) == {(1, 2, "ORG")}


def test_organisation_before_title_inside_person_span():
    found, _ = _mentions("UN Secretary-General António Guterres spoke", [(0, 4, "PERSON")])
    assert found == [("António Guterres", "PERSON", "UN Secretary-General")]


def test_split_hyphenated_title_inside_person_span():
    found, _ = _mentions("Secretary - General António Guterres spoke", [(0, 5, "PERSON")])
    assert found == [("António Guterres", "PERSON", "Secretary - General")]  # role text as the doc spells it


def _index():
    from actorgraph.kbindex import default_index

    return default_index()


# ------------------------------------------------------------------------------ with the model


@pytest.mark.slow
def test_default_mode_span_fixes_with_the_english_model():
    from actorgraph.annotate.registry import assemble, choose_pipeline

    index = _index()
    nlp = assemble(choose_pipeline("en", models="bundled"), index)

    def found(sentence: str) -> set[tuple[str, str]]:
        words = sentence.split()
        doc = next(nlp.pipe([make_doc(nlp.vocab, [(words, ["O"] * len(words))])]))
        return {(doc[s:e].text, label) for s, e, label in doc_mentions(doc, lang="en", index=index)}

    assert ("Kazakh Foreign Ministry", "ORG") in found("the Kazakh Foreign Ministry 's press service said .")
    assert ("António Guterres", "PER") in found("UN Secretary-General António Guterres arrived in Astana .")
    assert ("Tokayev", "PER") in found("President Tokayev said the talks were useful .")


@pytest.mark.slow
def test_evaluate_ner_end_to_end(tmp_path):
    sentence = "Angela I-PER\nMerkel I-PER\nvisited O\nParis I-LOC\non O\nMonday O\n. O\n\n"
    path = _write(tmp_path, "tiny.conll", sentence * 30)
    for model_only in (False, True):
        report = evaluate_ner(path, lang="en", fmt="conll", model_only=model_only, limit=20)
        assert report.sentences == 20
        assert report.words == 20 * 7
        assert report.tp + report.fn == 40
        assert report.words_per_second > 0
        assert report.mode == ("model-only" if model_only else "default")
        assert "en_core_web_sm" in report.model
        assert re.fullmatch(
            r"overall P=\d\.\d{3} R=\d\.\d{3} F1=\d\.\d{3}", format_report(report).splitlines()[-1]
        )
