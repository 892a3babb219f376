"""The Parquet tables of a corpus run: one schema per table, derived from the dataclasses.

Every list-of-dataclass field of ``Extraction`` (``sentences``, ``attributions``, ``timexes``,
``speakers``, ``claims``) becomes a table with one row per item; the article's metadata and
the ``Extraction``'s scalar fields (``notes``, ...) become the ``articles`` table; the
``failures`` table lists every article that could not be processed. A field added to one of
those dataclasses shows up as a column here with no other change (its type mapped by
``_arrow_type``); only the hand-written descriptions in ``DESCRIPTIONS`` need a line.

Column conventions (so that pandas/SQL users need no nested types for the common queries):

- every row carries ``doc_id``; rows are in reading order within an article, articles in
  input order within a partition, partitions in input order (``part-00000``, ``part-00001``...);
- a span field ``x: (start, end)`` becomes two integer columns ``x_start``, ``x_end``
  (null when the span is ``None``); a list of spans becomes ``list<struct<start, end>>``;
- tables whose rows have no ``id`` get ``index``, the row's position in the article;
- dates are Parquet dates; ``said_on`` stays a string because it may be an ISO week or month;
- a dict or any type this module does not know is stored as a JSON string.

``python -m analysis.tables`` prints the column reference (the README's table).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Union

import pyarrow as pa

from .articles import Article
from .errors import Failure
from .extract import Extraction


DESCRIPTIONS: dict[str, str] = {
    "doc_id": "article id: the file stem of a `.txt`, the `doc_id` field of a `.jsonl` line",
    "index": "position of the row within its article (0-based, reading order)",
    "articles.title": "headline, from the front matter or the `.jsonl` record",
    "articles.outlet": "publishing outlet (the narrator of unattributed sentences)",
    "articles.url": "article URL, from the metadata",
    "articles.author": "byline, from the metadata",
    "articles.source": "where the article came from: a path, or `path:line` for JSON lines",
    "articles.published": "publication date used (the article's own, else `--published`)",
    "articles.extra": "other front-matter keys, as a JSON object",
    "articles.words": "whitespace-separated words of the body (the unit of the speed figures)",
    "articles.chars": "characters of the body",
    "articles.notes": "why something is missing (e.g. no publication date)",
    "start": "start offset (Python `str` index into the article body)",
    "end": "end offset (exclusive)",
    "text": "the text of the span, `body[start:end]`",
    "sentences.speaker": "who speaks the sentence (the narrating outlet when no one else does)",
    "sentences.stance": "stance of the sentence (DESIGN.md's labels)",
    "attributions.id": "attribution id within the article (`a1`, `a2`, ...)",
    "attributions.source_start": "span of the source (who), null when the text has none",
    "attributions.cue_start": "span of the cue (`said`, `according to`), null when none",
    "attributions.content": "content spans (several when a quote is interrupted)",
    "attributions.kind": "`direct`, `mixed`, `indirect`, `according_to`, `other`",
    "attributions.speaker": "canonical name of the resolved speaker, or null",
    "attributions.speaker_id": "stable id of the speaker, the same across the corpus",
    "attributions.speaker_kind": "`person`, `organization`, `group`, `anonymous`, `outlet`, `document`",
    "attributions.role": "the speaker's role (`national security spokesman`)",
    "attributions.affiliation": "the speaker's organisation (`White House`)",
    "attributions.stance": "`assert`, `hedge`, `acknowledge`, `deny`, `retract`, `dispute`, "
                           "`refuse`, `refer`, `protest`, `question`",
    "attributions.claim": "id of the claim (statements about the same proposition)",
    "attributions.polarity": "`1` for the claim's proposition, `-1` against it",
    "attributions.said_on": "when the statement was made: ISO date, week or month (a string)",
    "attributions.confidence": "0-1, how sure the extractor is of this attribution",
    "attributions.source_text": "text of the source span",
    "attributions.cue_text": "text of the cue span",
    "attributions.content_text": "text of the content spans, joined by ` … `",
    "timexes.type": "TIMEX3 type: `DATE`, `TIME`, `DURATION`, `SET`",
    "timexes.value": "TIMEX3 value (`2024-02-02`, `2024-W05`, `P3D`, ...), null if unresolved",
    "speakers.id": "stable speaker id (a slug of the canonical name)",
    "speakers.name": "canonical name",
    "speakers.kind": "`person`, `organization`, `group`, `anonymous`, `outlet`, `document`",
    "speakers.role": "the speaker's role, when the text gives one",
    "speakers.affiliation": "the speaker's organisation, when the text gives one",
    "speakers.mentions": "spans where the text refers to the speaker",
    "claims.id": "claim id within the article",
    "claims.statements": "attribution ids of the claim's statements, in time order (said_on, then reading order)",
    "claims.fate": "`standing`, `disputed`, `contradicted`, `retracted` or `confirmed`",
    "claims.proposition": "the text of the claim's first statement, as a label",
    "claims.first_asserted_by": "canonical name of the speaker who first asserted the claim",
    "claims.first_asserted_on": "when it was first asserted (ISO date, week or month), or null",
    "claims.history": "every statement of the claim (JSON): speaker, stance, polarity, said_on, relation (assertion, retraction, contradiction, ...)",
    "claims.terms": "content terms (stems, names, numbers) used to link claims across articles",
    "claims.specifics": "the names and numbers among the terms: claims about different particulars never link",
    "failures.source": "the input that failed: a path, or `path:line` for JSON lines",
    "failures.error": "exception type (`BinaryFileError`, ...; a bug shows its own type)",
    "failures.reason": "one-line reason",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    get: Callable[[Any, Any], Any]
    """``get(extraction, row_item) -> value`` (``row_item`` is the article for ``articles``)."""
    description: str


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[Column, ...]
    rows: Callable[[Extraction], typing.Sequence[Any]]

    @property
    def schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, c.type) for c in self.columns])


# ---------------------------------------------------------------------------------------------
# mapping type hints to Arrow types

_SPAN = pa.struct([("start", pa.int64()), ("end", pa.int64())])


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def _is_span(hint: Any) -> bool:
    return typing.get_origin(hint) is tuple and typing.get_args(hint) == (int, int)


def _item_type(hint: Any) -> Any | None:
    """The element type of ``list[X]`` / ``tuple[X, ...]``, else ``None``."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is list and len(args) == 1:
        return args[0]
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    return None


