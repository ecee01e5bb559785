"""Polite HTTP: robots.txt, a minimum interval between requests to one host, size limits."""

from __future__ import annotations

import time
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

MAX_REDIRECTS = 5


class FetchError(Exception):
    """A page that could not be fetched; the message names it and says why."""


@dataclass
class Page:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    etag: str | None = None
    last_modified: str | None = None


class Fetcher:
    def __init__(self, user_agent: str, host_interval: float, timeout: float, max_bytes: int):
        self.user_agent = user_agent
        self.host_interval = host_interval
        self.max_bytes = max_bytes
        self.client = httpx.Client(follow_redirects=False, timeout=timeout, headers={"User-Agent": user_agent})
        self._last: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}

    def _wait(self, host: str) -> None:
        ready = self._last.get(host, 0.0) + self.host_interval
        now = time.monotonic()
        if now < ready:
            time.sleep(ready - now)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        """What the host's robots.txt says of this URL for our user agent (allowed when it has none)."""
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        rp = self._robots.get(base)
        if rp is None:
            rp = urllib.robotparser.RobotFileParser()
            try:
                self._wait(parts.netloc)
                r = self.client.get(base + "/robots.txt")
                lines = r.text.splitlines() if r.status_code == 200 else []
                if r.status_code in (401, 403):
                    rp.disallow_all = True
            except httpx.HTTPError:
                lines = []
            rp.parse(lines)
            self._robots[base] = rp
        return rp.can_fetch(self.user_agent, url)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Page:
        """GET with conditional headers; redirects are followed one hop at a time, each hop waiting
        its turn for its host like any other request."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        target = url
        try:
            for _ in range(MAX_REDIRECTS + 1):
                self._wait(urlsplit(target).netloc)
                with self.client.stream("GET", target, headers=headers) as r:
                    if r.is_redirect and "location" in r.headers:
                        target = str(r.url.join(r.headers["location"]))
                        continue
                    body = b""
                    if r.status_code == 200:
                        for chunk in r.iter_bytes():
                            body += chunk
                            if len(body) > self.max_bytes:
                                raise FetchError(f"{url}: larger than {self.max_bytes:,} bytes")
                    elif r.status_code != 304:
                        raise FetchError(f"{url}: HTTP {r.status_code}")
                    return Page(str(r.url), r.status_code, r.headers.get("content-type", ""), body,
                                r.headers.get("etag"), r.headers.get("last-modified"))
            raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")
        except httpx.TimeoutException:
            raise FetchError(f"{url}: timed out") from None
        except httpx.HTTPError as e:
            raise FetchError(f"{url}: {type(e).__name__}: {e}") from None

    def close(self) -> None:
        self.client.close()
