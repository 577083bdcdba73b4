"""The Markdown report's "When" section: publication date, timeline, checks, unresolved times."""

from __future__ import annotations

import datetime as dt

from rumormill.records import Ledger, TimelineEntry
from rumormill.timex.bounds import day_text, period_text

_STATUS = {"contradiction": "✗ contradiction", "consistent": "✓ consistent", "unverifiable": "? unverifiable"}


def _span(earliest: str, latest: str) -> str:
    if earliest == latest:
        return earliest
    if earliest[:4] == latest[:4] and earliest[5:] == "01-01" and latest[5:] == "12-31":
        return earliest[:4]
    if earliest[:7] == latest[:7] and earliest[8:] == "01" and latest[8:] in ("28", "29", "30", "31"):
        return earliest[:7]
    return f"{earliest} – {latest}"


_OPEN = {"before": "open start", "after": "open end", "ongoing": "ongoing at publication"}
_IMPLIED = {"before": "end bound; starts at publication", "after": "start bound; by publication"}


def _when(e: TimelineEntry) -> str:
    """The entry's interval in words; ranges and open bounds say so (with an arrow), not by layout alone."""
    bound = getattr(e, "bound", None)
    try:
        lo, hi = dt.date.fromisoformat(e.earliest), dt.date.fromisoformat(e.latest)
    except ValueError:
        return _span(e.earliest, e.latest)
    if bound == "range":
        return f"{period_text(e.earliest, e.latest)} (range)"
    if bound == "before":
        if lo == hi:
            return f"← … – {day_text(hi, True)} ({_OPEN[bound]})"
        return f"{day_text(lo, False)} – {day_text(hi, True)} ({_IMPLIED[bound]})"
    if bound == "ongoing" or (bound == "after" and lo == hi):
        end = "…" if lo == hi else day_text(hi, True)
        return f"{day_text(lo, False)} – {end} → ({_OPEN[bound]})"
    if bound == "after":
        return f"{day_text(lo, False)} – {day_text(hi, True)} ({_IMPLIED[bound]})"
    return _span(e.earliest, e.latest)


def section(ledger: Ledger) -> list[str]:
    out = ["## When", ""]
    p = ledger.published
    if p.how == "unknown":
        out.append(f"Publication date unknown{': ' + p.reason if p.reason else ''}; relative dates stay unresolved.")
    elif p.how == "inferred":
        out.append(f"Publication date inferred: between {p.earliest} and {p.latest}"
                   f"{' (best guess ' + p.value + ')' if p.value else ''} — {p.reason}.")
    else:
        out.append(f"Publication date {p.value} ({p.how}{': ' + p.reason if p.reason else ''}).")
    out.append("")
    if ledger.timeline:
        out += ["| when | times | claims | what |", "|---|---|---|---|"]
        for e in ledger.timeline:
            label = e.label.replace("|", "\\|")
            out.append(f"| {_when(e)} | {', '.join(e.times)} | {', '.join(e.claims) or '–'} "
                       f"| {label} |")
        out.append("")
    else:
        out += ["No dated events to place on a timeline.", ""]
    if ledger.checks:
        out.append("**Checks**")
        out.append("")
        for c in ledger.checks:
            out.append(f"- {_STATUS.get(c.status, c.status)} ({c.kind}): {c.detail} "
                       f"[{', '.join(c.evidence) or 'no ids'}]")
        out.append("")
    placed = {tid for e in ledger.timeline for tid in e.times}
    other = [t for t in ledger.times if t.type in ("DURATION", "SET") or t.value.startswith(("X", "P", "F"))
             or (t.mod in ("BEFORE", "AFTER") and t.id not in placed)]
    if other:
        out.append("**Other time expressions:** " + "; ".join(
            f"{t.id} “{t.text}” = {t.value}{' ' + t.mod if t.mod else ''}{' (vague)' if t.vague else ''}"
            f"{' (unresolved)' if t.value.startswith('X') else ''}" for t in other))
        out.append("")
    return out
