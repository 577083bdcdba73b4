"""Timeline order, durations turned into intervals, and the consistency checks."""

from __future__ import annotations

import rumormill
from rumormill.records import Ledger
from rumormill.timex.events import value_interval


def _entry_for(ledger: Ledger, value: str) -> int:
    """Index of the timeline entry holding a time with this value (and no mod)."""
    ids = {t.id for t in ledger.times if t.value == value and t.mod is None}
    for i, e in enumerate(ledger.timeline):
        if ids & set(e.times) and len(e.times) == len(ids & set(e.times)):
            return i
    raise AssertionError(f"no timeline entry for {value}: {ledger.timeline}")


def test_seed_timeline_order(seed_ledger_dated) -> None:  # type: ignore[no-untyped-def]
    led = seed_ledger_dated
    order = [_entry_for(led, v) for v in ("2010", "2012", "2023-06", "2023-08", "2024-01")]
    assert order == sorted(order)
    keys = [(e.earliest, e.latest) for e in led.timeline]
    assert keys == sorted(keys)
    aug = led.timeline[_entry_for(led, "2023-08")]
    assert len(aug.times) == 2  # "August 2023" twice, one entry
    assert aug.label


def test_seed_open_bound_on_the_timeline(seed_ledger_dated) -> None:  # type: ignore[no-untyped-def]
    led = seed_ledger_dated
    ago = next(t for t in led.times if t.text == "over a year ago")
    assert (ago.value, ago.mod) == ("2023-01", "BEFORE")
    entry = next(e for e in led.timeline if ago.id in e.times)
    assert entry.bound == "before" and entry.latest == "2022-12-31"  # before 2023-01
    assert "before 2023-01" in entry.label
    order = [i for i, e in enumerate(led.timeline) if e is entry] + [_entry_for(led, "2023-06")]
    assert order == sorted(order)
    assert all(e.bound is None for e in led.timeline if e is not entry)


def test_seed_duration_becomes_an_interval_and_checks_out(seed_ledger_dated) -> None:  # type: ignore[no-untyped-def]
    led = seed_ledger_dated
    t2012 = next(t for t in led.times if t.text == "2012")
    t11 = next(t for t in led.times if t.text == "11 years")
    entry = next(e for e in led.timeline if set(e.times) == {t2012.id, t11.id})
    assert (entry.earliest, entry.latest) == ("2023-01-01", "2023-12-31")
    check = next(c for c in led.checks if c.kind == "duration")
    assert check.status == "consistent"
    aug = {t.id for t in led.times if t.text == "August 2023"}
    assert {t2012.id, t11.id} <= set(check.evidence) and aug & set(check.evidence)
    assert "2023" in check.detail
    assert not [c for c in led.checks if c.status == "contradiction"], led.checks


CONTRADICTIONS = """Singer splits from husband

Jane Miller, 30, was born in 1980, her label said. Miller and Tom Baker got married in 2012 in Rome.
Miller and Baker got married in 2015, according to a friend.
"""


def test_constructed_contradictions() -> None:
    led = rumormill.analyze_text(CONTRADICTIONS, published="2024-01-15")
    by_text = {t.text: t for t in led.times}
    age = [c for c in led.checks if c.kind == "age"]
    assert age and age[0].status == "contradiction", led.checks
    assert by_text["1980"].id in age[0].evidence
    assert "30" in age[0].detail and "1980" in age[0].detail
    date = [c for c in led.checks if c.kind == "date"]
    assert date and date[0].status == "contradiction", led.checks
    assert {by_text["2012"].id, by_text["2015"].id} <= set(date[0].evidence)
    assert "marriage" in date[0].detail


def test_different_people_are_not_the_same_event() -> None:
    text = ("Two weddings\n\nJane Miller married Tom Baker in 2012. "
            "Anna Lopez married Peter Grant in 2015.\n")
    led = rumormill.analyze_text(text, published="2024-01-15")
    assert not [c for c in led.checks if c.status == "contradiction"], led.checks


