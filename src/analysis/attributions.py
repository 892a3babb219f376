"""Attributions: who said what, as source, cue and content spans of the article body.

Rules over the tokens (and their Penn tags when the tagger has set them), the quotations of
``quotes.py`` and the cue lexicon of ``cues.py``, after the PolNeAR annotation guidelines
(Newell, Margolin and Ruths, LREC 2018): an attribution is a source, one contiguous cue and
some content; a nested attribution (a speech cue with its own subject inside the unquoted
content of another) counts as well as the outer one; quote marks belong to the content; a
continuation quote belongs to the attribution before it.

Patterns, in the order they are tried:

1. Post-posed cues, outermost first: ``CONTENT, SOURCE said.``, ``CONTENT, said SOURCE.``,
   ``"Q1," he said, "Q2."`` (two content fragments), ``CONTENT, according to SOURCE.``.
2. Pre-posed cues: ``SOURCE [aux/adv] CUE [recipient] [that|:|,] CONTENT`` (indirect, mixed
   or direct depending on the quote marks in the content), ``According to SOURCE, CONTENT``,
   passives (``It was reported that ...``: no source; ``... was denied by SOURCE``),
   ``SOURCE's CUE-NOUN that CONTENT``, a cue that starts its sentence with the source in the
   sentence before (``Kirby spoke ... said“We ...”``).
3. Noun cues with a possessor (``Trump's claim that ...``, ``her warning: ...``); press-release
   forms: ``"QUOTE" - Name`` (the dash is the cue) and ``... from NAME:`` or ``NAME:`` before a
   quotation (the colon is the cue); speaker labels opening a sentence (``Hartley: Police
   chief acted as ...``, transcripts).
4. Quotations no rule took: a quote in the sentence or paragraph after an attribution is a
   continuation fragment of it; any other quote that reads as speech (several words, not a
   scare quote, a nickname or a title) becomes an attribution with no cue and no source.

``confidence`` multiplies the cue's lexicon strength by the pattern's reliability (a cue next
to a quotation > an indirect cue > a bare quote), lowers it when the source is missing or
borrowed from another clause, and when a quotation's marks do not balance; on PolNeAR train
the share of correct attributions rises from about 0.3 at confidence 0.2 to 0.95 at 1.0.

What the rules cannot do: find a source that is not next to its cue (a clause or more away,
except for the sentence-initial cue above); tell an action from an intention without a parse
(``plans`` as noun or verb when untagged); bound content that the author continues without a
quote mark; resolve ``who``/``which`` (the relative pronoun itself is the source, as the
guidelines ask).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .cues import CueEntry, match_phrase, readings
from .document import Document
from .names import lexicon as _names, strip_possessive
from .quotes import ALL_QUOTES, DOUBLE, Quote, find_quotes, paragraph_spans
from .sentences import is_title_case
from .tokens import Token

Span = tuple[int, int]

KINDS = ("direct", "mixed", "indirect", "according_to", "other")


@dataclass(frozen=True)
class Attribution:
    id: str
    source: Span | None
    cue: Span | None
    content: tuple[Span, ...]
    kind: str
    confidence: float
    sentence: int
    """Index of the sentence that holds the cue (or the content when there is no cue)."""
    cue_lemma: str | None = None
    """The cue's lexicon entry (``say``, ``according to``, ``statement``), for stance."""


# ---------------------------------------------------------------------------------------------
# closed word classes (English grammar, not corpus-derived)

DETERMINERS = frozenset(
    "the a an this that these those his her their its our my your some any each every no "
    "another such".split())
POSSESSIVES = frozenset("his her their its our my your whose".split())
AUXILIARIES = frozenset(
    "is was were are be been being am has have had having do does did will would could should "
    "may might must can shall 's 're 've 'd ’s ’re ’ve ’d wo ca".split())
NEGATIONS = frozenset("not n't n’t never".split())
VERB_GROUP_ADVERBS = frozenset(
    "also still already repeatedly previously later then again often even only just now "
    "recently long once first initially further flatly privately publicly reportedly "
    "apparently allegedly since ever always subsequently earlier since quickly simply "
    "immediately essentially effectively reportedly actually openly".split())
SUBJECT_PRONOUNS = frozenset("i we you he she they it".split())
FIRST_PERSON = frozenset(("i", "we"))
OBJECT_PRONOUNS = frozenset("me us you him her them it".split())
RELATIVES = frozenset("who which that".split())
CLAUSE_BREAKS = frozenset(
    "that because while when whereas although though if since after before so unless until "
    "whether where ; : ( ) [ ] — – -- ― how why what".split())
PREPOSITIONS = frozenset(
    "in on at by for from with about during after before over under to into through via "
    "since despite amid among against of as per upon within without toward towards aboard "
    "outside inside near across beside following including regarding ahead".split())
INTRO_WORDS = PREPOSITIONS | frozenset(
    "however meanwhile still yet but and so also instead moreover indeed later earlier then "
    "now today yesterday tonight monday tuesday wednesday thursday friday saturday sunday "
    "last next this when while after before separately similarly asked speaking".split())
TIME_WORDS = frozenset(
    "today yesterday tonight monday tuesday wednesday thursday friday saturday sunday "
    "morning afternoon evening night week month year earlier later recently last".split())
MANNER_NOUNS = frozenset(
    "statement statements interview interviews email e-mail emails call calls briefing "
    "conference appearance speech remarks rally tweet tweets post posts letter hearing debate "
    "release twitter facebook instagram telephone phone video message memo note op-ed "
    "testimony press news television tv radio podcast column report town meeting event "
    "session filing court response reply answer".split())
RECIPIENT_VERBS = frozenset(
    "tell inform assure reassure remind notify advise urge ask warn brief caution promise "
    "write".split())
INFINITIVE_VERBS = frozenset(
    "want plan intend hope promise pledge vow refuse decline seek aim agree threaten expect "
    "wish prefer ask urge call tell order instruct advise decide vote appear seem "
    "purport claim".split())
SPEECH_PARTICIPLES = frozenset(
    "saying adding noting arguing claiming insisting warning explaining stressing "
    "asserting suggesting calling charging accusing denying admitting acknowledging "
    "conceding telling writing pointing declaring contending stating".split())
SCARE_MARKERS = frozenset(
    "so-called called dubbed named nicknamed titled entitled term word label phrase "
    "known branded billed by as".split())
SENTENCE_END = frozenset(".!?")
DASHES = frozenset("-–—―")
EMPTY_SUBJECTS = frozenset(("it", "there"))
MIN_STRENGTH = 0.5
"""Cues weaker than this (``see``, ``find``, ``like``) need a clear complement (that,
whether, a quote, a colon) to count."""


# ---------------------------------------------------------------------------------------------
# the document as flat token arrays


class _Text:
    """Flat token view of a ``Document``: parallel lists indexed by token number."""

    def __init__(self, doc: Document):
        self.body = doc.body
        self.toks: list[Token] = []
        self.doc_sent: list[int] = []
        for k, sentence_tokens in enumerate(doc.tokens):
            self.toks.extend(sentence_tokens)
            self.doc_sent.extend([k] * len(sentence_tokens))
        # clause-level sentences: a sentence that ends in a title abbreviation ("Mr.") or an
        # initial ("J.") goes on in the next one, whatever the splitter did
        self.sent: list[int] = []
        self.sent_first: list[int] = []
        self.sent_end: list[int] = []
        start = 0
        for k, sentence_tokens in enumerate(doc.tokens):
            end = start + len(sentence_tokens)
            if not sentence_tokens:
                continue
            if self.sent_end and self.sent_end[-1] == start and _ends_in_abbreviation(self.toks, start):
                self.sent_end[-1] = end
            else:
                self.sent_first.append(start)
                self.sent_end.append(end)
            self.sent.extend([len(self.sent_first) - 1] * len(sentence_tokens))
            start = end
        self.low = [t.text.lower() for t in self.toks]
        self.starts = [t.start for t in self.toks]
        self.ends = [t.end for t in self.toks]
        self.tagged = any(t.tag for t in self.toks)
        self.paras = paragraph_spans(self.body)
        self.para_starts = [s for s, _ in self.paras]
        self.quotes = find_quotes(self.body, self.paras)
        self.in_quote = self._quote_index()
        self.claimed = [False] * len(self.toks)
        """Token already in some attribution (source, cue or content)."""
        self._title: dict[int, bool] = {}

    def title_case(self, s: int) -> bool:
        """Whether clause-level sentence ``s`` is written in title case (a headline)."""
        if s not in self._title:
            toks = self.toks[self.sent_first[s]:self.sent_end[s]]
            self._title[s] = is_title_case(t.text for t in toks)
        return self._title[s]

    def _quote_index(self) -> list[int]:
        """For each token, the index of the quotation holding it (-1 outside quotes)."""
        out = [-1] * len(self.toks)
        starts = self.starts
        for q, quote in enumerate(self.quotes):
            i = bisect_left(starts, quote.start)
            toks = self.toks
            while i < len(toks) and toks[i].end <= quote.end:
                out[i] = q
                i += 1
        return out

    def para_of(self, pos: int) -> int:
        return max(0, bisect_right(self.para_starts, pos) - 1)

    def is_cap(self, i: int) -> bool:
        text = self.toks[i].text
        return text[:1].isupper()

    def is_word(self, i: int) -> bool:
        return self.toks[i].text[:1].isalnum()

    def is_quote_mark(self, i: int) -> bool:
        text = self.toks[i].text
        return (len(text) == 1 and text in ALL_QUOTES) or text in ("''", "``")

    def tag(self, i: int) -> str:
        return self.toks[i].tag

    def span(self, first: int, last: int) -> Span:
        """Character span of tokens ``first..last`` (inclusive)."""
        return self.toks[first].start, self.toks[last].end


TITLE_ABBREVIATIONS = frozenset(
    "mr mrs ms dr sen rep gov gen lt col maj sgt capt adm cmdr st prof rev hon pres gens sens "
    "reps messrs amb supt det insp jan feb aug sept oct nov dec".split())


def _ends_in_abbreviation(toks: list[Token], start: int) -> bool:
    """Whether the tokens before ``start`` end with ``Mr .`` or an initial ``J .``."""
    if start < 2 or toks[start - 1].text != ".":
        return False
    word = toks[start - 2].text
    return word.lower() in TITLE_ABBREVIATIONS or (len(word) == 1 and word.isupper())


@dataclass
class _Found:
    source: Span | None
    cue: Span | None
    content: list[Span]
    entry: CueEntry | None
    sentence: int
    confidence: float
    kind: str = ""
    tokens: tuple[int, int] = (0, 0)
    """Token range (first, last) of the cue, for ordering and claiming."""


# ---------------------------------------------------------------------------------------------
# public entry point


def find_attributions(doc: Document) -> list[Attribution]:
    """Every attribution of the article, in body order (see the module docstring)."""
    if not any(doc.tokens):
        return []
    tx = _Text(doc)
    found: list[_Found] = []
    cues = _cue_candidates(tx)
    done = [False] * len(cues)
    for n, c in enumerate(cues):
        if not tx.claimed[c[1]]:
            f = _post_posed(tx, c)
            if f is not None:
                _add(tx, found, f)
                done[n] = True
    for n, c in enumerate(cues):
        if not done[n] and not tx.claimed[c[1]]:
            _add(tx, found, _pre_posed(tx, c, found))
    _nested(tx, cues, found)
    _noun_cues(tx, found)
    _press_release_forms(tx, found)
    _speaker_labels(tx, found)
    _leftover_quotes(tx, found)
    return _finish(tx, found)


