"""Quotations: the stretches of an article body inside quote marks, found in one linear scan.

Double marks (``" “ ” « » „ ‟`` and ``''``) delimit quotations; a curly or guillemet mark says which side
it is on, a straight ``"`` is read from its neighbours and from whether a quotation is open, so
mismatched pairs (``“...»``, ``”...”``) and glued marks (``said“We``) still pair up. A
quotation that never closes ends at the end of its paragraph, except under the news convention
for long quotes: a paragraph that starts with an opening mark continues the open quotation
(only the last paragraph closes it). A closing mark with no opener opens its quotation at the
start of its paragraph. Each quotation records whether both marks were found.

Single marks (``‘ ’ ' ‹ ›``) are mostly apostrophes (``shouldn‘t``, ``Clinton’s``, ``Jones’``);
a pair counts as a quotation only outside double quotation marks, with the opener at the
start of a word and the closer at the end of one in the same paragraph (headline style:
``Flynn says Trump 'absolutely right'``). Nested single quotes inside a double quotation are
part of it. What this cannot handle: a plural possessive (``the Joneses’``) closing a single
quotation it did not open; quote marks used as inch or minute signs (``6' 2"``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

OPENING = "“„«‟"
CLOSING = "”»"
DOUBLE = OPENING + CLOSING + '"'
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
SINGLE = SINGLE_OPEN + SINGLE_CLOSE + "'"
ALL_QUOTES = DOUBLE + SINGLE
_DOUBLE_RE = re.compile("''|``|[" + DOUBLE + "]")
_SINGLE_RE = re.compile(  # a single mark not between two word characters (not shouldn‘t)
    "(?<![\\w'])['" + SINGLE_OPEN + SINGLE_CLOSE + "](?!')|(?<!')['" + SINGLE_OPEN + SINGLE_CLOSE
    + "](?![\\w'])")
_PARA_RE = re.compile(r"\n")


class Quote(NamedTuple):
    start: int
    """Offset of the opening mark (or of the paragraph start when there was none)."""
    end: int
    """Offset just past the closing mark (or the end of the last paragraph)."""
    balanced: bool
    """Both marks were found."""
    single: bool
    """Delimited by single marks."""


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Line spans with their surrounding whitespace trimmed; blank lines dropped."""
    spans, start = [], 0
    for m in _PARA_RE.finditer(text):
        _add(text, start, m.start(), spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _side(text: str, i: int, j: int) -> str:
    """``open``, ``close`` or ``either`` for the double mark ``text[i:j]``, from its shape and
    neighbours (``''`` is a straight double mark, as some outlets write it)."""
    ch = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    if ch in OPENING or text.startswith("``", i):
        return "open"
    if ch in CLOSING:
        # ``”We`` after a space is a closing-shaped mark used to open
        return "either" if before.isspace() and after.isalnum() else "close"
    if (before.isspace() or before in "([{—–-") and not after.isspace():
        return "open"
    if (after.isspace() or after in ".,;:!?)]}—–-") and not before.isspace():
        return "close"
    return "either"


def find_quotes(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Quotations of ``text`` in order, non-overlapping, each inside the text."""
    paras = paragraph_spans(text) if paragraphs is None else paragraphs
    para_starts = [s for s, _ in paras]

    def para_of(pos: int) -> int:
        return max(0, bisect_right(para_starts, pos) - 1)

    quotes: list[Quote] = []
    open_pos = -1
    open_para = 0
    for m in _DOUBLE_RE.finditer(text):
        i, j = m.span()
        side = _side(text, i, j)
        k = para_of(i)
        if open_pos >= 0 and k != open_para:
            at_para_start = i == paras[k][0]
            if k == open_para + 1 and at_para_start and side != "close":
                open_para = k  # long-quote convention: the quotation goes on
                continue
            quotes.append(Quote(open_pos, paras[open_para][1], False, False))
            open_pos = -1
        if open_pos < 0:
            if side == "close":
                start = paras[k][0]
                last_end = quotes[-1].end if quotes else 0
                if i - start <= 1000 and start >= last_end and i > start:
                    quotes.append(Quote(start, j, False, False))
                continue
            open_pos, open_para = i, k
            continue
        if side == "open" and text[i - 1].isspace():
            # a second opener: the first quotation lacked its closer
            end = i
            while end > open_pos + 1 and text[end - 1].isspace():
                end -= 1
            quotes.append(Quote(open_pos, end, False, False))
            open_pos, open_para = i, k
            continue
        quotes.append(Quote(open_pos, j, True, False))
        open_pos = -1
    if open_pos >= 0:
        quotes.append(Quote(open_pos, paras[open_para][1] if paras else len(text), False, False))
    return _merge(quotes, _single_quotes(text, paras, quotes))


def _single_quotes(text: str, paras: list[tuple[int, int]], doubles: list[Quote]) -> list[Quote]:
    """Single-mark quotations outside the double ones, within one paragraph each."""
    out: list[Quote] = []
    d = 0
    opener = -1
    opener_para_end = -1
    for m in _SINGLE_RE.finditer(text):
        i = m.start()
        while d < len(doubles) and doubles[d].end <= i:
            d += 1
        if d < len(doubles) and doubles[d].start <= i:
            opener = -1
            continue
        if opener >= 0 and d > 0 and doubles[d - 1].start > opener:
            opener = -1  # a double quotation lies between: no single pair around it
        ch = text[i]
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # apostrophe: shouldn't, shouldn‘t, Clinton’s
        can_open = ch not in SINGLE_CLOSE and not before.isalnum() and after.isalnum()
        can_close = ch not in SINGLE_OPEN and not after.isalnum() and (before.isalnum() or before in ".,!?")
        if opener >= 0 and can_close and i < opener_para_end:
            out.append(Quote(opener, i + 1, True, True))
            opener = -1
        elif can_open:
            opener = i
            opener_para_end = _para_end(paras, i)
    return out


def _para_end(paras: list[tuple[int, int]], pos: int) -> int:
    lo, hi = 0, len(paras)
    while lo < hi:
        mid = (lo + hi) // 2
        if paras[mid][1] < pos:
            lo = mid + 1
        else:
            hi = mid
    return paras[lo][1] if lo < len(paras) else pos


def _merge(doubles: list[Quote], singles: list[Quote]) -> list[Quote]:
    if not singles:
        return doubles
    return sorted(doubles + singles)
