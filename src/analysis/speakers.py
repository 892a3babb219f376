"""Speakers: each attribution's source resolved to one canonical entity.

One linear pass over the article's words finds the mentions a source can point to: runs of
capitalised words (persons, organisations, outlets; titles stripped, role and affiliation read
from the descriptor before or after a name), plural group nouns (``Iranian-backed militias``),
and ``he``/``she`` outside quotes. Each attribution's source span is then read by its head word
(person name, pronoun, outlet, document, anonymous source, organisation, group) and resolved to
an entity whose id is a slug of its canonical name, so the same person or organisation gets the
same id in every article. Sources that point back (pronouns, ``who``, ``his aides``, ``the
ministry``, ``the 34-year-old mother``) are resolved last, to the nearest compatible entity
before them, preferring one that is not the object of a preposition (a Hobbs-like salience
cue) and one of known gender for ``he``/``she``.

What the rules cannot do: tell a one-word organisation from a surname when the text gives no
clue (``Microsoft said`` is read as a person), know the gender of a person whose given name is
not in ``first_names.tsv`` and who has no title or role that shows it, choose between two
people of the same surname other than by how often each is named (``Mrs. Clinton``), or
follow an entity through descriptions that share no word with its role (``the 70-year-old``
after ``the senator``). Tags bound noun phrases and tell sentence openers from names; without
tags capitalisation and the word lists still work.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from .attributions import Attribution, Span
from .document import Document
from .tokens import Token
from .names import ROLE_GENDER, is_org_head, is_role_word, lexicon, slug, split_descriptor, \
    strip_possessive, strip_titles

SPEAKER_KINDS = ("person", "organization", "group", "anonymous", "outlet", "document")


@dataclass(frozen=True)
class Speaker:
    id: str
    """Stable across a corpus: a slug of the canonical name (``john-kirby``); anonymous
    sources and documents carry a prefix and their affiliation and role
    (``anon:national-security-council-spokesperson``), or, without an affiliation, the
    article's id (``anon:t-sources``) so that unnamed sources of two articles never merge."""
    name: str
    kind: str
    role: str | None = None
    affiliation: str | None = None
    """The organisation a person, anonymous source or document speaks for; for an
    organisation, the body it is part of where the text (or ``parents.tsv``) shows it."""
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Speakers:
    entities: list[Speaker] = field(default_factory=list)
    of_attribution: dict[str, str | None] = field(default_factory=dict)
    """Attribution id -> speaker id (``None`` when the source cannot be resolved)."""
    narrator: Speaker | None = None
    """The outlet, speaker of every sentence no one else speaks."""

    def chain(self, speaker_id: str | None) -> list[str]:
        """The speaker's name, then each affiliation up the table: for the NSC spokesperson
        ``["National Security Council spokesperson", "National Security Council", "White
        House"]``. Lets the claims stage see that two speakers belong to one organisation, as
        far as the article (or ``parents.tsv``) says so."""
        names: list[str] = []
        by_name = {s.name: s for s in self.entities}
        current = self.by_id(speaker_id)
        while current is not None and current.name not in names and len(names) < 8:
            names.append(current.name)
            parent = current.affiliation
            if parent is None:
                break
            current = by_name.get(parent)
            if current is None:
                names.append(parent)
        return names

    def by_id(self, speaker_id: str | None) -> Speaker | None:
        if speaker_id is None:
            return None
        index = self.__dict__.get("_index")
        if index is None or len(index) != len(self.entities):
            index = {s.id: s for s in self.entities}
            object.__setattr__(self, "_index", index)
        return index.get(speaker_id)


@lru_cache(maxsize=65536)
def speaker_id(name: str, kind: str) -> str:
    """A slug of the canonical name: the same entity gets the same id in every article. A
    person's middle initials are left out (``Donald J. Trump`` and ``Donald Trump`` are one)."""
    if kind == "person" and " " in name:
        words = name.split()
        middle = [w for w in words[1:-1] if not _INITIAL.fullmatch(w)]
        name = " ".join([words[0], *middle, words[-1]])
    return slug(name) or kind


_INITIAL = re.compile(r"[A-Z]\.")


# ---------------------------------------------------------------------------------------------
# the scan

@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    kind: str
    """person (name with evidence), name (capitalised, no evidence), organization, outlet,
    group, pronoun."""
    words: tuple[str, ...]
    salient: bool = True
    """Not the object of a preposition: preferred as a pronoun's antecedent."""
    role: str | None = None
    affiliation: str | None = None
    gender: str | None = None

    @property
    def name(self) -> str:
        return " ".join(self.words)


_FUNCTION_TAGS = frozenset({"DT", "IN", "CC", "PR", "WD", "WP", "MD", "EX", "TO", "PD", "WR"})
_CONNECTORS = frozenset({"of", "for", "the", "de", "del", "da", "di", "du", "van", "von", "der",
                         "bin", "ibn", "al", "al-", "la", "le", "and", "to", "on", "&"})
_QUOTES = frozenset("“«„”»\"")
_OPEN_QUOTES = frozenset("“«„")
_POSSESSIVE_END = ("’s", "'s")
_POSSESSIVE_TOKENS = frozenset({"’s", "'s", "’", "'"})
_CONTRACTIONS = ("’", "'")
_CUT_WORDS = frozenset({",", "(", ")", "—", "–", ":", ";", "who", "which", "that", "whose",
                        "familiar", "speaking", "close", "in", "on", "including", "such", "like",
                        "and", "or", "as", "among", "but"})
_AFFIL_PREPS = frozenset({"for", "at", "with", "from", "of", "by"})


def _abbreviations() -> frozenset[str]:
    lex = lexicon()
    words = {w for title in lex.titles for w in title if w.endswith(".")}
    words |= {w.capitalize() for w in lex.org_heads if w.endswith(".")}
    return frozenset(words | {"Jr.", "Sr.", "St.", "Mt.", "No."})


