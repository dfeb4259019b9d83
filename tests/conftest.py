"""Shared fixtures: one bundled build of the seed corpus per test session."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Keep the document store of test builds out of the user's cache, and remove it afterwards.
_SESSION_CACHE = None
if "ACTORGRAPH_CACHE" not in os.environ:
    _SESSION_CACHE = tempfile.mkdtemp(prefix="actorgraph-test-cache-")
    os.environ["ACTORGRAPH_CACHE"] = _SESSION_CACHE
CORPUS = ROOT / "corpus"


def pytest_unconfigure(config):
    if _SESSION_CACHE is not None:
        shutil.rmtree(_SESSION_CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory):
    """The seed corpus built with the bundled models, as the committed graph/ is."""
    from actorgraph.pipeline import build

    out = tmp_path_factory.mktemp("graph")
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = build("corpus/", out=out, models="bundled")
    finally:
        os.chdir(cwd)
    return result, out


@pytest.fixture(scope="session")
def index():
    from actorgraph.kbindex import default_index

    return default_index()


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
