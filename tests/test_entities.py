"""Entities: NER + gazetteer + merging + ages + epithets (issue 2)."""

from __future__ import annotations

import pytest

import rumormill
from rumormill.records import Entity, Ledger


def _by_name(ledger: Ledger, name: str) -> Entity:
    found = [e for e in ledger.entities if e.name == name]
    assert found, f"{name} not among {[e.name for e in ledger.entities]}"
    return found[0]


def _ages(entity: Entity) -> set[str]:
    return {f.value for f in entity.facts if f.kind == "age"}


def test_seed_people_merged_with_aliases_and_ages(seed_ledger: Ledger) -> None:
    portman = _by_name(seed_ledger, "Natalie Portman")
    assert {"Portman", "Natalie"} <= set(portman.aliases)
    assert portman.type == "PERSON"
    assert _ages(portman) == {"42"}
    millepied = _by_name(seed_ledger, "Benjamin Millepied")
    assert {"Millepied", "Ben"} <= set(millepied.aliases)
    assert _ages(millepied) == {"46"}
    assert _ages(_by_name(seed_ledger, "Camille Étienne")) == {"25"}
    assert _by_name(seed_ledger, "Isabella Boylston").type == "PERSON"
    assert _ages(_by_name(seed_ledger, "Aleph")) == {"12"}
    assert _ages(_by_name(seed_ledger, "Amalia")) == {"6"}


def test_seed_outlets(seed_ledger: Ledger) -> None:
    us = _by_name(seed_ledger, "US Weekly")
    assert us.type == "OUTLET"
    assert "Us" in us.aliases
    assert _by_name(seed_ledger, "The Wall Street Journal").type == "OUTLET"


def test_seed_no_person_is_split_or_mistyped(seed_ledger: Ledger) -> None:
    names = [e.name for e in seed_ledger.entities]
    assert names.count("Millepied") == 0, "surname must join the full name"
    assert not [e for e in seed_ledger.entities if e.name in ("Amalia", "Aleph") and e.type != "PERSON"]


def test_seed_epithet_joins_the_actress(seed_ledger: Ledger) -> None:
    portman = _by_name(seed_ledger, "Natalie Portman")
    assert any("actress" in a for a in portman.aliases)
    spans = {seed_ledger.text[s:e] for s, e in portman.spans}
    assert "the acclaimed actress" in spans


def test_spans_point_at_aliases(seed_ledger: Ledger) -> None:
    for ent in seed_ledger.entities:
        for s, e in ent.spans:
            surface = seed_ledger.text[s:e]
            assert surface == ent.name or surface in ent.aliases or surface.lower() in (a.lower() for a in ent.aliases)


@pytest.mark.parametrize(
    ("text", "name", "age"),
    [
        ("Headline\n\nThe singer Dana Cole, 31, left the party early.", "Dana Cole", "31"),
        ("Headline\n\nA 54-year-old banker, Peter Ames, was named in the suit.", None, None),
        ("Headline\n\nThe 29-year-old model Mia Lund was seen in Paris.", "Mia Lund", "29"),
        ("Headline\n\nThey have a daughter, Rosa, 4, and live in Rome.", "Rosa", "4"),
        ("Headline\n\nOn Saturday, the 22-year-old was seen with her beau Blake Griffin, 28, in Los Angeles.",
         "Blake Griffin", "28"),
    ],
)
def test_age_facts(text: str, name: str | None, age: str | None) -> None:
    ledger = rumormill.analyze_text(text)
    if name is None:
        # "a 54-year-old banker, Peter Ames": the comma ends the noun phrase, so no one gets the age
        assert all("54" not in _ages(e) for e in ledger.entities)
        return
    assert _ages(_by_name(ledger, name)) == {age}


def test_ambiguous_first_name_is_not_joined() -> None:
    text = (
        "Headline\n\nChris Pratt and Chris Evans were seen together. "
        "Later, Chris said he was tired. Pratt smiled."
    )
    ledger = rumormill.analyze_text(text)
    pratt = _by_name(ledger, "Chris Pratt")
    evans = _by_name(ledger, "Chris Evans")
    assert "Chris" not in pratt.aliases and "Chris" not in evans.aliases
    assert "Pratt" in pratt.aliases


