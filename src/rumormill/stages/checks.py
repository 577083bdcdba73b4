"""Checks: the article's own dates, durations and ages compared with each other.

- ``duration``: a duration tied to a dated start ("married in 2012" + "11 years of marriage")
  against the date in its own sentence ("in August 2023"): start + n .. start + n + 1 years must
  reach it.
- ``date``: the same event (same family from ``lexicons/timex_events.tsv``, the event word on the date's
  path to its clause's verb in the parse, *and* overlapping PERSON participants: for a birth or a death the
  event word's subject; not negated) given two dates whose intervals do not overlap. A sentence naming no
  person and holding no pronoun inherits no participants.
- ``age``: one person given two different ages; a stated age against a stated birth year and the
  publication date; a stated age against "when she was N" at a dated event.
- ``order``: "A (date) after/before B (date)" in one sentence against the two dates, when the dependency
  parse puts A in the clause the connective modifies and B in the clause or object it opens (``_sides``);
  two dates neither of which writes its year never contradict (``unverifiable``).
- ``duration`` of a range: "the program ran from 2009 to 2011" against "the two-year program"
  (``rumormill.timex.ranges``: a duration in the range's clause, or one naming the range's subject
  with a definite determiner; a year range is counted by subtraction, a month or day range also
  inclusively).

The end of a range ("... to 2011") and a time with an open bound other than a start ("before
2015", "until 2015", "over a year ago") do not date the event itself, so the ``date`` check leaves
them out.

Only pairs that meet these conditions are compared ("be strict about the same event"); anything
that cannot be settled (no publication date, intervals that overlap only in part) is
``unverifiable``. Evidence cites time ids and the ids of claims that contain the evidence.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from rumormill.nlp.parse import Parse, Token
from rumormill.pipeline import State
from rumormill.records import Check, Claim, Fact, Published, Time
from rumormill.timex import durations
from rumormill.timex.bounds import Bound, find_bounds, period_text
from rumormill.timex.events import CLAUSE_STOP, Dated, collect, head_path, people_by_sentence, sentences
from rumormill.timex.ranges import Range, durations_for, find_ranges, fits
from rumormill.timex.tense import guess as guess_tense

VERSION = "checks.v2"

_AGE_AT = re.compile(
    r"\b(?:when\s+(?:he|she|they|[A-Z][\w'’-]+)\s+(?:was|were)\s+(?:only\s+|just\s+)?|at\s+(?:the\s+)?age\s+(?:of\s+)?|aged\s+)"
    r"(\d{1,3})\b"
)
_ORDER = re.compile(r"\b(after|before|following|prior\s+to)\b", re.I)


def run(state: State) -> None:
    text = state.article.text
    sents = state.scratch.get("time.sentences") or sentences(text, [(s.start, s.end) for s in state.parse.sents])
    dated: list[Dated] = state.scratch.get("time.dated") or collect(text, state.times, state.entities, sents,
                                                                     state.parse)
    links = state.scratch.get("time.links")
    if links is None:
        links = durations.links(text, state.times, dated, state.entities, sents)
    ranges: list[Range] | None = state.scratch.get("time.ranges")
    if ranges is None:
        ranges = find_ranges(text, state.times)
    bounds: list[Bound] | None = state.scratch.get("time.bounds")
    if bounds is None:
        bounds = find_bounds(text, state.times, state.published, ranges)
    not_event = {t.id for r in ranges for t in r.times[1:]} | {b.time.id for b in bounds if not b.starts}
    # a duration whose dated start opens a range ("married from 2009 to 2011" + "after two years of
    # marriage") is measured against the range, whose end the text gives
    by_start = {r.times[0].id: r for r in ranges}
    via_start = [(by_start[k.start.time.id], k) for k in links if k.end is None and k.start.time.id in by_start]
    taken = {k.duration.id for _r, k in via_start}
    out: list[Check] = []
    out += _duration_checks([k for k in links if k.duration.id not in taken], state.claims, text, state.published)
    out += _range_checks(text, ranges, links, state, sents,
                         [(r, k.duration, f"both about the {k.family} ({k.family} dated {_q(k.start.time)})")
                          for r, k in via_start])
    out += _date_checks([d for d in dated if d.time.id not in not_event and _names_someone(text, d, state)],
                        state.claims, {e.id: e.name for e in state.entities})
    out += _age_checks(state, dated, sents)
    out += _order_checks(text, dated, sents, state.claims, state.times, state.parse)
    state.checks = out


def _cite(times: list[Time], claims: list[Claim], spans: list[tuple[int, int]] | None = None) -> tuple[str, ...]:
    ids: list[str] = [t.id for t in times]
    spans = list(spans or []) + [t.span for t in times]
    for c in claims:
        if any(c.span[0] <= s and e <= c.span[1] for s, e in spans) or any(t.id in c.times for t in times):
            ids.append(c.id)
    return tuple(dict.fromkeys(ids))


def _q(t: Time) -> str:
    return f"“{t.text}” ({t.id}, {t.value}{', ' + t.mod if t.mod else ''})"


def _duration_checks(links: list[durations.Link], claims: list[Claim], text: str,
                     published: Published) -> list[Check]:
    out = []
    for link in links:
        lo, hi = durations.reach(link)
        head = (f"{link.family} dated {_q(link.start.time)} + {_q(link.duration)} → {link.nominal}")
        times = [link.start.time, link.duration]
        if link.end is None:
            ongoing = guess_tense(text, *link.duration.span) == "present"  # "have been married for 11 years"
            if ongoing and published.earliest and published.latest:
                p_lo, p_hi = dt.date.fromisoformat(published.earliest), dt.date.fromisoformat(published.latest)
                fits = p_hi >= lo and p_lo <= hi
                when = (published.value if published.how != "inferred" and published.value
                        else f"{published.earliest}–{published.latest}")
                out.append(Check(kind="duration", status="consistent" if fits else "contradiction",
                                 detail=f"{head}, still running at publication ({when}, {published.how}): "
                                        + ("consistent" if fits else "the numbers do not add up"),
                                 evidence=_cite(times, claims)))
                continue
            out.append(Check(kind="duration", status="unverifiable",
                             detail=f"{head}; nothing in the duration's sentence dates its end",
                             evidence=_cite(times, claims)))
            continue
        end = link.end
        times.append(end.time)
        if end.latest >= lo and end.earliest <= hi:
            status, how = "consistent", "consistent with"
        else:
            status, how = "contradiction", "but the same sentence dates the end"
        out.append(Check(kind="duration", status=status, detail=f"{head}, {how} {_q(end.time)}",
                         evidence=_cite(times, claims)))
    return out


def _range_checks(text: str, ranges: list[Range], links: list[durations.Link], state: State,
                  sents: list[tuple[int, int]], via_start: list[tuple[Range, Time, str]]) -> list[Check]:
    """A range's length against a stated duration about the same thing."""
    linked = {link.duration.id for link in links}
    people = people_by_sentence(state.entities, sents)
    found = [x for x in durations_for(text, ranges, state.times, sents, people) if x[1].id not in linked]
    out = []
    for r, d, why in found + via_start:
        verdict = fits(r, d)
        if verdict is None:
            continue
        ok, counted = verdict
        ids = ", ".join(t.id for t in r.times)
        words = text[r.span[0]:r.span[1]]
        head = (f"the range “{words}” ({ids}, {period_text(r.earliest.isoformat(), r.latest.isoformat())}) "
                f"and {_q(d)}, {why}: {counted}")
        out.append(Check(kind="duration", status="consistent" if ok else "contradiction",
                         detail=f"{head}, " + ("consistent" if ok else "the numbers do not add up"),
                         evidence=_cite([*r.times, d], state.claims, [r.span])))
    return out


