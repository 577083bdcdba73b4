"""Open-ended times: a DATE after "since/until/before/after/by …" or with an open TIMEX mod.

TimeML keeps "since 2008" as a DATE with the signal word outside it, and "over a year ago" as
``2023-01`` with the mod BEFORE; this post-pass over the resolved times reads them as open bounds
for the timeline (the ``times`` stay as tagged). Ranges are read first (``rumormill.timex.ranges``)
and their times are not bounds ("from 2009 until 2011").

``find_bounds``: a DATE after "since", "until/till/through/up to/by/no later than", "before/prior
to", "after/no earlier than", "from X on(wards)", "starting/beginning (in)", or with the TIMEX mod
BEFORE / AFTER / ON_OR_BEFORE / ON_OR_AFTER ("over a year ago"). ``earliest``/``latest`` are always
filled: the bound the text gives, and for the open side the one the evidence implies - the
publication date for "since 2008" (ongoing) and a past "after"; the publication date as the start
of a future or present "until"/"by" ("will be done by the end of the year"); otherwise the known
bound itself (a zero-length interval at the bound, which keeps the ordering meaningful).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from rumormill.records import Published, Span, Time
from rumormill.timex.events import CLAUSE_STOP, value_interval
from rumormill.timex.ranges import OPEN_MODS, Range
from rumormill.timex.tense import Cues, cues_for

_DAY = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Bound:
    time: Time
    kind: str  # "before" | "after" | "ongoing"
    span: Span  # the signal word(s) and the expression: "since 2008", "over a year ago"
    earliest: dt.date
    latest: dt.date
    reading: str  # "before 2023-01", "from 2008, ongoing at publication", "up to 2015"
    starts: bool  # the known bound is the start of the state ("since 2008"): still the event's date


_SIGNAL = re.compile(
    r"\b(?P<w>ever\s+since|since|until|till|['’]til|up\s+(?:to|until)|through|thru|by|before|prior\s+to|after|"
    r"no\s+later\s+than|not\s+later\s+than|no\s+earlier\s+than|not\s+earlier\s+than|starting(?:\s+in|\s+on)?|"
    r"beginning(?:\s+in|\s+on)?|from)\s+(?:(?:as\s+)?early\s+as\s+)?(?:in\s+|on\s+)?$", re.I)
# "if the sale had gone through last year", "make it through this year": a phrasal verb, not a bound
_THROUGH_VERB = re.compile(r"\b(?:go|goes|going|gone|went|get|gets|getting|got|gotten|come|comes|came|coming|"
                           r"pass|passes|passed|make\s+it|made\s+it|be|been|is|was|were|are|pull|pulled|see|saw)\s+"
                           r"(?:it\s+)?through\s+$", re.I)
# "the hearing was moved up to today": a phrasal verb, not a bound
_MOVED_UP = re.compile(r"\b(?:mov|bump|push|brought|bring|sped|speed)\w*\s+(?:[\w'’-]+\s+){0,3}up\s+(?:to|until)\s+$",
                       re.I)
_NOT_UNTIL = re.compile(r"(?:\b(?:not|never|only)|n['’]t)\b[^.;:!?]{0,40}$", re.I)
_ONWARD = re.compile(r"\s+(?:on(?:wards?)?|forward|and\s+(?:beyond|after|later))\b", re.I)
_HAD = re.compile(r"\bhad\b", re.I)
_STRICT_BEFORE = frozenset({"before", "prior to"})
_STRICT_AFTER = frozenset({"after"})
_UP_TO = frozenset({"until", "till", "'til", "’til", "up to", "up until", "through", "thru", "by",
                    "no later than", "not later than"})
_FROM_ON = frozenset({"no earlier than", "not earlier than", "starting", "starting in", "starting on",
                      "beginning", "beginning in", "beginning on", "from"})


def day_text(d: dt.date, end: bool) -> str:
    """A day as the coarsest period it bounds: 2023-01-01 as a start is "2023"; 2022-12-31 as an end too."""
    if end:
        if (d.month, d.day) == (12, 31):
            return f"{d.year:04d}"
        if d.day == calendar.monthrange(d.year, d.month)[1]:
            return f"{d.year:04d}-{d.month:02d}"
    else:
        if (d.month, d.day) == (1, 1):
            return f"{d.year:04d}"
        if d.day == 1:
            return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def period_text(earliest: str, latest: str) -> str:
    """An interval in words: "2009 – 2011", "2023-06", "2023-09-01 – 2023-12-31"."""
    lo, hi = dt.date.fromisoformat(earliest), dt.date.fromisoformat(latest)
    if lo == hi:
        return earliest
    a, b = day_text(lo, False), day_text(hi, True)
    return a if a == b else f"{a} – {b}"


def find_bounds(text: str, times: list[Time], published: Published, ranges: list[Range]) -> list[Bound]:
    """Every DATE placed with an open bound (see the module docstring)."""
    in_range = {t.id for r in ranges for t in r.times}
    cues: Cues | None = None
    p_lo = dt.date.fromisoformat(published.earliest) if published.earliest else None
    p_hi = dt.date.fromisoformat(published.latest) if published.latest else None
    out: list[Bound] = []
    for t in times:
        if t.type != "DATE" or t.id in in_range:
            continue
        iv = value_interval(t.value, None if t.mod in OPEN_MODS else t.mod)
        if iv is None:
            continue
        lo, hi = iv
        start = t.span[0]
        head = text[max(0, start - 40):start]
        m = _SIGNAL.search(head)
        word = re.sub(r"\s+", " ", m.group("w").lower()) if m else None
        if word == "from" and not _ONWARD.match(text, t.span[1]):
            word = None
        if word in _UP_TO and _NOT_UNTIL.search(text[max(0, start - 60):start - len(head) + m.start()] if m else ""):
            word = None  # "not until 2015": it happens then, it is not a bound
        if (word in ("through", "thru") and _THROUGH_VERB.search(head)) or (
                word in ("up to", "up until") and _MOVED_UP.search(head)):
            word = None
        if word == "by" and re.match(r"\s+(?:standards?|levels?|figures?)\b", text[t.span[1]:]):
            word = None
        if word is None and t.mod not in OPEN_MODS:
            continue
        sig_start = start - len(head) + m.start() if m and word else start
        if cues is None:
            cues = cues_for(text)
        tense = cues.guess(*t.span)
        known: str
        if word in ("since", "ever since") or word in _FROM_ON or t.mod == "ON_OR_AFTER" or word in _STRICT_AFTER \
                or (word is None and t.mod == "AFTER"):
            strict = word in _STRICT_AFTER or (word is None and t.mod == "AFTER")
            early = hi + _DAY if strict else lo
            if word in ("since", "ever since") or (word == "from" and tense != "future"):
                clause = _clause_before(text, sig_start)
                kind = "after" if _HAD.search(clause) else "ongoing"
                implied = True
            else:
                kind = "after"
                # "starting July 1, renters will …": only a past "starting/beginning" has happened by publication
                implied = tense == "past" or (tense == "present" and word not in _FROM_ON)
            late = p_hi if implied and p_hi is not None and p_hi >= early else early
            known = day_text(early, False)
            reading = (f"after {t.value}" if strict else f"from {known}") + (
                ", ongoing at publication" if kind == "ongoing" else "")
            out.append(Bound(time=t, kind=kind, span=(sig_start, t.span[1]), earliest=early, latest=late,
                             reading=reading, starts=not strict))
            continue
        strict = word in _STRICT_BEFORE or (word is None and t.mod == "BEFORE")
        late = lo - _DAY if strict else hi
        early = p_lo if tense in ("future", "present") and p_lo is not None and p_lo <= late else late
        reading = f"before {t.value}" if strict else f"up to {day_text(late, True)}"
        out.append(Bound(time=t, kind="before", span=(sig_start, t.span[1]), earliest=early, latest=late,
                         reading=reading, starts=False))
    return out


def _clause_before(text: str, pos: int) -> str:
    s = max(0, pos - 120)
    chunk = text[s:pos]
    cut = 0
    for m in CLAUSE_STOP.finditer(chunk):
        cut = m.end()
    return chunk[cut:]
