"""Portuguese lexicon (data/lang/pt) on the real pipeline: Brazilian, Portuguese, Mozambican and
Angolan press (Lusa, G1, Folha, O País). Publication date 2024-03-05 is a Tuesday.

The `extract` fixture (tests/conftest.py) shares one Pipeline for the whole session.
"""

from __future__ import annotations

import pytest

from conftest import one

PUB = "2024-03-05"  # a Tuesday


def pt(extract, text: str, published: str = PUB) -> list[dict]:
    return extract(text, published=published, language="pt")



def test_insurgent_attack_on_village_with_attribution(extract):
    ev = one(pt(extract, "Segundo fontes locais, insurgentes atacaram a aldeia de Naquitengue, no distrito de "
                         "Mocímboa da Praia, em Cabo Delgado, no domingo, e decapitaram três civis."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert ev["actor1"]["name"] == "Unidentified Armed Group (Mozambique)"
    assert ev["actor2"]["name"] == "Civilians (Mozambique)"
    assert ev["location"]["country"] == "MOZ"
    assert ev["event_date"] == "2024-03-03"
    assert ev["fatalities"] == 3
    assert ev["sources"][0]["attributed_to"]  # "segundo fontes locais"


def test_demonym_actor_airstrike_in_gaza(extract):
    ev = one(pt(extract, "Um ataque aéreo israelita matou pelo menos 20 pessoas em Rafah, no sul da Faixa de Gaza, "
                         "esta terça-feira."))
    assert ev["sub_event_type"] == "Air/drone strike"
    assert ev["actor1"]["name"] == "Military Forces of Israel"
    assert ev["location"]["country"] == "PSE"
    assert ev["event_date"] == "2024-03-05" and ev["fatalities"] == 20


def test_shootout_and_chacina_with_brazilian_weekdays(extract):
    ev = one(pt(extract, "Um tiroteio entre traficantes e policiais militares deixou dois mortos e três feridos na "
                         "zona norte de São Paulo ontem."))
    assert ev["event_type"] == "Battles"
    assert ev["fatalities"] == 2 and ev["injuries"] == 3
    assert ev["event_date"] == "2024-03-04"
    ev = one(pt(extract, "A chacina em Itaquaquecetuba deixou cinco mortos na madrugada deste domingo."))
    assert ev["sub_event_type"] == "Attack" and ev["fatalities"] == 5
    assert ev["event_date"] == "2024-03-03"


def test_shelling_of_kharkiv_demonym_forces(extract):
    ev = one(pt(extract, "As forças russas bombardearam a cidade de Kharkiv durante a noite, matando quatro civis."))
    assert ev["event_type"] == "Explosions/Remote violence"
    assert ev["actor1"]["name"] == "Military Forces of Russia"
    assert ev["location"]["name"] == "Kharkiv" and ev["fatalities"] == 4


def test_kidnapping_last_friday(extract):
    ev = one(pt(extract, "Homens armados sequestraram quatro pessoas em Pemba na sexta-feira passada."))
    assert ev["sub_event_type"] == "Abduction/forced disappearance"
    assert ev["event_date"] == "2024-03-01"
    assert ev["location"]["name"] == "Pemba"


def test_suicide_bomber(extract):
    ev = one(pt(extract, "Um homem-bomba fez-se explodir num mercado de Maiduguri, no nordeste da Nigéria, matando "
                         "doze pessoas."))
    assert ev["sub_event_type"] == "Suicide bomb"
    assert ev["fatalities"] == 12 and ev["location"]["country"] == "NGA"


def test_protests_with_and_without_intervention(extract):
    ev = one(pt(extract, "Milhares de manifestantes marcharam nesta terça-feira em Maputo contra os resultados "
                         "eleitorais."))
    assert ev["sub_event_type"] == "Peaceful protest"
    assert ev["actor1"]["name"] == "Protesters (Mozambique)" and ev["event_date"] == "2024-03-05"
    ev = one(pt(extract, "A polícia dispersou com gás lacrimogéneo centenas de apoiantes da oposição que protestavam "
                         "em Maputo, ontem."))
    assert ev["sub_event_type"] == "Protest with intervention"
    assert ev["actor2"]["name"] == "Police Forces of Mozambique"
    assert ev["event_date"] == "2024-03-04"


def test_riot_and_arson_of_buses(extract):
    ev = one(pt(extract, "Manifestantes queimaram pneus e ergueram barricadas nas principais avenidas de Maputo nesta "
                         "segunda-feira."))
    assert ev["event_type"] == "Riots" and ev["event_date"] == "2024-03-04"
    ev = one(pt(extract, "Criminosos incendiaram dez ônibus em Porto Velho na noite de domingo para segunda-feira."))
    assert ev["sub_event_type"] == "Looting/property destruction"
    assert ev["event_date"] == "2024-03-04"


def test_territory_capture_ceasefire_and_drones_intercepted(extract):
    ev = one(pt(extract, "O exército russo assumiu o controlo da localidade de Orlivka, na região de Donetsk."))
    assert ev["sub_event_type"] == "Government regains territory"
    ev = one(pt(extract, "Os insurgentes ocuparam a vila de Macomia no sábado."))
    assert ev["sub_event_type"] == "Non-state actor overtakes territory"
    assert ev["event_date"] == "2024-03-02"
    ev = one(pt(extract, "Israel e o Hamas chegaram a um acordo de cessar-fogo no Cairo na segunda-feira."))
    assert ev["sub_event_type"] == "Agreement" and ev["event_date"] == "2024-03-04"
    ev = one(pt(extract, "A defesa antiaérea russa intercetou 30 drones ucranianos sobre a região de Belgorod."))
    assert ev["sub_event_type"] == "Disrupted weapons use" and ev["munitions"] == 30


def test_arrests_and_days_ago(extract):
    ev = one(pt(extract, "Agentes da PSP detiveram três homens suspeitos de tráfico de droga em Lisboa, há dois dias."))
    assert ev["sub_event_type"] == "Arrests"
    assert ev["actor1"]["name"] == "Police Forces of Portugal"
    assert ev["event_date"] == "2024-03-03"


@pytest.mark.parametrize("text", [
    "Os insurgentes atacam frequentemente as aldeias do norte de Cabo Delgado.",  # habitual
    "Nenhum ataque foi registado na cidade de Pemba nos últimos dias.",  # negated
    "Os grevistas ameaçam bloquear a estrada nacional em Maputo na próxima semana.",  # future
    "O Governo negou que as forças de defesa tenham atacado civis em Muidumbe.",  # denial
    "O ministro condenou a violência e apelou à calma dos moradores de Pemba.",  # statement
    "Os sindicatos convocaram uma greve geral para amanhã em Lisboa.",  # future
])
def test_non_events(extract, text):
    assert pt(extract, text) == []


def test_nao_negates(extract):
    assert pt(extract, "As forças de defesa não atacaram a aldeia de Chiúre, garantiu o comandante.") == []


def test_passive_agent(extract):
    ev = one(pt(extract, "Dois polícias foram mortos a tiro por desconhecidos em Luanda, na noite de sábado."))
    assert ev["actor2"]["name"] == "Police Forces of Angola"


# --- Lexicon additions: enclitic pluperfect, landmine verbs, European arrest phrasing, actors that
# are no places, gunfire hits, singular victims, habitual "têm vindo a", month abbreviations.

def test_enclitic_pluperfect_protest(extract):
    ev = one(pt(extract, "No sábado, cerca de 500 professores tinham-se manifestado pacificamente em Luanda contra os "
                         "salários em atraso."))
    assert ev["sub_event_type"] == "Peaceful protest"
    assert ev["location"]["name"] == "Luanda" and ev["event_date"] == "2024-03-02"


@pytest.mark.parametrize("text, date, dead, hurt", [
    ("Três militares morreram e dois ficaram feridos no domingo quando a viatura em que seguiam accionou uma mina "
     "na estrada entre Mueda e Muidumbe.", "2024-03-03", 3, 2),
    ("Um camião de passageiros pisou uma mina perto de Mueda na segunda-feira, matando quatro pessoas.",
     "2024-03-04", 4, None),
])
def test_vehicle_sets_off_mine(extract, text, date, dead, hurt):
    ev = one(pt(extract, text))
    assert ev["sub_event_type"] == "Remote explosive/landmine/IED"
    assert ev["location"]["name"] == "Mueda" and ev["event_date"] == date
    assert ev["fatalities"] == dead and ev["injuries"] == hurt


def test_european_and_headline_arrest_phrasing(extract):
    ev = one(pt(extract, "A polícia procedeu à detenção de doze jovens em Maputo na segunda-feira."))
    assert ev["sub_event_type"] == "Arrests" and ev["event_date"] == "2024-03-04"
    assert ev["actor1"]["name"] == "Police Forces of Mozambique"
    ev = one(pt(extract, "Polícia detém 40 manifestantes em Luanda."))
    assert ev["sub_event_type"] == "Arrests" and ev["location"]["name"] == "Luanda"


def test_guarda_nacional_is_an_actor_not_the_town_of_guarda(extract):
    ev = one(pt(extract, "Confrontos entre a Guarda Nacional e militares da Guarda Presidencial fizeram três mortos em "
                         "Bissau na sexta-feira."))
    assert ev["event_type"] == "Battles"
    assert ev["location"]["name"] == "Bissau" and ev["location"]["country"] == "GNB"
    assert ev["actor1"]["name"] == "Police Forces of Guinea-Bissau"
    assert ev["fatalities"] == 3 and ev["event_date"] == "2024-03-01"


def test_zona_of_a_city_is_no_place(extract):
    ev = one(pt(extract, "Criminosos incendiaram dez ônibus na Zona Oeste, no Rio de Janeiro, na segunda-feira."))
    assert ev["sub_event_type"] == "Looting/property destruction"
    assert ev["location"]["name"] == "Rio de Janeiro" and ev["location"]["country"] == "BRA"


def test_hit_by_gunfire_is_an_attack_not_shelling(extract):
    ev = one(pt(extract, "Dois jovens indígenas foram atingidos por disparos em Caarapó, no Mato Grosso do Sul, "
                         "no domingo."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert ev["event_date"] == "2024-03-03" and ev["location"]["country"] == "BRA"


def test_singular_victim_and_hospitalised(extract):
    ev = one(pt(extract, "Um líder indígena foi assassinado a tiros em Dourados, no Mato Grosso do Sul, no domingo."))
    assert ev["fatalities"] == 1 and ev["location"]["name"] == "Dourados"
    ev = one(pt(extract, "Homens armados balearam cinco pessoas em Maputo no domingo; três estão internados."))
    assert ev["injuries"] == 3


def test_clash_after_enclitic_support_verb(extract):
    ev = one(pt(extract, "No domingo, seguiram-se confrontos entre insurgentes e militares em Macomia."))
    assert ev["sub_event_type"] == "Armed clash" and ev["event_date"] == "2024-03-03"
    assert ev["actor2"]["name"] == "Military Forces of Mozambique"


def test_tem_vindo_a_is_habitual(extract):
    assert pt(extract, "Os insurgentes têm vindo a atacar aldeias do distrito de Macomia no domingo.") == []
    assert pt(extract, "Os insurgentes atacaram aldeias do distrito de Macomia no domingo.") != []


def test_wire_dateline_month_abbreviations():
    from datetime import date

    from eventfold.dates import find_dates
    from eventfold.language import language_data

    lang = language_data("pt")
    found = find_dates("Maputo, 22 out 2024 (Lusa) - A polícia dispersou ontem os manifestantes.", lang,
                       date(2024, 10, 22))
    assert [(d.text, d.date) for d in found][:1] == [("22 out 2024", date(2024, 10, 22))]
    assert [d.date for d in find_dates("Nampula, 08 set 2022 (Lusa)", lang, date(2022, 9, 8))] == [date(2022, 9, 8)]
