"""Every record type of the article ledger (contract ``rumormill.article/1``).

Records are frozen, slotted, keyword-only dataclasses holding plain values only
(never spaCy objects), so they pickle, store and test without a model. Every
``span``/``spans`` value is a ``(start, end)`` pair of character offsets into the
article's clean ``text`` (end exclusive).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

SCHEMA = "rumormill.article/1"

Span = tuple[int, int]

_REC = {"frozen": True, "slots": True, "kw_only": True}


@dataclass(**_REC)
class Removed:
    """A line taken out of the text as residue, with the reason."""

    text: str
    reason: str


@dataclass(**_REC)
class Heading:
    text: str
    span: Span


@dataclass(**_REC)
class Embed:
    """A social-media embed read from the raw HTML (or its residue in text)."""

    platform: str  # instagram | x | tiktok
    author: str | None
    handle: str | None
    url: str | None
    caption: str
    span: Span | None = None  # where the post's text stands in the clean text, when the page kept it there


@dataclass(**_REC)
class Published:
    """Publication date: ``value`` is ISO (YYYY, YYYY-MM or YYYY-MM-DD) or None."""

    value: str | None
    earliest: str | None
    latest: str | None
    how: str  # given | metadata | text | inferred | unknown
    reason: str | None


@dataclass(**_REC)
class Article:
    """The output of ingestion: clean text and what was learnt from the page."""

    text: str
    title: str | None
    headings: tuple[Heading, ...]
    paragraphs: tuple[Span, ...]
    removed: tuple[Removed, ...]
    embeds: tuple[Embed, ...]
    published: Published
    author: str | None = None
    publisher: str | None = None  # the outlet that published it (page site name, "Publisher:" header, input metadata)
    url: str | None = None
    language_warning: str | None = None


@dataclass(**_REC)
class Fact:
    """Something the article states about an entity (e.g. ``age``)."""

    kind: str
    value: str
    span: Span


@dataclass(**_REC)
class Entity:
    id: str
    name: str
    type: str  # PERSON | ORG | OUTLET | WORK | PLACE | GROUP
    aliases: tuple[str, ...]
    spans: tuple[Span, ...]
    facts: tuple[Fact, ...] = ()


@dataclass(**_REC)
class Ambiguity:
    span: Span
    reason: str


@dataclass(**_REC)
class Source:
    id: str
    kind: str  # named | anonymous | group | outlet | author | document
    label: str
    entity: str | None
    via: tuple[str, ...]
    spans: tuple[Span, ...]
    ambiguous: tuple[Ambiguity, ...] = ()


@dataclass(**_REC)
class Quote:
    id: str
    kind: str  # direct | mixed | indirect
    span: Span
    source: str | None
    cue: str | None
    cue_span: Span | None
    paragraph: int
    note: str | None = None  # why the source is null, or an ambiguity


@dataclass(**_REC)
class Cue:
    text: str
    span: Span
    kind: str


@dataclass(**_REC)
class ChainLink:
    source: str
    status: str


@dataclass(**_REC)
class Claim:
    id: str
    span: Span
    text: str
    source: str
    status: str  # asserted|reported|alleged|rumoured|suspected|speculated|denied|hypothetical|intended
    chain: tuple[ChainLink, ...]
    cues: tuple[Cue, ...]
    negated: bool
    entities: tuple[str, ...]
    times: tuple[str, ...]
    quote: str | None
    checkable: bool


@dataclass(**_REC)
class Time:
    id: str
    span: Span
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str | None
    anchor: str | None
    vague: bool


@dataclass(**_REC)
class TimelineEntry:
    """``earliest``/``latest`` are always ISO days; for an open ``bound`` the open side holds the bound
    the evidence implies (the publication date for "since 2008") or, with none, the known bound."""

    earliest: str
    latest: str
    times: tuple[str, ...]
    claims: tuple[str, ...]
    label: str
    bound: str | None = None  # None (a closed interval) | range | before | after | ongoing


@dataclass(**_REC)
class Check:
    kind: str  # duration | age | order | date
    status: str  # consistent | contradiction | unverifiable
    detail: str
    evidence: tuple[str, ...]


@dataclass(**_REC)
class StageRun:
    name: str
    version: str


@dataclass(**_REC)
class Ledger:
    """One article's ledger: the JSON contract ``rumormill.article/1``."""

    id: str
    title: str | None
    published: Published
    text: str
    headings: tuple[Heading, ...]
    removed: tuple[Removed, ...]
    embeds: tuple[Embed, ...]
    entities: tuple[Entity, ...] = ()
    sources: tuple[Source, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    times: tuple[Time, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    checks: tuple[Check, ...] = ()
    sourcing: dict[str, Any] = field(default_factory=dict)
    stages: tuple[StageRun, ...] = ()
    warnings: tuple[str, ...] = ()
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict (tuples become lists)."""
        out: dict[str, Any] = plain(self)
        return out


_FIELDS: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """A record as JSON-ready values: dataclasses become dicts, tuples become lists.

    Records are frozen and hold plain values only, so reading their fields is enough (several
    times faster than ``dataclasses.asdict``, which deep-copies).
    """
    cls = type(value)
    names = _FIELDS.get(cls)
    if names is None and is_dataclass(value):
        names = _FIELDS[cls] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if cls is tuple or cls is list:
        return [plain(v) for v in value]
    if cls is dict:
        return {k: plain(v) for k, v in value.items()}
    return value
