"""The whole flow for one article, and its result as the `analysis extract` JSON fixes it.

article -> sentences and tags -> attributions -> speakers -> stance -> time -> claims.
Each stage is a function in its own module; this one only wires them and shapes the output.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import json
from bisect import bisect_right
from dataclasses import dataclass, field, fields
from datetime import date


from .articles import Article
from .attributions import Span, find_attributions
from .claims import Claim, group_claims
from .document import Document, parse
from .speakers import Speaker, resolve_speakers
from .stance import attribution_stances, sentence_stances
from .timeline import statement_dates
from .timexes import Timex, find_timexes

if TYPE_CHECKING:  # pandas is imported where a frame is built; extraction never needs it
    import pandas as pd


@dataclass(frozen=True)
class SentenceRow:
    start: int
    end: int
    speaker: str | None
    stance: str


@dataclass(frozen=True)
class Statement:
    """One attribution with everything the later stages learned about it."""

    id: str
    source: Span | None
    cue: Span | None
    content: list[Span]
    kind: str
    speaker: str | None
    speaker_id: str | None
    speaker_kind: str | None
    role: str | None
    affiliation: str | None
    stance: str
    claim: str | None
    polarity: int | None
    said_on: str | None
    confidence: float


@dataclass
class Extraction:
    """What `analysis extract` writes for one article, plus the tables behind it."""

    article: Article
    published: date | None
    sentences: list[SentenceRow]
    attributions: list[Statement]
    timexes: list[Timex]
    speakers: list[Speaker] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Why something is missing (e.g. no publication date to resolve relative dates)."""

    @property
    def doc_id(self) -> str:
        return self.article.doc_id

    def to_dict(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "published": self.published.isoformat() if self.published else None,
            "sentences": [plain(s) for s in self.sentences],
            "attributions": [_statement_dict(s) for s in self.attributions],
            "timexes": [plain(t) for t in self.timexes],
            "speakers": [_speaker_dict(s) for s in self.speakers],
            "claims": [plain(c) for c in self.claims],
            "notes": self.notes,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def _repr_html_(self) -> str:
        """JupyterLab view: the article's metadata and its text, statements highlighted by
        stance, everything escaped (``analysis.views``)."""
        from .views import extraction_html

        return extraction_html(self)

    # DataFrame views ---------------------------------------------------------------------

    def sentences_frame(self) -> pd.DataFrame:
        rows = [{**plain(s), "text": self.article.body[s.start:s.end]} for s in self.sentences]
        import pandas as pd

        return pd.DataFrame(rows, columns=["start", "end", "speaker", "stance", "text"])

    def attributions_frame(self) -> pd.DataFrame:
        body = self.article.body
        rows = []
        for s in self.attributions:
            row = _statement_dict(s)
            row["source_text"] = body[s.source[0]:s.source[1]] if s.source else None
            row["cue_text"] = body[s.cue[0]:s.cue[1]] if s.cue else None
            row["content_text"] = " … ".join(body[a:b] for a, b in s.content)
            rows.append(row)
        columns = [f.name for f in Statement.__dataclass_fields__.values()]
        import pandas as pd

        return pd.DataFrame(rows, columns=columns + ["source_text", "cue_text", "content_text"])

    def timexes_frame(self) -> pd.DataFrame:
        rows = [{**plain(t), "text": self.article.body[t.start:t.end]} for t in self.timexes]
        import pandas as pd

        return pd.DataFrame(rows, columns=["start", "end", "type", "value", "text"])

    def timeline_frame(self) -> pd.DataFrame:
        """Statements by ``said_on`` (see ``analysis.timeline.timeline_frame``)."""
        from .timeline import timeline_frame

        return timeline_frame(self)

    def speakers_frame(self) -> pd.DataFrame:
        rows = [_speaker_dict(s) for s in self.speakers]
        import pandas as pd

        return pd.DataFrame(rows, columns=["id", "name", "kind", "role", "affiliation", "mentions"])


_FIELDS: dict[type, tuple[str, ...]] = {}
_ATOMS = (str, int, float, bool, type(None))


def plain(value):
    """``dataclasses.asdict`` for the output's types (dataclasses, lists, tuples, atoms), without
    its deep copies: asdict took a sixth of the whole extraction time."""
    cls = type(value)
    if cls in _ATOMS:
        return value
    if cls is list or cls is tuple:
        return cls(plain(v) for v in value)
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in fields(value))
    row = {name: getattr(value, name) for name in names}
    for name, v in row.items():  # most fields are atoms: recurse only into the others
        if type(v) not in _ATOMS:
            row[name] = plain(v)
    return row


