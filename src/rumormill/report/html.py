"""The HTML article page: one self-contained static report, sharing its templates with the web app.

``render(ledger)`` returns a complete page (inline CSS, inline SVG, no scripts, no
external resources, a Content-Security-Policy that forbids scripts). ``article_context``
builds what the templates need, so the web app renders the same article page inside
its own layout. Jinja2 autoescaping is always on: the article is hostile input.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, StrictUndefined, Undefined
from markupsafe import Markup

from rumormill.records import Ledger, Source
from rumormill.report.highlight import KINDS, highlight, ledger_marks
from rumormill.report.svg import bar_chart, counts, ledger_timeline

STATUSES = ("asserted", "reported", "alleged", "rumoured", "suspected", "speculated", "denied",
            "hypothetical", "intended")
# Content-Security-Policy of every page: no scripts at all, nothing loaded from anywhere.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
_SUMMARY_KEYS = ("summary", "summary_line", "line", "one_line")


def make_env(*extra: BaseLoader, undefined: type[Undefined] = StrictUndefined) -> Environment:
    """A Jinja2 environment over ``extra`` loaders (first wins) and the report templates.

    Autoescaping is always on. The static report is strict about missing values (a bug);
    the web app passes a lenient ``undefined`` so that a field missing from a stored or
    story dict renders empty instead of failing the page.
    """
    env = Environment(
        loader=ChoiceLoader([*extra, PackageLoader("rumormill", "report/templates")]),
        autoescape=True,
        undefined=undefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["CSP"] = CSP
    return env


@cache
def _env() -> Environment:
    return make_env()


def render(ledger: Ledger) -> str:
    """A complete, self-contained HTML page for one ledger."""
    return _env().get_template("report.html").render(**article_context(ledger))


def published_text(ledger: Ledger) -> str:
    p = ledger.published
    reason = f": {p.reason}" if p.reason else ""
    if p.how == "unknown":
        return f"unknown ({p.reason})" if p.reason else "unknown"
    if p.value and p.how != "inferred":
        return f"{p.value} ({p.how}{reason})"
    return f"between {p.earliest} and {p.latest} ({p.how}{reason})"


def _source_kind(sources: dict[str, Source], sid: str | None) -> str:
    src = sources.get(sid) if sid else None
    return src.kind if src else "unattributed"


def _outlets(ledger: Ledger, sources: dict[str, Source]) -> list[str]:
    seen: list[str] = []
    for s in ledger.sources:
        for v in s.via:
            name = sources[v].label if v in sources else v
            if name not in seen:
                seen.append(name)
    extra = ledger.sourcing.get("outlets") or ledger.sourcing.get("relayed_through") or []
    if isinstance(extra, list | tuple):
        for item in extra:
            name = item if isinstance(item, str) else str(item.get("label", item)) if isinstance(item, dict) else str(item)
            if name not in seen and name not in sources:
                seen.append(name)
    return seen


def _summaries(ledger: Ledger) -> list[str]:
    """The one-line summaries in ``sourcing`` (``summary``, ``quote_summary``, ``claim_summary``…)."""
    out = []
    for key, value in ledger.sourcing.items():
        if (key in _SUMMARY_KEYS or key.endswith("_summary")) and isinstance(value, str) and value.strip():
            out.append(value)
    return out


def _sourcing_rows(sourcing: dict[str, Any]) -> list[tuple[str, str]]:
    """The flat figures of ``sourcing`` (numbers, strings and small dicts), for a plain table."""
    rows: list[tuple[str, str]] = []
    for key, value in sourcing.items():
        if key in _SUMMARY_KEYS or key.endswith("_summary"):
            continue
        if isinstance(value, bool | int | float | str):
            shown = f"{value:.0%}" if isinstance(value, float) and key.startswith("share") else str(value)
            rows.append((key.replace("_", " "), shown))
        elif isinstance(value, dict) and all(isinstance(v, int | float | str) for v in value.values()):
            rows.append((key.replace("_", " "), ", ".join(f"{k}: {v}" for k, v in value.items()) or "–"))
        elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            rows.append((key.replace("_", " "), ", ".join(value) or "–"))
    return rows


def article_context(ledger: Ledger) -> dict[str, Any]:
    """Everything the article templates show, computed from the ledger alone."""
    sources = {s.id: s for s in ledger.sources}
    claims_by_kind = counts(_source_kind(sources, c.source) for c in ledger.claims)
    claims_by_status = counts(c.status for c in ledger.claims)
    quotes_by_kind = counts(_source_kind(sources, q.source) for q in ledger.quotes)
    timeline_svg, bars, skipped = ledger_timeline(ledger)
    times = {t.id: t for t in ledger.times}
    claims = {c.id: c for c in ledger.claims}
    quotes_of: dict[str, list[str]] = {}
    for q in ledger.quotes:
        if q.source:
            quotes_of.setdefault(q.source, []).append(q.id)
    source_rows = [{
        "s": s,
        "via": [sources[v].label if v in sources else v for v in s.via],
        "quotes": quotes_of.get(s.id, []),
        "claims": sum(1 for c in ledger.claims if c.source == s.id),
        "mentions": [ledger.text[a:b] for a, b in s.spans],
    } for s in ledger.sources]
    claim_rows = [{
        "c": c,
        "kind": _source_kind(sources, c.source),
        "source": sources[c.source].label if c.source in sources else c.source,
        "chain": [(sources[link.source].label if link.source in sources else link.source, link.status)
                  for link in c.chain],
    } for c in ledger.claims]
    quote_rows = [{
        "q": q,
        "text": ledger.text[q.span[0]:q.span[1]],
        "kind": _source_kind(sources, q.source),
        "source": sources[q.source].label if q.source and q.source in sources else None,
    } for q in ledger.quotes]
    contradictions = [c for c in ledger.checks if c.status == "contradiction"]
    return {
        "ledger": ledger,
        "title": ledger.title or "(untitled article)",
        "published": published_text(ledger),
        "words": len(ledger.text.split()),
        "highlighted": highlight(ledger.text, ledger_marks(ledger)),
        "kinds": KINDS,
        "statuses": STATUSES,
        "summaries": _summaries(ledger),
        "sourcing_rows": _sourcing_rows(ledger.sourcing),
        "outlets": _outlets(ledger, sources),
        "chart_claims_kind": bar_chart("Claims by source kind", claims_by_kind, "k-") if ledger.claims else None,
        "chart_claims_status": bar_chart("Claims by status", claims_by_status, "st-") if ledger.claims else None,
        "chart_quotes_kind": bar_chart("Quotes by source kind", quotes_by_kind, "k-") if ledger.quotes else None,
        "timeline_svg": timeline_svg if bars or ledger.published.how != "unknown" else Markup(""),
        "timeline_bars": bars,
        "timeline_skipped": skipped,
        "timeline": ledger.timeline,
        "contradictions": contradictions,
        "check_rows": [{"c": chk, "evidence": evidence_text(ledger, chk.evidence)} for chk in ledger.checks],
        "source_rows": source_rows,
        "claim_rows": claim_rows,
        "quote_rows": quote_rows,
        "times": times,
        "claims_by_id": claims,
    }


def evidence_text(ledger: Ledger, ids: Sequence[str]) -> list[str]:
    """Evidence ids of a check as readable strings ("C3: …", "T2: August 2023")."""
    out = []
    for eid in ids:
        hit = next((f"{eid}: {c.text}" for c in ledger.claims if c.id == eid), None) or \
            next((f"{eid}: {t.text} ({t.value})" for t in ledger.times if t.id == eid), None)
        out.append(hit or eid)
    return out
