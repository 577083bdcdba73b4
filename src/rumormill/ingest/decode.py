"""Bytes -> str with checks: empty, too big, binary, undecodable.

Order: UTF-8 (with or without BOM), then the charset the document declares
(HTML ``<meta charset>`` / XML prolog), then charset-normalizer's best guess,
which is reported as a warning because it is a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rumormill.errors import InputError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""",
    re.IGNORECASE,
)
_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<!--|<div|<p[\s>]|<article)", re.I)


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


@dataclass(frozen=True, slots=True, kw_only=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None


def check_size(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    if not data or not data.strip():
        raise InputError("input is empty")
    if len(data) > max_bytes:
        raise InputError(
            f"input is {len(data):,} bytes, over the limit of {max_bytes:,} bytes "
            "(raise it with --max-bytes)"
        )


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean binary."""
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 text has NULs too; let the BOM through.
        return not head.startswith((b"\xff\xfe", b"\xfe\xff"))
    controls = len(head) - len(head.translate(None, _CONTROLS))
    return controls > max(8, len(head) // 50)


def looks_html(data: bytes) -> bool:
    return bool(_HTML_SNIFF.match(data[:2048]))


def decode(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Decode bytes to text or raise ``InputError`` with a one-line reason."""
    check_size(data, max_bytes)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(text=data.decode("utf-16").lstrip("\ufeff"), encoding="utf-16", warning=None)
        except UnicodeDecodeError as exc:
            raise InputError(f"input has a UTF-16 byte-order mark but does not decode: {exc.reason}") from exc
    if looks_binary(data):
        raise InputError("input looks binary (control bytes), not text or HTML")
    try:
        return Decoded(text=data.decode("utf-8-sig"), encoding="utf-8", warning=None)
    except UnicodeDecodeError:
        pass
    m = _DECLARED.search(data[:4096])
    if m:
        declared = (m.group(1) or m.group(2)).decode("ascii", "replace")
        try:
            return Decoded(text=data.decode(declared), encoding=declared.lower(), warning=None)
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("input is not valid UTF-8 and its encoding could not be determined")
    text = str(best)
    return Decoded(
        text=text,
        encoding=best.encoding,
        warning=f"input is not UTF-8 and declares no usable charset; decoded as {best.encoding} (a guess)",
    )
