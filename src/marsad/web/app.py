"""The web app: REST API + the offline dashboard, over one Marsad store.

`create_app()` is the factory `marsad serve` and the tests use. Errors never carry a
traceback: validation problems answer 422 with a readable message, anything else 500
with a generic one (the trace goes to the server log).
"""
from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from .api import readable_errors, router
from .cache import ResponseCache, sqlite_generation
from .guards import DEFAULT_MAX_BODY, GuardMiddleware

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("marsad.web")


def create_app(store_url: str | None = None, token: str | None = None, *, store: Any = None,
               max_body: int = DEFAULT_MAX_BODY, pipeline: Any = None, cache_ttl: float = 0.0) -> FastAPI:
    """Build the app over `store` (an opened store) or `open_store(store_url)`.

    `token`, when set, is required (as `Authorization: Bearer …`) by write endpoints.
    `cache_ttl` > 0 keeps read responses that long (see cache.py); `marsad serve` turns it on.
    """
    if store is None:
        from ..corpus.store import open_store
        store = open_store(store_url)
    app = FastAPI(title="Marsad API", version="0.1.0", docs_url=None, redoc_url=None, lifespan=_prewarm_lifespan,
                  description="Arabic news as structured, evidence-linked event data: articles, "
                              "events, incidents, search and export over a Marsad store.")
    app.state.store = store
    app.state.token = token or None
    app.state.pipeline = _pipeline_factory(pipeline)
    caches: list[ResponseCache] = []
    app.state.on_write = lambda: [c.clear() for c in caches]
    app.include_router(router)
    _add_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> FileResponse:
        """Swagger UI from vendored assets (FastAPI's default page pulls them from a CDN)."""
        return FileResponse(STATIC / "docs.html", headers={"Cache-Control": "no-cache"})

    app.add_middleware(GZipMiddleware, minimum_size=4096, compresslevel=4)   # small answers: not worth the CPU
    if cache_ttl > 0:
        app.add_middleware(_CacheHandle, caches=caches, ttl=cache_ttl, generation=sqlite_generation(store))
    app.state.cache_stats = lambda: caches[0].stats() if caches else None
    app.state.cache_on = cache_ttl > 0
    app.add_middleware(GuardMiddleware, max_body=max_body)
    return app


class _CacheHandle(ResponseCache):
    """ResponseCache as Starlette middleware, registering itself so writes can clear it."""

    def __init__(self, app, caches: list, ttl: float, generation=None):
        super().__init__(app, ttl=ttl, generation=generation)
        caches.append(self)


# what the dashboard asks on landing (app.js: loadOverview, moreIncidents, loadResults, loadStats)
# plus the API's default first pages: answered once at startup, so the first visitor is served from memory
LANDING = [("/health", b""), ("/timeline", b""), ("/articles", b"limit=20&offset=0"), ("/events", b""),
           ("/incidents", b""), *(("/incidents", f"limit=500&offset={o}".encode()) for o in range(500, 3000, 500)),
           ("/incidents", b"limit=500")]


@asynccontextmanager
async def _prewarm_lifespan(app: FastAPI):
    """With the cache on, fill it in the background with the landing requests (never blocks startup)."""
    task = asyncio.create_task(prewarm(app)) if getattr(app.state, "cache_on", False) else None
    yield
    if task is not None and not task.done():
        task.cancel()


async def prewarm(app: FastAPI) -> int:
    """Run the LANDING requests through the whole app (cache included); returns how many answered 200."""
    ok = 0
    for path, query in LANDING:
        status: list[int] = []

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message, status=status):
            if message["type"] == "http.response.start":
                status.append(message["status"])
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
                 "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "",
                 "query_string": query, "headers": [(b"host", b"127.0.0.1"), (b"accept-encoding", b"gzip")],
                 "client": ("127.0.0.1", 0), "server": ("127.0.0.1", 0), "state": {}}
        try:
            await app(scope, receive, send)
        except Exception:  # noqa: BLE001 - warming is best effort
            log.warning("prewarm of %s failed", path, exc_info=True)
        ok += status[:1] == [200]
    return ok


CONFIG_ENV = "MARSAD_WEB_CONFIG"


def create_app_from_env() -> FastAPI:
    """Factory for server worker processes (`marsad serve --workers N`): the settings
    travel in $MARSAD_WEB_CONFIG as JSON, since each worker imports the app afresh."""
    import json
    import os
    cfg = json.loads(os.environ.get(CONFIG_ENV) or "{}")
    return create_app(cfg.get("store_url"), cfg.get("token"), max_body=cfg.get("max_body", DEFAULT_MAX_BODY),
                      cache_ttl=cfg.get("cache_ttl", 0.0))


def _pipeline_factory(pipeline: Any):
    """The pipeline is built on first use, so serving read-only never loads models."""
    holder: list[Any] = [pipeline]

    def get():
        if holder[0] is None:
            from ..pipeline import Pipeline
            holder[0] = Pipeline()
        return holder[0]
    return get


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = readable_errors(exc.errors())
        message = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "invalid request"
        return JSONResponse(status_code=422, content={"error": "invalid request", "detail": message,
                                                      "errors": errors})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(status_code=exc.status_code, headers=getattr(exc, "headers", None),
                            content={"error": _REASONS.get(exc.status_code, "error"), "detail": exc.detail})

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse(status_code=500, content={"error": "internal error",
                                                      "detail": "the server failed; see its log"})


_REASONS = {400: "bad request", 401: "unauthorized", 404: "not found", 405: "method not allowed",
            413: "request too large", 415: "unsupported media type", 422: "invalid request", 501: "not implemented"}
