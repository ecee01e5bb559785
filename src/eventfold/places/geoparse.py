"""Geoparser: place mentions in a parsed text, each resolved to one gazetteer entry or none.

Recognition is gazetteer-driven (name-shaped token spans looked up by exact key, then by
transliteration skeleton confirmed with a fuzzy comparison), with the language's feature
words ("base", "champ pétrolier", "camp") and the statistical NER as evidence. Resolution
scores each candidate on prominence, the document's country focus, the feature the text
implies, closeness to and containment in the other places of the document, and qualifiers
("Naples, Florida"); it prefers no answer to a wild one.

Besides literal mentions it reports the places named inside organisation names ("Air
Zimbabwe", "the Washington Post"), demonyms ("Irish", "European"), and facilities the
gazetteer cannot know ("Royal Street", "Manila Cathedral"), which stand at the place that
contains them: the place named inside them, else the town the text is about.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span

from eventfold.actors import group_matcher
from eventfold.dates import dateline_length
from eventfold.language.data import LanguageData
from eventfold.places.gazetteer import MAIN, SHORT, Gazetteer, Place
from eventfold.places.keys import bare_key, name_key, skeleton_key
from eventfold.text import fold

MAX_SPAN = 6
FEATURE_REACH = 5  # words between a feature word and its name: "la base américaine d'al-Shaddadi"
LOC_LABELS = {"GPE", "LOC", "FAC"}
PERSON_LABELS = {"PERSON", "PER"}
NAME_LABELS = {"PERSON", "PER", "ORG", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE", "MISC"}
NOT_PLACES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}  # "Thursday" is no island
MIN_BARE_POPULATION = 5000  # a name nothing else vouches for must at least be a town of this size
MIN_ORG_POPULATION = 100_000  # a name the NER calls an organisation must be a city of this size
MIN_EMBEDDED_POPULATION = 100_000  # "Air Zimbabwe", "Baseball Toronto": only prominent places hide in names
CONFIDENT = 5.0  # score of a resolution that may vouch for the others
# Which gazetteer features a feature word in the text is compatible with.
FEATURE_FIT = {
    "military_base": {"military_base", "air_base", "airport"},
    "air_base": {"air_base", "military_base", "airport"},
    "airport": {"airport", "air_base", "military_base"},
    "oil_field": {"oil_field", "gas_field", "military_base", "refinery"},
    "gas_field": {"gas_field", "oil_field", "military_base"},
    "refinery": {"refinery", "oil_field", "power_plant"},
    "village": {"city"}, "town": {"city"}, "city": {"city", "capital"},
    "region": {"admin1", "admin2", "country"}, "district": {"district", "admin2", "city", "admin1"},
}
FEATURE_PRIOR = {"continent": 7.0, "country": 8.0, "region": 5.0, "sea": 5.0, "admin1": 5.0, "river": 4.0,
                 "lake": 4.0, "mountain": 4.0, "desert": 4.5, "air_base": 3.0, "military_base": 3.0, "airport": 2.0,
                 "admin2": 3.5}
SITE_PRIOR = 2.5
CAPITAL_BONUS = 1.5
MAIN_BONUS = 1.0
FACILITIES = {"military_base", "air_base", "airport", "oil_field", "gas_field", "refinery", "camp", "prison", "dam",
              "port", "checkpoint", "border_crossing", "power_plant"}
REGION_FEATURES = {"country", "admin1", "continent", "region", "sea", "river", "lake", "mountain", "desert"}
ADMIN_FEATURES = {"country", "admin1", "admin2"}
LOCALITIES = {"city", "capital"}
PROMINENT = REGION_FEATURES | {"capital"}


@dataclass
class PlaceMention:
    start: int  # character offsets in the parsed text
    end: int
    text: str
    sent: int  # index of the sentence in the doc
    token_start: int
    token_end: int
    place: Place | None = None
    relation: str | None = None  # "north", "near", "outskirts" ... when the text places the event relative to it
    feature_word: str | None = None  # kind of place the text says it is
    ner: str | None = None  # label of the statistical NER entity over the mention, if any
    fuzzy: bool = False  # found through the transliteration skeleton, not an exact name
    demonym: bool = False  # an adjective or people name standing for a place ("Irish", "américaines", "European")
    embedded: bool = False  # inside the name of an organisation: "Air Zimbabwe", "the Washington Post"
    facility: bool = False  # a street, building or site unknown to the gazetteer, placed at what contains it
    locative: bool = False  # right after "in", "at", "à", "dans": where things happen
    dateline: bool = False  # "BEIRUT, March 5 (Reuters) -": where the report was filed, not where it happened
    score: float = 0.0
    candidates: list[tuple[Place, int]] = field(default_factory=list, repr=False)

    @property
    def literal(self) -> bool:
        """Whether the mention names a place as a place (not a people, nor part of another name)."""
        return not (self.demonym or self.embedded)

    @property
    def precision(self) -> int:
        """ACLED geo_precision of an event located at this mention."""
        if self.place is None or self.place.feature in REGION_FEATURES:
            return 3
        return 2 if self.relation else 1


def _name_shaped(tok) -> bool:
    t = tok.text
    if not t or not (t[0].isalpha() or t[0].isdigit()):
        return False
    return t[0].isupper() or not t[0].isascii() and not t[0].islower() and t[0].isalpha()


def _connector(tok) -> bool:
    t = tok.text.lower()
    return t in {"-", "'", "’", "&"} or (len(t) <= 4 and t.rstrip("-'’").isalpha() and t.islower()) or t.endswith("-")


def candidate_spans(sent: Span) -> list[tuple[int, int]]:
    """Token spans shaped like names: start and end on a name-shaped token, connectors between."""
    toks = list(sent)
    out = []
    for i, tok in enumerate(toks):
        if not _name_shaped(tok) or len(tok.text) == 1 and i + 1 < len(toks) and _name_shaped(toks[i + 1]):
            continue  # "У Харкові", "A Coruña" aside, a one-letter word starts no name
        if tok.is_sent_start and tok.is_stop and not (i + 1 < len(toks) and _name_shaped(toks[i + 1])):
            continue
        for j in range(i, min(i + MAX_SPAN, len(toks))):
            if j > i and not (_name_shaped(toks[j]) or _connector(toks[j])):
                break
            if _name_shaped(toks[j]) and not toks[j].is_punct:
                out.append((sent.start + i, sent.start + j + 1))
    return out


DIVISION_FEATURES = ("region", "district")


def _nominatives(text: str, lang: LanguageData) -> list[str]:
    """Keys of the name with its last word's case ending replaced by the nominative's."""
    out = []
    for ending, nominatives in lang.name_endings:
        if text.endswith(ending) and len(text) - len(ending) >= 3:
            out += [name_key(text[:-len(ending)] + n) for n in nominatives]
    return out


def _function_word(tok) -> bool:
    """A stop word where a capital cannot tell a name: in a script without case, or opening a sentence
    (acronyms aside: "US")."""
    caseless = tok.text[:1].lower() == tok.text[:1].upper()
    return tok.is_stop and not tok.text.isupper() and (caseless or tok.is_sent_start)


def _is_division_word(tok, lang: LanguageData) -> bool:
    feats = lang.place_features.find([(tok.text, tok.lemma_)])
    return bool(feats) and feats[0].label in DIVISION_FEATURES


def _with_division_word(sent: Span, lang: LanguageData) -> list[tuple[int, int]]:
    """A name and the lower-case word for its division after it, as one name: "Белгородской
    области", "Kharkiv oblast", "Deir ez-Zor governorate"."""
    doc = sent.doc
    return [(a, b + 1) for a, b in candidate_spans(sent)
            if b < sent.end and not _name_shaped(doc[b]) and _is_division_word(doc[b], lang)]


