"""When each statement was made (``said_on``). TODO(issue 5)."""

from __future__ import annotations

from datetime import date

from .attributions import Attribution
from .document import Document
from .timexes import Timex


def statement_dates(doc: Document, attributions: list[Attribution], timexes: list[Timex],
                    published: date | None) -> dict[str, str | None]:
    """Attribution id -> ISO date (or week/month) the statement was made, or ``None``."""
    return {a.id: None for a in attributions}
