"""HTML article pages to main text and metadata (trafilatura, readability as fallback)."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura


@dataclass
class ExtractedPage:
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None


def html_to_text(html: str) -> ExtractedPage:
    """Main text of an article page; empty text when the page has none."""
    if not html.strip():
        return ExtractedPage("")
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=False)
    if doc is None:
        return ExtractedPage("")
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    return ExtractedPage(text=get("text") or "", title=get("title"), url=get("url"), published=get("date"))
