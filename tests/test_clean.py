"""Cleaning: boilerplate by shape (tested on adverts that are not in the corpus), homoglyphs, offsets."""

from __future__ import annotations

import re
import unicodedata

from actorgraph.clean import clean, find_repeated_lines
from actorgraph.records import Document

BODY = (
    "Der Außenminister von Usbekistan traf am Dienstag in Taschkent seinen Amtskollegen aus Kirgisistan. "
    "Beide Seiten vereinbarten, die Zusammenarbeit im Wasserbereich deutlich zu vertiefen."
)
BODY2 = "Die Gespräche sollen im Herbst in Bischkek fortgesetzt werden, teilte das Ministerium am Abend mit."


def cleaned(text: str, **kw) -> str:
    return clean(Document("d", "d.txt", text), language="de", **kw).text


def test_adverts_after_the_body_are_dropped():
    text = "\n\n".join(
        [
            "Usbekistan",
            "Minister vereinbaren Wasserkooperation",
            BODY,
            BODY2,
            "Autohaus Meier Bremen",
            "Bestattungen Krause",
            "Sonnenstudio Paradies Zwickau",
        ]
    )
    out = cleaned(text)
    assert "Autohaus" not in out and "Bestattungen" not in out and "Sonnenstudio" not in out
    assert out.startswith("Minister vereinbaren Wasserkooperation")
    assert BODY in out and BODY2 in out


def test_prompts_disclaimers_and_contact_blocks_are_dropped():
    text = "\n".join(
        [
            "Folgen Sie uns auf Facebook",
            "Teilen:",
            BODY,
            "Diesen Artikel teilen",
            BODY2,
            "Die in Gastbeiträgen geäußerten Meinungen spiegeln nicht unbedingt die Haltung der Redaktion.",
            "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten.",
            "Pressekontakt:",
            "Agentur Nordlicht",
            "T: +49 30 1234567",
            "presse@nordlicht.example",
        ]
    )
    out = cleaned(text)
    for junk in ("Folgen Sie", "Teilen", "Meinungen", "Cookies", "Nordlicht", "+49", "@"):
        assert junk not in out, junk
    assert BODY in out and BODY2 in out


def test_english_prompts():
    text = "\n".join(
        ["Share this article", BODY, "Leave a comment", "Your email address will not be published."]
    )
    doc = clean(Document("d", "d.txt", text), language="en")
    assert doc.text == BODY


def test_lines_repeated_across_the_corpus_are_dropped():
    texts = [f"Newsletter abonnieren und gewinnen\n{BODY} Nummer {i}." for i in range(6)]
    repeated = find_repeated_lines(texts)
    assert "newsletter abonnieren und gewinnen" in repeated
    assert "Newsletter" not in cleaned(texts[0], repeated=repeated)


def test_cyrillic_conjunction_and_lookalikes_are_repaired_with_offsets():
    raw = (
        "Kasachstan investiert in Wasser- и Umweltsicherheit и setzt auf Vertrauen и Dialog "
        "mit Kаsachstans Nachbarn."
    )
    doc = clean(Document("d", "d.txt", raw), language="de")
    assert "и" not in doc.text and "Wasser- und Umweltsicherheit und setzt" in doc.text
    assert "Kasachstans" in doc.text  # the Cyrillic а inside the word is now Latin
    for match in re.finditer(r"[A-Za-zÄÖÜäöüß]+", doc.text):
        start, end = doc.raw_span(match.start(), match.end())
        if match.group() != "und":
            assert unicodedata.normalize("NFKC", raw[start:end]).replace("а", "a") == match.group()


def test_nfc_normalisation_keeps_offsets():
    raw = (
        "Die Präsidentin von Portugal traf Anto\u0301nio Guterres am Montag zu langen Gesprächen in Lissabon."
    )
    doc = clean(Document("d", "d.txt", raw), language="de")
    assert "António" in doc.text and unicodedata.is_normalized("NFC", doc.text)
    i = doc.text.index("Guterres")
    assert raw[slice(*doc.raw_span(i, i + len("Guterres")))] == "Guterres"


def test_spacing_inside_a_line_is_one_space_and_keeps_offsets():
    """The tokenizer makes a token of a run of spaces, which cut "Stavros  Theodorakis" in two."""
    raw = "Am Montag erklärte Stavros  Theodorakis\tin Athen,\u00a0die Partei werde dem Abkommen zustimmen."
    doc = clean(Document("d", "d.txt", raw), language="de")
    assert "Stavros Theodorakis in Athen, die Partei" in doc.text
    i = doc.text.index("Theodorakis")
    assert raw[slice(*doc.raw_span(i - 8, i + len("Theodorakis")))] == "Stavros  Theodorakis"


def test_header_title_kept_header_keys_dropped():
    raw = " date 2024-07 Besuch in Astana\n\n" + BODY
    doc = Document("d", "d.txt", raw, meta=(("body_start", 31), ("title_span", (14, 30))))
    out = clean(doc, language="de").text
    assert out.startswith("Besuch in Astana\n\n") and "2024" not in out


def test_enough_words_is_told_without_counting_them_all():
    import random

    from actorgraph.clean import _has_words, _word_count

    rng = random.Random(7)
    words = ["a", "bb", "x-y", "...", "!", "word.", "Ünïcode", "it's", " "]
    for _ in range(2000):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(0, 20)))
        for n in (1, 2, 8, 12):
            assert _has_words(text, n) == (_word_count(text) >= n), (text, n)


SPEECH = (
    "It gives me great pleasure to congratulate the President on his \n"
    "election to the presidency of the General Assembly at its sixty-\n"
    "ninth session. I thank Secretary-General Ban Ki-moon and the \n"
    "United \n"
    "Nations for their work over the past year in many regions of the \n"
    "world, and I express our support to the Secretary-General and to \n"
    "the Organization in all that lies ahead of us in the coming years.\n"
    "\n"
    "Afghanistan has achieved a significant milestone with the successful \n"
    "conclusion of its presidential elections, including the recount of \n"
    "the votes, and the new President will be sworn in on 29 September.\n"
)


def test_a_hard_wrapped_text_is_read_in_paragraphs():
    """Speeches and PDF exports break lines at a printed width: a line is no paragraph there,
    so a name broken over two lines stays one ("United Nations") and no short line is dropped."""
    doc = clean(Document("d", "d.txt", SPEECH), language="en")
    first, second = doc.text.split("\n\n")
    assert first.startswith("It gives me great pleasure to congratulate the President on his election")
    assert "at its sixty-ninth session. I thank" in first
    assert "the United Nations for their work" in first
    assert second.startswith("Afghanistan has achieved")
    start = doc.text.index("United Nations")
    raw_start, raw_end = doc.raw_span(start, start + len("United Nations"))
    assert SPEECH[raw_start:raw_end] == "United \nNations"


def test_lines_of_a_text_with_one_paragraph_per_line_stay_apart():
    """A headline and list items end without a full stop; they are not wrapped lines. A line
    that stops in mid-sentence and goes on in lower case is one paragraph broken in two."""
    items = "\n".join(f"- Increased spending on item number {n} to several billion rupees" for n in range(6))
    text = f"Budget boosts spending on health and education\n{items}\n{BODY}\n{BODY2}"
    lines = cleaned(text).split("\n\n")
    assert lines[0] == "Budget boosts spending on health and education"
    assert len(lines) == 9
    cut = BODY2.index(" fortgesetzt")
    broken = f"{BODY}\n{BODY2[:cut]}\n{BODY2[cut + 1 :]}"
    assert cleaned(broken).split("\n\n") == [BODY, BODY2]
