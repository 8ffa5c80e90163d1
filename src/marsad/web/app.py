"""The web app: REST API + the offline dashboard, over one Marsad store.

`create_app()` is the factory `marsad serve` and the tests use. Errors never carry a
traceback: validation problems answer 422 with a readable message, anything else 500
with a generic one (the trace goes to the server log).
"""
from __future__ import annotations

import logging
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
    app = FastAPI(title="Marsad API", version="0.1.0", docs_url=None, redoc_url=None,
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
    app.add_middleware(GuardMiddleware, max_body=max_body)
    return app


class _CacheHandle(ResponseCache):
    """ResponseCache as Starlette middleware, registering itself so writes can clear it."""

    def __init__(self, app, caches: list, ttl: float, generation=None):
        super().__init__(app, ttl=ttl, generation=generation)
        caches.append(self)


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
