"""``rumormill eval web-timex PATH``: TIMEX3 on our own annotation of 40 news web pages (2014-19).

A second lot for our news set (after ``polnear-timex``), from other outlets and years: 100 English
article bodies of the scrapinghub article-extraction benchmark (Reuters, BBC, CNN, NYT, AP, CBS, Fox,
The Hill, LA Times, trade and local papers; mostly November 2019), drawn at random from the pages
with 150-1400 words. Annotated by the rumormill developers under TimeML 1.2.1 TIMEX3 (TimeBank/TE3
conventions) exactly as the PolNeAR lot: blind first, then compared with the tagger, an annotation
changed only on a guideline reason. Three parts, each fixed before it was annotated: ``dev`` and
``test`` (20 pages each, seed 20261129; dev tuned on after its first measurement, test never) and
``train`` (20 pages, seed 202611292, annotated after the fourth round of fixes; 20 more, seed
202611294, after the fifth; 20 news pages of the rest, chosen by outlet, after the seventh; tuned on).

The tables live in the package: ``evaluation/data/web_timex.tsv`` (page id, start, end, extent, type,
value, mod, part) and ``evaluation/data/web_timex_docs.tsv`` (page id, DCT, part, URL; every page of the
lot, including the ones with no time expression, whose spurious tags count). The DCT is the page's own
publication-date metadata. The texts are the benchmark's ground-truth ``articleBody``, read in place
from PATH (``ground-truth.json``). Scores use the TempEval-3 definitions of ``timeml.py``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rumormill.errors import InputError
from rumormill.evaluation import newsset
from rumormill.evaluation.timeml import Doc, format_extent

ANNOTATIONS = "web_timex.tsv"
DOCUMENTS = "web_timex_docs.tsv"
PARTS = ("train", "dev", "test")


def documents() -> dict[str, tuple[str, str, str]]:
    """page id -> (DCT, part, URL) for every page of the lot."""
    return {f[0]: (f[1], f[2], f[3]) for f in newsset.lines(DOCUMENTS)}


def table() -> dict[str, list[newsset.Row]]:
    """page id -> [(start, end, extent, type, value, mod)] from the packaged annotation table."""
    return newsset.table(ANNOTATIONS)


def _bodies(path: str) -> dict[str, str]:
    root = Path(path)
    for cand in (root, root / "scrapinghub-aeb"):
        file = cand / "ground-truth.json"
        if file.is_file():
            try:
                data = json.loads(file.read_text(encoding="utf-8"))
            except (OSError, ValueError) as err:
                raise InputError(f"{file}: not readable as JSON ({err})") from err
            return {k: v.get("articleBody", "") for k, v in data.items() if isinstance(v, dict)}
    raise InputError(f"no scrapinghub-aeb ground-truth.json under {path}")


def load(path: str, limit: int | None = None, split: str | None = None) -> list[Doc]:
    splits = newsset.splits(split, PARTS)
    bodies = _bodies(path)
    gold_rows = table()
    docs: list[Doc] = []
    for page, (dct, part, _url) in sorted(documents().items()):
        if part not in splits:
            continue
        text = bodies.get(page)
        if text is None:
            raise InputError(f"{page}: annotated page not found in {path}/ground-truth.json")
        docs.append(newsset.doc(page, text, dct, gold_rows.get(page, [])))
    return docs[:limit]


def run(path: str, **options: Any) -> dict[str, Any]:
    return newsset.run(load, path, **options)


def format(result: dict[str, Any]) -> str:
    title = (f"news web pages (scrapinghub-aeb), part {result.get('split') or 'train+dev+test'}, "
             "rumormill TIMEX3 annotation (DCT given)")
    return format_extent(result["figures"], title)
