"""Attributions from the parse: reporting cue + speaker phrase + content (part of the sources stage).

Works on the plain-offset ``Parse`` only, one sentence at a time (children lists are built once
per sentence, so nothing is quadratic in the article length).

- A cue is a verb whose lemma is in ``lexicons/reporting_verbs.tsv`` (outside any quote), or the
  prepositions "according to" / "as per".
- Its speaker is the verb's subject; a participle or conjoined verb without a subject ("…,
  stating", "adding that") takes the subject of the verb it hangs on; a relative clause ("a source
  who spoke with Us") takes the noun it modifies; for "according to X" it is X.
- Its content is the complement clause ("that it was Natalie who decided to leave"), the clause
  that "according to X" hangs on, or the quotes it governs (assigned by the sources stage).
- Outlets it was relayed through are outlet entities reached from the cue by to/with/by/in
  prepositions or as objects ("told US Weekly", "spoke with Us", "in an interview with The Wall
  Street Journal"), or inside the speaker phrase ("a source quoted by People", "an Us Weekly source").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rumormill.lexicons import load_table
from rumormill.nlp.parse import Parse, Token

Span = tuple[int, int]

_SUBJ = {"nsubj"}
_SINGLE_CLOSE = re.compile(r"’(?!\w)")
_CLOSE_SINGLE_AFTER = re.compile(r"[.,!?;:]{0,2}’")
_DATELINE_DASH = re.compile(r"(?:[A-Z][A-Z.,' ]+|(?:[A-Z][\w.]*\s)+\([A-Z]+\))\s*(?:--|[-–—―])\s+")
_CLOSE_AFTER = re.compile(r"[.,!?;:]{0,2}(?:[”\"]|'')")
_INHERIT = {"advcl", "conj", "xcomp", "pcomp", "dep", "ccomp", "prep", "acomp"}
_CONTENT = {"ccomp"}
# verbs whose infinitive reporting verb PolNeAR marks together with them ("appeared to suggest")
_LEAD_VERBS = frozenset({"seem", "appear", "continue", "go", "begin", "start", "try", "attempt"})
_OBJECT_PREPS = {"as", "for", "of", "with"}
_RELAY_DEPS = {"dative", "dobj", "prep", "agent", "pobj", "npadvmod", "pcomp"}
_RELAY_PREPS = {"to", "with", "by", "in", "on", "during", "through", "via", "for"}
# classes of reporting verbs that report speech (as opposed to thought or attitude)
SPEECH = {"neutral", "reveal", "assert", "claim", "deny", "confirm", "hint", "ask", "speculate"}
_NEEDS_CONTENT = {"think", "suspect", "intend", "evaluate"}
_OBJECT = {"dobj", "xcomp"}
_OBJECT_CONTENT = {"deny", "confirm", "claim", "hint"}  # "denied the report", "confirmed the split"
# auxiliaries and adverbs that belong to the cue ("has said", "also said", "did not say")
_CUE_LEFT = {"aux", "neg", "advmod"}
_CUE_PREPS = {"for", "on", "against", "about", "of", "to", "out"}
_MEDIA = {"interview", "statement", "email", "e-mail", "post", "tweet", "speech", "letter", "release", "briefing",
          "op-ed", "memo", "video", "podcast", "conversation", "call"}
_CUE_ADVERBS = {"also", "later", "previously", "recently", "repeatedly", "often", "again", "then", "publicly", "even",
                "now", "never", "always", "barely",
                "privately", "reportedly", "once", "first", "further", "frequently", "still", "already"}


@cache
def verb_classes() -> dict[str, str]:
    return {row[0]: row[1] for row in load_table("reporting_verbs.tsv") if len(row) > 1}


@cache
def weak_verbs() -> frozenset[str]:
    """Verbs that are cues only with a content clause or a quote they govern ("continue", "show")."""
    return frozenset(row[0] for row in load_table("reporting_verbs.tsv") if len(row) > 2)


@cache
def object_verbs() -> frozenset[str]:
    """Verbs whose object is what they report ("cited the report", "called for a recount")."""
    return frozenset(row[0] for row in load_table("reporting_verbs.tsv") if len(row) > 2 and row[2] == "object")


@cache
def noun_classes() -> dict[str, str]:
    """Nominal cues ("criticism of", "remark that"), cues only with a possessive holder and a content."""
    return {row[0]: row[1] for row in load_table("reporting_nouns.tsv") if len(row) == 2}


@cache
def light_nouns() -> dict[str, str]:
    """Nouns that make a cue with a light verb ("expressed concern that …", "made the case that …")."""
    return {row[0]: row[1] for row in load_table("reporting_nouns.tsv") if len(row) > 1}


# "made several statements on the matter", "expressed concern that …", "raised questions about …":
# the verb and its reporting noun are the cue (PolNeAR's convention), the noun's that-clause or
# prepositional object the content. Measured on PolNeAR train.
_LIGHT_VERBS = frozenset({"make", "express", "voice", "raise", "offer", "issue", "give", "pose", "level", "lodge",
                          "share", "reiterate", "repeat", "deliver"})


def _light(ix: SentIndex, t: Token) -> Attr | None:
    toks = ix.parse.tokens
    kids = ix.kids.get(t.i, [])
    nouns = light_nouns()
    obj = next((c for c in kids if c > t.i and toks[c].dep == "dobj" and toks[c].lemma.lower() in nouns), None)
    if obj is None:
        return None
    content, cue_end = _noun_content(ix, obj)
    if content is None:
        return None
    cue_start = t.start
    k = t.i - 1
    while k >= ix.lo and toks[k].head == t.i and toks[k].dep in _CUE_LEFT and toks[k].tag != "TO" \
            and (toks[k].dep != "advmod" or toks[k].lower in _CUE_ADVERBS or toks[k].lower.endswith("ly")):
        cue_start = toks[k].start
        k -= 1
    subj = _subject(ix, t.i)
    sp = speaker_span(ix, subj) if subj is not None else None
    exclude = set(ix.subtree(obj)) | (set(ix.subtree(subj)) if subj is not None else set())
    return Attr(cue_tok=t.i, cue_span=(cue_start, cue_end), cue=ix.parse.text[cue_start:cue_end],
                cue_lemma=t.lemma.lower(), cue_class=nouns[toks[obj].lemma.lower()], speaker=subj, speaker_span=sp,
                content_span=content, sent=t.sent, clause=False, via=relay_tokens(ix, t.i, exclude))


# "spoke about how …", "commented on the plan": what a speech verb is about is its content (PolNeAR
# marks the preposition in the cue); measured on a 420-article slice of PolNeAR train
_TOPIC_PREPS = frozenset({"about", "on", "of", "against", "for"})
_PRON_OBJ = False
_REL_OBJ = True
# participles whose understood subject is the addressee ("Asked about the race, Smith said …")
_ADDRESSED = frozenset({"ask", "question", "press", "tell"})
_NOUN_PREPS = {"of", "for", "on", "about", "over", "against", "to", "with"}


def _noun_content(ix: SentIndex, noun: int) -> tuple[Span | None, int]:
    """What a reporting noun reports, and where its cue ends: the object of a preposition right after it
    ("concern about the plan", cue "concern about") or a that-clause ("the claim that …", cue "claim")."""
    toks = ix.parse.tokens
    for c in ix.kids.get(noun, ()):
        if c <= noun:
            continue
        if toks[c].dep == "prep" and toks[c].lower in _NOUN_PREPS and c == noun + 1:
            obj = next((k for k in ix.kids.get(c, ()) if toks[k].dep in ("pobj", "pcomp")), None)
            if obj is not None:
                return ix.span(ix.subtree(obj)), toks[c].end
            break
        if toks[c].dep in ("acl", "ccomp") and any(toks[k].lower == "that" and toks[k].dep == "mark"
                                                  for k in ix.kids.get(c, ())):
            return ix.span(ix.subtree(c)), toks[noun].end
    return None, toks[noun].end


@dataclass(slots=True)
class Attr:
    """One attribution found in the parse (before sources are joined up)."""

    cue_tok: int | None
    cue_span: Span | None
    cue: str
    cue_lemma: str
    cue_class: str
    speaker: int | None  # token index of the speaker phrase's head
    speaker_span: Span | None
    content_span: Span | None
    sent: int
    via: list[int] = field(default_factory=list)  # token indexes inside outlet names
    quotes: list[int] = field(default_factory=list)  # indexes into the quote list
    kind: str = "indirect"
    note: str | None = None
    source: str | None = None
    source_span: Span | None = None
    inherited: bool = False
    weak: bool = False
    clause: bool = True  # content is a reported clause (not an object such as "praised the plan")
    # the content's pieces when the cue interrupts it ("Acts of protest, Mr. Obama said, are acts of
    # patriotism"); ``content_span`` then runs from the first piece's start to the last one's end
    content_parts: tuple[Span, ...] | None = None
    post: int | None = None  # index into ``article.embeds``: the words of an embedded social post


class SentIndex:
    """Children lists for the tokens of one sentence."""

    def __init__(self, parse: Parse, si: int) -> None:
        s = parse.sents[si]
        self.parse = parse
        self.lo, self.hi = s.tok_start, s.tok_end
        self.kids: dict[int, list[int]] = {i: [] for i in range(self.lo, self.hi)}
        for t in parse.tokens[self.lo : self.hi]:
            if t.head != t.i and t.head in self.kids:
                self.kids[t.head].append(t.i)

    def subtree(self, i: int, skip: frozenset[str] = frozenset()) -> list[int]:
        out, stack = [], [i]
        toks = self.parse.tokens
        while stack:
            k = stack.pop()
            out.append(k)
            stack.extend(c for c in self.kids.get(k, ()) if toks[c].dep not in skip)
        return sorted(out)

    def span(self, idxs: list[int]) -> Span | None:
        toks = self.parse.tokens
        idxs = [k for k in idxs if toks[k].pos not in ("PUNCT", "SPACE") or toks[k].text in "%$"]
        while idxs and toks[idxs[-1]].pos == "CCONJ":
            idxs.pop()  # "…, and": a dangling conjunction is not content
        if not idxs:
            return None
        # punctuation is trimmed at the edges; a closing bracket whose opening is inside stays
        return close_marks(self.parse.text, toks[min(idxs)].start, toks[max(idxs)].end)


def close_marks(text: str, s: int, e: int) -> Span:
    """Extend ``e`` over a closing bracket or quote mark whose opening lies inside [s, e), with the
    punctuation before it: “as a paragon of virtue.”"""
    if e < len(text) and text[e] == ")" and text.count("(", s, e) > text.count(")", s, e):
        e += 1
    elif text.count("“", s, e) > text.count("”", s, e) or (text.count('"', s, e) + text.count("''", s, e)) % 2:
        m = _CLOSE_AFTER.match(text, e)
        if m:
            e = m.end()
    elif "‘" in text[s:e] and text.count("‘", s, e) > len(_SINGLE_CLOSE.findall(text, s, e)):
        m = _CLOSE_SINGLE_AFTER.match(text, e)
        if m:
            e = m.end()
    return (s, e)


def _subject(ix: SentIndex, v: int) -> int | None:
    subj = _subject_any(ix, v)
    if subj is None:
        return None
    return _same_paragraph(ix, subj, v)


def _same_paragraph(ix: SentIndex, subj: int, v: int) -> int | None:
    """The model's sentences can run over a blank line ("A title line\\n\\nJohn Smith said"): keep only
    the part of the subject on the verb's side of the line break (its local head), or nothing."""
    toks = ix.parse.tokens
    text = ix.parse.text
    lo, hi = sorted((toks[subj].start, toks[v].start))
    nl = text.rfind("\n", lo, hi)
    if nl < 0:
        return subj
    side = [k for k in ix.subtree(subj) if (toks[k].start > nl) == (toks[v].start > nl)
            and toks[k].pos not in ("SPACE", "PUNCT")]
    tops = [k for k in side if toks[k].head not in side]
    return tops[0] if len(tops) == 1 else None


