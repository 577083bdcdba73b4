"""The local runner: a process pool with the model loaded once per worker.

Chunks of documents go to the workers; at most ``2 × workers`` chunks are in flight,
so memory stays constant however long the input is (the reader is a generator and
only runs ahead by that many chunks). With one worker the work runs in-process.

Workers are started with ``spawn`` (no fork of a parent that has threads), and each
loads the model once in the pool initializer. If a worker process dies (out of
memory on a pathological document, a crash in a C extension), the chunks it held
become failure rows and a fresh pool takes over the rest.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from rumormill.batch.inputs import Doc
from rumormill.batch.work import ChunkResult, Result, analyze_chunk, warm_up


def _died(chunk: list[Doc]) -> ChunkResult:
    return ChunkResult(results=[
        Result(id=d.id, source=d.source, status="failed",
               error="worker process died while analysing this chunk (out of memory?)")
        for d in chunk
    ])


def run_local(chunks: Iterator[list[Doc]], *, workers: int, max_bytes: int,
              reload_every: int) -> Iterator[ChunkResult]:
    """Analyse every chunk; yields one ``ChunkResult`` per chunk as they finish (any order)."""
    if workers <= 1:
        warm_up()
        for chunk in chunks:
            yield analyze_chunk(chunk, max_bytes=max_bytes, reload_every=reload_every)
        return
    ctx = mp.get_context("spawn")
    limit = 2 * workers
    exhausted = False
    while not exhausted:
        pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=warm_up)
        pending: dict[Future[ChunkResult], list[Doc]] = {}
        broken = False
        try:
            while True:
                while not broken and len(pending) < limit:
                    nxt: list[Doc] | None = next(chunks, None)
                    if nxt is None:
                        exhausted = True
                        break
                    try:
                        fut = pool.submit(analyze_chunk, nxt, max_bytes=max_bytes,
                                          reload_every=reload_every)
                    except BrokenProcessPool:
                        broken = True
                        yield _died(nxt)
                        break
                    pending[fut] = nxt
                if not pending:
                    break
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    chunk = pending.pop(fut)
                    try:
                        yield fut.result()
                    except BrokenProcessPool:
                        broken = True
                        yield _died(chunk)
                if broken and not pending:
                    break
        finally:
            pool.shutdown(wait=not broken, cancel_futures=True)
        if not broken:
            break