# ---------------------------------------------------------------------------------------------
# cues

def _nested(tx: _Text, cues: list["_Cue"], found: list[_Found]) -> None:
    """``Aides said Smith told donors that ...``: a cue inside the (unquoted) content of another
    attribution, with its own subject right before it, is an attribution too (the guidelines
    annotate nested attributions). Only the source and cue of earlier attributions block it."""
    core = [False] * len(tx.toks)
    for f in found:
        for a, b in ([f.source] if f.source else []) + ([f.cue] if f.cue else []):
            for m in range(_first_token_from(tx, a), _last_token_before(tx, b) + 1):
                core[m] = True
    inner = [c for c in cues if tx.claimed[c[1]] and not core[c[1]] and tx.in_quote[c[1]] < 0
             and c[0].strength >= MIN_STRENGTH and c[0].cue in _NESTED_CUES]
    if not inner:
        return
    outer, tx.claimed = tx.claimed, core
    for c in inner:
        if tx.claimed[c[1]]:
            continue
        f = _pre_posed(tx, c, found)
        if f is None or f.source is None:
            continue
        a, b = _first_token_from(tx, f.source[0]), _last_token_before(tx, f.source[1])
        if tx.sent[a] != tx.sent[c[1]]:
            continue
        while a <= b and (core[a] or not tx.is_word(a)):
            a += 1  # "said Smith told": the outer cue is no part of the inner source
        if a <= b and not any(core[m] for m in range(a, b + 1)):
            f.source = tx.span(a, b)
            _add(tx, found, f)
    tx.claimed = [a or b for a, b in zip(outer, tx.claimed)]


_NESTED_CUES = frozenset("say tell add argue claim insist warn note explain write acknowledge admit "
                         "concede contend assert suggest predict call deny".split())


_Cue = tuple[CueEntry, int, int]
"""(entry, first token, last token) of a cue candidate."""


def _cue_candidates(tx: _Text) -> list[_Cue]:
    out: list[_Cue] = []
    low = tx.low
    i = 0
    in_quote = tx.in_quote
    candidates = [m for m, w in enumerate(low) if w in _CANDIDATE_WORDS and in_quote[m] < 0]
    for i in candidates:
        if out and out[-1][2] >= i:
            continue  # inside a phrase already taken
        phrase = match_phrase(low, i) if low[i] in _PHRASE_HEADS else None
        if phrase is not None and phrase.pos != "noun" and _phrase_ok(tx, i, phrase):
            last = i + len(phrase.words) - 1
            if tx.sent[last] == tx.sent[i]:
                out.append((phrase, i, last))
                continue
        verb, _ = readings(low[i])
        if verb is not None and _is_verb(tx, i, verb):
            out.append((verb, i, i))
    return out


def _phrase_heads() -> frozenset[str]:
    from .cues import load_cues

    lex = load_cues()
    heads = set(lex.phrases)
    heads.update(form for form, lem in lex.forms.items() if lem in lex.phrases)
    return frozenset(heads)


_PHRASE_HEADS = _phrase_heads()


def _cue_words() -> tuple[frozenset[str], frozenset[str]]:
    """Every word form with a verb reading, and every form with a noun reading."""
    from .cues import load_cues

    lex = load_cues()
    words = set(lex.forms) | {cue for cue, _ in lex.entries if " " not in cue}
    verbs = frozenset(w for w in words if readings(w)[0] is not None)
    nouns = frozenset(w for w in words if readings(w)[1] is not None)
    return verbs, nouns


_VERB_WORDS, _NOUN_WORDS = _cue_words()
_CANDIDATE_WORDS = _VERB_WORDS | _PHRASE_HEADS
_NOUN_TOO = frozenset(
    "report reports claim claims call calls plan plans support supports view views comment "
    "comments question questions answer answers state states post posts release releases "
    "order orders hope hopes fear fears promise promises note notes warning warnings "
    "concern concerns estimate estimates study studies vote votes ruling rulings charge "
    "charges praise blame demand demands pledge pledges vow vows doubt doubts guess "
    "proposal request requests blast blasts suspect suspects".split())
_HEDGE_ADVERBS = frozenset(("reportedly", "allegedly", "supposedly"))


def _phrase_ok(tx: _Text, i: int, phrase: CueEntry) -> bool:
    if phrase.cue == "according to":
        return True
    if phrase.cue in _HEDGE_ADVERBS:
        return False  # adverbs hedge a sentence; they make no attribution of their own
    if phrase.words[0] in ("in", "no", "did", "said", "declined", "refused", "demand"):
        return True
    return _is_verb(tx, i, phrase)


_QUANTITIES = frozenset(
    "half third quarter fifth majority minority percent most many few several some all both "
    "others".split())
"""Subjects that take a plural verb without a plural ending (``a third say``, ``most say``)."""


def _is_verb(tx: _Text, i: int, entry: CueEntry) -> bool:
    """Whether the token at ``i`` is used as a verb: its tag when tagged; untagged, from its
    form and its left neighbour (a determiner or possessive makes it a noun, a pronoun, an
    auxiliary or a name before it a verb). A capital mid-sentence marks a name, except on a
    speech verb's -s form in a title-case headline (``Iraq Says U.S. Did Not Warn It``,
    ``Apple Denies Report``), which the tagger often takes for a proper noun. A base form
    tagged as a verb between a noun and a finite verb is the head of a compound subject
    (``The jobs report gives ...``, ``TV show tricks ...``). Cannot handle:
    other verbs there (``Obama Orders Probe``), left to the tagger; a name that looks like
    such a verb (``Lucy Says``) in a title-case line."""
    tag = tx.tag(i)
    low = tx.low[i]
    same = i > 0 and tx.sent[i - 1] == tx.sent[i]
    prev = tx.low[i - 1] if same else ""
    if prev in DETERMINERS or prev in POSSESSIVES or (same and tx.tag(i - 1) == "POS") or (
            prev.endswith(("'s", "’s")) and prev not in AUXILIARIES):
        return False
    nxt = tx.low[i + 1] if i + 1 < len(tx.low) and tx.sent[i + 1] == tx.sent[i] else ""
    unambiguous = readings(low)[1] is None and low not in _NOUN_TOO
    if tag in ("VB", "VBP") and nxt and tx.tag(i + 1) in ("VBZ", "VBD") and nxt not in AUXILIARIES and \
            tx.tag(i - 1).startswith("NN"):
        return False  # "TV show tricks viewers": a compound's noun before the finite verb
    if tag and not unambiguous:
        # a form that is also a noun ("report", "claims", "call"): trust the tagger, but
        # "O'Keefe notes." / "the AP reports," (a sentence-final -s form after a name) is a verb
        if tag.startswith("VB"):
            return True
        return tag in ("NNS", "NNPS") and low.endswith("s") and tx.tag(i - 1) in ("NNP", "PRP") \
            and (nxt in SENTENCE_END or nxt == ",") and same
    if tag and tag in ("IN", "DT", "CC", "TO") and low in ("like", "that", "as"):
        return False
    if tag.startswith("VB"):
        return True
    if low.endswith("ing") and prev in PREPOSITIONS and prev != "to":
        return False  # "for saying", "by denying": nested in another attribution
    if tx.is_cap(i) and same and not (prev in (",",) or tx.is_quote_mark(i - 1)) and not (
            low.endswith("s") and low != entry.words[0] and entry.cue in _NESTED_CUES
            and tx.title_case(tx.sent[i])):
        return False  # capitalised mid-sentence: a name ("Said Kirby" only after a quote)
    if nxt in AUXILIARIES and nxt not in ("'s", "’s"):
        return False  # "the report was": a subject noun
    if readings(low)[1] is None and low not in _NOUN_TOO and low != entry.words[0]:
        return True  # "says", "denied", "told": no noun reading
    if low == entry.words[0] and entry.pos != "phrase" or low.endswith("s") and not low.endswith("ss"):
        # base or -s form, also a noun ("report", "claims", "plans"): need a verbal left side
        if not prev or prev in (",", "and", "who", "that", "which") or tx.is_quote_mark(i - 1):
            return True
        if prev in SUBJECT_PRONOUNS or prev in AUXILIARIES or prev in NEGATIONS or prev == "to" \
                or prev in VERB_GROUP_ADVERBS or prev.endswith("ly"):
            return True
        plural = prev.endswith("s") and not prev.endswith(("ss", "us", "is")) or prev in _QUANTITIES
        if tx.is_cap(i - 1) or plural or prev[:1].isdigit() or tx.tag(i - 1).startswith(("NN", "CD")):
            # "Trump claims that", "officials say": the next word should open the content
            if readings(low)[1] is None and low not in _NOUN_TOO:
                return True
            return nxt in ("that", "to", ",", ":", "it", "the", "a", "he", "she", "they", "we", "i",
                           "there", "this", "his", "her", "their") or (
                i + 1 < len(tx.low) and (tx.is_cap(i + 1) or tx.is_quote_mark(i + 1)))
        return False
    return True


# ---------------------------------------------------------------------------------------------
# verb group, source and content helpers


def _verb_group(tx: _Text, first: int, last: int) -> tuple[int, int]:
    """Extend the cue over its auxiliaries, negation and adverbs (``has not yet said``), over
    a governing verb and ``to`` (``failed to inform``, ``declined to say``), and over a
    following particle or colon."""
    low = tx.low
    s0 = tx.sent_first[tx.sent[first]]
    for _ in range(2):
        while first - 1 >= s0:
            w = low[first - 1]
            if w in AUXILIARIES or w in NEGATIONS or w in VERB_GROUP_ADVERBS or (
                    w.endswith("ly") and len(w) > 4 and not tx.is_cap(first - 1)):
                first -= 1
            else:
                break
        if first - 2 >= s0 and low[first - 1] == "to" and _governing_verb(tx, first - 2):
            first -= 2
        else:
            break
    end = tx.sent_end[tx.sent[last]]
    if last + 1 < end and low[last + 1] in ("out", "up", "back") and tx.in_quote[last + 1] < 0:
        last += 1
    if last + 1 < end and low[last + 1] == ":":
        last += 1
    return first, last


def _governing_verb(tx: _Text, k: int) -> bool:
    """``failed`` in ``failed to inform``: a verb taking a to-infinitive."""
    tag = tx.tag(k)
    if tag:
        return tag.startswith("VB")
    w = tx.low[k]
    return not tx.is_cap(k) and (w.endswith("ed") or w in (
        "want", "wants", "try", "tries", "refuse", "refuses", "decline", "declines", "seem",
        "seems", "appear", "appears", "continue", "continues", "going", "trying", "used",
        "began", "begin", "begins", "had", "has", "have", "need", "needs", "got", "sought"))


def _is_break(tx: _Text, k: int) -> bool:
    w = tx.low[k]
    if w == "." and _abbreviation_dot(tx, k):
        return False
    return w in CLAUSE_BREAKS or w in SENTENCE_END or tx.is_quote_mark(k) or tx.in_quote[k] >= 0


def _abbreviation_dot(tx: _Text, k: int) -> bool:
    """The ``.`` at ``k`` ends an abbreviation (``Ms.``, ``U.S.``, ``J.``), not a sentence."""
    if k == 0 or tx.sent[k - 1] != tx.sent[k]:
        return False
    word = tx.toks[k - 1].text
    return word.lower() in TITLE_ABBREVIATIONS or "." in word or (len(word) == 1 and word.isupper())