def _subject_any(ix: SentIndex, v: int) -> int | None:
    toks = ix.parse.tokens
    seen = 0
    while seen < 4:
        seen += 1
        subj = next((c for c in ix.kids.get(v, ()) if toks[c].dep in _SUBJ), None)
        if subj is not None:
            if toks[subj].lower in ("who", "that", "which") and toks[v].dep == "relcl":
                return toks[v].head
            return subj
        if toks[v].dep == "relcl":
            return toks[v].head
        if toks[v].dep == "acl" and toks[v].tag in ("VBD", "VBN") and toks[v].head < v \
                and not any(toks[c].dep in ("agent", "auxpass") for c in ix.kids.get(v, ())):
            return toks[v].head  # "… ,” a source revealed to US Weekly": the model reads a reduced relative
        if toks[v].dep in _INHERIT and toks[v].head != v and ix.lo <= toks[v].head < ix.hi:
            v = toks[v].head
            continue
        return None
    return None


def _content_span(ix: SentIndex, head: int, classes: dict[str, str]) -> Span | None:
    """A content clause without the reporting verbs conjoined to it ("… by March and suggested that …"
    starts a new attribution)."""
    toks = ix.parse.tokens
    skip = {c for c in ix.kids.get(head, ()) if toks[c].dep == "conj" and toks[c].pos == "VERB"
            and toks[c].lemma.lower() in classes and (toks[c].lemma.lower() not in weak_verbs()
                                                      or any(toks[k].dep == "ccomp" for k in ix.kids.get(c, ())))}
    # ", engaging in …": a trailing participle after a comma belongs to the reporting clause
    skip |= {c for c in ix.kids.get(head, ()) if toks[c].dep == "advcl" and toks[c].tag == "VBG" and c > head
             and toks[c - 1].text == ","}
    if not skip:
        return ix.span(ix.subtree(head))
    drop: set[int] = set()
    for c in skip:
        drop.update(ix.subtree(c))
    keep = [k for k in ix.subtree(head) if k not in drop]
    first_drop = min(drop)
    keep = [k for k in keep if k < first_drop]
    while keep and toks[keep[-1]].pos in ("CCONJ", "PUNCT"):
        keep.pop()
    return ix.span(keep)


