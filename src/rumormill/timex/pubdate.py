"""The publication date from the text: a dateline, or an interval inferred from the evidence.

``dateline(text)`` looks at the first lines only: an agency dateline ("LOS ANGELES, March 3
(Reuters) —"), a "Published/Posted/Updated ..." line, or a line that is nothing but a date
("March 01, 2008", "Friday, March 22, 2013"). ``infer(text)`` works from the time expressions
found without an anchor; every candidate month gets a weight from the evidence and the best 12-month
window is the interval (docs/time.md, `published`, has the weights and the figures):

- explicit dates in past clauses bound publication from below, in future clauses from above (a tense
  error is possible, so the wrong side is unlikely, not ruled out); news is recent, so the year after
  the latest past date weighs most; "late 2014" / "the last three months of 2015" are over;
- an event named by its year ("the 2016 race") bounds it from the year before;
- year votes: a relative year beside an explicit one ("last year's 2015 election" -> 2016, "in 2012,
  four years ago"), "the 50th anniversary of the 1966 act", "20 years since 1996", an age with a birth
  year, weakly a present-tense year; "last year" next to events explicitly dated in year Y -> Y+1;
- a weekday with a yearless date ("Tuesday, March 8") keeps the years in which that day is that weekday;
- dates without a year ("June 18", "will vote on March 15") give the point month;
- a full date outside a past clause (a caption's "on June 14, 2016", a post's date) puts publication days after it;
  targets ("by 2024") cap it without being near; a lone present/untensed bare year ahead abstains.

The interval is never wider than a year; ``reason`` lists the evidence in words.
"""

from __future__ import annotations

import contextlib
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
_TARGET = re.compile(r"\b(?:by|until|till|through|to)\s+(?:at\s+least\s+)?$", re.I)
_BACK_YEAR = re.compile(r"\bprevious\s+year\b|\bthe\s+year\s+before\b", re.I)
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


_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_PART_MONTHS = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6), "H2": (7, 12),
                "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _interval_of(value: str) -> tuple[dt.date, dt.date] | None:
    part = _PART.match(value)
    if part:  # quarters, halves, seasons ("2011-FA": September to November 2011)
        year, (first, last) = int(part.group(1)), _PART_MONTHS[part.group(2)]
        end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
        return dt.date(year, first, 1), _month_end(end_year * 12 + end_month - 1)
    m = _ABS.match(value)
    if not m:
        return None
    try:
        lo, hi = interval(value)
    except Exception:
        return None
    return dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)


# "the last three months of 2015" (past): the period is over, as after "the end of 2015" ("throughout 2016" is
# not: it can still be going on)
_COMPLETED = re.compile(r"\b(?:last|final|closing)\s+(?:\w+\s+)?(?:months?|weeks?|days?|quarter|part)\s+of\s+$", re.I)


def _narrowed(span: tuple[dt.date, dt.date], value: str, mod: str | None) -> tuple[dt.date, dt.date]:
    """START/MID/END take the first/middle/last third of a year ("late 2014": September to December) or of a
    month (ten days), as on the timeline."""
    if mod not in ("START", "MID", "END") or not _ABS.match(value) or len(value) > 7:
        return span
    lo, hi = span
    if len(value) == 4:
        first = {"START": 1, "MID": 5, "END": 9}[mod]
        return dt.date(lo.year, first, 1), _month_end(lo.year * 12 + first + 2)
    first_day = {"START": 1, "MID": 11, "END": 21}[mod]
    return lo.replace(day=first_day), (lo.replace(day=10) if mod == "START" else lo.replace(day=20) if mod == "MID"
                                       else hi)


def _iso(d: dt.date) -> str:
    return d.isoformat()


