"""The temporal tagger: find time expressions, resolve them against an anchor, infer the date.

- ``tagger``: rules (regular expressions over the data table ``lexicons/timex_words.tsv``)
  that find expressions and keep the longest non-overlapping ones;
- ``tense``: a cheap tense guess for the clause around an expression;
- ``normalize`` + ``rules``: TIMEX3 type/value/mod against the publication date or, for anaphoric
  expressions ("the following year"), against the nearest earlier resolved date;
- ``pubdate``: the dateline in the text and the inferred publication interval.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rumormill.timex import tense as _tense
from rumormill.timex.normalize import Anchor, Norm, resolve
from rumormill.timex.tagger import Mention, find

__all__ = ["Anchor", "Mention", "Norm", "Tagged", "anchor_from", "tag"]

_CONCRETE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class Tagged:
    start: int
    end: int
    text: str
    rule: str
    tense: str | None
    norm: Norm


def anchor_from(value: str | None, ref: str = "published") -> Anchor | None:
    """An anchor from an ISO value such as ``2024``, ``2024-01`` or ``2024-01-15`` (None otherwise)."""
    if not value:
        return None
    m = _CONCRETE.match(value)
    if not m:
        return None
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    return Anchor(year=int(m.group(1)), month=month, day=day, ref=ref)


def tag(text: str, published: Anchor | None, mentions: list[Mention] | None = None) -> list[Tagged]:
    """Every time expression in ``text``, resolved (``norm.anchor`` is "published", an index, or None).

    ``mentions`` (from ``find(text)``) can be passed to resolve the same text against a second anchor
    without finding the expressions again.
    """
    out: list[Tagged] = []
    prev: Anchor | None = None
    mentions = find(text) if mentions is None else mentions
    cues = _tense.Cues(text) if mentions else None
    for m in mentions:
        tense = cues.guess(m.start, m.end) if cues else None
        norm = resolve(m, text, published, prev, tense)
        if norm is None:
            continue
        idx = len(out)
        out.append(Tagged(start=m.start, end=m.end, text=text[m.start:m.end], rule=m.rule, tense=tense, norm=norm))
        if norm.type in ("DATE", "TIME") and not norm.mod:
            a = anchor_from(norm.value, ref=str(idx))
            if a is not None:
                prev = Anchor(year=a.year, month=a.month, day=a.day, ref=a.ref, pos=m.end)
    return out
