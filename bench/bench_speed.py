"""Words per second of each stage and of the whole ``analysis.extract`` pipeline.

    PYTHONPATH=src python bench/bench_speed.py [TEXT_DIR] [--repeat 3]

TEXT_DIR defaults to ../shared/data/polnear/data/dev/text (measure only: nothing from it is
kept). Words are whitespace-split words of the article bodies. Each stage is timed on its own
(least CPU time of ``--repeat`` runs, after one warm-up run that also loads the models;
CPU time, not wall clock, so other jobs on a shared machine distort it less), then
``parse`` (ingest + sentences + tokens + tags) and ``extract`` end to end in one process.
Later stages add themselves to STAGES: each takes the previous stage's output per article.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from analysis.articles import read_article
from analysis.document import Document, parse
from analysis.extract import extract
from analysis.sentences import split_sentences
from analysis.tokens import tag_sentences, tokenize

DEFAULT = (Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "data" / "dev"
           / "text")


def _sentences(articles):
    return [(a.body, split_sentences(a.body)) for a in articles]


def _tokens(split):
    return [(body, [tokenize(body, s, e) for s, e in sents]) for body, sents in split]


def _tags(tokenized):
    return [tag_sentences(body, spans) for body, spans in tokenized]


def _best(fn, arg, repeat: int):
    """Least CPU time of this process over ``repeat`` runs (robust on a shared machine)."""
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.process_time()
        out = fn(arg)
        best = min(best, time.process_time() - t0)
    return best, out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("text_dir", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    paths = sorted(args.text_dir.glob("*.txt"))
    if not paths:
        sys.exit(f"no .txt files in {args.text_dir}")

    # warm-up: loads the tagger weights and any other lazily loaded resource
    t0, w0 = time.process_time(), time.perf_counter()
    for path in paths:
        extract(read_article(path))
    cold, cold_wall = time.process_time() - t0, time.perf_counter() - w0

    rows = []
    ingest, articles = _best(lambda ps: [read_article(p) for p in ps], paths, args.repeat)
    words = sum(len(a.body.split()) for a in articles)
    rows.append(("ingest", ingest))
    sents, split = _best(_sentences, articles, args.repeat)
    rows.append(("sentences", sents))
    toks, tokenized = _best(_tokens, split, args.repeat)
    rows.append(("tokens", toks))
    tags, _ = _best(_tags, tokenized, args.repeat)
    rows.append(("tags", tags))
    rows.append(("sum of the four", ingest + sents + toks + tags))
    parsed, docs = _best(lambda ps: [parse(read_article(p)) for p in ps], paths, args.repeat)
    rows.append(("ingest + parse (one pass)", parsed))
    whole, _ = _best(lambda ps: [extract(read_article(p)) for p in ps], paths, args.repeat)
    rows.append(("ingest + extract (whole pipeline)", whole))
    rows.append(("first run, cold (loads models)", cold))

    n_tokens = sum(len(s) for d in docs for s in d.tokens if isinstance(d, Document))
    print(f"{len(paths)} articles, {words} words, {n_tokens} tokens, "
          f"{sum(len(d.sentences) for d in docs)} sentences ({args.text_dir})")
    print(f"{'stage (CPU seconds of this process)':36} {'seconds':>8} {'words/s':>10}")
    for name, secs in rows:
        print(f"{name:36} {secs:8.3f} {words / secs:10,.0f}")
    print(f"(first run wall clock: {cold_wall:.3f} s; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
