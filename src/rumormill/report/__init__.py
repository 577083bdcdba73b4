"""Ledger renderers: json, markdown, html."""

from __future__ import annotations

from rumormill.records import Ledger


def render(ledger: Ledger, fmt: str) -> str:
    """Render a ledger as ``json``, ``markdown`` or ``html``."""
    if fmt == "json":
        from rumormill.report import json as json_report

        return json_report.render(ledger)
    if fmt == "markdown":
        from rumormill.report import markdown

        return markdown.render(ledger)
    if fmt == "html":
        from rumormill.report import html

        return html.render(ledger)
    raise ValueError(f"unknown format {fmt!r}")
