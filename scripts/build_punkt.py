"""Learn the Punkt parameters the sentence splitter ships, as JSON (no pickles).

Training text, all of it licensed for shipping:

- UD English EWT train (CC BY-SA 4.0): the ``# text`` lines, one space between the sentences
  of a paragraph (``# newpar``) and a blank line between paragraphs and documents;
- the Wikinews articles (CC BY 2.5) and the sample article in ``data/raw/`` (bodies only).

Learned abbreviations are kept only when they look like abbreviations (an inner period, or at
most three letters): EWT's web text otherwise teaches Punkt that ``trainer.`` or ``void.`` are
abbreviations. The curated list ``abbreviations.txt`` (kinds ``title`` and ``abbrev``) is merged
in; ``number`` entries (``No.``) are left to the splitter, which treats them as abbreviations
only before a digit.

Importing ``analysis.sentences`` needs the shipped ``params.json`` (it is rewritten, never
required to be absent). Run from the repo root:  python scripts/build_punkt.py [EWT_TRAIN_CONLLU]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from nltk.tokenize.punkt import PunktTrainer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from analysis.articles import read_article  # noqa: E402
from analysis.sentences import _LangVars, _Token, abbreviation_kinds  # noqa: E402  (same tokenisation as at run time)

SHARED = ROOT.parent / "shared"
EWT_TRAIN = SHARED / "data" / "ud_english_ewt" / "en_ewt-ud-train.conllu"
RAW = ROOT / "data" / "raw"
OUT = ROOT / "src" / "analysis" / "resources" / "punkt"


def conllu_paragraphs(path: Path) -> list[list[list[str]]]:
    """Each document of a CoNLL-U file as its paragraphs (``# newpar``), each a list of the
    ``# text`` lines of its sentences."""
    documents: list[list[list[str]]] = []
    paragraphs: list[list[str]] = []
    sentences: list[str] = []

    def close_paragraph() -> None:
        if sentences:
            paragraphs.append(sentences.copy())
            sentences.clear()

    def close_document() -> None:
        close_paragraph()
        if paragraphs:
            documents.append(paragraphs.copy())
            paragraphs.clear()

    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("# newdoc"):
                close_document()
            elif line.startswith("# newpar"):
                close_paragraph()
            elif line.startswith("# text = "):
                sentences.append(line[len("# text = "):].rstrip("\n"))
    close_document()
    return documents


def conllu_documents(path: Path) -> list[str]:
    """Each document's text: one space between the sentences of a paragraph, a blank line
    between paragraphs."""
    return ["\n\n".join(" ".join(p) for p in doc) for doc in conllu_paragraphs(path)]


def plausible_abbreviation(typ: str) -> bool:
    return "." in typ or len(typ) <= 3


def main(ewt_train: Path = EWT_TRAIN) -> None:
    texts = conllu_documents(ewt_train)
    texts += [read_article(path).body for path in sorted(RAW.glob("*.txt"))]
    trainer = PunktTrainer(lang_vars=_LangVars(), token_cls=_Token)
    trainer.train("\n\n".join(texts), finalize=True)
    params = trainer.get_params()

    learned = {typ for typ in params.abbrev_types if plausible_abbreviation(typ)}
    curated = abbreviation_kinds()
    abbrev_types = learned | {typ for typ, kind in curated.items() if kind != "number"}
    abbrev_types -= {typ for typ, kind in curated.items() if kind == "number"}

    data = {
        "provenance": "Punkt (Kiss & Strunk 2006) parameters learned by scripts/build_punkt.py "
        "with NLTK's PunktTrainer from UD English EWT train (CC BY-SA 4.0) and the Wikinews "
        "(CC BY 2.5) and sample articles in data/raw/, plus abbreviations.txt merged in.",
        "abbrev_types": sorted(abbrev_types),
        "collocations": sorted([a, b] for a, b in params.collocations),
        "sent_starters": sorted(params.sent_starters),
        "ortho_context": dict(sorted(params.ortho_context.items())),
    }
    target = OUT / "params.json"
    target.write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{target.relative_to(ROOT)}: {len(texts)} documents, "
          f"{len(abbrev_types)} abbreviations ({len(learned)} learned, "
          f"{len(params.abbrev_types) - len(learned)} implausible dropped), "
          f"{len(params.collocations)} collocations, {len(params.sent_starters)} sentence "
          f"starters, {len(params.ortho_context)} word types")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else EWT_TRAIN)
