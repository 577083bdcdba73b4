"""Ranges: a post-pass over the resolved times, reading the connectives between them.

TimeML keeps "from 2009 to 2011" as two DATE timexes; this pass reads the connective so that the
timeline can place one entry per range (the ``times`` stay as tagged). Open bounds ("since 2008",
"over a year ago") are read by the sibling ``rumormill.timex.bounds``.

- ``find_ranges``: two resolved DATEs joined by "from X to/through/until/till/into Y", "between X
  and Y", "X-Y"/"X–Y", "X through Y" (not "X and Y", a list, nor "between the 2009 crisis and the
  2011 election", nor "moved from June to August", a change). The year-shortened "2009-11" and the
  day range "March 3-5" / "from March 3 to 5" are read even when the tagger tags only the first
  part: the second endpoint is then derived here (``end_span`` into the text, ``derived``) and no
  ``times`` entry is invented. A yearless endpoint takes the other's year ("from March 3 to March 5,
  2023", "from March 2010 to June"; "March 3-5, 2023" takes the year after it), and a yearless
  first endpoint after the second moves back a year ("from December to February") or a week
  (weekdays); a range whose ends are still out of order is dropped.
- ``length`` / ``fits``: a range's length against a stated duration. A range of year numbers is
  counted by subtraction ("2009 to 2011" is two years); ranges of months and days may also be
  counted inclusively ("a three-day festival, March 3-5"; "June to August" is three months). A
  duration in another unit, or with a mod (about / more than / less than), is compared with the
  range's possible real length (shortest: end of the first to start of the second; longest: start
  of the first to end of the second) with half a unit of slack.
- ``durations_for``: which stated durations are about a range (strict, like the other checks): one
  in the range's own sentence and clause, close to it ("ran for three years, from 2009 to 2011",
  "the two-year program ran from 2009 to 2011"), or one with a definite determiner and a noun that
  names the range's subject in another sentence ("the program ran from 2009 to 2011" ... "the
  two-year program"; "their two-year marriage" for "were married from 2009 to 2011"), with no
  conflicting participants; a duration that could be about two ranges of different lengths is left
  alone.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from rumormill.lexicons import load_table
from rumormill.records import Span, Time
from rumormill.timex.events import CLAUSE_STOP, value_interval

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_HAS_YEAR = re.compile(r"\d{4}|['’]\d{2}\b|\byears?\b", re.I)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
OPEN_MODS = frozenset({"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"})

# --------------------------------------------------------------------------- ranges
_FROM = re.compile(r"\bfrom\s+(?:the\s+years?\s+)?$", re.I)
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+years?\s+)?$", re.I)
_GAP_TO = re.compile(r"\s+(?:to|through|thru|until|till|into)\s+(?:the\s+(?=end|start|beginning|middle))?|\s?[-–]\s?|—")
_GAP_AND = re.compile(r"\s+(?:and|to)\s+|\s?[-–]\s?")
_GAP_DASH = re.compile(r"\s?[-–]\s?|—|\s+(?:through|thru)\s+")
# "moved the wedding from June to August" is a change of date, not a range
_CHANGE = re.compile(r"\b(?:move[ds]?|moving|postpone[ds]?|postponing|push(?:ed|es)?|pushing|delay(?:ed|s)?|"
                     r"reschedul(?:e|ed|es|ing)|shift(?:ed|s)?|chang(?:e|ed|es|ing)|brought|bring(?:s|ing)?|"
                     r"advanc(?:e|ed|es|ing)|switch(?:ed|es)?)\b(?:\s+[\w'’-]+){0,4}\s+from\s+\S*$", re.I)
# a hyphen without spaces or an en dash: "in 2009 - 11 people died" is no range
_SHORT_YEAR = re.compile(r"(?:-|\s?–\s?)(\d{2})(?![\d])(?![-–/.:]\d)")
_DAY_END = re.compile(r"(?:-|\s?–\s?|\s+(?:to|through|until|till)\s+)(\d{1,2})(?:st|nd|rd|th)?\b(?![-–/.:]?\d)"
                      r"(?!\s*(?:%|percent|per\b|[ap]\.?m\b|o['’]clock|years?\b|months?\b|weeks?\b|days?\b|hours?\b|"
                      r"minutes?\b|people|times))")
_YEAR_PAIR = re.compile(r"(\d{4})\s?[-–]\s?(\d{4}|\d{2})")
_DAY_PAIR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s?[-–]\s?(\d{1,2})(?:st|nd|rd|th)?(?:,?\s*\d{4})?$")
_YEAR_AFTER = re.compile(r",?\s*(\d{4})\b")


@dataclass(frozen=True, slots=True)
class Range:
    span: Span  # the whole expression with its connective: "from 2009 to 2011", "2009-11"
    times: tuple[Time, ...]  # the tagged times it is built from, in text order
    start_value: str  # ISO value of each endpoint as read in the range (a shared year filled in)
    end_value: str
    end_span: Span  # offsets of the second endpoint
    earliest: dt.date
    latest: dt.date
    lo_gap: int  # shortest possible length in days: end of the first endpoint to start of the second
    hi_gap: int  # longest: start of the first to end of the second (inclusive)
    unit: str | None  # "Y" | "M" | "D" when both endpoints have that granularity
    derived: bool  # the second endpoint was read here (no ``times`` entry)
    note: str | None  # how a yearless endpoint was read, when it was


def _granularity(value: str) -> str | None:
    m = _ISO.fullmatch(value.split("T")[0])
    if not m:
        return None
    return "D" if m.group(3) else "M" if m.group(2) else "Y"


def _set_year(value: str, year: int) -> str | None:
    m = _ISO.fullmatch(value)
    if not m or not m.group(2):
        return None
    if m.group(3):
        mo, d = int(m.group(2)), int(m.group(3))
        if d > calendar.monthrange(year, mo)[1]:
            return None
        return f"{year:04d}-{mo:02d}-{d:02d}"
    return f"{year:04d}-{m.group(2)}"


def _shift_days(value: str, days: int) -> str | None:
    try:
        return (dt.date.fromisoformat(value) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return None


def _closed(t: Time) -> bool:
    return t.type == "DATE" and t.mod not in OPEN_MODS and value_interval(t.value, t.mod) is not None


def _yearless(t: Time) -> bool:
    return _granularity(t.value) in ("M", "D") and not _HAS_YEAR.search(t.text)


def _endpoints(a: Time, va: str, vb: str, b_text: str, b_yearless: bool) -> tuple[str, str, str | None] | None:
    """The two values with a shared year filled in, in order; None when they cannot be ordered."""
    note = None
    a_yearless = _yearless(a)
    ia, ib = value_interval(va, a.mod), value_interval(vb, None)
    if ia is None or ib is None:
        return None
    if a_yearless and not b_yearless and _granularity(vb) in ("Y", "M", "D"):
        year = ib[1].year
        new = _set_year(va, year)
        if new and (value_interval(new, a.mod) or ia)[0] > ib[1]:
            new = _set_year(va, year - 1)
        if new and new != va:
            note = f"“{a.text}” read as {new}, in the year of “{b_text}”"
            va = new
    elif b_yearless and not a_yearless and _granularity(va) in ("Y", "M", "D"):
        year = ia[0].year
        new = _set_year(vb, year)
        if new and (value_interval(new, None) or ib)[1] < ia[0]:
            new = _set_year(vb, year + 1)
        if new and new != vb:
            note = f"“{b_text}” read as {new}, in the year of “{a.text}”"
            vb = new
    elif a_yearless and b_yearless:
        ia2, ib2 = value_interval(va, a.mod), value_interval(vb, None)
        if ia2 and ib2 and ia2[0] > ib2[1]:
            new = _shift_days(va, -7) if _WEEKDAY.search(a.text) else _set_year(va, int(va[:4]) - 1)
            if new:
                note = f"“{a.text}” read as {new}, before “{b_text}”"
                va = new
    ia, ib = value_interval(va, a.mod), value_interval(vb, None)
    if ia is None or ib is None or ia[0] > ib[1]:
        return None
    return va, vb, note


def _make(text: str, span: Span, times: tuple[Time, ...], a: Time, va: str, vb: str, b_mod: str | None,
          end_span: Span, derived: bool, note: str | None) -> Range | None:
    ia, ib = value_interval(va, a.mod), value_interval(vb, b_mod)
    if ia is None or ib is None or ia[0] > ib[1]:
        return None
    ga, gb = _granularity(va), _granularity(vb)
    return Range(span=span, times=times, start_value=va, end_value=vb, end_span=end_span,
                 earliest=ia[0], latest=ib[1], lo_gap=max(0, (ib[0] - ia[1]).days),
                 hi_gap=(ib[1] - ia[0]).days + 1, unit=ga if ga == gb else None, derived=derived, note=note)


def find_ranges(text: str, times: list[Time]) -> list[Range]:
    """Every range in the text, in text order (each time belongs to at most one)."""
    out: list[Range] = []
    used: set[str] = set()
    dates = [t for t in times if t.type == "DATE"]
    for i, a in enumerate(dates):
        if a.id in used or not _closed(a):
            continue
        b = dates[i + 1] if i + 1 < len(dates) else None
        r = _pair(text, a, b, dates) if b is not None and b.id not in used and _closed(b) else None
        if r is None:
            r = _short_year(text, a, dates) or _day_range(text, a, dates)
        if r is not None:
            out.append(r)
            used.update(t.id for t in r.times)
    return out


def _pair(text: str, a: Time, b: Time, dates: list[Time]) -> Range | None:
    gap = text[a.span[1]:b.span[0]]
    before = text[max(0, a.span[0] - 60):a.span[0]]
    lead = _FROM.search(before)
    if lead and _GAP_TO.fullmatch(gap):
        if _CHANGE.search(text[max(0, a.span[0] - 90):a.span[0]]):
            return None
        start = a.span[0] - (len(before) - lead.start())
    elif (lead := _BETWEEN.search(before)) and _GAP_AND.fullmatch(gap):
        start = a.span[0] - (len(before) - lead.start())
    elif _GAP_DASH.fullmatch(gap):
        start = a.span[0]
    else:
        return None
    times: tuple[Time, ...] = (a, b)
    vb = b.value.split("T")[0]
    b_yearless = _yearless(b)
    end = b.span[1]
    after = _YEAR_AFTER.match(text, b.span[1])
    if after and b_yearless and _yearless(a):  # "from March 3 to March 5, 2023" with the year tagged apart
        shared = int(after.group(1))
        vb2 = _set_year(vb, shared)
        if vb2:
            vb, b_yearless, end = vb2, False, after.end()
            times += tuple(t for t in dates if after.start(1) <= t.span[0] < after.end(1))
    ends = _endpoints(a, a.value.split("T")[0], vb, b.text, b_yearless)
    if ends is None:
        return None
    va, vb, note = ends
    return _make(text, (start, end), times, a, va, vb, b.mod, b.span, False, note)


def _short_year(text: str, a: Time, dates: list[Time]) -> Range | None:
    """"2009-11", "2009–11": the second year shortened to two digits (a four-digit one is a pair).

    Also when the tagger took "2009-11" or "2009-2011" as one expression with the value of its first year.
    """
    if not re.fullmatch(r"\d{4}", a.value):
        return None
    own = _YEAR_PAIR.fullmatch(a.text)
    inside: tuple[Time, ...] = ()
    if own and own.group(1) == a.value:
        second = (a.span[0] + own.start(2), a.span[0] + own.end(2))
        digits, end = own.group(2), a.span[1]
    elif a.text.endswith(a.value) and (m := _SHORT_YEAR.match(text, a.span[1])):
        second, digits, end = m.span(1), m.group(1), m.end()
        inside = tuple(t for t in dates if m.start(1) <= t.span[0] < m.end(1))
    else:
        return None
    y1 = int(a.value)
    y2 = int(digits) if len(digits) == 4 else y1 // 100 * 100 + int(digits)
    if len(digits) == 2 and y2 <= y1:
        y2 += 100
    if not y1 < y2 <= y1 + 30:
        return None
    return _make(text, (a.span[0], end), (a, *inside), a, a.value, f"{y2:04d}", None, second, True, None)


def _day_range(text: str, a: Time, dates: list[Time]) -> Range | None:
    """"March 3-5", "from March 3 to 5": the second day written as a bare number.

    Also when the tagger took "March 3-5" as one expression with the value of its first day.
    """
    if _granularity(a.value) != "D" or not re.search(r"\d(?:st|nd|rd|th)?$", a.text):
        return None
    y, mo, d1 = int(a.value[:4]), int(a.value[5:7]), int(a.value[8:10])
    own = _DAY_PAIR.search(a.text)
    inside: list[Time] = []
    lead = _FROM.search(text[max(0, a.span[0] - 60):a.span[0]])
    if own and int(own.group(1)) == d1:
        second = (a.span[0] + own.start(2), a.span[0] + own.end(2))
        d2, end = int(own.group(2)), a.span[1]
    else:
        m = _DAY_END.match(text, a.span[1])
        if not m:
            return None
        if text[a.span[1]:m.start(1)].strip() not in ("-", "–") and not lead:
            return None  # "March 3 to 5" only after "from"
        second, d2, end = m.span(1), int(m.group(1)), m.end()
        inside = [t for t in dates if m.start(1) <= t.span[0] < m.end(1)]
    if not d1 < d2 <= calendar.monthrange(y, mo)[1]:
        return None
    va, vb, note = a.value[:10], f"{y:04d}-{mo:02d}-{d2:02d}", None
    after = _YEAR_AFTER.match(text, end)
    if after and _yearless(a):  # "March 3-5, 2023": the year after the range is both endpoints'
        year = int(after.group(1))
        va2, vb2 = _set_year(va, year), _set_year(vb, year)
        if va2 and vb2:
            if va2 != va:
                note = f"“{a.text}” read as {va2}, in the year {year} after the range"
            va, vb, end = va2, vb2, after.end()
            inside += [t for t in dates if after.start(1) <= t.span[0] < after.end(1)]
    start = a.span[0] - (min(60, a.span[0]) - lead.start()) if lead else a.span[0]
    return _make(text, (start, end), (a, *inside), a, va, vb, None, second, True, note)


# --------------------------------------------------------------------------- lengths
_DUR = re.compile(r"P(\d+(?:\.\d+)?)([YMWD])")
_UNIT_DAYS = {"Y": 365.25, "M": 30.44, "W": 7.0, "D": 1.0}
_UNIT_WORD = {"Y": "year", "M": "month", "W": "week", "D": "day"}


def length(r: Range) -> int | None:
    """The range's length in its own unit, counted by subtraction (2009 to 2011: 2), or None."""
    a, b = r.start_value, r.end_value
    if r.unit == "Y":
        return int(b[:4]) - int(a[:4])
    if r.unit == "M":
        return (int(b[:4]) * 12 + int(b[5:7])) - (int(a[:4]) * 12 + int(a[5:7]))
    if r.unit == "D":
        return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days
    return None


