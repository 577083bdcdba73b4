"""Quote marks -> quoted spans (part of the sources stage; no spaCy, plain text only).

- Double marks (“ ” „ « » and straight ") pair up in order. A paragraph that ends inside a quote
  and a next paragraph that opens again with a mark make one quote (newswire convention).
- Single marks (‘ ’ and straight ') are told apart from apostrophes by their neighbours
  ("don’t", "Millepied’s" are apostrophes). A single-quoted span inside a double-quoted one is a
  nested quote and stays part of the outer quote; one that wraps the whole outer quote is peeled.
- A mark that cannot be paired is not guessed at: it becomes an ambiguity ("quote opened at 812
  is not closed by the end of its paragraph") and no quote is made from it.
- Quoted titles (a WORK entity, or short Title Case words without final punctuation) are marked
  ``title``; the sources stage drops them and single-word scare quotes that nobody speaks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Span = tuple[int, int]

_DOUBLE = re.compile(r"''|[“”„«»\"]")  # '' is a straight double mark in some newswire text
_SINGLE = re.compile(r"[‘’']")
_OPEN_BEFORE = set(" \t\n([{—–-/“\"«„:;")
_FUNCTION = {"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "by", "with", "or", "&"}


@dataclass(slots=True)
class QSpan:
    """One quoted span: ``start``/``end`` are the words inside the marks."""

    start: int
    end: int
    open: int  # offset of the opening mark
    close: int  # offset just after the closing mark
    paragraph: int
    marks: str  # "double" | "single"
    title: bool = False
    paragraphs: int = 1  # how many paragraphs it runs over


def _paragraph_index(paragraphs: tuple[Span, ...] | list[Span], text_len: int) -> list[Span]:
    paras = [p for p in paragraphs if p[1] > p[0]]
    return paras or [(0, text_len)]


def _first_char(text: str, s: int, e: int) -> int:
    k = s
    while k < e and text[k].isspace():
        k += 1
    return k


def _doubles(text: str, paras: list[Span], amb: list[tuple[Span, str]]) -> list[QSpan]:
    out: list[QSpan] = []
    open_at: int | None = None
    open_par = 0
    n_par = 1
    open_w = 1
    open_straight = False
    for pi, (ps, pe) in enumerate(paras):
        first = _first_char(text, ps, pe)
        for m in _DOUBLE.finditer(text, ps, pe):
            k = m.start()
            ch = m.group()
            w = len(ch)
            if ch == "''":
                ch = '"'
            if ch in "“„«":
                role = "open"
            elif ch in "”»":
                role = "close"
            else:  # straight: alternate, a paragraph-initial mark always opens
                role = "open" if open_at is None or k == first else "close"
                if role == "open" and not text[k + w : pe].strip():
                    role = "close"  # a straight mark that ends its paragraph cannot open a quote
                if role == "close" and open_at is not None and k + w < pe and text[k - 1] in _OPEN_BEFORE \
                        and not text[k + w].isspace():
                    role = "open"
            if role == "open":
                if open_at is None:
                    open_at, open_par, n_par, open_w = k, pi, 1, w
                    open_straight = ch == '"'
                elif k == first and pi > open_par:
                    n_par += 1  # continuation of a quote that ran over the paragraph end
                    open_par = pi
                else:
                    amb.append(((open_at, open_at + 1),
                                f"quote opened at {open_at} is not closed before another opens at {k}"))
                    open_at, open_par, n_par, open_w = k, pi, 1, w
                    open_straight = ch == '"'
            else:
                if open_at is None:
                    amb.append(((k, k + 1), f"closing quote mark at {k} has no opening mark"))
                    continue
                out.append(QSpan(start=open_at + open_w, end=k, open=open_at, close=k + w,
                                 paragraph=_par_of(paras, open_at), marks="double", paragraphs=n_par))
                open_at = None
        if open_at is not None and open_par == pi:
            cont = False
            if pi + 1 < len(paras):
                ns, ne = paras[pi + 1]
                f = _first_char(text, ns, ne)
                # the next paragraph re-opens with a mark of the same family (straight or curly)
                cont = f < ne and ((text[f] == '"' or text.startswith("''", f)) if open_straight
                                   else text[f] in "“„«")
            if not cont:
                amb.append(((open_at, open_at + 1),
                            f"quote opened at {open_at} is not closed by the end of its paragraph"))
                open_at = None
    return out


def _par_of(paras: list[Span], k: int) -> int:
    lo, hi = 0, len(paras) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if paras[mid][0] <= k:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _singles(text: str, paras: list[Span]) -> list[QSpan]:
    out: list[QSpan] = []
    for pi, (ps, pe) in enumerate(paras):
        open_at: int | None = None
        for m in _SINGLE.finditer(text, ps, pe):
            k = m.start()
            if m.group() == "'" and ("''" in text[max(ps, k - 1) : k + 2]):
                continue  # part of a '' double mark
            prev = text[k - 1] if k > ps else " "
            nxt = text[k + 1] if k + 1 < pe else " "
            can_open = m.group() in "‘'" and prev in _OPEN_BEFORE and (nxt.isalnum() or nxt in "[\"“(")
            can_close = m.group() in "’'" and not prev.isspace() and not nxt.isalnum()
            if open_at is None:
                if can_open:
                    open_at = k
            elif can_close and k > open_at + 1:
                out.append(QSpan(start=open_at + 1, end=k, open=open_at, close=k + 1,
                                 paragraph=pi, marks="single"))
                open_at = None
            elif can_open and m.group() == "‘":
                open_at = k
    return out


def _is_title(text: str, q: QSpan, works: list[Span]) -> bool:
    if any(not (q.end <= a or q.start >= b) for a, b in works):
        return True
    words = text[q.start : q.end].split()
    if not words or len(words) > 6 or text[q.end - 1] in ".,!?;:":
        return False
    caps = [w for w in words if w.lower() not in _FUNCTION]
    if not caps or not all(w[0].isupper() or w[0].isdigit() for w in caps) or not words[0][0].isupper():
        return False
    if len(words) > 1:
        return True
    # one capitalised word in mid-sentence ("the “Titanic” star") is a title or a nickname
    return len(words[0]) > 1 and _mid_sentence(text, q.open)


def _mid_sentence(text: str, k: int) -> bool:
    j = k - 1
    while j >= 0 and text[j] == " ":
        j -= 1
    return j >= 0 and text[j] not in ".!?:\n“\"—"


def find_quotes(text: str, paragraphs: tuple[Span, ...] | list[Span], skip: list[Span],
                works: list[Span]) -> tuple[list[QSpan], list[tuple[Span, str]]]:
    """Quoted spans (outermost, in text order) and the ambiguities met while pairing marks.

    ``skip``: spans (headings) whose quotes are not reported; ``works``: WORK entity spans.
    """
    paras = _paragraph_index(paragraphs, len(text))
    amb: list[tuple[Span, str]] = []
    doubles = _doubles(text, paras, amb)
    singles = _singles(text, paras)
    out: list[QSpan] = []
    for q in doubles:
        inner = [s for s in singles if q.start <= s.open and s.close <= q.end]
        # peel a single-quoted span that wraps the whole double quote: “‘You lose him …,'”
        for s in inner:
            if s.open == _first_char(text, q.start, q.end) and not text[s.close : q.end].strip(" ,.!?"):
                q.start, q.end = s.start, s.end
        out.append(q)
    for s in singles:
        if any(q.open <= s.open and s.close <= q.close for q in doubles):
            continue
        if any(not (s.close <= q.open or s.open >= q.close) for q in doubles):
            continue  # crosses a double quote: an apostrophe that looked like a mark
        out.append(s)
    out = [q for q in out if not any(a <= q.open and q.close <= b for a, b in skip)]
    out = [q for q in out if text[q.start : q.end].strip()]
    for q in out:
        q.title = _is_title(text, q, works)
    amb = [(sp, r) for sp, r in amb if not any(a <= sp[0] < b for a, b in skip)]
    out.sort(key=lambda q: q.open)
    return out, amb