class Geoparser:
    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer

    def __call__(self, doc: SpacyDoc, lang: LanguageData) -> list[PlaceMention]:
        sents = list(doc.sents)
        spans: list[tuple[int, int, int, str]] = []  # (sent, tok_start, tok_end, key)
        for si, sent in enumerate(sents):
            lexical = _lexical_tokens(sent, lang)
            for a, b in candidate_spans(sent) + _with_division_word(sent, lang):
                if all(i in lexical for i in range(a, b)) and doc[a].ent_type_ not in LOC_LABELS:
                    continue  # "Ataque", "Treinta", "Menschen", "Police": words of the lexicons, not towns
                if b - a == 1 and _function_word(doc[a]):
                    continue  # "إلى" is no Ely, "كان" no Cannes, a sentence's "Die" no Die
                key = name_key(doc[a:b].text)
                if key:
                    spans.append((si, a, b, key))
        # Without a tagger, inflected names are looked up by their lemmas too: "Киеве", "Харкові",
        # "بحلب" are Kyiv, Kharkiv and Aleppo.
        lemma_keys = {} if doc.has_annotation("POS") else {
            key: lk for _, a, b, key in spans
            if (lk := name_key(" ".join(t.lemma_ or t.text for t in doc[a:b]))) != key}
        # Names the lemmatiser does not know, by the language's case endings: "Куп'янську" is
        # Kup'yansk, "Липцях" Lyptsi.
        ending_keys = {key: _nominatives(doc[a:b].text, lang) for _, a, b, key in spans} if lang.name_endings else {}
        # "Plateau State", "Kharkiv Oblast", "Deir ez-Zor Governorate": the division of the name before.
        division_keys = {key: name_key(doc[a:b - 1].text) for _, a, b, key in spans
                         if b - a > 1 and _is_division_word(doc[b - 1], lang)}
        keys = {k for *_, k in spans} | {bare_key(k) for *_, k in spans} | set(lemma_keys.values()) \
            | set(division_keys.values()) | {k for ks in ending_keys.values() for k in ks}
        exact = self.gaz.by_keys(list(keys))
        for key, lk in lemma_keys.items():
            if not (exact.get(key) or exact.get(bare_key(key))) and exact.get(lk):
                exact[key] = exact[lk]
        for key, nominatives in ending_keys.items():
            hit = next((k for k in nominatives if exact.get(k)), None)
            if hit and not (exact.get(key) or exact.get(bare_key(key))):
                exact[key] = exact[hit]
        for key, short in division_keys.items():
            divisions = [(p, f) for p, f in exact.get(short, []) if p.feature in ADMIN_FEATURES - {"country"}]
            if not (exact.get(key) or exact.get(bare_key(key))) and divisions:
                exact[key] = divisions

        def full_hits(k: str) -> list[tuple[Place, int]]:
            return [(p, f) for p, f in exact.get(k) or exact.get(bare_key(k)) or [] if not f & SHORT]

        # A name known only as a site's short alias ("Boukamal" of a border crossing) or as a division
        # ("Deir Ezzor" of the governorate) may still be a town under another spelling: look for it by
        # skeleton too. Generic words never go fuzzy.
        unresolved = [k for _, a, b, k in spans if len(k) >= 5
                      and all(p.feature in ADMIN_FEATURES - {"country"} or p.feature in FACILITIES
                              for p, _ in full_hits(k))
                      and not _has_generic_word(doc[a:b], lang) and _all_proper(doc[a:b], lang)]
        fuzzy = self._skeleton_candidates(unresolved)

        found: list[PlaceMention] = []
        for si, a, b, key in spans:
            cands = exact.get(key) or exact.get(bare_key(key))
            span = doc[a:b]
            if key in fuzzy:
                known = {p.gid for p, _ in cands or []}
                found.append(PlaceMention(span.start_char, span.end_char, span.text, si, a, b,
                                          candidates=(cands or []) + [c for c in fuzzy[key] if c[0].gid not in known],
                                          fuzzy=not full_hits(key)))
            elif cands:
                found.append(PlaceMention(span.start_char, span.end_char, span.text, si, a, b, candidates=cands))
        found += self._demonyms(doc, sents, lang)
        ent_at = {t.i: e for e in doc.ents for t in e}
        starts = {m.token_start for m in found}
        # Candidates are checked before overlaps are settled, so that an implausible longer span
        # ("An Israeli") does not hide a good shorter one ("Israeli").
        text = doc.text
        for m in found:
            m.dateline = _is_dateline(text, m)
            ent = ent_at.get(m.token_start)
            if ent is not None:
                m.ner = ent.label_
                inside = ent.start < m.token_start or ent.end > m.token_end
                if inside and ent.label_ in PERSON_LABELS:
                    m.ner = "PART"  # "Vladimir" of "Vladimir Putin"
                elif inside and ent.label_ in LOC_LABELS:
                    # "North" of "North Darfur" is the start of a longer place name; "Kharkiv" of
                    # "Kharkiv Oblast" stands for the place.
                    m.ner = "PART" if ent.start == m.token_start else ent.label_
                elif inside and not m.demonym:
                    m.embedded = True  # "Air Zimbabwe", "Jamaica Cancer Society", "Baseball Toronto"
            self._context(doc, m, lang)
            if m.ner is None and not (m.feature_word or m.relation or m.locative) and (
                    _after_given_name(doc, m, lang) or _before_surname(doc, m, lang, starts)):
                m.ner = "PART"  # "el comandante César Zapata", "Ismail Haniye": a person's name, not the town
            words = [(t.text, t.lemma_) for t in doc[m.token_start:m.token_end]]
            if not m.demonym and (any(f.start == 0 and f.end == len(words) for f in lang.place_features.find(words))
                                  or len(words) == 1 and fold(words[0][0]) in lang.place_words["facility_heads"]):
                m.candidates = []  # "city", "مدينة", "base", "Street": the word for a kind of place, not a place
                continue
            m.candidates = [(p, f) for p, f in m.candidates if _plausible(doc, m, p, f, lang)]
        found = [m for m in found if m.candidates]
        found += self._facilities(doc, sents, lang, found, ent_at)
        mentions = _longest_non_overlapping(found)
        facilities = [m for m in mentions if m.facility]
        # The places named inside facilities ("Manila" of "Manila Cathedral") are resolved too: they place them.
        inner = [m for m in found if m.candidates and m not in mentions
                 and any(f.start <= m.start and m.end <= f.end for f in facilities)]
        self._resolve(doc, mentions + inner)
        _place_facilities(mentions, inner)
        return [m for m in mentions if m.place is not None]

    def _demonyms(self, doc: SpacyDoc, sents: list[Span], lang: LanguageData) -> list[PlaceMention]:
        """Country and region adjectives and people names ("Irish", "les Américains", "European")."""
        out = []
        for si, sent in enumerate(sents):
            for m in lang.demonym_matcher.find([(t.text, t.lemma_) for t in sent]):
                span = sent[m.start:m.end]
                place = self.gaz.by_gid(m.label if ":" in m.label else f"country:{m.label}")
                capitalised = m.pattern[:1].isupper()  # "Polish" names a country, "polish" does not
                if place is None or not span.text[:1].isalpha() or (m.pattern.isupper() and not span.text.isupper()) \
                        or (capitalised and not span.text[:1].isupper()):
                    continue
                out.append(PlaceMention(span.start_char, span.end_char, span.text, si, span.start, span.end,
                                        candidates=[(place, MAIN)], demonym=True))
        return out

    def _facilities(self, doc: SpacyDoc, sents: list[Span], lang: LanguageData, found: list[PlaceMention],
                    ent_at: dict) -> list[PlaceMention]:
        """Streets, buildings and sites the gazetteer does not know, named with a facility word:
        "Royal Street", "Manila Cathedral", "University of California", "rue de Rivoli"."""
        heads, links = lang.place_words["facility_heads"], lang.place_words["facility_links"]
        if not heads:
            return []
        known = {(m.token_start, m.token_end) for m in found}
        out = []
        for si, sent in enumerate(sents):
            toks = list(sent)
            for i, tok in enumerate(toks):
                if fold(tok.text) not in heads:
                    continue
                span = None
                # Name before the head: "Frenchmen Street", "Jamsil Stadium".
                j = i
                while j > 0 and (_name_shaped(toks[j - 1]) or toks[j - 1].text in ("'s", "’s", "&")) \
                        and not toks[j - 1].is_sent_start:
                    j -= 1
                if j < i and tok.text[:1].isupper():
                    span = (j, i + 1)
                # Head, link, name: "University of California", "rue de Rivoli".
                elif i + 2 < len(toks) and fold(toks[i + 1].text) in links:
                    k = i + 2
                    while k < len(toks) and fold(toks[k].text) in links | {"the", "la", "le", "l'"}:
                        k += 1
                    end = k
                    while end < len(toks) and (_name_shaped(toks[end]) or (
                            end + 1 < len(toks) and _connector(toks[end]) and _name_shaped(toks[end + 1]))):
                        end += 1
                    if end > k:
                        span = (i, end)
                if span is None:
                    continue
                a, b = sent.start + span[0], sent.start + span[1]
                ent = ent_at.get(a)
                if (a, b) in known or (ent is not None and ent.label_ in PERSON_LABELS | NOT_PLACES):
                    continue
                s = doc[a:b]
                out.append(PlaceMention(s.start_char, s.end_char, s.text, si, a, b, facility=True,
                                        ner=ent.label_ if ent is not None else None))
        return out

    def _skeleton_candidates(self, keys: list[str]) -> dict[str, list[tuple[Place, int]]]:
        by_skel: dict[str, list[str]] = {}
        for k in keys:
            by_skel.setdefault(skeleton_key(k), []).append(bare_key(k))

        def close(skel: str, bare: str, name_bare: str) -> bool:
            threshold = 88 if len(skel) <= 3 else 80
            # ratio = 2 * matches / total length: lengths too unequal cannot reach the threshold.
            shorter, longer = sorted((len(bare), len(name_bare)))
            return 200 * shorter >= threshold * (shorter + longer) and \
                fuzz.ratio(bare, name_bare, score_cutoff=threshold) >= threshold

        def keep(skel: str, name: str) -> bool:
            name_bare = bare_key(name)
            return any(close(skel, b, name_bare) for b in by_skel[skel])

        # Short skeletons ("sd" for Shaddadi) are kept for long names: the fuzzy check is strict.
        rows = self.gaz.by_skeletons([s for s, ks in by_skel.items() if len(s) >= 3 or max(map(len, ks)) >= 6],
                                     keep=keep)
        out: dict[str, list[tuple[Place, int]]] = {}
        for k in keys:
            skel, bare = skeleton_key(k), bare_key(k)
            if good := [(p, flags) for p, flags, name in rows.get(skel, []) if close(skel, bare, bare_key(name))]:
                out[k] = good
        return out

    def _context(self, doc: SpacyDoc, m: PlaceMention, lang: LanguageData) -> None:
        """Feature word and relative expression just before (or after) the mention."""
        sent_start = doc[m.token_start].sent.start
        left = doc[max(sent_start, m.token_start - 6):m.token_start]
        toks = [(t.text, t.lemma_) for t in left]
        feats = lang.place_features.find(toks)
        if feats and feats[-1].end >= len(toks) - FEATURE_REACH:
            m.feature_word = feats[-1].label
        else:
            right = doc[m.token_end:min(len(doc), m.token_end + 2)]
            feats = lang.place_features.find([(t.text, t.lemma_) for t in right])
            if feats and feats[0].start == 0:
                m.feature_word = feats[0].label
        rel = lang.relative_places.find(toks)
        if rel and rel[-1].end >= len(toks) - 3:
            m.relation = rel[-1].label
        m.locative = bool(toks) and fold(toks[-1][0]) in lang.place_words["locative"]
        if m.feature_word is None:
            m.candidates = [(p, f) for p, f in m.candidates if not f & SHORT]

    def _resolve(self, doc: SpacyDoc, mentions: list[PlaceMention]) -> None:
        resolvable = [m for m in mentions if m.candidates]
        focus = _country_focus(resolvable)
        qualifiers = _qualifiers(doc, resolvable)
        # Two passes: the second rewards closeness to, and containment in, what the first resolved confidently.
        for second in (False, True):
            confident = [m for m in resolvable if second and m.place is not None and m.score >= CONFIDENT]
            for m in resolvable:
                # Only other mentions vouch: a name's own first guess must not pull its namesakes near it.
                anchors = [o.place for o in confident if o is not m and o.text != m.text and not o.embedded]
                qualifier = qualifiers.get(id(m))
                best, best_score = None, -math.inf
                shadowed, seats = _namesakes(m.candidates)
                for p, flags in m.candidates:
                    if m.fuzzy and focus and not focus[p.country]:
                        continue  # "Franja" is no Vranje: a spelling guess must fall where the story is
                    s = _score(p, flags, m, focus, anchors)
                    if p.gid in shadowed:
                        s -= 2.0  # "California" the town, when the state bears the name
                    elif p.gid in seats:
                        s += 1.5  # "Aleppo", "Kharkiv": the city more often than its province
                    if qualifier is not None:
                        s += 3.0 if _within(p, qualifier) else -1.0
                    if s > best_score:
                        best, best_score = p, s
                m.place, m.score = (best, best_score) if best_score >= 2.0 else (None, best_score)


