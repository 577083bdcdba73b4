"""Claims: every assertion as a clause, with the source it rests on and how sure it is put.

Runs after entities, time and sources. Reads ``state.parse``, ``state.sources``, ``state.quotes``,
``state.entities``, ``state.times`` and the sources stage's ``state.scratch["attributions"]`` and
``["source_mentions"]`` (all optional: without them every claim rests on the author source).

1. **Units** (``epistemic.clauses``): each parse sentence is cut at paragraph breaks, headings are
   dropped, and each predicate that is a main clause, a coordinated predicate with its own verb,
   or the content clause of a reporting frame becomes one claim. Reporting frames ("a source
   revealed to US Weekly", "according to the second source") are not claims themselves, unless
   the reporting verb has no content clause ("Portman hinted at the breakup", "a rep denied the
   report": the speech act is the claim).
2. **Chain**, outermost first: every attribution whose content (or quote) holds the claim's head
   word, ordered by the size of its content (the widest frame is the outermost), each lending the
   status of its reporting verb (``lexicons/reporting_strength.tsv``: "claimed" reported/weak,
   "confirmed" reported/strong, "denied" denied, "suspected" suspected, ...). A hedge on the
   frame itself ("friends *reportedly* advised her") adds an outer link for the author. Reporting
   and cognition verbs the sources stage did not record ("X suspected that ...") are frames too;
   their subject becomes the link's source when it is a known source mention or a person entity
   (a named ``Source`` is appended for such a person when none exists, ids continuing the list).
3. **Status**: the strongest of the innermost link's status and the cues inside the claim's own
   clause (``epistemic.status``: news cue lexicon + the WikiWeasel hedge decision list), by the
   order asserted < reported < intended < speculated < suspected < alleged < rumoured <
   hypothetical < denied. Cues in another clause never count.
4. ``source`` is the outermost link's source, skipping an author link that only hedges a frame
   ("friends reportedly advised"). ``negated`` is a negation attached to the clause's head (or an
   open complement of it). ``checkable`` see ``epistemic.checkable``.

Without the sources stage there are no attributions: frames are still found syntactically, but
a speaker that is not a person entity is not guessed (its link is the author's, "S0"),
and an author source "S0" is appended when ``state.sources`` has none, so no claim id dangles.
"""

from __future__ import annotations

import bisect
from collections import Counter
from functools import cmp_to_key
from typing import Any

from rumormill.epistemic.checkable import checkable
from rumormill.epistemic.clauses import Unit, find_units
from rumormill.epistemic.status import report_status, strongest
from rumormill.epistemic.summary import sourcing
from rumormill.epistemic.tree import dominates
from rumormill.pipeline import State
from rumormill.records import ChainLink, Claim, Cue, Source
from rumormill.stages.speakers import author_label

VERSION = "claims.v2"

Span = tuple[int, int]
AUTHOR = "S0"


def _ensure_author(state: State) -> None:
    if not any(s.id == AUTHOR for s in state.sources):
        label = author_label(state.article.author, state.article.publisher)
        state.sources.insert(0, Source(id=AUTHOR, kind="author", label=label, entity=None, via=(), spans=()))


class _Speakers:
    """Source ids for speaker phrases: source mentions, then person entities (a named source is added)."""

    def __init__(self, state: State) -> None:
        self.state = state
        mentions: list[tuple[Span, str]] = list(state.scratch.get("source_mentions") or [])
        mentions.sort()
        self.mentions = mentions
        self.starts = [m[0][0] for m in mentions]
        self.ent_spans = sorted((sp, e.id) for e in state.entities if e.type == "PERSON" for sp in e.spans)
        self.ent_starts = [sp[0] for sp, _ in self.ent_spans]

    def _find(self, items: list[tuple[Span, str]], starts: list[int], span: Span) -> str | None:
        k = bisect.bisect_right(starts, span[1]) - 1
        while k >= 0 and items[k][0][1] > span[0] - 200:
            (s, e), sid = items[k]
            if s < span[1] and e > span[0]:
                return sid
            k -= 1
        return None

    def source_for(self, span: Span) -> str | None:
        sid = self._find(self.mentions, self.starts, span)
        if sid is not None:
            return sid
        ent = self._find(self.ent_spans, self.ent_starts, span)
        if ent is None:
            return None
        for s in self.state.sources:
            if s.entity == ent:
                return s.id
        entity = next(e for e in self.state.entities if e.id == ent)
        nums = [int(s.id[1:]) for s in self.state.sources if s.id[1:].isdigit()]
        new = Source(id=f"S{max(nums, default=0) + 1}", kind="named", label=entity.name, entity=ent, via=(),
                     spans=(span,))
        self.state.sources.append(new)
        return new.id


