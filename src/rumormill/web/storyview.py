"""What the story page shows, computed from ``build_story``'s dict (``rumormill.story/1``)."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from rumormill.report.svg import Bar, period, timeline_chart


def verdict(g: dict[str, Any]) -> str:
    """'3 articles in 2 outlets, 1 independent origin: US Weekly's own report'."""
    n, o, k = int(g.get("articles", 0)), int(g.get("outlets", 0)), int(g.get("independent_origins", 0))
    out = f"{n} article{'s' * (n != 1)} in {o} outlet{'s' * (o != 1)}, {k} independent origin{'s' * (k != 1)}"
    origins = g.get("origins") or []
    if k == 1 and origins:
        out += f": {origins[0].get('description') or origins[0].get('origin')}"
    return out


def best_link(g: dict[str, Any]) -> dict[str, Any] | None:
    links = g.get("links") or []
    return max(links, key=lambda link: link.get("score", 0), default=None)


def story_timeline(story: dict[str, Any]) -> tuple[Markup, list[str]]:
    """The merged timeline of the story's articles as SVG, and the entries that could not be drawn."""
    bars: list[Bar] = []
    skipped: list[str] = []
    for e in story.get("timeline") or []:
        label = f"{e.get('outlet') or e.get('article_id')}: {e.get('label', '')}"
        start, end = period(e.get("earliest")), period(e.get("latest"), end=True)
        if start is None or end is None or end < start:
            skipped.append(label)
            continue
        bars.append(Bar(start, end, label, False, f" ({e.get('earliest')} – {e.get('latest')})", bound=e.get("bound")))
    bars.sort(key=lambda b: (b.start, b.end))
    return timeline_chart(bars, None), skipped


_GROUP_DEFAULTS: dict[str, Any] = {"id": "", "text": "", "articles": 0, "outlets": 0, "independent_origins": 0,
                                   "circular": False, "anonymous_only": False, "origins": [], "status_mix": {},
                                   "items": [], "links": [], "contradictions": []}
_ORIGIN_DEFAULTS: dict[str, Any] = {"origin": "", "description": None, "articles": [], "inferred": [],
                                    "earliest": None}
_SUMMARY_DEFAULTS = ("articles", "outlets", "groups", "shared_groups", "circular", "anonymous_only",
                     "contradictions")


def story_context(story: dict[str, Any]) -> dict[str, Any]:
    """The template's view of a story; keys the story format lacks get neutral defaults."""
    groups = []
    for raw in story.get("groups") or []:
        g = {**_GROUP_DEFAULTS, **raw}
        g["origins"] = [{**_ORIGIN_DEFAULTS, **o} for o in g["origins"]]
        groups.append({"g": g, "verdict": verdict(g), "best": best_link(g),
                       "shared": int(g.get("articles", 0)) > 1})
    svg, skipped = story_timeline(story)
    summary = {key: 0 for key in _SUMMARY_DEFAULTS} | dict(story.get("summary") or {})
    return {"summary": summary, "articles": story.get("articles") or [], "groups": groups,
            "contradictions": story.get("contradictions") or [], "timeline_svg": svg,
            "timeline_entries": story.get("timeline") or [], "timeline_skipped": skipped}
