"""Plain-offset view of a spaCy parse: the only shape later stages see.

``Parse`` holds tokens, sentences and named-entity spans as plain Python values
(character offsets into the article text), so stages never touch spaCy objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

Span = tuple[int, int]


class Token(NamedTuple):
    """One token (a named tuple: a parse has thousands, and tuples are built 5x faster)."""

    i: int  # index in the document
    start: int
    end: int
    text: str
    lower: str
    lemma: str
    pos: str  # universal POS
    tag: str  # Penn tag (VBD = past tense, MD = modal, ...)
    dep: str
    head: int  # index of the syntactic head (itself for the root)
    sent: int  # sentence index
    ent_type: str  # spaCy NER label or ""
    ent_iob: str  # B | I | O
    ws: bool  # followed by whitespace


@dataclass(frozen=True, slots=True, kw_only=True)
class EntSpan:
    start: int
    end: int
    label: str
    text: str
    tok_start: int  # first token index
    tok_end: int  # one past the last token index


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    start: int
    end: int
    tok_start: int
    tok_end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Parse:
    text: str
    tokens: tuple[Token, ...]
    sents: tuple[Sentence, ...]
    ents: tuple[EntSpan, ...]

    def children(self, i: int) -> list[Token]:
        return [t for t in self.tokens[self.sents[self.tokens[i].sent].tok_start :
                                       self.sents[self.tokens[i].sent].tok_end]
                if t.head == i and t.i != i]

    def subtree_span(self, i: int) -> Span:
        """Character span of the subtree headed by token ``i`` (within its sentence)."""
        sent = self.sents[self.tokens[i].sent]
        members = {i}
        changed = True
        toks = self.tokens[sent.tok_start : sent.tok_end]
        while changed:
            changed = False
            for t in toks:
                if t.i not in members and t.head in members and t.head != t.i:
                    members.add(t.i)
                    changed = True
        lo = min(members)
        hi = max(members)
        return (self.tokens[lo].start, self.tokens[hi].end)

    def token_at(self, char: int) -> Token | None:
        """The token covering character offset ``char`` (binary search)."""
        lo, hi = 0, len(self.tokens) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            t = self.tokens[mid]
            if char < t.start:
                hi = mid - 1
            elif char >= t.end:
                lo = mid + 1
            else:
                return t
        return None

    def sent_of(self, char: int) -> Sentence | None:
        lo, hi = 0, len(self.sents) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sents[mid]
            if char < s.start:
                hi = mid - 1
            elif char >= s.end:
                lo = mid + 1
            else:
                return s
        return None