def _np_left(tx: _Text, j: int, s0: int) -> tuple[int, int] | None:
    """The noun phrase ending at token ``j`` (walking left, not before ``s0``): the source of
    a pre-posed cue. Keeps appositions (``Kirby, the spokesman,``), a coordination of names
    (``Google and Yahoo``), and drops an introductory phrase (``On Monday,``)."""
    low = tx.low
    if j < s0 or _is_break(tx, j) and low[j] not in RELATIVES and low[j] not in (")",) + DASH_WORDS:
        return None
    if low[j] in DASH_WORDS:
        return _dash_apposition(tx, j, s0)
    if low[j] in SUBJECT_PRONOUNS:
        return j, j
    if low[j] in RELATIVES:
        return (j, j) if (low[j] != "that" or (j - 1 >= s0 and low[j - 1] == ",")) else None
    if low[j] == "," or _closes_quote(tx, j):
        head = _relative_head(tx, j, s0)
        if head is not None:
            return head
        if low[j] != ",":
            return None
    if low[j] == ",":
        # "Kirby, the spokesman, said": an apposition closed by this comma, and its head
        a_first = _walk_np(tx, j - 1, s0, apposition=True)
        if a_first > j - 1:
            return None
        opening = a_first - 1
        first = a_first
        for _ in range(3):  # "Cory James, of Detroit, Mich., said": nested place appositions
            if not (opening > s0 and low[opening] == ","):
                break
            h_first = _walk_np(tx, opening - 1, s0, apposition=False)
            if h_first > opening - 1 or _intro_segment(tx, h_first, opening - 1) and low[h_first] != "of":
                break
            first = h_first
            place = opening - h_first <= 2 and all(tx.is_cap(m) for m in range(h_first, opening)) \
                or low[h_first] in ("of", "from")
            if not place:
                break
            opening = h_first - 1
        while first < j and low[first] in ("of", "from"):
            first += 1  # never start a source with the preposition of a place apposition
        if _sentence_adverb(tx, first, j):
            return None  # "Meanwhile, says Smith, ...": a sentence adverb, not a speaker
        return _trim_np(tx, first, j - 1)
    first = _walk_np(tx, j, s0, apposition=False)
    return _trim_np(tx, first, j) if first <= j else None


DASH_WORDS = ("—", "–", "--")


def _dash_apposition(tx: _Text, j: int, s0: int) -> tuple[int, int] | None:
    """``Jason Sims — a teacher from Mount Pleasant — says``: the head and the apposition;
    ``Murphy — after a gesture — told``: the head alone."""
    low = tx.low
    for opening in range(j - 1, max(s0, j - 25) - 1, -1):
        if low[opening] in DASH_WORDS:
            break
        if low[opening] in SENTENCE_END or tx.is_quote_mark(opening):
            return None
    else:
        return None
    if opening <= s0 or opening >= j - 1:
        return None
    h_first = _walk_np(tx, opening - 1, s0, apposition=False)
    if h_first > opening - 1:
        return None
    if low[opening + 1] in PREPOSITIONS or low[opening + 1] in SUBORDINATE or not _np_like(tx, opening + 1, j - 1):
        return _trim_np(tx, h_first, opening - 1)
    return _trim_np(tx, h_first, j - 1)


def _walk_np(tx: _Text, last: int, s0: int, apposition: bool) -> int:
    """First token of the noun phrase ending at ``last``: walks left to a comma, a clause
    break or a finite verb (at most 30 tokens); returns ``last + 1`` when there is none. A
    conjunction "as" after a noun opens the source's own clause ("Panic as scientists say",
    "... on Sunday as the coach said") when what comes before it follows a verb or a break, or
    is a short headline phrase; "as" before a bare role noun ("her record as governor"), in a
    comparative ("as well as", "as wealthy as") or after a long subject ("a decision to seize
    on immigration as his issue has showed") stays inside. Cannot handle: a short subject with
    "as" and a determiner ("Her role as the host showed" is cut to "the host")."""
    low = tx.low
    first = last + 1
    k = last
    limit = max(s0, last - 30)
    as_at = -1
    while k >= limit:
        w = low[k]
        if w == ")":
            p = k - 1
            while p >= limit and low[p] != "(" and k - p < 15:
                p -= 1
            if p >= limit and low[p] == "(":
                first = p  # "Sen. Chuck Schumer (D-N.Y.)"
                k = p - 1
                continue
        if _is_break(tx, k) or w == ",":
            break
        if w == "as" and as_at < 0 and k < last and k > limit and tx.tag(k - 1).startswith("NN") \
                and low[k - 1] not in ("well", "such", "times") and low[k + 1] not in _AS_AS \
                and tx.tag(k + 1) != "NN" \
                and "as" not in low[max(s0, k - 6):k]:  # "as wealthy as", "as good a deal as"
            as_at = k
        if w in ("and", "or", "but", "nor") and k < last and not apposition:
            if w != "and" or not (k - 1 >= s0 and (tx.is_cap(k - 1) or _nounish(tx, k - 1))
                                  and (tx.is_cap(k + 1) or low[k + 1] in DETERMINERS)):
                break
        if k < last and _verbish_boundary(tx, k):
            rel = k - 1
            while rel >= limit and (low[rel] in AUXILIARIES or low[rel] in NEGATIONS
                                    or low[rel] in VERB_GROUP_ADVERBS):
                rel -= 1
            if rel - 1 >= limit and low[rel] in ("who", "that") and tx.is_word(rel - 1) \
                    and low[rel - 1] not in CLAUSE_BREAKS:
                first = rel  # "Supporters who have heard from the campaign say"
                k = rel - 1
                continue
            break
        first = k
        k -= 1
    if as_at >= 0 and (first > s0 or as_at - first <= 4):
        return as_at + 1
    return first


_AS_AS = frozenset("well many much few little soon far long good likely".split())
"""Words after "as" that make it a comparative ("as well as", "three times as many")."""


def _trim_np(tx: _Text, first: int, last: int) -> tuple[int, int] | None:
    """Drop a leading conjunction or introductory word and trailing punctuation; an
    introductory prepositional phrase without a comma leaves its last noun phrase."""
    low = tx.low
    while first <= last and (low[first] in ("and", "but", "so", "yet", ",", "or")
                             or (low[first] in INTRO_WORDS and low[first] not in DETERMINERS
                                 and low[first] not in PREPOSITIONS and not tx.is_cap(first))):
        first += 1
    if first <= last and low[first] in PREPOSITIONS and low[first] not in ("of",) and \
            tx.tag(first) in ("", "IN", "TO"):  # "Outside experts": an adjective, not "In"
        if first < last and low[first] in ("about", "around", "over", "under", "nearly", "almost") \
                and tx.tag(first + 1) == "CD":
            return first, last  # "About four in 10 said": an approximate number, not a phrase
        return _after_intro(tx, first, last)
    while last >= first and not tx.is_word(last) and low[last] != ")":
        last -= 1
    if first > last:
        return None
    return first, last


def _relative_head(tx: _Text, j: int, s0: int) -> tuple[int, int] | None:
    """``Crawford, who recalled ..., said``: the noun phrase before ``, who``."""
    low = tx.low
    for k in range(j - 1, max(s0, j - 45), -1):
        w = low[k]
        if w in (";",) or w in SENTENCE_END and tx.in_quote[k] < 0 and not _abbreviation_dot(tx, k):
            return None
        if w in ("who", "whose") and k - 1 > s0 and low[k - 1] == "," and tx.in_quote[k] < 0:
            return _np_left(tx, k - 2, s0)
    return None


def _after_intro(tx: _Text, first: int, last: int) -> tuple[int, int] | None:
    """``In a statement the company`` -> ``the company``: the last determiner-led phrase
    after an introductory prepositional phrase without a comma."""
    for k in range(last, first + 1, -1):
        if tx.low[k] in DETERMINERS or tx.low[k] in SUBJECT_PRONOUNS:
            return k, last
    return None


def _segment_start(tx: _Text, k: int, limit: int) -> int:
    """First token of the comma-free stretch ending at ``k``."""
    while k - 1 >= limit and tx.low[k - 1] != "," and not _is_break(tx, k - 1):
        k -= 1
    return k


def _intro_segment(tx: _Text, first: int, last: int) -> bool:
    return first <= last and (tx.low[first] in INTRO_WORDS or tx.low[first] in TIME_WORDS)


def _np_like(tx: _Text, first: int, last: int) -> bool:
    if first > last or last - first > 14:
        return False
    return not any(_verbish_boundary(tx, k) for k in range(first, last + 1))


def _nounish(tx: _Text, k: int) -> bool:
    tag = tx.tag(k)
    if tag:
        return tag.startswith(("NN", "PRP", "CD", "JJ"))
    return tx.is_word(k) and tx.low[k] not in PREPOSITIONS and tx.low[k] not in AUXILIARIES


def _verbish_boundary(tx: _Text, k: int) -> bool:
    """A token that cannot sit inside a subject noun phrase: a finite verb."""
    tag = tx.tag(k)
    w = tx.low[k]
    if tag:
        if tag in ("VBD", "VBN") and k + 1 < len(tx.toks) and tx.toks[k + 1].tag == "NNP" and (
                k == 0 or tx.low[k - 1] in (",", "(") or tx.low[k - 1] in DETERMINERS):
            return False  # ", retired Adm. John Kirby": a participle modifying a name
        return tag in ("VBD", "VBZ", "VBP", "MD")
    if w in AUXILIARIES and w not in ("'s", "’s"):
        return True
    if tx.is_cap(k) or (k > 0 and tx.low[k - 1] in DETERMINERS) or len(w) < 5:
        return False
    if w.endswith("ed") and not (k + 1 < len(tx.low) and tx.is_cap(k + 1)):
        return True  # "delivered", but not "retired Adm."
    verb, _ = readings(w)
    return verb is not None and w != verb.cue and w.endswith("s") and not w.endswith("ss")


def _np_right(tx: _Text, i: int, end: int) -> tuple[int, int] | None:
    """The noun phrase starting at ``i`` (source after an inverted cue, ``according to X``):
    to the end of the sentence, a quote, or a manner/time adjunct (``in a statement``)."""
    low = tx.low
    if i >= end:
        return None
    last = i - 1
    k = i
    while k < end:
        w = low[k]
        if tx.is_quote_mark(k) or tx.in_quote[k] >= 0:
            break
        if w in SENTENCE_END and not (w == "." and _abbreviation_dot(tx, k)) or \
                w in (";", ":", "(", "—", "–", "--", "―"):
            break
        if w == "," and k + 1 < end and (tx.is_quote_mark(k + 1) or low[k + 1] in SPEECH_PARTICIPLES
                                         or tx.tag(k + 1) == "VBG"
                                         or low[k + 1] in ("and", "but", "which", "because", "although")
                                         or low[k + 1] in SUBJECT_PRONOUNS or tx.claimed[k + 1]):
            break
        if k > i and w in ("that", "who", "because", "as", "when", "while", "if"):
            break
        if k > i and w == "and" and k + 1 < end and (
                low[k + 1] in SUBJECT_PRONOUNS or tx.tag(k + 1).startswith("VB") or _opens_quote(tx, k + 1)):
            break  # "said Kirby and added ...": a new clause, not "president and CEO"
        if k > i and w in PREPOSITIONS and _adjunct_at(tx, k, end):
            break
        if k > i and _verbish_boundary(tx, k):
            break
        if k > i and w in TIME_WORDS and not tx.is_cap(k - 1):
            break
        last = k
        k += 1
    while last >= i and not tx.is_word(last):
        last -= 1
    return (i, last) if last >= i else None


