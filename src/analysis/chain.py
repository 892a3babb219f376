"""The attribution chain: who reports whom, who asked whom, who sent questions where.

Derived from an extraction's statements, no stage of its own:

- ``speaker -> quoted in -> article`` for every speaker with a statement, and
  ``outlet -> published -> article`` for the narrating outlet;
- ``organisation -> speaks through -> person`` (and ``-> issued -> document``) from a speaker's
  affiliation;
- ``outlet -> asked -> speaker`` when the statement's sentence says the speaker answered an
  outlet's questions ("in response to questions from X", "told X", ...; ``chain_cues.json``);
- ``speaker -> referred to -> organisation`` for statements with stance ``refer`` (or a cue
  like "referred"), the target
  being a known entity (or a capitalised name) after the cue.

What it cannot do: an asker that is not an outlet ("told reporters", "told the committee") is
not an edge; a referral whose target is a pronoun or a common noun ("referred questions to
another agency") has no target; chains across articles are not joined here.
"""

from __future__ import annotations

import bisect
import json
import re
import textwrap
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from .charts import Chart
    from .extract import Extraction, Statement

EDGE_COLUMNS = ["source", "source_kind", "relation", "target", "target_kind", "statements", "said_on"]
ARTICLE_KIND = "article"
ARTICLE_NODE = "this article"
KIND_COLOURS = {
    "outlet": "#f0c987",
    "organization": "#a6cee3",
    "person": "#b2df8a",
    "anonymous": "#d9d9d9",
    "group": "#cab2d6",
    "document": "#fdbf6f",
    "article": "#ffffff",
    None: "#eeeeee",
}
RELATION_STYLES = {
    "asked": {"color": "#1f5fa8", "linestyle": "-"},
    "referred to": {"color": "#b2182b", "linestyle": "--"},
    "speaks through": {"color": "#777777", "linestyle": ":"},
    "issued": {"color": "#777777", "linestyle": ":"},
    "quoted in": {"color": "#9a9a9a", "linestyle": "-"},
    "published": {"color": "#8c6d1f", "linestyle": "-"},
}


@lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern, re.Pattern, int]:
    data = json.loads(resources.files("analysis").joinpath("resources/chain_cues.json").read_text("utf-8"))
    asked = re.compile(r"\b(?:" + "|".join(data["asked"]) + r")\b", re.IGNORECASE)
    referred = re.compile(r"\b(?:" + "|".join(data["referred"]) + r")\b", re.IGNORECASE)
    return asked, referred, int(data["window"])


def _name_pattern(name: str) -> re.Pattern:
    core = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.compile(r"(?<!\w)(?:the\s+)?" + re.escape(core) + r"(?!\w)", re.IGNORECASE)


def chain_edges(extraction: "Extraction") -> pd.DataFrame:
    """The chain as a DataFrame of edges (``EDGE_COLUMNS``), one row per (source, relation,
    target), ``statements`` listing the attribution ids behind it."""
    article = extraction.article
    body = article.body
    article_node = ARTICLE_NODE
    kinds = {s.name: s.kind for s in extraction.speakers}
    narrator = article.outlet
    if narrator:
        kinds.setdefault(narrator, "outlet")
    outlets = [n for n, k in kinds.items() if k == "outlet"]
    entities = [n for n, k in kinds.items() if k not in ("outlet", "document") and n]
    starts = [s.start for s in extraction.sentences]
    asked_re, referred_re, window = _cues()

    edges: dict[tuple[str, str, str], dict] = {}

    def add(source: str, relation: str, target: str, statement: "Statement | None") -> None:
        if not source or not target or source == target:
            return
        row = edges.setdefault((source, relation, target), {
            "source": source, "source_kind": kinds.get(source), "relation": relation,
            "target": target, "target_kind": ARTICLE_KIND if target == article_node else kinds.get(target),
            "statements": [], "said_on": None})
        if statement is not None:
            row["statements"].append(statement.id)
            if statement.said_on and (row["said_on"] is None or statement.said_on < row["said_on"]):
                row["said_on"] = statement.said_on

    if narrator:
        add(narrator, "published", article_node, None)
    for s in extraction.attributions:
        if not s.speaker:
            continue
        kinds.setdefault(s.speaker, s.speaker_kind)
        if s.speaker != narrator:
            add(s.speaker, "quoted in", article_node, s)
        if s.affiliation and s.affiliation != s.speaker:
            kinds.setdefault(s.affiliation, "organization")
            add(s.affiliation, "issued" if s.speaker_kind == "document" else "speaks through", s.speaker, s)
        sentence = _sentence_text(extraction, starts, s)
        for match in asked_re.finditer(sentence):
            after = sentence[match.end():match.end() + window]
            asker = _first_name(after, outlets, exclude=s.speaker)
            if asker:
                add(asker, "asked", s.speaker, s)
                break
        cue_text = body[s.cue[0]:s.cue[1]] if s.cue else ""
        if s.stance == "refer" or referred_re.fullmatch(cue_text):
            target = _referral_target(body, sentence, s, entities, outlets)
            if target:
                kinds.setdefault(target, "organization")
                add(s.speaker, "referred to", target, s)
    rows = [{**r, "source_kind": kinds.get(r["source"]),
             "target_kind": r["target_kind"] or kinds.get(r["target"])} for r in edges.values()]
    return pd.DataFrame(rows, columns=EDGE_COLUMNS)


