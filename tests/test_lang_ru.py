"""Russian lexicons on the real pipeline (blank spaCy pipeline, simplemma lemmas): war reporting from
both sides, the Caucasus and Central Asia, protests and detentions.

Each text is one short paragraph as the wires and outlets write it; the pipeline is shared by the
module (the session fixture of conftest) and every event is schema-checked by `extract`.
"""

from __future__ import annotations

import pytest

from conftest import one


def ru(extract, text: str, published: str = "2024-03-06") -> list[dict]:
    return extract(text, published=published, language="ru")



def test_shelling_with_demonym_actor_and_toll_in_words(extract):
    ev = one(ru(extract, "Украинские военные обстреляли Горловку, погибли двое мирных жителей, сообщил глава города."))
    assert ev["event_type"] == "Explosions/Remote violence"
    assert ev["sub_event_type"] == "Shelling/artillery/missile attack"
    assert ev["actor1"]["name"] == "Military Forces of Ukraine"
    assert ev["actor2"]["name"] == "Civilians (Ukraine)"
    assert ev["location"]["name"] == "Horlivka" and ev["location"]["country"] == "UKR"
    assert ev["fatalities"] == 2


def test_missile_strike_on_a_weekday(extract):
    ev = one(ru(extract, "Российские войска нанесли ракетный удар по Харькову в понедельник.", published="2024-03-05"))
    assert ev["event_date"] == "2024-03-04"  # the Monday before a Tuesday publication
    assert ev["sub_event_type"] == "Shelling/artillery/missile attack"
    assert ev["actor1"]["name"] == "Military Forces of Russia"
    assert "missile" in ev["weapons"]
    assert ev["location"]["name"] == "Kharkiv"


def test_yesterday_explosion_with_one_dead(extract):
    ev = one(ru(extract, "Вчера в Донецке прогремел взрыв, погиб один человек."))
    assert ev["event_date"] == "2024-03-05"
    assert ev["sub_event_type"] == "Remote explosive/landmine/IED"
    assert ev["fatalities"] == 1
    assert ev["location"]["country"] == "UKR"


def test_airstrike_attributed_to_tass_at_least_fifteen_dead(extract):
    # "не менее" (at least) right after the toll word must not negate the event.
    ev = one(ru(extract, "Израильская авиация нанесла авиаудар по сектору Газа, погибли не менее 15 палестинцев, "
                         "сообщает ТАСС."))
    assert ev["sub_event_type"] == "Air/drone strike"
    assert ev["actor1"]["name"] == "Military Forces of Israel"
    assert ev["fatalities"] == 15
    assert "ТАСС" in ev["sources"][0]["attributed_to"]


def test_night_from_tuesday_to_wednesday_drone_attack(extract):
    ev = one(ru(extract, "В ночь со вторника на среду украинские беспилотники атаковали нефтебазу в Брянске.",
                published="2024-03-07"))
    assert ev["event_date"] == "2024-03-06"
    assert ev["sub_event_type"] == "Air/drone strike"
    assert ev["actor1"]["name"] == "Military Forces of Ukraine"
    assert ev["location"]["country"] == "RUS"


def test_guided_bombs_toll_and_injured(extract):
    ev = one(ru(extract, "В результате удара КАБами по Харькову погибли двое, ранены 17 человек."))
    assert ev["sub_event_type"] == "Air/drone strike"
    assert "air_bomb" in ev["weapons"]
    assert (ev["fatalities"], ev["injuries"]) == (2, 17)


def test_protest_dispersed_with_water_cannon_and_tear_gas(extract):
    events = ru(extract, "В Тбилиси тысячи человек вышли на митинг против закона об иноагентах. Полиция разогнала "
                         "протестующих с применением водометов и слезоточивого газа.")
    assert {e["location"]["name"] for e in events} == {"Tbilisi"}
    dispersed = [e for e in events if e["sub_event_type"] == "Protest with intervention"]
    assert dispersed and dispersed[0]["actor2"]["name"] == "Police Forces of Georgia"
    assert dispersed[0]["actor1"]["name"] == "Protesters (Georgia)"


def test_detention_by_fsb(extract):
    ev = one(ru(extract, "В Москве сотрудники ФСБ задержали мужчину, подозреваемого в подготовке теракта."))
    assert ev["sub_event_type"] == "Arrests"
    assert ev["actor1"]["name"] == "Police Forces of Russia"
    assert ev["location"]["name"] == "Moscow"


def test_protest_in_central_asia_on_a_date(extract):
    ev = one(ru(extract, "Акция протеста прошла у здания мэрии Бишкека 5 марта."))
    assert ev["event_type"] == "Protests"
    assert ev["event_date"] == "2024-03-05"
    assert ev["location"]["country"] == "KGZ"


def test_suicide_bombing_in_kabul(extract):
    ev = one(ru(extract, "Террорист-смертник подорвал себя у полицейского участка в Кабуле, погибли семь человек."))
    assert ev["sub_event_type"] == "Suicide bomb"
    assert ev["fatalities"] == 7
    assert ev["location"]["country"] == "AFG"


def test_government_retakes_a_village_south_of_aleppo(extract):
    ev = one(ru(extract, "Сирийские правительственные войска взяли под контроль село к югу от Алеппо."))
    assert ev["sub_event_type"] == "Government regains territory"
    assert ev["actor1"]["name"] == "Military Forces of Syria"
    assert ev["location"]["geo_precision"] == 2


def test_drones_intercepted(extract):
    ev = one(ru(extract, "В Брянске силы ПВО минувшей ночью перехватили 20 беспилотников."))
    assert ev["sub_event_type"] == "Disrupted weapons use"
    assert ev["munitions"] == 20
    assert ev["event_date"] == "2024-03-05"


@pytest.mark.parametrize("text", [
    "Российские военные регулярно обстреливают Херсон.",                     # habitual
    "Израиль пригрозил нанести удар по Ливану.",                             # threat
    "Минобороны России опровергло сообщения об ударе по Одессе.",           # denial
    "Украинские военные ни разу не обстреливали Донецк.",                   # negated
    "Российская армия будет наносить удары по Киеву, заявил Медведев.",     # future
    "В Белгороде объявлена угроза атаки БПЛА.",                             # an alert, not an attack
])
def test_statements_threats_habits_and_denials_are_not_events(extract, text):
    assert ru(extract, text) == []
