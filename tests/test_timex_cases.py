"""The temporal tagger over hand-written TimeML cases (``tests/fixtures/timex_cases.tsv``).

Each row is a news-style sentence, a DCT and one expected TIMEX3 (extent, type, value, mod), or an
extent that must not be tagged (type ``NONE``): relative dates, months and weekdays by tense,
quarters, fiscal years, holidays, parts of days, durations, sets, reference words, decades, ranges
and things that are not times (ages, the modal "may", counts, names). A literal ``\\n`` in a sentence is a
line break (a headline above its text).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from rumormill.timex import anchor_from, tag

_FIXTURE = Path(__file__).parent / "fixtures" / "timex_cases.tsv"


class Case(NamedTuple):
    line: int
    sentence: str
    dct: str | None
    extent: str
    type: str
    value: str
    mod: str | None


def load_cases(path: Path = _FIXTURE) -> list[Case]:
    cases = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        assert len(cols) == 6, f"line {n}: expected 6 tab-separated columns, got {len(cols)}"
        sentence, dct, extent, typ, value, mod = cols
        sentence = sentence.replace("\\n", "\n")  # "\n" in the file: a line break (a headline above its text)
        assert extent in sentence, f"line {n}: extent {extent!r} is not in the sentence"
        cases.append(Case(n, sentence, None if dct == "-" else dct, extent, typ, value, None if mod == "-" else mod))
    return cases


def check(case: Case) -> str | None:
    """None when the tagger gets the case right, else what it did."""
    tagged = tag(case.sentence, anchor_from(case.dct))
    start = case.sentence.index(case.extent)
    end = start + len(case.extent)
    if case.type == "NONE":
        hits = [t for t in tagged if t.start < end and start < t.end]
        return f"tagged {[(t.text, t.norm.value) for t in hits]}" if hits else None
    got = [(t.norm.type, t.norm.value, t.norm.mod) for t in tagged if (t.start, t.end) == (start, end)]
    if got == [(case.type, case.value, case.mod)]:
        return None
    return f"got {[(t.text, t.norm.type, t.norm.value, t.norm.mod) for t in tagged]}"


_CASES = load_cases()


def test_fixture_is_substantial() -> None:
    assert len(_CASES) >= 120
    assert sum(c.type == "NONE" for c in _CASES) >= 15


@pytest.mark.parametrize("case", _CASES, ids=[f"{c.line}:{c.extent}" for c in _CASES])
def test_case(case: Case) -> None:
    problem = check(case)
    assert problem is None, f"{case.sentence!r} (DCT {case.dct}): want {case.extent!r} {case.type} {case.value} {case.mod}; {problem}"
