"""JSON output of a ledger and validation against the shipped JSON Schema."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from rumormill.records import Ledger


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of ``rumormill.article/1`` shipped with the package."""
    text = files("rumormill").joinpath("schema/article-1.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def validate(data: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` when ``data`` breaks the contract."""
    import jsonschema

    jsonschema.validate(data, schema())


def render(ledger: Ledger, indent: int | None = 2) -> str:
    return json.dumps(ledger.to_dict(), ensure_ascii=False, indent=indent)
