"""Claims: statements about the same proposition, with polarity, and what became of them.

Statements (attributions) are grouped when their contents share enough content terms: Porter
stems of content words outside a stop list, folded through a small near-synonym table
("informed" ~ "warned" ~ "notification"), with numbers and names weighing more. A pair links
(``link``) when the weighted overlap coefficient is at least ``LINK_SCORE``, at least two
terms are shared of which one is a content word (names alone make no claim), and the two do
not name different particulars (``conflict``: both have names or numbers and share none of
them). Grouping is anchored (``_group``): a statement joins its best match's claim only if it
also shares a content word with that claim's first statement or two of its members, so that
chains of pairwise matches do not grow one claim over a whole article. Refusals and
referrals state no proposition and join no claim.

Polarity: a statement is *for* its content unless the content's main clause is negated or calls
something false; a denying cue (deny, dispute, retract) or a negated telling cue ("did not
inform", "failed to inform") flips it. The claim's proposition is the positive form of the
statements' content (claims are mostly that something happened; denials and negations are
against), so polarity is comparable across statements and across articles without any
re-orientation: 1 for, -1 against.

What became of it (``settle``), in time order (``said_on``, then reading order): the first
statement for the proposition is the assertion; a later statement against it by the same party
(the same speaker, or speakers whose organisations nest: a spokesperson of a council that is
part of the White House speaks for the White House) is a **retraction**; by another party a
**contradiction** (or a **dispute** when it only disputes, hedges or questions); for it by
another party a **confirmation** (acknowledge) or **support**. Fate: ``retracted`` when the
asserting side's latest word is against, else ``contradicted``, ``disputed``, ``confirmed``,
``standing``. A statement that reverses its own side and was read as a denial only because its
content is negated ("the White House said the Iraqis had no warning") is re-labelled
``acknowledge``: it concedes.

Cannot handle: paraphrase beyond the synonym table (two statements about one event in
different words stay apart: a missed link is preferred to a false one), claims spread over
several attributions, scope of quantifiers ("some" vs "all"), and the speaker's side when the
speakers stage gives no affiliation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from . import datafiles
from .attributions import Attribution
from .document import Document
from .speakers import Speaker, Speakers, speaker_id
from .stance import SentenceIndex, cue_class, lexicons, negated_at, scan, _falsity

if TYPE_CHECKING:  # pandas is imported where a frame is built; extraction never needs it
    import pandas as pd

LINK_SCORE = 0.4
"""Least weighted overlap coefficient for two statements of one article to join a claim."""
MIN_SHARED = 2
"""Least number of shared terms for a link."""
FATES = ("standing", "disputed", "contradicted", "retracted", "confirmed")
RELATIONS = ("assertion", "repetition", "support", "confirmation", "dispute", "contradiction",
             "retraction")
NO_PROPOSITION = frozenset({"refuse", "refer"})
AGAINST_CUES = frozenset({"deny", "dispute", "retract"})
_NUMBER = re.compile(r"^\d[\d,.]*%?$")
_NAMES = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:of\s+|for\s+|the\s+)?[A-Z][\w’'.-]*)*")


@dataclass(frozen=True)
class ClaimStatement:
    """One statement in a claim's history."""

    attribution: str
    speaker: str | None
    speaker_id: str | None
    party: tuple[str, ...]
    """The speaker and every organisation it speaks for (ids), for same-side tests."""
    stance: str
    polarity: int
    said_on: str | None
    relation: str
    """One of ``RELATIONS``: what this statement does to the claim."""
    text: str = ""
    cue_class: str | None = None
    """The cue's class in the cue lexicon (``assert`` for "said"), to tell a denial read from
    a negated content from one made with a denying verb."""
    doc_id: str | None = None
    outlet: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Claim:
    id: str
    statements: tuple[str, ...]
    """Attribution ids, in time order (``said_on``, then reading order)."""
    fate: str
    """``standing``, ``disputed``, ``contradicted``, ``retracted`` or ``confirmed``."""
    proposition: str = ""
    """The content of the first statement for the claim (its text), as a label."""
    first_asserted_by: str | None = None
    first_asserted_on: str | None = None
    history: tuple[ClaimStatement, ...] = ()
    terms: tuple[str, ...] = ()
    """Content terms of all statements, for linking claims across articles."""
    specifics: tuple[str, ...] = ()
    """The names and numbers among ``terms``: claims about different particulars never link."""

    @property
    def retractions(self) -> tuple[str, ...]:
        """Attribution ids that reverse their own side's assertion."""
        return tuple(s.attribution for s in self.history if s.relation == "retraction")

    @property
    def contradictions(self) -> tuple[str, ...]:
        """Attribution ids that oppose another party's assertion."""
        return tuple(s.attribution for s in self.history if s.relation == "contradiction")