def infer(text: str, tagged: list[Tagged] | None = None, dayline: str | None = None) -> Published:
    """An interval for the publication date from the text's own dates (``how == "inferred"``)."""
    tagged = tag(text, None) if tagged is None else tagged
    past: list[tuple[dt.date, dt.date, Tagged]] = []
    ahead: list[tuple[dt.date, dt.date, Tagged]] = []
    yearless: list[tuple[int, int | None, Tagged]] = []
    coming: list[tuple[int, int | None, Tagged]] = []  # "will vote on March 15"
    over: dict[int, str] = {}  # "the last three months of 2015": the words that say the period is over
    for t in tagged:
        if t.norm.type not in ("DATE", "TIME") or t.norm.mod in ("BEFORE", "AFTER") or t.norm.anaphoric:
            continue
        value = t.norm.value.split("T")[0]
        span = _interval_of(value)
        if span is not None:
            ended = _COMPLETED.search(text, max(0, t.start - 40), t.start) if t.tense == "past" else None
            mod = t.norm.mod or ("END" if ended else None)
            if ended and not t.norm.mod:
                over[id(t)] = text[ended.start():t.end]
            span = _narrowed(span, value, mod)
            if t.tense != "future" and t.rule == "year" and _NOMINAL.match(text, t.end):
                # "the 2016 race", "the 2020 Olympics": an event named by its year is talked about the year
                # before it as much as after it, whatever the clause's tense
                past.append((dt.date(span[0].year - 1, 1, 1), span[1], t))
            elif t.tense == "future" or (t.tense == "present" and re.fullmatch(r"\d{4}(?:-\d{2})?", value)) \
                    or (t.tense is None and re.fullmatch(r"\d{4}", value)):
                ahead.append((span[0], span[1], t))
            else:
                past.append((span[0], span[1], t))
            continue
        ym = re.fullmatch(r"XXXX-(\d{2})(?:-(\d{2}))?", value)
        if ym and t.tense != "future":
            yearless.append((int(ym.group(1)), int(ym.group(2)) if ym.group(2) else None, t))
        elif ym:
            coming.append((int(ym.group(1)), int(ym.group(2)) if ym.group(2) else None, t))
    if not past and not ahead:
        return Published(value=None, earliest=None, latest=None, how="unknown",
                         reason="no dated evidence in the text")
    day_answer = _near_day(text, tagged, past)
    if day_answer is not None:
        return day_answer
    reasons: list[str] = []
    planned = {t.norm.value for _a, _b, t in ahead if t.tense == "future" and len(t.norm.value) == 4}
    if planned and any(p[2].norm.value not in planned for p in past):
        # "the target for 2010" (future) and "by 2010" read as past: the same year is a plan, not a bound
        past = [p for p in past if p[2].norm.value not in planned]
    done = {p[2].norm.value for p in past if len(p[2].norm.value) > 4}
    if done:  # "on June 28" in a past clause and in a future one: a day or month that is past is past
        ahead = [a for a in ahead if a[2].norm.value not in done]
    ub = min((hi for lo, hi, t in ahead if t.tense == "future"), default=None)
    if ub is not None and any(p[0] <= ub for p in past):
        past = [p for p in past if p[0] <= ub]  # a "past" date after every future one is a tense error
    elif ub is not None and past:
        ub = None  # every future date is before the past ones: the tense guesses disagree, trust the past
    # "the previous year" / "the year before" refer back to a year the text named, not to publication
    last_year = any(_LAST_YEAR.search(t.text) and not t.norm.anaphoric and not _BACK_YEAR.search(t.text)
                    for t in tagged)
    this_year = any(_THIS_YEAR.search(t.text) for t in tagged)
    latest = max(past, key=lambda p: (p[0], p[1])) if past else None
    future = [p for p in ahead if p[2].tense == "future"]
    # "by 2024", "through November 2028": a deadline or target can be years ahead, so it caps publication
    # without saying it is near (it is no "earliest future date" to sit just before)
    near_ahead = [p for p in ahead if not _TARGET.search(text, max(0, p[2].start - 30), p[2].start)]
    near_future = [p for p in near_ahead if p[2].tense == "future"]
    # (with no past date at all, a target is still the only bound: "will be wound up by January 30, 2009")
    near_ahead = near_ahead or ([] if past else ahead)
    near_future = near_future or ([] if past else future)
    first = min(near_future or near_ahead, key=lambda p: p[0]) if near_ahead else None
    if latest is not None and latest[0].year < latest[1].year:
        event = _NOMINAL.match(text, latest[2].end)
        words = text[latest[2].start:event.end() if event else latest[2].end]
        reasons.append(f"latest event named by its year '{words}' (published {latest[0].year} or later)")
    elif latest is not None:
        words = over.get(id(latest[2]), latest[2].text)
        part = ", over" if id(latest[2]) in over else f", {latest[2].norm.mod}" if latest[2].norm.mod else ""
        reasons.append(f"latest past date '{words}' ({latest[2].norm.value.split('T')[0]}{part})")
    if first is not None:
        reasons.append(f"'{first[2].text}' is future/present ({first[2].norm.value})")
    # "last year" next to events explicitly dated in year Y: published in Y + 1
    last_year_in: int | None = None
    latest_year = (latest[1] if latest is not None and latest[0].year < latest[1].year else latest[0]).year \
        if latest is not None else 0  # a named event's own year ("the 2015 budget"), else the date's
    if last_year and not this_year and latest is not None and (ub is None or ub.year > latest_year):
        last_year_in = latest_year + 1
        reasons.append(f"'last year' events are in {last_year_in - 1}")
    votes = _year_votes(text, tagged)
    if latest is not None:  # "2008 is …" with a later past date: the present tense is no "now"
        votes = [v for v in votes if v[2] >= 1.0 or v[1] >= latest[0].year]
    for _first, _last, _weight, why in votes:
        reasons.append(why)
    weekdays = _weekday_dates(text, tagged)
    named = _named_days(text, tagged)
    seen = {(mo, d) for mo, d, _wd, _tense, _w in weekdays}
    weekdays += [(mo, d, wd, None, words) for mo, d, _shift, wd, words in named if wd is not None and (mo, d) not in seen]
    weak = _lone_past_year(latest, first, votes, weekdays, over) or _only_ahead(latest, first, ahead, votes, weekdays)
    if weak is not None:
        return Published(value=None, earliest=None, latest=None, how="unknown", reason=weak)
    score = _month_scores(past, ahead, latest, first, last_year_in, yearless, votes,
                          [(mo, d, wd, tense) for mo, d, wd, tense, _w in weekdays])
    w = _best_window(score, latest_first=latest is None, min_start=_mi(latest[0]) - 11 if latest else None)
    lo, hi = _month_start(w), _month_end(w + 11)
    cap = min((b for _a, b, t in future), default=None)
    if cap is not None and cap >= lo:
        hi = min(hi, cap)  # published before a future-tense date ends
    if latest is not None:
        # a day in a past clause that is only days after publication is mostly a scheduled event read as past
        # (the tense is a guess): on PolNeAR train 6 of 58 such latest dates lay 1-7 days after publication
        slack = _DAY_SLACK if re.fullmatch(r"\d{4}-\d{2}-\d{2}", latest[2].norm.value.split("T")[0]) else 0
        lo = max(lo, latest[0] - dt.timedelta(days=slack))
    if hi < lo:
        hi = lo
    for wmonth, wday, wd, _tense, words in weekdays:
        fits = [y for y in range(lo.year - 1, hi.year + 2) if _weekday_of(y, wmonth, wday) == wd]
        if fits:
            reasons.append(f"'{words}': a {_WEEKDAYS[wd].capitalize()} in {' and '.join(map(str, fits))}")
    # dates without a year ("June 18") are read in the year the window gives them; publication is most
    # likely in the month of the latest of them (not a bound: its year is only a reading)
    placed: dt.date | None = None
    for month, day, t in yearless:
        for year in (hi.year, lo.year):
            with contextlib.suppress(ValueError):
                d = dt.date(year, month, day or 1)
                if lo <= d <= hi:
                    reasons.append(f"'{t.text}' read as {year}")
                    placed = d if placed is None or d > placed else placed
                    break
    window = [score.get(m, 0.0) for m in range(w, w + 12)]
    top = max(window)
    point: str | None = None
    near = _nearest_month(lo, hi, yearless, coming)
    if near is not None:
        point = near
        if coming:
            reasons.append("most likely before " + ", ".join(f"'{t.text}'" for _m, _d, t in coming[:3]) + " (future)")
    elif placed is not None:
        point = f"{placed.year:04d}-{placed.month:02d}"
    elif sorted(window)[-2] * 1.5 <= top:  # one month stands out
        m = w + window.index(top)
        point = f"{m // 12:04d}-{m % 12 + 1:02d}"
    reasons.append("the most likely one-year interval given that news reports recent events and near plans")
    named_day = _publication_day(named, lo, hi)
    if named_day is not None:  # "today (Nov. 18)": the window gives the year, the words the day
        lo, hi, point, why = named_day
        reasons.append(why)
    return Published(value=point, earliest=_iso(lo), latest=_iso(hi), how="inferred",
                     reason="; ".join(dict.fromkeys(reasons)))


