"""The event store: documents, events, their sources and mentions, in SQLite or PostgreSQL.

    >>> store = open_store("events.db")            # or "postgresql://user@host/db"
    >>> store.add(result)                          # one pipeline Result, merged in one transaction
    >>> for ev in store.events(EventFilter(country="SYR")): ...

Each document is added in one transaction: a run killed at any moment leaves the store as it
was after the last whole document, and running again picks up where it stopped. A document
already stored with the same content is not read again, so repeated runs add nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from eventfold.event import Event
from eventfold.merge.across import SEARCH_KM, VIOLENT_TYPES, Stored, best_match, changes, date_window, resolve
from eventfold.read import Document, ReadError
from eventfold.store.backends import Backend, PostgresBackend, StoreError, connect
from eventfold.store.schema import SCHEMA_VERSION, TABLES, acled_view

if TYPE_CHECKING:
    from eventfold.pipeline import Result

__all__ = ["AddResult", "EventFilter", "Store", "StoreError", "content_hash", "default_store_path", "open_store"]

_EVENT_COLUMNS = ("n", "event_id", "event_date", "date_min", "date_max", "date_precision", "event_type",
                  "sub_event_type", "actor1", "actor1_type", "actor1_country", "actor2", "actor2_type",
                  "actor2_country", "location", "country", "admin1", "admin2", "latitude", "longitude",
                  "geo_precision", "gazetteer_id", "fatalities", "injuries", "munitions", "weapons", "language",
                  "confidence", "notes", "source_count", "mention_count", "data", "created_at", "updated_at")


def default_store_path() -> Path:
    from eventfold.places.gazetteer import data_home

    return data_home() / "events.db"


def content_hash(doc: Document) -> str:
    """What the extraction depends on: the text and the metadata it reads."""
    parts = [doc.text, doc.title or "", doc.published.isoformat() if doc.published else "",
             doc.publisher or "", doc.url or "", doc.language or ""]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class AddResult:
    doc_id: str
    status: str  # done | skipped | error | unreadable | unchanged
    created: list[str] = field(default_factory=list)  # event ids
    updated: list[str] = field(default_factory=list)


@dataclass
class EventFilter:
    """Which events: every field is optional and they combine with AND."""

    since: date | None = None
    until: date | None = None
    country: str | None = None  # ISO3
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None  # actor1 or actor2 name contains
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    min_fatalities: int | None = None
    text: str | None = None  # in the notes or the evidence sentences

    def where(self, like: str) -> tuple[str, list[Any]]:
        conds: list[str] = []
        params: list[Any] = []

        def add(cond: str, *values: Any) -> None:
            conds.append(cond)
            params.extend(values)

        if self.since:
            add("e.event_date >= ?", self.since.isoformat())
        if self.until:
            add("e.event_date <= ?", self.until.isoformat())
        if self.country:
            add("e.country = ?", self.country.upper())
        if self.event_type:
            add("e.event_type = ?", self.event_type)
        if self.sub_event_type:
            add("e.sub_event_type = ?", self.sub_event_type)
        if self.actor:
            pattern = f"%{_escape_like(self.actor)}%"
            add(f"(e.actor1 {like} ? ESCAPE '\\' OR e.actor2 {like} ? ESCAPE '\\')", pattern, pattern)
        if self.bbox:
            w, s, e, n = self.bbox
            add("e.latitude BETWEEN ? AND ? AND e.longitude BETWEEN ? AND ?", s, n, w, e)
        if self.min_fatalities is not None:
            add("e.fatalities >= ?", self.min_fatalities)
        if self.text:
            pattern = f"%{_escape_like(self.text)}%"
            add(f"(e.notes {like} ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.event_id "
                f"AND m.text {like} ? ESCAPE '\\'))", pattern, pattern)
        return (" WHERE " + " AND ".join(conds)) if conds else "", params


def _escape_like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _event_row(n: int, ev: Event, created: int, updated: int) -> tuple:
    lo, hi = date_window(ev)
    loc, a1, a2 = ev.location, ev.actor1, ev.actor2
    return (n, ev.event_id, ev.event_date.isoformat(), lo.isoformat(), hi.isoformat(), ev.date_precision,
            ev.event_type, ev.sub_event_type, a1.name, a1.type, a1.country, a2.name if a2 else None,
            a2.type if a2 else None, a2.country if a2 else None, loc.name, loc.country, loc.admin1, loc.admin2,
            loc.lat, loc.lon, loc.geo_precision, loc.gazetteer_id, ev.fatalities, ev.injuries, ev.munitions,
            "; ".join(ev.weapons), ev.language, ev.confidence, ev.notes, len(ev.sources), len(ev.mentions),
            json.dumps(ev.to_dict(), ensure_ascii=False), created, updated)


def _country_rows() -> list[tuple]:
    import csv

    import pycountry

    from eventfold.language.data import data_path

    rows = []
    with data_path("actors", "countries.tsv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            c = pycountry.countries.get(alpha_3=r["iso3"])
            rows.append((r["iso3"], int(c.numeric) if c else None, r["name"].removeprefix("the "),
                         r["acled_region"] or None))
    return rows


class Store:
    def __init__(self, backend: Backend, embed: Callable[[list[str]], np.ndarray] | None = None):
        self.db = backend
        self._embed = embed
        self.like = "ILIKE" if backend.dialect == "postgresql" else "LIKE"
        self._init_schema()

    # -- schema -------------------------------------------------------------------------------
    def _init_schema(self) -> None:
        db = self.db
        with db.transaction():
            db.script(TABLES.format(**db.types))
            row = db.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone()
            if row and row[0] != SCHEMA_VERSION:
                raise StoreError(f"event store schema {row[0]} is not this eventfold's ({SCHEMA_VERSION}); "
                                 "export it with the eventfold that made it, or use a new --db")
            if row:
                return
            db.execute(acled_view(db.dialect))
            db.executemany("INSERT INTO countries (iso3, iso_numeric, name, region) VALUES (?, ?, ?, ?)",
                           _country_rows())
            db.execute("INSERT INTO store_meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        if isinstance(db, PostgresBackend) and db.try_execute("CREATE EXTENSION IF NOT EXISTS postgis"):
            # A geometry column for GIS clients, kept in step with latitude/longitude by the server.
            db.try_execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326) GENERATED "
                           "ALWAYS AS (ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)) STORED")
            db.try_execute("CREATE INDEX IF NOT EXISTS events_geom ON events USING GIST (geom)")

    @property
    def has_postgis(self) -> bool:
        if self.db.dialect != "postgresql":
            return False
        return self.db.execute("SELECT 1 FROM information_schema.columns WHERE table_name = 'events' "
                               "AND column_name = 'geom'").fetchone() is not None

    # -- writing ------------------------------------------------------------------------------
    def embed(self, texts: list[str]) -> np.ndarray:
        if self._embed is None:
            from eventfold.nlp.embed import embedder

            self._embed = embedder()
        return self._embed(texts)

    def is_current(self, doc: Document) -> bool:
        """True when this document, with this content, is already in the store."""
        row = self.db.execute("SELECT content_hash FROM documents WHERE doc_id = ?", (doc.id,)).fetchone()
        return row is not None and row[0] == content_hash(doc)

    def pending(self, items: Iterable[Document | ReadError],
                skipped: Counter[str] | None = None) -> Iterator[Document | ReadError]:
        """The inputs still to process: documents already stored with the same content are left
        out (and counted in `skipped["already stored"]`)."""
        for item in items:
            if isinstance(item, Document) and self.is_current(item):
                if skipped is not None:
                    skipped["already stored"] += 1
                continue
            yield item

    def add(self, document: Document | ReadError, events: list[Event] | None = None, *,
            status: str = "done", reason: str | None = None) -> AddResult:
        """Store one document and merge its events, all in one transaction."""
        if isinstance(document, ReadError):
            return self._add_unreadable(document)
        digest = content_hash(document)
        with self.db.transaction():
            row = self.db.execute("SELECT content_hash FROM documents WHERE doc_id = ?", (document.id,)).fetchone()
            if row is not None and row[0] == digest:
                return AddResult(document.id, "unchanged")
            if row is not None:
                self._retract(document.id)
            seq = self._next("documents", "seq")
            result = AddResult(document.id, status)
            for ev in events or []:
                self._merge(ev, seq, result)
            self.db.execute(
                "INSERT INTO documents (doc_id, seq, content_hash, origin, publisher, url, published, language, "
                "title, status, reason, events, processed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (document.id, seq, digest, document.origin, document.publisher, document.url,
                 document.published.isoformat() if document.published else None, document.language,
                 document.title, status, reason, len(events or []), _now_iso()))
        return result

    def add_result(self, result: Result) -> AddResult:
        """Store what the pipeline made of one input."""
        if result.document is None:
            raise ValueError(f"{result.origin}: a Result without its document cannot be stored")
        if result.error is not None and isinstance(result.document, Document):
            return self.add(result.document, None, status="error", reason=result.error)
        if result.skipped is not None:
            return self.add(result.document, None, status="skipped", reason=result.skipped)
        return self.add(result.document, result.events)

    def _add_unreadable(self, err: ReadError) -> AddResult:
        with self.db.transaction():
            self.db.execute("DELETE FROM documents WHERE doc_id = ? AND status = 'unreadable'", (err.origin,))
            if self.db.execute("SELECT 1 FROM documents WHERE doc_id = ?", (err.origin,)).fetchone():
                return AddResult(err.origin, "unchanged")
            self.db.execute(
                "INSERT INTO documents (doc_id, seq, content_hash, origin, status, reason, processed_at) "
                "VALUES (?, ?, '', ?, 'unreadable', ?, ?)",
                (err.origin, self._next("documents", "seq"), err.origin, err.reason, _now_iso()))
        return AddResult(err.origin, "unreadable")

    def _next(self, table: str, column: str) -> int:
        # Computed inside the writing transaction (one writer at a time), so numbers have no gaps
        # and a resumed run numbers exactly as an uninterrupted one.
        return int(self.db.execute(f"SELECT COALESCE(MAX({column}), 0) + 1 FROM {table}").fetchone()[0])

    def _candidates(self, ev: Event, doc_id: str) -> list[tuple[str, Stored]]:
        lo, hi = date_window(ev)
        dlat = SEARCH_KM / 111.0
        dlon = SEARCH_KM / (111.0 * max(0.1, math.cos(math.radians(ev.location.lat))))
        # Outlets may type one violent event differently (an attack, a clash): those are candidates too.
        types = sorted(VIOLENT_TYPES) if ev.event_type in VIOLENT_TYPES else [ev.event_type]
        rows = self.db.execute(
            f"SELECT e.event_id, e.data, e.vector FROM events e WHERE e.event_type IN ({', '.join('?' * len(types))}) "
            "AND e.date_min <= ? "
            "AND e.date_max >= ? AND (e.country = ? OR (e.latitude BETWEEN ? AND ? AND e.longitude BETWEEN ? AND ?)) "
            "AND NOT EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.event_id AND s.doc_id = ?) "
            "ORDER BY e.n",
            (*types, hi.isoformat(), lo.isoformat(), ev.location.country, ev.location.lat - dlat,
             ev.location.lat + dlat, ev.location.lon - dlon, ev.location.lon + dlon, doc_id)).fetchall()
        return [(r[0], Stored(Event.from_dict(json.loads(r[1])),
                              np.frombuffer(bytes(r[2]), dtype=np.float32) if r[2] is not None else None))
                for r in rows]

    def _merge(self, ev: Event, seq: int, result: AddResult) -> None:
        doc_id = ev.sources[0].doc_id
        found = self._candidates(ev, doc_id)
        index, vector = best_match(ev, [s for _, s in found], self.embed) if found else (None, None)
        for event_id, stored in found:
            if stored.vector is not None:
                self.db.execute("UPDATE events SET vector = ? WHERE event_id = ? AND vector IS NULL",
                                (stored.vector.astype(np.float32).tobytes(), event_id))
        now = int(time.time())
        if index is None:
            event_id = ev.event_id
            while self.db.execute("SELECT 1 FROM events WHERE event_id = ?", (event_id,)).fetchone():
                event_id = "ev-" + hashlib.sha1(event_id.encode()).hexdigest()[:16]
            new = resolve(event_id, [ev])
            self.db.execute(f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)}) VALUES "
                            f"({', '.join('?' * len(_EVENT_COLUMNS))})",
                            _event_row(self._next("events", "n"), new, now, now))
            if vector is not None:
                self.db.execute("UPDATE events SET vector = ? WHERE event_id = ?",
                                (vector.astype(np.float32).tobytes(), event_id))
            result.created.append(event_id)
        else:
            event_id = found[index][0]
            old = found[index][1].event
            reports = self._reports(event_id) + [ev]
            new = resolve(event_id, reports)
            self._update_event(new, now)
            self.db.executemany(
                "INSERT INTO event_history (event_id, seq, field, old_value, new_value, changed_at) "
                "VALUES (?, ?, ?, ?, ?, ?)", [(event_id, seq, f, a, b, now) for f, a, b in changes(old, new)])
            result.updated.append(event_id)
        self._link(event_id, ev, seq)

    def _reports(self, event_id: str) -> list[Event]:
        rows = self.db.execute("SELECT report FROM event_sources WHERE event_id = ? ORDER BY seq",
                               (event_id,)).fetchall()
        return [Event.from_dict(json.loads(r[0])) for r in rows]

    def _update_event(self, ev: Event, now: int) -> None:
        row = _event_row(0, ev, 0, now)
        names = [c for c in _EVENT_COLUMNS if c not in ("n", "event_id", "created_at")]
        values = [v for c, v in zip(_EVENT_COLUMNS, row, strict=True) if c not in ("n", "event_id", "created_at")]
        self.db.execute(f"UPDATE events SET {', '.join(f'{c} = ?' for c in names)} WHERE event_id = ?",
                        (*values, ev.event_id))

    def _link(self, event_id: str, ev: Event, seq: int) -> None:
        src = ev.sources[0]
        self.db.execute(
            "INSERT INTO event_sources (event_id, doc_id, seq, publisher, url, published, attributed_to, report) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (event_id, src.doc_id, seq, src.publisher, src.url, src.published,
             json.dumps(src.attributed_to, ensure_ascii=False), json.dumps(ev.to_dict(), ensure_ascii=False)))
        self.db.executemany(
            "INSERT INTO mentions (event_id, doc_id, start_char, end_char, text) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING", [(event_id, m.doc_id, m.start, m.end, m.text) for m in ev.mentions])

    def _retract(self, doc_id: str) -> None:
        """Take back what an earlier version of a document contributed."""
        affected = [r[0] for r in self.db.execute(
            "SELECT event_id FROM event_sources WHERE doc_id = ? ORDER BY event_id", (doc_id,)).fetchall()]
        self.db.execute("DELETE FROM event_history WHERE seq IN (SELECT seq FROM documents WHERE doc_id = ?)",
                        (doc_id,))
        self.db.execute("DELETE FROM event_sources WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM mentions WHERE doc_id = ?", (doc_id,))
        self.db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
        now = int(time.time())
        for event_id in affected:
            reports = self._reports(event_id)
            if reports:
                self._update_event(resolve(event_id, reports), now)
            else:
                self.db.execute("DELETE FROM event_history WHERE event_id = ?", (event_id,))
                self.db.execute("DELETE FROM events WHERE event_id = ?", (event_id,))

    # -- reading ------------------------------------------------------------------------------
    def get(self, event_id: str) -> Event | None:
        row = self.db.execute("SELECT data FROM events WHERE event_id = ?", (event_id,)).fetchone()
        return Event.from_dict(json.loads(row[0])) if row else None

    def history(self, event_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT h.field, h.old_value, h.new_value, h.changed_at, d.doc_id FROM event_history h "
            "LEFT JOIN documents d ON d.seq = h.seq WHERE h.event_id = ? ORDER BY h.seq, h.field",
            (event_id,)).fetchall()
        return [{"field": f, "old": a, "new": b, "changed_at": t, "doc_id": d} for f, a, b, t, d in rows]

    def reports(self, event_id: str) -> list[Event]:
        """Each source's own reading of the event, in the order the sources came."""
        return self._reports(event_id)

    def events(self, where: EventFilter | None = None, *, limit: int | None = None,
               after: str | None = None, oldest_first: bool = False) -> Iterator[Event]:
        """Events newest first (or oldest first); `after` is a cursor from `page`."""
        for _, data in self._rows(where, limit, after, "e.data", oldest_first):
            yield Event.from_dict(json.loads(data))

    def page(self, where: EventFilter | None, limit: int, after: str | None = None) -> tuple[list[Event], str | None]:
        """One page of events and the cursor of the next page (None at the end)."""
        rows, cursor = self.page_json(where, limit, after)
        return [Event.from_dict(json.loads(data)) for *_, data in rows], cursor

    def page_json(self, where: EventFilter | None, limit: int,
                  after: str | None = None) -> tuple[list[tuple[str, float, float, str]], str | None]:
        """As `page`, with each event as (id, latitude, longitude, the JSON text it is stored as),
        so that a server can pass it on unparsed."""
        rows = list(self._rows(where, limit + 1, after, "e.event_id, e.latitude, e.longitude, e.data"))
        more = len(rows) > limit
        rows = rows[:limit]
        return [tuple(r) for _, r in rows], _cursor(rows[-1][0]) if more and rows else None

    def _rows(self, where: EventFilter | None, limit: int | None, after: str | None, columns: str,
              oldest_first: bool = False):
        sql, params = (where or EventFilter()).where(self.like)
        if after:
            day, n = _uncursor(after)
            sql += (" AND " if sql else " WHERE ") + "(e.event_date < ? OR (e.event_date = ? AND e.n < ?))"
            params += [day, day, n]
        order = "e.event_date, e.n" if oldest_first else "e.event_date DESC, e.n DESC"
        sql = f"SELECT e.event_date, e.n, {columns} FROM events e{sql} ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        for row in self.db.execute(sql, params):
            yield (row[0], row[1]), (row[2] if len(row) == 3 else row[2:])

    def count(self, where: EventFilter | None = None) -> int:
        sql, params = (where or EventFilter()).where(self.like)
        return int(self.db.execute(f"SELECT COUNT(*) FROM events e{sql}", params).fetchone()[0])

    def stats(self, where: EventFilter | None = None) -> dict[str, list[dict[str, Any]]]:
        sql, params = (where or EventFilter()).where(self.like)
        out = {}
        for key, col in (("by_day", "e.event_date"), ("by_type", "e.event_type"), ("by_country", "e.country")):
            rows = self.db.execute(f"SELECT {col}, COUNT(*), COALESCE(SUM(e.fatalities), 0) FROM events e{sql} "
                                   f"GROUP BY {col} ORDER BY {col}", params).fetchall()
            out[key] = [{"key": k, "events": int(c), "fatalities": int(f)} for k, c, f in rows]
        return out

    def acled_rows(self, where: EventFilter | None = None) -> tuple[list[str], Iterator[tuple]]:
        """ACLED's columns (the acled_events view) for the filtered events, oldest first."""
        sql, params = (where or EventFilter()).where(self.like)
        cur = self.db.execute(
            f"SELECT a.* FROM acled_events a JOIN events e ON e.event_id = a.eventfold_id{sql} "
            "ORDER BY e.event_date, e.n", params)
        return [d[0] for d in cur.description], iter(cur)

    def documents(self) -> list[dict[str, Any]]:
        cur = self.db.execute("SELECT doc_id, seq, status, reason, events FROM documents ORDER BY seq")
        return [dict(zip(("doc_id", "seq", "status", "reason", "events"), r, strict=True)) for r in cur]

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _cursor(key: tuple[str, int]) -> str:
    return base64.urlsafe_b64encode(f"{key[0]}|{key[1]}".encode()).decode().rstrip("=")


def _uncursor(cursor: str) -> tuple[str, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        day, n = raw.split("|")
        date.fromisoformat(day)
        return day, int(n)
    except (ValueError, UnicodeDecodeError):
        raise ValueError(f"invalid cursor {cursor!r}: pass the next_cursor of the previous page") from None


def open_store(target: str | Path | None = None,
               embed: Callable[[list[str]], np.ndarray] | None = None) -> Store:
    """Open (creating it if needed) the store at a SQLite path or a postgresql:// URL."""
    return Store(connect(target or default_store_path()), embed=embed)
