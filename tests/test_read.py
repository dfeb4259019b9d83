"""Reading: formats, encodings, headers, document ids, and skips that keep the rest."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from actorgraph.errors import InputError, Skip
from actorgraph.read import discover, read_corpus
from actorgraph.read.encoding import decode, decoded_lines
from actorgraph.read.header import parse_header

from .conftest import write

ARTICLE = "Der Präsident traf sich am Mittwoch mit dem Generalsekretär in Astana zu Gesprächen."


def docs(path, **kw):
    return {d.id: d for d in read_corpus(path, **kw)}


def test_header_runs_on_into_the_title():
    text = " date 2024-07 Besuch des Generalsekretärs in Astana\n\nText."
    header = parse_header(text)
    assert header.fields == {"date": "2024-07", "title": "Besuch des Generalsekretärs in Astana"}
    start, end = header.title_span
    assert text[start:end] == "Besuch des Generalsekretärs in Astana"


def test_known_header_keys_only(tmp_path):
    write(tmp_path / "a.txt", "Title: Gipfel in Astana\nurl: https://example.org/a\nlang de\n\n" + ARTICLE)
    write(tmp_path / "b.txt", "Kasachstan: ein Land im Wandel\n\n" + ARTICLE)
    found = docs(tmp_path)
    assert found["a"].title == "Gipfel in Astana" and found["a"].url == "https://example.org/a"
    assert found["a"].language == "de"
    assert found["b"].title is None


def test_ids_are_relative_paths_and_keep_extensions_on_collision(tmp_path):
    write(tmp_path / "x" / "a.txt", ARTICLE)
    write(tmp_path / "x" / "a.md", ARTICLE)
    write(tmp_path / "b.txt.gz", gzip.compress(ARTICLE.encode()))
    ids = [doc_id for _, doc_id in discover(tmp_path)]
    assert ids == ["b", "x/a.md", "x/a.txt"]
    assert docs(tmp_path)["b"].text_raw == ARTICLE


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ARTICLE.encode("utf-8"), ARTICLE),
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), ARTICLE),
        (ARTICLE.encode("utf-16"), ARTICLE),
        (ARTICLE.encode("cp1252"), ARTICLE),
    ],
)
def test_encodings(data, expected):
    assert decode(data) == expected


def test_jsonl_csv_json_records(tmp_path):
    lines = [
        json.dumps({"id": "r1", "text": ARTICLE, "date": "2024-07-03", "lang": "de"}),
        "{broken",
        json.dumps({"text": ARTICLE}),
    ]
    write(tmp_path / "feed.jsonl", "\n".join(lines))
    write(tmp_path / "table.csv", 'body,title\n"' + ARTICLE + '",Gipfel\n')
    write(tmp_path / "list.json", json.dumps([{"text": ARTICLE, "url": "https://example.org"}]))
    found = docs(tmp_path, text_column="text")
    assert found["r1"].date == "2024-07-03" and found["r1"].date_precision == "day"
    assert found["feed:2"].skipped and "line 2" in found["feed:2"].skip_reason
    assert found["feed:3"].text_raw == ARTICLE
    assert found["list:1"].url == "https://example.org"
    assert found["table"].skipped and "'text'" in found["table"].skip_reason
    assert docs(tmp_path / "table.csv", text_column="body")["table:1"].title == "Gipfel"


def test_html_main_text(tmp_path):
    html = (
        "<html><head><title>Gipfel</title></head><body><nav>Home | Kontakt</nav>"
        "<article><h1>Gipfel in Astana</h1>"
        + "".join(f"<p>{ARTICLE} Absatz {i}.</p>" for i in range(5))
        + "</article><footer>Cookies akzeptieren</footer></body></html>"
    )
    write(tmp_path / "page.html", html)
    doc = docs(tmp_path)["page"]
    assert not doc.skipped
    assert "Generalsekretär" in doc.text_raw and "Home | Kontakt" not in doc.text_raw


def test_stdin_jsonl():
    stream = io.StringIO(
        json.dumps({"text": ARTICLE}) + "\n" + json.dumps({"id": "k", "text": ARTICLE}) + "\n"
    )
    assert sorted(docs("-", stdin=stream)) == ["k", "stdin:1"]


def test_bad_files_are_skipped_with_reasons(tmp_path):
    write(tmp_path / "binary.txt", b"\x00\x01\x02PNG\x00" * 100)
    write(tmp_path / "undecodable.txt", "Grüße aus Astana ".encode("cp1252") + b"\x81\x8d\x90")
    write(tmp_path / "empty.txt", "   \n\n")
    write(tmp_path / "image.png", b"\x89PNG")
    write(tmp_path / "ok.txt", ARTICLE)
    found = docs(tmp_path)
    assert found["binary"].skip_reason == "binary file"
    assert found["empty"].skip_reason == "empty article"
    assert found["undecodable"].skip_reason.startswith("cannot decode text")
    assert found["image"].skip_reason == "unsupported file type .png"
    assert not found["ok"].skipped


def test_missing_and_empty_input(tmp_path):
    with pytest.raises(InputError, match="not found"):
        list(read_corpus(tmp_path / "missing"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no readable articles"):
        list(read_corpus(tmp_path / "empty"))
    with pytest.raises(InputError):
        list(read_corpus("-", stdin=io.StringIO("")))


@pytest.mark.parametrize(
    "data",
    [
        "Grüße aus Astana\nи\n\nletzte Zeile ohne Ende".encode(),
        "ü\r\nzwei\n".encode("utf-8-sig"),
        "Grüße\n€ – cp1252\n".encode("cp1252"),
        ("x" * 40000 + "\nü\n").encode(),
        b"",
    ],
)
def test_decoded_lines_are_the_whole_texts_lines(data):
    lines = decoded_lines(lambda: io.BytesIO(data))
    assert lines is not None
    assert "".join(lines).split("\n") == decode(data).split("\n")


def test_decoded_lines_skip_what_decode_skips_and_leave_utf16_to_it():
    assert decoded_lines(lambda: io.BytesIO("a\nb".encode("utf-16"))) is None
    for data in (
        b"\x00\x01\x02PNG\x00" * 100,
        "Grüße ".encode("cp1252") + b"\x81\x8d\x90",
        b"\x01\x02\x03a" * 50,
    ):
        with pytest.raises(Skip) as expected:
            decode(data)
        with pytest.raises(Skip) as streamed:
            decoded_lines(lambda data=data: io.BytesIO(data))
        assert str(streamed.value) == str(expected.value)


def test_jsonl_is_read_line_by_line_and_only_newlines_end_records(tmp_path, monkeypatch):
    records = [
        {"id": "a", "text": ARTICLE + " Zeile\u2028Absatz\x0cSeite"},
        {"id": "b", "text": ARTICLE},
    ]
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    write(tmp_path / "plain.jsonl", body.encode())
    with gzip.open(tmp_path / "packed.jsonl.gz", "wb") as handle:
        handle.write(body.encode())

    def whole_file_read(self):
        raise AssertionError(f"{self} read whole")

    monkeypatch.setattr(Path, "read_bytes", whole_file_read)
    for name in ("plain.jsonl", "packed.jsonl.gz"):
        found = docs(tmp_path / name)
        assert sorted(found) == ["a", "b"]
        assert found["a"].text_raw == records[0]["text"]
        assert not any(d.skipped for d in found.values())


def test_utf16_jsonl_is_still_read(tmp_path):
    body = json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False) + "\n"
    write(tmp_path / "wide.jsonl", body.encode("utf-16"))
    found = docs(tmp_path / "wide.jsonl")
    assert list(found) == ["a"] and found["a"].text_raw == ARTICLE
