"""Claims: clause units, status from cues and reporting verbs, nested chains, sourcing figures."""

from __future__ import annotations

import pytest

import rumormill
from rumormill.records import Claim, Ledger
from rumormill.report.json import validate


def _claim(ledger: Ledger, words: str) -> Claim:
    found = [c for c in ledger.claims if words in c.text]
    assert found, (words, [c.text for c in ledger.claims])
    return found[0]


def _kind(ledger: Ledger, sid: str) -> str:
    return next(s.kind for s in ledger.sources if s.id == sid)


def _label(ledger: Ledger, sid: str) -> str:
    return next(s.label for s in ledger.sources if s.id == sid)


def _analyze(body: str) -> Ledger:
    return rumormill.analyze_text("A headline for the test\n\n" + body)


# --------------------------------------------------------------------------- the seed article
def test_seed_as_per_us_weekly_is_reported_via_the_outlet(seed_ledger: Ledger) -> None:
    c = _claim(seed_ledger, "separated after 11 years of marriage in August 2023")
    assert c.status == "reported"
    assert _kind(seed_ledger, c.source) == "outlet"
    assert "US Weekly" in _label(seed_ledger, c.source)
    assert any(q.text == "as per" for q in c.cues)


def test_seed_rumoured_alleged_affair(seed_ledger: Ledger) -> None:
    c = _claim(seed_ledger, "alleged affair with")
    assert c.status in ("alleged", "rumoured")
    kinds = {q.kind for q in c.cues}
    assert {"rumour", "allegation"} <= kinds


def test_seed_hinted_to_wsj_is_reported(seed_ledger: Ledger) -> None:
    c = _claim(seed_ledger, "hinted at the impending breakup")
    assert c.status == "reported"
    src = next(s for s in seed_ledger.sources if s.id == c.source)
    assert src.kind == "named" and "Portman" in src.label
    assert "The Wall Street Journal" in c.text


def test_seed_married_in_2012_is_asserted_by_the_author(seed_ledger: Ledger) -> None:
    c = _claim(seed_ledger, "got married in 2012")
    assert c.status == "asserted"
    assert c.source == "S0" and _kind(seed_ledger, "S0") == "author"
    assert [(lk.source, lk.status) for lk in c.chain] == [("S0", "asserted")]
    # a clause, not the whole sentence: the children are another claim
    assert "share a son" not in c.text
    _claim(seed_ledger, "share a son Aleph")


def test_seed_nested_chain_insider_then_portman(seed_ledger: Ledger) -> None:
    c = _claim(seed_ledger, "Ben has been cheating on her for many years")
    assert [lk.status for lk in c.chain] == ["reported", "suspected"]
    assert _kind(seed_ledger, c.chain[0].source) == "anonymous"
    assert "Portman" in _label(seed_ledger, c.chain[1].source)
    assert c.source == c.chain[0].source  # the claim rests on the insider
    assert c.status == "suspected"
    assert c.quote is not None


def test_seed_friends_reportedly_advised(seed_ledger: Ledger) -> None:
    c = next(c for c in seed_ledger.claims if any(q.text == "reportedly" for q in c.cues))
    assert c.status == "reported"
    assert _kind(seed_ledger, c.source) == "group"
    assert c.chain[0].source == "S0" and c.chain[0].status == "reported"


def test_seed_most_claims_rest_on_anonymous_sources(seed_ledger: Ledger) -> None:
    s = seed_ledger.sourcing
    assert s["claims_total"] == len(seed_ledger.claims) > 15
    assert s["share_claims_anonymous_or_group"] > 0.5
    assert sum(s["claims_by_status"].values()) == s["claims_total"]
    assert sum(s["claims_by_source_kind"].values()) == s["claims_total"]
    assert "US Weekly" in s["summary"] and "anonymous" in s["summary"]
    # the quote figures of the sources stage are still there
    assert "quotes_total" in s


def test_seed_one_cue_two_contents_and_no_leak_from_a_heading(seed_ledger: Ledger) -> None:
    # "stating, “…”" introduces a direct quote and, in the next sentence, a mixed one
    c = _claim(seed_ledger, "Natalie and Ben actually started having problems")
    assert _kind(seed_ledger, c.source) == "anonymous" and c.quote is not None
    # the heading "Portman suspected Ben to be ‘cheating …’" is no claim and lends nothing
    before = _claim(seed_ledger, "he’s still very much in their lives")
    assert [lk.status for lk in before.chain] == ["reported"]