_PRONOUN = re.compile(r"\b(?:he|she|they|him|her|his|hers|them|their)\b", re.I)


def _names_someone(text: str, d: Dated, state: State) -> bool:
    """The date's sentence names its participants, or refers back to them with a pronoun; a sentence that does
    neither ("70 percent of black children are born to unmarried mothers, … since the 1960s") inherits nobody."""
    s, e = d.sentence
    if any(s <= a < e for ent in state.entities if ent.type == "PERSON" for a, _b in ent.spans):
        return True
    return _PRONOUN.search(text, s, e) is not None


def _date_checks(dated: list[Dated], claims: list[Claim], names: dict[str, str]) -> list[Check]:
    out = []
    by_family: dict[str, list[Dated]] = {}
    for d in dated:
        if d.family and not d.negated and d.time.anchor in (None, "published"):
            by_family.setdefault(d.family, []).append(d)
    for family, items in by_family.items():
        reported: set[tuple[str, str]] = set()
        same: list[Dated] = []
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                if not _same_people(family, a.people, b.people):
                    continue  # not provably the same participants: not the same event
                if a.sentence == b.sentence and abs(a.time.span[0] - b.time.span[1]) < 40:
                    continue  # two parts of one phrase, not two datings
                if b.latest < a.earliest or a.latest < b.earliest:
                    reported.add((a.time.id, b.time.id))
                    who = _who(a.people & b.people, names)
                    out.append(Check(kind="date", status="contradiction",
                                     detail=f"the {family} of {who} is dated {_q(a.time)} and {_q(b.time)}",
                                     evidence=_cite([a.time, b.time], claims)))
                else:
                    same += [x for x in (a, b) if x not in same]
        if same and not reported:
            named = [d.people for d in same if d.people]
            who = _who(frozenset.intersection(*named) if named else frozenset(), names)
            out.append(Check(kind="date", status="consistent",
                             detail=f"the {family} of {who} is dated {len(same)} times, consistently: "
                                    + ", ".join(_q(d.time) for d in same),
                             evidence=_cite([d.time for d in same], claims)))
    return out


