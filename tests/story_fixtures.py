"""Hand-built ledgers for the store and story tests (no model needed)."""

from __future__ import annotations

from rumormill.pipeline import article_id
from rumormill.records import (
    ChainLink,
    Claim,
    Entity,
    Fact,
    Ledger,
    Published,
    Quote,
    Source,
    StageRun,
    Time,
)


def find(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return (start, start + len(sub))


def published(value: str | None) -> Published:
    if value is None:
        return Published(value=None, earliest=None, latest=None, how="unknown", reason=None)
    return Published(value=value, earliest=value, latest=value, how="given", reason=None)


def make_ledger(
    text: str,
    *,
    pub: str | None = "2024-01-15",
    people: dict[str, list[str]] | None = None,
    ages: dict[str, list[str]] | None = None,
    outlets: dict[str, str] | None = None,
    sources: list[dict] | None = None,
    claims: list[dict] | None = None,
    quotes: list[dict] | None = None,
    times: list[dict] | None = None,
    stages: tuple[tuple[str, str], ...] = (("entities", "entities.v1"), ("claims", "claims.v1")),
) -> Ledger:
    """Build a ledger over ``text``; every span is found by substring so it is exact.

    people: {name: [mention substrings]}; ages: {name: [age fact substrings]};
    outlets: {source id: outlet name}; sources: [{id, kind, label, via, mention}];
    claims: [{text, source, status, negated, times: [time ids], entities: [names]}];
    quotes: [{text, source}]; times: [{id, text, type, value}].
    """
    ents: list[Entity] = []
    ids: dict[str, str] = {}
    for n, (name, mentions) in enumerate((people or {}).items(), 1):
        eid = f"E{n}"
        ids[name] = eid
        facts = tuple(Fact(kind="age", value="".join(ch for ch in a if ch.isdigit()), span=find(text, a))
                      for a in (ages or {}).get(name, []))
        ents.append(Entity(id=eid, name=name, type="PERSON", aliases=(name,),
                           spans=tuple(find(text, m) for m in mentions), facts=facts))
    for sid, outlet in (outlets or {}).items():
        eid = f"E{len(ents) + 1}"
        ids[outlet] = eid
        ents.append(Entity(id=eid, name=outlet, type="OUTLET", aliases=(outlet,), spans=(find(text, outlet),)))
        del sid
    srcs = [Source(id="S0", kind="author", label="the author", entity=None, via=(), spans=())]
    for s in sources or []:
        srcs.append(Source(id=s["id"], kind=s["kind"], label=s["label"], entity=ids.get(s.get("entity", "")),
                           via=tuple(s.get("via", ())), spans=(find(text, s["mention"]),)))
    tms = [Time(id=t["id"], span=find(text, t["text"]), text=t["text"], type=t.get("type", "DATE"),
                value=t["value"], mod=t.get("mod"), anchor=None, vague=False) for t in times or []]
    cls = []
    for n, c in enumerate(claims or [], 1):
        span = find(text, c["text"])
        cls.append(Claim(id=f"C{n}", span=span, text=c["text"], source=c.get("source", "S0"),
                         status=c.get("status", "asserted"),
                         chain=(ChainLink(source=c.get("source", "S0"), status=c.get("status", "asserted")),),
                         cues=(), negated=c.get("negated", False),
                         entities=tuple(ids[e] for e in c.get("entities", [])), times=tuple(c.get("times", [])),
                         quote=None, checkable=True))
    qts = [Quote(id=f"Q{n}", kind="direct", span=find(text, q["text"]), source=q.get("source"), cue=None,
                 cue_span=None, paragraph=0) for n, q in enumerate(quotes or [], 1)]
    return Ledger(id=article_id(text), title=text.split("\n", 1)[0], published=published(pub), text=text,
                  headings=(), removed=(), embeds=(), entities=tuple(ents), sources=tuple(srcs), quotes=tuple(qts),
                  claims=tuple(cls), times=tuple(tms),
                  stages=tuple(StageRun(name=a, version=b) for a, b in stages))
