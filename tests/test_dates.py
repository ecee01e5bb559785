"""Time stage: absolute and relative dates, weekday arithmetic, quotes, missing publication dates."""

from __future__ import annotations

from datetime import date

import pytest

from eventfold.dates import find_dates, infer_publication_date
from eventfold.language import language_data

TUESDAY = date(2024, 3, 5)


def first(text: str, lang: str, anchor: date = TUESDAY):
    found = find_dates(text, language_data(lang), anchor)
    assert found, text
    return found[0]


@pytest.mark.parametrize("lang,text,expected,precision", [
    ("fr", "tôt ce mardi", date(2024, 3, 5), "day"),
    ("fr", "lundi", date(2024, 3, 4), "day"),
    ("fr", "le 29 février", date(2024, 2, 29), "day"),
    ("fr", "hier soir", date(2024, 3, 4), "day"),
    ("fr", "dans la nuit de dimanche à lundi", date(2024, 3, 4), "day"),
    ("fr", "le mardi 27 février 2024", date(2024, 2, 27), "day"),
    ("fr", "il y a trois jours", date(2024, 3, 2), "day"),
    ("en", "early Tuesday", date(2024, 3, 5), "day"),
    ("en", "on Saturday", date(2024, 3, 2), "day"),
    ("en", "last Tuesday", date(2024, 2, 27), "day"),
    ("en", "yesterday", date(2024, 3, 4), "day"),
    ("en", "on Dec. 28", date(2023, 12, 28), "day"),
    ("en", "March 1, 2024", date(2024, 3, 1), "day"),
    ("en", "two days ago", date(2024, 3, 3), "day"),
])
def test_resolution(lang, text, expected, precision):
    d = first(text, lang)
    assert (d.date, d.precision) == (expected, precision)


@pytest.mark.parametrize("lang,text", [("fr", "il y a quelques jours"), ("en", "a few days ago"),
                                       ("fr", "la semaine dernière"), ("en", "last week")])
def test_vague_phrases_are_ranges_with_week_precision(lang, text):
    d = first(text, lang)
    assert d.precision == "week"
    assert d.date_min < d.date_max <= TUESDAY and d.date_min <= d.date <= d.date_max


def test_next_weekday_is_future():
    assert first("mardi prochain", "fr").future
    assert first("next Friday", "en").future


def test_year_inferred_from_weekday_when_publication_date_is_missing():
    text = "Les combats ont repris le mardi 31 octobre près de la frontière."
    assert infer_publication_date(text, language_data("fr"), date(2026, 11, 25)) == date(2023, 10, 31)
    text = "Fighting resumed on Wednesday, January 8 near the border."
    assert infer_publication_date(text, language_data("en"), date(2026, 11, 25)) == date(2025, 1, 8)
