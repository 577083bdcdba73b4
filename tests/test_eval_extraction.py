"""The benchmark's shingle metric, re-implemented: hand-computed cases, and a small run on the corpus."""

from __future__ import annotations

import json

import pytest

from rumormill.cli import main
from rumormill.evaluation import extraction as ex
from tests.conftest import DATA, need_shared

AEB = DATA / "extraction" / "scrapinghub-aeb"


def test_shingles_are_a_multiset_of_4_tokens() -> None:
    sh = ex.shingles("a b c d a b c d")
    assert sh[("a", "b", "c", "d")] == 2
    assert sum(sh.values()) == 5
    assert ex.shingles("only three tokens") == {("only", "three", "tokens"): 1}
    assert ex.tokens("Don't stop!") == ["Don", "t", "stop"]  # \w+, no lower-casing


def test_match_is_normalised_per_page() -> None:
    assert ex.match("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = ex.match("a b c d e f", "a b c d x y")
    # true shingles: abcd, bcde, cdef; predicted: abcd, bcdx, cdxy -> tp 1, fp 2, fn 2
    assert (tp, fp, fn) == pytest.approx((0.2, 0.4, 0.4))


def test_macro_scores_and_empty_prediction() -> None:
    perfect = ex.match("one two three four five", "one two three four five")
    empty = ex.match("one two three four five", "")
    s = ex.scores([perfect, empty])
    assert s["precision"] == 1.0  # an empty prediction has tp+fp = 0: left out of precision, as upstream
    assert s["recall"] == 0.5
    assert s["f1"] == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_split_is_by_last_hex_digit() -> None:
    assert ex.split_of("abc0") == "tune" and ex.split_of("abcf") == "check"


def test_small_run_through_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    need_shared(AEB)
    assert main(["eval", "extraction", str(AEB), "--limit", "6", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    for key in ("precision", "recall", "f1", "ms_per_page", "accuracy"):
        assert key in figures
    assert figures["pages"] == 6
    assert 0.5 < figures["f1"] <= 1.0
    assert main(["eval", "extraction", str(AEB), "--limit", "3", "--split", "check"]) == 0
    out = capsys.readouterr().out
    assert "precision" in out and "ms/page" in out


def test_bad_corpus_path(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    assert main(["eval", "extraction", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith("rumormill: error:")
