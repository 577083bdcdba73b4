"""Publication date: datelines in the text, and the interval inferred from the text's own dates."""

from __future__ import annotations

import datetime as dt

import pytest

import rumormill
from rumormill.stages.time import publication
from rumormill.timex.pubdate import anchor_of, dateline, infer


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Star splits\n\nPublished 12 Jan 2024\n\nThe actress said she had moved on.", "2024-01-12", "published"),
        ("Apple releases SDK\n\nMarch 01, 2008\n\nApple released the kit on Thursday.", "2008-03-01", "date-line"),
        ("Friday, March 22, 2013\n\nThe flu season is winding down.", "2013-03-22", "date-line"),
        ("LOS ANGELES, March 3 (Reuters) — The actress said on Friday she was well.", "XXXX-03-03", "agency"),
    ],
)
def test_dateline(text: str, value: str, kind: str) -> None:
    found = dateline(text)
    assert found is not None and (found.value, found.kind) == (value, kind)
    assert text[found.span[0]:found.span[1]].strip()


def test_no_dateline_in_the_body() -> None:
    text = "Headline\n\n" + "A sentence of body text here. " * 10 + "\n\nx\n\ny\n\nz\n\nw\n\nv\n\nMarch 1, 2008"
    assert dateline(text) is None


def test_impossible_dates_do_not_crash() -> None:
    ledger = rumormill.analyze_text("Headline\n\nFebruary 30, 2023\n\nThey met on February 30, 2023 and on June 31.",
                                    published=None)
    assert ledger.published.how != "text"
    assert all(e.earliest <= e.latest for e in ledger.timeline)


def test_dateline_wins_as_text() -> None:
    p = publication("Apple releases SDK\n\nMarch 01, 2008\n\nApple released the kit in 2007.")
    assert (p.how, p.value) == ("text", "2008-03-01")
    assert "March 01, 2008" in (p.reason or "")


def test_agency_dateline_without_year_takes_inferred_year() -> None:
    text = ("LOS ANGELES, March 3 (Reuters) — The studio said on Friday that the film, shot in 2023, "
            "will open in 2025. Last year the studio lost money.")
    p = publication(text)
    assert p.how == "inferred"
    assert p.value == "2024-03-03" and p.earliest == p.latest == "2024-03-03"
    assert "dateline" in (p.reason or "")


def test_inference_from_past_and_future() -> None:
    p = infer("The couple married in June 2019. They separated in March 2022. A film will follow in 2023.")
    assert p.how == "inferred" and p.earliest and p.latest
    assert p.earliest >= "2022-03-01" and p.latest <= "2023-12-31"
    assert "March 2022" in (p.reason or "") and "2023" in (p.reason or "")


def test_no_evidence_is_unknown() -> None:
    p = infer("She said she was happy and would stay.")
    assert p.how == "unknown" and p.earliest is None and p.reason


def test_anchor_of_inferred_interval_is_only_what_it_pins_down() -> None:
    whole_year = infer("The couple married in 2019. Last year they separated in 2023. They hope for 2024.")
    assert (whole_year.earliest, whole_year.latest) == ("2024-01-01", "2024-12-31")
    anchor = anchor_of(whole_year)
    assert anchor is not None and (anchor.year, anchor.month) == (2024, None)


def test_seed_without_date_is_inferred(seed_ledger) -> None:  # type: ignore[no-untyped-def]
    p = seed_ledger.published
    assert p.how == "inferred"
    assert p.earliest is not None and p.latest is not None
    lo, hi = dt.date.fromisoformat(p.earliest), dt.date.fromisoformat(p.latest)
    assert lo <= dt.date(2024, 1, 15) <= hi
    assert (hi - lo).days <= 366
    assert "last year" in (p.reason or "") and "2024" in (p.reason or "")
    # relative expressions are resolved against what the interval pins down, and say so
    end = next(t for t in seed_ledger.times if t.text == "the end of last year")
    assert (end.value, end.anchor) == ("2023", "published")
    month = next(t for t in seed_ledger.times if t.text == "earlier this month")
    assert month.anchor is None and month.value.startswith("X")