def fits(r: Range, duration: Time) -> tuple[bool, str] | None:
    """Does the stated duration fit the range? (fits, how it was counted); None if it cannot be compared."""
    m = _DUR.fullmatch(duration.value)
    if duration.type != "DURATION" or duration.vague or not m:
        return None
    n, unit = float(m.group(1)), m.group(2)
    nominal = length(r)
    if unit == r.unit and nominal is not None and duration.mod is None:
        ok = {float(nominal)} if unit == "Y" else {float(nominal), float(nominal + 1)}
        word = _UNIT_WORD[unit]
        counted = (f"{nominal} {word}{'s' if nominal != 1 else ''}" if unit == "Y"
                   else f"{nominal} {word}{'s' if nominal != 1 else ''}, {nominal + 1} counting both ends")
        return n in ok, f"the range is {counted}"
    stated = n * _UNIT_DAYS[unit]
    half = _UNIT_DAYS[unit] / 2
    lo, hi = r.lo_gap - half, r.hi_gap + half
    if duration.mod in ("MORE_THAN", "EQUAL_OR_MORE"):
        ok_ = stated <= hi
    elif duration.mod in ("LESS_THAN", "EQUAL_OR_LESS"):
        ok_ = stated >= lo
    else:
        ok_ = lo <= stated <= hi
    return ok_, f"the range lasts between {r.lo_gap} and {r.hi_gap} days"


