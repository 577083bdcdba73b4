"""Claim units: clauses cut from the parse, with their frames, cues and negations.

See ``stages/claims.py`` for the whole picture. Here:

- ``find_units`` cuts each parse sentence at paragraph breaks (headings are dropped), finds the
  clause heads (main predicates, coordinated predicates with their own verb, content clauses of
  reporting frames), gives every word to its nearest clause head and makes one ``Unit`` per head
  with a contiguous span. Words of a reporting frame (the speaker phrase, the cue and what hangs
  on it outside the content: "a source revealed to US Weekly in their latest issue") belong to no
  claim. A verbless fragment (a sentence split inside a title) is joined to the claim before it.
- ``epistemic.checkable`` decides whether a claim asserts something that could be checked.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rumormill.epistemic.status import NEGATORS, sentence_cues
from rumormill.epistemic.tree import Tree, balance_quotes, offsets, token_range, toks_in
from rumormill.lexicons import load_table
from rumormill.nlp.parse import Parse, Token
from rumormill.records import Article

Span = tuple[int, int]

PRED_POS = {"VERB", "AUX"}
CONTENT_DEPS = {"ccomp", "parataxis"}
# reporting-verb classes that make a frame when the sources stage recorded none
_FRAME_CLASSES = {"neutral", "reveal", "assert", "confirm", "claim", "deny", "think", "suspect", "speculate",
                  "hint", "ask"}
_TRIM_START = {"cc", "punct", "mark", "prep"}
_TRIM_END = {"cc", "punct"}


@dataclass(frozen=True, slots=True)
class Frame:
    """A reporting/cognition verb governing a claim that no attribution covers."""

    cue: int  # token index
    lemma: str
    cue_class: str
    subject_span: Span | None
    size: int  # characters of its content clause
    hedges: list[tuple[int, str, str]]


@dataclass(slots=True)
class Unit:
    span: Span
    head: int
    head_char: int
    sent: int
    paragraph: int
    tokens: list[int]
    cues: list[tuple[int, str, str]] = field(default_factory=list)  # (token, kind, status)
    negations: list[int] = field(default_factory=list)
    attributions: list[dict[str, Any]] = field(default_factory=list)
    frame_hedges: dict[int, list[tuple[int, str, str]]] = field(default_factory=dict)
    cue_heads: dict[int, int] = field(default_factory=dict)  # id(attribution) -> its cue's head token
    frames: list[Frame] = field(default_factory=list)


@cache
def _reporting() -> dict[str, str]:
    return {row[0]: row[1] for row in load_table("reporting_verbs.tsv") if len(row) > 1}


def _is_pred(t: Token) -> bool:
    return t.pos in PRED_POS or t.tag.startswith("VB") or t.tag == "MD"


def find_units(article: Article, parse: Parse, atts: list[dict[str, Any]],
               quote_spans: dict[str, Span] | None = None, names: Iterable[Span] = ()) -> list[Unit]:
    """Claim units of one article. ``names``: spans of named entities (never predicates)."""
    toks = parse.tokens
    if not toks:
        return []
    span_toks = _SpanTokens(parse)
    named: set[int] = set()
    for sp in names:
        named.update(range(*token_range(parse, sp[0], sp[1])))
    tree = Tree(parse)
    rep = _reporting()
    quote_spans = quote_spans or {}
    pred = [t.pos in PRED_POS or t.tag.startswith("VB") or t.tag == "MD" for t in toks]  # _is_pred

    # --- paragraph of every token (-1: heading, residue or whitespace) -------------------------
    heads_spans = {h.span for h in article.headings}
    paras = [p for p in article.paragraphs]
    para_of = [-1] * len(toks)
    starts = offsets(parse).starts
    in_heading = bytearray(len(toks))  # the token starts inside a heading
    for hs in heads_spans:
        lo = bisect.bisect_left(starts, hs[0])
        hi = bisect.bisect_left(starts, hs[1], lo)
        in_heading[lo:max(lo, hi)] = b"\x01" * (max(lo, hi) - lo)
    k = 0
    for t in toks:
        while k < len(paras) and paras[k][1] <= t.start:
            k += 1
        if k < len(paras) and paras[k][0] <= t.start < paras[k][1] and paras[k] not in heads_spans \
                and not in_heading[t.i] and t.pos != "SPACE":
            para_of[t.i] = k
    if not paras:
        para_of = [-1 if t.pos == "SPACE" else 0 for t in toks]

    # --- frames from attributions ----------------------------------------------------------
    frame_tok: set[int] = set()
    frame_verb: set[int] = set()
    att_cue_tok: set[int] = set()
    att_cue_head: dict[int, int] = {}
    for a in atts:
        cue = span_toks(a.get("cue_span"))
        att_cue_tok |= cue
        ch = tree.head_of(cue) if cue else None
        if ch is not None:
            att_cue_head[id(a)] = ch
    heads_of_cues = set(att_cue_head.values())
    # one cue can introduce several contents ("stating, “…”" and a mixed quote after it)
    content_of_cue: dict[int, set[int]] = {}
    for a in atts:
        ch = att_cue_head.get(id(a))
        if ch is not None:
            content_of_cue.setdefault(ch, set()).update(span_toks(a.get("content_span")))
    for a in atts:
        ch = att_cue_head.get(id(a))
        content = span_toks(a.get("content_span")) | content_of_cue.get(ch, set()) if ch is not None \
            else span_toks(a.get("content_span"))
        src = span_toks(a.get("source_span"))
        if a.get("content_span") is not None and any(pred[k] for k in content):
            if ch is not None:
                frame_verb.add(ch)
                frame_tok |= tree.subtree(ch, heads_of_cues) - content
            sh = tree.head_of(src) if src else None
            if sh is not None:
                frame_tok |= tree.subtree(sh, heads_of_cues) - content
            frame_tok |= src - content
        elif ch is not None and toks[ch].pos != "VERB":
            frame_tok |= tree.subtree(ch, heads_of_cues)  # "as per the outlet", "according to X"
    # syntactic frames the sources stage did not record
    syn_frames: dict[int, str] = {}
    for t in toks:
        if t.pos != "VERB":
            continue
        cls = rep.get(t.lemma.lower())
        if cls in _FRAME_CLASSES and t.i not in att_cue_tok and any(
            toks[c].dep in CONTENT_DEPS and pred[c] for c in tree.kids[t.i]
        ):
            syn_frames[t.i] = cls or ""
            frame_verb.add(t.i)
            for c in tree.kids[t.i]:
                if toks[c].dep in ("nsubj", "nsubjpass", "aux", "neg", "advmod", "punct", "mark", "dobj", "dative"):
                    frame_tok |= tree.subtree(c) if toks[c].dep in ("nsubj", "nsubjpass", "dative") else {c}
            frame_tok.add(t.i)
    # content clauses cut claims out of their host sentence; a mixed quote's fragment does not
    content_sets = [cs for cs in (span_toks(a["content_span"]) for a in atts
                                  if a.get("content_span") is not None and a.get("kind") != "mixed")
                    if any(pred[k] for k in cs)]
    ctx = _SegmentContext(parse, tree, frame_tok, frame_verb, frame_tok | named, content_sets, pred)

    # --- clause heads, sentence by sentence, segment by segment -------------------------------
    units: list[Unit] = []
    for si, sent in enumerate(parse.sents):
        seg: list[int] = []
        for i in range(sent.tok_start, sent.tok_end + 1):
            if i < sent.tok_end and toks[i].pos == "SPACE":
                continue  # whitespace tokens never split a segment; paragraphs and headings do
            if i < sent.tok_end and (not seg or para_of[i] == para_of[seg[0]]) and para_of[i] >= 0:
                seg.append(i)
                continue
            if seg:
                units.extend(_segment_units(ctx, seg, si, para_of[seg[0]], units))
            seg = [i] if i < sent.tok_end and para_of[i] >= 0 else []

    # --- cues, negation, attributions ----------------------------------------------------------
    by_sent: dict[int, dict[int, tuple[str, str]]] = {}
    sorted_cues: dict[int, list[tuple[int, tuple[str, str]]]] = {}
    for u in units:
        if u.sent not in by_sent:
            s = parse.sents[u.sent]
            by_sent[u.sent] = sentence_cues(parse, s.tok_start, s.tok_end)
            sorted_cues[u.sent] = sorted(by_sent[u.sent].items())
        own = set(u.tokens)
        u.cues = [(i, kind, st) for i, (kind, st) in sorted_cues[u.sent]
                  if i in own and i not in att_cue_tok and i not in frame_verb
                  and (kind != "intention" or _on_predicate(i, u.head, toks))]
        # a question raises a possibility; it asserts nothing ("Is Jennifer Lopez the one?")
        q = _question_mark(parse, u)
        if q is not None:
            u.cues.append((q, "question", "speculated"))
        # negation on the head, or on an open complement it governs ("seen not wearing")
        scope = [u.head, *(c for c in tree.kids[u.head] if toks[c].dep == "xcomp")]
        u.negations = sorted(c for h in scope for c in tree.kids[h]
                             if (toks[c].dep == "neg" or toks[c].dep in ("advmod", "nsubj", "det"))
                             and toks[c].lower in NEGATORS and c in own)
        # syntactic frames above the head
        child, anc = u.head, toks[u.head].head
        while anc != child and toks[anc].sent == u.sent:
            if anc in syn_frames and toks[child].dep in CONTENT_DEPS:
                subj = next((c for c in tree.kids[anc] if toks[c].dep in ("nsubj", "nsubjpass")), None)
                sub = tree.subtree(subj) if subj is not None else None
                content = tree.subtree(child)
                u.frames.insert(0, Frame(
                    cue=anc, lemma=toks[anc].lemma.lower(), cue_class=syn_frames[anc],
                    subject_span=(toks[min(sub)].start, toks[max(sub)].end) if sub else None,
                    size=toks[max(content)].end - toks[min(content)].start,
                    hedges=_hedges_on(anc, tree, by_sent.get(u.sent, {})),
                ))
            child, anc = anc, toks[anc].head
    head_chars = [u.head_char for u in units]
    ordered = all(head_chars[k] <= head_chars[k + 1] for k in range(len(head_chars) - 1))
    for a in atts:
        _apply(a, units, parse, tree, att_cue_head.get(id(a)), quote_spans, by_sent,
               span_toks, pred, head_chars if ordered else None)
    return units


def _hedges_on(verb: int, tree: Tree, cues: dict[int, tuple[str, str]]) -> list[tuple[int, str, str]]:
    return [(c, *cues[c]) for c in tree.kids[verb] if c in cues and tree.toks[c].dep in ("advmod", "aux")]


def _apply(a: dict[str, Any], units: list[Unit], parse: Parse, tree: Tree, cue_head: int | None,
           quote_spans: dict[str, Span], by_sent: dict[int, dict[int, tuple[str, str]]],
           span_toks: _SpanTokens, pred: list[bool], head_chars: list[int] | None) -> None:
    """``head_chars``: the units' head offsets when ascending (then found by bisection), else None."""
    content = a.get("content_span")
    qspan = quote_spans.get(a.get("quote") or "")
    hits: list[Unit] = []
    if head_chars is not None and not (qspan is not None and a.get("kind") == "mixed"):
        found: set[int] = set()  # the units whose head lies in the content or the quote
        for sp in (content, qspan):
            if sp is not None:
                found.update(range(bisect.bisect_left(head_chars, sp[0]), bisect.bisect_left(head_chars, sp[1])))
        hits = [units[k] for k in sorted(found)]
    else:
        for u in units:
            if (content is not None and content[0] <= u.head_char < content[1]) or (qspan is not None and (qspan[0] <= u.head_char < qspan[1]
                                        or (a.get("kind") == "mixed" and qspan[0] < u.span[1] and u.span[0] < qspan[1]))):
                hits.append(u)
    cue = a.get("cue_span")
    clausal = content is not None and any(pred[k] for k in span_toks(content))
    if cue is not None and not hits and not clausal:  # no content, or a noun phrase ("denied the report")
        inside = [u for u in units if u.span[0] <= cue[0] < u.span[1]]
        if not inside:
            para = next((u.paragraph for u in units if u.span[0] <= cue[0]), None)
            before = [u for u in units if u.span[1] <= cue[0]]
            if before and (para is None or before[-1].paragraph == _para_at(units, cue[0], before[-1])):
                inside = [before[-1]]
        hits = inside
    hedges = []
    if cue_head is not None:
        sent = parse.tokens[cue_head].sent
        hedges = _hedges_on(cue_head, tree, by_sent.get(sent, {}))
    for u in hits:
        if a not in u.attributions:
            u.attributions.append(a)
            if cue_head is not None:
                u.cue_heads[id(a)] = cue_head
            if hedges:
                u.frame_hedges[id(a)] = hedges


