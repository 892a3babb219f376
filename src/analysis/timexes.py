"""Time expressions (TimeML TIMEX3) normalised against the publication date.

The patterns and word lists are data (``resources/time/``: ``patterns.tsv`` and one TSV per
word class, in the spirit of HeidelTime's resources); this module compiles them once into one
regular expression and applies it. The pattern is only tried at a token whose first word can
start an expression (a word of some list, or a digit) and that has a head word (a month, unit,
weekday, digit...) within five tokens: one anchored match per candidate, linear in the article.
A match the normaliser rejects (``may`` the verb, ``1998 people``) falls back to the later rules.

Spans follow TimeML: determiners and modifiers are inside (``the past 10 days``, ``late
November``), a governing preposition is not (``on Friday`` -> ``Friday``). Underspecified
dates (``Friday``, ``Sept. 30``, ``October``, ``last summer``) are placed by the tense of the
clause around them (Penn tags when the tokens carry them, else ``tense.tsv``; past: the latest
occurrence at or before the publication date; future: the earliest at or after; otherwise the
nearest). Without a publication date, relative expressions get ``value=None``; absolute ones
(``Feb. 2, 2024``, ``1998``, ``P3Y``) keep their values.

What it cannot do: event-anchored expressions (``two days after the vote``) are normalised
against the publication date or the last mentioned date, not the event; anaphoric periods of
financial reports (``the quarter``, ``the year``) are left out; ``mod`` (START, END, APPROX)
is not part of the output; time zones stay in the span but not in the value; numbers in words
beyond ninety-nine (except ``a hundred``, ``a thousand``), spoken years (``nineteen
ninety-six``) and non-English expressions are not read.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from operator import attrgetter
from typing import Callable

from . import datafiles
from . import timenorm as tn
from .document import Document
from .tokens import Token

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str | None
    """TIMEX3 value; ``None`` when it cannot be resolved (e.g. no publication date)."""


# ---------------------------------------------------------------------------------------------
# resources


def _read_tsv(name: str) -> list[list[str]]:
    return datafiles.rows("time", name)


def _key(text: str) -> str:
    """How a matched word is looked up in a word list: lower case, single spaces, ASCII '."""
    return " ".join(text.lower().replace("’", "'").split())


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, str]
    ordinals: dict[str, str]
    units: dict[str, tuple[str, str]]
    parts: dict[str, str]
    seasons: dict[str, str]
    relatives: dict[str, int]
    modifiers: dict[str, str]
    timezones: dict[str, str]
    sets: dict[str, str]
    vague: dict[str, str]
    holidays: dict[str, str]
    tense: dict[str, str]
    context: dict[str, frozenset[str]]
    """Word classes of ``context.tsv`` (``year_context``, ``quantity_noun``, ``speech``...)."""

    def words(self, kind: str) -> frozenset[str]:
        return self.context.get(kind, frozenset())


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    def table(name: str) -> dict[str, str]:
        return {_key(row[0]): row[1] for row in _read_tsv(name)}

    return _Lexicon(
        months={k: int(v) for k, v in table("months.tsv").items()},
        weekdays={k: int(v) for k, v in table("weekdays.tsv").items()},
        numbers=table("numbers.tsv"),
        ordinals=table("ordinals.tsv"),
        units={_key(r[0]): (r[1], r[2]) for r in _read_tsv("units.tsv")},
        parts=table("parts_of_day.tsv"),
        seasons=table("seasons.tsv"),
        relatives={k: int(v) for k, v in table("relatives.tsv").items()},
        modifiers=table("modifiers.tsv"),
        timezones=table("timezones.tsv"),
        sets=table("sets.tsv"),
        vague=table("vague.tsv"),
        holidays=table("holidays.tsv"),
        tense=table("tense.tsv"),
        context=_classes(_read_tsv("context.tsv")),
    )


def _classes(rows: list[list[str]]) -> dict[str, frozenset[str]]:
    classes: dict[str, set[str]] = {}
    for word, kind in rows:
        classes.setdefault(kind, set()).add(_key(word))
    return {kind: frozenset(words) for kind, words in classes.items()}


def _alternation(words) -> str:
    """The words as one regex, longest first, so that it prefers ``sept.`` to ``sep`` and ``the
    past`` to ``the``; a space in a word matches any run of whitespace, a hyphen a hyphen, a
    space or nothing, an apostrophe either apostrophe.

    The words are laid out as a trie (``the (?:past|...)``, not ``the past|the ...``): the
    pattern is tried at every candidate start of an expression, and a flat list costs one
    attempt per word there."""
    trie: dict = {}
    for word in set(words):
        node = trie
        for atom in map(_atom, word):
            node = node.setdefault(atom, {})
        node[""] = {}  # a word ends here
    return _trie_regex(trie)[0] + r"(?!\w)"


def _atom(char: str) -> str:
    if char == " ":
        return r"\s+"
    if char == "-":
        return "[-\\s]?"
    if char == "'":
        return "['’]"
    return re.escape(char)


def _trie_regex(node: dict) -> tuple[str, int]:
    """(regex, length in atoms of the longest word) of a trie node. Branches go longest first;
    where a word ends inside a longer one, the longer one is tried first (``the(?: past)?``)."""
    ends = "" in node
    branches = []
    for atom, child in node.items():
        if atom:
            regex, depth = _trie_regex(child)
            branches.append((-depth - 1, atom, atom + regex))
    if not branches:
        return "", 0
    branches.sort()
    parts = [regex for _, _, regex in branches]
    if len(parts) == 1 and not ends:
        regex = parts[0]
    else:
        regex = "(?:" + "|".join(parts) + (")?" if ends else ")")
    return regex, -branches[0][0]


