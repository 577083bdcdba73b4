"""``rumormill eval markkula``: the type (and name) of the source behind each sourced statement.

Corpus: ``../shared/data/attribution/markkula-journ-sourcing`` (Markkula Center, Santa Clara
University; read in place, no licence, evaluation only): 43 articles, 645 (statement, source)
rows. The ground truth has no offsets, so each statement is located by string matching: the text
and the statement are NFKC-normalised, quote marks and whitespace unified, and the statement's
first 60 characters searched for (the README reports 628 of 645 found this way).

Each article is analysed as stored (``analyze_plain``: entities + sources). A located statement
takes the source of the attribution whose content (or, failing that, cue or speaker phrase)
overlaps it most; no attribution means "no source found" and counts as wrong. Our source kinds
map to the corpus's six types: named person (a PERSON entity or an unknown proper name),
named organization (an ORG/OUTLET entity or outlet), document, unnamed group (group), anonymous
source (an anonymous source named by an informant noun: source, insider, official, aide, rep …)
and unnamed person (any other anonymous source: "a man", "a reporter").

Figures: type accuracy over all rows and over located rows; precision/recall/F1 of spotting the
unnamed kinds (anonymous source + unnamed person + unnamed group) against the named kinds; name
accuracy on named-person rows (fuzzy match, rapidfuzz partial ratio >= 80); statements/s.
"""

from __future__ import annotations

import csv
import re
import time
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from rumormill.errors import RumormillError

TYPES = ("Named Person", "Named Organization", "Document", "Unnamed Group of People",
         "Anonymous Source", "Unnamed Person")
UNNAMED = {"Unnamed Group of People", "Anonymous Source", "Unnamed Person"}
_INFORMANT = {"insider", "friend", "rep", "family", "official"}
_INFORMED = re.compile(r"\b(?:familiar|close|closest|knowledgeable|briefed|anonymity)\b", re.I)
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'", "´": "'"})


def normalise_type(raw: str) -> str | None:
    t = raw.strip().lower().replace("unamed", "unnamed")
    if not t:
        return None
    if "anonymous" in t:
        return "Anonymous Source"
    if "unnamed" in t and "group" in t:
        return "Unnamed Group of People"
    if "unnamed" in t:
        return "Unnamed Person"
    if "organi" in t:
        return "Named Organization"
    if "document" in t:
        return "Document"
    if "named" in t:
        return "Named Person"
    return None


