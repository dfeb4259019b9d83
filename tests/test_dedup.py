"""Near-duplicate articles: copies and rewrites are flagged, different articles are not."""

from __future__ import annotations

import random

import numpy as np
import pytest

from actorgraph import dedup
from actorgraph.dedup import DuplicateFinder, document_signature, find_duplicates, shingle_hashes
from actorgraph.records import Document

SUMMIT = [
    "Astana, 3 July 2024. The heads of state of the Shanghai Cooperation Organisation gathered in the "
    "Kazakh capital on Wednesday for a two-day summit that President Kassym-Jomart Tokayev described "
    "as a turning point for regional security and trade across Central Asia.",
    "Chinese President Xi Jinping arrived on Tuesday evening and was received at the airport by the "
    "Kazakh prime minister. Russian President Vladimir Putin landed a few hours later, his first trip "
    "to the region since the spring, and went directly to a bilateral meeting at the Akorda palace.",
    "The delegations are expected to sign a declaration on counter-terrorism cooperation, a roadmap "
    "for new railway corridors between the Caspian Sea and the Chinese border, and an agreement that "
    "admits Belarus as the organisation's tenth full member after years of observer status.",
    "United Nations Secretary-General António Guterres addressed the plenary session by video link and "
    "called on the member states to keep water sharing on the agenda, warning that shrinking glaciers "
    "in the Pamir and Tian Shan mountains threaten the livelihoods of millions of farmers downstream.",
    "Observers in the Kazakh press noted that the host country has tried to balance its relations with "
    "Moscow, Beijing and Western capitals, and that the summit gave Tokayev a stage to present Astana "
    "as a neutral venue for talks that other governments in the region are reluctant to host.",
    "The summit ends on Thursday with a joint press conference. The next meeting of the heads of state "
    "will be held in China next year, the secretariat said in a short statement published on its "
    "website after the closing session, which was held behind closed doors.",
    "Security in the capital was tight throughout the week. Several central streets were closed to "
    "traffic, schools in the government district moved lessons online, and the city authorities asked "
    "residents to avoid the left bank of the Ishim river during the arrival of the delegations.",
    "Business leaders who travelled with the delegations used the occasion to announce investments in "
    "logistics, mining and renewable energy. A Chinese consortium confirmed plans for a wind farm in the "
    "south of the country, and a Russian bank said it would open a branch in Almaty before the winter.",
    "Human rights groups criticised the organisation for ignoring the situation of journalists and "
    "activists in several member states, and asked the participating governments to release those "
    "detained for their reporting. The secretariat did not respond to a request for comment.",
]

OTHER = [
    "Astana, 4 July 2024. Leaders of the Shanghai Cooperation Organisation ended their meeting in the "
    "Kazakh capital on Thursday without agreeing on a common position on the war in Ukraine, according "
    "to diplomats from two delegations who spoke on condition of anonymity.",
    "Indian Prime Minister Narendra Modi stayed away from the gathering and sent his foreign minister "
    "instead, a decision that analysts in New Delhi linked to the tense border dispute with China and "
    "to the parliamentary session that kept the prime minister at home this week.",
    "Kazakhstan's foreign ministry published the final communique late in the evening. It praises "
    "economic ties, mentions energy security twice and asks the secretariat to prepare a study on a "
    "common development bank, an idea that has been discussed without result for more than a decade.",
    "Several Central Asian governments used the sidelines of the summit to sign bilateral deals on "
    "electricity exports, while Turkish and Iranian officials, attending as guests, held separate "
    "talks with the host about freight routes crossing the Caspian Sea by ferry.",
    "Critics of the organisation argue that it remains a forum for declarations rather than action, "
    "pointing to the long list of projects announced at earlier meetings that were never financed. "
    "Supporters answer that the regular meetings themselves keep channels open between rival powers.",
]

BOILERPLATE = [
    "Steppe Post | Politics",
    "Share this article",
    "Copyright 2024 Steppe Post Media. All rights reserved.",
    "Subscribe to our newsletter",
]


def doc(doc_id: str, body: str, **kwargs) -> Document:
    kwargs.setdefault("text", body)
    return Document(id=doc_id, path=f"{doc_id}.txt", text_raw=body, **kwargs)


