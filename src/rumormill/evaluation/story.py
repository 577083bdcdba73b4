"""``rumormill eval story``: cross-article matching on the 20 celebrity legit/fake pairs.

Corpus: ``../shared/data/articles/celebrity_perezrosas2018`` (``metadata.csv``: ``id``,
``pair_id``, ``title``; files ``<id>.txt``). Article NNN legit and NNN fake cover the same
celebrity and story, so at the article level two articles of one pair are a *same-story*
pair and two articles of different pairs are a *different-story* pair. Some different pairs
are about the same people (Brad Pitt in 002 and 030; Selena Gomez, The Weeknd, Justin Bieber
in 090, 133 and 143; the Kardashians in 017, 087, 176 and 233; Kendall Jenner in 119 and 195):
they stay *different-story* pairs (the dataset's label); they are also counted apart as
*related* pairs (the pairs share a person named in a headline: PERSON entities of the first
line, normalised) so that the report shows how many false links fall on them.

Split (documented rule): the 20 pair ids sorted by the SHA-256 hex digest of the pair id
text; the first half (10 pairs) is ``train``, the rest ``test``. A split's articles are
added, alone, to a fresh temporary store (sorted by file name, ``source_path`` = the file,
so each file is its own outlet, as with ``rumormill add`` of the folder); links come from
the store's own matcher (``Store.add_ledger`` -> ``rumormill.store.index``), groups are
the store's ``items.group_id``, origins the story builder's ``group_origins``.

Scoring, over every unordered pair of articles in the split (10 same-story, 180 different):
two articles are *linked at k* when at least ``k`` claim groups (``items.group_id``) hold
items of both. Precision/recall/F1 of "same story" for k = 1 and 2; links (``links`` rows)
per same-story and per different-story pair; and, for the groups shared by the two
articles of a same-story pair, how many are circular (one origin) or independent (2+).

``--split train`` also prints the tuning curve: a store built at threshold 0 (one with entity
names stripped from the lexical part, one without) keeps every scored candidate pair with
its evidence (the candidates do not depend on the threshold); for each weight setting and
threshold the links at or above it are kept and the groups recomputed (union-find over
those links plus claim->quote edges, as the store does). The curve at the shipped setting
is checked against the real store (``sweep_consistent``); ``choose`` applies the tuning rule
(the best F1 that links no different-story pair, with a 0.02 margin). ``--limit N`` keeps
the first N pairs of the split; ``--errors FILE`` writes the false and missed pairs as JSON.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rumormill.errors import InputError
from rumormill.records import Ledger
from rumormill.story import matching

KS = (1, 2)
THRESHOLDS = tuple(round(0.40 + 0.02 * i, 2) for i in range(26))  # 0.40 .. 0.90
WEIGHTS = ((0.5, 0.3, 0.2), (0.6, 0.2, 0.2), (0.4, 0.4, 0.2), (0.5, 0.2, 0.3), (0.4, 0.3, 0.3),
           (0.6, 0.3, 0.1), (0.7, 0.3, 0.0))


@dataclass(frozen=True, slots=True)
class Doc:
    id: str  # file stem, e.g. celeb_133_fake
    pair: str
    path: str


def split_of_pairs(pairs: list[str]) -> dict[str, str]:
    """The documented split: pairs sorted by sha256(pair_id); the first half train, the rest test."""
    ranked = sorted(set(pairs), key=lambda p: hashlib.sha256(p.encode("utf-8")).hexdigest())
    half = len(ranked) // 2
    return {p: ("train" if i < half else "test") for i, p in enumerate(ranked)}


def load(path: str) -> list[Doc]:
    folder = Path(path)
    meta = folder / "metadata.csv"
    if not meta.is_file():
        raise InputError(f"{meta}: not found (expected the celebrity_perezrosas2018 folder)")
    docs = []
    with meta.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            f = folder / f"{row['id']}.txt"
            if not f.is_file():
                raise InputError(f"{f}: listed in metadata.csv but missing")
            docs.append(Doc(id=row["id"], pair=row["pair_id"], path=str(f)))
    if not docs:
        raise InputError(f"{meta}: no articles")
    return sorted(docs, key=lambda d: d.id)


@contextmanager
def matching_settings(threshold: float | None = None, weights: tuple[float, float, float] | None = None,
                      strip_names: bool | None = None) -> Iterator[None]:
    """Temporarily set the matcher's link threshold, score weights and name stripping (module constants)."""
    old = (matching.LINK_THRESHOLD, matching.W_LEXICAL, matching.W_MINHASH, matching.W_ENTITY, matching.STRIP_NAMES)
    try:
        if threshold is not None:
            matching.LINK_THRESHOLD = threshold
        if weights is not None:
            matching.W_LEXICAL, matching.W_MINHASH, matching.W_ENTITY = weights
        if strip_names is not None:
            matching.STRIP_NAMES = strip_names
        yield
    finally:
        (matching.LINK_THRESHOLD, matching.W_LEXICAL, matching.W_MINHASH, matching.W_ENTITY,
         matching.STRIP_NAMES) = old


