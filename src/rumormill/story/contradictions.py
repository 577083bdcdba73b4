"""Contradictions between articles: the same fact with different values.

- ``age``: the same person (normalised entity name) given ages that cannot both be
  true once the time between the two publication dates is allowed for: aged A at t1
  means an age in (A + d - 1, A + d + 1) at t2, d being the years between them (an
  interval when a date is only known to the month/year or inferred). Skipped, not
  guessed, when either publication date is unknown.
- On every cross-article link (the same claim or quote, matched): ``date`` — each side
  dates it with plain calendar values (no BEFORE/AFTER/APPROX modifier, not vague) and
  no value of one is compatible with any value of the other (2023-08 fits 2023; 2012
  does not fit 2014); ``duration`` — durations in the same unit that differ (P11Y vs
  P12Y); ``count`` — the same counted noun with different numbers ("two children" vs
  "three children"); ``denial`` — one side denied or negated, the other put forward.

Every contradiction row names both pieces of evidence: article, item id, span and text.
"""

from __future__ import annotations

import calendar
import json
import re
import sqlite3
from datetime import date
from typing import Any

from rumormill.records import Ledger
from rumormill.story.matching import norm_name

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DUR = re.compile(r"^P(\d+(?:\.\d+)?)([YMWD])$")
_PLAIN_MODS = {None, "", "START", "MID", "END"}
_PUT_FORWARD = {"asserted", "reported", "alleged", "rumoured", "suspected", "speculated"}


def iso_interval(value: str | None) -> tuple[date, date] | None:
    """``2023`` -> (2023-01-01, 2023-12-31); ``2023-08`` -> that month; a full date -> that day."""
    m = _ISO.match(value or "")
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3)))
            return d, d
        if m.group(2):
            mo = int(m.group(2))
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None


def pub_interval(value: str | None, earliest: str | None, latest: str | None) -> tuple[date, date] | None:
    iv = iso_interval(value)
    if iv:
        return iv
    lo, hi = iso_interval(earliest), iso_interval(latest)
    return (lo[0], hi[1]) if lo and hi else None


def compatible_dates(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def _insert(conn: sqlite3.Connection, kind: str, detail: str, a: dict[str, Any], b: dict[str, Any],
            evidence: dict[str, Any]) -> int:
    conn.execute(
        "INSERT INTO contradictions(kind, detail, a_article, a_item, a_start, a_end, a_text,"
        " b_article, b_item, b_start, b_end, b_text, evidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (kind, detail, a["article_id"], a["item_id"], a["span"][0], a["span"][1], a["text"],
         b["article_id"], b["item_id"], b["span"][0], b["span"][1], b["text"], json.dumps(evidence)),
    )
    return 1


