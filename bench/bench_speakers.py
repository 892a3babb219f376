"""Speed (and a kind breakdown) of the speakers stage on PolNeAR dev, with gold source spans.

By default this feeds ``resolve_speakers`` the PolNeAR gold source spans (one annotator's file
per article), so the figure measures this stage alone on known sources; ``--found`` feeds it
what ``find_attributions`` finds instead (the pipeline's own input).
Prints words/s of ``resolve_speakers`` (CPU time, parsing excluded; the first pass runs with
cold caches), how many sources got a speaker,
the kinds, and with ``--show N`` N sample rows (source text -> speaker) for error study.

    PYTHONPATH=src python bench/bench_speakers.py [POLNEAR_DIR] [--show N] [--found] [--scale]

``--scale`` times the stage on a 100 kB and a 1 MB article made of repeated dev text (with the
attributions ``find_attributions`` finds there): the ratio should stay near 10.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import Counter
from pathlib import Path

from analysis.articles import Article
from analysis.attributions import Attribution, find_attributions
from analysis.document import parse
from analysis.speakers import resolve_speakers

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
_OUTLETS = {"breitbart": "Breitbart", "huff-post": "The Huffington Post", "nyt": "The New York Times",
            "politico": "Politico", "wash-post": "The Washington Post",
            "west-journal": "Western Journalism", "usa-today": "USA Today"}


def gold_sources(ann: str) -> list[tuple[int, int]]:
    spans = {}
    sources = []
    for line in ann.splitlines():
        if line.startswith("T"):
            tid, info, _ = line.split("\t", 2)
            label, *offsets = re.split(r"[ ;]", info)
            spans[tid] = (label, int(offsets[0]), int(offsets[-1]))
        elif line.startswith("E"):
            for part in line.split("\t")[1].split():
                role, _, tid = part.partition(":")
                if role == "Source" and tid in spans:
                    sources.append(spans[tid][1:])
    return sources


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("polnear", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--found", action="store_true", help="use find_attributions, not gold")
    parser.add_argument("--scale", action="store_true", help="time a 100 kB and a 1 MB article")
    args = parser.parse_args()
    split = args.polnear / "data" / "dev"
    anns = {}
    for path in sorted((split / "attributions").glob("*.ann")):
        anns.setdefault(re.sub(r"_[0-9a-f]+$", "", path.stem), path)
    docs = []
    for text_path in sorted((split / "text").glob("*.txt")):
        ann = anns.get(text_path.stem)
        if ann is None:
            continue
        body = text_path.read_text(encoding="utf-8")
        outlet = _OUTLETS.get(text_path.stem.split("_")[0])
        doc = parse(Article(doc_id=text_path.stem, body=body, outlet=outlet))
        if args.found:
            attributions = [a for a in find_attributions(doc) if a.source]
        else:
            attributions = [Attribution(f"a{i}", span, None, (), "other", 1.0, 0)
                            for i, span in enumerate(gold_sources(ann.read_text(encoding="utf-8")))]
        docs.append((doc, attributions))
    words = sum(doc.article.words for doc, _ in docs)
    times = []
    for _ in range(3):
        started = time.process_time()
        results = [resolve_speakers(doc, attributions) for doc, attributions in docs]
        times.append(time.process_time() - started)
    cold, best = times[0], min(times)
    kinds, resolved, total = Counter(), 0, 0
    rows = []
    for (doc, attributions), speakers in zip(docs, results):
        for a in attributions:
            total += 1
            who = speakers.by_id(speakers.of_attribution[a.id])
            kinds[who.kind if who else None] += 1
            resolved += who is not None
            rows.append((doc.body[a.source[0]:a.source[1]], who))
    print(f"articles {len(docs)}  words {words}  sources {total}")
    print(f"resolve_speakers (CPU time, parse excluded): first pass {cold:.3f} s "
          f"{words / cold:,.0f} words/s; best of 3 {best:.3f} s {words / best:,.0f} words/s")
    print(f"sources with a speaker: {resolved}/{total} = {resolved / max(total, 1):.3f}")
    print("kinds:", dict(kinds.most_common()))
    if args.scale:
        text = "\n\n".join(doc.body for doc, _ in docs)
        timings = {}
        for size in (100_000, 1_000_000):
            body = (text * (size // len(text) + 1))[:size]
            doc = parse(Article(doc_id="scale", body=body, outlet="The Post"))
            attributions = [a for a in find_attributions(doc) if a.source]
            started = time.process_time()
            resolve_speakers(doc, attributions)
            timings[size] = time.process_time() - started
            print(f"scale {size:>9,} chars: {timings[size]:.3f} s ({len(attributions)} sources)")
        print(f"scale ratio 1 MB / 100 kB: {timings[1_000_000] / timings[100_000]:.1f}")
    for source, who in random.Random(0).sample(rows, min(args.show, len(rows))):
        print(f"  {source[:60]!r:64} -> {who.name if who else None!r} [{who.kind if who else ''}]"
              f" role={who.role if who else None!r} aff={who.affiliation if who else None!r}")


if __name__ == "__main__":
    main()
