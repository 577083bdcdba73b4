"""The SQLite store as a batch output: this process is its single writer.

Ledgers go in through ``Store.add_ledger`` (one transaction each; adding the same
text twice changes nothing). The batch's own bookkeeping — which input document
(``Doc.id``) is done, its status and failure reason — is the table ``batch_docs``
in the same file, written right after the document's ledger is committed. A kill
between the two commits only means ``--resume`` analyses that document again, and
``add_ledger`` then finds the text already stored: every document is stored once.

``batch_docs`` (created by the store's named migration ``0005_batch_docs``)::

    doc_id TEXT PRIMARY KEY   -- the batch document id (see rumormill.batch.inputs)
    source TEXT NOT NULL      -- path, path:line, path#row or path#WARC-Record-ID
    status TEXT NOT NULL      -- ok | failed
    error TEXT                -- the one-line reason when failed
    article_id TEXT           -- articles.id when ok
    done_at TEXT NOT NULL     -- UTC ISO timestamp
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from rumormill.batch.work import Result


class StoreSink:
    def __init__(self, path: str, *, resume: bool) -> None:
        from rumormill.store import open_store

        self.store = open_store(path)  # migration 0005_batch_docs creates batch_docs
        self.resume = resume

    def done_ids(self) -> set[str]:
        if not self.resume:
            return set()
        return {row[0] for row in self.store.query("SELECT doc_id FROM batch_docs")}

    def add(self, results: Iterable[Result]) -> None:
        for r in results:
            article_id = None
            if r.ledger is not None:
                article_id, _ = self.store.add_ledger(r.ledger, source_path=r.source)
            now = datetime.now(UTC).isoformat(timespec="seconds")
            with self.store.transaction() as conn:
                conn.execute("INSERT OR REPLACE INTO batch_docs VALUES (?,?,?,?,?,?)",
                             (r.id, r.source, r.status, r.error, article_id, now))

    def close(self) -> None:
        self.store.close()