def _flatten(doc: Document) -> tuple[list[Token], list[str], list[int]]:
    """All tokens in one list with their texts and sentence numbers; an abbreviation's period
    glued back on (``Adm.``, ``U.S.``, the initial ``J.``). When the splitter broke after a
    title or an initial, the next sentence keeps the number of the one before, so the name
    stays whole."""
    words: list[Token] = []
    sents: list[int] = []
    for si, sent in enumerate(doc.tokens):
        words.extend(sent)
        sents.extend([si] * len(sent))
    texts = [w[2] for w in words]
    dots = [i for i, t in enumerate(texts) if t == "."]
    if not dots:
        return words, texts, sents
    abbreviations = _abbreviations()
    drop = set()
    for i in dots:
        if i == 0 or i - 1 in drop:
            continue
        prev = words[i - 1]
        text = prev[2]
        if sents[i - 1] != sents[i] or prev[1] != words[i][0] or not (
                (len(text) == 1 and text.isupper()) or "." in text or text + "." in abbreviations):
            continue
        text += "."
        words[i - 1] = Token(prev[0], words[i][1], text, prev[3])
        texts[i - 1] = text
        drop.add(i)
        if i + 1 < len(words) and sents[i + 1] != sents[i] and (
                len(text) == 2 or (text,) in lexicon().titles):
            old, new = sents[i + 1], sents[i]
            k = i + 1
            while k < len(words) and sents[k] == old:
                sents[k] = new
                k += 1
    cuts = sorted(drop)
    bounds = list(zip([0] + [c + 1 for c in cuts], cuts + [len(words)]))
    return ([w for a, b in bounds for w in words[a:b]], [t for a, b in bounds for t in texts[a:b]],
            [x for a, b in bounds for x in sents[a:b]])