def _plain_dates(times: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [t for t in times if t["type"] == "DATE" and _ISO.match(t["value"] or "") and not t["vague"]
            and t.get("mod") in _PLAIN_MODS]


def pair_contradictions(conn: sqlite3.Connection, a: dict[str, Any], b: dict[str, Any], score: float) -> int:
    """Contradictions between two linked items ``a`` (stored earlier) and ``b`` (being added)."""
    ia, ib = a["info"], b["info"]
    n = 0
    da, db = _plain_dates(ia.get("times", [])), _plain_dates(ib.get("times", []))
    if da and db and not any(compatible_dates(x["value"], y["value"]) for x in da for y in db):
        n += _insert(conn, "date",
                     f"dated {', '.join(x['value'] for x in da)} in one article and "
                     f"{', '.join(y['value'] for y in db)} in the other",
                     a, b, {"a_times": da, "b_times": db, "link_score": score})
    dur_a = {m.group(2): (m.group(1), t) for t in ia.get("times", []) if t["type"] == "DURATION" and not t["vague"]
             for m in [_DUR.match(t["value"] or "")] if m}
    dur_b = {m.group(2): (m.group(1), t) for t in ib.get("times", []) if t["type"] == "DURATION" and not t["vague"]
             for m in [_DUR.match(t["value"] or "")] if m}
    for unit in dur_a.keys() & dur_b.keys():
        if float(dur_a[unit][0]) != float(dur_b[unit][0]):
            n += _insert(conn, "duration", f"{dur_a[unit][1]['text']} vs {dur_b[unit][1]['text']}", a, b,
                         {"a_time": dur_a[unit][1], "b_time": dur_b[unit][1], "link_score": score})
    ca, cb = ia.get("counts", {}), ib.get("counts", {})
    for noun in sorted(ca.keys() & cb.keys()):
        if ca[noun] != cb[noun]:
            n += _insert(conn, "count", f"{ca[noun]:g} vs {cb[noun]:g} {noun}(s)", a, b,
                         {"noun": noun, "a_value": ca[noun], "b_value": cb[noun], "link_score": score})
    deny_a = ia.get("status") == "denied" or bool(ia.get("negated"))
    deny_b = ib.get("status") == "denied" or bool(ib.get("negated"))
    forward_a = ia.get("status") in _PUT_FORWARD and not ia.get("negated")
    forward_b = ib.get("status") in _PUT_FORWARD and not ib.get("negated")
    if (deny_a and forward_b) or (deny_b and forward_a):
        n += _insert(conn, "denial",
                     f"{ia.get('status')}{' (negated)' if ia.get('negated') else ''} in one article, "
                     f"{ib.get('status')}{' (negated)' if ib.get('negated') else ''} in the other", a, b,
                     {"a_status": ia.get("status"), "a_negated": ia.get("negated"), "b_status": ib.get("status"),
                      "b_negated": ib.get("negated"), "link_score": score})
    return n


def _int(value: str) -> int | None:
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def age_contradictions(conn: sqlite3.Connection, ledger: Ledger, limit: int = 100) -> int:
    """Ages stated in ``ledger`` against the ages other stored articles give the same person."""
    me = conn.execute("SELECT published, published_earliest, published_latest FROM articles WHERE id = ?",
                      (ledger.id,)).fetchone()
    mine = pub_interval(*me) if me else None
    if mine is None:
        return 0
    n = 0
    seen: set[tuple[str, str, int, int]] = set()
    for e in ledger.entities:
        if e.type != "PERSON":
            continue
        norm = norm_name(e.name)
        for f in e.facts:
            age_b = _int(f.value) if f.kind == "age" else None
            if age_b is None:
                continue
            rows = conn.execute(
                "SELECT f.article_id, f.entity_id, f.value, f.span_start, f.span_end, a.published,"
                " a.published_earliest, a.published_latest,"
                " substr(json_extract(a.ledger, '$.text'), f.span_start + 1, f.span_end - f.span_start)"
                " FROM facts f JOIN articles a ON a.id = f.article_id"
                " WHERE f.entity_norm = ? AND f.kind = 'age' AND f.article_id != ? LIMIT ?",
                (norm, ledger.id, limit)).fetchall()
            for art, ent_id, value, s, t, pv, pe, pl, text_a in rows:
                age_a = _int(value)
                theirs = pub_interval(pv, pe, pl)
                if age_a is None or theirs is None or (art, norm, age_a, age_b) in seen:
                    continue
                seen.add((art, norm, age_a, age_b))
                d_lo = (mine[0] - theirs[1]).days / 365.25
                d_hi = (mine[1] - theirs[0]).days / 365.25
                if age_a + d_lo - 1 < age_b < age_a + d_hi + 1:
                    continue
                a = {"article_id": art, "item_id": ent_id, "span": (s, t), "text": text_a}
                b = {"article_id": ledger.id, "item_id": e.id, "span": f.span, "text": ledger.text[f.span[0]:f.span[1]]}
                n += _insert(conn, "age",
                             f"{e.name}: {age_a} (published {theirs[0]}..{theirs[1]}) vs {age_b} (published "
                             f"{mine[0]}..{mine[1]}); expected {age_a + d_lo:.1f}..{age_a + d_hi:.1f} allowing "
                             f"for the time between the articles", a, b,
                             {"entity": norm, "a_age": age_a, "b_age": age_b,
                              "years_between": [round(d_lo, 2), round(d_hi, 2)]})
    return n
