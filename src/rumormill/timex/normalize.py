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
_ANAPHORIC_REL = frozenset({"following", "previous", "same"})


def _num(word: str) -> float | None:
    w = re.sub(r"\s+", " ", word.lower().strip())
    half = 0.0
    if w.endswith(" and a half"):
        w, half = w[: -len(" and a half")], 0.5
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


def _duration(n: float | None, unit: str) -> str:
    code = _UNIT_CODE[unit.lower()]
    q = "X" if n is None else None
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


def _shift_months(year: int, month: int, k: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + k
    return idx // 12, idx % 12 + 1


def _place_month(a: Anchor, month: int, tense: str | None, strict: int = 0) -> int | None:
    """The year of ``month`` relative to the anchor: tense-aware, or ``strict`` -1/+1 (last/next)."""
    slack = 0 if tense and tense.endswith("!") else 3
    tense = tense.rstrip("!") if tense else None
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
    slack = 0 if tense and tense.endswith("!") else 31
    tense = tense.rstrip("!") if tense else None
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


def _weekday(a: Anchor, wd: int, tense: str | None, rel: str | None) -> dt.date | None:
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
    if rel == "this":
        return d + dt.timedelta(days=delta)
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
