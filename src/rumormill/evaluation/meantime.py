"""``rumormill eval meantime PATH``: TIMEX3 scores and publication-date inference on MEANTIME (en).

Only the annotated part is scored: MEANTIME marks up the headline and the first sentences of each
article (sentences 0-5), so predictions after sentence 5 are ignored. The CAT XML tokens are detokenised into a plain text (headline, blank line, body; the dateline
tokens that carry the DCT are dropped, so the date is hidden from the tagger and from the
inference). Extent/type/value are scored with the DCT given, as for TempEval-3; the two documents
without an annotated DCT keep their dateline (on a line of its own) and are resolved against it, as
the pipeline would. The
publication-date test then runs ``rumormill.timex.pubdate.infer`` on the same text with no date and
reports how often the year and the month are right and how often the true DCT lies inside the
inferred interval (with the interval's mean width, so a wide interval cannot hide).
"""

from __future__ import annotations

import datetime as dt
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from rumormill.errors import InputError
from rumormill.evaluation.timeml import Doc, Gold, evaluate, format_extent

# MEANTIME annotates the headline (sentence 0), the dateline (1) and the first four body sentences
# (2-5) only; predictions after them are not scored (the whole text is still tagged, for context).
_ANNOTATED_SENTENCES = 5
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)\]%]|'s|'|n't|'re|'ve|'ll|'d|'m|”)$", re.I)
_NO_SPACE_AFTER = frozenset({"(", "[", "$", "“", "#"})


def read_doc(path: Path) -> Doc:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(f"{path}: not well-formed CAT XML ({exc})") from exc
    dct = None
    dateline: set[str] = set()
    timexes: list[tuple[list[str], str, str]] = []
    for m in root.iter("TIMEX3"):
        ids = [a.get("t_id", "") for a in m.iter("token_anchor")]
        if m.get("functionInDocument") == "CREATION_TIME":
            dct = m.get("value")
            dateline.update(ids)
        elif ids:
            timexes.append((ids, m.get("type", ""), m.get("value", "")))
    if dct and re.fullmatch(r"\d{2}-\d{2}-\d{4}", dct):
        # one malformed value in the corpus ("03-02-2009", an article about January 2009 sales figures
        # published in early February): read day-month-year, the order the rest of its text implies
        dct = f"{dct[6:]}-{dct[3:5]}-{dct[:2]}"
    if dct and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", dct):
        dct = None
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos = 0
    prev_sent = None
    prev_tok = ""
    scored_end = 0
    for tok in root.iter("token"):
        tid = tok.get("t_id", "")
        if tid in dateline:
            continue
        word = tok.text or ""
        word = {"``": "“", "''": "”", "-LRB-": "(", "-RRB-": ")"}.get(word, word)
        sent = tok.get("sentence")
        if prev_sent is None:
            sep = ""
        elif sent != prev_sent and prev_sent == "0":
            sep = "\n\n"
        elif sent != prev_sent and prev_sent == "1":
            sep = "\n"  # the dateline is a line of its own, as printed
        elif _NO_SPACE_BEFORE.match(word) or prev_tok in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts.append(sep)
        pos += len(sep)
        offsets[tid] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        prev_sent, prev_tok = sent, word
        if int(sent or 0) <= _ANNOTATED_SENTENCES:
            scored_end = pos
    gold = []
    for ids, typ, value in timexes:
        spans = [offsets[i] for i in ids if i in offsets]
        if spans:
            gold.append(Gold(start=min(s for s, _ in spans), end=max(e for _, e in spans), type=typ, value=value))
    return Doc(name=path.stem, text="".join(parts), dct=dct, gold=gold, scored_end=scored_end)


def load(path: str, limit: int | None = None) -> list[Doc]:
    root = Path(path)
    files = sorted(root.glob("intra-doc_annotation/*/*.xml")) or sorted(root.glob("**/*.xml"))
    if not files:
        raise InputError(f"no MEANTIME .xml files under {path}")
    return [read_doc(f) for f in files[:limit]]


def dct_figures(docs: list[Doc]) -> dict[str, float]:
    """Publication-date inference with the dateline hidden, against the annotated DCT."""
    from rumormill.timex import tag
    from rumormill.timex.pubdate import infer

    n = year = month = inside = narrow = written = 0
    widths: list[int] = []
    t0 = time.process_time()
    for doc in docs:
        if not doc.dct:
            continue
        n += 1
        written += any(t.norm.value[:4] == doc.dct[:4] for t in tag(doc.text, None) if not t.norm.anaphoric)
        got = infer(doc.text)
        if got.earliest is None or got.latest is None:
            continue
        mid = dt.date.fromisoformat(got.earliest) + (
            dt.date.fromisoformat(got.latest) - dt.date.fromisoformat(got.earliest)) / 2
        guess = got.value or mid.isoformat()
        year += guess[:4] == doc.dct[:4]
        month += guess[:7] == doc.dct[:7]
        width = (dt.date.fromisoformat(got.latest) - dt.date.fromisoformat(got.earliest)).days + 1
        inside += got.earliest <= doc.dct <= got.latest
        narrow += got.earliest <= doc.dct <= got.latest and width <= 366
        widths.append(width)
    spent = time.process_time() - t0
    return {
        "dct_documents": n,
        "dct_year_acc": year / n if n else 0.0,
        "dct_month_acc": month / n if n else 0.0,
        "dct_in_interval": inside / n if n else 0.0,
        "dct_in_interval_366": narrow / n if n else 0.0,
        "dct_interval_days_mean": sum(widths) / len(widths) if widths else 0.0,
        "dct_interval_days_median": sorted(widths)[len(widths) // 2] if widths else 0.0,
        "dct_answered": len(widths) / n if n else 0.0,
        "dct_in_interval_answered": narrow / len(widths) if widths else 0.0,  # inside and <= 366 days, of the answered
        "dct_year_written": written / n if n else 0.0,
        "dct_docs_per_s": n / spent if spent else 0.0,
    }


def run(path: str, **options: Any) -> dict[str, Any]:
    docs = load(path, options.get("limit"))
    figs, _ = evaluate(docs, errors=options.get("errors"))
    figs.update(dct_figures(docs))
    return {"figures": figs}


def format(result: dict[str, Any]) -> str:
    f = result["figures"]
    return "\n".join([
        format_extent(f, "MEANTIME English (DCT given and its dateline removed; 2 documents without a DCT "
                       "keep their dateline and are resolved against it)"),
        f"publication date with the dateline hidden ({f['dct_documents']} documents with a DCT): "
        f"year {f['dct_year_acc'] * 100:.1f}%, month {f['dct_month_acc'] * 100:.1f}%, "
        f"DCT inside the inferred interval {f['dct_in_interval'] * 100:.1f}% "
        f"(inside and at most 366 days wide {f['dct_in_interval_366'] * 100:.1f}%) "
        f"(interval width mean {f['dct_interval_days_mean']:.0f} days, median {f['dct_interval_days_median']:.0f}; "
        f"answered {f['dct_answered'] * 100:.0f}%, inside and at most 366 days wide of the answered "
        f"{f['dct_in_interval_answered'] * 100:.1f}%; the true year is written anywhere in only "
        f"{f['dct_year_written'] * 100:.0f}% of the texts)",
    ])
