"""Shared reading and scoring of our own TIMEX3 news annotation lots (``polnear-timex``, ``web-timex``,
``markkula-timex``).

Each lot is two packaged tables under ``evaluation/data/``: the annotations (document, start, end, extent,
type, value, mod, part; offsets into the text the lot's module builds) and the documents (document, DCT,
part, …; every document of the lot, so a document without any time expression still counts its
spurious tags). The texts are read in place from the public corpus; every extent is checked against
its text before scoring.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from typing import Any

from rumormill.errors import InputError
from rumormill.evaluation.timeml import Doc, Gold, evaluate

Row = tuple[int, int, str, str, str, str]  # start, end, extent, type, value, mod


def lines(name: str) -> list[list[str]]:
    """The tab-separated rows of a packaged table (comments and blank lines skipped)."""
    text = resources.files("rumormill.evaluation").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def table(name: str) -> dict[str, list[Row]]:
    """document -> [(start, end, extent, type, value, mod)] from a packaged annotation table."""
    out: dict[str, list[Row]] = {}
    for f in lines(name):
        out.setdefault(f[0], []).append((int(f[1]), int(f[2]), f[3], f[4], f[5], f[6]))
    return out


def splits(split: str | None, parts: tuple[str, ...]) -> tuple[str, ...]:
    """The parts ``--split`` selects (all of them by default)."""
    chosen = parts if split in (None, "all") else (str(split),)
    if any(s not in parts for s in chosen):
        raise InputError(f"--split {split}: this set has the parts {', '.join(parts)}")
    return chosen


def doc(name: str, text: str, dct: str, rows: list[Row]) -> Doc:
    """A scoring document, after checking that every annotated extent is the text at its offsets."""
    gold: list[Gold] = []
    for start, end, extent, typ, value, _mod in rows:
        if text[start:end] != extent:
            raise InputError(f"{name}: the annotation {start}-{end} {extent!r} does not match the text "
                             f"{text[start:end]!r} (a different corpus version?)")
        gold.append(Gold(start=start, end=end, type=typ, value=value))
    return Doc(name=name, text=text, dct=dct, gold=sorted(gold, key=lambda g: g.start))


def run(load: Callable[[str, int | None, str | None], list[Doc]], path: str, **options: Any) -> dict[str, Any]:
    """``rumormill eval <lot>``: the lot's documents (``load(path, limit, split)``) scored with the TE3 definitions."""
    figs, _ = evaluate(load(path, options.get("limit"), options.get("split")), errors=options.get("errors"))
    return {"figures": figs, "split": options.get("split")}
