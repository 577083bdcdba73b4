"""The temporal tagger: extents, TIMEX3 values, tense-aware resolution, things that are not times."""

from __future__ import annotations

import pytest

from rumormill.timex import anchor_from, tag


def _tags(text: str, published: str | None = "2024-01-15") -> dict[str, tuple[str, str, str | None]]:
    return {t.text: (t.norm.type, t.norm.value, t.norm.mod) for t in tag(text, anchor_from(published))}


@pytest.mark.parametrize(
    ("text", "expr", "expected"),
    [
        ("They married in 2012 and moved.", "2012", ("DATE", "2012", None)),
        ("They split in August 2023.", "August 2023", ("DATE", "2023-08", None)),
        ("It fell apart toward the end of last year.", "the end of last year", ("DATE", "2023", "END")),
        ("She spoke earlier this month.", "earlier this month", ("DATE", "2024-01", None)),
        ("He left over a year ago.", "over a year ago", ("DATE", "2023-01", "BEFORE")),
        ("after 11 years of marriage", "11 years", ("DURATION", "P11Y", None)),
        ("The vote was held last week.", "last week", ("DATE", "2024-W02", None)),
        ("She called yesterday.", "yesterday", ("DATE", "2024-01-14", None)),
        ("We met on Friday.", "Friday", ("DATE", "2024-01-12", None)),
        ("We will meet on Friday.", "Friday", ("DATE", "2024-01-19", None)),
        ("The film opened in June.", "June", ("DATE", "2023-06", None)),
        ("The film will open in June.", "June", ("DATE", "2024-06", None)),
        ("It was big in the 1990s.", "the 1990s", ("DATE", "199", None)),
        ("The talks lasted two and a half years.", "two and a half years", ("DURATION", "P2.5Y", None)),
        ("Sales rose in the third quarter of 2023.", "the third quarter of 2023", ("DATE", "2023-Q3", None)),
        ("It was released on March 3, 2021.", "March 3, 2021", ("DATE", "2021-03-03", None)),
        ("The show airs weekly.", "weekly", ("SET", "P1W", None)),
        ("They spoke at 6:40 p.m. GMT.", "6:40 p.m. GMT", ("TIME", "2024-01-15T18:40Z", None)),
        ("It happened last summer.", "last summer", ("DATE", "2023-SU", None)),
        ("The crash took place in early 2009.", "early 2009", ("DATE", "2009", "START")),
        ("Prices will rise next year.", "next year", ("DATE", "2025", None)),
        ("Sales in the first half of 2023 rose.", "the first half of 2023", ("DATE", "2023-H1", None)),
        ("She works there three days a week.", "three days a week", ("SET", "P1W", None)),
        ("He served from 2010-2014.", "2014", ("DATE", "2014", None)),
        ("She arrived on the 3rd and left.", "the 3rd", ("DATE", "2024-01-03", None)),
        ("They began dating in November last year.", "November last year", ("DATE", "2023-11", None)),
        ("The firm went public two years later.", "two years later", ("DATE", "XXXX", None)),
        ("They were hit hard in the recent downturn.", "recent", ("DATE", "PAST_REF", None)),
        ("Given the current state of the economy, we wait.", "current", ("DATE", "PRESENT_REF", None)),
        ("It is too early to tell, but spring shows signs of hope.", "spring", ("DATE", "2024-SP", None)),
        ("The banks held their Autumn meetings.", "Autumn", ("DATE", "2023-FA", None)),
        ("They opened a shop in summer.", "summer", ("DATE", "2023-SU", None)),
        ("The cars of the 70s and 80s were boxy.", "80s", ("DATE", "198", None)),
        ("The index dropped 100 points in just minutes.", "minutes", ("DURATION", "PTXM", None)),
        ("It cut costs by $1 billion last year, $2 billion more than the year previous.", "the year previous",
         ("DATE", "2022", None)),
        ("A loss of $2 billion in the fourth quarter of 2005 and $8 billion for the entire year.", "the entire year",
         ("DATE", "2005", None)),
        ("The deal closes by June 10. If no price is agreed by that time, it lapses.", "that time",
         ("DATE", "2024-06-10", None)),
        ("He said on Friday it rose from 14% a year ago, before falling later in the day.", "later in the day",
         ("DATE", "2024-01-12", None)),
        ("The process would take between 60 and 90 days.", "60", ("DURATION", "P60D", None)),
        ("It will deliver tankers at a rate of 15 a year.", "a year", ("SET", "P1Y", None)),
        ("GM posted its first annual loss since 1992.", "annual", ("DURATION", "P1Y", None)),
        ("Jobs gave his annual keynote.", "annual", ("SET", "P1Y", None)),
        ("Trading was suspended for a second consecutive day.", "a second consecutive day",
         ("DATE", "2024-01-15", None)),
        ("Stocks logged gains for the fourth week in a row.", "the fourth week", ("DATE", "2024-W03", None)),
        ("On Friday the stock rose in morning trading.", "morning", ("TIME", "2024-01-12TMO", None)),
        ("It was the worst single-day decline in years.", "single-day", ("DURATION", "P1D", None)),
        ("Profit fell from $2 billion a year earlier.", "a year earlier", ("DATE", "2023", None)),
        ("They met this past weekend.", "this past weekend", ("DATE", "2024-W02-WE", None)),
        ("Talks will resume in the coming weeks.", "the coming weeks", ("DURATION", "PXW", None)),
        ("It was attacked at 3 p.m. local time on Sunday.", "3 p.m.", ("TIME", "2024-01-14T15:00", None)),
        ("He had been arrested in the past.", "the past", ("DATE", "PAST_REF", None)),
        ("At least 23 people died Saturday.", "Saturday", ("DATE", "2024-01-13", None)),
        ("The storm hit on Christmas Eve.", "Christmas Eve", ("DATE", "2023-12-24", None)),
        ("The 19th-century house burned.", "The 19th-century", ("DATE", "18", None)),
        ("He retired a few years ago.", "a few years ago", ("DATE", "PAST_REF", None)),
        ("Markets had not fallen so far since the September 11th attacks.", "September 11th",
         ("DATE", "2001-09-11", None)),
        ("The bill funds the government through Sept. 30.", "Sept. 30", ("DATE", "2024-09-30", None)),
        ("She has been chief executive since January 20.", "January 20", ("DATE", "2023-01-20", None)),
        ("Prices rose in the past.", "the past", ("DATE", "PAST_REF", None)),
        ("He died in 2011, a year after his wife.", "a year", ("DURATION", "P1Y", None)),
        ("He joined in 2009 and left that same year.", "that same year", ("DATE", "2009", None)),
        ("Polls closed at 7 p.m. ET Tuesday.", "7 p.m. ET Tuesday", ("TIME", "2024-01-09T19:00", None)),
    ],
)
def test_values(text: str, expr: str, expected: tuple[str, str, str | None]) -> None:
    got = _tags(text)
    assert expr in got, got
    assert got[expr] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Their son Aleph, 12, and daughter Amalia, 6, live in Paris.",
        "The 25-year-old activist spoke.",
        "A second insider said so.",
        "About 2012 people attended and 1999 votes were cast.",
        "She may go. The ‘May December’ actress smiled.",
        "At the end of the day, she is a realist.",
        "The deal is worth $2012 million.",
        "Drake turned 30 years old and I have 14 year olds writing to me.",
        "He once hosted “Saturday Night Live” with her.",
        "It was her 15th time; he finished on the 18th hole.",
        "The now-cancelled deal was signed at the soon-to-open terminal.",
        "Its most recent model and its five current models sold well.",
        "Prices spring back when the water springs from a hot spring. Markets fall.",
        "The Russell 2000 Index fell, and about a quarter of its dealers closed.",
        "The team has won three titles in the past five seasons.",
        "Summer Walker and Autumn Reeser starred in Spring Breakers at the Spring Festival.",
    ],
)
def test_not_times(text: str) -> None:
    assert [t.text for t in tag(text, anchor_from("2024-01-15"))] == []


