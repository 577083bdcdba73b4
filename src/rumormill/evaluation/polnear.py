"""``rumormill eval polnear``: attribution Source / Cue / Content spans on PolNeAR.

Corpus: ``../shared/data/attribution/polnear`` (Newell et al., LREC 2018; read in place, no
licence, evaluation only). One annotator per article: the first annotator listed in
``metadata.tsv`` that has an ``.ann`` file (the corpus README's deterministic choice). Gold span
text is recovered from the offsets; discontinuous spans are kept as their fragment lists.

The article file is parsed exactly as stored (title line, blank line, body) so predicted offsets
are the gold offsets: no ingestion, no residue removal. Each attribution the sources stage
publishes in ``state.scratch["attributions"]`` gives one predicted Source (the speaker phrase),
Cue (the reporting verb or "according to"/":") and Content (the complement clause; a direct or
mixed quote with its quote marks, as PolNeAR's annotators mark it).

Scores, per role: **exact** counts a prediction whose fragments equal a gold span's (leading and
trailing whitespace ignored); **overlap** matches predictions to gold spans one to one when they
share at least one character. Precision = matched / predicted, recall = matched / gold.
Nothing is trained on PolNeAR; the lexicons were read off train only (see docs/sources.md).
"""

from __future__ import annotations

import csv
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rumormill.errors import RumormillError

ROLES = ("Source", "Cue", "Content")
Frags = tuple[tuple[int, int], ...]
_T = re.compile(r"^(T\d+)\t(\S+) ([\d;\s]+?)\t")
_E = re.compile(r"^(E\d+)\t(.*)$")
_MARKS = "“”\"‘’'"


@dataclass(slots=True)
class Doc:
    name: str
    annotator: str
    text: str
    gold: dict[str, list[Frags]] = field(default_factory=dict)


def _norm(text: str, frags: Frags) -> Frags:
    out = []
    for s, e in frags:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return tuple(sorted(out))  # annotators list some fragments out of text order


