"""How many worker processes a build uses (``--jobs N`` or ``auto``)."""

from __future__ import annotations

import doctest
import os
from collections import deque

import pytest

from actorgraph import engines, pipeline, workers
from actorgraph.cli import main
from actorgraph.errors import UsageError
from actorgraph.pipeline import build
from actorgraph.workers import (
    AUTO,
    MAX_AUTO_WORKERS,
    Forked,
    ForkedItems,
    auto_workers,
    can_fork,
    resolve_jobs,
)

from .conftest import ROOT, write
from .test_store import TEMPLATE, corpus, same_tree


def test_docstring_examples():
    assert doctest.testmod(workers).failed == 0


@pytest.mark.parametrize("value", [0, -2, "many", "2", 1.5, True, None])
def test_jobs_must_be_a_positive_number_or_auto(value):
    with pytest.raises(UsageError, match="--jobs must be a positive number or auto"):
        resolve_jobs(value)


def test_auto_is_the_cores_at_most_a_few(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(64)), raising=False)
    assert auto_workers() == (MAX_AUTO_WORKERS if workers.sys.platform.startswith("linux") else 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert auto_workers() == 1


def test_auto_forks_no_workers_where_forking_is_unsafe(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(workers.sys, "platform", "darwin")
    assert auto_workers() == 1


def test_cli_rejects_bad_jobs_in_one_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", str(tmp_path), "--jobs", "0"])
    assert exc.value.code == 2
    assert capsys.readouterr().err.count("\n") == 1


@pytest.fixture
def pools(monkeypatch):
    """Two cores for ``auto``, and the number of workers of every pool a build opens."""
    monkeypatch.setattr(workers, "auto_workers", lambda: 2)
    opened: list[int] = []

    class CountedPool(engines.ProcessEngine):
        def __init__(self, jobs: int):
            opened.append(jobs)
            super().__init__(jobs)

    monkeypatch.setattr(engines, "ProcessEngine", CountedPool)
    return opened


def _build_seed_corpus(out, **options):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return build("corpus/", out=out, models="bundled", cache=None, **options)
    finally:
        os.chdir(cwd)


def test_auto_annotates_one_batch_in_this_process(tmp_path, corpus_build, pools):
    result = _build_seed_corpus(tmp_path / "one", jobs=AUTO, batch_size=32)
    assert pools == [] and result.summary.annotated == 5
    assert same_tree(corpus_build[1], tmp_path / "one")


def test_auto_annotates_several_batches_in_workers(tmp_path, corpus_build, pools):
    result = _build_seed_corpus(tmp_path / "three", jobs=AUTO, batch_size=2)
    assert pools == [2] and result.summary.annotated == 5
    assert same_tree(corpus_build[1], tmp_path / "three")


def test_worker_processes_without_fork_stop_with_a_usage_error(monkeypatch):
    monkeypatch.setattr(engines.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    with pytest.raises(UsageError, match="--jobs 2 needs worker processes"):
        engines.make_engine("local", jobs=2)
    assert isinstance(engines.make_engine("local", jobs=1), engines.LocalEngine)


def _store_then_add(tmp_path, name: str):
    folder = corpus(tmp_path / "c", 6)
    cache = tmp_path / "cache"
    build(folder, out=tmp_path / "first", models="bundled", cache=cache, formats=("json",))
    write(folder / name, TEMPLATE.format(a="Armenien", b="Georgien", n=99))
    return folder, cache


@pytest.mark.slow
def test_auto_annotates_an_added_article_in_a_worker_while_the_stored_ones_are_resolved(tmp_path, pools):
    folder, cache = _store_then_add(tmp_path, "doc999.txt")
    added = build(folder, out=tmp_path / "added", models="bundled", cache=cache, formats=("json",), jobs=AUTO)
    assert pools == [1] and added.summary.annotated == 1
    assert all(seconds >= 0 for _, seconds in added.summary.stage_seconds)
    build(folder, out=tmp_path / "fresh", models="bundled", cache=None, formats=("json",))
    assert same_tree(tmp_path / "added", tmp_path / "fresh")


def test_a_pass_reads_the_documents_stored_before_one_still_being_annotated():
    keys = [f"k{i}" for i in range(10)]
    annotation = pipeline._Annotation(
        keys, keys, None, None, iter(()), deque([["k5"]]), timer=None, bar=None, total=len(keys)
    )
    stored = pipeline._Stored(None, annotation)
    stored.CHUNK = 4
    assert list(stored._spans(keys)) == [(0, 4), (4, 5), (5, 8), (8, 10)]
    annotation._waiting.clear()  # the worker's results are in
    assert list(stored._spans(keys)) == [(0, 4), (4, 8), (8, 10)]


@pytest.mark.slow
def test_auto_annotates_an_article_that_comes_first_in_this_process(tmp_path, pools):
    folder, cache = _store_then_add(tmp_path, "aaa.txt")
    added = build(folder, out=tmp_path / "added", models="bundled", cache=cache, formats=("json",), jobs=AUTO)
    assert pools == [] and added.summary.annotated == 1


@pytest.mark.slow
def test_a_worker_that_fails_while_the_store_is_read_stops_the_build(tmp_path, pools, monkeypatch):
    folder, cache = _store_then_add(tmp_path, "doc999.txt")

    def broken(documents, settings):
        raise RuntimeError("annotation failed")

    monkeypatch.setattr(engines, "process_batch_encoded", broken)  # the forked worker inherits it
    with pytest.raises(RuntimeError, match="annotation failed"):
        build(folder, out=tmp_path / "added", models="bundled", cache=cache, formats=("json",), jobs=2)
    assert pools == [1] and not (tmp_path / "added").exists()


def _fails(message: str) -> None:
    raise ValueError(message)


@pytest.mark.skipif(not can_fork(), reason="worker processes are forked on Linux only")
def test_a_forked_call_gives_its_value_or_the_child_error():
    assert Forked(sorted, [3, 1, 2], reverse=True).result() == [3, 2, 1]
    with pytest.raises(RuntimeError, match="ValueError: no layout"):
        Forked(_fails, "no layout").result()
    with pytest.raises(RuntimeError, match="exit code"):
        Forked(os._exit, 3).result()
    waiting = Forked(__import__("time").sleep, 60)
    waiting.cancel()
    assert not waiting._process.is_alive()


@pytest.mark.skipif(not can_fork(), reason="worker processes are forked on Linux only")
def test_the_viewer_layout_is_computed_beside_the_graph_metrics(tmp_path, corpus_build, monkeypatch):
    """With a core to spare the layout runs in a forked process; the page is the same bytes."""
    forked: list[str] = []

    class Counted(Forked):
        def __init__(self, function, *args, **kwargs):
            forked.append(function.__name__)
            super().__init__(function, *args, **kwargs)

    monkeypatch.setattr(pipeline, "Forked", Counted)
    _build_seed_corpus(tmp_path / "two", jobs=2)
    assert forked == ["viewer_positions"]
    assert same_tree(corpus_build[1], tmp_path / "two")
    _build_seed_corpus(tmp_path / "json", jobs=2, formats=("json",))
    assert forked == ["viewer_positions"]  # no page, no layout


def _squares_then_fail(count: int):
    for n in range(count):
        yield n * n
    raise ValueError("no more squares")


@pytest.mark.skipif(not can_fork(), reason="worker processes are forked on Linux only")
def test_forked_items_come_back_in_order_a_chunk_at_a_time(monkeypatch):
    monkeypatch.setattr(ForkedItems, "CHUNK", 3)
    assert list(ForkedItems(lambda: (n * n for n in range(10)))) == [n * n for n in range(10)]
    assert list(ForkedItems(lambda: iter(()))) == []
    with pytest.raises(RuntimeError, match="ValueError: no more squares"):
        list(ForkedItems(lambda: _squares_then_fail(7)))
    waiting = ForkedItems(lambda: (__import__("time").sleep(60) for _ in range(1)))
    job = waiting._job
    waiting.cancel()
    assert not job._process.is_alive()
    with pytest.raises(RuntimeError, match="read or cancelled"):
        list(waiting)


@pytest.mark.skipif(not can_fork(), reason="worker processes are forked on Linux only")
def test_the_events_pass_reads_the_later_documents_in_a_forked_process(tmp_path, corpus_build, monkeypatch):
    """With two workers, a forked process reads the later part; the outputs are the same bytes."""
    parts: list[int] = []

    class Counted(ForkedItems):
        def __init__(self, produce):
            parts.append(1)
            super().__init__(produce)

    monkeypatch.setattr(pipeline, "ForkedItems", Counted)
    monkeypatch.setattr(pipeline, "TWO_PART_DOCUMENTS", 2)
    _build_seed_corpus(tmp_path / "two", jobs=2)
    assert parts == [1]
    assert same_tree(corpus_build[1], tmp_path / "two")
    _build_seed_corpus(tmp_path / "one", jobs=1)
    assert parts == [1]  # one process: one part

    read = pipeline._article

    def fails_late(analysis, **kwargs):
        if analysis.document.id == sorted(corpus_build[0].graph.documents, key=lambda d: d.path)[-1].id:
            raise ValueError("unreadable article")
        return read(analysis, **kwargs)

    monkeypatch.setattr(pipeline, "_article", fails_late)
    with pytest.raises(RuntimeError, match="ValueError: unreadable article"):
        _build_seed_corpus(tmp_path / "failed", jobs=2)
    assert not (tmp_path / "failed").exists()
