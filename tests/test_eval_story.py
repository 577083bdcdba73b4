"""``rumormill eval story``: the split rule, the article-pair scorer, and the matcher on constructed pairs."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from rumormill.evaluation import story as ev
from rumormill.story import matching
from tests.conftest import DATA, need_shared
from tests.test_story import make_ledger

CELEB = DATA / "articles" / "celebrity_perezrosas2018"

QUOTE = "He was parading her around all night at the club and kissing her in front of everyone"


def _three() -> tuple[list[ev.Doc], dict[str, object]]:
    """Articles a1/a2 tell one story (one relayed quote); b1 is another person's story."""
    t1 = f"Jane and John\n\nJohn Roe was out with Jane Doe on Friday. A source told Us Weekly: \"{QUOTE}.\""
    t2 = (f"John Roe's new romance\n\nJohn Roe has moved on. According to an Us Weekly insider who saw him, "
          f"\"{QUOTE}.\" Jane Doe did not comment.")
    t3 = ("Mary's farm\n\nMary Poe bought a farm in Vermont with her sister. A neighbour said: "
          "\"She wants to grow apples and keep goats away from the cameras.\"")
    people12 = {"John Roe": ["John Roe"], "Jane Doe": ["Jane Doe"]}
    us = {"id": "S2", "kind": "outlet", "label": "Us Weekly", "mention": "Us Weekly", "entity": "Us Weekly"}
    src = [{"id": "S1", "kind": "anonymous", "label": "A source", "mention": "A source", "via": ["S2"]}, us]
    src2 = [{"id": "S1", "kind": "anonymous", "label": "an Us Weekly insider", "mention": "an Us Weekly insider",
             "via": ["S2"]}, us]
    src3 = [{"id": "S1", "kind": "anonymous", "label": "A neighbour", "mention": "A neighbour"}]
    ledgers = {
        "a1": make_ledger(t1, people=people12, outlets={"S2": "Us Weekly"}, sources=src, quotes=[{"text": QUOTE + ".", "source": "S1"}]),
        "a2": make_ledger(t2, people=people12, outlets={"S2": "Us Weekly"}, sources=src2, quotes=[{"text": QUOTE + ".", "source": "S1"}]),
        "b1": make_ledger(t3, people={"Mary Poe": ["Mary Poe"]}, sources=src3,
                          quotes=[{"text": "She wants to grow apples and keep goats away from the cameras.",
                                   "source": "S1"}]),
    }
    docs = [ev.Doc(id="a1", pair="001", path="a1.txt"), ev.Doc(id="a2", pair="001", path="a2.txt"),
            ev.Doc(id="b1", pair="002", path="b1.txt")]
    return docs, ledgers


def test_one_story_links_and_an_unrelated_article_does_not(tmp_path: Path) -> None:
    docs, ledgers = _three()
    built = ev.build_store(docs, ledgers, str(tmp_path / "s.db"))  # type: ignore[arg-type]
    group_of = {it["rowid"]: it["group_id"] for it in built["items"]}
    fig = ev.score_pairs(docs, built["items"], built["links"], group_of)["figures"]
    assert (fig["same_story_pairs"], fig["different_story_pairs"]) == (1, 2)
    assert (fig["k1_tp"], fig["k1_fp"], fig["k1_fn"]) == (1, 0, 0)
    assert fig["k1_precision"] == fig["k1_recall"] == fig["k1_f1"] == 1.0
    assert fig["k2_tp"] == 0 and fig["k2_fn"] == 1  # one shared group only
    assert fig["links_same"] == 1 and fig["links_different"] == 0
    assert fig["same_groups_circular"] == 1 and fig["same_groups_independent"] == 0  # one insider via Us Weekly


def test_scorer_counts_on_a_hand_made_example() -> None:
    docs = [ev.Doc(id=i, pair=p, path=f"{i}.txt") for i, p in
            (("x1", "1"), ("x2", "1"), ("y1", "2"), ("y2", "2"), ("z1", "3"))]

    def item(rowid: int, doc: str, origin: str) -> dict[str, object]:
        return {"rowid": rowid, "doc": doc, "article_id": doc, "item_id": f"C{rowid}", "kind": "claim",
                "text": f"claim {rowid}", "quote": None, "origin": origin, "origin_via": None,
                "source_kind": "author", "source_label": None, "outlet": doc, "published": None}

    items = [item(1, "x1", "us weekly|anonymous"), item(2, "x2", "us weekly|anonymous"),
             item(3, "x1", "x1|author"), item(4, "x2", "x2|author"),
             item(5, "y1", "y1|author"), item(6, "z1", "z1|author"), item(7, "y2", "y2|author")]
    links = [{"a": 1, "b": 2}, {"a": 3, "b": 4}, {"a": 5, "b": 6}]  # x1~x2 twice; y1~z1 is a false link
    group_of = ev.regroup(items, links)  # type: ignore[arg-type]
    assert group_of == {1: 1, 2: 1, 3: 3, 4: 3, 5: 5, 6: 5, 7: 7}
    res = ev.score_pairs(docs, items, links, group_of, related={("y1", "z1")})  # type: ignore[arg-type]
    fig = res["figures"]
    assert (fig["same_story_pairs"], fig["different_story_pairs"], fig["related_pairs"]) == (2, 8, 1)
    assert (fig["k1_tp"], fig["k1_fp"], fig["k1_fn"], fig["k1_fp_related"]) == (1, 1, 1, 1)
    assert fig["k1_precision"] == 0.5 and fig["k1_recall"] == 0.5 and fig["k1_f1"] == 0.5
    assert (fig["k2_tp"], fig["k2_fp"], fig["k2_fn"]) == (1, 0, 1)
    assert fig["k2_precision"] == 1.0 and fig["k2_recall"] == 0.5
    assert fig["links_per_same_pair"] == 1.0 and fig["links_per_different_pair"] == 0.125
    assert fig["shared_groups_same"] == 2
    assert fig["same_groups_circular"] == 1 and fig["same_groups_independent"] == 1
    assert res["missed"] == [["y1", "y2"]]
    assert res["wrong"][0]["pair"] == ["y1", "z1"] and res["wrong"][0]["related"]


