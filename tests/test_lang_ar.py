"""Arabic lexicon (data/lang/ar) on the real pipeline: Levantine, Gulf, Iraqi and Sudanese wire and
local press. Publication date 2024-03-05 is a Tuesday unless told otherwise.

The `extract` fixture (tests/conftest.py) shares one Pipeline for the whole session.
"""

from __future__ import annotations

import pytest

from conftest import one

PUB = "2024-03-05"  # a Tuesday


def ar(extract, text: str, published: str = PUB) -> list[dict]:
    return extract(text, published=published, language="ar")



def test_verbs_with_attached_and_are_found_by_their_lemma(extract):
    # "واستهدفت" does not start with the stem استهدف*: its written-out forms match the lemma.
    ev = one(ar(extract, "واستهدفت غارة إسرائيلية منزلا في بلدة عيتا الشعب جنوب لبنان يوم الثلاثاء، "
                         "ما أدى إلى استشهاد ثلاثة مواطنين."))
    assert ev["sub_event_type"] == "Air/drone strike"
    assert ev["location"]["name"] == "Aita al-Shaab"
    assert ev["fatalities"] == 3
    assert ev["event_date"] == "2024-03-05"


def test_injured_with_attached_and_and_mortar_weapon(extract):
    ev = one(ar(extract, "قتل طفل وأصيب ثلاثة آخرون بقذائف هاون على حي سكني في مدينة تعز مساء الأحد."))
    assert ev["sub_event_type"] == "Shelling/artillery/missile attack"
    assert ev["injuries"] == 3
    assert "mortar" in ev["weapons"]
    assert ev["location"]["name"] == "Taiz" and ev["event_date"] == "2024-03-03"


def test_statement_is_no_place(extract):
    # "في بيان" (in a statement) is not Bayān in Kuwait.
    ev = one(ar(extract, "قالت وزارة الدفاع في بيان إن قواتها اعتقلت خمسة مسلحين في مدينة الموصل يوم الاثنين."))
    assert ev["sub_event_type"] == "Arrests"
    assert ev["location"]["name"] == "Mosul" and ev["location"]["country"] == "IRQ"
    assert ev["event_date"] == "2024-03-04"


def test_definite_tear_gas_after_the_subject(extract):
    # Verb, subject, object: "أطلقت قوات الأمن الغاز المسيل للدموع".
    ev = one(ar(extract, "وأطلقت قوات الأمن الغاز المسيل للدموع على مئات المتظاهرين في ساحة التحرير وسط بغداد "
                         "يوم الجمعة."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Protests", "Protest with intervention")
    assert ev["actor1"]["name"] == "Protesters (Iraq)"
    assert ev["actor2"]["name"] == "Police Forces of Iraq"
    assert "tear_gas" in ev["weapons"]
    assert ev["event_date"] == "2024-03-01"


def test_fighting_that_raged_is_a_clash(extract):
    ev = one(ar(extract, "ودارت اشتباكات عنيفة بين الجيش السوداني وقوات الدعم السريع في مدينة الأبيض فجر اليوم."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Battles", "Armed clash")
    assert ev["location"]["name"] == "El Obeid" and ev["event_date"] == "2024-03-05"


def test_gathering_crowd_is_a_protest_and_capital_is_no_place(extract):
    ev = one(ar(extract, "تجمع مئات المحتجين أمام مبنى المحافظة في مدينة السويداء اليوم الجمعة.",
                published="2024-03-08"))
    assert ev["sub_event_type"] == "Peaceful protest"
    assert ev["location"]["name"] == "As-Suwayda" and ev["event_date"] == "2024-03-08"
    ev = one(ar(extract, "تظاهر آلاف السودانيين في العاصمة الخرطوم يوم الخميس للمطالبة بالحكم المدني."))
    assert ev["event_type"] == "Protests"
    assert ev["location"]["name"] == "Khartoum" and ev["event_date"] == "2024-02-29"


def test_day_then_min_then_month(extract):
    ev = one(ar(extract, "اندلعت مواجهات في 27 من شباط الماضي في مدينة حلب بين الجيش ومسلحين."))
    assert ev["event_type"] == "Battles"
    assert ev["event_date"] == "2024-02-27"
    assert ev["location"]["name"] == "Aleppo"


def test_car_bomb_and_rockets_with_attached_preposition(extract):
    ev = one(ar(extract, "وانفجرت سيارة مفخخة قرب حاجز للجيش في مدينة الرقة، ما أسفر عن مقتل جنديين."))
    assert ev["sub_event_type"] == "Remote explosive/landmine/IED"
    assert "car_bomb" in ev["weapons"] and ev["location"]["name"] == "Ar Raqqah"
    ev = one(ar(extract, "قصفت الطائرات الحربية الروسية بالصواريخ بلدة كفرنبل في ريف إدلب الجنوبي أمس."))
    assert ev["sub_event_type"] == "Air/drone strike"
    assert "rocket" in ev["weapons"] and ev["event_date"] == "2024-03-04"


def test_raid_verb_aghara_is_an_airstrike(extract):
    ev = one(ar(extract, "أغار الطيران الحربي الإسرائيلي على منزل في بلدة كفركلا جنوب لبنان، "
                         "من دون أن يفاد عن إصابات."))
    assert ev["sub_event_type"] == "Air/drone strike"
    assert ev["location"]["name"] == "Kfar Kila"


def test_destination_of_a_journey_is_not_the_place(extract):
    ev = one(ar(extract, "اعتقلت قوات الأمن ناشطا في مطار بغداد الدولي أثناء محاولته السفر إلى مدينة أربيل "
                         "يوم الاثنين."))
    assert ev["sub_event_type"] == "Arrests"
    assert ev["location"]["name"] != "Erbil"
    assert ev["location"]["country"] == "IRQ"


@pytest.mark.parametrize("text", [
    "تتعرض الأحياء السكنية في مدينة تعز لقصف شبه يومي من قبل الحوثيين.",  # habitual
    "تصدى الحارس لتسديدة قوية في الدقيقة الأخيرة من المباراة في ملعب عمان الدولي.",  # a goalkeeper's save
])
def test_non_events(extract, text):
    assert ar(extract, text) == []
