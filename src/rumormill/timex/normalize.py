"""Resolving a found expression to a TIMEX3 type, value and mod against an anchor.

An ``Anchor`` is a date known to a precision (year, month or day): the publication date, or an
earlier expression for anaphoric ones ("the following year", "two days later"). Resolution never
goes finer than the anchor allows: "last month" against a year-only anchor stays ``XXXX-XX`` and
is reported as unresolved. Month names, weekdays and seasons without a year are placed by the
clause's tense ("in June" in a past clause -> the last June at or before the anchor).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rumormill.timex.tagger import Mention, vocab


@dataclass(frozen=True, slots=True)
class Anchor:
    year: int
    month: int | None = None
    day: int | None = None
    ref: str = "published"  # "published" or the index (as text) of the mention it came from
    pos: int | None = None  # where that mention ends in the text (for "in the same sentence" tests)

    @property
    def date(self) -> dt.date | None:
        if not (self.month and self.day):
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:  # "February 30": a day that does not exist is no anchor
            return None


@dataclass(frozen=True, slots=True)
class Norm:
    type: str
    value: str
    mod: str | None
    vague: bool
    anchor: str | None  # "published", a mention index, or None (absolute or unresolved)
    anaphoric: bool = False


_UNIT_CODE = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
              "weekend": "WE", "fortnight": "2W", "month": "M", "quarter": "Q", "year": "Y",
              "decade": "DE", "century": "CE", "centurie": "CE"}
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}
_DEIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
         "the day before yesterday": -2, "the day after tomorrow": 2}
_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
_ANAPHORIC_REL = frozenset({"following", "previous", "same", "prior"})


def _num(word: str) -> float | None:
    w = re.sub(r"\s+", " ", word.lower().strip().replace("-and-a-half", " and a half"))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", w):
        w = w.replace(",", "")  # "2,000 years"
    half = 0.0
    if w.endswith(" and a half"):
        w, half = w[: -len(" and a half")], 0.5
    elif re.fullmatch(r"\d+(?:[-\s]1/2|\s?½)", w):  # "1-1/2", "2 1/2", "3½"
        w, half = re.split(r"[-\s½]", w)[0], 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w) + half
    table = vocab()["number"]
    if w in table:
        return float(table[w]) + half
    parts = re.split(r"[-\s]", w)
    if len(parts) == 2 and parts[0] in table and parts[1] in table:
        return float(table[parts[0]]) + float(table[parts[1]]) + half
    return None


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


_SMALLER = {"Y": (12, "M"), "D": (24, "TH"), "TH": (60, "TM"), "TM": (60, "TS"), "W": (7, "D")}


def _duration(n: float | None, unit: str) -> str:
    code = _UNIT_CODE[unit.lower()]
    q = "X" if n is None else None
    if n is not None and 0 < n < 1 and code in _SMALLER and (n * _SMALLER[code][0]).is_integer():
        n, code = n * _SMALLER[code][0], _SMALLER[code][1]  # "half an hour" -> PT30M, "half a year" -> P6M
    if code == "DE" and n is not None:
        code, n = "Y", n * 10
    elif code == "CE" and n is not None:
        code, n = "Y", n * 100
    elif code == "2W" and n is not None:
        code, n = "W", n * 2
    elif code == "2W":
        code = "W"
    amount = q or _fmt(n or 0)
    if code.startswith("T"):
        return f"PT{amount}{code[1]}"
    return f"P{amount}{code}"


def _ymd(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def plain(tense: str | None) -> str | None:
    """The tense without its mark: ``past!`` is a sure past (or a date after "since"), placed without slack;
    ``future~`` the future of "would", whose day may lie up to a month before the reporting date (the future of a
    past saying: "his vow that Britain would leave the EU on Oct. 31", written in November; a month has no such
    slack: "said it would not reopen before June", written in July, is next June)."""
    return tense.rstrip("!~") if tense else None


def _shift_months(year: int, month: int, k: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + k
    return idx // 12, idx % 12 + 1


def _place_month(a: Anchor, month: int, tense: str | None, strict: int = 0, past_slack: int = 1) -> int | None:
    """The year of ``month`` relative to the anchor: tense-aware, or ``strict`` -1/+1 (last/next).

    A past clause allows ``past_slack`` months after the anchor (a tense guess can be wrong: "said …
    will open in April"); a future clause allows none ("will serve a term starting in January" written
    in March is next January).
    """
    slack = 0 if not tense or tense.endswith(("!", "~")) or tense == "future" else past_slack
    tense = plain(tense)
    if a.month is None:
        return a.year if tense not in ("past", "future") and strict == 0 else None
    if strict < 0:
        return a.year if month < a.month else a.year - 1
    if strict > 0:
        return a.year if month > a.month else a.year + 1
    # the nearest occurrence that the tense allows (some slack either way; none for "since"/"until": "past!")
    best: tuple[int, int] | None = None
    for year in (a.year - 1, a.year, a.year + 1):
        delta = (year - a.year) * 12 + month - a.month
        if (tense == "past" and delta > slack) or (tense == "future" and delta < -slack):
            continue
        if best is None or abs(delta) < best[0]:
            best = (abs(delta), year)
    return best[1] if best else a.year


def _place_day(a: Anchor, month: int, day: int, tense: str | None) -> str:
    if a.date is None:
        year = _place_month(a, month, tense)
        return f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"
    # a past clause allows a month ahead (tense guesses err); a future clause nothing before the anchor
    slack = 0 if not tense or tense.endswith("!") or tense == "future" else 31
    tense = plain(tense)
    best: tuple[int, int] | None = None
    for year in (a.year - 1, a.year, a.year + 1):
        try:
            delta = (dt.date(year, month, day) - a.date).days
        except ValueError:
            continue
        if (tense == "past" and delta > slack) or (tense == "future" and delta < -slack):
            continue
        if best is None or abs(delta) < best[0]:
            best = (abs(delta), year)
    year = best[1] if best else a.year
    return f"{year:04d}-{month:02d}-{day:02d}"


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the Gregorian computus, in the anonymous "Meeus/Jones/Butcher" form)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday_date(rule: str, year: int) -> dt.date | None:
    """The day a ``timex_holidays.tsv`` rule gives in ``year`` ("date 12-25", "weekday 11 4 4 +1", "easter -2")."""
    parts = rule.split()
    kind, args = parts[0], parts[1:]
    shift = 0
    if args and args[-1][:1] in "+-" and (kind != "weekday" or len(args) == 4):
        shift = int(args.pop())
    if kind == "date":
        month, day = (int(x) for x in args[0].split("-"))
        base = dt.date(year, month, day)
    elif kind == "weekday":
        month, wd, n = int(args[0]), int(args[1]), int(args[2])
        first = dt.date(year, month, 1)
        base = first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
        if n < 0:  # the last such weekday: step back from the first of the next month
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            base = nxt - dt.timedelta(days=(nxt.isoweekday() - wd - 1) % 7 + 1)
    elif kind == "easter":
        base = _easter(year)
    else:
        return None
    return base + dt.timedelta(days=shift)


def _place_holiday(a: Anchor, rule: str, tense: str | None) -> str | None:
    """The occurrence of a holiday nearest the anchor that the tense allows (like a month-day)."""
    if a.date is None:
        d = holiday_date(rule, a.year)
        return _ymd(d) if d and plain(tense) not in ("past", "future") else None
    slack = 0 if not tense or tense.endswith("!") or tense == "future" else 31
    tense = plain(tense)
    best: tuple[int, dt.date] | None = None
    for year in (a.year - 1, a.year, a.year + 1):
        d = holiday_date(rule, year)
        if d is None:
            continue
        delta = (d - a.date).days
        if (tense == "past" and delta > slack) or (tense == "future" and delta < -slack):
            continue
        if best is None or abs(delta) < best[0]:
            best = (abs(delta), d)
    return _ymd(best[1]) if best else None


def _weekday(a: Anchor, wd: int, tense: str | None, rel: str | None) -> dt.date | None:
    tense = plain(tense)
    d = a.date
    if d is None:
        return None
    delta = wd - d.isoweekday()  # -6..6
    if rel == "last":
        back = (d.isoweekday() - wd) % 7 or 7
        return d - dt.timedelta(days=back)
    if rel in ("next", "coming"):
        fwd = (wd - d.isoweekday()) % 7 or 7
        return d + dt.timedelta(days=fwd)
    if rel == "this":  # the one of this week; a future clause's, when that day is past, the coming one ("is hoping to
        return d + dt.timedelta(days=delta + (7 if delta < 0 and tense == "future" else 0))  # win this Tuesday")
    if tense == "past":
        return d - dt.timedelta(days=(d.isoweekday() - wd) % 7)
    if tense == "future":
        return d + dt.timedelta(days=(wd - d.isoweekday()) % 7)
    back = (d.isoweekday() - wd) % 7
    fwd = (wd - d.isoweekday()) % 7
    return d - dt.timedelta(days=back) if back <= fwd else d + dt.timedelta(days=fwd)


def _unit_value(a: Anchor, unit: str, k: int) -> str | None:
    """The calendar unit containing the anchor, shifted by ``k`` units; None if too coarse."""
    unit = unit.lower()
    if unit == "year":
        return f"{a.year + k:04d}"
    if unit == "decade":
        return f"{(a.year // 10 + k):03d}"
    if unit in ("century", "centurie"):
        return f"{(a.year // 100 + k):02d}"
    if a.month is None:
        return None
    if unit == "month":
        y, m = _shift_months(a.year, a.month, k)
        return f"{y:04d}-{m:02d}"
    if unit == "quarter":
        y, m = _shift_months(a.year, a.month, 3 * k)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    d = a.date
    if d is None:
        return None
    if unit in ("week", "fortnight"):
        return _week(d + dt.timedelta(weeks=k))
    if unit == "weekend":
        return _week(d + dt.timedelta(weeks=k)) + "-WE"
    if unit in ("day", "night"):
        return _ymd(d + dt.timedelta(days=k))
    return None


def _unresolved(unit: str) -> str:
    return {"year": "XXXX", "month": "XXXX-XX", "quarter": "XXXX-QX", "week": "XXXX-WXX",
            "weekend": "XXXX-WXX-WE", "day": "XXXX-XX-XX", "decade": "XXX", "century": "XX"}.get(
        unit.lower(), "XXXX-XX-XX")


def _smod(g: dict[str, str]) -> str | None:
    raw = g.get("smod") or g.get("smod2")
    if not raw:
        return None
    key = re.sub(r"\s+", " ", raw.lower()).replace("very ", "")
    return vocab()["mod"].get(key)


def _pmod(g: dict[str, str]) -> str | None:
    raw = g.get("pmod")
    return vocab()["mod"].get(re.sub(r"\s+", " ", raw.lower())) if raw else None


def _year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        y += 2000 if y <= 30 else 1900
    return y


def resolve(m: Mention, text: str, pub: Anchor | None, prev: Anchor | None, tense: str | None) -> Norm | None:
    """TIMEX3 type/value/mod for one mention; None when it turns out not to be a time."""
    from rumormill.timex.rules import RESOLVERS

    return RESOLVERS[m.rule](m, text, pub, prev, tense)