@dataclass(frozen=True)
class Claims:
    claims: list[Claim] = field(default_factory=list)
    of_attribution: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Attribution id -> (claim id, polarity)."""
    stances: dict[str, str] = field(default_factory=dict)
    """Stances revised by what the claim shows (a negated "said" that reverses its own side's
    assertion is an acknowledgement); merge over the stance stage's."""

    def frame(self) -> pd.DataFrame:
        return claims_frame(self.claims)


# --- terms ----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(w for line in datafiles.lines("stance", "stopwords.txt") for w in line.split())


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    table = {}
    for line in datafiles.lines("stance", "synonyms.tsv"):
        concept, _, words = line.partition("\t")
        for word in words.split():
            table[_stem(word)] = "=" + concept
    return table


_STEMS: dict[str, str] = {}


def _stem(word: str) -> str:
    """Porter stem of a lower-case word, cached (the stemmer is the costly step). The cache
    starts with the stems of the words of EWT (``resources/stems/``, built by the same stemmer:
    ``scripts/build_stems.py``)."""
    if not _STEMS:
        _STEMS.update((row[0], row[-1]) for row in datafiles.rows("stems", "porter_ewt.tsv"))
    stem = _STEMS.get(word)
    if stem is None:
        stem = _porter().stem(word)
        if len(_STEMS) < 500_000:
            _STEMS[word] = stem
    return stem


@lru_cache(maxsize=1)
def _porter():
    from .nltk_modules import porter

    return porter.PorterStemmer()


_TERM: dict[str, tuple[str | None, float, bool]] = {}


def _term(text: str) -> tuple[str | None, float, bool]:
    """(term or None, weight, capitalised) of one token text, cached."""
    cached = _TERM.get(text)
    if cached is not None:
        return cached
    clean = text.replace("’", "'")
    if clean.endswith("'s"):
        clean = clean[:-2]
    low = clean.lower()
    if _NUMBER.match(low):
        result: tuple[str | None, float, bool] = (low.replace(",", ""), 2.0, False)
    elif not low[:1].isalpha() or len(low) < 2 or low in _stopwords() \
            or low in lexicons().negators or low.endswith("n't"):
        result = (None, 0.0, False)
    else:
        stem = _stem(low)
        result = (_synonyms().get(stem) or stem, 1.0, clean[:1].isupper())
    if len(_TERM) < 500_000:
        _TERM[text] = result
    return result


def content_terms(tokens) -> dict[str, float]:
    """Content term -> weight for a list of tokens: numbers 2, names 1.5, other words 1."""
    terms: dict[str, float] = {}
    for k, token in enumerate(tokens):
        term, weight, capital = _term(token.text)
        if term is None:
            continue
        if weight == 1.0 and k > 0 and (capital or token.tag in ("NNP", "NNPS")):
            weight = 1.5
        if terms.get(term, 0.0) < weight:
            terms[term] = weight
    return terms


def conflict(a_specific, a_terms, b_specific, b_terms) -> bool:
    """Whether two statements are about different particulars: both name specifics (names,
    numbers) and neither's specifics occur in the other ("the factory in X was inspected" vs
    "the factory in Y was inspected"). The same topic is not the same claim."""
    return bool(a_specific) and bool(b_specific) and not any(t in b_terms for t in a_specific) \
        and not any(t in a_terms for t in b_specific)


def specifics(terms: dict[str, float]) -> set[str]:
    """The names and numbers among the terms (weight above 1)."""
    return {t for t, w in terms.items() if w > 1.0}


def overlap(a: dict[str, float], b: dict[str, float]) -> tuple[float, int]:
    """(weighted overlap coefficient, number of shared terms)."""
    if len(a) > len(b):
        a, b = b, a
    shared = [t for t in a if t in b]
    if not shared:
        return 0.0, 0
    weight = sum(min(a[t], b[t]) for t in shared)
    return weight / min(sum(a.values()), sum(b.values())), len(shared)


# --- parties and dates ----------------------------------------------------------------------

def party_of(speaker: Speaker | None, speakers: Speakers | None, fallback: str | None) -> tuple[str, ...]:
    """The speaker's id and the ids of the organisations it speaks for, following
    ``affiliation`` (and a ``parent`` attribute, if the speakers stage gives one) through the
    entities of the article: NSC spokesperson -> National Security Council -> White House.
    Without a resolved speaker, the source text and the multiword names in it ("White House
    national security spokesman" speaks for "White House")."""
    if speaker is None:
        if not fallback:
            return ()
        names = _NAMES.findall(fallback)
        return tuple(dict.fromkeys([speaker_id(fallback, "source")] +
                                   [speaker_id(n, "organization") for n in names if " " in n]))
    chain = [speaker.id]
    by_name = {}
    if speakers is not None:
        by_name = {s.name.lower(): s for s in speakers.entities}
    current: Speaker | None = speaker
    for _ in range(6):
        if current is None:
            break
        parents = [getattr(current, "parent", None), current.affiliation]
        nxt = None
        for name in parents:
            if not name:
                continue
            pid = speaker_id(name, "organization")
            if pid not in chain:
                chain.append(pid)
                nxt = nxt or by_name.get(name.lower())
        current = nxt
    return tuple(chain)