def _para_at(units: list[Unit], char: int, prev: Unit) -> int:
    # the cue lies in the previous unit's paragraph unless a later unit starts in between
    return prev.paragraph if not any(prev.span[1] <= u.span[0] <= char for u in units) else -2


class _SegmentContext:
    """What ``_segment_units`` reads, computed once per article. ``frame_tok``: words of reporting
    frames; ``blocked``: those and the words of names, which never head a clause (the tagger
    sometimes reads "Millepied" as a verb); ``content_sets``: the token sets of content clauses;
    ``pred``: token -> is it a predicate (``_is_pred``)."""

    __slots__ = ("blocked", "content_sets", "frame_tok", "frame_verb", "holding", "parse", "piece", "pred", "tree")

    def __init__(self, parse: Parse, tree: Tree, frame_tok: set[int], frame_verb: set[int], blocked: set[int],
                 content_sets: list[set[int]], pred: list[bool]) -> None:
        self.parse, self.tree = parse, tree
        self.frame_tok, self.frame_verb, self.blocked = frame_tok, frame_verb, blocked
        self.content_sets, self.pred = content_sets, pred
        # token -> the content sets holding it, as one of a few shared frozensets: the sets are runs of
        # tokens (``toks_in``), so between two run boundaries every token is held by the same sets
        n = len(parse.tokens)
        self.piece: list[int] = [0] * n
        self.holding: list[frozenset[int]] = []
        runs = [(min(cs), max(cs) + 1) for cs in content_sets if cs]
        if all(hi - lo == len(cs) for (lo, hi), cs in zip(runs, (c for c in content_sets if c), strict=True)):
            bounds = sorted({0, n, *(b for run in runs for b in run)})
        else:
            bounds = list(range(n + 1))  # not runs after all: a piece per token
        for b0, b1 in itertools.pairwise(bounds):
            if b0 < n:
                self.piece[b0:b1] = [len(self.holding)] * (b1 - b0)
                self.holding.append(frozenset(k for k, cs in enumerate(content_sets) if b0 in cs))

    def cut(self, i: int, h: int) -> bool:
        """Is ``i`` in a content clause that does not hold ``h``?"""
        return not self.holding[self.piece[i]] <= self.holding[self.piece[h]]


