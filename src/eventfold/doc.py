"""The Doc that flows through the pipeline's components, one per news report."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Span

from eventfold.actors import ActorMention
from eventfold.clean import CleanText
from eventfold.dates import DateMention
from eventfold.event import Event
from eventfold.language.data import LanguageData
from eventfold.places.geoparse import PlaceMention
from eventfold.read import Document


@dataclass
class Doc:
    document: Document
    lang: LanguageData
    clean: CleanText
    published: date
    published_inferred: bool = False
    spacy: SpacyDoc | None = None
    sentences: list[Span] = field(default_factory=list)
    paragraph_of: list[int] = field(default_factory=list)  # paragraph index of each sentence
    places: list[PlaceMention] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    actors: list[list[ActorMention]] = field(default_factory=list)  # per sentence
    candidates: list = field(default_factory=list)  # events.Candidate, before merging
    events: list[Event] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.clean.text

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Character offsets of the sentences, for bisecting (read once the parse has run)."""
        return [s.start_char for s in self.sentences]
