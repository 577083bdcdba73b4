"""Across articles: matching claims and quotes, origins and independence, contradictions, the story report.

    >>> from rumormill.store import open_store
    >>> from rumormill.story import build_story, render_markdown
    >>> print(render_markdown(build_story(open_store("rumormill.db"), entity="Angelina Jolie")))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rumormill.store.queries import Store

__all__ = ["build_story", "render_markdown"]


def build_story(store: Store, entity: str | None = None, query: str | None = None, limit: int = 50) -> dict[str, Any]:
    """The story of ``entity`` or ``query`` in ``store`` (a JSON-ready dict; see docs/store.md)."""
    from rumormill.story.builder import build_story as _build

    return _build(store, entity=entity, query=query, limit=limit)


def render_markdown(story: dict[str, Any]) -> str:
    from rumormill.story.report import render_markdown as _render

    return _render(story)