def _has_generic_word(span: Span, lang: LanguageData) -> bool:
    heads = lang.place_words["facility_heads"]
    return any(fold(t.text) in heads for t in span) or bool(
        lang.place_features.find([(t.text, t.lemma_) for t in span]))


def _all_proper(span: Span, lang: LanguageData) -> bool:
    return all(_proper(t, lang) is not False for t in span if t.is_alpha and len(t) > 3)


def _after_given_name(doc: SpacyDoc, m: PlaceMention, lang: LanguageData) -> bool:
    """Without a tagger, in a language whose qualifiers are not capitalised ("Ucrania oriental", not
    "Eastern Ukraine"), a name right after another capitalised word that is no place is a surname."""
    if doc.has_annotation("POS") or lang.capitalised_nouns or lang.capitalised_qualifiers or m.demonym:
        return False
    i = m.token_start - 1
    if i < 0 or doc[i].is_sent_start:
        return False
    prev = doc[i]
    return prev.is_alpha and len(prev.text) > 2 and prev.text[0].isupper() and not prev.text.isupper() \
        and fold(prev.text) not in lang.common_words


def _before_surname(doc: SpacyDoc, m: PlaceMention, lang: LanguageData, place_starts: set[int]) -> bool:
    """Likewise, a one-word name right before a capitalised word that is no place is a given name."""
    if doc.has_annotation("POS") or lang.capitalised_nouns or lang.capitalised_qualifiers or m.demonym \
            or m.token_end - m.token_start > 1 or m.token_end >= len(doc):
        return False
    nxt = doc[m.token_end]
    return nxt.is_alpha and len(nxt.text) > 2 and nxt.text[0].isupper() and not nxt.text.isupper() \
        and not nxt.is_sent_start and nxt.i not in place_starts and fold(nxt.text) not in lang.common_words