class _Scan:
    """Every mention a source can point to, found in one pass over the words."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.lex = lexicon()
        self.words, self.texts, self.sents = _flatten(doc)
        self.tags = [w[3] for w in self.words]
        self.starts = [w[0] for w in self.words]
        outlet = doc.article.outlet
        self.outlet_key = _outlet_key(outlet) if outlet else None
        self.mentions: list[_Mention] = []
        self.seen = set(self.texts)
        for i0, i1 in self._runs():
            self._run(i0, i1)
        group_nouns = self.lex.group_nouns
        for i in [i for i, t in enumerate(self.texts) if t in group_nouns]:
            self._group(i)
        for i in self._pronouns():
            w = self.words[i]
            self.mentions.append(_Mention(w[0], w[1], "pronoun", (self.texts[i],)))
        self.mentions.sort(key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.by_last: dict[str, list[_Mention]] = {}
        for m in self.mentions:
            if (m.kind == "person" or m.kind == "name") and len(m.words) >= 2:
                self.by_last.setdefault(m.words[-1], []).append(m)
        for m in self.mentions:
            if m.kind in ("group", "organization") and len(m.words) == 1 \
                    and m.words[0] in self.by_last:
                m.kind = "name"  # "Jordan" after "Rep. Jim Jordan"
        self.org_names = {m.name.lower() for m in self.mentions if m.kind == "organization"}
        self.full_counts: dict[str, tuple[list[_Mention], list[int]]] = {}

    # the pass ---------------------------------------------------------------------------------

    def _runs(self) -> list[tuple[int, int]]:
        """Maximal runs of capitalised words, joined by connectors (``Department of Justice``),
        cut after a possessive (``Monday’s``)."""
        texts, sents, words = self.texts, self.sents, self.words
        # ASCII capitals by comparison (fast); other scripts by str.isupper
        caps = [i for i, t in enumerate(texts)
                if "A" <= t[0] <= "Z" or (t[0] > "\x7f" and t[0].isupper())]
        if any(w[3] for w in words[:50]):
            caps = [i for i in caps if words[i][3][:2] not in _FUNCTION_TAGS]
        self.midcaps = {texts[i] for i in caps
                        if i and sents[i - 1] == sents[i] and texts[i - 1][0].isalnum()}
        headlines = self._headlines(caps)
        outlet_heads = self.lex.outlet_heads
        runs = []
        run_start = prev = -2
        for i in caps:
            t = texts[i]
            if (_CONTRACTIONS[0] in t or _CONTRACTIONS[1] in t) and _is_contraction(t):
                if run_start >= 0:  # I’ve, Don't: not a name
                    runs.append((run_start, prev + 1))
                run_start = prev = -2
                continue
            if run_start >= 0 and not (sents[i] == sents[prev] and (
                    i == prev + 1 or (i - prev <= 3 and self._connects(run_start, prev + 1, i)))
                    and not (sents[i] in headlines and self._headline_break(t))
                    and not (texts[prev] in outlet_heads and i == prev + 1 and i - run_start >= 2
                             and not is_org_head(t) and t not in outlet_heads)):
                runs.append((run_start, prev + 1))
                run_start = -2
            if run_start < 0:
                run_start = i
            prev = i
            if t.endswith(_POSSESSIVE_END):
                runs.append((run_start, i + 1))
                run_start = -2
        if run_start >= 0:
            runs.append((run_start, prev + 1))
        return runs

    def _headlines(self, caps: list[int]) -> set[int]:
        """Sentences in title case (most words capitalised): there a capitalised word that the
        article also writes in lower case starts a new run (``Obama | Says``)."""
        counts: dict[int, int] = {}
        sents = self.sents
        for i in caps:
            counts[sents[i]] = counts.get(sents[i], 0) + 1
        tokens = self.doc.tokens
        return {s for s, n in counts.items()
                if n >= 3 and s < len(tokens) and 2 * n >= len(tokens[s])}

    def _headline_break(self, word: str) -> bool:
        low = word.lower()
        if is_org_head(word):
            return False
        return low in self.seen or self.lex.is_class(low, "verb") or (
            low.endswith("s") and (low[:-1] in self.seen or low[:-2] in self.seen))

    def _connects(self, run_start: int, gap: int, nxt: int) -> bool:
        """Lower-case words between two capitalised ones that keep a name whole (``Department
        of Justice``, ``Ambassador to the United States``); ``and``, ``on``, ``for`` only in an
        organisation's name."""
        texts = self.texts
        first = texts[gap]
        if first not in _CONNECTORS or first == "the" or (
                nxt - gap == 2 and (texts[gap + 1] not in ("the", "of") or first == "and")):
            return False
        if texts[run_start].endswith(_POSSESSIVE_END):
            return False
        if first in ("and", "on", "for", "&"):
            sent = self.sents[gap]
            end = min(nxt + 4, len(texts))
            return any(is_org_head(texts[k]) for k in range(run_start, end) if self.sents[k] == sent)
        if first == "to":
            return is_role_word(texts[gap - 1])
        return True

    def _pronouns(self) -> list[int]:
        """``he`` and ``she`` outside quotation marks (a quote resets at a paragraph break)."""
        texts, words, body = self.texts, self.words, self.doc.body
        found = [i for i, t in enumerate(texts) if t == "he" or t == "she"]
        if not found:
            return found
        quotes = [i for i, t in enumerate(texts) if t in _QUOTES]
        inside, state = [], False
        for i in quotes:
            t = texts[i]
            state = (not state) if t == '"' else t in _OPEN_QUOTES
            inside.append(state)
        out = []
        for i in found:
            q = bisect_left(quotes, i) - 1
            if q >= 0 and inside[q] and "\n" not in body[words[quotes[q]][1]:words[i][0]]:
                continue
            out.append(i)
        return out

    # capitalised runs ------------------------------------------------------------------------

    def _run(self, i0: int, i1: int) -> None:
        texts, sents = self.texts, self.sents
        sentence_first = i0 == 0 or sents[i0 - 1] != sents[i0] or (
            not texts[i0 - 1][0].isalnum() and (i0 < 2 or sents[i0 - 2] != sents[i0]))
        gap = 0
        nxt = texts[i1] if i1 < len(texts) and sents[i1] == sents[i0] else ""
        if nxt in _POSSESSIVE_TOKENS and i1 + 1 < len(texts):  # "Clinton ’s campaign"
            gap, nxt = 1, texts[i1 + 1]
        if nxt not in self.lex.org_heads:
            nxt = ""
        after = texts[i1 + 1 + gap] if nxt and i1 + 1 + gap < len(texts) else ""
        first = texts[i0].lower()
        opener = sentence_first and (first in self.seen or _is_common_noun(first) or (
            self.tags[i0] in _COMMON_TAGS and i1 - i0 == 1 and texts[i0] not in self.midcaps))
        key = (tuple(texts[i0:i1]), opener, nxt, after, self.outlet_key)
        found = _CLASSIFIED.get(key)
        if found is None:
            if len(_CLASSIFIED) > 100_000:
                _CLASSIFIED.clear()
            found = _CLASSIFIED[key] = self._classify(list(key[0]), opener, nxt, after)
        action = found[0]
        if action == "skip":
            return
        if action == "outlet":
            self._add(i0 + found[2], i1, "outlet", found[1])
        elif action == "organization":
            end = i1 + found[3] + (gap if found[3] else 0)
            self._add(i0 + found[2], end, "organization", found[1])
        else:
            _, names, offset, role, affiliation, gender, evidence, title_role, group = found
            if group:
                self._add(i0 + offset, i1, "group", names)
                return
            self._person(i0 + offset, i1, names, role, affiliation, gender, evidence,
                         title_role, i0)

    def _classify(self, texts: list[str], opener: bool, nxt: str, after: str) -> tuple:
        """What a run of capitalised words names, from its words alone (cached: the same words
        in the same setting name the same thing in every article). ``opener``: the first word
        opens a sentence and is a common word there (seen in lower case, or a lexicon noun)."""
        lex = self.lex
        if self.outlet_key and _outlet_key(" ".join(texts)) == self.outlet_key:
            return ("outlet", (self.doc.article.outlet,), 0)
        k = 0
        while k < len(texts):
            low = texts[k].lower()
            if low in lex.word_class or (k == 0 and opener and (texts[k],) not in lex.titles):
                k += 1
                continue
            break
        texts = texts[k:]
        if texts:
            texts[-1] = strip_possessive(texts[-1])
        if not texts or all(t.lower() in lex.word_class for t in texts):
            return ("skip",)
        if _outlet_key(" ".join(texts)) in _outlet_keys() or (
                (len(texts) >= 2 or k > 0) and texts[-1] in lex.outlet_heads):
            return ("outlet", tuple(texts), k)
        texts = [t for t in texts if t not in _POSSESSIVE_TOKENS]
        if all(t.endswith(".") and (t,) not in lex.titles for t in texts) \
                and not _is_acronym(texts[-1]):
            return ("skip",)
        names, title_role, gender = strip_titles(texts)
        offset = k + len(texts) - len(names)
        split = self._role_split(names)
        if split is not None:
            descriptor, names = split
            role, affiliation = split_descriptor(descriptor)
            return ("person", tuple(names), offset + len(descriptor), role or title_role,
                    affiliation, gender, True, None, False)
        if any(is_org_head(t) for t in names) or " ".join(names) in lex.countries or (
                len(names) == 1 and _is_acronym(names[0])):
            return ("organization", tuple(names), offset, 0)
        if nxt in lex.org_heads and nxt[0].islower() and not _is_person_noun(after):
            return ("organization", tuple(names) + (nxt,), offset, 1)
        group = len(names) == 1 and (
            names[0].lower() in lex.group_nouns or _is_group_plural(names[0]))
        return ("person", tuple(names), offset, None, None, gender, offset > k, title_role, group)

    def _role_split(self, names: list[str]) -> tuple[list[str], list[str]] | None:
        """``Afghan Ambassador to the United States Hamdullah Mohib`` -> descriptor, name.
        After ``role of/to X`` the name is taken as the last two words (three with an initial):
        a name of one or of four words there is cut wrongly."""
        last = max((k for k, t in enumerate(names[:-1]) if is_role_word(t)), default=-1)
        if last < 0:
            return None
        rest = names[last + 1:]
        if any(is_org_head(t) for t in rest) or (
                rest[0] in ("of", "to", "for", "the") and len(rest) < 3):
            return None
        if rest[0] in ("of", "to", "for"):
            size = 3 if len(rest) >= 4 and len(rest[-2]) == 2 and rest[-2].endswith(".") else 2
            if len(rest) - size < 2:
                return None
            cut = len(names) - size
        else:
            cut = last + 1
        return names[:cut], names[cut:]

    def _person(self, i0: int, i1: int, names: tuple[str, ...], role: str | None,
                affiliation: str | None, gender: str | None, evidence: bool,
                title_role: str | None, context_start: int) -> None:
        if not names or names[0][0].islower() or i0 >= i1:
            return
        # the descriptor around the name wins over a title inside it ("Major general X,
        # spokesman for the military")
        context_role, context_affiliation = self._context_descriptor(context_start, i1)
        if context_role:
            role, affiliation = context_role, context_affiliation or (
                affiliation if role is None else None)
        elif affiliation is None and context_affiliation:
            affiliation = context_affiliation
        role = role or title_role
        if role and gender is None:
            gender = ROLE_GENDER.get(role.split()[-1].lower())
        if gender is None and len(names) >= 2:
            gender = self.lex.first_names.get(names[0])
            evidence = evidence or gender is not None  # "Mary Lane": a given name
        kind = "person" if evidence or role else "name"
        m = self._add(i0, i1, kind, names)
        m.role, m.affiliation, m.gender = role, affiliation, gender
        if role and affiliation is None and role.split()[-1].lower() in _AGENT_ROLES:
            m.affiliation = self._sentence_organization(i0)

    def _context_descriptor(self, i0: int, i1: int) -> tuple[str | None, str | None]:
        """The descriptor before a name (``State Department spokesperson X``, ``spokesman,
        retired Adm. X``) or after it (``X, the White House press secretary,``)."""
        texts, sents, lex = self.texts, self.sents, self.lex
        sent = sents[i0]
        j = i0 - 1
        while j >= 0 and sents[j] == sent and texts[j].lower() in lex.name_modifiers:
            j -= 1
        if j >= 0 and sents[j] == sent and texts[j] == ",":
            j -= 1
        tags = self.tags
        before: tuple[str | None, str | None] = (None, None)
        if j >= 0 and sents[j] == sent and is_role_word(texts[j]):
            desc = []
            while j >= 0 and sents[j] == sent and len(desc) < 8:
                t = texts[j]
                if not t[0].isalnum() or t.lower() in lex.word_class or t.endswith(_POSSESSIVE_END) \
                        or tags[j][:2] in ("VB", "MD") or (desc and t in lex.title_first):
                    break
                desc.append(t)
                j -= 1
            before = split_descriptor(desc[::-1])
        # apposition after the name: the fuller description when there is one
        j = i1
        n = len(texts)
        if j < n and sents[j] == sent and texts[j] == ",":
            j += 1
            det = j < n and texts[j].lower() in ("the", "a", "an")
            j += det
            desc = []
            while j < n and sents[j] == sent and len(desc) < 10:
                t = texts[j]
                if not t[0].isalnum() or (t.lower() in lex.word_class and t.lower() not in (
                        "of", "for", "at", "to", "the")) or tags[j][:2] in ("VB", "MD"):
                    break
                desc.append(t)
                j += 1
            # "X, Chief Justice Roberts, ...": capitalised words only, no article: another name
            if any(is_role_word(t) for t in desc) and (det or any(
                    t.islower() and t in lex.roles for t in desc)):
                return split_descriptor(desc)
        return before

    def _sentence_organization(self, i0: int) -> str | None:
        """The nearest organisation named earlier in the same sentence (``At the State
        Department briefing, spokesperson X``): a guess, made only for a person with a role and
        no affiliation."""
        start = self.doc.sentences[self.sents[i0]][0]
        for m in reversed(self.mentions):
            if m.start < start:
                break
            if m.kind == "organization" and m.end <= self.words[i0][0]:
                return m.name
        return None

    # groups ----------------------------------------------------------------------------------

    def _group(self, i: int) -> None:
        """``a coalition of Iranian-backed militias`` -> group ``Iranian-backed militias``."""
        texts, sents, lex = self.texts, self.sents, self.lex
        sent = sents[i]
        k = i
        while k > 0 and i - k < 3 and sents[k - 1] == sent:
            t = texts[k - 1]
            if not t[0].isalpha() or t.lower() in lex.word_class or t.endswith(_POSSESSIVE_END):
                break
            k -= 1
        start = k
        if k >= 2 and texts[k - 1] == "of" and texts[k - 2].lower() in lex.collectives:
            start = k - 2
            if start > 0 and texts[start - 1].lower() in ("a", "an", "the"):
                start -= 1
        m = self._add(start, i + 1, "group", tuple(texts[k:i + 1]))
        m.start = self.words[start][0]

    def _add(self, i0: int, i1: int, kind: str, names: tuple[str, ...]) -> _Mention:
        texts, sents = self.texts, self.sents
        determiners, prepositions = _word_sets()
        sent = sents[i0]
        j = i0 - 1
        while j >= 0 and sents[j] == sent and texts[j].lower() in determiners:
            j -= 1
        salient = not (j >= 0 and sents[j] == sent and texts[j].lower() in prepositions)
        start = self.words[i0][0]
        if i0 > 0 and sents[i0 - 1] == sent and texts[i0 - 1].lower() == "the":
            start = self.words[i0 - 1][0]
        m = _Mention(start, self.words[i1 - 1][1], kind, names, salient)
        self.mentions.append(m)
        return m

    # lookups ---------------------------------------------------------------------------------

    def words_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, text) of the words overlapping ``[start, end)``."""
        i = bisect_left(self.starts, start)
        if i > 0 and self.words[i - 1][1] > start:
            i -= 1
        j = bisect_left(self.starts, end, lo=i)
        return [_W(w[0], w[1], t, w[3]) for w, t in zip(self.words[i:j], self.texts[i:j])]

    def mentions_in(self, start: int, end: int) -> list[_Mention]:
        i = bisect_left(self.mention_starts, start)
        j = bisect_left(self.mention_starts, end, lo=i)
        return [m for m in self.mentions[i:j] if m.end <= end and m.kind != "pronoun"]

    def mentions_over(self, position: int) -> list[_Mention]:
        """Mentions that start before ``position`` and run past it (a source cut inside a
        name: ``British Prime Minister Theresa`` of ``... Theresa May``)."""
        i = bisect_right(self.mention_starts, position)
        out = []
        for m in self.mentions[max(0, i - 3):i]:
            if m.start <= position < m.end and m.kind != "pronoun":
                out.append(m)
        return out

    def full_name(self, m: _Mention) -> _Mention:
        """``Kirby`` -> the ``John Kirby`` mention nearest before it (else after it)."""
        if len(m.words) != 1:
            return m
        candidates = self.by_last.get(m.words[0])
        if not candidates:
            return m
        found = self.full_counts.get(m.words[0])
        if found is None:
            counts = Counter(c.words for c in candidates)
            if len(counts) > 1:  # Bill and Hillary Clinton: the one the article names most
                best = max(counts.values())
                candidates = [c for c in candidates if counts[c.words] == best]
            found = self.full_counts[m.words[0]] = (candidates, [c.start for c in candidates])
        candidates, starts = found
        i = bisect_right(starts, m.start)
        return candidates[i - 1] if i else candidates[0]


class _W(NamedTuple):
    start: int
    end: int
    text: str
    tag: str


_DET_OR_INDEF = frozenset({"det", "indef"})
_WORD_SETS: tuple[frozenset[str], frozenset[str]] | None = None


def _word_sets() -> tuple[frozenset[str], frozenset[str]]:
    """Determiners (definite or not) and prepositions, from ``closed_class.tsv``."""
    global _WORD_SETS
    if _WORD_SETS is None:
        classes = lexicon().word_class
        _WORD_SETS = (frozenset(w for w, c in classes.items() if c & _DET_OR_INDEF),
                      frozenset(w for w, c in classes.items() if "prep" in c))
    return _WORD_SETS
_COMMON_TAGS = frozenset({"NN", "NNS", "JJ", "JJR", "JJS", "RB",
                          "VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
"""Tags that make a lone capitalised sentence opener a common word (``Photos released ...``)."""
_AGENT_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "secretary", "official"})
"""Roles that speak for an organisation: without an affiliation of their own they take the
organisation named earlier in the sentence."""
_CLASSIFIED: dict[tuple, tuple] = {}


def _is_person_noun(word: str) -> bool:
    """``US service members``: a lower-case org head followed by a person noun is a modifier."""
    lex = lexicon()
    low = word.lower()
    return low in lex.group_nouns or low in lex.roles or low in lex.anon_heads


def _join(words) -> str:
    """Words as a name: possessive endings dropped (``the GOP ’s`` -> ``the GOP``)."""
    return " ".join(strip_possessive(w) for w in words if w not in _POSSESSIVE_TOKENS)


def _is_acronym(word: str) -> bool:
    """``IMF``, ``S.E.C.``: an organisation (``U.S.`` too, which is a fair reading as a source)."""
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


_GROUP_SUFFIXES = ("ans", "ists", "ites", "ians", "ics", "ese")
"""Capitalised plurals read as groups (``Mexicans``, ``Birchers`` is missed): ``-ers``/``-ents``
would take surnames such as Sanders or Peters."""


def _is_group_plural(word: str) -> bool:
    """``Mexicans``, ``Birchers``, ``Proponents``-like capitalised plurals with no full name in
    the article: read as a group (a surname such as ``Sanders`` with its full name in the
    article never gets here)."""
    return word.endswith(_GROUP_SUFFIXES) and "-" not in word[:1]


def _is_contraction(word: str) -> bool:
    """``I’ve``, ``Don't``, ``It's`` are not names; ``O'Neill`` and ``Clinton’s`` may be."""
    head, _, tail = word.replace("’", "'").partition("'")
    return tail.lower() in ("ve", "m", "ll", "d", "re", "t") or (
        tail.lower() == "s" and head.lower() in lexicon().word_class)