def article(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def rewritten() -> str:
    """The summit story as a second outlet runs it: boilerplate around it, some words changed."""
    text = article(SUMMIT)
    for old, new in [
        ("Wednesday", "Wed"),
        ("gathered", "met"),
        ("shrinking", "melting"),
        ("short statement", "brief note"),
    ]:
        assert old in text
        text = text.replace(old, new, 1)
    return "\n".join(BOILERPLATE[:2]) + "\n\n" + text + "\n\n" + "\n".join(BOILERPLATE[2:])


def shuffled() -> str:
    order = [3, 0, 5, 8, 2, 7, 1, 6, 4]
    return article([SUMMIT[i] for i in order])


def corpus() -> list[Document]:
    return [
        doc("000_summit", article(SUMMIT)),
        doc("001_copy", article(SUMMIT)),
        doc("002_rewrite", rewritten()),
        doc("003_shuffled", shuffled()),
        doc("004_other", article(OTHER)),
        doc("005_other_copy_of_nothing", article(OTHER[:2] + SUMMIT[4:5])),
    ]


def test_copies_and_rewrites_point_to_the_original():
    found = find_duplicates(corpus())
    assert found["001_copy"] == "000_summit"
    assert found["002_rewrite"] == "000_summit"
    assert found["003_shuffled"] == "000_summit"


def test_different_articles_on_the_same_topic_are_not_flagged():
    found = find_duplicates(corpus())
    assert "004_other" not in found and "005_other_copy_of_nothing" not in found
    assert "000_summit" not in found  # the original is never a key
    assert set(found) == {"001_copy", "002_rewrite", "003_shuffled"}


def test_the_original_is_the_smallest_id_whatever_the_order():
    docs = corpus()
    forward = find_duplicates(docs)
    backward = find_duplicates(list(reversed(docs)))
    assert forward == backward
    renamed = [doc("zzz", article(SUMMIT)), doc("aaa", rewritten())]
    assert find_duplicates(renamed) == {"zzz": "aaa"}


def test_rewrite_estimate_is_close_to_the_true_jaccard():
    a, b = shingle_hashes(article(SUMMIT)), shingle_hashes(rewritten())
    true = len(np.intersect1d(a, b)) / len(np.union1d(a, b))
    perm_a, perm_b = dedup._permutations(256)
    sa = dedup.minhash_signature(a, perm_a, perm_b)
    sb = dedup.minhash_signature(b, perm_a, perm_b)
    assert abs(float(np.mean(sa == sb)) - true) < 0.1
    assert true > 0.7


def test_threshold_decides():
    docs = [doc("a", article(SUMMIT)), doc("b", rewritten())]
    assert find_duplicates(docs, threshold=0.99) == {}
    assert find_duplicates(docs, threshold=0.5) == {"b": "a"}


def test_skipped_and_empty_documents_are_ignored():
    docs = [
        doc("a", article(SUMMIT)),
        doc("b", article(SUMMIT), skipped=True, skip_reason="empty article"),
        doc("c", "", text=""),
        doc("d", " ... ", text=""),
    ]
    assert find_duplicates(docs) == {}


def test_clean_text_is_preferred_and_raw_text_is_the_fallback():
    raw_only = Document(id="b", path="b.txt", text_raw=article(SUMMIT))
    assert find_duplicates([doc("a", article(SUMMIT)), raw_only]) == {"b": "a"}
    clean_differs = Document(id="c", path="c.txt", text_raw=article(SUMMIT), text=article(OTHER))
    assert find_duplicates([doc("a", article(SUMMIT)), clean_differs]) == {}


def test_normalisation_lowercase_and_nfkc():
    text = article(SUMMIT)
    shouting = text.upper().replace("A", "\uff21")  # fullwidth A folds to A under NFKC
    assert find_duplicates([doc("a", text), doc("b", shouting)]) == {"b": "a"}


def test_transitive_clusters_share_one_original():
    base = article(SUMMIT)
    docs = [doc("c", base), doc("b", rewritten()), doc("a", shuffled()), doc("d", base)]
    assert find_duplicates(docs) == {"b": "a", "c": "a", "d": "a"}


def test_deterministic_and_process_independent():
    # Fixed values: hashing must not depend on PYTHONHASHSEED or the process.
    first = shingle_hashes("the heads of state met in astana", 5)
    assert first.tolist() == shingle_hashes("The heads of state met in Astana", 5).tolist()
    a1, b1 = dedup._permutations(128)
    a2, b2 = dedup._permutations(128)
    assert np.array_equal(a1, a2) and np.array_equal(b1, b2)
    results = {tuple(sorted(find_duplicates(corpus()).items())) for _ in range(3)}
    assert len(results) == 1


def test_invalid_parameters():
    with pytest.raises(ValueError):
        find_duplicates([], num_perm=100, bands=32)
    with pytest.raises(ValueError):
        find_duplicates([], threshold=0)
    with pytest.raises(ValueError):
        find_duplicates([], shingle=0)


def test_many_random_documents_are_banded_not_compared_all_against_all(monkeypatch):
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(5000)]
    docs = [doc(f"{i:05d}", " ".join(rng.choices(vocabulary, k=300))) for i in range(2000)]
    # Three planted copies among them.
    docs += [doc("10000", docs[5].text), doc("10001", docs[500].text), doc("10002", docs[500].text)]
    comparisons = 0
    original_mean = np.mean

    def counting_mean(*args, **kwargs):
        nonlocal comparisons
        comparisons += 1
        return original_mean(*args, **kwargs)

    monkeypatch.setattr(dedup.np, "mean", counting_mean)
    found = find_duplicates(docs)
    assert found == {"10000": "00005", "10001": "00500", "10002": "00500"}
    # All-pairs would be about two million comparisons; banding leaves a handful.
    assert comparisons < 1000