def test_duration_contradiction_and_order() -> None:
    text = ("Divorce\n\nJane Miller and Tom Baker got married in 2010. "
            "Miller and Baker separated after 3 years of marriage in August 2020. "
            "Miller moved to Paris in 2018, after she left London in 2019.\n")
    led = rumormill.analyze_text(text, published="2024-01-15")
    dur = [c for c in led.checks if c.kind == "duration"]
    assert dur and dur[0].status == "contradiction", led.checks
    order = [c for c in led.checks if c.kind == "order"]
    assert order and order[0].status == "contradiction", led.checks


def test_age_at_event_consistent() -> None:
    text = ("Profile\n\nJane Miller, 44, has sung since childhood. "
            "In 2000, when she was 20, Miller released her first album.\n")
    led = rumormill.analyze_text(text, published="2024-01-15")
    age = [c for c in led.checks if c.kind == "age"]
    assert age and age[0].status == "consistent", led.checks


def test_value_interval() -> None:
    assert [d.isoformat() for d in value_interval("2023", "END")] == ["2023-09-01", "2023-12-31"]
    assert [d.isoformat() for d in value_interval("2024-W03")] == ["2024-01-15", "2024-01-21"]
    assert [d.isoformat() for d in value_interval("201")] == ["2010-01-01", "2019-12-31"]
    assert value_interval("PAST_REF") is None and value_interval("XXXX-08") is None


def test_not_the_same_marriage_or_a_misattributed_age() -> None:
    text = ("Old flames\n\nBrad Pitt was already married to Jennifer Aniston in 2004. "
            "Jennifer Aniston has been married to Justin Theroux since 2015.\n\n"
            "On Saturday, the 22-year-old was spotted cheering on her new beau Blake Griffin, 28, in Los Angeles. "
            "The pair began dating in November last year, but they called it quits three months later.\n")
    led = rumormill.analyze_text(text, published="2018-01-15")
    assert not [c for c in led.checks if c.status == "contradiction"], led.checks
    nov = next(t for t in led.times if t.text.startswith("November"))
    assert (nov.text, nov.value) == ("November last year", "2017-11")


def test_running_duration_against_the_publication_date() -> None:
    ok = ("Anniversary\n\nJane Miller and Tom Baker got married in 2012. "
          "Miller and Baker have been married for 11 years, Miller says.\n")
    led = rumormill.analyze_text(ok, published="2024-01-15")
    dur = [c for c in led.checks if c.kind == "duration"]
    assert dur and dur[0].status == "consistent", led.checks
    bad = ok.replace("for 11 years", "for 5 years")
    led = rumormill.analyze_text(bad, published="2024-01-15")
    dur = [c for c in led.checks if c.kind == "duration"]
    assert dur and dur[0].status == "contradiction", led.checks
    assert "publication" in dur[0].detail


def test_gap_between_two_dates() -> None:
    good = "Career\n\nMiller moved to Paris in 2014, two years after she left London in 2012.\n"
    led = rumormill.analyze_text(good, published="2024-01-15")
    kinds = {(c.kind, c.status) for c in led.checks}
    assert ("duration", "consistent") in kinds and ("order", "consistent") in kinds, led.checks
    bad = good.replace("two years", "five years")
    led = rumormill.analyze_text(bad, published="2024-01-15")
    gap = next(c for c in led.checks if c.kind == "duration")
    assert gap.status == "contradiction" and "five years" in gap.detail


