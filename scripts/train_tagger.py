"""Train the shipped part-of-speech tagger on UD English EWT (CC BY-SA 4.0).

    PYTHONPATH=src python scripts/train_tagger.py [EWT_DIR] [--iterations 8] [--max-weights 310000]

Reads ``en_ewt-ud-train.conllu`` (XPOS column = Penn Treebank tags), trains NLTK's averaged
perceptron on the features of ``analysis.tagger`` and writes
``src/analysis/resources/tagger/ewt_penn.*``; then prints accuracy on
``en_ewt-ud-dev.conllu``. Tokens are brought to the tokenizer's scheme first: EWT splits
hyphenated compounds (``Iranian - backed``), ``analysis.tokens`` keeps them whole like the Penn
Treebank, so ``X - Y`` written without spaces is joined and tagged as the Penn guidelines tag
such compounds (see ``join_hyphens``).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from nltk.tag.perceptron import AveragedPerceptron

from analysis.tagger import (MODEL, MODEL_FILES, START, START2, _FIXED_QUOTES, encode_model,
                             fixed_form, history_features, sentence_features)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "analysis" / "resources" / "tagger" / MODEL
DEFAULT_EWT = ROOT.parent / "shared" / "data" / "ud_english_ewt"
SCALE = 1000
PRUNE_STEPS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25, 1.5, 2.0, 3.0)
NOUNS = {"NN", "NNS", "NNP", "NNPS"}

Sentence = list[tuple[str, str, bool]]
"""(form, Penn tag, followed by a space) per token."""


def read_conllu(path: Path, upos: bool = False) -> list[Sentence]:
    """Word lines of a CoNLL-U file (multiword-token ranges and empty nodes skipped); with
    ``upos`` each word also carries its UPOS tag as a fourth field (for the benchmark)."""
    sentences, sent = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            if sent:
                sentences.append(sent)
            sent = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                word = (cols[1], cols[4], "SpaceAfter=No" not in cols[9])
                sent.append((*word, cols[3]) if upos else word)
    if sent:
        sentences.append(sent)
    return sentences


def join_hyphens(sent: Sentence) -> Sentence:
    """Join ``X - Y`` written as ``X-Y`` into one token, as the Penn Treebank tokenises it.

    The joined token takes the last part's tag, except that a participle (``Iranian-backed``,
    ``well-known``) becomes JJ and a common noun before a noun (``four-day trip``) becomes JJ,
    which is how the Penn guidelines tag hyphenated prenominal modifiers. Any fields after the
    third (e.g. a UPOS tag) are taken from the last part.
    """
    out: Sentence = []
    i = 0
    while i < len(sent):
        form, tag, space = sent[i][:3]
        j = i
        while (not sent[j][2] and j + 2 < len(sent) and sent[j + 1][1] == "HYPH"
               and sent[j + 1][0] == "-" and not sent[j + 1][2]
               and sent[j][0][-1:].isalnum() and sent[j + 2][0][:1].isalnum()):
            form += "-" + sent[j + 2][0]
            tag, space = sent[j + 2][1], sent[j + 2][2]
            j += 2
        if j > i:
            nxt = sent[j + 1][1] if j + 1 < len(sent) else ""
            if tag in ("VBN", "VBG") or (tag == "NN" and nxt in NOUNS):
                tag = "JJ"
        out.append((form, tag, space, *sent[j][3:]))
        i = j + 1
    return out


def make_tagdict(sentences: list[Sentence], min_count: int = 20, min_share: float = 0.97) -> dict:
    """Frequent words that (almost) always take one tag, as NLTK's tagger does."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for sent in sentences:
        for form, tag, _ in sent:
            counts[fixed_form(form)][tag] += 1
    tagdict = {}
    for form, tags in counts.items():
        tag, n = tags.most_common(1)[0]
        total = sum(tags.values())
        if total >= min_count and n / total >= min_share:
            tagdict[form] = tag
    return tagdict


def fixed_tag(form: str, tagdict: dict) -> str | None:
    return _FIXED_QUOTES.get(form) or tagdict.get(fixed_form(form))


