"""Reading articles: `.txt` files with optional front matter, directories of them, `.jsonl`.

Offsets everywhere in the package index ``Article.body``: the decoded text after the front
matter, with nothing else changed (CRLF stays CRLF, a BOM is not part of the body).
"""

from __future__ import annotations

import codecs
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from .errors import (
    ArticleTooLargeError,
    BadDateError,
    BadRecordError,
    BinaryFileError,
    EmptyArticleError,
    FrontMatterError,
    InputError,
    InputNotFoundError,
    UndecodableError,
)

MAX_BYTES = 5 * 1024 * 1024
"""Default size limit of one article; larger inputs are refused (``max_bytes`` changes it)."""

METADATA_KEYS = ("title", "outlet", "published", "url", "author")


@dataclass(frozen=True)
class Article:
    """One news article: its body text and metadata."""

    doc_id: str
    body: str
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    author: str | None = None
    source: str = ""
    """Where the article came from (a path, or ``path:line`` for JSON lines)."""
    extra: dict[str, str] = field(default_factory=dict)
    """Front-matter keys beyond the standard ones (``license``, ...)."""

    @property
    def words(self) -> int:
        """Whitespace-separated words, the unit of the speed figures."""
        return len(self.body.split())


# ---------------------------------------------------------------------------------------------
# decoding


def decode(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 (BOM optional) or UTF-16 with a BOM; anything else is refused."""
    if data.startswith(codecs.BOM_UTF8):
        encoding, data = "utf-8", data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        if b"\x00" in data:
            raise BinaryFileError(source, "contains NUL bytes")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        if _looks_binary(data):
            raise BinaryFileError(source) from None
        raise UndecodableError(source, f"invalid {encoding} byte at offset {err.start}") from None
    if encoding == "utf-16":
        text = text.lstrip("\ufeff")
        if "\x00" in text:
            raise BinaryFileError(source, "contains NUL characters")
    return text


def _looks_binary(data: bytes) -> bool:
    """Many control bytes in the first kilobytes: an image, archive or executable, not text."""
    head = data[:4096]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(2, len(head) // 50)


# ---------------------------------------------------------------------------------------------
# front matter

_FENCE = re.compile(r"---[ \t]*(\r\n|\n|\r)?\Z")
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z ]*)?\Z")


def parse_date(value: str, source: str) -> date:
    """An ISO date (a datetime is cut to its date); anything else raises ``BadDateError``."""
    match = _DATE.match(value.strip())
    if not match:
        raise BadDateError(source, f"published: {value!r}")
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise BadDateError(source, f"published: {value!r} is not a calendar date") from None


def split_front_matter(text: str, source: str) -> tuple[dict[str, str], str]:
    """``(metadata, body)``. Front matter is a block of ``key: value`` lines between ``---``."""
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0]):
        return {}, text
    meta: dict[str, str] = {}
    offset = len(lines[0])
    for number, line in enumerate(lines[1:], start=2):
        offset += len(line)
        if _FENCE.match(line):
            return meta, text[offset:]
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        key, colon, value = stripped.partition(":")
        key = key.strip()
        if not colon or not _KEY.match(key):
            raise FrontMatterError(source, f"line {number} is not 'key: value': {stripped[:60]!r}")
        meta[key.lower()] = _unquote(value.strip())
    raise FrontMatterError(source, "the opening '---' is never closed")


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def make_article(doc_id: str, body: str, meta: dict[str, str], source: str) -> Article:
    """Check an article's body and metadata and build it (shared by `.txt` and `.jsonl`)."""
    if not body.strip():
        raise EmptyArticleError(source)
    published = meta.get("published")
    known = {k: (meta.get(k) or None) for k in ("title", "outlet", "url", "author")}
    return Article(
        doc_id=doc_id,
        body=body,
        published=parse_date(published, source) if published else None,
        source=source,
        extra={k: v for k, v in meta.items() if k not in METADATA_KEYS},
        **known,
    )


# ---------------------------------------------------------------------------------------------
# files


def read_article(path: str | os.PathLike, *, max_bytes: int = MAX_BYTES) -> Article:
    """Read one `.txt` article. Raises an ``InputError`` subclass for each kind of bad input."""
    path = Path(path)
    source = str(path)
    data = _read_bytes(path, max_bytes)
    if not data.strip():
        raise EmptyArticleError(source)
    meta, body = split_front_matter(decode(data, source), source)
    return make_article(path.stem, body, meta, source)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleTooLargeError(source, f"{size:,} bytes, limit {max_bytes:,}")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputNotFoundError(source) from None
    except IsADirectoryError:
        raise InputError(source, "is a directory") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None


def read_jsonl(path: str | os.PathLike, *, max_bytes: int = MAX_BYTES) -> Iterator[Article | InputError]:
    """Articles of a JSON lines file, one per line; a bad line yields its error and the rest go on."""
    path = Path(path)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        yield InputNotFoundError(str(path))
        return
    with handle:
        for number, raw in enumerate(handle, start=1):
            source = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                yield _jsonl_record(raw, source, max_bytes)
            except InputError as err:
                yield err


def _jsonl_record(raw: bytes, source: str, max_bytes: int) -> Article:
    if len(raw) > max_bytes:
        raise ArticleTooLargeError(source, f"{len(raw):,} bytes, limit {max_bytes:,}")
    try:
        record = json.loads(decode(raw, source))
    except json.JSONDecodeError as err:
        raise BadRecordError(source, f"invalid JSON: {err.msg}") from None
    if not isinstance(record, dict):
        raise BadRecordError(source, "a line must be a JSON object")
    doc_id, text = record.get("doc_id"), record.get("text")
    if not isinstance(doc_id, str) or not doc_id:
        raise BadRecordError(source, "missing 'doc_id'")
    if not isinstance(text, str):
        raise BadRecordError(source, "missing 'text'")
    meta = {k: str(v) for k, v in record.items() if k not in ("doc_id", "text") and v is not None}
    return make_article(doc_id, text, meta, source)


def input_files(inputs: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Expand inputs: a directory means every `.txt` (and `.jsonl`) in it, sorted by name."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.suffix in (".txt", ".jsonl") and p.is_file())
        else:
            yield path


def iter_articles(inputs: Iterable[str | os.PathLike], *, max_bytes: int = MAX_BYTES) -> Iterator[Article | InputError]:
    """Every article of the inputs, in order; a bad one yields its ``InputError`` instead.

    This is the batch reader: it never raises for a user's bad file, so the caller can report
    the error and go on with the other articles.
    """
    for path in input_files(inputs):
        if path.suffix == ".jsonl":
            yield from read_jsonl(path, max_bytes=max_bytes)
            continue
        try:
            yield read_article(path, max_bytes=max_bytes)
        except InputError as err:
            yield err
