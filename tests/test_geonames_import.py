"""GeoNames dump import: the standard file formats, malformed lines reported with file and line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from eventfold.places.geonames import import_files, imported_records


def _row(*cols) -> str:
    return "\t".join(str(c) for c in cols) + "\n"


def test_import_main_alternate_and_admin_files(tmp_path: Path):
    main = tmp_path / "SY.txt"
    main.write_text(
        _row(7777001, "Conoco Gas Field", "Conoco Gas Field", "Conoco,Koniko", 35.41, 40.30, "L", "OILF", "SY", "",
             "07", "", "", "", 0, "", 250, "Asia/Damascus", "2023-01-01")
        + _row(7777002, "Tall Example", "Tall Example", "", 36.0, 40.0, "P", "PPL", "SY", "", "07", "", "", "", 1200,
               "", 300, "Asia/Damascus", "2023-01-01")
        + _row(7777003, "A Hill", "A Hill", "", 36.0, 40.0, "T", "HLL", "SY", "", "07", "", "", "", 0, "", 300,
               "Asia/Damascus", "2023-01-01")
        + "7777004\tbroken line with too few columns\n"
        + _row("notanumber", "X", "X", "", 1, 2, "P", "PPL", "SY", "", "07", "", "", "", 0, "", 0, "UTC", "2023-01-01"),
        encoding="utf-8")
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text(_row(1, 7777001, "ar", "حقل كونيكو", "", "", "", "", "", "")
                   + _row(2, 7777001, "link", "https://example.org", "", "", "", "", "", "")
                   + "3\t7777001\tfr\n", encoding="utf-8")
    admin = tmp_path / "admin1CodesASCII.txt"
    admin.write_text("SY.07\tDeir ez-Zor\tDeir ez-Zor\t170792\nbad-code\tX\tX\t1\n", encoding="utf-8")
    store = tmp_path / "imports.sqlite"
    report = import_files([main, alt, admin, tmp_path / "missing.txt"], store)
    assert (report.places, report.names, report.admin_codes) == (2, 1, 1)
    assert f"{main}:4: expected 19 tab-separated columns, found 2" in report.errors
    assert any(e.startswith(f"{main}:5:") for e in report.errors)
    assert f"{alt}:3: expected 10 tab-separated columns, found 3" in report.errors
    assert any(e.startswith(f"{admin}:2:") for e in report.errors)
    assert any("missing.txt: no such file" in e for e in report.errors)
    records = {r.place.gid: r for r in imported_records(store)}
    field = records["geonames:7777001"]
    assert field.place.feature == "oil_field" and field.place.country == "SYR" and field.place.admin1 == "Deir ez-Zor"
    assert "حقل كونيكو" in field.names and "Koniko" in field.names
    assert "geonames:7777003" not in records  # a hill is not a place news events happen at


def test_failed_file_leaves_store_intact(tmp_path: Path):
    store = tmp_path / "imports.sqlite"
    good = tmp_path / "admin1CodesASCII.txt"
    good.write_text("SY.07\tDeir ez-Zor\tDeir ez-Zor\t170792\n", encoding="utf-8")
    import_files([good], store)
    binary = tmp_path / "admin2Codes.txt"
    binary.write_bytes(b"SY.07.1\t\xff\xfe\tX\t1\n")
    report = import_files([binary], store)
    assert report.errors
    with sqlite3.connect(store) as con:
        assert con.execute("SELECT name FROM admin WHERE code='SY.07'").fetchone() == ("Deir ez-Zor",)
