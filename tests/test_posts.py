"""Social posts whose text stands in the article: the poster, not the author, says those words."""

from __future__ import annotations

import rumormill
from rumormill.ingest import html, load_text
from rumormill.ingest import published as pub

_TEXT = """Fans think the singer is dating again

The rumours started on Friday night after a video went viral.

Mara Quinn has not commented. Fans did not hold back.

can't believe mara quinn is dating a tennis player pic.twitter.com/AbCdEf12 - jo (@jojo_fan) March 3, 2024

When insiders are saying the couple met in Paris but you knew it all along
— Sam Lee (@samlee) March 3, 2024

Her publicist said the reports were "false."
"""


def _by_id(ledger):  # type: ignore[no-untyped-def]
    return {s.id: s for s in ledger.sources}


def test_flattened_posts_are_embeds_with_spans() -> None:
    a = load_text(_TEXT)
    posts = [e for e in a.embeds if e.platform == "x"]
    assert [(e.author, e.handle) for e in posts] == [("jo", "jojo_fan"), ("Sam Lee", "samlee")]
    for e in posts:
        assert e.span is not None and a.text[e.span[0]:e.span[1]] == e.caption
    assert posts[0].caption == "can't believe mara quinn is dating a tennis player"
    # the signature on its own line joined the post above it, and stays in the text as evidence
    assert "you knew it all along — Sam Lee (@samlee) March 3, 2024" in a.text
    assert ("pic.twitter.com/AbCdEf12", "bare link") in [(r.text, r.reason) for r in a.removed]
    assert "pic.twitter.com" not in a.text


def test_posts_are_direct_quotes_of_their_posters() -> None:
    ledger = rumormill.analyze(load_text(_TEXT))
    by_id = _by_id(ledger)
    a = ledger
    posts = [e for e in a.embeds if e.platform == "x"]
    for e in posts:
        q = next(q for q in ledger.quotes if q.span == e.span)
        assert q.kind == "direct"
        src = by_id[q.source]
        assert src.kind == "named" and e.handle and f"(@{e.handle})" in src.label
        assert [by_id[v].label for v in src.via] == ["X"]
        assert src.spans and ledger.text[src.spans[0][0]:src.spans[0][1]].endswith(f"(@{e.handle})")
    # the claims inside a post are the poster's, outermost, even around an attribution of their own
    met = next(c for c in ledger.claims if "met in Paris" in c.text)
    assert "(@samlee)" in by_id[met.source].label
    assert "(@samlee)" in by_id[met.chain[0].source].label
    assert any(by_id[link.source].kind == "group" for link in met.chain[1:])
    dating = next(c for c in ledger.claims if "tennis player" in c.text)
    assert "(@jojo_fan)" in by_id[dating.source].label


def test_a_signature_without_post_text_is_not_a_post() -> None:
    a = load_text("Title\n\nSome body text here.\n\nOk - jo (@jojo_fan) March 3, 2024\n")
    assert not [e for e in a.embeds if e.span]


_PAGE = """<html><head><title>Senator posts letter</title></head><body><article>
<h1>Senator posts letter</h1>
<p>The senator shared her letter with the court on Monday, and her office confirmed it was sent.</p>
<p>The letter asks for a lenient sentence for the man who threatened her, which surprised many
observers in the capital and drew comment from both parties over the weekend.</p>
<blockquote class="twitter-tweet"><p>Sharing my full letter on the sentencing of a man convicted of threatening my life.</p>
<p>We must apply a system of compassion to criminal justice.</p>
&mdash; Rep. Ana Ortiz (@anaortiz) <a href="https://twitter.com/anaortiz/status/123">November 26, 2019</a></blockquote>
<p>In a statement, her office said the senator wanted "compassion" to win, and that a system of
compassion to criminal justice is what she has long stood for in her work.</p>
<p>The man will be sentenced next month, the court said in a filing released on Tuesday.</p>
</article></body></html>"""


def test_page_embed_located_in_the_text() -> None:
    a = html.from_html(_PAGE, published=None)
    (e,) = a.embeds
    assert e.handle == "anaortiz" and e.author == "Rep. Ana Ortiz"
    assert e.span is not None  # the extractor keeps this post's two paragraphs in the body
    got = a.text[e.span[0]:e.span[1]]
    assert got.startswith("Sharing my full letter") and got.endswith("criminal justice.")


def test_partial_quote_of_a_post_is_not_the_post() -> None:
    from rumormill.ingest.text import from_text
    from rumormill.records import Embed

    caption = "We must apply a system of compassion to criminal justice."
    embed = Embed(platform="x", author="Ana", handle="ana", url=None, caption=caption)
    a = from_text("Title\n\nShe wrote that " + caption + " Critics disagreed.\n\nMore text here.",
                  published=pub.UNKNOWN, embeds=(embed,))
    assert a.embeds[0].span is None


def test_a_poster_the_article_names_is_one_source() -> None:
    text = ("Posts about the smog\n\nArvind Kejriwal, the chief minister, has spoken about the smog many times. "
            "Joshua Apte, an engineer, studies the air.\n\n"
            "Delhi has turned into a gas chamber due to smoke from crop burning "
            "— Arvind Kejriwal (@ArvindKejriwal) November 1, 2019\n\n"
            "The air quality in Delhi was horrific on Sunday — Josh Apte (@joshapte) November 3, 2019\n\n"
            "Apte said the haze would return next year.")
    ledger = rumormill.analyze(load_text(text))
    by_id = _by_id(ledger)
    persons = {e.name for e in ledger.entities if e.type == "PERSON"}
    assert "Josh Apte" not in persons and "Joshua Apte" in persons
    named = sorted(s.label for s in ledger.sources if s.kind == "named")
    assert named == ["Arvind Kejriwal (@ArvindKejriwal)", "Joshua Apte (@joshapte)"]
    gas = next(q for q in ledger.quotes if "gas chamber" in ledger.text[q.span[0]:q.span[1]])
    assert by_id[gas.source].entity is not None and [by_id[v].label for v in by_id[gas.source].via] == ["X"]
    haze = next(q for q in ledger.quotes if "haze would return" in ledger.text[q.span[0]:q.span[1]])
    assert haze.source == next(s.id for s in ledger.sources if s.label.startswith("Joshua Apte"))
