"""Sentence boundaries: NLTK's Punkt with shipped parameters, plus rules for noisy news text.

Punkt (Kiss & Strunk 2006, ``nltk.tokenize.punkt``) decides at each ``.``, ``?`` and ``!``
using parameters learned by ``scripts/build_punkt.py`` from UD English EWT train, Wikinews and
the sample article, with the curated ``resources/punkt/abbreviations.txt`` merged in. They are
read from JSON once, at import; nothing is downloaded and ``NLTK_DATA`` is never consulted.

Rules around Punkt:

- Every line break ends a sentence (blank lines and single newlines alike): in news files a line
  is a paragraph, a headline or a dateline. Hard-wrapped text is therefore over-split.
- Never a break after a title (``Adm.``, ``Sen.``: kind ``title`` in the list) or a link
  between names (``Brown v. Board``: kind ``link``), at a middle initial (``J. R. R. Tolkien``,
  ``Laurence H. Tribe``; so ``vitamin A. B. Smith`` is one sentence), nor after a
  ``number`` abbreviation (``No.``) when a digit follows. Any dotted initialism (``J.M.``) is
  an abbreviation to Punkt, which then decides from the next word; in a title-case line (a
  headline: ``Iraq Says U.S. Strikes Came Without Warning``) the next word's capital says
  nothing, so there is no break after an initialism.
- Closing quotes and brackets after the final punctuation belong to the sentence they close
  (``.”``, ``."``, ``?’``, ``. »``), also when the next sentence follows without a space.
- No break after a closing quote when the next word is lower case (``“Why?” he asked``).
- A break after an ellipsis that follows a word when a capitalised word comes next
  (``them… It’s``; in UD EWT train 85% of these are sentence ends).
- A period before a lower-case word is left to Punkt, which breaks after an ordinary word: a
  stray ``said.`` (``... Friday. said“We``) starts its own sentence. Final punctuation alone
  (``it. ... He``) is no sentence.

Not handled: sentences that end without punctuation inside a line (run-ons), an initial that
ends a sentence before a name or a rare word (``chose Plan B. Nobody``), an abbreviation
that really ends a sentence before a capitalised word when Punkt's statistics disagree
(``... in Washington, D.C. The``), and ``'`` or ``"`` used as a closing quote right before
the next sentence with no space between (``over."The``): it is taken for an opening quote.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from importlib.resources import files

from .nltk_modules import punkt

PunktLanguageVars = punkt.PunktLanguageVars
PunktParameters = punkt.PunktParameters
PunktSentenceTokenizer = punkt.PunktSentenceTokenizer
PunktToken = punkt.PunktToken

_RESOURCES = files("analysis") / "resources" / "punkt"

_LINE = re.compile(r"[^\n\r\x0b\x0c\x85\u2028\u2029]+")
"""A line: the text between line breaks (CRLF, LF, CR and the Unicode separators)."""

_END_CHAR = re.compile(r"[.?!…]")
_ELLIPSIS_BREAK = re.compile(r"(?<=[^\s.])(?:\.{3,}|…)[\"'”’»)]*(?=\s+[\"“‘«(]?[A-Z])")
"""An ellipsis after a word, then a capitalised word: a break (Punkt leaves most of these)."""
_WORDLESS = re.compile(r"[\s.?!…\"'”’»)\]]+")
_INITIAL = re.compile(r"[A-Z]\.(?!\S)")
_INITIALISM = re.compile(r"(?:[^\W\d_]\.){2,}$")
_CLOSING = "\"'”’»)]}"
"""Characters that close a quotation or a bracket: they stay with the sentence before them."""
_ALWAYS_CLOSING = "”’»)]}"
"""Closing characters that never open anything, moved back even when no space follows."""
_OPENING = "\"'“‘«([{"


def abbreviation_kinds() -> dict[str, str]:
    """``{punkt type: kind}``: lower case, final period dropped (``Adm.`` -> ``adm``)."""
    kinds: dict[str, str] = {}
    text = (_RESOURCES / "abbreviations.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            abbreviation, kind = line.split("\t")
            if kind != "cased":  # Punkt lower-cases: `Ill.` would make `ill.` an abbreviation
                kinds[abbreviation.lower().rstrip(".")] = kind
    return kinds


class _LangVars(PunktLanguageVars):
    """NLTK's English patterns, compiled with ``re`` instead of ``nltk.redos``.

    The patterns are NLTK's own, already linear (NLTK issue #2866); ``redos`` adds the ``regex``
    engine and a 5-second wall-clock limit, which costs a third of the splitting time and could
    raise ``TimeoutError`` on a very long line.
    """

    __slots__ = ()
    _re_word_start = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,“”‘’«»]"
    """NLTK's, plus curly quotes and guillemets: ``“Mr.`` is a quote and ``Mr.``, an abbreviation."""
    re_boundary_realignment = re.compile(
        PunktLanguageVars.re_boundary_realignment.pattern, re.MULTILINE)

    def period_context_re(self) -> re.Pattern[str]:
        try:
            return self._re_period_context
        except AttributeError:
            self._re_period_context = re.compile(self._period_context_fmt % {
                "NonWord": self._re_non_word_chars, "SentEndChars": self._re_sent_end_chars},
                re.UNICODE | re.VERBOSE)
            return self._re_period_context

    def _word_tokenizer_re(self) -> re.Pattern[str]:
        try:
            return self._re_word_tokenizer
        except AttributeError:
            self._re_word_tokenizer = re.compile(self._word_tokenize_fmt % {
                "NonWord": self._re_non_word_chars, "MultiChar": self._re_multi_char_punct,
                "WordStart": self._re_word_start}, re.UNICODE | re.VERBOSE)
            return self._re_word_tokenizer


