"""The work a batch worker does: a chunk of ``Doc`` -> a chunk of ``Result``.

Runs in the worker process (local pool or Dask). The spaCy model is loaded once per
process (``rumormill.nlp.model.get_nlp``) and the chunk's texts go through
``nlp.pipe`` together (``parse_many``, unrolled here to time the parse apart from the
conversion to plain offsets). Because spaCy's string store grows with every
new word a long-lived process sees, the model is dropped and reloaded after
``reload_every`` articles, which keeps a worker's memory flat on any corpus size.

Nothing here raises for a bad document: ingestion errors (empty, binary,
undecodable, too big) and stage errors become ``Result(status="failed", error=...)``.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from time import perf_counter
from typing import Any

from rumormill.batch.inputs import Doc
from rumormill.errors import InputError
from rumormill.records import Article, Ledger

DEFAULT_RELOAD_EVERY = 5000
PARSE_BATCH = 16
CHUNK_SIZE = 16  # documents per task in the local pool (one nlp.pipe call)
PARTITION_SIZE = 256  # documents per Dask task (and per part-file it writes)

# Per-process state (each worker process has its own copy).
_since_load = 0
_reloads = 0


@dataclass(slots=True, kw_only=True)
class Result:
    id: str
    source: str
    status: str  # ok | failed
    error: str | None = None
    ledger: Ledger | None = None


@dataclass(slots=True, kw_only=True)
class ChunkResult:
    results: list[Result]
    # seconds per phase: ingest, parse (spaCy nlp.pipe), to_parse (conversion to Parse), then each stage
    timings: dict[str, float] = field(default_factory=dict)
    words: int = 0
    reloads: int = 0


def warm_up() -> None:
    """Load the model now (a pool initializer / Dask worker plugin calls this)."""
    from rumormill.nlp.model import get_nlp

    get_nlp()


def _maybe_reload(n: int, reload_every: int) -> None:
    global _since_load, _reloads
    from rumormill.nlp.model import get_nlp, reset_model

    _since_load += n
    if reload_every > 0 and _since_load >= reload_every:
        reset_model()
        gc.collect()
        get_nlp()
        _since_load = 0
        _reloads += 1


def _ingest(doc: Doc, max_bytes: int) -> Article:
    from rumormill import ingest

    if doc.error is not None:
        raise InputError(doc.error)
    if doc.data is not None:
        return ingest.load_bytes(doc.data, name=doc.name, kind=doc.kind, published=doc.published,
                                 url=doc.url, max_bytes=max_bytes)
    assert doc.text is not None
    return ingest.load_text(doc.text, kind=doc.kind or "text", published=doc.published,
                            url=doc.url, title=doc.title)


def _stage_failed(timings: dict[str, float]) -> str:
    """The first stage with no timing is the one that raised."""
    from rumormill.pipeline import _stages

    for stage in _stages():
        if stage.name not in timings:
            return stage.name
    return "finish"


def analyze_chunk(docs: list[Doc], *, max_bytes: int,
                  reload_every: int = DEFAULT_RELOAD_EVERY) -> ChunkResult:
    """Ingest, parse (batched) and analyse a chunk; every document gets exactly one ``Result``."""
    from rumormill.nlp.model import get_nlp, parse, to_parse
    from rumormill.pipeline import analyze

    timings: dict[str, float] = {}
    results: dict[int, Result] = {}
    good: list[tuple[int, Article]] = []
    t0 = perf_counter()
    for i, doc in enumerate(docs):
        try:
            good.append((i, _ingest(doc, max_bytes)))
        except InputError as exc:
            results[i] = Result(id=doc.id, source=doc.source, status="failed", error=str(exc))
        except Exception as exc:  # a bug in ingestion must not stop the batch
            results[i] = Result(id=doc.id, source=doc.source, status="failed",
                                error=f"ingestion error: {type(exc).__name__}: {exc}")
    timings["ingest"] = perf_counter() - t0

    words = 0
    texts = [a.text for _, a in good]
    parses: list[Any] = []
    t0 = perf_counter()
    convert = 0.0
    try:
        # parse_many, unrolled to time spaCy's nlp.pipe apart from the conversion to offsets
        for spacy_doc in get_nlp().pipe(texts, batch_size=PARSE_BATCH):
            t1 = perf_counter()
            parses.append(to_parse(spacy_doc))
            convert += perf_counter() - t1
    except Exception:
        # One text broke the batched parse: parse them one by one to isolate it.
        parses = []
        for text in texts:
            try:
                parses.append(parse(text))
            except Exception as exc:
                parses.append(exc)
    timings["parse"] = perf_counter() - t0 - convert
    timings["to_parse"] = convert

    for (i, article), parsed in zip(good, parses, strict=True):
        doc = docs[i]
        if isinstance(parsed, Exception):
            results[i] = Result(id=doc.id, source=doc.source, status="failed",
                                error=f"parse error: {type(parsed).__name__}: {parsed}")
            continue
        words += sum(1 for t in parsed.tokens if not t.text.isspace())
        own: dict[str, float] = {}
        try:
            ledger = analyze(article, parsed, timings=own)
        except Exception as exc:
            results[i] = Result(id=doc.id, source=doc.source, status="failed",
                                error=f"stage {_stage_failed(own)} failed: {type(exc).__name__}: {exc}")
        else:
            results[i] = Result(id=doc.id, source=doc.source, status="ok", ledger=ledger)
        for name, seconds in own.items():
            timings[name] = timings.get(name, 0.0) + seconds

    before = _reloads
    _maybe_reload(len(good), reload_every)
    return ChunkResult(results=[results[i] for i in range(len(docs))], timings=timings,
                       words=words, reloads=_reloads - before)
