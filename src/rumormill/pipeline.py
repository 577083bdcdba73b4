"""The analysis stages as a plain, explicit, ordered list.

``analyze(article)`` parses the clean text once, runs every stage in ``STAGES`` in
order over a mutable working ``State`` and freezes the result into a ``Ledger``.
Each stage reads what earlier stages produced and fills in its own fields; its
name and version are recorded in ``Ledger.stages`` so an auditor knows which
logic spoke.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from time import perf_counter
from typing import Any

from rumormill.nlp.parse import Parse
from rumormill.records import (
    Article,
    Check,
    Claim,
    Entity,
    Ledger,
    Published,
    Quote,
    Source,
    StageRun,
    Time,
    TimelineEntry,
)


@dataclass(slots=True)
class State:
    """Working state while the stages run; frozen into a ``Ledger`` at the end."""

    article: Article
    parse: Parse
    published: Published
    entities: list[Entity] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    sourcing: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # Stage-to-stage working data that is not part of the ledger (e.g. indexes).
    scratch: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    version: str
    run: Callable[[State], None]


def _stages() -> list[Stage]:
    # Imported here so ``import rumormill`` stays cheap and spaCy-free.
    from rumormill.stages import checks, claims, entities, sources, timeline
    from rumormill.stages import time as time_stage

    return [
        Stage("entities", entities.VERSION, entities.run),
        Stage("time", time_stage.VERSION, time_stage.run),
        Stage("sources", sources.VERSION, sources.run),
        Stage("claims", claims.VERSION, claims.run),
        Stage("timeline", timeline.VERSION, timeline.run),
        Stage("checks", checks.VERSION, checks.run),
    ]


def article_id(text: str) -> str:
    """Stable id: the first 16 hex digits of the SHA-256 of the clean text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def analyze(article: Article, parse: Parse | None = None,
            timings: dict[str, float] | None = None) -> Ledger:
    """Run every stage over one ingested article and return its ledger.

    ``timings``, when given, accumulates seconds per stage name (for profiles).
    """
    if parse is None:
        from rumormill.nlp.model import parse as parse_text

        parse = parse_text(article.text)
    state = State(article=article, parse=parse, published=article.published)
    if article.language_warning:
        state.warnings.append(article.language_warning)
    runs: list[StageRun] = []
    for stage in _stages():
        t0 = perf_counter()
        stage.run(state)
        if timings is not None:
            timings[stage.name] = timings.get(stage.name, 0.0) + perf_counter() - t0
        runs.append(StageRun(name=stage.name, version=stage.version))
    return Ledger(
        id=article_id(article.text),
        title=article.title,
        published=state.published,
        text=article.text,
        headings=article.headings,
        removed=article.removed,
        embeds=article.embeds,
        entities=tuple(state.entities),
        sources=tuple(state.sources),
        quotes=tuple(state.quotes),
        claims=tuple(state.claims),
        times=tuple(state.times),
        timeline=tuple(state.timeline),
        checks=tuple(state.checks),
        sourcing=state.sourcing,
        stages=tuple(runs),
        warnings=tuple(state.warnings),
        author=article.author,
        publisher=article.publisher,
        url=article.url,
    )
