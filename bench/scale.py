"""Articles per second for 1 and 2 worker processes and for Ray with 1 and 2 actors, with peak
RSS per worker, on the same articles (our corpora repeated with fresh ids to --articles).

    .venv/bin/python bench/scale.py [--articles 500] [--engines local,ray]

"steady" excludes the start-up (models loading in each worker) by timing from the first result:
pool and Ray workers load every language before their first document (Pipeline.warm), and so
does this process before its single-worker run, so that no configuration loads mid-measurement.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import tempfile
import threading
import time
from pathlib import Path

# Every configuration, the in-process single worker included, runs one math thread per process
# (as eventfold.scale.threads.SINGLE_THREADED gives the workers), so that the figures compare
# processes, not numpy's threads. Set before anything loads numpy.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_var] = "1"

from eventfold.scale import extract_results  # noqa: E402 - after the thread limits

ROOT = Path(__file__).resolve().parent
SHARED_GEO = ROOT.parent.parent / "shared" / "bench" / "geo"


def corpus(n: int, path: Path) -> Path:
    """n articles, all distinct when the sources hold that many: a repeated text would find its
    sentence embeddings cached, and more often in one process than in two."""
    sources = sorted((ROOT / "corpus").glob("*/articles.jsonl")) + [ROOT / "merge" / "reports.jsonl"] \
        + sorted(SHARED_GEO.glob("*.jsonl"))  # real English news (GeoWebNews, TR-News), most of it no conflict
    records = [json.loads(line) for p in sources if p.exists()
               for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            rec = records[i % len(records)]
            rec = {"id": f"{rec['id']}-{i}", "text": rec["text"], "language": rec.get("language") or "en",
                   **{k: rec[k] for k in ("title", "url", "published", "publisher") if rec.get(k)}}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


class RssSampler(threading.Thread):
    """Peak resident memory of every process descended from this one (pool workers, Ray workers)."""

    def __init__(self, in_process: bool):
        super().__init__(daemon=True)
        self.in_process = in_process
        self.peak: dict[int, int] = {}
        self.done = threading.Event()

    def _descendants(self) -> list[int]:
        parent = {}
        for d in os.listdir("/proc"):
            if d.isdigit():
                with contextlib.suppress(OSError, IndexError, ValueError):
                    parent[int(d)] = int(Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()[1])
        me, out = os.getpid(), [os.getpid()]  # this process is the worker of a single-worker run
        for pid in parent:
            p, seen = pid, 0
            while p in parent and seen < 50:
                p, seen = parent[p], seen + 1
                if p == me:
                    out.append(pid)
                    break
        return out

    def run(self):
        while not self.done.wait(0.5):
            for pid in self._descendants():
                try:
                    rss = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
                               if line.startswith("VmRSS:"))
                except (OSError, StopIteration):
                    continue
                self.peak[pid] = max(self.peak.get(pid, 0), rss)

    def worker_peak_mb(self) -> float:
        # The processes that loaded the models: this one in a single-worker run, else its children.
        me = os.getpid()
        big = [kb for pid, kb in self.peak.items() if kb > 200_000 and (pid == me) == self.in_process]
        return round(max(big) / 1024, 0) if big else 0.0


def measure(path: Path, engine: str, workers: int) -> dict:
    if engine == "local" and workers == 1:
        from eventfold.pipeline import Pipeline

        Pipeline().warm()  # the process-wide models and data the in-process pipeline will use
    sampler = RssSampler(in_process=engine == "local" and workers == 1)
    sampler.start()
    started = time.perf_counter()
    first = None
    n = 0
    for _ in extract_results([str(path)], workers=workers, engine=engine):
        if first is None:
            first = time.perf_counter()
        n += 1
    end = time.perf_counter()
    sampler.done.set()
    sampler.join()
    if engine == "ray":
        import ray

        ray.shutdown()
    return {"engine": engine, "workers": workers, "articles": n, "total_s": round(end - started, 1),
            "articles_per_s": round(n / (end - started), 1),
            "steady_articles_per_s": round((n - 1) / (end - first), 1) if first and end > first else None,
            "peak_rss_per_worker_mb": sampler.worker_peak_mb()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--engines", default="local,ray")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = corpus(args.articles, Path(tmp) / "articles.jsonl")
        rows = [measure(path, engine, w) for engine in args.engines.split(",") for w in (1, 2)]
    for r in rows:
        print(f"{r['engine']:5} workers={r['workers']}  {r['articles']} articles in {r['total_s']} s: "
              f"{r['articles_per_s']} articles/s (steady {r['steady_articles_per_s']}), "
              f"peak RSS per worker {r['peak_rss_per_worker_mb']:.0f} MB")
    by = {(r["engine"], r["workers"]): r["steady_articles_per_s"] or r["articles_per_s"] for r in rows}
    if ("local", 1) in by and ("local", 2) in by:
        print(f"2 processes / 1 process: {by['local', 2] / by['local', 1]:.2f}x (target >= 1.8x)")
    if ("ray", 2) in by and ("local", 2) in by:
        print(f"ray 2 / processes 2: {by['ray', 2] / by['local', 2]:.2f} (target >= 0.85)")


if __name__ == "__main__":
    main()
