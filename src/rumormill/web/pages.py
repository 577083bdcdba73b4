"""The app's HTML pages: paste/upload and analyse, stored articles (list, search, page), stories."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from rumormill.errors import StoreError
from rumormill.records import Ledger
from rumormill.report.html import article_context
from rumormill.report.html import render as render_report
from rumormill.web import service
from rumormill.web.app import FORM_OVERHEAD, page
from rumormill.web.service import WebError
from rumormill.web.storyview import story_context

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


@router.get("/", response_class=HTMLResponse)
async def index(request: Request) -> Response:
    store = request.app.state.store
    recent = await run_in_threadpool(store.list_articles, None, 10) if store is not None else []
    return page(request, "index.html", recent=recent, max_bytes=request.app.state.max_bytes)


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_form(request: Request) -> Response:
    """Analyse a pasted text or an uploaded file and show its article page (storing it when a store is open)."""
    max_bytes: int = request.app.state.max_bytes
    # Parts may be as large as the whole body limit, so an oversized paste gets the clear 413 below.
    form = await request.form(max_files=1, max_fields=10, max_part_size=max_bytes + FORM_OVERHEAD)
    text, upload, published = form.get("text"), form.get("file"), form.get("published")
    kind_field = form.get("kind")
    name: str | None = None
    if isinstance(upload, UploadFile) and upload.filename:
        kind = service.upload_kind(upload.filename, upload.content_type)
        data = await upload.read(max_bytes + 1)
        name = upload.filename
    elif isinstance(text, str) and text.strip():
        data = text.encode("utf-8")
        kind = "html" if kind_field == "html" else "text"
    else:
        raise WebError(400, "nothing to analyse: paste an article or choose a file")
    service.check_size(data, max_bytes)
    ledger = await run_in_threadpool(
        service.analyse, data, kind=kind, published=published if isinstance(published, str) else None,
        max_bytes=max_bytes, name=name)
    stored = None
    store = request.app.state.store
    if store is not None:
        try:
            article_id, added = await run_in_threadpool(store.add_ledger, ledger)
            stored = {"id": article_id, "added": added, "meta": None}
        except StoreError as exc:
            raise WebError(500, f"analysed, but could not store it: {exc}") from exc
    return page(request, "article.html", stored=stored, **article_context(ledger))


@router.get("/articles", response_class=HTMLResponse)
async def articles(request: Request, q: str = "", offset: int = 0) -> Response:
    store = _store(request)
    query = q.strip()[:200] or None
    offset = max(0, offset)
    rows = await run_in_threadpool(store.list_articles, query, PAGE_SIZE + 1, offset)
    return page(request, "articles.html", rows=rows[:PAGE_SIZE], q=q, offset=offset,
                more=len(rows) > PAGE_SIZE, page_size=PAGE_SIZE)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article(request: Request, article_id: str) -> Response:
    data: dict[str, Any] = await run_in_threadpool(service.stored, _store(request), article_id)
    from rumormill.store import ledger_from_dict

    meta = data.pop("store", None)
    ledger = ledger_from_dict(data)
    return page(request, "article.html", stored={"id": ledger.id, "added": False, "meta": meta},
                **article_context(ledger))


@router.get("/articles/{article_id}/report.html", response_class=HTMLResponse)
async def article_report(request: Request, article_id: str) -> Response:
    """The stored article as the self-contained static report, to save."""
    ledger = await _stored_ledger(request, article_id)
    return HTMLResponse(render_report(ledger), headers={
        "content-disposition": f'attachment; filename="rumormill-{ledger.id}.html"'})


async def _stored_ledger(request: Request, article_id: str) -> Ledger:
    ledger: Ledger = await run_in_threadpool(service.stored, _store(request), article_id, as_ledger=True)
    return ledger


@router.get("/story", response_class=HTMLResponse)
async def story(request: Request, entity: str = "", q: str = "") -> Response:
    store = _store(request)
    if not service.story_available():
        raise WebError(404, "story pages need the story module, which this installation lacks")
    entity_s, query_s = entity.strip()[:200], q.strip()[:200]
    if not entity_s and not query_s:
        return page(request, "story.html", story=None, entity="", q="", **story_context({}))
    result = await run_in_threadpool(service.story, store, entity_s or None, query_s or None)
    return page(request, "story.html", story=result, entity=entity_s, q=query_s, **story_context(result))


def _store(request: Request) -> Any:
    store = request.app.state.store
    if store is None:
        raise WebError(404, request.app.state.store_note or "no store is open: start with rumormill serve --db PATH")
    return store
