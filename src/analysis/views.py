"""HTML views of an extraction for JupyterLab and the reports: escaped, with no scripts.

Everything that comes from an article (body, title, outlet, URL, speaker names) goes through
``html.escape`` here; only ``http``/``https`` URLs become links. The views are plain strings
wrapped in :class:`HTML` (anything with ``_repr_html_`` displays in Jupyter), so neither
IPython nor a browser-side script is needed.
"""

from __future__ import annotations

import html
import math
import re
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .extract import Extraction

STANCE_COLOURS = {
    # Colour-blind-safe pairs (Okabe-Ito based): warm for rejecting stances, cool for accepting.
    "assert": "#cfe3f5",
    "hedge": "#e6e1f2",
    "acknowledge": "#cdeedd",
    "deny": "#f8d0c0",
    "retract": "#f4b6c2",
    "dispute": "#fbe0b0",
    "refuse": "#dddddd",
    "refer": "#d9ecec",
    "protest": "#f3c7e6",
    "question": "#f5f0bd",
}
"""Background of a highlighted statement, by stance (DESIGN.md's ten labels)."""

DATE_COLUMNS = frozenset({"published", "said_on", "first", "last", "first_asserted_on", "date"})
"""Columns kept on one line (an ISO date should not wrap)."""

_SAFE_URL = re.compile(r"https?://[^\s\"'<>`]+\Z", re.IGNORECASE)


class HTML(str):
    """A string Jupyter displays as HTML. Build it only from escaped parts."""

    def _repr_html_(self) -> str:
        return str(self)


def esc(value: object) -> str:
    """Escape any value for HTML text and attribute values (``None`` becomes an empty string)."""
    return "" if value is None else html.escape(str(value), quote=True)


def is_web_url(url: str | None) -> bool:
    return bool(url) and bool(_SAFE_URL.match(url.strip()))


def safe_link(url: str | None, text: str | None = None) -> str:
    """A link for ``http(s)`` URLs; any other scheme (``javascript:``, ``data:``) stays text."""
    if not url:
        return esc(text)
    url = url.strip()
    label = esc(text if text is not None else url)
    if _SAFE_URL.match(url):
        return f'<a href="{esc(url)}" rel="noopener noreferrer nofollow">{label}</a>'
    return label if text is not None else f"<code>{esc(url)}</code>"