def _sentence_text(extraction: "Extraction", starts: list[int], s: "Statement") -> str:
    anchor = (s.cue or (s.content[0] if s.content else None) or s.source or (0, 0))[0]
    if not starts:
        return extraction.article.body
    i = max(0, bisect.bisect_right(starts, anchor) - 1)
    row = extraction.sentences[i]
    return extraction.article.body[row.start:row.end]


def _first_name(text: str, names: list[str], exclude: str | None) -> str | None:
    """The known name that occurs first in ``text``."""
    best = None
    for name in names:
        if name == exclude:
            continue
        m = _name_pattern(name).search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return best[1] if best else None


_CAPITALISED = re.compile(r"\bto\s+(?:the\s+)?((?:[A-Z][\w'’.&-]*)(?:\s+(?:of\s+|for\s+)?[A-Z][\w'’.&-]*){0,5})")


def _referral_target(body: str, sentence: str, s: "Statement", entities: list[str],
                     outlets: list[str]) -> str | None:
    """The organisation questions were sent to: the last known entity from the cue on (in the
    sentence), else the last capitalised name after "to"."""
    cue_text = body[s.cue[0]:s.cue[1]] if s.cue else ""
    at = sentence.find(cue_text) if cue_text else -1
    text = sentence[at:] if at >= 0 else " ".join(body[a:b] for a, b in s.content)
    found = [(m.start(), name) for name in entities if name not in (s.speaker, s.affiliation)
             for m in _name_pattern(name).finditer(text)]
    if found:
        return max(found)[1]
    names = [m.group(1).strip(" .") for m in _CAPITALISED.finditer(text)]
    names = [n for n in names if n not in outlets and n != s.speaker]
    return names[-1] if names else None


def chain_nodes(edges: pd.DataFrame) -> pd.DataFrame:
    """Every node of the chain with its kind and its layer (0 = leftmost, the article last)."""
    kinds: dict[str, str | None] = {}
    for row in edges.itertuples(index=False):
        kinds.setdefault(row.source, row.source_kind)
        kinds.setdefault(row.target, row.target_kind)
    layers = _layers(list(kinds), [(r.source, r.target) for r in edges.itertuples(index=False)])
    return pd.DataFrame([{"name": n, "kind": k, "layer": layers[n]} for n, k in kinds.items()],
                        columns=["name", "kind", "layer"])


def _layers(nodes: list[str], links: list[tuple[str, str]]) -> dict[str, int]:
    """Longest-path layers counted from the right: a speaker who is only quoted sits next to
    the article, so long edges are few. Back edges of a cycle (A refers to B refers to A) are
    ignored."""
    out: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in links:
        out[a].append(b)
    order: list[str] = []  # post-order: every node after all its successors
    state: dict[str, int] = {}
    back: set[tuple[str, str]] = set()
    for root in nodes:
        if root in state:
            continue
        stack = [(root, iter(out[root]))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                order.append(node)
                stack.pop()
            elif state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(out[child])))
    depth: dict[str, int] = {}  # distance to the right edge
    for node in order:
        succ = [depth[c] for c in out[node] if (node, c) not in back and c in depth]
        depth[node] = max(succ) + 1 if succ else 0
    deepest = max(depth.values(), default=0)
    return {n: deepest - d for n, d in depth.items()}


def _plain(text: str, width: int = 22) -> str:
    """Label text for matplotlib: wrapped, ``$`` escaped so that no mathtext is parsed."""
    return textwrap.fill(str(text), width).replace("$", r"\$")


