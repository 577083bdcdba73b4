"""Attribution rules of the fourth round (raising PolNeAR cue recall), on small constructed sentences."""

from __future__ import annotations

import rumormill


def _attributions(text: str) -> list[dict]:  # type: ignore[type-arg]
    from rumormill.nlp.model import parse
    from rumormill.stages.sources import analyze_plain

    return analyze_plain(text, parse(text)).scratch["attributions"]  # type: ignore[no-any-return]


def _span(text: str, sp) -> str | None:  # type: ignore[no-untyped-def]
    return text[sp[0] : sp[1]] if sp else None


def test_speech_verb_about_a_topic_takes_the_preposition_and_its_object() -> None:
    text = "Karadsheh spoke about how the consulate had been looted."
    (a,) = _attributions(text)
    assert _span(text, a["cue_span"]) == "spoke about"
    assert _span(text, a["content_span"]) == "how the consulate had been looted"
    assert _span(text, a["source_span"]) == "Karadsheh"


def test_a_colon_at_the_end_of_a_paragraph_introduces_the_quote_in_the_next() -> None:
    ledger = rumormill.analyze_text(
        "Headline\n\nCruz continued:\n\n“You look at the questions. They are bad.”\n\nMore text here.")
    q = next(x for x in ledger.quotes if "You look at the questions" in ledger.text[x.span[0] : x.span[1]])
    by_id = {s.id: s for s in ledger.sources}
    assert q.cue == "continued:" and q.source is not None and by_id[q.source].label == "Cruz"


def test_a_weak_verb_conjoined_to_the_content_stays_in_it() -> None:
    text = "The spokesman said the candidate has always run a lean campaign and will continue to do so."
    said = next(a for a in _attributions(text) if a["cue_lemma"] == "say")
    assert _span(text, said["content_span"]) == "the candidate has always run a lean campaign and will continue to do so"


def test_a_fronted_poll_is_the_source_of_its_finding() -> None:
    text = "In a CNN poll released Monday, Clinton led Trump by eight points."
    (a,) = _attributions(text)
    assert _span(text, a["cue_span"]) == "In"
    assert _span(text, a["source_span"]) == "a CNN poll released Monday"
    assert _span(text, a["content_span"]) == "Clinton led Trump by eight points"
    # a poll that is not fronted, and a medium of a reporting verb, are not findings of their own
    text = "Clinton has been mired in single digits in polls for months."
    assert not any(a["cue_lemma"] == "in" for a in _attributions(text))
    text = "In a report released Monday, the agency said the economy grew."
    assert not any(a["cue_lemma"] == "in" for a in _attributions(text))


def test_lead_verbs_and_adjectives_before_the_reporting_verb_are_in_the_cue() -> None:
    text = "Cruz went on to endorse the plan that Trump had proposed."
    (a,) = _attributions(text)
    assert _span(text, a["cue_span"]) == "went on to endorse" and _span(text, a["source_span"]) == "Cruz"
    text = "Cruz was quick to point out that the plan had failed."
    (a,) = _attributions(text)
    assert _span(text, a["cue_span"]) == "was quick to point out" and _span(text, a["source_span"]) == "Cruz"
    assert _span(text, a["content_span"]) == "that the plan had failed"


def test_a_transcript_turn_with_an_indirect_quote_record_does_not_hide_the_cues_inside_it() -> None:
    from rumormill.evaluation.polnear import predict

    text = "A: I think the plan will work."
    turn = {"source_span": (0, 1), "cue_span": (1, 2), "cue_lemma": ":", "content_span": (3, 29), "quote": "Q1",
            "kind": "indirect"}
    inner = {"source_span": (3, 4), "cue_span": (5, 10), "cue_lemma": "think", "content_span": (11, 29),
             "quote": None, "kind": "indirect"}
    pred = predict(text, [turn, inner])
    assert ((5, 10),) in pred["Cue"] and ((1, 2),) in pred["Cue"]
    # a quote introduced by a name and a colon ("Kasich: “…”") still hides what it quotes
    quoted = dict(turn, kind="direct")
    assert ((5, 10),) not in predict(text, [quoted, inner])["Cue"]


def test_a_pronoun_object_with_a_predicate_is_the_content_of_an_attitude() -> None:
    text = "Sanders assailed her for supporting the war."
    assail = [a for a in _attributions(text) if a["cue_lemma"] == "assail"]
    assert [_span(text, a["content_span"]) for a in assail] == ["her for supporting the war"]
    text = "Sanders assailed her."
    assert not any(a["cue_lemma"] == "assail" for a in _attributions(text))


def test_a_light_verb_and_its_reporting_noun_are_the_cue() -> None:
    text = "Trump has made several controversial statements on the matter."
    (a,) = _attributions(text)
    assert _span(text, a["cue_span"]) == "has made several controversial statements on"
    assert _span(text, a["content_span"]) == "the matter" and _span(text, a["source_span"]) == "Trump"
    text = "Clinton expressed concern that the deal would fail."
    (a,) = _attributions(text)
    assert _span(text, a["cue_span"]) == "expressed concern"
    assert _span(text, a["content_span"]) == "that the deal would fail"
    assert not _attributions("Clinton made a cake for the party.")


def test_as_someone_put_it_speaks_the_quote_and_identify_is_an_attitude() -> None:
    ledger = rumormill.analyze_text("Headline\n\nAs Vulture put it, “Hello, it is the Biebs.”")
    (q,) = ledger.quotes
    assert q.cue == "put it" and q.source is not None
    assert {s.id: s.label for s in ledger.sources}[q.source] == "Vulture"
    assert not _attributions("They put it on the table.")
    text = "Many voters identify themselves as independents."
    (a,) = _attributions(text)
    assert _span(text, a["cue_span"]) == "identify"
    assert _span(text, a["content_span"]) == "themselves as independents"


def test_asked_participle_has_no_named_asker() -> None:
    text = "Asked whether Clinton has the integrity to serve, Smith said she does."
    atts = _attributions(text)
    asked = next(a for a in atts if a["cue_lemma"] == "ask")
    assert asked["source_span"] is None and asked["source"] is None
    assert _span(text, asked["content_span"]) == "whether Clinton has the integrity to serve"
    said = next(a for a in atts if a["cue_lemma"] == "say")
    assert _span(text, said["source_span"]) == "Smith"
