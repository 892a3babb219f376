"""Tokens with exact spans. TODO(issue 3): the trained tagger; tags are empty until then."""

from __future__ import annotations

import re
from typing import NamedTuple


class Token(NamedTuple):
    start: int
    end: int
    text: str
    tag: str
    """Penn Treebank part-of-speech tag."""


_TOKEN = re.compile(r"\w+(?:[’'.-]\w+)*|\S")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]


def tag_tokens(text: str, spans: list[tuple[int, int]]) -> list[Token]:
    return [Token(s, e, text[s:e], "") for s, e in spans]
