"""The Python API: eventfold.extract and a reusable Pipeline, typed events, stable ids."""

from __future__ import annotations

import pytest

import eventfold

TEXT = ("Des hommes armés ont attaqué jeudi un poste de police à Kidal, dans le nord du Mali, tuant trois policiers, "
        "selon une source sécuritaire.")


def test_extract_returns_typed_events_with_notes():
    events = eventfold.extract(TEXT, published="2024-03-08", publisher="RFI", url="https://example.org/kidal")
    assert len(events) == 1
    ev = events[0]
    assert isinstance(ev, eventfold.Event) and isinstance(ev.actor1, eventfold.Actor)
    assert ev.language == "fr" and ev.fatalities == 3
    assert ev.sources[0].publisher == "RFI" and ev.sources[0].url == "https://example.org/kidal"
    assert ev.notes.startswith("On 7 March 2024, ") and "Kidal" in ev.notes and "3 killed" in ev.notes
    assert eventfold.Event.from_dict(ev.to_dict()) == ev


def test_ids_are_stable_across_runs_and_pipelines(pipeline):
    doc = eventfold.Document(id="kidal-1", text=TEXT, published=eventfold.read.documents.parse_date("2024-03-08"))
    first = [e.event_id for e in pipeline.extract(doc)]
    again = [e.event_id for e in eventfold.Pipeline().extract(doc)]
    assert first == again and len(set(first)) == len(first)


def test_unsupported_language_raises_skipped():
    with pytest.raises(eventfold.SkippedDocument, match="not supported"):
        eventfold.extract("Een luchtaanval trof maandag een markt in de stad, zeiden artsen in het ziekenhuis.")


def test_unknown_component_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown pipeline components"):
        eventfold.Pipeline(components=("parse", "geocode"))