def test_possessive_year_is_the_year() -> None:
    got = _tags("They met on the set of 2010's “Black Swan”.")
    assert got["2010"] == ("DATE", "2010", None)


def test_vague_durations() -> None:
    tags = {t.text: t.norm for t in tag("He cheated for many years and she looked away for a long time.", None)}
    assert tags["many years"].vague and tags["many years"].value == "PXY"
    assert tags["a long time"].vague
    weeks = [t.norm for t in tag("Within weeks, she had moved out.", None)]
    assert weeks and weeks[0].type == "DURATION" and weeks[0].value == "PXW"


def test_unresolved_without_anchor() -> None:
    norms = {t.text: t.norm for t in tag("She said it last month; it ended last year.", anchor_from("2024"))}
    assert norms["last month"].value == "XXXX-XX" and norms["last month"].anchor is None
    assert norms["last year"].value == "2023" and norms["last year"].anchor == "published"


def test_anaphoric_anchor() -> None:
    tagged = tag("They met in 2005. The following year they married.", anchor_from("2024-01-15"))
    following = next(t for t in tagged if t.text == "The following year")
    assert following.norm.value == "2006"
    assert following.norm.anchor == "0"  # resolved against the first expression, not the publication date


def test_seed_dated(seed_ledger_dated) -> None:  # type: ignore[no-untyped-def]
    times = seed_ledger_dated.times
    by_text: dict[str, list] = {}  # type: ignore[type-arg]
    for t in times:
        by_text.setdefault(t.text, []).append(t)
        assert seed_ledger_dated.text[t.span[0]:t.span[1]] == t.text
    assert [t.value for t in by_text["2024"]] == ["2024"]
    assert [t.value for t in by_text["August 2023"]] == ["2023-08", "2023-08"]
    assert by_text["June 2023"][0].value == "2023-06"
    assert by_text["2012"][0].value == "2012"
    assert by_text["2010"][0].value == "2010"
    end = by_text["the end of last year"][0]
    assert (end.value, end.mod, end.anchor) == ("2023", "END", "published")
    ago = by_text["over a year ago"][0]
    assert ago.mod == "BEFORE" and ago.value <= "2023-01"
    assert by_text["earlier this month"][0].value == "2024-01"
    assert by_text["11 years"][0].value == "P11Y"
    weeks = by_text["weeks"][0]
    assert weeks.type == "DURATION" and weeks.value.endswith("W")
    assert all(t.vague for t in by_text["many years"]) and by_text["a long time"][0].vague
    ages = ("42", "46", "25", "12", "6")
    for t in times:
        assert t.text not in ages, t


