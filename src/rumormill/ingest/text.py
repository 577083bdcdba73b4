"""Plain text -> Article: headline, paragraphs, section headings, residue removed.

Layout rules, in order:
- a header block of ``Key: value`` lines at the very top (``Headline:``/``Title:``,
  ``Subtitle:``, ``Date:``, ``Publisher:``, ``Author:``/``Byline:``, ``URL:``) is parsed:
  the title from ``Headline``, the publication date from ``Date`` (how ``metadata``, unless
  a date was given), the author and URL; the subtitle stays as the first paragraph; the
  header lines are reported in ``removed`` as ``metadata header``;
- otherwise the first line is the headline when a blank line follows it;
- hard-wrapped text is unwrapped: a line that starts in lower case continues the line
  before it when that line has no final punctuation; in a text whose lines are wrapped
  at a fixed width (many long lines without final punctuation), any long line without
  final punctuation continues onto the next;
- every other non-blank line is a paragraph; paragraphs are joined by a blank line;
- a short line (<= 100 characters, <= 14 words) without final punctuation, with no
  table bar and no sentence break inside, not followed by a lower-case continuation,
  between paragraphs is a section heading: kept in ``text`` and listed in ``headings``;
- residue lines (``residue.classify``) are removed; a bare cue line ("READ NEXT",
  "You may also like:") also takes the heading-like teaser lines right after it;
  "By NAME" lines are bylines (the name becomes the author when none is known);
  a trailing "(Photo: …)" credit is cut from a caption, the caption stays;
  name-only caption lines next to residue or before the first body paragraph go too.
Everything removed is reported in ``removed`` with its reason.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rumormill.errors import InputError
from rumormill.ingest import published as pub
from rumormill.ingest import residue
from rumormill.records import Article, Embed, Heading, Published, Removed

_WORD = re.compile(r"\w+")
_FINAL_PUNCT = re.compile(r"[.!?:;,…]['\"”’)\]]*\s*$")
_SENTENCE_BREAK = re.compile(r"\w[.!?,]['\"”’]?\s+\S")
_POST_SHARED = re.compile(
    r"^a\s+(?:post|photo|video|reel)\s+(?:shared|posted)\s+by\s+(.+?)\s*(?:\(@([\w.]+)\))?\s*(?:on\s.*)?$", re.I
)
_HEADER = re.compile(
    r"^(headline|title|subtitle|subhead|dek|date|published|publisher|outlet|source|author|byline|url|link)\s*:\s*(.*)$",
    re.I,
)
_HEADER_KEYS_STRONG = {"headline", "title", "date", "published", "publisher", "url"}
_BYLINE = re.compile(
    r"^[Bb][Yy]\s+((?:[A-Z][\w'’.-]*\s*){1,4}(?:(?:and|&)\s+(?:[A-Z][\w'’.-]*\s*){1,4})?)(?:\s*[|,]\s*[^|]{1,60})?$"
)
_CUE_ONLY = re.compile(
    r"^(?:read\s+next|read\s+more|related(?:\s+(?:stories|articles|posts?|links|content|coverage))?|"
    r"you\s+(?:may|might)\s+also\s+like|more\s+from\s+[\w ]{1,30}|recommended(?:\s+for\s+you)?|"
    r"see\s+also|trending(?:\s+now)?|most\s+(?:read|popular)|more\s+stories(?:\s+like\s+this)?|quick\s+links)\s*:?$",
    re.I,
)
_DATE_VALUE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_RULE = re.compile(r"^[=_~*-]{3,}$")
_DATE_WORDS = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),?\s+(\d{4})\b")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_BULLET = re.compile(r"^(?:[-*•–]\s|\d{1,2}[.)]\s)")
# An X (Twitter) post flattened into the text: "post text — Display Name (@handle) October 28, 2016",
# the fallback markup of Twitter's embed, whose signature may also stand on a line of its own.
_MONTH_WORD = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
               r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
POST_SIG = re.compile(
    r"(?:^|[ \t]+)(?:—|–|-{1,2})[ \t]*(?P<name>[^()\n—–]{0,60}?)[ \t]*\(@(?P<handle>\w{1,15})\)[ \t]+"
    rf"(?P<date>{_MONTH_WORD}[ \t]+\d{{1,2}},[ \t]+\d{{4}})[ \t]*$")
_PIC_LINK = re.compile(r"[ \t]*\bpic\.twitter\.com/\w+")


def _posts(lines: list[str]) -> tuple[list[str], dict[int, tuple[int, Embed]], list[Removed]]:
    """Flattened X posts: a signature line joins the post text above it; ``pic.twitter.com`` links go.

    Returns the lines, ``{line index: (length of the post text, Embed)}`` for lines that are a post
    (text, then its signature, which stays in the text as the evidence of who posted it), and the
    removed links.
    """
    out: list[str] = []
    removed: list[Removed] = []
    for ln in lines:
        links = _PIC_LINK.findall(ln)
        if links:
            removed.extend(Removed(text=link.strip(), reason="bare link") for link in links)
            ln = _PIC_LINK.sub("", ln).strip()
            if not ln:
                continue
        sig = POST_SIG.match(ln)
        if sig is not None and out and not POST_SIG.search(out[-1]) and residue.classify(out[-1]) is None \
                and not _is_heading(out[-1]):
            out[-1] = out[-1] + " " + ln  # the signature on its own line closes the post above it
            continue
        out.append(ln)
    posts: dict[int, tuple[int, Embed]] = {}
    for k, ln in enumerate(out):
        sig = POST_SIG.search(ln)
        if sig is None or sig.start() == 0 or len(ln[: sig.start()].split()) < 2:
            continue
        body = ln[: sig.start()].rstrip()
        posts[k] = (len(body), Embed(platform="x", author=sig.group("name").strip() or None,
                                     handle=sig.group("handle"), url=None, caption=body))
    return out, posts, removed


def _post_words(s: str) -> list[str]:
    """A post's words without its trailing links (the text may keep or drop them)."""
    words = s.split()
    while words and words[-1].startswith(("http://", "https://", "pic.twitter.com/")):
        words.pop()
    return words