def test_given_date_is_kept() -> None:
    ledger = rumormill.analyze_text("Headline\n\nPublished 12 Jan 2024\n\nShe left last year.", published="2023-05-02")
    assert ledger.published.how == "given" and ledger.published.value == "2023-05-02"
    assert next(t for t in ledger.times if t.text == "last year").value == "2022"


def test_future_year_alone_puts_publication_before_it() -> None:
    p = infer("The plant will open in 2011. The firm said on Monday it had hired 200 workers.")
    assert (p.earliest, p.latest) == ("2010-01-01", "2010-12-31")
    assert "2011" in (p.reason or "")


def test_a_past_month_with_its_year_is_mostly_an_earlier_years() -> None:
    """Calibrated: news writes the year of a month mostly when the month is in an earlier year ('rose in April
    2008'), so the interval starts months after it, not at it."""
    p = infer("Sales fell in March 2008 and rose in April 2008.")
    assert p.earliest is not None and p.latest is not None
    assert "2008-12-01" <= p.earliest <= "2009-01-31"
    assert (dt.date.fromisoformat(p.latest) - dt.date.fromisoformat(p.earliest)).days <= 366
    assert "April 2008" in (p.reason or "")


def test_future_date_alone_gives_the_year_before_it() -> None:
    p = infer("The fund will be wound up by January 30, 2009, the bank said.")
    assert p.earliest is not None and p.latest is not None
    assert p.earliest <= "2008-09-15" <= p.latest <= "2009-01-30"


def test_season_and_quarter_are_evidence() -> None:
    p = infer("The company lost money in the fourth quarter of 2009, it said.")
    assert p.earliest is not None and p.latest is not None
    assert "2009-10-01" <= p.earliest <= "2010-01-28" <= p.latest


def test_duration_with_a_dated_start_moves_the_inferred_date() -> None:
    """married 2015 + "after eight years of marriage" (past) -> published no earlier than 2023."""
    import rumormill

    text = (
        "Headline\n\nSinger Rita Vale married Marco Dunn in 2015, and the pair share a daughter. "
        "Rita Vale and Marco Dunn quietly split in October after eight years of marriage, a source said."
    )
    ledger = rumormill.analyze_text(text)
    p = ledger.published
    assert p.how == "inferred"
    assert p.earliest is not None and p.earliest >= "2023-01-01"
    assert p.reason is not None and "eight years" in p.reason
    assert not [c for c in ledger.checks if c.status == "contradiction"]


# --- evidence that carries a year only in combination (each would give the wrong year read alone) ---

def _years(p) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    assert p.how == "inferred" and p.earliest and p.latest, p
    lo, hi = dt.date.fromisoformat(p.earliest), dt.date.fromisoformat(p.latest)
    assert (hi - lo).days <= 366
    return lo.year, hi.year


def test_event_named_by_its_year_can_be_ahead() -> None:
    """'the 2016 race was wide open' (past tense) does not put publication in 2016: the race is named ahead."""
    p = infer("The 2016 race was wide open, he said, and the primaries will begin in February 2016.")
    assert p.earliest is not None and p.earliest <= "2015-11-01"
    assert p.latest == "2016-02-29"
    assert "2016 race" in (p.reason or "")


def test_relative_year_written_beside_an_explicit_one() -> None:
    p = infer("In 2012, four years ago, he won the seat. He said on Monday that he would run again.")
    assert _years(p) == (2016, 2016)
    assert "'four years ago' with '2012' (2016)" in (p.reason or "")


def test_last_years_explicit_year() -> None:
    p = infer("Last year's 2015 budget was cut by a third, officials said on Tuesday. The mayor took office in 2012.")
    assert _years(p) == (2016, 2016)
    assert "'Last year' with '2015'" in (p.reason or "")


