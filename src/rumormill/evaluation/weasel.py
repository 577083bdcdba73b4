"""``rumormill eval weasel``: sentence-level hedge detection on the Szeged WikiWeasel corpus.

A sentence is *uncertain* when it holds at least one ``<ccue>`` (any cue type). Only the
body-text sentences are scored (``DocumentPart type="Text"``; titles are names, not claims).

Split: a document is in the *held-out* half when the first 8 hex digits of the SHA-256 of
its ``DocID`` text, read as an integer, are odd; otherwise it is in the *tuning* half.
``lexicons/hedge_cues.tsv`` is derived from the tuning half only (``derive``); the scores
are reported on the held-out half (``--split tuning`` scores the tuning half instead).
"""

from __future__ import annotations

import hashlib
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rumormill.epistemic.hedges import KINDS, MIN_OCC, features, hedge_cues
from rumormill.errors import InputError

FILE = "wiki.xml"
_DOCTYPE = re.compile(r"<!DOCTYPE[^>]*>")


@dataclass(frozen=True, slots=True)
class Item:
    doc: str
    half: str  # tuning | heldout
    text: str
    cues: tuple[tuple[int, int, str], ...]  # (start, end, Szeged type)


def half_of(doc_id: str) -> str:
    """The documented split rule: odd SHA-256 prefix -> held-out."""
    return "heldout" if int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8], 16) % 2 else "tuning"


def load(path: str) -> list[Item]:
    """Body-text sentences of the corpus with their cue offsets."""
    p = Path(path)
    f = p / FILE if p.is_dir() else p
    if not f.is_file():
        raise InputError(f"{f}: not found (expected the szeged_wikiweasel folder holding {FILE})")
    try:
        root = ET.fromstring(_DOCTYPE.sub("", f.read_text(encoding="utf-8"), count=1))
    except ET.ParseError as exc:
        raise InputError(f"{f}: not well-formed XML: {exc}") from exc
    items: list[Item] = []
    for doc in root.iter("Document"):
        doc_id = (doc.findtext("DocID") or "").strip()
        half = half_of(doc_id)
        for part in doc.findall("DocumentPart"):
            if part.get("type") != "Text":
                continue
            for sent in part.findall("Sentence"):
                text, cues = _flatten(sent)
                items.append(Item(doc=doc_id, half=half, text=text, cues=tuple(cues)))
    return items


def _flatten(sent: ET.Element) -> tuple[str, list[tuple[int, int, str]]]:
    parts: list[str] = [sent.text or ""]
    cues: list[tuple[int, int, str]] = []
    for child in sent:
        start = sum(map(len, parts))
        inner = "".join(child.itertext())
        parts.append(inner)
        if child.tag == "ccue":
            cues.append((start, start + len(inner), child.get("type") or ""))
        parts.append(child.tail or "")
    return "".join(parts), cues


def _parses(items: list[Item]) -> list[Any]:
    from rumormill.nlp.model import parse_many

    return list(parse_many([it.text for it in items], batch_size=64))


def run(path: str, **options: Any) -> dict[str, Any]:
    split = options.get("split") or "heldout"
    if split not in ("heldout", "tuning"):
        raise InputError(f"weasel: --split must be heldout or tuning, not {split!r}")
    items = [it for it in load(path) if it.half == split]
    if options.get("limit"):
        items = items[: int(options["limit"])]
    t0 = time.perf_counter()
    parses = _parses(items)
    t1 = time.perf_counter()
    preds = [bool(hedge_cues(p, 0, len(p.tokens))) for p in parses]
    t2 = time.perf_counter()
    tp = fp = fn = 0
    errors: list[str] = []
    for it, pr, p in zip(items, preds, parses, strict=True):
        gold = bool(it.cues)
        tp += gold and pr
        fp += pr and not gold
        fn += gold and not pr
        if gold != pr:
            found = [p.tokens[i].text for i, _k in hedge_cues(p, 0, len(p.tokens))]
            want = [it.text[s:e] for s, e, _t in it.cues]
            errors.append(f"{'FP' if pr else 'FN'}\t{it.doc}\tgold={want}\tfound={found}\t{it.text}")
    if options.get("errors"):
        Path(options["errors"]).write_text("\n".join(errors) + "\n", encoding="utf-8")
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    n = len(items)
    return {
        "figures": {
            "precision": round(prec, 4),
            "recall": round(rec, 4),
            "f1": round(f1, 4),
            "sentences_per_s": round(n / (t2 - t0), 1) if t2 > t0 else 0.0,
        },
        "split": split,
        "sentences": n,
        "uncertain": tp + fn,
        "counts": {"tp": tp, "fp": fp, "fn": fn},
        "rules_sentences_per_s": round(n / (t2 - t1), 1) if t2 > t1 else 0.0,
    }


