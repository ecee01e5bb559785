"""Import of the standard GeoNames dump files users download themselves.

Supported, recognised by their columns: the main table (allCountries.txt, cities*.txt or a
country file such as SY.txt: 19 tab-separated columns), alternateNamesV2.txt (10 columns),
and admin1CodesASCII.txt / admin2Codes.txt (4 columns). Imported places are kept in
`imports.sqlite` beside the gazetteer and merged into every later build, so a rebuild after
an upgrade keeps them. A malformed line is reported with its file and line number and skipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventfold.places.gazetteer import Place, PlaceRecord, data_home

# GeoNames feature codes worth a place in a conflict gazetteer, mapped to our feature names.
FEATURE_CODES = {
    "PCLI": "country", "PCLD": "country", "PCLF": "country", "PCLS": "country", "TERR": "country",
    "ADM1": "admin1", "ADM2": "admin2", "PPLC": "capital",
    "MILB": "military_base", "INSM": "military_base", "AIRB": "air_base", "AIRF": "airport", "AIRP": "airport",
    "AIRH": "airport", "OILF": "oil_field", "GASF": "gas_field", "OILR": "refinery", "PSTB": "border_crossing",
    "CMPRF": "camp", "CMP": "camp", "PRN": "prison", "DAM": "dam", "PRT": "port", "PS": "power_plant",
    "PSH": "power_plant", "PSN": "power_plant", "CSTM": "border_crossing",
}
KEEP_CLASSES = {"P"}  # every populated place; other classes only for the codes above


@dataclass
class ImportReport:
    places: int = 0
    names: int = 0
    admin_codes: int = 0
    errors: list[str] = field(default_factory=list)


def imports_path() -> Path:
    return data_home() / "imports.sqlite"


_SCHEMA = """
CREATE TABLE IF NOT EXISTS place(geonameid INTEGER PRIMARY KEY, name TEXT, asciiname TEXT, alternatenames TEXT,
    lat REAL, lon REAL, fclass TEXT, fcode TEXT, cc TEXT, admin1 TEXT, admin2 TEXT, population INTEGER);
CREATE TABLE IF NOT EXISTS altname(geonameid INTEGER, lang TEXT, name TEXT, UNIQUE(geonameid, lang, name));
CREATE TABLE IF NOT EXISTS admin(code TEXT PRIMARY KEY, name TEXT);
"""


def _rows(path: Path, width: int, report: ImportReport) -> Iterator[tuple[int, list[str]]]:
    with path.open(encoding="utf-8", errors="strict", newline="") as f:
        n = 0
        try:
            for n, line in enumerate(f, 1):
                if not line.strip() or line.startswith("#"):
                    continue
                cols = line.rstrip("\r\n").split("\t")
                if len(cols) != width:
                    report.errors.append(f"{path}:{n}: expected {width} tab-separated columns, found {len(cols)}")
                    continue
                yield n, cols
        except UnicodeDecodeError as e:
            report.errors.append(f"{path}:{n + 1}: not UTF-8 ({e.reason})")


def _main_table(con: sqlite3.Connection, path: Path, report: ImportReport) -> None:
    for n, c in _rows(path, 19, report):
        try:
            gid, lat, lon = int(c[0]), float(c[4]), float(c[5])
            population = int(c[14] or 0)
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError("coordinates out of range")
        except ValueError as e:
            report.errors.append(f"{path}:{n}: {e}")
            continue
        if c[6] not in KEEP_CLASSES and c[7] not in FEATURE_CODES:
            continue
        con.execute("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (gid, c[1], c[2], c[3], lat, lon, c[6], c[7], c[8], c[10], c[11], population))
        report.places += 1


def _alternate_names(con: sqlite3.Connection, path: Path, report: ImportReport) -> None:
    for n, c in _rows(path, 10, report):
        try:
            gid = int(c[1])
        except ValueError:
            report.errors.append(f"{path}:{n}: geonameid {c[1]!r} is not a number")
            continue
        if c[2] in ("link", "post", "iata", "icao", "faac", "wkdt", "unlc", "abbr") or c[7] == "1":
            continue  # codes, links and historic names are not names news writes
        con.execute("INSERT OR IGNORE INTO altname VALUES (?,?,?)", (gid, c[2], c[3]))
        report.names += 1


def _admin_codes(con: sqlite3.Connection, path: Path, report: ImportReport) -> None:
    for n, c in _rows(path, 4, report):
        if c[0].count(".") not in (1, 2):
            report.errors.append(f"{path}:{n}: admin code {c[0]!r} is not CC.ADM1 or CC.ADM1.ADM2")
            continue
        con.execute("INSERT OR REPLACE INTO admin VALUES (?,?)", (c[0], c[1]))
        report.admin_codes += 1


def _kind(path: Path) -> Callable[[sqlite3.Connection, Path, ImportReport], None] | None:
    with path.open(encoding="utf-8", errors="replace") as f:
        first = next((line for line in f if line.strip() and not line.startswith("#")), "")
    width = len(first.rstrip("\r\n").split("\t"))
    return {19: _main_table, 10: _alternate_names, 4: _admin_codes}.get(width)


def import_files(paths: list[Path], target: Path | None = None) -> ImportReport:
    """Load GeoNames dump files into the imports store (atomically per file)."""
    target = target or imports_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    report = ImportReport()
    con = sqlite3.connect(target)
    con.executescript(_SCHEMA)
    for path in paths:
        if not path.is_file():
            report.errors.append(f"{path}: no such file")
            continue
        loader = _kind(path)
        if loader is None:
            report.errors.append(f"{path}: not a GeoNames table (expected 19, 10 or 4 tab-separated columns)")
            continue
        with con:  # one transaction per file: a failed file leaves the store as it was
            loader(con, path, report)
    con.close()
    return report


def imported_records(path: Path | None = None) -> Iterator[PlaceRecord]:
    """Places of the imports store as gazetteer records (none when nothing was imported)."""
    from eventfold.places.sources import iso2_to_iso3

    path = path or imports_path()
    if not path.is_file():
        return
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    admin = dict(con.execute("SELECT code, name FROM admin"))
    alt: dict[int, list[str]] = {}
    for gid, name in con.execute("SELECT geonameid, name FROM altname"):
        alt.setdefault(gid, []).append(name)
    a3 = iso2_to_iso3()
    for gid, name, ascii_name, alternates, lat, lon, fclass, fcode, cc, a1, a2, pop in con.execute(
            "SELECT * FROM place"):
        feature = FEATURE_CODES.get(fcode, "city" if fclass == "P" else "other")
        if feature == "country":
            continue  # countries come from our own table, with every language's names
        names = [name, ascii_name] + [n for n in (alternates or "").split(",") if n] + alt.get(gid, [])
        yield PlaceRecord(
            Place(f"geonames:{gid}", name, a3.get(cc), admin.get(f"{cc}.{a1}"), admin.get(f"{cc}.{a1}.{a2}"),
                  lat, lon, feature, pop or 0),
            tuple(dict.fromkeys(n for n in names if n)))
    con.close()
