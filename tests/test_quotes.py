"""Quote marks and speakers on small hand-made texts."""

from __future__ import annotations

import rumormill
from rumormill.stages.quotes import find_quotes


def _t(led, span):  # type: ignore[no-untyped-def]
    return led.text[span[0] : span[1]]


def _src(led, q):  # type: ignore[no-untyped-def]
    return next(s for s in led.sources if s.id == q.source)


def test_multi_paragraph_quote_is_one_quote() -> None:
    led = rumormill.analyze_text(
        "Headline\n\nJane Holt, the mayor, said: “We have worked for years on this plan.\n\n"
        "“Now it is finally done.”\n\nThe council met later.")
    assert len(led.quotes) == 1
    q = led.quotes[0]
    assert _t(led, q.span).startswith("We have worked") and _t(led, q.span).endswith("finally done.")
    assert _src(led, q).label == "Jane Holt" and q.paragraph == 0


def test_nested_quotes_stay_inside() -> None:
    led = rumormill.analyze_text("Headline\n\n“He told me, ‘I will never leave,’ and then he left,” said Maria Lopez.")
    assert len(led.quotes) == 1
    assert _t(led, led.quotes[0].span) == "He told me, ‘I will never leave,’ and then he left,"
    assert _src(led, led.quotes[0]).label == "Maria Lopez"


def test_wrapped_nested_quote_is_peeled() -> None:
    text = "“‘You lose him how you get him,'” friends said."
    quotes, amb = find_quotes(text, [(0, len(text))], [], [])
    assert [text[q.start : q.end] for q in quotes] == ["You lose him how you get him,"]
    assert amb == []


def test_title_in_quotes_is_not_a_quote() -> None:
    led = rumormill.analyze_text(
        "Headline\n\nThe singer starred in “Purple Rain” and later toured Europe. “It was a dream,” said John Carter.")
    assert [_t(led, q.span) for q in led.quotes] == ["It was a dream,"]


def test_unbalanced_quote_mark_records_ambiguity() -> None:
    led = rumormill.analyze_text(
        "Headline\n\n“This quote never closes, said nobody in particular.\n\nA second paragraph follows.")
    assert led.quotes == ()
    amb = led.sourcing["quote_ambiguities"]
    assert len(amb) == 1 and "not closed" in amb[0]["reason"]
    assert led.text[amb[0]["span"][0]] == "“"


def test_stray_closing_mark_records_ambiguity() -> None:
    text = "He left.” Then nothing."
    quotes, amb = find_quotes(text, [(0, len(text))], [], [])
    assert quotes == [] and "no opening mark" in amb[0][1]


def test_apostrophes_are_not_quote_marks() -> None:
    text = "Millepied’s friends don’t talk about the spouses’ plans."
    quotes, amb = find_quotes(text, [(0, len(text))], [], [])
    assert quotes == [] and amb == []


def test_colon_introduced_quote() -> None:
    led = rumormill.analyze_text(
        "Headline\n\nThe spokesman for the club, Tom Reeves, had a short answer: “We will not comment on rumours.”")
    q = led.quotes[0]
    assert q.cue == ":" and _src(led, q).label == "Tom Reeves" and q.kind == "direct"


def test_name_colon_headline_style() -> None:
    led = rumormill.analyze_text("Headline\n\nKasich: “We are going to go all the way to Cleveland.”")
    assert _src(led, led.quotes[0]).label == "Kasich"


def test_apposition_speaker() -> None:
    led = rumormill.analyze_text(
        "Headline\n\n“Eating late is not the problem,” said Franci Cohen, a New York City nutritionist.")
    s = _src(led, led.quotes[0])
    assert s.kind == "named" and s.label == "Franci Cohen" and s.entity is not None


def test_pronoun_speaker() -> None:
    led = rumormill.analyze_text(
        "Headline\n\nMaria Lopez arrived at the court on Monday. “I am innocent,” she said. "
        "Her lawyer, Paul Grant, was silent.")
    assert _src(led, led.quotes[0]).label == "Maria Lopez"
    led = rumormill.analyze_text("Headline\n\nPaul Grant spoke after Maria Lopez left. He said that the case was weak.")
    assert _src(led, led.quotes[0]).label == "Paul Grant"


def test_continuation_in_next_sentence_same_paragraph() -> None:
    led = rumormill.analyze_text(
        "Headline\n\n“She tried,” a source told Star Magazine. “But it was over.”\n\n“Nobody knows,” the mood said.")
    assert led.quotes[0].source == led.quotes[1].source
    assert "carried over" in (led.quotes[1].note or "")


def test_dash_speakers() -> None:
    led = rumormill.analyze_text(
        "Headline\n\n“He represents our greatest shame.” ― Sonya Herridge\n\n“I am ashamed.” — a source said.")
    a, b = led.quotes
    assert a.cue == "―" and _src(led, a).label == "Sonya Herridge"
    assert b.cue == "said" and _src(led, b).kind == "anonymous"


def test_double_apostrophe_marks() -> None:
    text = "He said, ''Of course, I pay federal taxes.'' Then he left."
    quotes, amb = find_quotes(text, [(0, len(text))], [], [])
    assert [text[q.start : q.end] for q in quotes] == ["Of course, I pay federal taxes."] and amb == []


def test_name_colon_line_without_quote_marks() -> None:
    from rumormill.nlp.model import parse
    from rumormill.stages.sources import analyze_plain

    text = "Pence: Gennifer Flowers Won't Be at Debate\n\nThe debate starts at nine."
    state = analyze_plain(text, parse(text))
    att = next(a for a in state.scratch["attributions"] if a["cue"] == ":")
    assert text[slice(*att["source_span"])] == "Pence"
    assert text[slice(*att["content_span"])] == "Gennifer Flowers Won't Be at Debate"