def test_next_years_event_with_its_year() -> None:
    """Alone, a 2013 award and 2020 games give 2013 (news is recent); "next year's 2020" says 2019."""
    p = infer("The games were awarded to Tokyo in 2013. Next year's 2020 Olympics will be held there, officials said.")
    assert _years(p) == (2019, 2019)


def test_relative_and_explicit_years_apart_do_not_combine() -> None:
    """'last year' and '2009' in one sentence but not side by side name two different times."""
    p = infer("The company, which was founded in 2009 and grew fast, lost money last year, it said.")
    assert "with '2009'" not in (p.reason or "")


def test_ordinal_anniversary() -> None:
    p = infer("Crowds gathered on Sunday for the 50th anniversary of the 1966 act. The law was amended in 2003.")
    assert _years(p) == (2016, 2016)
    assert "50th anniversary … 1966" in (p.reason or "")


def test_years_since() -> None:
    p = infer("The plan was drafted in 2009. It is now 20 years since 1996, when the law passed.")
    assert _years(p) == (2016, 2016)


def test_age_with_birth_year() -> None:
    p = infer("Jane Smith, 45, was born in 1971 in Ohio. She joined the firm in 2009.")
    lo, hi = _years(p)
    assert 2016 <= lo <= hi <= 2017
    assert "age 45" in (p.reason or "") and "born in 1971" in (p.reason or "")


def test_weekday_with_date_picks_the_year() -> None:
    """March 8 was a Tuesday in 2016 (and 2011, 2022): the first such year after the 2012 founding."""
    p = infer("The rally was held on Tuesday, March 8, the organisers said. The group was founded in 2012.")
    assert _years(p) == (2016, 2016)
    assert p.value == "2016-03"
    assert "a Tuesday in 2016" in (p.reason or "")


def test_weekday_with_date_overrides_recency() -> None:
    """March 8 is a Monday in 2010 (before the 2012 founding) and next in 2021: the calendar wins over
    'news is recent' (which alone gives 2012)."""
    with_day = infer("The rally was held on Monday, March 8, the organisers said. The group was founded in 2012.")
    without = infer("The rally was held on March 8, the organisers said. The group was founded in 2012.")
    assert without.how == "unknown"  # a bare past year alone: after 2012, but how long after?
    assert _years(with_day) == (2021, 2021)
    assert "a Monday in 2021" in (with_day.reason or "")


def test_point_month_from_yearless_dates() -> None:
    """'on June 18' (past) and 'will meet on July 4' put publication in June (the nearest month after)."""
    p = infer("The band split in 2019 and plans a reunion in 2020. They played on June 18, the label said, "
              "and will meet on July 4.")
    assert p.value is not None and p.value.endswith("-06")


def test_future_yearless_date_gives_the_month_before_it() -> None:
    """'will vote on March 15': published before March 15, so in March at the latest (the nearest month)."""
    p = infer("The council will vote on March 15 on the plan, which was first proposed last year, in 2011.")
    assert p.value == "2012-03"
    assert "before 'March 15'" in (p.reason or "")


def test_a_year_planned_and_read_as_past_is_no_bound() -> None:
    """'its target for 2010 was ambitious' (past) and 'will open … in 2010': 2010 is a plan, not a past bound."""
    p = infer("The company said its target for 2010 was ambitious. It will open ten stores in 2010. Profit rose in 2006.")
    assert "latest past date is the bare year '2006'" in (p.reason or "")  # 2010 is no past bound
    assert p.earliest is None  # and a bare 2006, four years before the plan, is too weak to date the text


def test_a_day_both_past_and_future_is_no_one_day_interval() -> None:
    p = infer("The vote was held on June 28, 2016. Results will be announced June 28, 2016, officials said.")
    assert p.earliest == "2016-06-21" and p.latest is not None and p.latest > "2016-12-01"  # a week's slack


def test_a_past_day_allows_a_week_before_it() -> None:
    """'the vote on Saturday, March 19, 2016' read as past may be a scheduled event: the interval starts a week
    before the day, not at it."""
    p = infer("Voters went to the polls on March 19, 2016, and the party said it would count every ballot.")
    assert p.earliest == "2016-03-12" and p.latest is not None and p.latest >= "2016-12-31"


