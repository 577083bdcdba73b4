"""Ranges and open-ended times on the timeline (rumormill.timex.ranges, .bounds), and a range's length checked."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import rumormill
from rumormill.records import Ledger, Published, Time, TimelineEntry
from rumormill.report.json import validate
from rumormill.report.md_time import section
from rumormill.report.svg import ledger_timeline
from rumormill.timex.bounds import find_bounds
from rumormill.timex.ranges import find_ranges, fits, length

PUB = "2024-01-15"


def _led(body: str) -> Ledger:
    led = rumormill.analyze_text(f"Report\n\n{body}\n", published=PUB)
    validate(led.to_dict())
    return led


def _ranges(led: Ledger) -> list[TimelineEntry]:
    return [e for e in led.timeline if e.bound == "range"]


@pytest.mark.parametrize(("body", "earliest", "latest"), [
    ("The program ran from 2009 to 2011.", "2009-01-01", "2011-12-31"),
    ("The program ran from 2009 through 2011.", "2009-01-01", "2011-12-31"),
    ("She lived there between 2014 and 2016.", "2014-01-01", "2016-12-31"),
    ("He served as mayor 2009-2011.", "2009-01-01", "2011-12-31"),
    ("He served as mayor 2009–11.", "2009-01-01", "2011-12-31"),
    ("The festival ran March 3-5, 2023.", "2023-03-03", "2023-03-05"),
    ("The festival ran from March 3 to March 5, 2023.", "2023-03-03", "2023-03-05"),
    ("The band toured from June to August 2023.", "2023-06-01", "2023-08-31"),
    ("She worked there from January 2010 until March 2012.", "2010-01-01", "2012-03-31"),
])
def test_a_range_is_one_entry(body: str, earliest: str, latest: str) -> None:
    led = _led(body)
    entries = _ranges(led)
    assert len(entries) == 1, led.timeline
    e = entries[0]
    assert (e.earliest, e.latest) == (earliest, latest)
    assert set(e.times) == {t.id for t in led.times if t.type == "DATE"}  # every endpoint cited
    assert "range" in e.label
    spans = [t.span for t in led.times if t.id in e.times]
    holding = {c.id for c in led.claims if any(c.span[0] <= s and f <= c.span[1] for s, f in spans)}
    assert holding <= set(e.claims) and (e.claims or not led.claims)
    assert len(led.timeline) == 1  # the endpoints have no entries of their own


def test_yearless_day_range_and_weekdays() -> None:
    led = _led("The festival ran March 3-5.")
    e = _ranges(led)[0]
    start = next(t for t in led.times if t.text == "March 3")
    assert e.earliest == start.value and e.latest == start.value[:8] + "05"
    led = _led("The office was closed from Monday through Wednesday.")
    e = _ranges(led)[0]
    lo, hi = dt.date.fromisoformat(e.earliest), dt.date.fromisoformat(e.latest)
    assert (lo.weekday(), (hi - lo).days) == (0, 2)  # a Monday through the Wednesday after it


@pytest.mark.parametrize("body", [
    "He was there in 2009 and 2011.",
    "The gap between the 2009 crisis and the 2011 election was wide.",
    "They moved the wedding from June to August.",
    "Sales fell from 2009, to the dismay of 2011 investors.",
])
def test_not_ranges(body: str) -> None:
    led = _led(body)
    assert not _ranges(led), led.timeline
    dates = [t for t in led.times if t.type == "DATE"]
    assert len(dates) == 2 and len(led.timeline) == 2


def _t(i: int, text: str, whole: str, value: str, type_: str = "DATE") -> Time:
    s = whole.index(text)
    return Time(id=f"T{i}", span=(s, s + len(text)), text=text, type=type_, value=value, mod=None,
                anchor=None, vague=False)


def test_derived_endpoint_has_offsets_and_no_time() -> None:
    text = "He was mayor 2009-11 and then left."
    r = find_ranges(text, [_t(1, "2009", text, "2009")])[0]
    assert r.derived and text[r.end_span[0]:r.end_span[1]] == "11" and r.end_value == "2011"
    assert [t.id for t in r.times] == ["T1"] and text[r.span[0]:r.span[1]] == "2009-11"
    # a tagger that tags both years gives the same range, not derived
    text2 = "He was mayor 2009-2011 and then left."
    r2 = find_ranges(text2, [_t(1, "2009", text2, "2009"), _t(2, "2011", text2, "2011")])[0]
    assert not r2.derived and (r2.earliest, r2.latest) == (r.earliest, r.latest)
    # a tagger that tags the day after the dash: still one range
    text3 = "The fair ran March 3-5, they said."
    r3 = find_ranges(text3, [_t(1, "March 3", text3, "2023-03-03"), _t(2, "5", text3, "2023-03-05")])[0]
    assert (r3.earliest.isoformat(), r3.latest.isoformat()) == ("2023-03-03", "2023-03-05")
    assert [t.id for t in r3.times] == ["T1", "T2"]


def test_length_and_fit() -> None:
    text = "It ran from 2009 to 2011."
    r = find_ranges(text, [_t(1, "2009", text, "2009"), _t(2, "2011", text, "2011")])[0]
    assert length(r) == 2
    two = Time(id="T3", span=(0, 1), text="two years", type="DURATION", value="P2Y", mod=None, anchor=None,
               vague=False)
    assert fits(r, two)[0] is True  # type: ignore[index]
    assert fits(r, Time(**{**_fields(two), "value": "P3Y"}))[0] is False  # type: ignore[index]
    assert fits(r, Time(**{**_fields(two), "value": "P18M"}))[0] is True  # type: ignore[index]
    assert fits(r, Time(**{**_fields(two), "value": "P6M"}))[0] is False  # type: ignore[index]
    assert fits(r, Time(**{**_fields(two), "value": "PXY", "vague": True})) is None


def _fields(t: Time) -> dict:  # type: ignore[type-arg]
    return {k: getattr(t, k) for k in ("id", "span", "text", "type", "value", "mod", "anchor", "vague")}


def _range_check(led: Ledger):  # type: ignore[no-untyped-def]
    found = [c for c in led.checks if c.kind == "duration" and "range" in c.detail]
    assert len(found) <= 1, found
    return found[0] if found else None


@pytest.mark.parametrize(("body", "status"), [
    ("The program ran from 2009 to 2011, the city said. Officials praised the two-year program.", "consistent"),
    ("The program ran from 2009 to 2011, the city said. Officials praised the three-year program.", "contradiction"),
    ("The program ran for three years, from 2009 to 2011.", "contradiction"),
    ("The two-year program ran from 2009 to 2011.", "consistent"),
    ("The three-day festival ran March 3-5, 2023.", "consistent"),
    ("The five-day festival ran March 3-5, 2023.", "contradiction"),
    ("The band toured from June to August 2023. The three-month tour sold out.", "consistent"),
    ("Jane Miller and Tom Baker were married from 2009 to 2011. Their five-year marriage ended in court.",
     "contradiction"),
    ("Jane Miller and Tom Baker were married from 2009 to 2011. Miller and Baker divorced after two years of "
     "marriage.", "consistent"),
    ("Jane Miller and Tom Baker were married from 2009 to 2011. Miller and Baker divorced after five years of "
     "marriage.", "contradiction"),
])
def test_range_against_a_duration(body: str, status: str) -> None:
    led = _led(body)
    check = _range_check(led)
    assert check is not None and check.status == status, led.checks
    dur = next(t for t in led.times if t.type == "DURATION")
    entry = _ranges(led)[0]
    assert dur.id in check.evidence and set(entry.times) <= set(check.evidence)  # both pieces of evidence
    assert dur.text in check.detail


@pytest.mark.parametrize("body", [
    "The program ran from 2009 to 2011. A three-year study followed.",  # not a reference back to it
    "The program ran from 2009 to 2011. The three-year study was cited.",  # another thing
    "The program ran from 2009 to 2011. The plan ran from 2014 to 2019. Officials praised the three-year plan "
    "and the program.",  # "plan" names the second range only: 5 years, a contradiction, but not the first
    "The program ran from 2009 to 2011 and three years later it was revived.",  # a gap, not its length
])
def test_range_and_duration_about_different_things(body: str) -> None:
    led = _led(body)
    check = _range_check(led)
    if "plan" in body:
        assert check is not None and "2014" in check.detail and check.status == "contradiction"
    else:
        assert check is None, led.checks


def _only_bound(led: Ledger, kind: str) -> TimelineEntry:
    found = [e for e in led.timeline if e.bound == kind]
    assert len(found) == 1, led.timeline
    return found[0]


@pytest.mark.parametrize(("body", "kind", "earliest", "latest"), [
    ("Jane Miller has lived in Paris since 2008.", "ongoing", "2008-01-01", PUB),
    ("Jane Miller had lived in Paris since 2008 when she moved.", "after", "2008-01-01", PUB),
    ("They split over a year ago.", "before", "2022-12-31", "2022-12-31"),
    ("Miller stayed in Rome until 2015.", "before", "2015-12-31", "2015-12-31"),
    ("The work will be done by the end of the year.", "before", PUB, "2024-12-31"),
    ("They married after 2015.", "after", "2016-01-01", PUB),
    ("They married before 2015.", "before", "2014-12-31", "2014-12-31"),
    ("The camp will open beginning in October 2024.", "after", "2024-10-01", "2024-10-01"),
    ("Jane Miller has lived in Paris from 2008 on.", "ongoing", "2008-01-01", PUB),
])
def test_open_bounds(body: str, kind: str, earliest: str, latest: str) -> None:
    led = _led(body)
    e = _only_bound(led, kind)
    assert (e.earliest, e.latest) == (earliest, latest)
    assert len(led.timeline) == 1  # no closed entry for the same expression


def test_not_until_is_no_bound() -> None:
    led = _led("The sequel won't be released until 2025.")
    assert [(e.earliest, e.latest, e.bound) for e in led.timeline] == [("2025-01-01", "2025-12-31", None)]


def test_range_end_and_bounds_are_not_the_event_date() -> None:
    led = _led("Jane Miller and Tom Baker were married from 2009 to 2011. "
               "Miller and Baker got married in 2009, a friend said. "
               "Miller and Baker got engaged before 2008, and Miller and Baker got engaged in 2006.")
    assert not [c for c in led.checks if c.status == "contradiction"], led.checks


def test_reports_show_ranges_and_open_bounds() -> None:
    led = _led("The program ran from 2009 to 2011. Jane Miller has lived in Paris since 2008. "
               "They split over a year ago.")
    md = "\n".join(section(led))
    assert "2009 – 2011 (range)" in md
    assert "2008 – 2024-01-15 → (ongoing at publication)" in md
    assert "← … – 2022 (open start)" in md and "(before 2023-01)" in md
    assert "Other time expressions" not in md  # "over a year ago" is on the timeline now
    svg, bars, _skipped = ledger_timeline(led)
    assert {b.bound for b in bars} == {"range", "ongoing", "before"}
    assert str(svg).count('class="tcap"') == 2 and str(svg).count('class="tarrowhead"') == 2
    assert re.search(r">range: from 2009 to 2011", str(svg)) and ">ongoing: since 2008" in str(svg)
    assert ">open start: over a year ago" in str(svg)


def test_bounds_without_a_publication_date() -> None:
    text = "Jane Miller has lived in Paris since 2008."
    t = _t(1, "2008", text, "2008")
    unknown = Published(value=None, earliest=None, latest=None, how="unknown", reason=None)
    b = find_bounds(text, [t], unknown, [])[0]
    assert (b.kind, b.earliest.isoformat(), b.latest.isoformat()) == ("ongoing", "2008-01-01", "2008-01-01")


@pytest.mark.parametrize(("text", "tagged", "value", "expected"), [
    ("He was mayor 2009-11, they said.", "2009-11", "2009", ("2009-01-01", "2011-12-31")),
    ("He was mayor 2009–2011, they said.", "2009–2011", "2009", ("2009-01-01", "2011-12-31")),
    ("The fair ran March 3-5, they said.", "March 3-5", "2023-03-03", ("2023-03-03", "2023-03-05")),
    ("The fair ran March 3-5, 2021, they said.", "March 3-5, 2021", "2021-03-03", ("2021-03-03", "2021-03-05")),
])
def test_a_tagger_that_takes_the_range_as_one_expression(text: str, tagged: str, value: str,
                                                         expected: tuple[str, str]) -> None:
    r = find_ranges(text, [_t(1, tagged, text, value)])[0]
    assert (r.earliest.isoformat(), r.latest.isoformat()) == expected and r.derived
    assert r.end_span[0] > text.index(tagged) and text[r.end_span[1] - 1].isdigit()


@pytest.mark.parametrize("body", [
    "The sequel will not be out until 2025, the studio said.",
    "If the sale had gone through last year, the jets would have arrived.",
    "The county asked for the hearing to be moved up to today.",
])
def test_no_bound(body: str) -> None:
    led = _led(body)
    assert all(e.bound is None for e in led.timeline), led.timeline


def test_a_bound_the_evidence_closes_has_no_arrow() -> None:
    led = _led("The work will be done by the end of the year.")
    svg, bars, _skipped = ledger_timeline(led)
    assert [b.bound for b in bars] == ["before"]
    assert 'class="tarrowhead"' not in str(svg) and str(svg).count('class="tcap"') == 1
    assert ">by: by the end of the year" in str(svg)
    assert "2024-01-15 – 2024 (end bound; starts at publication)" in "\n".join(section(led))


@pytest.mark.parametrize("text", ["In 2009 - 11 people died.", "On March 3 - 12 were arrested."])
def test_a_spaced_hyphen_before_a_count_is_no_range(text: str) -> None:
    first = "2009" if "2009" in text else "March 3"
    assert not find_ranges(text, [_t(1, first, text, "2009" if first == "2009" else "2023-03-03")])


def test_the_year_after_a_yearless_pair_belongs_to_the_range() -> None:
    text = "It ran from March 3 to March 5, 2021, they said."
    times = [_t(1, "March 3", text, "2023-03-03"), _t(2, "March 5", text, "2023-03-05"), _t(3, "2021", text, "2021")]
    r = find_ranges(text, times)
    assert len(r) == 1 and [t.id for t in r[0].times] == ["T1", "T2", "T3"]
    assert (r[0].earliest.isoformat(), r[0].latest.isoformat()) == ("2021-03-03", "2021-03-05")
    assert r[0].note and "2021" in r[0].note
