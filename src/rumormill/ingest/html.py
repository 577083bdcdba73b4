"""HTML -> Article: body, title, author and date through trafilatura/htmldate.

Social embeds (Instagram, X/Twitter, TikTok) are read from the raw HTML *before*
extraction, because trafilatura drops Instagram captions, which are often the
celebrity's own words. The extracted body then goes through the same layout and
residue rules as plain text (``ingest.text``).

Extraction settings (measured on the tune half of scrapinghub-aeb, see
``evaluation/extraction.py``): ``favor_precision=True``, comments excluded, tables kept.
When that finds no body, a second pass with ``favor_recall=True`` is tried.
"""

from __future__ import annotations

import re
from typing import Any

from rumormill.errors import InputError
from rumormill.ingest import published as pub
from rumormill.ingest.text import POST_SIG, from_text
from rumormill.records import Article, Embed, Published

_SPACE = re.compile(r"\s+")
_SHARED_BY = re.compile(
    r"(?:post|photo|video|reel)\s+shared\s+by\s+(.+?)\s*\(@([\w.]{1,30})\)", re.I
)
_SHARED_BY_NO_HANDLE = re.compile(r"(?:post|photo|video|reel)\s+shared\s+by\s+(?:@)?([\w.]{1,30}|[^(]{1,60}?)\s*(?:on\s|$)", re.I)
_TWEET_BYLINE = re.compile(r"[—–-]\s*(.+?)\s*\(@(\w{1,30})\)")
_IG_BOILER = re.compile(r"^(?:view\s+this\s+(?:post|photo|video|reel|profile)\s+on\s+instagram|instagram)\.?$", re.I)
_IG_URL_HANDLE = re.compile(r"instagram\.com/([\w.]{1,30})/?(?:$|\?)")
_TIKTOK_HANDLE = re.compile(r"tiktok\.com/@([\w.]{1,30})")
_MUSIC = re.compile(r"♬.*$")
_TRAILING_PIC = re.compile(r"\s*(?:https?://t\.co/\w+|pic\.twitter\.com/\w+)\s*$")


def _text(el: Any) -> str:
    return _SPACE.sub(" ", " ".join(t for t in el.itertext() if isinstance(t, str))).strip()


def _classes(el: Any) -> set[str]:
    return set((el.get("class") or "").lower().split())


def _instagram(bq: Any) -> Embed:
    url = bq.get("data-instgrm-permalink") or bq.get("cite")
    author = handle = None
    caption_parts: list[str] = []
    for p in bq.iter("p"):
        t = _text(p)
        if not t:
            continue
        m = _SHARED_BY.search(t)
        if m:
            author, handle = m.group(1).strip(), m.group(2)
        elif re.match(r"^a\s+(?:post|photo|video|reel)\s+shared\s+by\b", t, re.I):
            m2 = _SHARED_BY_NO_HANDLE.search(t)
            if m2:
                author = m2.group(1).strip()
            for a in p.iter("a"):
                hm = _IG_URL_HANDLE.search(a.get("href") or "")
                if hm:
                    handle = hm.group(1)
        elif not _IG_BOILER.match(t):
            caption_parts.append(t)
    if author is None:
        m = _SHARED_BY.search(_text(bq))
        if m:
            author, handle = m.group(1).strip(), m.group(2)
    return Embed(platform="instagram", author=author, handle=handle, url=url, caption=" ".join(caption_parts))


def _tweet(bq: Any) -> Embed:
    caption = " ".join(t for t in (_text(p) for p in bq.iter("p")) if t)
    full = _text(bq)
    caption = caption or full  # no <p>: the whole blockquote is "text — Name (@handle) date"
    sig = POST_SIG.search(caption)
    if sig is not None:  # the signature inside the post's paragraph
        caption = caption[: sig.start()]
    caption = _TRAILING_PIC.sub("", caption).strip()
    m = _TWEET_BYLINE.search(full[len(caption):] if full.startswith(caption) else full)
    if sig is not None and m is None:
        m = _TWEET_BYLINE.search(full[sig.start():])
    url = None
    for a in bq.iter("a"):
        href = a.get("href") or ""
        if "/status/" in href:
            url = href.split("?")[0]
    return Embed(
        platform="x",
        author=m.group(1) if m else None,
        handle=m.group(2) if m else None,
        url=url,
        caption=caption,
    )


