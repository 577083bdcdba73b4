"""The PolNeAR scorer on a hand-made two-attribution article (brat standoff), and a real-data smoke run."""

from __future__ import annotations

from pathlib import Path

import pytest

from rumormill.evaluation import polnear
from tests.conftest import DATA, need_shared

TEXT = "A title line\n\nJohn Smith said the plan failed. “It is over,” Mary Jones told reporters.\n"
ANN = (
    "T1\tSource 14 24\tJohn Smith\n"
    "T2\tCue 25 29\tsaid\n"
    "T3\tContent 30 45\tthe plan failed\n"
    "T4\tAttribution 25 29\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 \n"
    "T5\tContent 47 60\t“It is over,”\n"
    "T6\tSource 61 71\tMary Jones\n"
    "T7\tCue 72 76\ttold\n"
    "T8\tAttribution 72 76\ttold\n"
    "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6\n"
    "T9\tDiscard 0 12\tA title line\n"
    "#1\tAnnotatorNotes T1\ta note\n"
)


def test_offsets_are_what_the_ann_says() -> None:
    assert TEXT[14:24] == "John Smith" and TEXT[30:45] == "the plan failed"
    assert TEXT[47:60] == "“It is over,”" and TEXT[61:71] == "Mary Jones" and TEXT[72:76] == "told"


def test_parse_ann_roles_and_discontinuous() -> None:
    gold = polnear.parse_ann(ANN, TEXT)
    assert gold["Source"] == [((14, 24),), ((61, 71),)]
    assert gold["Cue"] == [((25, 29),), ((72, 76),)]
    assert gold["Content"] == [((30, 45),), ((47, 60),)]
    disc = polnear.parse_ann("T1\tContent 30 33;40 45\tthe failed\nT2\tCue 25 29\tsaid\n"
                             "E1\tAttribution:T2 Content:T1 Cue:T2\n", TEXT)
    assert disc["Content"] == [((30, 33), (40, 45))]


def test_score_exact_and_overlap() -> None:
    gold = polnear.parse_ann(ANN, TEXT)["Content"]
    pred = [((30, 45),), ((48, 59),), ((0, 5),)]  # one exact, one overlapping, one spurious
    assert polnear.score(gold, pred) == (1, 2, 2, 3)
    p, r, f = polnear._prf(1, 2, 3)
    assert (round(p, 4), r, round(f, 4)) == (0.3333, 0.5, 0.4)


def test_run_on_hand_made_corpus(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "test" / "text").mkdir(parents=True)
    (data / "test" / "attributions").mkdir(parents=True)
    (data / "metadata.tsv").write_text(
        "compartment\tfilename\tlevel\tannotators\tpublisher\n"
        "test\tdoc1\tNone\tbeef|abcd\tnyt\n", encoding="utf-8")
    (data / "test" / "text" / "doc1.txt").write_text(TEXT, encoding="utf-8")
    (data / "test" / "attributions" / "doc1_abcd.ann").write_text(ANN, encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    result = polnear.run(str(tmp_path), split="test", errors=str(errors))
    f = result["figures"]
    assert f["articles"] == 1 and f["gold_cues"] == 2
    assert f["source_exact_f1"] == 1.0 and f["cue_exact_f1"] == 1.0 and f["content_exact_f1"] == 1.0
    assert errors.read_text(encoding="utf-8").count("\n") == 1
    assert "Source" in polnear.format(result)


def test_real_corpus_dev_slice() -> None:
    path = need_shared(DATA / "attribution" / "polnear")
    f = polnear.run(str(path), split="dev", limit=3)["figures"]
    for key in ("source_exact_f1", "cue_exact_f1", "content_exact_f1",
                "source_overlap_f1", "cue_overlap_f1", "content_overlap_f1"):
        assert 0.0 <= f[key] <= 1.0
    assert f["cue_overlap_f1"] > 0.3  # a working system finds a good share of the cues


def test_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    from rumormill.errors import RumormillError

    with pytest.raises(RumormillError):
        polnear.run(str(tmp_path), split="test")


def test_nested_attribution_is_not_scored_and_parts_are_fragments() -> None:
    text = "He said the poll found that voters left. Acts, she said, are acts."
    outer = {"source_span": (0, 2), "cue_span": (3, 7), "content_span": (8, 39), "quote": None,
             "kind": "indirect", "cue_lemma": "say"}
    inner = {"source_span": (8, 16), "cue_span": (17, 22), "content_span": (23, 39), "quote": None,
             "kind": "indirect", "cue_lemma": "find"}
    split = {"source_span": (47, 50), "cue_span": (51, 55), "content_span": (41, 65), "quote": None,
             "kind": "indirect", "cue_lemma": "say", "content_parts": ((41, 45), (57, 65))}
    pred = polnear.predict(text, [outer, inner, split])
    assert pred["Cue"] == [((3, 7),), ((51, 55),)]  # "found" sits in the outer content
    assert ((41, 45), (57, 65)) in pred["Content"] and ((23, 39),) not in pred["Content"]