def date_key(value: str | None) -> str:
    """A sortable key for an ISO date, month (``2024-01``) or week (``2024-W05``); ``~`` (after
    every date) when unknown."""
    if not value:
        return "~"
    m = re.match(r"^(\d{4})-W(\d{2})", value)
    if m:
        try:
            return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
        except ValueError:
            return value
    return value


# --- settle: relations and fate -------------------------------------------------------------

def settle(history: list[ClaimStatement]) -> tuple[list[ClaimStatement], str]:
    """Relations of a claim's statements (already in time order) and its fate."""
    asserter = next((s for s in history if s.polarity == 1), None)
    if asserter is None:
        asserter = history[0]
    side = set(asserter.party)
    result: list[ClaimStatement] = []
    side_latest = asserter.polarity
    seen = set()
    start = next(i for i, s in enumerate(history) if s is asserter)
    for k, s in enumerate(history):
        same = s is asserter or bool(side & set(s.party))
        if s is asserter:
            relation = "assertion"
        elif s.polarity == asserter.polarity:
            relation = "repetition" if same else (
                "confirmation" if s.stance == "acknowledge" else "support")
        elif same:
            relation = "retraction"
        elif s.stance in ("dispute", "hedge", "question"):
            relation = "dispute"
        else:
            relation = "contradiction"
        if same and k >= start:
            side_latest = s.polarity
        seen.add(relation)
        stance = s.stance
        if relation == "retraction" and stance == "deny" and s.cue_class in ("assert", "hedge"):
            stance = "acknowledge"  # a negated "said" that reverses its own side concedes
        result.append(ClaimStatement(**{**s.__dict__, "relation": relation, "stance": stance}))
    if side_latest != asserter.polarity and "retraction" in seen:
        fate = "retracted"
    elif "contradiction" in seen:
        fate = "contradicted"
    elif "dispute" in seen or "retraction" in seen:
        fate = "disputed"
    elif "confirmation" in seen:
        fate = "confirmed"
    else:
        fate = "standing"
    return result, fate


# --- within one article ---------------------------------------------------------------------

def group_claims(doc: Document, attributions: list[Attribution], speakers: Speakers,
                 stances: dict[str, str], dates: dict[str, str | None]) -> Claims:
    """Group the article's statements into claims (ids ``c1``, ``c2``... in reading order of
    their first statement), with polarity, relations and fate."""
    sentences = SentenceIndex.of(doc)
    lex = lexicons()
    published = doc.article.published.isoformat() if doc.article.published else None
    items = []
    for order, a in enumerate(attributions):
        stance = stances.get(a.id, "assert")
        if stance in NO_PROPOSITION or not a.content:
            continue
        tokens = [t for start, end in a.content for t in sentences.span_tokens(start, end)]
        terms = content_terms(tokens)
        if not terms:
            continue
        words = [w for start, end in a.content for w in sentences.span_words(start, end)]
        hits = scan(words)
        false, false_negated = _falsity(words, 0, len(words), lex, hits)
        negated = (negated_at(words, 0, len(words), lex, hits=hits) >= 0) != \
            (false and not false_negated)
        cls = cue_class(doc, a)
        flip = cls in AGAINST_CUES or (cls == "assert" and _cue_negated(doc, a, sentences))
        raw = (-1 if negated else 1) * (-1 if flip else 1)
        items.append((order, a, terms, raw, negated, cls))
    if not items:
        return Claims()

    groups = _group(items)

    body = doc.body
    claims: list[Claim] = []
    of_attribution: dict[str, tuple[str, int]] = {}
    revised: dict[str, str] = {}
    for number, members in enumerate(groups, start=1):
        cid = f"c{number}"
        members.sort(key=lambda i: (date_key(dates.get(items[i][1].id) or published), i))
        first = next((items[i] for i in members if items[i][3] == 1), items[members[0]])
        history = []
        terms: set[str] = set()
        specific_terms: set[str] = set()
        for i in members:
            _, a, t, raw, _, cls = items[i]
            terms.update(t)
            specific_terms.update(specifics(t))
            sid = speakers.of_attribution.get(a.id)
            who = speakers.by_id(sid)
            source = body[a.source[0]:a.source[1]] if a.source else None
            history.append(ClaimStatement(
                attribution=a.id, speaker=who.name if who else source, speaker_id=sid,
                party=party_of(who, speakers, source), stance=stances.get(a.id, "assert"),
                polarity=raw, said_on=dates.get(a.id), relation="",
                text=" … ".join(body[s:e] for s, e in a.content), cue_class=cls,
                doc_id=doc.article.doc_id,
                outlet=doc.article.outlet, published=published))
        settled, fate = settle(history)
        for s, before in zip(settled, history):
            of_attribution[s.attribution] = (cid, s.polarity)
            if s.stance != before.stance:
                revised[s.attribution] = s.stance
        asserted = next((s for s in settled if s.relation == "assertion"), settled[0])
        claims.append(Claim(
            id=cid, statements=tuple(s.attribution for s in settled), fate=fate,
            proposition=" … ".join(body[s:e] for s, e in first[1].content),
            first_asserted_by=asserted.speaker, first_asserted_on=asserted.said_on,
            history=tuple(settled), terms=tuple(sorted(terms)),
            specifics=tuple(sorted(specific_terms))))
    return Claims(claims=claims, of_attribution=of_attribution, stances=revised)


