"""Time: tag every temporal expression, settle the publication date, resolve against it.

1. The publication date: given (``--published``) and page metadata come from ingestion and win.
   Otherwise a dateline in the first lines ("LOS ANGELES, March 3 (Reuters) —", "Published 12 Jan
   2024", a line that is only a date) or in a byline ingestion removed gives ``how: text``; a
   dateline without a year takes the year from the inference (``how: inferred``, said in the
   reason); failing that ``rumormill.timex.pubdate.infer`` gives an interval with its reason.
2. Resolution uses only what the date pins down: an inferred interval inside one year anchors
   "last year" but not "yesterday" (those stay ``XXXX-XX-XX`` with ``anchor: null``).
3. ``times`` get ids T1.. in text order; ``anchor`` is "published", the id of the expression an
   anaphoric one was resolved against ("the following year"), or null (absolute or unresolved).

The tagger is pure Python rules (``rumormill.timex``); tense comes from its own cheap cue
heuristic, not from the parse, so ``rumormill eval tempeval3/meantime`` measures exactly this code.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import replace

from rumormill.errors import InputError
from rumormill.ingest.published import make
from rumormill.pipeline import State
from rumormill.records import Published, Time
from rumormill.timex import Norm, Tagged, find, tag
from rumormill.timex.pubdate import anchor_of, dateline, from_removed, infer

VERSION = "time.v4"


def run(state: State) -> None:
    text = state.article.text
    mentions = find(text)
    unanchored: list[Tagged] = []
    if state.published.how == "unknown":
        unanchored = tag(text, None, mentions)
        state.published = publication(text, [r.text for r in state.article.removed], unanchored)
    tagged = tag(text, anchor_of(state.published), mentions)
    state.times = [_record(i, t) for i, t in enumerate(tagged)]
    # inferred, or not dated from the text at all (the inference abstained): durations with a dated start can
    # still date it ("married in 2015" + "after eight years" -> 2023)
    inferred = ((state.published.how == "inferred" and not (state.published.reason or "").startswith("the dateline"))
                or (state.published.how == "unknown" and bool(unanchored)))
    if inferred:
        ends = _duration_ends(state, tagged)
        if ends:
            state.published = infer(text, unanchored + ends)
            tagged = tag(text, anchor_of(state.published), mentions)
            state.times = [_record(i, t) for i, t in enumerate(tagged)]
    state.scratch["time.tagged"] = tagged


def _duration_ends(state: State, tagged: list[Tagged]) -> list[Tagged]:
    """Past evidence from durations with a dated start: married 2015 + "after eight years" -> 2023.

    Only a duration in a past or present clause whose end year lies after the inferred interval's
    start (any, when the inference abstained) counts (the end of "after eight years of marriage" has happened
    by publication).
    """
    from rumormill.timex.durations import links
    from rumormill.timex.events import collect, sentences

    text = state.article.text
    sents = sentences(text, [(s.start, s.end) for s in state.parse.sents])
    dated = collect(text, state.times, state.entities, sents, state.parse)
    earliest = dt.date.fromisoformat(state.published.earliest or "0001-01-01")  # (no interval: every end counts)
    by_span = {(t.start, t.end): t for t in tagged}
    out: list[Tagged] = []
    for link in links(text, state.times, dated, state.entities, sents):
        source = by_span.get(link.duration.span)
        if source is None or source.tense == "future" or link.nominal <= earliest.year:
            continue
        words = f"{link.start.time.text} + {link.duration.text}"
        out.append(replace(source, text=words, rule="duration-end", tense="past",
                           norm=Norm(type="DATE", value=f"{link.nominal:04d}", mod=None, vague=False, anchor=None)))
    return out


def _record(i: int, t: Tagged) -> Time:
    a = t.norm.anchor
    anchor = a if a is None or a == "published" else f"T{int(a) + 1}"
    return Time(id=f"T{i + 1}", span=(t.start, t.end), text=t.text, type=t.norm.type, value=t.norm.value,
                mod=t.norm.mod, anchor=anchor, vague=t.norm.vague)


def publication(text: str, removed: list[str] | None = None, unanchored: list[Tagged] | None = None) -> Published:
    """The publication date read from the text (dateline) or inferred from it.

    ``unanchored`` is ``tag(text, None)`` if the caller already has it.
    """
    line = dateline(text)
    if line is not None and not line.value.startswith("X"):
        with contextlib.suppress(InputError):  # an impossible date is no dateline
            return make(line.value, "text", f"{line.kind} '{text[line.span[0]:line.span[1]]}' at the top of the text")
        line = None
    found = from_removed(removed or [])
    if found is not None:
        with contextlib.suppress(InputError):
            return make(found[0], "text", f"date in the removed byline '{found[1]}'")
    guess = infer(text, unanchored)
    if line is None or guess.earliest is None or guess.latest is None:
        return guess
    month, day = int(line.value[5:7]), int(line.value[8:10])
    lo, hi = dt.date.fromisoformat(guess.earliest), dt.date.fromisoformat(guess.latest)
    fits = []
    for year in range(lo.year, hi.year + 1):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            continue
        if lo <= d <= hi:
            fits.append(d)
    if len(fits) != 1:
        return guess
    iso = fits[0].isoformat()
    words = text[line.span[0]:line.span[1]]
    return Published(value=iso, earliest=iso, latest=iso, how="inferred",
                     reason=f"the dateline '{words}' gives the day; the year from the text: {guess.reason}")
