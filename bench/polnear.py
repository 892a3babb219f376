"""PolNeAR gold reading and attribution scoring (partial and exact, one-to-one).

Definitions (what ``bench_attributions.py`` prints):

- A span set is a list of ``(start, end)`` character spans. Its *words* are the word tokens
  (``\\w+`` runs of the text) that overlap it, identified by their start offset; a span
  with no word at all (a cue that is only ``:`` or ``―``) counts its non-space characters
  instead.
- **Partial** match of two span sets: they share at least one word.
  **Exact** match: they have exactly the same non-empty set of words (so edge punctuation,
  quote marks and whitespace are ignored; a different first or last word is a miss).
- **Alignment** (one-to-one): every (gold, predicted) pair of one article is scored by
  (content words shared, cue words shared, source words shared); pairs are taken greedily in
  decreasing order of that key as long as content or cue shares a word, each attribution in at
  most one pair.
- **Whole attribution, partial**: an aligned pair whose contents share a word and, when both
  have a cue, whose cues share a word. **Exact**: contents exact, cues exact when both have
  one (else both lack one), sources exact (or both absent).
- **Source / cue / content** P/R/F1: counted over aligned pairs only, so a component is right
  only in the right attribution. TP = aligned pairs where both sides have the component and it
  matches (partial or exact); precision divides by predicted attributions that have the
  component, recall by gold attributions that have it (gold with no source do not count for
  source recall; a predicted source where gold has none is a false positive).
- **Gold kind** (for the recall breakdown), inferred from the text: ``according_to`` when the
  cue starts with "according"; ``no-source`` when there is no Source role; ``direct`` when
  the content starts and ends with a quote mark and has no other quote run; ``mixed`` when it
  holds a quote mark; otherwise ``indirect``.
- Gold file: for an article annotated by several annotators (``stem_ANNOTATOR.ann``) the
  annotator id that sorts first is used. Events with no Content are skipped (brat leftovers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

Span = tuple[int, int]
WORD = re.compile(r"\w+")
QUOTES = "\"“”‘’«»„‟‹›"
_ENTITY = re.compile(r"^(T\d+)\t(\w[\w-]*) ([\d ;]+)\t")
_EVENT = re.compile(r"^(E\d+)\t(\S+)(.*)$")


@dataclass(frozen=True)
class Attr:
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]
    kind: str = ""
    cue_lemma: str | None = None
    confidence: float = 1.0


def read_gold(ann_path: Path, text: str) -> list[Attr]:
    entities: dict[str, tuple[str, tuple[Span, ...]]] = {}
    events = []
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        if m := _ENTITY.match(line):
            spans = tuple(tuple(int(x) for x in part.split()) for part in m.group(3).split(";"))
            entities[m.group(1)] = (m.group(2), spans)  # type: ignore[assignment]
        elif m := _EVENT.match(line):
            events.append(m.group(3).split())
    out = []
    for args in events:
        roles: dict[str, list[Span]] = {"Source": [], "Cue": [], "Content": []}
        for arg in args:
            role, _, ref = arg.partition(":")
            role = role.rstrip("0123456789") if role.startswith("Content") else role
            if role in roles and ref in entities:
                roles[role].extend(entities[ref][1])
        if not roles["Content"]:
            continue
        attr = Attr(tuple(sorted(roles["Source"])), tuple(sorted(roles["Cue"])),
                    tuple(sorted(roles["Content"])))
        out.append(Attr(attr.source, attr.cue, attr.content, gold_kind(attr, text)))
    return out


def gold_files(root: Path, split: str) -> list[tuple[Path, Path]]:
    """(text, ann) pairs of one split, first annotator when there are several."""
    texts = {p.stem: p for p in (root / "data" / split / "text").glob("*.txt")}
    anns: dict[str, Path] = {}
    for ann in sorted((root / "data" / split / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        if stem in texts and stem not in anns:
            anns[stem] = ann
    return [(texts[s], anns[s]) for s in sorted(anns)]


def gold_kind(a: Attr, text: str) -> str:
    cue = " ".join(text[s:e] for s, e in a.cue).strip().lower()
    if cue.startswith("according"):
        return "according_to"
    if not a.source:
        return "no-source"
    content = " ".join(text[s:e] for s, e in a.content).strip(" \t\n.,;:")
    if not any(q in content for q in QUOTES):
        return "indirect"
    inner = content[1:-1]
    if content[0] in QUOTES and content[-1] in QUOTES:
        return "direct" if not re.search(r"[“”\"»«]\s*[a-z]", inner) or len(content) < 3 else "mixed"
    return "mixed"


class Words:
    """Word-token index of one text: span set -> frozenset of word start offsets."""

    def __init__(self, text: str):
        self.text = text
        self.starts = [m.start() for m in WORD.finditer(text)]
        self.ends = [m.end() for m in WORD.finditer(text)]

    def of(self, spans: tuple[Span, ...]) -> frozenset[int]:
        import bisect

        out = set()
        for s, e in spans:
            i = bisect.bisect_right(self.ends, s)
            while i < len(self.starts) and self.starts[i] < e:
                out.add(self.starts[i])
                i += 1
        if not out:  # a cue of punctuation only (":", "―"): its characters stand for words
            out = {-1 - p for s, e in spans for p in range(s, e) if not self.text[p].isspace()}
        return frozenset(out)


def align(gold: list[Attr], pred: list[Attr], words: Words) -> list[tuple[int, int]]:
    gw = [(words.of(g.content), words.of(g.cue), words.of(g.source)) for g in gold]
    pw = [(words.of(p.content), words.of(p.cue), words.of(p.source)) for p in pred]
    scored = []
    for i, (gc, gq, gs) in enumerate(gw):
        for j, (pc, pq, ps) in enumerate(pw):
            c, q = len(gc & pc), len(gq & pq)
            if c or q:
                scored.append(((c, q, len(gs & ps)), i, j))
    scored.sort(key=lambda t: (-t[0][0], -t[0][1], -t[0][2], t[1], t[2]))
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in scored:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


class Counts:
    def __init__(self):
        self.tp = self.n_pred = self.n_gold = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_article(gold: list[Attr], pred: list[Attr], text: str, counts: dict[str, Counts],
                  pairs: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Add one article's counts to ``counts`` (keys ``{component}_{partial|exact}``)."""
    words = Words(text)
    pairs = align(gold, pred, words) if pairs is None else pairs
    for comp in ("source", "cue", "content", "attribution"):
        for mode in ("partial", "exact"):
            c = counts.setdefault(f"{comp}_{mode}", Counts())
            if comp == "attribution":
                c.n_gold += len(gold)
                c.n_pred += len(pred)
            else:
                c.n_gold += sum(1 for g in gold if getattr(g, comp))
                c.n_pred += sum(1 for p in pred if getattr(p, comp))
    for i, j in pairs:
        g, p = gold[i], pred[j]
        m = {}
        for comp in ("source", "cue", "content"):
            gs, ps = getattr(g, comp), getattr(p, comp)
            if gs and ps:
                gw, pw = words.of(gs), words.of(ps)
                m[comp] = (bool(gw & pw), gw == pw and bool(gw))
            else:
                m[comp] = (False, not gs and not ps)
            counts[f"{comp}_partial"].tp += m[comp][0] and bool(gs and ps)
            counts[f"{comp}_exact"].tp += m[comp][1] and bool(gs and ps)
        cue_ok_p = m["cue"][0] if (g.cue and p.cue) else True
        cue_ok_e = m["cue"][1] if (g.cue and p.cue) else (not g.cue and not p.cue)
        counts["attribution_partial"].tp += m["content"][0] and cue_ok_p
        counts["attribution_exact"].tp += m["content"][1] and cue_ok_e and m["source"][1]
    return pairs
