"""Input readers: directories, JSON Lines, Parquet and WARC -> a stream of ``Doc``.

Every reader streams (one document in memory at a time, plus the caller's queue).
A document that cannot even be read (a bad JSON line, a file over the size limit)
still becomes a ``Doc`` with ``error`` set, so the batch records it as a failure row.

**Document ids** (what ``--resume`` skips on) are stable across runs:

- the input's own id when it has one: the ``id`` field of a JSON Lines object or
  Parquet row, the ``WARC-Record-ID`` of a WARC record;
- otherwise ``sha256:`` + the first 16 hex digits of the SHA-256 of the document's
  raw bytes (a file's bytes; a JSON/Parquet row's ``html`` or ``text`` as UTF-8), so
  the same content is the same document wherever it lies;
- a file over the size limit is not read: its id hashes its resolved path and size.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rumormill.errors import InputError

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
PARQUET_SUFFIXES = (".parquet", ".pq")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_FIELDS = ("id", "text", "html", "url", "published", "title")


@dataclass(frozen=True, slots=True, kw_only=True)
class Doc:
    """One input document, not yet ingested (plain values: it pickles to workers)."""

    id: str
    source: str  # where it came from: a path, path:line, path#row, path#record-id
    data: bytes | None = None  # raw bytes (files, WARC payloads): decoded by ingestion
    text: str | None = None  # already-decoded text or HTML (JSON Lines, Parquet)
    kind: str | None = None  # text | html | None (sniff)
    name: str | None = None  # file name, for the suffix
    published: str | None = None
    url: str | None = None
    title: str | None = None
    error: str | None = None  # set when the document could not even be read

    @property
    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        return len(self.text.encode("utf-8")) if self.text is not None else 0


def content_id(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()[:16]


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffixes in (JSONL_SUFFIXES, PARQUET_SUFFIXES, WARC_SUFFIXES):
        for s in suffixes:
            if name.endswith(s):
                return s
    return path.suffix.lower()


def kind_of(path: Path) -> str | None:
    """``dir``, ``file`` (one text/HTML document), ``jsonl``, ``parquet``, ``warc`` or None."""
    if path.is_dir():
        return "dir"
    suffix = _suffix(path)
    if suffix in TEXT_SUFFIXES + HTML_SUFFIXES:
        return "file"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    if suffix in WARC_SUFFIXES:
        return "warc"
    return None


def check_inputs(paths: Iterable[str]) -> list[Path]:
    """Resolve the command-line inputs or raise ``InputError`` naming the bad one."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise InputError(f"no such file or directory: {raw}")
        if kind_of(p) is None:
            raise InputError(
                f"{raw}: unknown input type (want a directory, .txt/.html, .jsonl, .parquet or .warc[.gz])"
            )
        out.append(p)
    return out


def read_inputs(paths: Iterable[Path], max_bytes: int) -> Iterator[Doc]:
    """All documents of all inputs, in order.

    An input that breaks while being read (a truncated gzip, a corrupt Parquet file, no
    text column) becomes one failure row for the rest of that input; the next input goes on.
    """
    for p in paths:
        n = 0
        try:
            for doc in _read_one(p, max_bytes):
                n += 1
                yield doc
        except Exception as exc:  # whatever the reader library raises: the batch goes on
            reason = str(exc) if isinstance(exc, InputError) else f"{type(exc).__name__}: {exc}"
            yield Doc(id=content_id(f"{p.resolve()}#unreadable-after-{n}".encode()), source=f"{p}#{n}",
                      error=f"cannot read the rest of this input after {n} documents: {reason}")


def _read_one(p: Path, max_bytes: int) -> Iterator[Doc]:
    kind = kind_of(p)
    if kind == "dir":
        yield from read_dir(p, max_bytes)
    elif kind == "file":
        yield read_file(p, max_bytes)
    elif kind == "jsonl":
        yield from read_jsonl(p, max_bytes)
    elif kind == "parquet":
        yield from read_parquet(p, max_bytes)
    elif kind == "warc":
        yield from read_warc(p, max_bytes)


def count_inputs(paths: Iterable[Path]) -> int | None:
    """A cheap document count for the progress bar's ETA (None when it would cost a full read)."""
    try:
        return _count(paths)
    except Exception:  # a broken input is reported when it is read, not here
        return None


def _count(paths: Iterable[Path]) -> int | None:
    total = 0
    for p in paths:
        kind = kind_of(p)
        if kind == "dir":
            total += sum(1 for _ in _dir_files(p))
        elif kind == "file":
            total += 1
        elif kind == "jsonl":
            with _open_maybe_gz(p) as fh:
                total += sum(1 for line in fh if line.strip())
        elif kind == "parquet":
            import pyarrow.parquet as pq

            total += pq.ParquetFile(p).metadata.num_rows
        else:
            return None
    return total