def _is_common_noun(low: str) -> bool:
    """A capitalised sentence opener that is one of the lexicon's common nouns (``Officials
    said``) is not a name."""
    lex = lexicon()
    return (low in lex.group_nouns or low in lex.roles or low in lex.anon_heads
            or low in lex.documents or low in lex.collectives)


def _outlet_key(name: str) -> str:
    name = name.strip().lower()
    return name[4:] if name.startswith("the ") else name


_OUTLET_KEYS: frozenset[str] | None = None


def _outlet_keys() -> frozenset[str]:
    global _OUTLET_KEYS
    if _OUTLET_KEYS is None:
        _OUTLET_KEYS = frozenset(_outlet_key(n) for n in lexicon().outlet_names)
    return _OUTLET_KEYS


# ---------------------------------------------------------------------------------------------
# resolution

@dataclass
class _Entity:
    id: str
    name: str
    kind: str
    role: str | None = None
    affiliation: str | None = None
    gender: str | None = None
    mentions: set[Span] = field(default_factory=set)
    first: int = 1 << 62


class _Defer(Exception):
    """A source that needs antecedents: resolved after every named one."""


_RELATIVES = frozenset({"who", "which", "that", "whom"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "its", "their", "my", "our"})
_ANY_KIND = frozenset({"person", "anonymous", "organization", "group", "document", "outlet"})


