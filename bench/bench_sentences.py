"""Sentence-boundary accuracy on UD English EWT dev, and splitting speed on PolNeAR dev.

Usage: python bench/bench_sentences.py [EWT_DIR] [POLNEAR_TEXT_DIR]
(defaults: ../shared/data/ud_english_ewt and ../shared/data/polnear/data/dev/text).

Text: each EWT dev document is rebuilt from its ``# text`` lines, one space between the
sentences of a paragraph (``# newpar``), a blank line between paragraphs.

Scoring rule: a boundary is the end offset of a sentence after stripping trailing whitespace
(gold sentences never end in whitespace; predicted spans from pysbd are stripped the same way;
our spans are already trimmed). A predicted boundary is correct when it equals a gold one
exactly: punctuation is *not* forgiven, so ending a sentence before its closing quote is an
error. The end of each document is left out (every system gets it for free). Precision, recall
and F1 are micro-averaged over all documents.

Systems, all on the same whole-document text:
- ours: ``analysis.sentences.split_sentences``;
- pysbd 0.3 (``Segmenter(language="en", clean=False)``), its sentences located in the text in
  order;
- stock Punkt: NLTK's PunktTrainer on EWT train only (default settings), ``span_tokenize`` over
  the whole document, no rules; and the same with paragraphs (blank lines) split first.

Speed: words (whitespace-separated) per second of ``split_sentences`` over the PolNeAR dev texts,
best of 3 runs, one process.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from analysis.sentences import split_sentences  # noqa: E402
from build_punkt import conllu_documents, conllu_paragraphs  # noqa: E402

Spans = list[tuple[int, int]]


def load_gold(path: Path) -> list[tuple[str, set[int]]]:
    """Each EWT document's text (as ``build_punkt`` rebuilds it) with its gold sentence ends,
    taken from the annotation itself."""
    docs: list[tuple[str, set[int]]] = []
    for paragraphs in conllu_paragraphs(path):
        text = "\n\n".join(" ".join(p) for p in paragraphs)
        ends, pos = set(), 0
        for paragraph in paragraphs:
            for sentence in paragraph:
                pos = text.index(sentence, pos) + len(sentence)
                ends.add(pos)
        ends.discard(len(text))
        docs.append((text, ends))
    return docs


def score(docs: list[tuple[str, set[int]]], split: Callable[[str], Spans]) -> tuple[float, ...]:
    tp = fp = fn = 0
    for text, gold in docs:
        predicted = {len(text[:end].rstrip()) for _, end in split(text)}
        predicted.discard(len(text.rstrip()))
        tp += len(predicted & gold)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def pysbd_splitter() -> Callable[[str], Spans]:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)

    def split(text: str) -> Spans:
        spans, pos = [], 0
        for sentence in segmenter.segment(text):
            sentence = sentence.strip()
            if not sentence:
                continue
            start = text.find(sentence, pos)
            if start < 0:  # pysbd changed the text; skip what cannot be located
                continue
            pos = start + len(sentence)
            spans.append((start, pos))
        return spans

    return split


def stock_punkt(ewt_dir: Path) -> tuple[Callable[[str], Spans], Callable[[str], Spans]]:
    from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer

    trainer = PunktTrainer()
    trainer.train("\n\n".join(conllu_documents(ewt_dir / "en_ewt-ud-train.conllu")))
    punkt = PunktSentenceTokenizer(trainer.get_params())

    def whole(text: str) -> Spans:
        return list(punkt.span_tokenize(text))

    def paragraphs(text: str) -> Spans:
        spans = []
        for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
            spans += [(match.start() + s, match.start() + e)
                      for s, e in punkt.span_tokenize(match.group())]
        return spans

    return whole, paragraphs


def speed(text_dir: Path) -> tuple[int, float]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(text_dir.glob("*.txt"))]
    words = sum(len(t.split()) for t in texts)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text in texts:
            split_sentences(text)
        best = min(best, time.perf_counter() - start)
    return words, best


def main() -> None:
    ewt_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED / "data" / "ud_english_ewt"
    polnear = (Path(sys.argv[2]) if len(sys.argv) > 2
               else SHARED / "data" / "polnear" / "data" / "dev" / "text")
    docs = load_gold(ewt_dir / "en_ewt-ud-dev.conllu")
    n_gold = sum(len(g) for _, g in docs)
    print(f"UD EWT dev: {len(docs)} documents, {n_gold} gold boundaries (document ends excluded)")
    whole, paragraphs = stock_punkt(ewt_dir)
    systems = [("ours", split_sentences), ("pysbd", pysbd_splitter()),
               ("stock Punkt (EWT train, whole text)", whole),
               ("stock Punkt (EWT train, paragraphs first)", paragraphs)]
    print(f"{'system':<44} {'P':>6} {'R':>6} {'F1':>6}")
    for name, split in systems:
        p, r, f = score(docs, split)
        print(f"{name:<44} {p:6.3f} {r:6.3f} {f:6.3f}")
    words, seconds = speed(polnear)
    print(f"speed (ours, PolNeAR dev): {words} words in {seconds:.3f} s = "
          f"{words / seconds:,.0f} words/s")


if __name__ == "__main__":
    main()