def _runs(ix: SentIndex, idxs: list[int]) -> tuple[Span, ...]:
    """Contiguous runs of token indexes as spans, punctuation and dangling conjunctions trimmed."""
    toks = ix.parse.tokens
    runs: list[list[int]] = []
    for k in sorted(idxs):
        if runs and k == runs[-1][-1] + 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    out: list[Span] = []
    for r in runs:
        while r and (toks[r[0]].pos in ("PUNCT", "CCONJ", "SPACE")):
            r = r[1:]
        sp = ix.span(r) if r else None
        if sp is not None:
            out.append(sp)
    return tuple(out)


def _interrupted_content(ix: SentIndex, v: int, ccomp: int | None) -> tuple[Span, ...] | None:
    """"Acts of protest, Mr. Obama said, are acts of patriotism": a speech verb the model hangs on the
    reported clause (parataxis) reports that clause, minus the attribution phrase; a ccomp of its own
    ("…so bad, Mr. Obama noted, that …") continues it."""
    toks = ix.parse.tokens
    t = toks[v]
    if t.dep != "parataxis" or not ix.lo <= t.head < ix.hi or toks[t.head].pos not in ("VERB", "AUX"):
        return None
    cut = set(ix.subtree(v))
    keep = [k for k in ix.subtree(t.head) if k not in cut]
    if ccomp is not None:
        keep += ix.subtree(ccomp)
    if not any(toks[k].pos not in ("PUNCT", "SPACE") for k in keep):
        return None
    parts = _runs(ix, keep)
    return parts or None