# --------------------------------------------------------------------------- files
def _dir_files(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if name.lower().endswith(TEXT_SUFFIXES + HTML_SUFFIXES):
                yield Path(dirpath) / name


def read_dir(root: Path, max_bytes: int) -> Iterator[Doc]:
    """Every .txt/.html file under ``root`` (recursively, sorted, hidden files skipped)."""
    for path in _dir_files(root):
        yield read_file(path, max_bytes)


def read_file(path: Path, max_bytes: int) -> Doc:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return Doc(
                id=content_id(f"{path.resolve()}:{size}".encode()),
                source=source,
                name=path.name,
                error=f"too big: {size:,} bytes, over the limit of {max_bytes:,} bytes",
            )
        data = path.read_bytes()
    except OSError as exc:
        return Doc(id=content_id(str(path.resolve()).encode()), source=source, name=path.name,
                   error=f"cannot read: {exc.strerror or exc}")
    return Doc(id=content_id(data), source=source, data=data, name=path.name)


# --------------------------------------------------------------------------- JSON Lines
def _open_maybe_gz(path: Path) -> Any:
    if path.name.lower().endswith(".gz"):
        import gzip

        return gzip.open(path, "rb")
    return path.open("rb")


def _from_record(rec: dict[str, Any], source: str, max_bytes: int) -> Doc:
    """A JSON Lines object or Parquet row -> ``Doc`` (html wins over text when both are given)."""
    html, text = rec.get("html"), rec.get("text")
    body, kind = (html, "html") if isinstance(html, str) and html.strip() else (text, "text")
    meta: dict[str, Any] = {}
    for key in ("url", "published", "title"):
        value = rec.get(key)
        meta[key] = None if value is None else str(value)
    raw_id = rec.get("id")
    if not isinstance(body, str):
        rid = str(raw_id) if raw_id is not None else content_id(source.encode())
        return Doc(id=rid, source=source, error="no 'text' or 'html' string field", **meta)
    data = body.encode("utf-8", "surrogatepass")
    rid = str(raw_id) if raw_id is not None else content_id(data)
    if len(data) > max_bytes:
        return Doc(id=rid, source=source,
                   error=f"too big: {len(data):,} bytes, over the limit of {max_bytes:,} bytes", **meta)
    return Doc(id=rid, source=source, text=body, kind=kind, **meta)


def read_jsonl(path: Path, max_bytes: int) -> Iterator[Doc]:
    """One object per line with ``text`` or ``html``; optional ``id``, ``url``, ``published``, ``title``."""
    with _open_maybe_gz(path) as fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            source = f"{path}:{lineno}"
            try:
                rec = json.loads(line)
            except UnicodeDecodeError:
                yield Doc(id=content_id(line), source=source, error="line is not valid UTF-8")
                continue
            except json.JSONDecodeError as exc:
                yield Doc(id=content_id(line), source=source, error=f"bad JSON: {exc.msg} at column {exc.colno}")
                continue
            if not isinstance(rec, dict):
                yield Doc(id=content_id(line), source=source, error="line is not a JSON object")
                continue
            yield _from_record(rec, source, max_bytes)


# --------------------------------------------------------------------------- Parquet
def read_parquet(path: Path, max_bytes: int, batch_rows: int = 256) -> Iterator[Doc]:
    """Rows with a ``text`` or ``html`` column (plus optional id/url/published/title), streamed."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    names = set(pf.schema_arrow.names)
    if not names & {"text", "html"}:
        raise InputError(f"{path}: Parquet file has no 'text' or 'html' column")
    columns = [c for c in _FIELDS if c in names]
    row = 0
    for batch in pf.iter_batches(batch_size=batch_rows, columns=columns):
        for rec in batch.to_pylist():
            yield _from_record(rec, f"{path}#{row}", max_bytes)
            row += 1


# --------------------------------------------------------------------------- WARC
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: Path, max_bytes: int) -> Iterator[Doc]:
    """HTML responses (and HTML/text resource records) of a WARC file, via warcio."""
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type not in ("response", "resource"):
                continue
            if record.rec_type == "response":
                if record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode()
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if status and not status.startswith("2"):
                    continue
            else:
                status = None
                ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
            if ctype.startswith(_HTML_TYPES):
                kind = "html"
            elif ctype.startswith("text/plain") and record.rec_type == "resource":
                kind = "text"
            else:
                continue
            rid = record.rec_headers.get_header("WARC-Record-ID") or ""
            url = record.rec_headers.get_header("WARC-Target-URI")
            source = f"{path}#{rid.strip('<>')}" if rid else f"{path}#{url}"
            data = record.content_stream().read(max_bytes + 1)
            if len(data) > max_bytes:
                yield Doc(id=rid or content_id(source.encode()), source=source, url=url,
                          error=f"too big: over the limit of {max_bytes:,} bytes")
                continue
            yield Doc(id=rid or content_id(data), source=source, data=data, kind=kind, url=url)
