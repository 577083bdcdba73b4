"""``rumormill eval pubdate PATH [--split S]``: publication-date inference on dated news with the date hidden.

Two corpora whose articles carry a known publication date (MEANTIME has its own ``eval meantime``):

- **PolNeAR** (the folder with ``data/metadata.tsv``): about 1,000 political news articles from
  2015-11-08 to 2016-11-08, the date in the ``publication_date`` column; ``--split`` train (the
  default; the only split the inference was tuned on), dev or test (held out). Its dates lie in one
  election year, so year accuracy alone says little; read it with the in-interval rate and width.
- **Markkula** (the folder with ``articles/``): 43 articles, mostly 2024, the date in a ``Date:``
  header line (held out).
- **Web pages** (the scrapinghub-aeb folder with ``ground-truth.json``): the 161 English article
  bodies (mostly November 2019, some 2014-18; no title, no metadata), the date from the packaged
  ``evaluation/data/aeb_dates.tsv`` (each page's own metadata, checked against the URL's date where it
  has one). ``--split dev`` (the 81 pages at even positions in page-id order) or ``test`` (the other
  80, never tuned on); both by default. First measured on all 161 before any tuning: answered 40%,
  right 32.8% of the answered.

Each text goes through ingestion (``rumormill.ingest.from_text``, with no date given) the way the
pipeline sees it, minus its date: a ``Date:``/``Published:`` header line is dropped before ingestion,
and a dateline the pipeline would read (``rumormill.timex.pubdate.dateline``: "WASHINGTON, Aug 29
(Reuters) -", "Published 12 Jan 2024") has its date words cut out of the text. Then
``rumormill.timex.pubdate.infer`` runs on the text alone (no file name, no metadata, no prior about
the corpus). Scores, as in ``eval meantime``: year and month of the point guess (``value``, else the
interval's middle), the true date inside the interval, the interval's width, and inside *and* at most
366 days wide (a wide interval cannot hide), over all documents and over the answered ones
(``in_interval_answered``: how often an answer is right; the inference abstains on weak evidence). Speed is CPU seconds of tagging plus inference.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from rumormill.errors import EvalError

_HEADER_DATE = re.compile(r"^\ufeff?\s*(?:Date|Published|Dated)\s*:[^\n]*\n?", re.I | re.M)
_MARKKULA_DATE = re.compile(r"^\ufeff?\s*Date\s*:\s*(\d{4}-\d{2}-\d{2})", re.I | re.M)


@dataclass(frozen=True, slots=True)
class Doc:
    name: str
    text: str  # the raw file text, date header still in it
    date: str  # YYYY-MM-DD


def corpus(path: str) -> str:
    """``polnear`` or ``markkula`` from the folder's layout."""
    root = Path(path)
    if (root / "data" / "metadata.tsv").is_file() or (root / "metadata.tsv").is_file():
        return "polnear"
    if (root / "articles").is_dir():
        return "markkula"
    if (root / "ground-truth.json").is_file():
        return "web"
    raise EvalError(f"{path}: not a PolNeAR folder (data/metadata.tsv), markkula-journ-sourcing (articles/) or "
                    "scrapinghub-aeb (ground-truth.json); "
                    "MEANTIME is scored by 'rumormill eval meantime'")


def load(path: str, split: str | None = None, limit: int | None = None) -> tuple[str, list[Doc]]:
    kind = corpus(path)
    root = Path(path)
    docs: list[Doc] = []
    if kind == "polnear":
        data = root / "data" if (root / "data" / "metadata.tsv").is_file() else root
        split = split or "train"
        if split not in ("train", "dev", "test"):
            raise EvalError(f"PolNeAR split must be train, dev or test, not {split!r}")
        with (data / "metadata.tsv").open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if row["compartment"] != split:
                    continue
                txt = data / split / "text" / f"{row['filename'].removesuffix('.txt')}.txt"
                if txt.is_file() and re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["publication_date"]):
                    docs.append(Doc(name=txt.stem, text=txt.read_text(encoding="utf-8"), date=row["publication_date"]))
    elif kind == "web":
        if split not in (None, "dev", "test"):
            raise EvalError(f"the web pages' split must be dev or test, not {split!r}")
        try:
            bodies = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as err:
            raise EvalError(f"{root / 'ground-truth.json'}: not readable as JSON ({err})") from err
        table = resources.files("rumormill.evaluation").joinpath("data", "aeb_dates.tsv").read_text(encoding="utf-8")
        rows = [line.split("\t") for line in table.splitlines() if line.strip() and not line.startswith("#")]
        for i, (page, date, _source) in enumerate(sorted(rows)):
            if split and (split == "dev") != (i % 2 == 0):
                continue
            body = bodies.get(page, {}).get("articleBody") if isinstance(bodies.get(page), dict) else None
            if body:
                docs.append(Doc(name=page, text=body, date=date))
    else:
        if split:
            raise EvalError("markkula has no splits (it is held out as a whole)")
        for f in sorted((root / "articles").glob("*.txt"), key=lambda p: (len(p.name.split("-", 1)[0]), p.name)):
            raw = f.read_text(encoding="utf-8-sig")
            m = _MARKKULA_DATE.search(raw)
            if m:
                docs.append(Doc(name=f.stem, text=raw, date=m.group(1)))
    if not docs:
        raise EvalError(f"{path}: no dated articles found" + (f" in split {split!r}" if split else ""))
    return kind, docs[:limit] if limit else docs


