"""Scrape debris removal, judged by each line's shape and content and its fit with the story.

A line is dropped when it looks like a section label, a photo caption or credit, a
share/subscribe/"read also" line, a byline or a source footer, or when it is written in
another language than the story (wire captions left in translated pages). Kept lines are
joined by blank lines; `segments` maps cleaned offsets back to the input text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventfold.language.data import LanguageData
from eventfold.language.detect import detect_language
from eventfold.text import ASCII_DIGITS, words

_SENTENCE_END = re.compile(r"[.!?»”\"')]\s*$")
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
# Caption shapes: people placed in the frame, a credit in brackets or after a slash/bar.
_FRAME_MARKS = re.compile(r"\((?:L|R|C|left|right|centre|center|g|d|à gauche|à droite)\)", re.I)
_TRAILING_CREDIT = re.compile(r"(?:[/|]\s*[\w .&-]{2,40}|\([^()]{2,40}\))\s*$")


@dataclass
class CleanText:
    text: str
    segments: list[tuple[int, int, int]] = field(default_factory=list)  # (clean_start, raw_start, length)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (line, reason)

    def with_headline(self, title: str) -> CleanText:
        """The same text under a headline taken from the metadata (it has no offset in the input)."""
        shift = len(title) + 2
        return CleanText(f"{title}\n\n{self.text}", [(0, 0, 0)] + [(c + shift, r, n) for c, r, n in self.segments],
                         self.removed)

    def to_raw(self, offset: int) -> int:
        """Offset in the input text of an offset in the cleaned text."""
        for clean_start, raw_start, length in reversed(self.segments):
            if offset >= clean_start:
                return raw_start + min(offset - clean_start, length)
        return offset


def _has(lang: LanguageData, key: str, line: str) -> bool:
    toks = [(w, w) for w in words(line)]
    return bool(lang.cues[key].find(toks))


def debris_reason(line: str, index: int, n_lines: int, lang: LanguageData, published_year: int | None) -> str | None:
    """Why a line is scrape debris, or None when it belongs to the story."""
    ws = words(line)
    n = len(ws)
    edge = index < 3 or index >= n_lines - 3
    if "©" in line or re.match(r"^\s*(?:photo|credit|crédit|foto)\s*:", line, re.I):
        return "credit"
    credit = _TRAILING_CREDIT.search(line)
    if credit and _has(lang, "credit_words", credit.group(0)):
        return "caption"
    if _FRAME_MARKS.search(line):
        return "caption"
    if _has(lang, "call_to_action", " ".join(ws[:4])) and (n <= 12 or ":" in line[:40]):
        return "call to action"
    if n <= 10 and not _SENTENCE_END.search(line) and _has(lang, "byline_words", " ".join(ws[:3])) \
            and sum(w[:1].isupper() for w in line.split()[1:]) >= 1:
        return "byline"
    letters = [c for c in line if c.isalpha()]
    if ":" in line and n <= 8 and letters and sum(c.isupper() for c in letters) / len(letters) > 0.7:
        return "source footer"
    if n <= 3 and not any(c.isdigit() for c in line) and not _SENTENCE_END.search(line):
        return "label"
    if n >= 6:
        guess = detect_language(line, k=1)
        if guess and guess[0][0] != lang.code and guess[0][1] > 0.8:
            return f"other language ({guess[0][0]})"
    if edge and published_year and n <= 40:
        years = [int(y) for y in _YEAR.findall(line)]
        if years and all(abs(y - published_year) >= 2 for y in years) and not _SENTENCE_END.search(line):
            return "caption"
    return None


def clean_text(raw: str, lang: LanguageData, published_year: int | None = None) -> CleanText:
    """Drop debris lines; keep every other line as a paragraph, offsets mapped to `raw`."""
    lines = [(m.start(), m.group(0)) for m in re.finditer(r"[^\n]+", raw)]
    lines = [(s, t) for s, t in lines if t.strip()]
    out = CleanText("")
    parts: list[str] = []
    pos = 0
    for i, (start, line) in enumerate(lines):
        reason = debris_reason(line.strip(), i, len(lines), lang, published_year)
        if reason:
            out.removed.append((line.strip(), reason))
            continue
        lead = len(line) - len(line.lstrip())
        body = line.strip()
        if parts:
            parts.append("\n\n")
            pos += 2
        out.segments.append((pos, start + lead, len(body)))
        parts.append(body)
        pos += len(body)
    out.text = "".join(parts).translate(ASCII_DIGITS)
    return out
