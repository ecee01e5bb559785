"""ACLED event type and sub-event type from the event class, weapons and actors (data-driven)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from eventfold.event import Actor
from eventfold.language.data import load_toml


@dataclass(frozen=True)
class EventClass:
    name: str
    type: str
    sub: str
    violent: bool


@cache
def event_classes() -> dict[str, EventClass]:
    return {name: EventClass(name, e["type"], e["sub"], bool(e.get("violent")))
            for name, e in load_toml("event_classes.toml").items()}


@cache
def weapon_table() -> dict[str, dict]:
    return load_toml("weapons.toml")


@cache
def _rules() -> tuple[list[str], list[dict]]:
    data = load_toml("coding_rules.toml")
    return data.get("priority", []), data.get("rule", [])


def leading_class(classes: set[str]) -> str:
    """The class that leads when one event is reported by several trigger classes."""
    priority, _ = _rules()
    return min(classes, key=lambda c: priority.index(c) if c in priority else len(priority))


def _type_of(actor: Actor | None) -> str:
    return "none" if actor is None else (actor.type or "unknown")


def code_event(cls: str, classes: set[str], weapons: list[str], actor1: Actor | None,
               actor2: Actor | None) -> tuple[str, str]:
    """(event_type, sub_event_type) for an event of class `cls` with these weapons and actors."""
    categories = {weapon_table()[w]["category"] for w in weapons if w in weapon_table()}
    _, rules = _rules()
    for rule in rules:
        if cls not in rule["class"]:
            continue
        if "weapon" in rule and not categories & set(rule["weapon"]):
            continue
        if "also" in rule and not classes & set(rule["also"]):
            continue
        if "actor1" in rule and _type_of(actor1) not in rule["actor1"]:
            continue
        if "actor2" in rule and _type_of(actor2) not in rule["actor2"]:
            continue
        if "actor1_state" in rule and (_type_of(actor1) == "State forces") != rule["actor1_state"]:
            continue
        return rule["type"], rule["sub"]
    ec = event_classes()[cls]
    return ec.type, ec.sub
