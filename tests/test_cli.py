"""The command line on real files: output, summary line, exit status, atomic output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

EVENTFOLD = [sys.executable, "-m", "eventfold.cli"]
ARTICLE = ("Sudanese army airstrikes hit a market in Nyala on Monday, killing at least fifteen people, medics said.\n\n"
           "The Rapid Support Forces said the strike targeted civilians.")


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([*EVENTFOLD, *args], input=stdin, capture_output=True, text=True, env=os.environ.copy())


def test_extract_files_and_directories(tmp_path: Path, validate):
    src = tmp_path / "in"
    (src / "nested").mkdir(parents=True)
    (src / "nested" / "nyala.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "batch.jsonl").write_text(
        json.dumps({"id": "r1", "text": ARTICLE, "published": "2024-03-06", "publisher": "Radio Dabanga",
                    "url": "https://example.org/r1"}) + "\n{broken\n", encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    res = run("extract", str(src), "-o", str(out))
    assert res.returncode == 0, res.stderr
    events = [validate(json.loads(line)) for line in out.read_text(encoding="utf-8").splitlines()]
    docs = {e["sources"][0]["doc_id"] for e in events}
    assert docs == {"r1", "nyala"}
    r1 = next(e for e in events if e["sources"][0]["doc_id"] == "r1")
    assert r1["sources"][0]["publisher"] == "Radio Dabanga" and r1["sources"][0]["url"] == "https://example.org/r1"
    assert r1["event_date"] == "2024-03-04"
    lines = res.stderr.strip().splitlines()
    assert any("batch.jsonl:2" in line and "invalid JSON" in line for line in lines)
    assert any("empty.txt" in line and "empty" in line for line in lines)
    assert "2 documents read, 2 skipped" in lines[-1] and f"{len(events)} events extracted" in lines[-1]


def test_stdin_text(validate):
    res = run("extract", "-", "-o", "-", stdin=ARTICLE)
    assert res.returncode == 0, res.stderr
    events = [validate(json.loads(line)) for line in res.stdout.splitlines()]
    assert events and events[0]["sources"][0]["doc_id"] == "stdin"


def test_nothing_readable_fails_and_keeps_previous_output(tmp_path: Path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json}\n", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    res = run("extract", str(bad), str(tmp_path / "missing.html"), "-o", str(out))
    assert res.returncode == 1
    assert "bad.jsonl:1: invalid JSON" in res.stderr and "missing.html: no such file" in res.stderr
    assert out.read_text(encoding="utf-8") == "previous\n"  # replaced only by a run that read something
    assert not list(tmp_path.glob(".events.jsonl.*.tmp"))


def test_unsupported_language_is_skipped_with_reason(tmp_path: Path):
    p = tmp_path / "hu.txt"
    p.write_text("Hétfőn légicsapás érte a niyalai piacot, legalább tizenöt ember meghalt – közölték az orvosok.",
                 encoding="utf-8")
    res = run("extract", str(p), "-o", "-")
    assert res.returncode == 0
    assert "language 'hu' not supported" in res.stderr
    assert "1 documents read, 1 skipped" in res.stderr