def test_a_period_that_is_over_puts_publication_after_it() -> None:
    """'late 2014' / 'the last three months of 2015' (past): the year's end has passed, so the next year."""
    late = infer("The deal closed in late 2014, the company said.")
    plain = infer("The deal closed in 2014, the company said.")
    assert plain.how == "unknown"  # a bare past year alone is too weak (see the abstention tests)
    assert _years(late) == (2015, 2015) and "late 2014' (2014, END)" in (late.reason or "")
    over = infer("He raised $33 million during the last three months of 2015, filings showed on Sunday.")
    assert _years(over) == (2016, 2016) and "last three months of 2015' (2015, over)" in (over.reason or "")


# --- abstention: evidence too weak to date the text ---

def test_a_bare_past_year_among_others_is_too_weak() -> None:
    """A bare past year ('was elected in 2012') as the latest date of a longer text: publication could be any
    year after it, so no interval, and the reason quotes the year."""
    text = ("Smith was first elected in 1998 and lost in 2004. He won the seat back in 2012, aides said. "
            "He spoke for an hour, and the crowd cheered for a minute.")
    p = infer(text)
    assert (p.how, p.earliest, p.latest, p.value) == ("unknown", None, None, None)
    assert "bare year '2012'" in (p.reason or "")


def test_a_bare_past_year_bracketed_by_a_near_future_one_is_answered() -> None:
    p = infer("Smith was first elected in 1998 and lost in 2004. He won the seat back in 2012, aides said. "
              "He will run again in 2014, he said.")
    lo, hi = _years(p)
    assert 2012 <= lo <= hi <= 2014 and "2014" in (p.reason or "")


def test_a_bare_past_year_with_a_vote_is_answered() -> None:
    p = infer("Smith was first elected in 1998 and lost in 2004. In 2012, four years ago, he won the seat back.")
    assert _years(p) == (2016, 2016)


def test_a_brief_with_one_bare_year_abstains_too() -> None:
    p = infer("The firm said on Tuesday that sales rose in 2007.")
    assert p.how == "unknown" and p.earliest is None and "'2007'" in (p.reason or "")


def test_reports_say_why_the_date_is_unknown() -> None:
    """An abstention is shown with its reason in the Markdown and HTML headers, not as a bare "unknown"."""
    import rumormill
    from rumormill.report import render

    ledger = rumormill.analyze_text(
        "Senator quits\n\nThe senator, who won the seat back in 2012, said on Tuesday that he would not run again.")
    assert ledger.published.how == "unknown"
    md = render(ledger, "markdown")
    assert "**Published:** unknown (not dated: the latest past date is the bare year '2012'" in md
    assert "unknown (not dated:" in render(ledger, "html")


# --- the web-page round: days outside past clauses, back-references, targets, untensed years ---

def test_untensed_full_date_puts_publication_days_after_it() -> None:
    p = infer("The mayor waves to supporters at a rally in Springfield on June 14, 2016. She spoke in 2012 too.")
    assert p.how == "inferred" and p.earliest and p.latest
    assert p.earliest <= "2016-06-16" <= p.latest
    assert (dt.date.fromisoformat(p.latest) - dt.date.fromisoformat(p.earliest)).days <= 366
    assert "June 14, 2016" in (p.reason or "")


def test_a_posts_date_counts_whatever_the_tense() -> None:
    p = infer("The senator will not back down. — Jane Roe (@janeroe) November 18, 2019\n\nIn 2017 the bill failed.")
    assert p.earliest is not None and p.latest is not None
    assert p.earliest <= "2019-11-19" <= p.latest


def test_background_day_does_not_decide_when_later_past_evidence() -> None:
    """Must not change: a day long before the past-tense evidence is background ('after the Sept. 11, 2001
    attacks'), and a day in a past clause is no near day."""
    p = infer("The law came after the Sept. 11, 2001 attacks. It was renewed in March 2015.")
    assert "outside a past clause" not in (p.reason or "")
    q = infer("The couple married in June 2019. They separated on March 3, 2022.")
    assert "outside a past clause" not in (q.reason or "")


