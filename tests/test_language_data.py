"""Every language's data files: complete, consistent with the shared tables, unambiguous."""

from __future__ import annotations

import pytest

from eventfold.events.coding import event_classes, weapon_table
from eventfold.language.data import CUE_KEYS, language_data, languages, load_toml
from eventfold.text import fold

CODES = sorted(languages())


@pytest.mark.parametrize("code", CODES)
def test_every_cue_key_is_present(code):
    cues = load_toml("lang", code, "cues.toml")
    assert [k for k in CUE_KEYS if k not in cues] == []


@pytest.mark.parametrize("code", CODES)
def test_trigger_classes_and_weapons_are_the_shared_ones(code):
    assert set(load_toml("lang", code, "triggers.toml")) <= set(event_classes())
    assert set(load_toml("lang", code, "weapons.toml")) <= set(weapon_table())


@pytest.mark.parametrize("code", CODES)
def test_no_demonym_names_two_places(code):
    # The matcher keeps the first of two equal patterns: a form under two countries is a silent error.
    owner: dict[str, str] = {}
    clashes = []
    for key, forms in load_toml("lang", code, "demonyms.toml").get("demonyms", {}).items():
        for form in forms:
            previous = owner.setdefault(fold(form), key)
            if previous != key:
                clashes.append((form, previous, key))
    assert clashes == []


@pytest.mark.parametrize("code", CODES)
def test_data_compiles(code):
    lang = language_data(code)
    assert lang.triggers and lang.weapons and lang.actor_nouns and lang.demonym_matcher
    assert lang.time.get("months") and lang.time.get("weekdays")