class _Resolver:
    def __init__(self, doc: Document):
        self.late = False
        self.doc = doc
        self.lex = lexicon()
        self.scan = _Scan(doc)
        self.entities: dict[str, _Entity] = {}
        self.candidates: list[tuple[int, str, bool]] = [
            (m.start, "?" + m.kind + ":" + m.name, m.salient)
            for m in self.scan.mentions if m.kind in ("organization", "group", "outlet")]
        """(position, entity id, salient) of every resolved mention, for pronouns; mentions not
        yet in the table are keyed ``?kind:name``."""
        self.dirty = False
        self.sentence_starts = [s for s, _ in doc.sentences]
        outlet = doc.article.outlet
        self.narrator = self._entity(speaker_id(outlet, "outlet"), outlet, "outlet",
                                     role="reporting outlet") if outlet else None

    def _entity(self, eid: str, name: str, kind: str, role: str | None = None,
                affiliation: str | None = None, gender: str | None = None) -> _Entity:
        e = self.entities.get(eid)
        if e is None:
            e = self.entities[eid] = _Entity(eid, name, kind)
        e.role = e.role or role
        e.affiliation = e.affiliation or affiliation
        e.gender = e.gender or gender
        return e

    def _mention(self, e: _Entity, start: int, end: int, salient: bool = True) -> str:
        e.mentions.add((start, end))
        e.first = min(e.first, start)
        if self.late and not self.dirty:
            insort(self.candidates, (start, e.id, salient))
        else:
            self.candidates.append((start, e.id, salient))
            self.dirty = True
        return e.id

    # one source ------------------------------------------------------------------------------

    def resolve(self, span: Span) -> str | None:
        """The speaker id of a source span. Sources that need an antecedent (pronouns,
        relatives, ``his aides``, ``the ministry``) raise ``_Defer`` until ``self.late``, when
        every named source and the mentions outside attributions are known."""
        scan, lex = self.scan, self.lex
        start, end = span
        ws = [w for w in scan.words_in(start, end)
              if w.text[0].isalnum() or w.text in (",", "(", "’s", "'s", "@")]
        while ws and not ws[-1].text[0].isalnum():
            ws.pop()
        if not ws:
            return None
        start, end = ws[0].start, ws[-1].end
        first_low = ws[0].text.lower()
        if len(ws) == 1 and (first_low in lex.pronouns or first_low in _RELATIVES):
            if not self.late:
                raise _Defer
            if first_low in _RELATIVES:
                return self._relative((start, end))
            kinds, gender = lex.pronouns[first_low]
            return self.pronoun((start, end), kinds, gender)
        texts = [w.text for w in ws]
        lows = [t.lower() for t in texts]
        k = 0
        definite = False
        possessor = None
        while k < len(ws) - 1:
            if lows[k] in lex.collectives and lows[k + 1] == "of":
                k += 2
            elif lows[k] in _POSSESSIVE_PRONOUNS:
                possessor = lows[k]
                definite = True
                k += 1
            elif lex.is_class(lows[k], "det") or lex.is_class(lows[k], "indef") \
                    or lex.is_class(lows[k], "conj") or lows[k] == "according" \
                    or (lows[k] == "to" and k > 0):
                definite = definite or lex.is_class(lows[k], "det")
                k += 1
            else:
                break
        cut = len(ws)
        affil_words: list[str] = []
        mentions = scan.mentions_in(start, end)
        for j in range(k + 1, len(ws)):
            if lows[j] == "of" and lows[j - 1] in lex.collectives and j + 1 < len(ws):
                k = j + 1  # "small groups of protesters"
                continue
            if lows[j] in _CUT_WORDS or (lows[j] in _AFFIL_PREPS and (
                    texts[j - 1][0].islower() or is_role_word(texts[j - 1])
                    or not any(m.start < ws[j].start < m.end for m in mentions))):
                cut = j
                if lows[j] in _AFFIL_PREPS:
                    for n, t in enumerate(texts[j + 1:], j + 2):
                        if t in (",", "(") or t.lower() in ("who", "which", "that") or (
                                t in ("and", "or") and not (n < len(texts) and texts[n][0].isupper())):
                            break
                        if t.lower() not in ("the", "a", "an"):
                            affil_words.append(t)
                break
        core = ws[k:cut]
        # with tags, the head is the last noun ("people involved", "a poll released")
        while len(core) > 1 and core[-1].tag and not core[-1].tag.startswith(("NN", "PRP", "CD")):
            core.pop()
        while len(core) > 1 and core[-1].text in _POSSESSIVE_TOKENS:
            core.pop()
        head = strip_possessive(core[-1].text) if core else ""
        head_low = head.lower()
        phrase = " ".join(lows)
        anonymous = any(marker in phrase for marker in lex.anon_markers)
        post_start = ws[cut].start if cut < len(ws) and lows[cut] != "," else end
        span = (start, end)
        if possessor is not None:
            if not self.late:
                raise _Defer
            owner = self._owner(possessor, start)
            if owner is not None:
                affil_words = affil_words or owner.name.split()

        # a person named in the source (the head, or one side of an apposition)
        part_ends = {ws[j - 1].end for j in range(1, len(ws)) if texts[j] in (",", "(")}
        part_ends.add(ws[-1].end)
        if core:
            part_ends.add(core[-1].end)
        commas = [w.start for w in ws if w.text == ","]
        for m in mentions + scan.mentions_over(ws[-1].start):
            if m.kind in ("person", "name") and (
                    m.start < post_start or (m.end == ws[-1].end and commas and commas[-1] < m.start)) and (
                    m.end in part_ends or m.start <= ws[-1].start < m.end) \
                    and not _is_common_noun(m.words[-1].lower()):
                full = scan.full_name(m)
                if lows[0] in ("a", "an", "one") and len(full.words) == 1 and m.kind == "name":
                    return self._anonymous(core, affil_words, span)  # "one Republican"
                return self._person(full, span, _join(affil_words) if m.start < post_start else None)
        if is_role_word(head) and lows[0] not in ("a", "an", "one") and cut == len(ws):
            named = self._apposed_name(end)
            if named is not None:
                return self._person(scan.full_name(named), (start, named.end))
        head_mention = next((m for m in mentions if core and m.start <= core[-1].start < m.end), None)
        if head_mention is not None and head_mention.kind == "outlet" or \
                _outlet_key(" ".join(t.text for t in core)) in _outlet_keys():
            name = head_mention.name if head_mention else _join(t.text for t in core)
            if self.narrator and _outlet_key(name) == _outlet_key(self.narrator.name):
                return self._mention(self.narrator, start, end)
            return self._mention(self._entity(speaker_id(name, "outlet"), name, "outlet"), start, end)
        if head_low in lex.outlet_nouns and definite and not any(t.text[0].isupper() for t in core):
            if not self.late:
                raise _Defer
            return self._anaphor(None, ("outlet",), span, window=12)
        if head_low in lex.documents:
            if definite and not affil_words and not self.late:
                raise _Defer
            return self._document(core, affil_words, definite, span)
        if head_low in lex.anon_heads and (anonymous or not definite or possessor):
            return self._anonymous(core, affil_words, span)
        if head_mention is not None and head_mention.kind == "organization":
            return self._organization(head_mention.name, span)
        if head_low in lex.org_heads:
            if any(t.text[0].isupper() for t in core):
                name = _join(t.text for t in core)
                return self._organization(name, span)
            if possessor and affil_words:
                return self._organization(" ".join(affil_words + [head]), span)
            if not self.late:
                raise _Defer
            found = self._anaphor(head_low, ("organization",), span) or \
                self._anaphor(None, ("organization",), span, window=3)
            if found or head_low not in lex.group_nouns:
                return found
        if head_low in lex.group_nouns or _is_group_plural(head) or head_low == "others" or (
                core and core[-1].tag == "NNS" and head_low not in lex.documents):
            if anonymous or (head_low in lex.anon_heads and not definite):
                return self._anonymous(core, affil_words, span)
            name = _join(t.text for t in core)
            if affil_words and possessor:
                return self._anonymous(core, affil_words, span)
            return self._mention(self._entity(speaker_id(name, "group"), name, "group"), start, end)
        if head_low in lex.roles or head_low in lex.anon_heads or head_low in lex.person_nouns:
            if definite and not possessor:
                if not self.late:
                    raise _Defer
                found = self._anaphor(head_low, ("person", "anonymous"), span)
                caps = [t.text for t in core if t.text[0].isupper()]
                if found is None and caps:  # "the Republican nominee": a person of that party
                    eid = self._nearest(span[0], ("person",), ROLE_GENDER.get(head_low), window=3,
                                        affiliation=caps[0].lower())
                    found = self._mention(self.entities[eid], *span) if eid else None
                if found is None and head_low in lex.person_nouns:
                    gender = ROLE_GENDER.get(head_low)
                    eid = self._nearest(span[0], ("person",), gender, window=2) or \
                        self._nearest(span[0], ("person",), gender, window=2, loose=True)
                    found = self._mention(self.entities[eid], *span) if eid else None
                if found:
                    return found
            return self._anonymous(core, affil_words, span)
        if head_mention is not None and head_mention.kind in ("person", "name"):
            return self._person(scan.full_name(head_mention), span)
        return None

    def _apposed_name(self, end: int) -> _Mention | None:
        """A source cut before its apposition (``White House spokesman`` + ``, retired Adm.
        John Kirby``): the person named right after the comma."""
        scan = self.scan
        i = bisect_left(scan.mention_starts, end)
        if i >= len(scan.mentions):
            return None
        m = scan.mentions[i]
        if m.kind not in ("person", "name") or m.start - end > 40:
            return None
        between = [w.text for w in scan.words_in(end, m.start)]
        if "," not in between or not all(
                t == "," or t.lower() in self.lex.name_modifiers or t in self.lex.title_first
                or t.lower() == "the" for t in between):
            return None
        return m

    def _relative(self, span: Span) -> str | None:
        """``who``/``which``/``that``: the nearest entity before it in the same sentence."""
        eid = self._nearest(span[0], _ANY_KIND, None, window=0, salient_first=False)
        return self._mention(self.entities[eid], *span) if eid else None

    def _owner(self, possessor: str, position: int) -> _Entity | None:
        """The entity a possessive determiner points to (``his aides``)."""
        if possessor in ("my", "our"):
            return None  # "my mother": the writer's, not the outlet's
        kinds, gender = self.lex.pronouns.get(possessor, (frozenset(), ""))
        eid = self._nearest(position, kinds, gender or None, window=3)
        return self.entities[eid] if eid else None

    def _person(self, m: _Mention, span: Span, affiliation: str | None = None) -> str:
        """``affiliation``: from the source's own ``of/for X`` (``Matthew Ingram of The Globe
        and Mail``), used when the name's descriptor gives none."""
        name = m.name
        e = self._entity(speaker_id(name, "person"), name, "person", m.role,
                         m.affiliation or affiliation or None, m.gender)
        return self._mention(e, *span)

    def _organization(self, name: str, span: Span) -> str:
        e = self._entity(speaker_id(name, "organization"), name, "organization")
        return self._mention(e, *span)

    def _anonymous(self, core: list[_W], affil_words: list[str], span: Span) -> str:
        texts = [strip_possessive(w.text) for w in core if w.text not in _POSSESSIVE_TOKENS]
        affil_words = [w for w in affil_words if w not in _POSSESSIVE_TOKENS]
        role, affiliation = split_descriptor(texts)
        if role is None:
            role = texts[-1] if texts else None
            caps = [t for t in texts[:-1] if t[0].isupper()]
            affiliation = " ".join(caps) or None
        if affil_words:
            affiliation = affiliation or " ".join(affil_words)
        name = " ".join(texts)
        if affil_words and affiliation == " ".join(affil_words):
            name = f"{name} of {affiliation}"
        # with an affiliation the id is the same in every article ("a Defense Ministry
        # spokesperson"); without one ("sources") it is scoped to the article, never merged
        key = f"{affiliation} {role}" if affiliation else f"{self.doc.article.doc_id} {name}"
        gender = ROLE_GENDER.get(role.split()[-1].lower()) if role else None
        e = self._entity("anon:" + slug(key), name, "anonymous", role, affiliation, gender)
        return self._mention(e, *span)

    def _document(self, core: list[_W], affil_words: list[str], definite: bool, span: Span) -> str:
        texts = [w.text for w in core]
        affiliation = None
        issuer = [strip_possessive(t) for t in texts[:-1] if t[0].isupper()]
        for j, t in enumerate(texts):
            if t.endswith(("’s", "'s")) or (j + 1 < len(texts) and texts[j + 1] in ("’s", "'s")):
                issuer = [strip_possessive(x) for x in texts[:j + 1]
                          if x not in _POSSESSIVE_TOKENS and x.lower() not in self.lex.word_class]
        name_words = [t for t in texts
                      if t not in _POSSESSIVE_TOKENS and t.lower() not in self.lex.word_class]
        if issuer:
            affiliation = " ".join(issuer)
            if affiliation.lower() in self.lex.pronouns or affiliation.lower() in self.lex.word_class:
                affiliation = None
            if name_words[:len(issuer)] == issuer:
                name_words = name_words[len(issuer):]
        if affil_words:
            affiliation = affiliation or " ".join(affil_words)
        if affiliation is None and (definite or (texts and texts[0].lower() in ("its", "their"))):
            eid = self._nearest(span[0], ("organization",), None, window=2, sources_only=True) \
                or self._nearest(span[0], ("organization",), None, window=2)
            affiliation = self.entities[eid].name if eid else None
        name = " ".join(strip_possessive(t) for t in name_words
                        if t.lower() not in self.lex.word_class)
        key = f"{affiliation} {name}" if affiliation else f"{self.doc.article.doc_id} {name}"
        e = self._entity("doc:" + slug(key), name, "document", affiliation=affiliation)
        return self._mention(e, *span)

    def _anaphor(self, head: str | None, kinds: tuple[str, ...], span: Span,
                 window: int = 12) -> str | None:
        """``the ministry`` -> the nearest earlier organisation whose name ends in Ministry;
        ``the senator`` -> the nearest earlier person whose role ends in senator."""
        eid = self._nearest(span[0], kinds, None, window=window, head=head)
        if eid is None:
            return None
        return self._mention(self.entities[eid], *span)

    # pronouns and nearest entities -----------------------------------------------------------

    def add_scan_candidates(self) -> None:
        """Mentions outside attributions become pronoun antecedents: persons with a title or
        role, names of known persons, organisations and groups."""
        for m in self.scan.mentions:
            if m.gender and len(m.words) == 1:  # "Mrs. Clinton": the Clinton meant is a woman
                full = self.scan.full_name(m)
                if full is not m:
                    full.gender = m.gender if full.gender in (None, m.gender) else "?"
        for m in self.scan.mentions:
            if m.kind == "person" or (m.kind == "name" and self._known_person(m)):
                full = self.scan.full_name(m)
                e = self._entity(speaker_id(full.name, "person"), full.name, "person",
                                 full.role, full.affiliation, full.gender)
                self.candidates.append((m.start, e.id, m.salient))
            elif m.kind == "name" and len(m.words) >= 2:
                self.candidates.append((m.start, "?name:" + m.name, m.salient))

    def _known_person(self, m: _Mention) -> bool:
        full = self.scan.full_name(m)
        e = self.entities.get(speaker_id(full.name, "person"))
        return e is not None and e.kind == "person"

    def _candidate(self, key: str) -> _Entity | None:
        if key.startswith("?"):
            kind, _, name = key[1:].partition(":")
            eid = speaker_id(name, kind)
            return self.entities.get(eid) or _Entity(eid, name, kind)
        return self.entities.get(key)

    def _nearest(self, position: int, kinds, gender: str | None, window: int,
                 head: str | None = None, salient_first: bool = True,
                 sources_only: bool = False, loose: bool = False,
                 affiliation: str | None = None, known_gender: bool = False) -> str | None:
        """The nearest earlier compatible entity within ``window`` sentences, preferring one
        not inside a prepositional phrase; then any compatible one. ``loose``: a person may
        also be a name of two or more words with no other sign of being one (``Maria Gomez``,
        but also ``United States``: hence only as a last resort)."""
        if self.dirty:
            self.candidates.sort()
            self.dirty = False
        cands = self.candidates
        i = bisect_left(cands, (position,))
        sent = bisect_right(self.sentence_starts, position) - 1
        floor = self.doc.sentences[max(0, sent - window)][0] if self.doc.sentences else 0
        for want_salient in ((True, False) if salient_first else (False,)):
            j = i - 1
            while j >= 0 and cands[j][0] >= floor:
                pos, key, salient = cands[j]
                j -= 1
                if (want_salient and not salient) or (sources_only and key[0] == "?"):
                    continue
                e = self._candidate(key)
                if e is None or (e.kind not in kinds and not (
                        loose and e.kind == "name" and "person" in kinds)):
                    continue
                if gender and (e.gender != gender if known_gender else
                               e.gender in ("m", "f") and e.gender != gender):
                    continue
                if head and not (e.name.lower().endswith(head)
                                 or (e.role or "").lower().endswith(head)):
                    continue
                if affiliation and not (e.affiliation or "").lower().startswith(affiliation):
                    continue
                if e.kind == "name":
                    e.kind = "person"
                if e.id not in self.entities:
                    self.entities[e.id] = e
                return e.id
        return None

    def pronoun(self, span: Span, kinds: frozenset[str], gender: str) -> str | None:
        if "narrator" in kinds:
            return self._mention(self.narrator, *span) if self.narrator else None
        eid = (gender and self._nearest(span[0], kinds, gender, window=3, known_gender=True)) or \
            self._nearest(span[0], kinds, gender or None, window=3) or \
            self._nearest(span[0], kinds, gender or None, window=10) or \
            self._nearest(span[0], kinds, gender or None, window=3, loose=True)
        if eid is None:
            return None
        e = self.entities[eid]
        if gender and e.kind == "person":
            e.gender = e.gender or gender
        self._mention(e, *span)
        return eid


