"""Events stage: sentence readings assembled into event candidates with the document's context.

A sentence that names no place or date takes them from the narrative: the event told just
before (same or previous paragraph), then the document's focus. Aggregates ("bases in
various regions of Iraq and Syria") and background events long before publication are
not coded.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from eventfold.dates import PRECISION_ORDER, DateMention
from eventfold.doc import Doc
from eventfold.event import Actor, Location
from eventfold.events.extract import Reading, SentenceReader, assign_actors
from eventfold.places.geoparse import REGION_FEATURES, PlaceMention

FOLLOW_UP_CLASSES = {"kill"}  # a sentence with only these, and nothing new, tells an earlier event's toll
BACKGROUND_DAYS = 45  # events told as older than this are background, already reported elsewhere
FUTURE_DAYS = 1


@dataclass
class Candidate:
    reading: Reading
    event_type: str
    sub_event_type: str
    actor1: Actor
    actor2: Actor | None
    location: Location
    date: date
    date_precision: str
    date_min: date
    date_max: date
    date_explicit: bool
    location_inherited: bool
    confidence: float
    merged: list[Candidate] = field(default_factory=list)


def location_of(m: PlaceMention) -> Location:
    p = m.place
    return Location(name=p.name, country=p.country or "", lat=round(p.lat, 5), lon=round(p.lon, 5),
                    geo_precision=m.precision, admin1=p.admin1 if p.feature != "country" else None,
                    admin2=p.admin2, gazetteer_id=p.gid)


class EventFinder:
    """Pipeline component: Doc.sentences, places, dates and actors in; Doc.candidates out."""

    def __call__(self, doc: Doc) -> None:
        reader = SentenceReader(doc.lang)
        last: Candidate | None = None
        owners: dict[str, Actor] = {}  # whose base or field a place is, as the story said earlier
        focus = _focus_place(doc.places)
        for si, sent in enumerate(doc.sentences):
            para = doc.paragraph_of[si]
            places = [p for p in doc.places if p.sent == si]
            dates = [d for d in doc.dates if sent.start_char <= d.start < sent.end_char and not d.dateline]
            readings = reader.read(sent, si, para, doc.actors[si], places, dates, headline=para == 0)
            if not readings and last is not None and not last.actor1.identified and para - last.reading.paragraph <= 1:
                claimant = _claimant(doc, sent, doc.actors[si])
                if claimant is not None:
                    # "The drone was launched by the RSF", "X a revendiqué l'attaque": the actor, told later.
                    for c in doc.candidates:
                        if c is last or (c.reading.sent_index == last.reading.sent_index and not c.actor1.identified):
                            c.actor1 = claimant
            for r in readings:
                cand = self._assemble(doc, r, last, focus)
                if cand is not None:
                    gid = cand.location.gazetteer_id
                    if cand.actor2 is not None and cand.actor2.type == "State forces" and gid:
                        owners.setdefault(gid, cand.actor2)
                    elif cand.actor2 is None and gid in owners and owners[gid] != cand.actor1:
                        cand.actor2 = owners[gid]
                    doc.candidates.append(cand)
                    last = cand

    def _assemble(self, doc: Doc, r: Reading, last: Candidate | None, focus: PlaceMention | None) -> Candidate | None:
        if (last is not None and r.cls in FOLLOW_UP_CLASSES and r.place is None and not r.dates
                and not r.roles["actor1"] and r.paragraph - last.reading.paragraph <= 1):
            # "Deux soldats ont été tués": the toll of the event just told, not a new event.
            return replace(last, reading=r, merged=[])
        inherited = False
        if r.place is not None:
            location = location_of(r.place)
        elif last is not None and r.paragraph - last.reading.paragraph <= 1:
            location, inherited = last.location, True
        elif focus is not None:
            location, inherited = location_of(focus), True
        else:
            return None
        when = _event_date(doc, r, last)
        if when is None:
            return None
        day, precision, lo, hi, explicit = when
        if day > doc.published + timedelta(days=FUTURE_DAYS) or day < doc.published - timedelta(days=BACKGROUND_DAYS):
            return None
        actor1, actor2, etype, sub = assign_actors(r.cls, r.classes, r.roles, location.country or None, r.weapons)
        confidence = 0.45 + 0.15 * (not r.anchor.noun) + 0.1 * actor1.identified + 0.1 * explicit \
            + 0.1 * (location.geo_precision == 1) - 0.15 * inherited
        return Candidate(r, etype, sub, actor1, actor2, location, day, precision, lo, hi, explicit, inherited,
                         max(0.05, min(0.95, confidence)))


def _claimant(doc: Doc, sent, actors) -> Actor | None:
    """A named group said to have carried out or claimed what was just told."""
    toks = [(t.text, t.lemma_) for t in sent]
    claims = doc.lang.cues["support_verbs"].find(toks) or any(
        t.lower_ in doc.lang.cue_words["agent_markers"] for t in sent)
    groups = [a for a in actors if a.kind == "group" and a.actor is not None]
    if not claims or not groups:
        return None
    markers = doc.lang.cue_words["agent_markers"]
    after_agent = [a for a in groups if a.start > sent.start and sent.doc[a.start - 1].lower_ in markers
                   or a.start > sent.start + 1 and sent.doc[a.start - 2].lower_ in markers]
    subjects = [a for a in groups if sent.doc[a.start:a.end].root.dep_ in ("nsubj",)]
    pick = (after_agent or subjects or [None])[0]
    return pick.actor if pick is not None else None


def _nearest(dates: list[DateMention], char: int) -> DateMention:
    return min(dates, key=lambda d: (PRECISION_ORDER[d.precision] > 1, abs(d.start - char)))


def _event_date(doc: Doc, r: Reading, last: Candidate | None):
    """(date, precision, min, max, explicit) of a reading: its own date words, else the narrative's."""
    if r.dates:
        d = _nearest(r.dates, r.sent.doc[r.anchor.start].idx)
        if d.kind == "story" and last is not None:
            # "A day earlier": counted from the event just told, not from the publication date.
            day = last.date + timedelta(days=d.offset)
            return day, last.date_precision, day, day, True
        return d.date, d.precision, d.date_min, d.date_max, True
    before = [d for d in doc.dates if d.end <= r.sent.start_char and not d.future and not d.dateline]
    if r.headline:
        # A headline is not dated by the section labels above it ("Venezuela | Elecciones 2024").
        before = [d for d in before if _paragraph_at(doc, d.start) == r.paragraph]
    recent = last is not None and r.paragraph - last.reading.paragraph <= 1
    # The narrative's date is the last event's, not the other date of that event's sentence nor that
    # of a sentence between them in another paragraph ("the law passed on Wednesday"); a date told
    # since, in this paragraph, sets a new time.
    if before and not (recent and (before[-1].start < last.reading.sent.end_char
                                   or _paragraph_at(doc, before[-1].start) != r.paragraph)):
        d = before[-1]
        return d.date, d.precision, d.date_min, d.date_max, False
    if recent:
        return last.date, last.date_precision, last.date_min, last.date_max, False
    return doc.published, "day", doc.published, doc.published, False


def _paragraph_at(doc: Doc, char: int) -> int:
    """The paragraph of the sentence that holds a character offset."""
    starts = doc.sentence_starts
    return doc.paragraph_of[max(0, bisect_right(starts, char) - 1)] if starts else 0


def _focus_place(places: list[PlaceMention]) -> PlaceMention | None:
    """The specific place the document mentions most (first one on ties), if any."""
    specific = [p for p in places if p.place.feature not in REGION_FEATURES and p.literal and not p.dateline]
    if not specific:
        return None
    counts: dict[str, int] = {}
    for p in specific:
        counts[p.place.gid] = counts.get(p.place.gid, 0) + 1
    best = max(counts.values())
    return next(p for p in specific if counts[p.place.gid] == best)
