"""Hand-built attributions for stance and claims tests: spans are found by text search, so
the tests do not depend on the attribution stage's rules."""

from __future__ import annotations

from analysis.articles import Article
from analysis.attributions import Attribution
from analysis.document import Document, parse


def doc_of(text: str, doc_id: str = "t", **meta) -> Document:
    return parse(Article(doc_id=doc_id, body=text, **meta))


def find(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def attr(doc: Document, aid: str, source: str | None, cue: str | None, content: str | None,
         lemma: str | None = None, kind: str = "indirect", after: int = 0) -> Attribution:
    """An attribution whose spans are the first occurrences (from ``after``) of the texts."""
    text = doc.body
    cue_span = find(text, cue, after) if cue else None
    anchor = cue_span[0] if cue_span else after
    source_span = find(text, source, max(after, anchor - 200)) if source else None
    content_spans = (find(text, content, max(after, anchor - 300)),) if content else ()
    first = cue_span or content_spans[0]
    sentence = next(i for i, (s, e) in enumerate(doc.sentences) if s <= first[0] < e)
    return Attribution(id=aid, source=source_span, cue=cue_span, content=content_spans,
                       kind=kind, confidence=0.9, sentence=sentence,
                       cue_lemma=lemma if lemma is not None else (cue.lower() if cue else None))
