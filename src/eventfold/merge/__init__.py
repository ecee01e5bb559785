"""Merge within a document: repeated reports of one event become one event with several
mentions; attacks on one place on different days stay separate."""

from __future__ import annotations

import hashlib

from eventfold.dates import PRECISION_ORDER
from eventfold.doc import Doc
from eventfold.event import Actor, Event, Mention, Source
from eventfold.events import Candidate
from eventfold.events.extract import family
from eventfold.events.notes import write_note
from eventfold.places.geoparse import km

SAME_PLACE_KM = 25.0


def _same_actor(a: Actor | None, b: Actor | None) -> bool:
    """Compatible actors: the same, or one of them unknown or unidentified."""
    if a is None or b is None or not a.identified or not b.identified:
        return True
    return a.name == b.name


def _same_place(a: Candidate, b: Candidate) -> bool:
    la, lb = a.location, b.location
    if la.gazetteer_id and la.gazetteer_id == lb.gazetteer_id:
        return True
    for wide, narrow in ((la, lb), (lb, la)):
        # A headline's "North Darfur" or "Syria" holds the body's town in that division or country.
        if wide.geo_precision == 3 and narrow.geo_precision < 3 and wide.country == narrow.country and (
                (wide.gazetteer_id or "").startswith("country:") or wide.name in (narrow.admin1, narrow.admin2)):
            return True
    if la.geo_precision == 3 or lb.geo_precision == 3:
        return False
    if la.geo_precision == lb.geo_precision == 1 and la.name != lb.name and not any(
            (x.gazetteer_id or "site:").startswith("site:") for x in (la, lb)):
        return False  # two towns of a roundup ("Lyptsi", "Kozacha Lopan") are two events, however near
    return km(la.lat, la.lon, lb.lat, lb.lon) <= SAME_PLACE_KM


def _same_time(a: Candidate, b: Candidate) -> bool:
    if a.date == b.date:
        return True
    # A vague date ("a few days ago") or an undated headline agrees with any day in its range.
    for x, y in ((a, b), (b, a)):
        if (x.date_precision != "day" or (x.reading.headline and not x.date_explicit)) \
                and x.date_min <= y.date <= x.date_max:
            return True
        if x.reading.headline and not x.date_explicit and abs((x.date - y.date).days) <= 1:
            return True
    return False


PROTEST_TYPES = {"Protests", "Riots"}
# A demonstration told as peaceful, then met by force, then turning violent is one event, coded by
# what it became.
SEVERITY = {"Violent demonstration": 4, "Mob violence": 4, "Excessive force against protesters": 3,
            "Protest with intervention": 2, "Peaceful protest": 1}


# Types whose sub-types are different happenings (an abduction is not an attack, an arrest not a
# looting); the sub-types of battles and remote violence are often one event told with other words.
DISTINCT_SUBTYPES = {"Strategic developments", "Violence against civilians"}


def _same_kind(a: Candidate, b: Candidate) -> bool:
    if a.event_type == b.event_type:
        return a.event_type not in DISTINCT_SUBTYPES or a.sub_event_type == b.sub_event_type
    if a.event_type in PROTEST_TYPES and b.event_type in PROTEST_TYPES:
        return True
    # A headline sums up what the body tells in detail, often with another verb ("storm", "seize").
    return a.reading.headline != b.reading.headline and family(a.reading.cls) == family(b.reading.cls)


def compatible(a: Candidate, b: Candidate) -> bool:
    protest = a.event_type in PROTEST_TYPES and b.event_type in PROTEST_TYPES
    return (_same_kind(a, b) and _same_place(a, b) and _same_time(a, b)
            and (protest or _same_actor(a.actor1, b.actor1)) and _same_actor(a.actor2, b.actor2))


def _best(values):
    return next((v for v in values if v is not None), None)


def _pick_actor(actors: list[Actor | None]) -> Actor | None:
    known = [a for a in actors if a is not None]
    return next((a for a in known if a.identified), known[0] if known else None)


def event_id(doc_id: str, first: Candidate) -> str:
    """Stable id: the document and where in it the event is first told."""
    key = f"{doc_id}\x1f{first.reading.sent.start_char}\x1f{first.location.gazetteer_id}\x1f{first.event_type}"
    return "ev-" + hashlib.sha1(key.encode()).hexdigest()[:16]


