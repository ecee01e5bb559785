"""The output model: typed events in the shape of shared/schema/event.schema.json."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

ACTOR_TYPES = ("State forces", "Rebel group", "Political militia", "Identity militia", "Rioters",
               "Protesters", "Civilians", "External/Other forces")


@dataclass(frozen=True)
class Actor:
    name: str
    type: str | None = None
    country: str | None = None
    text: str | None = None  # the words of the report that name it

    @property
    def identified(self) -> bool:
        return not self.name.startswith("Unidentified")


@dataclass
class Location:
    name: str
    country: str
    lat: float
    lon: float
    geo_precision: int
    admin1: str | None = None
    admin2: str | None = None
    gazetteer_id: str | None = None


@dataclass
class Source:
    doc_id: str
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    attributed_to: list[str] = field(default_factory=list)


@dataclass
class Mention:
    doc_id: str
    start: int
    end: int
    text: str
    trigger_start: int | None = None  # the words that report the event, offsets as start/end
    trigger_end: int | None = None


@dataclass
class Event:
    event_id: str
    event_date: date
    date_precision: str
    event_type: str
    sub_event_type: str
    actor1: Actor
    location: Location
    sources: list[Source]
    mentions: list[Mention]
    actor2: Actor | None = None
    fatalities: int | None = None
    injuries: int | None = None
    weapons: list[str] = field(default_factory=list)
    munitions: int | None = None
    language: str | None = None
    confidence: float = 0.5
    notes: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The event as a JSON-ready dict that validates against the event schema."""
        d = asdict(self)
        d["event_date"] = self.event_date.isoformat()
        d["confidence"] = round(self.confidence, 3)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        a2 = d.get("actor2")
        return cls(
            event_id=d["event_id"], event_date=date.fromisoformat(d["event_date"]),
            date_precision=d["date_precision"], event_type=d["event_type"], sub_event_type=d["sub_event_type"],
            actor1=Actor(**d["actor1"]), actor2=Actor(**a2) if a2 else None,
            location=Location(**d["location"]), sources=[Source(**s) for s in d["sources"]],
            mentions=[Mention(**m) for m in d["mentions"]], fatalities=d.get("fatalities"),
            injuries=d.get("injuries"), weapons=list(d.get("weapons") or []), munitions=d.get("munitions"),
            language=d.get("language"), confidence=d.get("confidence", 0.5), notes=d.get("notes", ""),
        )