def _index(spans: list[tuple[Span, str]]) -> tuple[list[tuple[Span, str]], list[int]]:
    spans = sorted(spans)
    return spans, [sp[0] for sp, _ in spans]


def _inside(index: tuple[list[tuple[Span, str]], list[int]], span: Span) -> tuple[str, ...]:
    items, starts = index
    out: list[str] = []
    for k in range(bisect.bisect_left(starts, span[0]), bisect.bisect_left(starts, span[1])):
        (_s, e), ident = items[k]
        if e <= span[1] and ident not in out:
            out.append(ident)
    return tuple(out)


def run(state: State) -> None:
    _ensure_author(state)
    parse = state.parse
    text = parse.text
    atts: list[dict[str, Any]] = list(state.scratch.get("attributions") or [])
    speakers = _Speakers(state)
    units = find_units(state.article, parse, atts, {q.id: q.span for q in state.quotes},
                       [sp for e in state.entities for sp in e.spans])
    ents = _index([(sp, e.id) for e in state.entities for sp in e.spans])
    times = _index([(t.span, t.id) for t in state.times])
    quotes = {q.id: q for q in state.quotes}
    claims: list[Claim] = []
    for unit in units:
        links, cues, hedge_only, hidden = _chain(unit, atts, speakers, parse)
        own = [status for _i, _kind, status in unit.cues] + hidden
        for i, kind, _status in unit.cues:
            t = parse.tokens[i]
            cues.append(Cue(text=t.text, span=(t.start, t.end), kind=kind))
        for i in unit.negations:
            t = parse.tokens[i]
            cues.append(Cue(text=t.text, span=(t.start, t.end), kind="negation"))
        if not links:
            status = strongest(own)
            links = [ChainLink(source=AUTHOR, status=status)]
        else:
            status = strongest([links[-1].status, *own])
        # the claim rests on its outermost speaker; an author link that only hedges a frame
        # ("friends reportedly advised") does not count, one that relays an unnamed speaker does
        source = links[hedge_only].source if len(links) > hedge_only else links[0].source
        quote = _quote_of(unit, state.quotes)
        if quote is None:
            quote = next((a["quote"] for a in unit.attributions if a.get("quote") in quotes), None)
        s, e = unit.span
        in_ents, in_times = _inside(ents, (s, e)), _inside(times, (s, e))
        claims.append(Claim(
            id=f"C{len(claims) + 1}",
            span=(s, e),
            text=text[s:e],
            source=source,
            status=status,
            chain=tuple(links),
            cues=tuple(sorted(set(cues), key=lambda c: (c.span, c.kind))),
            negated=bool(unit.negations),
            entities=in_ents,
            times=in_times,
            quote=quote,
            checkable=checkable(unit, parse, anchored=bool(in_ents or in_times)),
        ))
    state.claims = claims
    state.sourcing.update(sourcing(claims, state.sources, state.entities))
    if "sources_by_kind" in state.sourcing:  # named sources may have been added above
        state.sourcing["sources_by_kind"] = dict(Counter(src.kind for src in state.sources))


