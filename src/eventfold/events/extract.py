"""Find events: per sentence, triggers from the lexicons become event candidates with their
class, modality, actors, place, date, weapons and counts.

Verb triggers report an occurrence by themselves; noun triggers only with a support verb
("ont fait l'objet d'attaques", "launched an attack") or in a sentence without any verb
trigger (a headline). Habitual, negated, hypothetical, future and denied actions are kept
out: they are not dated events.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventfold.actors import PROTESTING_KINDS, ActorMention, make_actor
from eventfold.dates import DateMention
from eventfold.event import Actor
from eventfold.events.attribution import Attribution, find_attribution
from eventfold.events.coding import code_event, event_classes, leading_class, weapon_table
from eventfold.events.quantities import Counts, counts
from eventfold.events.roles import is_passive, role_by_order, role_of
from eventfold.language.data import LanguageData
from eventfold.places.geoparse import REGION_FEATURES, PlaceMention
from eventfold.text import fold

MODALITY_WINDOW = 5
PASSIVE_REACH = 8  # words between a passive auxiliary and its participle: "wurden am Montag in Kiew getötet"
METONYMY_REACH = 4  # without a parser, a country acts when named just before the verb
DESCRIPTOR_WINDOW = 8  # words after a place within which another place only describes it


@dataclass
class Trigger:
    cls: str
    noun: bool
    start: int  # doc token offsets
    end: int

    def head(self, sent: Span) -> Token:
        return sent.doc[self.end - 1] if self.noun else sent.doc[self.start]


@dataclass
class Reading:
    """What one sentence says about one event at one place, before context fills the gaps."""

    sent: Span
    sent_index: int
    paragraph: int
    anchor: Trigger
    cls: str
    classes: set[str]
    roles: dict[str, list[ActorMention]]
    weapons: list[str]
    counts: Counts
    attribution: Attribution
    place: PlaceMention | None
    dates: list[DateMention]
    headline: bool


def find_triggers(sent: Span, lang: LanguageData) -> list[Trigger]:
    toks = [(t.text, t.lemma_) for t in sent]
    out = []
    tagged = sent.doc.has_annotation("POS")
    for m in lang.triggers.find(toks):
        cls, pos = m.label.split("|")
        if cls in event_classes():
            # The tagger knows better than the lexicon whether "attaque"/"attaqué" is a noun or a verb.
            first = sent[m.start]
            noun = first.pos_ in ("NOUN", "PROPN") if tagged and first.pos_ in ("NOUN", "PROPN", "VERB") \
                else pos == "noun"
            out.append(Trigger(cls, noun, sent.start + m.start, sent.start + m.end))
    return out


def modality(sent: Span, trig: Trigger, lang: LanguageData) -> str | None:
    """Why the trigger does not report a dated event, or None when it does."""
    toks = [(t.text, t.lemma_) for t in sent]
    rel = trig.start - sent.start
    if lang.cues["habitual"].find(toks):
        return "habitual"
    for key in ("hypothetical", "future", "denial"):
        for m in lang.cues[key].find(toks):
            if key == "denial" and m.start < rel or 0 < rel - m.end + 1 <= MODALITY_WINDOW:
                return key
    neg = lang.cue_words["negation"]
    head = trig.head(sent)
    # "hombres no identificados", "не менее пяти": a negation word that negates nothing.
    idle = {sent.start + i for m in lang.cues["negation_exceptions"].find(toks) for i in range(m.start, m.end)}
    near = [t for t in sent.doc[max(sent.start, trig.start - 3):min(sent.end, trig.end + 2)] if t.i not in idle]
    if any(fold(t.text) in neg or fold(t.lemma_) in neg for t in near) or any(
            c.dep_ in ("neg", "advmod") and fold(c.text) in neg for c in head.children):
        return "negated"
    return None


def is_anchor(trig: Trigger, sent: Span, triggers: list[Trigger], lang: LanguageData, headline: bool,
              dated: bool = False) -> bool:
    """Whether a trigger reports an occurrence: a verb does; a noun only in a headline, with a support
    verb ("launched an attack"), or with a day of its own ("heavy fighting continued on Monday")."""
    tagged = sent.doc.has_annotation("POS")
    if not trig.noun:
        # Without a tagger (blank pipelines) the lexicon's word class stands.
        return not tagged or sent.doc[trig.start].pos_ in ("VERB", "AUX", "ADJ") or (
            sent.doc[trig.start].pos_ == "NOUN" and headline)
    if any(not t.noun for t in triggers):
        return False
    toks = [(t.text, t.lemma_) for t in sent]
    return headline or dated or bool(lang.cues["support_verbs"].find(toks)) or bool(
        lang.cues["undergo_verbs"].find(toks))


class SentenceReader:
    """Reads event candidates from one sentence, given the document's mentions."""

    def __init__(self, lang: LanguageData):
        self.lang = lang
        self.munitions = {w for w, spec in weapon_table().items() if spec.get("munition")}

    def weapons(self, sent: Span) -> list[tuple[int, int, str]]:
        toks = [(t.text, t.lemma_) for t in sent]
        return [(sent.start + m.start, sent.start + m.end, m.label) for m in self.lang.weapons.find(toks)]

    def roles(self, sent: Span, anchor: Trigger, actors: list[ActorMention],
              attribution: Attribution) -> dict[str, list[ActorMention]]:
        head = anchor.head(sent)
        parsed = sent.doc.has_annotation("DEP")
        passive = (is_passive(head) if parsed else self._passive_aux(sent, anchor)) if not anchor.noun else False
        undergo = bool(self.lang.cues["undergo_verbs"].find([(t.text, t.lemma_) for t in sent]))
        out: dict[str, list[ActorMention]] = {"actor1": [], "actor2": []}
        paired = self._between(sent, [a for a in actors if a.start not in attribution.tokens])
        for a in actors:
            if a.start in attribution.tokens or anchor.start <= a.start < anchor.end:
                continue
            if id(a) in paired:
                out[paired[id(a)]].append(a)
                continue
            a_head = sent.doc[a.start:a.end].root
            role = role_of(a_head, head, anchor.noun, self.lang, undergo)
            if a.kind == "metonymy" and not (
                    a_head.dep_ in ("nsubj", "obl:agent", "pobj", "nsubj:pass", "nsubjpass")
                    or not parsed and 0 < anchor.start - a.end <= METONYMY_REACH):
                continue  # a country acts only as a subject or agent: "Israel struck", not "in the east of Syria"
            if role is None and not parsed:
                before = [t.text for t in sent.doc[sent.start:a.start]]
                role = role_by_order(a.start, head.i, passive, before, self.lang, a.kind)
            if role is None and a.kind != "metonymy":
                # Outside the trigger's clause structure: fall back on order, nearest first.
                before = [t.text for t in sent.doc[sent.start:a.start]]
                near = abs(a.start - head.i) <= 12
                role = role_by_order(a.start, head.i, passive, before, self.lang, a.kind) if near else None
            if role:
                out[role].append(a)
        return out

    def _passive_aux(self, sent: Span, anchor: Trigger) -> bool:
        """Without a parser: a passive auxiliary shortly before the participle ("fue atacado", "wurden
        am Montag getötet", "были убиты")."""
        auxiliaries = self.lang.cue_words["passive_auxiliaries"]
        return any(fold(t.text) in auxiliaries  # the trigger may hold its auxiliary: "foram mortos"
                   for t in sent.doc[max(sent.start, anchor.start - PASSIVE_REACH):anchor.start + 1])

    def _between(self, sent: Span, actors: list[ActorMention]) -> dict[int, str]:
        """"Clashes between A and B", "combates entre A y B": A is actor1, B actor2."""
        markers, links = self.lang.cue_words["between_markers"], self.lang.cue_words["coordination"]
        doc = sent.doc
        for i in range(sent.start, sent.end):
            if fold(doc[i].text) not in markers:
                continue
            first = next((a for a in actors if 0 < a.start - i <= 3), None)
            if first is None:
                continue
            second = next((a for a in actors if a.start >= first.end and a.start - first.end <= 3
                           and any(fold(t.text) in links for t in doc[first.end:a.start])), None)
            if second is not None:
                return {id(first): "actor1", id(second): "actor2"}
        return {}

    def places(self, sent: Span, places: list[PlaceMention], excluded: set[int]) -> list[PlaceMention]:
        """The places where the sentence's event happened: the most specific, coordinated ones
        ("les bases de Conoco et d'al-Omar") each make an event; descriptors ("X, au sud de Y")
        and origins ("tirs provenant du territoire irakien") do not."""
        toks = [(t.text, t.lemma_) for t in sent]
        marks = [m for key in ("origin_markers", "destination_markers") for m in self.lang.cues[key].find(toks)]
        origin_starts = [sent.start + m.end for m in marks]
        # Suffixes that follow the name ("Tel Rıfat'tan": from Tel Rifat).
        origin_suffixes = {sent.start + m.start for m in marks if sent[m.start].text[:1] in "'’"}
        # A dateline is where the report was filed; the place fire came from is not where it fell.
        cands = [p for p in places if p.token_start not in excluded and p.literal and not p.dateline
                 and not any(0 <= p.token_start - o <= 3 for o in origin_starts) and p.token_end not in origin_suffixes]
        specific = [p for p in cands if p.place.feature not in REGION_FEATURES]
        if not specific:
            if len({p.place.country for p in cands if p.place.feature == "country"}) > 1:
                raise Aggregate  # "bases in various regions of Iraq and Syria": no one event to place
            regions = sorted(cands, key=lambda p: (p.place.feature == "country", p.start))
            return regions[:1]
        first = specific[0]
        chosen = [first]
        for p in specific[1:]:
            prev = chosen[-1]
            between = sent.doc[prev.token_end:p.token_start]
            # "Nioro du Sahel, Diboli, Sandaré e Kayes": a comma links a list as "and" does.
            listed = all(t.text == "," for t in between)  # but "al-Omar, à Deir ez-Zor" describes
            coordinated = listed or len(between) <= 4 and any(
                t.dep_ == "cc" or t.lower_ in self.lang.cue_words["coordination"] for t in between) and all(
                t.is_punct or t.is_stop or t.dep_ == "cc" for t in between)
            if coordinated and p.relation is None:
                chosen.append(p)
            elif p.token_start - prev.token_end > DESCRIPTOR_WINDOW and p.relation is None and _better(p, first):
                chosen = [p]
        return chosen

    def read(self, sent: Span, sent_index: int, paragraph: int, actors: list[ActorMention],
             places: list[PlaceMention], dates: list[DateMention], headline: bool) -> list[Reading]:
        """Raw readings of the sentence: one per event place, with everything but inheritance resolved."""
        lang = self.lang
        triggers = find_triggers(sent, lang)
        dated = any(d.precision == "day" and not d.future for d in dates)
        anchors = [t for t in triggers if is_anchor(t, sent, triggers, lang, headline, dated)]
        if not anchors:
            return []
        live = [a for a in anchors if modality(sent, a, lang) is None]
        if not live:
            return []
        future = [d for d in dates if d.future]
        if future and not [d for d in dates if not d.future]:
            return []
        attribution = find_attribution(sent, lang)
        weapon_spans = self.weapons(sent)
        date_tokens = {t.i for d in dates for t in sent.doc.char_span(d.start, d.end, alignment_mode="expand") or []}
        actor_tokens = {i for a in actors if a.kind == "group" for i in range(a.start, a.end)}
        # "Drone strike kills 11 in El Fasher, protesters rally in Khartoum": a sentence that tells
        # violence and a protest tells two events, each with the words of its own clause.
        families: dict[str, list[Trigger]] = {}
        for a in live:
            families.setdefault(family(a.cls), []).append(a)
        sites = [p.token_start for p in places if p.literal and p.place.feature not in REGION_FEATURES]
        groups = sorted((part for ts in families.values() for part in _split_at_places(sent, ts, sites, lang)),
                        key=lambda ts: ts[0].start)
        out = []
        # Clause boundaries: the last comma or conjunction before the next group's trigger.
        pairs = zip(groups, groups[1:], strict=False)
        bounds = [sent.start] + [_clause_start(sent, g[0].start, prev[-1].end) for prev, g in pairs] + [sent.end]
        for k, group in enumerate(groups):
            lo, hi = bounds[k], bounds[k + 1]
            if len(groups) == 1:
                lo, hi = sent.start, sent.end

            def inside(i: int, lo: int = lo, hi: int = hi) -> bool:
                return lo <= i < hi
            anchor = group[0]
            fam = family(anchor.cls)
            classes = {t.cls for t in triggers if family(t.cls) == fam and inside(t.start)} | {anchor.cls}
            cls = leading_class({t.cls for t in group} | {t.cls for t in triggers if t.noun and t.cls in classes})
            roles = self.roles(sent, anchor, [a for a in actors if inside(a.start)], attribution)
            my_weapons = [w for w in weapon_spans if inside(w[0])]
            weapons = list(dict.fromkeys(w for *_, w in my_weapons))
            cnt = counts(sent, lang, my_weapons, self.munitions, date_tokens)
            if fam == "violence" and not _violent_context(roles, my_weapons, cnt, classes):
                continue  # "inflation hit 20% in Lagos": a violent verb with nothing violent around it
            if cls in NEEDS_WEAPON and not my_weapons:
                continue  # "three officers were intercepted by gunmen": people, not drones
            acting = {i for a in roles["actor1"] + roles["actor2"] if a.kind == "metonymy"
                      for i in range(a.start, a.end)}
            try:
                event_places = self.places(sent, [p for p in places if inside(p.token_start)],
                                           actor_tokens | attribution.tokens | acting)
            except Aggregate:
                continue
            out += [Reading(sent, sent_index, paragraph, anchor, cls, classes, roles, weapons, cnt, attribution,
                            place, [d for d in dates if not d.future], headline) for place in (event_places or [None])]
        return out


