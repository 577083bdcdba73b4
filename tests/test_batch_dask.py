"""The Dask path (LocalCluster, 2 single-threaded worker processes) and the local process pool
give the same rows as the in-process run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rumormill.batch import run_batch
from tests.test_batch import ARTICLES, HTML, by_id, read_rows

pytest.importorskip("distributed")


def corpus(root: Path) -> Path:
    root.mkdir()
    for i, text in enumerate(ARTICLES * 3):  # 12 documents: several partitions per worker
        (root / f"doc{i:02d}.txt").write_text(text + f"\nUpdate {i}.\n", encoding="utf-8")
    (root / "page.html").write_text(HTML, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    return root


def comparable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (json.loads(v) if k == "ledger" and v else v) for k, v in row.items()}


def run_cli(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rumormill.cli", "batch", *args, "-q", "--summary-json"],
                          capture_output=True, text=True, timeout=420, check=False)


@pytest.mark.slow
def test_dask_and_pool_match_in_process(tmp_path: Path) -> None:
    src = corpus(tmp_path / "in")
    ref = tmp_path / "ref"
    summary = run_batch([str(src)], out=str(ref), workers=1, progress=False, chunk_size=4)
    assert (summary.ok, summary.failed) == (13, 1)
    expected = {k: comparable(v) for k, v in by_id(read_rows(ref)).items()}

    dask_out = tmp_path / "dask"
    proc = run_cli([str(src), "--out", str(dask_out), "--dask", "local", "--workers", "2", "--partition-size", "4"])
    assert proc.returncode == 3, proc.stderr  # completed with failures (the empty file)
    got = json.loads(proc.stdout)
    assert (got["ok"], got["failed"]) == (13, 1)
    # each partition (4 documents) is its own part-file written by a worker
    assert len(list(dask_out.glob("part-*-d*.parquet"))) == 4
    assert {k: comparable(v) for k, v in by_id(read_rows(dask_out)).items()} == expected

    pool_out = tmp_path / "pool"
    proc = run_cli([str(src), "--out", str(pool_out), "--workers", "2"])
    assert proc.returncode == 3, proc.stderr
    assert {k: comparable(v) for k, v in by_id(read_rows(pool_out)).items()} == expected


@pytest.mark.slow
def test_dask_into_store(tmp_path: Path) -> None:
    import sqlite3

    src = tmp_path / "in"
    src.mkdir()
    for i, text in enumerate(ARTICLES):
        (src / f"doc{i}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "store.db"
    proc = run_cli([str(src), "--db", str(db), "--dask", "local", "--workers", "2"])
    assert proc.returncode == 0, proc.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(ARTICLES)
    assert conn.execute("SELECT count(*) FROM batch_docs WHERE status = 'ok'").fetchone()[0] == len(ARTICLES)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
