"""Stance of each statement and each sentence.

A statement's stance starts from its cue's class in the cue lexicon (``cues.lookup``: ``deny``
for "denied", ``acknowledge`` for "admitted", ``hedge`` for "claimed") and is then adjusted by
what surrounds the cue and what the content says:

1. formulas around the cue: refusals ("declined to comment", "did not respond to a request for
   comment"), referrals ("referred questions to"), protests ("summoned the ambassador"),
   walk-backs ("walked back", "corrected his statement") and reported questions ("asked
   whether");
2. the cue's own negation and modality: "did not deny" is no denial (hedge), "would not
   confirm" is a refusal, "may confirm" a hedge;
3. the content: a first-person speech act inside a quote ("I completely disagree", "we
   condemn"), rejection phrases ("that is not accurate"), falsity words ("a hoax", "false"),
   a final question mark, hedges ("may", "reportedly") and main-clause negation.

Negation of the content is read this way (think of "X said Y did not happen"): with an
``assert`` cue it is a denial (the speaker says a proposition is false: "The commissioner says
expansion not imminent"); with an ``acknowledge`` cue it stays an acknowledgement ("conceded that the
Iraqis had not been warned" admits a negative). Whether a plain "said it had not warned" is a
denial or an admission depends on what was claimed before; the claims stage decides that (a
statement that reverses its own side's earlier assertion is re-labelled ``acknowledge``).

The narration (sentences no one else speaks) gets a stance from the same lexicons: falsity
words deny ("X is a hoax"), hedges hedge ("reportedly", "has struggled to assert"), a question
mark questions, main-clause negation denies ("No, X did not ..."), anything else asserts.

The lexicons are data files in ``resources/stance/`` (see the README there). Nothing here knows
any particular article, outlet or person.

What was measured on Emergent headlines, kept, dropped and left alone, with figures, is in
``bench/stance_notes.md``; ``bench/bench_stance.py --errors 40`` prints the errors left.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from . import datafiles
from .attributions import Attribution
from .document import Document

try:  # the cue lexicon of the attribution stage (issue 4)
    from . import cues as _cues
except ImportError:  # pragma: no cover - only before the attribution stage lands
    _cues = None

STANCES = ("assert", "hedge", "acknowledge", "deny", "retract", "dispute", "refuse", "refer",
           "protest", "question")

SPEECH_ACTS = frozenset({"acknowledge", "deny", "retract", "dispute", "refuse", "refer",
                         "protest", "question"})
"""Cue classes that are a speech act of their own (not plain telling)."""

_PUNCT = frozenset(",;:()[]{}—–-\"“”‘’«»'")
_CONTRACTED = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}
_ADVERBS = frozenset({"also", "still", "again", "strongly", "completely", "totally", "firmly",
                      "flatly", "categorically", "fully", "absolutely", "vehemently",
                      "emphatically", "utterly", "do", "can", "must", "would", "certainly",
                      "hereby", "formally", "officially"})
"""Words allowed between "I/we" and the verb of a first-person speech act."""
_FIRST_PERSON = frozenset({"i", "we"})
_BE = frozenset({"be", "been", "being", "is", "are", "was", "were", "get", "gets", "got"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "his", "her",
                          "their", "our", "my", "your", "whose", "another", "each", "every"})
_AUXILIARIES = frozenset({"do", "does", "did", "has", "have", "had", "is", "are", "was", "were",
                          "will", "would", "can", "could", "should", "may", "might", "must"})
_FRAME_STOPS = frozenset({"and", "but", "or", "then", "while", "who", "which", "that"})


# --- lexicons -------------------------------------------------------------------------------

Slot = frozenset[str] | str
"""A pattern slot: a set of alternative words, ``"*"`` (any one word) or ``"~"`` (0-3 words)."""


@dataclass(frozen=True)
class PhraseSet:
    """Token patterns indexed by their first word, so matching costs one dict lookup a word."""

    by_first: dict[str, tuple[tuple[tuple[Slot, ...], str], ...]]

    def matches(self, words: list[str], lo: int = 0, hi: int | None = None
                ) -> Iterator[tuple[int, int, str]]:
        """Every match inside ``words[lo:hi]`` as (start, end, label)."""
        hi = len(words) if hi is None else hi
        for i in range(lo, hi):
            for slots, label in self.by_first.get(words[i], ()):
                end = _match(slots, words, i + 1, hi)
                if end >= 0:
                    yield i, end, label

    def first(self, words: list[str], lo: int = 0, hi: int | None = None
              ) -> tuple[int, int, str] | None:
        return next(self.matches(words, lo, hi), None)


def _match(slots: tuple[Slot, ...], words: list[str], i: int, hi: int) -> int:
    """End index of a match of ``slots`` starting at ``words[i]``, or -1."""
    if not slots:
        return i
    slot, rest = slots[0], slots[1:]
    if slot == "~":  # a short gap that does not cross punctuation
        for gap in range(4):
            if gap and (i + gap > hi or _is_break(words[i + gap - 1])):
                break
            end = _match(rest, words, i + gap, hi)
            if end >= 0:
                return end
        return -1
    if i >= hi:
        return -1
    if slot == "*" or words[i] in slot:
        return _match(rest, words, i + 1, hi)
    return -1


def _read(name: str) -> list[str]:
    return datafiles.lines("stance", name)


def _phrases(name: str, default: str = "") -> PhraseSet:
    table: dict[str, list[tuple[tuple[Slot, ...], str]]] = {}
    for line in _read(name):
        pattern, _, label = line.partition("\t")
        slots: list[Slot] = []
        for part in pattern.split():
            slots.append(part if part in ("*", "~") else frozenset(part.split("|")))
        head = slots[0]
        if isinstance(head, str):
            raise ValueError(f"{name}: a pattern cannot start with a wildcard: {pattern!r}")
        for word in head:
            table.setdefault(word, []).append((tuple(slots[1:]), label.strip() or default))
    return PhraseSet({k: tuple(v) for k, v in table.items()})


@dataclass(frozen=True)
class Lexicons:
    negators: frozenset[str]
    negation_exceptions: PhraseSet
    clause_breaks: frozenset[str]
    hedges: PhraseSet
    falsity: PhraseSet
    refusals: PhraseSet
    referrals: PhraseSet
    protests: PhraseSet
    walkbacks: PhraseSet
    questions: PhraseSet
    disputes: PhraseSet
    source_nouns: frozenset[str]
    source_tags: frozenset[str]
    factives: frozenset[str]
    negative_verbs: PhraseSet
    verdicts: dict[str, str]
    """Claim nouns (``noun``) and the predicates that reject them (``verdict``)."""
    combined: PhraseSet = PhraseSet({})
    """Every pattern table in one index, labels ``(table, label)``: one pass finds them all."""


_TABLES = ("negation_exceptions", "hedges", "falsity", "refusals", "referrals", "protests",
           "walkbacks", "questions", "disputes", "negative_verbs")
Hits = dict[str, list[tuple[int, int, str]]]


def _combine(lex: "Lexicons") -> PhraseSet:
    table: dict[str, list] = {}
    for name in _TABLES:
        for word, patterns in getattr(lex, name).by_first.items():
            table.setdefault(word, []).extend((slots, (name, label)) for slots, label in patterns)
    return PhraseSet({k: tuple(v) for k, v in table.items()})


def scan(words: list[str], lo: int = 0, hi: int | None = None) -> Hits:
    """Every pattern match of every table in ``words[lo:hi]``, by table name."""
    hi = len(words) if hi is None else hi
    result: Hits = {name: [] for name in _TABLES}
    get = lexicons().combined.by_first.get
    for i in range(lo, hi):
        candidates = get(words[i])
        if candidates:
            for slots, (name, label) in candidates:
                end = _match(slots, words, i + 1, hi)
                if end >= 0:
                    result[name].append((i, end, label))
    return result


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    """Read every stance lexicon once."""
    lex = Lexicons(
        negators=frozenset(_read("negators.txt")),
        negation_exceptions=_phrases("negation_exceptions.txt", "except"),
        clause_breaks=frozenset(_read("clause_breaks.txt")),
        hedges=_phrases("hedges.tsv"),
        falsity=_phrases("falsity.tsv", "deny"),
        refusals=_phrases("refusals.tsv"),
        referrals=_phrases("referrals.tsv"),
        protests=_phrases("protests.tsv"),
        walkbacks=_phrases("walkbacks.tsv"),
        questions=_phrases("questions.tsv"),
        disputes=_phrases("disputes.tsv"),
        source_nouns=frozenset(w for line in _read("source_nouns.txt") for w in line.split()),
        source_tags=frozenset(w for line in _read("source_tags.txt") for w in line.split()),
        factives=frozenset(_read("factives.txt")),
        negative_verbs=_phrases("negative_verbs.tsv"),
        verdicts={w: label.strip()
                  for words, _, label in (line.partition("\t") for line in _read("verdicts.tsv"))
                  for w in words.split("|")},
    )
    return Lexicons(**{**lex.__dict__, "combined": _combine(lex)})


# --- words ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Words:
    """A sentence as normalised lower-case words (``didn't`` -> ``did`` ``not``), with the
    character span of the token each word comes from."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    texts: list[str]
    """The token text each word comes from, with its case."""
    tags: list[str]
    """The part-of-speech tag of the token each word comes from."""

    def at(self, position: int) -> int:
        """Index of the first word that starts at or after a character position."""
        return bisect.bisect_left(self.starts, position)

    def index(self, start: int, end: int) -> tuple[int, int]:
        """Word range ``[lo, hi)`` of the words inside the character span ``[start, end)``."""
        return bisect.bisect_left(self.starts, start), bisect.bisect_right(self.ends, end)


def _word_parts(low: str) -> tuple[str, ...]:
    if low == "n't":
        return ("not",)
    if low.endswith("n't") and len(low) > 3:
        base = low[:-3]
        return (_CONTRACTED.get(base, base), "not")
    if low == "cannot":
        return ("can", "not")
    if "-" in low and len(low) > 2 and not low.startswith("no-"):  # "no-fly zone" negates nothing
        return tuple(p for p in low.split("-") if p) or (low,)  # "fake-news", "strongly-worded"
    return (low,)


_PARTS: dict[str, tuple[str, ...]] = {}


def sentence_words(doc: Document, index: int) -> Words:
    """The normalised words of sentence ``index`` (cached per word form: it runs on every
    token of every article)."""
    tokens = doc.tokens[index]
    texts = [t[2] for t in tokens]
    parts_of = _PARTS
    parts = [parts_of.get(text) or _parts(text) for text in texts]
    if all(len(p) == 1 for p in parts):
        return Words([p[0] for p in parts], [t[0] for t in tokens], [t[1] for t in tokens], texts,
                     [t[3] for t in tokens])
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    all_texts: list[str] = []
    tags: list[str] = []
    for token, split in zip(tokens, parts):
        for part in split:
            words.append(part)
            starts.append(token[0])
            ends.append(token[1])
            all_texts.append(token[2])
            tags.append(token[3])
    return Words(words, starts, ends, all_texts, tags)


def _parts(text: str) -> tuple[str, ...]:
    parts = _word_parts(text.lower().replace("’", "'").replace("‘", "'"))
    if len(_PARTS) < 200_000:
        _PARTS[text] = parts
    return parts


def _is_break(word: str) -> bool:
    return word in _PUNCT or word == "." or word == "!" or word == "?"


_VERBAL_NEGATORS = frozenset({"not", "never"})


def negated_at(words: list[str], lo: int, hi: int, lex: Lexicons | None = None,
               verbal_only: bool = False, hits: Hits | None = None) -> int:
    """Index of the first negator of a main clause in ``words[lo:hi]``, or -1.

    A negator counts when no subordinating or relative word ("who", "because", "although")
    opens its clause first, when it is not a focus idiom ("not only", "no doubt") and when it
    does not open a clause right after a comma ("a ticket, not an arrest": constituent
    negation), and when it is not an imperative ("hands up, don't shoot"). With
    ``verbal_only``, only "not" and "never" count (the narration: "has no idea" and "no one
    is allowed" state facts, they deny nothing). Cannot handle: negation inside a that-clause of the content's own embedded
    reporting ("said he believed X had not ..." counts as negated), negative verbs ("failed
    to", "lacks"), or negative polarity carried by adverbs ("hardly", "barely").
    """
    lex = lex or lexicons()
    negators = lex.negators
    if not any(w in negators for w in words[lo:hi]):
        return -1
    found = hits["negation_exceptions"] if hits is not None else \
        lex.negation_exceptions.matches(words, max(lo - 1, 0), hi)
    exceptions = {i for s, e, _ in found for i in range(s, e)}
    blocked = False
    clause_start = lo
    for i in range(lo, hi):
        word = words[i]
        if _is_break(word):
            blocked = False
            clause_start = i + 1
            continue
        if word in lex.clause_breaks:
            blocked = True
            continue
        if word in lex.negators and i not in exceptions and not blocked:
            if verbal_only and word not in _VERBAL_NEGATORS and not (
                    word == "no" and i == clause_start and (i == lo or words[i - 1] == ":")):
                continue  # but a clause-initial "No threats were made" denies
            if word == "nor" or (i == clause_start and i > lo and words[i - 1] == ","):
                continue
            if word == "not" and i - 1 == clause_start and words[i - 1] == "do":
                continue  # an imperative: "don't shoot"
            return i
    return -1


def _falsity(words: list[str], lo: int, hi: int, lex: Lexicons,
             hits: Hits | None = None, tags: list[str] | None = None) -> tuple[bool, bool]:
    """(falsity word present, every one of them negated: "not a hoax", "no hoax").

    An adjective before a noun ("fake passports") describes a thing, not the claim, and does
    not count unless the noun carries information ("a fake account", "a false report"), the
    noun phrase is a predicate ("the story is probably fabricated nonsense") or the whole
    sentence (given ``tags``, no verb: a headline "A bogus Picasso" calls the Picasso bogus); a
    predicate adjective ("the photo is fake") or a noun ("a hoax") does. Cannot handle: noun
    compounds that name the claim ("the fake-news report claims"), or falsity said of
    something other than the claim ("a hoax caller was arrested").
    """
    found = False
    stop = _function_words()
    for s, e, label in (hits["falsity"] if hits is not None else
                        lex.falsity.matches(words, lo, hi)):
        if label == "adj" and e < hi and words[e].isalpha() and words[e] not in stop and \
                not (tags is not None and _verbless(tags)):
            ahead = words[e:min(e + 3, hi)]
            if not any(w in lex.source_nouns for w in ahead) and \
                    not _predicative(words, lo, s):
                continue  # "fake passports"; but "the video is probably fake footage" counts
        if e < hi and words[e] == "of" and words[e - 1] == "up":
            continue  # "made up of": composition, not invention
        found = True
        if words[s:s + 2] == ["not", "true"]:
            return True, False  # "is not true": the negation is the falsity phrase itself
        back = words[max(lo, s - 3):s]
        if not any(w in lex.negators for w in back):
            return True, False
    return found, found


def _verbless(tags: list[str]) -> bool:
    return not any(t.startswith("VB") or t == "MD" for t in tags)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(w for line in _read("stopwords.txt") for w in line.split()
                     if w not in {"say", "says", "said"})


def _hedged(words: list[str], lo: int, hi: int, lex: Lexicons,
            labels: frozenset[str] = frozenset({"modal", "adverb", "verb", "source", "rumor"}),
            hits: Hits | None = None) -> bool:
    """Whether a hedge with one of ``labels`` occurs. Cannot handle: a hedge inside a
    subordinate clause counts for the whole sentence ("a fish which could be the biggest"
    hedges; limiting hedges to main clauses lost more headlines than it won)."""
    found = hits["hedges"] if hits is not None else lex.hedges.matches(words, lo, hi)
    for s, e, label in found:
        if label == "source_noun" and "source" in labels:
            if s == 0 or words[s - 1] not in _DETERMINERS:
                return True
        elif label == "effort" and "verb" in labels:
            # "struggled to assert" hedges the statement; "tried to sell" is a fact
            if e < hi and _cues is not None and _cues.lookup_word(words[e], "verb") is not None:
                return True
        elif label in labels:
            return True
    return False


def _question(words: list[str], lo: int, hi: int, lex: Lexicons, hits: Hits | None = None) -> bool:
    if "?" in words[lo:hi]:
        return True
    return bool(hits["questions"]) if hits is not None else \
        lex.questions.first(words, lo, hi) is not None


def _first_person_act(words: list[str], lo: int, hi: int) -> str | None:
    """The class of a first-person speech act in a quote: "we deny", "I completely disagree",
    "we strongly condemn". Cannot handle: negated or embedded acts ("we do not deny", "I
    don't think we would deny"), past reports of one's own acts ("I denied it then")."""
    if _cues is None:
        return None
    for i in range(lo, hi - 1):
        if words[i] not in _FIRST_PERSON:
            continue
        j = i + 1
        while j < hi and j < i + 4 and words[j] in _ADVERBS:
            j += 1
        if j >= hi:
            continue
        word = words[j]
        entry = _cues.lookup(word, "verb")  # base form only: present tense, first person
        if entry is not None and entry.cls in SPEECH_ACTS:
            return entry.cls
    return None


# --- attribution stance ---------------------------------------------------------------------

def cue_class(doc: Document, attribution: Attribution) -> str:
    """The stance class of the attribution's cue in the cue lexicon; ``assert`` when it has no
    cue or the cue is not in the lexicon. Cannot handle: a cue used in another sense ("denied
    them visas" reads as a denial; an agentless passive is caught in ``_around_cue``)."""
    if _cues is None:
        return "assert"
    entry = None
    if attribution.cue_lemma:
        entry = _cues.lookup(attribution.cue_lemma)
    if entry is None and attribution.cue:
        text = doc.body[attribution.cue[0]:attribution.cue[1]].lower()
        entry = _cues.lookup(text) or _cues.lookup_word(text.split()[-1] if text.split() else text)
    return entry.cls if entry is not None else "assert"


class SentenceIndex:
    """Per-document cache of sentence words and a bisect index over sentence starts. Use
    ``SentenceIndex.of(doc)``: the stance and claims stages then share one per document."""

    _last: "SentenceIndex | None" = None

    @classmethod
    def of(cls, doc: Document) -> "SentenceIndex":
        last = cls._last
        if last is None or last.doc is not doc:
            last = cls._last = cls(doc)
        return last

    def __init__(self, doc: Document):
        self.doc = doc
        self.starts = [s for s, _ in doc.sentences]
        self._words: dict[int, Words] = {}

    def words(self, index: int) -> Words:
        cached = self._words.get(index)
        if cached is None:
            cached = self._words[index] = sentence_words(self.doc, index)
        return cached

    def containing(self, start: int, end: int) -> range:
        """Indices of the sentences that overlap ``[start, end)``."""
        first = max(bisect.bisect_right(self.starts, start) - 1, 0)
        last = bisect.bisect_left(self.starts, end)
        return range(first, min(last, len(self.starts)))

    def span_tokens(self, start: int, end: int) -> list:
        """The tokens inside ``[start, end)``, across sentences."""
        result = []
        for i in self.containing(start, end):
            tokens = self.doc.tokens[i]
            w = self.words(i)  # its starts are token starts (a split token repeats its start)
            lo = bisect.bisect_left([t[0] for t in tokens], start) if len(w.starts) != len(tokens) \
                else bisect.bisect_left(w.starts, start)
            for t in tokens[lo:]:
                if t[0] >= end:
                    break
                if t[1] <= end:
                    result.append(t)
        return result

    def span_words(self, start: int, end: int) -> list[str]:
        result: list[str] = []
        for i in self.containing(start, end):
            w = self.words(i)
            lo, hi = w.index(start, end)
            result.extend(w.words[lo:hi])
        return result


def attribution_stances(doc: Document, attributions: list[Attribution]) -> dict[str, str]:
    """Attribution id -> stance (one of ``STANCES``)."""
    sentences = SentenceIndex.of(doc)
    return {a.id: _attribution_stance(doc, a, sentences) for a in attributions}


def _attribution_stance(doc: Document, a: Attribution, sentences: SentenceIndex) -> str:
    lex = lexicons()
    base = cue_class(doc, a)
    if base in ("assert", "hedge") and a.source is not None and a.cue is not None \
            and 0 <= a.sentence < len(doc.sentences):
        # a stronger speech act between the source and the cue ("X denies plan to ...",
        # "X retracts claim about ...") is the main verb; the cue found was a noun after it
        sent = sentences.words(a.sentence)
        lo, hi = sent.at(a.source[0]), sent.at(a.cue[0])
        for k in range(hi - 1, lo - 1, -1):  # "X denied A and said B": "said" is its own act
            if sent.words[k] in _FRAME_STOPS or _is_break(sent.words[k]):
                lo = k + 1
                break
        act = speech_act_verb(sent.words, lo, hi,
                              frozenset({"deny", "dispute", "retract", "acknowledge"}),
                              texts=sent.texts, tags=sent.tags)
        if act is not None:
            base = act
    if base == "assert" and _cues is not None and a.cue is not None and \
            _verb_cue(doc, a, sentences):
        cue_words = [w.strip(":,;.\"“”") for w in doc.body[a.cue[0]:a.cue[1]].split()]
        if any(_cues.lemma(w) in lex.factives for w in cue_words if w) and \
                not _names_or_topic(doc, a, sentences):
            base = "acknowledge"  # "revealed that", "tests prove": the content is given as fact
    content = [w for start, end in a.content for w in sentences.span_words(start, end)]
    if base == "acknowledge" and len(a.content) == 1 and _place_or_time(content):
        base = "assert"  # "court confirmed in Ohio": a place is nothing to acknowledge
    if base == "acknowledge" and a.cue is not None and 0 <= a.sentence < len(doc.sentences) \
            and _hedged_frame(doc, a, sentences.words(a.sentence), lex):
        base = "hedge"  # "video appears to show", "reportedly confirms", "unverified video shows"
    if a.cue is not None and 0 <= a.sentence < len(doc.sentences):
        around = _around_cue(a, base, sentences.words(a.sentence), lex)
        if around is not None:
            return around
    if base == "assert" and a.source is not None:
        source = doc.body[a.source[0]:a.source[1]].lower().split()
        if _hedged(source, 0, len(source), lex, frozenset({"adverb", "rumor"})) or \
                set(source) & {"reports", "rumors", "rumours", "speculation"}:
            base = "hedge"
    stance = _content_stance(base, content, lex, direct=a.kind in ("direct", "mixed"))
    if stance == "assert" and _naming_cue(doc, a) and _rejects_claim(content):
        return "dispute"
    return stance


_NAMING = frozenset({"call", "label", "brand", "dub", "term", "deem"})
"""Verbs whose content is a small clause naming what something is ("calls the claims crazy")."""


def _naming_cue(doc: Document, a: Attribution) -> bool:
    if _cues is None or a.cue is None:
        return False
    words = doc.body[a.cue[0]:a.cue[1]].split()
    return bool(words) and _cues.lemma(words[-1]) in _NAMING


def _rejects_claim(content: list[str]) -> bool:
    """Whether the small clause after a naming verb names a claim and ends in a verdict that
    rejects it ("calls the claims crazy", "labelled the reports absurd"): the speaker disputes
    the claim. Cannot handle: a verdict that is not the last word ("called the claims crazy
    and cruel"), or one after a that-clause ("called claims that he lied absurd" stays an
    assertion: its verdict may belong to the clause)."""
    words = [w for w in content if not _is_break(w) and w not in _QUOTE_MARKS]
    table = lexicons().verdicts
    if len(words) < 2 or table.get(words[-1]) != "verdict":
        return False
    for w in reversed(words[:-1]):
        if w == "that":
            return False
        if table.get(w) == "noun":
            return True
    return False


def _verb_cue(doc: Document, a: Attribution, sentences: SentenceIndex) -> bool:
    """Whether the cue's last token can be a verb: not tagged as a singular noun ("TV show
    tricks", "a find"). The tagger often reads headline verbs as plural nouns ("Video Shows"),
    so a plural tag still counts as a verb."""
    tokens = sentences.span_tokens(*a.cue)
    return not tokens or getattr(tokens[-1], "tag", "") != "NN"


def _place_or_time(content: list[str]) -> bool:
    """Whether a content is only a short place or time phrase ("in Texas", "on Friday", "at
    the polls"): no proposition for an acknowledgement. Cannot handle: a longer one ("in the
    town where she grew up") stays an acknowledgement."""
    return 1 < len(content) <= 4 and content[0] in ("in", "at", "on", "near") and \
        not any(_is_break(w) or w == "that" for w in content)


def _names_or_topic(doc: Document, a: Attribution, sentences: SentenceIndex) -> bool:
    """Whether a factive cue announces a topic or a method rather than presenting a fact:
    "what we know about", "need to know about", "shows how to fold a shirt", "reveals all"
    (an infinitival wh-clause or a bare "all" is no proposition). Cannot handle: a topic
    phrase without "about" ("everything you need to know: ..."), or a noun object that names
    a topic ("reveals her secrets" is read as a fact)."""
    sent = sentences.words(a.sentence)
    lo, hi = sent.index(*a.cue)
    after = sent.words[hi:hi + 2] + [""]
    return after[0] == "about" or after[0] in _WH and after[1] == "to" or (
        after[0] in ("all", "everything") and after[1] not in _DETERMINERS)


def _hedged_frame(doc: Document, a: Attribution, sent: Words, lex: Lexicons) -> bool:
    """Whether a hedge sits in the frame of the statement: between the source and the cue
    ("appears to show", "reportedly confirms") or in the source ("unverified video",
    "purported footage"). Cannot handle: a hedge after the content ("..., sources claim")."""
    lo, hi = sent.index(*a.cue)
    start = sent.at(a.source[0]) if a.source is not None else max(lo - 4, 0)
    start = min(start, lo)
    return _hedged(sent.words, start, hi, lex, frozenset({"modal", "adverb", "verb"}))


def _around_cue(a: Attribution, base: str, sent: Words, lex: Lexicons) -> str | None:
    """Stance fixed by the words around the cue, or ``None`` to read the content.

    Cannot handle: negation far from the cue ("not once in the interview did she deny"),
    or a negated cue whose content is itself denied ("did not deny that he had not ...").
    """
    lo, hi = sent.index(*a.cue)
    if lo >= hi:
        return None
    words = sent.words
    hits = scan(words, max(lo - 5, 0), min(hi + 6, len(words)))
    for table in ("refusals", "referrals", "walkbacks", "questions", "disputes"):
        for s, e, label in hits[table]:
            if (s <= lo < e or s < hi <= e) and label != "counter":
                return label  # "contrary to his claim that": the claim named is no dispute
    if base == "protest":
        return base
    for s, e, label in hits["protests"]:
        if (s <= lo < e or s < hi <= e) and base in ("assert", "hedge"):
            return "protest"
    # the cue's own negation and modality: look back over aux and adverbs to a clause break
    before = []
    i = lo - 1
    while i >= 0 and len(before) < 4 and not _is_break(words[i]):
        before.append(words[i])
        i -= 1
    previous = words[hi - 2] if hi - lo >= 2 else (before[0] if before else "")
    if previous in _BE and (hi >= len(words) or words[hi] != "by") and base in SPEECH_ACTS:
        return "assert"  # a passive without an agent ("was denied a visa") is no speech act
    negated = any(w in lex.negators for w in before) or \
        any(w in lex.negators for w in words[lo:hi])  # "was not asked", "didn't deny"
    if negated:
        if base == "refuse":
            return "assert"
        if base == "question":
            return "assert"
        return "hedge"
    if base not in ("refuse", "refer", "question", "hedge") and \
            any(w in ("may", "might", "could") for w in before[:2]):
        return "hedge"
    return None


_QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»", "‘", "’", "'", "``", "''"})
_SHORT_QUOTE = 12
"""A quote of at most this many words whose first clause is negated reads as a denial ("“We
did not,” she said"); a longer one is a statement that happens to contain a negation."""


def _first_clause_end(words: list[str]) -> int:
    for i, w in enumerate(words):
        if w in (".", "!", "?", ";"):
            return i
    return len(words)


def _content_stance(base: str, content: list[str], lex: Lexicons, direct: bool = False) -> str:
    """Adjust the cue's class by the content. Cannot handle: sarcasm, denials by implication
    ("that never happened" without a negator in the main clause is caught, "pure fantasy" is
    not), or hedges and negation in a clause the speaker reports from someone else."""
    n = len(content)
    hits = scan(content, 0, n)
    if base in ("assert", "hedge", "acknowledge"):
        act = _first_person_act(content, 0, n)
        if act is not None and base != "acknowledge":
            return act
        if hits["refusals"] and base == "assert":
            return "refuse"
        if hits["disputes"] and base == "assert":
            return "dispute"
        false, negated = _falsity(content, 0, n, lex, hits)
        if false and not negated:
            return "deny"
        if false and negated:
            return base if base != "hedge" else "hedge"
    if base == "assert":
        if content and content[-1] == "?" or (n > 1 and content[-2] == "?" and content[-1] in _PUNCT):
            return "question"
        if _hedged(content, 0, n, lex, frozenset({"modal", "adverb"}), hits=hits):
            first_hedge = min(s for s, _, label in hits["hedges"] if label in ("modal", "adverb"))
            if 0 <= _denial_at(content, lex, hits, direct) < first_hedge:
                return "deny"  # "no threats were made over a possible fine": in its scope
            return "hedge"
        if _denies(content, lex, hits, direct):
            return "deny"
    if base == "hedge" and _denies(content, lex, hits, direct):
        return "deny"  # "X claims Y has NOT been arrested": the speaker denies, uncommitted
    return base


def _denies(content: list[str], lex: Lexicons, hits: Hits, direct: bool) -> bool:
    """Whether the content's first sentence is negated in its main clause, and the content is
    indirect speech or a short quote (see ``_SHORT_QUOTE``). Cannot handle: a denial that
    comes after a preamble ("As we have said many times, we did not ..." reads as assert)."""
    return _denial_at(content, lex, hits, direct) >= 0


def _denial_at(content: list[str], lex: Lexicons, hits: Hits, direct: bool) -> int:
    """Index of the negator that makes the content a denial (see ``_denies``), or -1."""
    words = sum(1 for w in content if w not in _QUOTE_MARKS and not _is_break(w))
    if direct and words > _SHORT_QUOTE:
        return -1
    return negated_at(content, 0, _first_clause_end(content), lex, hits=hits)


# --- sentence stance ------------------------------------------------------------------------

def sentence_stances(doc: Document, attributions: list[Attribution],
                     stances: dict[str, str]) -> list[str]:
    """The stance of each sentence: the stance of the attribution whose content covers at least
    half of it (its speaker speaks the sentence), else the narration's stance."""
    sentences = SentenceIndex.of(doc)
    covered: dict[int, tuple[int, str]] = {}
    masks: dict[int, list[tuple[int, int]]] = {}
    attributed = {a.sentence for a in attributions}
    for a in attributions:
        spans = list(a.content)
        for start, end in a.content:
            for i in sentences.containing(start, end):
                s, e = doc.sentences[i]
                overlap = min(e, end) - max(s, start)
                if overlap > 0 and overlap * 2 >= e - s and overlap > covered.get(i, (0, ""))[0]:
                    covered[i] = (overlap, stances.get(a.id, "assert"))
        for start, end in spans:
            for i in sentences.containing(start, end):
                masks.setdefault(i, []).append((start, end))
    result = []
    for i in range(len(doc.sentences)):
        if i in covered:
            result.append(covered[i][1])
            continue
        result.append(narration_stance(sentences.words(i), masks.get(i, []),
                                       has_attribution=i in attributed or i in masks))
    for i in range(len(result) - 1):
        if result[i] != "question" or i in covered or not _answered(doc, i):
            continue
        reply = _credited_reply(doc, [a for a in attributions if a.sentence == i + 1], stances)
        if reply is not None:
            result[i] = reply
        elif result[i + 1] in _ANSWER_STANCES and i + 1 not in attributed \
                and i + 1 not in covered:
            result[i] = result[i + 1]
    return result


def _credited_reply(doc: Document, statements: list[Attribution],
                    stances: dict[str, str]) -> str | None:
    """The stance of a sentence's only statement when it is a bare reply word credited to
    someone ("No, says the commissioner", "The mayor says no"), else ``None``. Such a reply
    answers a teaser question before it as "Probably not, says X" (no statement found)
    already does: the writer puts the question and the named answer side by side ("League
    expansion ahead? No, ..."), unlike "X dead? Fans say he ..." that reports a claim and leaves
    the question open."""
    if len(statements) != 1 or len(statements[0].content) != 1:
        return None
    start, end = statements[0].content[0]
    reply = doc.body[start:end].strip(" ,.!:;\"'‘’“”").lower().replace("’", "'")
    return stances.get(statements[0].id) if reply in _REPLY_WORDS else None


_REPLY_WORDS = frozenset({"no", "nope", "yes", "yep", "not so", "not true", "true", "false"})


_ANSWER_STANCES = frozenset({"assert", "deny", "dispute", "hedge", "acknowledge"})


def _answered(doc: Document, i: int) -> bool:
    """Whether the question in sentence ``i`` is a teaser its writer answers at once: a short
    question ("X dead?", "Is the tortoise the oldest?") followed on the same line by a
    statement of at least three words in the narrator's voice, or by a short reply ("Probably
    not", "It's real", "Yes"). The pair says what the answer says ("X dead? Hoax goes viral"
    denies); an answer someone else gives ("X dead? Fans say ...") leaves the question open,
    unless it is a bare reply word credited to someone ("X? No, says Y": see
    ``_credited_reply``).
    A question about something pointed at ("Is this X?", "Has this woman ...?") stays open:
    it points at a picture or video, and what follows describes that, it does not answer.
    Cannot handle: a question answered only later in the text, or a rhetorical question whose
    answer is ironic ("X stolen? Good one")."""
    (s, e), (s2, e2) = doc.sentences[i], doc.sentences[i + 1]
    text = doc.body
    question = text[s:e].rstrip()
    answer = text[s2:e2].rstrip()
    words = answer.split()
    asked = question.lower().split()
    if len(asked) > 1 and asked[0] in _AUXILIARIES and asked[1] in _DEMONSTRATIVES:
        return False
    return question.endswith("?") and "\n" not in text[e:s2] and len(asked) <= 25 \
        and not answer.endswith("?") and (len(words) >= 3 or (
            bool(words) and words[0].lower().replace("’", "'") in _SHORT_REPLIES)) \
        and not _announces_reply(words)


def _announces_reply(words: list[str]) -> bool:
    """Whether a would-be answer only announces that someone answers: it ends in a neutral
    speech verb with nothing said after it ("Was the goalkeeper asleep? An angry coach
    explains", "... Experts respond"). The answer is in the article, not the headline,
    so the question stays open; so does a final "answer" or "reply", which the cue lexicon
    knows as verbs ("... All eyes on her reply").
    Verbs that carry a verdict ("Family confirms", "Agent denies") do answer and are not
    counted. An answer that reports the question as disputed ("Ghost or trick? New photo
    sparks debate") leaves it open as well. Cannot handle: a disputed answer that also gives a
    verdict ("X dead? Hoax sparks debate" stays open)."""
    if not words or _cues is None:
        return False
    bare = [w.strip(".,!:;\"'‘’“”").lower() for w in words[-3:]]
    if bare[-1] in _OPEN_NOUNS and any(w in _STIRRED for w in bare[:-1]):
        return True
    entry = _cues.lookup_word(bare[-1], "verb")
    if entry is None and len(bare) > 1:
        entry = _cues.match_phrase(bare[-2:], 0)
        if entry is not None and len(entry.words) != 2:
            entry = None
    return entry is not None and entry.cls == "assert"


_OPEN_NOUNS = frozenset({"debate", "speculation", "controversy"})
_STIRRED = frozenset({"sparks", "sparked", "fuels", "fuelled", "fueled", "triggers", "triggered",
                      "reignites", "stirs", "ignites", "prompts"})
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})
_SHORT_REPLIES = frozenset({"no", "nope", "not", "yes", "yep", "probably", "definitely", "maybe",
                            "it's", "absolutely"})


