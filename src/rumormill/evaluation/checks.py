"""``rumormill eval checks PATH``: what the consistency checks say about real articles, for reading.

There is no gold for the checks: a contradiction in a published article is rare, so almost every one the
checks report on real news is a false alarm, and the figure to watch is how many they report. This runs the
whole pipeline on the dated articles of a corpus that ``eval pubdate`` reads (PolNeAR with ``--split
train|dev|test``, markkula-journ-sourcing, the scrapinghub-aeb news pages), each with its real publication
date given, and counts the checks by kind and status. ``--errors FILE`` writes every check that is not
``unverifiable`` with the words of its evidence (one JSON object per line), so a person can read each one.

Session 5 read them all on 1,095 articles (every PolNeAR article, the 40 undated celebrity articles, the
Markkula articles): before the parse-based strictness of ``stages/checks.py`` the checks reported 22
contradictions, every one false; after it, none (docs/time.md, `checks`).
"""

from __future__ import annotations

import json
from collections import Counter
from time import perf_counter
from typing import Any

from rumormill.errors import InputError
from rumormill.evaluation.pubdate import load

KINDS = ("duration", "age", "order", "date")
STATUSES = ("contradiction", "consistent", "unverifiable")


def run(path: str, split: str | None = None, limit: int | None = None, errors: str | None = None,
        **_: Any) -> dict[str, Any]:
    from rumormill import ingest
    from rumormill.pipeline import analyze

    kind, docs = load(path, split=split, limit=limit)
    counts: Counter[tuple[str, str]] = Counter()
    shown: list[dict[str, Any]] = []
    with_contradiction = 0
    t0 = perf_counter()
    failed = 0
    for doc in docs:
        try:
            ledger = analyze(ingest.load_text(doc.text, kind="text", published=doc.date))
        except InputError:  # (an empty or unreadable body: counted, not scored)
            failed += 1
            continue
        times = {t.id: t for t in ledger.times}
        found = False
        for check in ledger.checks:
            counts[(check.kind, check.status)] += 1
            found = found or check.status == "contradiction"
            if check.status != "unverifiable":
                shown.append({"doc": doc.name, "kind": check.kind, "status": check.status, "detail": check.detail,
                              "evidence": {i: _context(ledger.text, times[i].span) for i in check.evidence
                                           if i in times}})
        with_contradiction += found
    spent = perf_counter() - t0
    if errors:
        with open(errors, "w", encoding="utf-8") as fh:
            for row in shown:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    figures: dict[str, Any] = {"documents": len(docs) - failed, "failed": failed,
                               "docs_with_contradiction": with_contradiction,
                               "docs_per_s": len(docs) / spent if spent else 0.0}
    for k in KINDS:
        for s in STATUSES:
            figures[f"{k}_{s}"] = counts[(k, s)]
    figures["contradictions"] = sum(counts[(k, "contradiction")] for k in KINDS)
    return {"corpus": kind, "split": split, "figures": figures}


def _context(text: str, span: list[int] | tuple[int, int]) -> str:
    start, end = span
    return text[max(0, start - 100):end + 60].replace("\n", " ")


def format(result: dict[str, Any]) -> str:
    f = result["figures"]
    where = result["corpus"] + (f", {result['split']}" if result.get("split") else "")
    lines = [f"consistency checks on real articles ({where}; each with its real publication date): "
             f"{f['documents']} documents" + (f" ({f['failed']} could not be read)" if f["failed"] else "")
             + f", {f['contradictions']} contradictions in {f['docs_with_contradiction']} "
             "of them (read each with --errors FILE: on real news nearly every contradiction is a false alarm)",
             f"{'kind':10} " + " ".join(f"{s:>14}" for s in STATUSES)]
    for k in KINDS:
        lines.append(f"{k:10} " + " ".join(f"{f[f'{k}_{s}']:>14}" for s in STATUSES))
    lines.append(f"speed: {f['docs_per_s']:.1f} documents/s (the whole pipeline, one process)")
    return "\n".join(lines)
