"""The pipeline: a Document becomes a Doc that flows through registered components.

Components are small callables registered by name (as in spaCy); `Pipeline(components=...)`
chooses and orders them. Models and data are loaded once per process and shared by every
document a Pipeline processes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eventfold.actors import ActorFinder, ActorMention, make_actor
from eventfold.clean import clean_text
from eventfold.dates import dateline_length, find_dates, infer_publication_date, quote_spans
from eventfold.doc import Doc
from eventfold.event import Event
from eventfold.events import EventFinder
from eventfold.events.screen import ClassifierScreen
from eventfold.language import UnsupportedLanguage, detect_language, language_data, languages
from eventfold.merge import MergeWithinDocument
from eventfold.nlp import pipeline_for
from eventfold.places.gazetteer import load_gazetteer
from eventfold.places.geoparse import Geoparser
from eventfold.read import Document, ReadError

Component = Callable[[Doc], None]
COMPONENTS: dict[str, Callable[[Pipeline], Component]] = {}
DEFAULT_COMPONENTS = ("parse", "places", "dates", "actors", "events", "screen", "merge")


def component(name: str):
    """Register a component factory under `name`: factory(pipeline) -> callable(doc)."""
    def register(factory: Callable[[Pipeline], Component]):
        COMPONENTS[name] = factory
        return factory
    return register


class SkippedDocument(Exception):
    """A document that was read but cannot be processed (its `reason` says why)."""

    def __init__(self, doc_id: str, reason: str):
        super().__init__(f"{doc_id}: {reason}")
        self.doc_id = doc_id
        self.reason = reason


@dataclass
class Result:
    """What became of one input: events, or the reason it was skipped or unreadable."""

    origin: str
    doc_id: str | None = None
    events: list[Event] | None = None
    skipped: str | None = None  # reason a readable document produced nothing
    error: str | None = None  # reason the input could not be read
    document: Document | ReadError | None = None  # what was read, for the store


class Pipeline:
    def __init__(self, components: Iterable[str] = DEFAULT_COMPONENTS, gazetteer: Path | None = None,
                 today: date | None = None):
        self.gazetteer = load_gazetteer(gazetteer)
        self.today = today or date.today()
        self.component_names = tuple(components)
        unknown = [c for c in self.component_names if c not in COMPONENTS]
        if unknown:
            raise ValueError(f"unknown pipeline components {unknown}; known: {sorted(COMPONENTS)}")
        self.components = [(name, COMPONENTS[name](self)) for name in self.component_names]

    def warm(self) -> None:
        """Load every language's models and data now rather than at its first document: a
        worker that loads Arabic mid-job stalls the ordered results of every other worker."""
        for code in languages():
            with contextlib.suppress(SkippedDocument):
                self.process(Document(id="warm-up", text="Eventfold warm-up.", language=code))

    def make_doc(self, document: Document) -> Doc:
        """Language, cleaning and publication date: everything before the components run."""
        code = document.language
        if not code:
            guess = detect_language(document.text)
            if not guess:
                raise SkippedDocument(document.id, "no text to read")
            code = guess[0][0]
        try:
            lang = language_data(code)
        except UnsupportedLanguage:
            raise SkippedDocument(
                document.id, f"language '{code}' not supported yet (supported: {', '.join(languages())})") from None
        published, inferred = document.published, False
        cleaned = clean_text(document.text, lang, published.year if published else None)
        title = (document.title or "").strip()
        if title and title not in cleaned.text[:500]:
            cleaned = cleaned.with_headline(title)
        if not cleaned.text.strip():
            raise SkippedDocument(document.id, "nothing left after removing scrape debris")
        if published is None:
            published, inferred = infer_publication_date(cleaned.text, lang, self.today) or self.today, True
        return Doc(document, lang, cleaned, published, inferred)

    def process(self, document: Document) -> Doc:
        doc = self.make_doc(document)
        for _, comp in self.components:
            comp(doc)
        return doc

    def extract(self, document: Document) -> list[Event]:
        return self.process(document).events

    def run(self, items: Iterable[Document | ReadError], batch_size: int = 16) -> Iterator[Result]:
        """Process read inputs; every input yields one Result, in input order. Documents are
        parsed in batches (spaCy's nlp.pipe), the rest runs per document."""
        batch: list[Document | ReadError] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, items: list[Document | ReadError]) -> Iterator[Result]:
        prepared: list[Doc | Result] = []
        for item in items:
            if isinstance(item, ReadError):
                prepared.append(Result(item.origin, error=item.reason, document=item))
                continue
            try:
                prepared.append(self.make_doc(item))
            except SkippedDocument as e:
                prepared.append(Result(item.origin, item.id, skipped=e.reason, document=item))
        docs = [p for p in prepared if isinstance(p, Doc)]
        if "parse" in self.component_names:
            for code in {d.lang.code for d in docs}:
                same = [d for d in docs if d.lang.code == code]
                for d, parsed in zip(same, pipeline_for(code).pipe([d.text for d in same]), strict=True):
                    d.spacy = parsed
        for p in prepared:
            if isinstance(p, Result):
                yield p
                continue
            try:
                for _, comp in self.components:
                    comp(p)
            except Exception as e:  # one malformed report must not stop a run of thousands
                yield Result(p.document.origin, p.document.id, error=f"internal error: {type(e).__name__}: {e}",
                             document=p.document)
                continue
            yield Result(p.document.origin, p.document.id, events=p.events, document=p.document)


