"""The event store on real databases: a SQLite file and a PostgreSQL server.

PostgreSQL tests run when EVENTFOLD_TEST_PG names a server (`.ci/run` starts one with
scripts/pg-start); with EVENTFOLD_REQUIRE_PG=1 (as in CI) its absence is a failure.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pyarrow.parquet as pq
import pytest

import eventfold
from eventfold.export import ACLED_COLUMNS, export
from eventfold.read.documents import parse_date
from eventfold.store import EventFilter, open_store

PG = os.environ.get("EVENTFOLD_TEST_PG")
# Wall-clock columns: the only ones allowed to differ between two runs over the same input.
CLOCK_COLUMNS = {"processed_at", "created_at", "updated_at", "changed_at"}
TABLES = {"documents": "seq", "events": "n", "event_sources": "event_id, doc_id",
          "mentions": "event_id, doc_id, start_char", "event_history": "event_id, seq, field"}


def _new_pg_database() -> str:
    import psycopg

    name = f"eventfold_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return PG.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "events.db")
    if not PG:
        if os.environ.get("EVENTFOLD_REQUIRE_PG") == "1":
            pytest.fail("EVENTFOLD_TEST_PG is not set but EVENTFOLD_REQUIRE_PG=1: start scripts/pg-start")
        pytest.skip("no PostgreSQL server (set EVENTFOLD_TEST_PG)")
    return _new_pg_database()


def doc(doc_id: str, text: str, published: str, publisher: str, language: str) -> eventfold.Document:
    return eventfold.Document(id=doc_id, text=text, published=parse_date(published), publisher=publisher,
                              language=language, origin=doc_id)


MARKET_EN = doc("wire-en-1", "EL FASHER, Sudan, Feb 11 (Wire A) - A drone strike by the Rapid Support Forces hit a "
                "crowded market in El Fasher on Tuesday, killing at least 12 civilians, local medics said.",
                "2025-02-11", "Wire A", "en")
MARKET_FR = doc("agence-fr-1", "Une frappe de drone des Forces de soutien rapide (FSR) a visé mardi un marché bondé "
                "d'El Fasher, au Darfour-Nord, tuant neuf civils, selon des secouristes.", "2025-02-12",
                "Agence B", "fr")
HOSPITAL_EN = doc("wire-en-2", "A drone strike by the RSF hit the main hospital in El Fasher on Thursday, killing "
                  "four patients, medics said.", "2025-02-14", "Wire A", "en")
NYALA_EN = doc("wire-en-3", "Sudanese army warplanes bombed RSF positions in Nyala on Tuesday, killing 20 fighters, "
               "a military source said.", "2025-02-11", "Wire C", "en")


def add_all(store, pipeline, docs) -> list:
    return [store.add(d, pipeline.extract(d)) for d in docs]


def dump(store) -> dict[str, list[tuple]]:
    """Every table's rows without the wall-clock columns, in a stable order."""
    out = {}
    for table, order in TABLES.items():
        cur = store.db.execute(f"SELECT * FROM {table} ORDER BY {order}")
        names = [d[0] for d in cur.description]
        keep = [i for i, n in enumerate(names) if n not in CLOCK_COLUMNS]
        out[table] = [tuple(bytes(r[i]) if isinstance(r[i], memoryview) else r[i] for i in keep)
                      for r in cur.fetchall()]
    return out


def test_reports_in_two_languages_merge_and_disagreements_resolve(target, pipeline):
    with open_store(target) as store:
        first, second, hospital, nyala = add_all(store, pipeline, [MARKET_EN, MARKET_FR, HOSPITAL_EN, NYALA_EN])
        assert len(first.created) == 1 and not first.updated
        # The French report of the same strike joins the English one.
        assert second.updated == first.created and not second.created
        # Another strike on the same town two days later, and a strike elsewhere the same day, stay apart.
        assert len(hospital.created) == 1 and len(nyala.created) == 1
        assert store.count() == 3
        merged = store.get(first.created[0])
        assert [s.doc_id for s in merged.sources] == ["wire-en-1", "agence-fr-1"]
        assert {m.doc_id for m in merged.mentions} == {"wire-en-1", "agence-fr-1"}
        # Reports disagree on the toll (12, then 9): the event carries the lowest, as ACLED does,
        # each source keeps its own figure, and the change is in the history.
        assert merged.fatalities == 9
        assert [r.fatalities for r in store.reports(merged.event_id)] == [12, 9]
        history = store.history(merged.event_id)
        assert {"field": "fatalities", "old": "12", "new": "9", "doc_id": "agence-fr-1"}.items() <= history[0].items()
        assert merged.event_date.isoformat() == "2025-02-11" and merged.location.country == "SDN"


