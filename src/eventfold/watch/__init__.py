"""Continuous monitoring: poll RSS/Atom feeds and sitemaps, fetch new articles politely, keep their
raw HTML, extract and merge them into the store, and remember what was done across restarts.

    eventfold watch feeds.toml --db events.db

feeds.toml:

    user_agent = "eventfold (+https://example.org/contact)"
    interval = 900          # seconds between two polls of a feed (per feed: `interval`)
    host_interval = 1.0     # seconds between two requests to one host
    timeout = 20
    [[feed]]
    url = "https://example.org/rss.xml"
    publisher = "Example News"
    language = "fr"         # optional: detected when absent
"""

from __future__ import annotations

import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from eventfold.read import Document, ReadError
from eventfold.read.decode import DecodeError, decode
from eventfold.read.documents import make_document, parse_date
from eventfold.read.html import html_to_text
from eventfold.store import Store
from eventfold.watch.feeds import FeedError, Item, parse_feed
from eventfold.watch.fetch import Fetcher, FetchError

MAX_BACKOFF = 24 * 3600
MAX_SITEMAPS = 20


class ConfigError(Exception):
    """feeds.toml is missing something or has a wrong value; the message names it."""


@dataclass
class Feed:
    url: str
    interval: float
    publisher: str | None = None
    language: str | None = None


@dataclass
class WatchConfig:
    feeds: list[Feed]
    user_agent: str = "eventfold/0.1 (+https://github.com/eventfold/eventfold)"
    host_interval: float = 1.0
    timeout: float = 20.0
    max_bytes: int = 5_000_000
    max_items: int = 200  # per feed and poll: the newest first, as the feed lists them
    max_attempts: int = 3  # an article that keeps failing is given up after this many tries

    @classmethod
    def load(cls, path: str | Path) -> WatchConfig:
        try:
            raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as e:
            raise ConfigError(f"{path}: cannot read ({e.strerror})") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError(f"{path}: not valid TOML ({e})") from None
        interval = float(raw.get("interval", 900))
        feeds = []
        for n, f in enumerate(raw.get("feed", []), 1):
            if not isinstance(f, dict) or not str(f.get("url", "")).startswith(("http://", "https://")):
                raise ConfigError(f"{path}: feed {n} needs a url starting with http:// or https://")
            feeds.append(Feed(f["url"], float(f.get("interval", interval)), f.get("publisher"), f.get("language")))
        if not feeds:
            raise ConfigError(f"{path}: no [[feed]] with a url")
        keys = ("user_agent", "host_interval", "timeout", "max_bytes", "max_items", "max_attempts")
        return cls(feeds, **{k: raw[k] for k in keys if k in raw})


_TABLES = """
CREATE TABLE IF NOT EXISTS watch_feeds (
    url TEXT PRIMARY KEY,
    last_polled {real},
    next_poll {real} NOT NULL,
    etag TEXT,
    last_modified TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE TABLE IF NOT EXISTS watch_items (
    url TEXT PRIMARY KEY,
    feed TEXT NOT NULL,
    first_seen {real} NOT NULL,
    status TEXT NOT NULL,                 -- new | done | failed | disallowed
    attempts INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    doc_id TEXT
);
CREATE TABLE IF NOT EXISTS raw_pages (
    url TEXT PRIMARY KEY,
    final_url TEXT NOT NULL,
    fetched_at {real} NOT NULL,
    content_type TEXT,
    body {blob} NOT NULL
)
"""


@dataclass
class PollReport:
    feeds_polled: int = 0
    feeds_failed: list[str] = field(default_factory=list)
    articles_fetched: int = 0
    articles_failed: int = 0
    disallowed: int = 0
    events_created: int = 0
    events_updated: int = 0


