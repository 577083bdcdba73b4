"""Did a speed change alter any output? Ledger JSON of a fixed set of articles against a reference.

    python bench/same_output.py --write /tmp/rm-ref [--parses /tmp/rm-parses.pkl]   # before
    python bench/same_output.py --check /tmp/rm-ref [--parses /tmp/rm-parses.pkl]   # after

The articles are those of ``bench/stages.py`` (40 celebrity + 43 Markkula texts from ../shared/data,
read in place). ``--write`` runs ``pipeline.analyze`` on each and writes its JSON
(``rumormill analyze --format json``) to ``DIR/<file name>.json``; ``--check`` does it again
and compares byte for byte, printing the first differing line of every changed ledger; exit
status 1 when any differs. ``--parses FILE`` keeps the spaCy parses in a pickle (made on the first
run) so repeated checks skip the parse; the parse does not depend on the rules being checked.
``--more N`` adds the first N PolNeAR dev texts (news, longer, more attributions) to the set.
To write a reference from an earlier commit: ``git archive COMMIT src | tar -x -C /tmp/old`` and
run ``--write`` with ``PYTHONPATH=/tmp/old/src``.
"""

from __future__ import annotations

import argparse
import difflib
import pickle
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stages import DATA, corpus

POLNEAR_DEV = DATA / "attribution" / "polnear" / "data" / "dev" / "text"


def parses(files: list[Path], cache: str | None) -> list[tuple[str, Any, Any]]:
    from rumormill import ingest
    from rumormill.nlp.model import parse

    if cache and Path(cache).exists():
        with open(cache, "rb") as fh:
            stored: dict[str, Any] = pickle.load(fh)
    else:
        stored = {}
    out = []
    for f in files:
        article = ingest.load_path(f)
        p = stored.get(f.name)
        if p is None or p.text != article.text:
            p = stored[f.name] = parse(article.text)
        out.append((f.name, article, p))
    if cache:
        with open(cache, "wb") as fh:
            pickle.dump(stored, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", metavar="DIR", help="write the reference ledgers")
    mode.add_argument("--check", metavar="DIR", help="compare with the reference ledgers")
    ap.add_argument("--parses", metavar="FILE", help="pickle of the spaCy parses (made when missing)")
    ap.add_argument("--more", type=int, default=0, metavar="N", help="add the first N PolNeAR dev texts")
    args = ap.parse_args()

    from rumormill.pipeline import analyze
    from rumormill.report import render

    out_dir = Path(args.write or args.check)
    if args.write:
        out_dir.mkdir(parents=True, exist_ok=True)
    changed = 0
    items = parses(corpus() + sorted(POLNEAR_DEV.glob("*.txt"))[: args.more], args.parses)
    for name, article, parse in items:
        got = render(analyze(article, parse), "json")
        path = out_dir / f"{name}.json"
        if args.write:
            path.write_text(got, encoding="utf-8")
            continue
        want = path.read_text(encoding="utf-8")
        if got != want:
            changed += 1
            diff = list(difflib.unified_diff(want.splitlines(), got.splitlines(), lineterm="", n=0))
            print(f"DIFFERS {name}: " + " | ".join(diff[2:6]))
    if args.write:
        print(f"wrote {len(items)} ledgers to {out_dir}")
        return 0
    print(f"{len(items) - changed} of {len(items)} ledgers identical" + (f", {changed} differ" if changed else ""))
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