def to_event(doc: Doc, group: list[Candidate]) -> Event:
    d = doc.document
    # An undated headline has the publication date: any body mention knows the day better.
    by_precision = sorted(group, key=lambda c: (not c.date_explicit, c.reading.headline,
                                                PRECISION_ORDER[c.date_precision]))
    by_place = sorted(group, key=lambda c: (c.location_inherited, c.location.geo_precision))
    by_weapon = sorted(group, key=lambda c: (c.sub_event_type in SIDE_EFFECTS, c.reading.headline,
                                             -SEVERITY.get(c.sub_event_type, 0), not c.reading.weapons))
    fatalities = [c.reading.counts.fatalities for c in group if c.reading.counts.fatalities is not None]
    injuries = [c.reading.counts.injuries for c in group if c.reading.counts.injuries is not None]
    munitions = [c.reading.counts.munitions for c in group if c.reading.counts.munitions is not None]
    attributed = list(dict.fromkeys(s for c in group for s in c.reading.attribution.sources))
    seen: set[int] = set()
    mentions = []
    for c in sorted(group, key=lambda c: c.reading.sent.start_char):
        s = c.reading.sent
        if s.start_char not in seen:
            seen.add(s.start_char)
            trig = s.doc[c.reading.anchor.start:c.reading.anchor.end]
            mentions.append(Mention(d.id, s.start_char, s.end_char, s.text, trig.start_char, trig.end_char))
    lead = by_weapon[0]
    actor1 = lead.actor1 if lead.actor1.identified else _pick_actor([c.actor1 for c in group])
    actor2 = _pick_actor([c.actor2 for c in group])
    ev = Event(
        event_id=event_id(d.id, group[0]),
        event_date=by_precision[0].date,
        date_precision=by_precision[0].date_precision,
        event_type=lead.event_type,
        sub_event_type=lead.sub_event_type,
        actor1=actor1,
        actor2=actor2 if actor2 is None or actor2.name != actor1.name else None,
        location=by_place[0].location,
        sources=[Source(d.id, d.publisher, d.url, d.published.isoformat() if d.published else None, attributed)],
        mentions=mentions,
        fatalities=min(fatalities) if fatalities else None,
        injuries=min(injuries) if injuries else None,
        weapons=list(dict.fromkeys(w for c in group for w in c.reading.weapons)),
        munitions=max(munitions) if munitions else None,
        language=doc.lang.code,
        confidence=round(min(0.99, max(c.confidence for c in group) + 0.05 * (len(mentions) - 1)), 3),
    )
    ev.notes = write_note(ev)
    return ev


# Told at the place and on the day of a battle, an attack or a demonstration, these are part of it
# ("gunmen also set fire to 45 homes", "police arrested 30 protesters"), as ACLED codes them; the
# suspects of an attack arrested afterwards are an event of their own.
SIDE_EFFECTS = {"Looting/property destruction": None, "Arrests": PROTEST_TYPES}


def _absorb_side_effects(groups: list[list[Candidate]]) -> list[list[Candidate]]:
    main = [g for g in groups if g[0].event_type != "Strategic developments"]
    out = []
    for g in groups:
        host = None
        if g[0].event_type == "Strategic developments" and g[0].sub_event_type in SIDE_EFFECTS:
            hosts = SIDE_EFFECTS[g[0].sub_event_type]
            host = next((h for h in main if (hosts is None or h[0].event_type in hosts)
                         and all(_same_place(a, b) and _same_time(a, b) for a in g for b in h)), None)
        if host is None:
            out.append(g)
        else:
            host.extend(g)
    return out


class MergeWithinDocument:
    """Pipeline component: Doc.candidates in, Doc.events out."""

    def __call__(self, doc: Doc) -> None:
        groups: list[list[Candidate]] = []
        for cand in doc.candidates:
            for g in groups:
                if all(compatible(cand, other) for other in g):
                    g.append(cand)
                    break
            else:
                groups.append([cand])
        doc.events = [to_event(doc, g) for g in _absorb_side_effects(groups)]