def _tens_and_ones(lex: _Lexicon) -> tuple[list[str], list[str]]:
    """Number words that combine as ``twenty four`` / ``twenty-four`` (from ``numbers.tsv``)."""
    single = {k: v for k, v in lex.numbers.items() if " " not in k and v.isdigit()}
    tens = [k for k, v in single.items() if int(v) in range(20, 100, 10)]
    ones = [k for k, v in single.items() if 1 <= int(v) <= 9 and k not in ("a", "an")]
    return tens, ones


def _sub_patterns(lex: _Lexicon) -> dict[str, str]:
    mods = [k for k, v in lex.modifiers.items() if v in ("START", "END", "MID")]
    approx = [k for k, v in lex.modifiers.items() if v not in ("START", "END", "MID")]
    plural_units = [k for k in lex.units if k.endswith("s")]
    tens, ones = _tens_and_ones(lex)
    number_words = (rf"(?:(?:{'|'.join(tens)})(?:[-\s](?:{'|'.join(ones)}))?(?!\w)"
                    rf"|{_alternation(lex.numbers)})")
    return {
        "month": _alternation(lex.months),
        "weekday": _alternation(lex.weekdays),
        "weekdays": _alternation(k + "s" for k in lex.weekdays if not k.endswith(".")),
        "day": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|[%:.,]\d)",
        "year": r"(?:1[0-9]\d\d|20\d\d)(?![\d%]|[.,]\d)",
        "yy": r"\d\d(?![\d%]|[.,]\d)",
        "isoyear": r"\d{4}", "isomonth": r"0[1-9]|1[0-2]", "isoday": r"0[1-9]|[12]\d|3[01]",
        "slashmonth": r"0?[1-9]|1[0-2]", "slashday": r"0?[1-9]|[12]\d|3[01]",
        "slashyear": r"(?:\d{4}|\d\d)(?![\d/])",
        "num": rf"(?:\d{{1,3}}(?:,\d{{3}})+(?![\d,])|\d+(?:\.\d+|\s1/2|½)?(?![\d,/])"
               rf"|{number_words})",
        "unit": _alternation(lex.units),
        "units": _alternation(plural_units),
        "rel": _alternation(lex.relatives),
        "relday": r"(?:this|last|yesterday|tomorrow)(?!\w)",
        "rday": r"(?:today|tonight|yesterday|tomorrow)(?!\w)",
        "mod": _alternation(mods),
        "approx": _alternation(approx),
        "part": _alternation(lex.parts),
        "season": _alternation(lex.seasons),
        "tz": r"(?-i:" + "|".join(sorted((k.upper() for k in lex.timezones),
                                          key=len, reverse=True)) + r")(?!\w)",
        "clock": (r"(?:(?:[01]?\d|2[0-3]):[0-5]\d(?:\s?[ap]\.?m\b\.?)?(?![\d:])"
                  r"|(?:1[0-2]|0?[1-9])(?:\s?[ap]\.m\.|\s?[ap]\.?m\b)"
                  r"|(?:1[0-2]|0?[1-9])\so['’]clock|noon|midnight|midday)(?!\w)"),
        "ordinal": _alternation(lex.ordinals),
        "setword": _alternation(lex.sets),
        "vague": _alternation(lex.vague),
        "holiday": _alternation(lex.holidays),
        "decade": r"(?:1[0-9]|20)\d0s(?!\w)",
        "decade2": r"\d0s(?!\w)",
        "decadeword": _alternation(t[:-1] + "ies" for t in tens),
        "fy": r"(?-i:FY)",
        "q": r"(?-i:Q[1-4])(?!\w)",
    }


@dataclass(frozen=True)
class _Rule:
    name: str
    type: str
    kind: str


@dataclass(frozen=True)
class _Grammar:
    pattern: re.Pattern
    rules: dict[str, _Rule]
    singles: list[tuple[str, str]]
    """Each rule on its own (name, pattern), in order: tried after a rule whose match the
    normaliser rejects; compiled on first use (``_single``), as few ever are."""
    triggers: frozenset[str]
    """First words of tokens where an expression may start."""
    heads: frozenset[str]
    """Words one of which every expression contains (with digits): the pattern is only tried
    where one follows within a few tokens."""


_PLACEHOLDER = re.compile(r"\{(\w+?)(?::(\d))?\}")


