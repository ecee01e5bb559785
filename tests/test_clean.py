"""Clean stage: debris is recognised by shape and content, the story is kept, offsets map back."""

from __future__ import annotations

import pytest

from eventfold.clean import clean_text
from eventfold.language import language_data

FR = """Afrique

Des jihadistes attaquent un camp militaire dans le centre du Mali

Le président Emmanuel Macron (C) pose avec des élèves lors d'une visite à Marseille le 12 juin 2019. (Photo AFP)
Des soldats maliens en patrouille. ©AFP

Par Amadou Diallo

Des jihadistes ont attaqué mardi un camp militaire à Boni, dans le centre du Mali, a-t-on appris de sources locales.

Lire aussi : Au Sahel, la guerre des drones

Partager cet article
SOURCE : AGENCES"""

EN = """World News

Militants attack army post in northern Burkina Faso

Thousands of people gather for a rally on the National Mall in Washington, DC on June 14, 2018. (AFP photo)
By Jane Smith

Militants attacked an army post in northern Burkina Faso on Tuesday, security sources said.

Les manifestants ont défilé dans le calme à Paris pour réclamer des hausses de salaires samedi.

Read more: Sahel's drone war
Share this article
Subscribe to our newsletter"""


@pytest.mark.parametrize("lang,raw,story", [
    ("fr", FR, ["Des jihadistes attaquent un camp militaire dans le centre du Mali",
                "Des jihadistes ont attaqué mardi un camp militaire à Boni"]),
    ("en", EN, ["Militants attack army post in northern Burkina Faso",
                "Militants attacked an army post in northern Burkina Faso on Tuesday"]),
])
def test_debris_out_story_in(lang, raw, story):
    cleaned = clean_text(raw, language_data(lang), 2024)
    paragraphs = cleaned.text.split("\n\n")
    assert len(paragraphs) == 2, cleaned.removed
    for para, start in zip(paragraphs, story, strict=True):
        assert para.startswith(start)
    reasons = {why.split(" (")[0] for _, why in cleaned.removed}
    assert {"label", "caption", "call to action"} <= reasons


def test_offsets_map_back_to_the_input():
    cleaned = clean_text(FR, language_data("fr"), 2024)
    i = cleaned.text.index("Boni")
    raw_i = cleaned.to_raw(i)
    assert FR[raw_i:raw_i + 4] == "Boni"
