"""NLP stage: one spaCy pipeline per language, loaded once per process."""

from __future__ import annotations

import threading
from functools import cache, lru_cache

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


@Language.factory("eventfold_lemmas")
def make_lemmatizer(nlp: Language, name: str):
    """Lemmas for languages without a spaCy model (simplemma: dictionary lookups, no model), so
    that lexicon patterns match inflected forms; for Arabic it also strips attached clitics."""
    import simplemma

    lang = nlp.lang
    clitics = sorted(languages()[lang].get("clitics", []), key=len, reverse=True)

    @lru_cache(maxsize=200_000)
    def lemma(word: str) -> str:
        found = simplemma.lemmatize(word, lang=lang)
        if found == word:
            for c in clitics:
                if word.startswith(c) and len(word) - len(c) >= 3:
                    return simplemma.lemmatize(word[len(c):], lang=lang)
        return found

    def set_lemmas(doc):
        for tok in doc:
            if tok.is_alpha:
                tok.lemma_ = lemma(tok.text)
        return doc
    return set_lemmas


@cache
def _load(code: str) -> Language:
    model = languages()[code].get("spacy")
    if model:
        nlp = spacy.load(model)
    else:
        nlp = spacy.blank(code)
        if languages()[code].get("apostrophe_suffixes"):
            # Turkish writes case endings after an apostrophe on names ("Rıfat'ta"): split them off.
            suffixes = [*nlp.Defaults.suffixes, r"['’][^\W\d_]+$"]
            nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("eventfold_lemmas")
    nlp.add_pipe("eventfold_paragraphs", first=True)
    return nlp


def pipeline_for(code: str) -> Language:
    """The spaCy pipeline of a language; loaded on first use, then shared."""
    with _lock:
        return _load(code)