# --------------------------------------------------------------------------- which duration is about which range
_DEFINITE = re.compile(r"\b(?:the|this|that|its|his|her|their|our|my)\s+(?:[\w'’-]+\s+)?$", re.I)
_NOUN_AFTER = re.compile(r"(?:\s+of\s+(?:the\s+|his\s+|her\s+|their\s+|its\s+)?|[\s-]+(?:long\s+)?)([A-Za-z][a-z]+)")
_NOT_NOUN = frozenset({"ago", "after", "before", "later", "earlier", "old", "and", "or", "in", "on", "at", "the",
                       "a", "an", "to", "for", "from", "of", "with", "by", "as", "since", "until", "into", "now",
                       "period", "time", "span", "stretch", "run", "long"})
_NOT_ABOUT = re.compile(r"\s+(?:after|before|later|earlier|ago|old|from\s+now)\b", re.I)
_POINT_LEAD = re.compile(r"\b(?:in|within|every|each|per|after|before|over\s+the\s+(?:last|past|next))\s+$", re.I)


def _stem(word: str) -> str:
    """Crude, but the same on both sides: "programs"/"program", "toured"/"tour", "touring"/"tour"."""
    w = word.lower()
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    if len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    elif len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    return w


@cache
def _families() -> dict[str, str]:
    return {form.lower(): family for family, form, _pos in load_table("timex_events.tsv")}