def _adjunct_at(tx: _Text, k: int, end: int) -> bool:
    """``in a statement``, ``on Twitter``, ``during Monday's briefing``, ``on Friday``."""
    for m in range(k + 1, min(end, k + 5)):
        w = tx.low[m]
        if w in MANNER_NOUNS or w in TIME_WORDS:
            return True
        if w in (",", ".", "that"):
            return False
    return False


_PEOPLE_NOUNS = frozenset(
    "reporters journalists supporters voters lawmakers members people officials crowd audience "
    "donors students workers colleagues viewers listeners readers residents staff aides "
    "delegates senators congress".split())


def _skip_recipient(tx: _Text, k: int, end: int) -> int:
    """After ``told``/``warned``: skip the addressee (``reporters``, ``him``, ``The Intercept``)
    when what follows still reads as content or ends the clause."""
    low = tx.low
    if k >= end or tx.in_quote[k] >= 0:
        return k
    m = k
    if low[m] in OBJECT_PRONOUNS and low[m] not in ("it", "her"):
        m += 1
    elif low[m] == "her" and m + 1 < end and not tx.is_word(m + 1) or low[m] == "her" and m + 1 < end and \
            low[m + 1] in ("that", "to", "he", "she", "they", "it", "we", "i"):
        m += 1
    elif tx.is_cap(m):
        while m < end and (tx.is_cap(m) or low[m] in ("'s", "’s", "of", "the")) and not tx.is_quote_mark(m):
            m += 1
    elif low[m] in _PEOPLE_NOUNS or (low[m] in DETERMINERS and m + 1 < end and low[m + 1] in _PEOPLE_NOUNS):
        m += 1 if low[m] in _PEOPLE_NOUNS else 2
    elif tx.tag(m).startswith(("NN", "DT", "JJ")) and not tx.is_quote_mark(m):
        m2 = m
        while m2 < end and m2 < m + 6 and tx.tag(m2).startswith(("NN", "DT", "JJ", "POS", "PRP$", "CD")):
            m2 += 1
        if m2 == m or m2 < end and low[m2] not in (",", ".", "that", "to", "about", "on", "in"):
            return k
        m = m2
    else:
        return k
    if m >= end:
        return m
    nxt = low[m]
    if nxt in ("that", "to", ",", ":", "about", "of", "how", "why", "what", "whether", "on", "in",
               "at", "during", "after", "before", "last", "this", "earlier") or \
            tx.is_quote_mark(m) or nxt in SUBJECT_PRONOUNS or nxt in SENTENCE_END or \
            tx.in_quote[m] >= 0 or nxt in DETERMINERS or tx.is_cap(m):
        return m
    return k


def _content_right(tx: _Text, k: int, end: int, stop_at_comma: bool = False,
                   stop_at_verb: bool = False) -> tuple[int, int] | None:
    """Content starting at token ``k``: to the sentence end, the end of a quotation it opens,
    or the next coordinated cue (``, adding``, ``and said``, ``, suggested``, ``, according
    to``); inside a relative or subordinate clause (``stop_at_comma``) to the clause's comma
    or dash; inside a restrictive relative clause (``stop_at_verb``) to the main verb."""
    low = tx.low
    while k < end and low[k] in (",", ":", "—", "–", "-", "―") and tx.in_quote[k] < 0:
        k += 1
    if k >= end:
        return None
    q = tx.in_quote[k]
    if q >= 0 and tx.quotes[q].start >= tx.toks[k].start:
        qt = tx.quotes[q]
        last = _last_token_before(tx, qt.end)
        after = last + 1
        # the quotation is all the content unless the clause goes on after it
        if after >= len(low) or after >= tx.sent_end[tx.sent[last]] or low[after] in SENTENCE_END \
                or low[after] in (",", ";") or qt.end > tx.toks[end - 1].end:
            return k, last
    last = k
    m = k
    while m < end:
        if tx.claimed[m]:
            break
        w = low[m]
        if m > k and tx.in_quote[m] < 0:
            if w == ";" or (w in (",", "—", "–", "--") and stop_at_comma):
                break
            if stop_at_verb and tx.tag(m) in ("VBD", "VBZ", "VBP", "MD"):
                break
            if w == "," and m + 1 < end and (low[m + 1] in SPEECH_PARTICIPLES or _according_at(tx, m + 1)):
                break
            if w in SPEECH_PARTICIPLES and low[m - 1] == "," or (
                    w in SPEECH_PARTICIPLES and tx.is_quote_mark(m - 1) and m >= 2 and low[m - 2] == ","):
                break  # '..."New York values," stating ...': a new attribution
            if w == ":" and m + 1 < end and tx.is_cap(m + 1) and not tx.is_quote_mark(m + 1):
                break  # "...as an example: He says ...": a new clause with its own cue
            if w in ("and", "but", ",") and m + 1 < end and _finite_cue_at(tx, m + 1, end):
                break
            if w == "," and m + 1 < end and _subject_cue_at(tx, m + 1, end):
                break  # "..., though Mrs. Fiorina said ...": a new clause with its own source
            if w == "," and m + 1 < end and _participle_cue_at(tx, m + 1, end):
                break  # "..., echoing a memo", "..., while adding ...": a new attribution
            if w in ("when", "as", "after", "before", "while") and m + 2 < end and \
                    low[m + 1] in SUBJECT_PRONOUNS and _finite_cue_at(tx, m + 2, end):
                break  # "was talking about X when he told Y, ...": the inner cue is the main one
            if w in ("and", "but") and low[m - 1] == "," and _new_clause_at(tx, m + 1, end):
                break  # "..., and Illinois's Mark Kirk withdrew": the next clause is the author's
        last = m
        m += 1
    q = tx.in_quote[last]
    if q >= 0 and tx.quotes[q].end > tx.toks[last].end:
        last = _last_token_before(tx, tx.quotes[q].end)  # a quotation cut by the splitter
    while last > k and (low[last] in SENTENCE_END or low[last] in (",", ":", ";", "—", "–", ")")) \
            and tx.in_quote[last] < 0:
        last -= 1
    if not any(tx.is_word(m) for m in range(k, last + 1)):
        return None
    return k, last


def _participle_cue_at(tx: _Text, m: int, end: int) -> bool:
    """``echoing``, ``while adding``: a participle cue opening a clause at ``m``."""
    if m < end and tx.low[m] in ("while", "before", "after", "also"):
        m += 1
    if m >= end or tx.in_quote[m] >= 0 or not tx.low[m].endswith("ing"):
        return False
    verb = readings(tx.low[m])[0]
    return verb is not None and verb.strength >= MIN_STRENGTH and tx.tag(m) in ("VBG", "")


def _new_clause_at(tx: _Text, m: int, end: int) -> bool:
    """A capitalised subject and its finite verb start at ``m`` (``Mark Kirk withdrew``)."""
    if m >= end or not tx.is_cap(m) or tx.in_quote[m] >= 0:
        return False
    for k in range(m + 1, min(end, m + 7)):
        tag = tx.tag(k)
        if tag in ("VBD", "VBZ", "VBP", "MD"):
            return True
        if not (tag.startswith(("NN", "POS", "JJ")) or tx.is_cap(k)):
            return False
    return False


_CLAUSE_LINKS = frozenset("and but though although while whereas yet so as".split())


def _subject_cue_at(tx: _Text, m: int, end: int) -> bool:
    """``though Mrs. Fiorina said``, ``and more than 4 in 10 said``, ``Hackett said``: after a
    comma, an optional conjunction, a short subject (at most 6 words, no verb, no quote) and
    a finite cue verb. Cannot see a subject longer than that or one with a relative clause."""
    low = tx.low
    if m < end and low[m] in _CLAUSE_LINKS:
        m += 1
    first = m
    while m < end and m - first <= 6 and tx.in_quote[m] < 0 and not tx.claimed[m]:
        if m > first and _finite_cue_at(tx, m, end):
            verb = readings(low[m])[0]
            return verb is not None and verb.cue in _SUBJECT_CUES and (
                tx.is_cap(first) or low[first] in SUBJECT_PRONOUNS or low[first] in DETERMINERS
                or _nounish(tx, first))
        if not (tx.is_word(m) or low[m] in ("'s", "’s")) or _verbish_boundary(tx, m) \
                or low[m] in CLAUSE_BREAKS or low[m] in _CLAUSE_LINKS:
            return False
        m += 1
    return False


_SUBJECT_CUES = frozenset("say tell add argue claim insist warn note explain write acknowledge "
                          "admit concede contend assert suggest predict".split())


def _finite_cue_at(tx: _Text, m: int, end: int) -> bool:
    """``and (also) said``, ``, suggested``: a coordinated finite cue verb at ``m``."""
    while m < end and (tx.low[m] in VERB_GROUP_ADVERBS or tx.low[m] in NEGATIONS):
        m += 1
    if m >= end or tx.in_quote[m] >= 0:
        return False
    w = tx.low[m]
    verb = readings(w)[0]
    if verb is None or verb.strength < MIN_STRENGTH or w in ("is", "was", "has"):
        return False
    tag = tx.tag(m)
    return tag in ("VBD", "VBZ") if tag else w.endswith(("ed", "s")) or w in ("said", "told")


def _according_at(tx: _Text, m: int) -> bool:
    return tx.low[m] == "according" and m + 1 < len(tx.low) and tx.low[m + 1] == "to"


def _last_token_before(tx: _Text, pos: int) -> int:
    """Index of the last token ending at or before ``pos``."""
    return max(0, bisect_right(tx.ends, pos) - 1)


def _first_token_from(tx: _Text, pos: int) -> int:
    """Index of the first token starting at or after ``pos``."""
    return bisect_left(tx.starts, pos)


def _opens_quote(tx: _Text, k: int) -> bool:
    """Token ``k`` is the opening mark of a quotation."""
    q = tx.in_quote[k]
    return q >= 0 and tx.quotes[q].start == tx.toks[k].start and tx.is_quote_mark(k)


def _speech_quote_before(tx: _Text, k: int) -> bool:
    """Token ``k`` closes a quotation that opens its sentence or clause (speech, not a scare
    quote inside a clause): ``“We will win,” he said to cheers``."""
    if not _closes_quote(tx, k):
        return False
    if tx.low[k] == ",":
        k -= 1
    if k > 0 and tx.low[k - 1] in (".", "!", "?"):
        return False  # '“We will.” He said the plan ...': the quote ended its own sentence
    first = _first_token_from(tx, tx.quotes[tx.in_quote[k]].start)
    if first == 0 or first == tx.sent_first[tx.sent[first]]:
        return True
    return tx.low[first - 1] in (":", ".", "!", "?", "—", "–", ";") or tx.is_quote_mark(first - 1)


def _closes_quote(tx: _Text, k: int) -> bool:
    """Token ``k`` is the closing mark of a quotation, or a comma right after one."""
    if k < 0:
        return False
    if tx.low[k] == "," and k > 0 and tx.is_quote_mark(k - 1):
        k -= 1
    q = tx.in_quote[k]
    return q >= 0 and tx.quotes[q].end == tx.toks[k].end and tx.is_quote_mark(k)


# ---------------------------------------------------------------------------------------------
# post-posed cues: CONTENT, SOURCE said. / CONTENT, said SOURCE. / CONTENT, according to X.


