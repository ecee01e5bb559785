"""Numbers written in digits or words ("15", "1,200", "quinze", "twenty-three", "quatre-vingt-dix",
"des dizaines"), from the language's numbers.toml."""

from __future__ import annotations

import re

from eventfold.language.data import LanguageData
from eventfold.text import fold

_DIGITS = re.compile(r"^\d{1,3}(?:[ ,.\u202f\u00a0]\d{3})+$|^\d+$")
_ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def parse_number(text: str, lang: LanguageData) -> int | None:
    """The value of a number written in digits or in words; None when it is not one."""
    s = fold(text).translate(_ARABIC_INDIC).strip()
    if _DIGITS.match(s):
        return int(re.sub(r"\D", "", s))
    if s in lang.numbers["vague"]:
        return lang.numbers["vague"][s]
    cardinals, multipliers = lang.numbers["cardinals"], lang.numbers["multipliers"]
    pieces = re.split(r"([\s-]+)", s)
    # (word, joined to the previous word by a hyphen)
    parts = [(p, i > 0 and "-" in pieces[i - 1]) for i, p in enumerate(pieces)
             if i % 2 == 0 and p and p not in ("et", "and", "y", "e", "und", "و")]
    if not parts:
        return None
    total = current = 0
    for p, hyphened in parts:
        if p in cardinals:
            value = cardinals[p]
            # "quatre-vingt": a tens word hyphened right after a unit multiplies it ("خمسة وعشرون" adds).
            current = current * value if hyphened and 0 < current < 10 and value in (20,) else current + value
        elif p.rstrip("s") in multipliers:
            mult = multipliers[p.rstrip("s")]
            current = max(current, 1) * mult
            if mult >= 1000:
                total, current = total + current, 0
        else:
            return None
    return total + current