_SCALARS = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(), date: pa.date32()}


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True,
                      default=lambda v: dataclasses.asdict(v) if dataclasses.is_dataclass(v) else str(v))


def _field_columns(table: str, name: str, hint: Any, get: Callable[[Any, Any], Any]) -> list[Column]:
    """Columns for one dataclass field (``get`` reads the field's value from a row)."""
    hint = _strip_optional(hint)

    def doc(column: str) -> str:
        return DESCRIPTIONS.get(f"{table}.{column}") or DESCRIPTIONS.get(column) or f"`{name}` field"

    if _is_span(hint):
        def start(x, r):
            span = get(x, r)
            return span[0] if span is not None else None

        def end(x, r):
            span = get(x, r)
            return span[1] if span is not None else None

        return [Column(f"{name}_start", pa.int64(), start, doc(f"{name}_start")),
                Column(f"{name}_end", pa.int64(), end, f"end of the `{name}` span (exclusive)")]
    item = _item_type(hint)
    if item is not None:
        item = _strip_optional(item)
        if _is_span(item):
            return [Column(name, pa.list_(_SPAN), lambda x, r: _spans(get(x, r)), doc(name))]
        if item in _SCALARS:
            return [Column(name, pa.list_(_SCALARS[item]),
                           lambda x, r: None if get(x, r) is None else list(get(x, r)), doc(name))]
    if hint in _SCALARS:
        return [Column(name, _SCALARS[hint], get, doc(name))]
    return [Column(name, pa.string(), lambda x, r: _json(get(x, r)), doc(name))]


def _spans(spans) -> list[dict] | None:
    if spans is None:
        return None
    return [{"start": a, "end": b} for a, b in spans]


def _attr(name: str) -> Callable[[Any, Any], Any]:
    return lambda _x, row: getattr(row, name)


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


# ---------------------------------------------------------------------------------------------
# the tables

def _text(x: Extraction, start: int | None, end: int | None) -> str | None:
    return None if start is None or end is None else x.article.body[start:end]


EXTRA_COLUMNS: dict[str, list[Column]] = {
    "sentences": [Column("text", pa.string(), lambda x, r: _text(x, r.start, r.end), DESCRIPTIONS["text"])],
    "timexes": [Column("text", pa.string(), lambda x, r: _text(x, r.start, r.end), DESCRIPTIONS["text"])],
    "attributions": [
        Column("source_text", pa.string(),
               lambda x, r: _text(x, *r.source) if r.source else None, DESCRIPTIONS["attributions.source_text"]),
        Column("cue_text", pa.string(),
               lambda x, r: _text(x, *r.cue) if r.cue else None, DESCRIPTIONS["attributions.cue_text"]),
        Column("content_text", pa.string(),
               lambda x, r: " … ".join(x.article.body[a:b] for a, b in r.content),
               DESCRIPTIONS["attributions.content_text"]),
    ],
}
"""Derived columns that are not dataclass fields: the text behind the spans."""

