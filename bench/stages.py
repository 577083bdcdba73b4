"""CPU time per pipeline stage over a fixed set of real articles, the parse apart and included.

    python bench/stages.py [--repeat 3] [--json] [--profile claims [--top 25]]

The articles: the 40 celebrity texts (Pérez-Rosas et al. 2018) and the 43 Markkula
journalism-sourcing articles under ../shared/data, read in place, always the same 83. Each is
ingested and parsed once (spaCy ``nlp(text)``, then ``to_parse``, both timed); then every stage
runs over it ``--repeat`` times after one untimed warm-up pass (lexicons loaded, caches warm),
and an article's time for a stage is the *minimum* over the repeats. Times are CPU time of this
process (``time.process_time``), so another job on the machine changes them little.

Printed: per stage, ms/article mean and 90th percentile over the 83 articles, and the share of
the rules' total and of the whole (parse included). ``ledger`` is freezing the state into a
``Ledger`` and rendering it as JSON (what every output does). ``--profile STAGE`` runs cProfile
over that stage for every article and prints the functions with the most own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
CELEBRITY = DATA / "articles" / "celebrity_perezrosas2018"
MARKKULA = DATA / "attribution" / "markkula-journ-sourcing" / "articles"


def corpus() -> list[Path]:
    """The 83 articles, in a fixed order."""
    files = sorted(CELEBRITY.glob("*.txt")) + sorted(MARKKULA.glob("*.txt"))
    if not files:
        raise SystemExit(f"no articles: {CELEBRITY} and {MARKKULA} are missing (../shared beside the repo?)")
    return files


def load(files: list[Path]) -> list[tuple[str, Any, Any, float, float]]:
    """(name, article, parse, spaCy CPU seconds, to_parse CPU seconds) for every file."""
    from rumormill import ingest
    from rumormill.nlp.model import get_nlp, to_parse

    nlp = get_nlp()
    nlp("Warm-up.")
    out = []
    for f in files:
        article = ingest.load_path(f)
        t0 = time.process_time()
        doc = nlp(article.text)
        t1 = time.process_time()
        parse = to_parse(doc)
        t2 = time.process_time()
        out.append((f.name, article, parse, t1 - t0, t2 - t1))
    return out


def run_stages(article: Any, parse: Any, clock: Callable[[], float] = time.process_time,
               hook: Callable[[str, Callable[[Any], None], Any], None] | None = None) -> tuple[Any, dict[str, float]]:
    """The loop of ``pipeline.analyze`` with a chosen clock; returns the ledger and seconds per stage
    (plus ``ledger``: building the Ledger and its JSON). ``hook(name, run, state)`` replaces a call."""
    from rumormill.pipeline import State, _stages
    from rumormill.report.json import render

    state = State(article=article, parse=parse, published=article.published)
    if article.language_warning:
        state.warnings.append(article.language_warning)
    secs: dict[str, float] = {}
    for stage in _stages():
        t0 = clock()
        if hook is not None:
            hook(stage.name, stage.run, state)
        else:
            stage.run(state)
        secs[stage.name] = clock() - t0
    box: list[Any] = []

    def ledger_step(st: Any) -> None:
        box.append(_freeze(st))
        render(box[0])

    t0 = clock()
    if hook is not None:
        hook("ledger", ledger_step, state)
    else:
        ledger_step(state)
    secs["ledger"] = clock() - t0
    return box[0], secs


def _freeze(state: Any) -> Any:
    """The Ledger ``pipeline.analyze`` builds from a filled state."""
    from rumormill.pipeline import _stages, article_id
    from rumormill.records import Ledger, StageRun

    a = state.article
    return Ledger(
        id=article_id(a.text), title=a.title, published=state.published, text=a.text, headings=a.headings,
        removed=a.removed, embeds=a.embeds, entities=tuple(state.entities), sources=tuple(state.sources),
        quotes=tuple(state.quotes), claims=tuple(state.claims), times=tuple(state.times),
        timeline=tuple(state.timeline), checks=tuple(state.checks), sourcing=state.sourcing,
        stages=tuple(StageRun(name=s.name, version=s.version) for s in _stages()),
        warnings=tuple(state.warnings), author=a.author, publisher=a.publisher, url=a.url,
    )


def _stage_list() -> list[Any]:
    from rumormill.pipeline import _stages

    return _stages()


def p90(values: list[float]) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, round(0.9 * (len(v) - 1)))]


def measure(items: list[tuple[str, Any, Any, float, float]], repeat: int) -> dict[str, list[float]]:
    """Seconds per article for every stage: the minimum over ``repeat`` timed passes."""
    for _name, article, parse, _p, _c in items:  # warm-up: lexicons, caches
        run_stages(article, parse)
    best: dict[str, list[float]] = {}
    for r in range(repeat):
        for k, (_name, article, parse, _p, _c) in enumerate(items):
            _ledger, secs = run_stages(article, parse)
            for stage, s in secs.items():
                col = best.setdefault(stage, [float("inf")] * len(items))
                col[k] = min(col[k], s)
        print(f"[stages] pass {r + 1}/{repeat} done", file=sys.stderr, flush=True)
    return best


def profile(items: list[tuple[str, Any, Any, float, float]], stage: str, top: int) -> str:
    prof = cProfile.Profile()

    def hook(name: str, run: Callable[[Any], None], state: Any) -> None:
        if name == stage:
            prof.enable()
            run(state)
            prof.disable()
        else:
            run(state)

    for _name, article, parse, _p, _c in items:
        run_stages(article, parse, hook=hook)
    if not prof.getstats():
        raise SystemExit(f"no stage called {stage!r}: {', '.join(s.name for s in _stage_list())}, ledger")
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="timed passes (an article's time is the minimum)")
    ap.add_argument("--json", action="store_true", help="print one JSON object of the figures")
    ap.add_argument("--profile", metavar="STAGE", help="cProfile this stage (e.g. claims) instead of timing")
    ap.add_argument("--top", type=int, default=25, help="functions to list with --profile")
    ap.add_argument("--parses", metavar="FILE",
                    help="with --profile: the parse pickle of bench/same_output.py (made when missing)")
    args = ap.parse_args()

    files = corpus()
    if args.profile and args.parses:
        from same_output import parses

        items = [(name, article, parse, 0.0, 0.0) for name, article, parse in parses(files, args.parses)]
    else:
        print(f"[stages] parsing {len(files)} articles", file=sys.stderr, flush=True)
        items = load(files)
    if args.profile:
        for _name, article, parse, _p, _c in items:  # warm-up
            run_stages(article, parse)
        print(profile(items, args.profile, args.top))
        return 0
    per = measure(items, max(1, args.repeat))
    n = len(items)
    spacy = [p for *_x, p, _c in items]
    convert = [c for *_x, c in items]
    rules_total = sum(sum(v) for v in per.values())
    whole = rules_total + sum(spacy) + sum(convert)
    rows: list[tuple[str, list[float]]] = [("spaCy parse (nlp)", spacy), ("to_parse", convert)]
    rows += sorted(per.items(), key=lambda kv: -sum(kv[1]))
    words = sum(sum(1 for t in parse.tokens if not t.text.isspace()) for _n, _a, parse, _p, _c in items)
    figures: dict[str, Any] = {
        "articles": n, "words": words, "repeat": args.repeat,
        "parse_ms_per_article": round(1000 * sum(spacy) / n, 2),
        "rules_ms_per_article": round(1000 * rules_total / n, 2),
        "rules_share_of_parse": round(rules_total / sum(spacy), 4),
        "stages": {name: {"mean_ms": round(1000 * sum(v) / n, 2), "p90_ms": round(1000 * p90(v), 2),
                          "share_of_whole": round(sum(v) / whole, 4)} for name, v in rows},
    }
    if args.json:
        print(json.dumps(figures))
        return 0
    print(f"{n} articles, {words:,} words; CPU time (process_time), min of {args.repeat} passes per stage")
    print(f"{'stage':22s} {'mean ms':>9s} {'p90 ms':>9s} {'% rules':>8s} {'% whole':>8s}")
    for name, v in rows:
        in_rules = f"{100 * sum(v) / rules_total:7.1f}%" if name in per else " " * 8
        print(f"{name:22s} {1000 * sum(v) / n:9.2f} {1000 * p90(v):9.2f} {in_rules} {100 * sum(v) / whole:7.1f}%")
    print(f"{'all rules (after to_parse)':22s} {1000 * rules_total / n:9.2f}  = "
          f"{100 * rules_total / sum(spacy):.1f}% of the spaCy parse (goal < 20%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
