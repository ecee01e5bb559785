"""German lexicon (data/lang/de) on the real pipeline: wire-style sentences (dpa, AFP and Reuters
German services) on Ukraine, the Middle East, the Sahel and street protests in Germany.

The publication date is Wednesday 6 March 2024 unless a test says otherwise."""

from __future__ import annotations

import pytest

PUB = "2024-03-06"  # a Wednesday


def one(events: list[dict]) -> dict:
    assert len(events) == 1, [(e["event_type"], e["location"]["name"], e["event_date"]) for e in events]
    return events[0]


@pytest.fixture(scope="module")
def de(extract):
    def run(text: str, published: str = PUB) -> list[dict]:
        return extract(text, published=published, language="de")
    return run


def test_compound_airstrike_weekday_number_in_words_and_demonym(de):
    ev = one(de("Bei einem russischen Luftangriff auf die ostukrainische Stadt Charkiw sind am Montag "
                "mindestens drei Menschen getötet worden."))
    assert ev["event_type"] == "Explosions/Remote violence" and ev["sub_event_type"] == "Air/drone strike"
    assert ev["event_date"] == "2024-03-04" and ev["date_precision"] == "day"
    assert ev["location"]["name"] == "Kharkiv"
    assert ev["actor1"]["name"] == "Military Forces of Russia"
    assert ev["fatalities"] == 3


def test_artillery_shelling_with_attribution(de):
    ev = one(de("Russische Truppen haben am Dienstag die Stadt Cherson mit Artillerie beschossen, "
                "sagte ein Sprecher der Militärverwaltung."))
    assert ev["sub_event_type"] == "Shelling/artillery/missile attack"
    assert ev["event_date"] == "2024-03-05"
    assert ev["location"]["name"] == "Kherson"
    assert ev["actor1"]["name"] == "Military Forces of Russia"
    assert any("Sprecher" in a for a in ev["sources"][0]["attributed_to"])


def test_suicide_bombing_compound_and_died(de):
    ev = one(de("Bei einem Selbstmordanschlag in Mogadischu sind am Sonntag zwölf Menschen ums Leben gekommen."))
    assert ev["sub_event_type"] == "Suicide bomb"
    assert ev["event_date"] == "2024-03-03"
    assert ev["location"]["country"] == "SOM"
    assert ev["fatalities"] == 12


def test_car_bomb_on_a_weekday_evening(de):
    ev = one(de("Am Montagabend explodierte in Damaskus eine Autobombe, drei Menschen wurden getötet."))
    assert ev["sub_event_type"] == "Remote explosive/landmine/IED"
    assert ev["event_date"] == "2024-03-04"
    assert ev["location"]["name"] == "Damascus"
    assert ev["fatalities"] == 3


def test_killing_days_ago(de):
    ev = one(de("Vor drei Tagen hatten Unbekannte in Kiew einen Journalisten erschossen."))
    assert ev["event_type"] == "Violence against civilians"
    assert ev["event_date"] == "2024-03-03"
    assert ev["actor1"]["name"] == "Unidentified Armed Group (Ukraine)"


def test_abduction(de):
    ev = one(de("Bewaffnete haben in Nigeria mehr als 200 Schüler entführt."))
    assert ev["sub_event_type"] == "Abduction/forced disappearance"
    assert ev["location"]["country"] == "NGA"


def test_peaceful_protest(de):
    ev = one(de("Mehrere tausend Demonstranten protestierten am Samstag in Berlin gegen den Krieg."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Protests", "Peaceful protest")
    assert ev["event_date"] == "2024-03-02"
    assert ev["location"]["name"] == "Berlin"
    assert ev["actor1"]["name"] == "Protesters (Germany)"


def test_protest_met_with_water_cannon_and_tear_gas(de):
    ev = one(de("In Georgien setzte die Polizei Wasserwerfer und Tränengas gegen Tausende Demonstranten "
                "vor dem Parlament in Tiflis ein."))
    assert ev["sub_event_type"] == "Protest with intervention"
    assert ev["actor2"]["name"] == "Police Forces of Georgia"
    assert "tear_gas" in ev["weapons"]


def test_riot_with_injured_police(de):
    ev = one(de("Bei Zusammenstößen zwischen Demonstranten und der Polizei in Berlin wurden am Samstag "
                "mehrere Beamte verletzt."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Riots", "Violent demonstration")
    assert ev["actor2"]["name"] == "Police Forces of Germany"
    assert ev["injuries"] == 3  # "mehrere": ACLED's several


def test_arrests_yesterday(de):
    ev = one(de("Die Polizei hat in Hamburg gestern 30 Demonstranten festgenommen."))
    assert ev["sub_event_type"] == "Arrests"
    assert ev["event_date"] == "2024-03-05"
    assert ev["actor1"]["name"] == "Police Forces of Germany"


def test_habitual_denied_threatened_negated_future_and_statements_are_not_events(de):
    text = ("Russland greift immer wieder Ziele in der Ukraine an und beschießt regelmäßig Charkiw. "
            "Das israelische Militär dementierte, das Krankenhaus bombardiert zu haben. "
            "Die Hamas drohte mit neuen Angriffen auf Israel. "
            "Bei dem Angriff in Odessa gab es keine Toten. "
            "Für Samstag ist eine Großdemonstration in München angemeldet. "
            "Der Kanzler verurteilte die Gewalt und rief zur Ruhe auf.")
    assert de(text) == []
