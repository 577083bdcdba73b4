"""``rumormill eval markkula-timex PATH [--split dev|test]``: TIMEX3 on our annotation of 34 Markkula news articles.

A third lot for our news set: the 34 articles of the markkula-journ-sourcing collection (NYT, Reuters,
CalMatters, local outlets; 2023-2025) with an ISO ``Date:`` line and at most 1,500 words. Two parts:
``test`` (15 articles drawn at random, seed 202611293, annotated first and never tuned on; its
annotators did not report the tagger's errors) and ``dev`` (the other 19, annotated after the fifth round
of fixes and tuned on from the sixth). Annotated by the rumormill developers under TimeML 1.2.1 TIMEX3
(TimeBank/TE3 conventions) as the other lots: blind first, then compared with the tagger, an annotation
changed only on a guideline reason. (``eval pubdate`` on this folder uses all 43 articles; fixes made
from the dev part also reach the inference's figures there.)

The article's ``Date:`` line is its DCT, which TimeML keeps outside the text: it is blanked out with
spaces (offsets unchanged) before annotation and tagging, and given to the tagger as the DCT. The
tables are ``evaluation/data/markkula_timex.tsv`` (file, start, end, extent, type, value, mod, part) and
``evaluation/data/markkula_timex_docs.tsv`` (file, DCT, part); the texts are read in place from PATH.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rumormill.errors import InputError
from rumormill.evaluation import newsset
from rumormill.evaluation.timeml import Doc, format_extent

ANNOTATIONS = "markkula_timex.tsv"
DOCUMENTS = "markkula_timex_docs.tsv"
PARTS = ("dev", "test")
_DATE_LINE = re.compile(r"^\ufeff?\s*Date\s*:\s*(\d{4}-\d{2}-\d{2})[^\n]*", re.I | re.M)


def documents() -> dict[str, tuple[str, str]]:
    """file name (without .txt) -> (DCT, part) for every article of the lot."""
    return {f[0]: (f[1], f[2]) for f in newsset.lines(DOCUMENTS)}


def table() -> dict[str, list[newsset.Row]]:
    return newsset.table(ANNOTATIONS)


def without_date_line(raw: str) -> str:
    """The article with its ``Date:`` line blanked out (the same length: offsets do not move)."""
    return _DATE_LINE.sub(lambda m: " " * len(m.group(0)), raw, count=1)


def load(path: str, limit: int | None = None, split: str | None = None) -> list[Doc]:
    splits = newsset.splits(split, PARTS)
    root = Path(path)
    folder = next((c for c in (root / "articles", root) if c.is_dir() and any(c.glob("*.txt"))), None)
    if folder is None:
        raise InputError(f"no markkula-journ-sourcing articles (articles/*.txt) under {path}")
    gold_rows = table()
    docs: list[Doc] = []
    for name, (dct, part) in sorted(documents().items()):
        if part not in splits:
            continue
        file = folder / f"{name}.txt"
        if not file.is_file():
            raise InputError(f"{file}: annotated article not found")
        docs.append(newsset.doc(name, without_date_line(file.read_text(encoding="utf-8")), dct, gold_rows.get(name, [])))
    return docs[:limit]


def run(path: str, **options: Any) -> dict[str, Any]:
    return newsset.run(load, path, **options)


def format(result: dict[str, Any]) -> str:
    title = f"Markkula news articles, part {result.get('split') or 'dev+test'}, rumormill TIMEX3 annotation (DCT given)"
    return format_extent(result["figures"], title)
