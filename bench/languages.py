#!/usr/bin/env python3
"""Per-language accuracy and speed on our development corpora (bench/corpus/<code>/).

usage: .venv/bin/python bench/languages.py [--lang es,de,...] [--detail]

Each folder holds articles written by us in the style of that language's press, with gold
events in the shape of ../shared/bench/seed/gold.jsonl. For every language it prints the
scores of ../shared/bench/score.py (precision, recall, F1; target F1 >= 0.8), the events
extracted from articles that report none (ids ending in "-noevent", which score.py cannot
see), predictions that break the corpus's forbidden.json, and the pipeline's articles and
words per second. --detail also prints score.py's per-event report.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import eventfold
from eventfold.read import record_to_document

ROOT = Path(__file__).resolve().parent
SCORER = ROOT.parent.parent / "shared" / "bench" / "score.py"


def run_language(pipeline: eventfold.Pipeline, folder: Path, detail: bool) -> dict:
    records = [json.loads(line) for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip()]
    docs = [record_to_document(r, f"{folder.name}:{i}", r["id"]) for i, r in enumerate(records, 1)]
    started = time.perf_counter()
    results = list(pipeline.run(docs))
    took = time.perf_counter() - started
    events = [ev.to_dict() for res in results for ev in (res.events or [])]
    noevent = sum(1 for res in results if res.doc_id and res.doc_id.endswith("-noevent") for _ in res.events or [])
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        f.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in events)
    out = subprocess.run([sys.executable, str(SCORER), "--gold", str(folder), "--pred", f.name, "--json"],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):  # 1: a prediction broke forbidden.json, reported below
        sys.exit(f"bench/languages.py: score.py failed on {folder}: {out.stderr.strip()}")
    if detail:
        print(subprocess.run([sys.executable, str(SCORER), "--gold", str(folder), "--pred", f.name],
                             capture_output=True, text=True).stdout)
    Path(f.name).unlink()
    score = json.loads(out.stdout)
    words = sum(len(d.text.split()) for d in docs)
    return {"articles": len(docs), "gold": score["gold_required"], "predicted": score["predicted"],
            "precision": score["precision"], "recall": score["recall"], "f1": score["f1"],
            "noevent_events": noevent, "forbidden": len(score["forbidden"]),
            "articles_s": len(docs) / took, "words_s": words / took,
            "fields": score["field_accuracy"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", help="comma-separated language codes (default: every corpus folder)")
    ap.add_argument("--detail", action="store_true")
    args = ap.parse_args()
    if not SCORER.exists():
        sys.exit(f"bench/languages.py: {SCORER} not found (../shared beside the checkout)")
    folders = sorted(p for p in (ROOT / "corpus").iterdir() if (p / "gold.jsonl").is_file())
    if args.lang:
        wanted = set(args.lang.split(","))
        folders = [p for p in folders if p.name in wanted]
    pipeline = eventfold.Pipeline()
    pipeline.warm()  # every language's models and data load once, before any clock starts
    print(f"{'lang':4} {'art':>4} {'gold':>4} {'pred':>4} {'P':>6} {'R':>6} {'F1':>6} {'noev':>4} {'forb':>4} "
          f"{'art/s':>6} {'words/s':>8}  actor1 actor2 date  place")
    for folder in folders:
        r = run_language(pipeline, folder, args.detail)
        fa = r["fields"]
        print(f"{folder.name:4} {r['articles']:4} {r['gold']:4} {r['predicted']:4} {r['precision']:6.3f} "
              f"{r['recall']:6.3f} {r['f1']:6.3f} {r['noevent_events']:4} {r['forbidden']:4} "
              f"{r['articles_s']:6.1f} {r['words_s']:8.0f}  "
              f"{fa.get('actor1', 0):.2f}   {fa.get('actor2', 0):.2f}   {fa.get('exact_date', 0):.2f}  "
              f"{fa.get('location_tight', 0):.2f}", flush=True)


if __name__ == "__main__":
    main()
