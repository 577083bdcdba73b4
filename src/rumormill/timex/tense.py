"""A cheap tense guess for the clause around a temporal expression (no parser needed).

The nearest verb-group cue in the same sentence decides: "will", "is expected to", "plans to" ->
future; "was", "had", "said", a regular "-ed" form or an irregular past -> past; "is", "are",
"has" -> present. Cues before the expression count slightly more than cues after it. The same
function runs in the pipeline and in the evaluation, so the figures measure the shipped code.
``Cues(text)`` scans the text once; ``guess`` then looks only at the expression's sentence.

Beyond the nearest cue (each measured on MEANTIME and the hand-written cases):

- a participle after a form of "be" ("is approved", "was founded") leaves the tense to the auxiliary;
- a present tense inside an "if/unless" clause (within six words of it) points ahead ("if the deal
  closes in January");
- "ahead of Friday's report" points ahead of its clause (future, or the nearest Friday in a past clause);
- "since June" and "two years ago" point back (past);
- a headline (a first line without a full stop, above the text) reports the past in the present
  tense ("Senate passes bill on Friday") and the future with "to" ("Apple to unveil iPhone on Tuesday");
- ``detail`` also says whether a past reading is *sure*: a past verb right before the expression with
  only prepositions, adverbs, "not" or (after an auxiliary) one participle in between ("died in April",
  "was founded in April", "did not reopen in April"), or a question opened by "Did/Was/Were/Had". Resolution
  then allows no slack after the reporting date.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_SENT_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n")

_FUTURE = frozenset(
    ["will", "won't", "'ll", "’ll", "shall", "upcoming", "going", "planning", "plans", "plan", "intends", "intend", "hopes", "hoping", "expects", "expect", "expected", "anticipate", "anticipates", "scheduled", "due", "intended", "slated", "aims", "aiming", "hope", "wants", "wish",
     "should", "could", "might", "must", "would"]
)
_PAST = frozenset(
    ["was", "were", "had", "did", "said", "told", "went", "came", "took", "made", "began", "left", "got", "saw", "gave", "found", "became", "brought", "held", "met", "won", "lost", "fell", "rose", "sold", "bought", "paid", "led", "ran", "spent", "sent", "set", "thought", "knew", "felt", "kept", "wrote", "grew", "stood", "heard", "meant", "built", "chose", "drew", "drove", "ate", "flew", "forgot", "hid", "hit", "hurt", "lay", "put", "quit", "read", "rode", "rang", "sang", "sank", "shook", "shot", "shut", "slept", "spoke", "spun", "stole", "struck", "swore", "swam", "taught", "threw", "understood", "woke", "wore", "ago", "earlier", "previously"]
)
_PRESENT = frozenset(["is", "are", "am", "has", "have", "does", "do", "says", "say", "remains", "remain", "now", "currently",
                      ])
# a scheduled event in the present tense lies ahead ("takes effect on July 1", "the trial begins Monday")
_SCHEDULED = frozenset(["takes", "begins", "starts", "ends", "opens", "closes", "expires", "resumes", "kicks"])
_NOT_PAST = frozenset(
    ["need", "needed", "indeed", "seed", "speed", "proceed", "exceed", "feed", "bed", "red", "shed", "bred", "breed", "weed", "deed", "heed", "reed", "aged", "united", "limited", "based", "related", "scheduled", "expected", "planned", "proposed", "alleged", "reported"]
)
_BE = frozenset(["be", "been", "being", "is", "are", "am", "was", "were"])
_COND = frozenset(["if", "unless"])
_ADVERB = frozenset(["not", "n't", "also", "never", "just", "already", "still", "then", "first", "since", "now"])
_REPORTING = frozenset(["said", "reported", "told", "added", "noted", "wrote", "says", "reports", "adds", "notes",
                        "according"])
_VERB_OR_ADJ = frozenset(["reported", "proposed", "alleged"])
_DETERMINER = frozenset(["the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those", "widely",
                         "previously", "first", "as", "newly", "recently", "allegedly", "any", "no"])
_VERB_PREFIX = frozenset(["co", "re", "pre", "un", "mis", "out", "over", "under", "up", "down", "cross", "double"])
_SUBJECT = frozenset(["i", "we", "you", "he", "she", "it", "they", "who", "which", "that"])
_PAST_AUX = frozenset(["was", "were", "had", "did"])
# words that may stand between a past verb and its date without weakening the reading ("died in April",
# "was first elected in May", "did not reopen in April", "remained closed until the end of April")
_LINK = frozenset(
    ["in", "on", "at", "during", "since", "until", "till", "through", "by", "from", "of", "the", "not", "never",
     "also", "first", "originally", "then", "again", "already", "just", "only", "finally", "back", "early",
     "mid", "late", "been"])
# the word right before the date: "a deadline set at June 1", "fixed for June" are plans, not past events
_LAST_LINK = frozenset(["in", "on", "during", "since", "until", "till", "through", "the", "early", "mid", "late"])
_AHEAD_OF = re.compile(r"\b(?:ahead\s+of|in\s+the\s+(?:run|lead)[-\s]up\s+to)\s+(?:the\s+|this\s+|next\s+)?$", re.I)
_SINCE = re.compile(r"\bsince\s+(?:(?:at\s+least|as\s+(?:early|late|recently|far\s+back)\s+as)\s+)?"
                    r"(?:(?:early|late|mid|the\s+(?:start|beginning|end|middle)\s+of)[-\s]+)?$", re.I)
_COME = re.compile(r"\bcome\s+$", re.I)
_HEADLINE_TO = re.compile(r"(?:^|\s)to\s+(?!(?:the|a|an|be|his|her|its|their|[\d$]|[A-Z]))[a-z]+(?<![^s]s)\b")
_QUESTION_PAST = re.compile(r"^[\"“‘(]?(?:Did|Was|Were|Had)\s")


class Cue(NamedTuple):
    kind: str  # "past" | "future" | "present"
    sure: bool  # a past reading that is not a guess (see the module docstring)
    word: str  # the deciding cue word ("" when a rule decided)
    pos: int  # where it starts (-1 when a rule decided)


@lru_cache(maxsize=65536)  # a pure function of the word, asked for every word of every text
def _kind(word: str) -> str | None:
    w = word.lower().replace("’", "'")
    if w in _FUTURE:
        return "future"
    if w in _PAST:
        return "past"
    if w in _PRESENT:
        return "present"
    if w in _SCHEDULED:
        return "future"
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
        self.words: list[str] = []
        self.led: list[bool] = []  # the cue follows a subject-like word (see ``_sure``)
        prev = ""
        prev_word = ""
        prev_end = 0
        prev_cue = False
        core = ""
        cond = -1  # where the last "if/unless" of the sentence starts
        cond_words = 0
        ends, n_ends, ei, prev_ei = self.ends, len(self.ends), 0, -1
        for m in _WORD.finditer(text):
            word = m.group(0)
            low = word.lower()
            kind = _kind(word) if word != "may" else "future"  # the modal, not the month
            if kind == "past" and low == "set" and text.startswith((" to ", " for "), m.end()):
                kind = "future"  # "is set to begin", "elections are set for October"
            elif kind is None and low in _VERB_OR_ADJ and prev not in _DETERMINER and core not in _BE:
                kind = "past"  # "the firm reported a loss", not "the reported deal"
            elif kind == "past" and core in _BE:
                kind = None  # a participle after "be" ("is officially reported"): the auxiliary carries the tense
            elif (kind == "past" and m.start() > 0 and text[m.start() - 1] == "-" and low not in _PAST
                  and prev not in _VERB_PREFIX):
                kind = None  # "the delegate-packed April 19 primary": part of an adjective ("co-founded" is a verb)
            while ei < n_ends and ends[ei] <= m.start():
                ei += 1  # the sentence index of this word
            new_sentence = ei != prev_ei
            prev_ei = ei
            led = (new_sentence or prev in _SUBJECT or prev_cue or "," in text[prev_end:m.start()]
                   or prev_word[:1].isupper())
            prev, prev_word, prev_end = low, word, m.end()
            if low not in _ADVERB and not (low.endswith("ly") and len(low) > 4):
                core = low  # the last word that is not an adverb
            cond_words += 1
            if low in _COND:
                cond, cond_words = m.start(), 0
                prev_cue = False
                continue
            if (kind == "present" and cond >= 0 and cond_words <= 6 and not re.search(r"[,;:—–]|\s-\s", text[cond:m.start()])
                    and bisect.bisect_right(self.ends, cond) == bisect.bisect_right(self.ends, m.start())):
                kind = "future"  # "if the merger is approved in January": the condition lies ahead
            prev_cue = kind == "past"
            if kind:
                self.starts.append(m.start())
                self.items.append((m.start(), m.end(), kind, low in ("now", "currently")))
                self.words.append(low)
                self.led.append(led)
        nl = text.find("\n")
        first = text[:nl].rstrip() if nl > 0 else ""
        # a headline: a first line of a few words without a full stop, with text below it
        self.headline = nl if first and len(first) < 160 and first[-1] not in ".!?:\"”" and text[nl:].strip() else 0

    def sentence(self, pos: int) -> tuple[int, int]:
        """``[start, end)`` of the sentence holding ``pos``."""
        i = bisect.bisect_right(self.ends, pos)
        return (self.ends[i - 1] if i else 0), (self.ends[i] if i < len(self.ends) else len(self.text))

    def guess(self, start: int, end: int) -> str | None:
        """``past`` | ``future`` | ``present`` | ``None`` for the expression at ``[start, end)``."""
        cue = self.detail(start, end)
        return cue.kind if cue else None

    def detail(self, start: int, end: int) -> Cue | None:
        """The tense of the expression at ``[start, end)``, whether a past reading is sure, and the cue."""
        s, e = self.sentence(start)
        text = self.text
        best: tuple[float, int] | None = None
        lo = bisect.bisect_left(self.starts, s)
        hi = bisect.bisect_left(self.starts, e)
        plan: tuple[float, int] | None = None  # the nearest future cue that is not a trailing attribution
        tails: set[int] = set()
        for j in range(lo, hi):
            cs, ce, kind, weak = self.items[j]
            tail = -1
            if start <= cs < end:
                continue
            if cs < start:
                gap = text[ce:start]
                dist = float(gap.count(" "))
            else:
                gap = text[end:cs]
                if "," in gap and self.words[j] in _REPORTING and len(text[ce:e].split()) <= 3:
                    tail = j  # "… on Saturday, CNN reported.": the attribution after the reported words
                dist = gap.count(" ") * 1.5 + 1.0
            if "," in gap:
                dist += 1.5
            if weak:
                dist += 2
            if best is None or dist < best[0]:
                best = (dist, j)
            if tail != j and kind == "future" and (plan is None or dist < plan[0]):
                plan = (dist, j)
            if tail == j:
                tails.add(j)
        if best is not None and plan is not None and best[1] in tails:
            best = plan  # "will attend events on Saturday, CNN reported": the reported words are future
        cue: Cue | None = None
        if best is not None:
            cs, ce, kind, _w = self.items[best[1]]
            word = self.words[best[1]]
            cue = Cue(kind, kind == "past" and cs < start and self._sure(best[1], ce, start), word, cs)
        lead = text[max(s, start - 40):start]
        if _COME.search(lead):
            return Cue("future", False, "", -1)  # "to win the election come November"
        if _SINCE.search(lead) or text.endswith("ago", start, end):
            return Cue("past", False, "", -1)  # "has been closed since June": June is behind
        if _AHEAD_OF.search(lead):  # "ahead of Friday's report": after its clause's time
            return None if cue and cue.kind == "past" else Cue("future", False, "", -1)
        if self.headline and start < self.headline:
            if cue and cue.kind == "future" and cue.pos < start:
                return cue
            if _HEADLINE_TO.search(text, 0, start):
                return Cue("future", False, "", -1)  # "Apple to unveil new iPhone on Tuesday"
            return Cue("past", False, "", -1)  # "Senate passes budget bill on Friday"
        if cue and cue.kind == "past" and not cue.sure and text[s:e].rstrip().endswith("?") \
                and _QUESTION_PAST.match(text[s:e].lstrip()):
            return cue._replace(sure=True)  # "Did the Fed raise rates in April?"
        return cue

    def _sure(self, j: int, ce: int, start: int) -> bool:
        """A past cue ``j`` that is a finite verb with only linking words before the date.

        Between the cue and the date only prepositions, adverbs and "not" (after an auxiliary one more word:
        "was founded in", "did not reopen in"), the last one a preposition. Unless the cue is an auxiliary, it
        must follow a subject-like word (a pronoun, "who/which", a name, a comma, the sentence start or another
        past verb): "ads reserved in December" is a participle (possibly of a plan), "we opened in April" a verb.
        """
        words = self.text[ce:start].split()
        if not words or len(words) > 5 or any("," in w or ";" in w for w in words):
            return False
        if words[-1].lower() not in _LAST_LINK:
            return False
        aux = self.words[j] in _PAST_AUX
        if not (aux or self.led[j]):
            return False
        spare = 1 if aux else 0
        for w in words:
            w = w.lower().strip("\"“”'’()")
            if w in _LINK or (w.endswith("ly") and len(w) > 4):
                continue
            if spare:
                spare -= 1
                continue
            return False
        return True


_last: Cues | None = None


def cues_for(text: str) -> Cues:
    """``Cues(text)``, kept for the last text asked about: the time stage tags one text up to three
    times and the timeline's bounds ask again. A ``Cues`` is never changed after it is built."""
    global _last
    last = _last  # one read: another thread may replace it meanwhile
    if last is None or (last.text is not text and last.text != text):
        last = Cues(text)
        _last = last
    return last


def guess(text: str, start: int, end: int) -> str | None:
    """One-off tense guess (builds the cue index for ``text``)."""
    return Cues(text).guess(start, end)