def parse_ann(ann: str, text: str) -> dict[str, list[Frags]]:
    """Gold spans per role from brat standoff text (only ``T``/``E`` lines; offsets, not the text column)."""
    ents: dict[str, tuple[str, Frags]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        m = _T.match(line)
        if m:
            frags = tuple(tuple(int(x) for x in f.split()) for f in m.group(3).split(";"))
            ents[m.group(1)] = (m.group(2), frags)  # type: ignore[assignment]
            continue
        m = _E.match(line)
        if m:
            roles = dict(part.split(":", 1) for part in m.group(2).split() if ":" in part)
            events.append(roles)
    gold: dict[str, list[Frags]] = {r: [] for r in ROLES}
    for roles in events:
        for role in ROLES:
            tid = roles.get(role)
            if tid and tid in ents:
                frags = _norm(text, ents[tid][1])
                if frags:
                    gold[role].append(frags)
    return gold


def load(path: str, split: str, limit: int | None = None) -> list[Doc]:
    root = Path(path)
    data = root / "data" if (root / "data").is_dir() else root
    meta = data / "metadata.tsv"
    if not meta.is_file():
        raise RumormillError(f"{path}: not a PolNeAR folder (no data/metadata.tsv)")
    docs: list[Doc] = []
    with meta.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["compartment"] != split:
                continue
            name = row["filename"]
            txt = data / split / "text" / f"{name}.txt"
            ann = next((data / split / "attributions" / f"{name}_{a}.ann" for a in row["annotators"].split("|")
                        if (data / split / "attributions" / f"{name}_{a}.ann").is_file()), None)
            if ann is None or not txt.is_file():
                continue
            text = txt.read_text(encoding="utf-8")
            docs.append(Doc(name=name, annotator=ann.stem.rsplit("_", 1)[1], text=text,
                            gold=parse_ann(ann.read_text(encoding="utf-8"), text)))
            if limit and len(docs) >= limit:
                break
    if not docs:
        raise RumormillError(f"{path}: no annotated articles in split {split!r}")
    return docs


def _outermost(attributions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """PolNeAR is univocal (a token has at most one role in one attribution), so an attribution
    nested in another one's content ("He said the poll found that …") is never annotated: drop
    attributions whose cue lies inside another attribution's content. The ledger keeps them."""
    spans = []
    for a in attributions:
        parts = a.get("content_parts") or ([a["content_span"]] if a.get("content_span") else [])
        if a.get("cue_lemma") == ":" and a.get("kind") == "indirect":
            parts = []  # a transcript turn ("A: …"): annotators mark the attributions inside it
        spans.append([(int(s), int(e)) for s, e in parts])
    out = []
    for i, a in enumerate(attributions):
        cue = a.get("cue_span")
        if cue and any(s <= cue[0] and cue[1] <= e for j, ps in enumerate(spans) if j != i for s, e in ps):
            continue
        out.append(a)
    return out


def predict(text: str, attributions: list[dict[str, Any]]) -> dict[str, list[Frags]]:
    """Predicted spans per role from the stage's attribution dicts.

    Quotes that share one cue ("“A,” she said, “B.”", or a quote continued in the next
    paragraph) are one PolNeAR Content with several fragments, marks included.
    """
    out: dict[str, set[Frags]] = {r: set() for r in ROLES}
    quoted: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
    for a in _outermost(attributions):
        if a.get("source_span"):
            out["Source"].add(_norm(text, (tuple(a["source_span"]),)))
        if a.get("cue_span"):
            out["Cue"].add(_norm(text, (tuple(a["cue_span"]),)))
        cs = a.get("content_span")
        if not cs:
            continue
        s, e = cs
        if a.get("quote") and a.get("kind") in ("direct", "mixed") and s > 0 and text[s - 1] in _MARKS:
            while s > 0 and text[s - 1] in _MARKS:
                s -= 1
            while e < len(text) and text[e] in _MARKS:
                e += 1
            if a.get("cue_span"):
                cue = (int(a["cue_span"][0]), int(a["cue_span"][1]))
                quoted.setdefault(cue, []).append((s, e, str(a.get("kind"))))
                continue
        parts = a.get("content_parts")
        out["Content"].add(_norm(text, tuple(tuple(x) for x in parts) if parts else ((s, e),)))
    for cue, parts in quoted.items():
        # a direct quote and the quotes around its cue ("“A,” she said, “b …”") are one content;
        # other quoted fragments near the same cue stay separate
        parts.sort()
        group: list[tuple[int, int]] = []
        for k, (s, e, kind) in enumerate(parts):
            split_by_cue = k > 0 and parts[k - 1][1] <= cue[0] and cue[1] <= s
            if kind == "direct" or split_by_cue:
                group.append((s, e))
            else:
                out["Content"].add(_norm(text, ((s, e),)))
        if group:
            out["Content"].add(_norm(text, tuple(group)))
    return {r: sorted(x for x in v if x) for r, v in out.items()}


def _overlap(a: Frags, b: Frags) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def score(gold: list[Frags], pred: list[Frags]) -> tuple[int, int, int, int]:
    """(exact matches, overlap matches, gold count, predicted count) for one role of one article."""
    gset = set(gold)
    exact = sum(1 for p in set(pred) if p in gset)
    used: set[int] = set()
    over = 0
    for p in pred:
        k = next((i for i, g in enumerate(gold) if i not in used and _overlap(p, g)), None)
        if k is not None:
            used.add(k)
            over += 1
    return exact, over, len(gold), len(set(pred))


def _prf(tp: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def run(path: str, split: str | None = None, limit: int | None = None, errors: str | None = None,
        **_: Any) -> dict[str, Any]:
    from rumormill.nlp.model import parse_many
    from rumormill.stages.sources import analyze_plain

    split = split or "test"
    docs = load(path, split, limit)
    totals = {r: [0, 0, 0, 0] for r in ROLES}
    err_rows: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    rules_s = 0.0
    for doc, parse in zip(docs, parse_many(d.text for d in docs), strict=True):
        t1 = time.perf_counter()
        state = analyze_plain(doc.text, parse)
        rules_s += time.perf_counter() - t1
        pred = predict(doc.text, state.scratch.get("attributions", []))
        row: dict[str, Any] = {"article": doc.name, "annotator": doc.annotator}
        for role in ROLES:
            sc = score(doc.gold[role], pred[role])
            for k in range(4):
                totals[role][k] += sc[k]
            gset, pset = set(doc.gold[role]), set(pred[role])
            row[role] = {
                "exact": sc[0], "gold": sc[2], "predicted": sc[3],
                "missed": [" | ".join(doc.text[s:e] for s, e in g) for g in sorted(gset - pset)],
                "spurious": [" | ".join(doc.text[s:e] for s, e in p) for p in sorted(pset - gset)],
            }
        err_rows.append(row)
    elapsed = time.perf_counter() - t0
    figures: dict[str, Any] = {}
    for role in ROLES:
        ex, ov, ng, npred = totals[role]
        key = role.lower()
        for kind, tp in (("exact", ex), ("overlap", ov)):
            p, r, f = _prf(tp, ng, npred)
            figures[f"{key}_{kind}_precision"] = round(p, 4)
            figures[f"{key}_{kind}_recall"] = round(r, 4)
            figures[f"{key}_{kind}_f1"] = round(f, 4)
    figures["articles_per_s"] = round(len(docs) / elapsed, 2) if elapsed else 0.0
    figures["rules_share_of_time"] = round(rules_s / elapsed, 4) if elapsed else 0.0
    figures["articles"] = len(docs)
    figures["gold_cues"] = sum(len(d.gold["Cue"]) for d in docs)
    if errors:
        with open(errors, "w", encoding="utf-8") as fh:
            for row in err_rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return {"figures": figures, "split": split, "totals": totals, "errors_file": errors}


def format(result: dict[str, Any]) -> str:
    f = result["figures"]
    lines = [f"PolNeAR attribution spans, split {result['split']}: {f['articles']} articles, "
             f"{f['articles_per_s']} articles/s (rules {100 * f['rules_share_of_time']:.1f}% of the time)",
             "", f"{'role':<8} {'exact P':>8} {'exact R':>8} {'exact F1':>9} {'overlap P':>10} {'overlap R':>10} "
                 f"{'overlap F1':>11}"]
    for role in ROLES:
        k = role.lower()
        lines.append(f"{role:<8} {f[k + '_exact_precision']:>8.3f} {f[k + '_exact_recall']:>8.3f} "
                     f"{f[k + '_exact_f1']:>9.3f} {f[k + '_overlap_precision']:>10.3f} "
                     f"{f[k + '_overlap_recall']:>10.3f} {f[k + '_overlap_f1']:>11.3f}")
    if result.get("errors_file"):
        lines += ["", f"per-article errors: {result['errors_file']}"]
    return "\n".join(lines)