class _Token(PunktToken):
    """PunktToken with its patterns compiled by ``re`` (see ``_LangVars``)."""

    __slots__ = ()
    _RE_ELLIPSIS = re.compile(PunktToken._RE_ELLIPSIS.pattern)
    _RE_NUMERIC = re.compile(PunktToken._RE_NUMERIC.pattern)
    _RE_INITIAL = re.compile(PunktToken._RE_INITIAL.pattern, re.UNICODE)
    _RE_ALPHA = re.compile(PunktToken._RE_ALPHA.pattern, re.UNICODE)


class _NewsPunkt(PunktSentenceTokenizer):
    """Punkt that also takes any dotted initialism (``J.M.``, ``W.H.S.``) for an abbreviation.

    Punkt then decides from the next word as it does for known abbreviations: ``the U.S. The``
    breaks (``the`` is a frequent sentence starter), ``J.M. Huber`` does not.
    """

    def _first_pass_annotation(self, aug_tok: PunktToken) -> None:
        super()._first_pass_annotation(aug_tok)
        if aug_tok.sentbreak and _INITIALISM.match(aug_tok.tok):
            aug_tok.sentbreak = False
            aug_tok.abbr = True


def _load_params(kinds: dict[str, str]) -> PunktParameters:
    data = json.loads((_RESOURCES / "params.json").read_text(encoding="utf-8"))
    params = PunktParameters()
    params.abbrev_types = set(data["abbrev_types"]) | {
        typ for typ, kind in kinds.items() if kind != "number"}
    params.collocations = {tuple(pair) for pair in data["collocations"]}
    params.sent_starters = set(data["sent_starters"])
    for typ, flags in data["ortho_context"].items():
        params.ortho_context[typ] = flags
    return params