def _caption_rx(caption: str) -> re.Pattern[str] | None:
    words = _post_words(caption)
    if len(words) < 3:
        return None
    return re.compile(r"\s*".join(re.escape(w) for w in words))


def _norm(s: str) -> str:
    """Spacing and trailing links dropped, for comparing a page's embed with its copy in the text."""
    return "".join(_post_words(s))


def _locate(text: str, paragraphs: list[tuple[int, int]], caption: str, end: int | None = None) -> tuple[int, int] | None:
    """Where an embed's caption stands in the text: verbatim (up to spacing), from a paragraph's start to
    a paragraph's end (a trailing link may be missing) or to ``end`` (where its signature starts), so a
    journalist quoting a few of its words inside a sentence is not mistaken for the post."""
    rx = _caption_rx(caption)
    if rx is None:
        return None
    starts = {s for s, _e in paragraphs}
    ends = {e for _s, e in paragraphs}
    for m in rx.finditer(text):
        if m.start() not in starts:
            continue
        if end is not None:
            if m.end() == end:
                return m.span()
            continue
        tail = text[m.end():].split("\n", 1)[0].strip()
        if m.end() in ends or tail.startswith(("http://", "https://")):
            return m.span()
    return None


def _reconcile(text: str, paragraphs: list[tuple[int, int]], page: list[Embed], inline: list[Embed]) -> list[Embed]:
    """The page's embeds with where their text stands (``span``), plus posts found only in the text.

    A page embed and a post flattened into the text are one post when the handles agree (or the page
    gave none) and the text's post is the end of the embed's caption (a multi-paragraph post keeps only
    its last paragraph on the signature's line): the span then runs back to the caption's start."""
    inline = list(inline)
    out: list[Embed] = []
    for e in page:
        same = None
        if e.platform == "x" and e.caption:
            cap = _norm(e.caption)
            same = next((p for p in inline if (p.handle == e.handle or e.handle is None)
                         and cap.endswith(_norm(p.caption))), None)
        if same is not None and same.span is not None:
            inline.remove(same)
            span = _locate(text, paragraphs, e.caption, end=same.span[1]) or same.span
            out.append(replace(e, span=span, handle=e.handle or same.handle, author=e.author or same.author))
        elif e.span is None and e.caption:
            out.append(replace(e, span=_locate(text, paragraphs, e.caption)))
        else:
            out.append(e)
    return out + inline