def test_split_rule_is_the_documented_hash_ranking() -> None:
    pairs = [f"{n:03d}" for n in range(20)]
    halves = ev.split_of_pairs(pairs)
    assert sum(v == "train" for v in halves.values()) == 10
    ranked = sorted(pairs, key=lambda p: hashlib.sha256(p.encode()).hexdigest())
    assert {p for p in ranked[:10]} == {p for p, v in halves.items() if v == "train"}
    assert ev.split_of_pairs(list(reversed(pairs))) == halves


def test_shared_name_alone_does_not_link_two_claims() -> None:
    """Two different claims about one person: the name is counted once (entity agreement), not in the words."""
    a, b = matching.content_tokens("Kendall was still dating A$AP"), matching.content_tokens("Kendall was beaming all night")
    args = (" ".join(a), matching.minhash(a), ["kendall jenner"], " ".join(b), matching.minhash(b), ["kendall jenner"])
    stripped, _ = matching.score(*args)
    with ev.matching_settings(strip_names=False):
        with_names, _ = matching.score(*args)
    assert stripped < matching.LINK_THRESHOLD <= with_names


def test_only_names_both_sides_share_are_stripped() -> None:
    """Different people keep their names in the words: the same sentence about two people is not alike."""
    a, b = "kendall beaming all night", "selena beaming all night"
    assert matching.pair_lexical(a, ["kendall jenner"], b, ["selena gomez"]) == matching.lexical(a.split(), b.split())
    assert matching.pair_lexical(a, ["kendall jenner"], "kendall beaming", ["kendall jenner"]) == \
        matching.lexical(["beaming", "all", "night"], ["beaming"])
    assert matching.pair_lexical("kendall jenner", ["kendall jenner"], "kendall", ["kendall jenner"]) == \
        matching.lexical(["kendall", "jenner"], ["kendall"])  # nothing left after stripping: names kept


def test_choose_needs_precision_one_with_a_margin() -> None:
    def row(t: float, p: float, f1: float) -> dict[str, object]:
        return {"strip_names": True, "weights": [0.5, 0.3, 0.2], "threshold": t, "k1_precision": p, "k1_f1": f1,
                "k2_f1": 0.0}

    curve = [row(0.48, 0.8, 0.8), row(0.50, 1.0, 0.7), row(0.52, 1.0, 0.65), row(0.54, 1.0, 0.65),
             row(0.56, 1.0, 0.5)]
    # 0.48 links a different-story pair, 0.50 is right above it (no margin); 0.52 and 0.54 tie: the higher
    assert ev.choose(curve)["threshold"] == 0.54


def test_bad_path_is_a_clear_error(tmp_path: Path) -> None:
    from rumormill.errors import InputError

    with pytest.raises(InputError, match=r"metadata\.csv"):
        ev.run(str(tmp_path))
    with pytest.raises(InputError, match="split"):
        ev.run(str(need_shared(CELEB)), split="dev")


def test_slice_of_the_celebrity_pairs() -> None:
    """Two train pairs (009, 028): 028 relays the same quotes, so it is linked; nothing crosses the pairs."""
    from rumormill.pipeline import _stages

    if "sources" not in {s.name for s in _stages()}:
        pytest.skip("the sources/quotes stage is not in the pipeline")
    res = ev.run(str(need_shared(CELEB)), split="train", limit=2)
    fig = res["figures"]
    assert res["pairs"] == ["009", "028"]
    assert (fig["articles"], fig["same_story_pairs"], fig["different_story_pairs"]) == (4, 2, 4)
    assert fig["k1_fp"] == 0 and fig["k1_tp"] >= 1
    assert fig["links_same"] >= 4 and fig["links_different"] == 0
    assert fig["sweep_consistent"] and res["curve"]
    assert "same-story pairs" in ev.format(res)
