"""Timeline: every dated expression placed at an interval, linked to its claims, ordered.

- Each DATE/TIME whose value is a calendar interval (``2023``, ``2023-08``, ``2023-Q4``,
  ``2024-W03``, ``2010-SU``, the decade ``201``) becomes an interval, narrowed by START/MID/END
  (the first/middle/last third of a year, ten days of a month). Expressions with the same interval
  share one entry. Unresolved ones (``XXXX-XX``) are left out: they have no interval to place.
- Ranges (``rumormill.timex.ranges``): "from 2009 to 2011", "2009–11", "March 3-5" become ONE entry
  from the start of the first endpoint to the end of the second, citing every time it is built from,
  with ``bound: "range"``; the endpoints get no entries of their own.
- Open-ended times (``rumormill.timex.bounds``: "over a year ago": BEFORE 2023-01; "since 2008"; "until 2015"; "by the end of the
  year") get an entry with ``bound`` ``before``/``after``/``ongoing``; ``earliest``/``latest`` hold the
  known bound and, on the open side, the bound the evidence implies (the publication date for "since
  2008") or the known bound again.
- Durations become intervals when an endpoint is known (``rumormill.timex.durations``): "married
  in 2012" + "11 years of marriage" -> an entry at 2023 citing both expressions.
- Claims are linked when their span contains the expression or their ``times`` list it.
- Entries are ordered by (earliest, latest, times); the label is the dating words, how an open or
  range entry was read, and the linked claim's text or the sentence.

Scratch written for the checks: ``time.sentences``, ``time.dated`` (every closed DATE/TIME),
``time.links`` (durations with a dated start), ``time.ranges``, ``time.bounds``.
"""

from __future__ import annotations

import re

from rumormill.pipeline import State
from rumormill.records import Claim, Time, TimelineEntry
from rumormill.timex import durations
from rumormill.timex.bounds import Bound, find_bounds, period_text
from rumormill.timex.events import Dated, collect, sentences
from rumormill.timex.ranges import Range, find_ranges

VERSION = "timeline.v2"

_LABEL_MAX = 110


def run(state: State) -> None:
    text = state.article.text
    sents = sentences(text, [(s.start, s.end) for s in state.parse.sents])
    dated = collect(text, state.times, state.entities, sents, state.parse)
    ranges = find_ranges(text, state.times)
    bounds = find_bounds(text, state.times, state.published, ranges)
    state.scratch["time.dated"] = dated
    state.scratch["time.sentences"] = sents
    state.scratch["time.ranges"] = ranges
    state.scratch["time.bounds"] = bounds
    placed = {t.id for r in ranges for t in r.times} | {b.time.id for b in bounds}
    groups: dict[tuple[str, str], list[Dated]] = {}
    for d in dated:
        if d.time.id not in placed:
            groups.setdefault((d.earliest.isoformat(), d.latest.isoformat()), []).append(d)
    entries: list[TimelineEntry] = []
    for (lo, hi), items in groups.items():
        times = tuple(d.time.id for d in items)
        claims = _claims_for([d.time for d in items], state.claims)
        entries.append(TimelineEntry(earliest=lo, latest=hi, times=times, claims=claims,
                                     label=_label(text, items[0].time.text, items[0].sentence, claims, state.claims)))
    entries += [_range_entry(text, r, sents, state.claims) for r in ranges]
    entries += _bound_entries(text, bounds, sents, state.claims)
    # a duration's start must be the event's date: not the end of a range, not "before 2015"
    not_start = {t.id for r in ranges for t in r.times[1:]} | {b.time.id for b in bounds if not b.starts}
    links = durations.links(text, state.times, [d for d in dated if d.time.id not in not_start],
                            state.entities, sents)
    state.scratch["time.links"] = links
    for link in links:
        y = link.nominal
        label = (f"{link.family}: {link.start.time.text} ({link.start.time.value}) + {link.duration.text} "
                 f"({link.duration.value}) → {y}")
        ids = (link.start.time.id, link.duration.id)
        entries.append(TimelineEntry(earliest=f"{y:04d}-01-01", latest=f"{y:04d}-12-31", times=ids,
                                     claims=_claims_for([link.start.time, link.duration], state.claims),
                                     label=label))
    entries.sort(key=lambda e: (e.earliest, e.latest, e.times))
    state.timeline = entries


def _sentence(sents: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next((s for s in sents if s[0] <= pos < s[1]), sents[0])


def _range_entry(text: str, r: Range, sents: list[tuple[int, int]], claims: list[Claim]) -> TimelineEntry:
    lo, hi = r.earliest.isoformat(), r.latest.isoformat()
    ids = _claims_for(list(r.times), claims, [r.span])
    words = text[r.span[0]:r.span[1]]
    reading = f"range {period_text(lo, hi)}" + (f"; {r.note}" if r.note else "")
    return TimelineEntry(earliest=lo, latest=hi, times=tuple(t.id for t in r.times), claims=ids,
                         label=_label(text, f"{words} ({reading})", _sentence(sents, r.span[0]), ids, claims),
                         bound="range")


def _bound_entries(text: str, bounds: list[Bound], sents: list[tuple[int, int]],
                   claims: list[Claim]) -> list[TimelineEntry]:
    groups: dict[tuple[str, str, str, str], list[Bound]] = {}
    for b in bounds:
        groups.setdefault((b.earliest.isoformat(), b.latest.isoformat(), b.kind, b.reading), []).append(b)
    out = []
    for (lo, hi, kind, reading), items in groups.items():
        first = items[0]
        ids = _claims_for([b.time for b in items], claims, [b.span for b in items])
        words = text[first.span[0]:first.span[1]]
        out.append(TimelineEntry(earliest=lo, latest=hi, times=tuple(b.time.id for b in items), claims=ids,
                                 label=_label(text, f"{words} ({reading})", _sentence(sents, first.span[0]),
                                              ids, claims),
                                 bound=kind))
    return out


def _claims_for(times: list[Time], claims: list[Claim],
                spans: list[tuple[int, int]] | None = None) -> tuple[str, ...]:
    out: list[str] = []
    for c in claims:
        inside = any(c.span[0] <= s and e <= c.span[1] for s, e in spans or ())
        for t in times:
            if inside or t.id in c.times or (c.span[0] <= t.span[0] and t.span[1] <= c.span[1]):
                if c.id not in out:
                    out.append(c.id)
                break
    return tuple(out)


def _label(text: str, words: str, sentence: tuple[int, int], claim_ids: tuple[str, ...],
           claims: list[Claim]) -> str:
    if claim_ids:
        body = next(c.text for c in claims if c.id == claim_ids[0])
    else:
        s, e = sentence
        body = text[s:e]
    body = re.sub(r"\s+", " ", body).strip()
    if len(body) > _LABEL_MAX:
        cut = body.rfind(" ", 0, _LABEL_MAX)
        body = body[: cut if cut > _LABEL_MAX // 2 else _LABEL_MAX - 1].rstrip(" ,;:") + "…"
    return f"{words}: {body}"
