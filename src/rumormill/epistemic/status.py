"""Which status a cue lends to a clause, and which status wins when several apply.

Statuses, from the ledger contract: asserted | reported | alleged | rumoured | suspected |
speculated | denied | hypothetical | intended. Data: ``lexicons/epistemic_cues.tsv`` (news cue
words), ``lexicons/reporting_strength.tsv`` (reporting-verb class -> status, strength) and the
hedge decision list ``lexicons/hedge_cues.tsv`` (via ``hedges``).
"""

from __future__ import annotations

from functools import cache, lru_cache

from rumormill.epistemic.hedges import SentenceIndex, hedge_cues
from rumormill.lexicons import load_table
from rumormill.nlp.parse import Parse

STATUSES = ("asserted", "reported", "alleged", "rumoured", "suspected", "speculated", "denied",
            "hypothetical", "intended")
# When several cues bear on one clause the most hedged reading wins: a denial or a condition
# changes what is claimed more than a rumour; a rumour more than a plain report.
PRIORITY = {s: k for k, s in enumerate(("asserted", "reported", "intended", "speculated", "suspected",
                                        "alleged", "rumoured", "hypothetical", "denied"))}
# Szeged hedge kinds -> status (when epistemic_cues.tsv has no row for the word)
HEDGE_STATUS = {"speculation": "speculated", "belief": "suspected", "condition": "hypothetical",
                "investigation": "speculated"}
NEGATORS = frozenset({"not", "n't", "n’t", "never", "no", "nobody", "nothing", "neither", "nor"})


def strongest(statuses: list[str], default: str = "asserted") -> str:
    return max(statuses, key=lambda s: PRIORITY[s]) if statuses else default


@cache
def _cue_table() -> dict[tuple[str, str], tuple[str, str]]:
    out: dict[tuple[str, str], tuple[str, str]] = {}
    for lemma, pos, kind, status in load_table("epistemic_cues.tsv"):
        out[(lemma, pos)] = (kind, status)
    return out


@cache
def _strength() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in load_table("reporting_strength.tsv")}


def report_status(cue_class: str, cue_lemma: str) -> tuple[str, str]:
    """(status, strength) an attribution lends, from its reporting verb's lemma or class."""
    table = _strength()
    return table.get(f"lemma:{cue_lemma.lower()}") or table.get(f"class:{cue_class}") or ("reported", "neutral")


@lru_cache(maxsize=65536)
def lexical_cue(lemma: str, lower: str, pos: str) -> tuple[str, str] | None:
    """(kind, status) of a word in the news cue lexicon, or None."""
    table = _cue_table()
    for key in (lemma.lower(), lower, *_stems(lower)):
        hit = table.get((key, pos)) or table.get((key, "any"))
        if hit:
            return hit
    return None


_RAISING = frozenset({"appear", "seem"})
_NEEDS_COMPLEMENT = frozenset({"intention"})


def _clausal_complement(parse: Parse, i: int, index: SentenceIndex) -> bool:
    return any(k != i and parse.tokens[k].dep in ("ccomp", "xcomp") and parse.tokens[k].pos in ("VERB", "AUX")
               for k in index.by_head.get(i, ()))


def _stems(lower: str) -> tuple[str, ...]:
    """Crude de-inflections for the lemmatizer's misses ("hoping" -> "hop" in en_core_web_sm)."""
    out: list[str] = []
    for suffix, repl in (("ing", "e"), ("ing", ""), ("ed", "e"), ("ed", ""), ("es", ""), ("s", "")):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            out.append(lower[: -len(suffix)] + repl)
    return tuple(out)


def sentence_cues(parse: Parse, lo: int, hi: int) -> dict[int, tuple[str, str]]:
    """token index -> (kind, status) for every epistemic cue among tokens ``[lo, hi)`` of one sentence.

    The news lexicon decides the status of words it lists; other words count only when the hedge
    decision list calls them cues in this context (so "May" the month or "can" of ability do not).
    The hedge list also vetoes a news-lexicon word it knows to be no cue here.
    """
    toks = parse.tokens
    index = SentenceIndex(toks, lo, hi)
    hedged = dict(hedge_cues(parse, lo, hi, index))
    out: dict[int, tuple[str, str]] = {}
    for i in range(lo, hi):
        t = toks[i]
        lex = lexical_cue(t.lemma, t.lower, t.pos)
        if lex is not None and lex[0] in _NEEDS_COMPLEMENT and t.pos == "VERB" \
                and not _clausal_complement(parse, i, index):
            lex = None  # "wished her a happy birthday" is no intention; "wants to", "hopes that" are
        if lex is not None:
            if lex[0] == "condition":
                if i not in hedged:
                    continue  # the decision list says this "if" is no conditional here ("as if")
                if hedged[i] == "investigation":  # "asked if" = "asked whether"
                    lex = ("investigation", "speculated")
            out[i] = lex
        elif t.lemma.lower() in _RAISING and _clausal_complement(parse, i, index):
            out[i] = ("hedge", "speculated")  # "it appears that ...", "seems to have left"
        elif i in hedged:
            kind = hedged[i]
            out[i] = (kind, HEDGE_STATUS.get(kind, "speculated"))
    return out
