"""``rumormill eval polnear-timex PATH``: TIMEX3 extent, type and value on our own news development set.

TempEval-3 platinum is a test set and MEANTIME is Wikinews; neither is the wire/newspaper prose the
tagger meets most. This set is 243 PolNeAR articles (2015-16 US political news from its 7 publishers),
annotated by the rumormill developers with TimeML 1.2.1 TIMEX3 (TimeBank/TE3 conventions): each
annotator first marked the text blind, then compared with the tagger and changed an annotation only on
a guideline reason (see ``docs/time.md``). Three parts (``--split train|dev|test``; default: all):
``train`` (35 articles, tuned on; 40 more annotated after the sixth round of fixes, 20 after the seventh
and 40 after the eighth, each lot tuned on in the round after; 40 more in session 5, two lots of 20 measured
held out and then tuned on), ``dev`` (20, annotated after the first round of fixes, measured before the second
used it) and ``test`` (28, annotated after the second and third rounds, and 20 at the end of the tenth; never
tuned on).

The annotations live in the package (``evaluation/data/polnear_timex.tsv``: file, start, end, extent,
type, value, mod, part); the article texts are read in place from PATH (the PolNeAR folder, which is not
ours to copy). The DCT is PolNeAR's ``publication_date``. Every extent is checked against the text
before scoring. Scores use the TempEval-3 definitions of ``timeml.py``. It is a development set:
tune on it, report TE3 platinum.
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path
from typing import Any

from rumormill.errors import InputError
from rumormill.evaluation import newsset
from rumormill.evaluation.timeml import Doc, format_extent

ANNOTATIONS = "polnear_timex.tsv"


PARTS = ("train", "dev", "test")
Row = tuple[int, int, str, str, str, str, str]


def table() -> dict[str, list[Row]]:
    """file -> [(start, end, extent, type, value, mod, part)] from the packaged annotation table."""
    text = resources.files("rumormill.evaluation").joinpath("data", ANNOTATIONS).read_text(encoding="utf-8")
    out: dict[str, list[Row]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, start, end, extent, typ, value, mod, part = line.split("\t")[:8]
        out.setdefault(name, []).append((int(start), int(end), extent, typ, value, mod, part))
    return out


def _root(path: str) -> Path:
    root = Path(path)
    for cand in (root, root / "data"):
        if (cand / "metadata.tsv").is_file() and (cand / "train" / "text").is_dir():
            return cand
    raise InputError(f"no PolNeAR data (metadata.tsv and train/text/) under {path}")


def load(path: str, limit: int | None = None, split: str | None = None) -> list[Doc]:
    root = _root(path)
    with (root / "metadata.tsv").open(encoding="utf-8", newline="") as fh:
        dcts = {r["filename"]: r["publication_date"] for r in csv.DictReader(fh, delimiter="\t")}
    docs: list[Doc] = []
    splits = newsset.splits(split, PARTS)
    for name, rows in sorted(table().items()):
        if rows[0][6] not in splits:
            continue
        folder = next((s for s in ("train", "dev") if (root / s / "text" / f"{name}.txt").is_file()), None)
        file = root / (folder or "train") / "text" / f"{name}.txt"
        if folder is None or name not in dcts:
            raise InputError(f"{file}: annotated article not found in the PolNeAR folder")
        text = file.read_text(encoding="utf-8")
        docs.append(newsset.doc(name, text, dcts[name], [r[:6] for r in rows]))
    return docs[:limit]


def run(path: str, **options: Any) -> dict[str, Any]:
    return newsset.run(load, path, **options)


def format(result: dict[str, Any]) -> str:
    return format_extent(result["figures"], f"PolNeAR, part {result.get('split') or 'train+dev+test'}, rumormill TIMEX3 development annotation (DCT given)")
