"""Italian lexicon (data/lang/it) on the real pipeline: wire-style sentences (ANSA, AGI, Italian
services of AFP/Reuters) on Ukraine, Gaza, the Sahel, Libya and Italian street protests.

The publication date is Wednesday 6 March 2024 unless a test says otherwise."""

from __future__ import annotations

import pytest

from conftest import one

PUB = "2024-03-06"  # a Wednesday



@pytest.fixture(scope="module")
def it(extract):
    def run(text: str, published: str = PUB) -> list[dict]:
        return extract(text, published=published, language="it")
    return run


def test_airstrike_weekday_number_in_words_demonym_and_attribution(it):
    ev = one(it("Un raid aereo israeliano ha colpito lunedì una casa a Rafah, nel sud della Striscia di Gaza, "
                "uccidendo quindici persone, secondo il ministero della Sanità di Hamas."))
    assert ev["event_type"] == "Explosions/Remote violence" and ev["sub_event_type"] == "Air/drone strike"
    assert ev["event_date"] == "2024-03-04" and ev["date_precision"] == "day"
    assert ev["fatalities"] == 15
    assert ev["actor1"]["name"] == "Military Forces of Israel"
    assert ev["location"]["country"] == "PSE"
    assert any("ministero" in a for a in ev["sources"][0]["attributed_to"])


def test_missile_shelling_yesterday_with_dead_and_injured(it):
    ev = one(it("Le forze russe hanno bombardato ieri la città di Kharkiv con missili balistici: "
                "due civili sono morti e venti sono rimasti feriti."))
    assert ev["sub_event_type"] == "Shelling/artillery/missile attack"
    assert ev["event_date"] == "2024-03-05"
    assert ev["location"]["name"] == "Kharkiv"
    assert ev["actor1"]["name"] == "Military Forces of Russia"
    assert ev["actor2"]["name"] == "Civilians (Ukraine)"
    assert (ev["fatalities"], ev["injuries"]) == (2, 20)
    assert "missile" in ev["weapons"]


def test_drone_strike_in_the_night_between_two_weekdays(it):
    ev = one(it("Nella notte tra lunedì e martedì un drone russo ha ucciso due persone a Kherson."))
    assert ev["sub_event_type"] == "Air/drone strike"
    assert ev["event_date"] == "2024-03-05"
    assert ev["fatalities"] == 2


def test_ied_days_ago_sahel(it):
    ev = one(it("Tre giorni fa un ordigno esplosivo improvvisato ha ucciso quattro soldati maliani vicino a Gao."))
    assert ev["sub_event_type"] == "Remote explosive/landmine/IED"
    assert ev["event_date"] == "2024-03-03"
    assert ev["actor2"]["name"] == "Military Forces of Mali"
    assert ev["fatalities"] == 4


def test_suicide_bombing_with_vague_toll(it):
    ev = one(it("Un kamikaze si è fatto esplodere in un mercato affollato a Maiduguri, nel nord-est della "
                "Nigeria, causando decine di vittime."))
    assert ev["sub_event_type"] == "Suicide bomb"
    assert ev["location"]["country"] == "NGA"
    assert ev["fatalities"] == 12  # "decine": ACLED's dozens


def test_militia_clashes_in_tripoli(it):
    ev = one(it("Scontri armati tra milizie rivali a Tripoli hanno causato almeno 27 morti e 100 feriti, "
                "ha riferito il ministero della Salute libico."))
    assert ev["event_type"] == "Battles"
    assert ev["location"]["country"] == "LBY"
    assert (ev["fatalities"], ev["injuries"]) == (27, 100)


def test_abduction_of_students(it):
    ev = one(it("Uomini armati hanno rapito dodici studenti in una scuola nello stato di Kaduna, in Nigeria."))
    assert ev["sub_event_type"] == "Abduction/forced disappearance"
    assert ev["actor1"]["name"] == "Unidentified Armed Group (Nigeria)"
    assert ev["actor2"]["name"] == "Civilians (Nigeria)"


def test_peaceful_protest_on_saturday(it):
    ev = one(it("Migliaia di manifestanti sono scesi in piazza sabato a Roma per chiedere il cessate il fuoco a Gaza."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Protests", "Peaceful protest")
    assert ev["event_date"] == "2024-03-02"
    assert ev["actor1"]["name"] == "Protesters (Italy)"
    assert ev["location"]["name"] == "Rome"


def test_protest_dispersed_with_tear_gas(it):
    ev = one(it("La polizia ha disperso i manifestanti con idranti e lacrimogeni davanti al parlamento di Tbilisi."))
    assert ev["sub_event_type"] == "Protest with intervention"
    assert ev["actor2"]["name"] == "Police Forces of Georgia"
    assert "tear_gas" in ev["weapons"]


def test_riot_stones_thrown_at_police(it):
    ev = one(it("Scontri a Torino tra manifestanti pro-Palestina e polizia: lanciati sassi e bottiglie, "
                "la polizia ha risposto con i lacrimogeni."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Riots", "Violent demonstration")
    assert ev["location"]["name"] == "Turin"
    assert ev["actor2"]["name"] == "Police Forces of Italy"


def test_arrests_by_police(it):
    ev = one(it("Blitz antidroga a Caivano: la polizia ha arrestato 20 persone."))
    assert ev["sub_event_type"] == "Arrests"
    assert ev["actor1"]["name"] == "Police Forces of Italy"


def test_territory_taken(it):
    ev = one(it("Le forze russe hanno conquistato il villaggio di Krasnohorivka, nella regione di Donetsk, "
                "ha annunciato il ministero della Difesa di Mosca."))
    assert ev["event_type"] == "Battles"
    assert ev["actor1"]["name"] == "Military Forces of Russia"


def test_habitual_denied_threatened_negated_future_and_statements_are_not_events(it):
    text = ("L'esercito israeliano bombarda regolarmente le postazioni di Hezbollah nel sud del Libano. "
            "L'esercito ha smentito di aver bombardato l'ospedale di Gaza. "
            "Hamas minaccia di attaccare Israele se l'offensiva su Rafah continuerà. "
            "Non ci sono stati attacchi a Kiev nella notte. "
            "Domani è previsto uno sciopero generale dei trasporti a Roma. "
            "Il presidente ha condannato duramente la violenza e ha chiesto la pace. "
            "I carabinieri hanno interrogato un uomo accusato di aver ucciso la moglie a Napoli.")
    assert it(text) == []