def _rest_is_adjunct(tx: _Text, k: int, end: int, after_quote: bool = True) -> bool:
    """What follows a post-posed cue (or its source): nothing, a manner or time adjunct
    (``in a statement``, ``on Monday``), or a comma before a continuation (a second quote
    only when the content before was a quote too: ``"We will," he said, "respond."``)."""
    low = tx.low
    if k + 1 < end and low[k] == "," and _opens_quote(tx, k + 1):
        return after_quote
    if after_quote and k < end and low[k] != ":" and not _opens_quote(tx, k):
        # '"...," Sanders said to cheers at a rally': after a quote the rest is circumstance
        return not any(_opens_quote(tx, m) and low[m - 1] != "," for m in range(k, min(end, k + 40)))
    if k >= end or low[k] in SENTENCE_END or low[k] in (",", ";", ")", "—", "–", "-", "--"):
        return True
    if tx.is_quote_mark(k) or low[k] in (":", "that", "whether", "to", "if", "how", "why", "what"):
        return False
    if low[k] in ("who", "whose"):
        return True  # "said Dave Roe, a backer who serves as ...": a relative clause on the source
    if not (low[k] in PREPOSITIONS or low[k] in TIME_WORDS or low[k] in VERB_GROUP_ADVERBS
            or low[k] in ("after", "before", "when", "while", "as", "from")):
        return False
    for m in range(k, min(end, k + 40)):
        w = low[m]
        if w in SENTENCE_END and not _abbreviation_dot(tx, m) or w in (";",):
            return True
        if w == "," and m + 1 < end:
            if _opens_quote(tx, m + 1):
                return after_quote
            if low[m + 1] in SPEECH_PARTICIPLES or low[m + 1] in SUBORDINATE \
                    or low[m + 1] in ("which", "who", "where", "and", "but") or low[m + 1].endswith("ing"):
                return True
            # ", a bracingly honest statement.": an appositive, no new clause
            return not any(tx.tag(x) in ("VBD", "VBZ", "VBP", "MD") or _opens_quote(tx, x)
                           for x in range(m + 1, end))
        if w == "that" or w == ":" or (tx.is_quote_mark(m) and tx.in_quote[m] >= 0
                                       and tx.quotes[tx.in_quote[m]].start == tx.toks[m].start
                                       and low[m - 1] != ","):
            return False
    return True


def _starts_source(tx: _Text, k: int, end: int) -> bool:
    """Whether a source can start at ``k`` after an inverted cue: a name, a determiner or a
    title-like modifier before a name (``said former Sen. Evan Bayh``)."""
    low = tx.low
    if tx.is_quote_mark(k) or low[k] in SUBJECT_PRONOUNS or low[k] in PREPOSITIONS:
        return False
    if tx.is_cap(k) or low[k] in INVERTED_SOURCE_STARTS:
        return True
    if tx.tag(k).startswith(("JJ", "NN", "VBN")) or (not tx.tag(k) and tx.is_word(k)):
        return any(tx.is_cap(m) or _speaker_noun(low[m]) for m in range(k, min(end, k + 4)))
    return False


def _speaker_noun(word: str) -> bool:
    """A role, person, group or organisation noun: a source without a determiner in headline
    style ("..., says publicist", "..., security source says")."""
    lex = _names()
    return word in lex.roles or word in lex.person_nouns or word in lex.group_nouns or \
        word in lex.anon_heads or word in lex.org_heads


_NO_INVERSION = frozenset("blame accuse praise criticize criticise urge thank congratulate "
                          "condemn slam denounce endorse support oppose want plan".split())
"""Cues whose object is a person or a thing, never the content before them: ", blames
parents" and ", slamming his critics" coordinate a verb phrase; they are no quotative
inversion. Verbs that take a clause may invert ("..., fears the minister", "..., expects
UBS"), so ", expects 24M sales" still reads "24M sales" as a speaker."""


_PERSON_OBJECT = {verb: frozenset(after.split()) for verb, after in {
    "blame": "for on", "accuse": "of", "praise": "for as", "criticize": "for over",
    "criticise": "for over", "condemn": "for as over", "denounce": "for as over",
    "slam": "for as over", "chide": "for over", "rebuke": "for over", "scold": "for over",
    "thank": "for", "congratulate": "on for", "charge": "with", "urge": "to", "advise": "to against",
    "tell": "to", "order": "to", "instruct": "to", "encourage": "to", "convince": "to of",
    "remind": "to of"}.items()}
"""Cues whose person object comes right after them, and the words that follow that object
("blamed X for", "urged X to", "told X to"): such a word right after the verb shows the object
is missing. "told about" and "warned of" are active: their verbs go without an object."""


def _reduced_passive(tx: _Text, entry: CueEntry, g0: int, first: int, last: int, end: int) -> bool:
    """Whether a one-word past cue with no auxiliary is a passive that lost its "is/was"
    (headlines, reduced relatives): a verb of ``_PERSON_OBJECT`` followed at once by the word
    that should follow its object has no object, so its subject is the person acted on ("Actor
    accused of theft", "the minister, criticised for his remarks, said"). Only where the
    subject opens the sentence or the participle follows a comma: elsewhere the object may
    have moved ("the man Trump accused of lying"). Cannot handle: the same ellipsis after verbs
    that may also go without an object ("Mayor asked to resign" reads as the mayor asking;
    "Singer warned of the risks" as the singer warning)."""
    low = tx.low
    after = _PERSON_OBJECT.get(entry.words[0])
    if after is None or first != last or last + 1 >= end or low[last + 1] not in after or \
            not (low[first].endswith("ed") or low[first] == "told") or \
            any(low[m] in AUXILIARIES for m in range(g0, first)):
        return False
    s0 = tx.sent_first[tx.sent[first]]
    if g0 - 1 >= s0 and low[g0 - 1] == ",":
        return True  # "the minister, criticised for his remarks, said"
    subject = _np_left(tx, g0 - 1, s0)
    # the subject opens the sentence (or follows a label's colon): else the object may have
    # moved away ("the man Trump accused of lying", "rivals who he accused of ...")
    return subject is not None and low[subject[0]] not in SUBJECT_PRONOUNS and (
        subject[0] == s0 or low[subject[0] - 1] in (":",) + DASH_WORDS)


def _post_posed(tx: _Text, c: _Cue) -> _Found | None:
    entry, first, last = c
    s = tx.sent[first]
    s0, end = tx.sent_first[s], tx.sent_end[s]
    low = tx.low
    src: tuple[int, int] | None
    opener = bare_adverb = False
    if entry.cue == "according to":
        if first == s0 or (first - 1 >= s0 and low[first - 1] in SUBORDINATORS_START):
            return None  # sentence-initial: pre-posed
        src = _np_right(tx, last + 1, end)
        cue_first, cue_last = first, last
        left_end = first - 1
        if low[left_end] == "(":
            left_end -= 1
    else:
        g0, g1 = _verb_group(tx, first, last)
        cue_first, cue_last = g0, g1
        before = g0 - 1
        k = g1 + 1
        if g0 == first and entry.strength >= 0.7 and entry.words[0] not in _NO_INVERSION and \
                before >= 0 and (before >= s0 and low[before] == "," or _closes_quote(tx, before)) and \
                k < end and _starts_source(tx, k, end):
            src = _np_right(tx, k, end)  # inverted: ", said Kirby."
            opener = _sentence_adverb(tx, s0, before)  # "Meanwhile, says Smith, the plan is dead"
            if (opener or _unfinished(tx, before - 1)) and src is not None \
                    and "," in low[src[0]:src[1] + 1]:
                src = (src[0], low.index(",", src[0]) - 1)  # the clause after the comma is content
            if src is None or not opener and not _rest_is_adjunct(
                    tx, src[1] + 1, end, _speech_quote_before(tx, before)):
                return None
            if not _closes_quote(tx, before) and _apposition_before(tx, s0, before):
                return None  # "Teck, the mining company, says": an apposition, not content
            left_end = before
        else:
            if entry.words[0] in RECIPIENT_VERBS:
                k = _skip_recipient(tx, k, end)
            k = _skip_to_recipient(tx, k, end)
            src = _np_left(tx, g0 - 1, s0)
            if src is None or low[src[0]] in RELATIVES:
                return None
            left_end = src[0] - 1
            if not _rest_is_adjunct(tx, k, end, left_end >= 0 and _speech_quote_before(tx, left_end)):
                return None
            if left_end >= s0 and low[left_end] == "as" and left_end - 1 >= s0 and low[left_end - 1] == ",":
                left_end -= 1  # "..., as The Intercept reported."
            elif not (left_end >= 0 and (left_end >= s0 and low[left_end] == "," or _closes_quote(tx, left_end))):
                return None
    # the content before: the quotation that closes here, or the sentence up to the comma
    j = left_end
    if j >= 0 and low[j] == "," and not tx.is_quote_mark(j):
        j -= 1
    if j < 0:
        return None
    content: list[Span] = []
    q = tx.in_quote[j]
    quoted = q >= 0 and tx.quotes[q].end == tx.toks[j].end
    if opener:
        content_first = j + 1  # the adverb is no content: what follows the source is
    elif quoted:
        qt = tx.quotes[q]
        content_first = _first_token_from(tx, qt.start)
        content.append((qt.start, qt.end))
    else:
        if j < s0:
            return None
        content_first = s0
        for m in range(j, s0 - 1, -1):
            if tx.claimed[m]:
                content_first = m + 1
                break
        while content_first < j and low[content_first] in ("but", "and", "so", "yet", ",", "still"):
            content_first += 1
        if content_first > j or not any(tx.is_word(m) for m in range(content_first, j + 1)):
            return None
        content.append(tx.span(content_first, j))
        bare_adverb = _sentence_adverb(tx, content_first, j + 1)  # "Meanwhile, X reminds ..."
    if any(tx.claimed[m] for m in range(content_first, j + 1)):
        return None
    # a second fragment after the cue clause: ', "Q2"' or ', will fail.'
    tail = max(cue_last, src[1] if src else cue_last) + 1
    while tail < end and low[tail] != "," and not tx.is_quote_mark(tail) and low[tail] not in SENTENCE_END:
        tail += 1  # skip the adjunct
    if tail < end and low[tail] == ",":
        tail += 1
    if tail < len(low) and tx.is_quote_mark(tail) and tx.in_quote[tail] >= 0 and \
            tx.quotes[tx.in_quote[tail]].start == tx.toks[tail].start and quoted:
        qt = tx.quotes[tx.in_quote[tail]]
        content.append((qt.start, qt.end))
    elif tail < end and not quoted and tx.is_word(tail) and low[tail] not in SPEECH_PARTICIPLES:
        rest = _content_right(tx, tail, end)
        if rest is not None:
            content.append(tx.span(*rest))
    if bare_adverb and len(content) == 1:
        return None  # a sentence adverb alone is no content
    conf = entry.strength * (0.95 if quoted else 0.85) * (1.0 if src else 0.75)
    return _Found(
        source=tx.span(*src) if src else None, cue=tx.span(cue_first, cue_last), content=content,
        entry=entry, sentence=s, confidence=conf, tokens=(cue_first, cue_last))


def _unfinished(tx: _Text, j: int) -> bool:
    """Whether the content before ``, says X,`` breaks off at token ``j`` and goes on after
    the source: it ends in an article or a form of "be" (``It is, said the mayor, a sad
    day``), so what follows the source's comma is content, not an apposition. Cannot handle:
    a break after a full verb (``We expect, she said, a deal``), or after a preposition or a
    demonstrative, with which a clause can end (``the meetings he could get into, said Jones,
    a scientist``, ``larger than that, said Jones, ...``)."""
    return tx.low[j] in ("the", "a", "an", "is", "was", "are", "were", "be")