def narration_stance(sent: Words, masked: list[tuple[int, int]] = (),
                     has_attribution: bool = False) -> str:
    """The stance of the narrator in one sentence, reading only the words outside attributed
    content (``masked``): the source and cue are the narrator's framing ("has struggled to
    assert" hedges).

    Order: refusal, referral, protest and walk-back formulas (not bare protest verbs: the
    narrator reporting a condemnation asserts it); falsity words (unless negated: "no hoax";
    in an either-or question they question: "real or hoax?"); a "No," rebuttal; rejection
    phrases (dispute); a denial or retraction verb the attribution stage did not take
    ("Rebels Deny ..."); hedges; a headline source tag ("...: Report"); yes-no questions (an open
    question presupposes its proposition: see ``_open_question``); main-clause
    negation with "not"/"never" (a denial: "X has NOT been arrested"); a "says" the
    attribution stage did not take (hedge); else ``assert``. Cannot handle: a plain negative
    fact is read as a denial ("the bridge did not reopen"), irony, and headlines whose stance
    needs the claim they answer ("Carrier says you can keep your old plan").
    """
    lex = lexicons()
    words, texts, tags = sent.words, sent.texts, sent.tags
    if masked:
        keep = [i for i in range(len(words))
                if not any(s <= sent.starts[i] and sent.ends[i] <= e for s, e in masked)]
        words = [words[i] for i in keep]
        texts = [texts[i] for i in keep]
        tags = [tags[i] for i in keep]
    n = len(words)
    hits = scan(words, 0, n)
    for table in ("refusals", "referrals", "protests", "walkbacks"):
        for _, _, label in hits[table]:
            if label != "protest_verb":
                return label
    false, negated = _falsity(words, 0, n, lex, hits, tags)
    if false and not negated:
        if "?" in words and "or" in words:
            return "question"
        return "deny"
    if n > 1 and words[0] in ("no", "nope") and words[1] in (",", ".", "!", ":"):
        return "deny"
    if hits["disputes"]:
        return "dispute"
    if not has_attribution:
        act = speech_act_verb(words, texts=texts, tags=tags)
        if act is not None:
            return act
    main = _guessed_tail(words, texts, tags, hits)
    if main == n and _hedged(words, 0, n, lex, hits=hits):
        k = negated_at(words, 0, n, lex, verbal_only=True, hits=hits)
        if k > 0 and not negated and set(words[max(k - 2, 0):k]) & _PROBABLY:
            return "deny"  # "probably not", "apparently not": a hedged denial still denies
        return "hedge"
    if not has_attribution and source_tag(words, texts, lex):
        return "hedge"  # a credited headline the attribution stage did not take
    if _question(words, 0, n, lex, hits) and not _open_question(words):
        return "question"
    if negated_at(words, 0, main, lex, verbal_only=True, hits=hits) >= 0 and not negated:
        return "deny"
    if not has_attribution and _says(words):
        return "hedge"  # "Analyst Says The Watch Is Coming": reported, not asserted
    return "assert"


