"""Attributions: who said what (source, cue, content spans). TODO(issue 4): the rules."""

from __future__ import annotations

from dataclasses import dataclass

from .document import Document

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


def find_attributions(doc: Document) -> list[Attribution]:
    return []
