"""Load on the API: filtered /api/events queries at a fixed rate against a store of 100,000 events.

    .venv/bin/python bench/api_load.py [--events 100000] [--rate 200] [--seconds 20] [--workers 2] [--db FILE]

The store is filled through the store API with synthetic events (copies of our corpus's events
spread over ten years and a few hundred km), then `eventfold serve` runs as its own process and
an open-loop client sends requests at the rate asked, whatever the answers' speed, and prints the
latency percentiles.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import httpx
import numpy as np

import eventfold
from eventfold.event import Mention, Source
from eventfold.read.documents import parse_date
from eventfold.store import open_store

ROOT = Path(__file__).resolve().parent
TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
         "Strategic developments"]


def _unrelated_vectors(texts: list[str]) -> np.ndarray:
    vectors = np.stack([np.random.default_rng(zlib.crc32(t.encode())).standard_normal(384) for t in texts])
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def fill(db: Path, n: int) -> list[str]:
    records = [json.loads(line) for line in (ROOT / "merge" / "reports.jsonl").read_text(encoding="utf-8").splitlines()]
    pipeline = eventfold.Pipeline()
    templates = []
    for r in records:
        doc = eventfold.Document(id=r["id"], text=r["text"], published=parse_date(r["published"]),
                                 publisher=r["publisher"], language=r["language"])
        templates += [(doc, ev) for ev in pipeline.extract(doc)]
    rng = random.Random(3)
    countries = set()
    started = time.perf_counter()
    # The load is on reading: the fill skips sentence embeddings (30 a second would take an hour for
    # 100,000 events) with a stand-in whose vectors of different texts never look alike.
    with open_store(db, embed=_unrelated_vectors) as store:
        for i in range(n):
            doc, ev = rng.choice(templates)
            doc_id = f"load-{i}"
            text = f"{ev.mentions[0].text} ({i})"
            lat, lon = ev.location.lat + rng.uniform(-2, 2), ev.location.lon + rng.uniform(-2, 2)
            loc = replace(ev.location, lat=lat, lon=lon, gazetteer_id=None)
            moved = replace(ev, event_id=f"ev-load-{i}", event_date=ev.event_date - timedelta(days=rng.randrange(3650)),
                            location=loc, sources=[Source(doc_id, f"Outlet {i % 40}")],
                            mentions=[Mention(doc_id, 0, len(text), text)])
            store.add(replace(doc, id=doc_id, text=text), [moved])
            countries.add(loc.country)
        count = store.count()
    print(f"store: {count:,} events written in {time.perf_counter() - started:.0f} s")
    return sorted(countries)


def queries(countries: list[str], rng: random.Random) -> dict:
    kind = rng.randrange(6)
    year = rng.randrange(2015, 2025)
    if kind == 0:
        return {"country": rng.choice(countries), "limit": 100}
    if kind == 1:
        return {"type": rng.choice(TYPES), "since": f"{year}-01-01", "until": f"{year}-12-31", "limit": 100}
    if kind == 2:
        lon, lat = rng.uniform(-10, 45), rng.uniform(-5, 40)
        return {"bbox": f"{lon},{lat},{lon + 8},{lat + 8}", "limit": 100}
    if kind == 3:
        return {"min_fatalities": 10, "country": rng.choice(countries), "limit": 50}
    if kind == 4:
        return {"actor": rng.choice(["Rapid Support", "Military Forces", "Protesters", "Unidentified"]), "limit": 100,
                "since": f"{year}-01-01"}
    return {"format": "geojson", "since": f"{year}-06-01", "until": f"{year}-06-30", "limit": 200}


class _Connection:
    """One keep-alive HTTP/1.1 connection that reads just the status and the body's length: at 200
    requests a second of ~120 KB answers, a full HTTP client would take the cores the server needs."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.idle_since = time.perf_counter()

    async def get(self, target: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1")
        status = int(head.split(" ", 2)[1])
        length = next(int(line.split(":", 1)[1]) for line in head.split("\r\n")
                      if line.lower().startswith("content-length:"))
        await self.reader.readexactly(length)
        return status


async def load(base: str, countries: list[str], rate: float, seconds: float) -> tuple[list[float], int]:
    """Open loop: request i leaves at start + i/rate on a free connection (a new one if none is free),
    whatever the answers' speed."""
    rng = random.Random(11)
    host, port = base.removeprefix("http://").split(":")
    free: list[_Connection] = []
    latencies: list[float] = []
    errors = 0
    kinds: Counter = Counter()

    async def one(params: dict) -> None:
        nonlocal errors
        # uvicorn closes a connection idle for 5 s: older ones are let go, as any HTTP client does.
        while free and time.perf_counter() - free[-1].idle_since > 4:
            free.pop().writer.close()
        conn = free.pop() if free else _Connection(host, int(port))
        t = time.perf_counter()
        try:
            if await asyncio.wait_for(conn.get("/api/events?" + urlencode(params)), 10) != 200:
                errors += 1
            conn.idle_since = time.perf_counter()
            free.append(conn)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, StopIteration) as e:
            errors += 1
            kinds[type(e).__name__] += 1
        latencies.append(time.perf_counter() - t)

    tasks = []
    start = time.perf_counter()
    for i in range(int(rate * seconds)):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(queries(countries, rng))))
    await asyncio.gather(*tasks)
    for conn in free:
        conn.writer.close()
    if kinds:
        print(f"  failed requests: {dict(kinds)}")
    return latencies, errors


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--rate", type=float, default=200)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--workers", type=int, default=2, help="server processes (default 2: one per core)")
    ap.add_argument("--db", help="a store to fill (or, already filled by this script, to reuse) instead of a "
                                 "temporary one")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "events.db"
        if db.exists():
            with open_store(db) as store:
                countries = sorted(c for c, in store.db.execute("SELECT DISTINCT country FROM events"))
                print(f"store: {store.count():,} events in {db}")
        else:
            countries = fill(db, args.events)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "eventfold.cli", "serve", "--db", str(db), "--port",
                                   str(port), "--workers", str(args.workers)], stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    httpx.get(base + "/api/health", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.2)
            asyncio.run(load(base, countries, 20, 2))  # warm-up
            started = time.perf_counter()
            lat, errors = asyncio.run(load(base, countries, args.rate, args.seconds))
            took = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait()
    lat.sort()
    pct = {p: 1000 * lat[min(len(lat) - 1, int(p / 100 * len(lat)))] for p in (50, 95, 99)}
    print(f"api: {len(lat)} filtered /api/events requests at {len(lat) / took:.0f} req/s (asked {args.rate:.0f}), "
          f"{errors} errors")
    print(f"  latency p50 {pct[50]:.1f} ms  p95 {pct[95]:.1f} ms  p99 {pct[99]:.1f} ms  "
          f"(mean {1000 * statistics.mean(lat):.1f} ms; target p99 < 100 ms)")


if __name__ == "__main__":
    main()
