"""The gazetteer file: atomic builds and lookups by exact key and transliteration skeleton."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventfold.places.gazetteer import SHORT, Gazetteer, Place, PlaceRecord, write_gazetteer
from eventfold.places.keys import name_key, skeleton_key

RECORDS = [
    PlaceRecord(Place("geonames:170794", "Deir ez-Zor", "SYR", "Deir ez-Zor", None, 35.336, 40.141, "city", 242565),
                ("Deir ez-Zor", "Dayr az Zawr", "دير الزور")),
    PlaceRecord(Place("site:syr-test-field", "Test oil field", "SYR", None, None, 35.0, 40.5, "oil_field", 0),
                ("Test oil field",), ("Testfield",)),
]


def test_build_and_lookup(tmp_path: Path):
    path = tmp_path / "g.sqlite"
    assert write_gazetteer(path, RECORDS, {"fingerprint": "x"}) == 2
    g = Gazetteer(path)
    hits = g.by_keys([name_key("Dayr az-Zawr")])
    assert [p.gid for p, _ in hits[name_key("Dayr az-Zawr")]] == ["geonames:170794"]
    skel = g.by_skeletons([skeleton_key("Deir Ezzor")])
    assert {p.gid for p, _, _ in skel[skeleton_key("Deir Ezzor")]} == {"geonames:170794"}
    [(field, flags)] = g.by_keys(["testfield"])["testfield"]
    assert field.feature == "oil_field" and flags & SHORT
    assert g.meta["fingerprint"] == "x"


def test_failed_build_keeps_the_working_file(tmp_path: Path):
    path = tmp_path / "g.sqlite"
    write_gazetteer(path, RECORDS, {"fingerprint": "old"})

    def broken():
        yield RECORDS[0]
        raise RuntimeError("source data unreadable")

    with pytest.raises(RuntimeError):
        write_gazetteer(path, broken(), {"fingerprint": "new"})
    assert Gazetteer(path).meta["fingerprint"] == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.sqlite"]
