"""Cross-report merging: pairwise precision/recall/F1 on bench/merge/reports.jsonl, and merge time.

Each line of the corpus is a report with a `cluster`: reports of one real event share it;
look-alikes (same place another day, another town the same day, another kind of event) have
their own. Two reports are predicted together when the store files an event of both under
one event id. Merge time is measured by filling a store with synthetic events (copies of the
corpus events moved in time and space) and timing each further thousand.

    .venv/bin/python bench/merge.py [--synthetic 5000] [--json]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import eventfold
from eventfold.event import Mention, Source
from eventfold.read.documents import parse_date
from eventfold.store import open_store

CORPUS = Path(__file__).with_name("merge") / "reports.jsonl"


def pairs(groups: dict[str, set[str]]) -> set[tuple[str, str]]:
    out = set()
    for members in groups.values():
        out |= {tuple(sorted(p)) for p in itertools.combinations(members, 2)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--synthetic", type=int, default=5000, help="stored events for the timing run")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    pipeline = eventfold.Pipeline()
    extracted = {}
    for r in records:
        doc = eventfold.Document(id=r["id"], text=r["text"], published=parse_date(r["published"]),
                                 publisher=r["publisher"], language=r["language"], origin=r["id"])
        extracted[r["id"]] = (doc, pipeline.extract(doc))

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "merge.db")
        started = time.perf_counter()
        for doc, events in extracted.values():
            store.add(doc, events)
        corpus_seconds = time.perf_counter() - started
        by_event: dict[str, set[str]] = {}
        for row in store.db.execute("SELECT event_id, doc_id FROM event_sources"):
            by_event.setdefault(row[0], set()).add(row[1])
        store.close()
    gold: dict[str, set[str]] = {}
    for r in records:
        gold.setdefault(r["cluster"], set()).add(r["id"])
    want, got = pairs(gold), pairs(by_event)
    tp = len(want & got)
    precision = tp / len(got) if got else 1.0
    recall = tp / len(want) if want else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    missing = [rid for rid, (_, evs) in extracted.items() if not evs]

    timing = time_merging(extracted, args.synthetic)
    result = {"reports": len(records), "clusters": len(gold), "gold_pairs": len(want), "predicted_pairs": len(got),
              "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
              "reports_without_events": missing, "corpus_merge_ms_per_report": round(1000 * corpus_seconds
                                                                                      / len(records), 1),
              "merge_seconds_per_1000_events": timing}
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    print(f"merge: {len(records)} reports, {len(gold)} clusters, {len(want)} gold pairs, {len(got)} predicted")
    print(f"  pairwise precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    for a, b in sorted(want - got):
        print(f"  missed: {a} + {b}")
    for a, b in sorted(got - want):
        print(f"  wrongly merged: {a} + {b}")
    if missing:
        print(f"  reports without events: {', '.join(missing)}")
    print(f"  corpus merge: {result['corpus_merge_ms_per_report']} ms per report (embeddings included)")
    for stored, seconds in timing.items():
        print(f"  merging 1,000 events into a store of {stored} events: {seconds:.2f} s")


def time_merging(extracted, total: int) -> dict[str, float]:
    """Fill a store with `total` synthetic events (corpus events moved up to ten years back and a few
    hundred km away, with their own documents) and time each thousand."""
    rng = random.Random(7)
    templates = [(doc, ev) for doc, evs in extracted.values() for ev in evs]
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "timing.db")
        started = time.perf_counter()
        for i in range(total):
            doc, ev = rng.choice(templates)
            doc_id = f"synthetic-{i}"
            day = ev.event_date - timedelta(days=rng.randrange(0, 3650))
            loc = replace(ev.location, lat=ev.location.lat + rng.uniform(-3, 3),
                          lon=ev.location.lon + rng.uniform(-3, 3), gazetteer_id=None)
            text = f"{ev.mentions[0].text} (report {i})"
            moved = replace(ev, event_id=f"ev-syn-{i}", event_date=day, location=loc,
                            sources=[Source(doc_id, f"Outlet {i % 50}")],
                            mentions=[Mention(doc_id, 0, len(text), text)])
            store.add(replace(doc, id=doc_id, text=text), [moved])
            if (i + 1) % 1000 == 0:
                out[f"{i + 1 - 1000:,}-{i + 1:,}"] = round(time.perf_counter() - started, 2)
                started = time.perf_counter()
        store.close()
    return out


if __name__ == "__main__":
    main()