# "today (Nov. 18)", "tomorrow (November 19)", "Monday night (Nov. 18)": a deictic word or a weekday with the date in
# parentheses right after it says which day "today" is (a weekday: a day within the week around publication)
_DAY_WORD = re.compile(r"\b(?:(today|tonight|tomorrow|yesterday|this\s+(?:morning|afternoon|evening))|"
                       r"(mon|tues|wednes|thurs|fri|satur|sun)day(?:\s+(?:morning|afternoon|evening|night))?)\s*\(\s*$", re.I)
_DAY_SHIFT = {"today": 0, "tonight": 0, "this": 0, "tomorrow": -1, "yesterday": 1}  # publication = the date + shift
_WEEK = dt.timedelta(days=7)


def _named_days(text: str, tagged: list[Tagged]) -> list[tuple[int, int, int, int | None, str]]:
    """(month, day, days from the date to publication, weekday 0-6 or None, words) of "today (Nov. 18)" and the like."""
    out: list[tuple[int, int, int, int | None, str]] = []
    for t in tagged:
        m = re.fullmatch(r"XXXX-(\d{2})-(\d{2})", t.norm.value.split("T")[0])
        if not m or t.norm.anaphoric or not re.match(r"\s*\)", text[t.end:t.end + 3]):
            continue
        w = _DAY_WORD.search(text, max(0, t.start - 40), t.start)
        if not w:
            continue
        words = text[w.start():t.end].strip() + ")"
        if w.group(1):
            out.append((int(m.group(1)), int(m.group(2)), _DAY_SHIFT[w.group(1).split()[0].lower()], None, words))
        else:
            out.append((int(m.group(1)), int(m.group(2)), 0, _WEEKDAYS.index(w.group(2).lower() + "day"), words))
    return out


