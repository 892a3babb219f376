"""Emergent headline stance: accuracy of `analysis.extract` against a three-regex baseline.

Usage: bench/bench_stance.py [EMERGENT_CSV] [--errors N] [--show-claims]

Each ``articleHeadline`` is fed to ``analysis.extract`` as a one-line article; its stance toward
the claim is read from the first sentence as DESIGN.md (External checks) fixes it:

- an attribution in the first sentence: ``acknowledge`` -> for, ``deny``/``dispute``/
  ``retract`` -> against, anything else -> observing (the first attribution by position);
- no attribution: the sentence stance ``assert`` -> for, ``deny``/``dispute`` -> against,
  anything else -> observing.

Emergent is for measuring and studying errors only: nothing here is fitted on it.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import time
from pathlib import Path

import pandas as pd

from analysis.articles import Article
from analysis.extract import extract

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT = SHARED / "data" / "emergent" / "train.csv"
LABELS = ("for", "against", "observing")

_AGAINST = re.compile(r"\b(fake|hoax|false|debunk\w*|den(?:y|ies|ied)|not|no|n't|never)\b", re.I)
_OBSERVING = re.compile(r"\b(report\w*|claim\w*|rumou?r\w*|alleged\w*|may|might|could|says?)\b|\?",
                        re.I)


def baseline(headline: str) -> str:
    """The keyword baseline: a negation or falsity word -> against, a hedge -> observing."""
    if _AGAINST.search(headline):
        return "against"
    if _OBSERVING.search(headline):
        return "observing"
    return "for"


def headline_stance(headline: str, doc_id: str = "headline") -> tuple[str, str]:
    """(Emergent label, the stance it was read from) for one headline."""
    result = extract(Article(doc_id=doc_id, body=headline)).to_dict()
    first = result["sentences"][0] if result["sentences"] else None
    end = first["end"] if first else len(headline)
    in_first = [a for a in result["attributions"]
                if (a["cue"] or a["content"][0] if a["content"] else [0, 0])[0] < end]
    if in_first:
        in_first.sort(key=lambda a: (a["cue"] or a["content"][0])[0])
        stance = in_first[0]["stance"]
        if stance == "acknowledge":
            return "for", "attr:" + stance
        if stance in ("deny", "dispute", "retract"):
            return "against", "attr:" + stance
        return "observing", "attr:" + stance
    stance = first["stance"] if first else "assert"
    if stance == "assert":
        return "for", "sent:" + stance
    if stance in ("deny", "dispute"):
        return "against", "sent:" + stance
    return "observing", "sent:" + stance


def confusion(gold: list[str], predicted: list[str]) -> str:
    counts = collections.Counter(zip(gold, predicted))
    lines = ["gold \\ pred " + "".join(f"{p:>11}" for p in LABELS)]
    for g in LABELS:
        lines.append(f"{g:<12}" + "".join(f"{counts[g, p]:>11}" for p in LABELS))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", default=str(DEFAULT))
    parser.add_argument("--errors", type=int, default=0, help="print this many errors per class")
    args = parser.parse_args(argv)
    frame = pd.read_csv(args.csv)
    gold = frame["articleHeadlineStance"].tolist()
    started = time.perf_counter()
    read = [headline_stance(h, f"h{i}") for i, h in enumerate(frame["articleHeadline"])]
    seconds = time.perf_counter() - started
    predicted = [label for label, _ in read]
    base = [baseline(h) for h in frame["articleHeadline"]]
    accuracy = sum(g == p for g, p in zip(gold, predicted)) / len(gold)
    base_accuracy = sum(g == p for g, p in zip(gold, base)) / len(gold)
    print(f"Emergent headlines: {len(gold)} ({Path(args.csv).name}), {seconds:.1f} s")
    print(f"accuracy  analysis {accuracy:.3f}   keyword baseline {base_accuracy:.3f}")
    left, right = confusion(gold, predicted).splitlines(), confusion(gold, base).splitlines()
    print(f"{'analysis':<50}keyword baseline")
    for a, b in zip(left, right):
        print(f"{a:<50}{b}")
    sources = collections.Counter(how.split(":")[0] for _, how in read)
    print("read from: " + ", ".join(f"{k} {v}" for k, v in sources.items()))
    if args.errors:
        by_kind = collections.defaultdict(list)
        for h, g, (p, how) in zip(frame["articleHeadline"], gold, read):
            if g != p:
                by_kind[g, p].append(f"  [{how}] {h}")
        for (g, p), rows in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
            print(f"\n{g} read as {p}: {len(rows)}")
            print("\n".join(rows[:args.errors]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
