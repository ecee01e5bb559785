"""Attribution: whom the report cites for a claim ("selon l'OSDH", "a local official told AFP",
"le correspondant d'Al Mayadeen a rapporté")."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventfold.language.data import LanguageData
from eventfold.text import fold

SOURCE_ENTS = {"ORG", "PER", "PERSON", "MISC", "NORP"}
PHRASE_STOP = {",", ".", ":", ";", "«", "»", "“", "”", '"', "(", ")"}
MAX_PHRASE = 8


@dataclass
class Attribution:
    sources: list[str] = field(default_factory=list)
    tokens: set[int] = field(default_factory=set)  # doc token indices that belong to attribution phrases


def _name(span: Span) -> str | None:
    ents = [e for e in span.ents if e.label_ in SOURCE_ENTS]
    if ents:
        return ents[-1].text
    toks = [t for t in span if not t.is_punct]
    while toks and (toks[0].pos_ in ("DET", "ADP") or toks[0].is_stop):
        toks = toks[1:]
    if not toks:
        return None
    return span.doc[toks[0].i:toks[-1].i + 1].text


def _phrase_after(doc, i: int, end: int) -> Span:
    j = i
    while j < end and j - i < MAX_PHRASE and doc[j].text not in PHRASE_STOP and doc[j].pos_ != "VERB":
        j += 1
    return doc[i:j]


def _subject(verb: Token) -> Span | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass", "expl:subj"):
            if c.pos_ == "PRON":
                return None
            return c.doc[c.left_edge.i:c.right_edge.i + 1]
    return None


def find_attribution(sent: Span, lang: LanguageData) -> Attribution:
    doc = sent.doc
    toks = [(t.text, t.lemma_) for t in sent]
    out = Attribution()
    for m in lang.cues["attribution"].find(toks):
        phrase = _phrase_after(doc, sent.start + m.end, sent.end)
        out.tokens.update(range(sent.start + m.start, phrase.end))
        name = _name(phrase) if len(phrase) else None
        if name:
            out.sources.append(name)
    reporting = lang.cue_words["reporting_verbs"]
    for t in sent:
        if t.pos_ not in ("VERB", "AUX") or (fold(t.lemma_) not in reporting and fold(t.text) not in reporting):
            continue
        subj = _subject(t)
        # "X a annoncé avoir lancé…", "X claimed to have attacked…": X is the source and the actor.
        claims_own_act = any(c.dep_ == "xcomp" and ("Inf" in c.morph.get("VerbForm") or any(
            "Inf" in a.morph.get("VerbForm") for a in c.children if a.dep_.startswith("aux"))) for c in t.children)
        if subj is not None:
            if not claims_own_act:
                out.tokens.update(range(subj.start, subj.end))
            name = _name(subj)
            if name:
                out.sources.append(name)
        # "rapporté à Al Mayadeen", "a-t-on appris de sources locales", "told Reuters"
        for c in t.children:
            if c.dep_ in ("obl", "obl:arg", "iobj", "dobj", "dative", "obj") and c.i > t.i and (
                    c.ent_type_ in SOURCE_ENTS or fold(c.lemma_) in lang.cue_words["attribution"]
                    or any(fold(cc.text) in ("a", "de", "to", "from") for cc in c.children if cc.dep_ == "case")):
                span = doc[c.left_edge.i:c.right_edge.i + 1]
                if c.dep_ in ("dobj", "obj") and c.ent_type_ not in SOURCE_ENTS:
                    continue
                out.tokens.update(range(span.start, span.end))
                name = _name(span)
                if name:
                    out.sources.append(name)
    seen: set[str] = set()
    out.sources = [s for s in out.sources if not (fold(s) in seen or seen.add(fold(s)))]
    return out
