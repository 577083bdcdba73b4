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
- after a modal the verb is a bare form ("would put", "could have consequences"; "could have won" is the modal
  perfect, a past), "likely to", a clause-opening imperative ("Remember in November") and (weakly) "chances/odds"
  point ahead; a plan seen from the past ("was scheduled to speak Saturday") takes the nearest reading;
- quotations keep their own tense: inside one only its cues count (the attribution only if it has none), outside
  one the cues of a quoted clause do not ("acknowledged Monday night 'it will be very hard'");
- a weekday naming an event ("Friday's agreement may …", "his address Sunday … will be") is not pushed ahead by
  the future or modal of the clause the event is the subject of (the nearest reading);
- a cue beyond a comma or a dash weighs six words more: the date's own stretch decides ("Sanders, who did win
  Rhode Island on Tuesday, would likely …"); a "since" clause's date is behind ("since taking over … in the fall");
- a past promise or plan before an infinitive ("vowed to stay … until the convention in July") takes the nearest
  reading, as "was scheduled to" does; "due to" before a noun phrase is "because of", no plan;
- sentences do not end after a title, an initial or a month abbreviation ("Mr.", "D.", "Sept.");
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
from itertools import compress
from typing import NamedTuple

_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_SENT_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n")
# the sentences the cues are read in: as ``_SENT_END``, but not after a title, an initial or a month abbreviation
# ("Mr. Sanders would defeat Mr. Trump in a November contest" is one sentence; so is "Martin D. Singer", "Sept. 30")
_ABBREV = ("Mr", "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt", "Prof", "Rev",
           "Jan", "Feb", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
# (it opens with the character a sentence can end on, a set the engine skips to in C instead of trying the pattern
# at every position; the look-behinds then read the text up to that character)
_SENTENCE = re.compile(r"[.!?\n](?:(?<=\n)|" + "".join(rf"(?<!\b{a}[.!?])" for a in _ABBREV)
                       + r"(?<!\b[A-Z][.!?])[\"”’)]*\s+(?=(?:[\"“‘(]|'')?[A-Z0-9]))")
# quotation marks (straight, curly, and the doubled apostrophe some papers print): the quoted words are the
# speaker's, with their own tense; the attribution around them ("…," he said) is not theirs
_QUOTE = re.compile(r"\"|“|”|''")

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
_SCHEDULED = frozenset(["takes", "begins", "starts", "ends", "opens", "closes", "expires", "resumes", "kicks", "holds",
                        "hosts"])
_NOT_PAST = frozenset(
    ["need", "needed", "indeed", "seed", "speed", "proceed", "exceed", "feed", "bed", "red", "shed", "bred", "breed", "weed", "deed", "heed", "reed", "aged", "united", "limited", "based", "related", "scheduled", "expected", "planned", "proposed", "alleged", "reported"]
)
_BE = frozenset(["be", "been", "being", "is", "are", "am", "was", "were"])
# after a modal or an infinitive "to" a verb is a bare form, whatever it looks like ("would put", "could have",
# "to remain"): the modal (or the verb before "to") carries the tense
_MODAL = frozenset(["will", "would", "could", "should", "might", "must", "may", "shall", "can", "'ll", "’ll", "'d",
                    "’d", "won't", "wouldn't", "couldn't", "shouldn't", "can't"])
# nouns of a prospect: a weak future cue that any verb near the date outweighs ("our chances in November"; but
# "his chances in November were slim")
_PROSPECT = frozenset(["chances", "odds", "prospects"])
# "likely to win in November", "poised to": a prediction
_AHEAD_TO = frozenset(["likely", "unlikely", "poised"])
# a clause opened by one of these (capitalised) is an imperative, which points ahead ("Remember in November …",
# "Vote on Tuesday", "Don't forget to vote in November")
_IMPERATIVE = frozenset(["remember", "vote", "join", "save", "tune", "visit", "register", "stay",
                         "don't", "don’t", "let's", "let’s", "please", "bring", "attend", "imagine"])
_COND = frozenset(["if", "unless"])
_DUE_TO = re.compile(r"\s+to\s+(?:the|a|an|his|her|its|their|our|my|your|this|that|these|those|[A-Z\d])")
# past verbs of a promise or plan before an infinitive ("vowed to", "threatened to"); not those of a decision carried
# out at once ("decided to weigh in on Thursday's fight", "declined to respond on Saturday")
_COMMIT = frozenset(["vowed", "promised", "pledged", "threatened", "offered", "sought", "hoped", "intended", "aimed"])
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
                    r"(?:(?:their|his|her|its|our|the|that)\s+)?"  # "since their Oct. 13 debate"
                    r"(?:(?:early|late|mid|the\s+(?:start|beginning|end|middle)\s+of)[-\s]+)?$", re.I)
