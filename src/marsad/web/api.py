"""REST routes over a Marsad store: read endpoints are open, `POST /analyze` may need a token.

Handlers are plain `def`s (run in the server's thread pool) because the store is a
blocking database client. Every list answers `{items, limit, offset, next_offset}`.
"""
from __future__ import annotations

import hmac
from enum import Enum
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from ..errors import InputError
from .filters import filter_params
from .submission import article_from_text, article_from_upload

router = APIRouter()

Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="items to skip")]


class ExportKind(str, Enum):
    events = "events"
    incidents = "incidents"
    articles = "articles"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


MEDIA_TYPES = {"jsonl": "application/x-ndjson; charset=utf-8", "csv": "text/csv; charset=utf-8",
               "geojson": "application/geo+json; charset=utf-8"}


class AnalyzeText(BaseModel):
    """A pasted article. With layout `auto` a seed-layout text gives its own title and date."""
    text: str = Field(min_length=1, description="article text (or HTML with layout=html)")
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, max_length=40, description="YYYY-MM-DD[THH:MM:SS]")
    url: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=200)
    id: str | None = Field(default=None, max_length=200)
    layout: Literal["auto", "body", "html"] = Field(
        default="auto", description="auto: seed layout (title, dateline, body, tags) if present; body: all text; html")


try:
    import orjson

    def encode_json(obj: Any) -> bytes:
        return orjson.dumps(obj, option=orjson.OPT_NON_STR_KEYS)
except ImportError:  # pragma: no cover - orjson is optional
    import json

    def encode_json(obj: Any) -> bytes:
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


class FastJSON(JSONResponse):
    """Read answers are the store's plain JSON data: encode them straight to bytes, skipping
    FastAPI's per-field jsonable_encoder/pydantic pass (≈10 ms for a page of 100 events)."""

    def render(self, content: Any) -> bytes:
        return encode_json(content)


def store_of(request: Request):
    return request.app.state.store


def page(items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(items) >= limit else None}


def require_token(request: Request) -> None:
    """Write endpoints: when the app has a token, the caller must send it as a Bearer token."""
    expected = request.app.state.token
    if not expected:
        return
    header = request.headers.get("authorization", "")
    given = header[7:] if header.lower().startswith("bearer ") else request.headers.get("x-marsad-token", "")
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(status_code=401, detail="this endpoint needs the server's token",
                            headers={"WWW-Authenticate": "Bearer"})


@router.get("/health", tags=["meta"], summary="liveness and store counts")
def health(store=Depends(store_of)) -> dict[str, Any]:
    return FastJSON({"status": "ok", "stats": store.stats()})


@router.get("/articles", tags=["articles"], summary="article summaries, newest first")
def list_articles(limit: Limit = 50, offset: Offset = 0, filters=Depends(filter_params),
                  store=Depends(store_of)) -> dict[str, Any]:
    return FastJSON(page(store.list_articles(filters, limit=limit, offset=offset), limit, offset))


@router.get("/articles/{article_id:path}", tags=["articles"], summary="one full Article record (ids may contain /)",
            responses={404: {"description": "no such article"}})
def get_article(article_id: Annotated[str, Path(max_length=200)], store=Depends(store_of)) -> dict[str, Any]:
    rec = store.get_article(article_id)
    if rec is None:
        raise HTTPException(status_code=404, detail="no such article")
    return FastJSON(rec)


@router.get("/events", tags=["events"], summary="coded events with their article and incident ids")
def list_events(limit: Limit = 100, offset: Offset = 0, filters=Depends(filter_params),
                store=Depends(store_of)) -> dict[str, Any]:
    return FastJSON(page(store.list_events(filters, limit=limit, offset=offset), limit, offset))


@router.get("/incidents", tags=["events"], summary="incidents: reports of one real event merged")
def list_incidents(limit: Limit = 100, offset: Offset = 0, filters=Depends(filter_params),
                   store=Depends(store_of)) -> dict[str, Any]:
    return FastJSON(page(store.list_incidents(filters, limit=limit, offset=offset), limit, offset))


@router.get("/search", tags=["articles"], summary="full-text search (Arabic-normalized) with filters")
def search(q: Annotated[str, Query(min_length=1, max_length=500, description="search words")],
           limit: Annotated[int, Query(ge=1, le=100)] = 20, offset: Offset = 0,
           filters=Depends(filter_params), store=Depends(store_of)) -> dict[str, Any]:
    if not q.strip():
        raise HTTPException(status_code=422, detail="q: give at least one search word")
    return FastJSON(page(store.search(q, filters, limit=limit, offset=offset), limit, offset))


@router.get("/export", tags=["export"], summary="download events, incidents or articles",
            response_class=StreamingResponse,
            responses={200: {"content": {m.split(";")[0]: {} for m in MEDIA_TYPES.values()}}})
