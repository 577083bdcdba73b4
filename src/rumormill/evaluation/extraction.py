"""Article-body extraction on the scrapinghub/Zyte article-extraction benchmark.

The metric is the benchmark's own (upstream ``evaluate.py``, re-implemented here):

- tokens are ``re.findall(r"\\w+", text)`` (no lower-casing);
- each text becomes a multiset of 4-token shingles (a text of fewer than 4 tokens gives
  one shorter shingle);
- per page, tp/fp/fn are the multiset overlap and excesses, normalised to sum to 1;
- precision is the mean of per-page precision over pages with tp+fp > 0, recall the mean
  of per-page recall over pages with tp+fn > 0 (a page with fp = fn = 0 scores 1);
- F1 = 2PR/(P+R) from those macro averages;
- accuracy is the share of pages whose token sequence equals the ground truth exactly.

What is scored is what rumormill's ingestion produces: ``ingest.html.from_html(page).text``,
i.e. trafilatura's body after residue removal, without the title (the ground truth is
``articleBody`` only). A page where ingestion raises ``InputError`` scores as an empty
prediction.

Splits: the residue rules and trafilatura options were tuned on the ``tune`` half only —
the page ids whose last hex digit is even (ids are SHA-256 hex strings, so this is a
deterministic, content-independent half). The ``check`` half (odd last digit) is held out.
Figures for both halves and for all pages are always reported.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rumormill.errors import EvalError, InputError

_TOKEN = re.compile(r"\w+", re.UNICODE)
SPLITS = ("all", "tune", "check")

Triple = tuple[float, float, float]


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    out: Counter[tuple[str, ...]] = Counter()
    for i in range(max(1, len(toks) - n + 1)):
        sh = tuple(toks[i : i + n])
        if sh:
            out[sh] += 1
    return out


def match(true: str, pred: str) -> Triple:
    """Normalised (tp, fp, fn) of one page."""
    t, p = shingles(true), shingles(pred)
    tp = fp = fn = 0.0
    for key in t.keys() | p.keys():
        tc, pc = t.get(key, 0), p.get(key, 0)
        tp += min(tc, pc)
        fp += max(0, pc - tc)
        fn += max(0, tc - pc)
    s = tp + fp + fn
    if s > 0:
        return tp / s, fp / s, fn / s
    return tp, fp, fn


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def scores(triples: list[Triple]) -> dict[str, float]:
    """Macro precision and recall, F1 from them (as upstream)."""
    ps = [_precision(*t) for t in triples if t[0] + t[1] > 0]
    rs = [_recall(*t) for t in triples if t[0] + t[2] > 0]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1}


def split_of(page_id: str) -> str:
    """``tune`` when the id's last hex digit is even, else ``check``."""
    return "tune" if int(page_id[-1], 16) % 2 == 0 else "check"


def _default_extract(html: str) -> str:
    from rumormill.ingest.html import from_html

    return from_html(html).text


