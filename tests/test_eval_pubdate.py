"""``rumormill eval pubdate``: the date is hidden, the scorer counts right, the corpora are told apart."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rumormill.errors import EvalError
from rumormill.evaluation import pubdate as ev
from rumormill.records import Published
from tests.conftest import DATA, need_shared

POLNEAR = DATA / "attribution" / "polnear"
MARKKULA = DATA / "attribution" / "markkula-journ-sourcing"


def test_undated_drops_the_header_and_cuts_the_dateline() -> None:
    raw = ("Headline: Senate passes the bill\nDate: 2024-08-29\nPublisher: Reuters\n\n"
           "WASHINGTON, Aug 29 (Reuters) - The Senate passed the bill on Thursday.\n\nIt goes to the House next.")
    text, cut = ev.undated(raw)
    assert "2024-08-29" not in text and "Date" not in text
    assert cut == "Aug 29" and "Aug 29" not in text
    assert "The Senate passed the bill on Thursday." in text


def test_undated_leaves_an_undated_text_alone() -> None:
    text, cut = ev.undated("A headline\n\nTALLAHASSEE — The poll was released on Friday.")
    assert cut is None and "released on Friday" in text


def test_score_counts_inside_width_and_point() -> None:
    inside = Published(value="2016-03", earliest="2016-01-01", latest="2016-12-31", how="inferred", reason="x")
    wide = Published(value=None, earliest="2015-01-01", latest="2016-12-31", how="inferred", reason="x")
    none = Published(value=None, earliest=None, latest=None, how="unknown", reason="x")
    f = ev.score([("2016-03-15", inside), ("2016-05-01", wide), ("2016-05-01", none)])
    assert f["documents"] == 3
    assert f["answered"] == pytest.approx(2 / 3)
    assert f["in_interval"] == pytest.approx(2 / 3)
    assert f["in_interval_366"] == pytest.approx(1 / 3)  # the two-year interval does not count
    assert f["month_acc"] == pytest.approx(1 / 3)  # the point 2016-03; the middle of the wide one is 2016-01-01
    assert f["year_acc"] == pytest.approx(2 / 3)
    assert f["width_days_median"] == 731
    assert f["in_interval_answered"] == pytest.approx(1 / 2)  # of the two answers, one is inside and a year wide


def test_unknown_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError):
        ev.corpus(str(tmp_path))


def test_eval_on_a_polnear_slice() -> None:
    need_shared(POLNEAR)
    result = ev.run(str(POLNEAR), split="dev", limit=4)
    f = result["figures"]
    assert result["corpus"] == "polnear" and f["documents"] == 4
    assert 0.0 <= f["in_interval_366"] <= f["in_interval"] <= f["answered"] <= 1.0
    assert f["docs_per_s"] > 0
    assert 0.0 <= f["in_interval_answered"] <= 1.0
    assert "PolNeAR dev" in ev.format(result) and "of the answered" in ev.format(result)


def test_cli_json_on_markkula_slice() -> None:
    need_shared(MARKKULA)
    out = subprocess.run([str(Path(sys.executable).parent / "rumormill"), "eval", "pubdate", str(MARKKULA), "--limit", "3", "--json"],
                         capture_output=True, text=True, check=True).stdout
    f = json.loads(out)
    assert f["documents"] == 3 and set(f) >= {"year_acc", "month_acc", "in_interval", "width_days_mean"}


AEB = DATA / "extraction" / "scrapinghub-aeb"


def test_web_pages_split_into_dev_and_test() -> None:
    need_shared(AEB)
    assert ev.corpus(str(AEB)) == "web"
    kind, dev = ev.load(str(AEB), split="dev")
    _, test = ev.load(str(AEB), split="test")
    assert kind == "web" and (len(dev), len(test)) == (81, 80)
    assert not {d.name for d in dev} & {d.name for d in test}
    assert all(len(d.date) == 10 and d.text for d in dev + test)
    with pytest.raises(EvalError, match="dev or test"):
        ev.load(str(AEB), split="train")
    result = ev.run(str(AEB), split="test", limit=3)
    assert result["figures"]["documents"] == 3 and "scrapinghub-aeb test" in ev.format(result)
