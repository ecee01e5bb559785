"""A one-sentence English summary per event, in the manner of ACLED's notes."""

from __future__ import annotations

from functools import cache

from eventfold.event import Event
from eventfold.language.data import load_toml


@cache
def _verbs() -> dict[str, str]:
    return load_toml("notes.toml").get("verbs", {})


def write_note(ev: Event) -> str:
    d = ev.event_date
    when = {"day": f"On {d.day} {d:%B %Y}", "week": f"In the week of {d.day} {d:%B %Y}",
            "month": f"In {d:%B %Y}", "year": f"In {d.year}"}[ev.date_precision]
    verb = _verbs().get(ev.sub_event_type, "was involved in an event with")
    target = f" {ev.actor2.name}" if ev.actor2 else ""
    if not ev.actor2 and verb.endswith((" with", " on", " of", " at", " against", " to", " by", " from")):
        verb = verb.rsplit(" ", 1)[0]
    where = ev.location.name
    if ev.location.admin1 and ev.location.admin1 != ev.location.name:
        where += f" ({ev.location.admin1})"
    near = "near" if ev.location.geo_precision == 2 else "in"
    parts = [f"{when}, {ev.actor1.name} {verb}{target} {near} {where}, {ev.location.country}"]
    if ev.weapons:
        names = [w.replace("_", " ") for w in ev.weapons]
        if ev.munitions:
            # The count belongs to the first weapon named: "2 rockets", "1 drone".
            names[0] = f"{ev.munitions} {names[0]}{'s' if ev.munitions > 1 else ''}"
        parts.append(f" using {', '.join(names)}")
    casualties = []
    if ev.fatalities is not None:
        casualties.append(f"{ev.fatalities} killed")
    if ev.injuries is not None:
        casualties.append(f"{ev.injuries} injured")
    note = "".join(parts) + "."
    if casualties:
        note += f" {', '.join(casualties).capitalize()}."
    else:
        note += " Casualties unknown."
    attributed = list(dict.fromkeys(a for s in ev.sources for a in s.attributed_to))
    if attributed:
        note += f" According to {', '.join(attributed)}."
    return note