def _lexical_tokens(sent: Span, lang: LanguageData) -> set[int]:
    """Doc indices of the sentence's words that the lexicons know (triggers, weapons, actor nouns,
    armed groups, numbers, time words, cues)."""
    toks = [(t.text, t.lemma_) for t in sent]
    out = {sent.start + i for i, t in enumerate(toks) if fold(t[0]) in lang.common_words}
    for matcher in (lang.triggers, lang.weapons, lang.actor_nouns, group_matcher(lang)):
        for m in matcher.find(toks):
            out.update(range(sent.start + m.start, sent.start + m.end))
    return out


def _namesakes(cands: list[tuple[Place, int]]) -> tuple[set[str], set[str]]:
    """Among candidates named like a division or country: the small towns it shadows ("California",
    "Iowa"), and the sizeable cities inside it that bear its name (the seats of "Aleppo", "Kharkiv")."""
    regions = [(p, flags) for p, flags in cands if p.feature in ADMIN_FEATURES | {"continent"}]
    if not regions:
        return set(), set()
    towns = [p for p, _ in cands if p.feature in LOCALITIES]
    seats = {p.gid for p in towns if p.population >= MIN_ORG_POPULATION
             and any(r.feature != "country" and _within(p, r) for r, _ in regions)}
    shadowed = {p.gid for p in towns if p.population < MIN_ORG_POPULATION and p.feature == "city"} \
        if any(flags & MAIN for _, flags in regions) else set()
    return shadowed, seats


