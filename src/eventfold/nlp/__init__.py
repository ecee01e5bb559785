"""NLP stage: one spaCy pipeline per language, loaded once per process."""

from __future__ import annotations

import threading
from functools import cache

import spacy
from spacy.language import Language

from eventfold.language.data import languages

_lock = threading.Lock()


@Language.component("eventfold_paragraphs")
def paragraph_breaks(doc):
    """A line break always ends a sentence: headlines and captions have no final stop."""
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.text or "\n" in tok.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


@cache
def _load(code: str) -> Language:
    model = languages()[code].get("spacy")
    if model:
        nlp = spacy.load(model)
    else:
        nlp = spacy.blank(code)
        nlp.add_pipe("sentencizer")
    nlp.add_pipe("eventfold_paragraphs", first=True)
    return nlp


def pipeline_for(code: str) -> Language:
    """The spaCy pipeline of a language; loaded on first use, then shared."""
    with _lock:
        return _load(code)
