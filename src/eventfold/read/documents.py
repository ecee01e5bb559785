"""Input formats: .txt, .html/.htm, .jsonl records, directories of these, and stdin."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from eventfold.read.decode import DecodeError, decode
from eventfold.read.html import html_to_text

MAX_TEXT_CHARS = 2_000_000  # a news report is far smaller; beyond this it is not one
SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl"}


@dataclass
class Document:
    """One news report as read, before any processing."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    publisher: str | None = None
    language: str | None = None
    origin: str = ""  # file (and line) it came from, for messages


@dataclass
class ReadError:
    """An input that could not be read; `origin` names the file and line or record."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def parse_date(value: Any) -> date | None:
    if not value:
        return None
    if isinstance(value, date):
        return value if not isinstance(value, datetime) else value.date()
    s = str(value).strip()
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def record_to_document(rec: Any, origin: str, default_id: str) -> Document | ReadError:
    """Turn one JSON record ({id, text|html, url, title, published, publisher, language})."""
    if not isinstance(rec, dict):
        return ReadError(origin, f"expected a JSON object, got {type(rec).__name__}")
    text, html = rec.get("text"), rec.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return ReadError(origin, "record has neither 'text' nor 'html' as a string")
    meta: dict[str, Any] = {}
    if not isinstance(text, str) or not text.strip():
        extracted = html_to_text(html or "")
        text = extracted.text
        meta = {"title": extracted.title, "url": extracted.url, "published": extracted.published}
    doc_id = str(rec.get("id") or default_id)
    return make_document(
        doc_id, text, origin,
        title=rec.get("title") or meta.get("title"),
        url=rec.get("url") or meta.get("url"),
        published=parse_date(rec.get("published")) or parse_date(meta.get("published")),
        publisher=rec.get("publisher"),
        language=rec.get("language"),
    )


def make_document(doc_id: str, text: str, origin: str, **meta: Any) -> Document | ReadError:
    if not text or not text.strip():
        return ReadError(origin, "empty document: no text")
    if len(text) > MAX_TEXT_CHARS:
        return ReadError(origin, f"document too large ({len(text):,} characters; limit {MAX_TEXT_CHARS:,})")
    return Document(id=doc_id, text=text, origin=origin, **meta)


def _read_jsonl(lines: Iterable[str], name: str, stem: str) -> Iterator[Document | ReadError]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        origin = f"{name}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            yield ReadError(origin, f"invalid JSON: {e.msg} at column {e.colno}")
            continue
        yield record_to_document(rec, origin, f"{stem}-{n}")


def _read_bytes(data: bytes, kind: str, name: str, stem: str) -> Iterator[Document | ReadError]:
    if not data.strip():
        yield ReadError(name, "empty file")
        return
    try:
        text = decode(data)
    except DecodeError as e:
        yield ReadError(name, str(e))
        return
    if kind == "jsonl":
        yield from _read_jsonl(text.splitlines(), name, stem)
    elif kind == "html":
        extracted = html_to_text(text)
        yield make_document(stem, extracted.text, name, title=extracted.title, url=extracted.url,
                        published=parse_date(extracted.published))
    else:
        yield make_document(stem, text, name)


def _sniff(data: bytes) -> str:
    head = data.lstrip()[:200].lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in data[:5000].lower():
        return "html"
    return "text"


def input_files(inputs: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """The files the inputs name, in reading order (directories recursively, sorted); "-" is
    passed through as a Path for stdin."""
    for item in inputs:
        if str(item) == "-":
            yield Path("-")
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield ReadError(str(path), "directory holds no .txt, .html or .jsonl file")
            yield from files
        elif path.is_file():
            yield path
        else:
            yield ReadError(str(path), "no such file or directory")


def read_inputs(inputs: Iterable[str | Path]) -> Iterator[Document | ReadError]:
    """Yield a Document or a ReadError for every report in the inputs, in order."""
    for item in input_files(inputs):
        if isinstance(item, ReadError):
            yield item
        elif str(item) == "-":
            data = sys.stdin.buffer.read()
            yield from _read_bytes(data, _sniff(data), "<stdin>", "stdin")
        else:
            yield from _read_path(item)


def _read_path(path: Path) -> Iterator[Document | ReadError]:
    try:
        data = path.read_bytes()
    except OSError as e:
        yield ReadError(str(path), f"cannot read: {e.strerror}")
        return
    yield from read_file_bytes(data, path)


def read_file_bytes(data: bytes, path: Path) -> Iterator[Document | ReadError]:
    """The reports in one file's bytes (for engines that read files elsewhere)."""
    kind = SUFFIXES.get(path.suffix.lower()) or _sniff(data)
    yield from _read_bytes(data, kind, str(path), path.stem)
