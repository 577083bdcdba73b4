"""Peak memory of `rumormill batch` at 1k and 10k articles: it must be flat.

    python bench/memory.py [--n 10000] [--workers 2] [--words 40] [--json] [--compare]

It writes a JSON Lines corpus of ``--n`` articles to a temporary directory (real celebrity
and PolNeAR text from ../shared/data, cycled; every cycled copy gets new numbers and a
unique reporter dateline so the run keeps meeting new words, as a real corpus does), runs
``rumormill batch corpus.jsonl --out DIR --rows-per-part 250`` as a subprocess and samples,
every 0.2 s, the RSS of the parent (reader and writer), of the largest worker and of the
whole process tree, and how many articles are done (rows in the finished part-files). It
prints the peak RSS reached by the time 1k, 2k, ... 10k articles were done: flat means the
peak at 10k is the peak at 1k. ``--words`` keeps the first paragraphs of each article up to
~N words so 10k articles fit in minutes on 2 cores; the count of articles and of new words,
not their length, is what grows a long-lived process. ``--max-seconds`` stops the run (and
says so) when a slow or busy machine would take longer. ``--compare`` adds a run with the
model reload switched off (``--reload-every 0``) to show what the reload prevents.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import texts


def write_corpus(path: Path, n: int, words: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts(n, fresh=True)):
            if words:
                kept, count = [], 0
                for para in text.split("\n"):
                    kept.append(para)
                    count += len(para.split())
                    if count >= words:
                        break
                text = "\n".join(kept)
            fh.write(json.dumps({"id": str(i), "text": text}) + "\n")


def _rss(proc: psutil.Process) -> int:
    try:
        return int(proc.memory_info().rss)
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0


def measure(n: int, workers: int, words: int, reload_every: int | None, budget: float) -> dict[str, Any]:
    import os
    import signal

    import pyarrow.parquet as pq

    mb = 1024 * 1024
    with tempfile.TemporaryDirectory(prefix="rumormill-mem-") as tmp:
        src, out = Path(tmp) / "corpus.jsonl", Path(tmp) / "out"
        write_corpus(src, n, words)
        cmd = [sys.executable, "-m", "rumormill.cli", "batch", str(src), "--out", str(out),
               "--workers", str(workers), "--rows-per-part", "250", "-q", "--summary-json"]
        if reload_every is not None:
            cmd += ["--reload-every", str(reload_every)]
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        parent = psutil.Process(proc.pid)
        rows: dict[Path, int] = {}
        samples: list[tuple[int, int, int, int]] = []  # (articles done, parent, largest worker, tree)
        stopped = False
        while proc.poll() is None:
            kids = [_rss(k) for k in parent.children(recursive=True)]
            own = _rss(parent)
            for part in out.glob("part-*.parquet"):
                if part not in rows:
                    try:
                        rows[part] = pq.ParquetFile(part).metadata.num_rows
                    except OSError:
                        continue
            samples.append((sum(rows.values()), own, max(kids, default=0), own + sum(kids)))
            if time.monotonic() - t0 > budget:
                os.killpg(proc.pid, signal.SIGKILL)
                stopped = True
                break
            time.sleep(0.2)
        out_text, err = proc.communicate()
        seconds = time.monotonic() - t0
    if not stopped and proc.returncode not in (0, 3):
        raise SystemExit(f"batch failed ({proc.returncode}): {err.strip()[-500:]}")
    done = n if not stopped else max(s[0] for s in samples)
    milestones = []
    for k in range(1000, done + 1, 1000):
        upto = [s for s in samples if s[0] <= k] or samples[:1]
        milestones.append({"articles": k,
                           "peak_parent_mb": round(max(s[1] for s in upto) / mb, 1),
                           "peak_worker_mb": round(max(s[2] for s in upto) / mb, 1),
                           "peak_tree_mb": round(max(s[3] for s in upto) / mb, 1)})
    summary = json.loads(out_text) if out_text.strip() else {}
    return {"n": n, "done": done, "stopped_at_budget": stopped, "seconds": round(seconds, 1),
            "reloads": summary.get("reloads"), "reload_every": reload_every, "milestones": milestones}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10000, help="articles in the run")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--words", type=int, default=40, help="keep about this many words per article (0: all)")
    ap.add_argument("--reload-every", type=int, default=None, help="passed to rumormill batch (default: its own)")
    ap.add_argument("--max-seconds", type=float, default=570, help="stop the run after this long")
    ap.add_argument("--compare", action="store_true", help="also run with --reload-every 0")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    runs = [measure(args.n, args.workers, args.words, args.reload_every, args.max_seconds)]
    if args.compare:
        runs.append(measure(args.n, args.workers, args.words, 0, args.max_seconds))
    if args.json:
        print(json.dumps(runs))
        return 0
    for r in runs:
        reload = "off" if r["reload_every"] == 0 else f"every {r['reload_every'] or 'default'}"
        print(f"rumormill batch, {args.workers} workers, ~{args.words or 'all'} words per article, model reload "
              f"{reload}: {r['done']} of {r['n']} articles in {r['seconds']} s"
              + (" (stopped at --max-seconds)" if r["stopped_at_budget"] else f", {r['reloads']} reloads"))
        print(f"{'articles done':>14} {'peak parent MB':>15} {'peak worker MB':>15} {'peak tree MB':>13}")
        for m in r["milestones"]:
            print(f"{m['articles']:>14} {m['peak_parent_mb']:>15} {m['peak_worker_mb']:>15} {m['peak_tree_mb']:>13}")
        if len(r["milestones"]) > 1:
            first, last = r["milestones"][0], r["milestones"][-1]
            print(f"growth of the peak from {first['articles']} to {last['articles']} articles: "
                  f"tree {last['peak_tree_mb'] - first['peak_tree_mb']:+.1f} MB, "
                  f"largest worker {last['peak_worker_mb'] - first['peak_worker_mb']:+.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
