"""Throughput of rumormill against its floor, the spaCy parse.

    python bench/throughput.py --n 1000 [--json] [--parts abcd]

On ``--n`` real articles (celebrity + PolNeAR texts from ../shared/data, read in place and
cycled), it measures articles/s and words/s for:

(a) floor: the bare spaCy parse, ``nlp.pipe`` with the same model and components, over the
    same clean texts (ingestion done beforehand, not timed);
(b) pipeline, 1 worker: the batch worker's own code (``analyze_chunk``) in-process, model
    loaded: ingestion + parse + conversion to plain offsets + every stage + the output row
    (ledger JSON + flat columns). (a) and (b) run block by block on the same texts, so load
    changes on a shared machine hit both alike;
(c) pipeline on every core: the local process pool, wall clock including worker start-up;
(d) the Dask LocalCluster (one single-threaded worker per core), wall clock including start-up;

and ``ratio`` = time(b) / time(a) (goal <= 1.2: everything but the parse costs under 20%
of it), ``ratio_in_run`` = time(b) / the spaCy time measured inside (b), ``peak_rss_mb`` (largest peak RSS of this process or any worker it waited for), and
a profile of (b): seconds per phase and per stage. ``--json`` prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# --------------------------------------------------------------------------- the corpus
# Real article text, read in place from ../shared/data (never copied): the celebrity pairs
# (Pérez-Rosas et al. 2018) and the PolNeAR news articles, cycled to reach the count.
# ``fresh=True`` (memory.py) gives each cycled copy new numbers and a dateline with a unique
# reporter name, so a long run meets new words the way a real corpus does (a plain cycle
# would hide the growth of spaCy's string store).

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
CELEBRITY = DATA / "articles" / "celebrity_perezrosas2018"
POLNEAR = DATA / "attribution" / "polnear" / "data"

_NUM = re.compile(r"\b\d+\b")
_SYL = ["ka", "ro", "mi", "tel", "van", "dor", "si", "bra", "lu", "nek", "os", "ter", "qua", "zim", "pel"]


def source_files() -> list[Path]:
    files = sorted(CELEBRITY.glob("*.txt")) + sorted(POLNEAR.glob("*/text/*.txt"))
    files = [f for f in files if f.name != "README.md"]
    if not files:
        raise SystemExit(f"no benchmark texts: {CELEBRITY} and {POLNEAR} are missing (../shared beside the repo?)")
    return files


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYL) for _ in range(rng.randint(2, 4))).capitalize()


def texts(n: int, *, fresh: bool = False, seed: int = 8) -> Iterator[str]:
    files = source_files()
    rng = random.Random(seed)
    for i in range(n):
        text = files[i % len(files)].read_text(encoding="utf-8", errors="replace")
        if fresh and i >= len(files):
            text = _NUM.sub(lambda m: str(rng.randint(1, 10 ** len(m.group()))), text)
            text = f"By {_name(rng)} {_name(rng)}, {_name(rng)} Bureau\n\n" + text
        yield text


def write_jsonl(path: Path, n: int, *, fresh: bool = False) -> int:
    """Write ``n`` documents as JSON Lines (ids 0..n-1); returns the number of words."""
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts(n, fresh=fresh)):
            words += len(text.split())
            fh.write(json.dumps({"id": str(i), "text": text}) + "\n")
    return words


# --------------------------------------------------------------------------- measurements

def note(text: str) -> None:
    print(f"[throughput] {time.strftime('%H:%M:%S')} {text}", file=sys.stderr, flush=True)


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024  # Linux reports KiB


def _run_a(nlp: Any, clean: list[str]) -> float:
    from rumormill.batch.work import PARSE_BATCH

    t0 = time.perf_counter()
    for _doc in nlp.pipe(clean, batch_size=PARSE_BATCH):
        pass
    return time.perf_counter() - t0


def _run_b(docs: list[Any], timings: dict[str, float], fails: list[str]) -> float:
    from rumormill.batch import CHUNK_SIZE
    from rumormill.batch.outputs import to_row
    from rumormill.batch.work import analyze_chunk

    t0 = time.perf_counter()
    for i in range(0, len(docs), CHUNK_SIZE):
        chunk = analyze_chunk(docs[i:i + CHUNK_SIZE], max_bytes=10**8, reload_every=0)
        for r in chunk.results:
            if r.status != "ok":
                fails.append(f"{r.id}: {r.error}")
            to_row(r)
        for name, sec in chunk.timings.items():
            timings[name] = timings.get(name, 0.0) + sec
    return time.perf_counter() - t0


def interleaved(n: int, block: int = 32) -> dict[str, Any]:
    """(a) and (b) on the same texts, block by block, so load changes on a shared machine
    hit both alike. (b) is the batch worker's own code (``analyze_chunk``) plus the output row."""
    from rumormill import ingest
    from rumormill.batch.inputs import Doc
    from rumormill.nlp.model import get_nlp

    nlp = get_nlp()
    raw = list(texts(n))
    a_s = b_s = 0.0
    words = 0
    fails: list[str] = []
    timings: dict[str, float] = {}
    for k, start in enumerate(range(0, n, block)):
        part = raw[start:start + block]
        clean = [ingest.load_text(t).text for t in part]  # the floor parses the same clean text
        words += sum(len(t.split()) for t in clean)
        docs = [Doc(id=str(start + i), source="bench", text=t, kind="text") for i, t in enumerate(part)]

        if k % 2:
            b_s += _run_b(docs, timings, fails)
            a_s += _run_a(nlp, clean)
        else:
            a_s += _run_a(nlp, clean)
            b_s += _run_b(docs, timings, fails)
    failed = len(fails)
    if failed:
        print(f"warning: {failed} documents failed in (b)", file=sys.stderr)
    return {"a_s": a_s, "b_s": b_s, "words": words, "timings": timings}


