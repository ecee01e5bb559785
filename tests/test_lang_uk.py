"""Ukrainian lexicons on the real pipeline (blank spaCy pipeline, simplemma lemmas): oblast
military administration posts, Ukrinform/Suspilne/UNIAN style war reporting, protests abroad.

The pipeline is shared by the module (the session fixture of conftest) and every event is
schema-checked by `extract`.
"""

from __future__ import annotations

import pytest

from conftest import one


def uk(extract, text: str, published: str = "2024-03-06") -> list[dict]:
    return extract(text, published=published, language="uk")



def test_oblast_administration_post_dead_and_injured_in_words(extract):
    ev = one(uk(extract, "Внаслідок обстрілу Херсона загинули двоє людей, ще п’ятеро поранені, повідомив начальник "
                         "ОВА Олександр Прокудін."))
    assert ev["sub_event_type"] == "Shelling/artillery/missile attack"
    assert ev["location"]["name"] == "Kherson"
    assert (ev["fatalities"], ev["injuries"]) == (2, 5)
    assert ev["actor2"]["name"] == "Civilians (Ukraine)"
    assert any("Прокудін" in s for s in ev["sources"][0]["attributed_to"])


def test_missile_strike_on_monday_by_russian_troops(extract):
    ev = one(uk(extract, "У понеділок російські війська завдали ракетного удару по Харкову."))
    assert ev["event_date"] == "2024-03-04"
    assert ev["sub_event_type"] == "Shelling/artillery/missile attack"
    assert ev["actor1"]["name"] == "Military Forces of Russia"


def test_enemy_drone_yesterday_evening(extract):
    ev = one(uk(extract, "Вчора ввечері ворожий дрон атакував автомобіль у Херсоні, водій дістав поранення."))
    assert ev["event_date"] == "2024-03-05"
    assert ev["sub_event_type"] == "Air/drone strike"
    assert ev["actor1"]["name"] == "Military Forces of Russia"  # "ворожий" is Russia in the Ukrainian press
    assert ev["location"]["name"] == "Kherson"


def test_night_attack_with_strike_drones(extract):
    ev = one(uk(extract, "У ніч з вівторка на середу росіяни атакували Харків ударними безпілотниками.",
                published="2024-03-07"))
    assert ev["event_date"] == "2024-03-06"
    assert ev["sub_event_type"] == "Air/drone strike"
    assert "drone" in ev["weapons"]


def test_missile_hit_three_days_ago(extract):
    ev = one(uk(extract, "Три дні тому в Запоріжжі ракета влучила в багатоповерхівку, загинули 5 людей."))
    assert ev["event_date"] == "2024-03-03"
    assert ev["fatalities"] == 5
    assert ev["location"]["country"] == "UKR"


def test_guided_bomb_dropped_by_occupiers(extract):
    ev = one(uk(extract, "Окупанти скинули КАБ на Куп’янськ."))
    assert ev["sub_event_type"] == "Air/drone strike"
    assert ev["actor1"]["name"] == "Military Forces of Russia"
    assert "air_bomb" in ev["weapons"]


def test_battle_with_soldiers_killed(extract):
    ev = one(uk(extract, "Під час бою у Вовчанську загинули четверо українських військових."))
    assert ev["sub_event_type"] == "Armed clash"
    assert ev["fatalities"] == 4
    assert ev["actor2"]["name"] == "Military Forces of Ukraine"


def test_airstrike_on_gaza_toll_in_words(extract):
    ev = one(uk(extract, "Ізраїльська армія завдала авіаудару по сектору Газа, загинули двадцять палестинців."))
    assert ev["sub_event_type"] == "Air/drone strike"
    assert ev["actor1"]["name"] == "Military Forces of Israel"
    assert ev["fatalities"] == 20


def test_protest_dispersed_in_tbilisi(extract):
    ev = one(uk(extract, "У Тбілісі поліція розігнала протестувальників водометами та сльозогінним газом."))
    assert ev["sub_event_type"] == "Protest with intervention"
    assert ev["actor2"]["name"] == "Police Forces of Georgia"
    assert "tear_gas" in ev["weapons"]


def test_village_captured(extract):
    ev = one(uk(extract, "Росіяни захопили село Очеретине на Донеччині."))
    assert ev["event_type"] == "Battles"
    assert ev["location"]["name"] == "Ocheretyne"


def test_drones_shot_down(extract):
    ev = one(uk(extract, "У Херсоні сили ППО збили три шахеди."))
    assert ev["sub_event_type"] == "Disrupted weapons use"
    assert ev["munitions"] == 3


@pytest.mark.parametrize("text", [
    "Ворог регулярно обстрілює Херсон.",                               # habitual
    "Росія погрожує завдати удару по Києву.",                          # threat
    "Міноборони РФ спростувало інформацію про удар по Бєлгороду.",    # denial
    "Окупанти ніколи не обстрілювали Херсон.",                         # negated
    "Загроза застосування КАБів на Харківщині.",                       # an alert, not a strike
    "Завтра окупанти будуть атакувати Харків, попереджають у розвідці.",  # future
])
def test_statements_threats_habits_and_denials_are_not_events(extract, text):
    assert uk(extract, text) == []
