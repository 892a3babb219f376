"""The two NLTK modules we use, Punkt and the Porter stemmer, without importing all of NLTK.

``import nltk.tokenize.punkt`` first runs ``nltk/__init__.py``, which imports nearly every
NLTK package (parsers, classifiers, corpus readers, ...): 0.3 s at every start of `analysis`,
a tenth of a whole `analysis extract` run over a hundred articles. Punkt and Porter need only a
few small NLTK modules, so they are imported here with the ``__init__`` of the packages above
them skipped: while they load, ``nltk``, ``nltk.tokenize`` and ``nltk.stem`` stand in
``sys.modules`` as empty packages; afterwards every ``nltk`` entry is taken out of
``sys.modules`` again, so a later ``import nltk`` (a notebook's) gets the real, complete package
as if nothing had happened. The modules here stay private to `analysis`.

When ``nltk`` is imported already, the ordinary import is used (it costs nothing then).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType


def import_bare(*names: str) -> list[ModuleType]:
    """Import the NLTK modules ``names`` without running their packages' ``__init__`` files."""
    if "nltk" in sys.modules:
        return [importlib.import_module(name) for name in names]
    before = set(sys.modules)
    try:
        for name in names:
            parts = name.split(".")
            for i in range(1, len(parts)):
                package = ".".join(parts[:i])
                if package not in sys.modules:  # an empty package: its __path__, not its __init__
                    sys.modules[package] = importlib.util.module_from_spec(importlib.util.find_spec(package))
        return [importlib.import_module(name) for name in names]
    finally:
        for key in set(sys.modules) - before:
            if key == "nltk" or key.startswith("nltk."):
                del sys.modules[key]


try:
    punkt, porter = import_bare("nltk.tokenize.punkt", "nltk.stem.porter")
except Exception:  # a future NLTK whose modules need its __init__: the ordinary, slower import
    punkt, porter = (importlib.import_module(name) for name in ("nltk.tokenize.punkt", "nltk.stem.porter"))
