"""`rumormill analyze` through the CLI: formats, stdin, -o, --published."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rumormill.cli import main
from tests.conftest import EXAMPLE


def test_json_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(EXAMPLE), "--published", "2023-11-20"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "rumormill.article/1"
    assert data["published"] == {
        "value": "2023-11-20", "earliest": "2023-11-20", "latest": "2023-11-20", "how": "given", "reason": None,
    }
    assert data["title"].startswith("Rita Vale and Marco Dunn")


def test_markdown_to_file(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    assert main(["analyze", str(EXAMPLE), "--format", "markdown", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Rita Vale and Marco Dunn")
    assert "## Removed from the text" in text
    assert "View this post on Instagram" in text


def test_stdin() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "rumormill.cli", "analyze", "-"],
        input=EXAMPLE.read_bytes(), capture_output=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"].startswith("Rita Vale")


def test_bad_published_value(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(EXAMPLE), "--published", "2023-13-01"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("rumormill: error:") and "2023-13-01" in err and err.count("\n") == 1


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "/nonexistent/article.txt"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_publisher_from_header_block_reaches_ledger_and_author_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    art = tmp_path / "a.txt"
    art.write_text(
        "Headline: A test story\nDate: 2024-03-02\nPublisher: The Daily Ledger\n\n"
        "A source told Us Weekly that the pair had split.\n",
        encoding="utf-8",
    )
    assert main(["analyze", str(art)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["publisher"] == "The Daily Ledger"
    assert data["title"] == "A test story"
    s0 = next(s for s in data["sources"] if s["id"] == "S0")
    assert s0["kind"] == "author" and s0["label"] == "The Daily Ledger"