def undated(raw: str) -> tuple[str, str | None]:
    """The clean text the pipeline would see with the date hidden, and the dateline words cut (or None)."""
    from rumormill.ingest import published as pub
    from rumormill.ingest.text import from_text
    from rumormill.timex.pubdate import dateline

    raw = _HEADER_DATE.sub("", raw)
    text = from_text(raw, published=pub.UNKNOWN).text
    line = dateline(text)
    if line is None:
        return text, None
    s, e = line.span
    return text[:s] + text[e:], text[s:e]


def score(pairs: list[tuple[str, Any]]) -> dict[str, float]:
    """Figures over (true date, ``Published``) pairs."""
    n = len(pairs)
    year = month = inside = narrow = 0
    widths: list[int] = []
    for date, got in pairs:
        if got.earliest is None or got.latest is None:
            continue
        lo, hi = dt.date.fromisoformat(got.earliest), dt.date.fromisoformat(got.latest)
        guess = got.value or (lo + (hi - lo) / 2).isoformat()
        width = (hi - lo).days + 1
        year += guess[:4] == date[:4]
        month += guess[:7] == date[:7]
        hit = got.earliest <= date <= got.latest
        inside += hit
        narrow += hit and width <= 366
        widths.append(width)
    widths.sort()
    return {
        "documents": n,
        "answered": len(widths) / n if n else 0.0,
        "year_acc": year / n if n else 0.0,
        "month_acc": month / n if n else 0.0,
        "in_interval": inside / n if n else 0.0,
        "in_interval_366": narrow / n if n else 0.0,
        "in_interval_answered": narrow / len(widths) if widths else 0.0,  # inside and <= 366 days, of the answered
        "width_days_mean": sum(widths) / len(widths) if widths else 0.0,
        "width_days_median": float(widths[len(widths) // 2]) if widths else 0.0,
    }


def run(path: str, split: str | None = None, limit: int | None = None, errors: str | None = None,
        **_: Any) -> dict[str, Any]:
    from rumormill.timex import tag
    from rumormill.timex.pubdate import infer

    kind, docs = load(path, split, limit)
    texts = [undated(d.text) for d in docs]
    tag("Warm up the rules on 3 March 2024.", None)
    pairs: list[tuple[str, Any]] = []
    spent = inferring = 0.0
    written = 0
    for doc, (text, _cut) in zip(docs, texts, strict=True):
        t0 = time.process_time()
        tagged = tag(text, None)
        t1 = time.process_time()
        pairs.append((doc.date, infer(text, tagged)))
        t2 = time.process_time()
        spent += t2 - t0
        inferring += t2 - t1
        written += any(t.norm.value[:4] == doc.date[:4] for t in tagged if not t.norm.anaphoric)
    figures = score(pairs)
    figures["datelines_hidden"] = sum(cut is not None for _t, cut in texts)
    figures["year_written"] = written / len(docs)  # the true year appears as a time expression at all
    figures["docs_per_s"] = len(docs) / spent if spent else 0.0
    figures["infer_docs_per_s"] = len(docs) / inferring if inferring else 0.0
    if errors:
        with open(errors, "w", encoding="utf-8") as fh:
            for doc, (date, got), (_t, cut) in zip(docs, pairs, texts, strict=True):
                inside = bool(got.earliest and got.earliest <= date <= (got.latest or ""))
                fh.write(json.dumps({"doc": doc.name, "true": date, "value": got.value, "earliest": got.earliest,
                                     "latest": got.latest, "inside": inside, "dateline_cut": cut,
                                     "reason": got.reason}, ensure_ascii=False) + "\n")
    return {"figures": figures, "corpus": kind, "split": split or ("train" if kind == "polnear" else None)}


def format(result: dict[str, Any]) -> str:
    f = result["figures"]
    name = ("PolNeAR " + result["split"] if result["corpus"] == "polnear"
            else f"web pages, scrapinghub-aeb {result['split'] or 'dev+test'}" if result["corpus"] == "web"
            else "Markkula (held out)")
    return (
        f"publication date inferred with the date hidden, {name}: {f['documents']} documents "
        f"({f['datelines_hidden']} datelines cut), answered {f['answered'] * 100:.0f}%\n"
        f"year {f['year_acc'] * 100:.1f}%, month {f['month_acc'] * 100:.1f}%, "
        f"true date inside the interval {f['in_interval'] * 100:.1f}%, inside and at most 366 days wide "
        f"{f['in_interval_366'] * 100:.1f}% (of the answered {f['in_interval_answered'] * 100:.1f}%)\n"
        f"interval width mean {f['width_days_mean']:.0f} days, median {f['width_days_median']:.0f}; the true year "
        f"is written anywhere in {f['year_written'] * 100:.0f}% of the texts; "
        f"{f['docs_per_s']:.0f} docs/s (tagging + inference, one core; the inference alone "
        f"{f['infer_docs_per_s']:.0f} docs/s)"
    )