_DOC_ID = Column("doc_id", pa.string(), lambda x, _r: x.doc_id, DESCRIPTIONS["doc_id"])


def _articles_spec() -> TableSpec:
    columns = [_DOC_ID]
    for name, hint in _hints(Article).items():
        if name in ("doc_id", "body"):
            continue
        if name == "published":   # the date the extraction used, as in the JSON output
            columns.append(Column("published", pa.date32(), lambda x, _r: x.published,
                                  DESCRIPTIONS["articles.published"]))
            continue
        columns += _field_columns("articles", name, hint, lambda _x, a, n=name: getattr(a, n))
    columns += [
        Column("words", pa.int64(), lambda x, _r: x.article.words, DESCRIPTIONS["articles.words"]),
        Column("chars", pa.int64(), lambda x, _r: len(x.article.body), DESCRIPTIONS["articles.chars"]),
    ]
    for name, hint in _hints(Extraction).items():
        if name in ("article", "published") or _row_type(hint) is not None:
            continue
        columns += _field_columns("articles", name, hint, lambda x, _r, n=name: getattr(x, n))
    for name, hint in _hints(Extraction).items():
        if _row_type(hint) is not None:
            columns.append(Column(f"n_{name}", pa.int64(), lambda x, _r, n=name: len(getattr(x, n)),
                                  f"number of rows in `{name}` for this article"))
    return TableSpec("articles", tuple(columns), lambda x: [x.article])


def _row_type(hint: Any) -> type | None:
    item = _item_type(_strip_optional(hint))
    return item if item is not None and dataclasses.is_dataclass(item) else None


def _row_spec(name: str, row_type: type) -> TableSpec:
    hints = _hints(row_type)
    columns = [_DOC_ID]
    if "id" not in hints:
        columns.append(Column("index", pa.int64(), None, DESCRIPTIONS["index"]))  # filled by position
    for field_name, hint in hints.items():
        columns += _field_columns(name, field_name, hint, _attr(field_name))
    columns += EXTRA_COLUMNS.get(name, [])
    return TableSpec(name, tuple(columns), lambda x, n=name: getattr(x, n))


def _failures_spec() -> TableSpec:
    columns = [_field_columns("failures", n, h, _attr(n))[0] for n, h in _hints(Failure).items()]
    columns[0] = Column("doc_id", pa.string(), _attr("doc_id"), "article id when known, else null")
    return TableSpec("failures", tuple(columns), lambda f: [f])


def _build_specs() -> dict[str, TableSpec]:
    specs = {"articles": _articles_spec()}
    for name, hint in _hints(Extraction).items():
        row_type = _row_type(hint)
        if row_type is not None:
            specs[name] = _row_spec(name, row_type)
    specs["failures"] = _failures_spec()
    return specs


TABLES: dict[str, TableSpec] = _build_specs()
"""Table name -> spec, in the order they are documented and written."""


class PartitionTables:
    """Collects the rows of one partition, column by column, and turns them into Arrow tables."""

    def __init__(self) -> None:
        self._columns = {name: {c.name: [] for c in spec.columns} for name, spec in TABLES.items()}

    def add(self, extraction: Extraction) -> None:
        """Add an article's rows: all of them or, if a value raises, none."""
        rows = {}
        for name, spec in TABLES.items():
            if name == "failures":
                continue
            items = spec.rows(extraction)
            rows[name] = {c.name: [i if c.get is None else c.get(extraction, row) for i, row in enumerate(items)]
                          for c in spec.columns}
        for name, columns in rows.items():
            target = self._columns[name]
            for column, values in columns.items():
                target[column].extend(values)

    def add_failure(self, failure: Failure) -> None:
        target = self._columns["failures"]
        for column in TABLES["failures"].columns:
            target[column.name].append(column.get(None, failure))

    def tables(self) -> dict[str, pa.Table]:
        return {name: pa.Table.from_pydict(self._columns[name], schema=spec.schema)
                for name, spec in TABLES.items()}


def describe() -> str:
    """The column reference as Markdown (one section per table)."""
    lines = []
    for name, spec in TABLES.items():
        lines += [f"**{name}**", "", "| column | type | meaning |", "| --- | --- | --- |"]
        lines += [f"| `{c.name}` | {c.type} | {c.description} |" for c in spec.columns]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(describe())
