"""The store object and its single writer.

One ``Store`` owns one SQLite connection (WAL mode, foreign keys on). Every write
goes through ``Store.add_ledger``, serialised by a lock inside the process and by
``BEGIN IMMEDIATE`` across processes, and runs in one transaction: an exception
anywhere in it (or the process dying) leaves the store exactly as before that add.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from rumormill.errors import StoreError
from rumormill.records import Ledger
from rumormill.store import migrations
from rumormill.store.codec import ledger_to_dict
from rumormill.story.matching import norm_name

_VERSION = re.compile(r"\.v(\d+)$")
_GENERIC_WORD = re.compile(r"\b(?:author|article|writer|reporter|outlet|publication|staff)\b", re.I)
_GENERIC_AUTHOR = {"", "author", "the author", "the article", "article", "the outlet", "outlet", "unknown",
                   "the writer", "writer", "staff", "the publication", "this outlet"}


def stage_versions(ledger: Ledger) -> dict[str, str]:
    return {s.name: s.version for s in ledger.stages}


def _vnum(version: str) -> tuple[int, str]:
    m = _VERSION.search(version)
    return (int(m.group(1)), version) if m else (0, version)


def is_newer(new: dict[str, str], old: dict[str, str]) -> bool:
    """True when ``new`` ran a stage ``old`` did not, or a later version of one."""
    return any(name not in old or _vnum(v) > _vnum(old[name]) for name, v in new.items())


def resolve_outlet(ledger: Ledger, outlet: str | None, source_path: str | None) -> tuple[str, str]:
    """(outlet, how): given > the ledger's publisher > the author source S0's label > the file's name > unknown."""
    if outlet and outlet.strip():
        return outlet.strip(), "given"
    if ledger.publisher and ledger.publisher.strip():
        return ledger.publisher.strip(), "publisher"
    s0 = next((s for s in ledger.sources if s.id == "S0"), None)
    if s0 is not None and s0.label.strip().lower() not in _GENERIC_AUTHOR and not _GENERIC_WORD.search(s0.label):
        return s0.label.strip(), "author"
    if source_path:
        return Path(source_path).stem, "file"
    return f"unknown ({ledger.id})", "unknown"


def insert_rows(conn: sqlite3.Connection, ledger: Ledger, *, outlet: str, outlet_how: str,
                source_path: str | None, content_hash: str) -> None:
    """Write one article and its normalised rows (the ``0001_initial`` tables)."""
    p = ledger.published
    conn.execute(
        "INSERT INTO articles(id, content_hash, title, outlet, outlet_how, source_path, published,"
        " published_earliest, published_latest, published_how, stages, words, added_at, ledger)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (ledger.id, content_hash, ledger.title, outlet, outlet_how, source_path, p.value, p.earliest, p.latest,
         p.how, json.dumps(stage_versions(ledger)), len(ledger.text.split()),
         datetime.now(UTC).isoformat(timespec="microseconds"), json.dumps(ledger_to_dict(ledger), ensure_ascii=False)),
    )
    aid = ledger.id
    names: set[tuple[str, str]] = set()
    for e in ledger.entities:
        first = min(e.spans) if e.spans else (None, None)
        norm = norm_name(e.name)
        conn.execute("INSERT INTO entities VALUES (?,?,?,?,?,?,?,?,?)",
                     (aid, e.id, e.name, norm, e.type, first[0], first[1], len(e.spans), json.dumps(list(e.aliases))))
        names.update((n, e.id) for n in {norm, *(norm_name(a) for a in e.aliases)} if n)
        conn.executemany("INSERT INTO facts VALUES (?,?,?,?,?,?,?)",
                         [(aid, e.id, norm, f.kind, f.value, f.span[0], f.span[1]) for f in e.facts])
    conn.executemany("INSERT OR IGNORE INTO entity_names VALUES (?,?,?)", [(n, aid, i) for n, i in names])
    for s in ledger.sources:
        first = min(s.spans) if s.spans else (None, None)
        conn.execute("INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?)",
                     (aid, s.id, s.kind, s.label, s.entity, json.dumps(list(s.via)), first[0], first[1], len(s.spans),
                      json.dumps([{"span": list(a.span), "reason": a.reason} for a in s.ambiguous])))
    for q in ledger.quotes:
        cs = q.cue_span or (None, None)
        conn.execute("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                     (aid, q.id, q.kind, q.span[0], q.span[1], ledger.text[q.span[0]:q.span[1]], q.source, q.cue,
                      cs[0], cs[1], q.paragraph, q.note))
    for c in ledger.claims:
        conn.execute("INSERT INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                     (aid, c.id, c.span[0], c.span[1], c.text, c.source, c.status, int(c.negated), int(c.checkable),
                      c.quote, json.dumps([{"source": x.source, "status": x.status} for x in c.chain]),
                      json.dumps([{"text": x.text, "span": list(x.span), "kind": x.kind} for x in c.cues]),
                      json.dumps(list(c.entities)), json.dumps(list(c.times))))
    conn.executemany("INSERT INTO times VALUES (?,?,?,?,?,?,?,?,?,?)",
                     [(aid, t.id, t.span[0], t.span[1], t.text, t.type, t.value, t.mod, t.anchor, int(t.vague))
                      for t in ledger.times])
    conn.executemany("INSERT INTO checks VALUES (?,?,?,?,?,?)",
                     [(aid, n, c.kind, c.status, c.detail, json.dumps(list(c.evidence)))
                      for n, c in enumerate(ledger.checks)])