class Watcher:
    def __init__(self, config: WatchConfig, store: Store, log: Callable[[str], None] = lambda _: None,
                 clock: Callable[[], float] = time.time):
        self.config = config
        self.store = store
        self.db = store.db
        self.log = log
        self.clock = clock
        self.fetcher = Fetcher(config.user_agent, config.host_interval, config.timeout, config.max_bytes)
        self._pipeline = None
        with self.db.transaction():
            self.db.script(_TABLES.format(**self.db.types))
            for feed in config.feeds:
                self.db.execute("INSERT INTO watch_feeds (url, next_poll) VALUES (?, 0) ON CONFLICT DO NOTHING",
                                (feed.url,))

    @property
    def pipeline(self):
        if self._pipeline is None:
            from eventfold.pipeline import Pipeline

            self._pipeline = Pipeline()
        return self._pipeline

    def next_due(self) -> float:
        urls = [f.url for f in self.config.feeds]
        row = self.db.execute(f"SELECT MIN(next_poll) FROM watch_feeds WHERE url IN ({', '.join('?' * len(urls))})",
                              urls).fetchone()
        return float(row[0] or 0)

    def poll_due(self) -> PollReport:
        """Poll every feed whose time has come; one feed's failure never stops the others."""
        report = PollReport()
        now = self.clock()
        for feed in self.config.feeds:
            row = self.db.execute("SELECT next_poll, etag, last_modified, failures FROM watch_feeds WHERE url = ?",
                                  (feed.url,)).fetchone()
            if row[0] > now:
                continue
            report.feeds_polled += 1
            try:
                items, etag, modified = self._read_feed(feed, row[1], row[2])
            except (FeedError, FetchError) as e:
                failures = row[3] + 1
                wait = min(MAX_BACKOFF, feed.interval * 2 ** failures)
                self._set_feed(feed.url, now, now + wait, row[1], row[2], failures, str(e))
                report.feeds_failed.append(feed.url)
                self.log(f"feed failed ({failures} in a row, next try in {wait:.0f} s): {e}")
                continue
            self._set_feed(feed.url, now, now + feed.interval, etag, modified, 0, None)
            for item in items[:self.config.max_items]:
                self._take(feed, item, report)
        return report

    def _set_feed(self, url, polled, next_poll, etag, modified, failures, error) -> None:
        with self.db.transaction():
            self.db.execute("UPDATE watch_feeds SET last_polled = ?, next_poll = ?, etag = ?, last_modified = ?, "
                            "failures = ?, last_error = ? WHERE url = ?",
                            (polled, next_poll, etag, modified, failures, error, url))

    def _read_feed(self, feed: Feed, etag: str | None,
                   modified: str | None) -> tuple[list[Item], str | None, str | None]:
        page = self.fetcher.get(feed.url, etag, modified)
        if page.status == 304:
            return [], etag, modified
        parsed = parse_feed(page.body, feed.url)
        items = list(parsed.items)
        for child in parsed.sitemaps[:MAX_SITEMAPS]:
            items += parse_feed(self.fetcher.get(child).body, child).items
        return items, page.etag, page.last_modified

    def _take(self, feed: Feed, item: Item, report: PollReport) -> None:
        row = self.db.execute("SELECT status, attempts FROM watch_items WHERE url = ?", (item.url,)).fetchone()
        if row is not None and (row[0] in ("done", "disallowed") or row[1] >= self.config.max_attempts):
            return  # duplicates across feeds and polls are taken once
        if row is None:
            with self.db.transaction():
                self.db.execute("INSERT INTO watch_items (url, feed, first_seen, status) VALUES (?, ?, ?, 'new')",
                                (item.url, feed.url, self.clock()))
        if not self.fetcher.allowed(item.url):
            self._set_item(item.url, "disallowed", "robots.txt disallows it")
            report.disallowed += 1
            return
        try:
            page = self.fetcher.get(item.url)
        except FetchError as e:
            self._set_item(item.url, "failed", str(e), attempt=True)
            report.articles_failed += 1
            self.log(f"article failed: {e}")
            return
        with self.db.transaction():
            self.db.execute("DELETE FROM raw_pages WHERE url = ?", (item.url,))
            self.db.execute("INSERT INTO raw_pages (url, final_url, fetched_at, content_type, body) "
                            "VALUES (?, ?, ?, ?, ?)", (item.url, page.url, self.clock(), page.content_type, page.body))
        report.articles_fetched += 1
        document = self.make_document(feed, item, page.body)
        result = next(iter(self.pipeline.run([document])))
        added = self.store.add_result(result)
        report.events_created += len(added.created)
        report.events_updated += len(added.updated)
        self._set_item(item.url, "done", result.error or result.skipped, doc_id=item.url)

    def make_document(self, feed: Feed, item: Item, body: bytes) -> Document | ReadError:
        try:
            html = decode(body)
        except DecodeError as e:
            return ReadError(item.url, str(e))
        page = html_to_text(html)
        published = parse_date(item.published) or parse_date(page.published)
        return make_document(item.url, page.text, item.url, title=page.title or item.title, url=item.url,
                         published=published, publisher=feed.publisher, language=feed.language)

    def _set_item(self, url: str, status: str, error: str | None, attempt: bool = False,
                  doc_id: str | None = None) -> None:
        with self.db.transaction():
            self.db.execute("UPDATE watch_items SET status = ?, error = ?, attempts = attempts + ?, "
                            "doc_id = COALESCE(?, doc_id) WHERE url = ?", (status, error, int(attempt), doc_id, url))

    def run(self, once: bool = False, should_stop: Callable[[], bool] = lambda: False) -> None:
        """Poll until stopped (or one round with `once`), sleeping until the next feed is due."""
        while True:
            r = self.poll_due()
            if r.feeds_polled:
                self.log(f"{r.feeds_polled} feeds polled ({len(r.feeds_failed)} failed), "
                         f"{r.articles_fetched} articles fetched ({r.articles_failed} failed, {r.disallowed} "
                         f"disallowed by robots.txt), {r.events_created} new events, {r.events_updated} updated")
            if once or should_stop():
                return
            time.sleep(min(60.0, max(1.0, self.next_due() - self.clock())))

    def close(self) -> None:
        self.fetcher.close()
