"""The story as Markdown: claim groups by how many articles carry them, origins, contradictions, timeline."""

from __future__ import annotations

from typing import Any

_BOUND_WORDS = {"range": "range", "before": "open start", "after": "open end", "ongoing": "ongoing at publication"}


def _clip(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _verdict(g: dict[str, Any]) -> str:
    n, o, k = g["articles"], g["outlets"], g["independent_origins"]
    head = f"{n} article{'s' * (n != 1)} in {o} outlet{'s' * (o != 1)}, {k} independent origin{'s' * (k != 1)}"
    if k == 1:
        head += ": " + g["origins"][0]["description"]
    if g["circular"]:
        head += " — **circular reporting** (many articles, one origin)"
    elif n > 1 and k > 1:
        head += " — independently corroborated"
    if g["anonymous_only"]:
        head += " — rests only on anonymous sources"
    return head


def _contradiction(c: dict[str, Any]) -> list[str]:
    return [f"- **{c['kind']}**: {c['detail']}",
            f"  - {c['a_outlet']} (`{c['a_article']}` {c['a_item']} [{c['a_start']}, {c['a_end']})): "
            f"“{_clip(c['a_text'])}”",
            f"  - {c['b_outlet']} (`{c['b_article']}` {c['b_item']} [{c['b_start']}, {c['b_end']})): "
            f"“{_clip(c['b_text'])}”"]


def render_markdown(story: dict[str, Any]) -> str:
    s = story["summary"]
    what = f"entity “{story['entity']}”" if story.get("entity") else f"query “{story.get('query')}”"
    out = [f"# Story: {what}", ""]
    if not s["articles"]:
        return "\n".join([*out, "No stored article matches.", ""])
    out.append(f"{s['articles']} articles from {s['outlets']} outlets; {s['groups']} claim groups, "
               f"{s['shared_groups']} carried by more than one article ({s['circular']} circular, "
               f"{s['anonymous_only']} resting only on anonymous sources); {s['contradictions']} contradictions.")
    out += ["", "## Articles", "", "| published | outlet | title | id |", "|---|---|---|---|"]
    for a in story["articles"]:
        out.append(f"| {a['published'] or 'unknown'} | {a['outlet']} | {_clip(a['title'] or '(untitled)', 80)} "
                   f"| `{a['id']}` |")
    out += ["", "## Claims, by how many articles carry them", ""]
    if s.get("groups_shown", 0) < s["groups"]:
        out += [f"(showing {s['groups_shown']} of {s['groups']} groups)", ""]
    for n, g in enumerate(story["groups"], 1):
        out += [f"### {n}. “{_clip(g['text'])}”", "", f"- {_verdict(g)}"]
        out.append("- Status: " + ", ".join(f"{k} {v}" for k, v in g["status_mix"].items()))
        if g["independent_origins"] > 1 or any(o["inferred"] for o in g["origins"]):
            for o in g["origins"]:
                first = o["earliest"]
                when = f", earliest {first['outlet']} ({first['published']})" if first else ""
                out.append(f"- Origin: {o['description']} — {len(o['articles'])} article(s){when}")
                for inf in o["inferred"]:
                    out.append(f"  - inferred: {inf['reason']}")
        if g["articles"] > 1:
            quoted = {i["article_id"] for i in g["items"] if i["kind"] == "quote"}
            for i in g["items"]:
                if i["kind"] == "claim" and i["article_id"] in quoted:
                    continue  # the claims taken from a quote are shown through the quote
                who = i["source_label"] or i["source_kind"] or "the article"
                out.append(f"  - {i['outlet']} ({i['published'] or 'date unknown'}), {i['kind']} {i['item_id']} "
                           f"from {who}: “{_clip(i['text'], 120)}”")
            best = max(g["links"], key=lambda link: link["score"], default=None)
            if best:
                ev = best["evidence"]
                out.append(f"- Link evidence (best): score {best['score']:.2f}, lexical {ev['lexical']:.2f}, "
                           f"MinHash {ev['minhash_jaccard']:.2f}, entities {ev['entity_agreement']:.2f}")
        for c in g["contradictions"]:
            out += _contradiction(c)
        out.append("")
    out += ["## Contradictions between articles", ""]
    out += [line for c in story["contradictions"] for line in _contradiction(c)] or ["None found."]
    out += ["", "## Timeline", ""]
    if story["timeline"]:
        for e in story["timeline"]:
            when = e["earliest"] if e["earliest"] == e["latest"] else f"{e['earliest']} – {e['latest']}"
            how = _BOUND_WORDS.get(e.get("bound") or "")
            out.append(f"- {when}{f' ({how})' if how else ''}: {_clip(e['label'], 120)} ({e['outlet']})")
    else:
        out.append("No dated events in these articles.")
    out.append("")
    return "\n".join(out)
