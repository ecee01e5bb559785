#!/usr/bin/env python3
"""Throughput of the full pipeline against spaCy alone, on the same texts.

usage: .venv/bin/python bench/throughput.py [--articles N] [--input FILE.jsonl ...]

Articles come from bench/corpus/*/articles.jsonl (our own development corpus), repeated
with fresh ids until there are N of them. Prints articles/s and peak RSS for the full
pipeline, then the time spaCy alone takes to parse the same cleaned texts, and the ratio.
Target: full pipeline within 1.5x spaCy alone, under 1.5 GB RSS.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

import eventfold
from eventfold.nlp import pipeline_for
from eventfold.read import record_to_document

HERE = Path(__file__).resolve().parent


def load_articles(n: int, sources: list[Path]) -> list[eventfold.Document]:
    records = []
    for path in sources:
        records += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not records:
        sys.exit(f"bench/throughput.py: no articles in {', '.join(map(str, sources)) or 'bench/corpus/*/'}")
    docs = []
    while len(docs) < n:
        rec = dict(records[len(docs) % len(records)], id=f"bench-{len(docs)}")
        docs.append(record_to_document(rec, f"bench:{len(docs)}", rec["id"]))
    return docs


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=240)
    ap.add_argument("--input", type=Path, nargs="*", help="JSONL files of articles (default: bench/corpus/*/)")
    args = ap.parse_args()
    docs = load_articles(args.articles, args.input or sorted(HERE.glob("corpus/*/articles.jsonl")))
    pipeline = eventfold.Pipeline()
    pipeline.extract(docs[0])  # load every model before timing
    started = time.perf_counter()
    n_events = sum(len(r.events or []) for r in pipeline.run(docs))
    full = time.perf_counter() - started
    rss = peak_rss_mb()
    cleaned = [(pipeline.make_doc(d).text, d.language or "en") for d in docs]
    by_lang: dict[str, list[str]] = {}
    for text, lang in cleaned:
        by_lang.setdefault(lang, []).append(text)
    started = time.perf_counter()
    for lang, texts in by_lang.items():
        for _ in pipeline_for(lang).pipe(texts, batch_size=32):
            pass
    spacy_alone = time.perf_counter() - started
    words = sum(len(t.split()) for t, _ in cleaned)
    print(f"articles: {len(docs)} ({words:,} words), events: {n_events}")
    print(f"full pipeline: {len(docs) / full:.1f} articles/s ({full:.2f} s), peak RSS {rss:.0f} MB")
    print(f"spaCy alone:   {len(docs) / spacy_alone:.1f} articles/s ({spacy_alone:.2f} s)")
    print(f"ratio full/spaCy: {full / spacy_alone:.2f} (target <= 1.5), RSS target < 1536 MB")


if __name__ == "__main__":
    main()
