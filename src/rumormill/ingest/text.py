"""Plain text -> Article: headline, paragraphs, section headings, residue removed.

Layout rules:
- the first line is the headline when a blank line follows it;
- every other non-blank line is a paragraph; paragraphs are joined by a blank line;
- a short line (<= 100 characters, <= 14 words) without final punctuation between
  paragraphs is a section heading: kept in ``text`` and listed in ``headings``;
- residue lines (``residue.classify``) and name-only caption lines next to residue or
  before the first body paragraph are removed and reported in ``removed``.
"""

from __future__ import annotations

import re

from rumormill.ingest import residue
from rumormill.records import Article, Embed, Heading, Published, Removed

_FINAL_PUNCT = re.compile(r"[.!?:;,…]['\"”’)\]]*\s*$")
_POST_SHARED = re.compile(r"^a\s+(?:post|photo|video)\s+shared\s+by\s+(.+?)\s*(?:\(@([\w.]+)\))?\s*(?:on\s.*)?$", re.I)


def _is_heading(line: str) -> bool:
    s = line.strip()
    return (
        0 < len(s) <= 100
        and len(s.split()) <= 14
        and not _FINAL_PUNCT.search(s)
        and (s[0].isupper() or s[0] in "‘'\"“")
    )


def from_text(
    raw: str,
    *,
    published: Published,
    title: str | None = None,
    embeds: tuple[Embed, ...] = (),
    author: str | None = None,
    url: str | None = None,
    warning: str | None = None,
    detect_headline: bool = True,
) -> Article:
    """Build an ``Article`` from plain text (also used for the text extracted from HTML)."""
    lines = [ln.strip() for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [ln.replace("\u00a0", " ").replace("\ufeff", "") for ln in lines]
    if detect_headline and title is None and len(lines) >= 2 and lines[0] and not lines[1]:
        title = lines[0]
        lines = lines[1:]
    candidates = [ln for ln in lines if ln]
    reasons: list[str | None] = [residue.classify(ln) for ln in candidates]
    found_embeds = list(embeds)
    for ln, why in zip(candidates, reasons, strict=True):
        m = _POST_SHARED.match(ln) if why == "embed boilerplate" else None
        if m and not any(e.author == m.group(1) for e in found_embeds):
            found_embeds.append(
                Embed(platform="instagram", author=m.group(1), handle=m.group(2), url=None, caption="")
            )
    # Name-only captions: next to other residue, or before the first body paragraph.
    first_body = next(
        (k for k, ln in enumerate(candidates) if reasons[k] is None and not _is_heading(ln)),
        len(candidates),
    )
    for k, ln in enumerate(candidates):
        if reasons[k] is None and residue.is_name_list(ln):
            near = any(0 <= j < len(candidates) and reasons[j] for j in (k - 1, k + 1))
            if near or k < first_body:
                reasons[k] = "caption: names only"
    removed = tuple(
        Removed(text=ln, reason=why) for ln, why in zip(candidates, reasons, strict=True) if why
    )
    kept = [ln for ln, why in zip(candidates, reasons, strict=True) if not why]
    parts: list[str] = []
    paragraphs: list[tuple[int, int]] = []
    headings: list[Heading] = []
    pos = 0
    for k, ln in enumerate(kept):
        if parts:
            parts.append("\n\n")
            pos += 2
        start = pos
        parts.append(ln)
        pos += len(ln)
        paragraphs.append((start, pos))
        if 0 < k < len(kept) - 1 and _is_heading(ln):
            headings.append(Heading(text=ln, span=(start, pos)))
    return Article(
        text="".join(parts),
        title=title,
        headings=tuple(headings),
        paragraphs=tuple(paragraphs),
        removed=removed,
        embeds=tuple(found_embeds),
        published=published,
        author=author,
        url=url,
        language_warning=warning,
    )
