"""A Ray cluster: Ray Data reads the input files on the workers, splits them into reports, and
an actor pool (models loaded once per actor) runs the pipeline; results come back in input order.

The same code runs on a laptop (a local Ray started on demand) and on a cluster: pass the
cluster's address (`--address ray://head:10001`, or `auto` inside a `ray up` / KubeRay cluster).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from eventfold.pipeline import Pipeline, Result
from eventfold.read import ReadError
from eventfold.read.documents import input_files, read_file_bytes
from eventfold.scale.threads import SINGLE_THREADED

BATCH = 8


def _split(row: dict[str, Any]) -> list[dict[str, Any]]:
    """One input file -> one row per report (or per unreadable part), order kept."""
    items = list(read_file_bytes(row["bytes"], Path(row["path"])))
    return [{"file": row["file"], "k": k, "item": pickle.dumps(item)} for k, item in enumerate(items)]


class _Extractor:
    """A Ray actor: one Pipeline for its lifetime."""

    def __init__(self) -> None:
        self.pipeline = Pipeline()
        self.pipeline.warm()

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        items = [pickle.loads(b) for b in batch["item"]]
        results = list(self.pipeline.run(items, batch_size=len(items)))
        return {"file": batch["file"], "k": batch["k"], "result": [pickle.dumps(r) for r in results]}


def ray_results(inputs: list[str], workers: int, address: str | None = None) -> Iterator[Result]:
    import ray
    import ray.data

    files: list[Path] = []
    for item in input_files(inputs):
        if isinstance(item, ReadError):
            yield Result(item.origin, error=item.reason, document=item)
        elif str(item) == "-":
            raise ValueError("the ray engine reads files, not standard input")
        else:
            files.append(item)
    if not files:
        return
    if not ray.is_initialized():
        if address:
            # A cluster's nodes have eventfold installed (see the README's cluster section).
            ray.init(address=address, log_to_driver=False, configure_logging=False,
                     runtime_env={"env_vars": SINGLE_THREADED})
        else:
            # A local Ray: its workers run this Python, with eventfold installed in it. One CPU more than
            # the actors hold, so that reading and splitting files never wait for an actor to finish.
            ray.init(num_cpus=workers + 1, include_dashboard=False, log_to_driver=False, configure_logging=False,
                     runtime_env={"env_vars": SINGLE_THREADED})
    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    index = {str(p.resolve()): i for i, p in enumerate(files)}
    ds = ray.data.read_binary_files([str(p.resolve()) for p in files], include_paths=True)
    ds = ds.map(lambda row: {**row, "file": index[row["path"]]}).flat_map(_split)
    # One file may hold thousands of reports: small blocks spread them over every actor.
    ds = ds.repartition(target_num_rows_per_block=BATCH)
    ds = ds.map_batches(_Extractor, batch_size=BATCH, compute=ray.data.ActorPoolStrategy(size=workers),
                        num_cpus=1)
    for row in ds.iter_rows():
        yield pickle.loads(row["result"])
