"""Durations turned into intervals where an endpoint is known: married 2012 + 11 years -> 2023.

A duration of years or months ("11 years of marriage", "married for 11 years") is tied to its
event family; the start is the one dated event of that family with the same participants (if
there are several different dates the link is refused: the date check reports them). The end is
the date in the duration's own sentence ("... in August 2023"), if there is one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from rumormill.records import Entity, Time
from rumormill.timex.events import Dated, family_of_duration, people_by_sentence

_YEARS = re.compile(r"P(\d+(?:\.\d+)?)(Y|M)")


@dataclass(frozen=True, slots=True)
class Link:
    duration: Time
    family: str
    years: float
    start: Dated
    nominal: int  # start year + duration, the year the duration points at
    end: Dated | None


def _add_years(d: dt.date, years: float) -> dt.date:
    whole = int(years)
    months = round((years - whole) * 12)
    y, m = d.year + whole + (d.month - 1 + months) // 12, (d.month - 1 + months) % 12 + 1
    try:
        return d.replace(year=y, month=m)
    except ValueError:
        return d.replace(year=y, month=m, day=28)


def links(text: str, times: list[Time], dated: list[Dated], entities: list[Entity],
          sents: list[tuple[int, int]]) -> list[Link]:
    starts = [s for s, _ in sents]
    people = people_by_sentence(entities, sents)
    out: list[Link] = []
    for t in times:
        m = _YEARS.fullmatch(t.value)
        if t.type != "DURATION" or t.vague or not m:
            continue
        years = float(m.group(1)) / (12 if m.group(2) == "M" else 1)
        i = max(0, bisect.bisect_right(starts, t.span[0]) - 1)
        family = family_of_duration(text, sents[i], t)
        if family is None:
            continue
        who = people[i]
        cands = [d for d in dated if d.family == family and not d.negated and d.sentence != sents[i]
                 and (not who or not d.people or who & d.people)]
        if not cands or len({(d.earliest, d.latest) for d in cands}) != 1:
            continue
        start = cands[0]
        same = [d for d in dated if d.sentence == sents[i] and d.time.id != start.time.id]
        end = min(same, key=lambda d: abs(d.time.span[0] - t.span[1])) if same else None
        out.append(Link(duration=t, family=family, years=years, start=start,
                        nominal=_add_years(start.earliest, years).year, end=end))
    return out


def reach(link: Link) -> tuple[dt.date, dt.date]:
    """Where the duration can end: start + n years, up to start + n + 1 years (counts are rounded down)."""
    lo = _add_years(link.start.earliest, link.years)
    hi = _add_years(link.start.latest, link.years + 1)
    return lo, hi
