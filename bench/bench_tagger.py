"""Part-of-speech accuracy on UD English EWT dev, model load time and tokens per second.

    PYTHONPATH=src python bench/bench_tagger.py [EWT_DIR] [--no-reference]

Compares the shipped tagger with NLTK's stock ``PerceptronTagger`` (default features,
5 iterations) trained here, in memory, on the same EWT train split (it is never shipped).
Penn accuracy is reported on EWT's gold tokens and on the same tokens with hyphenated
compounds joined the way ``analysis.tokens`` tokenises them (what the shipped tagger sees).
UPOS is approximate: each predicted Penn tag is mapped to UPOS with the most frequent UPOS of
that (Penn tag, word) in EWT train; the same mapping applied to the gold Penn tags gives the
ceiling that mapping allows. Times are CPU seconds of this process (a shared machine's other
jobs distort wall-clock time).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from train_tagger import join_hyphens, read_conllu  # noqa: E402

from analysis.tagger import MODEL, MODEL_FILES, Tagger, load_model  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "ud_english_ewt"
WATCH = ("NNP", "VBD", "VBZ", "VBP", "VBN", "MD", "``", "''")


def read(path: Path) -> list[list[tuple[str, str, bool, str]]]:
    """(form, Penn, space after, UPOS) per word; ranges and empty nodes skipped."""
    return read_conllu(path, upos=True)


def upos_map(train):
    by_word, by_tag = defaultdict(Counter), defaultdict(Counter)
    for sent in train:
        for form, penn, _, upos in sent:
            by_word[(penn, form.lower())][upos] += 1
            by_tag[penn][upos] += 1

    def to_upos(form: str, penn: str) -> str:
        c = by_word.get((penn, form.lower())) or by_tag.get(penn)
        return c.most_common(1)[0][0] if c else "X"
    return to_upos


def accuracy(gold, pred) -> float:
    pairs = [(p, g[1]) for s, ps in zip(gold, pred) for g, p in zip(s, ps)]
    return sum(p == g for p, g in pairs) / len(pairs)


def upos_accuracy(gold, pred, to_upos) -> float:
    pairs = [(to_upos(g[0], p), g[3]) for s, ps in zip(gold, pred) for g, p in zip(s, ps)]
    return sum(p == g for p, g in pairs) / len(pairs)


def per_tag(gold, pred) -> str:
    tp, fp, fn = Counter(), Counter(), Counter()
    for s, ps in zip(gold, pred):
        for g, p in zip(s, ps):
            if p == g[1]:
                tp[p] += 1
            else:
                fp[p] += 1
                fn[g[1]] += 1
    cells = []
    for t in WATCH:
        prec = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 0.0
        rec = tp[t] / (tp[t] + fn[t]) if tp[t] + fn[t] else 0.0
        cells.append(f"{t} P {prec:.3f} R {rec:.3f}")
    return "; ".join(cells)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ewt", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--no-reference", action="store_true", help="skip training NLTK's tagger")
    args = ap.parse_args(argv)
    train = read(args.ewt / "en_ewt-ud-train.conllu")
    dev = read(args.ewt / "en_ewt-ud-dev.conllu")
    dev_joined = [join_hyphens(s) for s in dev]
    to_upos = upos_map(train)

    t0 = time.process_time()
    model = load_model()
    tagger = Tagger(model)
    load = time.process_time() - t0
    stored = ROOT / "src" / "analysis" / "resources" / "tagger"
    size = sum((stored / (MODEL + suffix)).stat().st_size for suffix in MODEL_FILES)

    words = [[w[0] for w in s] for s in dev]
    words_joined = [[w[0] for w in s] for s in dev_joined]
    t0 = time.process_time()
    pred_j = tagger.tag(words_joined)
    cold = time.process_time() - t0
    t0 = time.process_time()
    pred_j = tagger.tag(words_joined)
    warm = time.process_time() - t0
    t0 = time.process_time()
    for s in words_joined:
        tagger.tag([s])
    one_by_one = time.process_time() - t0
    pred = tagger.tag(words)
    n_j = sum(map(len, words_joined))

    print(f"EWT dev: {len(dev)} sentences, {sum(map(len, words))} gold tokens "
          f"({n_j} with hyphenated compounds joined)")
    print(f"shipped tagger: {size / 1e6:.2f} MB in {len(MODEL_FILES)} files, "
          f"{len(model['features'])} features, {len(model['weights'])} weights, "
          f"{len(model['tagdict'])} tag-dictionary words; load {load:.3f} s")
    print(f"  Penn accuracy, joined tokens : {accuracy(dev_joined, pred_j):.4f}")
    print(f"  Penn accuracy, gold tokens   : {accuracy(dev, pred):.4f}")
    print(f"  UPOS via mapping, gold tokens: {upos_accuracy(dev, pred, to_upos):.4f} "
          f"(mapping ceiling on gold Penn: "
          f"{upos_accuracy(dev, [[w[1] for w in s] for s in dev], to_upos):.4f})")
    print(f"  speed: {n_j / cold:,.0f} tokens/s cold (new word types), {n_j / warm:,.0f} warm "
          f"batched, {n_j / one_by_one:,.0f} warm one sentence per call")
    print(f"  {per_tag(dev_joined, pred_j)}")
    print(f"  (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")

    if args.no_reference:
        return
    from nltk.tag.perceptron import PerceptronTagger

    t0 = time.process_time()
    ref = PerceptronTagger(load=False)
    ref.train([[(w[0], w[1]) for w in s] for s in train], nr_iter=5)
    trained = time.process_time() - t0
    t0 = time.process_time()
    ref_pred = [[t for _, t in ref.tag(s)] for s in words]
    secs = time.process_time() - t0
    print(f"NLTK PerceptronTagger, default features, 5 iterations (trained in {trained:.0f} s, "
          f"not shipped):")
    print(f"  Penn accuracy, gold tokens   : {accuracy(dev, ref_pred):.4f}")
    print(f"  UPOS via mapping, gold tokens: {upos_accuracy(dev, ref_pred, to_upos):.4f}")
    print(f"  speed: {sum(map(len, words)) / secs:,.0f} tokens/s")
    print(f"  {per_tag(dev, ref_pred)}")


if __name__ == "__main__":
    main()