def _tiktok(bq: Any) -> Embed:
    url = bq.get("cite")
    m = _TIKTOK_HANDLE.search(url or "")
    handle = m.group(1) if m else None
    section = next(iter(bq.iter("section")), bq)
    parts = [t for t in (_text(p) for p in section.iter("p")) if t] or [_text(section)]
    caption = _MUSIC.sub("", " ".join(parts)).strip()
    if handle and caption.startswith("@" + handle):
        caption = caption[len(handle) + 1 :].strip()
    return Embed(platform="tiktok", author=None, handle=handle, url=url, caption=caption)


def read_embeds(tree: Any) -> tuple[Embed, ...]:
    """Instagram / X / TikTok embed blockquotes, in page order: who posted and the caption."""
    out: list[Embed] = []
    for bq in tree.iter("blockquote"):
        cls = _classes(bq)
        if "instagram-media" in cls:
            out.append(_instagram(bq))
        elif cls & {"twitter-tweet", "twitter-video", "x-tweet"}:
            out.append(_tweet(bq))
        elif "tiktok-embed" in cls:
            out.append(_tiktok(bq))
    return tuple(out)


_TITLE_SEP = re.compile(r"\s+[|–—-]\s+|\s*\|\s*")


def clean_title(title: str | None, sitename: str | None) -> str | None:
    """Drop the site name from a page title ("Headline - TechCrunch" -> "Headline")."""
    if not title:
        return None
    title = title.strip()
    site = (sitename or "").strip().lower()
    if site:
        parts = _TITLE_SEP.split(title)
        seps = _TITLE_SEP.findall(title)
        if len(parts) >= 2:
            first, last = parts[0].strip().lower(), parts[-1].strip().lower()
            if last and (site.startswith(last) or last.startswith(site)):
                title = title[: len(title) - len(parts[-1]) - len(seps[-1])].strip()
            elif first and (site.startswith(first) or first.startswith(site)):
                title = title[len(parts[0]) + len(seps[0]) :].strip()
    return title or None


def _extract(tree: Any, url: str | None) -> Any:
    import trafilatura

    doc = trafilatura.bare_extraction(
        tree, url=url, favor_precision=True, include_comments=False, include_tables=True, with_metadata=True
    )
    if doc is None or not (getattr(doc, "text", None) or "").strip():
        doc = trafilatura.bare_extraction(
            tree, url=url, favor_recall=True, include_comments=False, include_tables=True, with_metadata=True
        ) or doc
    return doc


def from_html(
    html: str,
    *,
    published: str | None = None,
    url: str | None = None,
    warning: str | None = None,
) -> Article:
    """Extract an article from an HTML page; ``published`` (given) wins over page metadata."""
    import logging

    import trafilatura

    # trafilatura logs "discarding data" warnings for empty pages; we raise instead.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        tree = trafilatura.load_html(html)
    except (ValueError, TypeError) as exc:
        raise InputError(f"HTML could not be parsed: {exc}") from exc
    if tree is None:
        raise InputError("HTML could not be parsed (no document tree)")
    embeds = read_embeds(tree)
    try:
        doc = _extract(tree, url)
    except RecursionError as exc:
        raise InputError("HTML is nested too deeply to extract") from exc
    body = (doc.text or "") if doc is not None else ""
    if not body.strip():
        raise InputError("no article text found in the HTML")
    date: Published = pub.UNKNOWN
    if published:
        date = pub.make(published, "given")
    elif doc.date:
        try:
            date = pub.make(doc.date, "metadata", "page metadata (htmldate)")
        except InputError:
            date = pub.UNKNOWN
    # trafilatura separates paragraphs with single newlines: make them blank-line separated.
    text = re.sub(r"\n+", "\n\n", body.strip())
    return from_text(
        text,
        published=date,
        title=clean_title(doc.title, doc.sitename),
        embeds=embeds,
        author=doc.author or None,
        publisher=doc.sitename or None,
        url=url or doc.url or None,
        warning=warning,
        detect_headline=False,
    )
