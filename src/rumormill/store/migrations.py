"""The store's schema, created and upgraded by named, recorded migrations.

Each migration has a name and either SQL or a Python function; applied ones are
recorded in ``_migrations`` (name, applied_at) and never run twice. A store made
by an older version of rumormill is upgraded in place when it is opened; each
migration runs in its own transaction, so a failure leaves the store at the last
complete step. The tables are documented for ``sqlite3``/Datasette users in
docs/store.md.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from rumormill.errors import StoreError

_INITIAL = """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,                 -- ledger id: first 16 hex digits of sha256(clean text)
    content_hash TEXT NOT NULL UNIQUE,   -- full sha256 of the clean text
    title TEXT,
    outlet TEXT NOT NULL,                -- publisher, see docs/store.md ("Outlets")
    outlet_how TEXT NOT NULL,            -- given | author | file | unknown
    source_path TEXT,
    published TEXT,                      -- ledger.published.value (ISO) or NULL
    published_earliest TEXT,
    published_latest TEXT,
    published_how TEXT NOT NULL,
    stages TEXT NOT NULL,                -- JSON {stage name: version}
    words INTEGER NOT NULL,
    added_at TEXT NOT NULL,
    ledger TEXT NOT NULL                 -- the full ledger JSON (contract rumormill.article/1)
);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_published ON articles(published);
CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id TEXT NOT NULL, name TEXT NOT NULL, norm TEXT NOT NULL, type TEXT NOT NULL,
    span_start INTEGER, span_end INTEGER, mentions INTEGER NOT NULL, aliases TEXT NOT NULL,
    PRIMARY KEY (article_id, id)
);
CREATE TABLE entity_names (
    norm TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL, PRIMARY KEY (norm, article_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX entity_names_article ON entity_names(article_id);
CREATE TABLE facts (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL, entity_norm TEXT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL,
    span_start INTEGER NOT NULL, span_end INTEGER NOT NULL
);
CREATE INDEX facts_entity ON facts(entity_norm, kind);
CREATE INDEX facts_article ON facts(article_id);
CREATE TABLE sources (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id TEXT NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL, entity TEXT, via TEXT NOT NULL,
    span_start INTEGER, span_end INTEGER, mentions INTEGER NOT NULL, ambiguous TEXT NOT NULL,
    PRIMARY KEY (article_id, id)
);
CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id TEXT NOT NULL, kind TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    text TEXT NOT NULL, source TEXT, cue TEXT, cue_start INTEGER, cue_end INTEGER,
    paragraph INTEGER, note TEXT,
    PRIMARY KEY (article_id, id)
);
CREATE TABLE claims (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,
    source TEXT, status TEXT NOT NULL, negated INTEGER NOT NULL, checkable INTEGER NOT NULL,
    quote TEXT, chain TEXT NOT NULL, cues TEXT NOT NULL, entities TEXT NOT NULL, times TEXT NOT NULL,
    PRIMARY KEY (article_id, id)
);
CREATE INDEX claims_status ON claims(status);
CREATE TABLE times (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    id TEXT NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,
    type TEXT NOT NULL, value TEXT NOT NULL, mod TEXT, anchor TEXT, vague INTEGER NOT NULL,
    PRIMARY KEY (article_id, id)
);
CREATE TABLE checks (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    n INTEGER NOT NULL, kind TEXT NOT NULL, status TEXT NOT NULL, detail TEXT NOT NULL,
    evidence TEXT NOT NULL, PRIMARY KEY (article_id, n)
);
"""

_MATCHING = """
CREATE TABLE items (
    rowid INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    item_id TEXT NOT NULL,               -- claim id (C..) or quote id (Q..) in the article
    kind TEXT NOT NULL,                  -- claim | quote
    span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    source_id TEXT, source_kind TEXT, source_label TEXT,
    origin TEXT NOT NULL,                -- origin key: outlet|who (docs/store.md "Origins")
    origin_via TEXT,                     -- first outlet of the chain, NULL for the article's own
    status TEXT, negated INTEGER NOT NULL,
    group_id INTEGER NOT NULL,           -- claim group: smallest item rowid of the linked component
    minhash BLOB,                        -- MinHash signature (uint32 x 32), NULL when too short to match
    keys TEXT NOT NULL,                  -- JSON list of blocking keys written to item_keys
    info TEXT NOT NULL,                  -- JSON: entities, numbers, counts, times used by scoring/checks
    UNIQUE (article_id, item_id)
);
CREATE INDEX items_group ON items(group_id);
CREATE TABLE item_keys (
    key INTEGER NOT NULL, item INTEGER NOT NULL, PRIMARY KEY (key, item)
) WITHOUT ROWID;
CREATE TABLE links (
    a INTEGER NOT NULL REFERENCES items(rowid) ON DELETE CASCADE,
    b INTEGER NOT NULL REFERENCES items(rowid) ON DELETE CASCADE,
    score REAL NOT NULL, evidence TEXT NOT NULL, PRIMARY KEY (a, b)
);
CREATE INDEX links_b ON links(b);
CREATE TABLE contradictions (
    rowid INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,                  -- age | date | duration | count | denial
    detail TEXT NOT NULL,
    a_article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    a_item TEXT NOT NULL, a_start INTEGER NOT NULL, a_end INTEGER NOT NULL, a_text TEXT NOT NULL,
    b_article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    b_item TEXT NOT NULL, b_start INTEGER NOT NULL, b_end INTEGER NOT NULL, b_text TEXT NOT NULL,
    evidence TEXT NOT NULL
);
CREATE INDEX contradictions_a ON contradictions(a_article);
CREATE INDEX contradictions_b ON contradictions(b_article);
"""

_FTS = """
CREATE VIRTUAL TABLE items_fts USING fts5(text, content='items', content_rowid='rowid');
CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN
  INSERT INTO items_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN
  INSERT INTO items_fts(items_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
INSERT INTO items_fts(items_fts) VALUES ('rebuild');
"""


_MATCH_COLUMNS = """
ALTER TABLE items ADD COLUMN words TEXT NOT NULL DEFAULT '';  -- content words, lower case, space-joined
ALTER TABLE items ADD COLUMN ents TEXT NOT NULL DEFAULT '';   -- entities the item names ("|"-joined)
ALTER TABLE items ADD COLUMN ctx TEXT NOT NULL DEFAULT '';    -- entities it is filed under ("|"-joined)
ALTER TABLE items ADD COLUMN pub_day INTEGER;                 -- article's publication day number, if known
"""


def reindex_all(conn: sqlite3.Connection) -> None:
    """Rebuild the matching index (items, keys, links, contradictions) of every stored article, oldest first.

    Used by migrations that change what the index holds; safe to run on an empty store.
    """
    from rumormill.store import index
    from rumormill.store.codec import ledger_from_dict

    for table in ("contradictions", "links", "item_keys", "items"):
        conn.execute(f"DELETE FROM {table}")
    rows = conn.execute("SELECT outlet, ledger FROM articles ORDER BY added_at, id").fetchall()
    for outlet, ledger_json in rows:
        index.index_article(conn, ledger_from_dict(json.loads(ledger_json)), outlet)


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    sql: str | None = None
    func: Callable[[sqlite3.Connection], None] | None = None


# Bookkeeping of `rumormill batch --db`: which input document is done, its status and failure reason.
_BATCH_DOCS = """
CREATE TABLE IF NOT EXISTS batch_docs (
    doc_id TEXT PRIMARY KEY,    -- the batch document id (rumormill.batch.inputs)
    source TEXT NOT NULL,       -- path, path:line, path#row or path#WARC-Record-ID
    status TEXT NOT NULL,       -- ok | failed
    error TEXT,                 -- the one-line reason when failed
    article_id TEXT,            -- articles.id when ok
    done_at TEXT NOT NULL       -- UTC ISO timestamp
);
"""


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", sql=_INITIAL),
    Migration("0002_matching", sql=_MATCHING),
    Migration("0003_items_fts", sql=_FTS),
    Migration("0004_match_columns", sql=_MATCH_COLUMNS, func=reindex_all),
    Migration("0005_batch_docs", sql=_BATCH_DOCS),
    # matching changed (names stripped from the lexical part, threshold 0.62 -> 0.50): relink stored articles
    Migration("0006_relink_tuned_matching", func=reindex_all),
)


def applied(conn: sqlite3.Connection) -> list[str]:
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    return [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY name")]


def applied_readonly(conn: sqlite3.Connection) -> list[str]:
    """Recorded migrations, without creating the bookkeeping table."""
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _migrations ORDER BY name")]
    except sqlite3.OperationalError:
        return []


def migrate(conn: sqlite3.Connection, upto: str | None = None) -> list[str]:
    """Apply every migration not yet recorded (up to and including ``upto``); return their names.

    ``conn`` must be in autocommit mode (``isolation_level=None``).
    """
    done = set(applied(conn))
    known = {m.name for m in MIGRATIONS}
    unknown = done - known
    if unknown:
        raise StoreError(f"store was written by a newer rumormill (unknown migrations: {', '.join(sorted(unknown))})")
    ran: list[str] = []
    for m in MIGRATIONS:
        if m.name not in done:
            conn.execute("BEGIN IMMEDIATE")
            try:
                if m.sql:
                    # executescript would commit; run the statements one by one inside our transaction
                    for stmt in _statements(m.sql):
                        conn.execute(stmt)
                if m.func:
                    m.func(conn)
                conn.execute("INSERT INTO _migrations(name, applied_at) VALUES (?, ?)",
                             (m.name, datetime.now(UTC).isoformat(timespec="seconds")))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            ran.append(m.name)
        if upto is not None and m.name == upto:
            break
    return ran


def _statements(sql: str) -> list[str]:
    """Split a script into complete statements (trigger bodies kept whole)."""
    out: list[str] = []
    buf = ""
    for line in sql.splitlines(keepends=True):
        stripped = line.split("--", 1)[0] if "'" not in line else line
        buf += stripped
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
