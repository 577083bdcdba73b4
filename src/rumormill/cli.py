"""Thin commands over the library. Errors become one line on stderr and exit status 2."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rumormill.errors import RumormillError


def _out(text: str, path: str | None) -> None:
    if path:
        Path(path).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


# --------------------------------------------------------------------------- analyze
def cmd_analyze(args: argparse.Namespace) -> int:
    from rumormill import ingest
    from rumormill.pipeline import analyze
    from rumormill.report import render

    if args.path == "-":
        data = sys.stdin.buffer.read()
        article = ingest.load_bytes(data, name=None, published=args.published, max_bytes=args.max_bytes)
    else:
        article = ingest.load_path(args.path, published=args.published, max_bytes=args.max_bytes)
    ledger = analyze(article)
    for w in ledger.warnings:
        print(f"rumormill: warning: {w}", file=sys.stderr)
    _out(render(ledger, args.format), args.output)
    return 0


# --------------------------------------------------------------------------- eval
EVALS: dict[str, tuple[str, str]] = {
    # name -> (module, help); each module has ``run(path, **options) -> dict`` and ``format(result) -> str``
    "extraction": ("rumormill.evaluation.extraction", "article-body extraction on scrapinghub-aeb"),
    "tempeval3": ("rumormill.evaluation.tempeval3", "TIMEX3 extent/type/value on TempEval-3 platinum"),
    "meantime": ("rumormill.evaluation.meantime", "TIMEX3 and publication-date inference on MEANTIME (en)"),
    "weasel": ("rumormill.evaluation.weasel", "hedge-cue sentences on szeged_wikiweasel (held-out half)"),
    "polnear": ("rumormill.evaluation.polnear", "attribution source/cue/content spans on PolNeAR"),
    "polnear-timex": ("rumormill.evaluation.polnear_timex", "TIMEX3 on our own annotation of 243 PolNeAR articles"),
    "web-timex": ("rumormill.evaluation.web_timex", "TIMEX3 on our own annotation of 100 scrapinghub-aeb news pages"),
    "markkula-timex": ("rumormill.evaluation.markkula_timex", "TIMEX3 on our own annotation of 34 Markkula news articles"),
    "markkula": ("rumormill.evaluation.markkula", "source type (incl. anonymous) on markkula-journ-sourcing"),
    "pubdate": ("rumormill.evaluation.pubdate", "publication-date inference, date hidden, on PolNeAR or Markkula"),
    "story": ("rumormill.evaluation.story", "cross-article claim matching on the celebrity legit/fake pairs"),
    "checks": ("rumormill.evaluation.checks", "consistency checks on real dated articles (counts; --errors to read)"),
}


def cmd_eval(args: argparse.Namespace) -> int:
    import importlib

    module = importlib.import_module(EVALS[args.corpus][0])
    options: dict[str, Any] = {k: v for k, v in vars(args).items()
                               if k not in ("func", "corpus", "path", "json") and v is not None}
    result = module.run(args.path, **options)
    if args.json:
        print(json.dumps(result["figures"], sort_keys=True))
    else:
        print(module.format(result))
    return 0


def _add_eval(sub: Any) -> None:
    p = sub.add_parser("eval", help="measure accuracy on a public corpus")
    p.add_argument("corpus", choices=sorted(EVALS), help="which benchmark")
    p.add_argument("path", help="the corpus folder (read in place)")
    p.add_argument("--json", action="store_true", help="print one JSON object of the figures")
    p.add_argument("--split", default=None, help="corpus split (polnear: train|dev|test)")
    p.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    p.add_argument("--errors", default=None, help="write per-document errors to this file")
    p.set_defaults(func=cmd_eval)


# --------------------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    from rumormill.ingest import DEFAULT_MAX_BYTES

    parser = argparse.ArgumentParser(
        prog="rumormill",
        description="Turn news articles into an auditable ledger of who claims what, how sure they are, and when.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="analyse one article (text or HTML) into a ledger")
    p.add_argument("path", help="a .txt or .html/.htm file, or - for standard input")
    p.add_argument("--published", help="publication date YYYY[-MM[-DD]] (wins over page metadata)")
    p.add_argument("--format", choices=["json", "markdown", "html"], default="json")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="input size limit in bytes")
    p.set_defaults(func=cmd_analyze)

    _add_eval(sub)
    for register in REGISTER:
        register(sub)
    return parser


# Other command groups add themselves here (store, story, serve, batch).
REGISTER: list[Callable[[Any], None]] = []


def _register_batch(sub: Any) -> None:
    from rumormill.cli_batch import register

    register(sub)


REGISTER.append(_register_batch)


def _register_web(sub: Any) -> None:
    from rumormill.cli_web import register

    register(sub)


REGISTER.append(_register_web)


def _register_store(sub: Any) -> None:
    from rumormill.cli_store import register

    register(sub)


REGISTER.append(_register_store)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except RumormillError as exc:
        print(f"rumormill: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("rumormill: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