_YEAR = re.compile(r"\b\d{4}\b")
_COUPLE = frozenset({"marriage", "separation", "divorce", "engagement", "relationship"})


def _same_people(family: str, a: frozenset[str], b: frozenset[str]) -> bool:
    """Couple events need both partners named in both places; one-person events the same person."""
    shared = a & b
    if family in _COUPLE:
        return len(shared) >= 2
    return len(shared) >= 1 and (len(a) == 1 or len(b) == 1 or shared == a == b)


def _who(ids: frozenset[str], names: dict[str, str]) -> str:
    return " and ".join(f"{names.get(i, i)} ({i})" for i in sorted(ids)) or "the same people"


def _attached(text: str, fact: Fact, spans: tuple[tuple[int, int], ...]) -> bool:
    """Only ages written against the name count: "Portman, 42," or "25-year-old activist Camille Étienne"."""
    for s, e in spans:
        if 0 <= fact.span[0] - e <= 3:
            return True
        if 0 <= s - fact.span[1] <= 40 and not re.search(r"[,.;:!?]", text[fact.span[1]:s]):
            return True
    return False


def _published_years(state: State) -> tuple[int, int] | None:
    p = state.published
    if p.earliest and p.latest:
        return int(p.earliest[:4]), int(p.latest[:4])
    return None


def _age_checks(state: State, dated: list[Dated], sents: list[tuple[int, int]]) -> list[Check]:
    text = state.article.text
    out: list[Check] = []
    pub = _published_years(state)
    starts = [s for s, _ in sents]
    people = people_by_sentence(state.entities, sents)
    names = {e.id: e.name for e in state.entities}
    for e in state.entities:
        ages = [f for f in e.facts if f.kind == "age" and f.value.isdigit() and _attached(text, f, e.spans)]
        if not ages:
            continue
        values = sorted({int(f.value) for f in ages})
        if len(values) > 1:
            out.append(Check(kind="age", status="contradiction",
                             detail=f"{e.name} ({e.id}) is given different ages: " + ", ".join(
                                 f"{f.value} (“{text[f.span[0]:f.span[1]]}” at {f.span[0]})" for f in ages),
                             evidence=_cite([], state.claims, [f.span for f in ages])))
            continue
        age, fact = values[0], ages[0]
        stated = f"{e.name} ({e.id}) is {age} (“{text[fact.span[0]:fact.span[1]]}” at {fact.span[0]})"
        born_from_age = None if pub is None else (pub[0] - age - 1, pub[1] - age)
        for d in dated:
            if d.family == "birth" and not d.negated and e.id in d.people and len(d.people) == 1:
                out.append(_birth_check(stated, born_from_age, (d.earliest.year, d.latest.year),
                                        f"born {_q(d.time)}", [d.time], fact, state.claims))
        for d in dated:
            i = max(0, bisect.bisect_right(starts, d.time.span[0]) - 1)
            s, en = sents[i]
            for m in _AGE_AT.finditer(text, s, en):
                if people[i] != frozenset({e.id}):
                    continue  # the person meant is not unambiguous
                n = int(m.group(1))
                implied = (d.earliest.year - n - 1, d.latest.year - n)
                out.append(_birth_check(stated, born_from_age, implied,
                                        f"{names[e.id]} was {n} at {_q(d.time)} (“{m.group(0)}”)",
                                        [d.time], fact, state.claims, extra=[m.span()]))
    return out


