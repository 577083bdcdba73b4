"""Batch outputs: Parquet part-files (explicit schema) and the SQLite store.

**Parquet.** One row per input document: ``id`` (the batch document id, see
``inputs``), ``source``, ``status`` (ok|failed), ``error``, ``ledger`` (the
``rumormill.article/1`` JSON) and flat sourcing columns computed from the ledger's
records, so DuckDB/pandas/Spark can query without parsing JSON. List columns need an
explicit schema (``SCHEMA``), otherwise a part-file of failures only would infer
different types. Part-files are written to ``*.parquet.tmp`` and renamed into place,
so a killed batch never leaves a half-written part that readers would pick up;
``--resume`` reads the ``id`` column of the finished parts and deletes stray temps.

**Store.** The parent process is the store's single writer: workers send ledgers
back, the parent adds them one by one (each add is its own transaction).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from rumormill.batch.work import Result
from rumormill.errors import InputError
from rumormill.records import Ledger, plain

STATUSES = ("asserted", "reported", "alleged", "rumoured", "suspected", "speculated", "denied",
            "hypothetical", "intended")
SOURCE_KINDS = ("named", "anonymous", "group", "outlet", "author", "document")
QUOTE_KINDS = ("direct", "mixed", "indirect")


def _schema() -> Any:
    import pyarrow as pa

    fields = [
        pa.field("id", pa.string(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("status", pa.string(), nullable=False),
        pa.field("error", pa.string()),
        pa.field("article_id", pa.string()),
        pa.field("title", pa.string()),
        pa.field("url", pa.string()),
        pa.field("publisher", pa.string()),
        pa.field("author", pa.string()),
        pa.field("published", pa.string()),
        pa.field("published_how", pa.string()),
        pa.field("chars", pa.int64()),
        pa.field("entities", pa.int32()),
        pa.field("sources", pa.int32()),
        *[pa.field(f"sources_{k}", pa.int32()) for k in SOURCE_KINDS],
        pa.field("quotes", pa.int32()),
        *[pa.field(f"quotes_{k}", pa.int32()) for k in QUOTE_KINDS],
        pa.field("quotes_unattributed", pa.int32()),
        pa.field("quotes_anonymous_share", pa.float64()),
        pa.field("claims", pa.int32()),
        *[pa.field(f"claims_{s}", pa.int32()) for s in STATUSES],
        pa.field("claims_anonymous_share", pa.float64()),
        pa.field("times", pa.int32()),
        pa.field("checks_contradiction", pa.int32()),
        pa.field("relayed_through", pa.list_(pa.string())),
        pa.field("sourcing_summary", pa.string()),
        pa.field("stages", pa.list_(pa.string())),
        pa.field("warnings", pa.list_(pa.string())),
        pa.field("ledger", pa.string()),
    ]
    return pa.schema(fields)


COLUMNS = [
    "id", "source", "status", "error", "article_id", "title", "url", "publisher", "author", "published", "published_how", "chars",
    "entities", "sources", *[f"sources_{k}" for k in SOURCE_KINDS], "quotes",
    *[f"quotes_{k}" for k in QUOTE_KINDS], "quotes_unattributed", "quotes_anonymous_share", "claims",
    *[f"claims_{s}" for s in STATUSES], "claims_anonymous_share", "times", "checks_contradiction",
    "relayed_through", "sourcing_summary", "stages", "warnings", "ledger",
]


def flat_columns(ledger: Ledger) -> dict[str, Any]:
    """Sourcing figures computed from the ledger's records (independent of ``sourcing``'s keys)."""
    kind_of = {s.id: s.kind for s in ledger.sources}
    weak = ("anonymous", "group")
    row: dict[str, Any] = {
        "article_id": ledger.id,
        "title": ledger.title,
        "url": getattr(ledger, "url", None),
        "publisher": getattr(ledger, "publisher", None),
        "author": getattr(ledger, "author", None),
        "published": ledger.published.value,
        "published_how": ledger.published.how,
        "chars": len(ledger.text),
        "entities": len(ledger.entities),
        "sources": len(ledger.sources),
        "quotes": len(ledger.quotes),
        "claims": len(ledger.claims),
        "times": len(ledger.times),
        "checks_contradiction": sum(1 for c in ledger.checks if c.status == "contradiction"),
    }
    for k in SOURCE_KINDS:
        row[f"sources_{k}"] = sum(1 for s in ledger.sources if s.kind == k)
    for k in QUOTE_KINDS:
        row[f"quotes_{k}"] = sum(1 for q in ledger.quotes if q.kind == k)
    row["quotes_unattributed"] = sum(1 for q in ledger.quotes if q.source is None)
    anon_q = sum(1 for q in ledger.quotes if q.source is not None and kind_of.get(q.source) in weak)
    row["quotes_anonymous_share"] = anon_q / len(ledger.quotes) if ledger.quotes else None
    for s in STATUSES:
        row[f"claims_{s}"] = sum(1 for c in ledger.claims if c.status == s)
    anon_c = sum(1 for c in ledger.claims if kind_of.get(c.source) in weak)
    row["claims_anonymous_share"] = anon_c / len(ledger.claims) if ledger.claims else None
    via_ids = {v for s in ledger.sources for v in s.via}
    row["relayed_through"] = [s.label for s in ledger.sources if s.id in via_ids]
    summary = ledger.sourcing.get("summary") if isinstance(ledger.sourcing, dict) else None
    row["sourcing_summary"] = summary if isinstance(summary, str) else None
    row["stages"] = [r.version for r in ledger.stages]
    row["warnings"] = list(ledger.warnings)
    return row




def to_row(result: Result) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row.update(id=result.id, source=result.source, status=result.status, error=result.error)
    if result.ledger is not None:
        row.update(flat_columns(result.ledger))
        row["ledger"] = json.dumps(plain(result.ledger), ensure_ascii=False, sort_keys=True)
    return row


def write_part(rows: list[dict[str, Any]], path: Path) -> None:
    """Write rows to ``path`` atomically (temp file + rename)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows, schema=_schema())
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, tmp, compression="zstd")
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def part_files(out_dir: Path) -> list[Path]:
    return sorted(out_dir.glob("part-*.parquet"))