ARMED_KINDS = {"group", "military", "military_assets", "police", "unidentified", "metonymy", "people"}


def _violent_context(roles: dict[str, list[ActorMention]], weapons: list, cnt: Counts, classes: set[str]) -> bool:
    """A violent reading needs some corroboration: an armed actor, a weapon, a toll, or a second
    violent word. Verbs like "hit", "target" or "toucher" are violent only in such company."""
    armed = any(a.kind in ARMED_KINDS for a in roles["actor1"] + roles["actor2"])
    return armed or bool(weapons) or cnt.fatalities is not None or cnt.injuries is not None \
        or bool(classes - GENERIC_CLASSES)


GENERIC_CLASSES = {"attack", "strike"}  # "hit", "target", "frapper", "viser": violent only in violent company
NEEDS_WEAPON = {"weapons_disrupted"}  # intercepting, shooting down, defusing: only of a weapon


def _split_at_places(sent: Span, triggers: list[Trigger], sites: list[int], lang: LanguageData) -> list[list[Trigger]]:
    """Triggers of one family in coordinated clauses that each name a place of their own tell separate
    events: "police fired tear gas in Mombasa, while in Eldoret protesters marched"; a participle clause
    ("..., killing five in the south of Gaza") goes on telling the same one."""
    breaks = lang.cue_words["coordination"] | lang.cue_words["clause_breaks"]
    parts = [[triggers[0]]]
    floor = sent.start
    for t in triggers[1:]:
        prev = parts[-1][-1]
        cut = _clause_start(sent, t.start, prev.end)
        doc = sent.doc
        linked = cut > prev.end and (doc[cut - 1].text == ";" or fold(doc[cut - 1].text) in breaks or (
            doc[cut - 1].is_punct and cut < sent.end and fold(doc[cut].text) in breaks))
        if linked and any(floor <= i < cut for i in sites) and any(i >= cut for i in sites):
            parts.append([t])
            floor = cut
        else:
            parts[-1].append(t)
    return parts


