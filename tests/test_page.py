"""The map page in a real browser: Debian's Chromium driven by Playwright, against a real server.

Skipped when Chromium is absent, unless EVENTFOLD_REQUIRE_BROWSER=1 (as in CI)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def page(server, tmp_path_factory):
    chromium = shutil.which("chromium")
    if not chromium:
        if os.environ.get("EVENTFOLD_REQUIRE_BROWSER") == "1":
            pytest.fail("chromium is not installed but EVENTFOLD_REQUIRE_BROWSER=1 (make system-deps)")
        pytest.skip("no chromium (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport={"width": 1400, "height": 850})
        pg = context.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(server + "/")
        pg.wait_for_selector("body[data-ready=true]", state="attached", timeout=30_000)
        pg.errors = errors
        yield pg
        browser.close()


def shown(pg) -> tuple[int, int]:
    # The status line is rewritten while the page refreshes after a filter: wait for a settled one.
    with contextlib.suppress(Exception):
        pg.wait_for_function("/^\\d+ of \\d+ events/.test(document.querySelector('#status').innerText)",
                             timeout=10_000)
    m = re.match(r"(\d+) of (\d+) events", pg.locator("#status").inner_text())
    assert m, pg.locator("#status").inner_text()
    return int(m[1]), int(m[2])


def test_page_loads_with_markers_and_a_list(page):
    visible, total = shown(page)
    assert visible == total > 20
    markers = page.locator("path.event-marker").count() + page.locator(".marker-cluster").count()
    assert markers > 0 and page.locator("#list li").count() > 0
    assert page.locator("path.country").count() > 100  # offline base layer: country outlines
    assert not page.errors


def test_a_filter_and_a_brush_narrow_the_events(page):
    _, total = shown(page)
    page.select_option("#type", "Protests")
    page.wait_for_function(f"!document.getElementById('status').textContent.endsWith('of {total} events')")
    protests, _ = shown(page)
    assert 0 < protests < total
    page.click("#reset")
    page.wait_for_function(f"document.getElementById('status').textContent === '{total} of {total} events'")
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.99, y, steps=5)
    page.mouse.up()
    brushed, _ = shown(page)
    assert 0 < brushed < total
    assert page.locator("#list li").count() <= brushed
    page.dblclick("#timeline")
    assert shown(page)[0] == total


def test_clicking_an_event_shows_its_evidence(page):
    page.locator("#list li").first.click()
    page.wait_for_selector("#panel:not([hidden]) .evidence")
    evidence = page.locator(".evidence").first
    assert evidence.inner_text().strip()
    assert evidence.locator("mark.trigger").count() == 1
    assert page.locator(".sources li").count() >= 1
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "page.png"))
    assert (OUTPUT / "page.png").stat().st_size > 10_000