def _within(p: Place, q: Place) -> bool:
    """Whether place p lies in division or country q (by the gazetteer's codes)."""
    if p.country != q.country or p is q:
        return False
    return q.feature == "country" or (q.feature == "admin1" and p.admin1 == q.admin1) or (
        q.feature == "admin2" and p.admin2 == q.admin2)


def _qualifiers(doc: SpacyDoc, mentions: list[PlaceMention]) -> dict[int, Place]:
    """"Naples, Florida", "Cambridge, Mass.": a name followed by a comma and the division or country
    it lies in, when that division is unambiguous."""
    out: dict[int, Place] = {}
    by_start = {m.token_start: m for m in mentions}
    for m in mentions:
        if m.token_end + 1 >= len(doc) or doc[m.token_end].text != ",":
            continue
        q = by_start.get(m.token_end + 1)
        if q is None or q.demonym:
            continue
        regions = {p.gid: p for p, _ in q.candidates if p.feature in ("admin1", "country")}
        if len(regions) == 1 and any(_within(p, next(iter(regions.values()))) for p, _ in m.candidates):
            out[id(m)] = next(iter(regions.values()))
    return out


FACILITY_TOWN_REACH = 4


def _place_facilities(mentions: list[PlaceMention], inner: list[PlaceMention]) -> None:
    """A facility stands at the place named inside it ("Manila Cathedral"), else at the nearest town
    told before it, else at the town the text names most."""
    towns = [m for m in mentions if m.place is not None and m.literal and not m.facility and not m.dateline
             and m.place.feature in LOCALITIES | {"admin2"}]
    counts = Counter(m.place.gid for m in towns)
    for f in (m for m in mentions if m.facility):
        resolved = [m for m in inner if f.start <= m.start and m.end <= f.end and m.place is not None]
        if resolved:
            f.place = max(resolved, key=lambda m: m.score).place
            continue
        # "el barrio de Sheij Radwan, en Gaza": the town just after it in its sentence describes it.
        after = [m for m in towns if m.sent == f.sent and 0 < m.token_start - f.token_end <= FACILITY_TOWN_REACH]
        before = [m for m in towns if m.start < f.start]
        if after:
            f.place = after[0].place
        elif before:
            f.place = before[-1].place
        elif towns:
            gid = counts.most_common(1)[0][0]
            f.place = next(m.place for m in towns if m.place.gid == gid)