def _clause_start(sent: Span, anchor: int, floor: int) -> int:
    for i in range(anchor - 1, floor - 1, -1):
        tok = sent.doc[i]
        if tok.is_punct or tok.dep_ == "cc":
            return i + 1
    return anchor


class Aggregate(Exception):
    """The sentence sums up events in several countries: nothing to code."""


def family(cls: str) -> str:
    """The family of an event class: violence, protest (protests, riots, arrests) or strategic."""
    etype = event_classes()[cls].type
    return "protest" if etype in ("Protests", "Riots") or cls == "arrest" else \
        "violence" if event_classes()[cls].violent else "strategic"


def _better(p: PlaceMention, q: PlaceMention) -> bool:
    return p.score > q.score + 2


ASSET_KINDS = {"military_assets"}


def pick_actor(mentions: list[ActorMention], country: str | None, exclude: Actor | None = None,
               victims: bool = False) -> Actor | None:
    """The most specific actor among mentions of one role; nouns without a country take the event's.
    Among victims, a people ("killed three Palestinians") are its civilians, not its forces."""
    ranked = sorted(mentions, key=lambda a: (a.kind != "group", a.actor is None, a.start))
    for a in ranked:
        # A bare "base" or "convoy" says nothing of whose it is; a bare "army" is the country's own.
        if victims and a.kind == "people":
            actor = make_actor("civilians", a.actor.country if a.actor else country, a.text)
        else:
            actor = a.actor or (make_actor(a.kind, country, a.text) if a.kind not in ASSET_KINDS else None)
        if actor is not None and actor != exclude and (exclude is None or actor.name != exclude.name):
            return actor
    return None


