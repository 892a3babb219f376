"""One exception type per kind of user mistake.

Every error names the input (file, or ``file:line`` for JSON lines) and the reason, so that
the CLI can print it as one line and a batch can report it and go on with the next article.
"""

from __future__ import annotations

from dataclasses import dataclass


class AnalysisError(Exception):
    """Base of every error the package raises on purpose."""


class InputError(AnalysisError):
    """A bad input article. ``str(err)`` is the one-line message for the user."""

    reason = "bad input"

    def __init__(self, source: str, detail: str | None = None):
        self.source = source
        self.detail = detail
        super().__init__(f"{source}: {self.reason}" + (f" ({detail})" if detail else ""))


class InputNotFoundError(InputError):
    reason = "no such file or directory"


class EmptyArticleError(InputError):
    reason = "empty article (no text after the front matter)"


class BinaryFileError(InputError):
    reason = "binary file, not text"


class UndecodableError(InputError):
    reason = "cannot decode as UTF-8 or UTF-16 with a BOM"


class FrontMatterError(InputError):
    reason = "broken front matter"


class BadDateError(InputError):
    reason = "not a date (expected YYYY-MM-DD)"


class ArticleTooLargeError(InputError):
    reason = "article too large"


class BadRecordError(InputError):
    reason = "bad JSON lines record"


class NotebookError(AnalysisError):
    """A report notebook failed while running; the report is not written."""


@dataclass(frozen=True)
class Failure:
    """An article that could not be processed, and why (one row of the ``failures`` table)."""

    doc_id: str | None
    """The file stem for a `.txt`; ``None`` when the input never got as far as having one."""
    source: str
    """The input: a path, or ``path:line`` for JSON lines."""
    error: str
    """The exception type: ``BinaryFileError``, ``EmptyArticleError``, ... or a bug's type."""
    reason: str
    """The one-line reason, without the source."""

    @property
    def message(self) -> str:
        return f"{self.source}: {self.reason}"
