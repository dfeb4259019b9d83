"""Resolved mentions and events on disk read back as the sorted sequences they replace."""

import multiprocessing
import pickle
import random
from dataclasses import replace

import pytest

from actorgraph.records import Event, Evidence, Mention
from actorgraph.spill import EventSpill, MentionSpill, event_ids, in_document_order, in_id_order


def _mentions(seed: int) -> list[list[Mention]]:
    """Blocks of one document each; a document may come back in a later block."""
    rng = random.Random(seed)
    blocks = []
    for b in range(30):
        doc = f"doc{rng.randrange(10)}"
        block = []
        for i in range(rng.randrange(0, 8)):
            start = rng.randrange(0, 60)  # small, so equal spans occur
            block.append(Mention(doc, i, start, start + 3, f"m{b}-{i}", "PERSON", "en", "ner", actor="x:a"))
        blocks.append(block)
    return blocks


@pytest.mark.parametrize("seed", range(4))
def test_reads_back_sorted_like_the_list(seed):
    blocks = _mentions(seed)
    spill = MentionSpill()
    for block in blocks:
        spill.append_document(block)
    flat = [m for block in blocks for m in block]
    expected = sorted(flat, key=lambda m: (m.doc_id, m.start, m.end))
    assert len(spill) == len(flat)
    assert list(spill) == expected
    assert list(in_document_order(spill)) == expected == list(in_document_order(flat))
    assert spill == expected and spill == MentionSpill(flat)
    middle = len(flat) // 2
    assert [spill[i] for i in (0, middle, -1)] == [expected[0], expected[middle], expected[-1]]
    assert spill[2:5] == tuple(expected[2:5])


def test_resolved_mentions_are_stored_as_their_replaced_records():
    blocks = _mentions(5)
    spill, expected = MentionSpill(), MentionSpill()
    for n, block in enumerate(blocks):
        resolved = [(f"x:{n}-{i}", "GPE" if i % 2 else m.label) for i, m in enumerate(block)]
        spill.append_resolved(block, resolved)
        expected.append_document(
            [replace(m, actor=a, label=lab) for m, (a, lab) in zip(block, resolved, strict=True)]
        )
    assert len(spill) == len(expected) > 0
    assert list(spill) == list(expected)
    assert {m.label for m in spill} == {"GPE", "PERSON"}


def test_index_out_of_range():
    spill = MentionSpill()
    assert len(spill) == 0 and list(spill) == []
    with pytest.raises(IndexError):
        spill[0]


def test_reads_without_pread(monkeypatch):
    """Where ``os.pread`` is missing the file is read by seeking, and appends still go to its end."""
    import actorgraph.spill as spill_module

    blocks = _mentions(11)
    monkeypatch.delattr(spill_module.os, "pread")
    spill = MentionSpill()
    for block in blocks[:10]:
        spill.append_document(block)
    assert len(list(spill)) == sum(len(b) for b in blocks[:10])
    for block in blocks[10:]:
        spill.append_document(block)
    flat = [m for block in blocks for m in block]
    assert list(spill) == sorted(flat, key=lambda m: (m.doc_id, m.start, m.end))


def _events(seed: int, n: int) -> list[Event]:
    """Events with every kind of field: tuples, evidence, missing values, floats, flags."""
    rng = random.Random(seed)
    events = []
    for i in rng.sample(range(10 * n), n):
        evidence = tuple(
            Evidence(f"doc{rng.randrange(5)}", s, 10 * s, 10 * s + 9, f"Sentence «{i}» {s}.")
            for s in range(rng.randrange(0, 4))
        )
        events.append(
            Event(
                f"ev:{i:05x}",
                rng.choice(["COOCCUR", "CONSULT"]),
                rng.choice([None, "2024-05-02"]),
                rng.choice([None, "day"]),
                rng.choice([None, "iso:KAZ"]),
                tuple(sorted(rng.sample(["x:a", "x:b", "iso:UZB"], 2))),
                source=("x:a",),
                evidence=evidence,
                confidence=rng.choice([0.3, 0.85]),
                num_documents=len({e.document for e in evidence}),
                num_mentions=len(evidence),
                date_inferred=rng.random() < 0.5,
                date_conflict=("2023",) if rng.random() < 0.2 else (),
            )
        )
    return events


@pytest.mark.parametrize("n", [0, 1, 255, 256, 700])
def test_events_read_back_in_id_order(n):
    events = _events(n, n)
    spill = EventSpill(iter(events))
    expected = sorted(events, key=lambda e: e.id)
    assert len(spill) == n
    assert list(spill) == expected == list(in_id_order(events))
    assert list(in_id_order(spill)) == expected
    assert spill == tuple(expected)
    if n:
        middle = n // 2
        assert [spill[i] for i in (0, middle, -1)] == [expected[0], expected[middle], expected[-1]]
        assert spill[1:4] == tuple(expected[1:4])
    with pytest.raises(IndexError):
        spill[n]


def test_events_read_without_pread(monkeypatch):
    import actorgraph.spill as spill_module

    monkeypatch.delattr(spill_module.os, "pread")
    events = _events(3, 400)
    assert list(EventSpill(events)) == sorted(events, key=lambda e: e.id)


#: Each kind of spill, made with a few hundred records, and what identifies a record.
SPILLS = {
    "mentions": (lambda: MentionSpill(m for block in _mentions(3) for m in block), lambda m: m.text),
    "events": (lambda: EventSpill(_events(9, 600)), lambda e: e.id),
}


@pytest.mark.parametrize("kind", sorted(SPILLS))
def test_pickles_as_a_tuple(kind):
    spill = SPILLS[kind][0]()
    again = pickle.loads(pickle.dumps(spill))
    assert isinstance(again, tuple) and again == tuple(spill)


def _labels(spill, label, queue) -> None:
    queue.put([label(record) for record in spill])


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
@pytest.mark.parametrize("kind", sorted(SPILLS))
def test_forked_processes_read_the_same_file(kind):
    make, label = SPILLS[kind]
    spill = make()
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    children = [context.Process(target=_labels, args=(spill, label, queue)) for _ in range(2)]
    for child in children:
        child.start()
    results = [queue.get(timeout=60) for _ in children]
    for child in children:
        child.join()
    assert results == [[label(record) for record in spill]] * 2


@pytest.mark.parametrize("form", ["made by event_id", "other", "mixed"])
def test_events_sorted_by_id_whatever_the_form_of_their_ids(form):
    from dataclasses import replace

    from actorgraph.events import event_id

    events = _events(3, 600)
    if form != "other":
        events = [replace(e, id=event_id(e.id)) for e in events]
    if form == "mixed":  # one id of another form, after 300 of the usual one
        events[300] = replace(events[300], id="ev:zz-curated")
        events[450] = replace(events[450], id="ev:0")
    spill = EventSpill(iter(events))
    assert [e.id for e in spill] == sorted(e.id for e in events)
    assert list(spill) == sorted(events, key=lambda e: e.id)
    assert spill.ids() == event_ids(spill) == [e.id for e in spill] == event_ids(list(spill))
