"""Bytes to text, with encoding detection and a clear refusal of binary data."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class DecodeError(ValueError):
    pass


def decode(data: bytes) -> str:
    """Decode news text of unknown encoding; raise DecodeError for binary or undecodable input."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    if b"\x00" in data[:8192]:
        raise DecodeError("binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise DecodeError("undecodable bytes: no text encoding fits")
    text = data.decode(best.encoding, errors="replace")
    controls = sum(1 for c in text[:10_000] if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > len(text[:10_000]) * 0.01:
        raise DecodeError("binary data (control characters), not text")
    return text
