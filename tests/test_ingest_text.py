"""The text path: headline, headings, residue, header blocks, unwrapping."""

from __future__ import annotations

from pathlib import Path

from rumormill import ingest
from rumormill.ingest import published as pub
from rumormill.ingest.text import from_text


def test_seed_residue_and_headings(seed_path: Path) -> None:
    article = ingest.load_path(seed_path)
    removed = {r.text: r.reason for r in article.removed}
    assert removed["Credits: Instagram"] == "photo credit"
    assert removed["View this post on Instagram"] == "embed boilerplate"
    assert removed["A post shared by Natalie Portman (@natalieportman)"] == "embed boilerplate"
    assert removed["Natalie Portman Benjamin Millepied"] == "caption: names only"
    assert [h.text for h in article.headings] == [
        "Natalie Portman was not seen wearing her wedding ring",
        "‘You lose him how you get him’",
        "Portman suspected Ben to be ‘cheating on her for many years’",
    ]
    for h in article.headings:
        assert article.text[h.span[0] : h.span[1]] == h.text
    assert article.title == "Natalie Portman is ‘focusing on herself’ after Benjamin Millepied’s affair"
    for r in removed:
        assert r not in article.text
    assert any(e.handle == "natalieportman" for e in article.embeds)


def test_headline_needs_a_blank_line() -> None:
    a = from_text("Headline here\n\nBody sentence one. Body sentence two.", published=pub.UNKNOWN)
    assert a.title == "Headline here"
    assert a.text == "Body sentence one. Body sentence two."
    b = from_text("First line of body.\nSecond line of body.", published=pub.UNKNOWN)
    assert b.title is None
    assert b.text == "First line of body.\n\nSecond line of body."


def test_heading_rules() -> None:
    raw = (
        "Title\n\nFirst paragraph ends here.\n\nA heading without punctuation\n\n"
        "Second paragraph. It has two sentences.\n\n\"Said it,\" she wrote. \"Tune in\"\n\n"
        "| Cell | Other |\n\nLast paragraph."
    )
    a = from_text(raw, published=pub.UNKNOWN)
    assert [h.text for h in a.headings] == ["A heading without punctuation"]


def test_header_block_is_parsed() -> None:
    raw = (
        "Headline: Star denies split\nSubtitle: A spokesperson called the reports false.\n"
        "Date: 2024-08-29\nPublisher: Example News\n\nStar denies split\n"
        "The actor's spokesperson said on Monday that the reports were false."
    )
    a = ingest.load_text(raw)
    assert a.title == "Star denies split"
    assert a.published.value == "2024-08-29" and a.published.how == "metadata"
    assert a.text.startswith("A spokesperson called the reports false.")
    reasons = [(r.text, r.reason) for r in a.removed]
    assert ("Date: 2024-08-29", "metadata header") in reasons
    assert ("Star denies split", "headline repeated in body") in reasons
    assert "Publisher:" not in a.text


def test_given_date_wins_over_header() -> None:
    raw = "Title: Something happened\nDate: April 4, 2025\n\nIt happened on a Tuesday, officials said."
    assert ingest.load_text(raw).published.value == "2025-04-04"
    assert ingest.load_text(raw, published="2025-05").published.how == "given"


def test_hard_wrapped_lines_are_joined() -> None:
    raw = (
        "Title\n\nThat is not entirely true, but for our purposes let us look at the main business: digital\n"
        "advertising.\nThe company makes billions of dollars a year by selling ads on its two apps.\n"
        "Sign up for the Morning Update. All the latest news for any\npart of the world you select.\n"
        "Some of those advertisers are large brands."
    )
    a = from_text(raw, published=pub.UNKNOWN)
    assert "main business: digital advertising." in a.text
    assert "advertising." not in [r.text for r in a.removed]
    assert any(r.text.endswith("part of the world you select.") for r in a.removed)


def test_byline_sets_author_and_is_reported() -> None:
    a = from_text("Title\n\nBy Anna Johnstone\n\nThe singer confirmed the tour.", published=pub.UNKNOWN)
    assert a.author == "Anna Johnstone"
    assert [(r.text, r.reason) for r in a.removed] == [("By Anna Johnstone", "byline or contributor credit")]


def test_read_next_block_is_teaser() -> None:
    raw = (
        "Title\n\nThe model celebrated her birthday in London.\n\nREAD NEXT\n\n"
        "You can now buy her birthday dress\n\nBy Ciara Sheppard\n\nShe wore a chainmail dress, friends said."
    )
    a = from_text(raw, published=pub.UNKNOWN)
    assert [r.reason for r in a.removed] == ["teaser or navigation"] * 3
    assert "birthday dress" not in a.text
    assert a.text.endswith("She wore a chainmail dress, friends said.")


def test_caption_keeps_its_words_and_loses_its_credit() -> None:
    a = from_text(
        "Title\n\nSources say the pair are fighting over a prenup (Photo: Splash News).\n\nMore text follows here.",
        published=pub.UNKNOWN,
    )
    assert "Sources say the pair are fighting over a prenup." in a.text
    assert [(r.text, r.reason) for r in a.removed] == [("(Photo: Splash News)", "photo credit")]


def test_real_articles_false_positives() -> None:
    """The public celebrity and markkula articles: no wrapped sentence tail or source line is removed."""
    from tests.conftest import DATA, need_shared

    celeb = need_shared(DATA / "articles" / "celebrity_perezrosas2018")
    markkula = need_shared(DATA / "attribution" / "markkula-journ-sourcing" / "articles")
    for path in sorted(celeb.glob("*.txt")) + sorted(markkula.glob("*.txt")):
        article = ingest.load_path(path)
        for r in article.removed:
            if r.reason == "bare link":
                continue
            assert not r.text[:1].islower(), (path.name, r)  # a sentence tail cut off a wrapped line
            assert not r.text.upper().startswith("SOURCE:"), (path.name, r)  # sourcing lines stay
    for path in sorted(markkula.glob("*.txt")):
        article = ingest.load_path(path)
        assert article.title, path.name
        assert article.published.how == "metadata", path.name
        assert not article.text.startswith(("Headline:", "Title:", "=====")), path.name
    meta = ingest.load_path(next(markkula.glob("35-*.txt")))
    assert "main business: digital advertising." in meta.text


def test_wrapped_text_does_not_glue_a_sentence_to_residue() -> None:
    wrapped = [
        "The university said on Tuesday that the students had been suspended for the rest of",
        "the term and that the charges against them would stand while the review continued.",
        "Protesters set up tents on the lawn outside the library early on Monday morning and",
        "refused to leave when they were asked to by campus police officers and staff members.",
        "RELATED | Statement on the federal task force review of the campus protest policies",
        "Police shut down the protest within hours and arrested about thirty protesters there.",
        "A spokesperson for the group said the students would appeal against the suspensions",
        "and asked the university to drop every charge against the people who were arrested.",
    ]
    a = from_text("Title\n\n" + "\n".join(wrapped), published=pub.UNKNOWN)
    assert [r.text for r in a.removed] == [wrapped[4]]
    assert "Police shut down the protest within hours and arrested about thirty protesters there." in a.text
    assert "suspended for the rest of the term" in a.text