def _group(items: list) -> list[list[int]]:
    """Group statements (``items[i][2]`` are their terms) in reading order, anchor-style: a
    statement joins the claim of the best-matching earlier statement (``link``) only if it
    also shares a content word with that claim's first statement or with two of its members,
    so chains of pairwise matches ("Trump ... Clinton", "Clinton ... trade", "trade ... jobs")
    cannot grow one claim over a whole article. Candidates come from an inverted index."""
    specific = [specifics(item[2]) for item in items]
    postings: dict[str, list[int]] = {}
    claim_of: list[int] = []
    groups: list[list[int]] = []
    for i, item in enumerate(items):
        terms = item[2]
        met: dict[int, int] = {}
        for term in terms:
            for j in postings.get(term, ()):
                met[j] = met.get(j, 0) + 1
        best, best_score = -1, 0.0
        for j, count in met.items():
            if count < MIN_SHARED:
                continue
            score = link(terms, specific[i], items[j][2], specific[j])
            if score <= best_score:
                continue
            members = groups[claim_of[j]]
            if _shares_content(terms, items[members[0]][2]) or \
                    sum(_shares_content(terms, items[m][2]) for m in members) >= 2:
                best, best_score = claim_of[j], score
        if best < 0:
            best = len(groups)
            groups.append([])
        groups[best].append(i)
        claim_of.append(best)
        for term in terms:
            postings.setdefault(term, []).append(i)
    return groups


def link(a: dict[str, float], a_specific: set[str], b: dict[str, float],
         b_specific: set[str]) -> float:
    """The score of a link between two statements of one article (0 when they do not link):
    the weighted overlap coefficient, at least ``LINK_SCORE`` with ``MIN_SHARED`` shared terms
    of which one is a content word (names alone do not make a claim), and no conflict of
    particulars."""
    score, shared = overlap(a, b)
    if score < LINK_SCORE or shared < MIN_SHARED or not _shares_content(a, b) or \
            conflict(a_specific, a, b_specific, b):
        return 0.0
    return score


def _shares_content(a: dict[str, float], b: dict[str, float]) -> bool:
    """Whether the two share a term that is not a name or a number."""
    return any(w == 1.0 and t in b and b[t] == 1.0 for t, w in a.items())


def _cue_negated(doc: Document, a: Attribution, sentences: SentenceIndex) -> bool:
    """Whether a telling cue is itself negated or under a negative implicative: "did not
    inform", "failed to inform" (the statement is against its content)."""
    if a.cue is None or not 0 <= a.sentence < len(doc.sentences):
        return False
    sent = sentences.words(a.sentence)
    lo, hi = sent.at(a.cue[0]), sent.at(a.cue[1])
    lex = lexicons()
    window = sent.words[max(lo - 3, 0):hi]
    return any(w in lex.negators for w in window) or \
        lex.negative_verbs.first(window) is not None


CLAIM_COLUMNS = ["claim", "fate", "proposition", "first_asserted_by", "first_asserted_on",
                 "attribution", "speaker", "speaker_id", "stance", "polarity", "said_on",
                 "relation", "text", "doc_id", "outlet", "published"]


def claims_frame(claims: list[Claim]) -> pd.DataFrame:
    """The claims table: one row per statement, in each claim's time order, with the claim's
    fate and who first asserted it when."""
    rows = []
    for c in claims:
        for s in c.history:
            rows.append({"claim": c.id, "fate": c.fate, "proposition": c.proposition,
                         "first_asserted_by": c.first_asserted_by,
                         "first_asserted_on": c.first_asserted_on, "attribution": s.attribution,
                         "speaker": s.speaker, "speaker_id": s.speaker_id, "stance": s.stance,
                         "polarity": s.polarity, "said_on": s.said_on, "relation": s.relation,
                         "text": s.text, "doc_id": s.doc_id, "outlet": s.outlet,
                         "published": s.published})
    import pandas as pd

    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)