def test_clock_time_takes_the_date_after_it() -> None:
    got = _tags("In a press conference at 16:15 UTC, June 1st, the chief executive spoke.", "2009-06-04")
    assert got["16:15 UTC"] == ("TIME", "2009-06-01T16:15Z", None)


@pytest.mark.parametrize(
    ("year", "easter"),
    [(1961, "1961-04-02"), (2000, "2000-04-23"), (2008, "2008-03-23"), (2011, "2011-04-24"), (2013, "2013-03-31"),
     (2019, "2019-04-21"), (2024, "2024-03-31"), (2038, "2038-04-25")],
)
def test_easter_computus(year: int, easter: str) -> None:
    from rumormill.timex.normalize import _easter

    assert _easter(year).isoformat() == easter


@pytest.mark.parametrize(
    ("rule", "year", "day"),
    [
        ("weekday 11 4 4", 2013, "2013-11-28"),  # Thanksgiving
        ("weekday 11 4 4 +1", 2013, "2013-11-29"),  # Black Friday
        ("weekday 05 1 -1", 2016, "2016-05-30"),  # Memorial Day: the last Monday of May
        ("weekday 11 1 1 +1", 2016, "2016-11-08"),  # Election Day: the Tuesday after the first Monday
        ("weekday 12 1 -1", 2013, "2013-12-30"),  # the last Monday of December (the month wraps)
        ("easter -2", 2013, "2013-03-29"),  # Good Friday
        ("date 12-26", 2013, "2013-12-26"),
    ],
)
def test_holiday_rules(rule: str, year: int, day: str) -> None:
    from rumormill.timex.normalize import holiday_date

    got = holiday_date(rule, year)
    assert got is not None and got.isoformat() == day


