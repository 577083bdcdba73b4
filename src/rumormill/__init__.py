"""rumormill: who claims what, how sure they are, and when it happened.

    >>> import rumormill
    >>> ledger = rumormill.analyze_text("Headline\\n\\nA source told Us Weekly ...")
"""

from __future__ import annotations

from rumormill.errors import InputError, RumormillError
from rumormill.records import Article, Ledger

__all__ = ["Article", "InputError", "Ledger", "RumormillError", "analyze", "analyze_path", "analyze_text"]
__version__ = "0.1.0"


def analyze(article: Article) -> Ledger:
    """Analyse an ingested ``Article`` into its ``Ledger``."""
    from rumormill.pipeline import analyze as _analyze

    return _analyze(article)


def analyze_text(text: str, *, kind: str = "text", published: str | None = None) -> Ledger:
    """Ingest and analyse a text (``kind="html"`` for a web page)."""
    from rumormill import ingest

    return analyze(ingest.load_text(text, kind=kind, published=published))


def analyze_path(path: str, *, published: str | None = None) -> Ledger:
    """Ingest and analyse a ``.txt``/``.html`` file."""
    from rumormill import ingest

    return analyze(ingest.load_path(path, published=published))