# "since taking over as speaker in the fall": the date of a "since" clause is behind too
_SINCE_CLAUSE = re.compile(r"\bsince\s+[a-z]+ing\b[^,.;:!?]{0,40}?\b(?:in|on|at|during)\s+(?:the\s+|last\s+)?$", re.I)
_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
# a determiner (or a possessive) and one noun right before the weekday: "his address Sunday", "the vote Tuesday"
_EVENT_NOUN_BEFORE = re.compile(r"\b(?:[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur|[Tt]he|[Aa]n?|[Tt]his|[A-Za-z]+['’]s)\s+"
                                r"(?!(?:said|says|announced|reported|will|would|could|may|might|is|was|are|were)\b)"
                                r"[a-z]{3,}\s+$")
_CALENDAR_NAME = re.compile(r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|"
                            r"August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
                            r"(?:\s+\d{1,2})?)(?:\s+\d{1,2})?")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
# a scheduled event after the date (and up to three name or adjective words): "the Nov. 8 U.S. presidential election"
_EVENT_AFTER = re.compile(r"(?:['’]s)?\s+(?:[\w.-]+\s+){0,3}?(?:elections?|primary|primaries|caucus(?:es)?|ballot|vote|"
                          r"debates?|convention|showdown|runoff|referendum|deadline|summit|hearing|launch|kickoff|"
                          r"premiere|opening|contests?)\b")


def _named_event(text: str, start: int, end: int) -> bool:
    """The date (a month, month-day or weekday, nothing else) names an event: "the Nov. 8 election", "the
    November showdown", "Monday's caucus", "Tuesday's GOP primary"."""
    if not _CALENDAR_NAME.fullmatch(text, start, end) or not _EVENT_AFTER.match(text, end):
        return False
    return text.startswith(("'s", "’s"), end) or _THE_BEFORE.search(text, max(0, start - 6), start) is not None


_PREP_BEFORE = re.compile(r"\b(?:after|before|until|till|following|since|by|for|at|on|in|to|from|of|during|ahead\s+of)\s+$",
                          re.I)
# "could/would/might have" before a participle (or, the verb left out, right before a weekday: "the spoiler that he
# could have Tuesday") is the modal perfect, a past; "will have won by Tuesday" stays ahead
_PERFECT_MODAL = frozenset(["would", "could", "should", "might", "must", "may", "'d", "’d", "wouldn't", "couldn't",
                            "shouldn't"])
_PERFECT_AFTER = re.compile(r"\s+(?:been|[a-z]{2,}(?:ed|en)|won|lost|done|made|had|got|put|set|held|met|led|left|paid|"
                            r"sold|told|said|hit|cut|run|begun|known|shown|grown|drawn|thought|brought|bought|fought|"
                            r"caught|taught|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b")
_LOOK_AHEAD = re.compile(r"\blook(?:s|ed|ing)?\s+(?:ahead|forward)\s+to\s+(?:the\s+|this\s+|next\s+)?$", re.I)
_COME = re.compile(r"\bcome\s+$", re.I)
_HEADLINE_TO = re.compile(r"(?:^|\s)to\s+(?!(?:the|a|an|be|his|her|its|their|[\d$]|[A-Z]))[a-z]+(?<![^s]s)\b")
_FRONTED = re.compile(r"\bthat\s+(?:(?:on|in|at|by|during|until|from|after|before|since)\s+)?(?:the\s+|this\s+|next\s+|last\s+)?$",
                      re.I)
_GOAL_TO = re.compile(r"\b([A-Za-z]+['’]?[a-z]*)\s+to\s+$")
_QUESTION_PAST = re.compile(r"^[\"“‘(]?(?:Did|Was|Were|Had)\s")


