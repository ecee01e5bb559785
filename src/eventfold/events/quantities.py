"""Counts in a sentence: fatalities, injuries and munitions, with ACLED's conventions.

A count attaches to the casualty word or munition it stands next to ("12 morts", "killing
twelve", "des dizaines de soldats ont été blessés", "deux roquettes"). Years, times and
dates are never counts.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span

from eventfold.language.data import LanguageData
from eventfold.language.matcher import PatternMatcher
from eventfold.language.numbers import parse_number
from eventfold.text import fold

WINDOW_BEFORE = 6
WINDOW_AFTER = 4
MAX_NUMBER_WORDS = 5
_TIME = re.compile(r"^\d{1,2}[h:]\d{2}$")


@dataclass
class Counts:
    fatalities: int | None = None
    injuries: int | None = None
    munitions: int | None = None


@cache
def _vague(lang: LanguageData) -> PatternMatcher:
    m = PatternMatcher()
    for phrase in lang.raw["numbers"].get("vague", {}):
        m.add(phrase, [phrase])
    return m


def numbers_in(sent: Span, lang: LanguageData, excluded: set[int]) -> list[tuple[int, int, int]]:
    """(token start, token end, value) of every count in the sentence (doc token offsets)."""
    toks = [(t.text, t.lemma_) for t in sent]
    out = []
    taken: set[int] = set()
    for m in _vague(lang).find(toks):
        value = lang.numbers["vague"].get(fold(m.label))
        if value is not None:
            out.append((sent.start + m.start, sent.start + m.end, value))
            taken.update(range(m.start, m.end))
    ages = lang.cues["age_words"].find(toks)
    age_after, age_before = {m.start for m in ages}, {m.end for m in ages}
    words = list(sent)
    i = 0
    while i < len(words):
        t = words[i]
        if i in taken or t.i in excluded or _TIME.match(t.text) or t.pos_ == "DET":
            i += 1
            continue  # "une embuscade", "a rocket": articles, not counts
        value = parse_number(t.text, lang)
        if value is None or (t.text.isdigit() and len(t.text) == 4 and 1900 <= value <= 2100):
            i += 1
            continue
        # "treinta y cinco", "двадцать пять", "thirty five": number words that go on make one number.
        end = i + 1
        for j in range(i + 2, min(len(words), i + MAX_NUMBER_WORDS) + 1):
            if words[j - 1].is_digit or words[j - 1].i in excluded or parse_number(words[j - 1].text, lang) is None:
                continue
            joined = parse_number(" ".join(w.text for w in words[i:j]), lang)
            if joined is None or joined <= value:
                break
            value, end = joined, j
        hyphen = end < len(words) and words[end].text == "-"  # "64-year-old"
        if end + hyphen not in age_after and i not in age_before:  # "un jovem de 19 anos", "aged 19": an age
            out.append((t.i, words[end - 1].i + 1, value))
        i = end
    return sorted(out)


def _takes_count_after(tok) -> bool:
    """"killing three", "tuant trois": a present participle takes its count after it."""
    return tok.tag_ == "VBG" or ("Part" in tok.morph.get("VerbForm") and "Pres" in tok.morph.get("Tense"))


def counts(sent: Span, lang: LanguageData, weapon_spans: list[tuple[int, int, str]], munition_names: set[str],
           excluded: set[int]) -> Counts:
    """Fatalities, injuries and munitions reported by one sentence."""
    nums = numbers_in(sent, lang, excluded)
    toks = [(t.text, t.lemma_) for t in sent]
    result = Counts()
    # Casualty words that take their count before them ("12 dead", "venti sono rimasti feriti").
    counted_before = [sent.start + m.start for key in ("dead", "injured") for m in lang.cues[key].find(toks)
                      if not _takes_count_after(sent.doc[sent.start + m.start])]
    for key, attr in (("dead", "fatalities"), ("injured", "injuries")):
        values = []
        for m in lang.cues[key].find(toks):
            word = sent.start + m.start
            participle = _takes_count_after(sent.doc[word])
            before = [n for n in nums if 0 < word - n[1] + 1 <= WINDOW_BEFORE and n[1] <= word
                      and not any(t.is_punct for t in sent.doc[n[1]:word])]
            # "due civili sono morti e venti sono rimasti feriti": a count right before another casualty
            # word that takes its count before it is that word's.
            after = [n for n in nums if 0 <= n[0] - (sent.start + m.end) < WINDOW_AFTER
                     and not any(0 < w - n[1] + 1 <= 3 and not any(t.is_punct for t in sent.doc[n[1]:w])
                                 for w in counted_before)]
            gap_before = word - before[-1][1] if before else math.inf
            gap_after = after[0][0] - (sent.start + m.end) if after else math.inf
            # The nearer count wins ("burned several houses and killed at least ten": ten); on a tie a
            # participle takes the one after it ("killing three"), other words the one before ("12 dead").
            if gap_after < gap_before or (gap_after == gap_before and participle):
                pick = after[0] if after else None
            else:
                pick = before[-1] if before else None
            if pick:
                values.append(pick[2])
        if values:
            setattr(result, attr, min(values))
    for start, _end, name in weapon_spans:
        if name not in munition_names:
            continue
        # "15 missiles", "two Grad rockets": the count stands right before the munition, adjectives aside.
        near = [n for n in nums if 0 <= start - n[1] <= 1 and all(
            t.pos_ in ("ADJ", "PROPN") for t in sent.doc[n[1]:start])]
        if near:
            result.munitions = max(result.munitions or 0, near[-1][2])
    return result
