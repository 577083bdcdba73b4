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
    assert p.earliest == "2022-03-01"
    assert p.latest <= "2023-12-31"
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


def test_interval_starts_at_the_latest_past_date_and_spans_a_year() -> None:
    p = infer("Sales fell in March 2008 and rose in April 2008.")
    assert p.earliest == "2008-04-01" and p.latest is not None
    assert (dt.date.fromisoformat(p.latest) - dt.date.fromisoformat(p.earliest)).days <= 366


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