def _publication_day(named: list[tuple[int, int, int, int | None, str]], lo: dt.date,
                     hi: dt.date) -> tuple[dt.date, dt.date, str, str] | None:
    """The interval narrowed to the day that "today (Nov. 18)" names, read in the year the window gives it (a day
    either side; a week either side of a weekday's date), its point value and the reason; None if none fits."""
    best: tuple[dt.date, dt.date, str, str] | None = None
    for month, day, shift, wd, words in sorted(named, key=lambda n: n[3] is not None):
        for year in (hi.year, lo.year):
            with contextlib.suppress(ValueError):
                d = dt.date(year, month, day) + dt.timedelta(days=shift)
                if not lo <= d <= hi or (wd is not None and d.weekday() != wd):
                    continue
                span = (d - _WEEK, d + _WEEK) if wd is not None else (d - dt.timedelta(days=1), d + dt.timedelta(days=1))
                got = (max(lo, span[0]), min(hi, span[1]), d.isoformat() if wd is None else d.isoformat()[:7],
                       f"'{words}' names the publication day ({d.isoformat()}{', within a week' if wd is not None else ''})")
                if best is None:
                    best = got
                break
        if best is not None:
            break
    return best


_FULL_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# a post's own date: "— Jane Roe (@jroe) November 18, 2019", tweet-date="…", datetime="…"
_POSTED = re.compile(r"(?:\(@\w+\)|(?:tweet-date|datetime)=[\"'])\s*$")
_NEAR_BEFORE = dt.timedelta(days=14)  # an untensed or present day date is mostly 0-7 days before publication
_NEAR_LATER = dt.timedelta(days=60)  # past evidence starting this long after the day: the day is background


def _near_day(text: str, tagged: list[Tagged], past: list[Span]) -> Published | None:
    """Publication within days of a full date written outside a past clause, or None.

    A day with its year in a present-tense or untensed clause ("This is HuffPollster for Monday, May 2, 2016",
    a caption's "… on June 14, 2016", an embedded post's "— Jane Roe (@jroe) November 18, 2019") is mostly the
    news day itself: on PolNeAR train 30 of 40 untensed and 15 of 18 present-tense ones lay within a week of
    publication (in past clauses: 20 of 72, most of the rest years back). A post's date counts whatever the
    tense guess. The latest such day decides, unless past-tense evidence starts more than two months after
    it (then it is background, "Sept. 11, 2001", and the usual inference runs).
    """
    days: list[tuple[dt.date, Tagged]] = []
    for t in tagged:
        if t.norm.type not in ("DATE", "TIME") or t.norm.anaphoric or t.norm.mod in ("BEFORE", "AFTER"):
            continue
        m = _FULL_DAY.match(t.norm.value.split("T")[0])
        if not m or not (t.tense in (None, "present") or _POSTED.search(text, max(0, t.start - 40), t.start)):
            continue
        with contextlib.suppress(ValueError):
            days.append((dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), t))
    if not days:
        return None
    day, t = max(days, key=lambda d: d[0])
    if any(lo > day + _NEAR_LATER for lo, _hi, _t in past):
        return None
    lo = day - _NEAR_BEFORE
    reasons = [f"'{t.text}' ({day.isoformat()}) is written outside a past clause: publication within days of it"]
    later = [(a, p) for a, _b, p in past if day < a <= day + _NEAR_LATER and _FULL_DAY.match(p.norm.value.split("T")[0])]
    if later:
        a, p = max(later, key=lambda x: x[0])
        lo = max(lo, a - dt.timedelta(days=_DAY_SLACK))
        reasons.append(f"latest past date '{p.text}' ({a.isoformat()})")
    hi = lo + dt.timedelta(days=365)
    return Published(value=f"{day.year:04d}-{day.month:02d}", earliest=_iso(lo), latest=_iso(hi), how="inferred",
                     reason="; ".join(reasons))


