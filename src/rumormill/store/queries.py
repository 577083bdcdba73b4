"""Read side of the store: articles by id, listing and search, row counts, export rows."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from rumormill.errors import StoreError
from rumormill.records import Ledger
from rumormill.store.codec import ledger_from_dict
from rumormill.store.writer import StoreBase

TABLES = ("articles", "entities", "entity_names", "facts", "sources", "quotes", "claims", "times", "checks",
          "items", "item_keys", "links", "contradictions")

_SUMMARY = ("SELECT a.id, a.title, a.outlet, a.outlet_how, a.published, a.published_earliest, a.published_latest,"
            " a.published_how, a.words, a.source_path, a.added_at, a.stages,"
            " (SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims,"
            " (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes,"
            " (SELECT count(*) FROM sources s WHERE s.article_id = a.id) AS sources FROM articles a")


def _summary(row: Any) -> dict[str, Any]:
    d = dict(row)
    d["stages"] = json.loads(d["stages"])
    return d


class Store(StoreBase):
    """An opened store: ``add_ledger`` (the single writer) plus the read queries below."""

    def has(self, article_id: str) -> bool:
        """True when an article with this ledger id (or full content hash) is stored."""
        return bool(self.query("SELECT 1 FROM articles WHERE id = ? OR content_hash = ?", (article_id, article_id)))

    def get(self, article_id: str) -> dict[str, Any]:
        """The stored ledger JSON (dict) of an article, plus ``store`` metadata (outlet, path, added_at).

        Accepts a unique id prefix (at least 4 characters). Raises ``StoreError`` if unknown.
        """
        aid = self.resolve_id(article_id)
        row = self.query("SELECT ledger, outlet, outlet_how, source_path, added_at FROM articles WHERE id = ?",
                         (aid,))[0]
        data: dict[str, Any] = json.loads(row["ledger"])
        data["store"] = {"outlet": row["outlet"], "outlet_how": row["outlet_how"],
                         "source_path": row["source_path"], "added_at": row["added_at"]}
        return data

    def get_ledger(self, article_id: str) -> Ledger:
        data = self.get(article_id)
        data.pop("store", None)
        return ledger_from_dict(data)

    def resolve_id(self, article_id: str) -> str:
        if len(article_id) < 4:
            raise StoreError(f"article id {article_id!r} is too short (give at least 4 characters)")
        rows = self.query("SELECT id FROM articles WHERE id LIKE ? ESCAPE '\\' LIMIT 2",
                          (article_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",))
        if not rows:
            raise StoreError(f"no article {article_id!r} in {self.path}")
        if len(rows) > 1:
            raise StoreError(f"article id {article_id!r} is ambiguous; give more characters")
        return str(rows[0]["id"])

    def list_articles(self, query: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Article summaries, newest added first. ``query`` matches title, outlet, an entity name
        or the words of a claim/quote (SQLite FTS5 syntax for the latter)."""
        if not query:
            rows = self.query(_SUMMARY + " ORDER BY a.added_at DESC, a.id LIMIT ? OFFSET ?", (limit, offset))
            return [_summary(r) for r in rows]
        like = f"%{query.lower()}%"
        fts = _fts_query(query)
        rows = self.query(
            _SUMMARY + " WHERE lower(a.title) LIKE :like OR lower(a.outlet) LIKE :like"
            " OR a.id IN (SELECT article_id FROM entity_names WHERE norm LIKE :like)"
            " OR a.id IN (SELECT i.article_id FROM items i WHERE i.rowid IN"
            "  (SELECT rowid FROM items_fts WHERE items_fts MATCH :fts))"
            " ORDER BY a.added_at DESC, a.id LIMIT :limit OFFSET :offset",
            {"like": like, "fts": fts, "limit": limit, "offset": offset})
        return [_summary(r) for r in rows]

    def count_articles(self) -> int:
        return int(self.query("SELECT count(*) AS n FROM articles")[0]["n"])

    def counts(self) -> dict[str, int]:
        """Row count of every table (for ``rumormill list --stats`` and the tests)."""
        return {t: int(self.query(f"SELECT count(*) AS n FROM {t}")[0]["n"]) for t in TABLES}

    def iter_ledgers(self, batch: int = 200) -> Iterator[dict[str, Any]]:
        """Every stored ledger dict, in id order, with the ``store`` metadata (for export)."""
        last = ""
        while True:
            rows = self.query("SELECT id, ledger, outlet, source_path, added_at FROM articles WHERE id > ?"
                              " ORDER BY id LIMIT ?", (last, batch))
            if not rows:
                return
            for r in rows:
                data = json.loads(r["ledger"])
                data["store"] = {"outlet": r["outlet"], "source_path": r["source_path"], "added_at": r["added_at"]}
                yield data
            last = rows[-1]["id"]

    def contradictions(self, article_ids: list[str] | None = None) -> list[dict[str, Any]]:
        sql = ("SELECT c.*, aa.outlet AS a_outlet, ab.outlet AS b_outlet FROM contradictions c"
               " JOIN articles aa ON aa.id = c.a_article JOIN articles ab ON ab.id = c.b_article")
        params: tuple[Any, ...] = ()
        if article_ids is not None:
            qm = ",".join("?" * len(article_ids)) or "NULL"
            sql += f" WHERE c.a_article IN ({qm}) OR c.b_article IN ({qm})"
            params = (*article_ids, *article_ids)
        out = []
        for r in self.query(sql + " ORDER BY c.rowid", params):
            d = dict(r)
            d["evidence"] = json.loads(d["evidence"])
            out.append(d)
        return out


def _fts_query(text: str) -> str:
    """Words of ``text`` as an FTS5 AND query of quoted terms (never raw user syntax)."""
    words = [w for w in "".join(ch if ch.isalnum() else " " for ch in text).split() if w]
    return " ".join(f'"{w}"' for w in words) or '""'


def open_store(path: str | None = None, *, readonly: bool = False) -> Store:
    """Open (creating and migrating as needed) the store at ``path``.

    ``path`` defaults to ``$RUMORMILL_DB`` or ``./rumormill.db``.
    """
    import os

    return Store(path or os.environ.get("RUMORMILL_DB") or "rumormill.db", readonly=readonly)
