"""Bad input through the CLI: one line on stderr starting "rumormill: error:", exit status 2, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rumormill.cli import main
from rumormill.errors import InputError
from rumormill.ingest.decode import decode, looks_binary, looks_html

BODY = "The singer's spokesperson said on Monday that the couple had split. " * 5


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(["analyze", *args])
    err = capsys.readouterr().err
    return status, err


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "input is empty"),
        ("blank.txt", b"  \n\n\t ", "input is empty"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "looks binary"),
        ("control.txt", b"\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0e\x0f" * 100, "looks binary"),
        ("odd.txt", bytes([0x80, 0x81, 0x8D, 0x8F, 0x90, 0x9D, 0xFE, 0xFF]) * 400, "encoding could not be determined"),
        ("script.html", b"<html><body><script>var a = 1;</script></body></html>", "no article text"),
    ],
)
def test_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    status, err = _run(capsys, str(path))
    assert status == 2
    assert err.startswith("rumormill: error:") and message in err, err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_over_the_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "article.txt"
    path.write_text("Headline\n\n" + BODY, encoding="utf-8")
    status, err = _run(capsys, str(path), "--max-bytes", "100")
    assert status == 2
    assert err.startswith("rumormill: error:") and "over the limit of 100 bytes" in err


def test_default_limit_is_5_mb(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * (5 * 1024 * 1024 // 5 + 1))
    status, err = _run(capsys, str(path))
    assert status == 2 and "over the limit of 5,242,880 bytes" in err


def test_missing_file_and_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, str(tmp_path / "nope.txt")) == (2, f"rumormill: error: no such file: {tmp_path / 'nope.txt'}\n")
    status, err = _run(capsys, str(tmp_path))
    assert status == 2 and "is a directory" in err


def test_subprocess_has_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(b"\x00\x01\x02\x03" * 1000)
    proc = subprocess.run(
        [sys.executable, "-m", "rumormill.cli", "analyze", str(path)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("rumormill: error:") and proc.stderr.count("\n") == 1
    assert proc.stdout == ""


def test_declared_charset_then_reported_fallback() -> None:
    latin = "<html><head><meta charset='iso-8859-1'></head><body><p>Café Zoë</p></body></html>".encode("latin-1")
    d = decode(latin)
    assert "Café Zoë" in d.text and d.encoding == "iso-8859-1" and d.warning is None
    undeclared = ("Le café de Zoë était fermé à cause de la grève, a déclaré le propriétaire. " * 20).encode("cp1252")
    d2 = decode(undeclared)
    assert "café" in d2.text and d2.warning and "a guess" in d2.warning
    assert decode("Plain UTF-8 — “quoted”".encode()).warning is None


def test_utf16_with_bom() -> None:
    d = decode("A short article in UTF-16 about a split.".encode("utf-16"))
    assert d.text.startswith("A short article")


def test_sniffers() -> None:
    assert looks_html(b"  <!DOCTYPE html><html>")
    assert not looks_html(b"Headline\n\nBody")
    assert looks_binary(b"abc\x00def")
    assert not looks_binary("Ünïcödé text".encode())
    with pytest.raises(InputError):
        decode(b"")


def test_non_english_warns_and_still_analyses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "de.txt"
    path.write_text(
        "Schauspielerin trennt sich\n\n"
        + "Die Schauspielerin hat sich nach elf Jahren Ehe von ihrem Mann getrennt, berichtet eine Zeitschrift. "
        * 5,
        encoding="utf-8",
    )
    status, err = _run(capsys, str(path))
    assert status == 0
    assert err.startswith("rumormill: warning:") and "does not look English" in err
