"""The REST API against a real `eventfold serve` process on a temporary SQLite store (httpx)."""

from __future__ import annotations

import httpx
import pytest

from conftest import start_server

TOKEN = {"Authorization": "Bearer s3cret"}


def get(base: str, path: str, **params) -> httpx.Response:
    return httpx.get(base + path, params=params, timeout=30)


def test_health_and_stats(server):
    health = get(server, "/api/health").json()
    assert health["status"] == "ok" and health["events"] > 20 and health["writable"] is True
    stats = get(server, "/api/stats").json()
    assert stats["events"] == health["events"]
    assert sum(r["events"] for r in stats["by_type"]) == health["events"]
    assert {r["key"] for r in stats["by_country"]} >= {"SDN", "UKR", "SOM"}
    sudan = get(server, "/api/stats", country="SDN").json()
    assert 0 < sudan["events"] < health["events"] and [r["key"] for r in sudan["by_country"]] == ["SDN"]


def test_filters_narrow_the_events(server):
    everything = get(server, "/api/events", limit=1000).json()["events"]
    n = len(everything)
    cases = {
        "type": lambda e: e["event_type"] == "Protests",
        "country": lambda e: e["location"]["country"] == "UKR",
        "min_fatalities": lambda e: (e["fatalities"] or 0) >= 10,
        "actor": lambda e: "rapid support" in f"{e['actor1']['name']} {(e['actor2'] or {}).get('name')}".lower(),
        "since": lambda e: e["event_date"] >= "2024-05-01",
    }
    params = {"type": "Protests", "country": "UKR", "min_fatalities": 10, "actor": "Rapid Support",
              "since": "2024-05-01"}
    for key, keep in cases.items():
        got = get(server, "/api/events", limit=1000, **{key: params[key]}).json()["events"]
        assert 0 < len(got) < n, key
        assert {e["event_id"] for e in got} == {e["event_id"] for e in everything if keep(e)}, key
    west, south, east, north = 24.0, 11.0, 27.0, 15.0  # Darfur
    got = get(server, "/api/events", bbox=f"{west},{south},{east},{north}").json()["events"]
    assert got and all(south <= e["location"]["lat"] <= north and west <= e["location"]["lon"] <= east for e in got)
    assert get(server, "/api/events", q="livestock").json()["events"]  # words of the evidence


def test_pages_follow_the_cursor_and_geojson(server):
    everything = [e["event_id"] for e in get(server, "/api/events", limit=1000).json()["events"]]
    seen, cursor = [], None
    while True:
        page = get(server, "/api/events", limit=7, **({"cursor": cursor} if cursor else {})).json()
        seen += [e["event_id"] for e in page["events"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == everything
    fc = get(server, "/api/events", format="geojson", limit=5).json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 5
    f = fc["features"][0]
    assert f["geometry"]["coordinates"] == [f["properties"]["location"]["lon"], f["properties"]["location"]["lat"]]


def test_one_event_with_mentions_sources_and_history(server):
    events = get(server, "/api/events", limit=1000).json()["events"]
    merged = max(events, key=lambda e: len(e["sources"]))
    assert len(merged["sources"]) >= 2  # told by several outlets
    detail = get(server, f"/api/events/{merged['event_id']}").json()
    assert len(detail["reports"]) == len(merged["sources"]) == len(detail["source_chain"])
    assert all(m["text"] and m["doc_id"] for m in detail["mentions"])
    m = detail["mentions"][0]
    assert m["trigger_start"] is not None and m["start"] <= m["trigger_start"] < m["trigger_end"] <= m["end"]
    assert isinstance(detail["history"], list)
    missing = get(server, "/api/events/ev-nope")
    assert missing.status_code == 404 and missing.json() == {"error": "no event 'ev-nope'"}


@pytest.mark.parametrize("params", [{"bbox": "1,2"}, {"bbox": "0,50,10,40"}, {"since": "yesterday"},
                                    {"limit": 0}, {"limit": 100000}, {"cursor": "garbage"}, {"format": "xml"},
                                    {"min_fatalities": -1}])
def test_bad_requests_are_clear_json(server, params):
    r = get(server, "/api/events", **params)
    assert r.status_code == 422
    body = r.json()
    assert body["error"] and "Traceback" not in r.text


def test_writing_needs_the_token(server):
    doc = {"id": "api-1", "language": "en", "published": "2024-08-20", "publisher": "API Wire",
           "text": "Gunmen attacked a village near Kidal on Monday, killing seven civilians, residents said."}
    assert httpx.post(server + "/api/documents", json=doc).status_code == 401
    assert httpx.post(server + "/api/documents", json=doc, headers={"Authorization": "Bearer wrong"}).status_code == 401
    r = httpx.post(server + "/api/documents", json=doc, headers=TOKEN, timeout=120)
    assert r.status_code == 200, r.text
    (result,) = r.json()["documents"]
    assert result["status"] == "done" and len(result["created"]) == 1
    ev = get(server, f"/api/events/{result['created'][0]}").json()
    assert ev["location"]["name"] == "Kidal" and ev["fatalities"] == 7
    again = httpx.post(server + "/api/documents", json=doc, headers=TOKEN, timeout=120).json()["documents"][0]
    assert again["status"] == "unchanged" and not again["created"]


@pytest.mark.parametrize("body,status", [(b"{not json", 400), (b"[]", 422), (b'{"id": "x"}', 422),
                                         (b"[" + b",".join([b'{"text": "a"}'] * 51) + b"]", 422),
                                         (b'{"text": "' + b"a" * 5_100_000 + b'"}', 413)])
def test_bad_documents_are_refused_clearly(server, body, status):
    r = httpx.post(server + "/api/documents", content=body, headers={**TOKEN, "Content-Type": "application/json"},
                   timeout=60)
    assert r.status_code == status and r.json()["error"]


def test_without_a_token_writing_is_off(served_store):
    proc, base = start_server(served_store)
    try:
        r = httpx.post(base + "/api/documents", json={"text": "x"}, headers=TOKEN)
        assert r.status_code == 403 and "no token" in r.json()["error"]
        assert httpx.get(base + "/docs").status_code == 200 and httpx.get(base + "/openapi.json").json()["paths"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_several_worker_processes_serve_the_same_store(served_store, server):
    proc, base = start_server(served_store, "--workers", "2")
    try:
        one = get(server, "/api/events", limit=1000).json()["events"]
        pages = [get(base, "/api/events", limit=1000).json()["events"] for _ in range(6)]  # spread over both
        assert one and all([e["event_id"] for e in p] == [e["event_id"] for e in one] for p in pages)
        assert get(base, "/api/health").json()["writable"] is False
    finally:
        proc.terminate()
        proc.wait(timeout=20)
