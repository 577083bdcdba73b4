"""Peak memory of `rumormill batch` at 1k and 10k articles: it must be flat.

    python bench/memory.py [--sizes 1000 10000] [--workers N] [--words 200] [--json] [--compare]

For each size it writes a JSON Lines corpus to a temporary directory (real celebrity and
PolNeAR text from ../shared/data, cycled; every cycled copy gets new numbers and a unique
reporter dateline so the run keeps meeting new words, as a real corpus does), runs
``rumormill batch corpus.jsonl --out DIR`` as a subprocess and samples the RSS of the
whole process tree with psutil every 0.2 s. It prints the peak RSS of the parent (the
reader and writer), of the largest worker, and of the tree, and the peak over the first
and the second half of each run. ``--words`` keeps the first paragraphs of each article up
to ~N words (default 40) so 10k articles fit in minutes on 2 cores; the count of articles
and of new words, not their length, is what grows a long-lived process. ``--compare``
adds a run of the largest size with the model reload switched off (``--reload-every 0``)
to show what the reload prevents.
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


def measure(n: int, workers: int, words: int, reload_every: int | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="rumormill-mem-") as tmp:
        src = Path(tmp) / "corpus.jsonl"
        write_corpus(src, n, words)
        cmd = [sys.executable, "-m", "rumormill.cli", "batch", str(src), "--out", str(Path(tmp) / "out"),
               "--workers", str(workers), "-q", "--summary-json"]
        if reload_every is not None:
            cmd += ["--reload-every", str(reload_every)]
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        parent = psutil.Process(proc.pid)
        samples: list[tuple[float, int, int, int]] = []  # (t, parent, largest worker, tree)
        while proc.poll() is None:
            kids = [_rss(k) for k in parent.children(recursive=True)]
            own = _rss(parent)
            samples.append((time.monotonic() - t0, own, max(kids, default=0), own + sum(kids)))
            time.sleep(0.2)
        out, err = proc.communicate()
        seconds = time.monotonic() - t0
    if proc.returncode not in (0, 3):
        raise SystemExit(f"batch failed ({proc.returncode}): {err.strip()[-500:]}")
    summary = json.loads(out)
    mb = 1024 * 1024
    half = seconds / 2
    first = [s[3] for s in samples if s[0] <= half] or [0]
    second = [s[3] for s in samples if s[0] > half] or [0]
    return {
        "n": n, "seconds": round(seconds, 1), "ok": summary["ok"], "failed": summary["failed"],
        "reloads": summary["reloads"],
        "peak_parent_mb": round(max(s[1] for s in samples) / mb, 1),
        "peak_worker_mb": round(max(s[2] for s in samples) / mb, 1),
        "peak_tree_mb": round(max(s[3] for s in samples) / mb, 1),
        "peak_tree_first_half_mb": round(max(first) / mb, 1),
        "peak_tree_second_half_mb": round(max(second) / mb, 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--words", type=int, default=40, help="keep about this many words per article (0: all)")
    ap.add_argument("--reload-every", type=int, default=None, help="passed to rumormill batch (default: its own)")
    ap.add_argument("--compare", action="store_true", help="also run the largest size with --reload-every 0")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    runs = []
    for n in args.sizes:
        runs.append(measure(n, args.workers, args.words, args.reload_every))
        print(f"[memory] {json.dumps(runs[-1])}", file=sys.stderr, flush=True)
    if args.compare:
        runs.append({**measure(max(args.sizes), args.workers, args.words, 0), "reload": "off"})
        print(f"[memory] {json.dumps(runs[-1])}", file=sys.stderr, flush=True)
    small, large = runs[0], runs[len(args.sizes) - 1]
    figures = {"runs": runs, "growth_tree_mb": round(large["peak_tree_mb"] - small["peak_tree_mb"], 1),
               "growth_worker_mb": round(large["peak_worker_mb"] - small["peak_worker_mb"], 1)}
    if args.json:
        print(json.dumps(figures))
        return 0
    print(f"rumormill batch, {args.workers} workers, ~{args.words or 'all'} words per article")
    print(f"{'articles':>9} {'seconds':>8} {'reloads':>7} {'parent MB':>10} {'worker MB':>10} {'tree MB':>8} "
          f"{'1st half':>9} {'2nd half':>9}")
    for r in runs:
        label = f"{r['n']:>9}" + (" (no reload)" if r.get("reload") == "off" else "")
        print(f"{label} {r['seconds']:>8} {r['reloads']:>7} {r['peak_parent_mb']:>10} {r['peak_worker_mb']:>10} "
              f"{r['peak_tree_mb']:>8} {r['peak_tree_first_half_mb']:>9} {r['peak_tree_second_half_mb']:>9}")
    print(f"growth of the peak from {small['n']} to {large['n']} articles: tree {figures['growth_tree_mb']} MB, "
          f"largest worker {figures['growth_worker_mb']} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
