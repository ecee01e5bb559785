"""Per-language knowledge, loaded once per process from data/lang/<code>/*.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from eventfold.language.matcher import PatternMatcher
from eventfold.text import fold

CUE_KEYS = (
    "attribution", "reporting_verbs", "support_verbs", "habitual", "negation", "hypothetical",
    "future", "denial", "agent_markers", "target_markers", "call_to_action", "credit_words", "byline_words",
    "dead", "injured", "origin_markers", "coordination", "undergo_verbs", "clause_breaks",
    "passive_auxiliaries", "between_markers", "destination_markers", "negation_exceptions", "age_words",
)


# Single-word lists of places.toml: prepositions of place, the words that make a name a facility
# ("Royal Street", "rue de Rivoli"), and the links between a leading head and its name ("of", "de").
PLACE_WORD_KEYS = ("locative", "facility_heads", "facility_links")


class UnsupportedLanguage(LookupError):
    """No language data for this code yet."""


DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def data_path(*parts: str) -> Path:
    return DATA_DIR.joinpath(*parts)


def load_toml(*parts: str) -> dict[str, Any]:
    path = data_path(*parts)
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


@cache
def languages() -> dict[str, dict[str, Any]]:
    """The languages eventfold has data for: data/languages.toml entries with a data/lang/<code> folder."""
    return {code: meta for code, meta in load_toml("languages.toml").items() if data_path("lang", code).is_dir()}


@dataclass(eq=False)  # one instance per language, hashed by identity for caches
class LanguageData:
    code: str
    spacy_model: str | None
    triggers: PatternMatcher
    weapons: PatternMatcher
    cues: dict[str, PatternMatcher]
    cue_words: dict[str, frozenset[str]]
    numbers: dict[str, dict[str, int]]
    time: dict[str, Any]
    actor_nouns: PatternMatcher
    demonyms: dict[str, list[str]]
    demonym_matcher: PatternMatcher  # labels are ISO3 codes
    country_names: dict[str, list[str]]
    relative_places: PatternMatcher
    containment: PatternMatcher
    place_features: PatternMatcher
    place_words: dict[str, frozenset[str]]  # single-word lists of places.toml (locative, facility_heads, ...)
    name_endings: tuple[tuple[str, tuple[str, ...]], ...]  # case endings of names and their nominatives, longest first
    common_words: frozenset[str]  # single words of the lexicons (numbers, time, cues): never place names
    capitalised_nouns: bool = False  # German: a capital says nothing of a proper name
    capitalised_qualifiers: bool = False  # "Eastern Ukraine", "Kuzey Irak": a capital before a name may qualify it
    verb_first: bool = False  # Arabic: the subject follows its verb
    raw: dict[str, Any] = field(repr=False, default_factory=dict)


@cache
def language_data(code: str) -> LanguageData:
    """Load (once) and compile the data of one language."""
    meta = languages().get(code)
    if meta is None:
        raise UnsupportedLanguage(code)
    d = {name: load_toml("lang", code, f"{name}.toml")
         for name in ("triggers", "weapons", "numbers", "time", "cues", "actors", "demonyms", "places")}

    triggers = PatternMatcher()
    for cls, entry in d["triggers"].items():
        triggers.add(f"{cls}|verb", entry.get("verbs", []))
        triggers.add(f"{cls}|noun", entry.get("nouns", []))
    weapons = PatternMatcher()
    for name, entry in d["weapons"].items():
        weapons.add(name, entry.get("patterns", []))
    cues: dict[str, PatternMatcher] = {}
    for key in CUE_KEYS:
        m = PatternMatcher()
        m.add(key, d["cues"].get(key, []))
        cues[key] = m
    actor_nouns = PatternMatcher()
    for kind, pats in d["actors"].get("nouns", {}).items():
        actor_nouns.add(kind, pats)
    relative = PatternMatcher()
    for phrase, relation in d["places"].get("relative", {}).items():
        relative.add(relation, [phrase])
    containment = PatternMatcher()
    containment.add("in", d["places"].get("containment", []))
    features = PatternMatcher()
    for feature, pats in d["places"].get("features", {}).items():
        features.add(feature, pats)
    demonyms = PatternMatcher()
    for iso3, forms in d["demonyms"].get("demonyms", {}).items():
        demonyms.add(iso3, forms)
    numbers = {k: {fold(w): int(v) for w, v in d["numbers"].get(k, {}).items()}
               for k in ("cardinals", "multipliers", "vague")}
    return LanguageData(
        code=code,
        spacy_model=meta.get("spacy"),
        triggers=triggers,
        weapons=weapons,
        cues=cues,
        cue_words={k: frozenset(fold(w) for w in d["cues"].get(k, [])) for k in CUE_KEYS},
        numbers=numbers,
        time=d["time"],
        actor_nouns=actor_nouns,
        demonyms=d["demonyms"].get("demonyms", {}),
        demonym_matcher=demonyms,
        country_names=d["demonyms"].get("names", {}),
        relative_places=relative,
        containment=containment,
        place_features=features,
        place_words={k: frozenset(fold(w) for w in d["places"].get(k, [])) for k in PLACE_WORD_KEYS},
        name_endings=tuple(sorted(((end, tuple(nominatives)) for end, nominatives in
                                   d["places"].get("name_endings", {}).items()), key=lambda e: -len(e[0]))),
        common_words=_common_words(d),
        capitalised_nouns=bool(meta.get("capitalised_nouns")),
        capitalised_qualifiers=bool(meta.get("capitalised_qualifiers")),
        verb_first=bool(meta.get("verb_first")),
        raw=d,
    )


def _common_words(d: dict[str, dict[str, Any]]) -> frozenset[str]:
    """Single words of the number, time and cue lexicons ("Treinta", "Montag", "Según"): a capital
    at the start of a sentence does not make them towns."""
    out: set[str] = set()
    for table in ("cardinals", "multipliers", "vague"):
        out.update(d["numbers"].get(table, {}))
    for table in ("months", "weekdays", "relative"):
        out.update(d["time"].get(table, {}))
    for key in CUE_KEYS:
        out.update(d["cues"].get(key, []))
    return frozenset(fold(w) for w in out if " " not in w and "*" not in w)