def _birth_check(stated: str, from_age: tuple[int, int] | None, other: tuple[int, int], other_words: str,
                 times: list[Time], fact: Fact, claims: list[Claim],
                 extra: list[tuple[int, int]] | None = None) -> Check:
    evidence = _cite(times, claims, [fact.span, *(extra or [])])
    if from_age is None:
        return Check(kind="age", status="unverifiable",
                     detail=f"{stated}; {other_words}: the publication date is unknown", evidence=evidence)
    lo, hi = from_age
    born = f"born {lo}–{hi}" if lo != hi else f"born {lo}"
    fits = not (hi < other[0] or other[1] < lo)
    status = "consistent" if fits else "contradiction"
    verb = "fits" if fits else "does not fit"
    return Check(kind="age", status=status,
                 detail=f"{stated}, so {born} at publication; {other_words} {verb} "
                        f"(born {other[0]}{'–' + str(other[1]) if other[1] != other[0] else ''})",
                 evidence=evidence)


def _gap_check(a: Dated, b: Dated, gap: Time, word: str, claims: list[Claim]) -> Check | None:
    """"married in 2014, two years after they met in 2012": does the gap fit the two dates?"""
    m = re.fullmatch(r"P(\d+(?:\.\d+)?)([YMD])", gap.value)
    if not m:
        return None
    n = float(m.group(1)) * {"Y": 365.25, "M": 30.44, "D": 1.0}[m.group(2)]
    slack = {"Y": 366, "M": 31, "D": 1}[m.group(2)]
    sign = 1 if word in ("after", "following") else -1
    lo = (a.earliest - b.latest).days * sign
    hi = (a.latest - b.earliest).days * sign
    fits = lo - slack <= n <= hi + slack
    status, verdict = ("consistent", "the dates agree") if fits else ("contradiction", "the dates are not that far apart")
    if not fits and not (_YEAR.search(a.time.text) or _YEAR.search(b.time.text)):
        # "the vote on Nov. 28, 20 days after Election Day" with "Nov. 28" read into the wrong year: no year written,
        # no contradiction
        status, verdict = "unverifiable", "the dates read without a written year do not fit, but neither gives its year"
    return Check(kind="duration", status=status, detail=f"{_q(a.time)} is said to be {_q(gap)} {word} {_q(b.time)}: "
                 + verdict, evidence=_cite([a.time, gap, b.time], claims))


# how a date (or the phrase holding it) hangs from its clause's verb when it dates that clause: "in 2018" (prep),
# "Sunday" (npadvmod), "last week" (npadvmod), "yesterday" (advmod/tmod); not a subject or object noun it modifies
_UNIT_NOUNS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years", "night", "nights",
                         "hours", "minutes"})
_ADVERBIAL = frozenset({"prep", "npadvmod", "tmod", "advmod", "obl", "nmod:tmod", "pobj", "agent"})


def _dates(tokens: tuple[Token, ...], path: list[int], top: int) -> bool:
    """The date on ``path`` hangs from ``path[top]`` as an adverbial ("in 2018", "Sunday"), not inside a noun phrase
    the word governs ("Axelrod, the strategist of Obama's 2008 campaign, said just after midnight")."""
    return top == 0 or tokens[path[top - 1]].dep in _ADVERBIAL