def _words(s: str) -> list[str]:
    return _WORD.findall(s.lower())


def _repeats_title(line: str, title: str) -> bool:
    """The body's first line is the page title again (possibly without the site suffix)."""
    a, b = _words(line), _words(title)
    return bool(a) and (a == b or (len(a) >= 4 and b[: len(a)] == a and len(line) <= 300))


def _is_heading(line: str) -> bool:
    s = line.strip()
    return (
        0 < len(s) <= 100
        and len(s.split()) <= 14
        and not _FINAL_PUNCT.search(s)
        and "|" not in s
        and not _SENTENCE_BREAK.search(s)
        and (s[0].isupper() or s[0].isdigit() or s[0] in "‘'\"“")
    )


def _parse_header(lines: list[str]) -> tuple[dict[str, str], int]:
    """Leading ``Key: value`` lines (at least two, one of them a strong key)."""
    fields: dict[str, str] = {}
    k = 0
    while k < len(lines) and _RULE.match(lines[k]):  # "=====" frame above the header
        k += 1
    while k < len(lines) and lines[k]:
        m = _HEADER.match(lines[k])
        if not m:
            break
        fields.setdefault(m.group(1).lower(), m.group(2).strip())
        k += 1
    while k < len(lines) and _RULE.match(lines[k]):  # and below it
        k += 1
    if len(fields) < 2 or not (fields.keys() & _HEADER_KEYS_STRONG):
        return {}, 0
    return fields, k


def _header_date(value: str) -> Published | None:
    m = _DATE_VALUE.search(value)
    if m:
        iso = m.group(0)
    else:
        w = _DATE_WORDS.search(value)
        month = _MONTHS.get(w.group(1)[:3].lower()) if w else None
        if w is None or month is None:
            return None
        iso = f"{int(w.group(3)):04d}-{month:02d}-{int(w.group(2)):02d}"
    try:
        return pub.make(iso, "metadata", f"header line 'Date: {value}'")
    except InputError:
        return None


