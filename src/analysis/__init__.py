"""Who said what, when, with what stance, and what became of each claim."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("analysis")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0+source"

from .articles import Article, iter_articles, read_article  # noqa: E402
from .document import Document, parse  # noqa: E402
from .errors import AnalysisError, InputError  # noqa: E402
from .extract import Extraction, extract  # noqa: E402

__all__ = ["Article", "Document", "Extraction", "AnalysisError", "InputError", "extract",
           "iter_articles", "parse", "read_article", "__version__"]
