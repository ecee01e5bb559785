"""Merge across reports: an event read from a new report joins the stored event it describes,
or becomes a new one.

Two reports tell the same event when the type is the same, the date windows overlap, the
places coincide (by coordinates, gazetteer id or containment), the actors are compatible, and
their evidence sentences say the same thing in any language (multilingual embeddings). Two
attacks on one place on different days stay two events.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np

from eventfold.dates import PRECISION_ORDER
from eventfold.event import Actor, Event, Location
from eventfold.events.notes import write_note
from eventfold.places.geoparse import km

WINDOW_DAYS = {"day": 0, "week": 6, "month": 30, "year": 365}
SAME_PLACE_KM = 30.0
# Wide enough to reach every place an admin1-level location may hold; the place test narrows it.
SEARCH_KM = 400.0
# Evidence of one event told by two outlets scores well above this; a different event at the
# same place and day usually scores below (bench/merge.py measures it).
MIN_SIMILARITY = 0.86
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
RESOLVED_FIELDS = ("event_date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2",
                   "location", "fatalities", "injuries", "munitions")


def date_window(ev: Event) -> tuple[date, date]:
    span = timedelta(days=WINDOW_DAYS[ev.date_precision])
    return ev.event_date - span, ev.event_date + span


def same_actor(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None or not a.identified or not b.identified:
        return True
    return a.name == b.name


def _named(ev: Event) -> set[str]:
    return {a.name for a in (ev.actor1, ev.actor2) if a is not None and a.identified}


def same_place(a: Location, b: Location) -> bool:
    if a.country != b.country:
        return False
    if a.gazetteer_id and a.gazetteer_id == b.gazetteer_id:
        return True
    for wide, narrow in ((a, b), (b, a)):
        if wide.geo_precision == 3 and narrow.geo_precision < 3 and (
                (wide.gazetteer_id or "").startswith("country:") or wide.name in (narrow.admin1, narrow.admin2)):
            return True
    if a.geo_precision == 3 or b.geo_precision == 3:
        return a.name == b.name
    return km(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM


def threshold(new: Event, old: Event) -> float | None:
    """The evidence similarity two events need to be one, or None when they cannot be.

    Place and time must agree. Outlets often disagree on the rest, so a different violent type
    ("attack" vs "clash" for one assault on a post) or actors in other roles (one report's
    target is the other's attacker) only raise the bar.
    """
    (a0, a1), (b0, b1) = date_window(new), date_window(old)
    if not (a0 <= b1 and b0 <= a1) or not same_place(new.location, old.location):
        return None
    bar = MIN_SIMILARITY
    if new.event_type != old.event_type:
        if not {new.event_type, old.event_type} <= VIOLENT_TYPES:
            return None
        bar += 0.04
    if not (same_actor(new.actor1, old.actor1) and same_actor(new.actor2, old.actor2)):
        ours, theirs = _named(new), _named(old)
        if ours and theirs and not ours & theirs:
            return None
        bar += 0.02
    return bar


def evidence(ev: Event) -> str:
    return ev.mentions[0].text if ev.mentions else ev.notes


@dataclass
class Stored:
    """A stored event the new one might join; `vector` is filled (and cached) when needed."""

    event: Event
    vector: np.ndarray | None = None


def best_match(new: Event, candidates: Sequence[Stored], embed: Callable[[list[str]], np.ndarray],
               new_vector: np.ndarray | None = None) -> tuple[int | None, np.ndarray | None]:
    """Index of the candidate the new event joins (or None), and the new event's vector when
    one had to be computed."""
    bars = {i: bar for i, c in enumerate(candidates) if (bar := threshold(new, c.event)) is not None}
    possible = list(bars)
    if not possible:
        return None, new_vector
    missing = [i for i in possible if candidates[i].vector is None]
    texts = [evidence(candidates[i].event) for i in missing]
    if new_vector is None:
        texts.append(evidence(new))
    vectors = embed(texts) if texts else np.zeros((0, 0), dtype=np.float32)
    for k, i in enumerate(missing):
        candidates[i].vector = vectors[k]
    if new_vector is None:
        new_vector = vectors[-1]
    best, best_margin = None, 0.0
    for i in possible:
        c = candidates[i].event
        score = float(candidates[i].vector @ new_vector)
        # Agreement on the exact place and day is evidence too; it breaks near ties.
        score += 0.01 * (c.location.gazetteer_id == new.location.gazetteer_id) + 0.01 * (c.event_date == new.event_date)
        if score - bars[i] >= best_margin:
            best, best_margin = i, score - bars[i]
    return best, new_vector


def _first(values):
    return next((v for v in values if v is not None), None)


def _actor(actors: list[Actor | None]) -> Actor | None:
    known = [a for a in actors if a is not None]
    return next((a for a in known if a.identified), known[0] if known else None)


def resolve(event_id: str, reports: Sequence[Event]) -> Event:
    """One event from every source's reading of it (reports in the order they came).

    Fatalities and injuries: the lowest reported, as ACLED. Date and place: the most precise,
    the earliest report breaking ties. Type, actors and weapons: the first report that has them.
    """
    by_date = min(reports, key=lambda r: PRECISION_ORDER[r.date_precision])
    by_place = min(reports, key=lambda r: r.location.geo_precision)
    fatalities = [r.fatalities for r in reports if r.fatalities is not None]
    injuries = [r.injuries for r in reports if r.injuries is not None]
    actor1 = _actor([r.actor1 for r in reports])
    actor2 = _actor([r.actor2 for r in reports])
    first = reports[0]
    ev = replace(
        first,
        event_id=event_id,
        event_date=by_date.event_date,
        date_precision=by_date.date_precision,
        actor1=actor1,
        actor2=actor2 if actor2 is None or actor2.name != actor1.name else None,
        location=by_place.location,
        sources=[s for r in reports for s in r.sources],
        mentions=[m for r in reports for m in r.mentions],
        fatalities=min(fatalities) if fatalities else None,
        injuries=min(injuries) if injuries else None,
        munitions=_first(r.munitions for r in reports),
        weapons=list(dict.fromkeys(w for r in reports for w in r.weapons)),
        confidence=round(min(0.99, max(r.confidence for r in reports) + 0.05 * (len(reports) - 1)), 3),
    )
    ev.notes = write_note(ev)
    return ev


def _display(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, Actor):
        return value.name
    if isinstance(value, Location):
        return f"{value.name} ({value.lat:.4f}, {value.lon:.4f}, precision {value.geo_precision})"
    return str(value)


def changes(old: Event, new: Event) -> list[tuple[str, str | None, str | None]]:
    """The resolved values a new report changed: (field, old, new)."""
    out = []
    for name in RESOLVED_FIELDS:
        a, b = _display(getattr(old, name)), _display(getattr(new, name))
        if a != b:
            out.append((name, a, b))
    return out
