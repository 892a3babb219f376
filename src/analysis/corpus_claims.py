"""Claims across a corpus: one history per claim, over articles, outlets and dates.

Each article's claims (``claims.group_claims``) are linked to the claims of other articles that
state the same proposition, so that a claim first reported by one outlet and denied or
retracted in later articles reads as one history, in time order.

Linking uses an inverted index over the claims' content terms (stems and synonym concepts), not
all pairs: a claim meets only the claims that share at least two of its *distinctive* terms
(document frequency at most ``MAX_DF_SHARE`` of the claims, but at least 50 and at most
``MAX_POSTINGS``), and each candidate pair is scored by the IDF-weighted cosine of their term sets (not an overlap
coefficient: a two-word claim inside a long one is no match). A link needs ``LINK_SCORE`` and ``MIN_SHARED`` shared terms, and no conflict of particulars (both
name people, places or numbers, and share none: ``claims.conflict``); the bar is set high on purpose: the same
topic is not the same claim (a speaker deploring hate crimes says nothing about crime figures),
and a missed link is better than a false one. Every link keeps its score.

Polarity needs no alignment across articles (it is always toward the positive form of the
content); relations and fate are settled again over the whole history with the same rules as
within an article (``claims.settle``): parties are the corpus-stable speaker ids plus their
affiliations.

Cannot handle: paraphrases that share fewer than ``MIN_SHARED`` terms, claims about a
different event that happen to share names and a predicate (guarded only by the score), and
chaining: single-link clusters can join two claims through a third.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Iterable, Protocol

import pandas as pd

from .articles import Article
from .claims import Claim, ClaimStatement, conflict, date_key, settle

LINK_SCORE = 0.6
"""Least IDF-weighted cosine of two articles' claims (term sets) for a link."""
MIN_SHARED = 3
"""Least number of shared terms for a link."""
MAX_DF_SHARE = 0.01
MAX_POSTINGS = 2000


class HasClaims(Protocol):
    article: Article
    claims: list[Claim]


@dataclass(frozen=True)
class _Record:
    doc_id: str
    outlet: str | None
    published: str | None
    claim: Claim
    when: str


@dataclass
class CorpusClaims:
    """Linked claims of a corpus, as DataFrames.

    - ``history``: one row per statement: ``corpus_claim``, ``fate``, ``proposition``,
      ``first_asserted_by``, ``first_asserted_on``, ``first_outlet``, ``doc_id``, ``outlet``,
      ``published``, ``claim`` (the article's claim id), ``attribution``, ``speaker``,
      ``speaker_id``, ``stance``, ``polarity`` (toward the corpus claim), ``said_on``,
      ``relation``, ``link_score`` (how its article's claim joined; 1.0 for the first), ``text``;
      in time order within each claim.
    - ``claims``: one row per corpus claim with its fate and counts.
    - ``links``: every link between two articles' claims with its score and shared terms.
    """

    history: pd.DataFrame
    claims: pd.DataFrame
    links: pd.DataFrame = field(default_factory=pd.DataFrame)


HISTORY_COLUMNS = ["corpus_claim", "fate", "proposition", "first_asserted_by",
                   "first_asserted_on", "first_outlet", "doc_id", "outlet", "published", "claim",
                   "attribution", "speaker", "speaker_id", "stance", "polarity", "said_on",
                   "relation", "link_score", "text"]
CLAIM_COLUMNS = ["corpus_claim", "proposition", "fate", "first_asserted_by", "first_asserted_on",
                 "first_outlet", "statements", "articles", "outlets"]
LINK_COLUMNS = ["doc_a", "claim_a", "doc_b", "claim_b", "score", "shared"]


def _records(items: Iterable[HasClaims]) -> list[_Record]:
    records = []
    for item in items:
        article = item.article
        published = getattr(item, "published", None) or article.published
        pub = published.isoformat() if isinstance(published, date) else published
        for claim in item.claims:
            if not claim.history or not claim.terms:
                continue
            first = claim.history[0]
            records.append(_Record(article.doc_id, article.outlet, pub, claim,
                                   date_key(first.said_on or pub)))
    return records


