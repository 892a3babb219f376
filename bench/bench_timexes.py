"""Time expressions against TempEval-3 gold (TBAQ-cleaned), with dateparser side by side.

    python bench/bench_timexes.py [TE3_DIR] [--no-dateparser] [--errors N] [--polnear DIR]

Scores as in TempEval-3 (UzZaman et al. 2013) on character spans: strict F1 (same span),
relaxed F1 (overlapping spans, matched one to one), and type / value F1 (relaxed matches with
the right attribute, over all system and all gold expressions); overall and by TIMEX3 type
(precision over system expressions of that type, recall over gold ones). dateparser's
``search_dates`` (RELATIVE_BASE = the document creation time) is scored the same way, its
matches mapped to spans by finding the matched substring, type DATE, value the date in ISO.
Speed is words/s of ``find_timexes`` alone (parsing excluded), on TE3 and on the PolNeAR dev
texts (best of three passes over the PolNeAR texts), in process CPU time so that other jobs on
the machine distort it less.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from analysis.articles import read_article  # noqa: E402
from analysis.document import parse  # noqa: E402
from analysis.timexes import TIMEX_TYPES, find_timexes, grammar  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"


def match(system: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one relaxed matching: exact spans first, then the first overlapping one."""
    pairs, used_s, used_g = [], set(), set()
    exact = {(g["start"], g["end"]): i for i, g in enumerate(gold)}
    for i, s in enumerate(system):
        j = exact.get((s["start"], s["end"]))
        if j is not None and j not in used_g:
            pairs.append((s, gold[j]))
            used_s.add(i)
            used_g.add(j)
    for i, s in enumerate(system):
        if i in used_s:
            continue
        for j, g in enumerate(gold):
            if j not in used_g and s["start"] < g["end"] and g["start"] < s["end"]:
                pairs.append((s, g))
                used_g.add(j)
                break
    return pairs


def f1(correct: int, n_system: int, n_gold: int) -> tuple[float, float, float]:
    p = correct / n_system if n_system else 0.0
    r = correct / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class Score:
    def __init__(self) -> None:
        self.counts: Counter = Counter()

    def add(self, system: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
        pairs = match(system, gold)
        c = self.counts
        for key in ["all", *TIMEX_TYPES]:
            sys_t = [s for s in system if key in ("all", s["type"])]
            gold_t = [g for g in gold if key in ("all", g["type"])]
            c[key, "sys"] += len(sys_t)
            c[key, "gold"] += len(gold_t)
        for s, g in pairs:
            strict = (s["start"], s["end"]) == (g["start"], g["end"])
            value = s["value"] == g["value"]
            for key, side in (("all", "p"), ("all", "r"), (s["type"], "p"), (g["type"], "r")):
                c[key, "relaxed", side] += 1
                c[key, "strict", side] += strict
                c[key, "value", side] += value
                c[key, "type", side] += s["type"] == g["type"]
        return pairs

    def row(self, key: str, measure: str) -> tuple[float, float, float]:
        c = self.counts
        p = c[key, measure, "p"] / c[key, "sys"] if c[key, "sys"] else 0.0
        r = c[key, measure, "r"] / c[key, "gold"] if c[key, "gold"] else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def ours(article, published: date | None) -> tuple[list[dict], float]:
    doc = parse(article)
    started = time.process_time()
    timexes = find_timexes(doc, published)
    elapsed = time.process_time() - started
    return [{"start": t.start, "end": t.end, "type": t.type, "value": t.value}
            for t in timexes], elapsed


def dateparser_timexes(body: str, published: date | None) -> list[dict]:
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime(published.year, published.month, published.day)} \
        if published else {}
    found = search_dates(body, languages=["en"], settings=settings) or []
    result, cursor = [], 0
    for text, when in found:
        start = body.find(text, cursor)
        if start < 0:
            start = body.find(text)
            if start < 0:
                continue
        else:
            cursor = start + len(text)
        result.append({"start": start, "end": start + len(text), "type": "DATE",
                       "value": when.date().isoformat()})
    return result


