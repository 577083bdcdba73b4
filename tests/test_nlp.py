"""The plain-offset Parse matches spaCy's own token attributes exactly."""

from __future__ import annotations

from rumormill.nlp.model import get_nlp, to_parse


def test_to_parse_matches_spacy_attributes() -> None:
    text = (
        "Headline here\n\nNatalie Portman, 42, told Us Weekly she was “fine.” Ben didn’t reply.\n"
        "A heading\n\nThe couple, who wed in 2012, split in August 2023 — sources say."
    )
    doc = get_nlp()(text)
    parse = to_parse(doc)
    assert len(parse.tokens) == len(doc)
    for t, tok in zip(doc, parse.tokens, strict=True):
        assert (tok.i, tok.start, tok.end, tok.text, tok.lower, tok.lemma, tok.pos, tok.tag, tok.dep, tok.head,
                tok.ent_type, tok.ent_iob, tok.ws) == (
            t.i, t.idx, t.idx + len(t.text), t.text, t.lower_, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i,
            t.ent_type_, t.ent_iob_, bool(t.whitespace_))
        assert parse.sents[tok.sent].tok_start <= tok.i < parse.sents[tok.sent].tok_end
    assert [(e.start, e.end, e.label) for e in parse.ents] == [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def test_no_sentence_crosses_a_line_break() -> None:
    parse = to_parse(get_nlp()("A title line\n\nJohn Smith said it was fine. He left.\nA heading\n\nMore text."))
    for s in parse.sents:
        assert "\n" not in parse.text[s.start : s.end].rstrip("\n")
