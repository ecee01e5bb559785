"""Lexique français sur le vrai pipeline : dépêches du Sahel, de Gaza, du Soudan, d'Haïti, du Kenya,
de la RDC, du Nigeria et du Sénégal, chacune vérifiée pour son codage ACLED, et des phrases qui ne
rapportent aucun événement (habitude, négation, futur, menace, sport, économie).

Chaque texte suit un titre, comme dans un article, pour que les noms déclencheurs aient besoin d'un
verbe support. La fixture `extract` (tests/conftest.py) partage un Pipeline avec toute la session.
"""

from __future__ import annotations

import pytest

from conftest import one

HEADLINE = "Le point sur la situation sécuritaire dans la région ce jour\n\n"
PUBLISHED = "2024-03-06"  # un mercredi


def events_of(extract, text: str, published: str = PUBLISHED) -> list[dict]:
    return extract(HEADLINE + text, published=published, language="fr")



def test_sahel_ambush_weekday_number_in_words_and_attribution(extract):
    ev = one(events_of(extract, "Des jihadistes présumés ont tendu une embuscade à un convoi militaire près de Djibo, "
                                "dans le nord du Burkina Faso, dimanche, tuant au moins vingt soldats, selon des "
                                "sources sécuritaires."))
    assert ev["event_type"] == "Battles" and ev["sub_event_type"] == "Armed clash"
    assert ev["event_date"] == "2024-03-03" and ev["fatalities"] == 20
    assert ev["actor2"]["name"] == "Military Forces of Burkina Faso"
    assert ev["location"]["name"] == "Djibo" and ev["location"]["geo_precision"] == 2
    assert any("sécuritaires" in s for s in ev["sources"][0]["attributed_to"])


def test_gaza_air_force_bombing_of_a_camp_overnight(extract):
    ev = one(events_of(extract, "L'armée israélienne a bombardé dans la nuit de mardi à mercredi le camp de réfugiés "
                                "de Jabaliya, faisant au moins trente morts, selon le ministère de la Santé du Hamas."))
    assert ev["sub_event_type"] == "Air/drone strike"
    assert ev["actor1"]["name"] == "Military Forces of Israel"
    assert ev["actor2"]["name"] == "Civilians (Palestine)"
    assert ev["event_date"] == "2024-03-06" and ev["fatalities"] == 30


def test_sudan_rsf_artillery_fire_on_a_hospital(extract):
    ev = one(events_of(extract, "Des tirs d'artillerie des Forces de soutien rapide ont visé lundi un hôpital "
                                "d'El-Obeid, tuant cinq patients."))
    assert ev["sub_event_type"] == "Shelling/artillery/missile attack"
    assert ev["actor1"]["name"] == "Rapid Support Forces"
    assert ev["event_date"] == "2024-03-04" and ev["fatalities"] == 5


def test_haiti_gang_killing(extract):
    ev = one(events_of(extract, "Des membres de gangs ont tué au moins douze personnes samedi dans le quartier de "
                                "Cité Soleil à Port-au-Prince, a indiqué l'ONU."))
    assert ev["event_type"] == "Violence against civilians" and ev["sub_event_type"] == "Attack"
    assert ev["actor2"]["name"] == "Civilians (Haiti)"
    assert ev["event_date"] == "2024-03-02" and ev["fatalities"] == 12


def test_kenyan_protest_dispersed_with_tear_gas_and_demonym_police(extract):
    ev = one(events_of(extract, "La police kényane a tiré des gaz lacrymogènes sur des manifestants mardi à Nairobi."))
    assert ev["event_type"] == "Protests" and ev["sub_event_type"] == "Protest with intervention"
    assert ev["actor1"]["name"] == "Protesters (Kenya)"
    assert ev["actor2"]["name"] == "Police Forces of Kenya"
    assert ev["event_date"] == "2024-03-05"


