"""Tokens with exact spans into the text, and their Penn Treebank part-of-speech tags.

The tokenizer follows the Penn Treebank scheme that the tagger's training data (UD English
EWT) uses, so the tagger sees the tokens it learned from: clitics split off (``can’t`` ->
``ca`` + ``n’t``, ``she’s`` -> ``she`` + ``’s``, ``cannot`` -> ``can`` + ``not``), every quote
mark and punctuation character its own token (``go.”`` -> ``go`` ``.`` ``”``; ``said“We`` ->
``said`` ``“`` ``We``), while abbreviations (``Adm.``, ``U.S.``, initials ``J.``), numbers
(``2,500``, ``2.5``, ``9/11``), hyphenated words (``Iranian-backed``, ``e-mail``), URLs and
e-mail addresses stay whole. ``$2.5`` is ``$`` + ``2.5``.

It is one compiled regular expression pass (no per-token Python). What it cannot handle: an
abbreviation missing from ``resources/punkt/abbreviations.txt`` loses its period when the
word is not an initial or dotted form (``Gen.`` stays, ``Supt.`` stays, ``Insp.`` splits);
an apostrophe opening a quotation directly before ``s``/``d``/``m`` (``’sup``) is read as a
clitic; the period of an abbreviation that ends a sentence stays on the abbreviation
(``U.S.``) unless the word is listed (``Inc.`` -> ``Inc`` ``.``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from . import datafiles
from .tagger import tag_words


class Token(NamedTuple):
    start: int
    end: int
    text: str
    tag: str
    """Penn Treebank part-of-speech tag."""


def _abbreviations() -> list[str]:
    """The listed abbreviations without their final period, longest first. The list is the
    sentence splitter's (one place for both); dotted forms (``U.S.``) match by pattern."""
    words = {row[0].strip().rstrip(".") for row in datafiles.rows("punkt", "abbreviations.txt")}
    return sorted((w for w in words if "." not in w), key=lambda w: (-len(w), w))


_APOS = "'’"
_LISTED = "|".join(rf"(?<=\b{re.escape(a)}\.)" for a in _abbreviations())
"""A listed abbreviation just before the period: a lookbehind, so ordinary words skip it."""
_CLITIC = rf"[{_APOS}](?:[sSdDmM]|[rR][eE]|[vV][eE]|[lL][lL])(?!\w)"
_TOKEN = re.compile(
    rf"""
    [nN][{_APOS}][tT](?!\w)                      # n't (the word before: see below)
    | {_CLITIC}                                    # 's 're 've 'll 'd 'm
    | (?:[Cc]an|CAN)(?=not(?!\w)) | (?:[Gg]on|[Ww]an)(?=na(?!\w)) | [Gg]ot(?=ta(?!\w))
    | (?:https?://|www\.)[^\s"“”‘’<>()\[\]]*[^\s"“”‘’<>()\[\].,;:!?'’]   # URL
    | (?:[A-Za-z]\.){{2,}}(?:[-‐]\w+)*              # U.S. e.g. p.m. U.S.-led
    | [A-Z]\.(?=\s*\S)                             # initials, unless ending the span
    | \d+(?:[.,:/]\d+)+(?:[-‐]\w+)*                  # 2,500 2.5 9/11 10:30 1.5-million
    | \w+(?:(?:[-‐]|[{_APOS}](?!(?:[sSdDmMtT]|[rR][eE]|[vV][eE]|[lL][lL])(?!\w)))\w+)*
      (?:@\w+(?:[.-]\w+)*\.[A-Za-z]{{2,}})?          # words: e-mail, O'Brien, user@host.org
      (?![{_APOS}][tT](?!\w))                       # backs off to do|n't, ca|n't, wo|n't
      (?:\.(?=\s*[^\s.])(?:{_LISTED}))?              # Adm. Gen. Inc. (not ending the span)
    | \.\.+ | -{{2,}} | ``|''                         # ... -- `` ''
    | \S
    """,
    re.VERBOSE,
)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token spans of ``text[start:end]``: ordered, non-empty, covering every non-space char."""
    return [m.span() for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]


def tag_tokens(text: str, spans: list[tuple[int, int]]) -> list[Token]:
    """Tag the tokens of one sentence."""
    return tag_sentences(text, [spans])[0]


def tag_sentences(text: str, sentences: list[list[tuple[int, int]]]) -> list[list[Token]]:
    """Tag the tokens of many sentences at once (faster than one call per sentence)."""
    words = [[text[s:e] for s, e in spans] for spans in sentences]
    tags = tag_words(words)
    new = tuple.__new__  # skips NamedTuple.__new__'s Python frame (one Token per word)
    return [[new(Token, (s, e, w, t)) for (s, e), w, t in zip(spans, ws, ts)]
            for spans, ws, ts in zip(sentences, words, tags)]
