"""The feed watcher end to end, against a real HTTP server on loopback serving feeds and articles
written for these tests: RSS, Atom, a sitemap index, duplicates, a redirect, robots.txt, broken,
missing and slow feeds."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eventfold.store import open_store
from eventfold.watch import Feed, WatchConfig, Watcher

ARTICLES = {
    "/news/fasher.html": ("Drone strike on El Fasher market", "2025-02-11",
                          "A drone strike by the Rapid Support Forces hit a crowded market in El Fasher on Tuesday, "
                          "killing at least 12 civilians, local medics said."),
    "/news/dakar.html": ("Police disperse protest in Dakar", "2024-02-10",
                         "Police fired tear gas on Friday to disperse hundreds of protesters in Dakar who were "
                         "demonstrating against the postponement of the presidential election."),
    "/news/goma.html": ("Bombs hit camps near Goma", "2024-05-04",
                        "Bombs hit two displacement camps on the outskirts of Goma on Friday, killing at least 12 "
                        "people, the Congolese army said, blaming M23 rebels."),
    "/news/kidal.html": ("Fighting near Kidal", "2024-10-02",
                         "Heavy fighting broke out on Tuesday between the Malian army and CSP rebels near Kidal, "
                         "local sources said."),
    "/private/secret.html": ("Not for robots", "2024-10-02",
                             "Gunmen attacked a village near Gao on Monday, killing five civilians."),
}


def page(title: str, day: str, text: str) -> bytes:
    return (f"<!doctype html><html><head><title>{title}</title><meta property='article:published_time' "
            f"content='{day}'></head><body><nav>Home | World | Share</nav><article><h1>{title}</h1>"
            f"<p>{text}</p><p>The report could not be independently verified.</p></article>"
            f"<footer>© Test Wire</footer></body></html>").encode()


def rss(base: str) -> bytes:
    items = "".join(f"<item><title>t</title><link>{base}{p}</link><pubDate>{d}</pubDate></item>" for p, d in (
        ("/news/fasher.html", "Tue, 11 Feb 2025 10:00:00 GMT"), ("/news/dakar.html", "Sat, 10 Feb 2024 10:00:00 GMT"),
        ("/private/secret.html", "Wed, 02 Oct 2024 10:00:00 GMT"), ("/redirect/goma", "Sat, 04 May 2024 10:00:00 GMT")))
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Wire</title>{items}</channel></rss>".encode()


def atom(base: str) -> bytes:
    entries = "".join(f"<entry><title>t</title><link href='{base}{p}'/><id>{p}</id><updated>2024-10-02T10:00:00Z"
                      f"</updated></entry>" for p in ("/news/dakar.html", "/news/kidal.html"))
    return (f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Atom</title>{entries}"
            "</feed>").encode()


def sitemaps(base: str) -> dict[str, bytes]:
    ns = "http://www.sitemaps.org/schemas/sitemap/0.9"
    return {
        "/sitemap.xml": f"<sitemapindex xmlns='{ns}'><sitemap><loc>{base}/sitemap-news.xml</loc></sitemap>"
                        "</sitemapindex>".encode(),
        "/sitemap-news.xml": f"<urlset xmlns='{ns}'><url><loc>{base}/news/kidal.html</loc><lastmod>2024-10-02"
                             "</lastmod></url></urlset>".encode(),
    }


class Site:
    def __init__(self):
        self.requests: list[tuple[str, float]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def handle(self):
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    super().handle()  # the client gives up on the slow feed, as it should

            def do_GET(self):
                site.requests.append((self.path, time.monotonic()))
                base = f"http://127.0.0.1:{self.server.server_address[1]}"
                routes = {"/robots.txt": b"User-agent: *\nDisallow: /private/\n", "/rss.xml": rss(base),
                          "/atom.xml": atom(base), "/broken.xml": b"<html><body>Service unavailable</body></html>",
                          **sitemaps(base), **{p: page(*a) for p, a in ARTICLES.items()}}
                if self.path == "/slow.xml":
                    time.sleep(2.5)
                if self.path == "/redirect/goma":
                    self.send_response(301)
                    self.send_header("Location", "/news/goma.html")
                    self.end_headers()
                    return
                body = routes.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8" if self.path.endswith(".html")
                                 else "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def count(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


@pytest.fixture
def site():
    s = Site()
    yield s
    s.server.shutdown()


def config(site: Site) -> WatchConfig:
    feeds = [Feed(site.base + p, 600, "Test Wire", "en") for p in
             ("/rss.xml", "/atom.xml", "/sitemap.xml", "/broken.xml", "/missing.xml", "/slow.xml")]
    return WatchConfig(feeds, host_interval=0.05, timeout=1.0)


def test_watch_fetches_extracts_and_survives_restarts(site: Site, tmp_path: Path):
    db = tmp_path / "events.db"
    clock = [1_000_000.0]
    with open_store(db) as store:
        watcher = Watcher(config(site), store, clock=lambda: clock[0])
        report = watcher.poll_due()
        watcher.close()
        assert report.feeds_polled == 6
        assert sorted(report.feeds_failed) == sorted(site.base + p for p in ("/broken.xml", "/missing.xml",
                                                                            "/slow.xml"))
        # Each article once, whatever the number of feeds listing it; robots.txt keeps /private/ out.
        assert report.articles_fetched == 4 and report.disallowed == 1
        for path in ("/news/dakar.html", "/news/kidal.html", "/news/fasher.html", "/news/goma.html"):
            assert site.count(path) == 1
        assert site.count("/private/secret.html") == 0
        places = {e.location.name for e in store.events()}
        assert {"El Fasher", "Dakar", "Goma"} <= places
        raw = store.db.execute("SELECT final_url, body FROM raw_pages WHERE url = ?",
                               (site.base + "/redirect/goma",)).fetchone()
        assert raw[0] == site.base + "/news/goma.html" and b"displacement camps" in bytes(raw[1])
        failed = dict(store.db.execute("SELECT url, failures FROM watch_feeds WHERE failures > 0").fetchall())
        assert set(failed) == set(report.feeds_failed) and set(failed.values()) == {1}
        events_before = store.count()

    # A restart, later: feeds are polled again, but nothing already done is fetched or processed again.
    clock[0] += 900
    fetched = {p: site.count(p) for p in ARTICLES}
    with open_store(db) as store:
        watcher = Watcher(config(site), store, clock=lambda: clock[0])
        report = watcher.poll_due()
        watcher.close()
        # The working feeds are due again; the failing ones back off (twice their interval).
        assert report.feeds_polled == 3 and report.articles_fetched == 0
        assert {p: site.count(p) for p in ARTICLES} == fetched
        assert store.count() == events_before


def test_requests_to_one_host_keep_their_distance(site: Site, tmp_path: Path):
    cfg = config(site)
    cfg.host_interval = 0.3
    cfg.feeds = cfg.feeds[:1]
    with open_store(tmp_path / "events.db") as store:
        watcher = Watcher(cfg, store)
        watcher.poll_due()
        watcher.close()
    times = [t for _, t in site.requests]
    assert len(times) >= 5
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.29


def test_a_bad_feeds_file_is_one_clear_line(tmp_path: Path):
    bad = tmp_path / "feeds.toml"
    bad.write_text("[[feed]]\nurl = 'ftp://example.org/feed'\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "eventfold.cli", "watch", str(bad), "--db", str(tmp_path / "e.db"),
                          "--once"], capture_output=True, text=True)
    assert res.returncode == 2
    assert res.stderr.strip().count("\n") == 0 and "feed 1 needs a url" in res.stderr and str(bad) in res.stderr
