"""Who said what, when, with what stance, and what became of each claim."""

from .articles import Article, iter_articles, read_article
from .document import Document, parse
from .errors import AnalysisError, InputError
from .extract import Extraction, extract


def __getattr__(name: str) -> str:
    """``__version__``, looked up on first use: ``importlib.metadata`` would add 40 ms to every
    start of the command."""
    if name != "__version__":
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("analysis")
    except PackageNotFoundError:  # running from a source tree without installing
        value = "0.0.0+source"
    globals()["__version__"] = value
    return value


__all__ = ["Article", "Document", "Extraction", "AnalysisError", "InputError", "extract",
           "iter_articles", "parse", "read_article", "__version__"]
