"""The command line: exit codes, flags, and bad input that is skipped without losing the rest."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from actorgraph.cli import main

from .conftest import ROOT, write

pytestmark = pytest.mark.slow

DE = (
    "Der Außenminister von Usbekistan traf am Dienstag in Taschkent den Präsidenten von Kirgisistan. "
    "Beide Seiten vereinbarten eine engere Zusammenarbeit mit den Vereinten Nationen."
)
EN = (
    "The foreign minister of Uzbekistan met the President of Kyrgyzstan in Tashkent on Tuesday. "
    "Both sides agreed to work more closely with the United Nations."
)
FR = (
    "Le ministre des Affaires étrangères de l'Ouzbékistan a rencontré le président du Kirghizistan "
    "à Tachkent mardi."
)


def run(*args) -> int:
    return main(["build", *map(str, args), "--models", "bundled", "--quiet"])


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("actorgraph ")


def test_missing_and_empty_input_exit_2_with_one_line(tmp_path, capsys):
    assert run(tmp_path / "nope", "--out", tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "input not found" in err
    (tmp_path / "empty").mkdir()
    assert run(tmp_path / "empty", "--out", tmp_path / "out") == 2
    write(tmp_path / "junk" / "a.bin.txt", b"\x00\x01" * 50)
    assert run(tmp_path / "junk", "--out", tmp_path / "out") == 2
    assert not (tmp_path / "out").exists()


def test_bad_arguments_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", str(tmp_path), "--formats", "json,pdf"])
    assert exc.value.code == 2
    assert "pdf" in capsys.readouterr().err


def test_skips_are_reported_and_strict_exits_1(tmp_path, capsys):
    corpus = tmp_path / "c"
    write(corpus / "de.txt", DE)
    write(corpus / "en.txt", EN)
    write(corpus / "fr.txt", FR)
    write(corpus / "empty.txt", "\n\n")
    write(corpus / "binary.txt", b"\x00PK\x03\x04" * 40)
    write(corpus / "undecodable.txt", "Grüße ".encode("cp1252") + b"\x81\x8d\x90")
    write(corpus / "feed.jsonl", json.dumps({"id": "r1", "text": EN}) + "\n{oops\n")
    write(corpus / "headline.txt", "Ad sales boost Time Warner profit")
    out = tmp_path / "out"
    assert main(["build", str(corpus), "--out", str(out), "--models", "bundled"]) == 0
    summary = capsys.readouterr().err
    assert "documents: 9 read, 6 skipped" in summary
    # A reason the user can act on says how.
    assert "skipped 1: language could not be detected (short texts? --lang de|en sets" in summary
    docs = {d["id"]: d for d in json.loads((out / "graph.json").read_text(encoding="utf-8"))["documents"]}
    assert docs["fr"]["skip_reason"] == "no pipeline for language 'fr'"
    assert docs["empty"]["skip_reason"] == "empty article"
    assert docs["binary"]["skip_reason"] == "binary file"
    assert docs["undecodable"]["skip_reason"].startswith("cannot decode")
    assert "line 2" in docs["feed:2"]["skip_reason"]
    assert not docs["de"]["skipped"] and docs["de"]["language"] == "de"
    assert not docs["r1"]["skipped"] and docs["r1"]["language"] == "en"
    assert run(corpus, "--out", out, "--strict") == 1


def test_formats_and_min_weight(tmp_path):
    out = tmp_path / "out"
    assert run(ROOT / "corpus", "--out", out, "--formats", "json,csv", "--min-weight", "2") == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "actors.csv",
        "edges.csv",
        "events.csv",
        "graph.json",
        "mentions.csv",
    ]
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    event_edges = [e for e in data["edges"] if e["kind"] == "event"]
    assert event_edges and all(e["weight"] >= 2 for e in event_edges)
    full = tmp_path / "full"
    run(ROOT / "corpus", "--out", full, "--formats", "json")
    assert len(json.loads((full / "graph.json").read_text(encoding="utf-8"))["events"]) == len(data["events"])


def test_lang_override(tmp_path):
    write(tmp_path / "c" / "en.txt", EN)
    out = tmp_path / "out"
    assert run(tmp_path / "c", "--out", out, "--formats", "json", "--lang", "de") == 0
    assert json.loads((out / "graph.json").read_text(encoding="utf-8"))["documents"][0]["language"] == "de"


def test_stdin_and_console_script(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "actorgraph",
            "build",
            "-",
            "--out",
            str(out),
            "--formats",
            "json",
            "--models",
            "bundled",
        ],
        input=json.dumps({"id": "s1", "text": EN}) + "\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "actors:" in proc.stderr
    assert json.loads((out / "graph.json").read_text(encoding="utf-8"))["documents"][0]["id"] == "s1"


def test_the_command_freezes_the_heap_before_it_exits(monkeypatch):
    """The console script and ``python -m actorgraph`` exit through ``run``, which spares the
    interpreter's collections at exit a walk over what the build leaves."""
    import gc
    import tomllib

    from actorgraph import cli

    calls: list[str] = []
    monkeypatch.setattr(cli, "main", lambda: calls.append("main") or 1)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    with pytest.raises(SystemExit) as exc:
        cli.run()
    assert exc.value.code == 1
    assert calls == ["main", "freeze"]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["actorgraph"] == "actorgraph.cli:run"
    assert "run()" in (ROOT / "src" / "actorgraph" / "__main__.py").read_text(encoding="utf-8")
