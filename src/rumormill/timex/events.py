"""What a dated clause is about, and who takes part: the evidence the checks compare.

``Dated`` pairs a resolved time with an event family from ``lexicons/timex_events.tsv``
(marriage, separation, birth, ...) and the PERSON entities of its sentence (or, for a sentence
that names nobody - "their relationship came to an end" - those of the sentence before). The
family is taken strictly: a verb form in the same clause, or a noun form directly before the
date ("their wedding in 2012"); a noun after a duration ("11 years of marriage") belongs to the
duration, never to a date in the same sentence.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from itertools import islice, takewhile

from rumormill.lexicons import load_table
from rumormill.nlp.parse import Parse, Token
from rumormill.records import Entity, Time

CLAUSE_STOP = re.compile(r"[;:!?]|\.\s|,?\s+(?:but|while|whereas|although|though|yet)\s|\s[—–-]\s")
_NEG = re.compile(r"\b(?:not|never|n't|no longer|denied|deny|denies)\b", re.I)


@cache
def _lexicon() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    rows = []
    for family, form, pos in load_table("timex_events.tsv"):
        rows.append((family, re.compile(r"\b" + re.escape(form).replace(r"\ ", r"\s+") + r"\b", re.I), pos))
    return tuple(rows)


@dataclass(frozen=True, slots=True)
class Dated:
    time: Time
    earliest: dt.date
    latest: dt.date
    family: str | None
    people: frozenset[str]
    negated: bool
    sentence: tuple[int, int]


def value_interval(value: str, mod: str | None = None) -> tuple[dt.date, dt.date] | None:
    """The calendar interval of a TIMEX3 DATE value (narrowed by START/MID/END), or None."""
    try:
        return _value_interval(value, mod)
    except ValueError:  # an impossible date written in the text ("February 30, 2023")
        return None


def _value_interval(value: str, mod: str | None) -> tuple[dt.date, dt.date] | None:
    v = value.split("T")[0]
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", v)
    if m:
        y = int(m.group(1))
        if m.group(3):
            d = dt.date(y, int(m.group(2)), int(m.group(3)))
            return d, d
        if m.group(2):
            mo = int(m.group(2))
            lo, hi = dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
            return _narrow(lo, hi, mod, 10)
        return _narrow(dt.date(y, 1, 1), dt.date(y, 12, 31), mod, 122)
    m = re.fullmatch(r"(\d{4})-Q([1-4])", v)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        return dt.date(y, 3 * q - 2, 1), dt.date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
    m = re.fullmatch(r"(\d{4})-H([12])", v)
    if m:
        y, h = int(m.group(1)), int(m.group(2))
        return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if h == 1 else (dt.date(y, 7, 1), dt.date(y, 12, 31))
    m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", v)
    if m:
        monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        if m.group(3):
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
        return monday, monday + dt.timedelta(days=6)
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v)
    if m:
        y = int(m.group(1))
        lo_m = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m.group(2)]
        lo = dt.date(y, lo_m, 1)
        hi = dt.date(y + 1, 2, 28) if lo_m == 12 else dt.date(y, lo_m + 2, calendar.monthrange(y, lo_m + 2)[1])
        return lo, hi
    m = re.fullmatch(r"(\d{3})", v)
    if m:
        return dt.date(int(v) * 10, 1, 1), dt.date(int(v) * 10 + 9, 12, 31)
    return None


def _narrow(lo: dt.date, hi: dt.date, mod: str | None, part: int) -> tuple[dt.date, dt.date]:
    if mod == "START":
        return lo, lo + dt.timedelta(days=part - 1)
    if mod == "END":
        return hi - dt.timedelta(days=part - 1), hi
    if mod == "MID":
        mid = lo + (hi - lo) / 2
        return mid - dt.timedelta(days=part // 2), mid + dt.timedelta(days=part // 2)
    return lo, hi


def _clause(text: str, sent: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    s, e = sent
    for m in CLAUSE_STOP.finditer(text, s, start):
        s = m.end()
    m2 = CLAUSE_STOP.search(text, end, e)
    return s, (m2.start() if m2 else e)


_VERBS = frozenset({"VERB", "AUX"})


def head_path(parse: Parse, span: tuple[int, int]) -> list[int] | None:
    """Token indices from the head of the expression at ``span`` up to its clause's verb (the first verb above
    it, included; the sentence root when there is none), from the dependency parse. None if no token covers it."""
    toks = _tokens_in(parse, span[0], span[1])
    if not toks:
        return None
    inside = {t.i for t in toks}
    head = next((t for t in toks if t.head not in inside or t.head == t.i), toks[-1])
    path = [head.i]
    i = head.i
    while parse.tokens[i].head != i:
        i = parse.tokens[i].head
        path.append(i)
        if parse.tokens[i].pos in _VERBS:
            break
    return path


def _tokens_in(parse: Parse, start: int, end: int) -> list[Token]:
    """The tokens overlapping ``[start, end)`` (a binary search, then only those tokens: not a scan of the text)."""
    return list(takewhile(lambda tk: tk.start < end, islice(parse.tokens, _first_token(parse, start), None)))


def _first_token(parse: Parse, char: int) -> int:
    lo, hi = 0, len(parse.tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if parse.tokens[mid].end <= char:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _attached(parse: Parse, t: Time, start: int, end: int) -> bool:
    """The event word at ``[start, end)`` governs the date: it holds a token of the path from the date up to its
    clause's verb ("got married in 2010", "their wedding in 2012", "gave birth to a son in 2019"), not a verb of
    another clause of the sentence ("Before she got married, she ... drummed up support in 2013")."""
    path = head_path(parse, t.span)
    if path is None:
        return True  # no parse of this stretch: the clause test alone decides
    return any(start <= parse.tokens[i].start < end for i in path[1:])


def _event_of_date(text: str, sent: tuple[int, int], t: Time, durations: list[Time],
                   parse: Parse | None) -> tuple[str, int, int] | None:
    """The event family of the date's clause and where its word is."""
    cs, ce = _clause(text, sent, t.span[0], t.span[1])
    blocked = [(d.span[1], d.span[1] + 40) for d in durations if cs <= d.span[0] < ce]
    best: tuple[int, str, int, int] | None = None
    for family, rx, pos in _lexicon():
        for m in rx.finditer(text, cs, ce):
            if any(b0 <= m.start() < b1 and text[b0:m.start()].strip().lower() in ("of", "of their", "of his",
                                                                                 "of her") for b0, b1 in blocked):
                continue
            if pos == "noun":
                gap = text[m.end():t.span[0]]
                if not re.fullmatch(r"\s+(?:in|on|of|from)\s+(?:the\s+)?", gap):
                    continue
            if parse is not None and not _attached(parse, t, m.start(), m.end()):
                continue
            dist = abs(m.start() - t.span[0])
            if best is None or dist < best[0]:
                best = (dist, family, m.start(), m.end())
    return (best[1], best[2], best[3]) if best else None


