"""eventfold: news reports in any language in, ACLED-compatible conflict and protest events out.

    >>> import eventfold
    >>> events = eventfold.extract(text, published="2024-03-05", publisher="Reuters")
    >>> pipeline = eventfold.Pipeline()          # loads models once; reuse it for many documents
    >>> events = pipeline.extract(eventfold.Document(id="a1", text=text))
"""

from __future__ import annotations

from datetime import date
from functools import cache

from eventfold.event import Actor, Event, Location, Mention, Source
from eventfold.pipeline import Pipeline, Result, SkippedDocument
from eventfold.read import Document, ReadError, read_inputs
from eventfold.read.documents import parse_date

__all__ = ["Actor", "Document", "Event", "Location", "Mention", "Pipeline", "ReadError", "Result",
           "SkippedDocument", "Source", "extract", "read_inputs"]
__version__ = "0.1.0"


@cache
def _default_pipeline() -> Pipeline:
    return Pipeline()


def extract(text: str, *, published: str | date | None = None, url: str | None = None,
            publisher: str | None = None, language: str | None = None, title: str | None = None,
            doc_id: str = "doc") -> list[Event]:
    """Events of one news report. Raises SkippedDocument when the text cannot be processed
    (unsupported language, nothing but debris)."""
    document = Document(id=doc_id, text=text, title=title, url=url, published=parse_date(published),
                        publisher=publisher, language=language)
    return _default_pipeline().extract(document)
