"""The Markkula sourcing scorer: type normalisation, statement location, a hand-made article."""

from __future__ import annotations

from pathlib import Path

from rumormill.evaluation import markkula


def test_normalise_type_spellings() -> None:
    assert markkula.normalise_type("Named individual") == "Named Person"
    assert markkula.normalise_type("Unamed group of People") == "Unnamed Group of People"
    assert markkula.normalise_type("Unnamed individual") == "Unnamed Person"
    assert markkula.normalise_type("named organization") == "Named Organization"
    assert markkula.normalise_type(" Anonymous Source ") == "Anonymous Source"
    assert markkula.normalise_type("") is None


def test_locate_after_quote_and_space_normalisation() -> None:
    text = "Intro.\n“We will win,”  said  Jane Holt on Monday."
    norm, where = markkula._norm_with_map(text)
    span = markkula.locate(norm, where, '"We will win," said Jane Holt on Monday.')
    assert span is not None and text[span[0] : span[1]] == "“We will win,”  said  Jane Holt on Monday."
    assert markkula.locate(norm, where, "A sentence that is not there at all.") is None


def test_run_on_hand_made_article(tmp_path: Path) -> None:
    (tmp_path / "gt").mkdir()
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "1-test.txt").write_text(
        "Headline: Test\n\n“We will win,” said Jane Holt, the mayor. "
        "“It is over,” a source familiar with the talks said.\n", encoding="utf-8")
    (tmp_path / "gt" / "1-test.csv").write_text(
        "\ufeffNo,Sourced Statements,Type of Source,Name of Source\n"
        "1,\"“We will win,” said Jane Holt, the mayor.\",Named individual,Jane Holt\n"
        "2,\"“It is over,” a source familiar with the talks said.\",Anonymous Source,\n", encoding="utf-8")
    f = markkula.run(str(tmp_path))["figures"]
    assert f["statements"] == 2 and f["located"] == 2
    assert f["type_accuracy"] == 1.0 and f["name_accuracy"] == 1.0 and f["unnamed_f1"] == 1.0
