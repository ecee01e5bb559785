"""Turkish lexicon (data/lang/tr) on the real pipeline: wire and national press of Turkey (AA, DHA,
Hürriyet, Evrensel, bianet style). Publication date 2024-03-06 is a Wednesday unless told otherwise.

The `extract` fixture (tests/conftest.py) shares one Pipeline for the whole session.
"""

from __future__ import annotations

from datetime import date

import pytest

from conftest import one
from eventfold.dates import find_dates
from eventfold.language.data import language_data

PUB = "2024-03-06"  # a Wednesday


def tr(extract, text: str, published: str = PUB) -> list[dict]:
    return extract(text, published=published, language="tr")



def test_bombing_with_weekday_toll_and_wounded(extract):
    ev = one(tr(extract, "Hatay'ın Reyhanlı ilçesinde salı günü meydana gelen bombalı saldırıda 3 kişi hayatını "
                         "kaybetti, 12 kişi yaralandı."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert ev["event_date"] == "2024-03-05"
    assert ev["location"]["country"] == "TUR"
    assert ev["fatalities"] == 3 and ev["injuries"] == 12


def test_rockets_fired_and_fallen_with_case_suffixes(extract):
    # "Tel Rıfat'tan atılan roketler Kilis'e düştü": the rockets told by what was done with them; the
    # town they came from ('tan) is not where they fell.
    ev = one(tr(extract, "Suriye'deki Tel Rıfat'tan atılan roketler Kilis'e düştü, 2 sivil yaralandı."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Explosions/Remote violence",
                                                        "Shelling/artillery/missile attack")
    assert ev["location"]["name"] == "Kilis" and ev["injuries"] == 2
    assert "rocket" in ev["weapons"]
    ev = one(tr(extract, "Terör örgütü mensupları dün Kilis'e 3 roket attı."))
    assert ev["event_type"] == "Explosions/Remote violence" and ev["event_date"] == "2024-03-05"


def test_active_kill_verb_carries_the_toll(extract):
    ev = one(tr(extract, "Halep'te bir pazar yerine düşen havan mermisi 4 çocuğu öldürdü."))
    assert ev["sub_event_type"] == "Shelling/artillery/missile attack"
    assert ev["location"]["name"] == "Aleppo"
    assert ev["fatalities"] == 4 and "mortar" in ev["weapons"]
    assert ev["event_date"] == PUB  # "pazar yeri" is a market, not Sunday
    ev = one(tr(extract, "Somali'nin başkenti Mogadişu'da bir otelde kendini patlatan intihar saldırganı 6 kişiyi "
                         "öldürdü."))
    assert ev["sub_event_type"] == "Suicide bomb" and ev["fatalities"] == 6


def test_active_abduction(extract):
    ev = one(tr(extract, "Nijerya'nın kuzeyinde silahlı kişiler bir okuldan 50 öğrenciyi kaçırdı."))
    assert ev["sub_event_type"] == "Abduction/forced disappearance"
    assert ev["location"]["country"] == "NGA"


def test_participle_names_the_doer(extract):
    # "saldırıyı gerçekleştiren DEAŞ mensubu": the group after the participle carried out the attack.
    ev = one(tr(extract, "Kiliseye saldırıyı gerçekleştiren DEAŞ mensubu 2 terörist Hatay'da 3 kişiyi öldürdü."))
    assert ev["actor1"]["name"].startswith("Islamic State")
    assert ev["fatalities"] == 3


def test_unmanned_is_no_people(extract):
    # "insansız" (unmanned) lemmatises to "insan" (person): the drones' country acts, not its civilians.
    ev = one(tr(extract, "Ukrayna insansız hava araçları Rusya'nın Belgorod kentini vurdu, 3 kişi yaralandı."))
    assert ev["sub_event_type"] == "Air/drone strike"
    assert not ev["actor1"]["name"].startswith("Civilians")
    assert ev["location"]["name"] == "Belgorod" and ev["injuries"] == 3


def test_night_between_two_weekdays_takes_the_later_day(extract):
    ev = one(tr(extract, "Pazartesiyi salıya bağlayan gece Diyarbakır'da polise silahlı saldırı düzenlendi."))
    assert ev["event_date"] == "2024-03-05"
    ev = one(tr(extract, "Kerkük'te perşembeyi cumaya bağlayan gece bomba patladı."))
    assert ev["event_date"] == "2024-03-01"


@pytest.mark.parametrize(("text", "expected"), [
    ("salı günü", date(2024, 3, 5)),
    ("pazartesi gecesi", date(2024, 3, 4)),
    ("cumartesiyi pazara bağlayan gece", date(2024, 3, 3)),
    ("geçen cuma", date(2024, 3, 1)),
    ("dün akşam saatlerinde", date(2024, 3, 5)),
    ("önceki gün", date(2024, 3, 4)),
])
def test_day_words(text, expected):
    found = find_dates(f"Olay {text} yaşandı.", language_data("tr"), date(2024, 3, 6))
    assert [d.date for d in found if d.precision == "day"][-1:] == [expected]


def test_last_weekend_is_a_week_range():
    found = find_dates("Olay geçtiğimiz hafta sonu yaşandı.", language_data("tr"), date(2024, 3, 6))
    assert len(found) == 1 and found[0].precision == "week"
    assert found[0].date_min <= date(2024, 3, 3) <= found[0].date_max


def test_ministry_targets_destroyed_is_remote_violence(extract):
    ev = one(tr(extract, "Dün gece Irak'ın kuzeyindeki Metina ve Hakurk bölgelerinde 20 hedef imha edildi."))
    assert ev["event_type"] == "Explosions/Remote violence"
    assert ev["event_date"] == "2024-03-05"


def test_square_is_a_site_of_its_town(extract):
    ev = one(tr(extract, "Polis, İstanbul'da Barbaros Bulvarı'nda toplanan göstericilere biber gazıyla müdahale etti."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Protests", "Protest with intervention")
    assert ev["location"]["name"] == "Istanbul"
    assert ev["actor1"]["name"] == "Protesters (Turkey)" and ev["actor2"]["name"] == "Police Forces of Turkey"


def test_armed_feud_and_stone_throwing(extract):
    ev = one(tr(extract, "Dün Şanlıurfa'da iki aile arasında çıkan silahlı kavgada 3 kişi öldü, 5 kişi yaralandı."))
    assert ev["event_type"] in ("Battles", "Violence against civilians")
    assert ev["fatalities"] == 3 and ev["injuries"] == 5 and ev["event_date"] == "2024-03-05"
    ev = one(tr(extract, "Diyarbakır'da göstericiler polise taş attı."))
    assert ev["event_type"] == "Riots"


def test_terror_organisation_is_no_town(extract):
    ev = one(tr(extract, "Terör örgütü PKK, Hakkari'de bir karakola saldırdı."))
    assert ev["actor1"]["name"].startswith("PKK")
    assert ev["location"]["country"] == "TUR"


@pytest.mark.parametrize("text", [
    "Öğrenciler yarın Kadıköy'de yürüyüş yapacak.",  # future
    "Hatay'da sık sık roket saldırıları düzenleniyor.",  # habitual
    "Bakanlık, Kilis'e roket atıldığı iddialarını yalanladı.",  # denial
    "Fenerbahçe'nin golcüsü dün akşamki maçta penaltı kaçırdı.",  # football: "missed", not "abducted"
])
def test_non_events(extract, text):
    assert tr(extract, text) == []
