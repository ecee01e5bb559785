"""Place-name keys: an exact normalised key and a transliteration-tolerant consonant skeleton.

"Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor" and "دير الزور" share the skeleton "drzr";
"Albou Kamal", "Boukamal" and "Abu Kamal" share "bkml". The skeleton only proposes
candidates; they are confirmed by comparing the exact keys (see places.gazetteer).
"""

from __future__ import annotations

import re

from eventfold.text import fold

# Articles and particles that transliterations attach, drop or fuse at will.
_ARTICLES = {"al", "el", "al-", "el-", "ad", "ar", "as", "ash", "at", "az", "an", "ath", "adh", "ed", "er",
             "es", "esh", "et", "ez", "en", "l", "the", "le", "la", "les", "de", "du", "des", "d", "of"}
_FUSED_ARTICLE = re.compile(r"^(?:a|e)(?:l|d|r|s|sh|t|z|n)(?=[bcdfghjklmnpqrstvwxz])")
# Latin letter classes that transliterations swap (k/q/c, j/g/dj, ou/u/w, ph/f, kh/h ...).
_DIGRAPHS = (("sch", "s"), ("tch", "c"), ("dj", "j"), ("dh", "d"), ("gh", "g"), ("kh", "h"), ("ph", "f"),
             ("sh", "s"), ("ch", "s"), ("th", "t"), ("zh", "j"), ("ck", "k"), ("ou", "u"))
_LETTER_CLASS = str.maketrans({"q": "k", "c": "k", "g": "j", "z": "s", "x": "ks", "v": "f", "p": "b", "'": "", "`": ""})
_VOWELS = re.compile(r"[aeiouyw]")
_ARABIC = str.maketrans({
    "ا": "", "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "h", "د": "d", "ذ": "d", "ر": "r",
    "ز": "s", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "d", "ع": "", "غ": "j", "ف": "f",
    "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "", "ي": "", "ء": "", "پ": "b",
    "چ": "j", "ژ": "j", "گ": "j", "ک": "k", "ی": "",
})
_CYRILLIC = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "sh", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "u", "я": "a",
})


def name_key(name: str) -> str:
    """Exact key: folded, punctuation and hyphens as spaces."""
    return " ".join(re.findall(r"\w+", fold(name).replace("'", " ")))


def bare_key(key: str) -> str:
    """An exact key without its leading articles ("al shaddadi" -> "shaddadi")."""
    toks = key.split()
    while len(toks) > 1 and toks[0] in _ARTICLES:
        toks = toks[1:]
    return " ".join(toks)


def skeleton_key(name: str) -> str:
    """Consonant skeleton, tolerant of transliteration, articles and vowels."""
    toks = name_key(name).split()
    toks = [t for t in toks if t not in _ARTICLES] or toks
    out = []
    for t in toks:
        if any("\u0600" <= c <= "\u06ff" for c in t):
            if t.startswith("ال") and len(t) > 3:
                t = t[2:]
            if t[:1] in "وبلف" and t[1:3] == "ال":
                t = t[3:]
            t = t.translate(_ARABIC)
            out.append(t[:-1] if len(t) > 2 and t.endswith("h") else t)
            continue
        t = t.translate(_CYRILLIC)
        t = _FUSED_ARTICLE.sub("", t) if len(t) > 4 else t
        for a, b in _DIGRAPHS:
            t = t.replace(a, b)
        if len(t) > 3 and t.endswith("h") and t[-2] in "aeiou":
            t = t[:-1]  # ta marbuta: Hasakah / Hassaké
        t = _VOWELS.sub("", t.translate(_LETTER_CLASS))
        out.append(t)
    s = "".join(out)
    return re.sub(r"(.)\1+", r"\1", s)
