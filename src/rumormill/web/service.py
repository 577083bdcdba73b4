"""What the web app does besides HTTP: check uploads, analyse under one lock, talk to the store.

The app has one spaCy pipeline and one store writer; analyses run one at a time
(``_ANALYSE``), in a worker thread. Errors come out as ``WebError`` with an HTTP
status and a one-line message; a failure inside the pipeline is logged with its
traceback and shown to the user as a readable message, never as a stack trace.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from rumormill.errors import RumormillError, StoreError
from rumormill.records import Ledger

log = logging.getLogger("rumormill.web")

ARTICLE_ID = re.compile(r"^[0-9a-f]{16}$")
# Content types accepted for an upload (the browser's declared type) -> ingest kind.
UPLOAD_TYPES = {
    "text/plain": "text",
    "text/markdown": "text",
    "text/html": "html",
    "application/xhtml+xml": "html",
}
UPLOAD_SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
                   ".xhtml": "html"}
_ANALYSE = threading.Lock()


@dataclass(slots=True)
class WebError(Exception):
    status: int
    message: str

    def __str__(self) -> str:
        return self.message


def upload_kind(filename: str | None, content_type: str | None) -> str:
    """The ingest kind of an upload, from its declared content type, checked against its name.

    Only plain text and HTML are accepted (415 otherwise). A generic type
    (``application/octet-stream`` or none) falls back to the file name's suffix.
    """
    ctype = (content_type or "").split(";")[0].strip().lower()
    suffix = PurePath(filename or "").suffix.lower()
    if ctype in UPLOAD_TYPES:
        return UPLOAD_TYPES[ctype]
    if ctype in ("", "application/octet-stream") and suffix in UPLOAD_SUFFIXES:
        return UPLOAD_SUFFIXES[suffix]
    shown = ctype or "no content type"
    raise WebError(415, f"unsupported upload type ({shown}): upload a .txt or .html article")


def check_size(data: bytes, max_bytes: int) -> None:
    if len(data) > max_bytes:
        raise WebError(413, f"the article is larger than the limit of {max_bytes:,} bytes")


def analyse(data: bytes, *, kind: str | None, published: str | None, max_bytes: int,
            name: str | None = None) -> Ledger:
    """Ingest and analyse one article (blocking; call from a worker thread)."""
    from rumormill import ingest
    from rumormill.pipeline import analyze

    check_size(data, max_bytes)
    published = (published or "").strip() or None
    try:
        article = ingest.load_bytes(data, name=name, kind=kind, published=published, max_bytes=max_bytes)
        with _ANALYSE:
            return analyze(article)
    except RumormillError as exc:
        raise WebError(400, str(exc)) from exc
    except Exception as exc:
        log.exception("analysis failed")
        raise WebError(500, f"the analysis failed ({type(exc).__name__}); the server log has the details") from exc


# --------------------------------------------------------------------------- store access
def stored(store: Any, article_id: str, *, as_ledger: bool = False) -> Any:
    """A stored article by id: its JSON dict, or its ``Ledger``; ``WebError`` 404 for a bad or unknown id.

    The id is checked against ``ARTICLE_ID`` first, so no other user input reaches the store.
    """
    if not ARTICLE_ID.match(article_id):
        raise WebError(404, "there is no article with that id (ids are 16 hex digits)")
    try:
        return store.get_ledger(article_id) if as_ledger else store.get(article_id)
    except StoreError as exc:
        raise WebError(404, str(exc)) from exc


def open_store(path: str) -> Any:
    """Open (or create) the store at ``path``; ``StoreError`` when that is impossible."""
    from rumormill.store import open_store as _open

    return _open(path)


def store_available() -> bool:
    try:
        from rumormill.store import open_store as _open  # noqa: F401
    except ImportError:
        return False
    return True


def story_available() -> bool:
    try:
        from rumormill.story import build_story  # noqa: F401
    except ImportError:
        return False
    return True


def story(store: Any, entity: str | None, query: str | None) -> dict[str, Any]:
    """The story of ``entity``/``query`` over the store, as a plain dict."""
    from dataclasses import asdict, is_dataclass

    from rumormill.story import build_story

    try:
        result = build_story(store, entity=entity, query=query)
    except RumormillError as exc:
        raise WebError(400, str(exc)) from exc
    if is_dataclass(result) and not isinstance(result, type):
        return asdict(result)
    if hasattr(result, "to_dict"):
        return dict(result.to_dict())
    return dict(result)