def test_seed_headings_and_frames_are_not_claims(seed_ledger: Ledger) -> None:
    heads = [h.span for h in seed_ledger.headings]
    for c in seed_ledger.claims:
        assert not any(hs <= c.span[0] < he for hs, he in heads), c.text
        assert "a source revealed" not in c.text
    assert not any(c.text.startswith("A second insider sheds light") for c in seed_ledger.claims)


def test_seed_claims_are_consistent_with_the_ledger(seed_ledger: Ledger) -> None:
    text = seed_ledger.text
    src = {s.id for s in seed_ledger.sources}
    ents = {e.id for e in seed_ledger.entities}
    times = {t.id: t for t in seed_ledger.times}
    quotes = {q.id for q in seed_ledger.quotes}
    for k, c in enumerate(seed_ledger.claims, 1):
        assert c.id == f"C{k}"
        assert text[c.span[0] : c.span[1]] == c.text
        assert c.source in src and all(lk.source in src for lk in c.chain)
        assert set(c.entities) <= ents and (c.quote is None or c.quote in quotes)
        for tid in c.times:
            assert c.span[0] <= times[tid].span[0] and times[tid].span[1] <= c.span[1]
        for q in c.cues:
            assert text[q.span[0] : q.span[1]] == q.text
    validate(seed_ledger.to_dict())


def test_seed_times_linked(seed_ledger: Ledger) -> None:
    if not seed_ledger.times:
        pytest.skip("the time stage is not in the pipeline")
    c = _claim(seed_ledger, "got married in 2012")
    assert any(t.id in c.times and t.text == "2012" for t in seed_ledger.times)


def test_seed_markdown_section(seed_ledger: Ledger) -> None:
    from rumormill.report.markdown import render

    md = render(seed_ledger)
    assert "## What is claimed" in md
    section = md.split("## What is claimed", 1)[1]
    assert "chain:" in section and "A second insider" in section
    assert seed_ledger.sourcing["summary"] in section


# --------------------------------------------------------------------------- constructed cases
@pytest.mark.parametrize(
    ("body", "words", "status"),
    [
        ("A rep for the star denied the report on Monday.", "denied the report", "denied"),
        ("A spokesperson for Portman denied that the couple had split in Paris.", "the couple had split", "denied"),
        ("If the couple reconciles, they will renew their vows in Paris.", "renew their vows", "hypothetical"),
        ("Natalie Portman is hoping to have a fresh start in 2024.", "fresh start in 2024", "intended"),
        ("Portman may return to Paris next year.", "return to Paris", "speculated"),
        ("Portman returned to Paris in May 2023.", "returned to Paris", "asserted"),
        ("Portman reportedly left Paris in June.", "left Paris", "reported"),
        ("Rumors swirled that Portman had left Paris in June.", "left Paris", "rumoured"),
        ("Millepied allegedly cheated on Portman in 2022.", "cheated on Portman", "alleged"),
        ("It appears that Portman left Paris in June.", "left Paris", "speculated"),
        # an intention verb needs a clausal complement and must be the clause's predicate
        ("Brad wished her a happy birthday in February.", "wished her", "asserted"),
        ("However, anyone hoping that Bren is going to happen again will be sorely disappointed.",
         "will be sorely disappointed", "asserted"),
    ],
)
def test_status(body: str, words: str, status: str) -> None:
    assert _claim(_analyze(body), words).status == status


def test_question_is_speculated_and_not_checkable() -> None:
    ledger = _analyze("Is Jennifer Lopez, 47, the one for Alex Rodriguez? Lopez dined in Paris on Friday.")
    q = _claim(ledger, "Jennifer Lopez")
    assert q.status == "speculated" and not q.checkable
    assert any(c.kind == "question" for c in q.cues)
    assert _claim(ledger, "dined in Paris").status == "asserted"


def test_according_to_frame_stays_out_of_the_claim() -> None:
    ledger = _analyze("According to US Weekly, Brad reached out to Jen in February.")
    c = _claim(ledger, "reached out to Jen")
    assert "Weekly" not in c.text and "According" not in c.text
    assert _kind(ledger, c.source) == "outlet" and c.status == "reported"


def test_denial_rests_on_the_representative() -> None:
    ledger = _analyze("A spokesperson for Portman denied that the couple had split in Paris.")
    c = _claim(ledger, "the couple had split")
    assert c.chain[-1].status == "denied" and c.source != "S0"
    assert "denied" in ledger.sourcing["summary"]


def test_negation() -> None:
    ledger = _analyze("Portman did not attend the premiere in Paris. Millepied attended the premiere in Paris.")
    assert _claim(ledger, "did not attend").negated
    assert any(q.kind == "negation" for q in _claim(ledger, "did not attend").cues)
    assert not _claim(ledger, "Millepied attended").negated