def table(frame: "pd.DataFrame", columns: Sequence[str] | None = None, *,
          empty: str = "Nothing found.", caption: str | None = None) -> HTML:
    """Every row of ``frame`` as an escaped HTML table (pandas' own view truncates long tables)."""
    columns = list(columns) if columns is not None else list(frame.columns)
    if frame.empty:
        return HTML(f'<p class="empty">{esc(empty)}</p>')
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)
    rows = []
    opening = ['<td class="date">' if c in DATE_COLUMNS else "<td>" for c in columns]
    for record in frame[columns].itertuples(index=False):
        rows.append("<tr>" + "".join(f"{o}{_cell(v)}</td>" for o, v in zip(opening, record)) + "</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return HTML(f'<table class="data">{cap}<thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table>')


def _cell(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return esc(", ".join(str(v) for v in value))
    if value is None or (isinstance(value, float) and math.isnan(value)) \
            or type(value).__name__ in ("NAType", "NaTType"):  # pandas' missing values
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return esc(value)


def stance_legend(stances: Iterable[str] | None = None) -> str:
    names = list(stances) if stances is not None else list(STANCE_COLOURS)
    chips = "".join(
        f'<span class="chip" style="background:{STANCE_COLOURS.get(s, "#eee")}">{esc(s)}</span> '
        for s in names)
    return f'<p class="legend">Stance: {chips}</p>'


def highlighted_text(extraction: "Extraction") -> HTML:
    """The article body with each statement's content highlighted by stance, and its cue and
    source underlined. Where statements overlap, the one that starts last wins the colour (the
    inner quote of a nested attribution); the tooltip names the speaker, stance and claim."""
    body = extraction.article.body
    marks: list[tuple[int, int, int, str, str]] = []  # start, end, layer, class, title
    for order, s in enumerate(extraction.attributions):
        title = f"{s.speaker or 'unknown speaker'} · {s.stance}" + (f" · claim {s.claim}" if s.claim else "")
        if s.said_on:
            title += f" · {s.said_on}"
        for start, end in s.content:
            marks.append((start, end, 2 * order, f"content stance-{s.stance}", title))
        for span, kind in ((s.cue, "cue"), (s.source, "source")):
            if span:
                marks.append((span[0], span[1], 2 * order + 1, kind, title))
    cuts = sorted({0, len(body), *(m[0] for m in marks), *(m[1] for m in marks)})
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for i, m in enumerate(marks):
        if m[0] < m[1]:
            opening.setdefault(m[0], []).append(i)
            closing.setdefault(m[1], []).append(i)
    active: dict[int, tuple] = {}  # a sweep over the cut points: linear in the text, not quadratic
    out = []
    for a, b in zip(cuts, cuts[1:]):
        for i in closing.get(a, ()):
            active.pop(i, None)
        for i in opening.get(a, ()):
            active[i] = marks[i]
        covering = [active[i] for i in sorted(active)]
        piece = esc(body[a:b])
        content = max((m for m in covering if m[3].startswith("content")), key=lambda m: m[2], default=None)
        inner = [m for m in covering if not m[3].startswith("content")]
        for m in inner:
            piece = f'<span class="{m[3]}">{piece}</span>'
        if content:
            stance = content[3].split("stance-", 1)[1]
            colour = STANCE_COLOURS.get(stance, "#eee")
            piece = (f'<mark class="{esc(content[3])}" style="background:{colour}" '
                     f'title="{esc(content[4])}">{piece}</mark>')
        elif inner:
            piece = f'<span title="{esc(inner[-1][4])}">{piece}</span>'
        out.append(piece)
    rank = {name: i for i, name in enumerate(STANCE_COLOURS)}
    used = sorted({s.stance for s in extraction.attributions}, key=lambda n: (rank.get(n, 99), n))
    style = ('<style>.article-text{white-space:pre-wrap;line-height:1.6;max-width:52em}'
             '.article-text .cue{font-weight:bold}.article-text .source{text-decoration:underline}'
             '.legend .chip{padding:0 .4em;border-radius:3px}</style>')
    legend = stance_legend(used) if used else '<p class="empty">No statements found.</p>'
    return HTML(f'{style}{legend}<div class="article-text">{"".join(out)}</div>')


def article_header(extraction: "Extraction") -> HTML:
    """Title, outlet, date and link of the article: escaped, the link only if http(s)."""
    a = extraction.article
    rows = [("Outlet", esc(a.outlet)), ("Published", esc(extraction.published or "unknown")),
            ("Author", esc(a.author)), ("URL", safe_link(a.url) if a.url else ""),
            ("Source file", esc(_file_name(a.source))),
            ("Statements", str(len(extraction.attributions))), ("Claims", str(len(extraction.claims)))]
    cells = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows if v)
    notes = "".join(f'<p class="note">{esc(n)}</p>' for n in extraction.notes)
    return HTML(f'<h1 class="article-title">{esc(a.title or a.doc_id)}</h1>'
                f'<table class="meta">{cells}</table>{notes}')


def _file_name(source: str) -> str:
    """The file name only (``dir/a.jsonl:3`` -> ``a.jsonl:3``): a shared page need not show
    where the file lies on the machine that made it."""
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def extraction_html(extraction: "Extraction") -> str:
    """What ``Extraction._repr_html_`` shows: header, then the highlighted text."""
    return str(article_header(extraction)) + str(highlighted_text(extraction))


STATEMENT_COLUMNS = ["id", "speaker", "stance", "claim", "polarity", "said_on", "quote", "kind", "confidence"]


def statements_table(extraction: "Extraction") -> "pd.DataFrame":
    """The statements of an article as a reader wants them: who, stance, claim, when, the quote."""
    frame = extraction.attributions_frame()
    frame = frame.rename(columns={"content_text": "quote"})
    frame["speaker"] = frame["speaker"].fillna(frame["source_text"])
    frame["polarity"] = frame["polarity"].astype("Int64")
    return frame[STATEMENT_COLUMNS]
