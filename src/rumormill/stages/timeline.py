"""Timeline: every dated expression placed at an interval, linked to its claims, ordered.

- Each DATE/TIME whose value is a calendar interval (``2023``, ``2023-08``, ``2023-Q4``,
  ``2024-W03``, ``2010-SU``, the decade ``201``) becomes an interval, narrowed by START/MID/END
  (the first/middle/last third of a year, ten days of a month). Expressions with the same interval
  share one entry. Open-ended ones ("over a year ago": BEFORE 2023-01) and unresolved ones
  (``XXXX-XX``) are left out: they have no interval to place.
- Durations become intervals when an endpoint is known (``rumormill.timex.durations``): "married
  in 2012" + "11 years of marriage" -> an entry at 2023 citing both expressions.
- Claims are linked when their span contains the expression or their ``times`` list it.
- Entries are ordered by (earliest, latest); the label is the linked claim's text or the clause.
"""

from __future__ import annotations

import re

from rumormill.pipeline import State
from rumormill.records import Claim, Time, TimelineEntry
from rumormill.timex import durations
from rumormill.timex.events import Dated, collect, sentences

VERSION = "timeline.v1"

_LABEL_MAX = 110


def run(state: State) -> None:
    text = state.article.text
    sents = sentences(text, [(s.start, s.end) for s in state.parse.sents])
    dated = collect(text, state.times, state.entities, sents)
    state.scratch["time.dated"] = dated
    state.scratch["time.sentences"] = sents
    groups: dict[tuple[str, str], list[Dated]] = {}
    for d in dated:
        groups.setdefault((d.earliest.isoformat(), d.latest.isoformat()), []).append(d)
    entries: list[TimelineEntry] = []
    for (lo, hi), items in groups.items():
        times = tuple(d.time.id for d in items)
        claims = _claims_for([d.time for d in items], state.claims)
        entries.append(TimelineEntry(earliest=lo, latest=hi, times=times, claims=claims,
                                     label=_label(text, items[0], claims, state.claims)))
    links = durations.links(text, state.times, dated, state.entities, sents)
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


def _claims_for(times: list[Time], claims: list[Claim]) -> tuple[str, ...]:
    out: list[str] = []
    for c in claims:
        for t in times:
            if t.id in c.times or (c.span[0] <= t.span[0] and t.span[1] <= c.span[1]):
                if c.id not in out:
                    out.append(c.id)
                break
    return tuple(out)


def _label(text: str, d: Dated, claim_ids: tuple[str, ...], claims: list[Claim]) -> str:
    if claim_ids:
        body = next(c.text for c in claims if c.id == claim_ids[0])
    else:
        s, e = d.sentence
        body = text[s:e]
    body = re.sub(r"\s+", " ", body).strip()
    if len(body) > _LABEL_MAX:
        cut = body.rfind(" ", 0, _LABEL_MAX)
        body = body[: cut if cut > _LABEL_MAX // 2 else _LABEL_MAX - 1].rstrip(" ,;:") + "…"
    return f"{d.time.text}: {body}"