def test_cue_outside_the_clause_does_not_change_it() -> None:
    ledger = _analyze("Portman married Millepied in 2012, and fans speculated that the couple might split.")
    married = _claim(ledger, "married Millepied in 2012")
    assert married.status == "asserted" and married.source == "S0"
    assert not married.cues
    split = _claim(ledger, "might split")
    assert split.status == "speculated"
    assert "married" not in split.text


def test_nested_chain_constructed() -> None:
    ledger = _analyze("The insider claimed Portman suspected that Ben had been cheating on her.")
    c = _claim(ledger, "Ben had been cheating")
    assert [lk.status for lk in c.chain] == ["reported", "suspected"]
    assert _kind(ledger, c.chain[0].source) == "anonymous"
    assert _kind(ledger, c.chain[1].source) == "named"


def test_opinion_is_not_checkable() -> None:
    ledger = _analyze("“She is incredibly smart,” a source said. Portman moved to Paris in 2023.")
    assert not _claim(ledger, "incredibly smart").checkable
    assert _claim(ledger, "moved to Paris in 2023").checkable


def test_claims_without_the_sources_stage_rest_on_an_author_source() -> None:
    from rumormill import ingest
    from rumormill.nlp.model import parse
    from rumormill.pipeline import State
    from rumormill.stages import claims, entities

    article = ingest.load_text("Title line\n\nPortman reportedly left Paris, a source told People.", kind="text")
    state = State(article=article, parse=parse(article.text), published=article.published)
    entities.run(state)
    claims.run(state)
    assert [s.id for s in state.sources if s.kind == "author"] == ["S0"]
    ids = {s.id for s in state.sources}
    assert state.claims and all(c.source in ids and all(lk.source in ids for lk in c.chain) for c in state.claims)
    assert _status_of(state.claims, "left Paris") == "reported"


def test_nested_chain_without_the_sources_stage_names_only_the_person() -> None:
    from rumormill import ingest
    from rumormill.nlp.model import parse
    from rumormill.pipeline import State
    from rumormill.stages import claims, entities

    text = "Title line\n\nThe insider claimed Natalie Portman suspected that Ben had been cheating on her."
    article = ingest.load_text(text, kind="text")
    state = State(article=article, parse=parse(article.text), published=article.published)
    entities.run(state)
    claims.run(state)
    c = next(c for c in state.claims if "cheating" in c.text)
    portman = next(s for s in state.sources if s.label == "Natalie Portman")
    assert portman.kind == "named" and portman.entity is not None and portman.id == "S1"
    assert [(lk.source, lk.status) for lk in c.chain] == [("S0", "reported"), ("S1", "suspected")]
    assert c.source == "S0"  # the unnamed insider is not guessed: the article relays it


def _status_of(claims: list[Claim], words: str) -> str:
    return next(c.status for c in claims if words in c.text)


def test_summary_line_counts() -> None:
    from rumormill.epistemic.summary import summary
    from rumormill.records import ChainLink, Source

    srcs = {
        "S0": Source(id="S0", kind="author", label="the author", entity=None, via=(), spans=()),
        "S1": Source(id="S1", kind="anonymous", label="a source", entity=None, via=("S2",), spans=()),
        "S2": Source(id="S2", kind="outlet", label="US Weekly", entity=None, via=(), spans=()),
        "S3": Source(id="S3", kind="named", label="a rep", entity=None, via=(), spans=()),
    }

    def c(i: int, src: str, status: str) -> Claim:
        return Claim(id=f"C{i}", span=(0, 1), text="x", source=src, status=status,
                     chain=(ChainLink(source=src, status=status),), cues=(), negated=False, entities=(), times=(),
                     quote=None, checkable=True)

    line = summary([c(1, "S1", "reported"), c(2, "S1", "reported"), c(3, "S3", "denied"), c(4, "S0", "asserted")], srcs)
    assert line.startswith("2 of 4 claims rest on 1 anonymous source relayed through US Weekly")
    assert "1 is denied (by a named source)" in line


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        ("x “she’s gone.” y", (2, 13), (2, 15)),  # a closing mark after the period is taken in
        ("x she’s gone, isn’t she y", (2, 24), (2, 24)),  # apostrophes are not quote marks
        ("a “b c” d", (3, 7), (2, 7)),  # a dangling closing mark takes in its opening one
    ],
)
def test_quote_balance(text: str, span: tuple[int, int], expected: tuple[int, int]) -> None:
    from rumormill.epistemic.tree import balance_quotes

    assert balance_quotes(text, *span) == expected
