"""The story store: many ledgers in one SQLite file (WAL, named migrations, one writer).

    >>> from rumormill.store import open_store
    >>> store = open_store("rumormill.db")
    >>> article_id, added = store.add_ledger(ledger, source_path="a.txt")
    >>> store.get(article_id)["claims"]

Schema and API: docs/store.md.
"""

from __future__ import annotations

from rumormill.store.codec import ledger_from_dict
from rumormill.store.queries import Store, open_store

__all__ = ["Store", "ledger_from_dict", "open_store"]