def test_outlet_found_by_shape_and_context_not_only_gazetteer() -> None:
    text = "Headline\n\nA friend told the Springfield Shopper that the mayor had resigned."
    ledger = rumormill.analyze_text(text)
    assert any(e.type == "OUTLET" and "Springfield Shopper" in e.name for e in ledger.entities)


def test_us_is_an_outlet_only_in_relay_context() -> None:
    ledger = rumormill.analyze_text("Headline\n\nIt was hard for all of us. Give us a break, she said.")
    assert not [e for e in ledger.entities if e.type == "OUTLET"]


def test_entity_record_is_plain() -> None:
    ledger = rumormill.analyze_text("Headline\n\nTaylor Swift spoke to People magazine on Friday.")
    import pickle

    assert pickle.loads(pickle.dumps(ledger)) == ledger


def test_short_outlet_alias_inside_a_longer_name_is_not_that_outlet() -> None:
    ledger = rumormill.analyze_text("Headline\n\nA source told Star Weekly that the singer was devastated.")
    outlets = [e.name for e in ledger.entities if e.type == "OUTLET"]
    assert outlets == ["Star Weekly"]


def test_quoted_title_replaces_an_overlapping_ner_mention() -> None:
    ledger = rumormill.analyze_text("Headline\n\nWhile the 'Harbor Lights' singer is upset, she is moving on.")
    works = [e for e in ledger.entities if e.type == "WORK"]
    assert [w.name for w in works] == ["Harbor Lights"]
    assert not [e for e in ledger.entities if "Harbor" in e.name and e.type != "WORK"]


@pytest.mark.parametrize(
    ("span_text", "expected"),
    [("Kim Kardashian and/or", "Kim Kardashian"), ("Blake Griffin", "Blake Griffin"), ("Dana Cole,", "Dana Cole,"),
     ("Ruth Kwan told", "Ruth Kwan")],
)
def test_person_span_is_cut_after_its_last_name_word(span_text: str, expected: str) -> None:
    from rumormill.stages.entities import _trim_name

    text = f"xx {span_text} yy"
    surface, s, e = _trim_name(text, 3, 3 + len(span_text))
    assert surface == expected == text[s:e]


@pytest.mark.parametrize(
    ("span_text", "expected"),
    [("Bad Blood.", "Bad Blood"), ("Marvel Cinematic Universe -", "Marvel Cinematic Universe"), ("Siri,", "Siri"),
     ("“Genius Makers", "Genius Makers"), ("Peter Thiel.", "Peter Thiel"), ("Martin Luther King Jr.", "Martin Luther King Jr."),
     ("U.S.", "U.S."), ("Calif.", "Calif."), ("Sandersville Railroad Co.", "Sandersville Railroad Co.")],
)
def test_entity_edges_are_tidied(span_text: str, expected: str) -> None:
    from rumormill.stages.entities import _tidy

    text = f"xx {span_text} yy"
    surface, s, e = _tidy(text, 3, 3 + len(span_text))
    assert surface == expected == text[s:e]


def test_lowercase_words_and_handles_are_not_entities() -> None:
    ledger = rumormill.analyze_text(
        "Headline\n\nTaylor Swift was seen in Paris. A fan wrote: omg taylor looks amazing, cc @abeltesfayay.\n\n"
        "She sang along to “Bad Blood.”")
    names = [e.name for e in ledger.entities]
    assert "taylor" not in names and not [n for n in names if "@" in n]
    assert all(not n.endswith((".", ",", "-")) or n.endswith("Jr.") for n in names)


def test_a_compound_surname_joins_the_full_name() -> None:
    ledger = rumormill.analyze_text(
        "Headline\n\nKim Kardashian West posted a clip. Her husband, Kanye West, was not in it. "
        "Kardashian West has been vocal about surrogacy.")
    persons = {e.name: e for e in ledger.entities if e.type == "PERSON"}
    assert "Kardashian West" not in persons
    assert "Kardashian West" in persons["Kim Kardashian West"].aliases
    assert "Kanye West" in persons
