"""Geoparser on the real default gazetteer: resolution in context, relative places, countries."""

from __future__ import annotations

import pytest

import eventfold
from eventfold.places.api import places_of


@pytest.fixture(scope="module")
def places(pipeline):
    def run(text: str, language: str = "en") -> list[dict]:
        return places_of(pipeline, eventfold.Document(id="p", text=text, language=language))
    return run


def by_text(found: list[dict]) -> dict[str, dict]:
    return {p["text"]: p for p in found}


def test_transliterations_resolve_to_one_place(places):
    found = by_text(places("Les combattants ont fui Deir Ezzor puis Dayr az-Zawr, près de Boukamal en Syrie.", "fr"))
    assert found["Deir Ezzor"]["gazetteer_id"] == found["Dayr az-Zawr"]["gazetteer_id"]
    assert found["Deir Ezzor"]["country"] == "SYR"
    assert found["Boukamal"]["country"] == "SYR"


@pytest.mark.parametrize("text,name", [
    ("Mexico said on Monday it would send troops to the border.", "Mexico"),
    ("Georgia and Armenia signed a transit agreement.", "Georgia"),
    ("Fighting in Sudan has displaced millions.", "Sudan"),
])
def test_country_names_are_countries_not_towns(places, text, name):
    assert by_text(places(text))[name]["feature"] == "country"


def test_relative_expression_gives_precision_two(places):
    found = by_text(places("Shells fell 20 km north of Kharkiv and near Izium on Tuesday."))
    assert found["Kharkiv"]["precision"] == 2 and found["Kharkiv"]["country"] == "UKR"


def test_feature_word_selects_the_site(places):
    found = by_text(places("La base militaire du champ pétrolier de Conoco a été visée.", "fr"))
    assert found["Conoco"]["feature"] in ("gas_field", "oil_field")
    assert found["Conoco"]["country"] == "SYR"
    assert "Conoco" not in by_text(places("Conoco reported higher profits this quarter."))


def test_person_names_are_not_places(places):
    found = by_text(places("Vladimir Putin met Harvey Weinstein's lawyers in Moscow."))
    assert set(found) == {"Moscow"}


def test_offsets_are_into_the_input(places):
    text = "Title line\n\nA blast hit Mosul on Monday."
    [mosul] = [p for p in places(text) if p["text"] == "Mosul"]
    assert text[mosul["start"]:mosul["end"]] == "Mosul"


def test_event_place_is_not_the_dateline_or_the_origin(extract):
    text = ("BEIRUT, March 5 (Reuters) - Rockets fired from southern Lebanon hit the Israeli town of Kiryat Shmona "
            "on Tuesday, Israel's military said.")
    events = extract(text, published="2024-03-05")
    assert [e["location"]["name"] for e in events] in (["Kiryat Shmona"], ["Qiryat Shmona"])
    assert events[0]["location"]["country"] == "ISR"