def _sentence_adverb(tx: _Text, s0: int, before: int) -> bool:
    """Whether the words before the comma of ``, says X`` are only a sentence adverb
    (``Meanwhile``, ``Still``, ``Indeed``, by their tags) or a time word (``Yesterday``): no
    content, and no speaker either; the content is what follows the source. Cannot handle: an
    adverbial phrase (``In the meantime, says X, ...``), left to the other readings; an
    apposition after the source (``Still, said Kirby, a former mayor, the town ...``) is read
    as content."""
    return tx.tagged and before > s0 and all(
        tx.tag(m).startswith("RB") or tx.low[m] in TIME_WORDS for m in range(s0, before))


def _apposition_before(tx: _Text, s0: int, before: int) -> bool:
    """Whether the words before the comma of ``, says X`` read as a subject and its
    apposition (``Teck, the mining company, says``) rather than as content: a comma among
    them, and few words (under 5) or no finite verb. Without a comma there is no apposition to
    close, so a short stretch is content: ``Expansion is not imminent, says Jones``, ``No
    comment, says spokesman``. Cannot handle: a subject whose apposition has no opening comma
    (``The firm a unit of Teck, says``), read as content."""
    lo = max(s0, before - 60)
    if not any(tx.low[m] == "," and tx.in_quote[m] < 0 for m in range(lo, before)):
        return False
    return sum(tx.is_word(m) for m in range(lo, before)) < 5 or tx.tagged and not any(
        tx.tag(m) in ("VBD", "VBZ", "VBP", "MD") and tx.in_quote[m] < 0 for m in range(lo, before))


def _skip_to_recipient(tx: _Text, k: int, end: int) -> int:
    """``"..!" Clinton said to People.``: a ``to`` addressee (a name, a pronoun, ``reporters``)
    that ends the clause is circumstance, not content; returns the token after it (else ``k``)."""
    low = tx.low
    if k + 1 >= end or low[k] != "to" or tx.in_quote[k + 1] >= 0:
        return k
    m = k + 1
    if low[m] in OBJECT_PRONOUNS or low[m] in _PEOPLE_NOUNS:
        m += 1
    else:
        while m < end and tx.is_cap(m) and tx.is_word(m):
            m += 1
    if m > k + 1 and (m >= end or low[m] in SENTENCE_END or low[m] == ","):
        return m
    return k


INVERTED_SOURCE_STARTS = frozenset(
    "the a an his her their its our another one two three several many some both".split())
SUBORDINATORS_START = frozenset(("and", "but", "(", "—", "–", ":", ";"))
SUBORDINATE = frozenset(
    "although though because while when whereas if since after before unless until as".split())


# ---------------------------------------------------------------------------------------------
# pre-posed cues: SOURCE said (that) CONTENT


def _pre_posed(tx: _Text, c: _Cue, found: list[_Found]) -> _Found | None:
    entry, first, last = c
    s = tx.sent[first]
    s0, end = tx.sent_first[s], tx.sent_end[s]
    low = tx.low
    if entry.cue == "according to":
        return _according_to_initial(tx, c)
    g0, g1 = _verb_group(tx, first, last)
    k = g1 + 1
    passive = any(low[m] in ("is", "was", "were", "are", "been", "be", "being") for m in range(g0, first)) \
        and (low[first].endswith(("ed", "en", "wn")) or low[first] in ("said", "told", "thought", "known",
                                                                       "seen", "heard", "found"))
    if not passive and _reduced_passive(tx, entry, g0, first, last, end):
        passive = True  # "Heatwave blamed for ...", "Council urged to ...": a headline passive
    by_source = None
    if passive and k + 1 < end and low[k] == "by":
        by_source = _np_right(tx, k + 1, end)
        if by_source:
            k = by_source[1] + 1
    if entry.words[0] in RECIPIENT_VERBS:
        k = _skip_recipient(tx, k, end)
    cue_end = g1
    if k < end and (low[k] in PREPOSITIONS and _adjunct_at(tx, k, end) or low[k] in TIME_WORDS):
        # "said in an interview that ...", "said last week that": the adjunct joins the cue
        for m in range(k + 1, min(end, k + 10)):
            if tx.is_quote_mark(m) or tx.in_quote[m] >= 0:
                break
            if low[m] in ("that", ",", ":"):
                cue_end = m - 1
                k = m
                break
    if k < end and low[k] in PREPOSITIONS and cue_end == g1 and _adjunct_at(tx, k, end):
        m = k + 1
        while m < end and low[m] not in SENTENCE_END and not tx.is_quote_mark(m) and low[m] != ",":
            m += 1
        if (m >= end or low[m] in SENTENCE_END) and m + 1 < len(low) and _opens_quote(tx, m + 1 if m < end else m):
            cue_end = m - 1  # "said in a statement. “...”": the quote after is the content
            k = m + 1 if m < end else m
            end = max(end, _last_token_before(tx, tx.quotes[tx.in_quote[k]].end) + 1)
    nxt = low[k] if k < end else ""
    if nxt == "as" and entry.words[0] in ("know", "name", "dub", "identify"):
        return None  # "a jihadi known as X", "named as": a name, not a statement
    if entry.strength < MIN_STRENGTH and nxt not in ("that", "whether", ":", "how", "why", "what", "about") \
            and not (k < end and tx.is_quote_mark(k)):
        return None
    if first > s0 and low[first].endswith("ing") and low[g0 - 1] != "," and g0 > s0 and \
            not any(low[m] in AUXILIARIES for m in range(g0, first)):
        return None  # a gerund or modifier ("the growing concern"), not a finite cue
    if g0 - 1 >= s0 and low[g0 - 1] == "to":
        return None  # "to ask": an infinitive inside another clause, not a cue of its own
    if (g0 == s0 or g0 == s0 + 1 and low[s0] == "when") and low[first] in ("asked", "pressed", "questioned") \
            and first + 1 < end and low[first + 1] in _QUESTION_WORDS + ("by",):
        return _asked_frame(tx, c)  # "Asked whether ..., Reid said ...": the question itself
    relative = g0 - 1 >= s0 and low[g0 - 1] in ("who", "which", "that")
    intro_clause = (any(low[m] in SUBORDINATE for m in range(s0, min(g0, s0 + 2))) or (
        low[s0].endswith(("ed", "ing")) and not tx.is_cap(s0 + 1 if s0 + 1 < end else s0))) and \
        "," not in low[s0:g0]
    subordinate = intro_clause or (relative and g0 - 2 >= s0 and low[g0 - 2] in (",", "—", "–", "--"))
    restrictive = relative and not subordinate
    content = _content_right(tx, k, end, stop_at_comma=subordinate, stop_at_verb=restrictive)
    if content is None:
        return None
    src: tuple[int, int] | None
    conf_src = 1.0
    if passive:
        src = by_source
    elif g0 - 1 >= s0 and (low[g0 - 1] in ("and", "but") or low[g0 - 1] == "," and low[first].endswith("ing")):
        src = _shared_source(tx, found, s, g0)
        if src is None:
            src = _subject(tx, s0, g0 - 1)  # "X, who wore a hat and said": the clause subject
            conf_src = 0.75
    else:
        src = _np_left(tx, g0 - 1, s0)
        if src and src[0] == src[1] and low[src[0]] in EMPTY_SUBJECTS and (
                low[src[0]] == "there" or any(low[m] in AUXILIARIES for m in range(g0, first))):
            src = None  # "It is expected that ...", "There is concern that ...": no source
            passive = True
    if src is None and not passive:
        at_start = g0 == s0 or (g0 - 1 >= s0 and low[g0 - 1] in SENTENCE_END)
        if not at_start:
            return None
        prev_end = g0 - 1 if g0 > s0 else s0 - 1
        if prev_end < 0:
            return None
        src = _subject(tx, tx.sent_first[tx.sent[prev_end]], prev_end)
        conf_src = 0.7
        if src is None:
            return None
    conf = entry.strength * (0.9 if src else 0.7) * conf_src
    return _Found(
        source=tx.span(*src) if src else None, cue=tx.span(g0, cue_end),
        content=[tx.span(*content)], entry=entry, sentence=s, confidence=conf, tokens=(g0, cue_end))


_QUESTION_WORDS = ("about", "whether", "if", "why", "how", "what", "who", "whom", "for", "to")


def _asked_frame(tx: _Text, c: _Cue) -> _Found | None:
    """``Asked (by Jo Roe) whether ..., Reid said ...``: the question is an attribution of its
    own up to the comma, with no source unless a ``by`` phrase names the asker; the main cue
    after the comma is left to the other rules. Cannot tell who asked when no ``by`` says so."""
    entry, first, _ = c
    s = tx.sent[first]
    end = tx.sent_end[s]
    low = tx.low
    k = first + 1
    src = None
    if low[k] == "by":
        m = k + 1
        while m < end and m < k + 8 and low[m] not in _QUESTION_WORDS and tx.is_word(m):
            m += 1
        if m == k + 1 or m >= end or low[m] not in _QUESTION_WORDS:
            return None
        src, k = (k + 1, m - 1), m
    content = _content_right(tx, k, end, stop_at_comma=True)
    if content is None or content[1] + 1 >= end or low[content[1] + 1] != ",":
        return None  # no comma before a main clause: not the framing question
    return _Found(
        source=tx.span(*src) if src else None, cue=tx.span(first, first), content=[tx.span(*content)],
        entry=entry, sentence=s, confidence=entry.strength * 0.5, tokens=(first, first))


def _shared_source(tx: _Text, found: list[_Found], s: int, g0: int) -> tuple[int, int] | None:
    """``X announced Y and said Z``: the second cue shares the first one's source."""
    for f in reversed(found):
        if f.sentence == s and f.source is not None and f.tokens[1] < g0:
            return _first_token_from(tx, f.source[0]), _last_token_before(tx, f.source[1])
        if f.sentence < s:
            break
    return None


def _subject(tx: _Text, s0: int, end: int) -> tuple[int, int] | None:
    """The subject of the clause starting at ``s0``: the noun phrase before its first finite
    verb (searched up to token ``end``)."""
    for k in range(s0 + 1, min(end + 1, s0 + 40)):
        if _verbish_boundary(tx, k) or (readings(tx.low[k])[0] is not None and not tx.is_cap(k)
                                        and tx.low[k - 1] not in DETERMINERS and tx.is_word(k)):
            return _np_left(tx, k - 1, s0)
    return None


def _according_to_initial(tx: _Text, c: _Cue) -> _Found | None:
    """``According to X, CONTENT`` (and ``CONTENT according to X`` without a comma)."""
    entry, first, last = c
    s = tx.sent[first]
    s0, end = tx.sent_first[s], tx.sent_end[s]
    src = _np_right(tx, last + 1, end)
    if src is not None:
        src = _cut_at_clause_comma(tx, src, end)
    if first > s0 and not (tx.low[first - 1] in SUBORDINATORS_START):
        content = _content_left(tx, s0, first - 1)
    else:
        k = (src[1] if src else last) + 1
        content = _content_right(tx, k, end)
    if content is None:
        return None
    return _Found(
        source=tx.span(*src) if src else None, cue=tx.span(first, last),
        content=[tx.span(*content)], entry=entry, sentence=s, confidence=0.9 if src else 0.6,
        tokens=(first, last))


def _cut_at_clause_comma(tx: _Text, src: tuple[int, int], end: int) -> tuple[int, int]:
    """``According to the report, prices rose``: the source ends at the comma before the
    main clause; an apposition between two commas stays (``to Jo Roe, a lawyer, the ...``)."""
    low = tx.low
    first, last = src
    k = first
    while k <= last:
        if low[k] == ",":
            nxt = k + 1
            while nxt <= last and low[nxt] != ",":
                if _verbish_boundary(tx, nxt) or tx.tag(nxt) in ("VBN", "VBG"):
                    return first, k - 1
                nxt += 1
            if nxt > last:
                return first, k - 1
            k = nxt
            continue
        k += 1
    return src