def test_senegal_protest_and_city_shutdown(extract):
    march = one(events_of(extract, "Des centaines de personnes ont marché vendredi dans les rues de Dakar pour exiger "
                                   "la libération des prisonniers politiques."))
    assert march["sub_event_type"] == "Peaceful protest" and march["actor1"]["name"] == "Protesters (Senegal)"
    assert march["event_date"] == "2024-03-01"
    shutdown = one(events_of(extract, "Une journée ville morte a paralysé lundi la ville de Goma à l'appel de la "
                                      "société civile."))
    assert shutdown["event_type"] == "Protests" and shutdown["location"]["country"] == "COD"


def test_drc_m23_seizes_a_town(extract):
    ev = one(events_of(extract, "Les rebelles du M23 se sont emparés mardi de la ville de Sake, dans la province du "
                                "Nord-Kivu."))
    assert ev["sub_event_type"] == "Non-state actor overtakes territory"
    assert ev["actor1"]["name"] == "M23: March 23 Movement"
    assert ev["location"]["country"] == "COD" and ev["event_date"] == "2024-03-05"


def test_kidnapping_and_arrests(extract):
    kidnap = one(events_of(extract, "Des inconnus armés ont enlevé un prêtre catholique lundi dans l'État de Kaduna."))
    assert kidnap["sub_event_type"] == "Abduction/forced disappearance"
    assert kidnap["actor1"]["name"] == "Unidentified Armed Group (Nigeria)"
    arrest = one(events_of(extract, "Les forces de sécurité ont interpellé quinze partisans de l'opposition mercredi "
                                    "à Conakry, a indiqué leur parti."))
    assert arrest["sub_event_type"] == "Arrests" and arrest["actor1"]["name"] == "Police Forces of Guinea"
    assert arrest["event_date"] == "2024-03-06"


def test_ied_and_suicide_bombers(extract):
    ied = one(events_of(extract, "Un véhicule de l'armée malienne a sauté sur une mine artisanale près de Ménaka, "
                                 "tuant quatre soldats."))
    assert ied["sub_event_type"] == "Remote explosive/landmine/IED" and ied["fatalities"] == 4
    suicide = one(events_of(extract, "Deux kamikazes se sont fait exploser vendredi dans un marché de Konduga, dans le "
                                     "nord-est du Nigeria, faisant douze morts."))
    assert suicide["sub_event_type"] == "Suicide bomb"
    assert suicide["event_date"] == "2024-03-01" and suicide["fatalities"] == 12


def test_last_weekday_and_demonym_drones(extract):
    ev = one(events_of(extract, "Samedi dernier, des drones russes ont frappé des infrastructures énergétiques à "
                                "Odessa, faisant deux blessés, a indiqué le gouverneur régional."))
    assert ev["sub_event_type"] == "Air/drone strike"
    assert ev["actor1"]["name"] == "Military Forces of Russia"
    assert ev["event_date"] == "2024-03-02" and ev["injuries"] == 2


def test_clashes_reported_with_support_verb_opposer(extract):
    ev = one(events_of(extract, "Des combats opposent depuis lundi l'armée soudanaise et les paramilitaires à "
                                "Omdourman."))
    assert ev["event_type"] == "Battles" and ev["location"]["name"] == "Omdurman"


@pytest.mark.parametrize("text", [
    "Le président a promis d'écraser les rebelles et menacé de bombarder Goma.",  # menace
    "Les jihadistes attaquent régulièrement les villages de la zone de Djibo.",  # habitude
    "L'armée n'a pas bombardé la ville de Kidal, a démenti le porte-parole.",  # négation, démenti
    "Les manifestants prévoient de marcher vendredi prochain sur le palais présidentiel à Dakar.",  # futur
    "La hausse des prix du pétrole a durement frappé les ménages de Dakar lundi.",  # économie
    "Le Sénégal a battu la Côte d'Ivoire deux buts à un dimanche à Abidjan.",  # sport
    "Les cours ont repris lundi dans les écoles de Bamako.",  # "reprendre" n'est pas une conquête
    "Cinq personnes sont mortes dans un accident de la route près de Kaolack dimanche.",  # accident
])
def test_non_events(extract, text):
    assert events_of(extract, text) == []
