"""The readable Markdown report of one ledger: an ordered list of section renderers."""

from __future__ import annotations

from collections.abc import Callable

from rumormill.records import Ledger
from rumormill.report.md_claims import claims_section
from rumormill.report.md_sources import who_is_speaking


def _header(ledger: Ledger) -> list[str]:
    p = ledger.published
    out = [f"# {ledger.title or '(untitled article)'}", ""]
    if p.how == "unknown":
        date = f"unknown ({p.reason})" if p.reason else "unknown"
    elif p.value and p.how != "inferred":
        date = f"{p.value} ({p.how}{': ' + p.reason if p.reason else ''})"
    else:
        date = f"between {p.earliest} and {p.latest} ({p.how}{': ' + p.reason if p.reason else ''})"
    out.append(f"- **Published:** {date}")
    if ledger.publisher or ledger.author:
        out.append(f"- **By:** {' · '.join(x for x in (ledger.author, ledger.publisher) if x)}")
    out.append(f"- **Ledger id:** `{ledger.id}` · {len(ledger.text.split())} words · "
               f"stages: {', '.join(f'{s.name} ({s.version})' for s in ledger.stages) or 'none'}")
    for w in ledger.warnings:
        out.append(f"- **Warning:** {w}")
    if ledger.headings:
        out.append(f"- **Sections:** {' · '.join(h.text for h in ledger.headings)}")
    out.append("")
    return out


def _residue(ledger: Ledger) -> list[str]:
    out = ["## Removed from the text", ""]
    if not ledger.removed and not ledger.embeds:
        return [*out, "Nothing was removed.", ""]
    for r in ledger.removed:
        out.append(f"- `{r.text}` — {r.reason}")
    for e in ledger.embeds:
        who = e.author or (f"@{e.handle}" if e.handle else "unknown account")
        cap = f": “{e.caption}”" if e.caption else " (no caption)"
        out.append(f"- Embedded {e.platform} post by {who}{cap}")
    out.append("")
    return out


def _entities(ledger: Ledger) -> list[str]:
    out = ["## Who and what is named", ""]
    if not ledger.entities:
        return [*out, "No entities found.", ""]
    out += ["| id | name | type | also called | facts | mentions |", "|---|---|---|---|---|---|"]
    for e in ledger.entities:
        aliases = ", ".join(a for a in e.aliases if a != e.name) or "–"
        facts = ", ".join(f"{f.kind} {f.value}" for f in e.facts) or "–"
        out.append(f"| {e.id} | {e.name} | {e.type} | {aliases} | {facts} | {len(e.spans)} |")
    out.append("")
    return out


def _when(ledger: Ledger) -> list[str]:
    from rumormill.report.md_time import section

    return section(ledger)


SECTIONS: list[Callable[[Ledger], list[str]]] = [_header, _residue, _entities, who_is_speaking, claims_section, _when]


def render(ledger: Ledger) -> str:
    lines: list[str] = []
    for section in SECTIONS:
        lines += section(ledger)
    return "\n".join(lines).rstrip() + "\n"