def _content_left(tx: _Text, s0: int, j: int) -> tuple[int, int] | None:
    first = s0
    for m in range(j, s0 - 1, -1):
        if tx.claimed[m]:
            first = m + 1
            break
    while j >= first and not tx.is_word(j):
        j -= 1
    return (first, j) if first <= j else None


# ---------------------------------------------------------------------------------------------
# press-release forms and leftover quotations


def _noun_cues(tx: _Text, found: list[_Found]) -> None:
    """``Trump's claim that ...``, ``his view is that ...``, ``Her advice: ...``: a cue noun
    with a possessor (the source) and a that-clause or colon (the content). The possessor
    starts after a preposition other than "of" ("abuzz over the coach's comments": "the
    coach's"; "the mayor of Paris's claim" keeps "of")."""
    low = tx.low
    n = len(low)
    for i in [m for m, w in enumerate(low) if w in _NOUN_WORDS and 0 < m < n - 1]:
        if tx.claimed[i] or tx.in_quote[i] >= 0:
            continue
        noun = readings(low[i])[1]
        if noun is None or noun.strength < MIN_STRENGTH or (tx.tag(i) and not tx.tag(i).startswith("NN")):
            continue
        s = tx.sent[i]
        s0, end = tx.sent_first[s], tx.sent_end[s]
        k = i + 1
        if k < end and low[k] in ("is", "was") and k + 1 < end and low[k + 1] == "that":
            k += 1
        if k >= end or low[k] not in ("that", ":") or (low[k] == "that" and k + 1 < end and (
                tx.tag(k + 1).startswith(("VB", "MD")) or low[k + 1] in ("is", "was", "has"))):
            continue  # "the claim that was made": a relative clause, not content
        j = i - 1
        while j > s0 and tx.tag(j).startswith("JJ"):
            j -= 1
        if low[j] in POSSESSIVES:
            src = (j, j)
        elif tx.tag(j) == "POS" or low[j] in ("'s", "’s"):
            src = _np_left(tx, j - 1, s0)
            if src is not None:
                first = src[0]
                for m in range(j - 1, src[0], -1):
                    if low[m] in PREPOSITIONS and low[m] != "of":
                        first = m + 1  # "doubt on the farmer's claims": the possessor only
                        break
                src = (first, j)
        else:
            continue
        if src is None or any(tx.claimed[m] for m in range(src[0], i)):
            continue
        content = _content_right(tx, k + (1 if low[k] == ":" else 0), end)
        if content is None:
            continue
        _add(tx, found, _Found(
            source=tx.span(*src), cue=tx.span(i, k - 1 if low[k] == "that" else k),
            content=[tx.span(*content)], entry=noun, sentence=s, confidence=noun.strength * 0.8,
            tokens=(i, i)))


def _press_release_forms(tx: _Text, found: list[_Found]) -> None:
    """``"QUOTE" - Name`` (dash cue) and ``And from the Chairwoman:`` / ``Name:`` before a
    quotation (colon cue)."""
    n = len(tx.toks)
    for qt in tx.quotes:
        if qt.single:
            continue
        first_tok = _first_token_from(tx, qt.start)
        if first_tok >= n or tx.claimed[first_tok]:
            continue
        k = _first_token_from(tx, qt.end)
        if k + 1 < n and tx.low[k] in DASHES and tx.is_cap(k + 1) and \
                tx.para_of(tx.toks[k].start) == tx.para_of(qt.end - 1):
            para_end = tx.paras[tx.para_of(tx.toks[k].start)][1]
            m = k + 1
            while m + 1 < n and tx.toks[m + 1].end <= para_end and not tx.is_quote_mark(m + 1):
                m += 1
            while m > k and not tx.is_word(m):
                m -= 1
            if k < m <= k + 25:
                _add(tx, found, _Found(
                    source=tx.span(k + 1, m), cue=tx.span(k, k), content=[(qt.start, qt.end)],
                    entry=None, sentence=tx.sent[k], confidence=0.8, kind="direct", tokens=(k, k)))
                continue
        j = first_tok - 1
        if j >= 1 and tx.low[j] == ":" and not tx.claimed[j] and not tx.claimed[j - 1]:
            s0 = tx.sent_first[tx.sent[j]]
            lo = j - 1
            while lo - 1 >= s0 and j - lo < 12 and not tx.claimed[lo - 1] and not _is_break(tx, lo - 1) \
                    and tx.low[lo - 1] != "," and not _verbish_boundary(tx, lo - 1):
                lo -= 1
            while lo < j and tx.low[lo] in ("and", "from", "but", "also", "here", "is", "'s", "’s"):
                lo += 1
            if lo < j and (tx.is_cap(lo) or tx.low[lo] in DETERMINERS) and j - lo <= 10:
                _add(tx, found, _Found(
                    source=tx.span(lo, j - 1), cue=tx.span(j, j), content=[(qt.start, qt.end)],
                    entry=None, sentence=tx.sent[j], confidence=0.7, kind="direct", tokens=(j, j)))


LABELS = frozenset(
    "note update editor editors correction related photo photos video watch read source sources "
    "transcript breaking exclusive abstract full text q a warning caption credit image images "
    "graphic listen more also see contact email tags filed advertisement sponsored by the "
    "washington ap reuters getty".split()) | frozenset(
    "hoax fake false true debunked satire rumor rumour verdict fact check".split())
"""Words that make a label before a colon a heading, not a speaker (a fact-check verdict
such as ``HOAX:`` included)."""


def _speaker_labels(tx: _Text, found: list[_Found]) -> None:
    """``Hartley: Police chief acted as judge`` (headline) and ``ANNA PRICE: Why not
    debate?`` (transcript): a short name opening a sentence (up to six words, nine for a role
    and a name: ``Deputy Health Minister Jane Roe:``), then a colon, is the source and the
    colon the cue. Labels (``Note:``, ``Update:``, ``Video:``) are not speakers. An
    attribution after the colon whose verb acts on a plain object (``WH: We didn't threaten
    the reporter``: see ``_act_on_a_thing``) gives way to the label, so the content runs to
    the end. Words after the colon that open with ``I`` or ``we`` are the label's own, so a
    cue among them is nested in the label's content (``WH: We never said that``, ``Pentagon:
    We didn't warn Iraq``); any other strong cue there makes the label a topic (``Hartley:
    Senator says ...``). Cannot handle: first-person words that do not open the clause
    (``WH: Reporter was never threatened by us``), read as the label's only when no strong
    cue follows."""
    low = tx.low
    # an act verb with a plain object ("We didn't threaten the reporter") is dropped in
    # _finish unless a continuation quote joins it; a label before it takes its words instead
    in_sentence: dict[int, list[_Found]] = {}
    for f in found:
        in_sentence.setdefault(f.sentence, []).append(f)
    dropped: set[int] = set()
    for s, (s0, end) in enumerate(zip(tx.sent_first, tx.sent_end)):
        c = s0 + 1
        while c < end and c - s0 <= 8 and low[c] != ":":
            c += 1
        if c >= end - 1 or low[c] != ":" or tx.claimed[c] or any(tx.claimed[m] for m in range(s0, c)):
            continue
        words = [m for m in range(s0, c) if tx.is_word(m)]
        if not words or not tx.is_cap(s0) or any(low[m] in LABELS for m in words) or any(
                _verbish_boundary(tx, m) or tx.is_quote_mark(m) for m in range(s0, c)):
            continue
        if any(ch.isdigit() for m in words for ch in low[m]):
            continue  # "9:15 a.m.", "Part 2:"
        if c - s0 > 6 and not _role_then_name([tx.toks[m].text for m in words]):
            continue  # a long label is a speaker only as a role and a name
        named = _names_speaker(tx, words)
        if not named:
            continue  # a topic label: "Harbour fire:", "Sheer luck:", "India:"
        first_person = low[c + 1] in FIRST_PERSON
        if not first_person and _reports_itself(tx, c + 1, end):
            continue  # "Hartley: Senator says ...": the label is the topic
        if named == "name" and not _reads_as_words(tx, c + 1, end):
            continue  # "Masked gunman: rebel fighter named as ...": a name as the topic
        inside = [f for f in in_sentence.get(s, ()) if _inside(tx, f, c + 1, end)]
        acts = [_act_on_a_thing(tx, f) for f in inside]
        released = [f for f, act in zip(inside, acts) if act]
        nested = [f for f, act in zip(inside, acts) if not act] if first_person else []
        for f in released + nested:
            _claim(tx, f, False)
        content = _content_right(tx, c + 1, end)
        for f in nested:
            _claim(tx, f, True)  # "WH: We never said that": the label's words hold a cue of their own
        if content is None:
            for f in released:
                _claim(tx, f, True)
            continue
        dropped.update(id(f) for f in released)
        _add(tx, found, _Found(
            source=tx.span(s0, c - 1), cue=tx.span(c, c), content=[tx.span(*content)], entry=None,
            sentence=s, confidence=0.5, kind="", tokens=(c, c)))
    if dropped:
        found[:] = [f for f in found if id(f) not in dropped]


def _inside(tx: _Text, f: _Found, lo: int, hi: int) -> bool:
    """Whether every span of ``f`` lies within tokens ``lo..hi-1``."""
    a, b = tx.toks[lo].start, tx.toks[hi - 1].end
    return all(a <= x and y <= b for x, y in _spans(f))


def _spans(f: _Found) -> list[Span]:
    return list(f.content) + [sp for sp in (f.source, f.cue) if sp]


def _claim(tx: _Text, f: _Found, value: bool) -> None:
    """Mark the tokens of ``f`` as claimed (or free them)."""
    for a, b in _spans(f):
        if b > a:
            for m in range(_first_token_from(tx, a), _last_token_before(tx, b) + 1):
                tx.claimed[m] = value


def _reports_itself(tx: _Text, lo: int, hi: int) -> bool:
    """Whether tokens ``lo..hi`` hold a strong reporting verb of their own, outside quotes
    ("... : Senator Says Smugglers ...", "...: Singer denies hoax claims"): what follows a
    headline label then names its own speaker."""
    for m in range(lo, hi):
        if tx.in_quote[m] >= 0:
            continue
        entry = readings(tx.low[m])[0]
        if entry is not None and entry.strength >= 0.9 and _is_verb(tx, m, entry):
            return True
    return False


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    return frozenset(c.lower() for c in _names().countries)


def _names_speaker(tx: _Text, words: list[int]) -> str:
    """Whether a label before a colon names who speaks: ``"role"`` for a role, group or
    person noun, a title, an organisation or outlet word ("Federal judge:", "US officials:",
    "NYT:"), ``"name"`` for a proper name that is not a bare country ("Hartley:", "ANNA
    PRICE:"; "India:" is a dateline), ``""`` for neither. A headline topic ("Harbour
    fire:", "Sheer luck:", "Lucky Dog:") has a common noun or adjective. Untagged text
    keeps every label."""
    lex = _names()
    if tx.tagged and any(tx.tag(m).startswith("VB") for m in words):
        return ""  # a clause ("Obama Denounces Execution:", "Protesters go Ferguson style:")
    texts = [strip_possessive(tx.toks[m].text) for m in words]
    if (texts[0],) in lex.titles or tuple(texts[:2]) in lex.titles:
        return "role"  # "Rep. Duncan Hunter:", "Prime Minister Jane Roe:"
    if len(texts) == 1 and texts[0].isupper() and texts[0].isalpha() and 2 <= len(texts[0]) <= 4:
        return "role"  # an organisation's or outlet's initials: "NYT:", "KGI:"
    for k, t in enumerate(texts):
        w = t.lower()
        if k < len(texts) - 1 and texts[k + 1].lower() not in ("for", "of", "at"):
            continue  # only the head noun counts ("Woman with three breasts:" is a topic)
        if _speaker_noun(w) or w in lex.outlet_nouns or (t,) in lex.titles or t in lex.outlet_names:
            return "role"
    if _role_then_name(texts):
        return "role"  # "Deputy Health Minister Jane Roe:", "White House Chief of Staff John Doe:"
    if " ".join(texts).lower() in _countries():
        return ""
    if not tx.tagged:
        return "role"
    return "name" if all(tx.tag(m) in ("NNP", "NNPS") for m in words) else ""


