"""Matching claims and quotes across articles: features, blocking keys and the link score.

Pure functions over plain values; the SQL side (candidate lookup, link rows) is in
``rumormill.store.index``.

- **Text features.** Lower-cased word tokens; MinHash signature (datasketch, 32
  permutations) over word 1- and 2-grams of the content words.
- **Blocking keys** (64-bit ints written to ``item_keys``): LSH band keys of the
  MinHash signature (8 bands x 4 rows: datasketch's optimal banding for Jaccard 0.5)
  and one key per entity the item is about (outlets excluded: they are everywhere).
  An item is only ever scored against items that share a band, or share entities.
- **Score** = 0.5 x lexical (rapidfuzz token-sort / partial ratio of the content words, without the
  words of the entities both sides name: ``STRIP_NAMES``) + 0.3 x MinHash Jaccard estimate +
  0.2 x entity agreement (Jaccard of entity names; 0.5 when either side names none).
  A link is kept when the score reaches ``LINK_THRESHOLD``; numbers, counts and times
  are compared on the link and recorded in its evidence (a disagreement is a
  contradiction, not a reason to drop the link: it is the same fact with another value).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import numpy as np

NUM_PERM = 32
BANDS, ROWS = 8, 4  # datasketch.lsh._optimal_param(0.5, 32, 0.5, 0.5) == (8, 4)
# The link threshold, tuned on the train half of the 20 celebrity legit/fake pairs (never on test):
#   rumormill eval story ../shared/data/articles/celebrity_perezrosas2018 --split train
# prints the curve (names stripped or not x 7 weight settings x thresholds 0.40-0.90) and the choice: the
# highest article-pair F1 (linked = 1+ shared claim group) among settings that link no different-story pair
# at the threshold and 0.02 below it (ties: shipped weights, k=2 F1, names stripped, higher threshold).
# 0.50 with shared names stripped = train F1 0.571 (the 4 pairs that share a claim; test 0.167); it was 0.62
# before the name stripping (same train F1); lower thresholds reach F1 0.78-0.80 only by linking different
# claims about the same people (16-69 cross-story links). Curve, test, cost: docs/store.md, "Matching
# measured on real pairs".
LINK_THRESHOLD = 0.50
W_LEXICAL, W_MINHASH, W_ENTITY = 0.5, 0.3, 0.2  # weights of the score's three parts (sum 1)
STRIP_NAMES = True  # the lexical part ignores the words of the entities both sides name (see pair_lexical)
MIN_TOKENS = 4  # fewer content words: matched only when the words are exactly the same
MIN_EXACT_TOKENS = 2  # fewer content words than this: stored but never matched
MIN_FREE_TOKENS = 6  # fewer: generic phrasing ("are being a bit more low-key"); linked only within one story

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_STOP = frozenset(
    ["a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by", "from", "as", "is", "was", "were", "be", "been", "being", "are", "am", "it", "its", "this", "that", "these", "those", "he", "she", "they", "them", "his", "her", "their", "him", "i", "you", "we", "our", "your", "my", "me", "us", "who", "whom", "which", "what", "when", "where", "there", "here", "than", "then", "so", "if", "not", "no", "do", "does", "did", "has", "have", "had", "will", "would", "can", "could", "should", "may", "might", "just", "very", "also", "about", "into", "over", "after", "before", "up", "out", "said", "says", "say", "told"]
)
_NUM_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "dozen": 12, "both": 2, "twins": 2, "twin": 2,
}
_NUMBER = re.compile(r"\b(\d+(?:[.,]\d+)?|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")\b", re.I)
# "three children", "2 kids", "11 years" (the noun right after a number)
_COUNT = re.compile(r"\b(\d{1,4}|" + "|".join(k for k in _NUM_WORDS if k not in ("both", "twins", "twin"))
                    + r")\s+([a-z-]{3,})(?:\s+([a-z]{3,}))?\b", re.I)
_COUNT_ADJ = frozenset(["young", "little", "small", "big", "older", "younger", "grown", "adult", "new", "more",
                        "other", "different", "separate", "biological", "adopted", "former", "close", "whole"])
_UNIT_WORDS = frozenset(["years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour", "minutes", "decades", "percent"])



def norm_name(name: str) -> str:
    """Normalised entity name: lower case, possessive and leading article dropped, spaces collapsed."""
    s = re.sub(r"['’]s?$", "", name.strip()).lower()
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"\s+", " ", s)


def tokens(text: str) -> list[str]:
    return [t.replace("’", "'") for t in _WORD.findall(text.lower())]


def content_tokens(text: str) -> list[str]:
    return [t for t in tokens(text) if t not in _STOP]


def shingles(words: list[str]) -> set[str]:
    out = set(words)
    out.update(f"{a} {b}" for a, b in itertools.pairwise(words))
    return out


def _hash64(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


@cache
def _permutations() -> tuple[Any, str]:
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=7)
    return m.permutations, m.scheme


def minhash(words: list[str]) -> np.ndarray:
    """MinHash signature (uint32, ``NUM_PERM`` values) of the item's shingles, via datasketch."""
    from datasketch import MinHash

    perms, scheme = _permutations()  # computed once: building them is most of a MinHash's cost
    m = MinHash(num_perm=NUM_PERM, seed=7, permutations=perms, scheme=scheme)
    m.update_batch([s.encode("utf-8") for s in sorted(shingles(words))])
    return np.asarray(m.hashvalues, dtype=np.uint32)


def jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    return float(np.count_nonzero(sig_a == sig_b)) / len(sig_a)


def band_keys(sig: np.ndarray) -> list[int]:
    return [_hash64(f"lsh{b}:" + sig[b * ROWS:(b + 1) * ROWS].tobytes().hex()) for b in range(BANDS)]


def entity_key(norm: str) -> int:
    return _hash64("ent:" + norm)


def numbers(text: str) -> list[float]:
    out = []
    for m in _NUMBER.finditer(text):
        tok = m.group(1).lower()
        if tok in _NUM_WORDS:
            out.append(float(_NUM_WORDS[tok]))
        else:
            try:
                out.append(float(tok.replace(",", "")))
            except ValueError:
                continue
    return out


def counts(text: str) -> dict[str, float]:
    """``{noun: number}`` for "three children", "2 kids" (time units left to the time tagger)."""
    out: dict[str, float] = {}
    for m in _COUNT.finditer(text):
        noun = m.group(2).lower()
        if noun in _COUNT_ADJ and m.group(3):
            noun = m.group(3).lower()
        if noun in _STOP or noun in _COUNT_ADJ:
            continue
        if noun in _UNIT_WORDS or len(m.group(1)) == 4:  # a year, not a count
            continue
        tok = m.group(1).lower()
        out[noun.rstrip("s")] = float(_NUM_WORDS[tok]) if tok in _NUM_WORDS else float(tok)
    return out


@dataclass(slots=True)
class Features:
    """What scoring and the cross-article checks need from one item."""

    text: str
    words: list[str]
    entities: list[str]  # normalised names of the entities the item is about
    sig: np.ndarray | None
    info: dict[str, Any] = field(default_factory=dict)


def features(text: str, entities: list[str], times: list[dict[str, Any]] | None = None) -> Features:
    words = content_tokens(text)
    sig = minhash(words) if len(words) >= MIN_EXACT_TOKENS else None
    info: dict[str, Any] = {"ents": sorted(set(entities)), "nums": numbers(text), "counts": counts(text),
                            "times": times or []}
    return Features(text=text, words=words, entities=sorted(set(entities)), sig=sig, info=info)


def exact_key(words: list[str]) -> int:
    return _hash64("exact:" + " ".join(words))


def blocking_keys(f: Features, block_entities: list[str]) -> list[int]:
    """The keys an item is filed under: exact words always; LSH bands and entities when long enough."""
    if f.sig is None:
        return []
    out = [exact_key(f.words)]
    if len(f.words) >= MIN_TOKENS:
        out += band_keys(f.sig) + [entity_key(e) for e in block_entities]
    return out


def lexical(a_words: list[str], b_words: list[str]) -> float:
    """rapidfuzz similarity of the content words: token-sort ratio, or the partial ratio when the
    shorter side has at least 6 content words (a quote relayed in part)."""
    return lexical_joined(" ".join(a_words), len(a_words), " ".join(b_words), len(b_words))


def lexical_joined(a: str, na: int, b: str, nb: int) -> float:
    """``lexical`` over content words already joined by spaces (``na``/``nb`` words)."""
    from rapidfuzz import fuzz

    best = fuzz.token_sort_ratio(a, b)
    if min(na, nb) >= 6:
        best = max(best, fuzz.partial_ratio(a, b))
    return best / 100.0


def name_tokens(ents: list[str] | set[str]) -> frozenset[str]:
    """The words of normalised entity names ("kendall jenner" -> kendall, jenner)."""
    return frozenset(w for e in ents for w in e.split())


@lru_cache(maxsize=65536)  # a stored item is a candidate of many new items in a row
def strip_names(words: str, names: frozenset[str]) -> str:
    """Content words (joined by spaces) without the words of ``names`` (possessives too: "miley's")."""
    if not names:
        return words
    return _names_re(names).sub("", words).strip()


