"""HTML -> Article: body, title, author and date through trafilatura/htmldate.

Social embeds (Instagram, X/Twitter, TikTok) are read from the raw HTML *before*
extraction, because trafilatura drops Instagram captions, which are often the
celebrity's own words. The extracted body then goes through the same layout and
residue rules as plain text (``ingest.text``).
"""

from __future__ import annotations

import re
from typing import Any

from rumormill.errors import InputError
from rumormill.ingest import published as pub
from rumormill.ingest.text import from_text
from rumormill.records import Article, Embed, Published

_HANDLE = re.compile(r"\(@([\w.]{1,30})\)")
_SHARED_BY = re.compile(r"(?:post|photo|video)\s+shared\s+by\s+(.+?)\s*\(@([\w.]{1,30})\)", re.I)


def _text(el: Any) -> str:
    return re.sub(r"\s+", " ", " ".join(el.itertext())).strip()


def read_embeds(tree: Any) -> tuple[Embed, ...]:
    """Instagram / X / TikTok embed blockquotes: who posted and the caption."""
    out: list[Embed] = []
    for bq in tree.iter("blockquote"):
        cls = (bq.get("class") or "").lower()
        if "instagram-media" in cls:
            url = bq.get("data-instgrm-permalink") or bq.get("cite")
            author = handle = None
            caption_parts: list[str] = []
            for p in bq.iter("p"):
                t = _text(p)
                m = _SHARED_BY.search(t)
                if m:
                    author, handle = m.group(1), m.group(2)
                elif t and not t.lower().startswith("view this post"):
                    caption_parts.append(t)
            if author is None:
                m = _SHARED_BY.search(_text(bq))
                if m:
                    author, handle = m.group(1), m.group(2)
            caption = " ".join(caption_parts)
            caption = re.sub(r"^A\s+post\s+shared\s+by.*$", "", caption).strip()
            out.append(Embed(platform="instagram", author=author, handle=handle, url=url, caption=caption))
        elif "twitter-tweet" in cls or "x-tweet" in cls:
            ps = [_text(p) for p in bq.iter("p")]
            caption = " ".join(t for t in ps if t)
            full = _text(bq)
            tail = full[len(caption):] if full.startswith(caption) else full
            m = re.search(r"[—-]\s*(.+?)\s*\(@([\w]{1,30})\)", tail)
            url = None
            for a in bq.iter("a"):
                href = a.get("href") or ""
                if "/status/" in href:
                    url = href
            out.append(
                Embed(platform="x", author=m.group(1) if m else None, handle=m.group(2) if m else None,
                      url=url, caption=caption)
            )
        elif "tiktok-embed" in cls:
            url = bq.get("cite")
            handle = None
            m = re.search(r"tiktok\.com/@([\w.]{1,30})", url or "")
            if m:
                handle = m.group(1)
            section = next(iter(bq.iter("section")), bq)
            parts = [
                t for t in (_text(p) for p in section.iter("p")) if t
            ] or [_text(section)]
            caption = " ".join(parts)
            caption = re.sub(r"♬.*$", "", caption).strip()
            out.append(Embed(platform="tiktok", author=None, handle=handle, url=url, caption=caption))
    return tuple(out)


def from_html(
    html: str,
    *,
    published: str | None = None,
    url: str | None = None,
    warning: str | None = None,
) -> Article:
    """Extract an article from an HTML page; ``published`` (given) wins over page metadata."""
    import lxml.html
    import trafilatura
    from lxml.etree import ParserError

    try:
        tree = lxml.html.document_fromstring(html)
    except (ParserError, ValueError) as exc:
        raise InputError(f"HTML could not be parsed: {exc}") from exc
    embeds = read_embeds(tree)
    meta = trafilatura.extract_metadata(tree, default_url=url)
    body = trafilatura.extract(
        tree, url=url, favor_precision=True, include_comments=False, include_tables=False, deduplicate=False
    )
    if not body or not body.strip():
        raise InputError("no article text found in the HTML")
    date: Published = pub.UNKNOWN
    if published:
        date = pub.make(published, "given")
    elif meta is not None and meta.date:
        try:
            date = pub.make(meta.date, "metadata", "page metadata (htmldate)")
        except InputError:
            date = pub.UNKNOWN
    title = meta.title if meta is not None and meta.title else None
    author = meta.author if meta is not None and meta.author else None
    # trafilatura separates paragraphs with single newlines: make them blank-line separated.
    text = re.sub(r"\n+", "\n\n", body.strip())
    return from_text(
        text,
        published=date,
        title=title,
        embeds=embeds,
        author=author,
        url=url or (meta.url if meta is not None else None),
        warning=warning,
        detect_headline=False,
    )
