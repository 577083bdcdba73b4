"""The article's clean text as HTML with source mentions, quotes and claims highlighted.

Marks can nest and overlap (a claim that starts inside a quote and ends after it, a
source mention inside a quote). ``highlight`` cuts the text at every mark boundary
and emits properly nested elements: when a mark must close while a mark opened
after it is still open, the inner marks are closed and reopened as continuation
pieces. Every text piece and attribute value is escaped; only the element names and
class names written here are markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from rumormill.records import Ledger, Source

KINDS = ("anonymous", "group", "named", "outlet", "author", "document")
# Layer order: a lower layer is opened first when two marks start together and have the same end.
LAYERS = {"heading": 0, "claim": 1, "quote": 2, "mention": 3}


@dataclass(slots=True)
class Mark:
    """One highlighted span: ``tag`` with ``cls``; ``attrs`` and ``label``/``tip`` on its first piece."""

    start: int
    end: int
    layer: str
    cls: str
    attrs: dict[str, str] = field(default_factory=dict)
    label: str | None = None  # visible text label, shown at the start of the first piece
    tip: str | None = None  # tooltip (source, chain, status), shown on hover/focus of the first piece
    tip_id: str | None = None
    focusable: bool = False
    anchor: str | None = None  # element id of the first piece (a link target)
    order: int = 0

    def open_tag(self, first: bool) -> str:
        tag = "mark" if self.layer in ("quote", "mention") else "span"
        parts = [f'<{tag} class="{escape(self.cls)}{"" if first else " cont"}"']
        if first and self.anchor:
            parts.append(f' id="{escape(self.anchor)}"')
        for key, value in self.attrs.items():
            parts.append(f' {key}="{escape(value)}"')
        if first and self.focusable:
            parts.append(' tabindex="0"')
        if first and self.tip_id:
            parts.append(f' aria-describedby="{escape(self.tip_id)}"')
        out = "".join(parts) + ">"
        if first and self.label:
            out += f'<span class="lbl">{escape(self.label)}</span>'
        if first and self.tip and self.tip_id:
            out += f'<span class="tip" role="tooltip" id="{escape(self.tip_id)}">{escape(self.tip)}</span>'
        return out

    def close_tag(self) -> str:
        return "</mark>" if self.layer in ("quote", "mention") else "</span>"


def highlight(text: str, marks: list[Mark]) -> Markup:
    """Return ``text`` as escaped HTML with every mark as a (possibly split) element."""
    n = len(text)
    valid = [m for m in marks if 0 <= m.start < m.end <= n]
    for i, m in enumerate(valid):
        m.order = i
    starts: dict[int, list[Mark]] = {}
    ends: dict[int, list[Mark]] = {}
    for m in valid:
        starts.setdefault(m.start, []).append(m)
        ends.setdefault(m.end, []).append(m)
    cuts = sorted({0, n, *starts, *ends})
    out: list[str] = []
    stack: list[Mark] = []
    opened: set[int] = set()  # marks whose first piece has been written
    for i, pos in enumerate(cuts):
        closing = {id(m) for m in ends.get(pos, [])}
        if closing:
            # Close down to the deepest closing mark; reopen the survivors above it.
            deepest = min(idx for idx, m in enumerate(stack) if id(m) in closing)
            reopen = [m for m in stack[deepest:] if id(m) not in closing]
            for m in reversed(stack[deepest:]):
                out.append(m.close_tag())
            del stack[deepest:]
            for m in reopen:
                out.append(m.open_tag(first=False))
                stack.append(m)
        # Longest first, so later marks nest inside; then by layer, then by input order.
        for m in sorted(starts.get(pos, []), key=lambda m: (-m.end, LAYERS.get(m.layer, 9), m.order)):
            out.append(m.open_tag(first=id(m) not in opened))
            opened.add(id(m))
            stack.append(m)
        if i + 1 < len(cuts):
            out.append(str(escape(text[pos:cuts[i + 1]])))
    for m in reversed(stack):  # only zero-width leftovers; valid marks all closed at their end
        out.append(m.close_tag())
    return Markup("".join(out))


def ledger_marks(ledger: Ledger) -> list[Mark]:
    """The marks of a ledger: headings, claims (by status), quotes and mentions (by source kind)."""
    sources = {s.id: s for s in ledger.sources}
    marks: list[Mark] = []
    for h in ledger.headings:
        marks.append(Mark(h.span[0], h.span[1], "heading", "heading"))
    for c in ledger.claims:
        src = sources.get(c.source)
        who = f"{src.label} ({src.kind})" if src else c.source
        chain = " → ".join(f"{_src_name(sources, link.source)}: {link.status}" for link in c.chain)
        marks.append(Mark(
            c.span[0], c.span[1], "claim", f"claim st-{_token(c.status)}",
            attrs={"data-claim": c.id, "data-status": c.status,
                   "title": f"{c.id} {c.status} · rests on {who}" + (f" · chain: {chain}" if chain else "")},
            label=c.status, anchor=f"item-{c.id}",
        ))
    for q in ledger.quotes:
        src = sources.get(q.source) if q.source else None
        kind = src.kind if src else "unattributed"
        via = " → ".join(_src_name(sources, v) for v in src.via) if src and src.via else ""
        status = _quote_status(ledger, q.id)
        tip_parts = [f"{q.id} {q.kind} quote",
                     f"source: {src.label} ({src.kind})" if src else f"source: none ({q.note or 'not found'})"]
        if via:
            tip_parts.append(f"chain: {src.label if src else '?'} → {via}")
        if q.cue:
            tip_parts.append(f"cue: {q.cue}")
        if status:
            tip_parts.append(f"status: {status}")
        if q.note and src is not None:
            tip_parts.append(f"note: {q.note}")
        marks.append(Mark(
            q.span[0], q.span[1], "quote", f"quote k-{_token(kind)}",
            attrs={"data-quote": q.id, "data-kind": kind, "data-source": q.source or ""},
            label=f"{kind} quote", tip=" · ".join(tip_parts), tip_id=f"tip-{q.id}", focusable=True,
            anchor=f"item-{q.id}",
        ))
    for s in ledger.sources:
        for start, end in s.spans:
            marks.append(Mark(
                start, end, "mention", f"mention k-{_token(s.kind)}",
                attrs={"data-source": s.id, "data-kind": s.kind, "title": f"{s.id} {s.label} ({s.kind})"},
                label=s.kind,
            ))
    return marks


def _src_name(sources: dict[str, Source], sid: str) -> str:
    src = sources.get(sid)
    return src.label if src else sid


def _quote_status(ledger: Ledger, quote_id: str) -> str:
    statuses = sorted({c.status for c in ledger.claims if c.quote == quote_id})
    return ", ".join(statuses)


def _token(value: str) -> str:
    """A class-name-safe token (values come from the ledger, which may come from anywhere)."""
    return "".join(ch if ch.isalnum() or ch == "-" else "_" for ch in value.lower())[:40] or "none"
