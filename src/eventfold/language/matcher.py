"""Token pattern matching for the lexicons in data/lang (syntax in data/lang/README.md)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventfold.text import fold, words

_MIN_STEM = 4


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # index of the first token
    end: int  # index after the last token
    label: str
    pattern: str


class PatternMatcher:
    """Finds label patterns in a token sequence given as (surface, lemma) pairs.

    Exact tokens are looked up in a dict; stems (``bombard*``) through the prefixes of
    each word, so the cost per word is bounded by its length, not the lexicon's size.
    """

    def __init__(self) -> None:
        self._first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        self._stems: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        self._max_stem = 0

    def add(self, label: str, patterns: Iterable[str]) -> None:
        for pattern in patterns:
            toks = tuple(words(pattern)) if "*" not in pattern else _split_stems(pattern)
            if not toks:
                continue
            if any("-" in t for t in toks):
                # Tokenizers split "Mai-Mai" or "ISIS-K" into "Mai", "-", "Mai": match that too.
                self._add(tuple(w for t in toks for w in _hyphen_split(t)), label, pattern)
            self._add(toks, label, pattern)

    def _add(self, toks: tuple[str, ...], label: str, pattern: str) -> None:
        head = toks[0]
        if head.endswith("*"):
            stem = head[:-1]
            if len(stem) < _MIN_STEM:
                raise ValueError(f"stem {pattern!r} is shorter than {_MIN_STEM} characters")
            self._stems.setdefault(stem, []).append((toks, label, pattern))
            self._max_stem = max(self._max_stem, len(stem))
        else:
            self._first.setdefault(head, []).append((toks, label, pattern))

    def __bool__(self) -> bool:
        return bool(self._first or self._stems)

    def find(self, tokens: Sequence[tuple[str, str]]) -> list[Match]:
        """All matches, longest first at each start, overlapping ones removed left to right."""
        keyed = [(fold(s), fold(lem)) for s, lem in tokens]
        found: list[Match] = []
        for i, (surface, lemma) in enumerate(keyed):
            cands = self._first.get(surface, []) + (self._first.get(lemma, []) if lemma != surface else [])
            for n in range(_MIN_STEM, min(len(surface), self._max_stem) + 1):
                cands += self._stems.get(surface[:n], [])
            best: Match | None = None
            for toks, label, pattern in cands:
                fits = i + len(toks) <= len(keyed) and all(_tok_ok(t, keyed[i + k]) for k, t in enumerate(toks))
                if fits and (best is None or len(toks) > best.end - best.start):
                    best = Match(i, i + len(toks), label, pattern)
            if best:
                found.append(best)
        return _non_overlapping(found)


def _hyphen_split(tok: str) -> list[str]:
    parts = tok.split("-")
    return [w for i, part in enumerate(parts) for w in ((["-"] if i else []) + ([part] if part else []))]


def _split_stems(pattern: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in pattern.split():
        stem = part.endswith("*")
        ws = words(part.rstrip("*"))
        if stem and ws:
            ws[-1] += "*"
        out += ws
    return tuple(out)


def _tok_ok(tok: str, word: tuple[str, str]) -> bool:
    if tok.endswith("*"):
        return word[0].startswith(tok[:-1])
    return tok == word[0] or tok == word[1]


def _non_overlapping(found: list[Match]) -> list[Match]:
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Match] = []
    last_end = -1
    for m in found:
        if m.start >= last_end:
            out.append(m)
            last_end = m.end
    return out