def chain_alt_text(edges: pd.DataFrame, title: str | None = None) -> str:
    if edges.empty:
        return "Attribution chain: no attributions found."
    parts = [f"{r.source} {r.relation} {r.target}" for r in edges.itertuples(index=False)]
    return f"Attribution chain{' of ' + title if title else ''}: " + "; ".join(parts) + "."


def chain_figure(edges: pd.DataFrame, title: str | None = None) -> "Figure":
    """The chain as a left-to-right layered directed graph (matplotlib only)."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    nodes = chain_nodes(edges)
    per_layer = nodes.groupby("layer").size() if not nodes.empty else pd.Series(dtype=int)
    n_layers = int(nodes["layer"].max()) + 1 if not nodes.empty else 1
    tallest = int(per_layer.max()) if not per_layer.empty else 1
    fig = Figure(figsize=(max(7.0, 2.8 * n_layers + 1.5), max(3.2, 0.85 * tallest + 1.8)), dpi=100)
    ax = fig.add_subplot()
    ax.set_axis_off()
    heading = "Attribution chain" + (f": {title}" if title else "")
    ax.set_title(_plain(heading, 90), loc="left", fontsize=12, fontweight="bold")
    if nodes.empty:
        ax.text(0.5, 0.5, "No attributions found", ha="center", va="center", transform=ax.transAxes)
        return fig

    pos = _positions(nodes, edges)
    publishers = set(edges.loc[edges["relation"] == "published", "source"])
    ax.set_xlim(-0.6, n_layers - 0.4)
    ax.set_ylim(-0.6, tallest - 0.4)
    artists = {}
    for row in nodes.itertuples(index=False):
        x, y = pos[row.name]
        label = _plain(row.name) if row.kind != ARTICLE_KIND else _plain(title or row.name, 24)
        if row.name in publishers:
            label += "\n(publisher)"
        artists[row.name] = ax.text(
            x, y, label, ha="center", va="center", fontsize=8.5, zorder=3,
            fontweight="bold" if row.kind in ("outlet", ARTICLE_KIND) else "normal",
            bbox={"boxstyle": "round,pad=0.4", "fc": KIND_COLOURS.get(row.kind, "#eeeeee"),
                  "ec": "#333333", "lw": 1.2 if row.kind == ARTICLE_KIND else 0.6})
    placed: list[tuple[float, float]] = []
    for row in edges.itertuples(index=False):
        style = RELATION_STYLES.get(row.relation, {"color": "#555555", "linestyle": "-"})
        (x0, y0), (x1, y1) = pos[row.source], pos[row.target]
        span = x1 - x0
        if row.relation == "published":  # the publisher is marked on its node instead
            continue
        straight = row.relation == "quoted in"  # grey background lines: a small bend, else behind boxes
        if span <= 0:
            rad = 0.35
        elif span == 1:
            rad = 0.0
        elif straight:
            rad = _clear_bend(ax, pos, row.source, row.target, (0.0, -0.12, 0.12, -0.2, 0.2), fallback=0.0)
        else:
            rad = _clear_bend(ax, pos, row.source, row.target)
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0), zorder=1 if row.relation == "quoted in" else 2,
                    arrowprops={"arrowstyle": "-|>", "color": style["color"],
                                "lw": 1.0 if row.relation == "quoted in" else 1.4,
                                "linestyle": style["linestyle"], "mutation_scale": 12,
                                "connectionstyle": f"arc3,rad={rad}",
                                "patchA": artists[row.source].get_bbox_patch(),
                                "patchB": artists[row.target].get_bbox_patch(),
                                "shrinkA": 2, "shrinkB": 2})
        count = len(row.statements)
        if row.relation == "quoted in":  # the legend says what grey lines are; label counts only
            if count > 1:
                t = 1 - 0.45 / (x1 - x0) if x1 > x0 else 0.5
                ax.text(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, f"×{count}", fontsize=7,
                        ha="center", va="center", color="#555555", zorder=4,
                        bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.85})
            continue
        label = row.relation
        if row.said_on and row.relation in ("asked", "referred to"):
            label += f"\n{row.said_on}"
        t0 = 0.5 / span if span >= 1 else 0.5  # between the source and the next column
        for t in (t0, t0 + 0.15, t0 + 0.3, t0 - 0.12, 0.5, 0.7):
            lx, ly = _arc_point(ax, (x0, y0), (x1, y1), rad, min(max(t, 0.08), 0.92))
            if all(abs(lx - px) > 0.6 or abs(ly - py) > 0.35 for px, py in placed) and all(
                    abs(lx - nx) >= 0.5 or abs(ly - ny) > 0.3 for nx, ny in pos.values()):
                break
        placed.append((lx, ly))
        ax.text(lx, ly, label, fontsize=7,
                ha="center", va="center", color=style["color"], zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    kinds_used = [k for k in KIND_COLOURS if k in set(nodes["kind"])]
    relations_used = [r for r in RELATION_STYLES if r in set(edges["relation"]) and r != "published"]
    handles = [Patch(fc=KIND_COLOURS[k], ec="#333333", label=k) for k in kinds_used]
    handles += [Line2D([], [], label=r, **RELATION_STYLES[r]) for r in relations_used]
    fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 6), fontsize=8, frameon=False)
    fig.subplots_adjust(left=0.02, right=0.98, top=0.9, bottom=0.1 if len(handles) <= 6 else 0.14)
    return fig


def _arc_point(ax, start: tuple[float, float], end: tuple[float, float], rad: float,
               t: float) -> tuple[float, float]:
    """The point at ``t`` on matplotlib's ``arc3`` curve (a quadratic Bezier built in display
    coordinates), in data coordinates: where an edge's label goes."""
    to_display, to_data = ax.transData, ax.transData.inverted()
    (ax0, ay0), (ax1, ay1) = to_display.transform([start, end])
    cx, cy = (ax0 + ax1) / 2 + rad * (ay1 - ay0), (ay0 + ay1) / 2 - rad * (ax1 - ax0)
    bx = (1 - t) ** 2 * ax0 + 2 * (1 - t) * t * cx + t ** 2 * ax1
    by = (1 - t) ** 2 * ay0 + 2 * (1 - t) * t * cy + t ** 2 * ay1
    x, y = to_data.transform((bx, by))
    return float(x), float(y)


