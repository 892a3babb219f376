"""Charts of statements over time and across a corpus (matplotlib only), and their data.

The data functions return DataFrames the notebooks can show as tables; the figure functions
draw those frames. Every chart comes with alt text (:class:`Chart`). Figures are built with
``matplotlib.figure.Figure`` (not pyplot), so nothing is shown twice and threads are safe.
"""

from __future__ import annotations

import base64
import io
import re
import textwrap
from datetime import date, timedelta
from typing import TYPE_CHECKING, Iterable

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

    from .extract import Extraction

STANCE_MARKERS = {
    # stance: (marker, colour). Okabe-Ito colours; shapes differ too, for grey-scale prints.
    "assert": ("o", "#0072B2"),
    "hedge": ("h", "#7f6fb0"),
    "acknowledge": ("^", "#009E73"),
    "deny": ("v", "#D55E00"),
    "retract": ("X", "#C00000"),
    "dispute": ("D", "#E69F00"),
    "refuse": ("s", "#777777"),
    "refer": (">", "#56B4E9"),
    "protest": ("P", "#CC79A7"),
    "question": ("d", "#B8A200"),
}
CLAIM_COLOURS = ["#444444", "#1b9e77", "#7570b3", "#a6761d", "#e7298a", "#66a61e", "#666666"]
RETRACTION = "#C00000"
CONTRADICTION = "#E08000"
ROLES = ("retraction", "contradiction")
"""Statements the timeline marks (a claim history's ``relation``)."""
TIMELINE_COLUMNS = ["doc_id", "id", "order", "speaker", "speaker_id", "stance", "claim", "claim_key",
                    "polarity", "said_on", "start", "end", "dated", "role", "quote"]


class Chart:
    """A figure with its alt text. In Jupyter it displays as a PNG whose metadata carries the
    alt text; the report template writes it into ``<img alt>``."""

    def __init__(self, figure: "Figure", alt: str):
        self.figure, self.alt = figure, alt

    def png(self) -> bytes:
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=100)
        return buffer.getvalue()

    def save(self, path) -> None:
        from .atomic import atomic_write

        with atomic_write(path, "wb") as handle:
            handle.write(self.png())

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = base64.b64encode(self.png()).decode("ascii")
        return {"image/png": data, "text/plain": self.alt}, {"image/png": {"alt": self.alt}}