@lru_cache(maxsize=1)
def grammar() -> _Grammar:
    """``patterns.tsv`` compiled into one alternation of named rules."""
    lex = lexicon()
    subs = _sub_patterns(lex)
    rules, branches, literal_words = {}, [], set()
    for name, type_, kind, template in _read_tsv("patterns.tsv"):
        rules[name] = _Rule(name, type_, kind)
        literal_words.update(re.findall(r"(?<![\\{\w])[a-z]{2,}", _PLACEHOLDER.sub("", template)))
        regex = template.replace("[ -]", r"(?:\s+|-)").replace(" ?", r"\s*").replace(" ", r"\s+")
        regex = _PLACEHOLDER.sub(
            lambda m: f"(?P<{name}__{m[1]}{m[2] or ''}>{subs[m[1]]})", regex)
        branches.append(f"(?P<{name}>{regex})")
    pattern = re.compile("|".join(branches), re.IGNORECASE)
    singles = list(zip(rules, branches))
    words = set(literal_words)
    for table in (lex.months, lex.weekdays, lex.numbers, lex.ordinals, lex.units, lex.parts,
                  lex.seasons, lex.relatives, lex.modifiers, lex.sets, lex.vague,
                  lex.holidays):
        words.update(_first_word(k) for k in table)
    words.update(k + "s" for k in lex.weekdays)
    words.update({"today", "tonight", "yesterday", "tomorrow", "noon", "midnight", "midday",
                  "fy", "q", "'", "’"})
    heads = {"today", "tonight", "yesterday", "tomorrow", "noon", "midnight", "midday", "fy",
             "q", "fiscal", "half", "o", "ago"}
    for table in (lex.months, lex.weekdays, lex.units, lex.parts, lex.seasons, lex.sets):
        heads.update(_first_word(k) for k in table)
    for table in (lex.vague, lex.holidays):
        heads.update(w for k in table for w in re.findall(r"[a-z]+", k) if len(w) > 3 or
                     w == "now")
    heads.update(k + "s" for k in lex.weekdays)
    heads.update(t[:-1] + "ies" for t in _tens_and_ones(lex)[0])  # "the nineties"
    return _Grammar(pattern, rules, singles, frozenset(words), frozenset(heads))


_FIRST = re.compile(r"[^\W\d_]+|\d|['’]")


@lru_cache(maxsize=1 << 16)
def _first_word(text: str) -> str:
    match = _FIRST.match(text.lower())
    return match.group(0) if match else ""


# ---------------------------------------------------------------------------------------------
# tense of the clause around an expression


_PAST_TAGS = {"VBD", "VBN"}
_PRESENT_TAGS = {"VBZ", "VBP"}
_FUTURE_WORDS = {"will", "shall", "'ll", "’ll", "wo"}
_ED = re.compile(r"[a-z]{2,}ed\Z")


def _token_tense(token: Token, tense_words: dict[str, str]) -> str | None:
    """The tense a token marks. With Penn tags: ``will``/``shall`` and the future words of
    ``tense.tsv`` (``would``, ``scheduled``, ``expected``; unless tagged VBD) mark the future,
    VBD and VBN the past (``announced Friday``, ``have been searching``), VBZ/VBP the present.
    Without tags: the word list, then the ``-ed`` ending."""
    word = token.text.lower()
    cue = tense_words.get(word)
    if word in _FUTURE_WORDS:
        return tn.FUTURE
    if token.tag:
        if cue == tn.FUTURE and token.tag != "VBD":
            return tn.FUTURE
        if token.tag in _PAST_TAGS:
            return tn.PAST
        if token.tag in _PRESENT_TAGS:
            return tn.PRESENT
        return None
    if cue:
        return cue
    if _ED.match(token.text):
        return tn.PAST
    return None


_START, _END = attrgetter("start"), attrgetter("end")


def clause_tense(tokens: list[Token], start: int, end: int) -> str | None:
    """The tense nearest to the span ``start:end`` in its sentence's tokens: the closest
    marker to the left (within the clause), else to the right. Markers are the Penn tags
    (VBD past, VBZ/VBP present, ``will``/``shall`` future) when the tokens carry tags, else
    the word list ``tense.tsv`` and the ``-ed`` ending (which also catches adjectives such as
    ``armed``: a fallback, not a parse)."""
    words = lexicon().tense
    first_right = bisect_left(tokens, end, key=_START)
    left = tokens[max(0, bisect_right(tokens, start, key=_END) - 12):
                  bisect_right(tokens, start, key=_END)]
    if len(left) >= 3 and [t.text.lower() for t in left[-3:]] in (["as", "soon", "as"],
                                                                   ["as", "early", "as"]):
        return tn.FUTURE
    for token in reversed(left):
        if token.text in (";", ":"):
            break
        tense = _token_tense(token, words)
        if tense:
            return tense
    for token in tokens[first_right:first_right + 12]:
        if token.text in (";", ":", "."):
            break
        tense = _token_tense(token, words)
        if tense:
            return tense
    return None


# ---------------------------------------------------------------------------------------------
# normalisation


@dataclass
class _Context:
    body: str
    dct: date | None
    ref_day: date | None = None
    """The last fully specified day mentioned, for "the next day", "two days later"."""
    ref_value: str | None = None
    """The last calendar value mentioned (``1998``, ``1998-06``, ``1998-06-02``), for "later
    that year"."""
    ref_quarter: tuple[int, int] | None = None
    """The last quarter mentioned: "a year earlier" after one means the same quarter a year
    before (the comparison of quarterly results)."""


def _group(match: re.Match, rule: str, name: str) -> str | None:
    try:
        return match.group(f"{rule}__{name}")
    except IndexError:
        return None


def _groups(match: re.Match, rule: str) -> Callable[[str], str | None]:
    """``g('month')``: the text a rule's placeholder matched, or None."""
    return lambda name: _group(match, rule, name)


def _number(text: str | None) -> float | None:
    """Digits or number words to a number; ``None`` for vague amounts (``a few``)."""
    if text is None:
        return 1.0
    key = _key(text)
    if key[:1].isdigit():
        half = key.endswith(("1/2", "½"))
        return float(key.split()[0].rstrip("½").replace(",", "")) + (0.5 if half else 0.0)
    value = lexicon().numbers.get(key)
    if value is not None:
        return None if value == "X" else float(value)
    total = 0.0
    for word in re.split(r"[-\s]+", key):
        part = lexicon().numbers.get(word)
        if part is None or part == "X":
            return None
        total += float(part)
    return total