def test_a_signature_made_by_the_worker_equals_the_finders_own():
    base = "Der Präsident traf den Generalsekretär in Astana zu Gesprächen über Wasser und Energie."
    docs = [
        Document("a", "a.txt", base),
        Document("b", "b.txt", base + " Ein Satz mehr."),
        Document("c", "c.txt", "Etwas ganz anderes steht hier, mit genug Wörtern für ein paar Schindeln."),
        Document("d", "d.txt", "…"),
    ]
    by_text, by_signature = DuplicateFinder(), DuplicateFinder()
    for doc in docs:
        by_text.add(doc)
        by_signature.add(doc, document_signature(doc))
    assert document_signature(docs[3]) == b""
    assert by_signature.duplicates() == by_text.duplicates() == {"b": "a"}
    assert by_signature.signature("d") is None and by_text.signature("d") is None
    for d in docs[:3]:
        assert by_signature.signature(d.id).tolist() == by_text.signature(d.id).tolist()
        assert len(by_signature.signature(d.id)) == 128


def _reference_duplicates(rows: dict[str, np.ndarray], *, bands: int, threshold: float) -> dict[str, str]:
    """Duplicates from signatures held one array per document, their distinct rows collected by
    their bytes in first-seen order and widened to 64 bits: the finder's result must not change
    with how it stores and numbers them."""
    ids = sorted(rows)
    first_of: dict[bytes, int] = {}
    same_as: list[int] = []
    unique_rows: list[np.ndarray] = []
    for doc_id in ids:
        key = rows[doc_id].tobytes()
        if key not in first_of:
            first_of[key] = len(unique_rows)
            unique_rows.append(rows[doc_id])
        same_as.append(first_of[key])
    uf = dedup._cluster(np.vstack(unique_rows).astype(np.uint64), bands, threshold)
    representative = {u: i for i, u in reversed(list(enumerate(same_as)))}
    original = [ids[representative[uf.find(u)]] for u in same_as]
    return {doc_id: found for doc_id, found in zip(ids, original, strict=True) if found != doc_id}


@pytest.mark.parametrize("seed", range(6))
def test_duplicates_equal_those_of_signatures_held_one_by_one(seed):
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(400)]
    stories = [[rng.choice(vocabulary) for _ in range(rng.randrange(30, 80))] for _ in range(12)]
    docs = []
    for _ in range(rng.randrange(40, 90)):
        words = list(rng.choice(stories))
        kind = rng.random()
        if kind < 0.3:  # a rewrite: a few words changed
            for _ in range(rng.randrange(1, 6)):
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
        elif kind < 0.5:  # an unrelated article
            words = [rng.choice(vocabulary) for _ in range(rng.randrange(5, 60))]
        text = " ".join(words) if rng.random() > 0.05 else "…"  # a few without words
        docs.append(Document(f"d{rng.randrange(10_000):05d}", "x.txt", text))
    finder = DuplicateFinder()
    rows: dict[str, np.ndarray] = {}
    seen: set[str] = set()
    for doc in docs:
        signature = document_signature(doc)
        finder.add(doc, signature)
        if doc.id not in seen and signature:  # the first document with an id is the one used
            rows[doc.id] = np.frombuffer(signature, "<u4")
        seen.add(doc.id)
    found = finder.duplicates()
    assert found == _reference_duplicates(rows, bands=32, threshold=0.7)
    assert list(found) == sorted(found) and len(found) >= 5
