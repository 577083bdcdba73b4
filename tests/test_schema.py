"""Every ledger validates against the shipped JSON Schema and every span points into `text`."""

from __future__ import annotations

from pathlib import Path

import pytest

import rumormill
from rumormill.report.json import schema, validate
from tests.conftest import DATA, EXAMPLE, assert_spans_valid, need_shared


def _check(ledger: rumormill.Ledger) -> None:
    data = ledger.to_dict()
    validate(data)
    assert_spans_valid(data)
    names = [s["name"] for s in data["stages"]]
    assert len(names) == len(set(names))


def test_schema_is_valid_json_schema() -> None:
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(schema())


def test_seed_validates(seed_ledger: rumormill.Ledger, seed_ledger_dated: rumormill.Ledger) -> None:
    _check(seed_ledger)
    _check(seed_ledger_dated)


def test_example_validates() -> None:
    _check(rumormill.analyze_path(str(EXAMPLE)))


def test_celebrity_articles_validate() -> None:
    folder = need_shared(DATA / "articles" / "celebrity_perezrosas2018")
    for path in sorted(folder.glob("celeb_0[0-3]*_*.txt")):
        _check(rumormill.analyze_path(str(path)))


def test_schema_rejects_a_broken_ledger(seed_ledger: rumormill.Ledger) -> None:
    import jsonschema

    data = seed_ledger.to_dict()
    data["published"]["how"] = "guessed"
    with pytest.raises(jsonschema.ValidationError):
        validate(data)


def test_every_record_field_is_documented() -> None:
    """docs/ledger.md names every field of the schema (docs that cannot drift)."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "ledger.md").read_text(encoding="utf-8")
    props = schema()["properties"]
    missing = [k for k in props if f"`{k}`" not in doc]
    for key, sub in props.items():
        items = sub.get("items", sub)
        for field in items.get("properties", {}):
            if f"`{field}`" not in doc:
                missing.append(f"{key}.{field}")
    assert not missing, f"undocumented fields: {missing}"
