"""The publication date from the text: a dateline, or an interval inferred from the evidence.

``dateline(text)`` looks at the first lines only: an agency dateline ("LOS ANGELES, March 3
(Reuters) —"), a "Published/Posted/Updated ..." line, or a line that is nothing but a date
("March 01, 2008", "Friday, March 22, 2013"). ``infer(text)`` works from the time expressions
found without an anchor:

- explicit dates (with a year) in past or present clauses: publication is on or after the start
  of the latest one (the lower bound);
- explicit dates in future/present clauses ("a fresh start in 2024"): publication is no later than
  the end of the earliest one (the upper bound);
- "last year" next to events explicitly dated in year Y: publication is in Y+1; "this year" next to
  them: in Y; otherwise in the year of the latest past date (news is mostly written soon after);
- dates without a year ("June 18") are placed in that year to refine the month.

The interval is never wider than a year; ``reason`` lists the evidence in words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rumormill.ingest.published import interval
from rumormill.records import Published
from rumormill.timex import Tagged, anchor_from, tag
from rumormill.timex.tagger import find

_LINE = re.compile(r"[^\n]*")
_AGENCY = re.compile(
    r"^[A-Z][A-Za-z .,'’-]{1,60}?,?\s+(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)\s*"
    r"(?:\((?:Reuters|AP|AFP|Bloomberg|UPI|dpa|PA|CNN|IANS|PTI|Xinhua|ANI)\)|/\w+/)?\s*[—–-]"
)
_PUBLISHED = re.compile(
    r"^\s*(?:(?:First\s+)?Published|Posted|Date|Dated|Originally\s+published|Last\s+updated|Updated)"
    r"(?:\s+on)?\s*:?\s*(?P<date>.{6,40})",
    re.I,
)
_DATE_ONLY = re.compile(
    r"^\s*(?:[A-Z][a-z]+day,?\s+)?(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?\s*,?\s*\d{4}|"
    r"\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:\s*(?:,|at)?\s*\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?)?\s*$",
    re.I,
)
_LAST_YEAR = re.compile(r"\b(?:last|previous|past)\s+year\b|\bthe\s+year\s+before\b", re.I)
_THIS_YEAR = re.compile(r"\bthis\s+year\b|\bearlier\s+this\s+year\b|\blater\s+this\s+year\b", re.I)
_ABS = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_HEAD_LINES = 6


@dataclass(frozen=True, slots=True)
class Dateline:
    value: str  # YYYY-MM-DD, or XXXX-MM-DD when the line has no year
    span: tuple[int, int]
    kind: str  # agency | published | date-line


_BYLINE = re.compile(r"^\s*(?:By\b|Published|Posted|Updated|Date|Dated|First\s+published)", re.I)


def from_removed(lines: list[str]) -> tuple[str, str] | None:
    """A full date (with a year) in a byline/date line that ingestion removed as residue."""
    for line in lines:
        if not (_BYLINE.match(line) or _DATE_ONLY.match(line)):
            continue
        found = _first_date(line, 0, len(line))
        if found and not found[0].startswith("X"):
            return found[0], line
    return None


def dateline(text: str) -> Dateline | None:
    """A publication date written in the first lines of the text, if there is one."""
    pos = 0
    seen = 0
    for m in _LINE.finditer(text):
        line = m.group(0)
        if m.start() < pos or not line.strip():
            continue
        pos = m.end()
        seen += 1
        if seen > _HEAD_LINES:
            break
        for kind, rx in (("published", _PUBLISHED), ("date-line", _DATE_ONLY), ("agency", _AGENCY)):
            hit = rx.match(line)
            if not hit:
                continue
            start = m.start() + hit.start("date")
            found = _first_date(text, start, m.start() + hit.end("date"))
            if found:
                return Dateline(value=found[0], span=found[1], kind=kind)
    return None


def _first_date(text: str, start: int, end: int) -> tuple[str, tuple[int, int]] | None:
    from rumormill.timex.normalize import resolve

    for men in find(text[start:end]):
        if men.rule not in ("iso", "mdy", "dmy", "slash"):
            continue
        norm = resolve(men, text[start:end], None, None, None)
        if norm and re.fullmatch(r"(?:\d{4}|XXXX)-\d{2}-\d{2}", norm.value):
            return norm.value, (start + men.start, start + men.end)
    return None


def _interval_of(value: str) -> tuple[dt.date, dt.date] | None:
    m = _ABS.match(value)
    if not m:
        return None
    try:
        lo, hi = interval(value)
    except Exception:
        return None
    return dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)


def _iso(d: dt.date) -> str:
    return d.isoformat()


def infer(text: str, tagged: list[Tagged] | None = None, dayline: str | None = None) -> Published:
    """An interval for the publication date from the text's own dates (``how == "inferred"``)."""
    tagged = tag(text, None) if tagged is None else tagged
    past: list[tuple[dt.date, dt.date, Tagged]] = []
    ahead: list[tuple[dt.date, dt.date, Tagged]] = []
    yearless: list[tuple[int, int | None, Tagged]] = []
    for t in tagged:
        if t.norm.type not in ("DATE", "TIME") or t.norm.mod in ("BEFORE", "AFTER") or t.norm.anaphoric:
            continue
        value = t.norm.value.split("T")[0]
        span = _interval_of(value)
        if span is not None:
            if t.tense == "future" or (t.tense == "present" and re.fullmatch(r"\d{4}", value)):
                ahead.append((span[0], span[1], t))
            else:
                past.append((span[0], span[1], t))
            continue
        ym = re.fullmatch(r"XXXX-(\d{2})(?:-(\d{2}))?", value)
        if ym and t.tense != "future":
            yearless.append((int(ym.group(1)), int(ym.group(2)) if ym.group(2) else None, t))
    if not past and not ahead:
        return Published(value=None, earliest=None, latest=None, how="unknown",
                         reason="no dated evidence in the text")
    reasons: list[str] = []
    ub = min((hi for lo, hi, t in ahead), default=None)
    if ub is not None and any(p[0] <= ub for p in past):
        past = [p for p in past if p[0] <= ub]  # a "past" date after every future one is a tense error
    elif ub is not None and past:
        ub = None  # every future date is before the past ones: the tense guesses disagree, trust the past
    if past:
        lo, hi, latest = max(past, key=lambda p: (p[0], p[1]))
        year = lo.year
        reasons.append(f"latest past date '{latest.text}' ({latest.norm.value.split('T')[0]})")
    else:
        lo, hi, first = min(ahead, key=lambda p: p[0])
        reasons.append(f"'{first.text}' is future/present ({first.norm.value})")
        if first.tense == "future":  # published before it: the year up to its start
            ub = lo - dt.timedelta(days=1)
            lo = ub - dt.timedelta(days=364)
        else:
            lo = dt.date(lo.year, 1, 1)
        year = lo.year
    last_year = any(_LAST_YEAR.search(t.text) for t in tagged)
    this_year = any(_THIS_YEAR.search(t.text) for t in tagged)
    explicit_years = {p[0].year for p in past}
    point: str | None = None
    if last_year and not this_year and year in explicit_years and (ub is None or ub.year > year):
        year += 1
        lo = dt.date(year, 1, 1)
        reasons.append(f"'last year' events are in {year - 1}")
    if ub is not None and ub >= lo:
        fut = [p for p in ahead if p[1] == ub]
        if fut and not any("future/present" in r for r in reasons):
            reasons.append(f"'{fut[0][2].text}' is future/present ({fut[0][2].norm.value})")
    else:
        ub = None
    # refine with dates that have no year ("June 18"), placed in the chosen year
    best: dt.date | None = None
    for month, day, t in yearless:
        try:
            d = dt.date(year, month, day or 1)
        except ValueError:
            continue
        if d >= lo and (ub is None or d <= ub) and (best is None or d > best):
            best = d
            reasons.append(f"'{t.text}' read as {year}")
    if best is not None:
        lo = best
    if past and lo.year == year and (lo.month > 1 or best is not None or not last_year):
        point = f"{lo.year:04d}-{lo.month:02d}"
    hi_limit = lo.replace(year=lo.year + 1) - dt.timedelta(days=1) if not (lo.month == 2 and lo.day == 29) \
        else dt.date(lo.year + 1, 2, 28)
    if last_year and lo == dt.date(year, 1, 1):
        hi_limit = dt.date(year, 12, 31)
    hi = min(hi_limit, ub) if ub is not None else hi_limit
    if hi < lo:
        hi = lo
    return Published(value=point, earliest=_iso(lo), latest=_iso(hi), how="inferred",
                     reason="; ".join(dict.fromkeys(reasons)))


def anchor_of(published: Published):  # type: ignore[no-untyped-def]
    """The anchor sound for resolution: the value, or what an inferred interval pins down."""
    if published.how in ("given", "metadata", "text") and published.value:
        return anchor_from(published.value)
    if published.earliest and published.latest:
        lo, hi = published.earliest, published.latest
        if lo == hi:
            return anchor_from(lo)
        if lo[:7] == hi[:7]:
            return anchor_from(lo[:7])
        if lo[:4] == hi[:4]:
            return anchor_from(lo[:4])
    return None