def _norm_with_map(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the offset in ``text`` it came from."""
    out: list[str] = []
    where: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).translate(_QUOTES):
            if c.isspace():
                if prev_space:
                    continue
                c = " "
                prev_space = True
            else:
                prev_space = False
            out.append(c)
            where.append(i)
    return "".join(out), where


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s).translate(_QUOTES)).strip()


def locate(norm_text: str, where: list[int], statement: str) -> tuple[int, int] | None:
    st = _norm(statement)
    if len(st) < 8:
        return None
    k = norm_text.find(st[:60])
    if k < 0:
        return None
    end = min(k + len(st), len(where)) - 1
    return where[k], where[end] + 1


def _read_gt(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    hi = next((i for i, r in enumerate(rows) if r and r[0].strip() == "No"), None)
    if hi is None:
        return []
    header = [h.strip().lower() for h in rows[hi]]

    def col(*keys: str) -> int | None:
        return next((i for i, h in enumerate(header) if any(k in h for k in keys)), None)

    c_st, c_ty, c_nm = col("sourced statement"), col("type of source"), col("name of source")
    out = []
    for r in rows[hi + 1 :]:
        if c_st is None or c_st >= len(r) or not r[c_st].strip():
            continue
        out.append({"statement": r[c_st], "type": r[c_ty] if c_ty is not None and c_ty < len(r) else "",
                    "name": r[c_nm] if c_nm is not None and c_nm < len(r) else ""})
    return out


def load(path: str, limit: int | None = None) -> list[tuple[str, str, list[dict[str, str]]]]:
    root = Path(path)
    if not (root / "gt").is_dir() or not (root / "articles").is_dir():
        raise RumormillError(f"{path}: not the markkula-journ-sourcing folder (no gt/ and articles/)")
    texts = {p.name.split("-", 1)[0]: p for p in (root / "articles").glob("*.txt")}
    docs = []
    for gt in sorted((root / "gt").glob("*.csv"), key=lambda p: int(p.name.split("-", 1)[0])):
        key = gt.name.split("-", 1)[0]
        if key in texts:
            docs.append((key, texts[key].read_text(encoding="utf-8-sig"), _read_gt(gt)))
        if limit and len(docs) >= limit:
            break
    if not docs:
        raise RumormillError(f"{path}: no articles with ground truth")
    return docs


def _predicted(state: Any, span: tuple[int, int]) -> tuple[str | None, str | None]:
    """(type, label) of the source behind the attribution that overlaps ``span`` most."""
    from rumormill.lexicons import load_table

    informant = {r[0] for r in load_table("source_nouns.tsv") if len(r) > 1 and r[1] in _INFORMANT}
    s0, e0 = span
    best, best_ov = None, 0
    for a in state.scratch.get("attributions", []):
        if not a.get("source") or a["source"] == "S0":
            continue
        for key, weight in (("content_span", 3), ("cue_span", 1), ("source_span", 1)):
            sp = a.get(key)
            if sp:
                ov = (min(e0, sp[1]) - max(s0, sp[0])) * weight
                if ov > best_ov:
                    best, best_ov = a, ov
    if best is None:
        return None, None
    src = next(s for s in state.sources if s.id == best["source"])
    etype = {e.id: e.type for e in state.entities}.get(src.entity or "")
    if src.kind == "named":
        kind = "Named Organization" if etype in ("ORG", "OUTLET") else "Named Person"
    elif src.kind == "outlet":
        kind = "Named Organization"
    elif src.kind == "document":
        kind = "Document"
    else:
        words = {w.strip(",.").lower().rstrip("s") for w in src.label.split()}
        # people who speak on condition of anonymity: informant nouns, "people familiar with …"
        informed = bool(words & informant) or bool(_INFORMED.search(src.label))
        if src.kind == "group":
            kind = "Anonymous Source" if informed else "Unnamed Group of People"
        else:
            kind = "Anonymous Source" if informed else "Unnamed Person"
    return kind, src.label


def run(path: str, limit: int | None = None, errors: str | None = None, **_: Any) -> dict[str, Any]:
    from rapidfuzz import fuzz

    from rumormill.nlp.model import parse_many
    from rumormill.stages.sources import analyze_plain

    docs = load(path, limit)
    t0 = time.perf_counter()
    rows_out: list[dict[str, Any]] = []
    confusion: Counter[tuple[str, str]] = Counter()
    n = located = correct = 0
    tp = fp = fn = 0
    names = names_ok = 0
    for (key, text, gt), parse in zip(docs, parse_many(d[1] for d in docs), strict=True):
        state = analyze_plain(text, parse)
        norm_text, where = _norm_with_map(text)
        for row in gt:
            gold = normalise_type(row["type"])
            if gold is None:
                continue
            n += 1
            span = locate(norm_text, where, row["statement"])
            pred, label = (None, None)
            if span is not None:
                located += 1
                pred, label = _predicted(state, span)
            confusion[(gold, pred or "none")] += 1
            correct += pred == gold
            g_un, p_un = gold in UNNAMED, pred in UNNAMED
            tp += g_un and p_un
            fp += p_un and not g_un
            fn += g_un and not p_un
            if gold == "Named Person" and row["name"].strip():
                names += 1
                names_ok += bool(label) and fuzz.partial_ratio(row["name"].lower(), (label or "").lower()) >= 80
            rows_out.append({"article": key, "statement": row["statement"][:120], "gold": gold, "predicted": pred,
                             "gold_name": row["name"], "predicted_name": label, "located": span is not None})
    elapsed = time.perf_counter() - t0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    figures = {
        "statements": n,
        "located": located,
        "type_accuracy": round(correct / n, 4) if n else 0.0,
        "type_accuracy_located": round(correct / located, 4) if located else 0.0,
        "unnamed_precision": round(p, 4),
        "unnamed_recall": round(r, 4),
        "unnamed_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "name_accuracy": round(names_ok / names, 4) if names else 0.0,
        "statements_per_s": round(n / elapsed, 2) if elapsed else 0.0,
    }
    if errors:
        import json

        with open(errors, "w", encoding="utf-8") as fh:
            for row_out in rows_out:
                if row_out["gold"] != row_out["predicted"]:
                    fh.write(json.dumps(row_out, ensure_ascii=False) + "\n")
    return {"figures": figures, "confusion": {f"{g} -> {p}": c for (g, p), c in sorted(confusion.items())},
            "errors_file": errors}


def format(result: dict[str, Any]) -> str:
    f = result["figures"]
    lines = [
        f"Markkula journalistic sourcing: {f['statements']} statements, {f['located']} located in the text, "
        f"{f['statements_per_s']} statements/s",
        f"source type accuracy: {f['type_accuracy']:.3f} (all rows), {f['type_accuracy_located']:.3f} (located rows)",
        f"unnamed sources (anonymous/unnamed person/unnamed group): P {f['unnamed_precision']:.3f} "
        f"R {f['unnamed_recall']:.3f} F1 {f['unnamed_f1']:.3f}",
        f"named-person name accuracy: {f['name_accuracy']:.3f}",
        "", "confusion (gold -> predicted):",
    ]
    lines += [f"  {k}: {v}" for k, v in result["confusion"].items()]
    if result.get("errors_file"):
        lines += ["", f"mismatches: {result['errors_file']}"]
    return "\n".join(lines)
