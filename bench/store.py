"""Store benchmark: add N synthetic-but-realistic ledgers and print time per added article and store size.

The ledgers are generated from real ones: the celebrity articles under
../shared/data/articles/celebrity_perezrosas2018 and the seeds are analysed once (read
in place), then each synthetic article copies one of them with

- every person's name replaced by a pronounceable synthetic name *of the same length*
  (so every span of the ledger stays valid), one name map per story;
- a story-specific vocabulary: 80% of the lower-case words of 4+ letters are replaced by
  same-length pseudo-words, so stories made from the same real article do not read alike
  (with 50% of 5+ letter words, 10-30% of links joined different stories);
- numbers substituted: years shifted by the story's offset, ages kept 2-digit;
- relays (members 2.. of a story) keep the direct quotes verbatim and rewrite 60% of
  the other long words, as real relays do;
- a synthetic publication date (stories spread over three years, articles a day apart).

Articles come in stories of ``--story-size`` (default 5): the same template and names
with a different headline, so they relay each other (matching, groups and circular
reporting do real work), and one in five gets an age off by one (a contradiction).

    python bench/store.py --n 10000            # about 1-2 minutes
    python bench/store.py --n 100000 --chunk 10000

Prints, per chunk: articles in the store, ms per added article over the chunk, store size
(MB, including the WAL) and links/contradictions so far; at the end the ratio of the last
chunk's cost to the first (flat = close to 1) and ``--json`` prints one object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEFAULT_INPUTS = [SHARED / "data" / "articles" / "celebrity_perezrosas2018", SHARED / "seeds"]

_VOWELS, _CONS = "aeiou", "bcdfghklmnprstvz"
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")
_AGE = re.compile(r"(?<=, )(\d{2})(?=,)|\b(\d{2})(?=-year-old)")
_WORD = re.compile(r"\b[a-z]{4,}\b")


def pseudo(rng: random.Random, n: int, cap: bool) -> str:
    s = "".join((_CONS if i % 2 == 0 else _VOWELS)[rng.randrange(len(_CONS if i % 2 == 0 else _VOWELS))]
                for i in range(n))
    return s.capitalize() if cap else s


def templates(inputs: list[Path], limit: int) -> list[dict[str, Any]]:
    from rumormill import ingest
    from rumormill.pipeline import analyze

    files = sorted(f for d in inputs if d.exists() for f in d.iterdir() if f.suffix == ".txt")[:limit]
    if not files:
        sys.exit(f"no input articles under {', '.join(map(str, inputs))}")
    out = []
    for f in files:
        out.append(analyze(ingest.load_path(f)).to_dict())
    return out




def synthesize(tpl: dict[str, Any], story: int, member: int, rng_seed: int) -> dict[str, Any]:
    """One synthetic ledger dict from a template (all spans stay valid: substitutions keep lengths)."""
    from rumormill.pipeline import article_id

    rng = random.Random(f"{rng_seed}:{story}")
    text: str = tpl["text"]
    chars = list(text)
    names: dict[str, str] = {}
    for e in tpl["entities"]:
        if e["type"] != "PERSON":
            continue
        for tok in re.findall(r"[A-Z][a-z]+", e["name"]):
            names.setdefault(tok, pseudo(rng, len(tok), True))
    vocab: dict[str, str] = {}

    def sub_at(start: int, repl: str) -> None:
        chars[start:start + len(repl)] = list(repl)

    for m in re.finditer(r"\b[A-Z][a-z]+\b", text):
        if m.group(0) in names:
            sub_at(m.start(), names[m.group(0)])
    # relays copy direct quotes verbatim and rewrite the prose around them
    quoted = [q["span"] for q in tpl["quotes"] if q["kind"] == "direct"]
    mrng = random.Random(f"{rng_seed}:{story}:{member}")
    for m in _WORD.finditer(text):
        w = m.group(0)
        if w not in vocab:
            vocab[w] = pseudo(rng, len(w), False) if rng.random() < 0.8 else w
        repl = vocab[w]
        if member and not any(a <= m.start() < b for a, b in quoted) and mrng.random() < 0.6:
            repl = pseudo(mrng, len(w), False)
        sub_at(m.start(), repl)
    shift = story % 7 - 3
    for m in _YEAR.finditer(text):
        sub_at(m.start(), str(int(m.group(0)) + shift))
    if member % 5 == 4:  # one in five relays gets an age wrong by one
        for m in _AGE.finditer(text):
            g = m.group(1) or m.group(2)
            sub_at(m.start(), f"{min(99, int(g) + 1):02d}")
    new_text = "".join(chars)
    d = json.loads(json.dumps(tpl))
    head = ["EXCLUSIVE: ", "REPORT: ", "WATCH: ", "UPDATE: ", "", "NEW: ", "SHOCK: "][member % 7]
    # the headline is the first line; prefixing it shifts every span by len(head)
    new_text = head + new_text if member else new_text
    off = len(head) if member else 0

    def fix(node: Any) -> Any:
        if isinstance(node, dict):
            out = {}
            for k, v in node.items():
                if k in ("span", "cue_span") and v is not None:
                    out[k] = [v[0] + off, v[1] + off]
                elif k == "spans":
                    out[k] = [[a + off, b + off] for a, b in v]
                else:
                    out[k] = fix(v)
            if "span" in out and isinstance(out.get("text"), str) and out["span"] is not None:
                out["text"] = new_text[out["span"][0]:out["span"][1]]
            return out
        if isinstance(node, list):
            return [fix(x) for x in node]
        if isinstance(node, str):
            return _rename(node, names)
        return node

    d = fix(d)
    d["text"] = new_text
    d["title"] = new_text.split("\n", 1)[0]
    d["id"] = article_id(new_text)
    day = 19000 + story * 1 + member  # ordinal days: stories start a day apart, relays follow
    from datetime import date

    iso = date.fromordinal(730000 + (day % 1100)).isoformat()
    d["published"] = {"value": iso, "earliest": iso, "latest": iso, "how": "given", "reason": None}
    for e in d["entities"]:
        for f in e.get("facts", []):
            f["value"] = new_text[f["span"][0]:f["span"][1]].strip() or f["value"]
    return d


def _rename(s: str, names: dict[str, str]) -> str:
    return re.sub(r"\b[A-Z][a-z]+\b", lambda m: names.get(m.group(0), m.group(0)), s) if names else s


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--chunk", type=int, default=None, help="report every CHUNK articles (default n/10)")
    ap.add_argument("--story-size", type=int, default=5)
    ap.add_argument("--templates", type=int, default=60, help="at most this many real articles to start from")
    ap.add_argument("--db", default=None, help="store path (default: a temporary file, removed at the end)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cache", default=None, help="keep the analysed real ledgers in this JSON file between runs")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from rumormill.store import ledger_from_dict, open_store

    t0 = time.perf_counter()
    if args.cache and os.path.exists(args.cache):
        tpls = json.loads(Path(args.cache).read_text(encoding="utf-8"))
    else:
        tpls = templates(DEFAULT_INPUTS, args.templates)
        if args.cache:
            Path(args.cache).write_text(json.dumps(tpls), encoding="utf-8")
    items_per = sum(len(t["quotes"]) + len(t["claims"]) for t in tpls) / len(tpls)
    print(f"{len(tpls)} real ledgers ready in {time.perf_counter() - t0:.1f}s "
          f"({items_per:.1f} claims+quotes per article)", file=sys.stderr)
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="rumormill-bench-")
        db = os.path.join(tmp.name, "bench.db")
    else:
        db = args.db
    chunk = args.chunk or max(1, args.n // 10)
    store = open_store(db)
    rows = []
    gen_time = add_time = 0.0
    done = 0
    print(f"{'articles':>9} {'ms/article':>10} {'store MB':>9} {'links':>9} {'contradictions':>14}")
    while done < args.n:
        n = min(chunk, args.n - done)
        spent = 0.0
        for i in range(done, done + n):
            story, member = divmod(i, args.story_size)
            g0 = time.perf_counter()
            ledger = ledger_from_dict(synthesize(tpls[story % len(tpls)], story, member, args.seed))
            g1 = time.perf_counter()
            store.add_ledger(ledger, source_path=None, outlet=f"outlet-{(story * 3 + member) % 250}")
            spent += time.perf_counter() - g1
            gen_time += g1 - g0
        done += n
        add_time += spent
        size = sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p)) / 1e6
        c = store.query("SELECT (SELECT count(*) FROM links), (SELECT count(*) FROM contradictions)")[0]
        rows.append({"articles": done, "ms_per_article": 1000 * spent / n, "store_mb": size,
                     "links": c[0], "contradictions": c[1]})
        r = rows[-1]
        print(f"{done:>9} {r['ms_per_article']:>10.2f} {size:>9.1f} {c[0]:>9} {c[1]:>14}", flush=True)
    store.close()
    flat = rows[-1]["ms_per_article"] / rows[0]["ms_per_article"]
    result = {"articles": done, "first_chunk_ms_per_article": round(rows[0]["ms_per_article"], 3),
              "last_chunk_ms_per_article": round(rows[-1]["ms_per_article"], 3),
              "last_over_first": round(flat, 3), "mean_ms_per_article": round(1000 * add_time / done, 3),
              "store_mb": round(rows[-1]["store_mb"], 1),
              "kb_per_article": round(1000 * rows[-1]["store_mb"] / done, 2),
              "claims_quotes_per_article": round(items_per, 1)}
    print(f"mean {result['mean_ms_per_article']} ms per added article; last chunk / first chunk = {flat:.2f}; "
          f"{result['kb_per_article']} kB per article; generation took {gen_time:.1f}s (not counted)")
    if args.json:
        print(json.dumps(result))
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
