"""Incremental cross-article matching inside the store (runs in the writer's transaction).

``index_article`` turns an article's claims and quotes into ``items`` rows, writes
their blocking keys, fetches candidates *only* through those keys (LSH bands and
shared entities, newest first, capped per key so a very common entity cannot make
the cost grow with the store), scores them (``rumormill.story.matching``), writes
``links`` with score and evidence, merges claim groups, and records cross-article
contradictions (``rumormill.story.contradictions``).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import Any

from rumormill.records import Ledger
from rumormill.story import contradictions as contra
from rumormill.story import matching
from rumormill.story.origins import item_origin

BAND_CAP = 50  # newest items fetched per LSH band / exact-words key
ENTITY_CAP = 100  # newest items fetched per entity key
BLOCK_TYPES = ("PERSON", "WORK")  # entity types items are filed under (places and organisations are too common)
MAX_DAYS_APART = 730  # articles published further apart than this are never matched (when both dates known)
CONTEXT_CHARS = 300


def _entities_near(ledger: Ledger, start: int, end: int, margin: int = 0,
                   types: tuple[str, ...] | None = None) -> list[str]:
    out = []
    for e in ledger.entities:
        if e.type == "OUTLET" or (types is not None and e.type not in types):
            continue
        if any(s < end + margin and t > start - margin for s, t in e.spans):
            out.append(matching.norm_name(e.name))
    return out


def _times_in(ledger: Ledger, ids: tuple[str, ...], start: int, end: int) -> list[dict[str, Any]]:
    chosen = [t for t in ledger.times if t.id in ids] if ids else [
        t for t in ledger.times if t.span[0] >= start and t.span[1] <= end]
    return [{"id": t.id, "type": t.type, "value": t.value, "mod": t.mod, "vague": t.vague,
             "span": list(t.span), "text": t.text} for t in chosen]


def _items(ledger: Ledger) -> list[dict[str, Any]]:
    ents_by_id = {e.id: e for e in ledger.entities}
    out: list[dict[str, Any]] = []
    for c in ledger.claims:
        ents = [matching.norm_name(ents_by_id[i].name) for i in c.entities
                if i in ents_by_id and ents_by_id[i].type != "OUTLET"] or _entities_near(ledger, *c.span)
        block = [matching.norm_name(ents_by_id[i].name) for i in c.entities
                 if i in ents_by_id and ents_by_id[i].type in BLOCK_TYPES]
        out.append({"item_id": c.id, "kind": "claim", "span": c.span, "text": c.text, "source": c.source,
                    "status": c.status, "negated": c.negated, "ents": ents, "quote": c.quote,
                    "times": _times_in(ledger, c.times, *c.span),
                    "ctx": block or _entities_near(ledger, *c.span, margin=CONTEXT_CHARS, types=BLOCK_TYPES)})
    for q in ledger.quotes:
        text = ledger.text[q.span[0]:q.span[1]]
        ents = _entities_near(ledger, *q.span)
        out.append({"item_id": q.id, "kind": "quote", "span": q.span, "text": text, "source": q.source,
                    "status": None, "negated": False, "ents": ents,
                    "times": _times_in(ledger, (), *q.span),
                    "ctx": _entities_near(ledger, *q.span, types=BLOCK_TYPES)
                    or _entities_near(ledger, *q.span, margin=CONTEXT_CHARS, types=BLOCK_TYPES)})
    return out


def index_article(conn: sqlite3.Connection, ledger: Ledger, outlet: str) -> dict[str, int]:
    """Index one stored article's items and link them to earlier articles. Returns counts."""
    pub = _pub_day(conn, ledger.id)
    new: list[tuple[int, dict[str, Any], matching.Features]] = []
    rowids: dict[str, int] = {}
    from_quote: list[tuple[str, str]] = []
    for it in _items(ledger):
        f = matching.features(it["text"], it["ents"], it["times"])
        f.info["status"] = it["status"]
        f.info["negated"] = it["negated"]
        f.info["quote"] = it.get("quote")
        block_ents = sorted(set(it["ctx"]))
        k = matching.blocking_keys(f, block_ents)
        origin = item_origin(ledger, it["source"], outlet)
        cur = conn.execute(
            "INSERT INTO items(article_id, item_id, kind, span_start, span_end, text, source_id, source_kind,"
            " source_label, origin, origin_via, status, negated, group_id, minhash, keys, info, words, ents, ctx,"
            " pub_day) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,0,?,?,?,?,?,?,?)",
            (ledger.id, it["item_id"], it["kind"], it["span"][0], it["span"][1], it["text"], it["source"],
             origin.source_kind, origin.source_label, origin.key, origin.via, it["status"], int(it["negated"]),
             f.sig.tobytes() if f.sig is not None else None, json.dumps(k), json.dumps(f.info),
             " ".join(f.words), "|".join(f.entities), "|".join(block_ents), pub),
        )
        rowid = int(cur.lastrowid or 0)
        rowids[it["item_id"]] = rowid
        if it.get("quote"):
            from_quote.append((it["item_id"], it["quote"]))
        conn.execute("UPDATE items SET group_id = rowid WHERE rowid = ?", (rowid,))
        conn.executemany("INSERT OR IGNORE INTO item_keys(key, item) VALUES (?, ?)", [(x, rowid) for x in k])
        if f.sig is not None:
            new.append((rowid, {**it, "block_ents": block_ents}, f))
    for claim_id, quote_id in from_quote:  # a claim taken from a quote is in the quote's group
        if quote_id in rowids:
            _merge_groups(conn, rowids[quote_id], rowids[claim_id])
    if not new:
        return {"items": 0, "links": 0, "contradictions": contra.age_contradictions(conn, ledger)}
    first_new = min(r for r, _, _ in new)
    links = found = 0
    for rowid, it, f in new:
        assert f.sig is not None
        cands = _candidates(conn, f, it["block_ents"], first_new)
        if not cands:
            continue
        qmarks = ",".join("?" * len(cands))
        rows = conn.execute(
            "SELECT rowid, article_id, item_id, span_start, span_end, text, minhash, words, ents, ctx, pub_day"
            f" FROM items WHERE rowid IN ({qmarks})", tuple(cands)).fetchall()
        words = " ".join(f.words)
        short = len(f.words) < matching.MIN_FREE_TOKENS
        mine = set(it["block_ents"])
        if pub is not None:
            rows = [r for r in rows if r[10] is None or abs(pub - r[10]) <= MAX_DAYS_APART]
        if short:  # a short phrase matches only within the same people's story (a person in common)
            rows = [r for r in rows if mine.intersection(r[9].split("|"))]
        scored = matching.score_many(words, f.sig, f.entities,
                                     [(r[7], r[6], r[8]) for r in rows])
        for row, (s, ev) in zip(rows, scored, strict=True):
            if s < matching.LINK_THRESHOLD:
                continue
            other_info = json.loads(conn.execute("SELECT info FROM items WHERE rowid = ?", (row[0],)).fetchone()[0])
            ev["numbers"] = matching.number_agreement(other_info["nums"], f.info["nums"])
            ev["blocked_by"] = cands[row[0]]
            conn.execute("INSERT OR REPLACE INTO links(a, b, score, evidence) VALUES (?,?,?,?)",
                         (row[0], rowid, s, json.dumps(ev)))
            _merge_groups(conn, row[0], rowid)
            links += 1
            a = {"article_id": row[1], "item_id": row[2], "span": (row[3], row[4]), "text": row[5],
                 "info": other_info}
            b = {"article_id": ledger.id, "item_id": it["item_id"], "span": it["span"], "text": f.text,
                 "info": f.info}
            found += contra.pair_contradictions(conn, a, b, s)
    found += contra.age_contradictions(conn, ledger)
    return {"items": len(new), "links": links, "contradictions": found}


