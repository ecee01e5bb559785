"""Engines give the same events as one process: a process pool and a real local Ray."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventfold.store import open_store

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [str(ROOT / "bench" / "merge" / "reports.jsonl"), str(ROOT / "examples")]


def extract(tmp_path: Path, name: str, *flags: str) -> tuple[list[dict], Path]:
    out, db = tmp_path / f"{name}.jsonl", tmp_path / f"{name}.db"
    res = subprocess.run([sys.executable, "-m", "eventfold.cli", "extract", *INPUTS, "-o", str(out), "--db", str(db),
                          *flags], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()], db


def store_rows(db: Path) -> list[tuple]:
    with open_store(db) as store:
        return [(e.event_id, e.to_dict()) for e in store.events(oldest_first=True)]


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> tuple[list[dict], list[tuple]]:
    events, db = extract(tmp_path_factory.mktemp("single"), "single", "--workers", "1")
    assert len(events) > 20
    return events, store_rows(db)


def test_two_processes_give_what_one_gives(single, tmp_path: Path):
    events, db = extract(tmp_path, "pool", "--workers", "2")
    assert events == single[0]  # same events, same ids, same order
    assert store_rows(db) == single[1]


def test_ray_gives_what_one_process_gives(single, tmp_path: Path):
    events, db = extract(tmp_path, "ray", "--engine", "ray", "--workers", "2")
    assert events == single[0]
    assert store_rows(db) == single[1]
