"""The Markdown report's "Who is speaking" section: each source, its kind, its chain, its quotes."""

from __future__ import annotations

from rumormill.records import Ledger, Quote, Source

_MAX_QUOTE = 160


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_QUOTE else text[: _MAX_QUOTE - 1].rstrip() + "…"


def _chain(src: Source, by_id: dict[str, Source]) -> str:
    return " → ".join([src.label] + [by_id[v].label for v in src.via if v in by_id])


def _quote_line(ledger: Ledger, q: Quote) -> str:
    words = _clip(ledger.text[q.span[0] : q.span[1]])
    shown = f"“{words}”" if q.kind != "indirect" else words
    cue = f", cue “{q.cue}”" if q.cue else ""
    note = f" — _{q.note}_" if q.note else ""
    return f"  - {q.id} ({q.kind}{cue}): {shown}{note}"


def who_is_speaking(ledger: Ledger) -> list[str]:
    out = ["## Who is speaking", ""]
    summary = ledger.sourcing.get("quote_summary")
    if summary:
        out += [f"**{summary}**", ""]
    by_id = {s.id: s for s in ledger.sources}
    quotes_of: dict[str | None, list[Quote]] = {}
    for q in ledger.quotes:
        quotes_of.setdefault(q.source, []).append(q)
    if not ledger.sources:
        return [*out, "No sources found.", ""]
    out += ["| id | kind | source | chain | quotes | mentions |", "|---|---|---|---|---|---|"]
    for s in ledger.sources:
        chain = _chain(s, by_id) if s.via else "–"
        out.append(f"| {s.id} | {s.kind} | {s.label} | {chain} | {len(quotes_of.get(s.id, []))} | {len(s.spans)} |")
    out.append("")
    for s in ledger.sources:
        qs = quotes_of.get(s.id, [])
        if not qs and not s.ambiguous:
            continue
        via = f", relayed through {', '.join(by_id[v].label for v in s.via if v in by_id)}" if s.via else ""
        out.append(f"- **{s.id} · {s.label}** ({s.kind}{via})")
        out += [_quote_line(ledger, q) for q in qs]
        for a in s.ambiguous:
            out.append(f"  - ambiguous mention “{ledger.text[a.span[0]:a.span[1]]}” at {a.span[0]}: {a.reason}")
    orphans = quotes_of.get(None, [])
    if orphans:
        out.append("- **No source found**")
        out += [_quote_line(ledger, q) for q in orphans]
    for amb in ledger.sourcing.get("quote_ambiguities", []):
        out.append(f"- Quote marks: {amb['reason']}")
    out.append("")
    return out
