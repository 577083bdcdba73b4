"""The TIMEX3 scorer on tiny hand-made TimeML and MEANTIME files with known scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rumormill import cli
from rumormill.evaluation import meantime, timeml
from rumormill.evaluation.timeml import Counts, Gold, figures, read_tml, score_doc
from tests.conftest import DATA, need_shared

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>tiny</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-01-15" functionInDocument="CREATION_TIME">January 15, 2024</TIMEX3></DCT>
<TEXT>
She <EVENT eid="e1" class="OCCURRENCE">left</EVENT> <TIMEX3 tid="t1" type="DATE" value="2023">last year</TIMEX3> and came back on <TIMEX3 tid="t2" type="DATE" value="2024-01-12">Friday</TIMEX3>. It took <TIMEX3 tid="t3" type="DURATION" value="P3M">three months</TIMEX3> in total, <TIMEX3 tid="t4" type="DATE" value="PAST_REF">once</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture()
def tiny(tmp_path: Path) -> Path:
    (tmp_path / "tiny.tml").write_text(TML, encoding="utf-8")
    return tmp_path


def test_read_tml_offsets(tiny: Path) -> None:
    doc = read_tml(tiny / "tiny.tml")
    assert doc.dct == "2024-01-15"
    assert [doc.text[g.start:g.end] for g in doc.gold] == ["last year", "Friday", "three months", "once"]
    assert doc.text.startswith("\nShe left last year")  # tags stripped, the event's text kept


def test_scores_by_hand(tiny: Path) -> None:
    doc = read_tml(tiny / "tiny.tml")
    at = doc.text.index
    pred = [
        Gold(start=at("last year"), end=at("last year") + 9, type="DATE", value="2023"),  # strict, right
        Gold(start=at("Friday"), end=at("Friday") + 6, type="DATE", value="2024-01-19"),  # strict, wrong value
        Gold(start=at("three"), end=at("in total") + 8, type="DURATION", value="P3M"),  # relaxed only, right
        Gold(start=at("left"), end=at("left") + 4, type="DATE", value="XXXX"),  # spurious
    ]
    counts = Counts()
    score_doc(doc, pred, counts, keep_errors=True)
    f = figures(counts)
    assert (counts.gold, counts.pred, counts.strict, counts.relaxed) == (4, 4, 2, 3)
    assert f["strict_f1"] == pytest.approx(0.5)
    assert f["relaxed_f1"] == pytest.approx(0.75)
    assert f["type_f1"] == pytest.approx(0.75)
    assert f["value_f1"] == pytest.approx(0.5)
    assert f["value_acc"] == pytest.approx(2 / 3)
    kinds = sorted(e.split("\t")[1] for e in counts.errors)
    assert kinds == ["MISSED", "SPURIOUS", "VALUE"]


def test_one_gold_matches_one_prediction() -> None:
    doc = timeml.Doc(name="d", text="in March 2020 and", dct=None, gold=[Gold(start=3, end=13, type="DATE", value="2020-03")])
    counts = Counts()
    score_doc(doc, [Gold(start=3, end=8, type="DATE", value="XXXX-03"),
                    Gold(start=9, end=13, type="DATE", value="2020")], counts)
    assert counts.relaxed == 1 and counts.pred == 2 and counts.value_ok == 0


def test_tagger_on_tiny_file(tiny: Path) -> None:
    figs, _ = timeml.evaluate([read_tml(tiny / "tiny.tml")])
    assert figs["gold"] == 4 and figs["predicted"] == 3  # "once" is not tagged
    assert figs["value_acc"] == pytest.approx(1.0)
    assert figs["value_f1"] == pytest.approx(2 * 1.0 * 0.75 / 1.75)


def test_cli_json_keys(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["eval", "tempeval3", str(tiny), "--json"]) == 0
    figs = json.loads(capsys.readouterr().out)
    for key in ("strict_f1", "relaxed_f1", "type_f1", "value_f1", "value_acc", "docs_per_s"):
        assert figs[key] >= 0 and (key == "docs_per_s" or figs[key] <= 1)


CAT = """<?xml version="1.0" ?><Document doc_id="1" doc_name="tiny" lang="en" url="x">
<token number="0" sentence="0" t_id="1">Firm</token><token number="1" sentence="0" t_id="2">sold</token>
<token number="2" sentence="1" t_id="3">March</token><token number="3" sentence="1" t_id="4">06</token>
<token number="4" sentence="1" t_id="5">,</token><token number="5" sentence="1" t_id="6">2008</token>
<token number="6" sentence="2" t_id="7">The</token><token number="7" sentence="2" t_id="8">firm</token>
<token number="8" sentence="2" t_id="9">said</token><token number="9" sentence="2" t_id="10">on</token>
<token number="10" sentence="2" t_id="11">Tuesday</token><token number="11" sentence="2" t_id="12">that</token>
<token number="12" sentence="2" t_id="13">sales</token><token number="13" sentence="2" t_id="14">rose</token>
<token number="14" sentence="2" t_id="15">in</token><token number="15" sentence="2" t_id="16">2007</token>
<token number="16" sentence="2" t_id="17">.</token>
<Markables>
<TIMEX3 m_id="1" type="DATE" value="2008-03-06" functionInDocument="CREATION_TIME">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/></TIMEX3>
<TIMEX3 m_id="2" type="DATE" value="2008-03-04"><token_anchor t_id="11"/></TIMEX3>
<TIMEX3 m_id="3" type="DATE" value="2007"><token_anchor t_id="16"/></TIMEX3>
</Markables></Document>
"""


def test_meantime_reader_hides_the_dateline(tmp_path: Path) -> None:
    (tmp_path / "tiny.xml").write_text(CAT, encoding="utf-8")
    doc = meantime.read_doc(tmp_path / "tiny.xml")
    assert doc.dct == "2008-03-06"
    assert "2008" not in doc.text and doc.text.startswith("Firm sold\n\nThe firm said")
    assert [doc.text[g.start:g.end] for g in doc.gold] == ["Tuesday", "2007"]
    figs, _ = timeml.evaluate([doc])
    assert figs["value_f1"] == pytest.approx(1.0)
    dct = meantime.dct_figures([doc])
    # only the bare past year of "sales rose in 2007" dates the text: too weak, the inference abstains
    assert dct["dct_documents"] == 1 and dct["dct_answered"] == 0.0 and dct["dct_in_interval"] == 0.0
    assert dct["dct_year_acc"] == 0.0 and dct["dct_interval_days_mean"] == 0.0


def test_real_corpora_load() -> None:
    te3 = need_shared(DATA / "temporal" / "tempeval3")
    docs = __import__("rumormill.evaluation.tempeval3", fromlist=["load"]).load(str(te3))
    assert len(docs) == 20 and sum(len(d.gold) for d in docs) == 138
    mt = meantime.load(str(need_shared(DATA / "temporal" / "meantime_en")))
    assert len(mt) == 120 and sum(len(d.gold) for d in mt) == 370
