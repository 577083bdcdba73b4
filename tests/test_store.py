"""The store: migrations, idempotent adds, replacement on newer stages, atomic adds, CLI commands."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rumormill.cli import main
from rumormill.errors import StoreError
from rumormill.store import index, ledger_from_dict, migrations, open_store
from rumormill.store.codec import ledger_to_dict
from rumormill.store.writer import insert_rows, is_newer
from tests.test_story import make_ledger

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tabloid_breakup.txt"

TEXT_A = ("Star split\n\nJane Doe, 42, married John Roe in 2012, a source told Us Weekly. "
          "The insider said: \"They have been living apart for months and nobody in the family is surprised.\"")
TEXT_B = ("Jane Doe news\n\nActress Jane Doe, 45, wed John Roe in 2014. A pal revealed: "
          "\"They have been living apart for months and nobody in the family is surprised.\"")


def ledger_a(stages=(("entities", "entities.v1"), ("claims", "claims.v1")), extra_claim: bool = False):
    claims = [{"text": "Jane Doe, 42, married John Roe in 2012", "source": "S1", "status": "reported",
               "times": ["T1"], "entities": ["Jane Doe", "John Roe"]}]
    if extra_claim:
        claims.append({"text": "The insider said", "source": "S1", "status": "reported"})
    return make_ledger(
        TEXT_A, people={"Jane Doe": ["Jane Doe"], "John Roe": ["John Roe"]}, ages={"Jane Doe": ["42"]},
        outlets={"S2": "Us Weekly"},
        sources=[{"id": "S1", "kind": "anonymous", "label": "a source", "via": ["S2"], "mention": "a source"},
                 {"id": "S2", "kind": "outlet", "label": "Us Weekly", "mention": "Us Weekly", "entity": "Us Weekly"}],
        times=[{"id": "T1", "text": "2012", "value": "2012"}], claims=claims,
        quotes=[{"text": "They have been living apart for months and nobody in the family is surprised.",
                 "source": "S1"}],
        stages=stages)


def ledger_b():
    return make_ledger(
        TEXT_B, people={"Jane Doe": ["Jane Doe"], "John Roe": ["John Roe"]}, ages={"Jane Doe": ["45"]},
        sources=[{"id": "S1", "kind": "anonymous", "label": "A pal", "mention": "A pal"}],
        times=[{"id": "T1", "text": "2014", "value": "2014"}],
        claims=[{"text": "Jane Doe, 45, wed John Roe in 2014", "times": ["T1"], "entities": ["Jane Doe", "John Roe"]}],
        quotes=[{"text": "They have been living apart for months and nobody in the family is surprised.",
                 "source": "S1"}])


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "store.db")


def test_schema_is_migrated_and_wal(db: str) -> None:
    with open_store(db) as store:
        assert migrations.applied(store.conn) == [m.name for m in migrations.MIGRATIONS]
        assert store.query("PRAGMA journal_mode")[0][0] == "wal"
        assert store.count_articles() == 0


def test_add_same_ledger_twice_changes_nothing(db: str) -> None:
    with open_store(db) as store:
        aid, added = store.add_ledger(ledger_a(), source_path="a.txt")
        assert added
        before = store.counts()
        aid2, added2 = store.add_ledger(ledger_a(), source_path="elsewhere.txt")
        assert (aid2, added2) == (aid, False)
        assert store.counts() == before
        assert before["articles"] == 1 and before["claims"] == 1 and before["quotes"] == 1


def test_get_round_trips_the_ledger(db: str) -> None:
    led = ledger_a()
    with open_store(db) as store:
        aid, _ = store.add_ledger(led, source_path="x/a.txt")
        data = store.get(aid[:6])
        assert data["store"]["outlet"] == "a" and data["store"]["outlet_how"] == "file"
        data.pop("store")
        assert ledger_from_dict(data) == led
        assert ledger_to_dict(led) == led.to_dict()
        assert store.has(aid) and not store.has("0" * 16)
        with pytest.raises(StoreError):
            store.get("ffff0000")


def test_outlet_given_wins(db: str) -> None:
    with open_store(db) as store:
        aid, _ = store.add_ledger(ledger_a(), source_path="a.txt", outlet="The Daily Example")
        assert store.get(aid)["store"]["outlet"] == "The Daily Example"


def test_newer_stage_version_replaces_rows_in_place(db: str) -> None:
    with open_store(db) as store:
        aid, _ = store.add_ledger(ledger_a(), source_path="a.txt")
        store.add_ledger(ledger_b(), source_path="b.txt")
        assert store.counts()["links"] >= 1
        newer = ledger_a(stages=(("entities", "entities.v1"), ("claims", "claims.v2")), extra_claim=True)
        assert store.add_ledger(newer) == (aid, True)
        counts = store.counts()
        assert counts["articles"] == 2 and counts["claims"] == 3
        assert json.loads(store.query("SELECT stages FROM articles WHERE id = ?", (aid,))[0][0])["claims"] == "claims.v2"
        assert store.get(aid)["store"]["source_path"] == "a.txt"  # kept from the first add
        assert counts["links"] >= 1  # re-matched against b
        # an older version never replaces a newer one
        assert store.add_ledger(ledger_a()) == (aid, False)
        assert store.counts() == counts


def test_is_newer() -> None:
    assert is_newer({"claims": "claims.v10"}, {"claims": "claims.v9"})
    assert is_newer({"claims": "claims.v1", "times": "time.v1"}, {"claims": "claims.v1"})
    assert not is_newer({"claims": "claims.v1"}, {"claims": "claims.v2"})
    assert not is_newer({"claims": "claims.v1"}, {"claims": "claims.v1"})


def test_exception_mid_transaction_leaves_store_as_before(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(db) as store:
        store.add_ledger(ledger_a(), source_path="a.txt")
        before = store.counts()
        real = index.index_article

        def boom(conn: sqlite3.Connection, ledger, outlet):  # type: ignore[no-untyped-def]
            real(conn, ledger, outlet)  # rows and links written ...
            raise RuntimeError("simulated crash")  # ... then the add dies

        monkeypatch.setattr(index, "index_article", boom)
        with pytest.raises(RuntimeError):
            store.add_ledger(ledger_b(), source_path="b.txt")
        assert store.counts() == before
        assert not store.has(ledger_b().id)
        monkeypatch.setattr(index, "index_article", real)
        assert store.add_ledger(ledger_b(), source_path="b.txt")[1]


def test_process_killed_mid_transaction_loses_only_that_add(db: str) -> None:
    with open_store(db) as store:
        store.add_ledger(ledger_a(), source_path="a.txt")
        before = store.counts()
    script = f"""