def headline_people(ledger: Ledger) -> set[str]:
    """Normalised PERSON names mentioned in the first line (the headline)."""
    end = ledger.text.find("\n")
    end = len(ledger.text) if end < 0 else end
    return {matching.norm_name(e.name) for e in ledger.entities
            if e.type == "PERSON" and any(s < end for s, _ in e.spans)}


# --------------------------------------------------------------------------- the store side
def build_store(docs: list[Doc], ledgers: dict[str, Ledger], db: str, threshold: float | None = None,
                weights: tuple[float, float, float] | None = None,
                strip_names: bool | None = None) -> dict[str, Any]:
    """Add the docs' ledgers to a fresh store at ``db``; return its items and links as plain data."""
    from rumormill.store import open_store

    with matching_settings(threshold, weights, strip_names), open_store(db) as store:
        for d in docs:
            store.add_ledger(ledgers[d.id], source_path=d.path)
        items = [dict(r) for r in store.query(
            "SELECT i.rowid, i.article_id, i.item_id, i.kind, i.text, i.group_id, i.origin, i.origin_via,"
            " i.source_kind, i.source_label, json_extract(i.info, '$.quote') AS quote, a.source_path, a.outlet,"
            " coalesce(a.published, a.published_earliest) AS published"
            " FROM items i JOIN articles a ON a.id = i.article_id", ())]
        links = [dict(r) for r in store.query("SELECT a, b, score, evidence FROM links", ())]
    doc_of = {str(Path(d.path)): d.id for d in docs}
    for it in items:
        it["doc"] = doc_of[str(Path(it["source_path"]))]
    for ln in links:
        ln["evidence"] = json.loads(ln["evidence"])
    return {"items": items, "links": links}


def regroup(items: list[dict[str, Any]], links: list[dict[str, Any]]) -> dict[int, int]:
    """rowid -> group (smallest rowid of its component) over ``links`` plus claim->quote edges."""
    parent = {it["rowid"]: it["rowid"] for it in items}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_id = {(it["article_id"], it["item_id"]): it["rowid"] for it in items}
    edges = [(ln["a"], ln["b"]) for ln in links]
    edges += [(by_id[(it["article_id"], it["quote"])], it["rowid"]) for it in items
              if it["quote"] and (it["article_id"], it["quote"]) in by_id]
    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {r: find(r) for r in parent}


def pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def score_pairs(docs: list[Doc], items: list[dict[str, Any]], links: list[dict[str, Any]],
                group_of: dict[int, int], related: set[tuple[str, str]] | None = None) -> dict[str, Any]:
    """Article-pair figures from items, links and a rowid -> group map."""
    from rumormill.story.origins import group_origins

    pair_of = {d.id: d.pair for d in docs}
    doc_of_row = {it["rowid"]: it["doc"] for it in items}
    members: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for it in items:
        members[group_of[it["rowid"]]].append(it)
    shared: Counter[tuple[str, str]] = Counter()
    shared_groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for g, its in members.items():
        arts = sorted({it["doc"] for it in its})
        for a, b in itertools.combinations(arts, 2):
            shared[(a, b)] += 1
            shared_groups[(a, b)].append(g)
    nlinks: Counter[tuple[str, str]] = Counter()
    for ln in links:
        a, b = doc_of_row[ln["a"]], doc_of_row[ln["b"]]
        if a != b:
            nlinks[pair_key(a, b)] += 1
    all_pairs = [pair_key(a.id, b.id) for a, b in itertools.combinations(docs, 2)]
    same = [p for p in all_pairs if pair_of[p[0]] == pair_of[p[1]]]
    diff = [p for p in all_pairs if pair_of[p[0]] != pair_of[p[1]]]
    related = related or set()
    fig: dict[str, Any] = {"articles": len(docs), "same_story_pairs": len(same), "different_story_pairs": len(diff),
                           "related_pairs": sum(1 for p in diff if p in related)}
    for k in KS:
        tp = sum(1 for p in same if shared[p] >= k)
        fp = sum(1 for p in diff if shared[p] >= k)
        fn = len(same) - tp
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        fig.update({f"k{k}_tp": tp, f"k{k}_fp": fp, f"k{k}_fn": fn, f"k{k}_precision": round(prec, 4),
                    f"k{k}_recall": round(rec, 4), f"k{k}_f1": round(f1, 4),
                    f"k{k}_fp_related": sum(1 for p in diff if shared[p] >= k and p in related)})
    fig["links_per_same_pair"] = round(sum(nlinks[p] for p in same) / len(same), 3) if same else 0.0
    fig["links_per_different_pair"] = round(sum(nlinks[p] for p in diff) / len(diff), 4) if diff else 0.0
    fig["links_same"] = sum(nlinks[p] for p in same)
    fig["links_different"] = sum(nlinks[p] for p in diff)
    fig["shared_groups_same"] = sum(shared[p] for p in same)
    fig["shared_groups_different"] = sum(shared[p] for p in diff)
    circ = indep = 0
    for p in same:
        for g in shared_groups[p]:
            o = group_origins([{**it, "article_id": it["article_id"]} for it in members[g]])
            circ += bool(o["circular"])
            indep += o["independent_origins"] > 1
    fig["same_groups_circular"] = circ
    fig["same_groups_independent"] = indep
    wrong = []
    for p in diff:
        for g in shared_groups[p]:
            texts = [(it["doc"], it["kind"], it["text"][:160]) for it in members[g] if it["doc"] in p]
            wrong.append({"pair": list(p), "related": p in related, "group": g, "items": texts})
    missed = [list(p) for p in same if shared[p] == 0]
    return {"figures": fig, "wrong": wrong, "missed": missed}


def related_pairs(docs: list[Doc], ledgers: dict[str, Ledger]) -> set[tuple[str, str]]:
    """Different-story article pairs whose story pairs share a person named in a headline."""
    people: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        people[d.pair] |= headline_people(ledgers[d.id])
    out = set()
    for a, b in itertools.combinations(docs, 2):
        if a.pair != b.pair and people[a.pair] & people[b.pair]:
            out.add(pair_key(a.id, b.id))
    return out


def sweep(docs: list[Doc], ledgers: dict[str, Ledger], db: str,
          related: set[tuple[str, str]]) -> list[dict[str, Any]]:
    """F1 by name stripping, weights and threshold, from stores of every scored candidate pair (threshold 0)."""
    rows = []
    for strip, w in itertools.product((matching.STRIP_NAMES, not matching.STRIP_NAMES), WEIGHTS):
        if w == WEIGHTS[0]:
            cand = build_store(docs, ledgers, f"{db}.{int(strip)}", threshold=0.0, strip_names=strip)
            items, links = cand["items"], cand["links"]
        default_w = w == (matching.W_LEXICAL, matching.W_MINHASH, matching.W_ENTITY)  # the store's own score
        scored = []
        for ln in links:
            ev = ln["evidence"]
            s = ln["score"] if default_w else (w[0] * ev["lexical"] + w[1] * ev["minhash_jaccard"]
                                               + w[2] * ev["entity_agreement"])
            scored.append((s, ln))
        for t in THRESHOLDS:
            kept = [ln for s, ln in scored if s >= t - 1e-9]
            res = score_pairs(docs, items, kept, regroup(items, kept), related)["figures"]
            rows.append({"strip_names": strip, "weights": list(w), "threshold": t,
                         **{k: res[k] for k in ("k1_precision", "k1_recall", "k1_f1", "k2_precision",
                                                "k2_recall", "k2_f1", "links_same", "links_different")}})
    return rows


