"""Speakers: each attribution's source resolved to one entity. TODO(issue 4): the rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from .attributions import Attribution, Span
from .document import Document

SPEAKER_KINDS = ("person", "organization", "group", "anonymous", "outlet", "document")


@dataclass(frozen=True)
class Speaker:
    id: str
    """Stable across a corpus: derived from the canonical name and kind only."""
    name: str
    kind: str
    role: str | None = None
    affiliation: str | None = None
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Speakers:
    entities: list[Speaker] = field(default_factory=list)
    of_attribution: dict[str, str | None] = field(default_factory=dict)
    """Attribution id -> speaker id (``None`` when the source cannot be resolved)."""
    narrator: Speaker | None = None
    """The outlet, speaker of every sentence no one else speaks."""

    def by_id(self, speaker_id: str | None) -> Speaker | None:
        return next((s for s in self.entities if s.id == speaker_id), None)


def resolve_speakers(doc: Document, attributions: list[Attribution]) -> Speakers:
    outlet = doc.article.outlet
    narrator = Speaker(id=speaker_id(outlet, "outlet"), name=outlet, kind="outlet") if outlet else None
    return Speakers(entities=[narrator] if narrator else [], narrator=narrator)


def speaker_id(name: str, kind: str) -> str:
    """A slug of the canonical name: the same entity gets the same id in every article."""
    import re

    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or kind