def _apposed_subject(ix: SentIndex, v: int, subj: int | None, sp: Span | None) -> Span | None:
    """"Ban Ki-moon, the secretary general of the United Nations, vowed": the model often reads the
    apposition as a second subject; the speaker phrase then runs over both (and the closing comma)."""
    if subj is None or sp is None:
        return sp
    toks = ix.parse.tokens
    text = ix.parse.text
    other = [c for c in ix.kids.get(v, ()) if toks[c].dep == "nsubj" and c != subj and c > subj]
    if not other:
        return sp
    second = ix.span(ix.subtree(other[0]))
    if second is None or text[sp[1] : second[0]].strip() != ",":
        return sp
    e = second[1]
    if e < len(text) and text[e] == "," and e < toks[v].start:
        e += 1
    return (sp[0], e)


def speaker_span(ix: SentIndex, h: int) -> Span | None:
    """The speaker phrase: the head's subtree without relative clauses, within the head's paragraph;
    an apposition before the verb keeps its closing comma ("Jane Holt, the mayor, said")."""
    toks = ix.parse.tokens
    members = ix.subtree(h)
    # ", speaking to …": a participle clause after the speaker tells the occasion, not who
    # (relative clauses stay: PolNeAR's annotators keep "X, who …," in the source)
    for c in members:
        if c > h and toks[c].dep == "acl" and toks[c].tag in ("VBG", "VBN"):
            first = ix.subtree(c)[0]
            if first > h + 1 and toks[first - 1].text == ",":
                members = [k for k in members if k < first - 1]
                break
    sp = ix.span(members)
    if sp is None:
        return None
    text = ix.parse.text
    head = toks[h]
    cut = text.rfind("\n", sp[0], head.start)
    s = cut + 1 if cut >= 0 else sp[0]
    dash = _DATELINE_DASH.match(text, s, head.start)
    if dash is not None:
        s = dash.end()  # "WASHINGTON -- President Obama", "New York (AFP) – Vice President Joe Biden"
    while s < head.start and text[s].isspace():
        s += 1
    e = sp[1]
    nl = text.find("\n", head.end, e)
    if nl >= 0:
        e = nl
    if "," in text[s:e] and e < len(text) and text[e] == "," and head.head > h:
        e += 1  # "Jane Holt, the mayor, said": the phrase before its verb keeps its closing comma
    return (s, e)


def relay_tokens(ix: SentIndex, root: int, exclude: set[int], depth: int = 4) -> list[int]:
    """Tokens reached from ``root`` through objects and relay prepositions (not content clauses)."""
    toks = ix.parse.tokens
    out: list[int] = []
    frontier = [root]
    for _ in range(depth):
        nxt: list[int] = []
        for k in frontier:
            for c in ix.kids.get(k, ()):
                if c in exclude:
                    continue
                t = toks[c]
                if t.dep == "prep" and t.lower not in _RELAY_PREPS:
                    continue
                if t.dep in _RELAY_DEPS or t.dep == "compound":
                    out.append(c)
                    nxt.append(c)
        frontier = nxt
    return out


