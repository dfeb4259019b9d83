"""The collector's pace during a build, and the caller's settings afterwards."""

from __future__ import annotations

import gc

import pytest

import actorgraph.resolve as resolve_module
from actorgraph.collector import YOUNG_GENERATION_THRESHOLD, fewer_collections
from actorgraph.pipeline import build

from .conftest import write


@pytest.fixture
def thresholds():
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


def test_the_callers_thresholds_come_back_after_an_error(thresholds):
    gc.set_threshold(500, 7, 9)
    with pytest.raises(RuntimeError), fewer_collections():
        assert gc.get_threshold() == (YOUNG_GENERATION_THRESHOLD, 7, 9)
        raise RuntimeError("the build failed")
    assert gc.get_threshold() == (500, 7, 9)


def test_a_collector_turned_off_stays_off(thresholds):
    gc.set_threshold(0, 10, 10)
    with fewer_collections():
        assert gc.get_threshold()[0] == 0
    assert gc.get_threshold() == (0, 10, 10)


def test_a_build_resolves_with_fewer_collections(tmp_path, monkeypatch, thresholds):
    gc.set_threshold(700, 10, 10)
    seen = []
    real = resolve_module.resolve

    def resolve(*args, **kwargs):
        seen.append(gc.get_threshold())
        return real(*args, **kwargs)

    monkeypatch.setattr(resolve_module, "resolve", resolve)
    write(tmp_path / "c" / "a.txt", "Angela Merkel met Emmanuel Macron in Berlin on Monday.")
    build(tmp_path / "c", out=None, models="bundled", cache=None)
    assert seen == [(YOUNG_GENERATION_THRESHOLD, 10, 10)]
    assert gc.get_threshold() == (700, 10, 10)