def assign_actors(cls: str, classes: set[str], roles: dict[str, list[ActorMention]], country: str | None,
                  weapons: list[str]) -> tuple[Actor, Actor | None, str, str]:
    """Actors and ACLED coding of a reading, given the country of its place."""
    a1_mentions, a2_mentions = roles["actor1"], roles["actor2"]
    if cls in ("protest", "protest_intervention", "riot"):
        everyone = a1_mentions + a2_mentions
        protesters = [a for a in everyone if a.kind in PROTESTING_KINDS or a.kind == "rioters"]
        others = [a for a in everyone if a not in protesters and a.kind in ("police", "military", "group")]
        kind = "rioters" if cls == "riot" else "protesters"
        actor1 = make_actor(kind, (protesters[0].actor.country if protesters and protesters[0].actor else None)
                            or country) or Actor(f"{kind.capitalize()}")
        actor2 = pick_actor(others, country)
        etype, sub = code_event(cls, classes | ({"protest_intervention"} if actor2 else set()), weapons, actor1, actor2)
        return actor1, actor2, etype, sub
    actor1 = pick_actor(a1_mentions, country)
    actor2 = pick_actor(a2_mentions, country, exclude=actor1, victims=True)
    if actor1 is None and cls in ("arrest",):
        actor1 = make_actor("police", country)
    if actor1 is None and event_classes()[cls].violent:
        actor1 = make_actor("unidentified", country)
    if actor1 is None:
        actor1 = make_actor("unidentified", country) or Actor("Unidentified Armed Group")
    etype, sub = code_event(cls, classes, weapons, actor1, actor2)
    return actor1, actor2, etype, sub
