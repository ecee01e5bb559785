"""English lexicon on the real pipeline: wire-style sentences from the Sahel, Gaza, Sudan, Haiti,
Kenya, the DRC, Nigeria and Ukraine, each checked for its ACLED coding, and sentences that report
no event (habitual, negated, future, threats, economy, sport).

Every text is told under a headline, as in an article, so that noun triggers need a support verb.
The `extract` fixture (tests/conftest.py) shares one Pipeline with the whole session.
"""

from __future__ import annotations

import pytest

from conftest import one

HEADLINE = "Officials give an update on the security situation in the region\n\n"
PUBLISHED = "2024-03-06"  # a Wednesday


def events_of(extract, text: str, published: str = PUBLISHED) -> list[dict]:
    return extract(HEADLINE + text, published=published, language="en")



def test_sahel_ambush_weekday_number_in_words_and_attribution(extract):
    ev = one(events_of(extract, "Suspected jihadists ambushed a military convoy near Djibo in northern Burkina Faso "
                                "on Sunday, killing at least twenty soldiers, security sources told AFP."))
    assert ev["event_type"] == "Battles" and ev["sub_event_type"] == "Armed clash"
    assert ev["event_date"] == "2024-03-03"
    assert ev["fatalities"] == 20
    assert ev["actor2"]["name"] == "Military Forces of Burkina Faso"
    assert ev["location"]["name"] == "Djibo" and ev["location"]["geo_precision"] == 2
    assert "security sources" in ev["sources"][0]["attributed_to"]


def test_gaza_airstrike_by_demonym_made_state_forces(extract):
    ev = one(events_of(extract, "An Israeli airstrike on a house in Rafah killed at least 13 people, including five "
                                "children, overnight, Gaza's civil defence agency said."))
    assert ev["sub_event_type"] == "Air/drone strike"
    assert ev["actor1"]["name"] == "Military Forces of Israel"
    assert ev["location"]["country"] == "PSE" and ev["fatalities"] == 13


def test_sudan_rsf_shelling_of_civilians(extract):
    ev = one(events_of(extract, "The Rapid Support Forces shelled residential neighbourhoods of El Fasher on Tuesday, "
                                "killing 11 civilians, according to local activists."))
    assert ev["event_type"] == "Explosions/Remote violence"
    assert ev["sub_event_type"] == "Shelling/artillery/missile attack"
    assert ev["actor1"]["name"] == "Rapid Support Forces"
    assert ev["actor2"]["name"] == "Civilians (Sudan)"
    assert ev["event_date"] == "2024-03-05" and ev["fatalities"] == 11
    assert ev["sources"][0]["attributed_to"] == ["local activists"]


def test_haiti_gang_killing_is_violence_against_civilians(extract):
    ev = one(events_of(extract, "Gang members shot dead at least 12 people in Port-au-Prince on Saturday, "
                                "the UN said."))
    assert ev["event_type"] == "Violence against civilians" and ev["sub_event_type"] == "Attack"
    assert ev["location"]["country"] == "HTI" and ev["fatalities"] == 12
    assert ev["event_date"] == "2024-03-02"


def test_kenyan_protest_dispersed_with_tear_gas(extract):
    ev = one(events_of(extract, "Kenyan police fired tear gas at protesters in Nairobi on Tuesday as thousands took "
                                "to the streets to denounce the finance bill."))
    assert ev["event_type"] == "Protests" and ev["sub_event_type"] == "Protest with intervention"
    assert ev["actor1"]["name"] == "Protesters (Kenya)"
    assert ev["actor2"]["name"] == "Police Forces of Kenya"
    assert "tear_gas" in ev["weapons"]


def test_drc_m23_takes_control_of_a_town(extract):
    ev = one(events_of(extract, "M23 rebels took control of the town of Sake in North Kivu on Wednesday, "
                                "local officials said."))
    assert ev["sub_event_type"] == "Non-state actor overtakes territory"
    assert ev["actor1"]["name"] == "M23: March 23 Movement"
    assert ev["location"]["country"] == "COD" and ev["event_date"] == "2024-03-06"


def test_nigeria_kidnapping_on_a_highway(extract):
    ev = one(events_of(extract, "Gunmen kidnapped 30 passengers on a highway near Kaduna on Friday, police said."))
    assert ev["sub_event_type"] == "Abduction/forced disappearance"
    assert ev["actor1"]["name"] == "Unidentified Armed Group (Nigeria)"
    assert ev["actor2"]["name"] == "Civilians (Nigeria)"
    assert ev["event_date"] == "2024-03-01"


def test_ied_with_a_toll_in_words(extract):
    ev = one(events_of(extract, "Two soldiers were killed when their vehicle struck an improvised explosive device "
                                "near Mopti on Monday."))
    assert ev["sub_event_type"] == "Remote explosive/landmine/IED"
    assert ev["fatalities"] == 2 and "ied" in ev["weapons"]
    assert ev["actor2"]["name"] == "Military Forces of Mali" and ev["event_date"] == "2024-03-04"


def test_yesterday_attack_on_a_police_station(extract):
    ev = one(events_of(extract, "Yesterday, gunmen attacked a police station in Bunia, killing three officers."))
    assert ev["event_date"] == "2024-03-05" and ev["date_precision"] == "day"
    assert ev["actor2"]["name"] == "Police Forces of the Democratic Republic of Congo"
    assert ev["fatalities"] == 3


def test_rockets_fired_in_dozens_and_stone_throwing_riot(extract):
    rockets = one(events_of(extract, "Hezbollah fired dozens of rockets at northern Israel on Tuesday."))
    assert rockets["sub_event_type"] == "Shelling/artillery/missile attack"
    assert rockets["actor1"]["name"] == "Hezbollah"
    riot = one(events_of(extract, "Protesters pelted police with stones in Dhaka on Sunday."))
    assert riot["event_type"] == "Riots" and riot["sub_event_type"] == "Violent demonstration"
    assert riot["event_date"] == "2024-03-03"


def test_arrests_and_a_newspaper_named_daily(extract):
    ev = one(events_of(extract, "Kenyan police arrested 45 protesters in Mombasa on Thursday, the Daily Nation "
                                "reported."))
    assert ev["sub_event_type"] == "Arrests" and ev["actor1"]["name"] == "Police Forces of Kenya"
    assert ev["event_date"] == "2024-02-29"


@pytest.mark.parametrize("text", [
    "The president vowed to crush the rebels and threatened to launch airstrikes on Goma.",  # threat
    "Militants regularly attack villages around Djibo.",  # habitual
    "Police did not arrest anyone after the clashes in Kampala.",  # negated
    "Opposition supporters will march on parliament in Nairobi next Tuesday.",  # future
    "Inflation hit a 20-year high in Accra on Tuesday, the statistics office said.",  # economy
    "Firefighters battled a blaze in Nairobi on Monday.",  # not a battle
    "Police seized 50 kg of cocaine in Lagos on Monday.",  # not a kidnapping
])
def test_non_events(extract, text):
    assert events_of(extract, text) == []
