"""Plain-offset helpers over a ``Parse``: tokens in a span, subtrees, dominance, quote balance."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from rumormill.nlp.parse import Parse

Span = tuple[int, int]


def toks_in(parse: Parse, span: Span | None) -> set[int]:
    """Indexes of the tokens overlapping ``[start, end)``."""
    if span is None:
        return set()
    lo, hi = token_range(parse, span[0], span[1])
    return set(range(lo, hi))


class Offsets:
    """Token starts and ends of one parse, for bisecting character offsets into token indexes; the
    named-entity spans ordered by start."""

    __slots__ = ("ends", "ent_starts", "ents", "starts")

    def __init__(self, parse: Parse) -> None:
        self.starts = [t.start for t in parse.tokens]
        self.ends = [t.end for t in parse.tokens]
        self.ents = sorted(parse.ents, key=lambda x: x.start)
        self.ent_starts = [x.start for x in self.ents]


_last: tuple[Parse, Offsets] | None = None


def offsets(parse: Parse) -> Offsets:
    """The ``Offsets`` of ``parse``, kept for the last parse asked about (the stages ask many times)."""
    global _last
    last = _last  # one read: another thread may replace it meanwhile
    if last is None or last[0] is not parse:
        last = (parse, Offsets(parse))
        _last = last
    return last[1]


def token_range(parse: Parse, s: int, e: int) -> tuple[int, int]:
    """``[lo, hi)``: the tokens overlapping characters ``[s, e)`` (tokens are ordered and disjoint:
    the first one ending after ``s`` up to the last one starting before ``e``)."""
    off = offsets(parse)
    lo = bisect.bisect_right(off.ends, s)
    hi = bisect.bisect_left(off.starts, e, lo)
    return lo, max(lo, hi)


class Tree:
    def __init__(self, parse: Parse) -> None:
        self.toks = parse.tokens
        self.kids: list[list[int]] = [[] for _ in self.toks]
        for t in self.toks:
            if t.head != t.i:
                self.kids[t.head].append(t.i)

    def subtree(self, i: int, stop: set[int] | None = None) -> set[int]:
        """Token ``i`` and its descendants, not descending into tokens in ``stop``."""
        out, stack = set(), [i]
        while stack:
            k = stack.pop()
            if k not in out and (k == i or not stop or k not in stop):
                out.add(k)
                stack.extend(self.kids[k])
        return out

    def head_of(self, toks: Iterable[int]) -> int | None:
        group = set(toks)
        for k in sorted(group):
            if self.toks[k].head not in group or self.toks[k].head == k:
                return k
        return None


def dominates(parse: Parse, a: int, b: int) -> bool:
    """Is token ``a`` a proper ancestor of token ``b``?"""
    toks = parse.tokens
    seen = 0
    while toks[b].head != b and seen < 200:
        b = toks[b].head
        if b == a:
            return True
        seen += 1
    return False


def balance_quotes(text: str, s: int, e: int) -> tuple[int, int]:
    """Keep quote marks balanced at the edges: drop a dangling one, take in a closing one."""
    body = text[s:e]
    opens = sum(body.count(c) for c in "“‘")
    # a ’ between letters (she’s, isn’t) is an apostrophe, not a closing mark
    closes = body.count("”")
    k = body.find("’")
    while k >= 0:
        if not (0 < k < len(body) - 1 and body[k - 1].isalpha() and body[k + 1].isalpha()):
            closes += 1
        k = body.find("’", k + 1)
    if opens > closes and e < len(text) and text[e] in "”’":
        e += 1
    elif opens > closes and e + 1 < len(text) and text[e] in ".,!?" and text[e + 1] in "”’":
        e += 2
    elif closes > opens and s > 0 and text[s - 1] in "“‘":
        s -= 1
    return s, e
