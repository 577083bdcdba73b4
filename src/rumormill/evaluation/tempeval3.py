"""``rumormill eval tempeval3 PATH``: TIMEX3 extent, type and value on TempEval-3 platinum.

PATH is the corpus folder (``te3-platinum/*.tml`` inside it, or the ``.tml`` files directly).
The DCT of each file is given to the tagger. This is a test set: report, do not tune.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rumormill.errors import InputError
from rumormill.evaluation.timeml import Doc, evaluate, format_extent, read_tml


def load(path: str, limit: int | None = None) -> list[Doc]:
    root = Path(path)
    files = sorted(root.glob("te3-platinum/*.tml")) or sorted(root.glob("*.tml"))
    if not files:
        raise InputError(f"no .tml files under {path}")
    return [read_tml(f) for f in files[:limit]]


def run(path: str, **options: Any) -> dict[str, Any]:
    docs = load(path, options.get("limit"))
    figs, _ = evaluate(docs, errors=options.get("errors"))
    return {"figures": figs}


def format(result: dict[str, Any]) -> str:
    return format_extent(result["figures"], "TempEval-3 platinum (DCT given)")
