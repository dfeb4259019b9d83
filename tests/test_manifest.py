"""Up-to-date output folders: a build whose inputs and files are unchanged stops after reading."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from actorgraph import manifest, pipeline
from actorgraph.cli import main
from actorgraph.manifest import InputDigest, manifest_path, read_current, record
from actorgraph.pipeline import build

from .conftest import write
from .test_store import TEMPLATE, corpus, same_tree


def _written(out, files):
    for name, text in files.items():
        write(out / name, text)
    return out


def test_input_digest_follows_documents_in_order_and_every_option():
    def digest(documents, suffix=".txt", **options):
        inputs = InputDigest()
        for d in documents:
            inputs.add(d, f"corpus/{d}{suffix}", None)
        return inputs.hexdigest(options)

    assert digest(["a", "b"], formats="json") == digest(["a", "b"], formats="json")
    assert digest(["a", "b"], formats="json") != digest(["b", "a"], formats="json")
    assert digest(["a", "b"], formats="json") != digest(["a", "b", "c"], formats="json")
    assert digest(["a"], formats="json") != digest(["a"], formats="json", max_nodes="10")
    assert digest(["ab"]) != digest(["a", "b"])
    # the outputs name each document's path, so a renamed file makes the folder stale
    assert digest(["a"], suffix=".txt") != digest(["a"], suffix=".md")


def test_the_code_is_part_of_the_digest(monkeypatch):
    before = InputDigest().hexdigest({})
    monkeypatch.setattr(manifest, "code_digest", lambda: "another version of the code")
    assert InputDigest().hexdigest({}) != before


def test_a_recorded_folder_is_current_until_a_file_or_the_inputs_change(tmp_path):
    out = _written(tmp_path / "out", {"graph.json": "{}", "neo4j/actors.csv": "id\n"})
    path = manifest_path(tmp_path / "cache", out)
    record(path, "inputs-1", out, {"actors": 3})
    assert read_current(path, "inputs-1", out) == {"actors": 3}
    assert read_current(path, "inputs-2", out) is None

    write(out / "extra.txt", "a file the build did not write")
    assert read_current(path, "inputs-1", out) is None
    (out / "extra.txt").unlink()
    assert read_current(path, "inputs-1", out) == {"actors": 3}

    (out / "neo4j" / "actors.csv").unlink()
    assert read_current(path, "inputs-1", out) is None
    write(out / "neo4j" / "actors.csv", "id\n")  # same size, but written again
    os.utime(out / "neo4j" / "actors.csv", ns=(1, 1))
    assert read_current(path, "inputs-1", out) is None


@pytest.mark.parametrize("content", ["", "not json", json.dumps({"inputs": "inputs-1"})])
def test_a_damaged_manifest_counts_as_none(tmp_path, content):
    out = _written(tmp_path / "out", {"graph.json": "{}"})
    path = manifest_path(tmp_path / "cache", out)
    write(path, content)
    assert read_current(path, "inputs-1", out) is None


def test_each_output_folder_has_its_own_manifest(tmp_path):
    assert manifest_path(tmp_path, tmp_path / "a") != manifest_path(tmp_path, tmp_path / "b")
    assert manifest_path(tmp_path, tmp_path / "a") == manifest_path(tmp_path, tmp_path / "x" / ".." / "a")


@pytest.mark.slow
def test_an_unchanged_build_stops_after_reading_and_a_change_rebuilds(tmp_path, monkeypatch):
    folder = corpus(tmp_path / "c", 6)
    cache, out = tmp_path / "cache", tmp_path / "out"
    options = dict(out=out, models="bundled", cache=cache, reuse_outputs=True)
    first = build(folder, **options)
    assert not first.summary.reused and first.graph is not None
    written = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}

    def no_annotation(*args, **kwargs):
        raise AssertionError("an up-to-date build annotated or resolved")

    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "_annotate", no_annotation)
        again = build(folder, **options)
    assert again.summary.reused and again.graph is None
    for name in ("documents", "skipped", "actors", "events", "edges", "warnings"):
        assert getattr(again.summary, name) == getattr(first.summary, name)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == written

    # Not reused: another option, an article more, or the API's default.
    assert not build(folder, **{**options, "max_nodes": 3}).summary.reused
    assert build(folder, **{**options, "max_nodes": 3}).summary.reused
    write(folder / "new.txt", TEMPLATE.format(a="Armenien", b="Georgien", n=99))
    added = build(folder, **options)
    assert not added.summary.reused and added.summary.annotated == 1
    assert not build(folder, out=out, models="bundled", cache=cache).summary.reused
    assert build(folder, **options).summary.reused  # the API's build recorded its outputs too
    fresh = build(folder, out=tmp_path / "fresh", models="bundled", cache=None)
    assert same_tree(out, tmp_path / "fresh") and fresh.summary.actors == added.summary.actors


@pytest.mark.slow
def test_the_cli_reports_an_up_to_date_folder_and_force_rebuilds(tmp_path, capsys):
    folder = corpus(tmp_path / "c", 3)
    command = ["build", str(folder), "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "cache")]
    command += ["--models", "bundled", "--formats", "json"]
    assert main(command) == 0
    assert "wrote" in capsys.readouterr().err
    assert main(command) == 0
    assert "is up to date" in capsys.readouterr().err
    (tmp_path / "out" / "graph.json").write_text("edited by hand", encoding="utf-8")
    assert main(command) == 0
    assert "wrote" in capsys.readouterr().err
    assert (tmp_path / "out" / "graph.json").read_text(encoding="utf-8").startswith("{")
    assert main([*command, "--force"]) == 0
    assert "wrote" in capsys.readouterr().err
    assert main([*command, "--no-cache"]) == 0
    assert "wrote" in capsys.readouterr().err


@pytest.mark.slow
def test_an_up_to_date_folder_is_found_without_loading_a_model_library(tmp_path):
    folder = corpus(tmp_path / "c", 3)
    write(
        folder / "en.txt", "The foreign minister of Kazakhstan met his counterpart from Uzbekistan in Astana."
    )
    command = ["build", str(folder), "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "cache")]
    command += ["--models", "bundled", "--formats", "json", "--quiet"]
    assert main(command) == 0

    def imported(argv: list[str]) -> list[str]:
        """The libraries a build imports, in a fresh interpreter (this one has them all)."""
        check = (
            "import json, sys\n"
            "from actorgraph.cli import main\n"
            f"assert main({argv!r}) == 0\n"
            "heavy = ('spacy', 'thinc', 'numpy', 'scipy', 'networkx', 'rapidfuzz')\n"
            "print(json.dumps(sorted(m for m in heavy if m in sys.modules)))\n"
        )
        done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    assert imported(command) == []
    # Rebuilt with every analysis in the store: the graph libraries, but still no model, and
    # no networkx (a build makes no networkx graph; importing it would lengthen every rebuild).
    written = (tmp_path / "out" / "graph.json").stat().st_mtime_ns
    rebuilt = imported([*command, "--force"])
    assert "spacy" not in rebuilt and "networkx" not in rebuilt
    assert "scipy" in rebuilt
    assert (tmp_path / "out" / "graph.json").stat().st_mtime_ns != written
