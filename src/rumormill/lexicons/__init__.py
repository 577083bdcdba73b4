"""Lexicons are data: plain files beside this module, each with a header saying where it came from.

``load_list(name)`` reads one entry per line (``#`` starts a comment);
``load_table(name)`` reads ``key<TAB>value`` lines.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


def _lines(name: str) -> list[str]:
    text = files(__package__).joinpath(name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@cache
def load_list(name: str) -> tuple[str, ...]:
    """Entries of a one-per-line lexicon file (comments and blank lines skipped)."""
    return tuple(ln.strip() for ln in _lines(name))


@cache
def load_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated lexicon file."""
    return tuple(tuple(col.strip() for col in ln.split("\t")) for ln in _lines(name))