def _is_dateline(text: str, m: PlaceMention) -> bool:
    """A place inside the wire dateline opening its paragraph ("BEIRUT, March 5 (Reuters) -",
    "POPAYÁN (Colombia), 21 may (EFE).-"): where the report was filed. `text` is the document's
    (spaCy joins its tokens anew at every Doc.text)."""
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.start)
    return m.start < start + dateline_length(text[start:end if end >= 0 else len(text)])


def _proper(tok, lang: LanguageData) -> bool | None:
    """A proper-name word: the tagger says so, or, without a tagger, its capital does; None when
    nothing can tell (no tagger, and a script without case such as Arabic, or a language that
    capitalises every noun such as German)."""
    if tok.doc.has_annotation("POS"):
        return tok.pos_ == "PROPN"
    first = tok.text[:1]
    if first.lower() == first.upper() or lang.capitalised_nouns and first.isupper():
        return None
    return first.isupper()


def _plausible(doc: SpacyDoc, m: PlaceMention, p: Place, flags: int, lang: LanguageData) -> bool:
    """Whether a candidate may stand at all: names that nothing vouches for (no location entity, no
    feature word, not a country or region or sizeable town) are ordinary capitalised words."""
    if m.ner == "PART" or m.ner in NOT_PLACES:
        return False
    if m.embedded:
        return p.feature in PROMINENT or p.population >= MIN_EMBEDDED_POPULATION
    if m.text.isupper() and len(m.text.replace(".", "")) <= 4:
        return p.feature in REGION_FEATURES  # "US", "UK", "DRC": acronyms of countries, not towns
    if m.demonym or m.feature_word or m.relation:
        return True
    if m.ner in LOC_LABELS or (m.locative and not m.fuzzy):
        return True  # the NER often calls "in Djibo" an organisation; the preposition knows better
    if m.fuzzy:
        # Transliterations of sizeable places, or of any place the NER calls a person (both models
        # read Arabic place names as people's names).
        return m.ner in PERSON_LABELS or (p.population >= 50_000 or p.feature in REGION_FEATURES) and all(
            _proper(t, lang) is True for t in doc[m.token_start:m.token_end] if t.is_alpha and len(t) > 3)
    if m.ner in NAME_LABELS and m.ner not in PERSON_LABELS:
        # The small statistical models often call cities organisations ("Edmonton" ORG).
        return p.feature in REGION_FEATURES or p.population >= MIN_ORG_POPULATION
    words = [t for t in doc[m.token_start:m.token_end] if t.is_alpha]
    # Short words ("de", "al") say nothing of a name, unless they are all it has ("Van", "Gao").
    signs = [_proper(t, lang) for t in ([t for t in words if len(t) > 3] or words)]
    if None in signs:
        # No sign either way: only names too big to be an ordinary word's namesake stand bare.
        return p.feature in REGION_FEATURES or p.population >= MIN_ORG_POPULATION or _curated(p)
    if not any(signs):
        return False
    return p.feature in REGION_FEATURES or p.population >= MIN_BARE_POPULATION or _curated(p)


