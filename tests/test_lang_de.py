"""German lexicon (data/lang/de) on the real pipeline: wire-style sentences (dpa, AFP and Reuters
German services) on Ukraine, the Middle East, the Sahel and street protests in Germany.

The publication date is Wednesday 6 March 2024 unless a test says otherwise."""

from __future__ import annotations

import pytest

from conftest import one

PUB = "2024-03-06"  # a Wednesday



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


# --- lexicon coverage added for wire copy (dpa/AFP/Reuters German services) ---------------------

def test_in_the_morning_is_not_tomorrow_and_rockets_struck_inverted(de):
    # "Am Morgen" (in the morning) is no future marker; "schlugen mehrere Raketen ... ein" (V2 order).
    ev = one(de("Am Morgen schlugen mehrere Raketen in der nordisraelischen Stadt Safed ein, "
                "eine Soldatin wurde getötet."))
    assert ev["event_type"] == "Explosions/Remote violence"
    assert ev["location"]["name"] == "Safed"
    assert "rocket" in ev["weapons"]


def test_munition_as_subject_of_traf(de):
    ev = one(de("Russische Raketen trafen am Freitag die westukrainische Stadt Lwiw."))
    assert ev["sub_event_type"] == "Shelling/artillery/missile attack"
    assert ev["event_date"] == "2024-03-01"
    assert ev["location"]["name"] == "Lviv"
    assert ev["actor1"]["name"] == "Military Forces of Russia"


def test_drone_dropped_explosive(de):
    ev = one(de("Eine russische Drohne hat am Montag in Cherson einen Sprengsatz abgeworfen, "
                "eine Frau wurde getötet."))
    assert ev["sub_event_type"] == "Air/drone strike"
    assert ev["event_date"] == "2024-03-04"
    assert ev["location"]["name"] == "Kherson"


def test_convoy_hit_an_ied_and_reported_speech_toll(de):
    # "geriet ... auf einen Sprengsatz"; "seien ... getötet worden" is a passive: the toll of that blast.
    ev = one(de("Am Montag geriet ein Konvoi der malischen Armee rund 20 Kilometer südlich von Gao auf "
                "einen Sprengsatz. Dabei seien zwei Soldaten getötet worden."))
    assert ev["sub_event_type"] == "Remote explosive/landmine/IED"
    assert ev["location"]["name"] == "Gao" and ev["location"]["geo_precision"] == 2
    assert ev["fatalities"] == 2


def test_border_town_feature_word(de):
    ev = one(de("Ukrainische Artillerie hat am Samstag die russische Grenzstadt Schebekino beschossen, "
                "ein Zivilist wurde getötet."))
    assert ev["location"]["name"] == "Shebekino"
    assert ev["actor1"]["name"] == "Military Forces of Ukraine"


def test_compass_nouns_and_des_landes_are_no_towns(de):
    # "Norden" (a town in Lower Saxony), "Landes" (a French département) are the north and the country.
    ev = one(de("Im Norden des Landes haben Bewaffnete am Sonntag in Mali zwölf Zivilisten getötet."))
    assert ev["location"]["country"] == "MLI"
    ev = one(de("Im Osten der Ukraine haben Bewaffnete am Sonntag zwölf Zivilisten getötet."))
    assert ev["location"]["name"] == "Ukraine" and ev["fatalities"] == 12


def test_gaza_strip_genitive(de):
    ev = one(de("Bei einem israelischen Luftangriff im Süden des Gazastreifens sind am Dienstag "
                "zehn Menschen getötet worden."))
    assert ev["location"]["country"] == "PSE"
    assert ev["actor1"]["name"] == "Military Forces of Israel"
    assert ev["fatalities"] == 10


def test_vague_numbers_in_words(de):
    ev = one(de("Bei einem Drohnenangriff auf Kiew wurden am Montag mehrere Dutzend Menschen verletzt."))
    assert ev["injuries"] == 12


def test_last_year_is_background(de):
    assert de("Im vergangenen Jahr hatten in Essen Zehntausende gegen die AfD protestiert.") == []


def test_rally_proceeded_peacefully(de):
    ev = one(de("In München versammelten sich am Montag etwa 5000 Landwirte, die Kundgebung verlief friedlich."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Protests", "Peaceful protest")
    assert ev["location"]["name"] == "Munich"


def test_police_cleared_blockades_with_water_cannon(de):
    ev = one(de("Die Polizei löste am Samstag in Leipzig die Blockaden auf und setzte Wasserwerfer ein."))
    assert ev["sub_event_type"] == "Protest with intervention"
    assert ev["actor2"]["name"] == "Police Forces of Germany"
    assert ev["event_date"] == "2024-03-02"


def test_country_genitive_is_the_country_not_its_namesake_village(de):
    # "Malis" is also the key of Malliß (Mecklenburg): demonyms.toml names it as Mali's.
    ev = one(de("Im Norden Malis haben Bewaffnete am Sonntag zwölf Zivilisten getötet."))
    assert ev["location"]["country"] == "MLI" and ev["location"]["name"] == "Mali"