def _by_keys(conn: sqlite3.Connection, keys: list[int], before: int, cap: int) -> list[tuple[int, int]]:
    """(key index, item) for the newest ``cap`` items (older than ``before``) under each key, in one query."""
    sub = " UNION ALL ".join(
        f"SELECT * FROM (SELECT {n} AS k, item FROM item_keys WHERE key = ? AND item < ? ORDER BY item DESC LIMIT ?)"
        for n in range(len(keys)))
    params: list[int] = []
    for key in keys:
        params += [key, before, cap]
    return [(int(k), int(i)) for k, i in conn.execute(sub, params)]


def _candidates(conn: sqlite3.Connection, f: matching.Features, ents: list[str],
                before: int) -> dict[int, list[str]]:
    """Items (older than ``before``) with the same words, sharing an LSH band, or enough entities; value = why."""
    found: dict[int, list[str]] = {}
    if f.sig is None:
        return found
    long_enough = len(f.words) >= matching.MIN_TOKENS
    keys = [matching.exact_key(f.words), *(matching.band_keys(f.sig) if long_enough else [])]
    for k, item in _by_keys(conn, keys, before, BAND_CAP):
        found.setdefault(item, ["exact" if k == 0 else "lsh"])
    if ents and long_enough:
        shared: Counter[int] = Counter(item for _, item in _by_keys(
            conn, [matching.entity_key(e) for e in ents], before, ENTITY_CAP))
        need = min(2, len(ents))
        for item, n in shared.items():
            if n >= need:
                found.setdefault(item, []).append("entities")
    return found


