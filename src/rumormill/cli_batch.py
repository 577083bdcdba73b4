"""``rumormill batch``: many articles into the store or Parquet part-files."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def cmd_batch(args: argparse.Namespace) -> int:
    from rumormill.batch import EXIT_COMPLETED_WITH_FAILURES, run_batch

    summary = run_batch(
        args.inputs,
        out=args.out,
        db=args.db,
        workers=args.workers,
        dask=args.dask,
        resume=args.resume,
        max_bytes=args.max_bytes,
        reload_every=args.reload_every,
        rows_per_part=args.rows_per_part,
        partition_size=args.partition_size,
        progress=not args.quiet,
    )
    print(f"rumormill: {summary.format()}", file=sys.stderr)
    if args.summary_json:
        print(json.dumps(summary.to_dict(), sort_keys=True))
    return EXIT_COMPLETED_WITH_FAILURES if summary.failed else 0


def register(sub: Any) -> None:
    from rumormill.batch.work import DEFAULT_RELOAD_EVERY, PARTITION_SIZE
    from rumormill.ingest import DEFAULT_MAX_BYTES

    p = sub.add_parser(
        "batch",
        help="analyse many articles (directories, JSON Lines, Parquet, WARC) into the store or Parquet",
        description=(
            "Analyse every document of the inputs. Inputs: directories of .txt/.html (recursive), "
            ".jsonl (one object per line with 'text' or 'html', optional id/url/published/title), "
            ".parquet with the same columns, .warc/.warc.gz (HTML responses). A document that fails "
            "becomes a failure row with its reason and the batch goes on. Exit status: 0 all done, "
            "3 completed with failures, 2 could not run."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="directories and files to analyse")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--db", help="add the ledgers to this SQLite store (single writer: this process)")
    out.add_argument("--out", help="write Parquet part-files (one row per document) into this directory")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: every core)")
    p.add_argument("--dask", metavar="local|tcp://HOST:PORT",
                   help="run on Dask: 'local' starts a LocalCluster, or the address of a scheduler")
    p.add_argument("--resume", action="store_true", help="skip the documents the output already holds")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                   help="documents over this size fail as 'too big'")
    p.add_argument("--reload-every", type=int, default=DEFAULT_RELOAD_EVERY,
                   help="reload the spaCy model in a worker after this many articles (keeps memory flat)")
    p.add_argument("--rows-per-part", type=int, default=1000,
                   help="with --out: documents per Parquet part-file (a part is also closed every 30 s)")
    p.add_argument("--partition-size", type=int, default=PARTITION_SIZE,
                   help="with --dask: documents per task (each writes one part-file with --out)")
    p.add_argument("--summary-json", action="store_true", help="print the summary as one JSON object")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_batch)
