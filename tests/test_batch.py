"""`rumormill batch`: readers, failure rows, Parquet output, resume, model reload."""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from rumormill import ingest
from rumormill.batch import EXIT_COMPLETED_WITH_FAILURES, run_batch
from rumormill.batch.inputs import Doc, content_id, read_jsonl, read_parquet, read_warc
from rumormill.cli import main
from rumormill.errors import InputError
from rumormill.pipeline import analyze

# Short articles written for these tests.
ARTICLES = [
    "Singer Mara Quill splits from husband\n\n"
    "Mara Quill and Theo Brandt have split after six years of marriage, a source told Us Weekly. "
    '"They tried to make it work but it was over by the summer," the insider said. '
    "Quill, 34, married Brandt in 2017.\n",
    "Actor denies feud with co-star\n\n"
    "Daniel Ostrow denied on Tuesday that he had feuded with his co-star Lena Pike. "
    '"We are friends and always have been," Ostrow told reporters in London. '
    "A crew member claimed the two had not spoken since March.\n",
    "Reality star reportedly expecting\n\n"
    "Kendra Vaal is reportedly expecting her second child, according to People. "
    "A friend of the star said she was thrilled. Vaal's representative did not respond to a request "
    "for comment on Monday.\n",
    "Band announces farewell tour\n\n"
    "The Paper Kites announced a farewell tour on Friday. The band said in a statement that the tour "
    "would begin in Melbourne next year and end in Los Angeles. Tickets go on sale next week.\n",
]
HTML = (
    "<html><head><title>Chef opens restaurant</title></head><body><article>"
    "<h1>Chef opens restaurant</h1>"
    "<p>Chef Ana Ruiz opened her first restaurant in Chicago on Saturday, her publicist confirmed.</p>"
    "<p>Ruiz, 41, said the menu would change every month. Critics were invited to the opening night.</p>"
    "</article></body></html>"
)


def expected(text: str, kind: str = "text", **meta: Any) -> dict[str, Any]:
    """What `rumormill analyze` makes of the same text."""
    return analyze(ingest.load_text(text, kind=kind, **meta)).to_dict()


def read_rows(out: Path) -> list[dict[str, Any]]:
    parts = sorted(out.glob("part-*.parquet"))
    assert parts, f"no part-files in {out}"
    return pa.concat_tables([pq.read_table(p) for p in parts]).to_pylist()


def by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for row in rows:
        assert row["id"] not in out, f"duplicate row for {row['id']}"
        out[row["id"]] = row
    return out


