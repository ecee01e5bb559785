"""Time stage: date expressions found in the text and resolved against an anchor date.

The anchor is the publication date, except inside a quotation, where deictic words
("aujourd'hui", "today") refer to the day the quoted person spoke: the reporting date
given outside the quote in the same paragraph. Weekday arithmetic, "yesterday",
"a few days ago" (a range with week precision) and year inference for dates written
without a year are all driven by the language's time.toml.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from eventfold.language.data import LanguageData
from eventfold.language.numbers import parse_number

PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3}
_QUOTES = (("«", "»"), ("“", "”"), ("„", "“"))


@dataclass
class DateMention:
    start: int  # character offsets in the text
    end: int
    text: str
    date: date
    precision: str  # day, week, month, year
    date_min: date
    date_max: date
    kind: str  # absolute, weekday, relative, vague, ago, month, year, story
    future: bool = False
    offset: int = 0  # for "story" dates ("a day earlier", "la veille"): days from the event told before
    dateline: bool = False  # "NAIROBI, June 26 (Reuters) -": the day the report was filed, not an event's


# A wire dateline opening a paragraph: a few words (place, date, agency), then a dash ("NAIROBI, June 26
# (Reuters) -", "POPAYÁN (Colombia), 21 may (EFE).-", "Киев, 5 марта - РИА Новости.").
_DATELINE = re.compile(r"^[^\n.!?]{2,100}?(?:\s[-–—]{1,2}\s|\)?\.[-–—]\s?|\s?[-–—]{2}\s|\)\s?[-–—]\s?)")
MAX_DATELINE_WORDS = 12


def dateline_length(paragraph: str) -> int:
    """Length of the dateline that opens a paragraph, 0 if it has none. The agency may come first:
    "(ANSA) - BAMAKO, 02 LUG -" is one dateline of two parts."""
    first = _dateline_part(paragraph)
    if first and paragraph.lstrip().startswith("("):  # the agency alone so far: its place follows
        return first + _dateline_part(paragraph[first:])
    return first


def _dateline_part(paragraph: str) -> int:
    m = _DATELINE.match(paragraph)
    if m is None or len(m.group(0).split()) > MAX_DATELINE_WORDS:
        return 0
    head = m.group(0)
    # A place in capitals, or an agency in brackets: not the start of an ordinary sentence with a dash.
    shouting = any(len(w) >= 3 and w.isupper() and w.isalpha() for w in re.findall(r"\w+", head))
    return m.end() if shouting or "(" in head or len(head.split()) <= 6 else 0


def _alt(words) -> str:
    forms = sorted({w for w in words} | {w.replace("'", "’") for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in forms)


@dataclass
class _Patterns:
    day_month: re.Pattern
    month_day: re.Pattern
    month_year: re.Pattern
    iso: re.Pattern
    year: re.Pattern
    weekday: re.Pattern
    night: re.Pattern | None
    phrases: re.Pattern | None
    ago: list[re.Pattern]


@cache
def _patterns(lang: LanguageData) -> _Patterns:
    t = lang.time
    months, weekdays = _alt(t.get("months", {})), _alt(t.get("weekdays", {}))
    markers = t.get("markers", {})
    this_last = _alt(markers.get("this", []) + markers.get("last", []) + markers.get("next", [])) or "(?!)"
    night = markers.get("night", [])
    phrases = list(t.get("relative", {})) + list(t.get("vague", {})) + list(t.get("story", {}))
    ago = []
    units = _alt(t.get("ago", {}).get("units", {}))
    for tpl in t.get("ago", {}).get("templates", []):
        rx = re.escape(tpl).replace(r"\ ", r"\s+").replace(r"\{n\}", r"(?P<n>[\w-]+)").replace(
            r"\{unit\}", f"(?P<unit>{units})")
        ago.append(re.compile(rf"(?<!\w){rx}(?!\w)", re.I))
    return _Patterns(
        day_month=re.compile(
            rf"(?<!\w)(?:(?P<wd>{weekdays})\s+)?(?P<d>\d{{1,2}})(?:er|st|nd|rd|th|º|°|\.)?\s+(?:de\s+)?"
            rf"(?P<m>{months})\.?(?:\s+(?:de\s+)?(?P<y>\d{{4}}))?(?!\w)", re.I),
        month_day=re.compile(
            rf"(?<!\w)(?:(?P<wd>{weekdays}),?\s+)?(?P<m>{months})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?:,?\s+(?P<y>\d{{4}}))?(?!\w)", re.I),
        month_year=re.compile(rf"(?<!\w)(?P<m>{months})\.?\s+(?:de\s+)?(?P<y>\d{{4}})(?!\w)", re.I),
        iso=re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)"),
        year=re.compile(r"(?<![\w-])(?P<y>(?:19|20)\d\d)(?![\w-])"),
        weekday=re.compile(rf"(?<!\w)(?:(?P<pre>{this_last})\s+)?(?P<wd>{weekdays})(?:\s+(?P<post>{this_last}))?(?!\w)",
                           re.I),
        night=re.compile(rf"(?<!\w)(?:{_alt(night)})\s+\w+\s+(?P<wd1>{weekdays})\s+\w+\s+(?P<wd2>{weekdays})(?!\w)",
                         re.I) if night else None,
        phrases=re.compile(rf"(?<!\w)(?:{_alt(phrases)})(?!\w)", re.I) if phrases else None,
        ago=ago,
    )


def _lookup(table: dict, word: str):
    w = word.lower().replace("’", "'").rstrip(".")
    for k, v in table.items():
        if k.lower() == w:
            return v
    return None


def _nearest_year(month: int, day: int, anchor: date) -> date | None:
    best = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d > anchor + timedelta(days=31):
            continue
        if best is None or abs((d - anchor).days) < abs((best - anchor).days):
            best = d
    return best


def _weekday_before(anchor: date, weekday: int, strictly: bool = False) -> date:
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and strictly:
        back = 7
    return anchor - timedelta(days=back)


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of quotations (guillemets, curly and straight double quotes)."""
    spans = []
    for op, cl in _QUOTES:
        for m in re.finditer(re.escape(op) + r"[^" + re.escape(cl) + r"]{3,}" + re.escape(cl), text):
            spans.append((m.start(), m.end()))
    for m in re.finditer(r'"[^"\n]{3,}"', text):
        spans.append((m.start(), m.end()))
    return sorted(spans)