def _quotes(text: str) -> list[tuple[int, int]]:
    """The quotations of ``text`` as ``[start, end)``: marks paired within a paragraph (one left open runs to
    the paragraph's end, as a quotation continued in the next paragraph does)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        open_at = -1
        for m in _QUOTE.finditer(para):
            if open_at < 0:
                open_at = m.start()
            else:
                out.append((pos + open_at, pos + m.end()))
                open_at = -1
        if open_at >= 0:
            out.append((pos + open_at, pos + len(para)))
        pos += len(para) + 1
    return out


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


# words without a cue of their own that a rule of ``Cues`` may still turn into one (or that start a condition)
_SPECIAL = _PROSPECT | _AHEAD_TO | _IMPERATIVE | _VERB_OR_ADJ | _COND


class _Candidates(dict[str, bool]):
    """Whether ``Cues`` must look at a word: a cue of its own ("may" is the modal, not the month) or a word of
    ``_SPECIAL``. Asked for every word of every text through ``map``, so a known word costs no Python step
    (a plain dict: hits are cheaper than through ``lru_cache``); emptied when full, to stay small."""

    def __missing__(self, word: str) -> bool:
        if len(self) >= 65536:
            self.clear()
        hit = self[word] = word == "may" or _kind(word) is not None or word.lower() in _SPECIAL
        return hit


_candidate = _Candidates().__getitem__

# ``_WORD`` with the gaps kept: ``split`` gives gap, word, gap, word, …, gap (the words of ``_WORD.finditer``)
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")


class Cues:
    """Tense cue words and sentence ends of one text, found in a single pass."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = ends = [m.end() for m in _SENTENCE.finditer(text)]
        self.quotes = _quotes(text)  # ``[start, end)`` of each quotation, in text order
        self.quote_starts = [q[0] for q in self.quotes]
        self.starts: list[int] = []
        self.items: list[tuple[int, int, str, bool]] = []
        self.words: list[str] = []
        self.led: list[bool] = []  # the cue follows a subject-like word (see ``_sure``)
        # Nearly nine words in ten are no cue and no rule below can make them one: they only move the running state
        # (the word before, the last word that is not an adverb, the words since "if"). A Python step for each
        # word was a third of the tagger's time, so the words are split off in C (``parts``: gap, word, gap,
        # word, …, gap; the words of ``_WORD.finditer``), the few that matter are picked in C (``_candidate``),
        # and the state each of them needs is read off the words just before it.
        parts = _WORD_SPLIT.split(text)
        words = parts[1::2]  # word i is parts[2 * i + 1], the gap before it parts[2 * i]
        starts, items, cue_words, leds = self.starts, self.items, self.words, self.led
        bisect_right, adverb, kind_of = bisect.bisect_right, _ADVERB, _kind  # (locals: looked up per cue)
        done = -1  # the last word looked at below
        end = 0  # where it ends
        core = ""  # as of word ``done``: the last word that is not an adverb (nor the month)
        core_lower = True  # whether it is the lower-case word ("Will had nothing but praise": a name, not the modal)
        past_at = -2  # the last word that is a past cue (a cue right after one is ``led``)
        cond = -1  # where the last "if/unless" of the sentence starts
        cond_at = -1  # and which word it is (the six-word window counts the words since)
        for i in compress(range(len(words)), map(_candidate, words)):
            word = words[i]
            # where it starts: the lengths of the words and gaps since the last word looked at, added up in C
            start = end + sum(map(len, parts[2 * done + 2:2 * i + 1]))
            end = start + len(word)
            prev_end = start - len(parts[2 * i])  # where the word before ends (0 for the first word)
            ei = bisect_right(ends, start)  # the sentence index of this word
            if i:
                prev_word = words[i - 1]
                prev = prev_word.lower()
                new_sentence = ei != bisect_right(ends, prev_end - len(prev_word))
            else:
                prev_word = prev = ""
                new_sentence = True
            # the core word: the last word since ``done`` that is not an adverb, if any (else it stays as it was)
            for j in range(i - 1, done, -1):
                w = words[j].lower()
                if w not in adverb and not (w.endswith("ly") and len(w) > 4):
                    core = w if words[j] != "May" else ""
                    core_lower = words[j].islower()
                    if not core_lower:  # (rare) whether word j opens a sentence
                        sj = start - sum(map(len, parts[2 * j + 1:2 * i + 1]))
                        core_lower = not j or (bisect_right(ends, sj - len(parts[2 * j]) - len(parts[2 * j - 1]))
                                               != bisect_right(ends, sj))
                    break
            done = i
            low = word.lower()
            kind = kind_of(word) if word != "may" else "future"  # the modal, not the month
            gap = text[prev_end:start]
            if kind == "past" and low == "set" and text.startswith((" to ", " for "), end):
                kind = "future"  # "is set to begin", "elections are set for October"
            elif low == "have" and core in _PERFECT_MODAL and core_lower and _PERFECT_AFTER.match(text, end):
                kind = "past"  # "could have won on Tuesday", "that he could have Tuesday": the modal perfect
            elif (kind in ("past", "present") and core in _MODAL and core_lower and low not in ("now", "currently")) \
                    or (kind == "past" and core == "to" and low in _PAST):
                kind = None  # "would put a measure on the November ballot", "could have consequences in November"
            elif kind == "past" and "," in gap and text.startswith(" by ", end):
                kind = None  # "…, backed by the senator": a participle after a comma, not the clause's verb
            elif kind == "future" and core in _PAST_AUX and low not in _MODAL and low != "due":
                kind = "present"  # "was planning to hold it on Thursday", "was scheduled to speak Saturday": a plan
                # seen from the past may lie on either side of the reporting date (the nearest reading)
            elif low == "due" and _DUE_TO.match(text, end):
                kind = None  # "never given due to the Orlando massacre on June 12": because of, no plan
            elif kind == "past" and low in _COMMIT and text.startswith(" to ", end):
                kind = "present"  # "vowed to stay in the race until the convention in July": a plan made in the past
                # may lie on either side of the reporting date (the nearest reading), as "was scheduled to"
            elif low in _PROSPECT:
                kind = "future"
            elif low in _AHEAD_TO and text.startswith(" to ", end):
                kind = "future"  # "less likely to vote Republican in November"
            elif low in _IMPERATIVE and word[0].isupper() and (new_sentence or re.search(r"[:;\"“(—]", gap)):
                kind = "future"  # "Remember in November …": an imperative
            elif kind is None and low in _VERB_OR_ADJ and prev not in _DETERMINER and core not in _BE:
                kind = "past"  # "the firm reported a loss", not "the reported deal"
            elif kind == "past" and core in _BE:
                kind = None  # a participle after "be" ("is officially reported"): the auxiliary carries the tense
            elif (kind == "past" and start > 0 and text[start - 1] == "-" and low not in _PAST
                  and prev not in _VERB_PREFIX):
                kind = None  # "the delegate-packed April 19 primary": part of an adjective ("co-founded" is a verb)
            led = new_sentence or prev in _SUBJECT or past_at == i - 1 or "," in gap or prev_word[:1].isupper()
            if low not in adverb and not (low.endswith("ly") and len(low) > 4):  # the core word moves on to this one
                core = low if word != "May" else ""
                core_lower = word.islower() or new_sentence
            if low in _COND:
                cond, cond_at = start, i
                continue
            if (kind == "present" and cond >= 0 and i - cond_at <= 6 and not re.search(r"[,;:—–]|\s-\s", text[cond:start])
                    and bisect_right(ends, cond) == ei):
                kind = "future"  # "if the merger is approved in January": the condition lies ahead
            if kind == "past":
                past_at = i
            if kind:
                starts.append(start)
                items.append((start, end, kind, low in ("now", "currently") or low in _PROSPECT))
                cue_words.append(low)
                leds.append(led)
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
        lo = bisect.bisect_left(self.starts, s)
        hi = bisect.bisect_left(self.starts, e)
        quoted = self.quote_at(start) is not None
        # "his address Sunday … will be a major topic", "Friday's agreement may reset the clock": a weekday that
        # names an event (the subject of the clause) is not placed by that clause's future or modal
        event = (_WEEKDAY.match(text, start, end) is not None and not _PREP_BEFORE.search(text, max(s, start - 30), start)
                 and (text.startswith(("'s", "’s"), end)
                      or _EVENT_NOUN_BEFORE.search(text, max(s, start - 40), start) is not None))
        inside: list[int] = []
        outside: list[int] = []  # cues outside the quotation that holds the expression (its attribution)
        for j in range(lo, hi):
            cs = self.items[j][0]
            if start <= cs < end:
                continue
            q = self.quote_at(cs)
            if quoted and q is None:
                outside.append(j)  # '"I feel good about our chances in November," Tester said': the quotation's
                continue  # own tense decides; the attribution only when the quotation has no cue
            if not quoted and q is not None and len(text[q[0]:q[1]].split()) >= 4:
                continue  # 'acknowledged Monday night "it will be very hard"': the quoted clause is the speaker's
            inside.append(j)
        if inside and text.startswith(",", end) and _FRONTED.search(text, max(s, start - 30), start):
            # "I have decided that on Election Day, I will vote": a date fronted in a "that" clause belongs to the
            # clause after its comma, not to the verb before "that"
            after = [j for j in inside if self.items[j][0] >= end]
            inside = after or inside
        best, plan, tails = self._nearest(inside or outside, start, end, e)
        if event and best is not None and self.items[best[1]][2] == "future" and self.items[best[1]][0] >= end \
                and not re.search(r"[,;:—–]", text[end:self.items[best[1]][0]]):
            best = None  # the event's own day: the nearest one
        if best is not None and _WEEKDAY.match(text, start, end) and text.startswith(("'s", "’s"), end):
            goal = _GOAL_TO.search(text, max(s, start - 30), start)
            if goal is not None and _kind(goal.group(1)) is None:
                best = None  # "invited Flowers to Monday night's debate": a goal, the nearest such day ("went to" keeps
                # its past)
        if best is not None and plan is not None and best[1] in tails:
            best = plan  # "will attend events on Saturday, CNN reported": the reported words are future
        cue: Cue | None = None
        if best is not None:
            cs, ce, kind, _w = self.items[best[1]]
            word = self.words[best[1]]
            cue = Cue(kind, kind == "past" and cs < start and self._sure(best[1], ce, start), word, cs)
        if cue is not None and cue.kind == "past" and not cue.sure and 0 <= cue.pos < start \
                and _named_event(text, start, end):
            # "engineered the release to influence the Nov. 8 election", "teeing up the November showdown", "a debate
            # before Monday's caucus": a date naming a scheduled event, after the clause's past verb, is placed by
            # itself (the nearest one), not by that verb ("Sunday's election was won" keeps its past)
            cue = None
        lead = text[max(s, start - 40):start]
        if _COME.search(lead) or _LOOK_AHEAD.search(lead):
            return Cue("future", False, "", -1)  # "to win the election come November", "looking ahead to the fall"
        if _SINCE.search(lead) or text.endswith("ago", start, end) \
                or _SINCE_CLAUSE.search(text, max(s, start - 70), start):
            return Cue("past", False, "", -1)  # "has been closed since June": June is behind
        if _AHEAD_OF.search(lead):  # "ahead of Friday's report": after its clause's time
            return None if cue and cue.kind == "past" else Cue("future", False, "", -1)
        if self.headline and start < self.headline:
            if cue and cue.kind == "future" and cue.pos < start and cue.word not in ("holds", "hosts"):
                return cue  # ("Trial opens Monday"; but "Fed holds rates steady in March" reports a decision)
            if _HEADLINE_TO.search(text, 0, start):
                return Cue("future", False, "", -1)  # "Apple to unveil new iPhone on Tuesday"
            return Cue("past", False, "", -1)  # "Senate passes budget bill on Friday"
        if cue and cue.kind == "past" and not cue.sure and text[s:e].rstrip().endswith("?") \
                and _QUESTION_PAST.match(text[s:e].lstrip()):
            return cue._replace(sure=True)  # "Did the Fed raise rates in April?"
        return cue

    def _nearest(self, js: list[int], start: int, end: int, e: int
                 ) -> tuple[tuple[float, int] | None, tuple[float, int] | None, set[int]]:
        """The nearest cue among ``js`` (distance, index), the nearest future cue that is not a trailing
        attribution, and the trailing attributions."""
        text = self.text
        best: tuple[float, int] | None = None
        plan: tuple[float, int] | None = None
        tails: set[int] = set()
        for j in js:
            cs, ce, kind, weak = self.items[j]
            tail = False
            if cs < start:
                gap = text[ce:start]
                dist = float(gap.count(" "))
            else:
                gap = text[end:cs]
                if "," in gap and self.words[j] in _REPORTING and len(text[ce:e].split()) <= 3:
                    tail = True  # "… on Saturday, CNN reported.": the attribution after the reported words
                dist = gap.count(" ") * 1.5 + 1.0
            if "," in gap or "—" in gap or " -- " in gap or " – " in gap:  # a cue in the date's own stretch between commas outweighs one beyond a comma ("Sanders,
                dist += 6  # who did win Rhode Island on Tuesday, would likely place …")
            if weak:
                dist += 2
            if best is None or dist < best[0]:
                best = (dist, j)
            if not tail and kind == "future" and (plan is None or dist < plan[0]):
                plan = (dist, j)
            if tail:
                tails.add(j)
        return best, plan, tails

    def quote_at(self, pos: int) -> tuple[int, int] | None:
        """The quotation holding ``pos`` (None outside quotes)."""
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        if i >= 0 and self.quotes[i][0] <= pos < self.quotes[i][1]:
            return self.quotes[i]
        return None

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