def _about(text: str, d: Time) -> str | None:
    m = _NOUN_AFTER.match(text, d.span[1])
    if not m or m.group(1).lower() in _NOT_NOUN:
        return None
    return _stem(m.group(1))


def _range_words(text: str, r: Range, sent: tuple[int, int]) -> set[str]:
    s = sent[0]
    for m in CLAUSE_STOP.finditer(text, sent[0], r.span[0]):
        s = m.end()
    raw = [w.lower() for w in re.findall(r"[A-Za-z]+", text[s:r.span[0]])]
    fam = _families()
    return {_stem(w) for w in raw} | {fam[w] for w in raw if w in fam}


def durations_for(text: str, ranges: list[Range], times: list[Time], sents: list[tuple[int, int]],
                  people: list[frozenset[str]]) -> list[tuple[Range, Time, str]]:
    """(range, duration, why linked) for every stated duration that is about one range."""
    if not ranges:
        return []
    starts = [s for s, _ in sents]

    def sent_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    words = [_range_words(text, r, sents[sent_of(r.span[0])]) for r in ranges]
    fam = _families()
    out: list[tuple[Range, Time, str]] = []
    for d in times:
        if d.type != "DURATION" or d.vague or not _DUR.fullmatch(d.value):
            continue
        if _NOT_ABOUT.match(text, d.span[1]) or _POINT_LEAD.search(text, max(0, d.span[0] - 30), d.span[0]):
            continue
        i = sent_of(d.span[0])
        near = []
        for r in ranges:
            if sent_of(r.span[0]) != i:
                continue
            between = text[d.span[1]:r.span[0]] if d.span[1] <= r.span[0] else text[r.span[1]:d.span[0]]
            if d.span[1] > r.span[0] and d.span[0] < r.span[1]:
                continue
            if CLAUSE_STOP.search(between) or len(between.split()) > 12:
                continue
            near.append(r)
        if len(near) == 1:
            out.append((near[0], d, "in the same clause"))
            continue
        if near:
            continue
        noun = _about(text, d)
        if noun is None or not _DEFINITE.search(text, max(0, d.span[0] - 30), d.span[0]):
            continue
        raw = _NOUN_AFTER.match(text, d.span[1])
        keys = {noun, fam.get(noun, noun), fam.get(raw.group(1).lower(), noun) if raw else noun}
        cands = [r for r, w in zip(ranges, words, strict=True) if keys & w
                 and (not people[i] or not people[sent_of(r.span[0])] or people[i] & people[sent_of(r.span[0])])]
        if not cands or len({(length(r), r.lo_gap, r.hi_gap) for r in cands}) != 1:
            continue  # no range, or ranges of different lengths: not settled which one is meant
        out.append((cands[0], d, f"both about the “{noun}”"))
    return out