import os, sys
sys.path.insert(0, {str(ROOT)!r})
from tests.test_store import ledger_b
from rumormill.store import index, open_store
real = index.index_article
def die(conn, ledger, outlet):
    real(conn, ledger, outlet)
    os._exit(9)  # the process dies inside the transaction
index.index_article = die
open_store({db!r}).add_ledger(ledger_b(), source_path="b.txt")
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 9, proc.stderr
    with open_store(db) as store:
        assert store.query("PRAGMA integrity_check")[0][0] == "ok"
        assert store.counts() == before
        assert store.add_ledger(ledger_b())[1]


def test_migration_from_older_schema_version(db: str) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    assert migrations.migrate(conn, upto="0001_initial") == ["0001_initial"]
    a = ledger_a()
    conn.execute("BEGIN")
    insert_rows(conn, a, outlet="Old Outlet", outlet_how="given", source_path="a.txt",
                content_hash="0" * 64)
    conn.execute("COMMIT")
    assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}.isdisjoint({"items", "links"})
    conn.close()
    with open_store(db) as store:  # opening upgrades it
        assert migrations.applied(store.conn) == [m.name for m in migrations.MIGRATIONS]
        assert store.get(a.id)["store"]["outlet"] == "Old Outlet"
        assert store.counts()["items"] == 2  # the old article was indexed by the 0002 backfill
        store.add_ledger(ledger_b(), source_path="b.txt")
        assert store.counts()["links"] >= 1  # and is matched against new articles