def export(kind: ExportKind = ExportKind.events, format: ExportFormat = ExportFormat.jsonl,
           filters=Depends(filter_params), store=Depends(store_of)) -> StreamingResponse:
    try:
        chunks = store.export(kind.value, format.value, filters)
    except (ImportError, NotImplementedError):
        raise HTTPException(status_code=501, detail="export is not available in this build") from None
    ext = "geojson" if format is ExportFormat.geojson else format.value
    return StreamingResponse(chunks, media_type=MEDIA_TYPES[format.value],
                             headers={"Content-Disposition": f'attachment; filename="marsad-{kind.value}.{ext}"'})


ANALYZE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": AnalyzeText.model_json_schema()},
            "multipart/form-data": {"schema": {
                "type": "object", "required": ["file"],
                "properties": {"file": {"type": "string", "format": "binary"},
                               "title": {"type": "string"}, "published": {"type": "string"},
                               "url": {"type": "string"}, "source": {"type": "string"}}}},
        },
    }
}


@router.post("/analyze", tags=["analyze"], summary="analyze pasted text or an uploaded file",
             dependencies=[Depends(require_token)], openapi_extra=ANALYZE_BODY,
             responses={401: {"description": "token required"}, 413: {"description": "over the size limit"},
                        422: {"description": "not an article"}})
async def analyze(request: Request, store: bool = Query(False, description="also add the record to the store")
                  ) -> dict[str, Any]:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if ctype == "multipart/form-data":
            item = await _item_from_form(request)
        elif ctype in ("application/json", ""):
            item = _item_from_json(await request.body())
        else:
            raise HTTPException(status_code=415, detail="send JSON {\"text\": ...} or a multipart file upload")
    except InputError as e:
        raise HTTPException(status_code=422, detail=str(e)) from None
    from starlette.concurrency import run_in_threadpool
    record = await run_in_threadpool(_analyze_and_store, request.app, item, store)
    return record


def _item_from_json(raw: bytes) -> dict[str, Any]:
    from pydantic import ValidationError
    try:
        body = AnalyzeText.model_validate_json(raw or b"null")
    except ValidationError as e:
        raise HTTPException(status_code=422, detail=_readable(e.errors(), "body")) from None
    fields = body.model_dump(exclude={"text", "layout"})
    return article_from_text(body.text, fields, body.layout)


async def _item_from_form(request: Request) -> dict[str, Any]:
    try:
        form = await request.form(max_files=1, max_fields=10)
    except Exception:  # noqa: BLE001 - malformed multipart is the caller's error
        raise HTTPException(status_code=422, detail="malformed multipart form") from None
    upload = form.get("file")
    fields = {k: str(form.get(k))[:1000] for k in ("title", "published", "url", "source") if form.get(k)}
    if upload is None or isinstance(upload, str):
        text = form.get("text")
        if isinstance(text, str) and text.strip():
            return article_from_text(text, fields)
        raise HTTPException(status_code=422, detail="file: upload an article file (or send text)")
    data = await upload.read()
    return article_from_upload(upload.filename or "upload", data, fields)


def _analyze_and_store(app, item: dict[str, Any], store: bool) -> dict[str, Any]:
    text = item.pop("text")
    try:
        record = app.state.pipeline().analyze(text, **item)
    except InputError as e:
        raise HTTPException(status_code=422, detail=str(e)) from None
    if store:
        result = app.state.store.add_records([record])
        app.state.on_write()
        if getattr(result, "failed", 0):
            reasons = "; ".join(reason for _id, reason in getattr(result, "errors", [])[:3])
            raise HTTPException(status_code=422, detail=f"the record could not be stored: {reasons or 'rejected'}")
    return record


def _readable(errors: list[dict[str, Any]], where: str) -> str:
    """'body.text: String should have at least 1 character; body.layout: ...'"""
    parts = []
    for err in errors:
        loc = ".".join([where, *(str(p) for p in err.get("loc", ()) if p != "__root__")])
        parts.append(f"{loc}: {err.get('msg', 'invalid')}" if loc else err.get("msg", "invalid"))
    return "; ".join(parts) or "invalid request"


def readable_errors(errors) -> list[dict[str, str]]:
    return [{"field": ".".join(str(p) for p in e.get("loc", ())), "message": str(e.get("msg", ""))}
            for e in errors]




TIMELINE_SCAN = 20_000   # events read to count per day when the store has no aggregate of its own


@router.get("/timeline", tags=["events"], summary="event counts per day and event type")
def timeline(filters=Depends(filter_params), store=Depends(store_of)) -> dict[str, Any]:
    return FastJSON({"items": _count_per_day(store, filters)})


def _count_per_day(store, filters) -> list[dict[str, Any]]:
    if hasattr(store, "timeline"):
        return list(store.timeline(filters))
    counts: dict[tuple[str, str], int] = {}
    offset, size = 0, 1000
    while offset < TIMELINE_SCAN:
        batch = store.list_events(filters, limit=size, offset=offset)
        for ev in batch:
            day = (ev.get("date") or "")[:10]
            if day:
                key = (day, ev.get("event_type") or "")
                counts[key] = counts.get(key, 0) + 1
        if len(batch) < size:
            break
        offset += size
    return [{"date": d, "event_type": t, "count": n} for (d, t), n in sorted(counts.items())]
