"""The claim figures added to the ledger's ``sourcing`` block, and its one-line summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from rumormill.records import Claim, Entity, Source

UNNAMED = ("anonymous", "group")


def _n(k: int, one: str, many: str | None = None) -> str:
    return f"{k} {one if k == 1 else (many or one + 's')}"


def sourcing(claims: Sequence[Claim], sources: Sequence[Source], entities: Sequence[Entity] = ()) -> dict[str, Any]:
    by_id = {s.id: s for s in sources}
    total = len(claims)

    def kind(c: Claim) -> str:
        src = by_id.get(c.source)
        return src.kind if src else "unknown"

    by_status = Counter(c.status for c in claims)
    by_kind = Counter(kind(c) for c in claims)
    unnamed = [c for c in claims if kind(c) in UNNAMED]
    share = round(len(unnamed) / total, 3) if total else 0.0
    return {
        "claims_total": total,
        "claims_by_status": dict(sorted(by_status.items())),
        "claims_by_source_kind": dict(sorted(by_kind.items())),
        "share_claims_anonymous_or_group": share,
        "summary": summary(claims, by_id),
    }


def summary(claims: Sequence[Claim], by_id: dict[str, Source]) -> str:
    total = len(claims)
    if not total:
        return "No claims found."

    def kind(c: Claim) -> str:
        src = by_id.get(c.source)
        return src.kind if src else "unknown"

    parts: list[str] = []
    unnamed = [c for c in claims if kind(c) in UNNAMED]
    if unnamed:
        ids = sorted({c.source for c in unnamed}, key=lambda s: (len(s), s))
        anon = [i for i in ids if by_id[i].kind == "anonymous"]
        groups = [i for i in ids if by_id[i].kind == "group"]
        who = " and ".join(x for x in (_n(len(anon), "anonymous source") if anon else "",
                                       _n(len(groups), "group source") if groups else "") if x)
        relays: list[str] = []
        for i in ids:
            for v in by_id[i].via:
                label = by_id[v].label if v in by_id else v
                if label not in relays:
                    relays.append(label)
        relayed = f" relayed through {' and '.join(relays)}" if relays else ""
        verb = "rests" if len(unnamed) == 1 else "rest"
        parts.append(f"{len(unnamed)} of {_n(total, 'claim')} {verb} on {who}{relayed}")
    elif total == 1:
        parts.append("the one claim does not rest on an anonymous or group source")
    else:
        parts.append(f"none of the {total} claims rests on an anonymous or group source")
    named = [c for c in claims if kind(c) in ("named", "outlet", "document")]
    if named:
        parts.append(f"{len(named)} on named people, outlets or documents")
    own = [c for c in claims if kind(c) == "author"]
    if own:
        tail = "is the article's own assertion" if len(own) == 1 else "are the article's own assertions"
        parts.append(f"{len(own)} {tail}")
    denied = [c for c in claims if c.status == "denied"]
    if denied:
        kinds = Counter("a named source" if kind(c) == "named" else f"an {kind(c)} source" if kind(c)[0] in "aeiou"
                        else f"a {kind(c)} source" for c in denied)
        parts.append(f"{len(denied)} {'is' if len(denied) == 1 else 'are'} denied "
                     f"(by {', '.join(k for k, _ in kinds.most_common())})")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."