class _SpanTokens:
    """``toks_in`` with a memory: the same spans come back many times (cue, content, quote)."""

    __slots__ = ("memo", "parse")

    def __init__(self, parse: Parse) -> None:
        self.parse = parse
        self.memo: dict[tuple[int, int], set[int]] = {}

    def __call__(self, span: Span | None) -> set[int]:
        """The token set (shared: callers must not change it)."""
        if span is None:
            return set()
        key = (span[0], span[1])
        got = self.memo.get(key)
        if got is None:
            got = self.memo[key] = toks_in(self.parse, key)
        return got


def _segment_units(ctx: _SegmentContext, seg: list[int], si: int, para: int, done: list[Unit]) -> list[Unit]:
    """Units of one piece of sentence (the words ``seg`` of sentence ``si`` in paragraph ``para``)."""
    parse, tree, frame_tok, frame_verb, blocked, pred = (ctx.parse, ctx.tree, ctx.frame_tok, ctx.frame_verb,
                                                         ctx.blocked, ctx.pred)
    toks = parse.tokens
    inseg = set(seg)

    def lhead(i: int) -> int:
        h = toks[i].head
        return h if h in inseg else i

    memo: dict[int, bool] = {}

    def is_head(i: int) -> bool:
        if i in memo:
            return memo[i]
        memo[i] = False  # cycle guard
        t = toks[i]
        ok = False
        if pred[i] and i not in blocked and i not in frame_verb and not _speaker_clause(i, tree, frame_tok):
            h = lhead(i)
            if h == i or (t.dep == "conj" and t.pos in PRED_POS and is_head(h) and _has_own_verb(t, tree)):
                ok = True
            elif h in frame_verb or h in frame_tok:
                ok = t.dep in CONTENT_DEPS or ctx.cut(i, h)
            elif ctx.cut(i, h):
                ok = True
        memo[i] = ok
        return ok

    heads = [i for i in seg if pred[i] and is_head(i)]  # (is_head is False unless pred)
    if not heads:
        # a verbless fragment: joined to the claim just before in the same paragraph
        rest = [i for i in seg if i not in frame_tok and toks[i].pos not in ("PUNCT", "SPACE")]
        if rest and done and done[-1].paragraph == para and done[-1].span[1] <= toks[rest[0]].start:
            prev = done[-1]
            end = _balance_end(parse, prev.span[0], toks[rest[-1]].end)
            prev.span = (prev.span[0], end)
            prev.tokens.extend(rest)
        return []
    hs = set(heads)
    owner: dict[int, int | None] = {}

    def own(i: int) -> int | None:
        if i in owner:
            return owner[i]
        owner[i] = None
        if i in frame_tok or i in frame_verb:
            return None
        if i in hs:
            owner[i] = i
            return i
        h = lhead(i)
        owner[i] = None if h == i else own(h)
        return owner[i]

    order = [i for i in seg if toks[i].pos != "SPACE"]
    assigned: list[int | None] = [own(i) for i in order]
    # words under no clause head (punctuation, a mis-parsed subject) join the clause on their
    # left, or on their right at the start; frame words stay out
    orphan = [o is None and i not in frame_tok and i not in frame_verb for i, o in zip(order, assigned, strict=True)]
    for k in range(len(order)):
        if orphan[k] and k > 0 and assigned[k - 1] is not None:
            assigned[k] = assigned[k - 1]
    for k in range(len(order) - 1, -1, -1):
        if orphan[k] and assigned[k] is None and k + 1 < len(order):
            assigned[k] = assigned[k + 1]
    # pieces: maximal runs of one owner
    ranges: dict[int, list[int]] = {}
    current: int | None = None
    k = 0
    while k < len(order):
        o = assigned[k]
        j = k
        while j + 1 < len(order) and assigned[j + 1] == o:
            j += 1
        piece = order[k : j + 1]
        if o is not None and any(p == o for p in piece):
            target: int | None = o
        elif o is not None and current is not None:
            target = current  # a stray piece of an earlier clause: joins its left neighbour
        else:
            target = None if o is None else o if o not in ranges else None
        if target is not None:
            r = ranges.setdefault(target, [piece[0], piece[-1]])
            r[0] = min(r[0], piece[0])
            r[1] = max(r[1], piece[-1])
        current = target if o is not None else None
        k = j + 1
    out: list[Unit] = []
    pos = {i: k for k, i in enumerate(order)}
    for h in heads:
        if h not in ranges:
            continue
        lo, hi = ranges[h]
        members = order[bisect.bisect_left(order, lo):bisect.bisect_right(order, hi)]  # order is ascending
        while members and ((toks[members[0]].dep in _TRIM_START and members[0] != h
                           and (toks[members[0]].dep != "prep" or toks[members[0]].lower == "according")
                           and (toks[members[0]].dep != "mark" or toks[members[0]].lower in ("that", "whether")))
                           or members[0] in frame_tok):
            members.pop(0)
        while members and ((toks[members[-1]].dep in _TRIM_END and members[-1] != h) or members[-1] in frame_tok):
            members.pop()
        words = [i for i in members if toks[i].pos not in ("PUNCT", "SPACE")]
        if len(words) < 2:
            continue
        s, e = toks[members[0]].start, toks[members[-1]].end
        s, e = balance_quotes(parse.text, s, e)
        out.append(Unit(span=(s, e), head=h, head_char=toks[h].start, sent=si, paragraph=para,
                        tokens=[i for i in members if assigned[pos[i]] == h]))
    return out