def format(result: dict[str, Any]) -> str:
    f = result["figures"]
    c = result["counts"]
    return "\n".join([
        f"Szeged WikiWeasel, {result['split']} half: {result['sentences']} sentences, "
        f"{result['uncertain']} uncertain",
        f"uncertain class  P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}  "
        f"(tp {c['tp']}, fp {c['fp']}, fn {c['fn']})",
        f"speed  {f['sentences_per_s']} sentences/s with the spaCy parse; "
        f"{result['rules_sentences_per_s']} sentences/s for the cue rules alone",
    ])


# --------------------------------------------------------------------------- derivation
HEADER = """\
# Hedge (semantic-uncertainty) cues with their contexts: a decision list.
# Origin: derived from the TUNING half of the Szeged WikiWeasel corpus (Szarvas et al. 2012,
# CoNLL-2010 Wikipedia texts; CC BY-SA, so this derived file is CC BY-SA too) by
#   python -m rumormill.evaluation.weasel derive ../shared/data/factuality/szeged_wikiweasel
# Split rule: DocID whose sha256 8-hex prefix is even -> tuning (see evaluation/weasel.py).
# Parse: en_core_web_sm 3.8.0 (rumormill.nlp). Measured on the held-out half with
#   rumormill eval weasel ../shared/data/factuality/szeged_wikiweasel   (see docs/claims.md)
# cue<TAB>word<TAB>Penn tag<TAB>kind<TAB>hits<TAB>occurrences   (word+tag annotated as cue hits/occ)
# ctx<TAB>word<TAB>feature=value<TAB>hits<TAB>occurrences       (same, within one context)
"""


def derive(path: str, min_hits: int = 2) -> str:
    """Count cue words and their contexts on the tuning half; return the lexicon text."""
    items = [it for it in load(path) if it.half == "tuning"]
    return derive_from(items, _parses(items), min_hits)


def derive_from(items: list[Item], parses: list[Any], min_hits: int = 2) -> str:
    hits: Counter[tuple[str, str]] = Counter()
    kinds: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for it, p in zip(items, parses, strict=True):
        for t in p.tokens:
            for s, e, ty in it.cues:
                if t.start < e and t.end > s:
                    hits[(t.lower, t.tag)] += 1
                    kinds[(t.lower, t.tag)][KINDS.get(ty, "speculation")] += 1
                    break
    keep = {k for k, h in hits.items() if h >= min_hits and k[0].isalpha()}
    occ: Counter[tuple[str, str]] = Counter()
    ctx_hits: Counter[tuple[str, str]] = Counter()
    ctx_occ: Counter[tuple[str, str]] = Counter()
    for it, p in zip(items, parses, strict=True):
        n = len(p.tokens)
        for t in p.tokens:
            if (t.lower, t.tag) not in keep:
                continue
            occ[(t.lower, t.tag)] += 1
            gold = any(t.start < e and t.end > s for s, e, _ty in it.cues)
            for f in set(features(p, t.i, 0, n)):
                ctx_occ[(t.lower, f)] += 1
                ctx_hits[(t.lower, f)] += gold
    rows = [HEADER.rstrip("\n")]
    for k in sorted(keep, key=lambda k: (-hits[k], k)):
        rows.append(f"cue\t{k[0]}\t{k[1]}\t{kinds[k].most_common(1)[0][0]}\t{hits[k]}\t{occ[k]}")
    for k in sorted(ctx_occ, key=lambda k: (k[0], -ctx_occ[k], k[1])):
        h, o = ctx_hits[k], ctx_occ[k]
        # only contexts that can overrule a base rate are worth storing
        if o >= MIN_OCC and (h == 0 or h == o or abs(h / o - 0.5) >= 0.25):
            rows.append(f"ctx\t{k[0]}\t{k[1]}\t{h}\t{o}")
    return "\n".join(rows) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "derive":
        print("usage: python -m rumormill.evaluation.weasel derive CORPUS_DIR > hedge_cues.tsv", file=sys.stderr)
        return 2
    sys.stdout.write(derive(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
