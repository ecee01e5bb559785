"""Events stage on texts we wrote: passives, modality, merging, dates, counts, attribution, coding.

Every event is validated against the event schema by the `extract` fixture.
"""

from __future__ import annotations

import pytest

from conftest import one

# --- French -----------------------------------------------------------------------------------

def test_fr_passive_agent_munitions_casualties_attribution(extract):
    text = ("Une position de l'armée malienne a été visée par trois obus de mortier tirés par des combattants du "
            "JNIM, tôt ce lundi, près de Mopti, dans le centre du Mali, selon une source sécuritaire. "
            "Deux soldats ont été tués et cinq autres blessés.")
    ev = one(extract(text, published="2024-03-05"))  # a Tuesday
    assert ev["event_type"] == "Explosions/Remote violence"
    assert ev["sub_event_type"] == "Shelling/artillery/missile attack"
    assert ev["event_date"] == "2024-03-04" and ev["date_precision"] == "day"
    assert ev["actor1"]["name"] == "Jama'at Nasr al-Islam wal Muslimin"
    assert ev["actor2"]["name"] == "Military Forces of Mali"
    assert ev["location"]["country"] == "MLI" and ev["location"]["geo_precision"] == 2
    assert ev["munitions"] == 3
    assert "mortar" in ev["weapons"]
    assert any("source" in s for s in ev["sources"][0]["attributed_to"])


def test_fr_habitual_negated_denied_and_threatened_are_not_events(extract):
    text = ("Les jihadistes ont régulièrement attaqué les convois de l'armée sur la route de Gao. "
            "L'armée a démenti avoir bombardé le marché de Tombouctou. "
            "Les rebelles menacent d'attaquer Goma dans les prochains jours. "
            "Aucune attaque n'a été signalée à Bamako.")
    assert extract(text, published="2024-03-05") == []


def test_fr_one_event_told_twice_is_one_event_with_two_mentions(extract):
    text = ("Des hommes armés ont enlevé douze civils mardi à Kidal, dans le nord du Mali.\n\n"
            "Le gouverneur a condamné l'attaque.\n\n"
            "Selon un élu local, les assaillants ont enlevé les douze civils mardi soir à Kidal avant de fuir.")
    ev = one(extract(text, published="2024-03-07"))
    assert ev["sub_event_type"] == "Abduction/forced disappearance"
    assert ev["event_date"] == "2024-03-05"
    assert len(ev["mentions"]) == 2
    assert ev["actor2"]["name"] == "Civilians (Mali)"


def test_fr_two_days_at_one_place_are_two_events(extract):
    text = ("Lundi, l'aviation russe a bombardé Idlib, dans le nord-ouest de la Syrie.\n\n"
            "Mercredi, de nouvelles frappes aériennes russes ont visé Idlib, tuant quatre civils.")
    events = extract(text, published="2024-03-07")
    assert sorted(e["event_date"] for e in events) == ["2024-03-04", "2024-03-06"]
    assert all(e["sub_event_type"] == "Air/drone strike" for e in events)
    assert {e["location"]["name"] for e in events} == {"Idlib"}
    assert sorted(e["fatalities"] or 0 for e in events) == [0, 4]


def test_fr_protest_with_intervention(extract):
    text = ("Des milliers de manifestants se sont rassemblés samedi à Dakar pour réclamer la libération "
            "d'opposants ; la police a dispersé la foule à coups de gaz lacrymogène.")
    ev = one(extract(text, published="2024-03-11"))
    assert ev["event_type"] == "Protests" and ev["sub_event_type"] == "Protest with intervention"
    assert ev["actor1"]["name"] == "Protesters (Senegal)"
    assert ev["actor2"]["name"] == "Police Forces of Senegal"
    assert ev["event_date"] == "2024-03-09"


def test_fr_relative_dates(extract):
    text = ("Dans la nuit de lundi à mardi, des hommes armés ont tué cinq villageois à Djibo.\n\n"
            "Hier, l'armée burkinabè a arrêté trois suspects à Ouahigouya.\n\n"
            "Il y a quelques jours, des jihadistes avaient attaqué un poste de gendarmerie à Kaya.")
    events = {e["location"]["name"]: e for e in extract(text, published="2024-03-08")}  # a Friday
    assert events["Djibo"]["event_date"] == "2024-03-05" and events["Djibo"]["fatalities"] == 5
    assert events["Ouahigouya"]["event_date"] == "2024-03-07"
    assert events["Ouahigouya"]["sub_event_type"] == "Arrests"
    kaya = events["Kaya"]
    assert kaya["date_precision"] == "week" and "2024-03-01" <= kaya["event_date"] <= "2024-03-06"


