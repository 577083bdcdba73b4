"""``build_story``: the claim groups of a story, with origins, independence and contradictions.

A story is selected by an entity name (articles naming that person/organisation, by
normalised name or alias) or by a text query (claims/quotes whose words match, SQLite
FTS5). Each claim group that any selected item belongs to is reported whole, also
with items from articles outside the selection: they carry the same claim.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from rumormill.errors import StoreError
from rumormill.store.queries import Store, _fts_query
from rumormill.story.matching import norm_name
from rumormill.story.origins import describe_origin, group_origins

SCHEMA = "rumormill.story/1"
MAX_ARTICLES = 500


def _seed(store: Store, entity: str | None, query: str | None) -> tuple[list[str], list[int]]:
    """(article ids, item rowids) the story starts from."""
    if entity:
        norm = norm_name(entity)
        rows = store.query("SELECT DISTINCT article_id FROM entity_names WHERE norm = ? LIMIT ?", (norm, MAX_ARTICLES))
        if not rows:  # "Jolie" for "Angelina Jolie": a whole-word part of a stored name
            rows = store.query(
                "SELECT DISTINCT article_id FROM entity_names WHERE norm LIKE ? OR norm LIKE ? OR norm LIKE ? LIMIT ?",
                (f"{norm} %", f"% {norm}", f"% {norm} %", MAX_ARTICLES))
        ids = [r["article_id"] for r in rows]
        qm = ",".join("?" * len(ids)) or "NULL"
        items = [r["rowid"] for r in store.query(f"SELECT rowid FROM items WHERE article_id IN ({qm})", tuple(ids))]
        return ids, items
    if query:
        rows = store.query("SELECT i.rowid, i.article_id FROM items i WHERE i.rowid IN"
                           " (SELECT rowid FROM items_fts WHERE items_fts MATCH ?) LIMIT 5000", (_fts_query(query),))
        return sorted({r["article_id"] for r in rows})[:MAX_ARTICLES], [r["rowid"] for r in rows]
    raise StoreError("give an entity or a query")


def build_story(store: Store, entity: str | None = None, query: str | None = None,
                limit: int = 50) -> dict[str, Any]:
    """The story as a JSON-ready dict (``schema: rumormill.story/1``); see docs/store.md."""
    article_ids, seed_items = _seed(store, entity, query)
    story: dict[str, Any] = {"schema": SCHEMA, "entity": entity, "query": query}
    if not article_ids:
        return {**story, "articles": [], "groups": [], "contradictions": [], "timeline": [],
                "summary": {"articles": 0, "outlets": 0, "groups": 0, "shared_groups": 0, "circular": 0,
                            "anonymous_only": 0, "contradictions": 0}}
    qm = ",".join("?" * len(seed_items)) or "NULL"
    group_ids = [r["group_id"] for r in store.query(
        f"SELECT DISTINCT group_id FROM items WHERE rowid IN ({qm})", tuple(seed_items))]
    gq = ",".join("?" * len(group_ids)) or "NULL"
    rows = store.query(
        "SELECT i.rowid, i.article_id, i.item_id, i.kind, i.span_start, i.span_end, i.text, i.source_id,"
        " i.source_kind, i.source_label, i.origin, i.origin_via, i.status, i.negated, i.group_id,"
        " a.outlet, a.title, coalesce(a.published, a.published_earliest) AS published"
        f" FROM items i JOIN articles a ON a.id = i.article_id WHERE i.group_id IN ({gq})", tuple(group_ids))
    by_group: dict[int, list[dict[str, Any]]] = {}
    for r in rows:
        by_group.setdefault(r["group_id"], []).append(dict(r))
    all_articles = set(article_ids) | {r["article_id"] for r in rows}
    contras = store.contradictions(sorted(all_articles))
    by_item: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for c in contras:
        by_item.setdefault((c["a_article"], c["a_item"]), []).append(c)
        by_item.setdefault((c["b_article"], c["b_item"]), []).append(c)
    groups = [_group(store, gid, items, by_item) for gid, items in by_group.items()]
    groups.sort(key=lambda g: (-g["articles"], -len(g["items"]), g["items"][0]["published"] or "9999",
                               g["id"]))
    shown = groups[:limit]
    arts = store.query(
        "SELECT id, title, outlet, outlet_how, coalesce(published, published_earliest) AS published, published_how"
        f" FROM articles WHERE id IN ({','.join('?' * len(all_articles))})", tuple(sorted(all_articles)))
    articles = sorted((dict(a) for a in arts), key=lambda a: (a["published"] or "9999", a["id"]))
    story.update({
        "articles": articles,
        "groups": shown,
        "contradictions": contras,
        "timeline": _timeline(store, [a["id"] for a in articles][:MAX_ARTICLES]),
        "summary": {
            "articles": len(articles),
            "outlets": len({a["outlet"] for a in articles}),
            "groups": len(groups),
            "groups_shown": len(shown),
            "shared_groups": sum(1 for g in groups if g["articles"] > 1),
            "circular": sum(1 for g in groups if g["circular"]),
            "anonymous_only": sum(1 for g in groups if g["anonymous_only"] and g["articles"] > 1),
            "contradictions": len(contras),
        },
    })
    return story


def _group(store: Store, gid: int, items: list[dict[str, Any]],
           by_item: dict[tuple[str, str], list[dict[str, Any]]]) -> dict[str, Any]:
    items.sort(key=lambda i: (i["published"] or "9999", i["rowid"]))
    members = [i["rowid"] for i in items]
    qm = ",".join("?" * len(members))
    links = [{"a": r["a"], "b": r["b"], "score": r["score"], "evidence": json.loads(r["evidence"])}
             for r in store.query(f"SELECT a, b, score, evidence FROM links WHERE a IN ({qm}) AND b IN ({qm})",
                                  (*members, *members))]
    origins = group_origins(items)
    for o in origins["origins"]:
        o["description"] = describe_origin(o["origin"])
    status = Counter(("quoted" if i["kind"] == "quote" else i["status"] or "unknown")
                     + (" (negated)" if i["negated"] else "") for i in items)
    seen: set[int] = set()
    contradictions = []
    for i in items:
        for c in by_item.get((i["article_id"], i["item_id"]), []):
            if c["rowid"] not in seen:
                seen.add(c["rowid"])
                contradictions.append(c)
    rep = next((i for i in items if i["kind"] == "quote"), items[0])
    return {
        "id": gid,
        "text": rep["text"],
        **{k: origins[k] for k in ("articles", "outlets", "independent_origins", "circular", "anonymous_only")},
        "origins": origins["origins"],
        "status_mix": dict(status.most_common()),
        "items": [{"rowid": i["rowid"], "article_id": i["article_id"], "item_id": i["item_id"], "kind": i["kind"],
                   "span": [i["span_start"], i["span_end"]], "text": i["text"], "outlet": i["outlet"],
                   "published": i["published"], "source": i["source_id"], "source_kind": i["source_kind"],
                   "source_label": i["source_label"], "status": i["status"], "negated": bool(i["negated"])}
                  for i in items],
        "links": links,
        "contradictions": contradictions,
    }


def _timeline(store: Store, article_ids: list[str]) -> list[dict[str, Any]]:
    """The dated entries of every article's own timeline, merged and ordered."""
    out: list[dict[str, Any]] = []
    for aid in article_ids:
        row = store.query("SELECT outlet, json_extract(ledger, '$.timeline') AS tl FROM articles WHERE id = ?",
                          (aid,))
        if not row or not row[0]["tl"]:
            continue
        for entry in json.loads(row[0]["tl"]):
            out.append({**entry, "article_id": aid, "outlet": row[0]["outlet"]})
    out.sort(key=lambda e: (e.get("earliest") or "", e.get("latest") or "", e["article_id"]))
    return out
