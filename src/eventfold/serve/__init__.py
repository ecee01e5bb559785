"""The web service: a REST API over the event store and the map page at `/`.

    eventfold serve --db events.db [--host 127.0.0.1] [--port 8000] [--token SECRET] [--tiles URL]

Reading is open; writing (`POST /api/documents`) needs the operator's bearer token and is off
when none is configured.
"""

from __future__ import annotations

import hmac
import json
import os
import threading
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from eventfold import __version__
from eventfold.event import Event
from eventfold.read.documents import record_to_document
from eventfold.store import EventFilter, open_store

STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY_BYTES = 5_000_000
MAX_DOCUMENTS = 50
MAX_PAGE = 1000


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        w, s, e, n = (float(x) for x in value.split(","))
    except ValueError:
        raise HTTPException(422, "bbox must be four numbers: west,south,east,north") from None
    if not (-180 <= w <= 180 and -180 <= e <= 180 and -90 <= s <= n <= 90):
        raise HTTPException(422, "bbox out of range: west,south,east,north in degrees, south <= north")
    return w, s, e, n


async def event_filter(  # async: no thread hop per request for parsing a query string
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees")] = None,
    since: Annotated[date | None, Query(description="first event date, YYYY-MM-DD")] = None,
    until: Annotated[date | None, Query(description="last event date, YYYY-MM-DD")] = None,
    type: Annotated[str | None, Query(description="ACLED event type")] = None,  # noqa: A002 - the API's word
    sub_type: Annotated[str | None, Query(description="ACLED sub-event type")] = None,
    actor: Annotated[str | None, Query(description="actor1 or actor2 name contains")] = None,
    country: Annotated[str | None, Query(min_length=3, max_length=3, description="ISO3 code")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0)] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in notes or evidence")] = None,
) -> EventFilter:
    return EventFilter(since=since, until=until, country=country, event_type=type, sub_event_type=sub_type,
                       actor=actor, bbox=_bbox(bbox), min_fatalities=min_fatalities, text=q)


def geojson_feature(row: tuple[str, float, float, str]) -> str:
    """A GeoJSON Feature around a stored event's JSON (its properties), without re-encoding it."""
    event_id, lat, lon, data = row
    return (f'{{"type": "Feature", "id": {json.dumps(event_id)}, "geometry": {{"type": "Point", '
            f'"coordinates": [{lon!r}, {lat!r}]}}, "properties": {data}}}')


def source_chain(ev: Event) -> list[str]:
    """ "Press TV citing Al Mayadeen" for each source: who published, and whom they cite."""
    out = []
    for s in ev.sources:
        who = s.publisher or s.doc_id
        out.append(f"{who} citing {', '.join(s.attributed_to)}" if s.attributed_to else who)
    return out