def _guessed_tail(words: list[str], texts: list[str], tags: list[str], hits: Hits) -> int:
    """Where a verb phrase that only guesses starts: the sentence's only hedges are modals, and
    the first one opens a verb phrase coordinated after a first clause that has a verb and
    shares its subject ("Striker injured in training, may never play again", "Carmaker cutting
    costs, could be planning a cheaper model", "Bridge shut for repairs, but may reopen soon").
    The sentence asserts its first clause; the guess, and any negation in it, is not the
    narrator's stance. The first clause must be one plain clause: after an insert ("The mayor,
    who has ..., may", "Protests, if they grow, could") the modal is the main verb.
    ``len(words)`` when there is no such phrase. Cannot handle: a first clause that is only a
    label ("Storm season, ferries might stop" stays hedged: it has no verb), or a guess with a
    subject of its own ("..., fish could set record")."""
    n = len(words)
    hedges = hits["hedges"]
    if not hedges or any(label != "modal" for _, _, label in hedges):
        return n
    b = min(s for s, _, _ in hedges) - 1
    if b > 0 and words[b] in ("but", "and") and texts[b].lower() == words[b]:
        if words[b - 1] == ",":  # ", but may", "and may": one subject
            b -= 1
    elif b <= 0 or words[b] not in _COORD_BREAKS:
        return n
    head = words[:b]
    if head[0] in _SUBORDINATORS or any(w in _COORD_BREAKS or w in _RELATIVES for w in head) or \
            _verbless(tags[:b]):
        return n  # "The mayor, who has ..., may ...": the modal is the main verb after an insert
    return b