def _statement_dict(statement: Statement) -> dict:
    row = plain(statement)
    row["source"] = list(statement.source) if statement.source else None
    row["cue"] = list(statement.cue) if statement.cue else None
    row["content"] = [list(span) for span in statement.content]
    return row


def _speaker_dict(speaker: Speaker) -> dict:
    row = plain(speaker)
    row["mentions"] = [list(span) for span in speaker.mentions]
    return row


def extract(article: Article, published: date | None = None) -> Extraction:
    """Run the whole flow on one article. ``published`` is the fallback publication date."""
    published = article.published or published
    doc = parse(article)
    attributions = find_attributions(doc)
    speakers = resolve_speakers(doc, attributions)
    stances = attribution_stances(doc, attributions)
    timexes = find_timexes(doc, published)
    dates = statement_dates(doc, attributions, timexes, published)
    claims = group_claims(doc, attributions, speakers, stances, dates)
    stances = {**stances, **claims.stances}  # a reversal of one's own side concedes
    notes = [] if published else [_undated_note(timexes)]

    statements = []
    for a in attributions:
        who = speakers.by_id(speakers.of_attribution.get(a.id))
        claim, polarity = claims.of_attribution.get(a.id, (None, None))
        statements.append(Statement(
            id=a.id, source=a.source, cue=a.cue, content=list(a.content), kind=a.kind,
            speaker=who.name if who else None, speaker_id=who.id if who else None,
            speaker_kind=who.kind if who else None, role=who.role if who else None,
            affiliation=who.affiliation if who else None, stance=stances[a.id],
            claim=claim, polarity=polarity, said_on=dates.get(a.id), confidence=a.confidence,
        ))

    sentence_speakers = _sentence_speakers(doc, attributions, speakers)
    sentence_rows = [
        SentenceRow(start, end, sentence_speakers[i], stance)
        for i, ((start, end), stance) in enumerate(
            zip(doc.sentences, sentence_stances(doc, attributions, stances)))
    ]
    return Extraction(article=article, published=published, sentences=sentence_rows,
                      attributions=statements, timexes=timexes, speakers=speakers.entities,
                      claims=claims.claims, notes=notes)


def _undated_note(timexes: list[Timex]) -> str:
    unresolved = sum(1 for t in timexes if t.value is None)
    return (f"no publication date: {unresolved} relative time expressions have no value and "
            "said_on falls back to absolute dates only (give --published YYYY-MM-DD)")


def _sentence_speakers(doc: Document, attributions, speakers) -> list[str | None]:
    """Who speaks each sentence: the source of an attribution whose content it holds, else the
    narrating outlet."""
    narrator = speakers.narrator.name if speakers.narrator else None
    result = [narrator] * len(doc.sentences)
    ends = [e for _, e in doc.sentences]
    for a in attributions:
        who = speakers.by_id(speakers.of_attribution.get(a.id))
        if who is None:
            continue
        for start, end in a.content:
            i = bisect_right(ends, start)  # the first sentence that ends after the content starts
            while i < len(doc.sentences) and doc.sentences[i][0] < end:
                s, e = doc.sentences[i]
                if min(e, end) - max(s, start) >= (e - s) / 2:
                    result[i] = who.name
                i += 1
    return result
