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
from dataclasses import dataclass, replace

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
    prev_day: Anchor | None = None  # the last expression resolved to a day ("later in the day" refers to it)
    mentions = find(text) if mentions is None else mentions
    cues = _tense.cues_for(text) if mentions else None
    for m in mentions:
        cue = cues.detail(m.start, m.end) if cues else None
        tense = cue.kind if cue else None
        ref = prev_day if m.rule in _DAY_ANAPHORA and prev is not None and prev.date is None and prev_day else prev
        pub, how = published, ("past!" if cue is not None and cue.sure else tense)  # "past!": no slack ahead
        saying = _saying(m, cue, cues, out, published) if cues is not None and cue is not None else None
        if saying is not None:  # "said on Monday it would report on Thursday": the Thursday after that Monday
            pub, how = saying, "future"
        norm = resolve(m, text, pub, ref, how)
        if norm is None:
            continue
        idx = len(out)
        out.append(Tagged(start=m.start, end=m.end, text=text[m.start:m.end], rule=m.rule, tense=tense, norm=norm))
        # a date with early/mid/late or "about" anchors what follows by its own value ("late 2008 … the
        # following year" -> 2009; "late Tuesday … at 9 p.m." -> that Tuesday); open bounds do not
        if norm.type in ("DATE", "TIME") and norm.mod in _ANCHOR_MODS and not (
                prev is not None and m.rule == "time" and norm.anchor == "published" and not _DAY_WORD.search(text, m.start, m.end)):
            # (a clock time dated by default with the reporting date does not displace the date of a story
            # being told: "On Sept. 11, 2012 … about 9:42 p.m. … that evening")
            a = anchor_from(norm.value, ref=str(idx))
            if a is not None:
                prev = Anchor(year=a.year, month=a.month, day=a.day, ref=a.ref, pos=m.end)
                if prev.date is not None:
                    prev_day = prev
    return _time_then_date(text, out)


_DAY_ANAPHORA = frozenset({"earlier", "theday", "podtrade"})
_ANCHOR_MODS = frozenset({None, "START", "MID", "END", "APPROX"})
_DAY_WORD = re.compile(r"(?i)day\b|today|tomorrow|yesterday|tonight")
_SAYING_RULES = frozenset({"month", "mdy", "dmy", "weekday", "modmon", "holiday"})


def _saying(m: Mention, cue: _tense.Cue, cues: _tense.Cues, out: list[Tagged],
            published: Anchor | None) -> Anchor | None:
    """The date of the saying when ``m`` is reported speech in the future of the past.

    "The company said in November that it would close the plant in February": "would" puts February after
    the saying (November, a past date before the reporting date in the same sentence, before "would"), not
    after the reporting date. Without a dated saying the reporting date is the saying ("said it would").
    """
    if cue.kind != "future" or cue.word not in ("would", "'d", "’d") or not 0 <= cue.pos < m.start \
            or m.rule not in _SAYING_RULES or published is None:
        return None
    s, _e = cues.sentence(m.start)
    for t in reversed(out):
        if t.start < s:
            return None
        if t.end > cue.pos or t.tense != "past" or t.norm.type not in ("DATE", "TIME") or t.norm.mod not in _ANCHOR_MODS:
            continue
        a = anchor_from(t.norm.value, ref=str(out.index(t)))
        if a is None or a.month is None or (m.rule == "weekday" and a.date is None):
            return None
        said = (a.year, a.month, a.day or 0)
        if said > (published.year, published.month or 12, published.day or 31):
            return None
        return a
    return None
_TIME_DATE_GAP = re.compile(r"\s*(?:local\s+time\b)?\s*(?:,|\bon\b)?\s*")
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _time_then_date(text: str, out: list[Tagged]) -> list[Tagged]:
    """"at 16:15 UTC, June 1st" / "at 9 a.m. on March 3": the clock time takes the date right after it."""
    for i in range(len(out) - 1):
        t, nxt = out[i], out[i + 1]
        if (t.norm.type != "TIME" or t.norm.anchor != "published" or nxt.norm.type != "DATE"
                or not _DAY_VALUE.fullmatch(nxt.norm.value) or "T" not in t.norm.value
                or _TIME_DATE_GAP.fullmatch(text, t.end, nxt.start) is None):
            continue
        clock = t.norm.value[t.norm.value.index("T"):]
        norm = replace(t.norm, value=nxt.norm.value + clock, anchor=str(i + 1), anaphoric=False)
        out[i] = replace(t, norm=norm)
    return out