def test_adding_the_same_documents_again_changes_nothing(target, pipeline):
    with open_store(target) as store:
        add_all(store, pipeline, [MARKET_EN, MARKET_FR, HOSPITAL_EN])
        before = dump(store)
        ids = [e.event_id for e in store.events()]
        again = add_all(store, pipeline, [MARKET_EN, MARKET_FR, HOSPITAL_EN])
        assert [r.status for r in again] == ["unchanged"] * 3
        assert dump(store) == before and [e.event_id for e in store.events()] == ids
        assert list(store.pending([MARKET_EN, HOSPITAL_EN])) == []


def test_a_corrected_report_replaces_what_its_first_version_said(target, pipeline):
    with open_store(target) as store:
        add_all(store, pipeline, [MARKET_EN, MARKET_FR])
        event_id = next(store.events()).event_id
        corrected = doc("agence-fr-1", MARKET_FR.text.replace("neuf civils", "onze civils"), "2025-02-12",
                        "Agence B", "fr")
        assert store.add(corrected, pipeline.extract(corrected)).updated == [event_id]
        assert store.count() == 1
        ev = store.get(event_id)
        assert ev.fatalities == 11 and len(ev.sources) == 2
        assert sorted(r.fatalities for r in store.reports(event_id)) == [11, 12]


