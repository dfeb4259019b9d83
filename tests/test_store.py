"""Incremental rebuilds, interrupted runs, and engines that give the same bytes."""

from __future__ import annotations

import filecmp
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import FrozenInstanceError, dataclass, replace
from pathlib import Path

import pytest

from actorgraph import codec
from actorgraph.pipeline import build
from actorgraph.records import (
    Analysis,
    Cue,
    Document,
    Mention,
    OffsetMap,
    Sentence,
    TimeExpression,
    Trigger,
    slot_setter,
)

from .conftest import ROOT, write

pytestmark = pytest.mark.slow

TEMPLATE = (
    "Der Außenminister von {a} traf am Dienstag in Berlin seinen Amtskollegen aus {b}. "
    "Beide Seiten vereinbarten eine engere Zusammenarbeit in Fragen der Energie und des Handels. "
    "Das Treffen war das {n}. seiner Art."
)
STATES = [
    "Usbekistan",
    "Kirgisistan",
    "Tadschikistan",
    "Turkmenistan",
    "Kasachstan",
    "Aserbaidschan",
    "Georgien",
]


def corpus(folder: Path, n: int) -> Path:
    for i in range(n):
        a, b = STATES[i % len(STATES)], STATES[(i + 3) % len(STATES)]
        write(folder / f"doc{i:03d}.txt", TEMPLATE.format(a=a, b=b, n=i + 1))
    return folder


def same_tree(a: Path, b: Path) -> bool:
    files = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    if files != sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()):
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, files, shallow=False)
    return not mismatch and not errors


def test_codec_round_trips_an_analysis():
    doc = Document(
        "d", "d.txt", "Raw", "Raw", OffsetMap.identity(3), language="de", meta=(("body_start", 0),)
    )
    analysis = Analysis(doc, (), (Mention("d", 0, 0, 3, "Raw", "ORG", "de"),))
    assert codec.loads(codec.dumps(analysis)) == analysis


def test_decoded_records_equal_those_their_classes_make():
    """Decoding sets a record's slots itself: nothing a constructor does may be skipped."""
    mention = Mention("d", 1, 5, 9, "Text", "PERSON", "en", "model", "kb:x", "Präsident")
    back = codec.decode(codec.encode(mention))
    assert type(back) is Mention and back == mention and hash(back) == hash(mention)
    assert repr(back) == repr(mention) and replace(back, text="T") == replace(mention, text="T")
    with pytest.raises(FrozenInstanceError):
        back.text = "changed"


def test_only_records_in_slots_without_a_post_init_are_made_by_setting_slots():
    @dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self):
            if self.value < 0:
                raise ValueError(self.value)

    @dataclass(frozen=True)
    class Unslotted:
        value: int

    for cls in (Checked, Unslotted):
        with pytest.raises(TypeError):
            slot_setter(cls)


def test_codec_keeps_metadata_values_and_nested_records():
    doc = Document("d", "d.txt", "Ab", meta=(("tags", ["a", "b"]), ("extra", {"k": [1, None]}), ("x", 1.5)))
    cue = Cue(
        sentence=0,
        triggers=(Trigger("meet", "CONSULT", "meeting", "040", 0, 2),),
        sources=((0, 2),),
        times=(TimeExpression("3. Juli 2024", 0, 11, year=2024, month=7, day=3),),
    )
    analysis = Analysis(doc, (Sentence(0, 0, 2, "Ab"),), (), (cue,))
    back = codec.loads(codec.dumps(analysis))
    assert back.cues == analysis.cues and back.sentences == analysis.sentences
    # lists come back as tuples, as every record field is a tuple
    assert dict(back.document.meta) == {"tags": ("a", "b"), "extra": {"k": (1, None)}, "x": 1.5}


def test_a_pass_may_leave_fields_undecoded_and_gets_the_rest_as_stored():
    doc = Document("d", "d.txt", "Ab")
    cue = Cue(sentence=0, triggers=(Trigger("meet", "CONSULT", "meeting", "040", 0, 2),))
    mention = Mention("d", 0, 0, 2, "Ab", "ORG", "de")
    analysis = Analysis(doc, (Sentence(0, 0, 2, "Ab"),), (mention,), (cue,), b"sig")
    light = codec.loads(codec.dumps(analysis), without=frozenset({"sentences", "cues"}))
    assert light == Analysis(doc, (), (mention,), (), b"sig")
    with pytest.raises(ValueError, match="no such fields"):
        codec.loads(codec.dumps(analysis), without=frozenset({"sentence"}))


