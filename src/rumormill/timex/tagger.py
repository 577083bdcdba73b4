"""Finding temporal expressions: a small ordered set of regular-expression rules.

Every rule is a compiled pattern with named groups; the words it knows come from the data
table ``lexicons/timex_words.tsv`` (months, weekdays, number words, units, seasons, modifiers).
``find(text)`` runs every rule over the whole text, drops candidates that fail their context
guards (a year followed by "people", "May" the modal, "25-year-old" ages) and keeps the longest
non-overlapping matches, leftmost first. Extents follow TimeML: prepositions stay outside
("in 2012" -> "2012"), determiners and modifiers inside ("the end of last year").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from rumormill.lexicons import load_table


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    rule: str
    groups: dict[str, str]  # named groups that matched (non-empty only)


@cache
def vocab() -> dict[str, dict[str, str]]:
    """``kind -> {word (lower-cased): value}`` from ``lexicons/timex_words.tsv``."""
    out: dict[str, dict[str, str]] = {}
    for kind, word, value in load_table("timex_words.tsv"):
        out.setdefault(kind, {})[word.lower()] = value
    return out


def holidays_names() -> list[str]:
    return [name for name, _ in load_table("timex_holidays.tsv")]


@cache
def holidays() -> dict[str, str]:
    """``name (lower-cased, straight apostrophes) -> rule`` from ``lexicons/timex_holidays.tsv``."""
    return {holiday_key(name): rule for name, rule in load_table("timex_holidays.tsv")}


def holiday_key(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("’", "'").lower())


def _holiday_alt() -> str:
    """Case-sensitive alternation of the holiday names, either apostrophe."""
    names = sorted(holidays_names(), key=len, reverse=True)
    return "(?-i:" + "|".join(re.escape(n).replace(r"\ ", r"\s+").replace("'", "['’]") for n in names) + ")"


def _alt(words: object) -> str:
    items = sorted(words, key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def _cap(words: object) -> str:
    """Case-sensitive alternation of capitalised words (inside a case-insensitive pattern)."""
    def cap(phrase: str) -> str:  # "christmas eve" -> "Christmas Eve", "the fourth of july" -> "the Fourth of July"
        return " ".join(w if w in _SMALL_WORDS else w[:1].upper() + w[1:] for w in phrase.split(" "))

    return "(?-i:" + _alt(cap(w) for w in words) + ")"  # type: ignore[attr-defined]


_SMALL_WORDS = frozenset({"the", "of", "and", "a"})
_LAST_VERB_BEFORE = ("will", "would", "could", "can", "may", "might", "must", "shall", "should", "to", "did", "does",
                     "do", "not", "never", "only", "still", "also", "probably", "likely", "easily", "it", "they",
                     "which", "who", "that")


@cache
def _rules() -> list[tuple[str, re.Pattern[str]]]:
    v = vocab()
    months = v["month"]
    full = [m for m in months if len(m) > 4 or m in ("may", "june", "july")]
    abbr = [m for m in months if m not in full]
    MON = rf"(?P<mon>{_cap(full)}|(?:{_cap(abbr)})\.?)"
    MONFULL = rf"(?P<mon>{_cap(full)})"
    DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
    YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)(?![\d,]\d|\s*%)"
    WD = rf"(?P<wd>{_cap(v['weekday'])})"
    # a weekday with its date after it ("6:38 p.m. on Saturday, May 18"): the time is on that date; the weekday
    # and the date are one expression of their own
    WD_NO_DATE = rf"(?!,?\s+(?:{_cap(full)}|(?:{_cap(abbr)})\.?)\s+\d)"
    SEASON = rf"(?P<season>{_alt(v['season'])})"
    POD = rf"(?P<pod>{_alt(v['partofday'])})"
    PODOF = r"(?:the\s+(?P<podof>morning|afternoon|evening|night)\s+of\s+)?"
    numw = [w for w in v["number"] if w not in ("a", "an", "a single")]
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    units1 = "one|two|three|four|five|six|seven|eight|nine"
    NUMBARE = (rf"(?:\d+(?:-|\s)1/2(?!\d)|\d+\s?½|\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|(?:{tens})[-\s](?:{units1})|{_alt(numw)}|a\s+single(?=\s)|an?)"
               r"(?:[-\s]+and[-\s]+a[-\s]+half)?")
    NUM = rf"(?P<num>{NUMBARE})"
    VAGUE = rf"(?P<vague>{_alt(v['vague'])})"
    UNIT = r"(?P<unit>second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|century|centurie)"
    UNITS = UNIT + r"s?"
    MODPRE = rf"(?:(?P<pmod>{_alt(k for k, x in v['mod'].items() if x not in ('START', 'MID', 'END'))})\s+)"
    POSMOD = r"(?P<smod>early|mid|late|the\s+(?:very\s+)?(?:beginning|start|end|middle|close|early\s+part|latter\s+part)\s+of)"
    REL = r"(?P<rel>last|next|this|coming|past|previous|current|following|upcoming)"
    # the verb "last" ("would last four years", "expected to last six months", "won't last"): not the modifier
    LAST = r"(?=last\b)" + "".join(rf"(?<!\b{w}\s)" for w in _LAST_VERB_BEFORE) + r"(?<!['’]ll\s)(?<!n['’]t\s)last"
    DEICTIC = r"(?P<deic>today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)"
    relunit = rf"(?:(?:the\s+(?=(?:following|previous)\b))?{REL}\s+(?:{UNIT}|{SEASON}|{MONFULL})|the\s+(?P<thewhat>year|month|week|decade|day)|{YEAR})"
    rules: list[tuple[str, str]] = [
        # "2013-03-22", "2013-03-22T09:30"; "2018.04.05" (not a longer dotted number)
        ("iso", r"\b(?P<year>(?:1[6-9]|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>[0-3]\d)"
                r"(?:T(?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d))?\b"
                r"|\b(?P<dyear>(?:1[6-9]|20)\d\d)\.(?P<dmonth>0[1-9]|1[0-2])\.(?P<dday>[0-3]\d)\b(?!\.\d)"),
        ("slash", r"(?<![\d/])(?P<month>0?[1-9]|1[0-2])/(?P<day>[0-3]?\d)/(?P<year>\d{4}|\d\d)(?![\d/])"),
        # "the night of March 5": a part of that day (TIME)
        ("mdy", rf"{PODOF}(?:{WD},?\s+)?\b{MON}(?:\s+|(?<=\.)){DAY}(?:\s*,?\s*(?:of\s+)?{YEAR})?"),
        ("dmy", rf"{PODOF}(?:{WD},?\s+)?(?:the\s+)?\b{DAY}(?:\s+of)?\s+{MON}(?:\s*,?\s*{YEAR})?"),
        ("my", rf"\b(?:{POSMOD}[-\s]+)?{MON},?\s+(?:of\s+)?{YEAR}"),
        ("monrel", rf"\b(?:{POSMOD}[-\s]+)?{MONFULL},?\s+(?:of\s+)?(?P<rel>last|this|next|the\s+following|the\s+previous)"
                   r"\s+year\b"),
        ("modrel", rf"(?:(?P<ee>earlier|later)\s+|{POSMOD}[-\s]+){relunit}"),
        ("modmon", rf"\b{POSMOD}[-\s]+{MONFULL}"),
        ("earlier", r"(?P<ee>earlier|later)\s+(?P<rel>this|that|in\s+the)\s+(?P<unit>year|month|week|day)"
                    r"|(?P<ee3>late)\s+(?P<rel3>in\s+the)\s+(?P<unit3>day|week)\b"
                    r"|(?P<ee2>earlier|later)\s+(?P<deic>today|tonight)"),
        ("quarter", r"(?:the\s+)?(?P<ord>first|second|third|fourth|final|last)[-\s]+(?P<qh>quarter|half)"
                    rf"(?:\s+of\s+(?:(?P<fy>fiscal[-\s]+(?:year\s+)?)?{YEAR}|(?P<rel>last|this|next)\s+year|the\s+year"
                    r"|(?:the\s+)?(?P<fyq>(?:current\s+)?fiscal\s+year)))?"
                    r"|\bQ(?P<q>[1-4])(?:\s+(?P<qyear>(?:19|20)\d\d))?\b(?![-/.]\w)"
                    # "the September quarter": the quarter that ends (or lies) in that month
                    rf"|(?:the\s+)?{MONFULL}\s+quarter\b"
                    # "the first six months of the year" = H1, "the last three months of last year" = Q4 of the year
                    # before ("… of 2015" stays a duration and the year: the publication-date inference reads
                    # "the last three months of" before a year as a sign that the year is over)
                    r"|(?:the\s+)?(?P<mord>first|last|final)\s+(?P<mn>three|six|3|6)\s+months\s+of\s+"
                    r"(?:(?P<mrel>last|this|next)\s+year|the\s+(?:current\s+)?year\b)"),
        # "the 14th century", "the early 18th century", "the mid-19th century" (not "the fifth century BC")
        ("century", rf"(?:the\s+)?(?:(?P<smod>early|mid|late)[-\s]+)?"
                    rf"(?:\b(?P<cent>[1-9]|1\d|2[01])(?:st|nd|rd|th)|(?P<centw>{_alt(v['centuryword'])}))[-\s]+century\b"
                    r"(?!\s+(?:BC|B\.C\.|BCE|B\.C\.E\.)(?!\w))"),
        ("decade", r"(?:(?:the\s+)?(?:(?P<smod>early|mid|late)[-\s]+)?\b(?P<dec>(?:1[6-9]|20)\d|(?<=the\s)1[1-5]\d)0(?:s|['’]s)\b)"
                   r"|(?:the\s+)?(?:(?P<smod2>early|mid|late)[-\s]+)?(?:['’]|(?<=the\s)|(?<=the\searly\s)|(?<=the\slate\s)|(?<=0s\sand\s)|(?<=0s\sor\s)|(?<=0s\sto\s))(?P<dec2>\d)0s\b"
                   rf"|\bthe\s+(?:(?P<smod3>early|mid|late)[-\s]+)?(?P<decw>{_alt(v['decadeword'])})\b"),
        ("year", rf"(?:(?:{POSMOD})[-\s]+)?(?:the\s+year\s+)?(?<![\w$£€#.])(?<![A-Za-z]-){YEAR}(?!\w|-[A-Za-z])"
                 r"|(?P<pre>\b(?:in|of|since|until|by|from|to)\s+)['’](?P<yy>\d\d)\b"),
        ("season", rf"(?:(?:this\s+(?=past\b))?(?P<rel>last|next|this|past|coming)\s+|(?P<arel>(?:the\s+)?(?:following|previous))\s+|(?P<the>the)\s+|(?P<pre>\b(?:in|during|since|until|by)\s+)"
                   rf"|{POSMOD}[-\s]+)?\b{SEASON}\b(?:\s+(?:of\s+)?{YEAR})?"),
        ("weekday", rf"(?:(?P<smod>early|late)\s+|(?<!days\s)(?<!weeks\s)(?<!months\s)(?<!years\s)(?<!hours\s)(?P<eewd>earlier|later)\s+)?(?:(?P<rel>last|next|this|coming|past)\s+|(?P<arel>the\s+(?:following|previous))\s+)?"
                    rf"\b{WD}(?:\s+{POD})?\b"),
        ("month", rf"(?:(?P<rel>last|next|this|coming|past)\s+)?\b{MONFULL}\b"),
        ("relunit", rf"(?:the\s+|that\s+(?=same\b)|(?P<thispast>this\s+)(?=past\b))?(?P<rel>last|next|this|coming|past|previous|following|current|same|"
                    rf"upcoming|prior)\s+{UNIT}\b"),
        ("sameperiod", r"\bthe\s+same\s+(?P<sunit>month|quarter|week|day|period|time)\s+(?:of\s+)?"
                        r"(?:a\s+year\s+(?:ago|earlier|before)|last\s+year|the\s+(?:previous|prior)\s+year)\b"),
        ("dom", r"(?P<pre>\b(?:on|by|until|since|from)\s+)the\s+(?P<dom>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b"
                r"(?![-\s]+(?:of|century|anniversary|birthday|floor|time|place|row|round|day|week|year|edition|"
                r"annual|consecutive|straight|minute|hour|season|episode|game|inning|hole|lap|percent|%)\b)"),
        ("theday", r"(?<![Bb]ack\sin\s)\b(?P<theday>the\s+(?:same\s+)?day|that\s+day|the\s+weekend|that\s+time|that\s+date"
                   r"|the\s+(?:entire|whole|full)\s+year)\b(?!\s+(?:of|before|after|when|that)\b)"),
        # "for a second consecutive day", "fourth week in a row": the current such unit
        ("nthrow", r"(?:(?:a|the)\s+)?(?P<ord>second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                   r"[1-9]\d?(?:st|nd|rd|th))\s+(?:(?P<cons>consecutive|straight|successive)\s+)?"
                   r"(?P<unit>day|week|month|year|quarter|session)\b(?(cons)|(?=\s+in\s+a\s+row\b))"),
        # "in morning trading", "in late afternoon trade": that part of the day being reported
        ("podtrade", rf"(?P<pre>\bin\s+(?:early\s+|late\s+)?){POD}(?=\s+(?:trading|trade|deals|dealings)\b)"),
        # "spent the night at the Vatican", "In the morning, lawmakers grilled …", "debated earlier in the evening":
        # that part of the day just named (or of the reporting date); not "the morning shows", "the night of …"
        ("thepod", r"(?P<pre>\b(?:[Ii]n|[Dd]uring|[Tt]hrough|[Tt]hroughout|into|spent|[Oo]n)\s+)the\s+"
                   r"(?P<pod>morning|afternoon|evening|night)\b(?![-'’]|\s+(?:of|before|after|when|that|shows?|news|"
                   r"sessions?|papers?|editions?|programs?|line|star|shift|hours?|sky|air|owl|life|club|[a-z]+ing)\b)"),
        # "founded in 2009, and sales doubled during the year": that year (kept only after a date in the sentence)
        ("theyear", r"(?P<pre>\b(?:during|for|throughout|over|in)\s+)the\s+year\b(?![-'’]|\s+(?:before|after|ago|"
                    r"earlier|later|when|that|since|of|to|previous|prior|in|ended|ending|through|until|\d)\b)"),
        # "the biggest cases of the year": the current year, or (after a date in the sentence) that date's year;
        # not "the busiest day of the year", "the best time of the year" (a generic part of any year)
        ("modrel", r"(?P<pre>\b(?:biggest|largest|best|worst|highest|lowest|greatest|strongest|weakest|smallest|"
                   r"hottest|coldest|warmest|longest|shortest|deadliest|costliest|fastest|slowest|sharpest|steepest|"
                   r"heaviest|top|(?:most|least)\s+[a-z]+)\s+(?:(?!(?:days?|nights?|weeks?|weekends?|months?|quarters?|"
                   r"half|halves|times?|seasons?|periods?|moments?|hours?|of)\b)[a-z][a-z-]*\s+){0,3}of\s+)"
                   r"the\s+(?P<thewhat>(?-i:year))\b(?![-'’]|\s+(?:before|after|ago|earlier|later|when|that|since|"
                   r"to|in|ended|ending|\d)\b)"),
        # "the year previous", "the day before." (anaphoric; not "the year before the war")
        ("yearprev", r"\bthe\s+(?P<unit>year|month|week|day)\s+(?P<rel>previous|before|prior|earlier)(?=\s*[.,;:)]|$)"),
        # "by year-end", "at the year's end", "quarter-end": the end of the current (or, in a past clause, last) one
        ("yearend", r"\b(?P<unit>year|quarter|month)[-\s]end\b|(?:the\s+)?(?P<unit2>year|month)['’]s\s+end\b"),
        # "the last week of March": that ISO week
        ("weekof", rf"(?:the\s+)?(?P<ord>first|second|third|fourth|last|final)\s+week\s+(?:of|in)\s+{MONFULL}"
                   rf"(?:\s*,?\s*{YEAR})?"),
        # "the year-earlier period", "year-ago levels": the unit before the reporting date
        ("yearago", r"\b(?P<unit>year|month|quarter|week|day)-(?:earlier|ago)\b(?=\s+[a-z])"),
        # "between 60 and 90 days": the first number takes the unit of the second
        ("numrange", rf"(?P<pre>\b(?:between|from)\s+){NUM}(?=\s+(?:and|to)\s+{NUMBARE}(?:\s+|-){UNITS}\b)"),
        ("deictic", rf"(?:(?P<smod>early|late)\s+)?{DEICTIC}(?:\s+{POD})?|(?P<this>this|that)\s+{POD.replace('<pod>', '<pod2>')}"
                    # "the following morning", "the next evening", "the same afternoon": a part of the day after
                    # (before, the same as) the day just named
                    r"|(?P<podrel>the\s+(?:following|next|previous|same)|that\s+same)\s+(?P<pod3>morning|afternoon|evening)\b"),
        # "a few years earlier", "weeks ago", "years later": an unknown number of units back or on (PAST_REF,
        # FUTURE_REF as in TimeBank)
        ("ago", r"(?P<longago>(?:a\s+)?long\s+time|long)\s+ago\b"
                rf"|(?P<fewago>{_alt(v['vague'])}|(?:a\s+)?couple(?:\s+of)?)\s+{UNIT.replace('<unit>', '<unitago>')}s"
                r"\s+(?P<fewdir>ago|earlier|later)\b"
                rf"|(?<!\w-)(?<!\bthese\s)(?<!\bthose\s)\b{UNIT.replace('<unit>', '<unitbare>')}s\s+(?P<baredir>ago|earlier|later)\b"
                rf"|{MODPRE}?{NUM}\s+(?:more\s+)?{UNITS}\s+(?:(?P<dir>ago|earlier|later|from\s+now|hence)\b"
                r"|(?P<dir2>before|after|prior)(?=\s*[.,;:)]|$))"),
        ("time", r"(?:(?P<tapx>about|around|approximately|roughly)\s+)?(?:"
                 r"\b(?P<hh>[01]?\d|2[0-3])(?:[:.](?P<mm>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b)"
                 r"(?:\s+(?P<tz>UTC|GMT|[ECMP][SD]T|BST|CET|(?-i:[ECMP]T))\b)?"
                 rf"(?:\s+(?:on\s+)?(?:{WD.replace('<wd>', '<twd>')}|(?P<tdeic>today|yesterday|tomorrow))\b{WD_NO_DATE})?"
                 r"|\b(?P<hh2>[01]?\d|2[0-3]):(?P<mm2>[0-5]\d)(?:\s+(?P<tz2>UTC|GMT|[ECMP][SD]T|BST|CET)\b)?"
                 rf"(?:\s+(?:on\s+)?(?:{WD.replace('<wd>', '<twd3>')}|(?P<tdeic3>today|yesterday|tomorrow))\b{WD_NO_DATE})?"
                 r"|\b(?P<hh3>[01]\d|2[0-3])(?P<mm3>[0-5]\d)\s+(?P<tz3>UTC|GMT|hours)\b"
                 # "three o'clock in the afternoon", "10 o'clock on Tuesday"
                 r"|\b(?P<hh5>1[0-2]|[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o['’]clock\b"
                 r"(?:\s+(?P<opod>in\s+the\s+(?:morning|afternoon|evening)|at\s+night))?"
                 rf"(?:\s+(?:on\s+)?(?:{WD.replace('<wd>', '<twd5>')}|(?P<tdeic5>today|yesterday|tomorrow))\b{WD_NO_DATE})?"
                 rf"|\b(?P<noon>noon|midnight|midday)\b(?:\s+(?:on\s+)?(?:{WD.replace('<wd>', '<twd2>')}|(?P<tdeic2>today|yesterday|tomorrow))\b{WD_NO_DATE})?)"),
        ("duration", rf"(?:(?:the\s+)?(?P<rel>past|{LAST}|next|previous|first|coming|following|final)\s+"
                     rf"|the\s+(?=(?:{NUMBARE})\s+{UNITS.replace('(?P<unit>', '(?:')}\b))?"
                     rf"{MODPRE}?{NUM}(?:\s+|-)(?:(?:more|full|straight|consecutive|trading|business|long|extra|"
                     rf"additional)[-\s]+)?"
                     rf"{UNITS}\b(?![-\s]+olds?\b)(?:-long\b|(?P<plus>-plus\b))?(?P<andhalf>\s+and\s+a\s+half\b)?"
                     r"(?P<ormod>\s+or\s+(?:more|longer|so|less)\b)?"),
        # "an extra week", "the additional week", "another year", "a further two months": units added to others
        ("duration", rf"(?P<addl>(?:an?|the)\s+(?:extra|additional|further)|another)\s+(?:{NUM}\s+)?{UNITS}\b"
                     r"(?![-\s]+olds?\b|-)"),
        # "all day", "campaigned all month": one whole unit (not "all day-care centers")
        ("duration", r"(?<![-\w])(?P<all>[Aa]ll)\s+(?P<allunit>day|week|month|year|night)\b(?![-'’])"),
        # a game clock: "with 3:08 to play", "1:24 left" (minutes and seconds, not a time of day)
        ("gameclock", r"\b(?P<clockm>\d{1,2}):(?P<clocks>[0-5]\d)(?=\s+(?:to\s+play|to\s+go|left|remaining)\b)"),
        # "a 30 min walk", "2 hrs": abbreviated clock units after a number
        ("duration", r"(?P<num>\d+(?:\.\d+)?)\s*(?P<abbr>mins?|hrs?|secs?)\b(?!\.\w)"),
        # "a weeklong festival", "the yearlong inquiry": one unit
        ("duration", r"\b(?P<longunit>hour|day|week|month|year)long\b"),
        # "the last year-plus", "the past month-plus": more than one such unit (no number written)
        ("duration", rf"(?:the\s+)?(?P<rel>past|{LAST}|previous)\s+{UNIT}(?P<plus>-plus)\b"),
        ("vaguedur", rf"(?:(?:the\s+)?(?P<rel>past|{LAST}|next|coming)\s+)?{VAGUE}\s+(?:more\s+)?{UNIT}s\b(?![-\s]+olds?\b)"
                     # "a multiyear contract", "a multi-week tour": an unknown number of units
                     r"|\bmulti-?(?P<unitm>day|week|month|year|decade)\b(?!-old)"
                     rf"|(?P<recent>recent\s+{UNIT.replace('<unit>', '<unitr>')}s)\b"
                     rf"|(?<![Bb]ack\s)(?P<pre>\b(?:for|within|in|over|after|take|takes|took|taken|taking|spend|spends|spent|spending|"
                     rf"(?-i:a)\s+matter\s+of|(?:go(?:es|ing)?|dat(?:e|es|ing|ed)|stretch(?:es|ing|ed)?|reach(?:es|ing|ed)?)\s+back(?=\s+\w+s\b(?!\s+(?:later|earlier|ago|before|after)\b)))"
                     rf"\s+(?:just\s+|only\s+|mere\s+)?)(?P<bare>(?:the\s+)?{UNIT.replace('<unit>', '<unitb>')}s"
                     r"(?:\s+since(?=\s*[.,;:!?)\"”]|\s*$))?)\b"
                     # "weeks before the vote", "hours before the start": an unknown number of units before/after an
                     # event (not after a number, a determiner or an adjective: "two weeks before" is a duration rule's)
                     rf"|(?<![\w-])(?P<bareb>(?:seconds|minutes|hours|days|weeks|months|years|decades))(?=\s+(?:before|after|ahead\s+of)\b)"
                     # "has only weeks to make its case", "just days left": an unknown, small number of units
                     r"|(?:(?<=\bonly\s)|(?<=\bjust\s)|(?<=\bmere\s))(?P<bareo>hours|days|weeks|months)\b"
                     r"(?=\s+(?:to|left|away|before|after|later|earlier|ago|remain|remaining)\b)"
                     # "the days and weeks after": the second unit of a pair
                     rf"|(?:(?<=days\sand\s)|(?<=days\sor\s))(?P<baresec>weeks|months)\b"
                     # "the closing days of the race", "the final weeks", "the years since", "her years as secretary"
                     rf"|(?P<closing>(?:the\s+)?(?:closing|final|waning|dying)\s+{UNIT.replace('<unit>', '<unitk>')}s)\b"
                     rf"|(?P<since>the\s+{UNIT.replace('<unit>', '<units>')}s\s+since)(?=\s*[.,;:!?)\"”]|\s*$)"
                     rf"|(?P<poss>(?-i:[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Oo]ur|[Yy]our)\s+(?:years|days))(?=\s+(?:as|at)\s)"
                     r"|(?P<long>a\s+long\s+(?:time|while))"
                     rf"|(?P<comingx>the\s+(?:coming|next|past|last)\s+{UNIT.replace('<unit>', '<unitc>')}s)\b"
                     r"|(?P<units2>decades|years)-long"
                     # "years of talks", "decades in the making": an unknown number of units
                     # "weeks-long", "months-long" (a weeks-long strike): an unknown number of units
                     r"|\b(?P<unitof>years|months|weeks|decades|days|hours|minutes)(?:-long\b|(?=\s+in\s+the\s+making\b|"
                     + _OF_NOUN.pattern[1:] + "))"),
        ("set", rf"(?P<every>each\s+and\s+every|every\s+single|every|each|per)\s+(?:(?P<other>other)\s+)?(?:{UNIT}|{WD}|{SEASON}|{POD})\b"
                rf"|every\s+(?P<enum>{NUMBARE})\s+{UNIT.replace('<unit>', '<unitn>')}s\b"
                rf"|\b(?P<wds>{_cap(v['weekday'])})s\b"
                rf"|(?P<freq>once|twice|(?:{NUMBARE})\s+(?:times|days|nights|hours|evenings|mornings))\s+(?:a|an|per)\s+"
                rf"{UNIT.replace('<unit>', '<unitf>')}\b"
                rf"|\b(?P<adj>(?-i:{_alt(v['set_adj'])}))\b"),
        # "at present", "at the moment", "for the moment": the preposition is needed but stays outside the extent (TimeML)
        ("ref", rf"\b(?P<ref>{_alt(w for w in v['ref'] if not w.startswith(('at ', 'for ')))})\b(?![-‐])"
                rf"|(?P<pre>\b(?:at|for)\s+)(?P<refat>{_alt(w.split(' ', 1)[1] for w in v['ref'] if w.startswith(('at ', 'for ')))})"
                r"\b(?![-‐])(?!\s+(?:last|next|of|tomorrow|yesterday|a\s+year|in\s+history)\b)"
                # "in future" (British, no article): the future (not "in future years")
                r"|(?<=\b[Ii]n\s)(?P<infuture>future)\b(?!\s+[a-z])"
                # "back in the day(s)": the past (not "back in the days of the empire")
                r"|(?<=\b[Bb]ack\sin\s)(?P<backday>the\s+days?)\b(?!\s+(?:of|when|before|after|that)\b)"
                # the adjectives "recent"/"current" before a noun ("the recent downturn", "the current state");
                # not "most recent model", "five current models", "recent years" (a vague duration)
                r"|(?<!\bmost\s)(?<!\bmore\s)\b(?P<adjref>recent|current)\b(?=\s+[a-z])"
                r"(?!\s+(?:years|months|weeks|days|decades|account|affairs|events|issue|issues)\b)"),
        ("holiday", rf"(?:(?P<rel>last|next|this|coming|past)\s+)?\b(?P<hol>{_holiday_alt()})\b(?P<hwe>\s+weekend\b)?"
                    rf"(?:\s+(?:of\s+)?{YEAR})?"),
        # fiscal years (TimeML "FY2013"): "fiscal 2013", "fiscal year 2013", "FY2013", "FY 13", "the 2013 fiscal
        # year", "the/last/next/current fiscal year"
        ("fiscal", rf"\b(?:fiscal[-\s]+(?:year\s+)?|financial\s+year\s+){YEAR}"
                   rf"|\b(?-i:FY)\s?(?:{YEAR.replace('<year>', '<year2>')}|['’]?(?P<yy>\d\d)\b)"
                   rf"|(?:the\s+)?{YEAR.replace('<year>', '<year3>')}\s+(?:fiscal|financial)\s+year\b"
                   rf"|(?:{POSMOD}\s+)?"  # "the very beginning of the financial year"
                   r"(?:the\s+(?:(?P<rel>last|next|this|current|previous|past|coming|following|prior|new)\s+)?"
                   r"|(?P<rel2>last|next|this)\s+)(?:fiscal|financial)\s+year\b(?!\s+(?:19|20)\d\d)"),
    ]
    # every expression starts at a word start: failing fast mid-word keeps the scan cheap
    return [(name, re.compile(rf"(?<![\w'’])(?=[\w'’])(?:{pat})", re.I)) for name, pat in rules]


_YEAR_NOUN_AFTER = re.compile(
    r"^\s*(?:%|percent|per\s+cent|people|persons|employees|workers|jobs|units|votes|cars|vehicles|miles|"
    r"km|kilometres|kilometers|feet|foot|meters|metres|pounds|tons|tonnes|dollars|euros|points|members|"
    r"students|seats|words|pages|homes|houses|acres|troops|soldiers|deaths|cases|barrels|shares|"
    r"passengers|aircraft|planes|copies|calories|hours|minutes|square|times)\b",
    re.I,
)
_YEAR_BEFORE = re.compile(r"(?:\bNo\.?|\bnumber|\bflight|\broute|\broom|\bmodel|\$|£|€|#|\bpage|\bp\.)\s*$", re.I)
_MAY_OK_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|early|late|mid|last|next|this|of|through|during|from|to|before|after|"
    r"throughout|and|or|between|that|each|every)\s+|-)$",
    re.I,
)
_NOT_NAME_BEFORE = re.compile(r"\b(?:In|Since|Until|Till|By|Early|Late|Mid|Last|Next|This|Through|From|Before|After|"
                              r"During|Of|On|Each|Every|Between|And|Or|To|Around|About|Only|Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)"
                              r"(?:day)?\s+$")
_MARCH_VERB_AFTER = re.compile(r"^\s+(?:on|to|through|into|against|in|past)\b", re.I)
_CAPWORD_AFTER = re.compile(r"^[ \t]+(?!(?:I|The|A|An|In|On|At|But|And|As)\b)[A-Z][a-z]")
_SEASON_VERB = re.compile(r"^(?:fall|spring)$", re.I)
_NAME_BEFORE = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][A-Za-z&]+\s+$")
_NAME_AFTER = re.compile(r"^[ \t]+[A-Z][a-z]+")
_NOT_NAME = re.compile(
    r"\b(?:In|Since|By|Of|Until|Before|After|From|To|For|During|The|And|Or|On|At|Through|Jan|Feb|Mar|Apr|May|"
    r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|"
    r"November|December|Spring|Summer|Autumn|Fall|Winter|Christmas|Easter|Copyright)\s+$")
_FRACTION_AFTER = re.compile(r"^\s*,?\s+of\s+(?!(?:a|an|the)\s+(?:century|year|hour|decade)\b)", re.I)
_SPRING_VERB_AFTER = re.compile(r"^(?:s\b|\s+(?:up|from|into|to|back|out|forth|water|waters|of)\b)", re.I)
_SPRING_VERB_BEFORE = re.compile(r"\b(?:to|will|would|could|can|may|might|hot|mineral|thermal|a)\s+$", re.I)
# "in the days of the empire", "in the years when …": an era named by what follows (not "in the days before the vote",
# a vague duration as TimeBank marks it)
_CLAUSE_AFTER = re.compile(r"^[ \t]+(?:of|when|that)\b", re.I)
_QUANTITY_AFTER = re.compile(
    r"^\s+(?:\d|few|several|many|couple|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|hundred|year|month|week|day|decade|centur|season|term|generation|quarter)", re.I)
_PAPER_AFTER = re.compile(
    r"^\s+(?-i:Times|Telegraph|Mirror|Express|Post|Herald|Independent|Tribune|Mail|Star|Sport|Observer|People|"
    r"Business|Morning\s+Herald|Night\s+Football)\b")
# "years of talks": "of" and a bare noun after a plural unit (not "of age", "of the week")
_OF_NOUN = re.compile(r"^\s+of\s+(?!(?:age|the|a|an|his|her|their|its|our|my|your|this|that|these|those|each|every|"
                      r"which|them|it|us)\b)[a-z]")
# "The Mail on Sunday", "The Independent on Sunday", "Scotland on Sunday", "Wales on Sunday": Sunday papers' titles
# (only with Sunday; "told the Post on Friday", "told the Daily Mail on Sunday" keep their weekday)
_PAPER_BEFORE = re.compile(r"(?-i:(?<!Daily\s)Mail|Independent|Scotland|Wales)\s+on\s+$")
# a weekday right after a capitalised "News" is part of a programme's name unless a reporting verb follows it
_NEWS_BEFORE = re.compile(r"(?-i:\bNews)[ \t]+$")
_REPORTED_AFTER = re.compile(r"^\s+(?:reported|reports|said|says|announced|published|aired|broadcast|revealed|"
                             r"obtained|confirmed|released|quoted|cited)\b", re.I)
# before a bare plural unit ("weeks before the vote"): a number, determiner, quantifier or adjective makes it part of
# another phrase
_COUNT_OR_DET_BEFORE = re.compile(
    r"(?:\b(?:\d+|a|an|the|this|that|these|those|his|her|its|their|our|my|your|few|several|many|some|any|no|two|three|"
    r"four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozen|couple|of|recent|past|"
    r"last|next|coming|final|closing|early|first|few|more|fewer|good|old|happy|better|dark|glory|salad|dog)|['’]s|(?<=\w)-)\s*$",
    re.I)
_NOT_TIME_PART = re.compile(
    r"^\s+of\s+(?:the|a|an|this|that|its|their|his|her)\s+(?!(?:year|fiscal|decade|century|season|month|week|"
    r"twentieth|nineteenth|twenty-first|current|next|last|\d|['’])\w*)[a-z]", re.I)
_HOLIDAY_THING = re.compile(
    r"^\s+(?:trees?|cards?|carols?|lights|decorations?|ornaments?|stockings?|presents?|gifts?|songs?|music|albums?|"
    r"movies?|films?|specials?|episodes?|costumes?|candy|eggs?|bunny|pudding|cake|jumpers?|sweaters?|markets?|"
    r"spirit|ads?|adverts?|campaign|bonus|bonuses|hampers?|crackers?|"
    r"pumpkins?|rising|islands?|masks?)\b", re.I)
_OF_MONTH_AFTER = re.compile(r"^\s+of\s+(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", re.I)
# "another day" that is no duration: "live to fight another day", "just another day", "another day, another scandal", "a story for
# another day", "postponed to another day" (some other day)
_ANOTHER_DAY = re.compile(r"\b(?:fight|just)\s+another\s+day\b|\banother\s+day\s*,\s+another\b"
                          r"|\b(?:(?:story|question|debate|topic|discussion|issue|battle|matter|fight)\s+for|on|until|till|to)"
                          r"\s+another\s+day\b", re.I)
_COUNT_BEFORE = re.compile(r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|"
                           r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|dozen))[\s-]+$", re.I)
_OF_AGE = re.compile(r"^\s+of\s+age\b", re.I)
_POINT_AFTER = re.compile(r"[-\s]+(?:percentage[-\s]+)?points?\b", re.I)
_LAST_MINUTE = re.compile(r"the\s+last\s+minute", re.I)
_AT_BEFORE = re.compile(r"\bat\s+$", re.I)
_CAP_COMPOUND = re.compile(r"[A-Z][a-z]+-[A-Z][a-z]+")
_IDIOM_MINUTE_BEFORE = re.compile(r"\b(?:believe|believed|think|thought|doubt|doubted|imagine|imagined|suggest|"
                                  r"pretend)\b[^.!?]{0,25}\bfor\s+$", re.I)
_WAIT_BEFORE = re.compile(r"\b(?:[Ww]ait|[Hh]old\s+on)\s+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]['\"”’)]?|\n)\s*$")
_NAME_BEFORE_NOW = re.compile(
    r"(?-i:\b(?!(?:Is|Are|Was|Were|Be|Been|Has|Have|Had|Will|Would|Can|Could|Should|May|Might|Must|Do|Does|Did|Not|"
    r"Just|Right|Even|Only|Also|Still|It|He|She|They|We|You|I|That|This|What|And|But|So)\b)[A-Z][A-Za-z&]*)[ \t]+$")
_CLOCK_LEFT = re.compile(r"^\s+(?:to\s+play|to\s+go|left|remaining)\b")
# a bare season before one of these nouns names a kind of thing ("summer camp", "winter coats"), not a time
_SEASON_THING_AFTER = re.compile(
    r"^[ \t]+(?:[a-z]+[ \t]+)?(?:camps?|jobs?|schools?|programs?|programmes?|institutes?|internships?|classes|"
    r"class|courses?|sessions?|workshops?|academy|leagues?|olympics|games|fashion|collections?|menus?|tours?|"
    r"festivals?|concerts?|series|blockbusters?|movies?|clothes|coats?|tires?|tyres?|gear|residents?|homes?|"
    r"houses?|cottages?|reading|squash|wheat|solstice|semesters?|students?|interns?)\b")
# "trading hours", "the hours of operation": the hours a place is open, not a length of time
_HOURS_OPEN = re.compile(r"\b(?:trading|business|opening|operating|office|visiting|working|school|peak|daylight|"
                         r"polling|library|store)\s+$", re.I)
# "above age 6 months", "from the age of 48 months", "aged between 12 to 17"
_AGE_BEFORE = re.compile(r"\b(?:age|aged|ages)(?:\s+(?:of|between|from))?\s+$", re.I)
# a street name after a number: "1909 Maple Drive", "2012 N. Oak Street", "1600 Pennsylvania Avenue"
_STREET_AFTER = re.compile(
    r"^[ \t]+(?:(?:[NSEW]\.?|North|South|East|West)[ \t]+)?(?:[A-Z][a-z]+[ \t]+){1,3}"
    r"(?:Drive|Dr|Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Way|Court|Ct|Place|Pl|Terrace|Parkway|Pkwy|"
    r"Circle|Highway|Hwy|Trail|Pike)\b")
_INDEX_AFTER = re.compile(r"^\s+(?:index|indices|fund|series)\b", re.I)
_ACRONYM_BEFORE = re.compile(r"(?-i:\b[A-Z]{2,}(?:['’]s)?)[ \t]+$")
_SHOW_AFTER = re.compile(r"^[ \t]+(?:show|program|programme|newspaper|co-host|host|anchor)\b")
_FIRM_AFTER = re.compile(r"^\s+(?:Inc|Corp|Co|Ltd|LLC|Restaurants?|Bar|Grill|Child|Warrior)\b")
_NAME_WORD_BEFORE = re.compile(r"(?-i:\b([A-Z][\w.&]*))[ \t]+$")
_FUNCTION_WORDS = frozenset({
    "In", "Since", "By", "Of", "Until", "Before", "After", "From", "To", "For", "During", "The", "And", "Or", "On", "At",
    "Through", "Last", "This", "Next", "Following", "Despite", "Ahead", "Like", "With", "Without", "Unlike", "Amid",
    "Over", "Under", "But", "As", "When", "While", "Then", "So", "Yet", "Also", "Only", "Even", "Early", "Late",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})


def _name_before(text: str, pos: int) -> bool:
    """A capitalised word right before ``pos`` that is not sentence-initial and no function word."""
    w = _NAME_WORD_BEFORE.search(text, max(0, pos - 30), pos)
    if not w or w.group(1) in _FUNCTION_WORDS or re.fullmatch(r"[^.]+\.", w.group(1)):
        return False  # "… Martin Luther King. Monday's memo": the word before ends a sentence ("T.G.I." does not)
    return w.start(1) > 0 and not re.search(r"(?:^|[.!?:\n][\"'”’)]?\s*)$", text[max(0, w.start(1) - 4) : w.start(1)])


@cache
def _named_day_before() -> re.Pattern[str]:
    return re.compile(rf"(?-i:\b(?:{_alt(w[:1].upper() + w[1:] for w in vocab()['namedday'])}))[ \t-]+$")


_NUMBER_BEFORE = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|all)\s+$", re.I)


def _in_name(text: str, start: int, end: int) -> bool:
    """A capitalised "Today"/"TODAY" after an acronym ("USA TODAY", "NBC's Today show") is (part of) a name;
    not in a headline written all in capitals ("MARKETS FALL TODAY")."""
    word = text[start:end]
    if not word[:1].isupper():
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if not re.search(r"[a-z]{2}", line):
        return False
    return bool(_ACRONYM_BEFORE.search(text, max(0, start - 20), start) or _SHOW_AFTER.match(text, end))


_TOKEN_HEAD = re.compile(r"\S*\Z")
_TOKEN_TAIL = re.compile(r"\S*")


def _in_url(text: str, start: int, end: int) -> bool:
    """The match sits in a web address or a slash-separated file number (the whitespace-free token around it)."""
    head = _TOKEN_HEAD.search(text, max(0, start - 300), start)
    tail = _TOKEN_TAIL.match(text, end, min(len(text), end + 300))
    token = (head.group(0) if head else "") + text[start:end] + (tail.group(0) if tail else "")
    return "://" in token or token.startswith("www.") or token.count("/") >= 3


_GAME_WORDS = re.compile(
    r"\b(?:points?|scored|scores?|scoring|led|leads?|leading|trailed|trails?|trailing|touchdowns?|goals?|baskets?|"
    r"rebounds?|assists?|halftime|half-time|quarterback|innings?|jumpers?|field\s+goals?|free\s+throws?|"
    r"three-pointers?|possessions?|game|match|playoffs?|buzzer|whistle|penalty|interceptions?|yards?|tackles?|"
    r"fumbles?|the\s+(?:Lakers|Celtics|Warriors|Bulls|Knicks|Heat|Nets|Bucks|Raptors|Patriots|Cowboys|Packers))\b")
_MONEY_WORDS = re.compile(
    r"\b(?:earnings|revenues?|profits?|sales|fiscal|quarterly|results|shares|income|loss(?:es)?|GDP|economy|"
    r"growth|billion|million|forecast|guidance|analysts?|investors?|percent|percentage|basis|rates?|stocks?|"
    r"index|dividends?|output|inflation)\b|%|\$")


def _game_part(text: str, start: int, end: int) -> bool:
    """A half or quarter in a sentence about a game (game words and no money words around it)."""
    lo = max(text.rfind(".", 0, max(0, start - 1)), text.rfind("\n", 0, start)) + 1
    hi_dot, hi_nl = text.find(".", end), text.find("\n", end)
    hi = min(x for x in (hi_dot, hi_nl, len(text)) if x >= 0)
    sentence = text[max(lo, start - 250):min(hi, end + 250)]
    return bool(_GAME_WORDS.search(sentence)) and not _MONEY_WORDS.search(sentence)


def _ok(text: str, name: str, m: re.Match[str]) -> bool:
    g = m.groupdict()
    start, end = m.span()
    before = text[max(0, start - 30) : start]
    after = text[end : end + 30]
    if name == "deictic" and m.group(0) == "Today" and start > 0 and text[start - 1] in "“\"‘'" \
            and text[end:end + 1] in ("”", '"', "’", "'") and not text.startswith(("’s", "'s"), end):
        return False  # NBC's “Today”: the programme's title in quotation marks
    if name == "deictic" and (g.get("deic") or "").lower() == "today" and _in_name(text, start, end):
        return False  # "USA TODAY", "the Today show": a newspaper or programme
    if name == "year" and g.get("year") and (_YEAR_NOUN_AFTER.match(after) or _YEAR_BEFORE.search(before)):
        return False
    if (name == "year" and g.get("year") and not g.get("smod") and _NAME_BEFORE.search(before)
            and (_NAME_AFTER.match(after) or _INDEX_AFTER.match(after)) and not _NOT_NAME.search(before)):
        return False  # part of a name ("the Russell 2000 Index"): TimeML does not mark those
    if ((g.get("unit") or "").lower() == "quarter" and (g.get("num") or "").lower() in ("a", "an", "one")
            and (_FRACTION_AFTER.match(after) or _POINT_AFTER.match(text, m.end("unit")))):
        return False  # "about a quarter of its dealers": a fraction; "a quarter-point cut": a rate step
    if name == "relunit" and _LAST_MINUTE.fullmatch(m.group(0)) and _AT_BEFORE.search(before):
        return False  # "at the last minute": an idiom (just in time), not a minute's length
    mon = g.get("mon")
    if name in ("month", "modmon") and mon:
        low = mon.lower()
        if low == "may" and not (_MAY_OK_BEFORE.search(before) or g.get("rel") or g.get("smod")):
            return False
        if low == "march" and _MARCH_VERB_AFTER.match(after) and not g.get("rel"):
            return False
        if name == "month" and low == "march" and mon[0] == "M" and not g.get("rel") \
                and _NAME_BEFORE.search(before) and not _NOT_NAME_BEFORE.search(before):
            return False  # "the NYC Pride March", "the Selma March": a procession named so
        if name == "month" and not g.get("rel") and before.rstrip().endswith(("‘", "“", '"')):
            return False  # a quoted title such as ‘May December’
        if name == "month" and not g.get("rel") and (
                (after[:1] in ("’", "”", '"') and not re.match(r"’s\b", after)) or _CAPWORD_AFTER.match(after)):
            return False  # "June Carter", ‘May December’
    if name == "season" and g.get("season"):
        sea = g["season"]
        if sea[:1].isupper() and not g.get("year") and _CAPWORD_AFTER.match(text[m.end("season"):m.end("season") + 30]):
            return False  # a name or title: "Summer Walker", "Spring Breakers", "the Spring Festival"
        if (_SEASON_VERB.match(sea) and not (g.get("rel") or g.get("year") or g.get("the"))
                and (sea.lower() == "fall" or _SPRING_VERB_AFTER.match(after) or _SPRING_VERB_BEFORE.search(before))):
            return False
        if not (g.get("rel") or g.get("the") or g.get("pre") or g.get("year") or g.get("smod")):
            # a bare season ("spring shows signs of hope", "their Autumn meetings"), but not "fall" (the
            # verb/noun), "spring" the verb or the water source, or a name ("Dick Spring")
            low = sea.lower()
            if low == "fall" or (sea[:1].isupper() and re.search(r"[A-Z]\w*\s+$", before)):
                return False
            if low == "spring" and (_SPRING_VERB_AFTER.match(after) or _SPRING_VERB_BEFORE.search(before)):
                return False
            if _SEASON_THING_AFTER.match(after):
                return False  # "a summer camp", "summer immersion institutes": a kind of thing, not a time
    if name == "weekday" and not (g.get("rel") or g.get("arel")) and _named_day_before().search(text, max(0, m.start("wd") - 20), m.start("wd")):
        return False  # "Super Tuesday", "Bloody Sunday": the name of a day, not this week's weekday
    if name == "weekday" and after[:2] in ("’s", "'s") and (_FIRM_AFTER.match(after[2:]) or _name_before(text, m.start("wd"))):
        return False  # "TGI Friday's", "Friday's Restaurant": a name ("Saturday's Nevada caucus" is a date)
    if name == "weekday" and not g.get("pod") and (
            _PAPER_AFTER.match(after)
            or (g["wd"] == "Sunday" and m.start("wd") == start and _PAPER_BEFORE.search(before))):
        return False  # "The Sunday Times", "The Mail on Sunday": a newspaper's title
    if name == "weekday" and not (g.get("rel") or g.get("arel") or g.get("smod")) and m.start("wd") == start \
            and _NEWS_BEFORE.search(before) and not _REPORTED_AFTER.match(after) \
            and not (g.get("pod") or "X")[0].islower():
        return False  # "Fox News Sunday", "CBS News Sunday Morning", "Breitbart News Saturday": a programme ("NBC News
        # Tuesday reported", "told ABC News Tuesday night" are dates)
    if name == "holiday" and not g.get("year") and (_CAPWORD_AFTER.match(after) or _HOLIDAY_THING.match(after)):
        return False  # a name ("Easter Island") or a thing named after the day ("the Christmas tree")
    if name == "quarter" and not g.get("q") and (_NOT_TIME_PART.match(after) or _OF_MONTH_AFTER.match(after)):
        return False  # "the first half of the match": a part of a game, a speech, a book; "… of July": a month's
    if (name == "quarter" and g.get("ord") and not (g.get("year") or g.get("rel") or g.get("fy") or g.get("fyq"))
            and _game_part(text, start, end)):
        return False  # "led by 10 points in the first half", "pulled away in the third quarter": a game's part
    if name == "duration" and g.get("unit") and (g.get("num") or "").lower() in ("a", "an") \
            and text.startswith(("s", "S"), m.end("unit")):
        return False  # "a weeks-long strike": the article is the noun's; "weeks-long" is a vague duration
    if name in ("duration", "numrange") and (_OF_AGE.match(after) or (g.get("num") and _AGE_BEFORE.search(before))):
        return False  # "40 years of age", "above age 6 months": an age
    if name == "weekday" and (g.get("pod") or "")[:1].isupper() and re.match(r"^\s+[A-Z]", after):
        return False  # "Saturday Night Live"
    if name == "decade" and re.search(r"\d['’]s$", m.group(0)) and not re.match(r"(?i)(?:the|early|mid|late)\b", m.group(0)):
        return False  # "2010's Black Swan" is the year 2010, possessive
    if (g.get("unit") or "").lower() == "second" and name == "duration" and (g.get("num") or "a").lower() in ("a", "an", "one"):
        return False  # "a second insider", "another second"
    if name == "ago" and g.get("baredir") and _COUNT_BEFORE.search(before):
        return False  # "''Six months ago" (a number the rules could not take in): not an unknown number of months
    if name == "duration" and g.get("addl") and not g.get("num") and (
            g["unit"].lower() == "quarter" or _ANOTHER_DAY.search(text, max(0, start - 20), end + 20)):
        return False  # "pay another quarter" (a fraction, a coin), "live to fight another day", "just another day"
    if name == "ref" and (g.get("ref") or "").lower() == "the past" and _QUANTITY_AFTER.match(after):
        return False  # "the past five seasons": a duration phrase the rules did not cover
    if name == "ref" and m.group(0) == "Now" and _NAME_BEFORE_NOW.search(before) and not _NOT_NAME.search(before):
        return False  # "Prime Now", "One Wisconsin Now": a name (not "… in May. Now, …", nor "Trump Is Now Calling")
    if name == "duration" and _CAP_COMPOUND.fullmatch(m.group(0)) and _CAPWORD_AFTER.match(after):
        return False  # "the Three-Day Event", "a Six-Day War": part of a name
    if name == "quarter" and g.get("q") and not g.get("qyear") and _NAME_WORD_BEFORE.search(before) \
            and not _NOT_NAME.search(before):
        return False  # "the new Audi Q3": a model name
    if name == "time" and g.get("hh2") and _CLOCK_LEFT.match(after):
        return False  # "with 3:08 to play": a game clock (the duration rule takes it)
    if name == "duration" and (g.get("unit") or "").lower() == "quarter" and re.search(r"-quarters?$", m.group(0)):
        return False  # "down three-quarters": a fraction
    if name == "duration" and (g.get("num") or "").lower() in ("a", "one") and (g.get("unit") or "").lower() in (
            "minute", "second") and (_IDIOM_MINUTE_BEFORE.search(before) or _WAIT_BEFORE.search(before)):
        return False  # "I don't believe for a minute", "wait a minute": idioms, not a minute's length
    if name == "relunit" and m.group(0) in ("This Week", "This Morning") and not _SENTENCE_START.search(before):
        return False  # "ABC's This Week", "This Week with George Stephanopoulos": a programme's title
    if name in ("year", "iso", "slash") and _in_url(text, start, end):
        return False  # ".../politics/2025/04/...", "FHC/ABJ/03/095/2018": part of an address or a file number
    if name == "year" and g.get("year") and not g.get("smod") and _STREET_AFTER.match(after):
        return False  # "1909 Maple Drive", "at 2012 N. Oak Street": a house number
    if name == "ref" and (g.get("adjref") or "")[:1].isupper() and not _SENTENCE_START.search(before):
        return False  # "Current TV", "the Recent Advances conference": part of a name
    if name == "ref" and g.get("adjref") and _NUMBER_BEFORE.search(before):
        return False  # "its five current models"
    if name == "vaguedur" and g.get("bare") and _CLAUSE_AFTER.match(after) and not _OF_NOUN.match(after) \
            and not (g.get("pre") or "").lower().startswith("within") \
            and not ((g.get("pre") or "").lower().startswith("for") and not g["bare"].lower().startswith("the")
                     and re.match(r"\s+that\b", after)):  # "argued for decades that …": "that" opens the verb's clause
        return False  # "in the days of the empire", "in the years when …": an era ("within weeks of the talks" is not)
    if name == "vaguedur" and (g.get("unitb") or g.get("unitof") or "").lower().startswith("hour") and (
            _HOURS_OPEN.search(text, max(0, m.start("bare" if g.get("unitb") else "unitof") - 30),
                               m.start("bare" if g.get("unitb") else "unitof"))
            or re.match(r"\s+of\s+(?:operation|service|business)\b", text[m.end():m.end() + 30])):
        return False  # "during Asian trading hours", "the hours of operation"
    if name == "vaguedur" and g.get("bareb") and _COUNT_OR_DET_BEFORE.search(before):
        return False  # "two weeks before", "the weeks before", "recent days after": another rule's (or no) phrase
    if name == "theday" and re.search(r"\bof\s+$", before):
        return False  # "the end of the day", "news of the day"
    # the idiom "at the end of the day"
    return not (name == "modrel" and (g.get("thewhat") or "").lower() == "day"
                and (g.get("smod") or "").lower().endswith("end of") and re.search(r"\bat\s+$", before, re.I))


# Every rule's match contains a trigger word of one of the kinds it lists: the rules only run in
# windows around trigger words, and only the rules whose kinds occur in the window.
_WORDS = re.compile(r"[A-Za-z]+|\d+")
_KIND_WORDS = {
    "unit": "second minute hour day days night week weekend fortnight month quarter half year decade century "
            "centuries same nineteenth twentieth time session hourlong daylong weeklong monthlong yearlong "
            "min mins hr hrs sec secs multiday multiweek multimonth multiyear multidecade",
    "season": "spring summer autumn fall winter springtime summertime wintertime",
    "pod": "morning afternoon evening overnight tonight night",
    "deic": "today tomorrow yesterday tonight",
    "ref": "now nowadays current currently recent recently lately past future moment present presently term being days",
    "date": "date",
    "cent": "century centuries",
    "setadj": "annual annually daily weekly monthly yearly hourly quarterly nightly biweekly",
    "fiscal": "fiscal financial",
    "decw": "twenties thirties forties fifties sixties seventies eighties nineties",
    "long": "long",
    "digit": "noon midnight midday clock",
}
_TRIGGER_KINDS: dict[str, frozenset[str]] = {}
for _kind, _words in _KIND_WORDS.items():
    for _w in _words.split():
        _TRIGGER_KINDS[_w] = _TRIGGER_KINDS.get(_w, frozenset()) | {_kind}
_CAP_KINDS: dict[str, frozenset[str]] = {
    **{w: frozenset({"month"}) for w in ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "January", "February", "March", "April", "June", "July", "August", "September", "October", "November", "December"]},
    **{w + s: frozenset({"weekday"}) for w in ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
       for s in ("", "s")},
    "Q": frozenset({"digit"}),
    "FY": frozenset({"fiscal"}),
}
for _name in holidays_names():
    _first = next(w for w in _WORDS.findall(_name) if w not in _SMALL_WORDS)
    _CAP_KINDS[_first] = _CAP_KINDS.get(_first, frozenset()) | {"holiday"}
_DIGIT = frozenset({"digit"})
_RULE_NEEDS = {
    "iso": "digit", "slash": "digit", "mdy": "month", "dmy": "month", "my": "month", "monrel": "month",
    "modrel": "unit season month digit", "modmon": "month", "earlier": "unit deic", "quarter": "unit digit",
    "century": "cent", "decade": "digit decw", "year": "digit", "season": "season", "weekday": "weekday",
    "month": "month", "relunit": "unit", "yearprev": "unit", "yearago": "unit", "weekof": "month", "yearend": "unit", "nthrow": "unit", "theyear": "unit", "podtrade": "pod", "thepod": "pod", "numrange": "unit", "sameperiod": "unit", "dom": "digit", "theday": "unit date",
    "deictic": "deic pod", "ago": "unit long", "time": "digit", "gameclock": "digit", "duration": "unit", "vaguedur": "unit long",
    "set": "unit weekday season setadj pod", "ref": "ref unit", "holiday": "holiday", "fiscal": "fiscal",
}
_NUM_AFTER = re.compile(r"(?:(?:st|nd|rd|th)\b|[:/.-]\d|\s*[ap]\.?m\b|s\b|\s+(?:UTC|GMT|hours)\b)", re.I)
_MARGIN = 48


def _windows(text: str) -> list[tuple[int, int, set[str]]]:
    out: list[tuple[int, int, set[str]]] = []
    for m in _WORDS.finditer(text):
        w = m.group(0)
        kinds: frozenset[str] | None
        if w[0].isdigit():
            n = len(w)
            hit = ((n == 4 and "1600" <= w <= "2099") or bool(_NUM_AFTER.match(text, m.end()))
                   or (n == 2 and m.start() > 0 and text[m.start() - 1] in "'’"))
            kinds = _DIGIT if hit else None
        elif w[0].isupper() and w in _CAP_KINDS:
            kinds = _CAP_KINDS[w]
        else:
            low = w.lower()
            kinds = _TRIGGER_KINDS.get(low) or (_TRIGGER_KINDS.get(low[:-1]) if low[-1:] == "s" else None)
        if not kinds:
            continue
        s, e = max(0, m.start() - _MARGIN), min(len(text), m.end() + _MARGIN)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], e, out[-1][2] | kinds)
        else:
            out.append((s, e, set(kinds)))
    return out


@cache
def _needs() -> list[tuple[int, str, re.Pattern[str], frozenset[str]]]:
    return [(prio, name, rx, frozenset(_RULE_NEEDS[name].split())) for prio, (name, rx) in enumerate(_rules())]


def find(text: str) -> list[Mention]:
    """Candidate temporal expressions, longest non-overlapping first-to-last."""
    cands: list[tuple[int, int, int, str, re.Match[str]]] = []
    seen: set[tuple[int, int, int]] = set()
    rules = _needs()
    for ws, we, kinds in _windows(text):
        for prio, name, rx, needs in rules:
            if needs.isdisjoint(kinds):
                continue
            for m in rx.finditer(text, ws, we):
                key = (m.start(), m.end(), prio)
                if m.end() > m.start() and key not in seen and _ok(text, name, m):
                    seen.add(key)
                    cands.append((m.start(), m.end(), prio, name, m))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []  # kept spans, sorted by start (they never overlap)
    keep: list[Mention] = []
    for s, e, _p, name, m in cands:
        if m.groupdict().get("pre"):
            s = m.end("pre")
        s, e = _trim(text, s, e)
        i = bisect.bisect_left(taken, (s, e))
        if e <= s or (i > 0 and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e):
            continue
        taken.insert(i, (s, e))
        groups = {k: val for k, val in m.groupdict().items() if val}
        if groups.get("plus"):  # "a year-plus", "the last year-plus": more than (one) year
            groups.setdefault("num", "one")
            groups.setdefault("pmod", "more than")
        keep.append(Mention(start=s, end=e, rule=name, groups=groups))
    keep = _day_ranges_and_slashes(text, keep, taken)
    for i, k in enumerate(keep):
        if k.rule == "modrel" and k.groups.get("pre") and i > 0 and not _SENT_END.search(text, keep[i - 1].end, k.start):
            # "In 2009, it was the largest deal of the year": the year of the date before it in the sentence
            keep[i] = Mention(start=k.start, end=k.end, rule="theyear", groups=k.groups)
    return keep


# "February 15-17": the second day of a range after a month and day (the year after it is both days')
_DAY2 = re.compile(r"(?:[-–]|\s+to\s+)(?P<day>[12]\d|3[01]|0?[1-9])\b(?![-–/.:%]?\d|\s*(?:%|percent|per\s+cent|points?|votes?)\b)"
                   r"(?:(?P<sep>\s*,?\s*)(?P<year>(?:1[6-9]|20)\d\d)\b)?")
# "UPDATE: 5/12", "on 5/12": a numeric month/day (the year of the story) only where a date is expected; not
# fractions ("1/2 of"), "24/7", "9/11" (the attacks), scores or ratios
_MONTH_DAY = re.compile(
    r"(?:(?i:\b(?:on|since|until|through|by|updated?|posted|dated|as\s+of))\s*:?[ \t]+|^[ \t]*|\([ \t]*)"
    r"(?<![\d/.,$])(?P<month>1[0-2]|0?[1-9])/(?P<day>[12]\d|3[01]|0?[1-9])"
    r"(?![\d/%]|[.,]\d|\s*(?i:of|cup|cups|inch|inches|mile|miles|points?|percent|odds|ratio|split|vote)\b)", re.M)
_YEAR2 = re.compile(r"[-–](?P<yy>\d\d)\b(?![-–/.:%]?\d|\s*(?:%|percent|per\s+cent|points?|votes?)\b)")
_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December")


def _day_ranges_and_slashes(text: str, keep: list[Mention], taken: list[tuple[int, int]]) -> list[Mention]:
    """Add the second day of "Month D1-D2" and strict numeric "M/D" dates; ``keep`` sorted by start."""
    out = list(keep)

    def free(s: int, e: int) -> bool:
        i = bisect.bisect_left(taken, (s, e))
        return not ((i > 0 and taken[i - 1][1] > s) or (i < len(taken) and taken[i][0] < e))

    for k in keep:
        g = k.groups
        if k.rule != "mdy" or "year" in g or "wd" in g or "podof" in g:
            continue
        d2 = _DAY2.match(text, k.end)
        if not d2 or int(d2.group("day")) <= int(g["day"]) or not free(d2.start("day"), d2.end("day")):
            continue
        groups2 = {"mon": g["mon"], "day": d2.group("day")}
        end2 = d2.end("day")
        if d2.group("year"):
            if not free(d2.start("year"), d2.end("year")) and not any(
                    x.start == d2.start("year") and x.rule == "year" for x in keep):
                continue
            out = [x for x in out if not (x.start == d2.start("year") and x.rule == "year")]
            groups2["year"] = d2.group("year")
            out[out.index(k)] = Mention(start=k.start, end=k.end, rule="mdy", groups={**g, "year": d2.group("year")})
            end2 = d2.end("year")
        out.append(Mention(start=d2.start("day"), end=end2, rule="mdy", groups=groups2))
        bisect.insort(taken, (d2.start("day"), end2))
    for k in keep:  # "2014-17", "2025-26": the second year of a span written short
        if k.rule != "year" or set(k.groups) != {"year"}:
            continue
        y2 = _YEAR2.match(text, k.end)
        if not y2:
            continue
        first = int(k.groups["year"])
        second = first // 100 * 100 + int(y2.group("yy"))
        if first < second <= first + 20 and free(y2.start("yy"), y2.end("yy")):
            out.append(Mention(start=y2.start("yy"), end=y2.end("yy"), rule="year", groups={"year": str(second)}))
            bisect.insort(taken, (y2.start("yy"), y2.end("yy")))
    for md in _MONTH_DAY.finditer(text) if "/" in text else ():
        s, e = md.start("month"), md.end("day")
        if (md.group("month").lstrip("0"), md.group("day").lstrip("0")) == ("9", "11") or not free(s, e):
            continue
        out.append(Mention(start=s, end=e, rule="mdy",
                           groups={"mon": _MONTH_NAMES[int(md.group("month"))], "day": md.group("day")}))
        bisect.insort(taken, (s, e))
    out.sort(key=lambda x: x.start)
    return out


_SENT_END = re.compile(r"[.!?;]\s|\n")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and text[e - 1] in " \t\n,.-":
        if text[e - 1] == "." and re.search(r"(?:[ap]\.m|[A-Z][a-z]{2,3})\.$", text[s:e]):
            break
        e -= 1
    while s < e and text[s] in " \t\n,":
        s += 1
    return s, e