def _clear_bend(ax, pos: dict[str, tuple[float, float]], source: str, target: str,
                rads: tuple[float, ...] = (0.0, -0.2, 0.2, -0.35, 0.35, -0.5, 0.5), fallback: float = 0.5) -> float:
    """A bend for an edge that skips columns, so that it passes no node box on its way (the
    first of ``rads`` that does; else ``fallback``)."""
    start, end = pos[source], pos[target]
    others = [p for n, p in pos.items() if n not in (source, target) and start[0] < p[0] < end[0]]
    for rad in rads:
        points = [_arc_point(ax, start, end, rad, t / 20) for t in range(1, 20)]
        if not any(abs(x - ox) < 0.45 and abs(y - oy) < 0.45 for x, y in points for ox, oy in others):
            return rad
    return fallback


def _positions(nodes: pd.DataFrame, edges: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Nodes of a layer spread top to bottom; two barycentre sweeps (by parents, then by
    children other than the article) order each layer: fewer crossings, not none."""
    tallest = int(nodes.groupby("layer").size().max())
    parents: dict[str, list[str]] = {}
    children: dict[str, list[str]] = {}
    for row in edges.itertuples(index=False):
        parents.setdefault(row.target, []).append(row.source)
        if row.target_kind != ARTICLE_KIND:
            children.setdefault(row.source, []).append(row.target)
    layers = {int(k): list(g["name"]) for k, g in nodes.groupby("layer")}
    pos: dict[str, tuple[float, float]] = {}

    def place(layer: int, names: list[str]) -> None:
        offset = (tallest - len(names)) / 2
        for i, name in enumerate(names):
            pos[name] = (float(layer), float(tallest - 1 - (offset + i)))

    def sweep(order: list[int], links: dict[str, list[str]]) -> None:
        for layer in order:
            names = layers[layer]
            current = {n: pos.get(n, (0, 0))[1] for n in names}

            def key(n: str) -> float:
                ys = [pos[p][1] for p in links.get(n, []) if p in pos and pos[p][0] != layer]
                return -(sum(ys) / len(ys)) if ys else -current[n]
            layers[layer] = sorted(names, key=key)
            place(layer, layers[layer])

    for layer, names in layers.items():
        place(layer, names)
    sweep(sorted(layers), parents)
    sweep(sorted(layers, reverse=True), children)
    return pos


def chain_chart(extraction: "Extraction") -> "Chart":
    """The attribution chain of one article, ready to display."""
    from .charts import Chart

    edges = chain_edges(extraction)
    title = extraction.article.title or extraction.article.doc_id
    return Chart(chain_figure(edges, title), chain_alt_text(edges, title))
