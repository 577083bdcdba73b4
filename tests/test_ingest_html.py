"""The HTML path: trafilatura body and metadata, embeds read before extraction, residue out."""

from __future__ import annotations

from pathlib import Path

import pytest

from rumormill import ingest
from rumormill.errors import InputError
from rumormill.ingest.html import from_html

FIXTURES = Path(__file__).parent / "fixtures"


def _page(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_instagram_embed_caption_kept_and_residue_out() -> None:
    a = from_html(_page("instagram_embed.html"))
    (embed,) = a.embeds
    assert embed.platform == "instagram"
    assert embed.author == "Marla Quint" and embed.handle == "marlaquint"
    assert embed.caption.startswith("Some chapters end so better ones can begin.")
    assert embed.url and "instagram.com/p/C4aBcDeFgHi" in embed.url
    for residue_line in (
        "View this post on Instagram",
        "A post shared by",
        "Credits: Instagram",
        "Marla Quint Theo Varga",
        "PHOTOS:",
        "Advertisement",
        "Read more:",
        "Sign up for",
    ):
        assert residue_line not in a.text
    reasons = {r.text: r.reason for r in a.removed}
    assert reasons["Credits: Instagram"] == "photo credit"
    assert reasons["Marla Quint Theo Varga"] == "caption: names only"
    assert reasons["Advertisement"] == "teaser or navigation"
    assert "denied reports that the actress had asked for primary custody" in a.text


def test_metadata_title_author_date() -> None:
    a = from_html(_page("instagram_embed.html"))
    assert a.title == "Marla Quint opens up about her split from Theo Varga"
    assert a.author == "Dana Whitfield"
    assert (a.published.value, a.published.how) == ("2024-03-12", "metadata")
    assert not a.text.startswith(a.title)  # the repeated headline went to `removed`
    given = from_html(_page("instagram_embed.html"), published="2024-03-11")
    assert (given.published.value, given.published.how) == ("2024-03-11", "given")


def test_tweet_embed() -> None:
    a = from_html(_page("twitter_embed.html"))
    (embed,) = a.embeds
    assert (embed.platform, embed.author, embed.handle) == ("x", "Juno Park", "junopark")
    assert embed.caption == "No ring, no engagement, no idea where this came from. Please stop sharing it 🙏"
    assert embed.url == "https://twitter.com/junopark/status/1720000000000000000"
    # the post's text stays in the article with its signature (the evidence of who posted it); the
    # embed's span points at the text, and the photo link is removed
    assert embed.span is not None
    assert a.text[embed.span[0]:embed.span[1]] == embed.caption
    assert a.text[embed.span[1]:].startswith(" — Juno Park (@junopark) November 1, 2023")
    assert ("pic.twitter.com/AbC123xYz", "bare link") in [(r.text, r.reason) for r in a.removed]


def test_tiktok_embed() -> None:
    a = from_html(_page("tiktok_embed.html"))
    (embed,) = a.embeds
    assert (embed.platform, embed.handle) == ("tiktok", "bexmoreau")
    assert embed.caption == "guess who made me breakfast 👀 #fyp"


def test_paragraph_spans() -> None:
    a = from_html(_page("twitter_embed.html"))
    assert a.paragraphs
    for s, e in a.paragraphs:
        assert a.text[s:e].strip() == a.text[s:e] and a.text[s:e]


@pytest.mark.parametrize(
    "html",
    [
        "<html><body>" + "<div>" * 5000 + "<p>deep</p>" + "</div>" * 5000 + "</body></html>",
        "<html><body><p title='" + "x" * 500_000 + "'>" + "The statement was issued on Monday. " * 20 + "</p></body></html>",
        "<html><body><p>Unclosed <b>bold <i>italic <div><p>" + "Words in a broken page. " * 30 + "<p>More</body",
        "<html><body><script>" + "var x = 1;" * 5000 + "</script><p>" + "Text after the script. " * 20 + "</p></body></html>",
        "<<<>>><html<body>></p></div></article>",
    ],
)
def test_hostile_html_does_not_crash(html: str) -> None:
    try:
        a = ingest.load_text(html, kind="html")
    except InputError as exc:
        assert str(exc)
    else:
        assert "<script" not in a.text and "var x" not in a.text


def test_older_instagram_embed_without_handle_in_text() -> None:
    import lxml.html

    from rumormill.ingest.html import read_embeds

    html = (
        '<html><body><blockquote class="instagram-media" data-instgrm-captioned '
        'data-instgrm-permalink="https://www.instagram.com/p/XYZ/"><div>'
        '<p><a href="https://www.instagram.com/p/XYZ/">Date night 🖤</a></p>'
        '<p>A post shared by <a href="https://www.instagram.com/natalieportman/">Natalie Portman</a> on '
        '<time datetime="2018-05-01T17:00:00+00:00">May 1, 2018 at 10:00am PDT</time></p>'
        "</div></blockquote></body></html>"
    )
    (embed,) = read_embeds(lxml.html.fromstring(html))
    assert (embed.author, embed.handle, embed.caption) == ("Natalie Portman", "natalieportman", "Date night 🖤")


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Simple Hiking Survival Kit (with Kids) - The Anti-June Cleaver", "The Anti-June Cleaver",
         "Simple Hiking Survival Kit (with Kids)"),
        ("Attorney General investigating WeWork – TechCrunch", "TechCrunch", "Attorney General investigating WeWork"),
        ("Light Festival review | Inexhibit", "Inexhibit magazine", "Light Festival review"),
        ("Vibe | Jay-Z talks", "Vibe", "Jay-Z talks"),
        ("Jay-Z - the rapper speaks", "Vibe", "Jay-Z - the rapper speaks"),
        ("Headline only", None, "Headline only"),
    ],
)
def test_site_name_is_dropped_from_the_title(title: str, site: str | None, expected: str) -> None:
    from rumormill.ingest.html import clean_title

    assert clean_title(title, site) == expected