_COORD_BREAKS = frozenset({",", ";", "—", "–", "--"})
_RELATIVES = frozenset({"who", "whom", "whose", "which", "that"})
_SUBORDINATORS = frozenset({"if", "although", "though", "while", "when", "because", "as", "since",
                            "unless", "whether", "after", "before", "once", "until", "where"})


def _open_question(words: list[str]) -> bool:
    """Whether the sentence's only question leaves no proposition open: a how- or why-question
    ("How did the truck end up in Syria?" presupposes that it did), or any wh-question after a
    statement of its own ("X didn't do Y, so what did she do?" does not question the
    statement). A yes-no question ("Did the truck end up in Syria?") leaves its proposition
    open, and so does a what- or who-question on its own ("What is her view?": it may ask for
    the very thing the sentence is about). Cannot handle: a how-question about the claim
    itself ("How true is X?"), echo questions ("He did what?")."""
    if words.count("?") != 1:
        return False
    for j in range(words.index("?") - 1, -1, -1):
        word = words[j]
        if _is_break(word):
            return False
        wh = word[:-2] if word.endswith("'s") else word
        if wh in _WH and (j == 0 or words[j - 1] in _CLAUSE_LINKS or _is_break(words[j - 1])):
            following = words[j + 1] if j + 1 < len(words) else ""
            if not (word.endswith("'s") or following in _AUXILIARIES or following == "'s"):
                return False
            return wh in ("how", "why") or sum(w.isalpha() for w in words[:j]) >= 3
    return False