def _lone_past_year(latest: Span | None, first: Span | None, votes: list[Vote],
                    weekdays: list[tuple[int, int, int, str | None, str]], over: dict[int, str]) -> str | None:
    """Why the evidence is too weak to date the text (the inference abstains), or None.

    A bare year in a past clause ("was elected in 2012") as the latest date, with no future date within
    two years after it and no vote, weekday or "late 2014" to narrow it, says that publication is later,
    not how much later: on PolNeAR train the year itself held the publication date in 34 of 312 such
    articles (11%), the next year in 28, and the rest spread over decades (the 2014 midterms, the 2012
    election, 9/11). Written twice or more it is no better (18%). A year that is also a named event's
    ("the 2016 race") or that a month or day dates more finely is not bare.

    The pipeline's duration step still runs when the inference abstains ("married in 2015 … split in October
    after eight years" -> "2015 + eight years", a past date of 2023 that is not bare).
    """
    if latest is None or votes or weekdays or id(latest[2]) in over or latest[2].norm.mod:
        return None
    value = latest[2].norm.value
    if not re.fullmatch(r"\d{4}", value) or latest[0].year < latest[1].year:
        return None
    year = int(value)
    if first is not None and 0 <= first[0].year - year <= _NEAR_FUTURE_YEARS:
        return None
    if latest[2].rule == "duration-end":  # "2015 + eight years": the pipeline's own arithmetic, not a bare year
        return None
    later = f"; the nearest future/present date, '{first[2].text}' ({first[2].norm.value}), is too far to bound it" \
        if first is not None else ""
    return (f"not dated: the latest past date is the bare year '{latest[2].text}' ({year}){later}; a year alone "
            "says publication came after it, not how long after (no later month or day, no year vote)")


def _only_ahead(latest: Span | None, first: Span | None, ahead: list[Span], votes: list[Vote],
                weekdays: list[tuple[int, int, int, str | None, str]]) -> str | None:
    """Why a bare year in a present or untensed clause cannot date the text alone (the inference abstains), or None.

    With no past date, "the 2020 models are", "Tour 2020" says little about which side of publication the year
    is: on PolNeAR train the window before it held the publication date in 5 of 15 such articles (web pages,
    dev: 1 of 5). A future-tense year ("will open in 2011") is kept: the year before it is the usual reading.
    A finer date (a month, a day), a weekday or an exact year vote still dates the text.
    """
    if latest is not None or first is None or weekdays or any(weight >= 1.0 for _a, _b, weight, _why in votes):
        return None
    if first[2].tense == "future" or not re.fullmatch(r"\d{4}", first[2].norm.value):
        return None
    return (f"not dated: no past date, and the earliest date ahead is the bare year '{first[2].text}' "
            f"({first[2].norm.value}); a year alone says publication came before it, not how long before")


_NEAR_FUTURE_YEARS = 2  # a future/present year this close after a bare past year brackets publication
_DAY_SLACK = 7  # days an interval may start before a latest past date given to the day


def _nearest_month(lo: dt.date, hi: dt.date, yearless: list[tuple[int, int | None, Tagged]],
                   coming: list[tuple[int, int | None, Tagged]]) -> str | None:
    """The month in [lo, hi] closest after the yearless dates of past clauses and before those of future ones.

    News reports the last few weeks and the next few: "on June 18" (past) and "will vote on July 4"
    put publication in June or July. The cost of a month is how many months it lies after each past
    mention's month and before each future one's (counted round the year); the cheapest month wins,
    the earliest of equals. Dates in clauses without a tense count as past, present ones either way.
    """
    if not yearless and not coming:
        return None
    best: tuple[int, int] | None = None
    for m in range(_mi(lo), _mi(hi) + 1):
        month = m % 12 + 1
        cost = 0
        for mon, _day, t in yearless:
            after = (month - mon) % 12
            cost += min(after, (mon - month) % 12) if t.tense == "present" else after
        for mon, _day, _t in coming:
            cost += (mon - month) % 12
        if best is None or cost < best[0]:
            best = (cost, m)
    if best is None:
        return None
    return f"{best[1] // 12:04d}-{best[1] % 12 + 1:02d}"


# How likely the publication month is, given one piece of evidence (weights, not probabilities).
# News reports recent events and near plans: publication is mostly within a year or two after the
# latest past date and a year or two before the earliest future one; a date on the wrong side of
# publication is usually a tense error, so it weighs against a month without ruling it out.
_WRONG_SIDE = 0.05
_AFTER_PAST = ((12, 1.0), (24, 0.6), (36, 0.25))  # months after the end of the latest past date
_BEFORE_FUTURE = ((0, 1.0), (24, 1.0), (36, 0.5))  # months before the start of the earliest future date
_FAR = 0.15
# A month written with its year in a past clause ("in March 2015") is mostly an earlier year's: within the current
# year news writes the month alone. On PolNeAR train the best 12-month window starts 9 months after such a date
# (17 of 39 articles in it, against 8 in the 12 months right after it).
_AFTER_PAST_MONTH = ((8, 0.5), (20, 1.0), (32, 0.6), (44, 0.25))


