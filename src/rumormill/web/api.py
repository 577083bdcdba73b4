"""The JSON API under ``/api/`` (schema: ``/api/openapi.json``)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

import rumormill
from rumormill.errors import StoreError
from rumormill.web import service
from rumormill.web.service import WebError

router = APIRouter(prefix="/api", tags=["api"])


class AnalyzeRequest(BaseModel):
    text: str = Field(description="the article: plain text or an HTML page")
    kind: Literal["text", "html"] = Field("text", description="how to read `text`")
    published: str | None = Field(None, description="publication date YYYY[-MM[-DD]], if known",
                                  pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")
    store: bool = Field(True, description="also keep the ledger in the store (when one is open)")


class Health(BaseModel):
    version: str
    store: bool
    story: bool
    max_bytes: int


@router.get("/health", response_model=Health, summary="version and what this server can do")
def health(request: Request) -> Health:
    return Health(version=rumormill.__version__, store=request.app.state.store is not None,
                  story=service.story_available(), max_bytes=request.app.state.max_bytes)


@router.post("/analyze", summary="analyse one article into its ledger (rumormill.article/1 JSON)")
async def analyze(request: Request, body: AnalyzeRequest) -> dict[str, Any]:
    max_bytes: int = request.app.state.max_bytes
    data = body.text.encode("utf-8")
    service.check_size(data, max_bytes)
    ledger = await run_in_threadpool(service.analyse, data, kind=body.kind, published=body.published,
                                     max_bytes=max_bytes)
    store = request.app.state.store
    if body.store and store is not None:
        try:
            await run_in_threadpool(store.add_ledger, ledger)
        except StoreError as exc:
            raise WebError(500, f"analysed, but could not store it: {exc}") from exc
    return ledger.to_dict()


@router.get("/articles", summary="list or search stored articles (newest first)")
async def articles(request: Request, q: str | None = Query(None, max_length=200),
                   limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)) -> list[dict[str, Any]]:
    store = _store(request)
    rows: list[dict[str, Any]] = await run_in_threadpool(store.list_articles, (q or "").strip() or None,
                                                          limit, offset)
    return rows


@router.get("/articles/{article_id}", summary="one stored ledger (rumormill.article/1 JSON)")
async def article(request: Request, article_id: str) -> dict[str, Any]:
    data: dict[str, Any] = await run_in_threadpool(service.stored, _store(request), article_id)
    return data


@router.get("/story", summary="claim groups, origins, circular reporting and contradictions for an entity or query")
async def story(request: Request, entity: str | None = Query(None, max_length=200),
                q: str | None = Query(None, max_length=200)) -> dict[str, Any]:
    store = _store(request)
    if not service.story_available():
        raise WebError(404, "this installation has no story module")
    if not (entity or "").strip() and not (q or "").strip():
        raise WebError(400, "give entity or q")
    result: dict[str, Any] = await run_in_threadpool(service.story, store, (entity or "").strip() or None,
                                                     (q or "").strip() or None)
    return result


def _store(request: Request) -> Any:
    store = request.app.state.store
    if store is None:
        raise WebError(404, request.app.state.store_note or "no store is open")
    return store