_WH = frozenset({"how", "why", "what", "who", "where", "when", "which"})
_CLAUSE_LINKS = frozenset({"so", "but", "and", "then", "or"})

_COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "'s"})


def _predicative(words: list[str], lo: int, at: int) -> bool:
    """Whether ``words[at]`` opens a predicate after a copula, with at most an article or an
    -ly adverb between ("is fake", "is a fake", "is probably fabricated")."""
    k = at - 1
    if k >= lo and (words[k] in ("a", "an", "total", "complete") or words[k].endswith("ly")):
        k -= 1
    return k >= lo and words[k] in _COPULAS

_PROBABLY = frozenset({"probably", "apparently", "likely", "possibly", "perhaps", "maybe",
                       "seemingly", "almost", "definitely", "most"})
"""Adverbs of likelihood that may come right before a negator ("probably not")."""

_NOT_FINITE = frozenset({"to", "the", "a", "an", "not", "will", "would", "may", "might", "could",
                         "can", "should", "must", "shall", "did", "does", "do", "no", "his", "her",
                         "its", "their", "our", "my", "your", "this", "that"})


def speech_act_verb(words: list[str], lo: int = 0, hi: int | None = None,
                    classes: frozenset[str] = frozenset({"deny", "dispute", "retract"}),
                    strength: float = 0.8, texts: list[str] | None = None,
                    tags: list[str] | None = None) -> str | None:
    """The class of the first strong speech-act verb ("denies", "Rebels Deny", "retracts") in
    ``words[lo:hi]``. A base form counts unless an infinitive marker, modal, negator or
    determiner comes right before it ("to deny", "did not deny", "a denial"), or, given the
    token ``texts`` and ``tags``, the tagger reads it as a lower-case common noun ("a pay
    dispute"; in title case and capitals the tagger often reads verbs as nouns: "Iraq Denies",
    "doctor DENIES"). Cannot handle: the verb used in another sense ("the visa was denied"
    reads as a denial)."""
    if _cues is None:
        return None
    hi = len(words) if hi is None else hi
    for i in range(lo, hi):
        word = words[i]
        if not word.isalpha() or len(word) < 4 or (i > 0 and words[i - 1] in _NOT_FINITE):
            continue
        entry = _VERB_ENTRY.get(word, False)
        if entry is False:
            entry = _VERB_ENTRY[word] = _cues.lookup_word(word, "verb")
        if entry is not None and entry.cls in classes and entry.strength >= strength and not (
                tags is not None and _common_noun(i, texts, tags)):
            return entry.cls
    return None