def _speaker_clause(i: int, tree: Tree, frame_tok: set[int]) -> bool:
    """A clause whose subject is a speaker phrase ("a second insider sheds light ..., stating")."""
    return any(tree.toks[c].dep in ("nsubj", "nsubjpass") and c in frame_tok for c in tree.kids[i])


def _question_mark(parse: Parse, u: Unit) -> int | None:
    """The "?" closing the unit's sentence piece, when the unit is in it."""
    toks = parse.tokens
    sent = parse.sents[u.sent]
    k = max(u.tokens, default=u.head) + 1
    while k < sent.tok_end and toks[k].pos in ("PUNCT", "SPACE") and toks[k].text != "?":
        k += 1
    if k < sent.tok_end and toks[k].text == "?":
        return k
    return None


def _on_predicate(i: int, head: int, toks: tuple[Token, ...]) -> bool:
    """An intention verb counts when it is the clause's predicate ("is hoping to", "wants to"),
    not when it sits in a noun phrase ("anyone hoping that … will be disappointed")."""
    return i == head or (toks[i].head == head and toks[i].dep in ("xcomp", "ccomp", "conj")) or toks[head].head == i


def _has_own_verb(t: Token, tree: Tree) -> bool:
    return t.pos == "VERB" or any(tree.toks[c].dep in ("nsubj", "nsubjpass", "acomp", "attr") for c in tree.kids[t.i])


def _balance_end(parse: Parse, s: int, e: int) -> int:
    return balance_quotes(parse.text, s, e)[1]
