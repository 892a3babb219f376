"""A hand-built extraction of the model article, as EXPECTED.md reads it.

Test input for the charts and reports (the extraction stages are other modules' business):
spans are found with ``str.find`` in the real body, so offsets are real offsets.
"""

from __future__ import annotations

from pathlib import Path

from analysis.articles import read_article
from analysis.claims import Claim
from analysis.extract import Extraction, SentenceRow, Statement
from analysis.sentences import split_sentences
from analysis.speakers import Speaker

MODEL = Path(__file__).resolve().parents[1] / "data" / "raw" / "iraq_strikes_advance_notice.txt"

SPEAKERS = [
    # id, name, kind, role, affiliation
    ("john-kirby", "John Kirby", "person", "national security spokesman", "White House"),
    ("white-house", "White House", "organization", None, None),
    ("nsc-spokesperson", "National Security Council spokesperson", "anonymous", "spokesperson",
     "National Security Council"),
    ("vedant-patel", "Vedant Patel", "person", "spokesperson", "State Department"),
    ("state-department", "State Department", "organization", None, None),
    ("iraqi-government", "Iraqi government", "organization", None, None),
    ("iraqi-foreign-ministry", "Iraqi Foreign Ministry", "organization", None, "Iraqi government"),
    ("meeting-press-release", "meeting press release", "document", None, "Iraqi Foreign Ministry"),
    ("iranian-backed-militias", "Iranian-backed militias", "group", None, None),
    ("biden-administration", "Biden administration", "organization", None, None),
    ("the-intercept", "The Intercept", "outlet", None, None),
]

STATEMENTS = [
    # id, speaker id, source text, cue text, content text, kind, stance, claim, polarity, said_on
    ("a1", "the-intercept", None, "contrary to",
     "The United States did it failed to inform the Iraqi government", "other", "assert", "c1", -1, "2024-02-06"),
    ("a2", "john-kirby", "White House national security spokesman, retired Adm. John Kirby", "said",
     "We informed the Iraqi government before the strikes.", "direct", "assert", "c1", 1, "2024-02-02"),
    ("a3", "white-house", "the White House", "said", "the Iraqis had no advance warning of the strikes",
     "indirect", "acknowledge", "c1", -1, "2024-02-05"),
    ("a4", "nsc-spokesperson", "a National Security Council spokesperson", "acknowledged",
     "For operational security reasons, we have not provided any sort of official advance notification",
     "direct", "acknowledge", "c1", -1, "2024-02-05"),
    ("a5", "vedant-patel", "spokesperson Vedant Patel", "acknowledged", "the Iraqis had not received warning",
     "indirect", "acknowledge", "c1", -1, "2024-02-05"),
    ("a6", "state-department", "The State Department", "referred",
     "questions from The Intercept to the White House", "other", "refer", None, None, "2024-02-05"),
    ("a7", "iraqi-government", "The Iraqi government", "denied",
     "the United States provided any warning", "indirect", "deny", "c1", -1, None),
    ("a8", "iraqi-foreign-ministry", "the Iraqi Foreign Ministry", "denouncing", "American aggression.",
     "mixed", "protest", None, None, "2024-02-03"),
    ("a9", "meeting-press-release", "the meeting press release", "we can read",
     "Iraq also underlined its refusal to be a ground for settling scores", "direct", "protest", None, None,
     "2024-02-03"),
    ("a10", "iranian-backed-militias", "they", "said", "was motivated by U.S. support for Israel",
     "indirect", "assert", "c2", 1, "2024-01"),
    ("a11", "biden-administration", "the Biden administration", "assert",
     "that its strikes are not part of Israel’s war on Gaza", "indirect", "hedge", None, None, None),
    ("a12", "john-kirby", "Kirby", "said", "I completely disagree with your description",
     "direct", "dispute", None, None, None),
    ("a13", "john-kirby", "Kirby", "added", "There is an ongoing conflict between Israel and Hamas.",
     "direct", "assert", None, None, None),
]


def _find(body: str, text: str | None, after: int = 0) -> tuple[int, int] | None:
    if text is None:
        return None
    start = body.find(text, after)
    assert start >= 0, text
    return (start, start + len(text))


def model_extraction(path: Path = MODEL) -> Extraction:
    article = read_article(path)
    body = article.body
    speakers = {sid: Speaker(sid, name, kind, role, aff) for sid, name, kind, role, aff in SPEAKERS}
    statements = []
    for sid, who, source, cue, content, kind, stance, claim, polarity, said_on in STATEMENTS:
        content_span = _find(body, content)
        sentence_start = body.rfind("\n", 0, content_span[0]) + 1
        source_span = _find(body, source, sentence_start) if source else None
        cue_span = _find(body, cue, sentence_start) if cue else None
        s = speakers[who]
        statements.append(Statement(
            id=sid, source=source_span, cue=cue_span, content=[content_span], kind=kind,
            speaker=s.name, speaker_id=s.id, speaker_kind=s.kind, role=s.role, affiliation=s.affiliation,
            stance=stance, claim=claim, polarity=polarity, said_on=said_on, confidence=0.9))
    claims = [Claim("c1", ("a1", "a2", "a3", "a4", "a5", "a7"), "retracted"),
              Claim("c2", ("a10",), "standing")]
    sentences = [SentenceRow(a, b, "The Intercept", "assert") for a, b in split_sentences(body)]
    return Extraction(article=article, published=article.published, sentences=sentences,
                      attributions=statements, timexes=[], speakers=list(speakers.values()),
                      claims=claims)