def create_app(db: str | Path | None = None, token: str | None = None, tile_url: str | None = None) -> FastAPI:
    app = FastAPI(title="eventfold", version=__version__,
                  description="Conflict and protest events extracted from news reports, ACLED-compatible.")
    store = open_store(db)
    lock = threading.Lock()  # one writer at a time; SQLite and psycopg connections are not shared across requests
    state: dict[str, Any] = {}

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in exc.errors()]
        return JSONResponse({"error": "invalid request", "details": errors}, status_code=422)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"error": "internal error; the server log has the details"}, status_code=500)

    @app.get("/api/health")
    def health() -> dict[str, Any]:
        with lock:
            return {"status": "ok", "version": __version__, "events": store.count(),
                    "writable": bool(token)}

    # async: the page is a few indexed reads under the lock, cheaper than a worker thread's hand-off.
    @app.get("/api/events")
    async def events(where: Annotated[EventFilter, Depends(event_filter)],
               limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
               cursor: Annotated[str | None, Query(max_length=200)] = None,
               format: Annotated[str, Query(pattern="^(json|geojson)$")] = "json"):  # noqa: A002
        try:
            with lock:
                page, next_cursor = store.page_json(where, limit, cursor)
        except ValueError as e:
            raise HTTPException(422, str(e)) from None
        # The stored JSON goes out as it is: parsing and re-encoding it would be most of the work.
        tail = f'], "next_cursor": {json.dumps(next_cursor)}}}'
        if format == "geojson":
            body = '{"type": "FeatureCollection", "features": [' + ", ".join(map(geojson_feature, page)) + tail
        else:
            body = '{"events": [' + ", ".join(data for *_, data in page) + tail
        return Response(body, media_type="application/json")

    @app.get("/api/events/{event_id}")
    def event(event_id: str) -> dict[str, Any]:
        with lock:
            ev = store.get(event_id)
            if ev is None:
                raise HTTPException(404, f"no event {event_id!r}")
            reports = store.reports(event_id)
            history = store.history(event_id)
        out = ev.to_dict()
        out["source_chain"] = source_chain(ev)
        out["reports"] = [{"doc_id": r.sources[0].doc_id, "publisher": r.sources[0].publisher,
                           "event_date": r.event_date.isoformat(), "fatalities": r.fatalities,
                           "location": r.location.name, "actor1": r.actor1.name,
                           "actor2": r.actor2.name if r.actor2 else None} for r in reports]
        out["history"] = history
        return out

    @app.get("/api/stats")
    def stats(where: Annotated[EventFilter, Depends(event_filter)]) -> dict[str, Any]:
        with lock:
            return {"events": store.count(where), **store.stats(where)}

    def authorised(authorization: Annotated[str | None, Header()] = None) -> None:
        if not token:
            raise HTTPException(403, "writing is off: the operator has set no token (--token or EVENTFOLD_TOKEN)")
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not authorization or not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    @app.post("/api/documents", dependencies=[Depends(authorised)])
    async def documents(request: Request) -> dict[str, Any]:
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            raise HTTPException(413, f"request body over {MAX_BODY_BYTES:,} bytes; send fewer documents at a time")
        try:
            payload = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise HTTPException(400, f"body is not JSON: {e}") from None
        records = payload if isinstance(payload, list) else [payload]
        if not records or len(records) > MAX_DOCUMENTS:
            raise HTTPException(422, f"send between 1 and {MAX_DOCUMENTS} documents")
        docs = [record_to_document(r, f"document {i}", f"api-{i}") for i, r in enumerate(records)]
        errors = [str(d) for d in docs if not hasattr(d, "text")]
        if errors:
            raise HTTPException(422, "; ".join(errors))
        return {"documents": _extract(docs)}

    def _extract(docs) -> list[dict[str, Any]]:
        from eventfold.pipeline import Pipeline

        with lock:
            if "pipeline" not in state:
                state["pipeline"] = Pipeline()
            out = []
            for res in state["pipeline"].run(docs):
                added = store.add_result(res)
                out.append({"id": res.doc_id, "status": added.status, "reason": res.skipped or res.error,
                            "created": added.created, "updated": added.updated})
            return out

    @app.get("/api/config")
    def config() -> dict[str, Any]:
        return {"tile_url": tile_url}

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.state.store = store
    return app


def serve(db: str | None, host: str, port: int, token: str | None, tile_url: str | None, workers: int = 1) -> None:
    """Run the service; with several workers, each process opens the store itself (SQLite in WAL
    mode reads in parallel, writes one at a time)."""
    import uvicorn

    if workers <= 1:
        uvicorn.run(create_app(db, token, tile_url), host=host, port=port, log_level="warning")
        return
    os.environ.update({k: v for k, v in (("EVENTFOLD_SERVE_DB", db), ("EVENTFOLD_SERVE_TOKEN", token),
                                         ("EVENTFOLD_SERVE_TILES", tile_url)) if v})
    uvicorn.run("eventfold.serve:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning")


def app_from_environment() -> FastAPI:
    """The app of one worker process of `serve(workers=N)`."""
    return create_app(os.environ.get("EVENTFOLD_SERVE_DB"), os.environ.get("EVENTFOLD_SERVE_TOKEN"),
                      os.environ.get("EVENTFOLD_SERVE_TILES"))