@component("parse")
def _parse(pipeline: Pipeline) -> Component:
    def parse(doc: Doc) -> None:
        if doc.spacy is None:
            doc.spacy = pipeline_for(doc.lang.code)(doc.text)
        starts = [s for s, _, _ in doc.clean.segments]
        para = 0
        for sent in doc.spacy.sents:
            if not sent.text.strip():
                continue
            while para + 1 < len(starts) and starts[para + 1] <= sent.start_char:
                para += 1
            doc.sentences.append(sent)
            doc.paragraph_of.append(para)
    return parse


@component("places")
def _places(pipeline: Pipeline) -> Component:
    geoparser = Geoparser(pipeline.gazetteer)

    def places(doc: Doc) -> None:
        index = {s.start: i for i, s in enumerate(doc.sentences)}
        found = geoparser(doc.spacy, doc.lang)
        for m in found:
            m.sent = index.get(doc.spacy[m.token_start].sent.start, -1)
        doc.places = [m for m in found if m.sent >= 0]
    return places


@component("dates")
def _dates(pipeline: Pipeline) -> Component:
    def dates(doc: Doc) -> None:
        text = doc.text
        anchor = doc.published
        for clean_start, _raw, length in doc.clean.segments:
            para = text[clean_start:clean_start + length]
            quotes = quote_spans(para)
            filed = clean_start + dateline_length(para)

            outside = _unquoted_dates(para, doc.lang, anchor, clean_start, quotes)
            stamp = next((d for d in outside if d.end <= filed and d.precision == "day" and d.date <= doc.published),
                         None)
            if stamp is not None and stamp.date != anchor:
                # "On Tuesday" in a report filed on June 26 counts from June 26, whenever the page went up.
                anchor = stamp.date
                outside = _unquoted_dates(para, doc.lang, anchor, clean_start, quotes)
            for d in outside:
                d.dateline = d.end <= filed
            found = list(outside)
            for a, b in quotes:
                # Inside a quote, "today" is the day the source spoke: the reporting date before it.
                said = [d for d in outside if d.end - clean_start <= a and d.precision == "day" and not d.future]
                found += find_dates(para[a:b], doc.lang, said[-1].date if said else anchor, clean_start + a)
            doc.dates += sorted(found, key=lambda d: d.start)
    return dates


def _unquoted_dates(para: str, lang, anchor: date, offset: int, quotes: list[tuple[int, int]]) -> list:
    return [d for d in find_dates(para, lang, anchor, offset) if not any(a <= d.start - offset < b for a, b in quotes)]


@component("actors")
def _actors(pipeline: Pipeline) -> Component:
    finders: dict[str, ActorFinder] = {}

    def actors(doc: Doc) -> None:
        finder = finders.get(doc.lang.code)
        if finder is None:
            finder = finders[doc.lang.code] = ActorFinder(doc.lang)
        named: set[int] = set()
        for si, sent in enumerate(doc.sentences):
            found = finder(sent, named)
            # A country named as the one acting ("Israel struck…") stands for its forces; "in Nigeria" is a place.
            for p in doc.places:
                if p.sent == si and p.place.feature == "country" and p.literal and not p.locative:
                    actor = make_actor("military", p.place.country, p.text)
                    if actor and not any(a.start <= p.token_start < a.end for a in found):
                        found.append(ActorMention(p.token_start, p.token_end, p.text, "metonymy", actor))
            doc.actors.append(sorted(found, key=lambda a: a.start))
    return actors


@component("events")
def _events(pipeline: Pipeline) -> Component:
    return EventFinder()


@component("screen")
def _screen(pipeline: Pipeline) -> Component:
    return ClassifierScreen()


@component("merge")
def _merge(pipeline: Pipeline) -> Component:
    return MergeWithinDocument()
