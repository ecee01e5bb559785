"""Shared fixtures: one real Pipeline per test session, the event schema validator."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import eventfold
from eventfold.language.data import data_path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def pipeline() -> eventfold.Pipeline:
    return eventfold.Pipeline()


@pytest.fixture(scope="session")
def validate():
    schema = json.loads(data_path("event.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())

    def check(event: dict) -> dict:
        validator.validate(event)
        return event
    return check


@pytest.fixture(scope="session")
def extract(pipeline, validate):
    """Events of a text as schema-valid dicts."""
    def run(text: str, published: str = "2024-03-06", language: str | None = None, doc_id: str = "t") -> list[dict]:
        doc = eventfold.Document(id=doc_id, text=text, published=eventfold.read.documents.parse_date(published),
                                 language=language, publisher="Test Wire")
        return [validate(e.to_dict()) for e in pipeline.extract(doc)]
    return run
