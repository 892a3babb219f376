"""Sentence boundaries. TODO(issue 3): Punkt with shipped parameters; this splits on
paragraphs and sentence-final punctuation followed by space and a capital only."""

from __future__ import annotations

import re

_BREAK = re.compile(r"[.!?][\"'”’»)]*(?=\s+[\"“‘«(]?[A-Z])|\n\s*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _BREAK.finditer(text):
        _add(text, start, match.end(), spans)
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