def resolve_speakers(doc: Document, attributions: list[Attribution]) -> Speakers:
    """Resolve every attribution's source to a speaker; build the article's speakers table."""
    r = _Resolver(doc)
    of_attribution: dict[str, str | None] = {}
    pending: list[tuple[Attribution, Span | None]] = []
    for a in sorted(attributions, key=lambda a: a.source or (1 << 62, 0)):
        source = _read_in(r, a) or a.source
        try:
            of_attribution[a.id] = r.resolve(source) if source else None
        except _Defer:
            pending.append((a, source))
    r.add_scan_candidates()
    r.dirty = True
    r.late = True
    for a, source in pending:
        of_attribution[a.id] = r.resolve(source)
    speaking = {eid for eid in of_attribution.values() if eid}
    if r.narrator:
        speaking.add(r.narrator.id)
    _add_affiliations(r, speaking)
    _add_scan_mentions(r, speaking)
    entities = sorted((r.entities[eid] for eid in speaking), key=lambda e: (e.first, e.id))
    table = [Speaker(e.id, e.name, e.kind, e.role, e.affiliation, tuple(sorted(e.mentions)))
             for e in entities]
    narrator = next((s for s in table if r.narrator and s.id == r.narrator.id), None)
    return Speakers(entities=table, of_attribution=of_attribution, narrator=narrator)


