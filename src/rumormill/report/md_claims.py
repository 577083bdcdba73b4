"""Markdown "What is claimed" section: claims grouped by the source they rest on, with status and chain."""

from __future__ import annotations

from rumormill.records import Claim, Ledger, Source


def _who(src: Source | None, sid: str, by_id: dict[str, Source]) -> str:
    if src is None:
        return sid
    via = ", ".join(by_id[v].label if v in by_id else v for v in src.via)
    return f"{src.label} ({src.kind}{', via ' + via if via else ''})"


def _chain(c: Claim, by_id: dict[str, Source]) -> str:
    return " → ".join(f"{by_id[lk.source].label if lk.source in by_id else lk.source}: {lk.status}" for lk in c.chain)


def _clip(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def claims_section(ledger: Ledger) -> list[str]:
    out = ["## What is claimed", ""]
    if not ledger.claims:
        return [*out, "No claims found.", ""]
    summary = ledger.sourcing.get("summary")
    if summary:
        out += [f"**{summary}**", ""]
    by_id = {s.id: s for s in ledger.sources}
    order: list[str] = []
    for c in ledger.claims:
        if c.source not in order:
            order.append(c.source)
    # unnamed sources first: they are what the reader needs to weigh
    rank = {"anonymous": 0, "group": 1, "named": 2, "outlet": 3, "document": 4, "author": 5}
    first = {sid: k for k, sid in enumerate(order)}
    order.sort(key=lambda sid: (rank.get(by_id[sid].kind if sid in by_id else "", 6), first[sid]))
    for sid in order:
        group = [c for c in ledger.claims if c.source == sid]
        out.append(f"### {sid} · {_who(by_id.get(sid), sid, by_id)} — {len(group)} claim{'s' * (len(group) != 1)}")
        out.append("")
        for c in group:
            flags = [c.status]
            if c.negated:
                flags.append("negated")
            if not c.checkable:
                flags.append("not checkable")
            cues = ", ".join(f"“{q.text}” ({q.kind})" for q in c.cues)
            extra = f" · quote {c.quote}" if c.quote else ""
            out.append(f"- **{c.id}** *{', '.join(flags)}* — “{_clip(c.text)}”")
            out.append(f"  - chain: {_chain(c, by_id)}{extra}" + (f" · cues: {cues}" if cues else ""))
        out.append("")
    return out
