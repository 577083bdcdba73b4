"""Store commands: ``add``, ``list``, ``show``, ``export``, ``story`` (thin wrappers over rumormill.store/story)."""

from __future__ import annotations

import argparse
import glob
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rumormill.errors import RumormillError, StoreError

SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml")  # not .md: data folders hold README.md


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=None, help="store path (default: $RUMORMILL_DB or ./rumormill.db)")


def _open_existing(db: str | None) -> Any:
    """Open the store for a read command; a missing file is an error, not a new empty store."""
    import os

    from rumormill.store import open_store

    path = db or os.environ.get("RUMORMILL_DB") or "rumormill.db"
    if path != ":memory:" and not Path(path).exists():
        raise StoreError(f"no store at {path} (add articles first: rumormill add PATH --db {path})")
    return open_store(path)


def expand_inputs(paths: list[str]) -> Iterator[tuple[str, str | None]]:
    """(path, error) for every file named, found under a directory, or matched by a glob."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not found:
                yield raw, f"no .txt/.html files under {raw}"
            for f in found:
                yield str(f), None
        elif p.exists():
            yield raw, None
        elif any(ch in raw for ch in "*?["):
            matches = sorted(m for m in glob.glob(raw, recursive=True) if Path(m).is_file())
            if not matches:
                yield raw, f"no file matches {raw}"
            for m in matches:
                yield m, None
        else:
            yield raw, f"no such file: {raw}"


def cmd_add(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from rumormill import ingest
    from rumormill.pipeline import analyze
    from rumormill.store import open_store

    inputs = list(expand_inputs(args.paths))
    added = unchanged = failed = 0
    with open_store(args.db) as store:
        bar = tqdm(inputs, file=sys.stderr, unit="article", disable=args.quiet or None, dynamic_ncols=True)
        for path, error in bar:
            try:
                if error:
                    raise RumormillError(error)
                article = ingest.load_path(path, published=args.published, max_bytes=args.max_bytes)
                _, new = store.add_ledger(analyze(article), source_path=path, outlet=args.outlet)
                added += new
                unchanged += not new
            except Exception as exc:  # one bad file is reported in one line; the rest go on
                failed += 1
                msg = str(exc) if isinstance(exc, RumormillError) else f"{type(exc).__name__}: {exc}"
                tqdm.write(f"rumormill: error: {path}: {msg}", file=sys.stderr)
        bar.close()
        total = store.count_articles()
        print(f"added {added}, unchanged {unchanged}, failed {failed}; {total} articles in {store.path}",
              file=sys.stderr)
    return 1 if failed else 0


def cmd_list(args: argparse.Namespace) -> int:
    with _open_existing(args.db) as store:
        rows = store.list_articles(args.query, limit=args.limit, offset=args.offset)
        if args.format == "json":
            print(json.dumps(rows, ensure_ascii=False, indent=2))
            return 0
        if args.stats:
            for table, n in store.counts().items():
                print(f"{table:16} {n:>10,}")
            return 0
        if not rows:
            print("no articles" + (f" matching {args.query!r}" if args.query else ""), file=sys.stderr)
            return 0
        print(f"{'id':16}  {'published':10}  {'outlet':22}  {'claims':>6}  {'quotes':>6}  title")
        for r in rows:
            pub = r["published"] or (f"~{r['published_earliest']}" if r["published_earliest"] else "unknown")
            print(f"{r['id']:16}  {pub[:10]:10}  {r['outlet'][:22]:22}  {r['claims']:>6}  {r['quotes']:>6}  "
                  f"{(r['title'] or '(untitled)')[:70]}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from rumormill.report import render
    from rumormill.store import ledger_from_dict

    with _open_existing(args.db) as store:
        data = store.get(args.id)
        if args.format == "json":
            text = json.dumps(data, ensure_ascii=False, indent=2)
        else:
            meta = data.pop("store")
            text = render(ledger_from_dict(data), "markdown")
            text += (f"\n\n---\nStored: outlet {meta['outlet']} ({meta['outlet_how']}), from "
                     f"{meta['source_path'] or 'library call'}, added {meta['added_at']}\n")
    _write(text, args.output)
    return 0


def _write(text: str, path: str | None) -> None:
    if path:
        Path(path).write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


_ARROW = {"INTEGER": "int64", "REAL": "float64", "TEXT": "string", "BLOB": "binary"}


def cmd_export(args: argparse.Namespace) -> int:
    from rumormill.store.queries import TABLES

    with _open_existing(args.db) as store:
        if args.format == "jsonl":
            out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
            try:
                for data in store.iter_ledgers():
                    out.write(json.dumps(data, ensure_ascii=False) + "\n")
            finally:
                if args.output:
                    out.close()
            return 0
        if args.table not in TABLES or args.table == "item_keys":
            raise StoreError(f"cannot export table {args.table!r}")
        cols = [(r["name"], (r["type"] or "TEXT").upper()) for r in store.query(f"PRAGMA table_info({args.table})")]
        if args.table == "articles" and not args.with_ledger:
            cols = [c for c in cols if c[0] != "ledger"]
        if args.table == "items":
            cols = [c for c in cols if c[0] != "minhash"]
        names = [c[0] for c in cols]
        rows = store.query(f"SELECT {', '.join(names)} FROM {args.table}")
        if args.format == "csv":
            import csv

            out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout  # noqa: SIM115
            try:
                w = csv.writer(out)
                w.writerow(names)
                w.writerows(tuple(r) for r in rows)
            finally:
                if args.output:
                    out.close()
            return 0
        if not args.output:
            raise StoreError("parquet export needs -o FILE")
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema = pa.schema([(n, getattr(pa, _ARROW.get(t, "string"))()) for n, t in cols])
        table = pa.Table.from_pylist([dict(r) for r in rows], schema=schema)
        pq.write_table(table, args.output)
        print(f"wrote {table.num_rows} rows of {args.table} to {args.output}", file=sys.stderr)
    return 0


def cmd_story(args: argparse.Namespace) -> int:
    from rumormill.story import build_story, render_markdown

    with _open_existing(args.db) as store:
        story = build_story(store, entity=args.entity, query=args.query, limit=args.limit)
    if not story["articles"]:
        what = f"entity {args.entity!r}" if args.entity else f"query {args.query!r}"
        print(f"rumormill: no stored article matches {what}", file=sys.stderr)
    text = json.dumps(story, ensure_ascii=False, indent=2) if args.format == "json" else render_markdown(story)
    _write(text, args.output)
    return 0


def register(sub: Any) -> None:
    from rumormill.ingest import DEFAULT_MAX_BYTES

    p = sub.add_parser("add", help="analyse articles and add their ledgers to the store")
    p.add_argument("paths", nargs="+", help="files, directories (searched for .txt/.html) or globs")
    _db_arg(p)
    p.add_argument("--outlet", help="the publisher of these articles (default: the author source, else the file name)")
    p.add_argument("--published", help="publication date YYYY[-MM[-DD]] for all of them")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="input size limit in bytes")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("list", help="list stored articles")
    _db_arg(p)
    p.add_argument("--query", help="filter: title, outlet, entity name or claim/quote words")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--stats", action="store_true", help="print the row count of every table instead")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="show one stored article's ledger")
    p.add_argument("id", help="article id (or a unique prefix)")
    _db_arg(p)
    p.add_argument("--format", choices=["json", "markdown"], default="markdown")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("export", help="export the store: ledgers as JSONL, or one table as CSV/Parquet")
    _db_arg(p)
    p.add_argument("--format", choices=["jsonl", "csv", "parquet"], required=True)
    p.add_argument("--table", default="articles", help="table for csv/parquet (articles, claims, quotes, sources, "
                   "entities, facts, times, checks, items, links, contradictions)")
    p.add_argument("--with-ledger", action="store_true", help="include the ledger JSON column of articles")
    p.add_argument("-o", "--output", help="output file (required for parquet)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("story", help="what a story rests on: claim groups, origins, circular reporting, contradictions")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--entity", help="a person or organisation named in the articles")
    g.add_argument("--query", help="words of the claims to follow")
    _db_arg(p)
    p.add_argument("--format", choices=["markdown", "json"], default="markdown")
    p.add_argument("--limit", type=int, default=50, help="at most this many claim groups")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.set_defaults(func=cmd_story)
