"""Geoparser: place mentions in a parsed text, each resolved to one gazetteer entry or none.

Recognition is gazetteer-driven (name-shaped token spans looked up by exact key, then by
transliteration skeleton confirmed with a fuzzy comparison), with the language's feature
words ("base", "champ pétrolier", "camp") and the statistical NER as evidence. Resolution
scores each candidate on prominence, the document's country focus, the feature the text
implies, and closeness to the other places of the document; it prefers no answer to a
wild one.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span

from eventfold.language.data import LanguageData
from eventfold.places.gazetteer import MAIN, SHORT, Gazetteer, Place
from eventfold.places.keys import bare_key, name_key, skeleton_key
from eventfold.text import fold

MAX_SPAN = 6
FEATURE_REACH = 5  # words between a feature word and its name: "la base américaine d'al-Shaddadi"
LOC_LABELS = {"GPE", "LOC", "FAC"}
NAME_LABELS = {"PERSON", "PER", "ORG", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE", "MISC"}
NOT_PLACES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}  # "Thursday" is no island
MIN_BARE_POPULATION = 5000  # a name nothing else vouches for must at least be a town of this size
MIN_ORG_POPULATION = 100_000  # a name the NER calls an organisation must be a city of this size
# Which gazetteer features a feature word in the text is compatible with.
FEATURE_FIT = {
    "military_base": {"military_base", "air_base", "airport"},
    "air_base": {"air_base", "military_base", "airport"},
    "airport": {"airport", "air_base", "military_base"},
    "oil_field": {"oil_field", "gas_field", "military_base", "refinery"},
    "gas_field": {"gas_field", "oil_field", "military_base"},
    "refinery": {"refinery", "oil_field", "power_plant"},
    "village": {"city"}, "town": {"city"}, "city": {"city", "capital"},
    "region": {"admin1", "country"}, "district": {"district", "city", "admin1"},
}
FEATURE_PRIOR = {"continent": 7.0, "country": 8.0, "region": 5.0, "sea": 5.0, "admin1": 4.5, "river": 4.0,
                 "lake": 4.0, "mountain": 4.0, "desert": 4.5, "air_base": 3.0, "military_base": 3.0, "airport": 2.0}
SITE_PRIOR = 2.5
CAPITAL_BONUS = 1.5
FACILITIES = {"military_base", "air_base", "airport", "oil_field", "gas_field", "refinery", "camp", "prison", "dam",
              "port", "checkpoint", "border_crossing", "power_plant"}
REGION_FEATURES = {"country", "admin1", "continent", "region", "sea", "river", "lake", "mountain", "desert"}


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
    demonym: bool = False  # an adjective or people name standing for a country ("Irish", "américaines")
    locative: bool = False  # right after "in", "at", "à", "dans": where things happen
    dateline: bool = False  # "BEIRUT, March 5 (Reuters) -": where the report was filed, not where it happened
    score: float = 0.0
    candidates: list[tuple[Place, int]] = field(default_factory=list, repr=False)

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
    return t in {"-", "'", "’"} or (len(t) <= 4 and t.rstrip("-'’").isalpha() and t.islower()) or t.endswith("-")


def candidate_spans(sent: Span) -> list[tuple[int, int]]:
    """Token spans shaped like names: start and end on a name-shaped token, connectors between."""
    toks = list(sent)
    out = []
    for i, tok in enumerate(toks):
        if not _name_shaped(tok):
            continue
        if tok.is_sent_start and tok.is_stop and not (i + 1 < len(toks) and _name_shaped(toks[i + 1])):
            continue
        for j in range(i, min(i + MAX_SPAN, len(toks))):
            if j > i and not (_name_shaped(toks[j]) or _connector(toks[j])):
                break
            if _name_shaped(toks[j]) and not toks[j].is_punct:
                out.append((sent.start + i, sent.start + j + 1))
    return out


class Geoparser:
    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer

    def __call__(self, doc: SpacyDoc, lang: LanguageData) -> list[PlaceMention]:
        sents = list(doc.sents)
        spans: list[tuple[int, int, int, str]] = []  # (sent, tok_start, tok_end, key)
        for si, sent in enumerate(sents):
            for a, b in candidate_spans(sent):
                key = name_key(doc[a:b].text)
                if key:
                    spans.append((si, a, b, key))
        keys = {k for *_, k in spans} | {bare_key(k) for *_, k in spans}
        exact = self.gaz.by_keys(list(keys))
        def full_hits(k: str) -> list[tuple[Place, int]]:
            return [(p, f) for p, f in exact.get(k) or exact.get(bare_key(k)) or [] if not f & SHORT]

        # A name known only as a site's short alias ("Boukamal" of a border crossing) may still be a
        # town under another spelling: look for it by skeleton too.
        unresolved = [k for *_, k in spans if not full_hits(k) and len(k) >= 5]
        fuzzy = self._skeleton_candidates(unresolved)

        found: list[PlaceMention] = []
        for si, a, b, key in spans:
            cands = exact.get(key) or exact.get(bare_key(key))
            span = doc[a:b]
            if cands and full_hits(key):
                found.append(PlaceMention(span.start_char, span.end_char, span.text, si, a, b, candidates=cands))
            elif key in fuzzy:
                found.append(PlaceMention(span.start_char, span.end_char, span.text, si, a, b,
                                          candidates=(cands or []) + fuzzy[key], fuzzy=True))
            elif cands:
                found.append(PlaceMention(span.start_char, span.end_char, span.text, si, a, b, candidates=cands))
        found += self._demonyms(doc, sents, lang)
        ent_at = {t.i: e for e in doc.ents for t in e}
        # Candidates are checked before overlaps are settled, so that an implausible longer span
        # ("An Israeli") does not hide a good shorter one ("Israeli").
        for m in found:
            m.dateline = _is_dateline(doc, m)
            ent = ent_at.get(m.token_start)
            if ent is not None:
                # A mention inside a longer name ("Vladimir" of "Vladimir Putin") is part of that name.
                # "Vladimir" of "Vladimir Putin", "North" of "North Darfur": the start of a longer name.
                inside = ent.start < m.token_start or ent.end > m.token_end
                prefix = ent.start == m.token_start and ent.end > m.token_end
                m.ner = "PART" if inside and (ent.label_ not in LOC_LABELS or prefix) else ent.label_
            self._context(doc, m, lang)
            words = [(t.text, t.lemma_) for t in doc[m.token_start:m.token_end]]
            if not m.demonym and any(f.start == 0 and f.end == len(words) for f in lang.place_features.find(words)):
                m.candidates = []  # "city", "مدينة", "base": the word for a kind of place, not a place
                continue
            m.candidates = [(p, f) for p, f in m.candidates if _plausible(doc, m, p, f)]
        mentions = _longest_non_overlapping([m for m in found if m.candidates])
        self._resolve(doc, mentions)
        return [m for m in mentions if m.place is not None]

    def _demonyms(self, doc: SpacyDoc, sents: list[Span], lang: LanguageData) -> list[PlaceMention]:
        """Country adjectives and people names ("Irish", "les Américains") as mentions of the country."""
        out = []
        for si, sent in enumerate(sents):
            for m in lang.demonym_matcher.find([(t.text, t.lemma_) for t in sent]):
                span = sent[m.start:m.end]
                country = self.gaz.country(m.label)
                capitalised = m.pattern[:1].isupper()  # "Polish" names a country, "polish" does not
                if country is None or not span.text[:1].isalpha() or (m.pattern.isupper() and not span.text.isupper()) \
                        or (capitalised and not span.text[:1].isupper()):
                    continue
                out.append(PlaceMention(span.start_char, span.end_char, span.text, si, span.start, span.end,
                                        candidates=[(country, MAIN)], demonym=True))
        return out

    def _skeleton_candidates(self, keys: list[str]) -> dict[str, list[tuple[Place, int]]]:
        by_skel: dict[str, list[str]] = {}
        for k in keys:
            by_skel.setdefault(skeleton_key(k), []).append(k)
        # Short skeletons ("sd" for Shaddadi) are kept for long names: the fuzzy check below is strict.
        rows = self.gaz.by_skeletons([s for s, ks in by_skel.items() if len(s) >= 3 or max(map(len, ks)) >= 6])
        out: dict[str, list[tuple[Place, int]]] = {}
        for skel, hits in rows.items():
            for key in by_skel[skel]:
                bare = bare_key(key)
                threshold = 88 if len(skel) <= 3 else 80
                good = [(p, flags) for p, flags, k in hits if fuzz.ratio(bare, bare_key(k)) >= threshold]
                if good:
                    out[key] = good
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
        focus = _country_focus(mentions)
        # Two passes: the second rewards closeness to what the first resolved confidently.
        for second in (False, True):
            confident = [m for m in mentions if second and m.place is not None and m.score >= 5]
            for m in mentions:
                # Only other mentions vouch: a name's own first guess must not pull its namesakes near it.
                anchors = [o.place for o in confident if o is not m and o.text != m.text]
                best, best_score = None, -math.inf
                for p, flags in m.candidates:
                    s = _score(p, flags, m, focus, anchors)
                    if s > best_score:
                        best, best_score = p, s
                m.place, m.score = (best, best_score) if best_score >= 2.0 else (None, best_score)


def _is_dateline(doc: SpacyDoc, m: PlaceMention) -> bool:
    """A place opening its paragraph and followed, before any verb, by a dash: a wire dateline."""
    first = doc[m.token_start]
    if not (first.is_sent_start or first.i == 0 or "\n" in doc[first.i - 1].text_with_ws):
        return False
    for tok in doc[m.token_end:m.token_end + 12]:
        if tok.text in ("-", "—", "–", "--"):
            return True
        if tok.pos_ in ("VERB", "AUX"):
            return False
    return False


def _proper(tok) -> bool | None:
    """A proper-name word: the tagger says so, or, without a tagger, its capital does; None when
    nothing can tell (no tagger, and a script without case, such as Arabic)."""
    if tok.doc.has_annotation("POS"):
        return tok.pos_ == "PROPN"
    first = tok.text[:1]
    return None if first.lower() == first.upper() else first.isupper()


def _plausible(doc: SpacyDoc, m: PlaceMention, p: Place, flags: int) -> bool:
    """Whether a candidate may stand at all: names that nothing vouches for (no location entity, no
    feature word, not a country or region or sizeable town) are ordinary capitalised words."""
    if m.ner == "PART" or m.ner in NOT_PLACES:
        return False
    if m.text.isupper() and len(m.text.replace(".", "")) <= 4:
        return p.feature in REGION_FEATURES  # "US", "UK", "DRC": acronyms of countries, not towns
    if m.demonym or m.feature_word or m.relation:
        return True
    if m.ner in LOC_LABELS or (m.locative and not m.fuzzy):
        return True  # the NER often calls "in Djibo" an organisation; the preposition knows better
    if m.fuzzy:
        # Transliterations of sizeable places, or of any place the NER calls a person (both models
        # read Arabic place names as people's names).
        return m.ner in ("PER", "PERSON") or (p.population >= 50_000 or p.feature in REGION_FEATURES) and all(
            _proper(t) is True for t in doc[m.token_start:m.token_end] if t.is_alpha)
    if m.ner in NAME_LABELS and m.ner not in ("PER", "PERSON"):
        # The small statistical models often call cities organisations ("Edmonton" ORG).
        return p.feature in REGION_FEATURES or p.population >= MIN_ORG_POPULATION
    signs = [_proper(t) for t in doc[m.token_start:m.token_end] if t.is_alpha and len(t) > 3]
    if None in signs:
        # No sign either way: only names too big to be an ordinary word's namesake stand bare.
        return p.feature in REGION_FEATURES or p.population >= MIN_ORG_POPULATION or p.gid.startswith("site:")
    if not any(signs):
        return False
    return p.feature in REGION_FEATURES or p.population >= MIN_BARE_POPULATION or p.gid.startswith("site:")


def _score(p: Place, flags: int, m: PlaceMention, focus: Counter, anchors: list[Place]) -> float:
    if p.gid.startswith("site:"):
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
        elif not (p.feature in ("city", "capital") and m.feature_word in FACILITIES):
            s -= 1.0  # but bases and fields are named after their town: "la base d'al-Shaddadi"
    total = sum(focus.values())
    if total and p.country:
        s += 2.0 * focus[p.country] / total
        if not focus[p.country] and p.feature == "city" and p.population < 100_000:
            s -= 1.0  # a small town in a country the story never mentions
    if flags & MAIN:
        s += 0.5
    if m.ner in LOC_LABELS:
        s += 1.0
    elif m.ner in NAME_LABELS and p.population < 10_000 and p.feature == "city":
        s -= 1.0
    others = [a for a in anchors if a is not p]
    if others and p.feature not in REGION_FEATURES:
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
        countries = {p.country for p, _ in m.candidates if p.country}
        if any(p.feature == "country" for p, _ in m.candidates):
            for p, _ in m.candidates:
                if p.feature == "country":
                    focus[p.country] += 0.3 if m.demonym else 1.0  # "US forces" in Syria: weak evidence
        elif len(countries) == 1:
            focus[countries.pop()] += 1.0
    return focus


def _longest_non_overlapping(found: list[PlaceMention]) -> list[PlaceMention]:
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
