"""Kill-and-resume: SIGKILL a running batch, then `--resume` stores every document exactly once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from rumormill.batch.inputs import content_id
from rumormill.cli import main
from tests.test_batch import ARTICLES

N = 64


def corpus(root: Path) -> list[Path]:
    root.mkdir()
    paths = []
    for i in range(N):
        p = root / f"doc{i:03d}.txt"
        p.write_text(ARTICLES[i % len(ARTICLES)] + f"\nThis is update number {i} of the story.\n", encoding="utf-8")
        paths.append(p)
    return paths


def start(args: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "rumormill.cli", "batch", *args, "--workers", "1", "-q"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def kill_when(proc: subprocess.Popen[bytes], ready: object, timeout: float = 180) -> None:
    """SIGKILL the batch's process group as soon as ``ready()`` is true (some work is stored)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"batch ended before it was killed: {proc.stderr.read() if proc.stderr else ''}"
        if ready():  # type: ignore[operator]
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            return
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    raise AssertionError("the batch stored nothing before the timeout")


def count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return int(conn.execute(sql).fetchone()[0])
    except sqlite3.OperationalError:  # the table does not exist yet
        return 0
    finally:
        conn.close()


def test_kill_and_resume_store(tmp_path: Path) -> None:
    paths = corpus(tmp_path / "in")
    db = tmp_path / "store.db"
    proc = start([str(tmp_path / "in"), "--db", str(db)])
    kill_when(proc, lambda: count(db, "SELECT count(*) FROM batch_docs") >= 1)
    assert proc.returncode == -signal.SIGKILL
    done_before = count(db, "SELECT count(*) FROM batch_docs")
    assert 1 <= done_before < N, "the kill did not land mid-way"

    assert main(["batch", str(tmp_path / "in"), "--db", str(db), "--workers", "1", "-q", "--resume"]) == 0

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = conn.execute("SELECT doc_id, status FROM batch_docs").fetchall()
    assert sorted(r[0] for r in rows) == sorted(content_id(p.read_bytes()) for p in paths)
    assert {r[1] for r in rows} == {"ok"}
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == N
    assert conn.execute("SELECT count(DISTINCT content_hash) FROM articles").fetchone()[0] == N
    conn.close()


def test_kill_and_resume_parquet(tmp_path: Path) -> None:
    paths = corpus(tmp_path / "in")
    out = tmp_path / "out"
    proc = start([str(tmp_path / "in"), "--out", str(out), "--rows-per-part", "8"])
    kill_when(proc, lambda: bool(list(out.glob("part-*.parquet"))))
    parts_before = list(out.glob("part-*.parquet"))
    assert main(["batch", str(tmp_path / "in"), "--out", str(out), "--workers", "1", "-q", "--resume"]) == 0
    assert not list(out.glob("*.tmp"))
    parts = sorted(out.glob("part-*.parquet"))
    assert set(parts_before) <= set(parts)
    ids = pa.concat_tables([pq.read_table(p, columns=["id", "status"]) for p in parts]).to_pylist()
    assert sorted(r["id"] for r in ids) == sorted(content_id(p.read_bytes()) for p in paths)
    assert {r["status"] for r in ids} == {"ok"}
