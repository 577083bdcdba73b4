"""``rumormill eval weasel``: the split rule, the scorer on a hand-made corpus, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rumormill.cli import main
from rumormill.errors import InputError
from rumormill.evaluation import weasel
from tests.conftest import DATA, need_shared

# "Doc B" is held out and "Doc A" is tuning under the documented rule (sha256 prefix parity).
CORPUS = """<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE Annotation PUBLIC "-//x//EN" "Uncertainty.dtd">
<Annotation><DocumentSet>
<Document type="Wikipedia_text_weasel"><DocID type="WIKIPEDIA_ARTICLE_ID">Doc B</DocID>
<DocumentPart type="Title"><Sentence id="S1.1">Doc B</Sentence></DocumentPart>
<DocumentPart type="Text">
<Sentence id="S1.2">Historians <ccue type="speculation_hypo_doxastic _">believe</ccue> that the tower <ccue type="speculation_modal_probable_">may</ccue> collapse.</Sentence>
<Sentence id="S1.3">The bridge opened in May 1990.</Sentence>
<Sentence id="S1.4">The river <ccue type="speculation_modal_probable_">flows</ccue> north through the valley.</Sentence>
<Sentence id="S1.5">The ship will probably sink within a week.</Sentence>
</DocumentPart></Document>
<Document type="Wikipedia_text_weasel"><DocID type="WIKIPEDIA_ARTICLE_ID">Doc A</DocID>
<DocumentPart type="Text"><Sentence id="S1.2">It <ccue type="speculation_modal_probable_">might</ccue> rain.</Sentence></DocumentPart>
</Document>
</DocumentSet></Annotation>
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "wiki.xml").write_text(CORPUS, encoding="utf-8")
    return tmp_path


def test_split_rule_is_deterministic() -> None:
    assert weasel.half_of("Doc A") == "tuning"
    assert weasel.half_of("Doc B") == "heldout"


def test_load_keeps_body_sentences_and_cue_offsets(corpus: Path) -> None:
    items = weasel.load(str(corpus))
    assert len(items) == 5  # titles are not scored
    first = items[0]
    assert first.half == "heldout"
    assert [first.text[s:e] for s, e, _t in first.cues] == ["believe", "may"]


def test_scores_on_a_hand_made_corpus(corpus: Path) -> None:
    # held-out half: 1 true positive (believe/may), 1 true negative ("May" the month),
    # 1 false negative ("flows" is no cue word), 1 false positive (unannotated "probably")
    result = weasel.run(str(corpus))
    assert result["counts"] == {"tp": 1, "fp": 1, "fn": 1}
    f = result["figures"]
    assert (f["precision"], f["recall"], f["f1"]) == (0.5, 0.5, 0.5)
    assert f["sentences_per_s"] > 0
    assert weasel.run(str(corpus), limit=2)["sentences"] == 2
    tuning = weasel.run(str(corpus), split="tuning")
    assert tuning["sentences"] == 1 and tuning["counts"]["tp"] == 1


def test_errors_file(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "errors.tsv"
    weasel.run(str(corpus), errors=str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert sorted(line.split("\t")[0] for line in lines) == ["FN", "FP"]


def test_cli_json(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "weasel", str(corpus), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert set(figures) == {"precision", "recall", "f1", "sentences_per_s"}


def test_bad_path_and_split(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        weasel.load(str(tmp_path))
    (tmp_path / "wiki.xml").write_text("<Annotation><oops></Annotation>", encoding="utf-8")
    with pytest.raises(InputError):
        weasel.load(str(tmp_path))
    assert main(["eval", "weasel", str(tmp_path)]) == 2


def test_derive_counts_only_the_tuning_half(corpus: Path) -> None:
    items = weasel.load(str(corpus))
    tuning = [it for it in items if it.half == "tuning"]
    text = weasel.derive_from(tuning, weasel._parses(tuning), min_hits=1)
    rows = [ln.split("\t") for ln in text.splitlines() if ln.startswith("cue\t")]
    assert [(r[1], r[3]) for r in rows] == [("might", "speculation")]


def test_shipped_lexicon_names_its_origin() -> None:
    from importlib.resources import files

    head = files("rumormill.lexicons").joinpath("hedge_cues.tsv").read_text(encoding="utf-8")[:800]
    assert "TUNING half" in head and "Szeged" in head


def test_real_corpus_loads() -> None:
    path = need_shared(DATA / "factuality" / "szeged_wikiweasel")
    items = weasel.load(str(path))
    assert len(items) == 16218
    halves = {it.half for it in items}
    assert halves == {"tuning", "heldout"}
    # a document never straddles the halves
    by_doc: dict[str, set[str]] = {}
    for it in items:
        by_doc.setdefault(it.doc, set()).add(it.half)
    assert all(len(h) == 1 for h in by_doc.values())
