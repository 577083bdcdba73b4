"""Shared fixtures: the ../shared data read in place (tests skip with a reason without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_1ef6b52c2d1eff1a.txt"
DATA = SHARED / "data"
EXAMPLE = ROOT / "examples" / "tabloid_breakup.txt"


def need_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not found: ../shared is not beside this checkout")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return need_shared(SEED)


@pytest.fixture(scope="session")
def seed_ledger(seed_path: Path):  # type: ignore[no-untyped-def]
    import rumormill

    return rumormill.analyze_path(str(seed_path))


@pytest.fixture(scope="session")
def seed_ledger_dated(seed_path: Path):  # type: ignore[no-untyped-def]
    import rumormill

    return rumormill.analyze_path(str(seed_path), published="2024-01-15")


def assert_spans_valid(data: dict) -> None:  # type: ignore[type-arg]
    """Every span in a ledger dict is inside ``text`` (and named spans match their text)."""
    text = data["text"]

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("span", "cue_span") and value is not None:
                    s, e = value
                    assert 0 <= s <= e <= len(text), (key, value)
                    if "text" in node and key == "span" and isinstance(node.get("text"), str):
                        assert text[s:e] == node["text"], (node["text"], text[s:e])
                elif key == "spans":
                    for s, e in value:
                        assert 0 <= s < e <= len(text), (key, value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