# --- English ----------------------------------------------------------------------------------

def test_en_passive_drone_strike_with_attribution(extract):
    text = ("A Ukrainian army checkpoint near Kharkiv was hit by two Russian drones early Tuesday, killing "
            "three soldiers and wounding seven, regional governor Oleh Syniehubov said.")
    ev = one(extract(text, published="2024-03-06"))  # a Wednesday
    assert ev["event_type"] == "Explosions/Remote violence" and ev["sub_event_type"] == "Air/drone strike"
    assert ev["actor1"]["name"] == "Military Forces of Russia"
    assert ev["actor2"]["name"] == "Military Forces of Ukraine"
    assert ev["event_date"] == "2024-03-05"
    assert (ev["munitions"], ev["fatalities"], ev["injuries"]) == (2, 3, 7)
    assert ev["location"]["country"] == "UKR" and ev["location"]["geo_precision"] == 2
    assert ev["sources"][0]["attributed_to"] == ["Oleh Syniehubov"]


def test_en_habitual_and_future_are_not_events(extract):
    text = ("Russian forces have repeatedly shelled the city of Kherson. "
            "The rebels threatened to attack Goma next week. "
            "Officials said they would not hold protests in Nairobi.")
    assert extract(text, published="2024-03-06") == []


def test_en_dozens_killed_attack_on_civilians(extract):
    text = ("Gunmen stormed the village of Maiduguri on Sunday and killed dozens of civilians, residents told "
            "Reuters.")
    ev = one(extract(text, published="2024-03-06"))
    assert ev["event_type"] == "Violence against civilians" and ev["sub_event_type"] == "Attack"
    assert ev["fatalities"] == 12
    assert ev["actor1"]["name"] == "Unidentified Armed Group (Nigeria)"
    assert ev["actor2"]["name"] == "Civilians (Nigeria)"
    assert ev["event_date"] == "2024-03-03"


def test_en_arrests(extract):
    ev = one(extract("Kenyan police arrested 45 protesters in Nairobi on Thursday.", published="2024-03-09"))
    assert ev["sub_event_type"] == "Arrests" and ev["actor1"]["name"] == "Police Forces of Kenya"
    assert ev["event_date"] == "2024-03-07"


def test_en_caption_debris_yields_no_event(extract):
    text = ("Protesters clashed with police in Paris, France, on March 3, 2019. (Reuters photo)\n"
            "Share this article\n\n"
            "Sudanese army airstrikes hit a market in Nyala on Monday, killing at least fifteen people, "
            "medics said.\n\nSOURCE: AGENCIES")
    ev = one(extract(text, published="2024-03-06"))
    assert ev["location"]["country"] == "SDN" and ev["fatalities"] == 15
    assert ev["sub_event_type"] == "Air/drone strike"


@pytest.mark.parametrize("lang,text", [
    ("fr", "Le président a inauguré mardi un nouveau pont à Abidjan en présence de plusieurs ministres."),
    ("en", "The central bank raised interest rates on Tuesday, citing inflation, the governor said in Lagos."),
    ("en", "Inflation hit a record 30 percent in Lagos on Monday. The new policy targets small businesses in Kano."),
    ("fr", "La hausse des prix a durement frappé les ménages de Dakar, qui visent désormais les marchés de Thiès."),
])
def test_no_event_articles(extract, lang, text):
    assert extract(text, published="2024-03-06") == []


def test_en_story_relative_date_and_place_after_preposition(extract):
    text = ("Gunmen killed four villagers in Djibo on Tuesday.\n\n"
            "A day earlier, Burkinabe army jets struck militant positions near Arbinda, killing 12 fighters.")
    events = {e["location"]["country"] + ":" + e["event_date"]: e for e in extract(text, published="2024-03-07")}
    assert set(events) == {"BFA:2024-03-05", "BFA:2024-03-04"}
    assert events["BFA:2024-03-05"]["location"]["name"] == "Djibo"
    strike = events["BFA:2024-03-04"]
    assert strike["sub_event_type"] == "Air/drone strike" and strike["location"]["geo_precision"] == 2


def test_ages_are_not_counts(extract):
    # "a 64-year-old", "aged 19 and 23", "de 45 ans": ages, never the number of victims.
    ev = one(extract("Gunmen attacked a village in Kaduna on Monday, wounding two men aged 19 and 23 and a "
                     "64-year-old farmer.", published="2024-03-06"))
    assert ev["injuries"] == 2 and ev["fatalities"] is None
    ev = one(extract("Des hommes armés ont attaqué un village près de Djibo lundi, blessant trois hommes de 45 ans.",
                     published="2024-03-06"))
    assert ev["injuries"] == 3
