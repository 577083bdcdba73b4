"""Hedge (semantic-uncertainty) cues: a word list plus a decision list of contexts.

The data is ``lexicons/hedge_cues.tsv``, derived from the *tuning* half of the Szeged
WikiWeasel corpus by ``rumormill.evaluation.weasel.derive`` (see docs/claims.md):

- ``cue`` rows: ``cue<TAB>word<TAB>tag<TAB>kind<TAB>hits<TAB>occurrences`` — the word with
  that Penn tag was annotated as a cue ``hits`` times out of ``occurrences``;
- ``ctx`` rows: ``ctx<TAB>word<TAB>feature=value<TAB>hits<TAB>occurrences`` — the same count
  restricted to one context feature (dependency label, head lemma, next word, ...).

A token is a cue when its word/tag row exists and the decision list says so: the matching
context row with the most evidence (highest smoothed precision distance from 0.5) decides,
and the word/tag base rate decides when no context row matches (Yarowsky's decision lists).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from rumormill.lexicons import load_table
from rumormill.nlp.parse import Parse, Token

LEXICON = "hedge_cues.tsv"
# Szeged cue types -> our cue kinds.
KINDS = {
    "speculation_modal_probable_": "speculation",
    "speculation_hypo_doxastic _": "belief",
    "speculation_hypo_condition _": "condition",
    "speculation_hypo_investigation _": "investigation",
}
MIN_OCC = 3  # a context row needs this many occurrences in the tuning half to be used


@dataclass(frozen=True, slots=True)
class HedgeModel:
    base: dict[tuple[str, str], tuple[str, int, int]]  # (word, tag) -> (kind, hits, occ)
    ctx: dict[tuple[str, str], tuple[int, int]]  # (word, "feat=value") -> (hits, occ)
    words: frozenset[str]


class SentenceIndex:
    """One sentence's tokens ``[lo, hi)`` by head (in order), and how many are if/unless."""

    __slots__ = ("by_head", "n_if")

    def __init__(self, toks: Sequence[Token], lo: int, hi: int) -> None:
        self.by_head: dict[int, list[int]] = {}
        self.n_if = 0
        for k in range(lo, hi):
            t = toks[k]
            self.by_head.setdefault(t.head, []).append(k)
            if t.lower in _IF:
                self.n_if += 1


_IF = ("if", "unless")
_NO_KIDS: list[int] = []


def features(parse: Parse | Sequence[Token], i: int, lo: int, hi: int,
             index: SentenceIndex | None = None) -> Iterator[str]:
    """Context features of token ``i`` within the sentence tokens ``[lo, hi)`` (``index``: that
    sentence's ``SentenceIndex``, made here when not given)."""
    toks = parse.tokens if isinstance(parse, Parse) else parse
    if index is None:
        index = SentenceIndex(toks, lo, hi)
    t = toks[i]
    head = toks[t.head]
    yield f"dep={t.dep}"
    yield f"tag={t.tag}"
    yield f"head={head.lemma.lower()}"
    yield f"htag={head.tag}"
    yield f"hdep={head.dep}"
    yield f"prev={toks[i - 1].lower if i > lo else '<s>'}"
    yield f"next={toks[i + 1].lower if i + 1 < hi else '</s>'}"
    if i + 2 < hi:
        yield f"next2={toks[i + 1].lower}_{toks[i + 2].lower}"
    kids = [k for k in index.by_head.get(i, _NO_KIDS) if k != i]
    for k in kids:
        yield f"child={toks[k].dep}:{toks[k].lower if toks[k].dep in ('neg', 'mark', 'aux', 'prep', 'advmod') else toks[k].tag}"
    # clause-level context: a conditional/complementiser in the sentence, and the head's own children
    sib = [toks[k].lower for k in index.by_head.get(t.head, _NO_KIDS) if k != i]
    for w in sib:
        if w in ("if", "unless", "whether", "that", "not", "n't", "as", "to"):
            yield f"sib={w}"
    if index.n_if - (t.lower in _IF) > 0:  # an if/unless in the sentence other than this word
        yield "sent_if=1"


@cache
def model() -> HedgeModel:
    base: dict[tuple[str, str], tuple[str, int, int]] = {}
    ctx: dict[tuple[str, str], tuple[int, int]] = {}
    for row in load_table(LEXICON):
        if row[0] == "cue":
            base[(row[1], row[2])] = (row[3], int(row[4]), int(row[5]))
        elif row[0] == "ctx":
            ctx[(row[1], row[2])] = (int(row[3]), int(row[4]))
    return HedgeModel(base=base, ctx=ctx, words=frozenset(w for w, _t in base))


def _score(hits: int, occ: int) -> float:
    # smoothed precision (add-one towards 0.5)
    return (hits + 0.5) / (occ + 1.0)


def is_cue(m: HedgeModel, parse: Parse | Sequence[Token], i: int, lo: int, hi: int,
           index: SentenceIndex | None = None) -> str | None:
    """The cue kind of token ``i`` or None."""
    toks = parse.tokens if isinstance(parse, Parse) else parse
    t = toks[i]
    entry = m.base.get((t.lower, t.tag))
    if entry is None:
        return None
    kind, hits, occ = entry
    p = _score(hits, occ)
    best = abs(p - 0.5)
    decision = p >= 0.5
    for f in features(toks, i, lo, hi, index):
        c = m.ctx.get((t.lower, f))
        if c is None or c[1] < MIN_OCC:
            continue
        q = _score(*c)
        # a context row outranks the base rate only with more evidence
        if abs(q - 0.5) > best:
            best = abs(q - 0.5)
            decision = q >= 0.5
    return kind if decision else None


def hedge_cues(parse: Parse | Sequence[Token], lo: int, hi: int,
               index: SentenceIndex | None = None) -> list[tuple[int, str]]:
    """``(token index, kind)`` of every hedge cue among tokens ``[lo, hi)`` of one sentence."""
    m = model()
    toks = parse.tokens if isinstance(parse, Parse) else parse
    out = []
    for i in range(lo, hi):
        if toks[i].lower in m.words:
            if index is None:
                index = SentenceIndex(toks, lo, hi)
            kind = is_cue(m, toks, i, lo, hi, index)
            if kind is not None:
                out.append((i, kind))
    return out
