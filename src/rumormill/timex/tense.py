"""A cheap tense guess for the clause around a temporal expression (no parser needed).

The nearest verb-group cue in the same sentence decides: "will", "is expected to", "plans to" ->
future; "was", "had", "said", a regular "-ed" form or an irregular past -> past; "is", "are",
"has" -> present. Cues before the expression count slightly more than cues after it. The same
function runs in the pipeline and in the evaluation, so the figures measure the shipped code.
``Cues(text)`` scans the text once; ``guess`` then looks only at the expression's sentence.
"""

from __future__ import annotations

import bisect
import re

_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_SENT_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n")

_FUTURE = frozenset(
    ["will", "won't", "'ll", "’ll", "shall", "upcoming", "going", "planning", "plans", "plan", "intends", "intend", "hopes", "hoping", "expects", "expect", "expected", "anticipate", "anticipates", "scheduled", "due", "aims", "aiming", "hope", "wants", "wish",
     "should", "could", "might", "must", "would"]
)
_PAST = frozenset(
    ["was", "were", "had", "did", "said", "told", "went", "came", "took", "made", "began", "left", "got", "saw", "gave", "found", "became", "brought", "held", "met", "won", "lost", "fell", "rose", "sold", "bought", "paid", "led", "ran", "spent", "sent", "set", "thought", "knew", "felt", "kept", "wrote", "grew", "stood", "heard", "meant", "built", "chose", "drew", "drove", "ate", "flew", "forgot", "hid", "hit", "hurt", "lay", "put", "quit", "read", "rode", "rang", "sang", "sank", "shook", "shot", "shut", "slept", "spoke", "spun", "stole", "struck", "swore", "swam", "taught", "threw", "understood", "woke", "wore", "ago", "earlier", "previously"]
)
_PRESENT = frozenset(["is", "are", "am", "has", "have", "does", "do", "says", "say", "remains", "remain", "now", "currently"])
_NOT_PAST = frozenset(
    ["need", "needed", "indeed", "seed", "speed", "proceed", "exceed", "feed", "bed", "red", "shed", "bred", "breed", "weed", "deed", "heed", "reed", "aged", "united", "limited", "based", "related", "scheduled", "expected", "planned", "proposed", "alleged", "reported"]
)


def _kind(word: str) -> str | None:
    w = word.lower().replace("’", "'")
    if w in _FUTURE:
        return "future"
    if w in _PAST:
        return "past"
    if w in _PRESENT:
        return "present"
    if w.endswith("ed") and len(w) > 3 and w not in _NOT_PAST:  # "died", "used" too
        return "past"
    return None


class Cues:
    """Tense cue words and sentence ends of one text, found in a single pass."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [m.end() for m in _SENT_END.finditer(text)]
        self.starts: list[int] = []
        self.items: list[tuple[int, int, str, bool]] = []
        prev = ""
        for m in _WORD.finditer(text):
            word = m.group(0)
            kind = _kind(word) if word != "may" else "future"  # the modal, not the month
            if kind == "past" and prev in ("be", "been", "being"):
                kind = None  # a participle after "be": the auxiliary before it carries the tense
            prev = word.lower()
            if kind == "past" and m.group(0).lower() == "set" and text.startswith((" to ", " for "), m.end()):
                kind = "future"  # "is set to begin", "elections are set for October"
            if kind:
                self.starts.append(m.start())
                self.items.append((m.start(), m.end(), kind, m.group(0).lower() in ("now", "currently")))

    def guess(self, start: int, end: int) -> str | None:
        """``past`` | ``future`` | ``present`` | ``None`` for the expression at ``[start, end)``."""
        i = bisect.bisect_right(self.ends, start)
        s = self.ends[i - 1] if i else 0
        e = self.ends[i] if i < len(self.ends) else len(self.text)
        text = self.text
        best: tuple[float, str] | None = None
        lo = bisect.bisect_left(self.starts, s)
        hi = bisect.bisect_left(self.starts, e)
        for cs, ce, kind, weak in self.items[lo:hi]:
            if start <= cs < end:
                continue
            if cs < start:
                gap = text[ce:start]
                dist = float(gap.count(" "))
            else:
                gap = text[end:cs]
                dist = gap.count(" ") * 1.5 + 1.0
            if "," in gap:
                dist += 1.5
            if weak:
                dist += 2
            if best is None or dist < best[0]:
                best = (dist, kind)
        return best[1] if best else None


def guess(text: str, start: int, end: int) -> str | None:
    """One-off tense guess (builds the cue index for ``text``)."""
    return Cues(text).guess(start, end)