@pytest.fixture
def mixed_dir(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    (d / "sub" / "b.txt").write_text(ARTICLES[1], encoding="utf-8")
    (d / "c.html").write_text(HTML, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (d / "big.txt").write_text(ARTICLES[2] * 40, encoding="utf-8")  # over --max-bytes 4000
    (d / "notes.csv").write_text("not,an,article\n", encoding="utf-8")  # not .txt/.html: not an input
    return d


def test_directory_with_bad_files(mixed_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    rc = main(["batch", str(mixed_dir), "--out", str(out), "--workers", "1", "-q", "--max-bytes", "4000"])
    assert rc == EXIT_COMPLETED_WITH_FAILURES
    err = capsys.readouterr().err
    assert "completed with failures: 3 analysed, 3 failed" in err
    rows = {Path(r["source"]).name: r for r in read_rows(out)}
    assert set(rows) == {"a.txt", "b.txt", "c.html", "empty.txt", "binary.txt", "big.txt"}
    for name in ("a.txt", "b.txt", "c.html"):
        assert rows[name]["status"] == "ok" and rows[name]["error"] is None
    assert json.loads(rows["a.txt"]["ledger"]) == expected(ARTICLES[0])
    assert json.loads(rows["c.html"]["ledger"]) == expected(HTML, kind="html")
    assert rows["empty.txt"]["status"] == "failed" and "empty" in rows["empty.txt"]["error"]
    assert "binary" in rows["binary.txt"]["error"]
    assert rows["big.txt"]["error"].startswith("too big")
    for name in ("empty.txt", "binary.txt", "big.txt"):
        assert rows[name]["ledger"] is None and rows[name]["article_id"] is None
    # flat columns agree with the ledger
    ledger = json.loads(rows["a.txt"]["ledger"])
    assert rows["a.txt"]["article_id"] == ledger["id"]
    assert rows["a.txt"]["entities"] == len(ledger["entities"])
    assert rows["a.txt"]["claims"] == len(ledger["claims"])
    assert rows["a.txt"]["stages"] == [s["version"] for s in ledger["stages"]]
    # the ids are content hashes of the file bytes
    assert rows["a.txt"]["id"] == content_id((mixed_dir / "a.txt").read_bytes())


def test_all_good_exits_zero(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLES[3], encoding="utf-8")
    assert main(["batch", str(d), "--out", str(tmp_path / "out"), "--workers", "1", "-q"]) == 0


def test_refuses_to_mix_runs_without_resume(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLES[3], encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(d), "--out", str(out), "--workers", "1", "-q"]) == 0
    capsys.readouterr()
    assert main(["batch", str(d), "--out", str(out), "--workers", "1", "-q"]) == 2
    assert "--resume" in capsys.readouterr().err


def test_unknown_input_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"PK")
    assert main(["batch", str(bad), "--out", str(tmp_path / "o"), "-q"]) == 2
    assert "unknown input type" in capsys.readouterr().err
    assert main(["batch", str(tmp_path / "missing"), "--out", str(tmp_path / "o"), "-q"]) == 2


def _jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "j1", "text": ARTICLES[0], "published": "2023-08-01"}),
        json.dumps({"id": "j2", "html": HTML, "url": "https://example.org/chef"}),
        "",
        json.dumps({"text": ARTICLES[1]}),
        '{"id": "broken", "text": ',
        json.dumps({"id": "j5", "title": "no body"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_matches_analyze(tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run_batch([str(_jsonl(tmp_path))], out=str(out), workers=1, progress=False)
    assert (summary.ok, summary.failed) == (3, 2)
    rows = by_id(read_rows(out))
    assert json.loads(rows["j1"]["ledger"]) == expected(ARTICLES[0], published="2023-08-01")
    assert json.loads(rows["j2"]["ledger"]) == expected(HTML, kind="html", url="https://example.org/chef")
    assert rows["j2"]["url"] == json.loads(rows["j2"]["ledger"])["url"] == "https://example.org/chef"
    third = rows[content_id(ARTICLES[1].encode())]
    assert json.loads(third["ledger"]) == expected(ARTICLES[1])
    assert third["source"].endswith("docs.jsonl:4")
    failed = {r["source"].rsplit(":", 1)[1]: r["error"] for r in rows.values() if r["status"] == "failed"}
    assert failed["5"].startswith("bad JSON")
    assert "no 'text' or 'html'" in failed["6"]


def test_parquet_matches_analyze(tmp_path: Path) -> None:
    src = tmp_path / "docs.parquet"
    pq.write_table(pa.table({
        "id": ["p1", "p2", "p3"],
        "text": [ARTICLES[2], None, ARTICLES[3]],
        "html": [None, HTML, None],
        "published": ["2024-02-03", None, None],
    }), src)
    out = tmp_path / "out"
    summary = run_batch([str(src)], out=str(out), workers=1, progress=False)
    assert (summary.ok, summary.failed) == (3, 0)
    rows = by_id(read_rows(out))
    assert json.loads(rows["p1"]["ledger"]) == expected(ARTICLES[2], published="2024-02-03")
    assert json.loads(rows["p2"]["ledger"]) == expected(HTML, kind="html")
    assert json.loads(rows["p3"]["ledger"]) == expected(ARTICLES[3])


def test_parquet_without_text_column(tmp_path: Path) -> None:
    src = tmp_path / "docs.parquet"
    pq.write_table(pa.table({"id": ["x"], "body": ["hello"]}), src)
    with pytest.raises(InputError, match="no 'text' or 'html' column"):
        list(read_parquet(src, 10_000))


def write_warc(path: Path, pages: list[tuple[str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(html.encode()),
                                                          http_headers=headers))
        # a non-HTML response and a request record: both skipped
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://example.org/a.png", "response",
                                                      payload=BytesIO(b"\x89PNG...."), http_headers=img))
        writer.write_record(writer.create_warc_record("https://example.org/", "request",
                                                      payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))


def _page(title: str, body: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>"


def test_warc_matches_analyze(tmp_path: Path) -> None:
    pages = [("https://example.org/chef", HTML),
             ("https://example.org/quill", _page("Singer Mara Quill splits", ARTICLES[0].split("\n\n", 1)[1]))]
    src = tmp_path / "crawl.warc.gz"
    write_warc(src, pages)
    docs = list(read_warc(src, 1_000_000))
    assert [d.url for d in docs] == [u for u, _ in pages]
    assert all(d.id.startswith("<urn:uuid:") for d in docs)
    out = tmp_path / "out"
    summary = run_batch([str(src)], out=str(out), workers=1, progress=False)
    assert (summary.ok, summary.failed) == (2, 0)
    rows = {r["source"]: r for r in read_rows(out)}
    for doc, (url, html) in zip(docs, pages, strict=True):
        assert json.loads(rows[doc.source]["ledger"]) == expected(html, kind="html", url=url)


def test_reader_ids_are_stable(tmp_path: Path) -> None:
    path = _jsonl(tmp_path)
    first = [d.id for d in read_jsonl(path, 1_000_000)]
    assert first == [d.id for d in read_jsonl(path, 1_000_000)]
    assert first[:2] == ["j1", "j2"]
    assert len(set(first)) == len(first)


def test_too_big_jsonl_record(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "word " * 1000}) + "\n", encoding="utf-8")
    (doc,) = list(read_jsonl(path, 100))
    assert isinstance(doc, Doc) and doc.error is not None and doc.error.startswith("too big")


def test_resume_skips_done(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for i, text in enumerate(ARTICLES[:2]):
        (d / f"{i}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    first = run_batch([str(d)], out=str(out), workers=1, progress=False)
    assert (first.ok, first.skipped) == (2, 0)
    for i, text in enumerate(ARTICLES[2:], start=2):
        (d / f"{i}.txt").write_text(text, encoding="utf-8")
    (out / "part-stray.parquet.tmp").write_bytes(b"half a part from a killed run")
    second = run_batch([str(d)], out=str(out), workers=1, progress=False, resume=True)
    assert (second.ok, second.skipped) == (2, 2)
    assert not list(out.glob("*.tmp"))
    rows = by_id(read_rows(out))  # asserts no duplicates
    assert len(rows) == 4


def test_duplicate_content_is_analysed_once(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLES[3], encoding="utf-8")
    (d / "copy.txt").write_text(ARTICLES[3], encoding="utf-8")
    summary = run_batch([str(d)], out=str(tmp_path / "out"), workers=1, progress=False)
    assert (summary.ok, summary.skipped) == (1, 1)


def test_model_reload_keeps_results(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for i, text in enumerate(ARTICLES):
        (d / f"{i}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch([str(d)], out=str(out), workers=1, progress=False, chunk_size=1, reload_every=2)
    assert summary.reloads == 2
    rows = {Path(r["source"]).name: r for r in read_rows(out)}
    for i, text in enumerate(ARTICLES):
        assert json.loads(rows[f"{i}.txt"]["ledger"]) == expected(text)


def test_stage_error_becomes_failure_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rumormill.stages import entities

    real = entities.run

    def flaky(state: Any) -> None:
        if "Paper Kites" in state.article.text:
            raise ValueError("boom")
        real(state)

    monkeypatch.setattr(entities, "run", flaky)
    d = tmp_path / "in"
    d.mkdir()
    (d / "ok.txt").write_text(ARTICLES[0], encoding="utf-8")
    (d / "bad.txt").write_text(ARTICLES[3], encoding="utf-8")
    out = tmp_path / "out"
    summary = run_batch([str(d)], out=str(out), workers=1, progress=False)
    assert (summary.ok, summary.failed) == (1, 1)
    assert summary.reasons == {"stage error": 1}
    rows = {Path(r["source"]).name: r for r in read_rows(out)}
    assert rows["bad.txt"]["error"] == "stage entities failed: ValueError: boom"
    assert rows["ok.txt"]["status"] == "ok"


def test_summary_profile_has_every_stage(tmp_path: Path) -> None:
    from rumormill.pipeline import _stages

    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    summary = run_batch([str(d)], out=str(tmp_path / "out"), workers=1, progress=False)
    assert {"ingest", "parse"} | {s.name for s in _stages()} <= set(summary.timings)
    assert summary.words > 20


def test_directory_into_store(mixed_dir: Path, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "store.db"
    rc = main(["batch", str(mixed_dir), "--db", str(db), "--workers", "1", "-q", "--max-bytes", "4000"])
    assert rc == EXIT_COMPLETED_WITH_FAILURES
    conn = sqlite3.connect(db)
    stored = {r[0] for r in conn.execute("SELECT ledger FROM articles")}
    assert {json.dumps(json.loads(s), sort_keys=True) for s in stored} == {
        json.dumps(expected(t, kind=k), sort_keys=True)
        for t, k in ((ARTICLES[0], "text"), (ARTICLES[1], "text"), (HTML, "html"))
    }
    rows = {Path(r[0]).name: r[1:] for r in conn.execute("SELECT source, status, error, article_id FROM batch_docs")}
    assert {n for n, r in rows.items() if r[0] == "failed"} == {"empty.txt", "binary.txt", "big.txt"}
    assert all(r[1] and r[2] is None for r in rows.values() if r[0] == "failed")
    assert all(r[2] is not None for r in rows.values() if r[0] == "ok")
    conn.close()


def test_broken_input_becomes_failure_row_and_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"id": "g1", "text": ARTICLES[3]}) + "\n", encoding="utf-8")
    import gzip

    data = gzip.compress(b"".join(json.dumps({"id": f"z{i}", "text": t}).encode() + b"\n"
                                  for i, t in enumerate(ARTICLES)))
    truncated = tmp_path / "cut.jsonl.gz"
    truncated.write_bytes(data[: len(data) // 2])
    bad_parquet = tmp_path / "bad.parquet"
    bad_parquet.write_bytes(b"PAR1 this is not parquet")
    out = tmp_path / "out"
    summary = run_batch([str(truncated), str(bad_parquet), str(good)], out=str(out), workers=1, progress=False)
    rows = read_rows(out)
    assert by_id(rows)["g1"]["status"] == "ok"
    unreadable = [r for r in rows if r["error"] and r["error"].startswith("cannot read the rest")]
    assert {Path(r["source"].split("#")[0]).name for r in unreadable} == {"cut.jsonl.gz", "bad.parquet"}
    assert summary.failed == len(unreadable) == 2


@pytest.mark.parametrize("text", [*ARTICLES, HTML])
def test_fast_to_dict_equals_dataclasses_asdict(text: str) -> None:
    import dataclasses
    import json

    ledger = analyze(ingest.load_text(text, kind="html" if text.startswith("<html") else "text"))
    # asdict keeps tuples; a JSON round trip turns them into lists as to_dict does
    assert ledger.to_dict() == json.loads(json.dumps(dataclasses.asdict(ledger)))