def train(sentences: list[Sentence], iterations: int, seed: int = 0,
          bigrams: bool = False) -> tuple[AveragedPerceptron, dict]:
    model = AveragedPerceptron()
    tagdict = make_tagdict(sentences)
    model.classes = {tag for sent in sentences for _, tag, _ in sent}
    prepared = [([f for f, _, _ in s], [t for _, t, _ in s]) for s in sentences]
    static = [sentence_features(words, bigrams) for words, _ in prepared]
    order = list(range(len(prepared)))
    rng = random.Random(seed)
    for it in range(iterations):
        t0, right, total = time.time(), 0, 0
        for n in order:
            words, gold = prepared[n]
            p, p2 = START, START2
            for i, word in enumerate(words):
                guess = fixed_tag(word, tagdict)
                if guess is None:
                    feats = dict.fromkeys(static[n][i] + history_features(p, p2, word), 1)
                    guess, _ = model.predict(feats)
                    model.update(gold[i], guess, feats)
                p2, p = p, guess
                right += guess == gold[i]
                total += 1
        rng.shuffle(order)
        print(f"iteration {it + 1}: train accuracy {right / total:.4f} ({time.time() - t0:.0f} s)",
              file=sys.stderr)
    model.average_weights()
    return model, tagdict


def export(model: AveragedPerceptron, tagdict: dict, prune: float) -> dict:
    """Weights as columns (feature, its number of weights, class index, weight x SCALE)."""
    classes = sorted(model.classes)
    index = {c: i for i, c in enumerate(classes)}
    features, lengths, cls, weights = [], [], [], []
    for feat in sorted(model.weights):
        kept = sorted((index[c], round(w * SCALE)) for c, w in model.weights[feat].items()
                      if abs(w) >= prune)
        if kept:
            features.append(feat)
            lengths.append(len(kept))
            cls += [c for c, _ in kept]
            weights += [w for _, w in kept]
    return {
        "_comment": ("Averaged-perceptron part-of-speech tagger (Penn Treebank tags), trained on "
                     "UD English EWT (CC BY-SA 4.0) by scripts/train_tagger.py; these weights are "
                     "shared under CC BY-SA 4.0."),
        "classes": classes, "scale": SCALE, "tagdict": dict(sorted(tagdict.items())),
        "features": features, "lengths": lengths, "classes_idx": cls, "weights": weights,
    }


def write_model(model: dict, stem: Path) -> int:
    """Write the model's three files (``analysis.tagger.MODEL_FILES``) next to ``stem``; their size."""
    stem.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    for suffix, data in zip(MODEL_FILES, encode_model(model)):
        stem.with_name(stem.name + suffix).write_bytes(data)
        size += len(data)
    return size


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ewt", nargs="?", type=Path, default=DEFAULT_EWT)
    ap.add_argument("--iterations", type=int, default=8)
    ap.add_argument("--max-weights", type=int, default=310_000,
                    help="prune the smallest weights until at most this many are left (~2 MB stored)")
    ap.add_argument("-o", "--out", type=Path, default=OUT)
    ap.add_argument("--bigrams", action="store_true",
                    help="add word-bigram features (slower tagging, little gain when pruned)")
    ap.add_argument("--unpruned", type=Path, help="also write the unpruned weights here")
    args = ap.parse_args(argv)
    train_sents = []
    for sent in read_conllu(args.ewt / "en_ewt-ud-train.conllu"):
        joined = join_hyphens(sent)
        train_sents.append(joined)
        if len(joined) < len(sent):  # also learn EWT's own split, for text tokenised elsewhere
            train_sents.append(sent)
    model, tagdict = train(train_sents, args.iterations, bigrams=args.bigrams)
    if args.unpruned:
        write_model(export(model, tagdict, 0.0), args.unpruned)
    for prune in PRUNE_STEPS:
        data = export(model, tagdict, prune)
        if len(data["weights"]) <= args.max_weights:
            break
    size = write_model(data, args.out)
    print(f"pruned |w| < {prune}: {len(data['features'])} features, "
          f"{len(data['weights'])} weights, {size / 1e6:.2f} MB -> {args.out}.*", file=sys.stderr)

    from analysis.tagger import Tagger
    tagger = Tagger(data)
    for name, joined in (("tokens joined like analysis.tokens", True), ("EWT gold tokens", False)):
        dev = read_conllu(args.ewt / "en_ewt-ud-dev.conllu")
        dev = [join_hyphens(s) for s in dev] if joined else dev
        pred = tagger.tag([[f for f, _, _ in s] for s in dev])
        pairs = [(p, t) for s, ps in zip(dev, pred) for (_, t, _), p in zip(s, ps)]
        acc = sum(p == t for p, t in pairs) / len(pairs)
        print(f"EWT dev Penn accuracy ({name}): {acc:.4f} over {len(pairs)} tokens")


if __name__ == "__main__":
    main()