def test_a_build_without_a_cache_leaves_no_store_behind(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    folder = corpus(tmp_path / "c", 3)
    result = build(folder, out=None, models="bundled", cache=None)
    assert result.summary.annotated == 3 and result.summary.actors > 0
    assert list((tmp_path / "tmp").iterdir()) == []


def test_adding_one_article_annotates_only_that_article(tmp_path):
    folder = corpus(tmp_path / "c", 12)
    cache = tmp_path / "cache"
    first = build(folder, out=tmp_path / "a", models="bundled", cache=cache, formats=("json",))
    assert first.summary.annotated == 12
    write(folder / "new.txt", TEMPLATE.format(a="Armenien", b="Georgien", n=99))
    second = build(folder, out=tmp_path / "b", models="bundled", cache=cache, formats=("json",))
    assert second.summary.annotated == 1
    fresh = build(folder, out=tmp_path / "c2", models="bundled", cache=None, formats=("json",))
    assert (tmp_path / "b" / "graph.json").read_bytes() == (tmp_path / "c2" / "graph.json").read_bytes()
    assert fresh.summary.annotated == 13


def test_a_moved_corpus_finds_its_analyses_and_reports_its_new_paths(tmp_path):
    cache = tmp_path / "cache"
    first = build(corpus(tmp_path / "here", 5), out=None, models="bundled", cache=cache)
    assert first.summary.annotated == 5
    moved = (tmp_path / "here").rename(tmp_path / "there")
    again = build(moved, out=tmp_path / "a", models="bundled", cache=cache, formats=("json",))
    assert again.summary.annotated == 0
    build(moved, out=tmp_path / "b", models="bundled", cache=None, formats=("json",))
    assert (tmp_path / "a" / "graph.json").read_bytes() == (tmp_path / "b" / "graph.json").read_bytes()
    assert str(moved / "doc000.txt") in (tmp_path / "a" / "graph.json").read_text(encoding="utf-8")


def test_an_interrupted_run_resumes_without_loss_or_duplicates(tmp_path):
    folder = corpus(tmp_path / "c", 24)
    cache = tmp_path / "cache"
    command = [
        sys.executable,
        "-m",
        "actorgraph",
        "build",
        str(folder),
        "--models",
        "bundled",
        "--quiet",
        "--batch-size",
        "2",
        "--jobs",
        "1",  # one batch at a time, so the kill finds the store partly written
        "--cache",
        str(cache),
        "--out",
        str(tmp_path / "resumed"),
    ]
    process = subprocess.Popen(command)
    store = cache / "analyses.sqlite"
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        if store.exists():
            try:
                with sqlite3.connect(store, timeout=1) as db:
                    stored = db.execute("SELECT COUNT(*) FROM analyses").fetchone()[0]
            except sqlite3.Error:
                stored = 0
            if stored >= 4:
                break
        time.sleep(0.05)
    assert process.poll() is None, "the build finished before it could be interrupted"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 4 <= stored < 24
    assert subprocess.run(command, check=False).returncode == 0
    clean = [*command[:-4], "--no-cache", "--out", str(tmp_path / "clean")]
    assert subprocess.run(clean, check=False).returncode == 0
    assert same_tree(tmp_path / "resumed", tmp_path / "clean")
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT COUNT(*) FROM analyses").fetchone()[0] == 24


def test_two_worker_processes_give_the_same_bytes(tmp_path, corpus_build):
    _, reference = corpus_build
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        # with a document store: the workers' feeder thread reads it while results are written
        build("corpus/", out=tmp_path / "jobs", models="bundled", cache=tmp_path / "store", jobs=2)
    finally:
        os.chdir(cwd)
    assert same_tree(reference, tmp_path / "jobs")


def test_dask_local_cluster_gives_the_same_bytes(tmp_path, corpus_build):
    pytest.importorskip("distributed")
    _, reference = corpus_build
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        build("corpus/", out=tmp_path / "dask", models="bundled", cache=None, engine="dask", jobs=2)
    finally:
        os.chdir(cwd)
    assert same_tree(reference, tmp_path / "dask")