def test_holiday_lexicon_is_well_formed() -> None:
    from rumormill.lexicons import load_table
    from rumormill.timex.normalize import holiday_date

    rows = load_table("timex_holidays.tsv")
    assert len(rows) >= 40
    for name, rule in rows:
        for year in (1999, 2013, 2024):
            d = holiday_date(rule, year)
            assert d is not None, (name, rule)
            assert d.year == year, (name, rule, d)  # every rule gives a day of the year asked for
        assert name[:1].isupper() or name.startswith("the "), name


@pytest.mark.parametrize(
    ("text", "expr", "tense"),
    [
        ("Immigration will be a major topic of the 2016 race.", "2016", "future"),
        ("The museum has been open to the public since 1847.", "1847", "past"),
        ("The firm has been closed since early April.", "early April", "past"),
        ("If the merger is approved in January, the firm will move.", "January", "future"),
        ("Shareholders get $10 a share if the deal closes in January.", "January", "future"),
        ("Graduates of the class of 2014, \"If you're too big for a small job, you're too small.\"", "2014", None),
        ("Investors are cautious ahead of Friday's jobs report.", "Friday", "future"),
        ("Markets were quiet ahead of Friday's jobs report.", "Friday", None),
        ("The rules, adopted in April, require more capital.", "April", "past"),
        ("The service is intended to launch in the fall.", "the fall", "future"),
        ("Senate passes budget bill on Friday\n\nThe vote was close.", "Friday", "past"),
        ("Apple to unveil new iPhone on Tuesday\n\nThe launch is awaited.", "Tuesday", "future"),
        ("Markets to remain closed until Friday\n\nThe exchange is shut.", "Friday", "future"),
    ],
)
def test_tense(text: str, expr: str, tense: str | None) -> None:
    from rumormill.timex.tense import Cues

    start = text.index(expr)
    assert Cues(text).guess(start, start + len(expr)) == tense


@pytest.mark.parametrize(
    ("text", "expr", "sure"),
    [
        ("The singer, who died in April, left no will.", "April", True),
        ("The company was founded in April.", "April", True),
        ("The plant did not reopen in April as planned.", "April", True),
        ("Did the Fed raise rates in April?", "April", True),
        ("The company said sales in April were weak.", "April", False),  # a noun in between: slack stays
        ("The company has a deadline set at June 1 to draw up a plan.", "June 1", False),  # a plan
    ],
)
def test_sure_past(text: str, expr: str, sure: bool) -> None:
    from rumormill.timex.tense import Cues

    start = text.index(expr)
    cue = Cues(text).detail(start, start + len(expr))
    assert cue is not None and cue.kind == "past" and cue.sure is sure


def test_modified_dates_anchor() -> None:
    # "late 2008" (END) anchors "the following year"; "late Tuesday" (END) anchors the clock time after it
    text = "Sales slumped in late 2008. The following year, they recovered."
    got = {t.text: (t.norm.value, t.norm.mod, t.norm.anchor) for t in tag(text, anchor_from("2013-03-22"))}
    assert got["late 2008"] == ("2008", "END", None)
    assert got["The following year"] == ("2009", None, "0")
    text = "The bomb exploded late Tuesday, and at 9 p.m. troops arrived."
    got = {t.text: (t.norm.value, t.norm.mod, t.norm.anchor) for t in tag(text, anchor_from("2013-03-22"))}
    assert got["late Tuesday"] == ("2013-03-19", "END", "published")
    assert got["9 p.m."] == ("2013-03-19T21:00", None, "0")


def test_reported_speech_counts_from_the_saying() -> None:
    text = "The company said in November that it would close the plant in February."
    got = {t.text: (t.norm.value, t.norm.anchor) for t in tag(text, anchor_from("2013-03-22"))}
    assert got["February"] == ("2013-02", "0")  # after the saying (November 2012), not after the DCT
    text = "The company said it would close the plant in February."
    got = {t.text: (t.norm.value, t.norm.anchor) for t in tag(text, anchor_from("2013-03-22"))}
    assert got["February"] == ("2014-02", "published")