def _ordinal(text: str | None) -> str | None:
    return lexicon().ordinals.get(_key(text)) if text else None


def _capitalised(text: str | None) -> bool:
    return bool(text) and text[0].isupper()




def _previous_word(body: str, start: int) -> str:
    match = re.search(r"([A-Za-z]+)[^\w]*\Z", body[max(0, start - 30):start])
    return match.group(1).lower() if match else ""


def _sentence_initial(body: str, start: int) -> bool:
    before = body[max(0, start - 4):start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?:\n"


def _next_text(body: str, end: int) -> str:
    return body[end:end + 30]


def _day_value(ctx: _Context, month: int, day: int, year: int | None, tense) -> str | None:
    if year is not None:
        try:
            result = date(year, month, day)
        except ValueError:
            return None
    else:
        if ctx.dct is None:
            return None
        result = tn.resolve_month_day(ctx.dct, month, day, tense)
        if result is None:
            return None
    ctx.ref_day = result
    return result.isoformat()


def _year_of(text: str | None) -> int | None:
    if text is None:
        return None
    digits = text.strip("'’")
    year = int(digits)
    if len(digits) == 2:
        year += 1900 if year >= 30 else 2000
    return year


class _Reject(Exception):
    """A match that is not a time expression after all (``may`` the verb, a quantity)."""


def _norm_date(rule, m, ctx, tense) -> tuple[str, str | None]:
    g = _groups(m, rule)
    if g("isoyear"):
        return "DATE", _day_value(ctx, int(g("isomonth")), int(g("isoday")), int(g("isoyear")),
                                  tense)
    if g("slashyear"):
        return "DATE", _day_value(ctx, int(g("slashmonth")), int(g("slashday")),
                                  _year_of(g("slashyear")), tense)
    month_text = g("month")
    if not _capitalised(month_text):
        raise _Reject
    month = lexicon().months[_key(month_text)]
    year = _year_of(g("year"))
    day_text = g("day")
    if day_text is None:
        return "DATE", tn.month_value(year, month)
    day = int(re.match(r"\d+", day_text).group(0))
    weekday = g("weekday")
    if weekday and not _capitalised(weekday):
        raise _Reject
    return "DATE", _day_value(ctx, month, day, year, tense)


def _norm_clock(rule, m, ctx, tense) -> tuple[str, str | None]:
    g = _groups(m, rule)
    clock = _key(g("clock"))
    if clock in ("noon", "midday"):
        hour, minute = 12, 0
    elif clock == "midnight":
        hour, minute = 24, 0
    else:
        numbers = [int(n) for n in re.findall(r"\d+", clock)]
        hour, minute = numbers[0], (numbers[1] if len(numbers) > 1 else 0)
        if "p" in clock and hour < 12:
            hour += 12
        elif "a" in clock.replace("o'clock", "") and hour == 12:
            hour = 0
    day = None
    if g("weekday"):
        if ctx.dct:
            day = tn.resolve_weekday(ctx.dct, lexicon().weekdays[_key(g("weekday"))], tense)
    elif g("rday"):
        day = _relative_day(ctx, g("rday"))
    elif g("month"):
        value = _day_value(ctx, lexicon().months[_key(g("month"))],
                           int(re.match(r"\d+", g("day")).group(0)), _year_of(g("year")), tense)
        day = date.fromisoformat(value) if value else None
    elif ctx.dct:
        day = ctx.dct
    if day is None:
        return "TIME", None
    return "TIME", f"{day.isoformat()}T{hour:02d}:{minute:02d}"


def _relative_day(ctx: _Context, word: str | None) -> date | None:
    if ctx.dct is None or word is None:
        return None
    offset = {"yesterday": -1, "tomorrow": 1}.get(_key(word), 0)
    return ctx.dct + timedelta(days=offset)


def _part_suffix(part: str | None) -> str:
    if not part:
        return ""
    code = lexicon().parts[_key(part)]
    return code if code.startswith("T") else "T" + code


def _norm_rday(rule, m, ctx, tense) -> tuple[str, str | None]:
    g = _groups(m, rule)
    word = g("rday") or g("relday")
    key = _key(word)
    if key == "last":  # "last night": the evening of the day before
        day = _relative_day(ctx, "yesterday")
    elif key == "this":
        day = _relative_day(ctx, "today")
    else:
        day = _relative_day(ctx, word)
    text = _key(m.group(0))
    if day is not None and text.startswith("the day before"):
        day -= timedelta(days=1)
    elif day is not None and text.startswith("the day after"):
        day += timedelta(days=1)
    part = g("part") or ("tonight" if key == "tonight" else None)
    type_ = "TIME" if part else "DATE"
    if day is None:
        return type_, None
    return type_, day.isoformat() + _part_suffix(part)


def _norm_weekday(rule, m, ctx, tense) -> tuple[str, str | None]:
    g = _groups(m, rule)
    text = g("weekday")
    if not _capitalised(text) or text.endswith("."):
        raise _Reject
    part = g("part")
    if part and _key(part).endswith("s") and not g("rel"):  # "Tuesday nights": every one
        return "SET", f"XXXX-WXX-{lexicon().weekdays[_key(text)]}" + _part_suffix(part)
    type_ = "TIME" if part else "DATE"
    if ctx.dct is None:
        return type_, None
    offset = lexicon().relatives.get(_key(g("rel") or ""), 0)
    if offset == 0 and g("rel"):
        tense = tense or tn.FUTURE  # "this Friday": the coming one unless the verb says not
    day = tn.resolve_weekday(ctx.dct, lexicon().weekdays[_key(text)], tense, offset)
    ctx.ref_day = day
    return type_, day.isoformat() + _part_suffix(part)


def _norm_month(rule, m, ctx, tense) -> tuple[str, str | None]:
    g = _groups(m, rule)
    text = g("month")
    key = _key(text)
    rel = g("rel")
    lex = lexicon()
    if not _capitalised(text) or (
            key.rstrip(".") in lex.words("ambiguous_month") and not rel and not g("mod")
            and _previous_word(ctx.body, m.start()) not in lex.words("month_context")):
        raise _Reject
    if ctx.dct is None:
        return "DATE", None
    month = lexicon().months[key]
    offset = lexicon().relatives.get(_key(rel), 0) if rel else 0
    if rule == "month_rel_year":
        return "DATE", tn.month_value(ctx.dct.year + offset, month)
    if offset < 0:
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif offset > 0:
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    elif rel:
        year = ctx.dct.year
    else:
        return "DATE", tn.resolve_month(ctx.dct, month, tense)
    return "DATE", tn.month_value(year, month)


def _norm_relunit(rule, m, ctx, tense) -> tuple[str, str | None]:
    g = _groups(m, rule)
    if rule in ("the_weekend", "mod_the_unit"):
        rel, unit_word = "this", _key(m.group(0)).split()[-1]
        tense = tense or tn.PAST
    else:
        rel, unit_word = _key(g("rel")), _key(g("unit"))
    code, granularity = lexicon().units[unit_word]
    if unit_word.endswith("s"):
        raise _Reject  # "this weeks" is not a unit reference; plurals are durations
    if granularity == "time":
        raise _Reject
    unit = "weekend" if code == "WE" else granularity
    if m.group(0).lower().endswith("-end") and unit == "year":
        if ctx.dct is None:
            return "DATE", None
        return "DATE", f"{ctx.dct.year + lexicon().relatives[rel]}-12-31"
    offset = lexicon().relatives[rel]
    anchor = ctx.dct
    if rel in ("following", "the following", "the previous") and ctx.ref_day:
        anchor = ctx.ref_day
    if anchor is None:
        return "DATE", None
    if unit == "day":
        return "DATE", (anchor + timedelta(days=offset)).isoformat()
    if unit == "weekend" and offset == 0:
        saturday = tn.resolve_weekday(anchor, 6, tense or tn.FUTURE, 0)
        return "DATE", tn.iso_week(saturday) + "-WE"
    return "DATE", tn.shift(anchor, unit, offset)


_AGO_SIGN = {"ago": -1, "earlier": -1, "later": 1, "from now": 1, "hence": 1}


def _norm_ago(rule, m, ctx, tense) -> tuple[str, str | None]:
    g = _groups(m, rule)
    code, granularity = lexicon().units[_key(g("unit"))]
    text = _key(m.group(0))
    direction = next(s for w, s in _AGO_SIGN.items() if text.endswith(w))
    amount = _number(g("num")) if rule == "ago" else 1.0
    if "and a half" in text and amount is not None:
        amount += 0.5
    anchor = ctx.dct
    if text.endswith(("earlier", "later")) and ctx.ref_day and rule == "ago":
        anchor = ctx.ref_day
    if anchor is None:
        return "DATE", None
    if amount is None:
        return "DATE", {-1: "PAST_REF", 1: "FUTURE_REF"}[direction]
    if granularity == "time":  # "24 hours ago": whole days back, else the day itself
        hours = amount * {"H": 1, "M": 1 / 60, "S": 1 / 3600}[code]
        return "DATE", (anchor + timedelta(days=direction * int(hours // 24))).isoformat()
    steps = int(round(amount)) * direction
    if granularity == "year" and ctx.ref_quarter and direction < 0:
        year, quarter = ctx.ref_quarter
        return "DATE", f"{year + steps}-Q{quarter}"
    if granularity in ("decade", "century"):
        granularity, steps = "year", steps * (10 if granularity == "decade" else 100)
    if code == "2W":
        steps *= 2
    return "DATE", tn.shift(anchor, granularity, steps)


def _norm_duration(rule, m, ctx, tense) -> tuple[str, str | None]:
    g = _groups(m, rule)
    unit_word = _key(g("unit") or g("units"))
    code, granularity = lexicon().units[unit_word]
    text = _key(m.group(0))
    num = g("num")
    before = _previous_word(ctx.body, m.start())
    after = _next_text(ctx.body, m.end())
    unit_text = g("unit") or g("units")
    if unit_text[0].isupper() and not unit_text.isupper() and not _sentence_initial(
            ctx.body, m.start()):
        raise _Reject  # "CBS's 60 Minutes": a name
    if rule == "dur_ended":
        return "DURATION", tn.duration(1, code)
    if rule == "dur_bare":
        if not (text.endswith("-long") or before in ("for", "over", "within", "in", "than",
                                                     "after", "past", "next", "last")):
            raise _Reject
        amount = None
    else:
        amount = _number(num) if num else 1.0
        num_key = _key(num) if num else ""
        if num_key in ("a", "an", "one") and code in ("S", "Q"):
            raise _Reject  # "a second time", "a quarter of the vote"
        if code == "Q" and re.match(r"\s*of\b", after):
            raise _Reject
        if num_key in ("a", "an", "per") and re.search(
                r"(?:\d|\$|percent|times)[\w.,]*(?:\s+[a-z]+){0,2}\W*\Z",
                ctx.body[max(0, m.start() - 40):m.start()]):
            return "SET", tn.duration(1, ("T" if granularity == "time" else "") + code)
        if num and num_key[:1].isdigit() and re.match(r"\s*(?:%|percent)", after):
            raise _Reject
        if re.search(r"[-\s]old\Z", text) or re.match(r"\s+old\b", after):
            raise _Reject  # ages ("a 6-year-old", "52 years old") are not annotated
        if len(num_key) == 4 and num_key.isdigit() and not unit_word.endswith("s"):
            raise _Reject  # "the 1988 second quarter"
        if amount is not None and "and a half" in text:
            amount += 0.5
    return "DURATION", tn.duration(amount, ("T" if granularity == "time" else "") + code)


def _norm_set(rule, m, ctx, tense) -> tuple[str, str | None]:
    g = _groups(m, rule)
    lex = lexicon()
    if rule == "set_word":
        word = g("setword")
        if (word[0].isupper() and not _sentence_initial(ctx.body, m.start())) or re.match(
                r"\s+[A-Z]", _next_text(ctx.body, m.end())):
            raise _Reject  # "The Daily Caller", "NBC Nightly News", "the party daily Granma"
        return "SET", lex.sets[_key(word)]
    if rule == "set_wds":
        if not _capitalised(g("weekdays")):
            raise _Reject
        return "SET", f"XXXX-WXX-{lex.weekdays[_key(g('weekdays'))[:-1]]}" + _part_suffix(
            g("part"))
    if g("weekday"):
        return "SET", f"XXXX-WXX-{lex.weekdays[_key(g('weekday'))]}"
    if g("month"):
        if not _capitalised(g("month")):
            raise _Reject
        return "SET", f"XXXX-{lex.months[_key(g('month'))]:02d}"
    if g("part"):
        return "SET", "XXXX-XX-XX" + _part_suffix(g("part"))
    if g("season"):
        return "SET", "XXXX-" + lex.seasons[_key(g("season"))]
    code, granularity = lex.units[_key(g("unit"))]
    amount = _number(g("num")) if g("num") and rule == "set_every" else 1.0
    if "other" in _key(m.group(0)).split():
        amount = (amount or 1.0) * 2
    return "SET", tn.duration(amount, ("T" if granularity == "time" else "") + code)


def _norm_fiscal(rule, m, ctx, tense) -> tuple[str, str | None]:
    g = _groups(m, rule)
    if rule == "fiscal_rel":
        if ctx.dct is None:
            return "DATE", None
        return "DATE", f"FY{ctx.dct.year + lexicon().relatives[_key(g('rel'))]}"
    year = _year_of(g("year") or g("yy"))
    return "DATE", f"FY{year}"


def _norm_quarter(rule, m, ctx, tense) -> tuple[str, str | None]:
    g = _groups(m, rule)
    if rule == "quarter_q":
        quarter = int(g("q")[1])
    elif rule == "quarter_rel":
        word = _key(g("rel") or "")
        if ctx.dct is None:
            return "DATE", None
        text = _key(m.group(0))
        if "year-earlier" in text or "year-ago" in text:
            return "DATE", tn.shift(ctx.dct, "quarter", -5)
        offset = lexicon().relatives.get(word, -1 if "latest" in text or "same" in text else 0)
        return "DATE", tn.shift(ctx.dct, "quarter", offset)
    else:
        ordinal = _ordinal(g("ordinal"))
        if ordinal is None or (ordinal != "L" and not 1 <= int(ordinal) <= 4):
            raise _Reject
        quarter = 4 if ordinal == "L" else int(ordinal)
        if _key(g("ordinal")) == "last" and not (g("year") or g("rel2")):
            if ctx.dct is None:
                return "DATE", None
            return "DATE", tn.shift(ctx.dct, "quarter", -1)
        if _key(m.group(0)).endswith("quarters"):
            return "SET", f"XXXX-Q{quarter}"
    year = _year_of(g("year") or g("year2") or g("year3"))
    rel = g("rel2") or g("rel3")
    if year is None and rel and ctx.dct:
        year = ctx.dct.year + lexicon().relatives[_key(rel)]
    if year is None:
        if ctx.dct is None:
            return "DATE", None
        value = tn.resolve_quarter(ctx.dct, quarter, tense)
        year = int(value[:4])
        text = _key(m.group(0))
        if "year-earlier" in text or "year-ago" in text:
            year -= 1
    ctx.ref_quarter = (year, quarter)
    return "DATE", f"{year}-Q{quarter}"


def _norm_half(rule, m, ctx, tense) -> tuple[str, str | None]:
    g = _groups(m, rule)
    ordinal = _ordinal(g("ordinal"))
    if ordinal not in ("1", "2", "L"):
        raise _Reject
    half = 2 if ordinal == "L" else int(ordinal)
    year = _year_of(g("year"))
    if year is None:
        if ctx.dct is None:
            return "DATE", None
        year = ctx.dct.year + (lexicon().relatives[_key(g("rel"))] if g("rel") else 0)
    return "DATE", f"{year}-H{half}"


def _norm_decade(rule, m, ctx, tense) -> tuple[str, str | None]:
    g = _groups(m, rule)
    if g("decade"):
        return "DATE", g("decade")[:3]
    if g("decadeword"):
        tens = _number(g("decadeword")[:-3] + "y")
        digit = str(int(tens or 0) // 10)
        this_year = ctx.dct.year if ctx.dct else 2019
        return "DATE", ("20" if 2000 + 10 * int(digit) <= this_year else "19") + digit
    digit = g("decade2")[0]
    text = m.group(0)
    if not text.lower().startswith("the") and "'" not in text and "’" not in text:
        raise _Reject  # "30s" alone is an age or a temperature more often than a decade
    this_year = ctx.dct.year if ctx.dct else 2019
    century = "20" if 2000 + 10 * int(digit) <= this_year else "19"  # the '20s, the '90s
    return "DATE", century + digit


def _norm_century(rule, m, ctx, tense) -> tuple[str, str | None]:
    ordinal = _ordinal(_group(m, rule, "ordinal"))
    if ordinal is None or ordinal == "L":
        raise _Reject
    return "DATE", f"{int(ordinal) - 1:02d}"


def _norm_season(rule, m, ctx, tense) -> tuple[str, str | None]:
    g = _groups(m, rule)
    season = lexicon().seasons[_key(g("season"))]
    rel = g("rel")
    year = _year_of(g("year"))
    text = _key(m.group(0))
    if rel is None and year is None:
        before = _previous_word(ctx.body, m.start())
        if not text.startswith("the") and before not in ("in", "this", "during", "since",
                                                          "by", "until", "early", "late"):
            raise _Reject
        if text.startswith("the fall") and re.match(r"\s+of\b", _next_text(ctx.body, m.end())):
            raise _Reject
    if year is not None:
        return "DATE", f"{year}-{season}"
    if ctx.dct is None:
        return "DATE", None
    offset = lexicon().relatives.get(_key(rel), 0) if rel else 0
    if rel and offset == 0:
        return "DATE", f"{ctx.dct.year}-{season}"
    return "DATE", tn.resolve_season(ctx.dct, season, tense, offset)


def _norm_holiday(rule, m, ctx, tense) -> tuple[str, str | None]:
    g = _groups(m, rule)
    text = g("holiday")
    if not _capitalised(text):
        raise _Reject
    rule_text = lexicon().holidays[_key(text)]
    year = _year_of(g("year"))
    if year is None:
        if ctx.dct is None:
            return "DATE", None
        offset = lexicon().relatives.get(_key(g("rel") or ""), 0)
        options = [tn.holiday(rule_text, ctx.dct.year + k) for k in (-1, 0, 1)]
        if offset < 0:
            day = max(d for d in options if d < ctx.dct)
        elif offset > 0:
            day = min(d for d in options if d > ctx.dct)
        else:
            day = date.fromordinal(tn.pick([d.toordinal() for d in options],
                                           ctx.dct.toordinal(), tense))
    else:
        day = tn.holiday(rule_text, year)
    ctx.ref_day = day
    return "DATE", day.isoformat()


def _norm_anaphor(rule, m, ctx, tense) -> tuple[str, str | None]:
    if rule == "anaphor_that":
        unit = lexicon().units[_key(_group(m, rule, "unit"))][1]
        if unit == "year" and ctx.ref_value:
            return "DATE", ctx.ref_value[:4]
        if unit == "month" and ctx.ref_value and len(ctx.ref_value) >= 7:
            return "DATE", ctx.ref_value[:7]
        if unit == "week" and ctx.ref_day:
            return "DATE", tn.iso_week(ctx.ref_day)
        if unit != "day":
            raise _Reject  # "that year" with no year before it: not resolvable here
    anchor = ctx.ref_day or ctx.dct
    if anchor is None:
        return "DATE", None
    text = _key(m.group(0))
    offset = 1 if ("next" in text or "following" in text) else -1 if (
        "previous" in text or "before" in text) else 0
    return "DATE", (anchor + timedelta(days=offset)).isoformat()


def _norm_year(rule, m, ctx, tense) -> tuple[str, str | None]:
    text = _group(m, rule, "year")
    before = _previous_word(ctx.body, m.start())
    preceding = ctx.body[max(0, m.start() - 2):m.start()]
    after = _next_text(ctx.body, m.end())
    lex = lexicon()
    if "$" in preceding or "#" in preceding or before in lex.words("not_year_before"):
        raise _Reject
    if re.match(r"\s*(?:%|percent\b|per\b|[-–]\s*\d|\.\d|,\d{3})", after):
        raise _Reject  # "1998%", "1998-99" (a range or score), "1998.5"
    following = re.match(r"\s*([a-z]+)", after)
    if following:
        noun = following.group(1)
        if noun in lex.words("quantity_noun") or (
                noun.endswith("s") and noun not in lex.words("not_plural_noun")):
            raise _Reject  # "1998 people", "2000 troops": a quantity
    year = int(text)
    if not 1600 <= year <= 2099 or (year < 1900 and before not in lex.words("year_context")):
        raise _Reject
    return "DATE", text


def _norm_vague(rule, m, ctx, tense) -> tuple[str, str | None]:
    if rule == "ago_vague":
        return "DATE", "PAST_REF"
    text = _key(_group(m, rule, "vague"))
    value = lexicon().vague[text]
    after = _next_text(ctx.body, m.end())
    following = re.match(r"\s*([a-z]+)", after)
    if text == "current" and following and (
            following.group(1) in lexicon().words("not_time_after_current")):
        raise _Reject  # "current account", "current affairs"
    return "DATE", value


_NORMALISERS: dict[str, Callable] = {
    "clock": _norm_clock, "date": _norm_date, "rday": _norm_rday, "weekday": _norm_weekday,
    "month": _norm_month, "relunit": _norm_relunit, "ago": _norm_ago,
    "duration": _norm_duration, "set": _norm_set, "fiscal": _norm_fiscal,
    "quarter": _norm_quarter, "half": _norm_half, "decade": _norm_decade,
    "century": _norm_century, "season": _norm_season, "holiday": _norm_holiday,
    "anaphor": _norm_anaphor, "year": _norm_year, "vague": _norm_vague,
}


# ---------------------------------------------------------------------------------------------
# the stage


_HEAD_WINDOW = 5
_CALENDAR = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?(?![\d-]|-?W)")
_ABBREVIATION_END = re.compile(r"(?:\b[ap]\.m|\b[A-Z][a-z]{2,4})\.\Z")
_WORDS = re.compile(r"[^\W\d_]+")


_TRIGGER, _HEAD = 1, 2


@lru_cache(maxsize=1 << 16)
def _token_class(text: str) -> int:
    """Bit flags of a token: ``_TRIGGER`` (an expression may start here: its first word is in
    some word list, or it starts with a digit), ``_HEAD`` (it holds a word every expression
    needs: a month, a unit, a digit, ...)."""
    gram = grammar()
    first = _first_word(text)
    digit = text[:1].isdigit()
    trigger = digit or first in gram.triggers
    head = digit or any(w in gram.heads for w in _WORDS.findall(text.lower()))
    return (_TRIGGER if trigger else 0) | (_HEAD if head else 0)


@lru_cache(maxsize=1)
def _adjectival() -> re.Pattern:
    """``the two-week``, ``the third-quarter``: a hyphenated unit used as an adjective."""
    units = sorted((k for k in lexicon().units if not k.endswith("s")), key=len, reverse=True)
    return re.compile(rf"[Tt]he [\w.]+-(?:\w+-)?(?:{'|'.join(units)})\Z")


def find_timexes(doc: Document, published: date | None) -> list[Timex]:
    """Every TIMEX3 time expression of the article, in text order, with its normalised value
    (``None`` where it needs a publication date and there is none)."""
    gram = grammar()
    body = doc.body
    ctx = _Context(body=body, dct=published)
    result: list[Timex] = []
    taken = 0
    sentences = doc.sentences
    for index, ((sent_start, sent_end), tokens) in enumerate(zip(sentences, doc.tokens)):
        classes = [_token_class(token.text) for token in tokens]
        heads = [i for i, c in enumerate(classes) if c & _HEAD]
        if not heads:
            continue
        limit = sent_end
        if index + 1 < len(sentences) and _ABBREVIATION_END.search(body, max(0, sent_end - 6),
                                                                  sent_end):
            limit = sentences[index + 1][1]  # "at 10 p.m. | Wednesday": a split inside
        h = 0
        for i, token in enumerate(tokens):
            if not classes[i] & _TRIGGER or token.start < taken:
                continue
            while heads[h] < i:
                h += 1
                if h == len(heads):
                    break
            if h == len(heads):
                break
            if heads[h] - i > _HEAD_WINDOW:
                continue
            if token.start > 0 and body[token.start - 1] in "$£€#/:":
                continue
            match = gram.pattern.match(body, token.start, limit)
            if not match:
                continue
            timex = _normalise(match, ctx, gram, tokens)
            if timex is None:
                timex = _fallback(match.lastgroup, token.start, limit, ctx, gram, tokens)
                if timex is None:
                    continue
            result.append(timex)
            taken = timex.end
    return result


def _fallback(rejected: str, start: int, end: int, ctx: _Context, gram: _Grammar,
              tokens: list[Token]) -> Timex | None:
    """The first later rule that matches here and is accepted (rare: only after a reject)."""
    names = [name for name, _ in gram.singles]
    for name, branch in gram.singles[names.index(rejected) + 1:]:
        match = _single(branch).match(ctx.body, start, end)
        if match:
            timex = _normalise(match, ctx, gram, tokens)
            if timex is not None:
                return timex
    return None


@lru_cache(maxsize=None)
def _single(branch: str) -> re.Pattern:
    return re.compile(branch, re.IGNORECASE)


def _normalise(match: re.Match, ctx: _Context, gram: _Grammar,
               tokens: list[Token]) -> Timex | None:
    rule = gram.rules[match.lastgroup]
    start, end = match.span()
    while end > start and ctx.body[end - 1] in " \t\r\n,":
        end -= 1
    if ctx.body[end - 1] == "." and end - start > 1 and _sentence_final(ctx.body, end):
        text = ctx.body[start:end].lower()
        if not text.endswith(("a.m.", "p.m.")) and not re.search(r"\b[a-z]{3,4}\.\Z", text):
            end -= 1
    if _adjectival().match(ctx.body, start, end):
        start += 4  # "the [two-week] crisis": the article belongs to the noun, not the timex
    tense = clause_tense(tokens, start, end)
    try:
        type_, value = _NORMALISERS[rule.kind](rule.name, match, ctx, tense)
    except _Reject:
        return None
    if type_ == "DATE" and value and re.fullmatch(r"\d{4}(?:-\d\d)?", value):
        ctx.ref_quarter = None  # a year or month mentioned since: "a year earlier" is a year
    if type_ in ("DATE", "TIME") and value and _CALENDAR.match(value):
        ctx.ref_value = value
    return Timex(start, end, type_, value)


def _sentence_final(body: str, end: int) -> bool:
    return end >= len(body) or body[end:end + 1].isspace() or body[end:end + 1] in "\"”’'"