_VERB_ENTRY: dict = {}


def _common_noun(i: int, texts: list[str], tags: list[str]) -> bool:
    """Whether the tagger reads word ``i`` as a lower-case common noun inside a noun phrase
    (after a determiner, adjective, noun, possessive, number or preposition: "a pay dispute",
    "over a greeting dispute"). After an adverb or a dash the tag is less sure ("did - deftly -
    contradict")."""
    return tags[i] in ("NN", "NNS") and texts[i].islower() and i > 0 and \
        tags[i - 1] in _NOUN_PHRASE_TAGS


_NOUN_PHRASE_TAGS = frozenset({"DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS",
                               "PRP$", "POS", "CD", "IN", "VBG", "VBN", "VB"})


def _says(words: list[str]) -> bool:
    """A finite "says"/"said", or a verb of belief or prediction ("People Think X Has Joined",
    "Rebels fear", "Analyst Predicts", "Bank sees sales of ..."), the attribution stage did not
    take: the sentence reports someone's words or beliefs. Cannot handle: other reporting verbs ("claims" is a
    hedge already; "tells", "adds" are left as asserts); a noun read as a verb after a
    name-like word ("Russian fears")."""
    return any(w in _REPORTS and i > 0 and words[i - 1] not in _NOT_FINITE
               and words[i - 1] not in _NOT_SUBJECT
               for i, w in enumerate(words))