def _according(ix: SentIndex, t: Token) -> tuple[int, Span, int] | None:
    """("according to X" | "as per X") -> (pobj head, cue span, attachment head) or None."""
    toks = ix.parse.tokens
    if t.lower == "according":
        to = next((c for c in ix.kids.get(t.i, ()) if toks[c].lower == "to"), None)
        if to is None and t.i + 1 < ix.hi and toks[t.i + 1].lower == "to":
            to = t.i + 1
        if to is None:
            return None
        obj = next((c for c in ix.kids.get(to, ()) if toks[c].dep == "pobj"), None)
        if obj is None:
            return None
        return obj, (t.start, toks[to].end), t.head
    if t.lower == "per" and t.i > ix.lo and toks[t.i - 1].lower == "as":
        obj = next((c for c in ix.kids.get(t.i, ()) if toks[c].dep == "pobj"), None)
        if obj is None:
            return None
        head = t.head if t.head != t.i - 1 else toks[t.i - 1].head
        return obj, (toks[t.i - 1].start, t.end), head
    return None


def _clause_without(ix: SentIndex, head: int, cut: set[int]) -> Span | None:
    """The clause headed by ``head`` minus the tokens in ``cut`` (the attribution phrase)."""
    toks = ix.parse.tokens
    if not ix.lo <= head < ix.hi:
        return None
    members = [k for k in ix.subtree(head) if k not in cut]
    if not members:
        return None
    # keep the longest contiguous run (the phrase sits at the edge or in the middle)
    runs: list[list[int]] = [[members[0]]]
    for k in members[1:]:
        if k == runs[-1][-1] + 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    best = max(runs, key=lambda r: toks[r[-1]].end - toks[r[0]].start)
    while best and (toks[best[0]].pos in ("PUNCT", "CCONJ", "SPACE") or toks[best[0]].lower in ("as", "that")):
        best = best[1:]
    while best and toks[best[-1]].pos in ("PUNCT", "SPACE"):
        best = best[:-1]
    if not best:
        return None
    return close_marks(ix.parse.text, toks[best[0]].start, toks[best[-1]].end)


def _misread_verb(ix: SentIndex, t: Token, cls: str) -> Attr | None:
    """"A second insider claims the couple …": the small model reads "claims" as a plural noun
    heading the sentence, with the speaker as its compound. Read it as the verb it is."""
    toks = ix.parse.tokens
    kids = ix.kids.get(t.i, [])
    subj = next((c for c in kids if c < t.i and toks[c].dep in ("compound", "nsubj")
                 and toks[c].pos in ("NOUN", "PROPN")), None)
    ccomp = next((c for c in kids if c > t.i and toks[c].dep in ("ccomp", "dobj", "relcl")), None)
    if subj is None or ccomp is None:
        return None
    first = min([c for c in kids if c < t.i] + [subj])
    sp = (toks[first].start, toks[subj].end)
    content = ix.span(ix.subtree(ccomp))
    return Attr(cue_tok=t.i, cue_span=(t.start, t.end), cue=t.text, cue_lemma=t.lower[:-1], cue_class=cls,
                speaker=subj, speaker_span=sp, content_span=content, sent=t.sent)


def _nominal(ix: SentIndex, t: Token, cls: str) -> Attr | None:
    """"Trump's criticism of the deal", "her remark that …": holder = the possessive, content = the
    prepositional object or the that-clause; the cue is the noun (with adjectives before it and the
    preposition after it, as PolNeAR marks it)."""
    toks = ix.parse.tokens
    kids = ix.kids.get(t.i, [])
    poss = next((c for c in kids if toks[c].dep == "poss" and c < t.i), None)
    if poss is None:
        return None
    content, cue_end = _noun_content(ix, t.i)
    if content is None:
        return None
    sp = ix.span(ix.subtree(poss))
    if sp is None:
        return None
    cue_start = t.start
    k = t.i - 1
    while k > poss and toks[k].head == t.i and toks[k].dep in ("amod", "advmod", "compound"):
        cue_start = toks[k].start
        k -= 1
    return Attr(cue_tok=t.i, cue_span=(cue_start, cue_end), cue=ix.parse.text[cue_start:cue_end],
                cue_lemma=t.lemma.lower(), cue_class=cls, speaker=poss, speaker_span=sp, content_span=content,
                sent=t.sent, clause=False)


# "Trump seems to care more about …", "Clinton is expected to win", "He is seen as a moderate": an
# attitude with nobody named to hold it. PolNeAR marks these with no Source and the subject plus
# the complement as the content; in the ledger they carry no source (the author relays them).
_RAISING = frozenset({"seem", "appear"})
_PASSIVE_VIEW = frozenset({"expect", "consider", "see", "view", "deem", "believe", "think", "know", "regard",
                           "perceive", "rumor", "rumour", "predict", "project"})


