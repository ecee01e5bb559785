"""Small text helpers shared by every stage."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})
_DASHES = str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-"})
# Letters that Unicode does not decompose into a base and an accent: "Kamışlı" is "Kamisli".
_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d",
                               "ħ": "h"})
# Arabic: tatweel, harakat and Quranic marks carry no lexical difference for matching.
_ARABIC_MARKS = re.compile("[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


# Arabic-Indic and Persian digits have one ASCII digit each: same length, so offsets hold.
ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)


@lru_cache(maxsize=500_000)
def fold(s: str) -> str:
    """Casefolded, accent-free form used for every lexical comparison (cached: words repeat)."""
    s = s.translate(_APOSTROPHES).translate(_DASHES).translate(_UNDECOMPOSED)
    s = _ARABIC_MARKS.sub("", s).translate(_ARABIC_FOLD)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.casefold()


def words(s: str) -> list[str]:
    """Folded word list: letters and digits, apostrophe-elided articles split off ("l'", "d'"), and
    suffixes after an apostrophe kept as the tokenizer keeps them ("Kilis'e": "kilis", "'e")."""
    return re.findall(r"\w+'|(?<!\w)'\w+|\w+(?:-\w+)*", fold(s))