def _warm_up(root: Path, ids: list[str], fn: Callable[[str], str]) -> None:
    """One untimed page first, so one-off imports (trafilatura, htmldate, justext) are not in ms/page."""
    for page_id in ids:
        with contextlib.suppress(OSError, InputError):
            fn(gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", "replace"))


def load(path: str) -> tuple[Path, dict[str, dict[str, str]]]:
    root = Path(path)
    gt_path = root / "ground-truth.json"
    if not gt_path.is_file() or not (root / "html").is_dir():
        raise EvalError(f"{root} is not the scrapinghub-aeb corpus (needs ground-truth.json and html/)")
    try:
        truth = json.loads(gt_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError(f"cannot read {gt_path}: {exc}") from exc
    return root, truth


def run(
    path: str,
    *,
    split: str | None = None,
    limit: int | None = None,
    errors: str | None = None,
    extract: Callable[[str], str] | None = None,
    **_: Any,
) -> dict[str, Any]:
    """Score ingestion on the corpus; ``split`` is all|tune|check (figures for all three are reported)."""
    split = split or "all"
    if split not in SPLITS:
        raise EvalError(f"unknown split {split!r} for extraction (one of {', '.join(SPLITS)})")
    root, truth = load(path)
    fn = extract or _default_extract
    ids = sorted(truth)
    if split != "all":
        ids = [i for i in ids if split_of(i) == split]
    if limit:
        ids = ids[:limit]
    english = set()
    en_path = root / "english_ids.txt"
    if en_path.is_file():
        english = {ln.strip() for ln in en_path.read_text(encoding="utf-8").split() if ln.strip()}
    pages: list[dict[str, Any]] = []
    elapsed = 0.0
    _warm_up(root, ids[:1], fn)
    for page_id in ids:
        html_path = root / "html" / f"{page_id}.html.gz"
        try:
            html = gzip.decompress(html_path.read_bytes()).decode("utf-8", "replace")
        except OSError as exc:
            raise EvalError(f"cannot read {html_path}: {exc}") from exc
        failure = None
        t0 = time.perf_counter()
        try:
            pred = fn(html)
        except InputError as exc:
            pred, failure = "", str(exc)
        elapsed += time.perf_counter() - t0
        true = truth[page_id].get("articleBody", "")
        triple = match(true, pred)
        pages.append(
            {
                "id": page_id,
                "split": split_of(page_id),
                "english": page_id in english,
                "triple": triple,
                "exact": tokens(true) == tokens(pred),
                "failure": failure,
            }
        )
    if not pages:
        raise EvalError("no pages to score")
    figures: dict[str, float | int] = {}
    groups = {
        "": pages,
        "tune_": [p for p in pages if p["split"] == "tune"],
        "check_": [p for p in pages if p["split"] == "check"],
        "english_": [p for p in pages if p["english"]],
    }
    for prefix, group in groups.items():
        if not group:
            continue
        for key, value in scores([p["triple"] for p in group]).items():
            figures[prefix + key] = round(value, 4)
        figures[prefix + "accuracy"] = round(sum(p["exact"] for p in group) / len(group), 4)
        figures[prefix + "pages"] = len(group)
    figures["failures"] = sum(1 for p in pages if p["failure"])
    figures["ms_per_page"] = round(1000 * elapsed / len(pages), 1)
    if errors:
        worst = sorted(pages, key=lambda p: p["triple"][0])
        with open(errors, "w", encoding="utf-8") as fh:
            for p in worst:
                tp, fp, fn_ = p["triple"]
                if fp or fn_ or p["failure"]:
                    fh.write(
                        json.dumps({"id": p["id"], "split": p["split"], "tp": round(tp, 4),
                                    "fp": round(fp, 4), "fn": round(fn_, 4), "failure": p["failure"]})
                        + "\n"
                    )
    return {"figures": figures, "split": split, "corpus": str(root)}


def format(result: dict[str, Any]) -> str:
    """A small table: precision/recall/F1/accuracy for all pages and each half, and ms/page."""
    f = result["figures"]
    lines = [
        f"extraction on {result['corpus']} (split: {result['split']})",
        f"{'pages':<10} {'n':>4} {'precision':>10} {'recall':>8} {'F1':>7} {'accuracy':>9}",
    ]
    for label, prefix in (("all", ""), ("tune", "tune_"), ("check", "check_"), ("english", "english_")):
        if prefix + "f1" in f:
            lines.append(
                f"{label:<10} {f[prefix + 'pages']:>4} {f[prefix + 'precision']:>10.3f} "
                f"{f[prefix + 'recall']:>8.3f} {f[prefix + 'f1']:>7.3f} {f[prefix + 'accuracy']:>9.3f}"
            )
    lines.append(f"failures: {f['failures']}   speed: {f['ms_per_page']} ms/page (ingestion, one process, after a warm-up page)")
    return "\n".join(lines)