def _sides(parse: Parse, at: int, a: Dated, b: Dated) -> bool:
    """The dependency parse puts ``a`` on the governing side of the connective at ``at`` and ``b`` on its
    complement side, each in that clause itself: "Miller moved to Paris in 2018, after she left London in 2019"
    (2018 in the clause of "moved", 2019 in the clause "after" opens). Not "announced Sunday she will resign after
    the convention … through the November election" ("after" belongs to "resign", Sunday to "announced", November to
    another clause), nor "after writing an op-ed that targeted the 2016 candidate" (2016 is in a relative clause)."""
    conn = parse.token_at(at)
    pa, pb = head_path(parse, a.time.span), head_path(parse, b.time.span)
    if conn is None or pa is None or pb is None:
        return False
    tokens = parse.tokens
    if conn.dep == "mark":  # "…, after she left London in 2019": the clause "after" opens, and the one it modifies
        sub = tokens[conn.head]
        return sub.dep == "advcl" and pb[-1] == sub.i and pa[-1] == sub.head and _dates(tokens, pa, len(pa) - 1)
    if conn.dep != "prep":
        return False
    gov = tokens[conn.head]
    if gov.pos not in ("VERB", "AUX"):
        # the connective modifies a noun: the one the first date dates ("the vote on Nov. 28, 20 days after Election
        # Day") or a unit noun set beside that date ("on Sept. 6, the day after Labor Day")
        if gov.i in pa[1:]:
            if not _dates(tokens, pa, pa.index(gov.i)):
                return False
        elif not (gov.lower in _UNIT_NOUNS and gov.head == pa[0]):
            return False
    elif pa[-1] != conn.head or not _dates(tokens, pa, len(pa) - 1):
        return False
    top = tokens[pb[-1]]  # "after the convention in July": no verb between; "after being elected in 2008": a gerund
    return conn.i in pb or (top.dep == "pcomp" and top.head == conn.i)


def _order_checks(text: str, dated: list[Dated], sents: list[tuple[int, int]], claims: list[Claim],
                  times: list[Time], parse: Parse | None = None) -> list[Check]:
    out = []
    by_sent: dict[tuple[int, int], list[Dated]] = {}
    for d in dated:
        if not d.negated:
            by_sent.setdefault(d.sentence, []).append(d)
    for (s, e), items in by_sent.items():
        if len(items) < 2:
            continue
        for m in _ORDER.finditer(text, s, e):
            if any(d.time.span[0] <= m.start() < d.time.span[1] for d in items):
                continue
            left = [d for d in items if d.time.span[1] <= m.start()]
            right = [d for d in items if d.time.span[0] >= m.end()]
            if not left or not right:
                continue
            a, b = left[-1], right[0]
            between = text[a.time.span[1]:m.start()], text[m.end():b.time.span[0]]
            if any(CLAUSE_STOP.search(x) or x.count(" ") > 15 for x in between):
                continue  # the dates are not the two sides of this "after"/"before"
            if parse is not None and parse.tokens and not _sides(parse, m.start(), a, b):
                continue  # the parse does not tie the dates to the two clauses the connective joins
            word = m.group(1).lower()
            gap = next((t for t in times if t.type == "DURATION" and not t.vague and t.span[1] <= m.start()
                        and not text[t.span[1]:m.start()].strip() and t.span[0] >= a.time.span[1]), None)
            if gap is not None:
                check = _gap_check(a, b, gap, word, claims)
                if check is not None:
                    out.append(check)
            later_first = word in ("after", "following")  # A after B: A >= B
            first, second = (b, a) if later_first else (a, b)
            if first.latest <= second.earliest:
                status = "consistent"
            elif first.earliest > second.latest:
                status = "contradiction"
            else:
                status = "unverifiable"
            verdict = {"consistent": "the dates agree", "contradiction": "the dates say the opposite",
                       "unverifiable": "the dates overlap, so the order cannot be told"}[status]
            if status == "contradiction" and not (_YEAR.search(a.time.text) or _YEAR.search(b.time.text)):
                # "won 11 victories in February after Super Tuesday", told of 2008: two dates read into the
                # reporting year can both be some other year's; without a written year the order is not settled
                status, verdict = "unverifiable", "the dates read into the reporting year say the opposite, but " \
                                                  "neither gives its year"
            out.append(Check(kind="order", status=status,
                             detail=f"the clause dated {_q(a.time)} is said to come {word} the one dated "
                                    f"{_q(b.time)}: {verdict}",
                             evidence=_cite([a.time, b.time], claims)))
    return out