def _unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines back into paragraphs (blank lines stay paragraph breaks)."""
    long_open = [ln for ln in lines if len(ln) >= 55 and not _FINAL_PUNCT.search(ln)]
    lengths = sorted(len(ln) for ln in lines if ln)
    wrapped = len(long_open) >= 3 and len(long_open) >= 0.15 * max(1, len(lengths))
    # A wrapped line is close to the wrap width (the 90th percentile of line lengths).
    min_wrapped = max(55.0, 0.7 * lengths[int(0.9 * (len(lengths) - 1))]) if lengths else 55.0
    out: list[str] = []
    for ln in lines:
        prev = out[-1] if out else ""
        if (
            ln
            and prev
            and not _FINAL_PUNCT.search(prev)
            and not _BULLET.match(ln)
            and (ln[0].islower() or (wrapped and len(prev) >= min_wrapped and residue.classify(prev) is None))
            and not _RULE.match(prev)
        ):
            out[-1] = prev + " " + ln
        else:
            out.append(ln)
    return out


def from_text(
    raw: str,
    *,
    published: Published,
    title: str | None = None,
    embeds: tuple[Embed, ...] = (),
    author: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    warning: str | None = None,
    detect_headline: bool = True,
) -> Article:
    """Build an ``Article`` from plain text (also used for the text extracted from HTML)."""
    lines = [ln.strip() for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [ln.replace("\u00a0", " ").replace("\ufeff", "").strip() for ln in lines]
    removed_header: list[Removed] = []
    fields, n_header = _parse_header(lines) if detect_headline else ({}, 0)
    if n_header:
        for ln in lines[:n_header]:
            key = ln.split(":", 1)[0].strip().lower()
            if _RULE.match(ln):
                removed_header.append(Removed(text=ln, reason="separator"))
            elif ln and key not in ("subtitle", "subhead", "dek"):
                removed_header.append(Removed(text=ln, reason="metadata header"))
        title = title or fields.get("headline") or fields.get("title") or None
        author = author or fields.get("author") or fields.get("byline") or None
        url = url or fields.get("url") or fields.get("link") or None
        publisher = publisher or fields.get("publisher") or fields.get("outlet") or None
        if published.how == "unknown" and fields.get("date"):
            published = _header_date(fields["date"]) or published
        subtitle = fields.get("subtitle") or fields.get("subhead") or fields.get("dek")
        lines = ([subtitle, ""] if subtitle else []) + lines[n_header:]
    elif detect_headline and title is None and len(lines) >= 2 and lines[0] and not lines[1]:
        title = lines[0]
        lines = lines[1:]
    candidates, posts, removed_links = _posts([ln for ln in _unwrap(lines) if ln])
    reasons: list[str | None] = [residue.classify(ln) for ln in candidates]
    if title and (n_header or not detect_headline):
        for k in range(min(3, len(candidates))):
            if reasons[k] is None and _repeats_title(candidates[k], title):
                reasons[k] = "headline repeated in body"
    # A bare cue ("READ NEXT", "You may also like:") takes the teaser titles right after it.
    k = 0
    while k < len(candidates):
        if _CUE_ONLY.match(candidates[k]):
            reasons[k] = reasons[k] or "teaser or navigation"
            j = k + 1
            while j < len(candidates) and reasons[j] is None and j - k <= 8 and (
                _is_heading(candidates[j]) or _BYLINE.match(candidates[j])
            ):
                reasons[j] = "teaser or navigation"
                j += 1
            k = j
        else:
            k += 1
    # Bylines: "By Anna Johnstone".
    for k, ln in enumerate(candidates):
        m = _BYLINE.match(ln) if reasons[k] is None else None
        if m:
            reasons[k] = "byline or contributor credit"
            if author is None and k <= 3:
                author = m.group(1).strip()
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
    removed = list(removed_header) + removed_links
    kept: list[str] = []
    kept_post: list[tuple[int, Embed] | None] = []
    for k, (ln, why) in enumerate(zip(candidates, reasons, strict=True)):
        if why == "photo caption with credit":
            caption, credit = residue.split_caption_credit(ln)
            removed.append(Removed(text=credit, reason="photo credit"))
            if caption:
                kept.append(caption)
                kept_post.append(None)
        elif why:
            removed.append(Removed(text=ln, reason=why))
        else:
            kept.append(ln)
            kept_post.append(posts.get(k))
    parts: list[str] = []
    paragraphs: list[tuple[int, int]] = []
    headings: list[Heading] = []
    inline_posts: list[Embed] = []
    pos = 0
    for k, ln in enumerate(kept):
        if parts:
            parts.append("\n\n")
            pos += 2
        start = pos
        parts.append(ln)
        pos += len(ln)
        paragraphs.append((start, pos))
        post = kept_post[k]
        if post is not None:
            inline_posts.append(replace(post[1], span=(start, start + post[0])))
        elif 0 < k < len(kept) - 1 and _is_heading(ln):
            headings.append(Heading(text=ln, span=(start, pos)))
    text = "".join(parts)
    found_embeds = _reconcile(text, paragraphs, found_embeds, inline_posts)
    return Article(
        text=text,
        title=title,
        headings=tuple(headings),
        paragraphs=tuple(paragraphs),
        removed=tuple(removed),
        embeds=tuple(found_embeds),
        published=published,
        author=author,
        publisher=publisher,
        url=url,
        language_warning=warning,
    )
