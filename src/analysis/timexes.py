"""Time expressions (TimeML TIMEX3) normalised against the publication date.
TODO(issue 5): the rules and their data files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .document import Document

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str | None
    """TIMEX3 value; ``None`` when it cannot be resolved (e.g. no publication date)."""


def find_timexes(doc: Document, published: date | None) -> list[Timex]:
    return []