@lru_cache(maxsize=4096)
def _names_re(names: frozenset[str]) -> re.Pattern[str]:
    """A whole space-separated word of ``names`` (or its possessive) and the space after it."""
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<= ))(?:{alt})(?:'s)?(?: +|$)")


def pair_lexical(a_words: str, a_ents: list[str] | set[str], b_words: str, b_ents: list[str] | set[str]) -> float:
    """``lexical_joined`` of two items, without the words of the entities *both* name when
    ``STRIP_NAMES`` (a shared name is counted once, by the entity agreement; different names stay
    in the words, so the same sentence about two different people does not look alike); unstripped
    when either side would be left with no words (an item that is only names)."""
    if STRIP_NAMES:
        names = name_tokens(set(a_ents) & set(b_ents))
        sa, sb = strip_names(a_words, names), strip_names(b_words, names)
        if sa and sb:
            a_words, b_words = sa, sb
    return lexical_joined(a_words, a_words.count(" ") + 1, b_words, b_words.count(" ") + 1)


def score(a_words: str, a_sig: np.ndarray, a_ents: list[str], b_words: str, b_sig: np.ndarray,
          b_ents: list[str]) -> tuple[float, dict[str, Any]]:
    """Similarity in [0, 1] of two items (content words joined by spaces) and the evidence for it."""
    lex = pair_lexical(a_words, a_ents, b_words, b_ents)
    jac = jaccard(a_sig, b_sig)
    sa, sb = set(a_ents), set(b_ents)
    ent = len(sa & sb) / len(sa | sb) if sa and sb else 0.5
    total = W_LEXICAL * lex + W_MINHASH * jac + W_ENTITY * ent
    evidence = {"lexical": round(lex, 3), "minhash_jaccard": round(jac, 3), "entity_agreement": round(ent, 3),
                "shared_entities": sorted(sa & sb)}
    return round(total, 4), evidence


def score_many(words: str, sig: np.ndarray, ents: list[str],
               others: list[tuple[str, bytes, str]]) -> list[tuple[float, dict[str, Any]]]:
    """``score`` of one item against many (content words, MinHash bytes, "|"-joined entities), vectorised:
    rapidfuzz ``cdist`` for the lexical part and one numpy comparison for the Jaccard estimates."""
    if not others:
        return []
    from rapidfuzz import fuzz, process

    texts = [o[0] for o in others]
    if STRIP_NAMES:
        lex = _stripped_lexical_many(words, set(ents), others)
    else:
        lex = process.cdist([words], texts, scorer=fuzz.token_sort_ratio, dtype=np.float64)[0]
        if words.count(" ") + 1 >= 6:
            long_ = [i for i, t in enumerate(texts) if t.count(" ") >= 5]
            if long_:
                part = process.cdist([words], [texts[i] for i in long_], scorer=fuzz.partial_ratio,
                                     dtype=np.float64)[0]
                lex[long_] = np.maximum(lex[long_], part)
        lex /= 100.0
    sigs = np.frombuffer(b"".join(o[1] for o in others), dtype=np.uint32).reshape(len(others), -1)
    jac = (sigs == sig).mean(axis=1)
    bound = W_LEXICAL * lex + W_MINHASH * jac + W_ENTITY  # the score if the entities agreed fully
    sa = set(ents)
    out: list[tuple[float, dict[str, Any]]] = []
    for i, o in enumerate(others):
        if bound[i] < LINK_THRESHOLD:  # cannot link whatever the entities: skip the Python work
            out.append((round(float(bound[i] - W_ENTITY), 4), {}))
            continue
        sb = {e for e in o[2].split("|") if e}
        ent = len(sa & sb) / len(sa | sb) if sa and sb else 0.5
        total = round(float(W_LEXICAL * lex[i] + W_MINHASH * jac[i] + W_ENTITY * ent), 4)
        if total < LINK_THRESHOLD:  # evidence is only kept on links
            out.append((total, {}))
            continue
        out.append((total, {"lexical": round(float(lex[i]), 3),
                                              "minhash_jaccard": round(float(jac[i]), 3),
                                              "entity_agreement": round(ent, 3), "shared_entities": sorted(sa & sb)}))
    return out


def _stripped_lexical_many(words: str, mine: set[str], others: list[tuple[str, bytes, str]]) -> np.ndarray:
    """``pair_lexical`` (names stripped) of one item against many, one rapidfuzz ``cdist`` per distinct
    entity set of the candidates (the names to strip depend on both sides)."""
    from rapidfuzz import fuzz, process

    lex = np.zeros(len(others), dtype=np.float64)
    by_ents: dict[str, list[int]] = {}
    for i, o in enumerate(others):
        by_ents.setdefault(o[2], []).append(i)
    for ent_s, idx in by_ents.items():
        names = name_tokens(mine.intersection(ent_s.split("|")))
        a = strip_names(words, names)
        pairs: list[tuple[int, str, str]] = []  # (index, my words, their words) after the fallback rule
        for i in idx:
            b = strip_names(others[i][0], names)
            pairs.append((i, a, b) if a and b else (i, words, others[i][0]))
        for mine_text in {p[1] for p in pairs}:
            sel = [p for p in pairs if p[1] == mine_text]
            texts = [p[2] for p in sel]
            row = process.cdist([mine_text], texts, scorer=fuzz.token_sort_ratio, dtype=np.float64)[0]
            if mine_text.count(" ") >= 5:
                long_ = [k for k, t in enumerate(texts) if t.count(" ") >= 5]
                if long_:
                    part = process.cdist([mine_text], [texts[k] for k in long_], scorer=fuzz.partial_ratio,
                                         dtype=np.float64)[0]
                    row[long_] = np.maximum(row[long_], part)
            lex[[p[0] for p in sel]] = row / 100.0
    return lex


def number_agreement(a_nums: list[float], b_nums: list[float]) -> str:
    if not a_nums or not b_nums:
        return "n/a"
    return "agree" if set(a_nums) & set(b_nums) else "differ"
