"""When each statement was made (``said_on``), and the timeline table of an article.

The rules for each attribution, in order (a time expression in a reporting clause dates the
speech act, as TimeML reads reporting events):

1. a time expression attached to the cue's clause: in the cue's sentence, outside the
   reported content, nearest to the cue (``Kirby said Friday``, ``On Monday, the White House
   said``, ``At Monday's press conference, Patel acknowledged``);
2. else, when the cue's sentence has no date of its own (not even inside the content), the
   time of the immediately preceding sentence if that sentence sets the scene: it speaks of a
   speech event (an attribution of its own, or a word such as ``spoke``, ``press call``,
   ``statement``) and either opens with its date (``On Monday, the White House said ...``),
   or introduces this statement's speaker (names it, or holds its source span: ``Kirby spoke
   on a press call Friday. said "We ..."``), or the speaker is a pronoun or unnamed;
3. else, again only for a sentence without a date of its own, the date that governs the
   paragraph: a time expression opening its first sentence (``On Saturday, ...``);
4. else the publication date for a present-tense cue (``says``, ``tells``: VBZ/VBP, or the
   ``-s`` form when tags are missing); a present-tense cue skips rules 2 and 3, since it
   reports what the speaker holds at publication, not an earlier event;
5. else ``None``.

Only DATE/TIME expressions count (never a DURATION or SET), at day, week or month precision
(``2024-02-02``, ``2024-W05``, ``2024-01``: a TIME keeps its day), and never one after the
publication date (a statement cannot be made after the article reporting it).

What it cannot do: it does not parse which clause a time expression modifies, so in
``X said the vote, held Friday, failed`` the Friday of the vote is taken for the saying unless
the attribution's content span covers it; a date given only in the headline or dateline of a
wire story is not read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import re
from bisect import bisect_right
from datetime import date


from .attributions import Attribution
from .document import Document
from .timexes import Timex, lexicon

if TYPE_CHECKING:  # pandas is imported where a frame is built; extraction never needs it
    import pandas as pd

_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_WEEK = re.compile(r"(\d{4}-W\d\d)(?:-WE)?\Z")
_MONTH = re.compile(r"\d{4}-\d\d\Z")
_WORD = re.compile(r"[A-Za-z]+")
_CALENDAR = re.compile(r"(?:FY)?\d{2,4}(?!\d)")
_PRESENT_S = re.compile(r"[a-z]{2,}s\Z")


def said_on_value(value: str | None) -> str | None:
    """A TIMEX3 value at the precision a ``said_on`` may have (day, week, month), else None."""
    if not value:
        return None
    day = _DAY.match(value)
    if day:
        return day.group(0)
    week = _WEEK.match(value)
    if week:
        return week.group(1)
    if _MONTH.match(value):
        return value
    return None


def period_start(value: str | None) -> date | None:
    """The first day of a ``said_on`` value (for sorting and comparing)."""
    if not value:
        return None
    if _DAY.fullmatch(value):
        return date.fromisoformat(value)
    if _WEEK.match(value):
        year, week = int(value[:4]), int(value[6:8])
        return date.fromisocalendar(year, week, 1)
    if _MONTH.match(value):
        return date(int(value[:4]), int(value[5:7]), 1)
    return None


def statement_dates(doc: Document, attributions: list[Attribution], timexes: list[Timex],
                    published: date | None) -> dict[str, str | None]:
    """Attribution id -> ISO date (or week/month) the statement was made, or ``None``."""
    by_sentence: dict[int, list[Timex]] = {}
    dated: set[int] = set()
    """Sentences with a date of their own, even one after publication (``will resign
    Friday``): they do not inherit the date of the sentence or paragraph before."""
    starts = [s for s, _ in doc.sentences]
    for timex in timexes:
        index = _sentence_of(starts, timex.start)
        if index is None or timex.type not in ("DATE", "TIME") or not timex.value:
            continue
        if _CALENDAR.match(timex.value):
            dated.add(index)  # "20 years ago" (1996) dates its sentence too
        if _usable(timex, published):
            by_sentence.setdefault(index, []).append(timex)
    cue_sentences = {a.sentence for a in attributions}
    paragraph_first = _paragraph_first_sentences(doc)

    result: dict[str, str | None] = {}
    attached_in: dict[int, str] = {}
    for a in sorted(attributions, key=lambda a: (a.sentence, _anchor(a) or (0, 0))):
        said_on = _attached(a, by_sentence.get(a.sentence, []))
        if said_on:
            attached_in.setdefault(a.sentence, said_on)
        present = _present_tense_cue(doc, a)
        if said_on is None and present:
            result[a.id] = published.isoformat() if published else None
            continue
        own_date = a.sentence in dated
        if said_on is None and a.sentence > 0 and not own_date:
            said_on = _from_previous(doc, a, by_sentence, attached_in, cue_sentences)
        if said_on is None and not own_date:
            first = paragraph_first.get(a.sentence)
            if first is not None and first != a.sentence:
                opening = _opening_timex(doc, first, by_sentence.get(first, []))
                said_on = said_on_value(opening.value) if opening else None
        result[a.id] = said_on
    return {a.id: result[a.id] for a in attributions}


_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}


def _from_previous(doc: Document, a: Attribution, by_sentence: dict[int, list[Timex]],
                   attached_in: dict[int, str], cue_sentences: set[int]) -> str | None:
    """Rule 2: the date of the sentence before, when that sentence sets the scene of this
    statement: it opens with its date (``On Monday, ...``, ``At Monday's press conference``),
    or this statement's speaker is a pronoun or unnamed (``... spoke Friday. "We ...," he
    said.``); and it speaks of a speech event (an attribution or a speech word)."""
    previous = a.sentence - 1
    if previous not in by_sentence:
        return None
    speaker = doc.body[a.source[0]:a.source[1]] if a.source else ""
    opening = _opening_timex(doc, previous, by_sentence[previous])
    if opening is None and speaker and speaker.lower() not in _PRONOUNS and not _introduces(
            doc, previous, a.source, speaker):
        return None
    if previous in attached_in and opening is None:
        return attached_in[previous]
    if previous in cue_sentences or _speaks(doc.sentence_text(previous)):
        return said_on_value((opening or by_sentence[previous][-1]).value)
    return None


def _introduces(doc: Document, sentence: int, source: tuple[int, int], speaker: str) -> bool:
    """Whether a sentence introduces the speaker: the source span lies in it (``Kirby spoke on
    a press call Friday. said "We ..."``), or it names the speaker (the source's last word)."""
    start, end = doc.sentences[sentence]
    if start <= source[0] < end:
        return True
    names = [w for w in _WORD.findall(speaker) if w[:1].isupper()]
    return bool(names) and re.search(rf"\b{re.escape(names[-1])}\b", doc.body[start:end]) is not None


def _speaks(text: str) -> bool:
    """Whether a sentence speaks of a speech event (``spoke``, ``press call``: the ``speech``
    words of ``resources/time/context.tsv``)."""
    speech = lexicon().words("speech")
    return any(w.lower() in speech for w in _WORD.findall(text))


def _usable(timex: Timex, published: date | None) -> bool:
    value = said_on_value(timex.value)
    if value is None:
        return False
    start = period_start(value)
    return published is None or start is None or start <= published


def _sentence_of(starts: list[int], offset: int) -> int | None:
    index = bisect_right(starts, offset) - 1
    return index if index >= 0 else None


def _anchor(a: Attribution) -> tuple[int, int] | None:
    return a.cue or a.source or (a.content[0] if a.content else None)


def _attached(a: Attribution, candidates: list[Timex]) -> str | None:
    """The time expression of the cue's sentence nearest the cue, outside the content."""
    anchor = _anchor(a)
    if anchor is None:
        return None
    outside = [t for t in candidates
               if not any(s <= t.start < e for s, e in a.content)]
    if not outside:
        return None
    best = min(outside, key=lambda t: abs((t.start + t.end) / 2 - (anchor[0] + anchor[1]) / 2))
    return said_on_value(best.value)


def _paragraph_first_sentences(doc: Document) -> dict[int, int]:
    """Sentence index -> index of the first sentence of its paragraph (blank-line or line
    break separated)."""
    body, result, first = doc.body, {}, 0
    for index, (start, _) in enumerate(doc.sentences):
        if index == 0 or "\n" in body[doc.sentences[index - 1][1]:start]:
            first = index
        result[index] = first
    return result


def _opening_timex(doc: Document, sentence: int, timexes: list[Timex]) -> Timex | None:
    """A time expression within the first few words of a sentence (``On Monday, ...``)."""
    start = doc.sentences[sentence][0]
    for timex in timexes:
        if len(doc.body[start:timex.start].split()) <= 2:
            return timex
    return None


def _present_tense_cue(doc: Document, a: Attribution) -> bool:
    if a.cue is None:
        return False
    tokens = doc.tokens[a.sentence] if 0 <= a.sentence < len(doc.tokens) else []
    cue_tokens = [t for t in tokens if a.cue[0] <= t.start < a.cue[1]]
    words = [t.text.lower() for t in cue_tokens]
    if any(w in ("has", "have", "had", "was", "were", "did") for w in words[:1]):
        return False  # "has struggled to assert", "was quoted": not the present of the report
    tagged = [t for t in cue_tokens if t.tag.startswith("VB") or t.tag == "MD"]
    if tagged:
        return tagged[0].tag in ("VBZ", "VBP") and not any(t.tag in ("VBN", "VBD")
                                                            for t in tagged[1:])
    word = words[0] if words else ""
    if a.cue_lemma and word == a.cue_lemma and " " not in a.cue_lemma:
        return a.cue_lemma not in ("according", "statement")
    return bool(_PRESENT_S.match(word)) and not word.endswith(("ss", "us", "is", "ws"))


# ---------------------------------------------------------------------------------------------
# the timeline table


TIMELINE_COLUMNS = ["statement", "speaker", "stance", "claim", "said_on", "quote"]


def timeline_frame(extraction) -> pd.DataFrame:
    """One row per statement of an extraction (``analysis.extract.Extraction``): statement id,
    speaker, stance, claim, said_on and the quoted or reported content, sorted by ``said_on``
    (by the first day of a week or month; statements with no date last, in reading order)."""
    body = extraction.article.body
    rows = []
    for order, s in enumerate(extraction.attributions):
        rows.append({
            "statement": s.id, "speaker": s.speaker, "stance": s.stance, "claim": s.claim,
            "said_on": s.said_on, "quote": " … ".join(body[a:b] for a, b in s.content),
            "_start": period_start(s.said_on) or date.max, "_order": order,
        })
    import pandas as pd

    frame = pd.DataFrame(rows, columns=TIMELINE_COLUMNS + ["_start", "_order"])
    frame = frame.sort_values(["_start", "_order"], kind="stable")
    return frame.drop(columns=["_start", "_order"]).reset_index(drop=True)