def test_exports_read_back_field_by_field(target, pipeline, tmp_path: Path):
    with open_store(target) as store:
        add_all(store, pipeline, [MARKET_EN, MARKET_FR, HOSPITAL_EN, NYALA_EN])
        events = {e.event_id: e for e in store.events()}
        assert export(store, "acled-csv", tmp_path / "e.csv") == 3
        with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            assert tuple(reader.fieldnames) == ACLED_COLUMNS
            rows = list(reader)
        assert [r["event_date"] for r in rows] == sorted(e.event_date.isoformat() for e in events.values())
        for row in rows:
            ev = next(e for e in events.values() if e.notes == row["notes"])
            assert row["event_id_cnty"].startswith("SDN") and row["iso"] == "729" and row["country"] == "Sudan"
            assert row["region"] == "Northern Africa" and row["year"] == str(ev.event_date.year)
            assert row["event_type"] == ev.event_type and row["sub_event_type"] == ev.sub_event_type
            assert row["actor1"] == ev.actor1.name and row["actor2"] == (ev.actor2.name if ev.actor2 else "")
            assert float(row["latitude"]) == ev.location.lat and float(row["longitude"]) == ev.location.lon
            assert row["fatalities"] == str(ev.fatalities or 0) and row["time_precision"] == "1"
            assert row["disorder_type"] == "Political violence" and int(row["timestamp"]) > 1_600_000_000
            assert row["source"] == "; ".join(s.publisher for s in ev.sources)
            inter1 = {"State forces": "1", "Rebel group": "2", "Political militia": "3"}[ev.actor1.type]
            assert row["inter1"] == inter1
        market = next(r for r in rows if r["fatalities"] == "9")
        assert market["civilian_targeting"] == "Civilian targeting" and market["inter2"] == "7"
        assert market["interaction"] == "37"

        assert export(store, "geojson", tmp_path / "e.geojson", EventFilter(min_fatalities=5)) == 2
        fc = json.loads((tmp_path / "e.geojson").read_text(encoding="utf-8"))
        assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 2
        for f in fc["features"]:
            ev = events[f["id"]]
            assert f["geometry"]["coordinates"] == [ev.location.lon, ev.location.lat]
            assert f["properties"]["fatalities"] == ev.fatalities and f["properties"]["location"] == ev.location.name

        assert export(store, "parquet", tmp_path / "e.parquet") == 3
        table = pq.read_table(tmp_path / "e.parquet")
        assert str(table.schema.field("event_date").type) == "date32[day]"
        assert str(table.schema.field("latitude").type) == "double"
        for rec in table.to_pylist():
            ev = events[rec["eventfold_id"]]
            assert rec["event_date"] == ev.event_date and rec["fatalities"] == (ev.fatalities or 0)
            assert rec["actor1"] == ev.actor1.name and rec["source_count"] == len(ev.sources)

        assert export(store, "jsonl", tmp_path / "e.jsonl", EventFilter(since=parse_date("2025-02-12"))) == 1
        (line,) = (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()
        assert json.loads(line) == events[json.loads(line)["event_id"]].to_dict()


def test_filters_and_pages(target, pipeline):
    with open_store(target) as store:
        add_all(store, pipeline, [MARKET_EN, MARKET_FR, HOSPITAL_EN, NYALA_EN])
        assert store.count(EventFilter(actor="rapid support")) == 3
        assert store.count(EventFilter(actor="Military Forces of Sudan")) == 1
        assert store.count(EventFilter(text="HOSPITAL")) == 1
        assert store.count(EventFilter(text="marché")) == 1  # evidence in French
        assert store.count(EventFilter(bbox=(25.0, 13.0, 26.0, 14.0))) == 2  # El Fasher, not Nyala
        assert store.count(EventFilter(country="SDN", until=parse_date("2025-02-11"))) == 2
        assert store.count(EventFilter(text="100%_")) == 0
        first, cursor = store.page(None, 2)
        rest, end = store.page(None, 2, cursor)
        assert len(first) == 2 and len(rest) == 1 and end is None
        assert [e.event_id for e in first + rest] == [e.event_id for e in store.events()]
        with pytest.raises(ValueError, match="cursor"):
            store.page(None, 2, "garbage")


def test_sqlite_store_opens_as_plain_tables(tmp_path: Path, pipeline):
    import sqlite3

    path = tmp_path / "events.db"
    with open_store(path) as store:
        add_all(store, pipeline, [MARKET_EN, NYALA_EN])
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {"documents", "events", "event_sources", "mentions", "event_history", "acled_events"} <= names
    assert conn.execute("SELECT COUNT(*) FROM acled_events WHERE country = 'Sudan'").fetchone()[0] == 2


def test_a_file_that_is_not_a_store_is_refused_clearly(tmp_path: Path):
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"this is not a database at all" * 100)
    result = subprocess.run([sys.executable, "-m", "eventfold.cli", "export", "--db", str(bad), "--format",
                             "jsonl", "-o", str(tmp_path / "x.jsonl")], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and str(bad) in result.stderr
    assert bad.read_bytes().startswith(b"this is not a database")


# -- kill -9 and resume, through the command line ----------------------------------------------------------

TOWNS = [("Nyala", "Sudan"), ("El Obeid", "Sudan"), ("Kadugli", "Sudan"), ("Gao", "Mali"), ("Mopti", "Mali"),
         ("Kidal", "Mali"), ("Djibo", "Burkina Faso"), ("Maiduguri", "Nigeria"), ("Goma", "DR Congo"),
         ("Beni", "DR Congo"), ("Mogadishu", "Somalia"), ("Kismayo", "Somalia")]


def corpus(path: Path) -> Path:
    """Reports from several outlets; some tell the same attack, so resuming must merge the same way."""
    lines = []
    for i, (town, country) in enumerate(TOWNS):
        day = 3 + i
        for outlet in ("Wire A", "Wire B", "Wire C"):
            killed = 5 + i + (outlet != "Wire A")
            text = (f"Gunmen attacked a village near {town}, {country}, on {day} March 2024, killing {killed} "
                    f"civilians, residents told {outlet}.\n\nSecurity forces later arrived in the area.")
            lines.append({"id": f"{outlet[-1].lower()}-{i:02d}", "text": text, "published": f"2024-03-{day + 1:02d}",
                          "publisher": outlet, "language": "en"})
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    return path


def cli(*args: str) -> subprocess.Popen:
    # One worker: documents reach the store one batch at a time, so the kill lands mid-run.
    return subprocess.Popen([sys.executable, "-m", "eventfold.cli", *args, "--workers", "1"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def stored_documents(target: str) -> int:
    try:
        with open_store(target) as store:
            return len(store.documents())
    except Exception:
        return 0


def test_a_run_killed_midway_resumes_to_the_same_store(target, tmp_path: Path):
    inputs = corpus(tmp_path / "reports.jsonl")
    reference = str(tmp_path / "reference.db") if "://" not in target else _new_pg_database()
    done = cli("extract", str(inputs), "--db", reference)
    assert done.wait(timeout=300) == 0, done.stderr.read()

    victim = cli("extract", str(inputs), "--db", target)
    deadline = time.time() + 240
    while stored_documents(target) < 5 and time.time() < deadline and victim.poll() is None:
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    killed_at = stored_documents(target)
    assert 0 < killed_at < 3 * len(TOWNS), "the kill should land in the middle of the run"

    resumed = cli("extract", str(inputs), "--db", target)
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    assert f"{killed_at} documents already stored" in err
    with open_store(target) as got, open_store(reference) as want:
        assert dump(got) == dump(want)
        assert got.count() == len(TOWNS)  # each attack once, told by three outlets
        assert all(len(e.sources) == 3 for e in got.events())