def _read_in(r: _Resolver, a: Attribution) -> Span | None:
    """``we can read in the press release``, ``I learned from the report``: a first-person
    narrator who only relays a document; the document named after the cue is the source."""
    if a.source is None or a.cue is None:
        return None
    body = r.doc.body
    if body[a.source[0]:a.source[1]].strip().lower() not in ("we", "i", "one"):
        return None
    ws = r.scan.words_in(a.cue[1], min(len(body), a.cue[1] + 120))
    if not ws or ws[0].text.lower() not in ("in", "from"):
        return None
    np = []
    for w in ws[1:9]:
        if not (w.text[0].isalnum() or w.text in _POSSESSIVE_TOKENS):
            break
        np.append(w)
    heads = [k for k, w in enumerate(np) if w.text.lower() in r.lex.documents]
    if not heads:
        return None
    return (np[0].start, np[heads[-1]].end)


def _add_affiliations(r: _Resolver, speaking: set[str]) -> None:
    """The organisations speakers belong to join the table, each with its parent body where
    the text (or the short ``parents.tsv``) shows it: ``Iraqi Foreign Ministry`` is part of
    ``Iraqi government`` when the article names the latter."""
    lex = r.lex
    todo = [r.entities[eid].affiliation for eid in speaking if r.entities[eid].affiliation]
    todo += [r.entities[eid].name for eid in speaking if r.entities[eid].kind == "organization"]
    seen = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        words = name.split()
        if not (any(is_org_head(w) for w in words) or name.lower() in r.scan.org_names
                or name in lex.parents):
            continue
        e = r._entity(speaker_id(name, "organization"), name, "organization")
        if e.kind != "organization":
            continue
        speaking.add(e.id)
        parent = lex.parents.get(name)
        if parent is None and len(words) >= 2 and lex.org_heads.get(words[-1].lower()) == "gov":
            for head in ("government", "administration"):
                candidate = f"{words[0]} {head}"
                if candidate.lower() in r.scan.org_names and candidate.lower() != name.lower():
                    parent = candidate
                    break
        if parent:
            e.affiliation = e.affiliation or parent
            todo.append(parent)