def test_strict_sides_of_after_and_before() -> None:
    # the dependency parse must put each date in one of the two clauses the connective joins
    text = ("Party news\n\nThe chair announced Sunday she will resign her post after the convention, to be replaced "
            "by a veteran strategist through the November election. "
            "Will reignited his feud with Trump this week after writing an op-ed that targeted the 2016 candidate. "
            "The senator testifies before the committee on Thursday.\n")
    led = rumormill.analyze_text(text, published="2016-07-25")
    assert not [c for c in led.checks if c.kind == "order"], led.checks
    kept = "Career\n\nMiller moved to Paris in 2018, after she left London in 2019.\n"
    led = rumormill.analyze_text(kept, published="2024-01-15")
    assert [c.status for c in led.checks if c.kind == "order"] == ["contradiction"], led.checks


def test_event_word_must_govern_the_date() -> None:
    # "married" heads another clause than "in 2013": 2013 is no wedding date, so no duration is measured from it
    text = ("Grayson\n\nBefore she met Grayson and got married, Dena Minning approached people in her county "
            "to drum up support in 2013 for a congressional bid. "
            "Lolita Grayson filed reports against him during two decades of marriage, Politico reported Tuesday.\n")
    led = rumormill.analyze_text(text, published="2016-07-29")
    assert not [c for c in led.checks if c.kind == "duration"], led.checks
    assert not [c for c in led.checks if c.status == "contradiction"], led.checks


def test_no_contradiction_from_a_noun_date_or_a_yearless_order() -> None:
    text = ("Night of the speech\n\n"
            "David Axelrod, the chief strategist of Barack Obama's 2008 campaign, said just after midnight on CNN that "
            "it was plagiarism. "
            "Eight years ago, Obama won 11 consecutive victories in February after Super Tuesday.\n")
    led = rumormill.analyze_text(text, published="2016-07-19")
    assert not [c for c in led.checks if c.status == "contradiction"], led.checks
    yearless = [c for c in led.checks if c.kind == "order" and "Super Tuesday" in c.detail]
    assert [c.status for c in yearless] == ["unverifiable"], led.checks


def test_a_sentence_naming_nobody_inherits_no_birth() -> None:
    text = ("Policy\n\nAbout 9.9 million single mothers with young children live in the United States. "
            "Nearly a third of those with jobs live in poverty.\n\n"
            "If Trump's plan rejected single mothers, black families would be especially affected. According to "
            "federal data, 70 percent of black children are born to unmarried mothers, a threefold increase since "
            "the 1960s and a level relatively unchanged since the 1990s.\n")
    led = rumormill.analyze_text(text, published="2016-09-21")
    assert not [c for c in led.checks if c.kind == "date"], led.checks


def test_order_through_a_noun_and_a_yearless_gap() -> None:
    led = rumormill.analyze_text("Congress\n\nCongress returns on Sept. 6, the day after Labor Day.\n",
                                 published="2016-08-22")
    assert [(c.kind, c.status) for c in led.checks] == [("order", "consistent")], led.checks
    # "Nov. 28" read into the wrong year by the tense of "said": no year is written, so no contradiction
    led = rumormill.analyze_text("Vote\n\nTrump said the vote on Nov. 28, 20 days after Election Day, would be "
                                 "certified.\n", published="2016-08-22")
    assert not [c for c in led.checks if c.status == "contradiction"], led.checks


def test_a_birth_or_death_is_the_subject_s() -> None:
    # the death of "his brother Freddy, who died in 1981" is Freddy's, not Donald Trump's; "His father" names nobody
    text = ("Family\n\nDonald Trump rarely speaks of his brother Freddy, who died in 1981. Trump was close to his "
            "father. His father died in 1999, Trump said.\n")
    led = rumormill.analyze_text(text, published="2016-01-04")
    assert not [c for c in led.checks if c.status == "contradiction"], led.checks
    twice = "Family\n\nFreddy Trump died in 1981, his family said. Freddy Trump died in 1985, a cousin said.\n"
    led = rumormill.analyze_text(twice, published="2016-01-04")
    date = [c for c in led.checks if c.kind == "date"]
    assert [c.status for c in date] == ["contradiction"] and "Freddy Trump" in date[0].detail, led.checks
