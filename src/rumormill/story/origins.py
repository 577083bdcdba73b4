"""Origins: who a claim or quote ultimately rests on, once relay chains are followed back.

An item's origin key is ``"<outlet>|<who>"``:

- ``<outlet>`` is the first outlet of its source's chain (``Source.via[0]``: the outlet
  the source spoke to), or the article's own outlet when the source spoke to it directly;
- ``<who>`` is ``anonymous`` for anonymous and group sources (an outlet's unnamed
  insiders cannot be told apart across articles: different labels, one origin),
  ``named:<name>`` for a named person, ``outlet`` when an outlet is itself the source
  ("The ENQUIRER has reported"), ``author`` for what the article asserts itself,
  ``document:<label>`` and ``unattributed`` (a quote with no speaker).

So two outlets that both cite US Weekly's insider share ``us weekly|anonymous``, and an
outlet's own named source is its own origin. ``group_origins`` adds one inference at
report time, marked ``inferred``: within a matched group, an anonymous source with no
chain that relays *the same words* as the one anonymous relayed origin of the group is
counted as that origin (two unnamed people do not independently say the same sentence).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from rumormill.records import Ledger, Source
from rumormill.story.matching import norm_name

ANONYMOUS_KINDS = frozenset({"anonymous", "group"})


@cache
def _outlet_aliases() -> dict[str, str]:
    from rumormill.lexicons import load_table

    out: dict[str, str] = {}
    for row in load_table("outlets.tsv"):
        canon = norm_name(row[0])
        out[canon] = canon
        if len(row) > 1:
            for alias in row[1].split("|"):
                if alias and alias not in ("Us",):
                    out.setdefault(norm_name(alias), canon)
    out["us"] = out.get("us weekly", "us weekly")
    return out


@cache
def _display() -> dict[str, str]:
    from rumormill.lexicons import load_table

    return {norm_name(row[0]): row[0] for row in load_table("outlets.tsv")}


def display_outlet(norm: str) -> str:
    """A readable name for a normalised outlet key (the gazetteer's spelling when known)."""
    return _display().get(norm, norm)


def describe_origin(key: str) -> str:
    """``us weekly|anonymous`` -> "an anonymous source quoted by US Weekly"."""
    outlet, _, who = key.partition("|")
    name = display_outlet(outlet)
    if who == "anonymous":
        return f"anonymous source(s) quoted by {name}"
    if who.startswith("named:"):
        return f"{who[6:].title()} (named), speaking to {name}"
    if who == "outlet":
        return f"{name}'s own report"
    if who == "author":
        return f"{name} itself (no source given)"
    if who == "unattributed":
        return f"an unattributed quote in {name}"
    return f"{who} via {name}"


def norm_outlet(name: str) -> str:
    n = norm_name(name)
    return _outlet_aliases().get(n, n)


def _name_of(ledger: Ledger, ref: str) -> str | None:
    for s in ledger.sources:
        if s.id == ref:
            if s.entity:
                ent = _entity_name(ledger, s.entity)
                if ent:
                    return ent
            return s.label
    return _entity_name(ledger, ref)


def _entity_name(ledger: Ledger, ref: str) -> str | None:
    for e in ledger.entities:
        if e.id == ref:
            return e.name
    return None


@dataclass(frozen=True, slots=True)
class ItemOrigin:
    key: str
    via: str | None  # normalised first outlet of the chain, None when the article's own
    source_kind: str | None
    source_label: str | None


def item_origin(ledger: Ledger, source_id: str | None, own_outlet: str) -> ItemOrigin:
    """The origin of a claim/quote resting on ``source_id`` in an article published by ``own_outlet``."""
    own = norm_outlet(own_outlet)
    src: Source | None = next((s for s in ledger.sources if s.id == source_id), None) if source_id else None
    if src is None:
        who = "author" if source_id == "S0" else "unattributed"
        return ItemOrigin(key=f"{own}|{who}", via=None, source_kind="author" if who == "author" else None,
                          source_label=None)
    via = None
    for ref in src.via:
        name = _name_of(ledger, ref)
        if name:
            via = norm_outlet(name)
            break
    base = via or own
    if src.kind in ANONYMOUS_KINDS:
        who = "anonymous"
    elif src.kind == "named":
        who = "named:" + norm_name((_entity_name(ledger, src.entity) if src.entity else None) or src.label)
    elif src.kind == "outlet":
        name = (_entity_name(ledger, src.entity) if src.entity else None) or src.label
        base, who = norm_outlet(name), "outlet"
    elif src.kind == "author":
        base, who = own, "author"
    else:
        who = f"{src.kind}:{norm_name(src.label)}"
    return ItemOrigin(key=f"{base}|{who}", via=via, source_kind=src.kind, source_label=src.label)


def group_origins(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Origins of one claim group.

    ``items``: dicts with ``origin``, ``origin_via``, ``source_kind``, ``article_id``,
    ``outlet``, ``published`` (ISO or None), ``item_id``. Returns the origins (each with
    its articles and earliest article), ``independent_origins``, ``circular`` and
    ``anonymous_only``.
    """
    def relayed(it: dict[str, Any]) -> bool:
        who = it["origin"].split("|", 1)[1]
        return (who == "anonymous" and bool(it["origin_via"])) or who == "outlet"

    relayed_outlets = {it["origin"].split("|", 1)[0] for it in items if relayed(it)}
    relayed_keys = {it["origin"] for it in items if relayed(it)}
    origins: dict[str, dict[str, Any]] = {}
    for it in items:
        key, inferred = it["origin"], None
        outlet, _, who = key.partition("|")
        if relayed(it) and who == "outlet" and f"{outlet}|anonymous" in relayed_keys:
            key = f"{outlet}|anonymous"
            inferred = (f"{display_outlet(outlet)}'s report and {display_outlet(outlet)}'s anonymous source "
                        f"are one origin")
        elif (it["source_kind"] in ANONYMOUS_KINDS and not it["origin_via"] and len(relayed_outlets) == 1
                and outlet not in relayed_outlets):
            target = next(iter(relayed_outlets))
            key = f"{target}|anonymous" if f"{target}|anonymous" in relayed_keys else f"{target}|outlet"
            inferred = (f"{it['source_label'] or 'an anonymous source'} in {it['outlet']} has no stated chain but "
                        f"relays the same words as {display_outlet(target)}")
        o = origins.setdefault(key, {"origin": key, "outlet": key.split("|", 1)[0], "who": key.split("|", 1)[1],
                                     "articles": [], "inferred": [], "earliest": None})
        if it["article_id"] not in {a["article_id"] for a in o["articles"]}:
            o["articles"].append({"article_id": it["article_id"], "outlet": it["outlet"],
                                  "published": it["published"], "item_id": it["item_id"]})
        if inferred and it["article_id"] not in {x["article_id"] for x in o["inferred"]}:
            o["inferred"].append({"article_id": it["article_id"], "item_id": it["item_id"], "reason": inferred})
    for o in origins.values():
        dated = [a for a in o["articles"] if a["published"]]
        if dated:
            o["earliest"] = min(dated, key=lambda a: a["published"])
    articles = {i["article_id"] for i in items}
    outlets = {i["outlet"] for i in items}
    n = len(origins)
    anon = [o for o in origins.values() if o["who"] == "anonymous" or o["who"] == "unattributed"]
    return {
        "articles": len(articles),
        "outlets": len(outlets),
        "origins": sorted(origins.values(), key=lambda o: (-len(o["articles"]), o["origin"])),
        "independent_origins": n,
        "circular": len(articles) > 1 and n == 1,
        "anonymous_only": n > 0 and len(anon) == n,
    }
