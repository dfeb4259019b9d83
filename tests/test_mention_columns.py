"""Mentions held as columns come back equal to the mentions put in."""

import dataclasses
import random

import pytest

from actorgraph.records import Mention
from actorgraph.resolve.columns import MentionColumns, _Column
from actorgraph.unionfind import UnionFind


def _mentions(seed: int, documents: int) -> list[list[Mention]]:
    rng = random.Random(seed)
    texts = ["Tokajew", "Kassym-Jomart Tokayev", "UN", "Kasachstan", "EU", "Mirziyoyev", "GDP"]
    corpus = []
    for d in range(documents):
        mentions = []
        for _ in range(rng.randrange(0, 6)):
            start = rng.randrange(0, 1 << 34)  # beyond 32 bits
            mentions.append(
                Mention(
                    doc_id=f"doc{d}",
                    sentence=rng.randrange(40),
                    start=start,
                    end=start + rng.randrange(1, 30),
                    text=rng.choice(texts),
                    label=rng.choice(["PERSON", "ORG", "GPE"]),
                    lang=rng.choice(["de", "en"]),
                    source=rng.choice(["model", "ruler", "role"]),
                    kb_id=rng.choice([None, "kz", "un"]),
                    role=rng.choice([None, "Präsident"]),
                    actor=rng.choice([None, "x:tokajew"]),
                    canonical=rng.choice([None, "Ministry of Foreign Affairs of Kazakhstan"]),
                    part_of=rng.choice([None, "kz"]),
                )
            )
        corpus.append(mentions)
    return corpus


@pytest.mark.parametrize("seed", range(4))
def test_same_mentions_back(seed):
    corpus = _mentions(seed, 30)
    columns = MentionColumns()
    expected: list[Mention] = []
    for mentions in corpus:
        positions = columns.extend(mentions)
        assert positions == range(len(expected), len(expected) + len(mentions))
        expected.extend(mentions)
    assert len(columns) == len(expected)
    assert list(columns) == expected
    assert [columns[i] for i in range(len(expected))] == expected
    assert columns[-1] == expected[-1]
    assert columns.pick([3, 0, 3]) == [expected[3], expected[0], expected[3]]
    for field in dataclasses.fields(Mention):
        assert list(columns.column(field.name)) == [getattr(m, field.name) for m in expected]


def test_make_a_range():
    corpus = _mentions(7, 5)
    columns = MentionColumns()
    spans = [columns.extend(mentions) for mentions in corpus]
    for span, mentions in zip(spans, corpus, strict=True):
        assert list(columns.make(span)) == mentions
    assert columns[0] is not columns[0]  # made anew each time


def test_out_of_range():
    columns = MentionColumns()
    assert columns.extend([]) == range(0, 0)
    with pytest.raises(IndexError):
        columns[0]
    columns.extend([m for mentions in _mentions(1, 5) for m in mentions])
    with pytest.raises(IndexError):
        columns[len(columns)]


def test_union_find_keeps_smallest_root():
    uf = UnionFind(600)
    uf.union(599, 300)
    uf.union(300, 450)
    uf.union_key("k", 451)
    uf.union_key("k", 2)
    assert {uf.find(i) for i in (599, 300, 450)} == {300}
    assert uf.find(451) == 2


@pytest.mark.parametrize("seed", range(3))
def test_ranks_order_like_the_strings(seed):
    expected = [m for mentions in _mentions(seed, 9) for m in mentions]
    columns = MentionColumns()
    columns.extend(expected)
    for name in ("doc_id", "text", "label"):
        ranks = columns.ranks(name).tolist()
        values = [getattr(m, name) for m in expected]
        pairs = list(zip(values, ranks, strict=True))
        assert all((a < b) == (ra < rb) and (a == b) == (ra == rb) for a, ra in pairs for b, rb in pairs)
    assert columns.integers("start").tolist() == [m.start for m in expected]
    assert columns.integers("end").tolist() == [m.end for m in expected]


def test_ranks_and_integers_of_nothing():
    columns = MentionColumns()
    assert columns.ranks("doc_id").tolist() == [] and columns.integers("start").tolist() == []


@pytest.mark.parametrize(
    ("values", "typecode"),
    [
        ([0, 127, -128], "b"),
        ([128], "h"),
        ([-129], "h"),
        ([1 << 15], "i"),
        ([-(1 << 31)], "i"),
        ([1 << 31], "q"),
        ([(1 << 63) - 1, -(1 << 63)], "q"),
    ],
)
def test_column_widens_to_the_narrowest_type_that_holds(values, typecode):
    column = _Column()
    column.extend([1, 2])
    column.extend(values)
    assert column.values.typecode == typecode
    assert column.values.tolist() == [1, 2, *values]
    assert column.array().tolist() == [1, 2, *values]


def test_column_never_narrows_and_refuses_what_no_type_holds():
    column = _Column()
    column.extend([1 << 20])
    column.extend([1])
    assert column.values.typecode == "i" and column.values.tolist() == [1 << 20, 1]
    with pytest.raises(OverflowError):
        column.extend([1 << 63])
    assert column.values.tolist() == [1 << 20, 1]