def _curated(p: Place) -> bool:
    """Our own conflict sites and localities: vetted names, no population figure to judge them by."""
    return p.gid.startswith(("site:", "locality:"))


def _score(p: Place, flags: int, m: PlaceMention, focus: Counter, anchors: list[Place]) -> float:
    if _curated(p) and not p.population:
        s = SITE_PRIOR
    elif p.feature in FEATURE_PRIOR:
        s = FEATURE_PRIOR[p.feature]
    else:
        s = max(1.0, math.log10(p.population + 1) * 0.9) + (CAPITAL_BONUS if p.feature == "capital" else 0.0)
    if m.feature_word:
        if p.feature in FEATURE_FIT.get(m.feature_word, {m.feature_word}):
            s += 3.5
        elif m.feature_word in FACILITIES and p.feature in FACILITIES:
            s += 3.0  # "la base d'al-Omar": the base on the oil field
        elif not (p.feature in LOCALITIES and m.feature_word in FACILITIES):
            s -= 1.0  # but bases and fields are named after their town: "la base d'al-Shaddadi"
    total = sum(focus.values())
    if total and p.country:
        s += 2.0 * focus[p.country] / total
        if not focus[p.country] and p.feature == "city" and p.population < 100_000:
            s -= 1.0  # a small town in a country the story never mentions
    if flags & MAIN:
        s += MAIN_BONUS
    if m.ner in LOC_LABELS:
        s += 1.0
    elif m.ner in NAME_LABELS and p.population < 10_000 and p.feature == "city":
        s -= 1.0
    others = [a for a in anchors if a is not p]
    if others:
        if p.feature in ADMIN_FEATURES - {"country"}:
            if any(_within(a, p) for a in others):
                s += 1.5  # "Florida" after "Miami": the state the other places lie in
        elif p.feature not in REGION_FEATURES:
            if any(_within(p, a) for a in others if a.feature != "country"):
                s += 2.5  # "Naples" in a story about Florida
            near = min(km(p.lat, p.lon, a.lat, a.lon) for a in others)
            if near < 150:
                s += 1.5
            elif near < 400:
                s += 0.5
    return s