def _step(table: tuple[tuple[int, float], ...], gap: int) -> float:
    for limit, weight in table:
        if gap <= limit:
            return weight
    return _FAR


def _mi(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def _month_start(m: int) -> dt.date:
    return dt.date(m // 12, m % 12 + 1, 1)


def _month_end(m: int) -> dt.date:
    return _month_start(m + 1) - dt.timedelta(days=1)


Span = tuple[dt.date, dt.date, Tagged]
Vote = tuple[int, int, float, str]  # publication in years first..last, weight 0-1, the evidence in words


def _mi_start_ok(m: int, b: int) -> bool:
    """Month ``m`` lies in the year before a named event's year that ends with month ``b``."""
    return b - 23 <= m < b - 11


def _month_scores(past: list[Span], ahead: list[Span], latest: Span | None, first: Span | None,
                  last_year_in: int | None, yearless: list[tuple[int, int | None, Tagged]],
                  votes: list[Vote] = (),  # type: ignore[assignment]
                  weekdays: list[tuple[int, int, int, str | None]] = ()) -> dict[int, float]:  # type: ignore[assignment]
    """A weight for every candidate publication month (two years around the evidence)."""
    ends = [_mi(p[0]) for p in past] + [_mi(p[1]) for p in ahead]
    lo_m, hi_m = min(ends) - 24, max(ends) + 24
    if weekdays:  # the same month and day fall on the same weekday again after 5, 6 or 11 years
        hi_m += 11 * 12
    for first_y, last_y, _weight, _why in votes:  # "four years ago, in 2012": 2016 is a candidate however far
        lo_m, hi_m = min(lo_m, first_y * 12), max(hi_m, last_y * 12 + 11)
    if latest is not None:
        lo_m = max(lo_m, _mi(latest[0]) - 24)
    if first is not None:
        hi_m = min(hi_m, _mi(first[1]) + 24)
    if hi_m - lo_m < 11:  # the evidence contradicts itself: look at everything around it
        lo_m, hi_m = min(ends) - 24, max(ends) + 24
    if latest is not None:  # publication is after the latest past date begins: keep a year after it
        hi_m = max(hi_m, _mi(latest[0]) + 11)
    for first_y, last_y, _weight, _why in votes:
        lo_m, hi_m = min(lo_m, first_y * 12), max(hi_m, last_y * 12 + 11)
    import bisect

    starts = sorted(_mi(a) for a, _b, _t in past)
    nominal = [_mi(b) for a, b, _t in past if _mi(b) - _mi(a) > 12]
    planned = sorted(_mi(b) for _a, b, t in ahead if t.tense == "future")
    present = [(_mi(a), _mi(b)) for a, b, t in ahead if t.tense != "future"]
    after = _mi(latest[1]) if latest is not None else None
    month_named = latest is not None and latest[2].norm.mod is None and \
        re.fullmatch(r"\d{4}-\d{2}", latest[2].norm.value) is not None
    before = _mi(first[0]) if first is not None else None
    out: dict[int, float] = {}
    for m in range(lo_m, hi_m + 1):
        # a month before a past-tense date or after a future-tense one: a tense error is possible, so unlikely
        w = _WRONG_SIDE ** ((len(starts) - bisect.bisect_right(starts, m)) + bisect.bisect_left(planned, m))
        for b in nominal:
            if _mi_start_ok(m, b):
                w *= 0.6  # "the 2016 race" in 2015: possible, but most talk of an event is in its own year
        for a, b in present:
            if not a <= m <= b:
                w *= 0.5  # "is hoping for 2024": present-tense years are weaker evidence
        if after is not None and m > after:
            w *= _step(_AFTER_PAST_MONTH if month_named else _AFTER_PAST, m - after)
        if before is not None:
            gap = before - m
            w *= _step(_BEFORE_FUTURE, gap) if gap >= 0 else 0.6
        if last_year_in is not None and m // 12 != last_year_in:
            w *= 0.25
        for month, _day, _t in yearless:  # "on June 18" in a past clause: a few weeks before publication
            if (m % 12 + 1 - month) % 12 > 1:
                w *= 0.5
        for first_y, last_y, weight, _why in votes:  # "last year's 2015 election": published in 2016
            if not first_y <= m // 12 <= last_y:
                w *= _WRONG_SIDE ** weight
        for month, day, wd, tense in weekdays:  # "Tuesday, March 8": a year in which March 8 is a Tuesday
            w *= _weekday_weight(m, month, day, wd, tense)
        out[m] = w
    return out


_NOMINAL = re.compile(
    r"(?:['’]s)?\s+(?:(?:[A-Z][\w.-]*|presidential|general|federal|state|local|national|regional|parliamentary|"
    r"congressional|legislative|mayoral|gubernatorial|municipal|midterm|party|primary|summer|winter|world|"
    r"fiscal|budget|spring|fall|autumn|annual|regular|legislative)\s+){0,2}"
    r"(?:elections?|race|races|campaigns?|cycle|primar(?:y|ies)|caucus(?:es)?|conventions?|nominations?|nominees?|"
    r"candidates?|candidacy|contests?|ballot|bid|run|midterms?|vote|referendum|budget|season|Olympics|Games|"
    r"World\s+Cup|Cup|championships?|tournament|census|summit|session|draft|festival|edition|tour)\b"
)
_NUMBER = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50}
_REL_YEAR = re.compile(r"\b(last|previous|past|this|next|coming)\s+year\b(?!s)", re.I)
_YEARS_AGO = re.compile(r"\b(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
                        r"twenty|thirty|fifty)\s+(years?|decades?)\s+(ago|from\s+now)\b", re.I)
_ANNIVERSARY = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+(?:anniversary|birthday)\b", re.I)
_SINCE = re.compile(r"\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                    r"thirty|fifty)\s+years\s+since\s+(?:\w+\s+){0,6}?(?:in\s+)?((?:1[6-9]|20)\d\d)\b", re.I)
_BORN = re.compile(r"\bborn\s+(?:in\s+|on\s+)?(?:[A-Z][a-z]+\.?\s+(?:\d{1,2},?\s+)?)?((?:1[89]|20)\d\d)\b")
_AGE = re.compile(r"(?:\b[A-Z][\w'’.-]+,\s+(\d{1,3}),|\b(?:is|aged?|turns|turned)\s+(\d{1,3})\b(?!\s*(?:%|percent|years?\s+ago)))")
_GAP_WORDS = re.compile(r"^[\s,;:()—–-]*(?:(?:in|of|on|since|back|and|or|the|year|['’]s)[\s,;:()—–-]*){0,3}$", re.I)
_OF_YEAR = re.compile(r"\s+of\s+(?:[\w'’-]+\s+){0,5}$")
_CHEAP_ANNIVERSARY = re.compile(r"nniversar|irthday", re.I)
_CHEAP_SINCE = re.compile(r"years\s+since", re.I)
_SINCE_BEFORE = re.compile(r"\b(?:since|from|until|till|through|between|before|after|by)\s+(?:the\s+)?(?:\w+\s+)?$", re.I)
_PRESENT_VOTE = 0.25
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_BEFORE = re.compile(r"\b(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*$")


def _sentence_of(ends: list[int], pos: int) -> int:
    import bisect

    return bisect.bisect_right(ends, pos)


def _year_votes(text: str, tagged: list[Tagged]) -> list[Vote]:
    """Publication years that follow from a relative expression combined with an explicit year.

    "last year's 2015 election" / "in 2012, four years ago" / "this year, 2016" (the two written side
    by side: weight 1; in the same sentence further apart: 0.5), "the 50th anniversary of the 1966 act",
    "20 years since 1996", "Smith, 45, was born in 1971" (two years, 0.5 each).
    """
    from rumormill.timex.tense import _SENT_END

    years = [t for t in tagged if t.rule == "year" and re.fullmatch(r"\d{4}", t.norm.value) and not t.norm.anaphoric]
    if not years:
        return []
    ends = [m.end() for m in _SENT_END.finditer(text)]
    out: list[Vote] = []
    for t in tagged:
        k: int | None = None
        rel = _REL_YEAR.search(t.text)
        ago = _YEARS_AGO.search(t.text)
        if rel and t.rule != "year":
            k = {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[rel.group(1).lower()]
        elif ago:
            n = int(ago.group(1)) if ago.group(1).isdigit() else _NUMBER[ago.group(1).lower()]
            n *= 10 if ago.group(2).lower().startswith("decade") else 1
            k = -n if ago.group(3).lower() == "ago" else n
        if k is None:
            continue
        sent = _sentence_of(ends, t.start)
        for y in years:
            if _sentence_of(ends, y.start) != sent:
                continue
            gap = text[t.end:y.start] if t.end <= y.start else text[y.end:t.start]
            if _GAP_WORDS.match(gap):  # side by side; further apart in a sentence they often name two times
                year = int(y.norm.value) - k
                out.append((year, year, 1.0, f"'{t.text}' with '{y.text}' ({year})"))
    for y in years:  # "there are more voters in 2016": a present-tense year is more often this one than not
        if y.tense == "present" and not _NOMINAL.match(text, y.end) and not _SINCE_BEFORE.search(text, max(0, y.start - 30), y.start):
            year = int(y.norm.value)
            out.append((year, year, _PRESENT_VOTE, f"'{y.text}' in a present-tense clause"))
    for rx, kind in ((_ANNIVERSARY, "anniversary"), (_SINCE, "since")):
        if not (_CHEAP_ANNIVERSARY if kind == "anniversary" else _CHEAP_SINCE).search(text):
            continue
        for m in rx.finditer(text):
            n = int(m.group(1)) if m.group(1).isdigit() else _NUMBER[m.group(1).lower()]
            if kind == "since":
                year, words = int(m.group(2)), m.group(0)
            else:
                sent = _sentence_of(ends, m.start())
                # "the 50th anniversary of the 1966 act", not "50th Anniversary Tour 2020" (the tour's year)
                after = [y for y in years if y.start > m.end() and _sentence_of(ends, y.start) == sent
                         and _OF_YEAR.match(text, m.end(), y.start)]
                if not after:
                    continue
                year, words = int(after[0].norm.value), f"{m.group(0)} … {after[0].text}"
            out.append((year + n, year + n, 1.0, f"'{words}' ({year + n})"))
    for m in _BORN.finditer(text) if "born" in text else ():
        sent = _sentence_of(ends, m.start())
        s = ends[sent - 1] if sent else 0
        e = ends[sent] if sent < len(ends) else len(text)
        for a in _AGE.finditer(text, s, e):
            age = int(a.group(1) or a.group(2))
            if 0 < age < 120:
                born = int(m.group(1))
                out.append((born + age, born + age + 1, 1.0,
                            f"age {age} and '{m.group(0)}' ({born + age} or {born + age + 1})"))
                break
    return out


def _weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return dt.date(year, month, day).weekday()
    except ValueError:
        return None


def _weekday_dates(text: str, tagged: list[Tagged]) -> list[tuple[int, int, int, str | None, str]]:
    """(month, day, weekday 0-6, tense) of yearless dates written with their weekday ("Tuesday, March 8")."""
    out = []
    for t in tagged:
        m = re.fullmatch(r"XXXX-(\d{2})-(\d{2})", t.norm.value.split("T")[0])
        if not m or t.norm.anaphoric:
            continue
        first = t.text.split(",")[0].split()[0].lower() if t.text.strip() else ""
        before = _WEEKDAY_BEFORE.search(text, max(0, t.start - 12), t.start)
        wd = first if first in _WEEKDAYS else (before.group(0).split(",")[0].strip().lower() if before else None)
        if wd in _WEEKDAYS:
            words = text[before.start():t.end] if before and first not in _WEEKDAYS else t.text
            out.append((int(m.group(1)), int(m.group(2)), _WEEKDAYS.index(wd), t.tense, words))
    return out


def _weekday_weight(m: int, month: int, day: int, wd: int, tense: str | None) -> float:
    """Months near a date with that month, day and weekday weigh 1; the rest 0.02 (the calendar is sure)."""
    year = m // 12
    for y in (year - 1, year, year + 1):
        try:
            d = dt.date(y, month, day)
        except ValueError:
            continue
        if d.weekday() != wd:
            continue
        gap = m - (y * 12 + month - 1)
        lo, hi = (0, 2) if tense == "past" else (-2, 0) if tense == "future" else (-1, 2)
        if lo <= gap <= hi:
            return 1.0
    return 0.02


def _best_window(score: dict[int, float], latest_first: bool = False, min_start: int | None = None) -> int:
    """The first month of the 12-month window with the most weight; a calendar year when it is as good.

    Among equal windows the one nearest the evidence wins: the earliest after a past date, or, with
    only future dates (``latest_first``), the latest before them. ``min_start``: no window ends before
    the latest past date begins.
    """
    months = sorted(score)
    starts = list(range(months[0], max(months[0], months[-1] - 10) + 1))
    if min_start is not None and any(w >= min_start for w in starts):
        starts = [w for w in starts if w >= min_start]
    if latest_first:
        starts.reverse()
    prefix = [0.0]  # prefix[i] = weight of the months before months[0] + i
    for m in range(months[0], months[-1] + 12):
        prefix.append(prefix[-1] + score.get(m, 0.0))
    totals = {w: prefix[w - months[0] + 12] - prefix[w - months[0]] for w in starts}
    best = starts[0]
    for w in starts:
        if totals[w] > totals[best] + 1e-9:
            best = w
    for w in starts:
        if w % 12 == 0 and totals[w] >= 0.98 * totals[best]:
            return w
    return best


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