def _merge_groups(conn: sqlite3.Connection, a: int, b: int) -> None:
    ga = conn.execute("SELECT group_id FROM items WHERE rowid = ?", (a,)).fetchone()[0]
    gb = conn.execute("SELECT group_id FROM items WHERE rowid = ?", (b,)).fetchone()[0]
    if ga != gb:
        keep, drop = min(ga, gb), max(ga, gb)
        conn.execute("UPDATE items SET group_id = ? WHERE group_id = ?", (keep, drop))


def _day(value: str | None, earliest: str | None, latest: str | None) -> int | None:
    """Publication date as a day number (interval midpoint when only bounds are known)."""
    from rumormill.story.contradictions import iso_interval

    iv = iso_interval(value) if value else None
    if iv is None and earliest and latest:
        lo, hi = iso_interval(earliest), iso_interval(latest)
        iv = (lo[0], hi[1]) if lo and hi else None
    if iv is None:
        return None
    return (iv[0].toordinal() + iv[1].toordinal()) // 2


def _pub_day(conn: sqlite3.Connection, article_id: str) -> int | None:
    row = conn.execute("SELECT published, published_earliest, published_latest FROM articles WHERE id = ?",
                       (article_id,)).fetchone()
    return _day(*row) if row else None


def drop_article(conn: sqlite3.Connection, article_id: str) -> None:
    """Remove an article's item keys (items, links, contradictions go by cascade) and reopen its groups."""
    rows = conn.execute("SELECT rowid, keys, group_id FROM items WHERE article_id = ?", (article_id,)).fetchall()
    groups = {g for _, _, g in rows}
    for rowid, keys, _ in rows:
        conn.executemany("DELETE FROM item_keys WHERE key = ? AND item = ?", [(k, rowid) for k in json.loads(keys)])
    conn.execute("DELETE FROM items WHERE article_id = ?", (article_id,))
    for g in groups:
        _regroup(conn, g)


def _regroup(conn: sqlite3.Connection, group: int) -> None:
    """Recompute connected components of a group after some of its items were removed."""
    rows = conn.execute("SELECT rowid, article_id, item_id, json_extract(info, '$.quote') FROM items"
                        " WHERE group_id = ?", (group,)).fetchall()
    if not rows:
        return
    members = [r[0] for r in rows]
    qm = ",".join("?" * len(members))
    edges = conn.execute(f"SELECT a, b FROM links WHERE a IN ({qm}) AND b IN ({qm})", (*members, *members)).fetchall()
    by_id = {(r[1], r[2]): r[0] for r in rows}
    edges += [(by_id[(r[1], r[3])], r[0]) for r in rows if r[3] and (r[1], r[3]) in by_id]
    parent = {m: m for m in members}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    conn.executemany("UPDATE items SET group_id = ? WHERE rowid = ?", [(find(m), m) for m in members])