def _country_focus(mentions: list[PlaceMention]) -> Counter:
    """Countries the document is about: named countries, and the countries of unambiguous names."""
    focus: Counter = Counter()
    for m in mentions:
        if m.fuzzy:
            continue  # a spelling guess must not vouch for itself
        countries = {p.country for p, _ in m.candidates if p.country}
        weight = 0.3 if m.demonym or m.embedded else 1.0  # "US forces" in Syria, "Air France": weak evidence
        if any(p.feature == "country" for p, _ in m.candidates):
            for p, _ in m.candidates:
                if p.feature == "country":
                    focus[p.country] += weight
        elif len(countries) == 1:
            focus[countries.pop()] += weight
    return focus


def _longest_non_overlapping(found: list[PlaceMention]) -> list[PlaceMention]:
    # On the same words a demonym beats a namesake elsewhere ("السويدية" is Swedish before it is
    # Samandağ, "Türk" is no Durg), and a name beats its own country's demonym ("Nijerya").
    demonym_country = {(m.start, m.end): m.candidates[0][0].country for m in found if m.demonym}
    literal_there = {(m.start, m.end): m for m in found if not m.demonym and (m.start, m.end) in demonym_country}
    found = [m for m in found if (m.start, m.end) not in literal_there or (
        m.demonym != any(p.country == demonym_country[m.start, m.end]
                         for p, _ in literal_there[m.start, m.end].candidates))]
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    taken: list[PlaceMention] = []
    for m in found:
        if all(m.end <= t.start or m.start >= t.end for t in taken):
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))
