"""The temporal tagger: find time expressions, resolve them against an anchor, infer the date.

- ``tagger``: rules (regular expressions over the data table ``lexicons/timex_words.tsv``)
  that find expressions and keep the longest non-overlapping ones;
- ``tense``: a cheap tense guess for the clause around an expression;
- ``normalize`` + ``rules``: TIMEX3 type/value/mod against the publication date or, for anaphoric
  expressions ("the following year"), against the nearest earlier resolved date;
- ``pubdate``: the dateline in the text and the inferred publication interval.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from rumormill.timex import tense as _tense
from rumormill.timex.normalize import Anchor, Norm, plain, resolve
from rumormill.timex.rules import PARA_BREAK
from rumormill.timex.tagger import Mention, find

__all__ = ["Anchor", "Mention", "Norm", "Tagged", "anchor_from", "tag"]

_CONCRETE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class Tagged:
    start: int
    end: int
    text: str
    rule: str
    tense: str | None
    norm: Norm


def anchor_from(value: str | None, ref: str = "published") -> Anchor | None:
    """An anchor from an ISO value such as ``2024``, ``2024-01`` or ``2024-01-15`` (None otherwise)."""
    if not value:
        return None
    m = _CONCRETE.match(value)
    if not m:
        return None
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    return Anchor(year=int(m.group(1)), month=month, day=day, ref=ref)


def tag(text: str, published: Anchor | None, mentions: list[Mention] | None = None) -> list[Tagged]:
    """Every time expression in ``text``, resolved (``norm.anchor`` is "published", an index, or None).

    ``mentions`` (from ``find(text)``) can be passed to resolve the same text against a second anchor
    without finding the expressions again.
    """
    out: list[Tagged] = []
    prev: Anchor | None = None
    prev_day: Anchor | None = None  # the last expression resolved to a day ("later in the day" refers to it)
    mentions = find(text) if mentions is None else mentions
    cues = _tense.cues_for(text) if mentions else None
    story: Anchor | None = None  # the last day before the reporting date the text named (``pos``: where)
    last_day: Anchor | None = None  # the last day the text named, whichever side of the reporting date
    dated: dict[str, str] = {}  # "MM-DD" -> the year of the last month-day given with its year
    for m in mentions:
        cue = cues.detail(m.start, m.end) if cues else None
        tense = cue.kind if cue else None
        ref = prev_day if m.rule in _DAY_ANAPHORA and prev is not None and prev.date is None and prev_day else prev
        pub, how = published, ("past!" if cue is not None and cue.sure else tense)  # "past!": no slack ahead
        saying = _saying(m, cue, cues, out, published) if cues is not None and cue is not None else None
        if saying is not None:  # "said on Monday it would report on Thursday": the Thursday after that Monday
            pub, how = saying, "future"
        elif how == "future" and cue is not None and cue.word in _WOULD:
            how = "future~"  # "vowed that Britain would leave the EU on Oct. 31": perhaps a future already past
        norm = resolve(m, text, pub, ref, how)
        if norm is None:
            continue
        if story is not None and cues is not None and published is not None and pub is published:
            told = _told_day(m, norm, tense, text, cues, story, last_day, published, mentions)
            if told is not None:  # "… indicated Tuesday night. 'Marco Rubio won tonight,' Hannity said"
                again = resolve(m, text, told, ref, how)
                if again is not None:
                    norm = replace(again, anaphoric=True)
        if m.rule in ("mdy", "dmy") and _DAY_VALUE.fullmatch(norm.value):
            if _YEAR_IN.search(text, m.start, m.end):
                dated[norm.value[5:]] = norm.value[:4]
            elif dated.get(norm.value[5:], norm.value[:4]) != norm.value[:4] and tense != "future":
                # "On January 23, 2013 she testified … the email of January 23": the day named with its year before
                norm = replace(norm, value=dated[norm.value[5:]] + norm.value[4:], anaphoric=True)
        idx = len(out)
        out.append(Tagged(start=m.start, end=m.end, text=text[m.start:m.end], rule=m.rule, tense=tense, norm=norm))
        if published is not None and published.date is not None and norm.type in ("DATE", "TIME") \
                and norm.mod in _ANCHOR_MODS and _DAY_VALUE.match(norm.value) and not _by_default(m, norm, text) \
                and not norm.anaphoric and not text.startswith(("'s", "’s"), m.end):
            # (the day the text tells about: not one counted from another date, "two days earlier", nor an
            # event named by its day, "Tuesday's news conference")
            a = anchor_from(norm.value, ref=str(idx))
            if a is not None and a.date is not None:
                last_day = replace(a, pos=m.end)
            if a is not None and a.date is not None and a.date < published.date:
                story = replace(a, pos=m.end)
            elif a is not None and a.date == published.date:
                story = None  # the text is back on the reporting day
        # a date with early/mid/late or "about" anchors what follows by its own value ("late 2008 … the
        # following year" -> 2009; "late Tuesday … at 9 p.m." -> that Tuesday); open bounds do not
        if norm.type in ("DATE", "TIME") and norm.mod in _ANCHOR_MODS and not (
                prev is not None and m.rule == "time" and norm.anchor == "published" and not _DAY_WORD.search(text, m.start, m.end)):
            # (a clock time dated by default with the reporting date does not displace the date of a story
            # being told: "On Sept. 11, 2012 … about 9:42 p.m. … that evening")
            a = anchor_from(norm.value, ref=str(idx))
            if a is not None:
                prev = Anchor(year=a.year, month=a.month, day=a.day, ref=a.ref, pos=m.end)
                if prev.date is not None:
                    prev_day = prev
    return _weekday_ranges(text, _time_then_date(text, out), published)


_DAY_ANAPHORA = frozenset({"earlier", "theday", "podtrade"})
_ANCHOR_MODS = frozenset({None, "START", "MID", "END", "APPROX"})
_DAY_WORD = re.compile(r"(?i)day\b|today|tomorrow|yesterday|tonight")
_SAYING_RULES = frozenset({"month", "mdy", "dmy", "weekday", "modmon", "holiday"})


def _saying(m: Mention, cue: _tense.Cue, cues: _tense.Cues, out: list[Tagged],
            published: Anchor | None) -> Anchor | None:
    """The date of the saying when ``m`` is reported speech in the future of the past.

    "The company said in November that it would close the plant in February": "would" puts February after
    the saying (November, a past date before the reporting date in the same sentence, before "would"), not
    after the reporting date. Without a dated saying the reporting date is the saying ("said it would").
    """
    if cue.kind != "future" or cue.word not in ("would", "'d", "’d") or not 0 <= cue.pos < m.start \
            or m.rule not in _SAYING_RULES or published is None:
        return None
    s, _e = cues.sentence(m.start)
    for t in reversed(out):
        if t.start < s:
            return None
        if t.end > cue.pos or t.tense != "past" or t.norm.type not in ("DATE", "TIME") or t.norm.mod not in _ANCHOR_MODS:
            continue
        a = anchor_from(t.norm.value, ref=str(out.index(t)))
        if a is None or a.month is None or (m.rule == "weekday" and a.date is None):
            return None
        said = (a.year, a.month, a.day or 0)
        if said > (published.year, published.month or 12, published.day or 31):
            return None
        return a
    return None


_WOULD = frozenset(["would", "'d", "’d"])
_WEEKDAY_WORD = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day")
_SAYS_NOW = re.compile(r"\b(?:says|tells|adds|writes|explains|insists|argues|notes)\b")
_STORY_REACH = 1500  # how far (characters) a clock time may stand from the day the text last named


def _by_default(m: Mention, norm: Norm, text: str) -> bool:
    """A clock time that got the reporting date only because it names no day ("at 9:30 p.m.")."""
    return (m.rule == "time" and norm.anchor == "published" and not _DAY_WORD.search(text, m.start, m.end)
            and not _WEEKDAY_WORD.search(text, m.start, m.end))


def _told_day(m: Mention, norm: Norm, tense: str | None, text: str, cues: _tense.Cues, story: Anchor,
              last_day: Anchor | None, published: Anchor, mentions: list[Mention]) -> Anchor | None:
    """The day being told about when ``m`` was placed on the reporting date but belongs to that day.

    - "today", "tonight", "this morning" in a quotation count from the day of the saying: the day the text
      named last (outside quotation marks: a speaker's own "yesterday" does not date a saying), in the paragraph
      of the quotation or the one before, if it is in the week before the reporting date ("Hannity indicated Tuesday night … 'Marco Rubio won tonight,' Hannity said" -> Tuesday night),
      unless the attribution dates the saying itself or speaks in the present ("… today,' she said on
      Wednesday", "… today,' he says"), or the text named a day on or after the reporting date since;
    - a clock time without a day in a past clause is on the day the text last named before the reporting date
      ("declared the winner early Tuesday night … Only Connecticut remained uncalled as votes were counted by
      9:30 p.m." written on Wednesday -> Tuesday).
    """
    if story.pos is None or story.pos > m.start or norm.anchor != "published" or not _DAY_VALUE.match(norm.value) \
            or published.date is None:
        return None
    if m.rule == "deictic":
        if (m.groups.get("this") or "").lower() == "that":
            return None
        q = cues.quote_at(m.start)
        if q is None or last_day != story or cues.quote_at(story.pos - 1) is not None or story.pos > q[0] or len(PARA_BREAK.findall(text, story.pos, q[0])) > 1 \
                or story.date is None or (published.date - story.date).days > 7:
            return None
        s, _e = cues.sentence(q[0])
        _s, e = cues.sentence(max(q[0], q[1] - 1))
        if _SAYS_NOW.search(text, s, q[0]) or _SAYS_NOW.search(text, q[1], max(q[1], e)):
            return None
        if any(q[1] <= o.start < e and cues.quote_at(o.start) is None for o in mentions):
            return None  # '"…today," its chairman said on Wednesday': the saying has its own date
        return story
    if any(o.start >= m.end and _TIME_DATE_GAP.fullmatch(text, m.end, o.start) for o in mentions):
        return None  # "at 6:30 a.m. on March 19, 2002": the date after it (see ``_time_then_date``)
    if m.rule == "time" and _by_default(m, norm, text) and plain(tense) == "past" \
            and norm.value.startswith(published.date.isoformat()) \
            and m.start - story.pos <= _STORY_REACH:
        return story
    return None


_TIME_DATE_GAP = re.compile(r"\s*(?:local\s+time\b)?\s*(?:,|\bon\b)?\s*")
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_IN = re.compile(r"\b\d{4}\b")


_RANGE_GAP = re.compile(r"\s*(?:through|thru|to|until|till|[-–—])\s*", re.I)


def _weekday_ranges(text: str, out: list[Tagged], published: Anchor | None) -> list[Tagged]:
    """"starting Sunday through Tuesday": two weekdays resolved so that the range runs backwards are put a week
    closer together the way the tense says (future: the end a week later; past: the start a week earlier; otherwise
    the pair nearer the reporting date)."""
    if published is None or published.date is None:
        return out
    pub = published.date
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.rule != "weekday" or b.rule != "weekday" or _RANGE_GAP.fullmatch(text, a.end, b.start) is None:
            continue
        da, db = _day_of(a.norm.value), _day_of(b.norm.value)
        if da is None or db is None or da <= db:
            continue
        week = dt.timedelta(days=7)
        back = max(abs((da - week - pub).days), abs((db - pub).days))  # the start a week earlier
        ahead = max(abs((da - pub).days), abs((db + week - pub).days))  # the end a week later
        tense = plain(a.tense or b.tense)
        if tense == "future" or (tense != "past" and ahead < back):
            if da <= db + week:
                out[i + 1] = replace(b, norm=replace(b.norm, value=(db + week).isoformat()))
        elif da - week <= db:
            out[i] = replace(a, norm=replace(a.norm, value=(da - week).isoformat()))
    return out


def _day_of(value: str) -> dt.date | None:
    if not _DAY_VALUE.fullmatch(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _time_then_date(text: str, out: list[Tagged]) -> list[Tagged]:
    """"at 16:15 UTC, June 1st" / "at 9 a.m. on March 3": the clock time takes the date right after it."""
    for i in range(len(out) - 1):
        t, nxt = out[i], out[i + 1]
        if (t.norm.type != "TIME" or t.norm.anchor != "published" or nxt.norm.type != "DATE"
                or not _DAY_VALUE.fullmatch(nxt.norm.value) or "T" not in t.norm.value
                or _TIME_DATE_GAP.fullmatch(text, t.end, nxt.start) is None):
            continue
        clock = t.norm.value[t.norm.value.index("T"):]
        norm = replace(t.norm, value=nxt.norm.value + clock, anchor=str(i + 1), anaphoric=False)
        out[i] = replace(t, norm=norm)
    return out
