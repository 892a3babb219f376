"""Build the table of Porter stems the claims stage starts with (``resources/stems/``).

    python scripts/build_stems.py [EWT_DIR]

The claims stage stems every content word with NLTK's Porter stemmer, a pure-Python algorithm
(~15 microseconds a word): with a cache, still a twentieth of a whole run, paid again in every
worker process. This script stems, once, every lower-cased word form of UD English EWT train
and dev (CC BY-SA 4.0) that the claims stage could ask for (starting with a letter, two
characters or more) with that same stemmer, so the table holds exactly what the stemmer would
return; words not in it are still stemmed at run time. A word listed alone is its own stem.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from analysis.nltk_modules import porter  # noqa: E402  (the stemmer the claims stage uses)
from train_tagger import read_conllu  # noqa: E402

DEFAULT_EWT = ROOT.parent / "shared" / "data" / "ud_english_ewt"
OUT = ROOT / "src" / "analysis" / "resources" / "stems" / "porter_ewt.tsv"
HEADER = ("# Porter stems (NLTK's PorterStemmer, NLTK_EXTENSIONS mode) of the lower-cased word forms\n"
          "# of UD English EWT train and dev (CC BY-SA 4.0; this list is shared under CC BY-SA 4.0).\n"
          "# Built by scripts/build_stems.py. Columns: word, stem (absent: the word is its own stem).\n")


def main(argv: list[str]) -> None:
    ewt = Path(argv[0]) if argv else DEFAULT_EWT
    words = set()
    for name in ("en_ewt-ud-train.conllu", "en_ewt-ud-dev.conllu"):
        for sentence in read_conllu(ewt / name):
            words.update(form.lower() for form, _, _ in sentence)
    words = sorted(w for w in words if w[:1].isalpha() and len(w) >= 2 and "\t" not in w)
    stemmer = porter.PorterStemmer()
    rows = []
    for word in words:
        stem = stemmer.stem(word)
        rows.append(word if stem == word else f"{word}\t{stem}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} words -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
