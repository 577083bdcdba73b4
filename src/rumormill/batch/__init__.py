"""Batch analysis of whole corpora: ``run_batch(inputs, out=... | db=...)``.

Inputs (``inputs``) stream into chunks; a runner (``local`` process pool by default,
``dask_runner`` when asked) analyses the chunks; the results go to one sink in this
process (``outputs``: Parquet part-files or the SQLite store — its single writer).
A document that fails becomes a failure row with its reason and the batch goes on;
``resume=True`` skips the document ids the output already holds.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from rumormill.batch.inputs import Doc, check_inputs, count_inputs, read_inputs
from rumormill.batch.work import CHUNK_SIZE, DEFAULT_RELOAD_EVERY, PARTITION_SIZE, ChunkResult
from rumormill.errors import InputError, RumormillError

__all__ = ["CHUNK_SIZE", "EXIT_COMPLETED_WITH_FAILURES", "Summary", "default_workers", "run_batch"]

# Exit status of ``rumormill batch`` when it finished but some documents failed
# (0: all documents done; 2: the batch could not run at all).
EXIT_COMPLETED_WITH_FAILURES = 3
_KEEP_FAILURES = 1000


@dataclass(slots=True)
class Summary:
    ok: int = 0
    failed: int = 0
    skipped: int = 0  # already done (``--resume``) or a repeat of a document seen earlier in this run
    words: int = 0
    seconds: float = 0.0
    reloads: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, reason), the first 1000
    reasons: Counter[str] = field(default_factory=Counter)  # reason kind -> count

    def add(self, chunk: ChunkResult) -> None:
        self.words += chunk.words
        self.reloads += chunk.reloads
        for name, seconds in chunk.timings.items():
            self.timings[name] = self.timings.get(name, 0.0) + seconds
        for r in chunk.results:
            if r.status == "ok":
                self.ok += 1
                continue
            self.failed += 1
            error = r.error or "unknown error"
            self.reasons[_reason_kind(error)] += 1
            if len(self.failures) < _KEEP_FAILURES:
                self.failures.append((r.source, error))

    @property
    def done(self) -> int:
        return self.ok + self.failed

    def format(self, limit: int = 10) -> str:
        rate = self.done / self.seconds if self.seconds else 0.0
        head = (f"batch {'completed with failures' if self.failed else 'completed'}: "
                f"{self.ok} analysed, {self.failed} failed, {self.skipped} skipped "
                f"in {self.seconds:.1f} s ({rate:.1f} documents/s)")
        lines = [head]
        if self.failed:
            lines.append("failures by reason: " + ", ".join(f"{k} {n}" for k, n in self.reasons.most_common()))
            for source, error in self.failures[:limit]:
                lines.append(f"  {source}: {error}")
            if self.failed > limit:
                lines.append(f"  ... and {self.failed - limit} more (status 'failed' rows in the output)")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "failed": self.failed, "skipped": self.skipped, "words": self.words,
                "seconds": round(self.seconds, 3), "reloads": self.reloads,
                "timings": {k: round(v, 4) for k, v in self.timings.items()},
                "reasons": dict(self.reasons), "failures": self.failures}


def _reason_kind(error: str) -> str:
    e = error.lower()
    for needle, kind in (("too big", "too big"), ("over the limit", "too big"), ("empty", "empty"),
                         ("binary", "binary"), ("unprintable", "binary"), ("utf-8", "encoding"),
                         ("encoding", "encoding"), ("utf-16", "encoding"), ("stage ", "stage error"),
                         ("parse error", "parse error"), ("died", "worker died"),
                         ("json", "bad record"), ("no 'text'", "bad record")):
        if needle in e:
            return kind
    return "other"


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _chunks(docs: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    it = iter(docs)
    while chunk := list(islice(it, size)):
        yield chunk


def run_batch(
    inputs: Iterable[str],
    *,
    out: str | None = None,
    db: str | None = None,
    workers: int | None = None,
    dask: str | None = None,
    resume: bool = False,
    max_bytes: int | None = None,
    chunk_size: int = CHUNK_SIZE,
    partition_size: int = PARTITION_SIZE,
    reload_every: int = DEFAULT_RELOAD_EVERY,
    rows_per_part: int = 1000,
    progress: bool = True,
) -> Summary:
    """Analyse every document of ``inputs`` into ``out`` (Parquet part-files) or ``db`` (the store)."""
    from rumormill.batch.outputs import ParquetSink, Sink, run_tag
    from rumormill.ingest import DEFAULT_MAX_BYTES

    if (out is None) == (db is None):
        raise InputError("give exactly one output: --db PATH or --out DIR")
    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    n_workers = workers or default_workers()
    paths = check_inputs(inputs)
    sink: Sink
    if out is not None:
        sink = ParquetSink(Path(out), resume=resume, rows_per_part=rows_per_part)
    else:
        from rumormill.batch.store_sink import StoreSink

        sink = StoreSink(db or "", resume=resume)
    summary = Summary()
    started = time.perf_counter()
    try:
        done = sink.done_ids()
        total = count_inputs(paths) if progress else None

        def fresh() -> Iterator[Doc]:
            for doc in read_inputs(paths, limit):
                if doc.id in done:
                    summary.skipped += 1
                    continue
                done.add(doc.id)
                yield doc

        chunks = _chunks(fresh(), partition_size if dask is not None else chunk_size)
        writes_parts = dask is not None and out is not None
        if dask is not None:
            try:
                from rumormill.batch.dask_runner import run_dask
            except ImportError as exc:
                raise RumormillError('--dask needs the Dask extra: pip install "rumormill[dask]"') from exc

            results = run_dask(chunks, address=dask, workers=n_workers, max_bytes=limit,
                               reload_every=reload_every, out_dir=Path(out) if out else None,
                               tag=run_tag())
        else:
            from rumormill.batch.local import run_local

            results = run_local(chunks, workers=n_workers, max_bytes=limit, reload_every=reload_every)
        # ``done`` holds only the already-done ids here: the generators have not started yet.
        bar = _progress(max(0, total - len(done)) if total is not None else None, progress)
        try:
            for chunk in results:
                if not writes_parts:
                    sink.add(chunk.results)
                summary.add(chunk)
                if bar is not None:
                    bar.update(len(chunk.results))
                    bar.set_postfix(failed=summary.failed, refresh=False)
        finally:
            if bar is not None:
                bar.close()
    finally:
        sink.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _progress(total: int | None, enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.05,
                mininterval=0.5)
