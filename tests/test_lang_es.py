"""Spanish lexicon (data/lang/es) on the real pipeline: wire and local press of Latin America and
Spain. Publication date 2024-03-05 is a Tuesday unless told otherwise.

The `extract` fixture (tests/conftest.py) shares one Pipeline for the whole session.
"""

from __future__ import annotations

import pytest

from conftest import one

PUB = "2024-03-05"  # a Tuesday


def es(extract, text: str, published: str = PUB) -> list[dict]:
    return extract(text, published=published, language="es")



def test_drone_strike_counts_vague_number_and_attribution(extract):
    ev = one(es(extract, "Un ataque con drones rusos contra la ciudad de Odesa dejó al menos cinco muertos y una "
                         "decena de heridos en la madrugada del lunes, según informaron las autoridades regionales."))
    assert ev["sub_event_type"] == "Air/drone strike"
    assert ev["event_date"] == "2024-03-04"
    assert ev["location"]["name"] == "Odesa" and ev["location"]["country"] == "UKR"
    assert ev["fatalities"] == 5 and ev["injuries"] == 10
    assert "drone" in ev["weapons"]
    assert any("autoridades" in s for s in ev["sources"][0]["attributed_to"])


def test_demonym_actor_airstrike_number_in_words(extract):
    ev = one(es(extract, "Aviones de guerra sudaneses lanzaron bombardeos aéreos sobre El Fasher el domingo, "
                         "matando a quince civiles."))
    assert ev["event_type"] == "Explosions/Remote violence" and ev["sub_event_type"] == "Air/drone strike"
    assert ev["actor1"]["name"] == "Military Forces of Sudan"
    assert ev["actor2"]["name"] == "Civilians (Sudan)"
    assert ev["fatalities"] == 15
    assert ev["event_date"] == "2024-03-03"


