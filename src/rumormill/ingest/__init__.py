"""Ingestion: bytes, text or HTML -> ``Article`` (clean text, title, residue, date)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from rumormill.errors import InputError
from rumormill.ingest import published as pub
from rumormill.ingest.decode import DEFAULT_MAX_BYTES, decode, looks_html
from rumormill.ingest.html import from_html
from rumormill.ingest.text import from_text
from rumormill.records import Article

__all__ = ["DEFAULT_MAX_BYTES", "load_bytes", "load_path", "load_text"]

_EN_WORDS = frozenset(["the", "and", "of", "to", "in", "is", "was", "that", "for", "with", "on", "said", "her", "his", "she", "he"])
_WORD = re.compile(r"[^\W\d_]+")


def _language_warning(text: str) -> str | None:
    words = _WORD.findall(text[:4000])
    if len(words) < 20:
        return None
    share = sum(1 for w in words if w.lower() in _EN_WORDS) / len(words)
    if share < 0.08:
        return f"text does not look English ({share:.0%} common English words); analysis is best-effort"
    return None


def load_text(
    text: str,
    *,
    kind: str = "text",
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    encoding_warning: str | None = None,
) -> Article:
    """Ingest an already-decoded text (``kind`` is ``text`` or ``html``).

    ``publisher`` (the outlet that published it, e.g. from batch metadata) wins over what the
    page or header says.
    """
    if not text.strip():
        raise InputError("input is empty")
    if kind == "html":
        article = from_html(text, published=published, url=url, warning=encoding_warning)
    else:
        date = pub.make(published, "given") if published else pub.UNKNOWN
        article = from_text(text, published=date, url=url, title=title, warning=encoding_warning)
    if not article.text.strip():
        raise InputError("no article text left after removing residue")
    warning = article.language_warning or _language_warning(article.text)
    if warning != article.language_warning:
        article = replace(article, language_warning=warning)
    if publisher and publisher.strip():
        article = replace(article, publisher=publisher.strip())
    return article


def load_bytes(
    data: bytes,
    *,
    name: str | None = None,
    kind: str | None = None,
    published: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Ingest raw bytes; ``kind`` (text|html) is taken from ``name``'s suffix or sniffed."""
    decoded = decode(data, max_bytes)
    if kind is None:
        suffix = Path(name).suffix.lower() if name else ""
        if suffix in (".html", ".htm", ".xhtml"):
            kind = "html"
        elif suffix in (".txt", ".text", ".md"):
            kind = "text"
        else:
            kind = "html" if looks_html(data) else "text"
    if _mostly_unprintable(decoded.text):
        raise InputError("input is neither text nor HTML (mostly unprintable characters)")
    return load_text(
        decoded.text, kind=kind, published=published, url=url, publisher=publisher, encoding_warning=decoded.warning
    )


def _mostly_unprintable(text: str) -> bool:
    sample = text[:4096]
    bad = sum(1 for ch in sample if not (ch.isprintable() or ch in "\n\r\t"))
    return bad > len(sample) // 20


def load_path(
    path: str | Path,
    *,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Read and ingest a file."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"{p.name} is {size:,} bytes, over the limit of {max_bytes:,} bytes (raise it with --max-bytes)"
            )
        data = p.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"no such file: {p}") from exc
    except IsADirectoryError as exc:
        raise InputError(f"{p} is a directory, not a file") from exc
    except PermissionError as exc:
        raise InputError(f"cannot read {p}: permission denied") from exc
    return load_bytes(data, name=p.name, published=published, max_bytes=max_bytes)