def test_store_from_newer_rumormill_is_refused(db: str) -> None:
    open_store(db).close()
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO _migrations VALUES ('9999_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer rumormill"):
        open_store(db)


def test_list_and_search(db: str) -> None:
    with open_store(db) as store:
        store.add_ledger(ledger_a(), source_path="a.txt")
        store.add_ledger(ledger_b(), source_path="b.txt")
        assert len(store.list_articles()) == 2
        assert [r["title"] for r in store.list_articles("star split")] == ["Star split"]
        assert len(store.list_articles("john roe")) == 2  # entity name
        assert len(store.list_articles("living apart")) == 2  # quote words (FTS)
        assert store.list_articles("zebra") == []
        assert len(store.list_articles(limit=1, offset=1)) == 1


def test_readonly_store(db: str) -> None:
    with open_store(db) as store:
        store.add_ledger(ledger_a())
    with open_store(db, readonly=True) as ro:
        assert ro.count_articles() == 1
        with pytest.raises(StoreError):
            ro.add_ledger(ledger_b())
    with pytest.raises(StoreError):
        open_store(db + ".missing", readonly=True)


# ----------------------------------------------------------------------------- CLI (runs the model)
def test_cli_add_same_file_twice(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["add", str(EXAMPLE), "--db", db, "-q"]) == 0
    with open_store(db) as store:
        before = store.counts()
    assert main(["add", str(EXAMPLE), "--db", db, "-q"]) == 0
    assert "added 0, unchanged 1, failed 0" in capsys.readouterr().err
    with open_store(db) as store:
        assert store.counts() == before


def test_cli_add_reports_bad_files_and_goes_on(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.html").write_bytes(bytes(range(256)) * 20)
    assert main(["add", str(folder), str(tmp_path / "missing*.txt"), "--db", db, "-q"]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith("rumormill: error:")]
    assert len(lines) == 3 and all("Traceback" not in line for line in lines)
    assert "added 1, unchanged 0, failed 3" in err
    assert main(["list", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "good" in out
    assert main(["show", open_store(db).list_articles()[0]["id"], "--db", db, "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["schema"] == "rumormill.article/1" and shown["store"]["outlet"] == "good"


def test_cli_export(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(db) as store:
        store.add_ledger(ledger_a(), source_path="a.txt")
        store.add_ledger(ledger_b(), source_path="b.txt")
    assert main(["export", "--db", db, "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and {json.loads(x)["id"] for x in lines} == {ledger_a().id, ledger_b().id}
    assert main(["export", "--db", db, "--format", "csv", "--table", "claims"]) == 0
    csv_out = capsys.readouterr().out.splitlines()
    assert csv_out[0].startswith("article_id,id,span_start") and len(csv_out) == 3
    out = tmp_path / "links.parquet"
    assert main(["export", "--db", db, "--format", "parquet", "--table", "contradictions", "-o", str(out)]) == 0
    import pyarrow.parquet as pq

    table = pq.read_table(out)
    assert table.num_rows >= 2 and "a_text" in table.column_names
    assert main(["export", "--db", db, "--format", "csv", "--table", "nope"]) == 2


def test_cli_story(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(db) as store:
        store.add_ledger(ledger_a(), source_path="a.txt")
        store.add_ledger(ledger_b(), source_path="b.txt")
    assert main(["story", "--db", db, "--entity", "Jane Doe", "--format", "json"]) == 0
    story = json.loads(capsys.readouterr().out)
    assert story["schema"] == "rumormill.story/1" and story["summary"]["articles"] == 2
    assert story["groups"][0]["articles"] == 2
    assert main(["story", "--db", db, "--query", "living apart"]) == 0
    assert "# Story: query “living apart”" in capsys.readouterr().out
    assert main(["story", "--db", db, "--entity", "Nobody Here"]) == 0
    assert "no stored article matches" in capsys.readouterr().err


def test_cli_read_commands_need_an_existing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / "none.db")
    for argv in (["list"], ["show", "abcd"], ["story", "--entity", "X"], ["export", "--format", "jsonl"]):
        assert main([*argv, "--db", missing]) == 2
        assert "no store at" in capsys.readouterr().err
    assert not Path(missing).exists()


def test_a_whole_ledger_round_trips_through_json(seed_ledger_dated) -> None:  # type: ignore[no-untyped-def]
    """Every field the pipeline fills (timeline bounds, embed spans, …) survives the store's decoder."""
    import json

    import rumormill
    from rumormill.ingest import load_text

    post = rumormill.analyze(load_text(
        "Title\n\nThe program ran from 2009 to 2011. Fans reacted.\n\n"
        "can't believe the program is over - jo (@jojo_fan) March 3, 2024\n"))
    assert any(t.bound == "range" for t in post.timeline) and any(e.span for e in post.embeds)
    for led in (seed_ledger_dated, post):
        assert ledger_from_dict(json.loads(json.dumps(led.to_dict()))) == led
