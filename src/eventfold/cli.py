"""Command line: a thin wrapper over the library.

    eventfold extract INPUT... [--db events.db] [-o events.jsonl]
    eventfold export --db events.db --format acled-csv|geojson|parquet|jsonl -o FILE
    eventfold watch feeds.toml [--db events.db] [--once]
    eventfold serve [--db events.db] [--host 127.0.0.1] [--port 8000] [--token SECRET] [--workers N]
    eventfold places INPUT... --json
    eventfold gazetteer build [--path FILE]
    eventfold classifier build
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import IO

from eventfold.read import read_inputs


def _err(msg: str) -> None:
    print(f"eventfold: {msg}", file=sys.stderr)


class _Output:
    """stdout, or a file written beside its target and renamed into place only when the run
    succeeds, so an interrupted or failed run never replaces a good file with a bad one."""

    def __init__(self, path: str | None, discard: bool = False):
        self.target = Path(path) if path and path != "-" else None
        self.discard = discard and path is None  # the events go elsewhere (the store)
        self.keep = True
        self._tmp: Path | None = None

    def __enter__(self) -> _Output:
        if self.target is None:
            self.file: IO[str] = sys.stdout
        else:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self._tmp = self.target.with_name(f".{self.target.name}.{os.getpid()}.tmp")
            self.file = self._tmp.open("w", encoding="utf-8")
        return self

    def write(self, line: str) -> None:
        if not self.discard:
            self.file.write(line)

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._tmp is None:
            return
        self.file.close()
        if exc_type is None and self.keep:
            os.replace(self._tmp, self.target)
        else:
            self._tmp.unlink(missing_ok=True)


def _progress(enabled: bool):
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} docs"),
                    TimeElapsedColumn(), transient=True, disable=not enabled,
                    console=__import__("rich.console", fromlist=["Console"]).Console(stderr=True))


def cmd_extract(args: argparse.Namespace) -> int:
    from eventfold.scale import extract_results
    from eventfold.store import open_store
    from eventfold.store.backends import redact

    started = time.perf_counter()
    store = open_store(args.db) if args.db or not args.output else None
    read = written = 0
    created: set[str] = set()
    updated: set[str] = set()
    skipped: Counter[str] = Counter()
    items = read_inputs(args.inputs)
    if store is not None:
        items = store.pending(items, skipped=skipped)
    results = extract_results(args.inputs, workers=args.workers, engine=args.engine, address=args.address,
                              items=items if args.engine == "local" else None)
    many = len(args.inputs) > 1 or any(Path(i).is_dir() or str(i).endswith(".jsonl") for i in args.inputs)
    with _Output(args.output, discard=store is not None) as out, _progress(many and sys.stderr.isatty()) as progress:
        task = progress.add_task("extracting", total=None)
        for res in results:
            progress.advance(task)
            if store is not None:
                added = store.add_result(res)
                if added.status == "unchanged":
                    skipped["already stored"] += 1
                    continue
                created.update(added.created)
                updated.update(added.updated)
            if res.error is not None:
                _err(f"{res.origin}: {res.error}")
                skipped["unreadable" if res.doc_id is None else "failed"] += 1
                continue
            read += 1
            if res.skipped is not None:
                _err(f"{res.origin}: skipped: {res.skipped}")
                skipped[res.skipped.split(" (")[0]] += 1
                continue
            for ev in res.events or []:
                out.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
                written += 1
        out.keep = read > 0
    unchanged = skipped.pop("already stored", 0)
    stored = ""
    if store is not None:
        store.close()
        where = redact(args.db) if args.db else "default"
        stored = (f"; store {where}: {len(created)} new events, {len(updated - created)} updated, "
                  f"{unchanged} documents already stored")
    reasons = ", ".join(f"{n} {why}" for why, n in skipped.most_common())
    print(f"eventfold: {read} documents read, {sum(skipped.values())} skipped"
          f"{f' ({reasons})' if reasons else ''}, {written} events extracted in "
          f"{time.perf_counter() - started:.1f} s{stored}", file=sys.stderr)
    return 0 if read or unchanged else 1


def cmd_export(args: argparse.Namespace) -> int:
    from eventfold.export import export
    from eventfold.store import EventFilter, open_store

    where = EventFilter(since=_date_arg(args.since, "--since"), until=_date_arg(args.until, "--until"),
                        country=args.country, event_type=args.type)
    with open_store(args.db) as store:
        n = export(store, args.format, args.output, where)
    print(f"eventfold: {n} events written to {args.output} ({args.format})", file=sys.stderr)
    return 0


def _date_arg(value: str | None, flag: str):
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise SystemExit(f"eventfold: {flag} {value!r} is not a date; write it as YYYY-MM-DD") from None


def cmd_watch(args: argparse.Namespace) -> int:
    from eventfold.store import open_store
    from eventfold.watch import ConfigError, WatchConfig, Watcher

    try:
        config = WatchConfig.load(args.feeds)
    except ConfigError as e:
        _err(str(e))
        return 2
    with open_store(args.db) as store:
        watcher = Watcher(config, store, log=lambda line: _err(line))
        try:
            watcher.run(once=args.once)
        finally:
            watcher.close()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from eventfold.serve import serve

    token = args.token or os.environ.get("EVENTFOLD_TOKEN")
    print(f"eventfold: serving on http://{args.host}:{args.port}/ (writing {'on' if token else 'off: no token'})",
          file=sys.stderr)
    serve(args.db, args.host, args.port, token, args.tiles, args.workers)
    return 0


def cmd_places(args: argparse.Namespace) -> int:
    from eventfold.pipeline import Pipeline
    from eventfold.places.api import places_of

    pipeline = Pipeline(components=("parse", "places"))
    read = 0
    with _Output(args.output) as out:
        for item in read_inputs(args.inputs):
            if not hasattr(item, "text"):
                _err(str(item))
                continue
            read += 1
            out.write(json.dumps({"id": item.id, "places": places_of(pipeline, item)}, ensure_ascii=False) + "\n")
        out.keep = read > 0
    return 0 if read else 1


def cmd_gazetteer_build(args: argparse.Namespace) -> int:
    from eventfold.places.gazetteer import default_path
    from eventfold.places.sources import build_default

    path = Path(args.path) if args.path else default_path()
    started = time.perf_counter()
    n = build_default(path)
    print(f"eventfold: gazetteer with {n:,} places written to {path} in {time.perf_counter() - started:.0f} s",
          file=sys.stderr)
    return 0


def cmd_classifier_build(args: argparse.Namespace) -> int:
    from eventfold.events.classify import cache_dir, classifier

    started = time.perf_counter()
    model = classifier()
    print(f"eventfold: classifier ready on {len(model.examples):,} examples in {time.perf_counter() - started:.0f} s "
          f"(embeddings cached in {cache_dir()})", file=sys.stderr)
    return 0


def cmd_gazetteer_import(args: argparse.Namespace) -> int:
    from eventfold.places.gazetteer import default_path
    from eventfold.places.geonames import import_files

    report = import_files([Path(p) for p in args.files])
    for line in report.errors:
        _err(line)
    print(f"eventfold: imported {report.places:,} places, {report.names:,} alternate names, "
          f"{report.admin_codes:,} admin codes ({len(report.errors)} lines skipped)", file=sys.stderr)
    if not (report.places or report.names or report.admin_codes):
        return 1
    return cmd_gazetteer_build(argparse.Namespace(path=str(default_path())))


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="eventfold", description="News reports in, ACLED-compatible events out.")
    sub = p.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract events from news reports")
    ex.add_argument("inputs", nargs="+", help=".txt, .html or .jsonl files, directories, or - for stdin")
    ex.add_argument("-o", "--output", help="also (or, without --db, only) write the events to this JSONL file; "
                                           "- for stdout")
    ex.add_argument("--workers", type=int, default=None,
                    help="processes (local engine) or Ray actors (default: the number of cores)")
    ex.add_argument("--engine", choices=("local", "ray"), default="local",
                    help="local: processes on this machine; ray: Ray Data on a local or remote Ray cluster")
    ex.add_argument("--address", help="Ray cluster address (ray://host:10001, or auto); default: a local Ray")
    ex.add_argument("--db", help="event store: a SQLite file or a postgresql:// URL (default, when -o is not "
                                 "given: events.db in the user data directory)")
    ex.set_defaults(func=cmd_extract)
    xp = sub.add_parser("export", help="export stored events (ACLED CSV, GeoJSON, Parquet, JSONL)")
    xp.add_argument("--db", help="event store: a SQLite file or a postgresql:// URL (default: the user data directory)")
    xp.add_argument("--format", required=True, choices=("acled-csv", "geojson", "parquet", "jsonl"))
    xp.add_argument("--since", help="first event date, YYYY-MM-DD")
    xp.add_argument("--until", help="last event date, YYYY-MM-DD")
    xp.add_argument("--country", help="ISO 3166-1 alpha-3 code, e.g. SYR")
    xp.add_argument("--type", help="ACLED event type, e.g. 'Explosions/Remote violence'")
    xp.add_argument("-o", "--output", required=True, help="file to write")
    xp.set_defaults(func=cmd_export)
    wa = sub.add_parser("watch", help="poll RSS/Atom feeds and sitemaps, extract new articles into the store")
    wa.add_argument("feeds", help="feeds.toml: the feeds and how politely to poll them")
    wa.add_argument("--db", help="event store: a SQLite file or a postgresql:// URL (default: the user data directory)")
    wa.add_argument("--once", action="store_true", help="poll every due feed once, then exit")
    wa.set_defaults(func=cmd_watch)
    sv = sub.add_parser("serve", help="the REST API and the map page over an event store")
    sv.add_argument("--db", help="event store: a SQLite file or a postgresql:// URL (default: the user data directory)")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=8000)
    sv.add_argument("--token", help="bearer token that enables POST /api/documents (or EVENTFOLD_TOKEN)")
    sv.add_argument("--workers", type=int, default=1, help="server processes (default 1; one per core for heavy use)")
    sv.add_argument("--tiles", help="map tile URL template, e.g. https://tile.example.org/{z}/{x}/{y}.png "
                                    "(default: offline country outlines)")
    sv.set_defaults(func=cmd_serve)
    pl = sub.add_parser("places", help="print the places found in each document")
    pl.add_argument("inputs", nargs="+")
    pl.add_argument("--json", action="store_true", help="one JSON line per document (the only format)")
    pl.add_argument("-o", "--output")
    pl.set_defaults(func=cmd_places)
    gz = sub.add_parser("gazetteer", help="manage the local gazetteer")
    gzs = gz.add_subparsers(dest="action", required=True)
    b = gzs.add_parser("build", help="build the default gazetteer from packaged data")
    b.add_argument("--path", help="where to write it (default: the user data directory)")
    b.set_defaults(func=cmd_gazetteer_build)
    im = gzs.add_parser("import", help="add GeoNames dump files (allCountries, country files, alternateNamesV2, "
                                       "admin1CodesASCII, admin2Codes) and rebuild")
    im.add_argument("files", nargs="+")
    im.set_defaults(func=cmd_gazetteer_import)
    cl = sub.add_parser("classifier", help="manage the event-type classifier")
    cls = cl.add_subparsers(dest="action", required=True)
    cls.add_parser("build", help="embed the example bank once (cached) and train").set_defaults(
        func=cmd_classifier_build)
    return p


def main(argv: list[str] | None = None) -> int:
    from eventfold.store.backends import StoreError

    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except StoreError as e:
        _err(str(e))
        return 2
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