def test_army_repels_cartel_attack_is_armed_clash(extract):
    ev = one(es(extract, "Militares repelieron la agresión de un grupo armado en el municipio de Aguililla, "
                         "Michoacán; tres presuntos delincuentes fueron abatidos."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Battles", "Armed clash")
    assert ev["actor1"]["name"] == "Military Forces of Mexico"
    assert ev["location"]["name"] == "Aguililla"
    assert ev["fatalities"] == 3


def test_gunmen_kill_civilians_in_bar_on_sunday_night(extract):
    ev = one(es(extract, "Hombres armados irrumpieron en un bar de Celaya, Guanajuato, y asesinaron a seis personas "
                         "la noche del domingo."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert ev["actor1"]["name"] == "Unidentified Armed Group (Mexico)"
    assert ev["actor2"]["name"] == "Civilians (Mexico)"
    assert ev["event_date"] == "2024-03-03"
    assert ev["fatalities"] == 6


def test_kidnapping_and_levanton_with_last_weekday(extract):
    ev = one(es(extract, "Sujetos armados secuestraron a dos comerciantes en Tlaquepaque, Jalisco, el pasado jueves."))
    assert ev["sub_event_type"] == "Abduction/forced disappearance"
    assert ev["event_date"] == "2024-02-29"
    ev = one(es(extract, "Un joven fue levantado por hombres armados en Zamora, Michoacán, "
                         "la madrugada de este martes."))
    assert ev["sub_event_type"] == "Abduction/forced disappearance"
    assert ev["event_date"] == "2024-03-05"


def test_car_bomb_and_suicide_bomber(extract):
    ev = one(es(extract, "Un coche bomba explotó frente a una estación de policía en Jamundí, en el suroeste de "
                         "Colombia, hiriendo a seis personas."))
    assert ev["sub_event_type"] == "Remote explosive/landmine/IED"
    assert "car_bomb" in ev["weapons"] and ev["injuries"] == 6
    assert ev["location"]["country"] == "COL"
    ev = one(es(extract, "Un terrorista suicida se hizo estallar en un mercado de Mogadiscio, "
                         "matando a diez personas."))
    assert ev["sub_event_type"] == "Suicide bomb"
    assert ev["location"]["name"] == "Mogadishu" and ev["fatalities"] == 10


def test_protest_dispersed_with_tear_gas(extract):
    ev = one(es(extract, "La policía dispersó con gases lacrimógenos a cientos de estudiantes que protestaban frente "
                         "al Congreso en Santiago de Chile este lunes."))
    assert (ev["event_type"], ev["sub_event_type"]) == ("Protests", "Protest with intervention")
    assert ev["actor1"]["name"] == "Protesters (Chile)"
    assert ev["actor2"]["name"] == "Police Forces of Chile"
    assert ev["event_date"] == "2024-03-04"


def test_peaceful_march_and_road_blockade_strike(extract):
    ev = one(es(extract, "Miles de manifestantes marcharon el sábado en Buenos Aires "
                         "contra los recortes del gobierno."))
    assert ev["sub_event_type"] == "Peaceful protest"
    assert ev["actor1"]["name"] == "Protesters (Argentina)" and ev["event_date"] == "2024-03-02"
    ev = one(es(extract, "Los transportistas realizaron un paro nacional y bloquearon la carretera Panamericana en "
                         "Piura este martes."))
    assert ev["event_type"] == "Protests" and ev["location"]["name"] == "Piura"


def test_arrest_yesterday_and_relative_dates(extract):
    ev = one(es(extract, "La Policía Nacional detuvo ayer a quince presuntos extorsionadores en Lima."))
    assert ev["sub_event_type"] == "Arrests"
    assert ev["actor1"]["name"] == "Police Forces of Peru"
    assert ev["event_date"] == "2024-03-04"
    ev = one(es(extract, "Hace tres días, una balacera entre sicarios y policías dejó cuatro muertos en Culiacán."))
    assert ev["event_date"] == "2024-03-02"
    assert ev["fatalities"] == 4


def test_territory_capture_ceasefire_and_drones_downed(extract):
    ev = one(es(extract, "El Ejército ruso tomó el control de la localidad de Orlivka, en la región de Donetsk."))
    assert ev["sub_event_type"] == "Government regains territory"
    assert ev["actor1"]["name"] == "Military Forces of Russia"
    ev = one(es(extract, "El Gobierno colombiano y el ELN firmaron un acuerdo de cese al fuego bilateral en La Habana "
                         "el lunes."))
    assert ev["sub_event_type"] == "Agreement" and ev["event_date"] == "2024-03-04"
    ev = one(es(extract, "La defensa antiaérea rusa derribó 20 drones ucranianos sobre la región de Bélgorod."))
    assert ev["sub_event_type"] == "Disrupted weapons use"
    assert ev["munitions"] == 20


@pytest.mark.parametrize("text", [
    "Los grupos armados atacan con frecuencia a los campesinos del Catatumbo.",  # habitual
    "El Ejército no bombardeó el poblado de Tibú, aseguró el ministro de Defensa.",  # negated
    "Los rebeldes amenazaron con atacar la ciudad de Goma en los próximos días.",  # threat, future
    "El gobierno negó haber bombardeado el hospital de Jartum.",  # denial
    "Hasta el momento no se reportan detenidos por el ataque en Culiacán.",  # negated
    "El presidente condenó la violencia y pidió calma a los habitantes de Culiacán.",  # statement
    "Los transportistas convocaron a una marcha para el próximo viernes en Lima.",  # future
])
def test_non_events(extract, text):
    assert es(extract, text) == []


def test_unidentified_gunmen_are_not_a_negation(extract):
    ev = one(es(extract, "Hombres no identificados asesinaron a un líder social en Tumaco, Nariño, el domingo."))
    assert ev["sub_event_type"] == "Attack"


def test_passive_agent(extract):
    ev = one(es(extract, "Dos policías fueron asesinados a balazos por sicarios en Durán, Ecuador, el miércoles."))
    assert ev["actor1"]["name"] == "Unidentified Armed Group (Ecuador)"
    assert ev["actor2"]["name"] == "Police Forces of Ecuador"


def test_multiword_number(extract):
    ev = one(es(extract, "Al menos treinta y cinco personas murieron en el ataque yihadista contra una iglesia en "
                         "Djibo, Burkina Faso, el domingo."))
    assert ev["fatalities"] == 35