class StoreBase:
    """Connection handling and the single writer; read queries live in ``queries.Queries``."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        self.readonly = readonly
        self._lock = threading.RLock()
        try:
            if readonly:
                if self.path != ":memory:" and not Path(self.path).exists():
                    raise StoreError(f"no store at {self.path}")
                uri = f"file:{Path(self.path).resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            else:
                if self.path != ":memory:":
                    Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=60)
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA busy_timeout=60000")
            if not readonly:
                with self._lock:
                    migrations.migrate(self.conn)
            elif set(migrations.applied_readonly(self.conn)) != {m.name for m in migrations.MIGRATIONS}:
                raise StoreError(f"store {self.path} needs an upgrade: open it once for writing")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; rolled back on any exception."""
        if self.readonly:
            raise StoreError("store opened read-only")
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def add_ledger(self, ledger: Ledger, *, source_path: str | None = None,
                   outlet: str | None = None) -> tuple[str, bool]:
        """Store one ledger; returns ``(article_id, added)``.

        ``added`` is False when the same text is already stored with the same or newer
        stage versions (nothing changes). When the stored copy was made by older stage
        versions, its rows, items, links and contradictions are replaced in the same
        transaction.
        """
        from rumormill.store import index

        content_hash = hashlib.sha256(ledger.text.encode("utf-8")).hexdigest()
        try:
            with self.transaction() as conn:
                row = conn.execute("SELECT id, stages, outlet, outlet_how, source_path FROM articles"
                                   " WHERE content_hash = ? OR id = ?", (content_hash, ledger.id)).fetchone()
                if row is not None:
                    if not is_newer(stage_versions(ledger), json.loads(row[1])):
                        return row[0], False
                    index.drop_article(conn, row[0])
                    conn.execute("DELETE FROM articles WHERE id = ?", (row[0],))
                    if outlet is None and row[3] == "given":
                        outlet = row[2]
                    source_path = source_path or row[4]
                name, how = resolve_outlet(ledger, outlet, source_path)
                insert_rows(conn, ledger, outlet=name, outlet_how=how, source_path=source_path,
                            content_hash=content_hash)
                index.index_article(conn, ledger, name)
                return ledger.id, True
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot write to store {self.path}: {exc}") from exc

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            cur = self.conn.execute(sql, params)
            cur.row_factory = sqlite3.Row
            return list(cur.fetchall())
