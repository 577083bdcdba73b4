"""The static HTML report: highlighting (nested/overlapping spans), escaping, charts, offline."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser

import pytest

from rumormill.records import (
    ChainLink,
    Check,
    Claim,
    Entity,
    Heading,
    Ledger,
    Published,
    Quote,
    Removed,
    Source,
    Time,
    TimelineEntry,
)
from rumormill.report import render
from rumormill.report.highlight import Mark, highlight
from rumormill.report.svg import bar_chart, period

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="alert(1)"> <a href="javascript:alert(2)">x</a>'
TEXT = ("Star splits\n\nA source told Us Weekly that “she is done with him,” and the insider added more. "
        "Friends say “it was over long ago”. The couple married in 2012 and split in August 2023. " + HOSTILE)


def _sp(s: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(s, i + 1)
    return i, i + len(s)


def _claim(cid: str, span: tuple[int, int], source: str, status: str, **kw: object) -> Claim:
    base: dict[str, object] = {"chain": (), "cues": (), "negated": False, "entities": (), "times": (),
                               "quote": None, "checkable": True}
    base.update(kw)
    return Claim(id=cid, span=span, text=TEXT[span[0]:span[1]], source=source, status=status, **base)  # type: ignore[arg-type]


def make_ledger(**overrides: object) -> Ledger:
    fields: dict[str, object] = {
        "id": "0123456789abcdef",
        "title": 'Star <b onmouseover="alert(3)">splits</b>',
        "published": Published(value=None, earliest="2023-09-01", latest="2024-06-30", how="inferred",
                               reason="latest past date August 2023"),
        "text": TEXT,
        "headings": (Heading(text="Star splits", span=_sp("Star splits")),),
        "removed": (Removed(text="<iframe src=https://evil.example/>", reason="photo credit"),),
        "embeds": (),
        "entities": (Entity(id="E1", name="Us Weekly", type="OUTLET", aliases=(), spans=(_sp("Us Weekly"),)),),
        "sources": (
            Source(id="S0", kind="author", label="the article", entity=None, via=(), spans=()),
            Source(id="S1", kind="anonymous", label="A source", entity=None, via=("S2",),
                   spans=(_sp("A source"), _sp("the insider"))),
            Source(id="S2", kind="outlet", label="Us Weekly", entity="E1", via=(), spans=(_sp("Us Weekly"),)),
            Source(id="S3", kind="group", label="Friends", entity=None, via=(), spans=(_sp("Friends"),)),
        ),
        "quotes": (
            Quote(id="Q1", kind="direct", span=_sp("she is done with him,"), source="S1", cue="told",
                  cue_span=_sp("told"), paragraph=1),
            Quote(id="Q2", kind="direct", span=_sp("it was over long ago"), source="S3", cue="say",
                  cue_span=_sp("say"), paragraph=1),
        ),
        "claims": (
            # starts inside quote Q1 and ends after it: overlapping, not nested
            _claim("C1", _sp("done with him,” and the insider added more"), "S1", "reported",
                   chain=(ChainLink(source="S1", status="reported"),), quote="Q1"),
            _claim("C2", _sp("The couple married in 2012"), "S0", "asserted", times=("T1",)),
            _claim("C3", _sp("split in August 2023"), "S0", "asserted", times=("T2",)),
        ),
        "times": (
            Time(id="T1", span=_sp("2012"), text="2012", type="DATE", value="2012", mod=None, anchor=None,
                 vague=False),
            Time(id="T2", span=_sp("August 2023"), text="August 2023", type="DATE", value="2023-08", mod=None,
                 anchor=None, vague=False),
        ),
        "timeline": (
            TimelineEntry(earliest="2012", latest="2012", times=("T1",), claims=("C2",), label="married in 2012"),
            TimelineEntry(earliest="2023-08", latest="2023-08", times=("T2",), claims=("C3",),
                          label="split <b>in August 2023</b>"),
        ),
        "checks": (Check(kind="date", status="contradiction", detail="the split is given two dates",
                         evidence=("C3", "T2")),),
        "sourcing": {"summary": "1 of 3 claims rests on 1 anonymous source relayed through Us Weekly"},
    }
    fields.update(overrides)
    return Ledger(**fields)  # type: ignore[arg-type]


class _Tree(HTMLParser):
    """Checks that the HTML is well nested and collects the visible text of #article-text."""

    VOID = frozenset({"meta", "link", "br", "input", "img", "hr", "rect", "line", "path", "circle"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.scripts = 0
        self.handlers: list[str] = []
        self.text_depth = 0
        self.hidden_depth = 0
        self.article_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts += 1
        self.handlers += [k for k, _ in attrs if k.startswith("on")]
        if tag in self.VOID:
            return
        self.stack.append(tag)
        cls = dict(attrs).get("class") or ""
        if dict(attrs).get("id") == "article-text":
            self.text_depth = len(self.stack)
        elif self.text_depth and ("lbl" in cls.split() or "tip" in cls.split()) and not self.hidden_depth:
            self.hidden_depth = len(self.stack)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers += [k for k, _ in attrs if k.startswith("on")]

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        if self.hidden_depth == len(self.stack):
            self.hidden_depth = 0
        if self.text_depth == len(self.stack):
            self.text_depth = 0
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.text_depth and not self.hidden_depth:
            self.article_text.append(data)


def _parse(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    assert tree.stack == [], tree.stack
    return tree


@pytest.fixture(scope="module")
def page() -> str:
    return render(make_ledger(), "html")


def test_text_is_exactly_the_clean_text(page: str) -> None:
    tree = _parse(page)
    # Labels and tooltips aside, the marked-up text reads as the clean text, character for character.
    assert "".join(tree.article_text) == TEXT


def test_hostile_text_is_escaped(page: str) -> None:
    tree = _parse(page)
    assert tree.scripts == 0
    assert tree.handlers == []
    assert 'href="javascript:' not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "&lt;b onmouseover=" in page  # title
    assert "&lt;iframe" in page  # residue


def test_quotes_and_mentions_labelled_by_kind(page: str) -> None:
    q1 = re.search(r'<mark class="quote k-anonymous"[^>]*data-quote="Q1"[^>]*>(.*?)</mark>', page)
    assert q1 is not None
    assert 'tabindex="0"' in q1.group(0) and 'aria-describedby="tip-Q1"' in q1.group(0)
    assert '<span class="lbl">anonymous quote</span>' in q1.group(1)
    tip = re.search(r'<span class="tip" role="tooltip" id="tip-Q1">([^<]*)</span>', page)
    assert tip is not None
    assert "A source (anonymous)" in tip.group(1)
    assert "Us Weekly" in tip.group(1)  # the chain
    assert "status: reported" in tip.group(1)
    assert '<mark class="quote k-group"' in page
    assert re.search(r'<mark class="mention k-outlet"[^>]*><span class="lbl">outlet</span>Us Weekly</mark>', page)
    assert page.count('data-source="S1" data-kind="anonymous" title=') == 2  # both mentions of S1


def test_claims_marked_with_status(page: str) -> None:
    assert re.search(r'<span class="claim st-reported" id="item-C1" data-claim="C1"[^>]*><span class="lbl">reported</span>', page)
    assert page.count('data-claim="C2"') == 1
    # C1 overlaps Q1: Q1 is split, its continuation piece carries no second label or tooltip
    assert page.count('id="tip-Q1"') == 1


@pytest.mark.parametrize(("marks", "expected"), [
    # disjoint
    ([(0, 2, "a"), (3, 5, "b")], '<span class="a">ab</span>c<span class="b">de</span>f'),
    # nested: the longer opens first
    ([(1, 4, "in"), (0, 6, "out")], '<span class="out">a<span class="in">bcd</span>ef</span>'),
    # overlapping: the first is closed and reopened as a continuation piece
    ([(0, 4, "a"), (2, 6, "b")],
     '<span class="a">ab<span class="b">cd</span></span><span class="b cont">ef</span>'),
    # same start, different ends
    ([(0, 3, "a"), (0, 5, "b")], '<span class="b"><span class="a">abc</span>de</span>f'),
    # out-of-range and empty marks are ignored
    ([(4, 3, "x"), (0, 99, "y"), (2, 2, "z")], "abcdef"),
])
def test_highlight_nesting(marks: list[tuple[int, int, str]], expected: str) -> None:
    out = highlight("abcdef", [Mark(s, e, "claim", c) for s, e, c in marks])
    assert str(out) == expected


def test_highlight_escapes_every_piece() -> None:
    text = "<b>&</b>"
    out = str(highlight(text, [Mark(1, 6, "mention", 'x" onclick="y', label="<i>")]))
    assert out == '&lt;<mark class="x&#34; onclick=&#34;y"><span class="lbl">&lt;i&gt;</span>b&gt;&amp;&lt;/</mark>b&gt;'


def test_charts_and_timeline(page: str) -> None:
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(svgs) == 4  # claims by kind, claims by status, quotes by kind, timeline
    for s in svgs:
        ET.fromstring(s)  # well-formed XML
    timeline = next(s for s in svgs if 'class="timeline"' in s)
    assert timeline.count('class="tbar') == 2
    assert 'class="tbar flag"' in timeline  # the contradiction's evidence is flagged
    assert "split &lt;b&gt;in August 2023&lt;/b&gt;" in timeline
    assert 'class="pubband"' in timeline  # inferred: the interval is drawn
    assert "published between 2023-09-01 and 2024-06-30 (inferred)" in timeline
    assert "⚠ 1 contradiction in the article." in page


def test_given_date_is_a_line_not_a_band() -> None:
    page = render(make_ledger(published=Published(value="2024-01-15", earliest="2024-01-15",
                                                  latest="2024-01-15", how="given", reason=None)), "html")
    timeline = re.search(r'<svg class="timeline".*?</svg>', page, flags=re.S)
    assert timeline is not None
    assert 'class="publine"' in timeline.group(0) and 'class="pubband"' not in timeline.group(0)


def test_empty_ledger_says_none_found() -> None:
    page = render(make_ledger(sources=(), quotes=(), claims=(), times=(), timeline=(), checks=(), entities=(),
                              removed=(), sourcing={}, headings=(),
                              published=Published(value=None, earliest=None, latest=None, how="unknown",
                                                  reason=None)), "html")
    _parse(page)
    for note in ("No sources found.", "No quotes found.", "No claims found.", "No timeline entries found.",
                 "No checks found.", "No entities found.", "Nothing was removed.", "no outlets found"):
        assert note in page, note
    assert "<svg" not in page


def test_no_external_resources(page: str) -> None:
    # Outside the escaped article text, nothing points at the network.
    without_text = re.sub(r'<div class="text" id="article-text">.*?</div>', "", page, flags=re.S)
    without_text = without_text.replace("&lt;iframe src=https://evil.example/&gt;", "")
    assert "http://" not in without_text and "https://" not in without_text
    assert not re.search(r"""(src|href)\s*=\s*["']?(?!#|data:)[^"'\s>]+""", without_text)
    assert "Content-Security-Policy" in page and "default-src &#39;none&#39;" in page


@pytest.mark.parametrize(("value", "start", "end"), [
    ("2023", date(2023, 1, 1), date(2023, 12, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2024-01-15", date(2024, 1, 15), date(2024, 1, 15)),
    ("2024-W03", date(2024, 1, 15), date(2024, 1, 21)),
    ("2023-Q4", date(2023, 10, 1), date(2023, 12, 31)),
    ("2023-WI", date(2023, 12, 1), date(2024, 2, 29)),
    ("PAST_REF", None, None),
    ("P11Y", None, None),
    ("2023-13", None, None),
])
def test_period(value: str, start: date | None, end: date | None) -> None:
    assert period(value) == start
    assert period(value, end=True) == end


def test_bar_chart_escapes_and_counts() -> None:
    svg = str(bar_chart("Claims <by> kind", {"anonymous": 3, "<x>": 1, "zero": 0}, "k-"))
    ET.fromstring(svg)
    assert "total 4" in svg and "&lt;x&gt;" in svg and "zero" not in svg
    assert svg.index(">anonymous</text>") < svg.index(">&lt;x&gt;</text>")  # largest first


def test_real_ledgers_render_cleanly() -> None:
    """Ledgers from the real stages (overlapping mentions, quotes, claims) render well nested, text intact."""
    import rumormill
    from tests.conftest import DATA, need_shared

    celeb = need_shared(DATA / "articles" / "celebrity_perezrosas2018")
    files = sorted(celeb.glob("celeb_*.txt"))[:6]
    assert files
    for path in files:
        ledger = rumormill.analyze_path(str(path))
        tree = _parse(render(ledger, "html"))
        assert "".join(tree.article_text) == ledger.text, path.name
        assert tree.scripts == 0 and tree.handlers == []
