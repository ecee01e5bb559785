"""Exports of the event store: ACLED CSV, GeoJSON, Parquet and JSONL.

Every format is written to a temporary file beside the target and renamed into place when
complete, so a failed export never leaves half a file where a good one was.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any

from eventfold.store import EventFilter, Store

FORMATS = ("acled-csv", "geojson", "parquet", "jsonl")

# ACLED's export columns, in ACLED's order.
ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp")
# Ours, after ACLED's, in GeoJSON and Parquet: the way back to the evidence.
EXTRA_COLUMNS = ("eventfold_id", "confidence", "source_count")


@contextmanager
def atomic_file(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    kwargs = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
    try:
        with tmp.open(mode, **kwargs) as f:
            yield f
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _acled_dicts(store: Store, where: EventFilter | None) -> Iterator[dict[str, Any]]:
    columns, rows = store.acled_rows(where)
    for row in rows:
        yield dict(zip(columns, row, strict=True))


def export(store: Store, fmt: str, path: str | Path, where: EventFilter | None = None) -> int:
    """Write the filtered events to `path` in `fmt`; returns how many."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return {"acled-csv": _csv, "geojson": _geojson, "parquet": _parquet, "jsonl": _jsonl}[fmt](
        store, Path(path), where)


def _csv(store: Store, path: Path, where: EventFilter | None) -> int:
    n = 0
    with atomic_file(path) as f:
        w = csv.writer(f)
        w.writerow(ACLED_COLUMNS)
        for row in _acled_dicts(store, where):
            w.writerow(["" if row[c] is None else row[c] for c in ACLED_COLUMNS])
            n += 1
    return n


def _geojson(store: Store, path: Path, where: EventFilter | None) -> int:
    n = 0
    with atomic_file(path) as f:
        f.write('{"type": "FeatureCollection", "features": [\n')
        for row in _acled_dicts(store, where):
            feature = {"type": "Feature", "id": row["eventfold_id"],
                       "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
                       "properties": {c: row[c] for c in ACLED_COLUMNS + EXTRA_COLUMNS}}
            f.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
            n += 1
        f.write("\n]}\n")
    return n


def _parquet(store: Store, path: Path, where: EventFilter | None) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    text = pa.string()
    types = {c: text for c in ACLED_COLUMNS + EXTRA_COLUMNS}
    types.update(event_date=pa.date32(), year=pa.int16(), time_precision=pa.int8(), inter1=pa.int8(),
                 inter2=pa.int8(), interaction=pa.int16(), iso=pa.int16(), latitude=pa.float64(),
                 longitude=pa.float64(), geo_precision=pa.int8(), fatalities=pa.int32(), timestamp=pa.int64(),
                 confidence=pa.float32(), source_count=pa.int32())
    schema = pa.schema([(c, types[c]) for c in ACLED_COLUMNS + EXTRA_COLUMNS])
    columns: dict[str, list[Any]] = {c: [] for c in schema.names}
    for row in _acled_dicts(store, where):
        row["event_date"] = date.fromisoformat(row["event_date"])
        for c in schema.names:
            columns[c].append(row[c])
    with atomic_file(path, "wb") as f:
        pq.write_table(pa.table(columns, schema=schema), f)
    return len(columns["event_date"])


def _jsonl(store: Store, path: Path, where: EventFilter | None) -> int:
    n = 0
    with atomic_file(path) as f:
        for ev in store.events(where, oldest_first=True):
            f.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n
