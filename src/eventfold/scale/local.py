"""All cores of one machine: a pool of processes, each loading the models once."""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator

from eventfold.pipeline import Pipeline, Result
from eventfold.read import Document, ReadError
from eventfold.scale.threads import SINGLE_THREADED

CHUNK = 8  # documents per task: enough for nlp.pipe batching, small enough to keep both cores busy

_pipeline: Pipeline | None = None


def _start_worker() -> None:
    global _pipeline
    _pipeline = Pipeline()
    _pipeline.warm()


def _run_chunk(items: list[Document | ReadError]) -> list[Result]:
    assert _pipeline is not None, "worker started without its pipeline"
    return list(_pipeline.run(items, batch_size=len(items)))


def _chunks(items: Iterable[Document | ReadError], size: int) -> Iterator[list[Document | ReadError]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def local_results(items: Iterable[Document | ReadError], workers: int) -> Iterator[Result]:
    """Results in input order. One worker runs in this process; more run in child processes
    ("spawn": children start clean, whatever this process holds open). A job of one chunk has
    nothing to share out: it runs here, without starting (and warming) a pool."""
    rest = iter(items)
    first = list(itertools.islice(rest, CHUNK + 1))
    items = itertools.chain(first, rest)
    if workers <= 1 or len(first) <= CHUNK:
        yield from Pipeline().run(items)
        return
    ctx = multiprocessing.get_context("spawn")
    saved = {k: os.environ.get(k) for k in SINGLE_THREADED}
    os.environ.update(SINGLE_THREADED)  # inherited by the children as they spawn, below
    try:
        pool = ctx.Pool(workers, initializer=_start_worker)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    with pool:
        # A bounded window of chunks in flight, submitted from this thread: inputs are read lazily
        # (and the caller's generator never runs in another thread), results come back in order.
        window: deque = deque()
        for chunk in _chunks(items, CHUNK):
            window.append(pool.apply_async(_run_chunk, (chunk,)))
            if len(window) >= 4 * workers:
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()
