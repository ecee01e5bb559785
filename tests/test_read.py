"""Read stage: every input format, and every kind of bad input reported with its origin."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from eventfold.read import Document, ReadError, read_inputs

HTML = """<!doctype html><html><head><title>Protest in Dakar</title>
<meta property="article:published_time" content="2024-05-02T10:00:00Z"></head>
<body><nav>Home | World | Africa</nav><article><h1>Protest in Dakar</h1>
<p>Thousands of students marched through central Dakar on Wednesday to demand the release of detained
classmates, witnesses said, in one of the largest demonstrations in the Senegalese capital this year.</p>
<p>Police fired tear gas to disperse the crowd near the university, according to a Reuters witness.</p>
</article><footer>Copyright 2024</footer></body></html>"""


def _read(*paths) -> list:
    return list(read_inputs([str(p) for p in paths]))


def test_text_file_uses_file_stem_as_id(tmp_path: Path):
    p = tmp_path / "report-17.txt"
    p.write_text("Gunmen attacked a village in northern Mali on Monday.", encoding="utf-8")
    [doc] = _read(p)
    assert isinstance(doc, Document) and doc.id == "report-17"
    assert doc.text.startswith("Gunmen attacked")


def test_html_main_text_and_metadata(tmp_path: Path):
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    [doc] = _read(p)
    assert "tear gas" in doc.text and "Home | World" not in doc.text
    assert doc.published == date(2024, 5, 2)
    assert doc.title == "Protest in Dakar"


def test_jsonl_records_and_bad_lines(tmp_path: Path):
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Un texte.", "published": "2024-01-02", "publisher": "AFP", "language": "fr"}),
        "{not json",
        json.dumps({"id": "b", "html": HTML}),
        json.dumps({"id": "c"}),
        json.dumps(["a list"]),
        "",
        json.dumps({"id": "d", "text": "   "}),
    ]
    p.write_text("\n".join(lines), encoding="utf-8")
    out = _read(p)
    docs = [x for x in out if isinstance(x, Document)]
    errors = [x for x in out if isinstance(x, ReadError)]
    assert [d.id for d in docs] == ["a", "b"]
    assert docs[0].published == date(2024, 1, 2) and docs[0].publisher == "AFP" and docs[0].language == "fr"
    assert "tear gas" in docs[1].text
    assert [e.origin for e in errors] == [f"{p}:2", f"{p}:4", f"{p}:5", f"{p}:7"]
    assert "invalid JSON" in errors[0].reason and "neither 'text' nor 'html'" in errors[1].reason
    assert "empty" in errors[3].reason


def test_directory_is_read_recursively_in_order(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    assert [d.id for d in _read(tmp_path)] == ["b", "a"]


def test_bad_files_are_reported_not_fatal(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Les forces de sécurité ont arrêté vingt manifestants à Bamako.".encode("latin-1"))
    huge = tmp_path / "huge.txt"
    huge.write_text("word " * 500_000, encoding="utf-8")
    out = _read(empty, binary, latin1, huge, tmp_path / "missing.txt")
    assert isinstance(out[0], ReadError) and "empty" in out[0].reason
    assert isinstance(out[1], ReadError) and "binary" in out[1].reason
    assert isinstance(out[2], Document) and "sécurité" in out[2].text
    assert isinstance(out[3], ReadError) and "too large" in out[3].reason
    assert isinstance(out[4], ReadError) and "no such file" in out[4].reason


def test_stdin_jsonl_is_sniffed():
    code = "import sys; from eventfold.read import read_inputs; print([d.id for d in read_inputs(['-'])])"
    rec = json.dumps({"id": "from-stdin", "text": "Hello."})
    out = subprocess.run([sys.executable, "-c", code], input=rec, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['from-stdin']"