def done_in_parts(out_dir: Path) -> set[str]:
    """Document ids already written to finished part-files (stray temps are removed)."""
    import pyarrow.parquet as pq

    for tmp in out_dir.glob("part-*.parquet.tmp"):
        tmp.unlink()
    done: set[str] = set()
    for part in part_files(out_dir):
        done.update(pq.read_table(part, columns=["id"]).column("id").to_pylist())
    return done


def run_tag() -> str:
    """A part-file name prefix unique to this run (time + random), so resumed runs never overwrite."""
    import secrets

    return f"{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{secrets.token_hex(4)}"


class Sink(Protocol):
    def done_ids(self) -> set[str]: ...
    def add(self, results: Iterable[Result]) -> None: ...
    def close(self) -> None: ...


class ParquetSink:
    """Buffers rows in the parent and writes a part-file every ``rows_per_part`` rows or ``seconds``."""

    def __init__(self, out_dir: Path, *, resume: bool, rows_per_part: int = 1000,
                 seconds: float = 30.0) -> None:
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        if part_files(out_dir) and not resume:
            raise InputError(f"{out_dir} already holds part-files: pass --resume to continue that run, "
                             "or choose an empty directory")
        self.resume = resume
        self.rows_per_part = rows_per_part
        self.seconds = seconds
        self.tag = run_tag()
        self.seq = 0
        self.rows: list[dict[str, Any]] = []
        self.last = time.monotonic()

    def done_ids(self) -> set[str]:
        return done_in_parts(self.out_dir) if self.resume else set()

    def next_path(self) -> Path:
        self.seq += 1
        return self.out_dir / f"part-{self.tag}-{self.seq:05d}.parquet"

    def add(self, results: Iterable[Result]) -> None:
        self.rows.extend(to_row(r) for r in results)
        if len(self.rows) >= self.rows_per_part or time.monotonic() - self.last >= self.seconds:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            write_part(self.rows, self.next_path())
            self.rows = []
        self.last = time.monotonic()

    def close(self) -> None:
        self.flush()
