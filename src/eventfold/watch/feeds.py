"""Feeds to article links: RSS and Atom (feedparser), XML sitemaps and sitemap indexes (lxml)."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from eventfold.read.documents import parse_date


class FeedError(Exception):
    """A feed that cannot be read; the message says why."""


@dataclass(frozen=True)
class Item:
    url: str
    title: str | None = None
    published: str | None = None  # ISO date when the feed gives one


@dataclass
class Parsed:
    items: list[Item]
    sitemaps: list[str]  # a sitemap index names further sitemaps


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sitemap(root) -> Parsed:
    items, children = [], []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        fields = {_local(c.tag): (c.text or "").strip() for c in node.iter() if isinstance(c.tag, str)}
        if not fields.get("loc"):
            continue
        if _local(node.tag) == "sitemap":
            children.append(fields["loc"])
        elif _local(node.tag) == "url":
            when = parse_date(fields.get("publication_date") or fields.get("lastmod"))
            items.append(Item(fields["loc"], fields.get("title"), when.isoformat() if when else None))
    return Parsed(items, children)


def parse_feed(body: bytes, url: str) -> Parsed:
    """The article links of a feed or sitemap, in the order the feed gives them."""
    head = body.lstrip()[:400]
    if b"<urlset" in head or b"<sitemapindex" in head:
        try:
            return _sitemap(etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False, no_network=True)))
        except etree.XMLSyntaxError as e:
            raise FeedError(f"{url}: malformed sitemap XML ({e})") from None
    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.entries:
        why = f"malformed feed ({parsed.bozo_exception})" if parsed.bozo else "no items"
        raise FeedError(f"{url}: {why}")
    items = []
    for e in parsed.entries:
        link = e.get("link")
        if not link:
            continue
        when = e.get("published_parsed") or e.get("updated_parsed")
        items.append(Item(link, e.get("title"), f"{when.tm_year:04d}-{when.tm_mon:02d}-{when.tm_mday:02d}"
                          if when else None))
    return Parsed(items, [])