_NOT_IN_NAMES = frozenset("of the and for at in on to a an by with from".split())


def _role_then_name(texts: list[str]) -> bool:
    """Whether a label is a role noun or title followed by a personal name: its last two
    words capitalised and no role, group or function word, with only capitalised words or
    "of" between the role and the name ("Deputy Health Minister Jane Roe", "White House
    Chief Of Staff John Doe"). Cannot handle: a one-word name after the role ("Health
    Minister Roe" counts only when tagged as a name), a name word that is also a role noun
    ("Mary Major"), or a topic whose last two words look like a name ("Minister Resignation
    Scandal" reads as a speaker)."""
    if len(texts) < 3:
        return False
    for t in texts[-2:]:
        w = t.lower()
        if not (t[:1].isupper() and w.replace("'", "").replace("-", "").isalpha()) or \
                w in _NOT_IN_NAMES or _speaker_noun(w) or w in _names().outlet_nouns:
            return False
    for k in range(len(texts) - 3, -1, -1):
        w = texts[k].lower()
        if _speaker_noun(w) or (texts[k],) in _names().titles:
            return True
        if not (texts[k][:1].isupper() and w not in _NOT_IN_NAMES or w == "of"):
            return False  # "Expert on Brown Audio": a topic after a preposition
    return False


_SPEECH_MARKS = frozenset(
    "i we you my our me us your will would can could should must may might shall not n't "
    "never no ? !".split())


def _reads_as_words(tx: _Text, lo: int, hi: int) -> bool:
    """Whether what follows a name and a colon reads as that person's words: a first or
    second person, a modal, a negation, a question or exclamation, a quote, an imperative
    ("Jane Doe: I wear my watch in the shower", "John Roe: Politicians shouldn't feed the
    fear"). A plain report of events ("Masked gunman: rebel fighter named as local man") is
    news about the name, which is then the topic. Cannot handle: a person's plain factual
    statement after their name ("Hartley: Police chief acted as judge and jury") reads as a
    topic."""
    if tx.tagged and lo < hi and tx.tag(lo) == "VB":
        return True
    return any(tx.low[m] in _SPEECH_MARKS or tx.is_quote_mark(m) for m in range(lo, hi))


def _leftover_quotes(tx: _Text, found: list[_Found]) -> None:
    """Quotations no rule took: continuation fragments of the attribution just before, or
    bare quotes with no cue and no source; scare quotes, nicknames and titles are skipped."""
    if not tx.quotes:
        return
    by_end = sorted(found, key=lambda f: max(e for _, e in f.content))
    fi = 0
    last_before: _Found | None = None
    n = len(tx.toks)
    for qt in tx.quotes:
        first = _first_token_from(tx, qt.start)
        last = _last_token_before(tx, qt.end)
        if first >= n or last < first or any(tx.claimed[m] for m in range(first, last + 1)):
            continue
        while fi < len(by_end) and max(e for _, e in by_end[fi].content) <= qt.start:
            if last_before is None or max(e for _, e in by_end[fi].content) >= max(
                    e for _, e in last_before.content):
                last_before = by_end[fi]
            fi += 1
        if not _speech_like(tx, qt, first, last):
            continue
        s = tx.sent[first]
        if last_before is not None and _continues(tx, last_before, qt, s):
            last_before.content.append((qt.start, qt.end))
            for m in range(first, last + 1):
                tx.claimed[m] = True
            continue
        f = _Found(source=None, cue=None, content=[(qt.start, qt.end)], entry=None, sentence=s,
                   confidence=0.35 if qt.balanced else 0.25, kind="direct", tokens=(first, first))
        _add(tx, found, f)
        last_before = f


def _speech_like(tx: _Text, qt: Quote, first: int, last: int) -> bool:
    """A quotation that reads as someone's words: not a scare quote, nickname or title."""
    words = [m for m in range(first, last + 1) if tx.is_word(m)]
    if not words:
        return False
    prev = tx.low[first - 1] if first > 0 else ""
    opens_sentence = first == 0 or first == tx.sent_first[tx.sent[first]] or prev in (":", "—", "–") \
        or tx.para_of(qt.start) != tx.para_of(tx.toks[first - 1].start) or prev in SENTENCE_END
    if prev in SCARE_MARKERS:
        return False
    if len(words) <= 8 and all(tx.is_cap(m) or tx.low[m] in ("of", "the", "a", "and", "in", "to", "for", "on")
                               for m in words):
        return False  # a title: "Meet the Press", "Fox and Friends"
    if not opens_sentence and len(words) < 6:
        return False
    return len(words) >= 3


def _continues(tx: _Text, prev: _Found, qt: Quote, s: int) -> bool:
    """Whether a bare quotation continues ``prev``: it follows in the same or the next
    paragraph, at most two sentences after it."""
    prev_end = max(e for _, e in prev.content)
    gap_para = tx.para_of(qt.start) - tx.para_of(prev_end - 1)
    return 0 <= gap_para <= 1 and s - tx.sent[_last_token_before(tx, prev_end)] <= 2


# ---------------------------------------------------------------------------------------------
# assembly


def _add(tx: _Text, found: list[_Found], f: _Found | None) -> None:
    if f is None or not f.content:
        return
    _claim(tx, f, True)
    found.append(f)


def _finish(tx: _Text, found: list[_Found]) -> list[Attribution]:
    body = tx.body
    out = []
    found.sort(key=lambda f: (f.cue or f.content[0])[0])
    quote_starts = [q.start for q in tx.quotes]
    for f in found:
        content = tuple(sorted(sp for sp in (_trim(body, a, b) for a, b in f.content) if sp[1] > sp[0]))
        if not content or _act_on_a_thing(tx, f) or _undoes_a_thing(tx, f):
            continue
        source = _trim(body, *f.source) if f.source else None
        if source is not None and source[1] <= source[0]:
            source = None
        balanced = all(_balanced(tx, quote_starts, sp) for sp in content)
        conf = f.confidence * (1.0 if balanced else 0.85)
        out.append(Attribution(
            id=f"a{len(out) + 1}", source=source, cue=f.cue, content=content,
            kind=f.kind or _kind(body, f, content),
            confidence=round(max(0.05, min(0.99, conf)), 3), sentence=tx.doc_sent[f.tokens[0]],
            cue_lemma=f.entry.cue if f.entry else None))
    return out


_CLAUSE_OPENERS = frozenset("that how what why whether if when where who which :".split())
_POSITIONS = frozenset("position positions stance stances view views course support endorsement "
                       "record himself herself themselves itself".split())


def _undoes_a_thing(tx: _Text, f: _Found) -> bool:
    """Whether a weak retraction verb ("withdraw", "reverse", "correct") undoes a thing, not
    something said: it is a retraction only when its object names a statement or a position
    ("withdrew his remarks", "reversed his stance", "corrected the record") or it takes a
    clause or a quote; "withdrew all forces", "forced to withdraw after ...", "reversed the
    ruling" are acts. Cannot handle: a statement named by a noun outside the cue lexicon."""
    e = f.entry
    if e is None or e.cls != "retract" or e.strength > 0.6 or e.pos != "verb" or len(f.content) != 1:
        return False
    lo, hi = _first_token_from(tx, f.content[0][0]), _last_token_before(tx, f.content[0][1])
    for m in range(lo, min(hi + 1, lo + 6)):
        w = tx.low[m]
        if w in _CLAUSE_OPENERS or tx.is_quote_mark(m) or w in _POSITIONS or readings(w)[1] is not None:
            return False
    return True


def _act_on_a_thing(tx: _Text, f: _Found) -> bool:
    """Whether a verb cue marked ``act`` in the lexicon has only a plain noun phrase after
    it, up to a preposition, with no clause, quote or colon in it: "writes moving letter to
    teacher after he retires", "Woman adds a third floor", "Shop is planning an app",
    "Climber dubbed Spider Man". The verb then reports an act, not someone's words or
    thoughts; "told reporters about the plan" keeps its topic as content. Cannot
    handle: a noun phrase that stands for a statement ("told a story about the war" is an
    act here too); untagged text keeps every attribution."""
    e = f.entry
    if e is None or not e.acts_on_object or e.pos != "verb" or not tx.tagged or len(f.content) != 1:
        return False
    lo, hi = _first_token_from(tx, f.content[0][0]), _last_token_before(tx, f.content[0][1])
    if hi < lo or tx.low[lo] in _CLAUSE_OPENERS:
        return False
    m = lo
    while m <= hi and not (m > lo and (tx.tag(m) in ("IN", "TO") or tx.low[m] == ",")):
        if _verb_in_phrase(tx, m, hi) or tx.is_quote_mark(m) or tx.low[m] in _CLAUSE_OPENERS:
            return False  # a clause or a quote: "told reporters the plan was dead"
        m += 1
    if m <= hi and (tx.low[m] in _CLAUSE_OPENERS or tx.low[m] in _TOPIC_PREPOSITIONS):
        return False  # "told reporters that ...", "told reporters about the plan": the content
    return m > lo  # the object ends at another preposition: "writes a letter to her teacher"


_TOPIC_PREPOSITIONS = frozenset("about of on over regarding concerning".split())
"""Prepositions that introduce what was said ("told reporters about the plan")."""


def _verb_in_phrase(tx: _Text, m: int, hi: int) -> bool:
    """A verb at ``m``, not a participle before a noun ("a moving letter")."""
    tag = tx.tag(m)
    if tag in ("VBG", "VBN"):
        return m >= hi or not tx.tag(m + 1).startswith(("NN", "JJ"))
    return tag.startswith(("VB", "MD"))


def _trim(body: str, a: int, b: int) -> Span:
    while a < b and body[a].isspace():
        a += 1
    while b > a and body[b - 1].isspace():
        b -= 1
    return a, b


def _balanced(tx: _Text, quote_starts: list[int], span: Span) -> bool:
    """No unbalanced quotation overlaps ``span``."""
    q = max(0, bisect_right(quote_starts, span[0]) - 1)
    while q < len(tx.quotes) and tx.quotes[q].start < span[1]:
        if tx.quotes[q].end > span[0] and not tx.quotes[q].balanced:
            return False
        q += 1
    return True


def _kind(body: str, f: _Found, content: tuple[Span, ...]) -> str:
    if f.entry is not None and f.entry.cue == "according to":
        return "according_to"
    quoted = [body[a] in DOUBLE + "‘'`" and body[b - 1] in DOUBLE + "’'" for a, b in content]
    if all(quoted):
        return "direct"
    if any(quoted) or any(any(ch in DOUBLE for ch in body[a:b]) or "''" in body[a:b] for a, b in content):
        return "mixed"
    if f.entry is not None and f.entry.pos == "noun":
        return "other"
    return "indirect"