_REPORTS = frozenset({"says", "said", "think", "thinks", "believe", "believes", "fear",
                      "predicts", "predict", "reporting", "sees", "forecasts", "forecast",
                      "expects", "estimates", "pegs", "projects"})
_NOT_SUBJECT = frozenset({"is", "was", "be", "been", "being", "in", "of", "for", "amid", "with",
                          "on", "at", "by", "from", "and", "intense", "growing", "new"})


_TAG_BREAKS = frozenset({":", "-", "--", "—", "–", "|"})


def source_tag(words: list[str], texts: list[str], lex: Lexicons | None = None) -> bool:
    """Whether a headline credits its claim in a short tag: "Officials: ...", "...: Report",
    "... - sources", "...: WSJ" (a trailing acronym), "... REPORT". Cannot handle: tags
    that are plain names ("Jane Doe: ..."), which read like topic labels ("Giant squid: ...")."""
    lex = lex or lexicons()
    n = len(words)
    for i in range(min(n, 6)):
        if words[i] == ":":
            if 0 < i <= 4 and any(w in lex.source_tags for w in words[:i]):
                return True
            break
    for i in range(n - 1, max(n - 7, 0), -1):
        if words[i] in _TAG_BREAKS or (words[i] == "," and i < n - 1 and words[-1] in ("says", "say")):
            tail = [w for w in words[i + 1:] if w not in (".", "!")]
            if 0 < len(tail) <= 4 and (any(w in lex.source_tags for w in tail) or (
                    len(tail) == 1 and texts[i + 1].isupper() and 2 <= len(texts[i + 1]) <= 5)):
                return True
            break
    last = n - 1
    while last > 0 and words[last] in (".", "!"):
        last -= 1
    return n > 2 and words[last] in ("report", "reports") and texts[last].isupper()