def test_previous_year_is_no_last_year() -> None:
    text = "Exports fell to $9 billion in 2018, down from $19 billion the previous year. Trade talks resumed on Nov. 6, 2019."
    p = infer(text)
    assert "'last year'" not in (p.reason or "")
    assert p.earliest is not None and p.latest is not None and p.earliest <= "2019-11-18" <= p.latest
    q = infer("The couple married in 2019. Last year they separated in 2023. They hope for 2024.")  # unchanged
    assert "'last year' events are in 2023" in (q.reason or "")


def test_anniversary_needs_of_before_the_year() -> None:
    p = infer("The band's 50th Anniversary Tour 2020 kicks off in June. Tickets went on sale on Friday, Dec. 6.")
    assert "2070" not in (p.reason or "")
    q = infer("Crowds marked the 50th anniversary of the 1966 act on Monday.")  # unchanged
    assert "(2016)" in (q.reason or "")


def test_a_target_year_is_no_near_future() -> None:
    """'by 2024' caps publication but does not put it in the year before; a plain future date still does."""
    p = infer("NASA picked five firms in November 2018. It wants astronauts on the moon by 2024, officials said.")
    assert p.earliest is not None and p.latest is not None
    assert p.earliest <= "2019-11-18" <= p.latest
    q = infer("The plant will open in 2011. The firm said on Monday it had hired 200 workers.")  # unchanged
    assert (q.earliest, q.latest) == ("2010-01-01", "2010-12-31")


def test_present_tense_month_is_not_a_past_bound() -> None:
    p = infer("The results are featured in the December 2019 issue of the journal.")
    assert p.how == "unknown" or (p.earliest is not None and p.earliest <= "2019-11-19")
    q = infer("Sales fell in March 2008 and rose in April 2008.")  # a past month still bounds from below
    assert q.earliest is not None and q.earliest >= "2008-12-01"


def test_lone_present_or_untensed_year_abstains() -> None:
    p = infer("The 2020 Sentra gets a new grille. Prices start at $19,000.")
    assert p.how == "unknown" and "bare year" in (p.reason or "")
    q = infer("The plant will open in 2011.")  # a future-tense year still gives the year before (unchanged)
    assert q.how == "inferred" and (q.earliest, q.latest) == ("2010-01-01", "2010-12-31")


# Second web-page round: a named publication day


@pytest.mark.parametrize(
    ("words", "day"),
    [("today (Nov. 18)", "2019-11-18"), ("tomorrow (November 19)", "2019-11-18"),
     ("yesterday (Nov. 17)", "2019-11-18")],
)
def test_deictic_word_with_date_names_the_publication_day(words: str, day: str) -> None:
    text = f"The county opened a new clinic on Oct. 2, 2019. The mayor speaks {words} at the site."
    p = infer(text)
    assert p.how == "inferred" and p.value == day
    assert p.earliest is not None and p.latest is not None and p.earliest <= day <= p.latest
    assert (dt.date.fromisoformat(p.latest) - dt.date.fromisoformat(p.earliest)).days <= 2
    assert "names the publication day" in (p.reason or "")


def test_weekday_with_date_in_parentheses_dates_the_week() -> None:
    p = infer("The county opened a new clinic in June 2019. The mayor spoke Monday night (Nov. 18) at the site.")
    assert p.how == "inferred" and p.earliest is not None and p.latest is not None
    assert p.earliest <= "2019-11-18" <= p.latest and p.earliest >= "2019-11-11" and p.latest <= "2019-11-25"
    q = infer("The county opened a new clinic in June 2019. The mayor spoke at the site on Nov. 18.")  # unchanged
    assert q.earliest is not None and q.latest is not None
    assert (dt.date.fromisoformat(q.latest) - dt.date.fromisoformat(q.earliest)).days > 300