def _sourceless(ix: SentIndex, t: Token, kids: list[int]) -> Attr | None:
    toks = ix.parse.tokens
    lemma = t.lemma.lower()
    passive = any(toks[c].dep == "auxpass" for c in kids)
    if not ((lemma in _RAISING and not passive) or (lemma in _PASSIVE_VIEW and passive)):
        return None
    if any(toks[c].dep == "agent" for c in kids):
        return None  # "is seen by many as": the agent is a source; leave it to the verb reading
    subj = next((c for c in kids if toks[c].dep in ("nsubj", "nsubjpass") and c < t.i), None)
    comp = next((c for c in kids if c > t.i and toks[c].dep in ("xcomp", "ccomp", "acomp", "oprd", "attr")), None)
    as_prep = None
    if comp is None:
        as_prep = next((c for c in kids if c > t.i and toks[c].dep == "prep" and toks[c].lower in ("as", "like")), None)
        if as_prep is not None:
            comp = next((c for c in ix.kids.get(as_prep, ()) if toks[c].dep == "pobj"), None)
    if comp is None or (toks[comp].dep == "xcomp" and toks[comp].lemma.lower() in verb_classes()):
        return None  # "appeared to suggest that …": the reporting verb makes the attribution
    cue_start, cue_end = t.start, t.end
    k = t.i - 1
    while k >= ix.lo and toks[k].head == t.i and toks[k].dep in ("aux", "auxpass", "neg", "advmod"):
        cue_start = toks[k].start
        k -= 1
    if as_prep is not None:
        cue_end = toks[as_prep].end  # "is seen as", "was known as"
    parts: list[Span] = []
    if subj is not None and toks[subj].lower not in ("it", "there"):
        sp = ix.span(ix.subtree(subj))
        if sp is None:
            return None
        parts.append(sp)
    elif toks[comp].dep != "ccomp":
        return None
    cp = ix.span(ix.subtree(comp))
    if cp is None:
        return None
    parts.append(cp)
    content = (parts[0][0], parts[-1][1])
    return Attr(cue_tok=t.i, cue_span=(cue_start, cue_end), cue=ix.parse.text[cue_start:cue_end], cue_lemma=lemma,
                cue_class="speculate", speaker=None, speaker_span=None, content_span=content, sent=t.sent,
                clause=False, content_parts=tuple(parts) if len(parts) > 1 else None,
                note="an attitude nobody is named to hold")


# "In a CNN poll released Monday, Clinton led by 8 points", "Trump leads in the polls": a finding
# reported by a poll or study. PolNeAR marks "in" as the cue and the poll phrase as the source;
# measured on PolNeAR train (22 + 45 such cues in the two 420-article halves).
_FINDINGS = frozenset({"poll", "survey", "study", "report", "analysis", "research", "polling", "data"})


def _in_finding(ix: SentIndex, t: Token, classes: dict[str, str]) -> Attr | None:
    toks = ix.parse.tokens
    who = next((c for c in ix.kids.get(t.i, ()) if toks[c].dep == "pobj"), None)
    if who is None or toks[who].lemma.lower() not in _FINDINGS:
        return None
    end = ix.subtree(t.i)[-1]
    if not (t.i == ix.lo or toks[t.i - 1].pos in ("CCONJ", "PUNCT")) or end + 1 >= ix.hi or toks[end + 1].text != ",":
        return None  # only the fronted phrase ("In a CNN poll, …"); "mired in single digits in polls" is not one
    head = t.head
    while toks[head].pos not in ("VERB", "AUX") and toks[head].head != head and ix.lo <= toks[head].head < ix.hi:
        head = toks[head].head
    if toks[head].pos not in ("VERB", "AUX") or toks[head].lemma.lower() in classes or head == t.i:
        return None  # "said in a statement": the medium belongs to that cue
    content = _clause_without(ix, head, set(ix.subtree(t.i)))
    if content is None:
        return None
    return Attr(cue_tok=t.i, cue_span=(t.start, t.end), cue=t.text, cue_lemma="in", cue_class="neutral",
                speaker=who, speaker_span=speaker_span(ix, who), content_span=content, sent=t.sent, clause=False,
                via=[k for k in ix.subtree(who) if k != who])


