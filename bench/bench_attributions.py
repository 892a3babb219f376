"""Score the attribution stage on PolNeAR: P/R/F1 (partial and exact), by gold kind, errors, speed.

    PYTHONPATH=src python bench/bench_attributions.py [POLNEAR_DIR] [--split dev|train]
        [--examples N] [--scale]

The scoring definitions are in ``bench/polnear.py`` (module docstring). ``--examples N`` prints
N missed and N spurious attributions with their text (for error analysis: use it on train).
``--scale`` times the stage on a 100 kB and a 1 MB article made of repeated PolNeAR text.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from analysis.articles import Article  # noqa: E402
from analysis.attributions import find_attributions  # noqa: E402
from analysis.cues import lookup_word  # noqa: E402
from analysis.document import parse  # noqa: E402
from polnear import Attr, Counts, Words, gold_files, read_gold, score_article  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"


def cue_key(text: str, spans) -> str:
    words = " ".join(text[s:e] for s, e in spans).lower().split()
    for w in words:
        entry = lookup_word(w.strip(".,:;\"“”'’"))
        if entry:
            return entry.cue
    return (words[-1] if words else "<none>").strip(".,:;\"“”'’") + "?"


def run(root: Path, split: str, examples: int, only_cue: str | None = None, args_top: int = 25) -> None:
    counts: dict[str, Counts] = {}
    by_kind_gold: dict[str, list[int]] = {}
    by_kind_pred: dict[str, list[int]] = {}
    missed, spurious, content_err, source_err = Counter(), Counter(), Counter(), Counter()
    predicted_by_cue: Counter = Counter()
    missed_ex, spurious_ex = [], []
    n_words = 0
    t_parse = t_attr = 0.0
    files = gold_files(root, split)
    for txt, ann in files:
        with open(txt, encoding="utf-8", newline="") as fh:
            text = fh.read()
        article = Article(doc_id=txt.stem, body=text)
        n_words += article.words
        t0 = time.perf_counter()
        doc = parse(article)
        t1 = time.perf_counter()
        found = find_attributions(doc)
        t2 = time.perf_counter()
        t_parse += t1 - t0
        t_attr += t2 - t1
        pred = [Attr(tuple([a.source]) if a.source else (), tuple([a.cue]) if a.cue else (),
                     tuple(a.content), a.kind, a.cue_lemma, a.confidence) for a in found]
        gold = read_gold(ann, text)
        pairs = score_article(gold, pred, text, counts)
        words = Words(text)
        ok_g, ok_p = set(), set()
        for i, j in pairs:
            g, p = gold[i], pred[j]
            gc, pc = words.of(g.content), words.of(p.content)
            cue_ok = not (g.cue and p.cue) or bool(words.of(g.cue) & words.of(p.cue))
            if gc & pc and cue_ok:
                ok_g.add(i)
                ok_p.add(j)
                content_err["exact" if gc == pc else "too short" if pc < gc else
                            "too long" if pc > gc else "shifted"] += 1
                gs, ps = words.of(g.source), words.of(p.source)
                source_err["both absent" if not gs and not ps else "missing" if not ps else
                           "spurious (gold has none)" if not gs else "wrong" if not gs & ps else
                           "exact" if gs == ps else "too short" if ps < gs else
                           "too long" if ps > gs else "shifted"] += 1
        for i, g in enumerate(gold):
            by_kind_gold.setdefault(g.kind, [0, 0])[1] += 1
            if i in ok_g:
                by_kind_gold[g.kind][0] += 1
            else:
                missed[cue_key(text, g.cue)] += 1
                if only_cue is None or cue_key(text, g.cue) == only_cue:
                    missed_ex.append((txt.stem, text, g))
        for j, p in enumerate(pred):
            by_kind_pred.setdefault(p.kind, [0, 0])[1] += 1
            predicted_by_cue[p.cue_lemma or "<none>"] += 1
            if j in ok_p:
                by_kind_pred[p.kind][0] += 1
            else:
                spurious[p.cue_lemma or "<none>"] += 1
                if only_cue is None or (p.cue_lemma or "<none>") == only_cue:
                    spurious_ex.append((txt.stem, text, p))

    print(f"PolNeAR {split}: {len(files)} articles, {n_words} words")
    print(f"{'':14}{'partial P/R/F1':>24}{'exact P/R/F1':>24}")
    for comp in ("source", "cue", "content", "attribution"):
        line = f"{comp:14}"
        for mode in ("partial", "exact"):
            p, r, f = counts[f"{comp}_{mode}"].prf()
            line += f"{p:8.3f}{r:8.3f}{f:8.3f}"
        print(line)
    print("\nattribution partial recall by gold kind (matched/gold):")
    for k, (m, n) in sorted(by_kind_gold.items()):
        print(f"  {k:14}{m:6}/{n:<6}{m / n:6.3f}")
    print("attribution partial precision by predicted kind (matched/predicted):")
    for k, (m, n) in sorted(by_kind_pred.items()):
        print(f"  {k:14}{m:6}/{n:<6}{m / n:6.3f}")
    print("\nmissed, by gold cue (lexicon key, or last word + '?'):",
          ", ".join(f"{k} {v}" for k, v in missed.most_common(args_top)))
    print("spurious, by our cue_lemma:", ", ".join(f"{k} {v}" for k, v in spurious.most_common(args_top)))
    weakest = sorted((spurious[k] / n, k) for k, n in predicted_by_cue.items() if n >= 3)[::-1]
    print("least precise cue lemmas (spurious/predicted, at least 3 predicted):", ", ".join(
        f"{k} {spurious[k]}/{predicted_by_cue[k]}" for _, k in weakest[:args_top]))
    print("content boundary of matched:", dict(content_err.most_common()))
    print("source of matched:", dict(source_err.most_common()))
    print(f"\nspeed: parse {n_words / t_parse:,.0f} words/s, attributions {n_words / t_attr:,.0f}"
          f" words/s, both {n_words / (t_parse + t_attr):,.0f} words/s")
    rng = random.Random(0)
    for title, pool in (("MISSED", missed_ex), ("SPURIOUS", spurious_ex)):
        for stem, text, a in rng.sample(pool, min(examples, len(pool))):
            spans = sorted(a.cue + a.content + a.source)
            s0, e0 = spans[0][0], spans[-1][1]
            show = lambda sp: " | ".join(text[s:e] for s, e in sp)[:200]  # noqa: E731
            print(f"\n{title} {stem} kind={a.kind} cue={show(a.cue)!r} source={show(a.source)!r}\n"
                  f"  content={show(a.content)!r}\n  ctx={text[max(0, s0 - 80):e0 + 40]!r}"[:900])


def scale(root: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "data" / "dev" / "text").glob("*.txt"))]
    blob = "\n\n".join(texts)
    for size in (100_000, 1_000_000):
        body = (blob * (size // len(blob) + 1))[:size]
        doc = parse(Article(doc_id="scale", body=body))
        t0 = time.perf_counter()
        find_attributions(doc)
        print(f"scale: {size // 1000} kB article, attributions stage {time.perf_counter() - t0:.3f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("polnear", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--examples", type=int, default=0)
    ap.add_argument("--scale", action="store_true")
    ap.add_argument("--cue", help="only show examples whose cue key is this")
    ap.add_argument("--top", type=int, default=25, help="how many cue keys to list per error class")
    args = ap.parse_args()
    run(args.polnear, args.split, args.examples, args.cue, args.top)
    if args.scale:
        scale(args.polnear)


if __name__ == "__main__":
    main()