def _add_scan_mentions(r: _Resolver, speaking: set[str]) -> None:
    """Mentions outside attributions: names, organisations, groups, the outlet, and
    ``he``/``she`` resolved to the nearest person."""
    ends: dict[str, set[int]] = {}
    names = {r.entities[eid].name for eid in speaking}
    last_words = {name.rsplit(" ", 1)[-1] for name in names}
    for m in r.scan.mentions:
        if m.kind in ("person", "name"):
            if m.words[-1] not in last_words:
                continue
            eid = speaker_id(r.scan.full_name(m).name, "person")
        elif m.kind == "pronoun":
            kinds, gender = r.lex.pronouns[m.words[0]]
            eid = r._nearest(m.start, kinds, gender or None, window=2)
        elif m.kind == "outlet" and r.narrator \
                and _outlet_key(m.name) == _outlet_key(r.narrator.name):
            eid = r.narrator.id
        elif m.name in names:
            eid = speaker_id(m.name, m.kind)
        else:
            continue
        if eid in speaking:
            e = r.entities[eid]
            e_ends = ends.get(eid)
            if e_ends is None:
                e_ends = ends[eid] = {end for _, end in e.mentions}
            if m.end in e_ends:
                continue
            e_ends.add(m.end)
            e.mentions.add((m.start, m.end))
            e.first = min(e.first, m.start)