def choose(curve: list[dict[str, Any]]) -> dict[str, Any]:
    """The tuning rule: the highest k=1 F1 among settings that link no different-story pair (precision 1.0)
    at their threshold *and* at the next lower one (a 0.02 margin: not on the edge of a false link); ties by
    the shipped weights (they change only for a better k=1 F1), then k=2 F1, then names stripped, then the
    higher threshold. Without the constraint the best F1 comes from linking different claims about the same
    people (see docs/store.md)."""
    prec = {(r["strip_names"], tuple(r["weights"]), r["threshold"]): r["k1_precision"] for r in curve}

    def safe(r: dict[str, Any]) -> bool:
        lower = prec.get((r["strip_names"], tuple(r["weights"]), round(r["threshold"] - 0.02, 2)), 1.0)
        return r["k1_precision"] == 1.0 and lower == 1.0

    ok = [r for r in curve if safe(r)] or curve
    return max(ok, key=lambda r: (r["k1_f1"], tuple(r["weights"]) == WEIGHTS[0], r["k2_f1"], r["strip_names"],
                                  r["threshold"]))


# --------------------------------------------------------------------------- run / format
def analyse(docs: list[Doc], errors: list[str]) -> dict[str, Ledger]:
    import rumormill

    out = {}
    for d in docs:
        try:
            out[d.id] = rumormill.analyze_path(d.path)
        except Exception as exc:
            errors.append(f"{d.path}: {type(exc).__name__}: {exc}")
    return out


def run(path: str, split: str | None = None, limit: int | None = None, errors: str | None = None,
        **_: Any) -> dict[str, Any]:
    split = split or "test"
    if split not in ("train", "test", "all"):
        raise InputError(f"--split must be train, test or all (got {split!r})")
    docs = load(path)
    halves = split_of_pairs([d.pair for d in docs])
    if split != "all":
        docs = [d for d in docs if halves[d.pair] == split]
    if limit:
        keep = sorted({d.pair for d in docs})[: max(1, limit)]
        docs = [d for d in docs if d.pair in keep]
    t0 = time.perf_counter()
    failed: list[str] = []
    ledgers = analyse(docs, failed)
    docs = [d for d in docs if d.id in ledgers]
    t_analyse = time.perf_counter() - t0
    related = related_pairs(docs, ledgers)
    with tempfile.TemporaryDirectory(prefix="rumormill-eval-story-") as tmp:
        real = build_store(docs, ledgers, str(Path(tmp) / "real.db"))
        group_of = {it["rowid"]: it["group_id"] for it in real["items"]}
        res = score_pairs(docs, real["items"], real["links"], group_of, related)
        curve: list[dict[str, Any]] = []
        if split == "train":
            curve = sweep(docs, ledgers, str(Path(tmp) / "candidates.db"), related)
    fig = res["figures"]
    fig.update({"threshold": matching.LINK_THRESHOLD, "strip_names": matching.STRIP_NAMES, "failed": len(failed), "analyse_seconds": round(t_analyse, 1)})
    if curve:
        shipped = [r for r in curve if r["weights"] == [matching.W_LEXICAL, matching.W_MINHASH, matching.W_ENTITY]
                   and r["strip_names"] == matching.STRIP_NAMES and abs(r["threshold"] - matching.LINK_THRESHOLD) < 1e-9]
        fig["sweep_consistent"] = bool(shipped) and all(shipped[0][k] == fig[k] for k in (
            "k1_f1", "k2_f1", "links_same", "links_different"))
        best = choose(curve)
        free = max(curve, key=lambda r: (r["k1_f1"], r["k2_f1"], r["threshold"]))
        fig.update({"best_threshold": best["threshold"], "best_weights": "/".join(map(str, best["weights"])),
                    "best_strip_names": best["strip_names"], "best_k1_f1": best["k1_f1"],
                    "unconstrained_best_threshold": free["threshold"],
                    "unconstrained_best_weights": "/".join(map(str, free["weights"])),
                    "unconstrained_best_strip_names": free["strip_names"], "unconstrained_best_k1_f1": free["k1_f1"],
                    "unconstrained_best_links_different": free["links_different"]})
    if errors:
        Path(errors).write_text(json.dumps({"wrong": res["wrong"], "missed": res["missed"], "failed": failed},
                                           indent=1, ensure_ascii=False), encoding="utf-8")
    for f in failed:
        print(f"rumormill: warning: {f}", file=sys.stderr)
    return {"figures": fig, "split": split, "pairs": sorted({d.pair for d in docs}), "curve": curve,
            "wrong": res["wrong"], "missed": res["missed"]}


