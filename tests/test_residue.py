"""residue.classify / is_name_list / split_caption_credit: what is residue and what is not."""

from __future__ import annotations

import pytest

from rumormill.ingest import residue


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Credits: Instagram", "photo credit"),
        ("(Photo: Getty Images)", "photo credit"),
        ("Photo by Jane Doe/Getty Images", "photo credit"),
        ("Getty Images", "photo credit"),
        ("Rex/Shutterstock", "photo credit"),
        ("View this post on Instagram", "embed boilerplate"),
        ("A post shared by Natalie Portman (@natalieportman)", "embed boilerplate"),
        ("A photo posted by champagnepapi (@champagnepapi) on Nov 4, 2016 at 1:34am PDT", "embed boilerplate"),
        ("— Juno Park (@junopark) November 1, 2023", "embed boilerplate"),
        ("PHOTOS: Khloe Kardashian's best looks of the year", "teaser or navigation"),
        ("Read more: The couple's full timeline", "teaser or navigation"),
        ("Advertisement", "teaser or navigation"),
        ("ADVERTISEMENT", "teaser or navigation"),
        ("Sign up for our daily newsletter", "teaser or navigation"),
        ("RELATED VIDEO: Inside the star's new home", "teaser or navigation"),
        ("[Related: Five things we learned this week]", "teaser or navigation"),
        ("Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.", "promotion"),
        ("Like this story? Share it with a friend!", "promotion"),
        ("Reporting by Jane Roe; Editing by John Doe", "byline or contributor credit"),
        ("Associated Press writer Margery Beck contributed to this report.", "byline or contributor credit"),
        ("© Reuters", "copyright notice"),
        ("Copyright 2019 The Associated Press. All rights reserved.", "copyright notice"),
        ("Reporting by Jane Doe in London; Editing by John Roe", "byline or contributor credit"),
        ("https://example.com/some/article-123", "bare link"),
        ("___", "separator"),
        ("A new chapter (Photo: Splash News).", "photo caption with credit"),
    ],
)
def test_residue_lines(line: str, reason: str) -> None:
    assert residue.classify(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        # Real sentences that mention the cue words stay.
        "Portman shared a photo on Instagram of her daughter on Tuesday.",
        "A source told Us Weekly that the couple had been living apart.",
        "Source: a friend of the couple",
        "The photos, taken by a fan, show the pair arguing outside the restaurant.",
        "She said she would follow the advice of her lawyers on Twitter and elsewhere, and stay quiet.",
        "Read more about the case in court filings, the lawyer said.",
        "‘You lose him how you get him’",
        "Natalie Portman was not seen wearing her wedding ring",
        "| Pos | Player | Plays | % | Stats |",
        "|---|---|---|",
        "Reporting by the Times revealed that the singer had moved out.",
        "Edited by her husband, the film premiered in Cannes.",
        "Copyright infringement lawsuit filed against the singer",
        "By the time the couple arrived, the party was over.",
    ],
)
def test_content_is_not_residue(line: str) -> None:
    assert residue.classify(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Natalie Portman Benjamin Millepied", True),
        ("Ben Affleck, Jennifer Garner and Seraphina Affleck", True),
        ("Natalie Portman was not seen wearing her wedding ring", False),
        ("BAAR, SWITZERLAND", False),  # a dateline, not a caption
        ("Natalie Portman.", False),
        ("Portman", False),
        ("| Pos | Player | Plays |", False),
        ("Top 10 Looks", False),
    ],
)
def test_name_list(line: str, expected: bool) -> None:
    assert residue.is_name_list(line) is expected


def test_caption_credit_is_cut_and_caption_kept() -> None:
    caption, credit = residue.split_caption_credit("Sources say the pair are fighting (Photo: Splash News).")
    assert caption == "Sources say the pair are fighting."
    assert credit == "(Photo: Splash News)"
