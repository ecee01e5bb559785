"""Shared fixtures: one real Pipeline per test session, the event schema validator."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import eventfold
from eventfold.language.data import data_path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def pipeline() -> eventfold.Pipeline:
    return eventfold.Pipeline()


@pytest.fixture(scope="session")
def validate():
    schema = json.loads(data_path("event.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())

    def check(event: dict) -> dict:
        validator.validate(event)
        return event
    return check


@pytest.fixture(scope="session")
def extract(pipeline, validate):
    """Events of a text as schema-valid dicts."""
    def run(text: str, published: str = "2024-03-06", language: str | None = None, doc_id: str = "t") -> list[dict]:
        doc = eventfold.Document(id=doc_id, text=text, published=eventfold.read.documents.parse_date(published),
                                 language=language, publisher="Test Wire")
        return [validate(e.to_dict()) for e in pipeline.extract(doc)]
    return run


@pytest.fixture(scope="session")
def served_store(tmp_path_factory) -> Path:
    """A store filled by the real CLI with events of our written reports (several languages, outlets)."""
    import subprocess
    import sys

    db = tmp_path_factory.mktemp("served") / "events.db"
    reports = ROOT / "bench" / "merge" / "reports.jsonl"
    res = subprocess.run([sys.executable, "-m", "eventfold.cli", "extract", str(reports), str(ROOT / "examples"),
                          "--db", str(db), "--workers", "1"], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    return db


def one(events: list[dict]) -> dict:
    """The only event of a list (the failure lists what came instead)."""
    assert len(events) == 1, [(e["event_type"], e["sub_event_type"], e["location"]["name"], e["event_date"])
                              for e in events]
    return events[0]


def start_server(db: Path, *flags: str):
    """`eventfold serve` as a real process on a free port; returns (process, base URL)."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "eventfold.cli", "serve", "--db", str(db), "--port", str(port),
                             *flags], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError(f"server did not start: {proc.stderr.read().decode()[-2000:]}")


@pytest.fixture(scope="session")
def server(served_store):
    proc, base = start_server(served_store, "--token", "s3cret")
    yield base
    proc.terminate()
    proc.wait(timeout=10)