# events with one participant: the person they happen to is the one to compare, not everyone the sentence names
ONE_PERSON = frozenset({"birth", "death"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_RELATIVE = frozenset({"who", "that", "which"})
_PERSONAL = frozenset({"he", "she", "him", "her", "his"})


def _subject(parse: Parse, start: int, end: int, entities: list[Entity], sent_people: frozenset[str]
             ) -> frozenset[str]:
    """Who a birth or death at the event word ``[start, end)`` happens to, by the dependency parse: the verb's
    subject ("Freddy, who died in 1981" -> Freddy; "His father died in 1999" -> nobody named), the noun's possessor
    or "of" object ("the death of Freddy Trump"). A personal pronoun is the one person its sentence names, if only
    one; anything else is no one (the event is not compared)."""
    toks = _tokens_in(parse, start, end)
    if not toks:
        return frozenset()
    word = next((tk for tk in toks if tk.pos in _VERBS), toks[-1])
    kids = parse.children(word.i)
    subj = next((tk for tk in kids if tk.dep in _SUBJECTS), None)
    if subj is None:  # "the death of Freddy Trump", "Freddy's death"
        subj = next((tk for tk in kids if tk.dep == "poss"), None)
        of = next((tk for tk in kids if tk.dep == "prep" and tk.lower == "of"), None)
        if subj is None and of is not None:
            subj = next((tk for tk in parse.children(of.i) if tk.dep == "pobj"), None)
    if subj is None:
        return frozenset()
    if subj.lower in _RELATIVE and word.dep == "relcl":
        subj = parse.tokens[word.head]  # "his brother Freddy, who died in 1981": the antecedent
    if subj.lower in _PERSONAL:
        return sent_people if len(sent_people) == 1 else frozenset()
    for e in entities:
        if e.type == "PERSON" and any(a <= subj.start < b for a, b in e.spans):
            return frozenset({e.id})
    return frozenset()


def family_of_duration(text: str, sent: tuple[int, int], t: Time) -> str | None:
    """"11 years of marriage" -> marriage; "married for 11 years" -> marriage."""
    tail = text[t.span[1]: min(sent[1], t.span[1] + 40)]
    lead = re.match(r"\s+of\s+(?:their\s+|his\s+|her\s+|the\s+)?", tail)
    if lead:
        for family, rx, _pos in _lexicon():
            if rx.match(tail, lead.end()):
                return family
    cs, _ce = _clause(text, sent, t.span[0], t.span[1])
    head = text[cs:t.span[0]]
    for family, rx, pos in _lexicon():
        if pos == "verb" and re.search(rx.pattern + r"\s+(?:for\s+)?(?:about\s+|nearly\s+|almost\s+|over\s+)?$",
                                       head, re.I):
            return family
    return None


def people_by_sentence(entities: list[Entity], sents: list[tuple[int, int]]) -> list[frozenset[str]]:
    """PERSON entity ids named in each sentence; an empty sentence inherits the previous one's."""
    import bisect

    starts = [s for s, _ in sents]
    named: list[set[str]] = [set() for _ in sents]
    for e in entities:
        if e.type != "PERSON":
            continue
        for s, _e in e.spans:
            i = bisect.bisect_right(starts, s) - 1
            if i >= 0:
                named[i].add(e.id)
    out: list[frozenset[str]] = []
    for i, ids in enumerate(named):
        out.append(frozenset(ids) if ids or i == 0 else out[i - 1])
    return out


def negated(text: str, sent: tuple[int, int], t: Time) -> bool:
    cs, ce = _clause(text, sent, t.span[0], t.span[1])
    return bool(_NEG.search(text, cs, ce))


def sentences(text: str, parse_sents: list[tuple[int, int]] | None) -> list[tuple[int, int]]:
    """Sentence spans from the parse (or end punctuation), also cut at line breaks (headings)."""
    base = parse_sents
    if not base:
        base, s = [], 0
        for m in re.finditer(r"[.!?][\"”’)]*\s+", text):
            base.append((s, m.end()))
            s = m.end()
        if s < len(text):
            base.append((s, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in base:
        for m in re.finditer(r"[^\n]+", text[s:e]):
            out.append((s + m.start(), s + m.end()))
    return out or [(0, len(text))]


def collect(text: str, times: list[Time], entities: list[Entity], sents: list[tuple[int, int]],
            parse: Parse | None = None) -> list[Dated]:
    """Every DATE/TIME with a calendar interval, with its event family and participants (with ``parse``, an
    event word counts only if the dependency parse attaches the date to it)."""
    import bisect

    starts = [s for s, _ in sents]
    people = people_by_sentence(entities, sents)
    durations = [t for t in times if t.type == "DURATION"]
    out: list[Dated] = []
    for t in times:
        if t.type not in ("DATE", "TIME") or t.mod in ("BEFORE", "AFTER"):
            continue
        span = value_interval(t.value, t.mod)
        if span is None:
            continue
        i = max(0, bisect.bisect_right(starts, t.span[0]) - 1)
        sent = sents[i]
        event = _event_of_date(text, sent, t, durations, parse)
        family = event[0] if event else None
        who = people[i]
        if event is not None and parse is not None and family in ONE_PERSON:
            who = _subject(parse, event[1], event[2], entities, people[i])
        out.append(Dated(time=t, earliest=span[0], latest=span[1], family=family, people=who,
                         negated=negated(text, sent, t), sentence=sent))
    return out
