"""One resolver per tagger rule: groups of the match -> ``Norm`` (TIMEX3 type, value, mod)."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Callable

from rumormill.timex.normalize import (
    _ANAPHORIC_REL,
    _DEIC,
    _ORD,
    _SEASON_MONTH,
    Anchor,
    Norm,
    _duration,
    _num,
    _place_day,
    _place_holiday,
    _place_month,
    _pmod,
    _shift_months,
    _smod,
    _unit_value,
    _unresolved,
    _week,
    _weekday,
    _year,
    _ymd,
    holiday_date,
    plain,
)
from rumormill.timex.tagger import Mention, holiday_key, holidays, vocab
from rumormill.timex.tense import cues_for

Resolver = Callable[[Mention, str, Anchor | None, Anchor | None, str | None], Norm | None]


def _d(value: str, mod: str | None = None, anchor: str | None = None, typ: str = "DATE",
       vague: bool = False, anaphoric: bool = False) -> Norm:
    return Norm(type=typ, value=value, mod=mod, vague=vague, anchor=anchor, anaphoric=anaphoric)


def _month_no(name: str) -> int:
    return int(vocab()["month"][name.lower().rstrip(".")])


def _iso(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    g = m.groups
    if g.get("dyear"):  # "2018.04.05"
        return _d(f"{g['dyear']}-{g['dmonth']}-{g['dday']}")
    value = f"{g['year']}-{g['month']}-{g['day']}"
    if g.get("hh"):
        return _d(f"{value}T{g['hh']}:{g['mm']}", typ="TIME")
    return _d(value)


def _slash(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm | None:
    g = m.groups
    mon, day = int(g["month"]), int(g["day"])
    if not 1 <= day <= 31:
        return None
    return _d(f"{_year(g['year']):04d}-{mon:02d}-{day:02d}")


def _mdy(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm | None:
    g = m.groups
    mon, day = _month_no(g["mon"]), int(g["day"])
    if g.get("year"):
        return _podof(g, _d(f"{int(g['year']):04d}-{mon:02d}-{day:02d}"))
    if (mon, day) == (9, 11) and _ATTACKS_AFTER.match(text, m.end):
        return _d("2001-09-11")  # "the September 11 attacks": the named day, not this year's
    if pub is None:
        return _podof(g, _d(f"XXXX-{mon:02d}-{day:02d}"))
    story = _story_day(m, text, pub, prev, tense, mon, day)
    if story is not None:
        return _podof(g, _d(story, anchor=prev.ref if prev else None, anaphoric=True))
    value = _place_day(pub, mon, day, _deadline_tense(text, m.start, tense))
    return _podof(g, _d(value, anchor=None if value.startswith("X") else pub.ref))


_STORY_GAP = 300
# the story goes on in a sentence opened by the date ("On March 25, Platte River had a call"), after a date
# known to the month or a year set as the frame of a sentence ("In 2015, …"; not "passed Best Buy in 2007.")
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?;]\s+|\n)[\"“]?(?:(?:(?:And|Then|But|Later),?\s+)?(?:[Oo]n|[Bb]y)\s+)?$")
_YEAR_FRAME = re.compile(r"(?:^|[.!?;]\s+|\n)[\"“]?(?:In|During|Throughout|By)\s+(?:(?:early|late)\s+|mid-)?"
                         r"(?:1[6-9]|20)\d\d$")


def _story_day(m: Mention, text: str, pub: Anchor, prev: Anchor | None, tense: str | None,
               mon: int, day: int) -> str | None:
    """A month-day without a year in a story being told about an earlier year takes that year.

    "On March 2, 2015, the Times revealed … On March 25, the firm had a call" written in 2016: March 25 is in
    2015, next to the date just told, not the reporting year's. Only in a past clause that the date opens, in
    the same paragraph shortly after a date of an earlier year than the reporting date's known to the month, or
    a year that frames its sentence ("In 2015, … On March 25"; not "the No. 2 retailer in 2007. According to an
    April 2nd report"), and only when the day next to that date is still in an earlier year than the reporting
    date.
    """
    if prev is None or prev.pos is None or plain(tense) != "past" or prev.year >= pub.year \
            or not 0 <= m.start - prev.pos <= _STORY_GAP or "\n" in text[prev.pos:m.start] \
            or not _OPENS_SENTENCE.search(text, max(0, m.start - 30), m.start):
        return None
    if prev.month is None and not (_YEAR_FRAME.search(text, max(0, prev.pos - 40), prev.pos)
                                   and text.startswith(",", prev.pos)):
        return None
    value = _place_day(prev, mon, day, None)
    return value if value[:1].isdigit() and int(value[:4]) < pub.year else None


def _podof(g: dict[str, str], norm: Norm) -> Norm:
    """"the night of March 5": the date's part of the day, a TIME."""
    if not g.get("podof"):
        return norm
    pod = vocab()["partofday"][g["podof"].lower()]
    return Norm(type="TIME", value=f"{norm.value}T{pod}", mod=norm.mod, vague=norm.vague, anchor=norm.anchor,
                anaphoric=norm.anaphoric)


def _monrel(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    """"November last year" -> the November of the year before the anchor."""
    g = m.groups
    rel = re.sub(r"\s+", " ", g["rel"].lower())
    anaphoric = rel.startswith("the ")
    base = (prev or pub) if anaphoric else pub
    month = _month_no(g["mon"])
    if base is None:
        return _d(f"XXXX-{month:02d}", mod=_smod(g), anaphoric=anaphoric)
    k = {"last": -1, "next": 1, "the following": 1, "the previous": -1}.get(rel, 0)
    return _d(f"{base.year + k:04d}-{month:02d}", mod=_smod(g), anchor=base.ref, anaphoric=anaphoric)


def _dom(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm | None:
    """"on the 15th": that day of the anchor's month (or the next/previous month, by tense)."""
    day = int(m.groups["dom"])
    tense = plain(tense)
    if pub is None or pub.month is None:
        return _d(f"XXXX-XX-{day:02d}")
    best: tuple[int, str] | None = None
    for k in (-1, 0, 1):
        y, mo = _shift_months(pub.year, pub.month, k)
        try:
            d = dt.date(y, mo, day)
        except ValueError:
            continue
        if pub.date is None:
            if k == 0:
                best = (0, _ymd(d))
            continue
        delta = (d - pub.date).days
        if (tense == "past" and delta > 1) or (tense == "future" and delta < -1):
            continue
        if best is None or abs(delta) < best[0]:
            best = (abs(delta), _ymd(d))
    return _d(best[1], anchor=pub.ref) if best else _d(f"XXXX-XX-{day:02d}")


def _my(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    g = m.groups
    return _d(f"{int(g['year']):04d}-{_month_no(g['mon']):02d}", mod=_smod(g))


def _relunit_value(g: dict[str, str], pub: Anchor | None, prev: Anchor | None,
                   tense: str | None) -> tuple[str, str | None, bool]:
    """(value, anchor ref, anaphoric) for the "relunit" part shared by several rules."""
    if g.get("year"):
        return f"{int(g['year']):04d}", None, False
    rel = (g.get("rel") or "this").lower()
    unit = (g.get("unit") or g.get("thewhat") or "").lower()
    anaphoric = rel in _ANAPHORIC_REL or (g.get("thewhat") is not None and rel == "this" and unit != "year")
    base = (prev or pub) if anaphoric else pub
    if g.get("thewhat") and unit == "year":
        base = pub
    k = {"last": -1, "past": -1, "previous": -1, "prior": -1, "next": 1, "coming": 1, "following": 1, "upcoming": 1}.get(rel, 0)
    if g.get("season"):
        code = vocab()["season"][g["season"].lower()]
        if base is None:
            return f"XXXX-{code}", None, anaphoric
        if k and base.month is None:
            return f"XXXX-{code}", None, anaphoric
        year = base.year
        if k < 0:
            year = base.year if _SEASON_MONTH[code] + 1 < (base.month or 0) else base.year - 1
        elif k > 0:
            year = base.year if _SEASON_MONTH[code] - 1 > (base.month or 13) else base.year + 1
        return f"{year:04d}-{code}", base.ref, anaphoric
    if g.get("mon"):
        month = _month_no(g["mon"])
        if base is None:
            return f"XXXX-{month:02d}", None, anaphoric
        placed = _place_month(base, month, tense, strict=k) if k else base.year
        if placed is None:
            return f"XXXX-{month:02d}", None, anaphoric
        return f"{placed:04d}-{month:02d}", base.ref, anaphoric
    if base is None:
        return _unresolved(unit), None, anaphoric
    if unit == "week" and not anaphoric and base.date is not None and base.date.isoweekday() == 7:
        # a Sunday paper counts weeks from Sunday: "last week" is the week just ended (the Sunday's own ISO week),
        # "this week" (not in a past clause) the one that starts tomorrow
        if rel == "last":
            k = 0
        elif rel == "this" and plain(tense) != "past":
            k = 1
    if (unit == "weekend" and rel == "this" and not anaphoric and base.date is not None
            and base.date.isoweekday() <= 4 and plain(tense) == "past"):
        k = -1  # "took to the streets this weekend", written on a Monday: the weekend just past
    value = _unit_value(base, unit, k)
    if value is None:
        return _unresolved(unit), None, anaphoric
    return value, base.ref, anaphoric


def _modrel(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    g = m.groups
    value, ref, ana = _relunit_value(g, pub, prev, tense)
    return _d(value, mod=_smod(g), anchor=ref, anaphoric=ana)


def _modmon(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    return _month(m, text, pub, prev, tense, mod=_smod(m.groups))


def _earlier(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    g = m.groups
    if g.get("deic"):
        if pub is None or pub.date is None:
            return _d("XXXX-XX-XX")
        return _d(_ymd(pub.date), anchor=pub.ref)
    rel = (g.get("rel") or g.get("rel3") or "").lower()
    unit = (g.get("unit") or g.get("unit3") or "day").lower()
    base = (prev or pub) if rel in ("that",) or rel.startswith("in") else pub
    if base is prev and prev is not None and unit == "day" and prev.date is None:
        base = pub  # "later in the day" after "a year ago": the day is the publication day
    if base is None:
        return _d(_unresolved(unit))
    value = _unit_value(base, unit, 0)
    return _d(value or _unresolved(unit), anchor=base.ref if value else None,
              anaphoric=base is prev)


def _quarter(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm | None:
    g = m.groups
    if g.get("q"):
        if g.get("qyear"):
            return _d(f"{g['qyear']}-Q{g['q']}")
        if pub is None:  # a bare "Q3": the quarter the tense allows nearest the reporting date
            return _d(f"XXXX-Q{g['q']}")
        return _d(f"{_place_part(m, text, pub, int(g['q']), False, tense):04d}-Q{g['q']}", anchor=pub.ref)
    if g.get("mon"):  # "the September quarter": the quarter with that month in it
        q = (_month_no(g["mon"]) - 1) // 3 + 1
        if pub is None:
            return _d(f"XXXX-Q{q}")
        return _d(f"{_place_part(m, text, pub, q, False, tense):04d}-Q{q}", anchor=pub.ref)
    if g.get("mn"):  # "the last three months of 2015": the calendar part they make up (Q4), no duration
        half = g["mn"].lower() in ("six", "6")
        first = g["mord"].lower() == "first"
        letter, q = ("H", 1 if first else 2) if half else ("Q", 1 if first else 4)
        if pub is None:
            return _d(f"XXXX-{letter}{q}")
        if g.get("mrel"):
            year = pub.year + {"last": -1, "next": 1}.get(g["mrel"].lower(), 0)
        else:
            year = _place_part(m, text, pub, q, half, tense)
        return _d(f"{year:04d}-{letter}{q}", anchor=pub.ref)
    ordw = g["ord"].lower()
    half = (g.get("qh") or "quarter").lower() == "half"
    if half and ordw not in ("first", "second"):
        return None  # "the last half" is a duration-like phrase, not a calendar half
    letter, q = ("H", _ORD[ordw]) if half else ("Q", _ORD[ordw])
    if g.get("year"):
        return _d(f"{'FY' if g.get('fy') else ''}{g['year']}-{letter}{q}")
    if g.get("fyq"):
        return _d(f"FY{pub.year:04d}-{letter}{q}", anchor=pub.ref) if pub else _d(f"FYXXXX-{letter}{q}")
    if pub is None:
        return _d(f"XXXX-{letter}{q}")
    rel = (g.get("rel") or "").lower()
    if not rel and ordw == "last" and pub.month and not half:
        y, mth = _shift_months(pub.year, pub.month, -3)
        return _d(f"{y:04d}-Q{(mth - 1) // 3 + 1}", anchor=pub.ref)
    if rel:
        year = pub.year + {"last": -1, "next": 1}.get(rel, 0)
    else:
        year = _place_part(m, text, pub, q, half, tense)
    return _d(f"{year:04d}-{letter}{q}", anchor=pub.ref)


def _place_part(m: Mention, text: str, pub: Anchor, q: int, half: bool, tense: str | None) -> int:
    """The year of quarter/half ``q`` written without one: the nearest the tense allows, by its middle month.

    A future clause takes the period under way ("expects to close the deal in the first quarter" written in
    March: this one). Before a results noun the clause's tense is about the reporting, not the period: "will
    report fourth-quarter earnings" written in January is the quarter just ended, so the nearest one counts.
    """
    if _PERIOD_TOTAL.match(text, m.end) or _RESULTS_AFTER.match(text, m.end):
        tense = None
    if plain(tense) == "future" and pub.month is not None:
        last = 6 * q if half else 3 * q
        return pub.year if last >= pub.month else pub.year + 1
    if tense == "past!" and pub.month is not None:  # a sure past: the latest such period begun by then
        first = 6 * q - 5 if half else 3 * q - 2
        return pub.year if first <= pub.month else pub.year - 1
    return _place_month(pub, 6 * q - 3 if half else 3 * q - 1, tense, past_slack=3) or pub.year


_RESULTS_AFTER = re.compile(r"\s+(?:financial\s+)?(?:figures|numbers|report|reports|forecasts?|guidance|GDP|"
                            r"shipments|deliveries)\b", re.I)


def _century(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    g = m.groups
    n = int(g["cent"]) if g.get("cent") else int(vocab()["centuryword"][re.sub(r"\s+", "-", g["centw"].lower())])
    return _d(f"{n - 1:02d}", mod=_smod(g))


def _decade(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    g = m.groups
    if g.get("dec"):
        if g["dec"].endswith("0") and g["dec"] < "200":
            return _d(g["dec"][:2], mod=_smod(g))  # "the 1800s", "the early 1900s": the century (not 1800-1809)
        return _d(g["dec"], mod=_smod(g))
    if g.get("decw"):  # "the sixties": the decade of the century the '60s would be in
        g = {**g, "dec2": vocab()["decadeword"][g["decw"].lower()], "smod2": g.get("smod3") or ""}
    d = int(g["dec2"])
    century = 20 if pub is not None and d <= (pub.year % 100) // 10 else 19
    return _d(f"{century}{d}", mod=_smod(g))


def _yearr(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    g = m.groups
    if g.get("yy"):
        return _d(f"{_year(g['yy']):04d}")
    return _d(f"{int(g['year']):04d}", mod=_smod(g))


def _season(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    g = m.groups
    code = vocab()["season"][g["season"].lower()]
    mod = _smod(g)
    tense = plain(tense)
    if g.get("year"):
        return _d(f"{g['year']}-{code}", mod=mod)
    arel = (g.get("arel") or "").lower()
    if arel:  # "The following spring": the first spring after the date just mentioned (anaphoric)
        base = prev or pub
        if base is None:
            return _d(f"XXXX-{code}", mod=mod, anaphoric=True)
        step = 1 if arel.endswith("following") else -1
        mid = _SEASON_MONTH[code]
        if base.month is None:
            year = base.year + step
        elif step > 0:
            year = base.year if mid - 1 > base.month else base.year + 1
        else:
            year = base.year if mid + 1 < base.month else base.year - 1
        return _d(f"{year:04d}-{code}", mod=mod, anchor=base.ref, anaphoric=base is prev)
    if pub is None:
        return _d(f"XXXX-{code}", mod=mod)
    rel = (g.get("rel") or "").lower()
    k = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    if pub.month is None:
        return _d(f"{pub.year:04d}-{code}" if not k and tense not in ("past", "future") else f"XXXX-{code}",
                  mod=mod, anchor=pub.ref if not k else None)
    mid = _SEASON_MONTH[code]
    year = pub.year
    # a season spans its middle month +-1: without "last/next", the season under way is this one; "last"
    # and "next" skip it ("next spring" written in March is the next year's)
    if k < 0:
        year = pub.year if mid + 1 < pub.month else pub.year - 1
    elif k > 0:
        year = pub.year if mid - 1 > pub.month else pub.year + 1
    elif tense == "past":
        year = pub.year if mid - 1 <= pub.month else pub.year - 1
    elif tense == "future":
        year = pub.year if mid + 1 >= pub.month else pub.year + 1
    return _d(f"{year:04d}-{code}", mod=mod, anchor=pub.ref)


_FILLER = r"(?:(?:at\s+least|as\s+(?:early|late|recently|far\s+back)\s+as)\s+)?"  # "until at least June"
_DEADLINE_BEFORE = re.compile(rf"\b(?:until|till|through|by)\s+{_FILLER}$", re.I)
_SINCE_BEFORE = re.compile(rf"\bsince\s+{_FILLER}$", re.I)


_MOVED_TO_BEFORE = re.compile(
    r"\b(?:postponed|delayed|pushed\s+back|moved|adjourned|rescheduled|deferred|put\s+off|extended)\s+"
    r"(?:to|until|till)\s+$", re.I)


def _deadline_tense(text: str, start: int, tense: str | None) -> str | None:
    """"closed until Friday", "funds it through Sept. 30": a deadline lies ahead; "since June": behind.

    "postponed to Jan. 15", "extended until June": the new date lies ahead whatever the clause's tense.
    """
    lead = text[max(0, start - 30):start]
    if _MOVED_TO_BEFORE.search(lead):
        return "future!"
    if _DEADLINE_BEFORE.search(lead) and plain(tense) != "past":
        return "future!"
    if _SINCE_BEFORE.search(lead):
        return "past!"
    return tense


_CLAUSE_START_BY = re.compile(r"(?:^|[.!?;,:]\s+|\n|\b(?:but|and|then|yet)\s+)(?:[\"“‘]\s*)?(?:by|until|till)\s+(?:(?:early|late)\s+)?$", re.I)


def _weekdayr(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    g = m.groups
    wd = int(vocab()["weekday"][g["wd"].lower()])
    lead = text[max(0, m.start - 30):m.start].lower()
    if g.get("eewd"):  # "when he speaks later Monday": the day being told about, the nearest one ("said earlier
        tense = "past" if plain(tense) == "past" else None  # Thursday" keeps its past)
    elif _DEADLINE_BEFORE.search(lead) and (
            plain(tense) != "past" or (not lead.rstrip().lower().endswith("through")
                                       and not _CLAUSE_START_BY.search(text, max(0, m.start - 30), m.start))):
        # "closed until Friday", "ordered the files released by Thursday"; a past clause puts "through Sunday"
        # and a clause-opening "By Sunday (she had cancelled)", "Until Friday, (it had declined)" behind
        tense = "future"
    elif _SINCE_BEFORE.search(lead):
        tense = "past"
    pod = vocab()["partofday"].get((g.get("pod") or "").lower())
    arel = (g.get("arel") or "").lower()
    if arel:  # "the following Monday": the first Monday after the date just mentioned ("the previous": before)
        base = prev if prev is not None and prev.date is not None else pub
        if base is None or base.date is None:
            return _d(f"XXXX-WXX-{wd}", typ="TIME" if pod else "DATE", anaphoric=True)
        step = (wd - base.date.isoweekday()) % 7 or 7 if arel.endswith("following") else -((base.date.isoweekday() - wd) % 7 or 7)
        day = _ymd(base.date + dt.timedelta(days=step))
        return _d(f"{day}T{pod}" if pod else day, mod=_smod(g), typ="TIME" if pod else "DATE", anchor=base.ref,
                  anaphoric=base is prev)
    d = _weekday(pub, wd, tense, (g.get("rel") or "").lower() or None) if pub else None
    value = _ymd(d) if d else f"XXXX-WXX-{wd}"
    # "late Tuesday", "early Sunday morning": TimeML's END/START on the day (or its part); the day still
    # anchors a clock time after it ("late Tuesday ... at 9 p.m.": modified dates anchor by their value)
    mod = _smod(g)
    if pod:
        return _d(f"{value}T{pod}", mod=mod, typ="TIME", anchor=pub.ref if d and pub else None)
    return _d(value, mod=mod, anchor=pub.ref if d and pub else None)


def _month(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None,
           mod: str | None = None) -> Norm:
    g = m.groups
    month = _month_no(g["mon"])
    rel = (g.get("rel") or "").lower()
    if pub is None:
        return _d(f"XXXX-{month:02d}", mod=mod)
    k = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    year = pub.year if rel == "this" else _place_month(pub, month, _deadline_tense(text, m.start, tense), strict=k)
    if year is None:
        return _d(f"XXXX-{month:02d}", mod=mod)
    return _d(f"{year:04d}-{month:02d}", mod=mod, anchor=pub.ref)


_SPAN_BEFORE = re.compile(r"\b(?:over|within|during|throughout)\s+$", re.I)


def _relunitr(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm | None:
    g = m.groups
    unit = g["unit"].lower()
    rel = g["rel"].lower()
    if g.get("thispast"):  # "this past weekend": the last one
        value, ref, ana = _relunit_value({**g, "rel": "last"}, pub, prev, tense)
        return _d(value, anchor=ref, anaphoric=ana)
    if rel == "past" and unit == "weekend" and m.rule == "relunit":  # "over the past weekend": the last one
        value, ref, ana = _relunit_value({**g, "rel": "last"}, pub, prev, tense)
        return _d(value, anchor=ref, anaphoric=ana)
    if unit in ("second", "minute", "hour") or (rel == "past" and m.rule == "relunit"):
        return _d(_duration(1, unit), typ="DURATION")
    if (rel in ("last", "next", "coming") and m.rule == "relunit" and unit not in ("weekend", "quarter")
            and text[m.start:m.start + 4].lower() == "the " and _SPAN_BEFORE.search(text, max(0, m.start - 12), m.start)):
        return _d(_duration(1, unit), typ="DURATION")  # "decided over the last week", "over the next decade": a stretch
    if rel == "next" and unit in ("day", "night") and text[m.start:m.start + 4].lower() == "the ":
        g = {**g, "rel": "following"}  # "released the next day": the day after the date just mentioned
    elif (rel == "next" and unit in ("week", "month", "year") and m.rule == "relunit" and plain(tense) == "past"
          and text[m.start:m.start + 4].lower() == "the " and prev is not None and pub is not None
          and (prev.year, prev.month or 0) < (pub.year, pub.month or 0)):
        g = {**g, "rel": "following"}  # "gained momentum in September. The next month, a staffer announced …"
    if unit == "night" and rel in ("last", "this") and m.rule == "relunit":  # "last night": a TIME (TimeML)
        if pub is None or pub.date is None:
            return _d("XXXX-XX-XXTNI", typ="TIME")
        day = pub.date - dt.timedelta(days=1 if rel == "last" else 0)
        return _d(f"{_ymd(day)}TNI", typ="TIME", anchor=pub.ref)
    value, ref, ana = _relunit_value(g, pub, prev, tense)
    return _night(value, ref, ana) if unit == "night" else _d(value, anchor=ref, anaphoric=ana)


def _night(value: str, ref: str | None, ana: bool) -> Norm:
    """"the same night", "the following night": the part of the day keeps the type TIME (TimeML) and its ``TNI``."""
    if not re.fullmatch(r"(?:\d{4}|XXXX)-(?:\d\d|XX)-(?:\d\d|XX)", value):
        value, ref = "XXXX-XX-XX", None  # an anchor coarser than a day gives no night
    return _d(f"{value}TNI", anchor=ref, typ="TIME", anaphoric=ana)


def _theday(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    what = re.sub(r"\s+", " ", m.groups["theday"].lower())
    if what in ("that time", "that date") or what.endswith(" year"):
        # "by that time", "by that date" = the time just mentioned (unknown without one); "for the entire year" =
        # that date's year
        base = (prev or pub) if what.endswith(" year") else prev
        if base is None:
            return _d("XXXX" if what.endswith(" year") else "XXXX-XX-XX")
        if what.endswith(" year"):
            found = f"{base.year:04d}"
        else:
            found = _ymd(base.date) if base.date else f"{base.year:04d}-{base.month:02d}" if base.month else f"{base.year:04d}"
        return _d(found, anchor=base.ref, anaphoric=base is prev)
    if what == "the weekend":
        # "were closed over the weekend" written on a weekday: the weekend before; otherwise this week's
        back = plain(tense) == "past" and pub is not None and pub.date is not None and pub.date.isoweekday() < 6
        value = _unit_value(pub, "weekend", -1 if back else 0) if pub else None
        return _d(value or "XXXX-WXX-WE", anchor=pub.ref if value and pub else None)
    if what == "the day" and prev is not None and prev.pos is not None and prev.pos <= m.start \
            and len(PARA_BREAK.findall(text, prev.pos, m.start)) > 2 and not (
            text[max(0, m.start - 3) : m.start].lower() == "on " and _ON_THE_DAY.match(text, m.end)):
        return _d("XXXX-XX-XX")  # "the day this became personal" paragraphs after the last day named: not that day
    base = prev if prev is not None and prev.date is not None else pub
    if base is None or base.date is None:
        return _d("XXXX-XX-XX")
    return _d(_ymd(base.date), anchor=base.ref, anaphoric=base is prev)


# "down 2.7% on the day." (the clause ends there): the day being reported, however far back it was named
_ON_THE_DAY = re.compile(r"\s*[.,;]")
PARA_BREAK = re.compile(r"\n\s*")  # a line break and the blank space after it (one per paragraph break)


_SENT_STOP = re.compile(r"[.!?;]\s")


def _theyear(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm | None:
    """A bare "the year" after a date in the same sentence is that date's year; elsewhere it is not tagged."""
    if prev is None or prev.pos is None or not 0 <= m.start - prev.pos <= 150 \
            or _SENT_STOP.search(text, prev.pos, m.start):
        return None
    return _d(f"{prev.year:04d}", anchor=prev.ref, anaphoric=True)


def _yearprev(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    """"the year previous", "the day before.": one unit before the expression just mentioned."""
    unit = m.groups["unit"]
    value, ref, ana = _relunit_value({"rel": "previous", "unit": unit}, pub, prev, tense)
    return _night(value, ref, ana) if unit.lower() == "night" else _d(value, anchor=ref, anaphoric=ana)


def _yearend(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    """"by year-end": the current year, mod END; in a past clause the last one (unless written in its last month)."""
    unit = (m.groups.get("unit") or m.groups.get("unit2") or "year").lower()
    if pub is None:
        return _d(_unresolved(unit), mod="END")
    last_month = pub.month == 12 if unit == "year" else False
    k = -1 if plain(tense) == "past" and not last_month else 0
    value = _unit_value(pub, unit, k)
    return _d(value or _unresolved(unit), mod="END", anchor=pub.ref if value else None)


def _weekof(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    """"the last week of March": the ISO week holding that week's middle day (the 4th, 11th, …; the last day - 3)."""
    g = m.groups
    month = _month_no(g["mon"])
    if g.get("year"):
        year: int | None = int(g["year"])
    elif pub is not None:
        year = _place_month(pub, month, _deadline_tense(text, m.start, tense))
    else:
        year = None
    if year is None:
        return _d("XXXX-WXX")
    ordw = g["ord"].lower()
    if ordw in ("last", "final"):
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        mid = nxt - dt.timedelta(days=4)
    else:
        mid = dt.date(year, month, 4 + 7 * (_ORD[ordw] - 1))
    return _d(_week(mid), anchor=None if g.get("year") or pub is None else pub.ref)


def _yearago(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    """"the year-earlier period": the calendar unit before the reporting date's."""
    value, ref, _ = _relunit_value({"rel": "last", "unit": m.groups["unit"]}, pub, None, tense)
    return _d(value, anchor=ref)


def _nthrow(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    """"for a third straight day", "fourth week in a row": the run ends in the current day/week/…"""
    unit = m.groups["unit"].lower()
    unit = "day" if unit == "session" else unit
    value = _unit_value(pub, unit, 0) if pub is not None else None
    if value is None or pub is None:
        return _d(_unresolved(unit))
    return _d(value, anchor=pub.ref)


def _podtrade(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    """"in morning trading": the morning of the day just reported (or of the publication date)."""
    pod = vocab()["partofday"][m.groups["pod"].lower()]
    base = prev if prev is not None and prev.date is not None else pub
    if base is None or base.date is None:
        return _d(f"XXXX-XX-XXT{pod}", typ="TIME")
    return _d(f"{_ymd(base.date)}T{pod}", typ="TIME", anchor=base.ref, anaphoric=base is prev)


def _sameperiod(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    """"the same month a year ago", "the same period last year": the period in question, a year back."""
    unit = m.groups["sunit"].lower()
    base = prev or pub
    if base is None:
        return _d("XXXX")
    if unit in ("period", "time"):
        unit = "day" if base.day else "month" if base.month else "year"
    if unit == "month" and base.month:
        return _d(f"{base.year - 1:04d}-{base.month:02d}", anchor=base.ref, anaphoric=base is prev)
    if unit == "quarter" and base.month:
        return _d(f"{base.year - 1:04d}-Q{(base.month - 1) // 3 + 1}", anchor=base.ref, anaphoric=base is prev)
    if unit == "day" and base.date:
        try:
            return _d(_ymd(base.date.replace(year=base.year - 1)), anchor=base.ref, anaphoric=base is prev)
        except ValueError:
            pass
    if unit == "week" and base.date:
        return _d(_week(base.date - dt.timedelta(weeks=52)), anchor=base.ref, anaphoric=base is prev)
    return _d(f"{base.year - 1:04d}", anchor=base.ref, anaphoric=base is prev)


_GENERIC_TODAY = re.compile(r"\b(?:[Ee]ven|[Ss]till)\s+$")


# "today's" before a noun for the times we live in ("today's world", "today's refugees"), not for the day's events
_TODAYS_GENERAL = re.compile(
    r"['’]s\s+(?:[a-z]+\s+)?(?:world|society|economy|politics|culture|generation|youth|era|age|standards|refugees|"
    r"kids|children|students|teenagers|teens|young|voters|workers|workforce|workplace|technology|media|marketplace|"
    r"families|parents|america|britain)\b", re.I)


# the verb group a "today" of the present tense sits in: a perfect ("have fallen today"), a progressive ("is claiming
# today", "we're announcing today") or an infinitive ("to do it again today") reports the day's events
_PERFECT_OR_PROGRESSIVE = re.compile(r"\s+(?:[a-z]+ly\s+|not\s+|also\s+|just\s+|already\s+)*(?:[a-z]+(?:ed|en|ing)|been|"
                                     r"done|made|had|got|put|set|held|met|led|left|paid|sold|told|said|won|lost|cut|"
                                     r"hit|seen|gone|come|become|begun|run|shown|known|fallen|risen|taken|given)\b")
_EPISTEMIC = frozenset(["may", "might", "could"])
_BE_OR_HAVE = re.compile(r"\s+(?:[a-z]+ly\s+|well\s+|only\s+|not\s+|also\s+)*(?:be|have)\b")


def _contrast(text: str, start: int) -> bool:
    """A past-tense cue in the sentence of ``start`` or the one before: the present it speaks of is set against a
    past ("Dues were $6,612 a year. Today, that same membership costs …"; "in 2012 flipped back to Romney. Clinton
    and Trump are tied in the state today"), not a report of the day ("Stocks are higher today")."""
    cues = cues_for(text)
    s, _e = cues.sentence(start)
    lo = cues.sentence(s - 1)[0] if s > 0 else 0
    i = bisect.bisect_left(cues.starts, lo)
    while i < len(cues.starts) and cues.starts[i] < start:
        if cues.items[i][2] == "past":
            return True
        i += 1
    return False


def _generic_today(text: str, start: int, end: int) -> bool:
    """A "today" that means nowadays by its clause: a simple present ("Today my brother lives on the farm",
    "Clinton and Trump are tied in the state today", "Who does the work of Eddie Mannix today?") set against a past
    in its sentence or the one before (``_contrast``), or an
    epistemic modal ("may only be a concept today", "Today, that number could be $50 million"). A perfect,
    progressive or infinitive ("have fallen today", "is claiming today", "to do it again today"), a past or
    future clause and "today's hearing" (the day's own event) keep the reporting day."""
    if text.startswith(("'s", "’s"), end):
        return False
    cue = cues_for(text).detail(start, end)
    if cue is None or cue.pos < 0:
        return False
    if re.match(r"\s+(?:is|was)\b", text[end:end + 5]):
        return False  # "Today is a great day", "today is Boeing's day": the day itself
    after = text[cue.pos + len(cue.word):cue.pos + len(cue.word) + 40]
    if cue.pos < start:  # "has today gone up": the date itself is no part of the verb group
        after = text[cue.pos + len(cue.word):start] + text[end:end + 40]
    if cue.kind == "present":
        if cue.word in ("now", "currently", "say", "says"):
            return False  # "says today", "now": the reporting day's own words
        if text[max(0, cue.pos - 4):cue.pos].lower().endswith("to "):
            return False
        verb = _PERFECT_OR_PROGRESSIVE.match(after)
        if verb and (cue.word in ("has", "have") or verb.group(0).endswith("ing")):
            return False  # "have fallen today", "is claiming today" ("are tied today" is no perfect)
        return _contrast(text, start)
    return cue.kind == "future" and cue.word in _EPISTEMIC and _BE_OR_HAVE.match(after) is not None


def _deictic(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    g = m.groups
    if g.get("podrel"):
        return _podrel(g, pub, prev)
    pod = vocab()["partofday"].get((g.get("pod") or g.get("pod2") or "").lower())
    word = re.sub(r"\s+", " ", (g.get("deic") or "today").lower())
    if word == "tonight":
        pod = pod or "NI"
    if word == "today" and not pod and not g.get("smod") and (
            _GENERIC_TODAY.search(text, max(0, m.start - 12), m.start) or _TODAYS_GENERAL.match(text, m.end)
            or _generic_today(text, m.start, m.end)):
        return _d("PRESENT_REF")  # "even today", "still today", "today's refugees": nowadays, not the reporting day
    src = pub
    if (g.get("this") or "").lower() == "that" and prev is not None and prev.date is not None:
        src = prev  # "That night he was charged": the night of the day just mentioned
    if src is None or src.date is None:
        base = "XXXX-XX-XX"
        ref = None
    else:
        base = _ymd(src.date + dt.timedelta(days=_DEIC[word]))
        ref = src.ref
    ana = src is prev and prev is not None
    mod = _smod(g)  # "late yesterday": END, as for weekdays
    if pod:
        return _d(f"{base}T{pod}", mod=mod, typ="TIME", anchor=ref, anaphoric=ana)
    return _d(base, mod=mod, anchor=ref, anaphoric=ana)


def _podrel(g: dict[str, str], pub: Anchor | None, prev: Anchor | None) -> Norm:
    """"the following morning", "the same evening": that part of the day after (or of) the day just named.

    Without an earlier expression the day is the reporting date's; after one coarser than a day (a month, a
    year) the day is unknown.
    """
    pod = vocab()["partofday"][g["pod3"].lower()]
    rel = g["podrel"].lower().split()[-1]
    step = {"following": 1, "next": 1, "previous": -1}.get(rel, 0)
    base = prev if prev is not None else pub
    if base is None or base.date is None:
        return _d(f"XXXX-XX-XXT{pod}", typ="TIME", anaphoric=prev is not None)
    day = _ymd(base.date + dt.timedelta(days=step))
    return _d(f"{day}T{pod}", typ="TIME", anchor=base.ref, anaphoric=base is prev)


def _ago(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    g = m.groups
    n = _num(g["num"]) if g.get("num") else None  # "a few years ago": PAST_REF
    unit = (g.get("unit") or g.get("unitago") or g.get("unitbare") or "year").lower()
    direction = (g.get("dir") or g.get("dir2") or g.get("fewdir") or g.get("baredir") or "ago").lower().split()[0]
    sign = -1 if direction in ("ago", "earlier", "before", "prior") else 1
    anaphoric = direction not in ("ago", "from", "hence")
    base = prev if anaphoric else pub
    if base is None and direction == "earlier" and pub is not None:
        base, anaphoric = pub, False  # "up from a year earlier" with nothing before it: the reporting date
    pmod = _pmod(g)
    mod = pmod
    if pmod in ("MORE_THAN", "EQUAL_OR_MORE"):
        mod = "BEFORE" if sign < 0 else "AFTER"
    elif pmod in ("LESS_THAN", "EQUAL_OR_LESS"):
        mod = "AFTER" if sign < 0 else "BEFORE"
    if g.get("longago"):  # "a long time ago", "long ago"
        return _d("PAST_REF")
    if n is None:  # "several years ago"; "… later" in a past clause is still in the past ("years later, it closed")
        back = sign < 0 or plain(tense) == "past"
        return _d("PAST_REF" if back else "FUTURE_REF", mod=None, anaphoric=anaphoric)
    if base is None:
        return _d(_unresolved(unit), mod=mod, anaphoric=anaphoric)
    k = round(n * sign)
    if unit == "year" and mod in ("BEFORE", "AFTER") and base.month:
        y, mth = _shift_months(base.year, base.month, 12 * k)
        return _d(f"{y:04d}-{mth:02d}", mod=mod, anchor=base.ref, anaphoric=anaphoric)
    # the value has the unit's granularity (TIDES): "two weeks ago" is an ISO week, "five decades ago" a decade,
    # "three centuries ago" a century; only "a week ago" keeps the day (the same weekday a week back, as
    # MEANTIME annotates it: "a week ago today")
    if unit in ("week", "fortnight", "day", "night", "weekend"):
        if base.date is None:
            return _d(_unresolved(unit) if unit in ("week", "weekend") else "XXXX-XX-XX", mod=mod, anaphoric=anaphoric)
        days = k * (7 if unit in ("week", "weekend") else 14 if unit == "fortnight" else 1)
        day = base.date + dt.timedelta(days=days)
        if unit == "night":  # "two nights later": a part of the day, a TIME
            return _d(f"{_ymd(day)}TNI", mod=mod, anchor=base.ref, typ="TIME", anaphoric=anaphoric)
        if unit == "weekend":
            found = _week(day) + "-WE"
        elif unit == "fortnight" or (unit == "week" and not (n == 1 and direction == "ago")):
            found = _week(day)
        else:
            found = _ymd(day)
        return _d(found, mod=mod, anchor=base.ref, anaphoric=anaphoric)
    if unit in ("hour", "minute", "second"):
        return _d(_ymd(base.date) if base.date else "XXXX-XX-XX", mod=mod,
                  anchor=base.ref if base.date else None, typ="DATE", anaphoric=anaphoric)
    value = _unit_value(base, unit, k)
    return _d(value or _unresolved(unit), mod=mod, anchor=base.ref if value else None, anaphoric=anaphoric)


def _time(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    g = m.groups
    if g.get("noon"):
        hh, mm = (24, 0) if g["noon"].lower() == "midnight" else (12, 0)
        tz = ""
    else:
        hh = int(g.get("hh") or g.get("hh2") or g.get("hh3") or 0)
        mm = int(g.get("mm") or g.get("mm2") or g.get("mm3") or 0)
        ampm = (g.get("ampm") or "").lower()
        if ampm.startswith("p") and hh < 12:
            hh += 12
        elif ampm.startswith("a") and hh == 12:
            hh = 0
        tz = "Z" if (g.get("tz") or g.get("tz2") or g.get("tz3") or "").upper() in ("UTC", "GMT") else ""
    if g.get("hh5"):  # "three o'clock": the hour as written, or after noon "in the afternoon/evening", "at night"
        hh = int(_num(g["hh5"]) or 0)
        opod = (g.get("opod") or "").lower()
        if hh < 12 and opod.endswith(("afternoon", "evening", "night")):
            hh += 12
        elif hh == 12 and opod.endswith("morning"):
            hh = 0
    base = pub
    twd = g.get("twd") or g.get("twd2") or g.get("twd3") or g.get("twd5")
    tdeic = g.get("tdeic") or g.get("tdeic2") or g.get("tdeic3") or g.get("tdeic5")
    if twd and pub is not None:
        d = _weekday(pub, int(vocab()["weekday"][twd.lower()]), tense, None)
        if d is not None:
            base = Anchor(year=d.year, month=d.month, day=d.day, ref=pub.ref)
    elif tdeic and pub is not None and pub.date is not None:
        d = pub.date + dt.timedelta(days=_DEIC[tdeic.lower()])
        base = Anchor(year=d.year, month=d.month, day=d.day, ref=pub.ref)
    elif prev is not None and prev.date is not None and prev.ref != "published" and _near(m, prev, text):
        base = prev
    day = _ymd(base.date) if base and base.date else "XXXX-XX-XX"
    return _d(f"{day}T{hh:02d}:{mm:02d}{tz}", mod="APPROX" if g.get("tapx") else None, typ="TIME",
              anchor=base.ref if base and base.date else None, anaphoric=base is prev)


def _near(m: Mention, prev: Anchor, text: str) -> bool:
    """A clock time in the same sentence as the date just before it ("on Monday ... at 12:00 UTC"; not a live
    blog's time stamp a sentence or a line after "heading to the Super Tuesday contests.")."""
    return (prev.pos is not None and 0 <= m.start - prev.pos <= 80
            and not _SENT_STOP_OR_LINE.search(text, prev.pos, m.start))


_SENT_STOP_OR_LINE = re.compile(r"[.!?;]\s|\n")


_ABBR_UNIT = {"min": "minute", "hr": "hour", "sec": "second"}
_OR_MOD = {"more": "EQUAL_OR_MORE", "longer": "EQUAL_OR_MORE", "less": "EQUAL_OR_LESS", "so": "APPROX"}


def _durationr(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm | None:
    g = m.groups
    if g.get("allunit"):  # "all day", "all month": one whole unit
        return _d(_duration(1, g["allunit"]), typ="DURATION")
    if g.get("clockm"):  # a game clock, "with 3:08 to play"
        minutes, seconds = int(g["clockm"]), int(g["clocks"])
        return _d(f"PT{minutes}M{seconds}S" if seconds else f"PT{minutes}M", typ="DURATION")
    if g.get("longunit"):  # "a weeklong festival", "a yearlong inquiry": one unit
        return _d(_duration(1, g["longunit"]), typ="DURATION")
    if g.get("addl") and not g.get("num"):  # "an extra week", "another year": one unit
        g = {**g, "num": "one"}
    n = _num(g["num"])
    if n is None:
        return None
    if g.get("andhalf"):  # "a year and a half"
        n += 0.5
    unit = _ABBR_UNIT[g["abbr"].lower().rstrip("s")] if g.get("abbr") else g["unit"].lower()
    if (g["num"].lower() in ("a", "an") and m.rule == "duration" and not g.get("rel") and not g.get("pmod")
            and (_RATE_BEFORE.search(text, 0, m.start)
                 or (_counted_before().search(text, max(0, m.start - 80), m.start)
                     and not _NOT_RATE_AFTER.match(text, m.end)))):
        # "15 a year", "$50,000 a year", "more than 50 men a day", "multiple rallies a day": a rate
        return _d(_duration(1, unit), typ="SET")
    mod = _pmod(g)
    if mod is None and g.get("ormod"):  # "a decade or more", "an hour or so"
        mod = _OR_MOD[g["ormod"].split()[-1].lower()]
    return _d(_duration(n, unit), mod=mod, typ="DURATION")


def _vaguedur(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    g = m.groups
    if g.get("long"):
        return _d("PXY", typ="DURATION", vague=True)
    if g.get("units2"):
        return _d("PXDE" if g["units2"].lower() == "decades" else "PXY", typ="DURATION", vague=True)
    for key in ("bareb", "baresec", "bareo", "poss"):  # "weeks before", "the days and weeks", "only weeks to", "her years as …"
        if g.get(key):
            return _d(_duration(None, g[key].split()[-1].lower().rstrip("s")), typ="DURATION", vague=True)
    unit = (g.get("unit") or g.get("unitb") or g.get("unitr") or g.get("unitc") or g.get("unitof") or g.get("unitk")
            or g.get("unitm")
            or g.get("units") or "year").lower()
    return _d(_duration(None, unit.rstrip("s")), typ="DURATION", vague=True)


def _set(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    g = m.groups
    if g.get("adj"):
        if g["adj"].lower() in ("annual", "yearly") and _PERIOD_TOTAL.match(text, m.end):
            # "annual profit/loss/sales": the total over one year, a DURATION (a SET is "annual meeting")
            return _d("P1Y", typ="DURATION")
        return _d(vocab()["set_adj"][g["adj"].lower()], typ="SET")
    if g.get("wd") or g.get("wds"):  # "every Sunday", "on Sundays"
        return _d(f"XXXX-WXX-{vocab()['weekday'][(g.get('wd') or g['wds']).lower()]}", typ="SET")
    if g.get("pod"):  # "every morning"
        return _d(f"XXXX-XX-XXT{vocab()['partofday'][g['pod'].lower()]}", typ="SET")
    if g.get("enum"):  # "every three years"
        n = _num(g["enum"])
        if n is not None:
            return _d(_duration(n, g["unitn"]), typ="SET")
    if g.get("season"):
        return _d(f"XXXX-{vocab()['season'][g['season'].lower()]}", typ="SET")
    unit = g.get("unit") or g.get("unitf") or "day"
    return _d(_duration(2 if g.get("other") else 1, unit), typ="SET")


def _ref(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm | None:
    if m.groups.get("adjref"):
        return _d("PAST_REF" if m.groups["adjref"].lower() == "recent" else "PRESENT_REF")
    if m.groups.get("backday"):  # "back in the day"
        return _d("PAST_REF")
    if m.groups.get("infuture"):  # "in future"
        return _d("FUTURE_REF")
    if m.groups.get("refat"):  # "at the moment", "for the moment": listed with its preposition
        value = vocab()["ref"].get(m.groups["pre"].strip().lower() + " " + re.sub(r"\s+", " ", m.groups["refat"].lower()))
        return _d(value) if value else None  # (not "for present")
    return _d(vocab()["ref"][re.sub(r"\s+", " ", m.groups["ref"].lower())])


def _holiday(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    """A named day, or with "weekend" after it the weekend of that day ("Labor Day weekend", a Monday holiday:
    the weekend just before it; "Thanksgiving weekend": the weekend after the Thursday)."""
    norm = _holiday_day(m, text, pub, prev, tense)
    day = _FULL_DAY_VALUE.match(norm.value)
    if not m.groups.get("hwe") or not day:
        return norm if not m.groups.get("hwe") else _d("XXXX-WXX-WE")
    d = dt.date(int(day.group(1)), int(day.group(2)), int(day.group(3)))
    if d.isoweekday() == 1:
        d -= dt.timedelta(days=2)  # a Monday holiday's weekend is the Saturday and Sunday before it
    year, week, _ = d.isocalendar()
    return _d(f"{year:04d}-W{week:02d}-WE", anchor=norm.anchor)


_FULL_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _holiday_day(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    """A named day: fixed ("Christmas Eve"), the n-th weekday of a month ("Thanksgiving") or Easter-based."""
    g = m.groups
    rule = holidays()[holiday_key(g["hol"])]
    fixed = rule[5:] if rule.startswith("date ") else None  # "MM-DD"
    if g.get("year"):
        d = holiday_date(rule, int(g["year"]))
        return _d(_ymd(d) if d else f"{g['year']}")
    if pub is None:
        return _d(f"XXXX-{fixed}" if fixed else "XXXX-XX-XX")
    rel = (g.get("rel") or "").lower()
    if rel and pub.date is not None:  # "last Christmas": the latest before the anchor; "next": the first after
        days = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := holiday_date(rule, y))]
        if rel == "this":
            pick = next((d for d in days if d.year == pub.year), None)
        elif rel in ("last", "past"):
            pick = max((d for d in days if d < pub.date), default=None)
        else:
            pick = min((d for d in days if d > pub.date), default=None)
        if pick is not None:
            return _d(_ymd(pick), anchor=pub.ref)
    value = _place_holiday(pub, rule, _deadline_tense(text, m.start, tense))
    if value is None:
        return _d(f"XXXX-{fixed}" if fixed else "XXXX-XX-XX")
    return _d(value, anchor=pub.ref)


_FISCAL_REL = {"last": -1, "previous": -1, "past": -1, "prior": -1, "next": 1, "coming": 1, "following": 1, "new": 1}


def _fiscal(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm:
    """A fiscal year, TimeML ``FY2013``: named by its year, or relative to the publication date."""
    g = m.groups
    year = g.get("year") or g.get("year2") or g.get("year3")
    if year:
        return _d(f"FY{int(year):04d}")
    if g.get("yy"):
        return _d(f"FY{_year(g['yy']):04d}")
    if pub is None:
        return _d("FYXXXX", mod=_smod(g))
    k = _FISCAL_REL.get((g.get("rel") or g.get("rel2") or "").lower(), 0)
    return _d(f"FY{pub.year + k:04d}", mod=_smod(g), anchor=pub.ref)


_ATTACKS_AFTER = re.compile(r"\s+(?:terror(?:ist)?\s+)?attacks?\b", re.I)
_PERIOD_TOTAL = re.compile(
    r"\s+(?:net\s+|operating\s+|pre-tax\s+|pretax\s+)?(?:profits?|loss(?:es)?|revenues?|sales|earnings|income|"
    r"turnover|deficits?|surplus(?:es)?|output|production|growth|results|budgets?|salary|salaries|"
    r"inflation|returns?|spending|expenditures?|costs?)\b", re.I)
_NOT_RATE_AFTER = re.compile(
    r"\s+(?:after|before|earlier|later|ago|prior|ahead|apart|early|late|or|and\s+a\s+half|in\s+advance|"
    r"from|since|old|long|of|into|too|in\s+a\s+row|straight|running)\b", re.I)
_IRREGULAR_PLURALS = "men|women|people|children|police|feet|teeth|mice|geese|sheep|cattle|fish|deer|personnel"


@functools.cache
def _counted_before() -> re.Pattern[str]:
    """A counted plural noun right before "a day/week/…": "more than 50 men", "multiple rallies", "5,000 cars".

    The count is a number (digits or a number word) or a quantifier ("multiple", "several", "dozens of"); up to
    two words may stand between it and the noun ("several hundred patients", "three campaign stops").
    """
    words = sorted((w for w in vocab()["number"] if " " not in w and w not in ("a", "an", "single")), key=len,
                   reverse=True)
    count = (r"(?:\d[\d,.]*|" + "|".join(map(re.escape, words))
             + r"|multiple|several|many|numerous|countless|dozens|hundreds|thousands|millions|scores)")
    plural = rf"(?:[a-z][\w-]*[^\Ws']s|{_IRREGULAR_PLURALS})"
    return re.compile(rf"(?<![\w$£€])(?i:{count})\s+(?:of\s+)?(?:[A-Za-z][\w-]*\s+){{0,2}}{plural}\s+$")


_RATE_BEFORE = re.compile(r"(?<![\w,.])(?!(?:1[6-9]|20)\d\d\b)[$£€]?(?:\d[\d,.]*\d|\d)(?:\s*(?:million|billion))?(?:\s+|-)$")


RESOLVERS: dict[str, Resolver] = {
    "iso": _iso, "slash": _slash, "mdy": _mdy, "dmy": _mdy, "my": _my, "monrel": _monrel, "dom": _dom, "modrel": _modrel,
    "modmon": _modmon, "earlier": _earlier, "quarter": _quarter, "century": _century, "decade": _decade,
    "year": _yearr, "season": _season, "weekday": _weekdayr, "month": _month, "relunit": _relunitr,
    "deictic": _deictic, "theday": _theday, "sameperiod": _sameperiod, "yearprev": _yearprev, "theyear": _theyear, "yearago": _yearago, "weekof": _weekof, "yearend": _yearend, "nthrow": _nthrow, "podtrade": _podtrade, "thepod": _podtrade, "numrange": _durationr, "ago": _ago, "time": _time, "duration": _durationr, "gameclock": _durationr, "vaguedur": _vaguedur,
    "set": _set, "ref": _ref, "holiday": _holiday, "fiscal": _fiscal,
}