def format(result: dict[str, Any]) -> str:
    f = result["figures"]
    lines = [f"story matching on celebrity pairs, split {result['split']} (pairs {' '.join(result['pairs'])})",
             f"articles {f['articles']}, same-story pairs {f['same_story_pairs']}, different-story pairs "
             f"{f['different_story_pairs']} ({f['related_pairs']} of them about the same people), "
             f"threshold {f['threshold']}"]
    for k in KS:
        lines.append(f"linked = >= {k} shared claim group(s): P {f[f'k{k}_precision']:.3f} R {f[f'k{k}_recall']:.3f}"
                     f" F1 {f[f'k{k}_f1']:.3f} (tp {f[f'k{k}_tp']}, fp {f[f'k{k}_fp']} of which related "
                     f"{f[f'k{k}_fp_related']}, fn {f[f'k{k}_fn']})")
    lines.append(f"links per same-story pair {f['links_per_same_pair']}, per different-story pair "
                 f"{f['links_per_different_pair']} ({f['links_same']} / {f['links_different']} links)")
    lines.append(f"groups shared by a same-story pair: {f['shared_groups_same']}, circular "
                 f"{f['same_groups_circular']}, independent (2+ origins) {f['same_groups_independent']}")
    if result["curve"]:
        lines.append("tuning curve (train): names stripped, weights lexical/minhash/entity, threshold -> k=1 P/R/F1, "
                     "k=2 F1, links same/different")
        for r in result["curve"]:
            lines.append(f"  {'strip' if r['strip_names'] else 'names'} {'/'.join(map(str, r['weights']))} "
                         f"{r['threshold']:.2f}  {r['k1_precision']:.3f} "
                         f"{r['k1_recall']:.3f} {r['k1_f1']:.3f}  {r['k2_f1']:.3f}  {r['links_same']}/"
                         f"{r['links_different']}")
        lines.append(f"without the no-false-link constraint: threshold {f['unconstrained_best_threshold']} weights "
                     f"{f['unconstrained_best_weights']} names stripped {f['unconstrained_best_strip_names']} k=1 F1 "
                     f"{f['unconstrained_best_k1_f1']} with {f['unconstrained_best_links_different']} cross-story links")
        lines.append(f"chosen (no different-story pair linked, 0.02 margin): threshold {f['best_threshold']} weights "
                     f"{f['best_weights']} names stripped {f['best_strip_names']} k=1 F1 {f['best_k1_f1']}; "
                     f"sweep matches the real store at the shipped setting: {f['sweep_consistent']}")
    for w in result["wrong"][:20]:
        lines.append(f"  false link {w['pair'][0]} ~ {w['pair'][1]}{' (related)' if w['related'] else ''}: "
                     + " | ".join(f"{d}: {t}" for d, _, t in w["items"]))
    if result["missed"]:
        lines.append("  same-story pairs not linked: " + ", ".join(" ~ ".join(p) for p in result["missed"]))
    return "\n".join(lines)
