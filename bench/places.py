#!/usr/bin/env python3
"""Speed, memory and accuracy of the geoparser (`eventfold places`) on a geoparsing gold set.

usage: .venv/bin/python bench/places.py [--gold ../shared/bench/geo/gwn.jsonl]

Prints documents per second and peak RSS with the default gazetteer, then the scores of
../shared/bench/geo_score.py (recall, acc@161, e2e acc@161). Targets: >= 50 documents/s,
< 1 GB RSS; acc@161 >= 0.95 on GeoWebNews and >= 0.92 on TR-News with recall >= 0.85.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import eventfold
from eventfold.nlp import pipeline_for
from eventfold.places.api import places_of
from eventfold.read import record_to_document

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, nargs="*",
                    default=[SHARED / "bench/geo/gwn.jsonl", SHARED / "bench/geo/trnews.jsonl"])
    args = ap.parse_args()
    pipeline = eventfold.Pipeline(components=("parse", "places"))
    for gold in args.gold:
        records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
        docs = [record_to_document({"id": r["id"], "text": r["text"], "language": "en"}, gold.name, r["id"])
                for r in records]
        pipeline_for("en")  # the model loads once, before the clock starts
        started = time.perf_counter()
        out = [{"id": d.id, "places": places_of(pipeline, d)} for d in docs]
        took = time.perf_counter() - started
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{gold.name}: {len(docs) / took:.1f} documents/s, peak RSS {rss:.0f} MB")
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
            f.writelines(json.dumps(o, ensure_ascii=False) + "\n" for o in out)
        scorer = SHARED / "bench/geo_score.py"
        if scorer.exists():
            subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--pred", f.name], check=False)
        Path(f.name).unlink()


if __name__ == "__main__":
    main()
