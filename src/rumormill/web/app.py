"""The local web app: an ASGI (FastAPI) app over the library and the store.

``create_app(db=...)`` builds the app; ``rumormill serve`` runs it with uvicorn on
127.0.0.1. Pages are server-rendered with the same Jinja2 templates as the static
report; no page runs a script (the Content-Security-Policy forbids them) and nothing
is loaded from outside the app. The JSON API lives under ``/api/`` with its OpenAPI
schema at ``/api/openapi.json`` (the interactive docs are off: they need a CDN).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import ChainableUndefined, Environment, PackageLoader
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

import rumormill
from rumormill.ingest import DEFAULT_MAX_BYTES
from rumormill.report.html import CSP, make_env
from rumormill.web.service import WebError, story_available

log = logging.getLogger("rumormill.web")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Room for multipart boundaries and the small form fields around an upload of max_bytes.
FORM_OVERHEAD = 64 * 1024
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-resource-policy": "same-origin",
}


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """ASGI middleware: refuse a request body over ``limit`` bytes (declared or streamed) with 413."""

    def __init__(self, app: ASGIApp, limit: int, article_limit: int | None = None) -> None:
        self.app = app
        self.limit = limit
        self.article_limit = article_limit if article_limit is not None else limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(scope, send)
            return
        seen = 0
        exceeded = False
        started = False

        async def limited_receive() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    exceeded = True
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            # A body parser may turn BodyTooLarge into its own error response: send the 413 instead.
            nonlocal started
            if exceeded:
                if not started:
                    started = True
                    await self._refuse(scope, send)
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        message = (f"the request is larger than the limit of {self.limit:,} bytes "
                   f"(articles may have up to {self.article_limit:,} bytes)")
        response = _error_response(scope.get("path", ""), 413, message, None)
        await response(scope, _empty_receive, send)


async def _empty_receive() -> Message:
    return {"type": "http.disconnect"}


_ENV: Environment | None = None


def templates() -> Environment:
    """The app's Jinja2 environment: app templates first, then the shared report templates."""
    global _ENV
    if _ENV is None:
        _ENV = make_env(PackageLoader("rumormill", "web/templates"), undefined=ChainableUndefined)
    return _ENV


def page(request: Request | None, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    app = request.app if request is not None else None
    store = getattr(app.state, "store", None) if app is not None else None
    html = templates().get_template(name).render(
        version=rumormill.__version__, has_store=store is not None, story_available=story_available(),
        store_note=getattr(app.state, "store_note", None) if app is not None else None, **context)
    return HTMLResponse(html, status_code=status)


def _error_response(path: str, status: int, message: str, request: Request | None) -> Response:
    if path.startswith("/api/") or path == "/api":
        return JSONResponse({"error": message, "status": status}, status_code=status,
                            headers=SECURITY_HEADERS)
    resp = page(request, "error.html", status=status, status_code=status, message=message)
    resp.headers.update(SECURITY_HEADERS)
    return resp


_TITLES = {400: "bad request", 403: "forbidden", 404: "not found", 405: "method not allowed",
           413: "too large", 415: "unsupported type", 422: "invalid input"}


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError) -> Response:
        return _error_response(request.url.path, exc.status, exc.message, request)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else _TITLES.get(exc.status_code, "error")
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"there is no page at {request.url.path}"
        return _error_response(request.url.path, exc.status_code, detail, request)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
            parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
        return _error_response(request.url.path, 422, "invalid input — " + "; ".join(parts), request)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return _error_response(request.url.path, 500,
                               f"internal error ({type(exc).__name__}); the server log has the details", request)


def create_app(db: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES,
               allowed_hosts: Sequence[str] | None = None, store: Any = None) -> FastAPI:
    """The web app over the store at ``db`` (none: analyse-and-show only).

    ``store`` passes an already opened store instead (tests). ``allowed_hosts``
    restricts the Host header (``rumormill serve`` sets it when bound to loopback,
    against DNS rebinding).
    """
    from rumormill.web.api import router as api_router
    from rumormill.web.pages import router as pages_router

    app = FastAPI(
        title="rumormill",
        version=rumormill.__version__,
        description="Analyse news articles into ledgers of who claims what, how sure they are, and when.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.max_bytes = max_bytes
    app.state.store_note = None
    if store is None and db is not None:
        from rumormill.web.service import open_store, store_available

        if store_available():
            store = open_store(db)
        else:
            app.state.store_note = "the store is not available in this installation"
    elif store is None:
        app.state.store_note = "no store opened: analysed articles are shown but not kept"
    app.state.store = store
    app.state.db = db

    @app.middleware("http")
    async def headers_and_origin(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        # Cross-site form posts to a local app are refused (the Origin must be this host).
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            origin = request.headers.get("origin")
            if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host", ""):
                return _error_response(request.url.path, 403, "cross-site request refused", request)
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    _install_error_handlers(app)
    app.include_router(pages_router)
    app.include_router(api_router)
    app.add_middleware(BodyLimit, limit=max_bytes + FORM_OVERHEAD, article_limit=max_bytes)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    return app