def find_links(records: list[_Record]) -> list[tuple[int, int, float, int]]:
    """(i, j, score, shared terms) for every linked pair of records, through an inverted
    index: cost grows with the postings of distinctive terms, not with the square of the
    corpus."""
    n = len(records)
    df: Counter[str] = Counter()
    for r in records:
        df.update(r.claim.terms)
    idf = {t: math.log((n + 1) / c) + 0.1 for t, c in df.items()}
    cap = min(MAX_POSTINGS, max(50, int(MAX_DF_SHARE * n)))
    postings: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        for t in r.claim.terms:
            if df[t] <= cap and df[t] > 1:
                postings.setdefault(t, []).append(i)
    weight = [sum(idf[t] for t in r.claim.terms) for r in records]
    links = []
    for i, r in enumerate(records):
        hits: Counter[int] = Counter()
        for t in r.claim.terms:
            for j in postings.get(t, ()):
                if j > i:
                    hits[j] += 1
        terms_i = set(r.claim.terms)
        for j, count in hits.items():
            if count < 2 or records[j].doc_id == r.doc_id:
                continue
            other = records[j].claim
            if conflict(r.claim.specifics, terms_i, other.specifics, set(other.terms)):
                continue
            shared = terms_i.intersection(other.terms)
            if len(shared) < MIN_SHARED:
                continue
            # cosine, not the overlap coefficient: a short claim inside a long one is no match
            score = sum(idf[t] for t in shared) / math.sqrt(weight[i] * weight[j])
            if score >= LINK_SCORE:
                links.append((i, j, round(score, 3), len(shared)))
    return links


def link_claims(items: Iterable[HasClaims]) -> CorpusClaims:
    """Link the claims of many articles (``Extraction`` objects, or anything with ``.article``
    and ``.claims``) into corpus claims ``k1``, ``k2``... numbered in time order."""
    records = _records(items)
    links = find_links(records)
    parent = list(range(len(records)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    best = [0.0] * len(records)
    for i, j, score, _ in links:
        parent[find(j)] = find(i)
        best[i] = max(best[i], score)
        best[j] = max(best[j], score)
    groups: dict[int, list[int]] = {}
    for i in range(len(records)):
        groups.setdefault(find(i), []).append(i)

    ordered = sorted(groups.values(), key=lambda g: min((records[i].when, records[i].doc_id)
                                                        for i in g))
    history_rows, claim_rows = [], []
    for number, members in enumerate(ordered, start=1):
        kid = f"k{number}"
        statements: list[tuple[tuple, ClaimStatement, _Record, float]] = []
        for i in members:
            r = records[i]
            for k, s in enumerate(r.claim.history):
                key = (date_key(s.said_on or r.published), r.published or "~", r.doc_id, k)
                statements.append((key, s, r, 1.0 if len(members) == 1 else best[i]))
        statements.sort(key=lambda x: x[0])
        history = [replace(s, doc_id=r.doc_id, outlet=r.outlet, published=r.published)
                   for _, s, r, _ in statements]
        settled, fate = settle(history)
        asserted = next((s for s in settled if s.relation == "assertion"), settled[0])
        first_record = statements[0][2]
        proposition = asserted.text
        for (_, _, r, score), s in zip(statements, settled):
            history_rows.append({
                "corpus_claim": kid, "fate": fate, "proposition": proposition,
                "first_asserted_by": asserted.speaker, "first_asserted_on": asserted.said_on or
                asserted.published, "first_outlet": first_record.outlet, "doc_id": r.doc_id,
                "outlet": r.outlet, "published": r.published, "claim": r.claim.id,
                "attribution": s.attribution, "speaker": s.speaker, "speaker_id": s.speaker_id,
                "stance": s.stance, "polarity": s.polarity, "said_on": s.said_on,
                "relation": s.relation, "link_score": 1.0 if r is first_record else score,
                "text": s.text})
        claim_rows.append({
            "corpus_claim": kid, "proposition": proposition, "fate": fate,
            "first_asserted_by": asserted.speaker,
            "first_asserted_on": asserted.said_on or asserted.published,
            "first_outlet": first_record.outlet, "statements": len(settled),
            "articles": len({records[i].doc_id for i in members}),
            "outlets": len({records[i].outlet for i in members if records[i].outlet})})
    link_rows = [{"doc_a": records[i].doc_id, "claim_a": records[i].claim.id,
                  "doc_b": records[j].doc_id, "claim_b": records[j].claim.id, "score": score,
                  "shared": shared} for i, j, score, shared in links]
    return CorpusClaims(history=pd.DataFrame(history_rows, columns=HISTORY_COLUMNS),
                        claims=pd.DataFrame(claim_rows, columns=CLAIM_COLUMNS),
                        links=pd.DataFrame(link_rows, columns=LINK_COLUMNS))


def corpus_claims(inputs: Iterable[str], published: date | None = None,
                  errors: list | None = None) -> CorpusClaims:
    """Read and extract every article of ``inputs`` (files, directories, ``.jsonl``) and link
    their claims. Bad articles are skipped and appended to ``errors`` when given."""
    from .articles import iter_articles
    from .errors import InputError
    from .extract import extract

    extractions = []
    for item in iter_articles(list(inputs)):
        if isinstance(item, InputError):
            if errors is not None:
                errors.append(item)
            continue
        extractions.append(extract(item, published=published))
    return link_claims(extractions)


def write_parquet(result: CorpusClaims, path: str) -> None:
    """Write the history table to ``path`` atomically (temporary file, then rename)."""
    from .atomic import atomic_write

    with atomic_write(path, "wb") as handle:
        result.history.to_parquet(handle, index=False)
