"""Actors stage: mentions of actors in the text, resolved to ACLED-style canonical actors.

Named groups come from data/actors/groups.toml (aliases per language); state forces,
police, civilians, protesters and unidentified gunmen are composed from the language's
actor nouns and demonyms ("forces américaines", "US troops", "Israeli police"), so a
country needs no hand-written alias to be covered.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from eventfold.event import Actor
from eventfold.language.data import LanguageData, data_path
from eventfold.language.matcher import Match, PatternMatcher
from eventfold.text import fold

# Noun kinds of data/lang/*/actors.toml and the actor each makes, given a country.
KIND_ACTOR = {
    "military": ("Military Forces of {the}", "State forces"),
    "military_assets": ("Military Forces of {the}", "State forces"),
    "police": ("Police Forces of {the}", "State forces"),
    "government": ("Government of {the}", "State forces"),
    "civilians": ("Civilians ({short})", "Civilians"),
    "journalists": ("Civilians ({short})", "Civilians"),
    "health_workers": ("Civilians ({short})", "Civilians"),
    "refugees": ("Civilians ({short})", "Civilians"),
    "prisoners": ("Civilians ({short})", "Civilians"),
    "students": ("Civilians ({short})", "Civilians"),
    "workers": ("Civilians ({short})", "Civilians"),
    "protesters": ("Protesters ({short})", "Protesters"),
    "rioters": ("Rioters ({short})", "Rioters"),
    "unidentified": ("Unidentified Armed Group ({short})", "Political militia"),
}
# Civilian-like kinds that protest rather than suffer when the event is a protest.
PROTESTING_KINDS = {"civilians", "journalists", "health_workers", "refugees", "students", "workers", "protesters"}
DEMONYM_WINDOW = 3  # words between a noun and its demonym ("forces d'occupation américaines")


@dataclass
class ActorMention:
    start: int  # token offsets in the doc
    end: int
    text: str
    kind: str  # "group", a noun kind, or "people" (a demonym used as a noun: "les Américains")
    actor: Actor | None  # None when the country is still to be filled from the event's place
    short: bool = False  # a short form of a group named earlier ("la Résistance")


@cache
def country_names() -> dict[str, str]:
    """ISO3 -> the country as ACLED writes it in actor names ("the United States")."""
    with data_path("actors", "countries.tsv").open(encoding="utf-8") as f:
        return {r["iso3"]: r["name"] for r in csv.DictReader(f, delimiter="\t")}


def make_actor(kind: str, country: str | None, text: str | None = None) -> Actor | None:
    """The canonical actor of a noun kind in a country; None when the country is unknown."""
    if kind not in KIND_ACTOR or not country:
        return None
    the = country_names().get(country)
    if not the:
        return None
    short = the.removeprefix("the ")
    template, actor_type = KIND_ACTOR[kind]
    return Actor(template.format(the=the, short=short), actor_type, country, text)


@dataclass(frozen=True)
class Group:
    name: str
    type: str | None
    country: str | None


@cache
def groups() -> list[Group]:
    path = data_path("actors", "groups.toml")
    if not path.is_file():
        return []
    return [Group(g["name"], g.get("type"), g.get("country"))
            for g in tomllib.loads(path.read_text(encoding="utf-8")).get("group", [])]


@cache
def _group_aliases() -> list[dict[str, list[str]]]:
    path = data_path("actors", "groups.toml")
    if not path.is_file():
        return []
    return [g.get("aliases", {}) for g in tomllib.loads(path.read_text(encoding="utf-8")).get("group", [])]


@cache
def group_matcher(lang: LanguageData) -> PatternMatcher:
    """The aliases of every armed group in a language (and in English), labelled by group index."""
    matcher = PatternMatcher()
    for i, aliases in enumerate(_group_aliases()):
        matcher.add(str(i), aliases.get(lang.code, []) + aliases.get("en", []))
    return matcher


class ActorFinder:
    """Finds actor mentions in sentences of one language. Built once per language."""

    def __init__(self, lang: LanguageData):
        self.lang = lang
        self.groups = group_matcher(lang)
        self.group_heads: dict[str, set[int]] = {}
        generic = {fold(w) for pats in lang.raw["actors"].get("nouns", {}).values() for p in pats for w in p.split()}
        for i, aliases in enumerate(_group_aliases()):
            for name in aliases.get(lang.code, []) + aliases.get("en", []):
                head = name.split()[0]
                # "la Résistance" for "Résistance islamique d'Irak"; never a generic noun like "Forces".
                if len(name.split()) > 1 and head[:1].isupper() and fold(head) not in generic and len(head) > 3:
                    self.group_heads.setdefault(fold(head), set()).add(i)

    def __call__(self, sent: Span, named_before: set[int]) -> list[ActorMention]:
        """Actor mentions of a sentence; `named_before` holds the groups named earlier in the doc."""
        toks = [(t.text, t.lemma_) for t in sent]
        out: list[ActorMention] = []
        taken: set[int] = set()
        for m in self.groups.find(toks):
            g = groups()[int(m.label)]
            span = sent[m.start:m.end]
            actor = Actor(g.name, g.type, g.country, span.text)
            out.append(ActorMention(span.start, span.end, span.text, "group", actor))
            taken.update(range(m.start, m.end))
            named_before.add(int(m.label))
        for i, tok in enumerate(sent):
            ids = self.group_heads.get(fold(tok.text), set()) & named_before
            if i not in taken and tok.text[:1].isupper() and len(ids) == 1:
                g = groups()[next(iter(ids))]
                out.append(ActorMention(tok.i, tok.i + 1, tok.text, "group", Actor(g.name, g.type, g.country, tok.text),
                                        short=True))
                taken.add(i)
        # Demonyms of countries only ("European" names no state whose forces could act).
        demonyms = [d for d in self.lang.demonym_matcher.find(toks) if ":" not in d.label
                    and not taken & set(range(d.start, d.end))
                    and (not d.pattern.isupper() or sent[d.start].text.isupper())]  # "US", not "us"
        used: set[int] = set()
        # Weapons and strikes with a nationality stand for that state's forces: "Russian drones",
        # "frappes israéliennes", "roquettes russes".
        means = [Match(m.start, m.end, "military", m.pattern) for m in
                 self.lang.weapons.find(toks) + [t for t in self.lang.triggers.find(toks) if t.label.endswith("|noun")]]
        nouns = self.lang.actor_nouns.find(toks)
        for m in nouns + [w for w in means if not any(n.start < w.end and w.start < n.end for n in nouns)]:
            if taken & set(range(m.start, m.end)):
                continue
            is_means = m in means
            dem = next((d for d in demonyms if id(d) not in used and (
                0 <= d.start - m.end < DEMONYM_WINDOW or 0 <= m.start - d.end < 2)), None)
            if is_means and dem is None:
                continue
            start, end = m.start, m.end
            country = None
            if dem is not None:
                used.add(id(dem))
                start, end, country = min(start, dem.start), max(end, dem.end), dem.label
            span = sent[start:end]
            out.append(ActorMention(span.start, span.end, span.text, m.label, make_actor(m.label, country, span.text)))
        for d in demonyms:
            tok = sent[d.start]
            if id(d) in used or not tok.text[:1].isupper() or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            if tok.text.endswith("s"):  # "les Américains", "the Israelis": a people standing for its forces
                span = sent[d.start:d.end]
                actor = make_actor("military", d.label, span.text)
                out.append(ActorMention(span.start, span.end, span.text, "people", actor))
        return sorted(out, key=lambda a: a.start)
