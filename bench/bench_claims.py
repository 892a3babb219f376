"""Corpus claim linking speed: PolNeAR train + dev texts, and a synthetic 10,000-article corpus.

Usage: PYTHONPATH=src bench/bench_claims.py [POLNEAR_DATA_DIR] [--synthetic N]

1. PolNeAR (default ../shared/data/polnear/data, its train/text and dev/text): every article
   goes through ``analysis.extract`` (timed), then ``link_claims`` (timed): the issue's target is
   linking in under a minute.
2. Synthetic: N short articles (default 10,000) written from templates over a random
   vocabulary, a few claims each, some repeated, denied or retracted across articles, so
   linking has real work (shared terms, big postings). Extraction and linking are timed apart.

Times are wall clock and CPU (process) seconds: on a shared machine the CPU time is the one
to compare. PolNeAR is for measuring only: nothing from it is kept.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from analysis.articles import Article, read_article
from analysis.corpus_claims import link_claims
from analysis.extract import extract

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "data"

_SPEAKERS = ["The ministry", "The army", "Police", "The company", "The union", "The mayor",
             "A spokesperson", "The governor", "Officials", "The agency"]
_VERBS = ["said", "told reporters", "announced", "confirmed", "denied", "claimed"]


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(start: tuple[float, float]) -> str:
    wall, cpu = _clock()
    return f"{wall - start[0]:7.1f} s wall {cpu - start[1]:7.1f} s cpu"


def synthetic(n: int, seed: int = 7) -> list[Article]:
    """N articles; each states 3 claims drawn from a pool of n/2 claims about random names."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ter", "van", "sol", "dru", "pe", "nor", "ba", "zil", "qua"]

    used: set[str] = set()

    def name() -> str:  # unique: two pool claims about one place would be one topic
        while True:
            candidate = "".join(rng.choice(syllables) for _ in range(4)).capitalize()
            if candidate not in used:
                used.add(candidate)
                return candidate

    objects = ["bridge", "factory", "school", "hospital", "port", "railway", "plant", "mine"]
    actions = ["would reopen", "had closed", "would be sold", "had been attacked", "was flooded",
               "would be expanded", "had been inspected", "would cut jobs"]
    pool = [(name(), rng.choice(objects), rng.choice(actions), rng.randint(2, 900))
            for _ in range(max(1, n // 2))]
    start = date(2024, 1, 1)
    articles = []
    for k in range(n):
        lines = []
        for place, obj, action, number in rng.sample(pool, 3):
            who = rng.choice(_SPEAKERS)
            verb = rng.choice(_VERBS)
            negation = "not " if rng.random() < 0.2 and action.startswith("would") else ""
            action_text = action.replace("would ", f"would {negation}")
            lines.append(f"{who} {verb} that the {obj} in {place} {action_text}, "
                         f"affecting {number} workers.")
            lines.append(f"Residents of {place} gathered near the {obj} on the day.")
        articles.append(Article(doc_id=f"s{k}", body=" ".join(lines), outlet=f"Outlet {k % 40}",
                                published=start + timedelta(days=k % 365)))
    return articles


def run(label: str, articles: list[Article]) -> None:
    words = sum(len(a.body.split()) for a in articles)
    start = _clock()
    extractions = [extract(a) for a in articles]
    print(f"{label}: {len(articles)} articles, {words:,} words")
    print(f"  extract  {_since(start)}")
    start = _clock()
    result = link_claims(extractions)
    across = int((result.claims["articles"] > 1).sum()) if len(result.claims) else 0
    print(f"  link     {_since(start)}: {len(result.claims)} claims, {across} across articles, "
          f"{len(result.links)} links, {len(result.history)} statements")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("polnear", nargs="?", default=str(DEFAULT))
    parser.add_argument("--synthetic", type=int, default=10_000)
    args = parser.parse_args(argv)
    root = Path(args.polnear)
    paths = sorted((root / "train" / "text").glob("*")) + sorted((root / "dev" / "text").glob("*"))
    if paths:
        run("PolNeAR train+dev", [read_article(p) for p in paths if p.is_file()])
    else:
        print(f"no PolNeAR texts under {root}", file=sys.stderr)
    if args.synthetic:
        run("synthetic", synthetic(args.synthetic))
    return 0


if __name__ == "__main__":
    sys.exit(main())
