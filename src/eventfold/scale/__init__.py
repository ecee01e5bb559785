"""Running the pipeline at scale: all cores of one machine, or a Ray cluster.

Every engine yields one `Result` per input, in input order, with the same events as a single
in-process Pipeline; the caller (the CLI, or your code) writes them to the store or a file.

    >>> for result in extract_results(["feeds/"], workers=4):
    ...     store.add_result(result)
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventfold.pipeline import Result
from eventfold.read import Document, ReadError

ENGINES = ("local", "ray")


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def extract_results(inputs: Iterable[str | Path], *, workers: int | None = None, engine: str = "local",
                    address: str | None = None,
                    items: Iterable[Document | ReadError] | None = None) -> Iterator[Result]:
    """Results for the inputs (paths, directories, "-"), or for already-read `items`."""
    workers = workers or default_workers()
    if engine == "ray":
        from eventfold.scale.ray_engine import ray_results

        yield from ray_results([str(i) for i in inputs], workers=workers, address=address)
        return
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    from eventfold.read import read_inputs
    from eventfold.scale.local import local_results

    yield from local_results(items if items is not None else read_inputs(inputs), workers=workers)
