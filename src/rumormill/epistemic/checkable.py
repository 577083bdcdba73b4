"""Is a claim checkable? A fact-checker could look it up, as opposed to opinion or scene-setting."""

from __future__ import annotations

import bisect

from rumormill.epistemic.clauses import Unit
from rumormill.epistemic.tree import offsets
from rumormill.nlp.parse import Parse

_EVALUATIVE = {"be", "become", "seem", "look", "sound", "feel", "appear", "remain", "get"}
_ANCHOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "DATE", "NORP", "FAC", "LOC", "WORK_OF_ART", "EVENT", "CARDINAL",
                            "TIME"})
_ANCHOR_PRONOUNS = {"he", "she", "they", "him", "her", "them", "his", "hers", "their", "we", "i"}


def checkable(unit: Unit, parse: Parse, anchored: bool = False) -> bool:
    """Does the clause assert something a fact-checker could look up?

    Not checkable: hypotheticals and intentions; evaluations (a copula or perception verb with an
    adjective and no noun or object: "she's incredibly smart", "it became pretty apparent"); clauses
    with no anchor (no named entity, number, date or personal pronoun: "You lose him how you get
    him"); imperatives. Everything else that names who or when is checkable. ``anchored``: the
    claim already holds a ledger entity or time (an epithet such as "the actress" counts).
    """
    toks = parse.tokens
    if any(st in ("hypothetical", "intended") or k == "question" for _i, k, st in unit.cues):
        return False
    head = toks[unit.head]
    sent = parse.sents[unit.sent]
    kids = [t for t in toks[sent.tok_start : sent.tok_end] if t.head == unit.head and t.i != unit.head]
    deps = {k.dep for k in kids}
    if head.lemma.lower() in _EVALUATIVE and "acomp" in deps and not deps & {"attr", "dobj"}:
        return False
    if head.tag == "VB" and not deps & {"nsubj", "nsubjpass", "aux", "auxpass"} and head.dep == "ROOT":
        return False
    s, e = unit.span
    if anchored:
        return True
    off = offsets(parse)
    k = bisect.bisect_left(off.ent_starts, s)
    while k < len(off.ents) and off.ents[k].start <= e:  # an entity inside [s, e) starts there
        x = off.ents[k]
        if x.end <= e and x.label in _ANCHOR_LABELS:
            return True
        k += 1
    return any(toks[i].tag in ("CD", "NNP", "NNPS")
               or (toks[i].lower in _ANCHOR_PRONOUNS and toks[i].dep in ("nsubj", "nsubjpass")) for i in unit.tokens)
