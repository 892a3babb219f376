"""The one reader of the data files shipped in ``resources/`` (word lists and TSV lexicons).

Every lexicon is plain UTF-8 text: ``#`` lines say what the file holds and where it comes
from, blank lines are ignored, TSV columns are separated by tabs.
"""

from __future__ import annotations

from importlib import resources


def lines(*path: str) -> list[str]:
    """The content lines of ``resources/<path>`` (comments and blank lines skipped)."""
    text = resources.files("analysis").joinpath("resources", *path).read_text("utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def rows(*path: str) -> list[list[str]]:
    """The content lines of a TSV file, split at tabs."""
    return [line.split("\t") for line in lines(*path)]