def batch(src: Path, out: Path, **options: Any) -> tuple[float, Any]:
    from rumormill.batch import run_batch

    t0 = time.perf_counter()
    summary = run_batch([str(src)], out=str(out), progress=False, **options)
    seconds = time.perf_counter() - t0
    if summary.failed:
        print(f"warning: {summary.failed} documents failed: {summary.failures[:3]}", file=sys.stderr)
    return seconds, summary


def profile(timings: dict[str, float], seconds: float) -> list[tuple[str, float]]:
    phases = dict(timings)
    rows = [("ingest", phases.pop("ingest", 0.0)), ("spaCy parse (nlp.pipe)", phases.pop("parse", 0.0)),
            ("conversion to plain offsets (to_parse)", phases.pop("to_parse", 0.0))]
    rows += sorted(((f"stage {k}", v) for k, v in phases.items()), key=lambda kv: -kv[1])
    rows.append(("output row (ledger JSON + flat columns), rest", seconds - sum(v for _, v in rows)))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="articles per measurement")
    ap.add_argument("--workers", type=int, default=None, help="workers for (c) and (d) (default: every core)")
    ap.add_argument("--json", action="store_true", help="print one JSON object of the figures")
    ap.add_argument("--parts", default="abcd",
                    help="which measurements: a and b always run together; c, d (e.g. --parts ab)")
    args = ap.parse_args()

    from rumormill.batch import default_workers
    from rumormill.batch.work import warm_up

    workers = args.workers or default_workers()
    warm_up()
    ab = interleaved(args.n)
    a_s, b_s, words = ab["a_s"], ab["b_s"], ab["words"]
    note(f"(a) {a_s:.1f} s, (b) {b_s:.1f} s")
    with tempfile.TemporaryDirectory(prefix="rumormill-bench-") as tmp:
        src = Path(tmp) / "docs.jsonl"
        write_jsonl(src, args.n)
        c_s = d_s = None
        if "c" in args.parts:
            c_s, _ = batch(src, Path(tmp) / "c", workers=workers)
            note(f"(c) {c_s:.1f} s")
        if "d" in args.parts:
            d_s, _ = batch(src, Path(tmp) / "d", workers=workers, dask="local")
            note(f"(d) {d_s:.1f} s")
    n = args.n
    spacy_s = ab["timings"].get("parse", 0.0)
    figures = {
        "n": n,
        "words": words,
        "workers": workers,
        "floor_articles_per_s": round(n / a_s, 2),
        "floor_words_per_s": round(words / a_s),
        "pipeline_articles_per_s": round(n / b_s, 2),
        "pipeline_words_per_s": round(words / b_s),
        "pipeline_all_cores_articles_per_s": round(n / c_s, 2) if c_s else None,
        "pipeline_all_cores_words_per_s": round(words / c_s) if c_s else None,
        "dask_articles_per_s": round(n / d_s, 2) if d_s else None,
        "dask_words_per_s": round(words / d_s) if d_s else None,
        "ratio": round(b_s / a_s, 3),
        "ratio_in_run": round(b_s / spacy_s, 3) if spacy_s else None,
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    rows = profile(ab["timings"], b_s)
    figures["profile_ms_per_article"] = {name: round(1000 * s / n, 2) for name, s in rows}
    if args.json:
        print(json.dumps(figures))
        return 0
    print(f"{n} articles, {words:,} words; {workers} worker(s) for (c) and (d)")
    print(f"(a) floor, bare spaCy parse:    {figures['floor_articles_per_s']:8.2f} articles/s  "
          f"{figures['floor_words_per_s']:>8,} words/s")
    print(f"(b) pipeline, 1 worker:         {figures['pipeline_articles_per_s']:8.2f} articles/s  "
          f"{figures['pipeline_words_per_s']:>8,} words/s")
    if c_s:
        print(f"(c) pipeline, {workers} workers:        {figures['pipeline_all_cores_articles_per_s']:8.2f} "
              f"articles/s  {figures['pipeline_all_cores_words_per_s']:>8,} words/s  (incl. start-up)")
    if d_s:
        print(f"(d) Dask LocalCluster, {workers} workers: {figures['dask_articles_per_s']:8.2f} articles/s  "
              f"{figures['dask_words_per_s']:>8,} words/s  (incl. start-up)")
    print(f"ratio (b)/(a) in time: {figures['ratio']:.3f}  (in-run: (b) / its own spaCy time: "
          f"{figures['ratio_in_run']})   peak RSS: {figures['peak_rss_mb']:.0f} MB")
    print("\nwhere the time of (b) goes:")
    for name, s in rows:
        print(f"  {name:45s} {1000 * s / n:8.2f} ms/article  {100 * s / b_s:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