def find(parse: Parse, in_quote: list[bool]) -> tuple[list[Attr], dict[int, SentIndex]]:
    """Every cue-led attribution, sentence by sentence. ``in_quote[i]``: token i is quoted."""
    classes = verb_classes()
    nouns = noun_classes()
    toks = parse.tokens
    out: list[Attr] = []
    index: dict[int, SentIndex] = {}
    for si, s in enumerate(parse.sents):
        ix: SentIndex | None = None
        for t in toks[s.tok_start : s.tok_end]:
            if in_quote[t.i]:
                continue
            if t.lower in ("according", "per"):
                ix = ix or index.setdefault(si, SentIndex(parse, si))
                acc = _according(ix, t)
                if acc is None:
                    continue
                who, cue_span, head = acc
                cut = set(ix.subtree(t.i))
                if t.lower == "per":
                    cut.add(t.i - 1)
                elif t.i + 1 < ix.hi and toks[t.i + 1].lower == "to":
                    cut.update(ix.subtree(t.i + 1))  # the model can hang "to X" apart from "according"
                while toks[head].pos not in ("VERB", "AUX") and toks[head].head != head:
                    head = toks[head].head
                verbal = toks[head].pos in ("VERB", "AUX")
                content = _clause_without(ix, head, cut) if head != t.i and verbal else None
                out.append(Attr(cue_tok=t.i, cue_span=cue_span, cue=parse.text[cue_span[0]:cue_span[1]],
                                cue_lemma=parse.text[cue_span[0]:cue_span[1]].lower(), cue_class="neutral",
                                speaker=who, speaker_span=speaker_span(ix, who), content_span=content,
                                sent=si, via=[k for k in ix.subtree(who) if k != who]))
                continue
            if t.lower == "in" and t.dep == "prep":
                ix = ix or index.setdefault(si, SentIndex(parse, si))
                fin = _in_finding(ix, t, classes)
                if fin is not None:
                    out.append(fin)
                continue
            if t.pos == "VERB" and (t.lemma.lower() in _RAISING or t.lemma.lower() in _PASSIVE_VIEW):
                ix = ix or index.setdefault(si, SentIndex(parse, si))
                sl = _sourceless(ix, t, ix.kids.get(t.i, []))
                if sl is not None:
                    out.append(sl)
                    continue
            if t.pos == "VERB" and t.lemma.lower() in _LIGHT_VERBS:
                ix = ix or index.setdefault(si, SentIndex(parse, si))
                lv = _light(ix, t)
                if lv is not None:
                    out.append(lv)
                    continue
            if t.pos == "NOUN" and t.lemma.lower() in nouns:
                ix = ix or index.setdefault(si, SentIndex(parse, si))
                nom = _nominal(ix, t, nouns[t.lemma.lower()])
                if nom is not None:
                    out.append(nom)
                    continue
            cls = classes.get(t.lemma.lower())
            # "as Vulture put it, “…”": "put it" is a speech cue (for the quote it governs)
            put_it = cls is None and t.lemma.lower() == "put" and t.i + 1 < s.tok_end \
                and toks[t.i + 1].lower == "it" and toks[t.i + 1].head == t.i and toks[t.i + 1].dep == "dobj"
            if put_it:
                cls = "neutral"
            if t.pos in ("NOUN", "PROPN") and t.lower.endswith("s") and classes.get(t.lower[:-1]) \
                    and t.dep == "ROOT":
                ix = ix or index.setdefault(si, SentIndex(parse, si))
                mis = _misread_verb(ix, t, classes[t.lower[:-1]])
                if mis is not None:
                    out.append(mis)
                continue
            if cls is None or t.pos not in ("VERB", "AUX") or t.tag == "MD":
                continue
            if t.pos == "AUX" and t.lemma.lower() not in ("say", "tell"):
                continue
            ix = ix or index.setdefault(si, SentIndex(parse, si))
            kids = ix.kids.get(t.i, [])
            if any(toks[c].dep == "auxpass" for c in kids) and t.lemma.lower() not in ("report", "say"):
                continue  # "was told", "was asked": the subject is the addressee
            ccomp = next((c for c in kids if toks[c].dep in _CONTENT), None)
            content = _content_span(ix, ccomp, classes) if ccomp is not None else None
            clause = content is not None
            prep_end = 0
            if content is None:
                # what an attitude is about: "praised the plan", "wants to leave", "called for a recount"
                # a pronoun object counts with a predicate after it ("criticized him for …", "views itself as …")
                obj: int | None = next((c for c in kids if c > t.i and toks[c].dep in _OBJECT
                            and (toks[c].pos != "PRON" or any(
                                k > c and (toks[k].dep == "oprd" or (toks[k].dep == "prep"
                                           and toks[k].lower in _OBJECT_PREPS)) for k in kids))), None)
                topic = False
                if obj is None:
                    prep = next((c for c in kids if c == t.i + 1 and toks[c].dep == "prep"
                                 and toks[c].lower in ("for", "on", "against", "about", "of", "to")), None)
                    if prep is not None:
                        obj = next((c for c in ix.kids.get(prep, ()) if toks[c].dep in ("pobj", "pcomp")), None)
                        if obj is not None:
                            prep_end = toks[prep].end  # "called for", "pointed to": the preposition is cue
                            topic = toks[prep].lower in _TOPIC_PREPS and cls in SPEECH
                if obj is not None and (cls in _NEEDS_CONTENT or cls in _OBJECT_CONTENT or topic
                                        or t.lemma.lower() in object_verbs()):
                    ccomp = obj
                    content = _content_span(ix, obj, classes)
                    # "urged Trump to stop attacking Machado": the object and its infinitive are one content
                    other = next((c for c in kids if c != obj and c > t.i and toks[c].dep in _OBJECT
                                  and toks[c].dep != toks[obj].dep and toks[c].pos != "PRON"), None)
                    if other is not None and content is not None:
                        o_sp = _content_span(ix, other, classes)
                        if o_sp is not None:
                            content = (min(content[0], o_sp[0]), max(content[1], o_sp[1]))
                    # "described Clinton as a “disgrace”", "criticized Trump for …", "accused X of …"
                    pred = next((c for c in kids if c > obj and (toks[c].dep == "oprd" or (
                        toks[c].dep == "prep" and toks[c].lower in _OBJECT_PREPS))), None)
                    if pred is not None and content is not None:  # "described Clinton as a “disgrace”"
                        tail = ix.span(ix.subtree(pred))
                        if tail is not None:
                            content = close_marks(parse.text, content[0], max(content[1], tail[1]))
                else:
                    prep_end = 0
            parts = _interrupted_content(ix, t.i, ccomp if clause else None) if cls in SPEECH else None
            if parts:
                content, clause = (parts[0][0], parts[-1][1]), True
            if cls in _NEEDS_CONTENT and content is None:
                continue
            subj = _subject(ix, t.i)
            if t.tag == "VBN" and t.dep == "advcl" and t.lemma.lower() in _ADDRESSED \
                    and not any(toks[c].dep in ("nsubj", "nsubjpass", "aux", "auxpass") for c in kids):
                subj = None  # "Asked whether …, Trump said": the main clause's subject was asked, nobody named asked
            sp = speaker_span(ix, subj) if subj is not None else None
            sp = _apposed_subject(ix, t.i, subj, sp)
            rel = next((c for c in kids if toks[c].dep == "nsubj" and toks[c].lower in ("who", "which", "that")), None)
            if rel is not None and subj is not None and subj != rel:
                sp = (toks[rel].start, toks[rel].end)  # the mention in this clause is the relative pronoun
            exclude = set(ix.subtree(ccomp)) if ccomp is not None else set()
            if subj is not None:
                exclude |= set(ix.subtree(subj))
            via = relay_tokens(ix, t.i, exclude)
            if subj is not None:
                via += [k for k in ix.subtree(subj) if k != subj]
            cue_end = toks[t.i + 1].end if put_it else t.end
            prt = next((c for c in kids if toks[c].dep == "prt" and c == t.i + 1), None)
            if prt is not None:
                cue_end = toks[prt].end
            cue_end = max(cue_end, prep_end)
            nxt = t.i + 1
            if nxt < ix.hi and toks[nxt].head == t.i and toks[nxt].lower in _CUE_PREPS \
                    and t.lemma.lower() in object_verbs() and toks[nxt].dep in ("prep", "prt", "dative"):
                cue_end = max(cue_end, toks[nxt].end)  # "called for", "called on"
            if nxt < ix.hi and toks[nxt].lower == "in" and toks[nxt].head == t.i:
                medium = next((c for c in ix.kids.get(nxt, ()) if toks[c].dep == "pobj"
                               and toks[c].lemma.lower() in _MEDIA), None)
                if medium is not None:
                    cue_end = toks[medium].end  # "said in a statement", "said in a phone interview"
            if cue_end < len(parse.text) and parse.text[cue_end] == ":":
                cue_end += 1  # "said:" (PolNeAR keeps the colon in the cue)
            cue_start = t.start
            h = toks[t.i].head
            if t.dep in ("xcomp", "advcl") and h < t.i and toks[h].lemma.lower() in _LEAD_VERBS \
                    and all(toks[j].tag == "TO" or toks[j].dep in ("prt", "neg") for j in range(h + 1, t.i)):
                cue_start = toks[h].start  # "appeared to suggest", "went on to discuss" (PolNeAR's cue)
                t_left = h
            elif t.dep == "xcomp" and h < t.i and toks[h].pos == "ADJ" and toks[h].dep == "acomp" \
                    and toks[h].head < h and toks[toks[h].head].lemma.lower() == "be" \
                    and all(toks[j].tag == "TO" or toks[j].dep in ("advmod", "neg") or j == h
                            for j in range(toks[h].head + 1, t.i)):
                t_left = toks[h].head  # "was quick to point out", "are more likely to say" (PolNeAR's cue)
                cue_start = toks[t_left].start
            else:
                t_left = t.i
            k = t_left - 1
            while k >= ix.lo and toks[k].head == t_left and toks[k].dep in _CUE_LEFT and toks[k].tag != "TO" \
                    and (toks[k].dep != "advmod" or toks[k].lower in _CUE_ADVERBS or toks[k].lower.endswith("ly")):
                cue_start = toks[k].start
                k -= 1
            weak = (t.lemma.lower() in weak_verbs() or put_it) and content is None
            out.append(Attr(weak=weak, clause=clause, cue_tok=t.i, cue_span=(cue_start, cue_end), cue=parse.text[cue_start:cue_end],
                            cue_lemma=t.lemma.lower(), cue_class=cls, speaker=subj, speaker_span=sp,
                            content_span=content, sent=si, via=via,
                            content_parts=parts if parts and len(parts) > 1 else None))
    return out, index
