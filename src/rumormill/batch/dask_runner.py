"""The Dask runner: the same chunks, analysed on a ``dask.distributed`` cluster.

``--dask local`` starts a ``LocalCluster`` (one single-threaded worker process per
core: spaCy's parse is CPU-bound and holds the GIL); ``--dask tcp://HOST:PORT`` uses
an existing scheduler. The model is loaded once per worker by a ``WorkerPlugin``
(Dask's recommended way to set up per-worker state), and reloaded every
``reload_every`` articles inside the worker (see ``work``) so a long-lived worker's
spaCy string store stays bounded. For an existing cluster you can also recycle
workers with Dask's own setting: ``dask worker --lifetime 1h --lifetime-restart``.

Documents travel in partitions of ``--partition-size`` (default 256; analysed in
``nlp.pipe`` batches of 16 as in the local pool). With ``--out DIR`` each partition is
written by the worker that analysed it as its own Parquet part-file — ``DIR`` must be the same path on every worker (a
shared filesystem; trivially true for a LocalCluster) — and only a small summary
travels back. With ``--db`` the ledgers travel back and the client process, the
store's single writer, adds them. At most ``2 × workers`` partitions are in flight.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from rumormill.batch.inputs import Doc
from rumormill.batch.work import CHUNK_SIZE, ChunkResult, Result, analyze_chunk, warm_up
from rumormill.errors import RumormillError


class ModelPlugin(WorkerPlugin):
    """Loads the spaCy model when a worker starts (and again after a lifetime restart)."""

    name = "rumormill-model"

    def setup(self, worker: Any) -> None:
        warm_up()


def analyze_partition(docs: list[Doc], out: str | None, part: str | None, *, max_bytes: int,
                      reload_every: int) -> ChunkResult:
    """Runs on a worker. With ``out``, writes the part-file there and returns ledger-free results."""
    from rumormill.batch.outputs import to_row, write_part

    chunk = ChunkResult(results=[])
    for i in range(0, len(docs), CHUNK_SIZE):  # nlp.pipe batches, as in the local pool
        part_result = analyze_chunk(docs[i:i + CHUNK_SIZE], max_bytes=max_bytes, reload_every=reload_every)
        chunk.results += part_result.results
        chunk.words += part_result.words
        chunk.reloads += part_result.reloads
        for name, seconds in part_result.timings.items():
            chunk.timings[name] = chunk.timings.get(name, 0.0) + seconds
    if out is None or part is None:
        return chunk
    write_part([to_row(r) for r in chunk.results], Path(out) / part)
    chunk.results = [Result(id=r.id, source=r.source, status=r.status, error=r.error)
                     for r in chunk.results]
    return chunk


def connect(address: str, workers: int) -> tuple[Any, Any]:
    """A ``(client, cluster)`` pair; ``cluster`` is None for an existing scheduler."""
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0")  # any free port: never clash with 8787
        return Client(cluster), cluster
    if not address.startswith(("tcp://", "tls://", "ucx://", "inproc://")):
        raise RumormillError(f"--dask wants 'local' or a scheduler address like tcp://HOST:8786, not {address!r}")
    try:
        return Client(address, timeout="30s"), None
    except OSError as exc:
        raise RumormillError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc


def run_dask(chunks: Iterator[list[Doc]], *, address: str, workers: int, max_bytes: int,
             reload_every: int, out_dir: Path | None, tag: str) -> Iterator[ChunkResult]:
    """Analyse every chunk on the cluster; yields one ``ChunkResult`` per chunk as they finish."""
    client, cluster = connect(address, workers)
    try:
        client.register_plugin(ModelPlugin(), name=ModelPlugin.name)
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        limit = 2 * n_workers
        seq = 0
        held: dict[Any, list[Doc]] = {}

        def submit(chunk: list[Doc]) -> Any:
            nonlocal seq
            seq += 1
            part = f"part-{tag}-d{seq:05d}.parquet" if out_dir is not None else None
            fut = client.submit(analyze_partition, chunk, str(out_dir) if out_dir else None, part,
                                max_bytes=max_bytes, reload_every=reload_every, pure=False)
            held[fut.key] = chunk
            return fut

        ac = as_completed()
        for _ in range(limit):
            chunk = next(chunks, None)
            if chunk is None:
                break
            ac.add(submit(chunk))
        for fut in ac:
            chunk = held.pop(fut.key)
            try:
                result: ChunkResult = fut.result()
            except Exception as exc:  # the worker died or the task failed as a whole
                result = ChunkResult(results=[
                    Result(id=d.id, source=d.source, status="failed",
                           error=f"Dask task failed: {type(exc).__name__}: {exc}") for d in chunk
                ])
            fut.release()
            yield result
            chunk = next(chunks, None)
            if chunk is not None:
                ac.add(submit(chunk))
    finally:
        client.close()
        if cluster is not None:
            _close_quietly(cluster)


def _close_quietly(cluster: Any) -> None:
    """Close a LocalCluster whose workers are idle (every result is in and written).

    A worker that imported spaCy takes a second or two to exit its interpreter, more on a
    loaded machine; the nanny then logs "still alive after 4.0 seconds, killing" for an
    idle process. That warning says nothing about the batch, so it is muted here only.
    """
    import logging

    nanny = logging.getLogger("distributed.nanny")
    level = nanny.level
    nanny.setLevel(logging.ERROR)
    try:
        cluster.close()
    finally:
        nanny.setLevel(level)