def _say_empty(ax, message: str) -> None:
    """A chart with nothing to plot says so in its middle instead of showing empty axes."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)


def _plain(text: object, width: int = 28) -> str:
    """Label text for matplotlib: wrapped, ``$`` escaped so that no mathtext is parsed."""
    return textwrap.fill(str(text), width).replace("$", r"\$")


# ---------------------------------------------------------------------------------------------
# dates

_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})\Z")
_WEEK = re.compile(r"(\d{4})-W(\d{2})\Z")
_YEAR = re.compile(r"(\d{4})\Z")


def date_range(value: str | None) -> tuple[date, date] | None:
    """The first and last day an ISO value (day, ``YYYY-MM``, ``YYYY-Www``, ``YYYY``) covers;
    ``None`` for anything else (``PRESENT_REF``, durations)."""
    if not isinstance(value, str) or not value:  # None, or NaN from a DataFrame column
        return None
    try:
        if m := _DAY.match(value):
            day = date(int(m[1]), int(m[2]), int(m[3]))
            return day, day
        if m := _MONTH.match(value):
            first = date(int(m[1]), int(m[2]), 1)
            nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        if m := _WEEK.match(value):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
        if m := _YEAR.match(value):
            return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    except ValueError:
        return None
    return None


# ---------------------------------------------------------------------------------------------
# timeline data


def timeline_frame(extractions: "Extraction | Iterable[Extraction]") -> pd.DataFrame:
    """One row per statement: when (``start``/``end``; undated ones at the publication date with
    ``dated`` False), who, stance, claim, and ``role`` in its claim: ``retraction`` (reverses an
    earlier statement of the same speaker or organisation) or ``contradiction`` (opposes
    another's). The claim stage's judgement is followed when it gives one (``Claim.history``
    relations, or ``Claim.retractions``/``.contradictions``); otherwise: earlier means earlier
    date, then reading order, and the same organisation is the speaker's affiliation."""
    from .extract import Extraction

    items = [extractions] if isinstance(extractions, Extraction) else list(extractions)
    rows = []
    for ex in items:
        body = ex.article.body
        fallback = ex.published
        for order, s in enumerate(ex.attributions):
            span = date_range(s.said_on)
            quote = " … ".join(body[a:b] for a, b in s.content)
            rows.append({
                "doc_id": ex.doc_id, "id": s.id, "order": order, "speaker": s.speaker or "(unknown)",
                "speaker_id": s.speaker_id, "stance": s.stance, "claim": s.claim,
                "claim_key": f"{ex.doc_id}:{s.claim}" if s.claim else None, "polarity": s.polarity,
                "said_on": s.said_on, "start": span[0] if span else fallback,
                "end": span[1] if span else fallback, "dated": span is not None, "role": None,
                "quote": quote, "_org": _organisation(s),
            })
        _mark_roles(rows, ex)
    frame = pd.DataFrame(rows, columns=TIMELINE_COLUMNS + ["_org"])
    return frame.drop(columns="_org")


def _organisation(s) -> str | None:
    if s.speaker_kind in ("organization", "outlet", "group"):
        return s.speaker
    return s.affiliation or s.speaker_id


def _mark_roles(rows: list[dict], ex: "Extraction") -> None:
    mine = {r["id"]: r for r in rows if r["doc_id"] == ex.doc_id}
    listed = False
    for claim in ex.claims:
        for step in getattr(claim, "history", ()) or ():  # the claim stage's own judgement
            listed = True
            if step.attribution in mine and step.relation in ROLES:
                mine[step.attribution]["role"] = step.relation
        for attr, role in (("retractions", "retraction"), ("contradictions", "contradiction")):
            for sid in getattr(claim, attr, ()) or ():
                if sid in mine:
                    mine[sid]["role"], listed = role, True
    if listed:
        return
    by_claim: dict[str, list[dict]] = {}
    for r in mine.values():
        if r["claim"] and r["polarity"] in (1, -1):
            by_claim.setdefault(r["claim"], []).append(r)
    far = date.max
    for members in by_claim.values():
        members.sort(key=lambda r: (r["start"] if r["dated"] and r["start"] else far, r["order"]))
        for i, r in enumerate(members):
            opposed = [e for e in members[:i] if e["polarity"] == -r["polarity"]]
            if r["stance"] == "retract" or any(
                    e["speaker_id"] == r["speaker_id"] or (e["_org"] and e["_org"] == r["_org"]) for e in opposed):
                r["role"] = "retraction"
            elif opposed:
                r["role"] = "contradiction"
    for r in mine.values():
        if r["stance"] == "retract" and r["role"] is None:
            r["role"] = "retraction"


# ---------------------------------------------------------------------------------------------
# timeline figure


def timeline_figure(frame: pd.DataFrame, *, rows: str = "speaker", title: str | None = None,
                    published: date | None = None, row_labels: dict[str, str] | None = None) -> "Figure":
    """Dates on x; one row per speaker (or per claim, ``rows="claim_key"``); a marker per
    statement by stance; each claim's statements joined by a line; retractions ringed in red
    (and their segment of the line drawn red and dashed), contradictions ringed in orange;
    undated statements hollow, at the publication date; a week or month as a bar."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    data = frame[frame[rows].notna()] if rows != "speaker" else frame
    keys = list(dict.fromkeys(data.sort_values(["start", "order"], na_position="last")[rows])) if not data.empty else []
    fig = Figure(figsize=(10, max(3.0, 0.55 * len(keys) + 2.2) if keys else 1.4), dpi=100)
    ax = fig.add_subplot()
    heading = ("Timeline of claims and retractions" if rows != "speaker" else "Who said what, when")
    fig.suptitle(_plain(heading + (f": {title}" if title else ""), 110), x=0.01, ha="left", fontsize=12,
                 fontweight="bold")
    if data.empty or data["start"].isna().all():
        _say_empty(ax, "No dated statements to plot" if not data.empty else "No statements found")
        return fig

    y_of = {k: len(keys) - 1 - i for i, k in enumerate(keys)}
    data = data.assign(y=data[rows].map(y_of).astype(float),
                       x=[date2num(d) for d in data["start"]], x_end=[date2num(d) for d in data["end"]])
    data = _spread(data)
    for r in data.itertuples(index=False):  # periods (a week, a month) as bars
        if r.dated and r.x_end > r.x:
            ax.plot([r.x, r.x_end + 1], [r.y, r.y], color=STANCE_MARKERS.get(r.stance, ("o", "#555"))[1],
                    alpha=0.25, lw=7, solid_capstyle="butt", zorder=1)
    claim_handles = []
    for i, (key, group) in enumerate(data[data["claim_key"].notna()].groupby("claim_key", sort=False)):
        group = group.assign(xm=(group["x"] + group["x_end"]) / 2).sort_values(["xm", "order"])
        colour = CLAIM_COLOURS[i % len(CLAIM_COLOURS)]
        if len(group) > 1:
            points = list(zip(group["xm"], group["y"], group["role"]))
            for (x0, y0, _), (x1, y1, role) in zip(points, points[1:]):
                red = role == "retraction"
                ax.plot([x0, x1], [y0, y1], color=RETRACTION if red else colour, lw=2.2 if red else 1.3,
                        ls="--" if red else "-", alpha=0.9, zorder=2)
        claim = str(key).split(":", 1)[1] if rows == "speaker" else str(key)
        claim_handles.append(Line2D([], [], color=colour, lw=1.3, label=_plain(f"claim {claim}", 30)))
    for r in data.itertuples(index=False):
        marker, colour = STANCE_MARKERS.get(r.stance, ("o", "#555555"))
        xm = (r.x + r.x_end) / 2
        ax.scatter([xm], [r.y], marker=marker, s=80, zorder=4, linewidths=1.5,
                   facecolors=colour if r.dated else "white", edgecolors=colour)
        if isinstance(r.role, str):
            ring = RETRACTION if r.role == "retraction" else CONTRADICTION
            ax.scatter([xm], [r.y], marker="o" if r.role == "retraction" else "s", s=330, zorder=3,
                       facecolors="none", edgecolors=ring, linewidths=2.2)
            if len(keys) <= 14:  # on a crowded chart the rings and the legend say it
                ax.annotate(r.role, (xm, r.y), xytext=(0, 12), textcoords="offset points", ha="center",
                            fontsize=7.5, color=ring, fontweight="bold", zorder=5)
    if published is not None:
        ax.axvline(date2num(published), color="#999999", ls=":", lw=1, zorder=0)
        ax.annotate("published", (date2num(published), 1.0), xycoords=("data", "axes fraction"),
                    xytext=(3, -10), textcoords="offset points", fontsize=7.5, color="#777777")
    labels = row_labels or {}
    ax.set_yticks(range(len(keys)), [_plain(labels.get(k, k), 34) for k in reversed(keys)], fontsize=8.5)
    ax.set_ylim(-0.8, len(keys) - 0.2)
    xs = list(data["x"]) + list(data["x_end"] + 1)
    lo, hi = min(xs), max(xs)
    pad = max(1.0, (hi - lo) * 0.06)
    ax.set_xlim(lo - pad, hi + pad)
    locator = AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.grid(axis="x", color="#eeeeee")
    ax.spines[["top", "right"]].set_visible(False)

    used = [s for s in STANCE_MARKERS if s in set(data["stance"])]
    handles = [Line2D([], [], ls="", marker=STANCE_MARKERS[s][0], color=STANCE_MARKERS[s][1], markersize=7,
                      label=s) for s in used]
    if (~data["dated"]).any():
        handles.append(Line2D([], [], ls="", marker="o", mfc="white", mec="#555555", markersize=7,
                              label="date unknown\n(at publication)"))
    if (data["role"] == "retraction").any():
        handles.append(Line2D([], [], ls="--", marker="o", mfc="none", mec=RETRACTION, color=RETRACTION,
                              markersize=12, mew=2, label="retraction"))
    if (data["role"] == "contradiction").any():
        handles.append(Line2D([], [], ls="", marker="s", mfc="none", mec=CONTRADICTION, markersize=12, mew=2,
                              label="contradiction"))
    claim_handles = claim_handles[:8] if rows == "speaker" else []  # rows already name the claims
    ax.legend(handles=handles + claim_handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
              frameon=False, title="stance", title_fontsize=8)
    height = fig.get_figheight()  # margins in inches, whatever the number of rows
    fig.subplots_adjust(left=0.24, right=0.80, top=1 - 0.75 / height, bottom=0.7 / height)
    return fig


def _spread(data: pd.DataFrame) -> pd.DataFrame:
    """Statements on the same row and day side by side (small vertical offsets), not stacked."""
    data = data.copy()
    for _, index in data.groupby(["y", "x"]).groups.items():
        if len(index) > 1:
            offsets = [(i - (len(index) - 1) / 2) * 0.22 for i in range(len(index))]
            data.loc[list(index), "y"] = data.loc[list(index), "y"] + offsets
    return data


def timeline_alt_text(frame: pd.DataFrame, what: str = "statements") -> str:
    if frame.empty:
        return f"Timeline: no {what}."
    parts = []
    for r in frame.sort_values(["start", "order"], na_position="last").itertuples(index=False):
        when = r.said_on if r.dated else "date unknown"
        role = f" ({r.role})" if isinstance(r.role, str) else ""
        claim = f" on claim {r.claim}" if isinstance(r.claim, str) else ""
        parts.append(f"{when}: {r.speaker} {r.stance}{claim}{role}")
    return f"Timeline of {len(frame)} {what}: " + "; ".join(parts) + "."


def timeline_chart(extraction: "Extraction") -> Chart:
    """Who said what when in one article, claims joined, retractions marked."""
    frame = timeline_frame(extraction)
    fig = timeline_figure(frame, title=extraction.article.title or extraction.doc_id,
                          published=extraction.published)
    return Chart(fig, timeline_alt_text(frame))


def history_timeline(history: pd.DataFrame) -> pd.DataFrame:
    """A corpus claim history (``corpus_claims.CorpusClaims.history``) as timeline rows, one
    per statement, ``claim_key`` being the corpus claim; undated statements at their article's
    publication date."""
    rows = []
    for order, r in enumerate(history.itertuples(index=False)):
        span = date_range(r.said_on)
        fallback = date_range(r.published)
        start, end = span if span else (fallback or (None, None))
        rows.append({"doc_id": r.doc_id, "id": r.attribution, "order": order,
                     "speaker": r.speaker if isinstance(r.speaker, str) else "(unknown)",
                     "speaker_id": r.speaker_id, "stance": r.stance, "claim": r.corpus_claim,
                     "claim_key": r.corpus_claim, "polarity": r.polarity, "said_on": r.said_on,
                     "start": start, "end": end, "dated": span is not None,
                     "role": r.relation if r.relation in ROLES else None, "quote": r.text})
    return pd.DataFrame(rows, columns=TIMELINE_COLUMNS)


def claim_history_chart(history: pd.DataFrame, max_claims: int = 30) -> Chart:
    """Claims across a corpus, one row each: those with more than one statement (or a
    retraction or contradiction), oldest first; statements joined, retractions and
    contradictions marked."""
    frame = history_timeline(history)
    total = frame["claim_key"].nunique()
    sizes = frame.groupby("claim_key").size()
    marked = set(frame.loc[frame["role"].notna(), "claim_key"])
    keep = [k for k in dict.fromkeys(frame.sort_values(["start", "order"])["claim_key"])
            if sizes[k] > 1 or k in marked][:max_claims]
    frame = frame[frame["claim_key"].isin(keep)]
    labels = {}
    for key, group in history[history["corpus_claim"].isin(keep)].groupby("corpus_claim"):
        text = str(group["proposition"].iloc[0]).strip().strip("\"“”'‘’ ")
        articles = group["doc_id"].nunique()
        labels[key] = (f"{key} · “{textwrap.shorten(text, 44, placeholder='…')}”"
                       + (f" ({articles} articles)" if articles > 1 else ""))
    title = f"{len(keep)} of {total} claims (those with 2+ statements)"
    fig = timeline_figure(frame, rows="claim_key", title=title, row_labels=labels)
    return Chart(fig, timeline_alt_text(frame, "statements about claims"))


def claims_chart(extractions: Iterable["Extraction"], max_claims: int = 30) -> Chart:
    """The claims of a corpus linked across articles (``corpus_claims.link_claims``) on a
    timeline: see :func:`claim_history_chart`."""
    from .corpus_claims import link_claims

    return claim_history_chart(link_claims(list(extractions)).history, max_claims)


# ---------------------------------------------------------------------------------------------
# corpus


def statements_frame(extractions: Iterable["Extraction"]) -> pd.DataFrame:
    """Every statement of a corpus with its article's metadata (``outlet``, ``published``,
    ``title``) and a ``month`` (said-on month, else the publication month)."""
    frames = []
    for ex in extractions:
        f = ex.attributions_frame()
        f.insert(0, "doc_id", ex.doc_id)
        f["outlet"] = ex.article.outlet or "(unknown outlet)"
        f["title"] = ex.article.title or ex.doc_id
        f["published"] = ex.published
        frames.append(f)
    if not frames:
        return pd.DataFrame(columns=["doc_id", "speaker", "stance", "outlet", "published", "month"])
    frame = pd.concat(frames, ignore_index=True)
    months = []
    for said_on, published in zip(frame["said_on"], frame["published"]):
        span = date_range(said_on)
        day = span[0] if span else published
        months.append(day.strftime("%Y-%m") if day else None)
    frame["month"] = months
    return frame


def articles_frame(extractions: Iterable["Extraction"]) -> pd.DataFrame:
    rows = [{"doc_id": ex.doc_id, "title": ex.article.title or ex.doc_id, "outlet": ex.article.outlet,
             "published": ex.published, "words": ex.article.words, "statements": len(ex.attributions),
             "speakers": len({s.speaker_id for s in ex.attributions if s.speaker_id}),
             "claims": len(ex.claims)} for ex in extractions]
    return pd.DataFrame(rows, columns=["doc_id", "title", "outlet", "published", "words", "statements",
                                       "speakers", "claims"])


def most_quoted_chart(statements: pd.DataFrame, n: int = 15) -> Chart:
    from matplotlib.figure import Figure

    counts = statements.dropna(subset=["speaker"]).groupby("speaker").size().sort_values(ascending=False).head(n)
    fig = Figure(figsize=(8, max(2.5, 0.35 * len(counts) + 1.5)), dpi=100)
    ax = fig.add_subplot()
    ax.set_title(f"Most quoted speakers (top {len(counts)})", loc="left", fontweight="bold")
    if counts.empty:
        _say_empty(ax, "No attributed statements")
        return Chart(fig, "Most quoted speakers: none.")
    ax.barh([_plain(s, 40) for s in counts.index[::-1]], counts.values[::-1], color="#0072B2")
    ax.set_xlabel("statements")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    alt = "Most quoted speakers: " + "; ".join(f"{s} {c}" for s, c in counts.items()) + "."
    return Chart(fig, alt)


def stance_mix_chart(statements: pd.DataFrame, by: str = "outlet") -> Chart:
    """Share of each stance per outlet (``by="outlet"``) or per month (``by="month"``)."""
    from matplotlib.figure import Figure

    data = statements.dropna(subset=[by])
    table = data.groupby([by, "stance"]).size().unstack(fill_value=0) if not data.empty else pd.DataFrame()
    what = "outlet" if by == "outlet" else "month said (or published)"
    fig = Figure(figsize=(9, max(2.5, 0.4 * len(table) + 1.8)), dpi=100)
    ax = fig.add_subplot()
    ax.set_title(f"Stance mix per {what}", loc="left", fontweight="bold")
    if table.empty:
        _say_empty(ax, "No statements")
        return Chart(fig, f"Stance mix per {what}: no statements.")
    table = table[[s for s in STANCE_MARKERS if s in table.columns] +
                  [s for s in table.columns if s not in STANCE_MARKERS]]
    if by == "month":
        table = table.sort_index(ascending=False)
    shares = table.div(table.sum(axis=1), axis=0)
    left = pd.Series(0.0, index=shares.index)
    labels = [_plain(i, 40) for i in shares.index]
    for stance in shares.columns:
        ax.barh(labels, shares[stance], left=left, label=stance,
                color=STANCE_MARKERS.get(stance, ("o", "#999999"))[1])
        left += shares[stance]
    for y, total in enumerate(table.sum(axis=1)):
        ax.text(1.01, y, f"n={total}", va="center", fontsize=8)
    ax.set_xlim(0, 1.1)
    ax.set_xlabel("share of statements")
    ax.legend(loc="upper left", bbox_to_anchor=(1.08, 1.0), fontsize=8, frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    alt = f"Stance mix per {what}: " + "; ".join(
        f"{i}: " + ", ".join(f"{s} {int(table.loc[i, s])}" for s in table.columns if table.loc[i, s])
        for i in table.index) + "."
    return Chart(fig, alt)


def claims_frame(extractions: Iterable["Extraction"]) -> pd.DataFrame:
    """One row per claim: its article, fate, first and last date, who stated, retracted and
    contradicted it, and its first statement's words."""
    extractions = list(extractions)
    timeline = timeline_frame(extractions)
    fates = {f"{ex.doc_id}:{c.id}": c.fate for ex in extractions for c in ex.claims}
    rows = []
    for key, group in timeline[timeline["claim_key"].notna()].groupby("claim_key", sort=False):
        group = group.sort_values("order")
        dated = group[group["dated"]]
        roles = group["role"].where(group["role"].notna(), None)
        rows.append({
            "claim": key, "fate": fates.get(key), "statements": len(group),
            "first": dated["said_on"].min() if not dated.empty else None,
            "last": dated["said_on"].max() if not dated.empty else None,
            "for": ", ".join(dict.fromkeys(group.loc[group["polarity"] == 1, "speaker"])),
            "against": ", ".join(dict.fromkeys(group.loc[group["polarity"] == -1, "speaker"])),
            "retracted by": ", ".join(dict.fromkeys(group.loc[roles == "retraction", "speaker"])),
            "contradicted by": ", ".join(dict.fromkeys(group.loc[roles == "contradiction", "speaker"])),
            "first statement": textwrap.shorten(group.iloc[0]["quote"], 120, placeholder="…"),
        })
    return pd.DataFrame(rows, columns=["claim", "fate", "statements", "first", "last", "for", "against",
                                       "retracted by", "contradicted by", "first statement"])