def print_table(name: str, score: Score) -> None:
    print(f"\n{name}")
    print(f"{'':10}{'n gold':>8}{'n sys':>7}  {'strict F1':>9} {'relaxed P':>9} {'relaxed R':>9}"
          f" {'relaxed F1':>10} {'type F1':>8} {'value F1':>8}")
    for key in ["all", *TIMEX_TYPES]:
        c = score.counts
        print(f"{key:10}{c[key, 'gold']:>8}{c[key, 'sys']:>7}  {score.row(key, 'strict')[2]:9.3f}"
              f" {score.row(key, 'relaxed')[0]:9.3f} {score.row(key, 'relaxed')[1]:9.3f}"
              f" {score.row(key, 'relaxed')[2]:10.3f} {score.row(key, 'type')[2]:8.3f}"
              f" {score.row(key, 'value')[2]:8.3f}")


def speed_on(folder: Path, passes: int = 3) -> tuple[int, float]:
    docs = []
    for path in sorted(folder.glob("*.txt")):
        article = read_article(path)
        docs.append((article, parse(article)))
    words = sum(article.words for article, _ in docs)
    best = float("inf")
    for _ in range(passes):
        started = time.process_time()
        for article, doc in docs:
            find_timexes(doc, article.published or date(2016, 10, 1))
        best = min(best, time.process_time() - started)
    return words, best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("te3", nargs="?", type=Path, default=SHARED / "data" / "tempeval3")
    parser.add_argument("--no-dateparser", action="store_true")
    parser.add_argument("--errors", type=int, default=0, help="print N error examples")
    parser.add_argument("--polnear", type=Path,
                        default=SHARED / "data" / "polnear" / "data" / "dev" / "text")
    args = parser.parse_args(argv)

    gold_docs = [json.loads(line) for line in (args.te3 / "gold.jsonl").open(encoding="utf-8")]
    grammar()  # compile the patterns before timing
    score, baseline = Score(), Score()
    words, elapsed, errors = 0, 0.0, []
    dp_elapsed = 0.0
    for record in gold_docs:
        article = read_article(args.te3 / "text" / f"{record['doc_id']}.txt")
        published = date.fromisoformat(record["published"]) if record["published"] else None
        system, seconds = ours(article, published)
        words += article.words
        elapsed += seconds
        gold = record["timexes"]
        pairs = score.add(system, gold)
        if args.errors:
            body = article.body
            matched_s = {id(s) for s, _ in pairs}
            matched_g = {id(g) for _, g in pairs}
            for s, g in pairs:
                if s["value"] != g["value"]:
                    errors.append(("VALUE", body[s["start"]:s["end"]], s["value"], g["value"],
                                   g["text"], record["published"]))
            errors += [("FP", body[s["start"]:s["end"]], s["value"], s["type"],
                        body[max(0, s["start"] - 40):s["end"] + 20].replace("\n", " "), "")
                       for s in system if id(s) not in matched_s]
            errors += [("FN", g["text"], g["value"], g["type"],
                        body[max(0, g["start"] - 40):g["end"] + 20].replace("\n", " "), "")
                       for g in gold if id(g) not in matched_g]
        if not args.no_dateparser:
            started = time.process_time()
            baseline.add(dateparser_timexes(article.body, published), gold)
            dp_elapsed += time.process_time() - started

    print(f"TempEval-3 train: {len(gold_docs)} documents, {words} words")
    print_table("analysis.timexes", score)
    print(f"speed: {words / elapsed:,.0f} words/s (find_timexes only)")
    if not args.no_dateparser:
        print_table("dateparser.search_dates (type DATE, value = date)", baseline)
        print(f"speed: {words / dp_elapsed:,.0f} words/s")
    if args.polnear.is_dir():
        n, seconds = speed_on(args.polnear)
        print(f"\nPolNeAR dev: {n} words, {n / seconds:,.0f} words/s (find_timexes only)")
    if errors:
        print()
        for row in errors[: args.errors]:
            print(" | ".join(str(x) for x in row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
