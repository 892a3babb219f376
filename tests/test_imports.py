import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")


def _run(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          check=True).stdout.strip()


def test_extract_path_imports_neither_all_of_nltk_nor_the_table_libraries():
    """`analysis extract` to JSON lines starts without NLTK's package, pandas, pyarrow, tqdm, dask."""
    out = _run("import sys, analysis.cli\n"
               "print(sorted(m for m in ('nltk', 'pandas', 'pyarrow', 'tqdm', 'dask', 'importlib.metadata')"
               " if m in sys.modules))")
    assert out == "[]"


def test_a_later_import_nltk_gets_the_complete_package():
    out = _run("from analysis.sentences import split_sentences\n"
               "import nltk\n"
               "print(nltk.tokenize.punkt.PunktSentenceTokenizer.__name__, nltk.stem.porter.PorterStemmer().stem('running'),"
               " hasattr(nltk, 'word_tokenize'), split_sentences('He left. She came.'))")
    assert out == "PunktSentenceTokenizer run True [(0, 8), (9, 18)]"


def test_version_is_looked_up_on_first_use():
    out = _run("import sys, analysis\n"
               "before = 'importlib.metadata' in sys.modules\n"
               "from importlib.metadata import PackageNotFoundError, version\n"
               "try:\n    expected = version('analysis')\n"
               "except PackageNotFoundError:\n    expected = '0.0.0+source'\n"
               "print(before, analysis.__version__ == expected)")
    assert out == "False True"
    env = {**os.environ, "PYTHONPATH": SRC}
    shown = subprocess.run([sys.executable, "-m", "analysis", "--version"], capture_output=True, text=True,
                           env=env)
    assert shown.returncode == 0 and shown.stdout.startswith("analysis ") and shown.stdout.count("\n") == 1


def test_punkt_falls_back_to_the_ordinary_import_when_the_bare_one_fails():
    out = _run("import importlib.util\n"
               "def broken(spec):\n    raise ImportError('simulated')\n"
               "importlib.util.module_from_spec = broken\n"
               "from analysis.nltk_modules import punkt, porter\n"
               "import sys\n"
               "print(punkt.__name__, porter.PorterStemmer().stem('running'), 'nltk' in sys.modules)")
    assert out == "nltk.tokenize.punkt run True"