_KINDS = abbreviation_kinds()
_NEVER_FINAL = frozenset(typ for typ, kind in _KINDS.items() if kind in ("title", "link"))
_BEFORE_NUMBER = frozenset(typ for typ, kind in _KINDS.items() if kind == "number")
_PARAMS = _load_params(_KINDS)
_PUNKT = _NewsPunkt(_PARAMS, lang_vars=_LangVars(), token_cls=_Token)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` into ``text``: trimmed, ordered, never empty."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start, end = line.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        if _END_CHAR.search(text, start, end - 1) is None:
            spans.append((start, end))  # no candidate boundary before the last character
            continue
        spans.extend(_split_line(text, start, end))
    return spans


def _split_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Punkt's spans for one line, trimmed and corrected by the rules above."""
    line = text[start:end]
    pieces: list[list[int]] = []
    title: bool | None = None
    for s, e in _PUNKT.span_tokenize(line):
        s, e = _trim(line, s, e)
        if pieces and s == pieces[-1][1]:  # glued on: closing quotes go back
            while s < e and line[s] in _ALWAYS_CLOSING:
                s += 1
            pieces[-1][1] = s
            s = _trim(line, s, e)[0]
        if s >= e:
            continue
        joined = bool(pieces) and _joined(line, pieces[-1][1], s, e)
        if pieces and not joined and _after_initialism(line, pieces[-1][1]):
            if title is None:
                title = _title_case(line)
            joined = title
        if joined:
            pieces[-1][1] = e
        else:
            pieces.append([s, e])
    spans = []
    for s, e in pieces:
        if "…" in line[s:e] or "..." in line[s:e]:
            for match in _ELLIPSIS_BREAK.finditer(line, s, e):
                spans.append((start + s, start + match.end()))
                s = _trim(line, match.end(), e)[0]
        spans.append((start + s, start + e))
    return spans


def _joined(line: str, prev_end: int, start: int, end: int) -> bool:
    """Whether Punkt's break at ``prev_end`` is wrong and the next piece continues the sentence."""
    word_start = prev_end
    while word_start > 0 and not line[word_start - 1].isspace():
        word_start -= 1
    word = line[word_start:prev_end].lstrip(_OPENING + _CLOSING)
    if line[start] in ".?!" and (start == prev_end or word == "."):
        return True  # "?!?!", ". . .": a sentence does not start with its final punctuation
    if _WORDLESS.fullmatch(line, start, end):
        return True  # "it. ... He": final punctuation alone is no sentence
    last = line[prev_end - 1]
    if _INITIAL.fullmatch(word) and _middle_initial(line, word_start, start, end):
        return True
    if last == ".":
        typ = word[:-1].lower()
        return typ in _NEVER_FINAL or (typ in _BEFORE_NUMBER and line[start].isdigit())
    if last in _CLOSING and line[prev_end - 2:prev_end - 1] in (".", "?", "!"):
        return line[start].islower()  # “Why?” he asked
    return False


_MINOR_WORDS = frozenset(
    "a an the and or but nor for of in on at to by with from as vs vs. via up off per than "
    "into onto over out".split())
"""Words that title case may leave in lower case (style guides differ on the short ones)."""


def _after_initialism(line: str, prev_end: int) -> bool:
    """Whether the piece before ``prev_end`` ends with a dotted initialism (``U.S.``)."""
    word_start = prev_end
    while word_start > 0 and not line[word_start - 1].isspace():
        word_start -= 1
    return _INITIALISM.match(line[word_start:prev_end].lstrip(_OPENING)) is not None


def _title_case(line: str) -> bool:
    """Whether a line is written in title case (or capitals), as headlines are: at least
    three words other than ``_MINOR_WORDS`` and nine in ten of them capitalised. Punkt
    decides after an abbreviation from the next word's capital, which in such a line says
    nothing (``Iraq Says U.S. Strikes Came Without Warning``), so no break follows an
    initialism there. Cannot handle: a title-case line that really holds two sentences, the
    first ending in an initialism (``Made in the U.S. Buy Now``), kept as one."""
    return is_title_case(t.strip(_OPENING + _CLOSING + ".,;:!?") for t in line.split())


def is_title_case(words: Iterable[str]) -> bool:
    """Whether ``words`` are title case (or capitals): at least three that are not
    ``_MINOR_WORDS``, and nine in ten of those capitalised."""
    major = [w for w in words if w[:1].isalpha() and w.lower() not in _MINOR_WORDS]
    return len(major) >= 3 and sum(w[0].isupper() for w in major) * 10 >= 9 * len(major)


def _middle_initial(line: str, initial_start: int, start: int, end: int) -> bool:
    """``J. R. R. Tolkien``, ``Laurence H. Tribe``: an initial between a name and a name.

    After a capitalised word, an initial followed by another initial, or by a capitalised word
    that is not a frequent sentence starter (``Plan B. The``), is a middle initial.
    """
    if _INITIAL.match(line, start, end):
        return True
    before = line[max(0, initial_start - 40):initial_start].split()[-1:]
    if not before or not before[0].lstrip(_OPENING)[:1].isupper():
        return False
    nxt = line[start:min(end, start + 40)].lstrip(_OPENING).split(None, 1)
    return bool(nxt) and nxt[0][0].isupper() and (
        nxt[0].rstrip(_CLOSING + ".,;:?!").lower() not in _PARAMS.sent_starters)


def _trim(line: str, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end
