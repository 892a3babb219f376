"""Claims: statements about the same proposition, with polarity. TODO(issue 6)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .attributions import Attribution
from .document import Document
from .speakers import Speakers


@dataclass(frozen=True)
class Claim:
    id: str
    statements: tuple[str, ...]
    """Attribution ids, in reading order."""
    fate: str
    """``standing``, ``disputed``, ``contradicted``, ``retracted`` or ``confirmed``."""


@dataclass(frozen=True)
class Claims:
    claims: list[Claim] = field(default_factory=list)
    of_attribution: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Attribution id -> (claim id, polarity)."""


def group_claims(doc: Document, attributions: list[Attribution], speakers: Speakers,
                 stances: dict[str, str], dates: dict[str, str | None]) -> Claims:
    return Claims()