def _quote_of(unit: Unit, quotes: list[Any]) -> str | None:
    s, e = unit.span
    head = unit.head_char
    best: tuple[int, str] | None = None
    for q in quotes:
        qs, qe = q.span
        if qs <= head < qe:
            return str(q.id)
        overlap = min(e, qe) - max(s, qs)
        if overlap > 0 and 2 * overlap >= e - s and (best is None or overlap > best[0]):
            best = (overlap, q.id)
    return best[1] if best else None


def _chain(unit: Unit, atts: list[dict[str, Any]], speakers: _Speakers,
           parse: Any) -> tuple[list[ChainLink], list[Cue], int, list[str]]:
    """Links (outermost first) from the attributions and syntactic frames governing the unit,
    the cues they bring, how many leading author links only carry a frame hedge, and the statuses
    of inner frames whose speaker is unknown (they count for the status, not the chain)."""
    framed: list[tuple[float, int, str | None, str, list[tuple[int, str, str]], int | None, Any]] = []
    cues: list[Cue] = []
    for a in unit.attributions:
        content = a.get("content_span")
        size = float("inf") if content is None else content[1] - content[0]
        status, strength = report_status(a.get("cue_class") or "", a.get("cue_lemma") or "")
        cue_span = a.get("cue_span")
        if cue_span is not None:
            cues.append(Cue(text=a.get("cue") or parse.text[cue_span[0]:cue_span[1]], span=tuple(cue_span),
                            kind=f"report:{strength}" if status == "reported" else status))
        pos = cue_span[0] if cue_span else content[0] if content else unit.span[0]
        framed.append((size, pos, a.get("source"), status, unit.frame_hedges.get(id(a), []), unit.cue_heads.get(id(a)),
                       content))
    for fr in unit.frames:
        status, strength = report_status(fr.cue_class, fr.lemma)
        cues.append(Cue(text=parse.tokens[fr.cue].text,
                        span=(parse.tokens[fr.cue].start, parse.tokens[fr.cue].end),
                        kind=f"report:{strength}" if status == "reported" else status))
        sid = speakers.source_for(fr.subject_span) if fr.subject_span else None
        framed.append((float(fr.size), parse.tokens[fr.cue].start, sid, status, fr.hedges, fr.cue, None))

    def outer_first(x: Any, y: Any) -> int:
        # the frame whose content holds the other's cue is outer ("… write albums …" inside a post);
        # the frame whose cue governs the other's cue is outer; else the wider content; else the later cue
        x_holds = x[6] is not None and x[6][0] <= y[1] < x[6][1]
        y_holds = y[6] is not None and y[6][0] <= x[1] < y[6][1]
        if x_holds != y_holds:
            return -1 if x_holds else 1
        if x[5] is not None and y[5] is not None and x[5] != y[5]:
            if dominates(parse, x[5], y[5]):
                return -1
            if dominates(parse, y[5], x[5]):
                return 1
        if x[0] != y[0]:
            return -1 if x[0] > y[0] else 1
        return -1 if x[1] > y[1] else 1 if x[1] < y[1] else 0

    framed.sort(key=cmp_to_key(outer_first))
    links: list[ChainLink] = []
    hidden: list[str] = []
    hedge_only = 0  # leading author links that only carry a hedge on a frame ("reportedly")
    for _size, _pos, sid, status, hedges, _cue, _content in framed:
        for i, kind, hstatus in hedges:
            t = parse.tokens[i]
            cues.append(Cue(text=t.text, span=(t.start, t.end), kind=kind))
            if not links:
                links.append(ChainLink(source=AUTHOR, status=hstatus))
                hedge_only = 1
        if sid is None:
            # a speaker not named or not found is not guessed: outermost, the author relays it;
            # inside another source's words it is left out and only its status counts
            if links:
                hidden.append(status)
                continue
            sid = AUTHOR
        if links and links[-1].source == sid:
            if links[-1].status != status:
                links[-1] = ChainLink(source=sid, status=strongest([links[-1].status, status]))
            if sid == AUTHOR:
                hedge_only = 0
            continue
        links.append(ChainLink(source=sid, status=status))
    return links, cues, hedge_only, hidden