def find_dates(text: str, lang: LanguageData, anchor: date, offset: int = 0) -> list[DateMention]:
    """Date expressions of a text (a paragraph), resolved against `anchor`."""
    p = _patterns(lang)
    t = lang.time
    months, weekdays = t.get("months", {}), t.get("weekdays", {})
    last_words = {w.lower() for w in t.get("markers", {}).get("last", [])}
    next_words = {w.lower() for w in t.get("markers", {}).get("next", [])}
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(m: re.Match, d: date | None, precision: str, kind: str, lo: date | None = None, hi: date | None = None,
            future: bool = False) -> None:
        if d is None or any(m.start() < b and a < m.end() for a, b in taken):
            return
        taken.append((m.start(), m.end()))
        found.append(DateMention(m.start() + offset, m.end() + offset, m.group(0), d, precision, lo or d, hi or d,
                                 kind, future))

    for m in p.iso.finditer(text):
        with suppress(ValueError):
            add(m, date(int(m["y"]), int(m["m"]), int(m["d"])), "day", "absolute")
    for rx in (p.day_month, p.month_day):
        for m in rx.finditer(text):
            month, day = _lookup(months, m["m"]), int(m["d"])
            if not month or not 1 <= day <= 31:
                continue
            try:
                d = date(int(m["y"]), month, day) if m["y"] else _nearest_year(month, day, anchor)
            except ValueError:
                d = None
            add(m, d, "day", "absolute")
    if p.night:
        for m in p.night.finditer(text):
            wd2 = _lookup(weekdays, m["wd2"])
            if wd2 is not None:
                add(m, _weekday_before(anchor, wd2), "day", "weekday")
    if p.phrases:
        for m in p.phrases.finditer(text):
            story = _lookup(t.get("story", {}), m.group(0))
            if story is not None:
                add(m, anchor + timedelta(days=int(story)), "day", "story")
                found[-1].offset = int(story)
                continue
            rel = _lookup(t.get("relative", {}), m.group(0))
            if rel is not None:
                add(m, anchor + timedelta(days=int(rel)), "day", "relative")
                continue
            vague = _lookup(t.get("vague", {}), m.group(0))
            if vague:
                lo, hi = anchor + timedelta(days=int(vague["min"])), anchor + timedelta(days=int(vague["max"]))
                add(m, lo + (hi - lo) / 2, vague.get("precision", "week"), "vague", lo, hi)
    units = t.get("ago", {}).get("units", {})
    for rx in p.ago:
        for m in rx.finditer(text):
            n, unit = parse_number(m["n"], lang), _lookup(units, m["unit"])
            if n is None or unit is None:
                continue
            days = int(n) * int(unit)
            add(m, anchor - timedelta(days=days), "day" if int(unit) == 1 else "week" if int(unit) <= 7 else "month",
                "ago")
    for m in p.weekday.finditer(text):
        wd = _lookup(weekdays, m["wd"])
        marks = {(m["pre"] or "").lower(), (m["post"] or "").lower()}
        if wd is None:
            continue
        if marks & next_words:
            add(m, anchor + timedelta(days=(wd - anchor.weekday()) % 7 or 7), "day", "weekday", future=True)
        else:
            add(m, _weekday_before(anchor, wd, strictly=bool(marks & last_words)), "day", "weekday")
    for m in p.month_year.finditer(text):
        month = _lookup(months, m["m"])
        if month:
            d = date(int(m["y"]), month, 1)
            add(m, d, "month", "month", d, (d + timedelta(days=31)).replace(day=1) - timedelta(days=1))
    for m in p.year.finditer(text):
        y = int(m["y"])
        if 1900 <= y <= anchor.year + 1:
            add(m, date(y, 7, 1), "year", "year", date(y, 1, 1), date(y, 12, 31))
    return sorted(found, key=lambda d: d.start)


def infer_publication_date(text: str, lang: LanguageData, today: date) -> date | None:
    """A publication date for an undated document: a weekday written with its day and month fixes
    the year; otherwise the latest full date the text gives, if any."""
    p = _patterns(lang)
    t = lang.time
    for rx in (p.day_month, p.month_day):
        for m in rx.finditer(text):
            month, wd = _lookup(t.get("months", {}), m["m"]), m["wd"] and _lookup(t.get("weekdays", {}), m["wd"])
            if not month or wd is None or m["y"]:
                continue
            for y in range(today.year, today.year - 12, -1):
                try:
                    d = date(y, month, int(m["d"]))
                except ValueError:
                    break
                if d <= today and d.weekday() == wd:
                    return d
    dated = [d.date for d in find_dates(text, lang, today) if d.kind == "absolute" and d.date <= today]
    return max(dated) if dated else None
