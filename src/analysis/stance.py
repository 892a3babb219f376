"""Stance of each statement and each sentence. TODO(issue 6)."""

from __future__ import annotations

from .attributions import Attribution
from .document import Document

STANCES = ("assert", "hedge", "acknowledge", "deny", "retract", "dispute", "refuse", "refer",
           "protest", "question")


def attribution_stances(doc: Document, attributions: list[Attribution]) -> dict[str, str]:
    return {a.id: "assert" for a in attributions}


def sentence_stances(doc: Document, attributions: list[Attribution],
                     stances: dict[str, str]) -> list[str]:
    return ["assert"] * len(doc.sentences)
