"""When each statement was made, and the timeline table. Attributions are built by hand here
(spans found with ``str.find``) so these tests pin the timeline rules alone."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.articles import Article, read_article
from analysis.attributions import Attribution
from analysis.document import parse
from analysis.timeline import (TIMELINE_COLUMNS, period_start, said_on_value, statement_dates,
                               timeline_frame)
from analysis.timexes import find_timexes

PUBLISHED = date(2024, 2, 6)  # a Tuesday


def attribution(doc, ident, source, cue, content, after="", lemma="say") -> Attribution:
    body = doc.body
    base = body.find(after) if after else 0
    cue_start = body.find(cue, base)
    assert cue_start >= 0, cue
    sentence = next(i for i, (s, e) in enumerate(doc.sentences) if s <= cue_start < e)
    spans = []
    if content:
        start = body.find(content, base)
        spans.append((start, start + len(content)))
    src = body.find(source, base) if source else -1
    return Attribution(id=ident, source=(src, src + len(source)) if source else None,
                       cue=(cue_start, cue_start + len(cue)), content=tuple(spans),
                       kind="indirect", confidence=0.9, sentence=sentence, cue_lemma=lemma)


def dates(text, specs, published=PUBLISHED):
    doc = parse(Article(doc_id="t", body=text, published=published))
    attributions = [attribution(doc, *spec) for spec in specs]
    return statement_dates(doc, attributions, find_timexes(doc, published), published)


def test_time_attached_after_the_cue():
    text = "Kirby said Friday that the talks had failed."
    assert dates(text, [("a1", "Kirby", "said", "that the talks had failed")]) == \
        {"a1": "2024-02-02"}


def test_time_opening_the_sentence():
    text = "On Monday, the ministry said the plan was dead."
    assert dates(text, [("a1", "the ministry", "said", "the plan was dead")]) == \
        {"a1": "2024-02-05"}


def test_time_of_the_preceding_sentence_that_introduces_the_speech():
    text = "The minister spoke at a press conference on Monday. \u201cWe are ready,\u201d she said."
    assert dates(text, [("a1", "she", "said", "We are ready")]) == {"a1": "2024-02-05"}


def test_time_governing_the_paragraph():
    text = ("On Saturday, protesters gathered downtown. Police estimated the crowd at 5,000. "
            "A spokesman said the march was peaceful.\nThe mayor said nothing.")
    result = dates(text, [("a1", "A spokesman", "said", "the march was peaceful"),
                          ("a2", "The mayor", "said", "nothing", "The mayor")])
    assert result == {"a1": "2024-02-03", "a2": None}


def test_present_tense_cue_takes_the_publication_date():
    text = "The mayor says the budget is balanced."
    assert dates(text, [("a1", "The mayor", "says", "the budget is balanced")]) == \
        {"a1": "2024-02-06"}


def test_past_tense_cue_without_date_is_unknown():
    text = "The mayor said the budget was balanced."
    assert dates(text, [("a1", "The mayor", "said", "the budget was balanced")]) == {"a1": None}


def test_week_and_month_precision():
    text = "Last month, the agency said prices rose. Last week, the bank said rates held."
    result = dates(text, [("a1", "the agency", "said", "prices rose"),
                          ("a2", "the bank", "said", "rates held", "Last week")])
    assert result == {"a1": "2024-01", "a2": "2024-W05"}


def test_never_a_duration_or_set():
    text = "For three years, the group said every week that it would win."
    assert dates(text, [("a1", "the group", "said", "that it would win")]) == {"a1": None}


def test_time_inside_the_content_is_not_when_it_was_said():
    text = "The minister said the vote took place on Friday."
    assert dates(text, [("a1", "The minister", "said", "the vote took place on Friday")]) == \
        {"a1": None}


def test_no_date_after_publication():
    text = "The minister said she will resign next Friday."
    assert dates(text, [("a1", "The minister", "said", "she will resign")]) == {"a1": None}


def test_no_publication_date_keeps_absolute_dates_only():
    text = "On Feb. 2, 2024, the ministry said talks failed. The mayor says all is well."
    result = dates(text, [("a1", "the ministry", "said", "talks failed"),
                          ("a2", "The mayor", "says", "all is well")], published=None)
    assert result == {"a1": "2024-02-02", "a2": None}


def test_sample_article(sample_path):
    article = read_article(sample_path)
    doc = parse(article)
    specs = [
        ("kirby", "John Kirby", "said", "We informed the Iraqi government before the strikes.",
         "press call Friday"),
        ("white-house", "the White House", "said",
         "the Iraqis had no advance warning of the strikes", "On Monday"),
        ("nsc", "a National Security Council spokesperson", "acknowledged",
         "For operational security reasons", "\u201cFor operational", "acknowledge"),
        ("patel", "spokesperson Vedant Patel", "acknowledged",
         "that the Iraqis had not received warning", "At Monday", "acknowledge"),
        ("ministry", "the Iraqi Foreign Ministry", "denouncing", "\u201cAmerican aggression.\u201d",
         "On Saturday", "denounce"),
        ("iraq", "The Iraqi government", "denied", "that the United States provided any warning",
         "The Iraqi government denied", "deny"),
    ]
    attributions = [attribution(doc, *spec) for spec in specs]
    result = statement_dates(doc, attributions, find_timexes(doc, article.published),
                             article.published)
    assert result == {"kirby": "2024-02-02", "white-house": "2024-02-05", "nsc": "2024-02-05",
                      "patel": "2024-02-05", "ministry": "2024-02-03", "iraq": None}


def test_timeline_frame_sorted_unknown_last():
    from analysis.extract import Extraction, Statement

    body = "A. B. C."
    article = Article(doc_id="t", body=body, published=PUBLISHED)

    def statement(ident, said_on, span):
        return Statement(id=ident, source=None, cue=None, content=[span], kind="direct",
                         speaker="X", speaker_id="x", speaker_kind="person", role=None,
                         affiliation=None, stance="assert", claim=None, polarity=None,
                         said_on=said_on, confidence=1.0)

    extraction = Extraction(article=article, published=PUBLISHED, sentences=[], timexes=[],
                            attributions=[statement("a1", None, (0, 2)),
                                          statement("a2", "2024-02-05", (3, 5)),
                                          statement("a3", "2024-W05", (6, 8))])
    frame = timeline_frame(extraction)
    assert list(frame.columns) == TIMELINE_COLUMNS
    assert list(frame["statement"]) == ["a3", "a2", "a1"]
    assert list(frame["quote"]) == ["C.", "B.", "A."]


@pytest.mark.parametrize("value, expected", [("2024-02-02TMO", "2024-02-02"),
                                             ("2024-W05-WE", "2024-W05"),
                                             ("2024", None), ("PRESENT_REF", None)])
def test_said_on_precision(value, expected):
    from analysis.timeline import said_on_value

    assert said_on_value(value) == expected


def test_present_perfect_cue_is_not_the_publication_date():
    text = "The government has struggled to assert that the strikes are limited."
    assert dates(text, [("a1", "The government", "has struggled to assert",
                         "that the strikes are limited")]) == {"a1": None}


def test_attributions_without_cue_mix_with_others():
    text = "On Monday, the ministry said talks failed. \u201cWe are done.\u201d"
    doc = parse(Article(doc_id="t", body=text, published=PUBLISHED))
    cued = attribution(doc, "a1", "the ministry", "said", "talks failed")
    start = text.find("\u201c")
    bare = Attribution(id="a2", source=None, cue=None, content=((start, len(text)),),
                       kind="direct", confidence=0.5, sentence=1)
    same = Attribution(id="a3", source=None, cue=None, content=((0, 9),), kind="other",
                       confidence=0.5, sentence=0)
    result = statement_dates(doc, [cued, bare, same], find_timexes(doc, PUBLISHED), PUBLISHED)
    assert result == {"a1": "2024-02-05", "a2": "2024-02-05", "a3": None}


def test_a_sentence_with_its_own_date_does_not_inherit_the_previous_one():
    text = ("On Monday, officials said the bridge was safe. "
            "The engineer told reporters that on Feb. 1 the cracks appeared.")
    result = dates(text, [("a1", "officials", "said", "the bridge was safe"),
                          ("a2", "The engineer", "told",
                           "that on Feb. 1 the cracks appeared", "The engineer")])
    assert result == {"a1": "2024-02-05", "a2": None}


def test_a_future_date_in_the_sentence_also_blocks_inheritance():
    text = "On Monday, officials said the bridge was safe. The mayor said she will reopen it Friday."
    result = dates(text, [("a1", "officials", "said", "the bridge was safe"),
                          ("a2", "The mayor", "said", "she will reopen it Friday", "The mayor")])
    assert result == {"a1": "2024-02-05", "a2": None}


_PIECES = ["On Monday, ", "Friday ", "the minister ", "said ", "says ", "last month ", "\u201cWe ",
           "won.\u201d ", "next week ", "for three years ", "every day ", ". ", "\n", "told ", "2023 "]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30).map("".join),
       st.lists(st.tuples(st.integers(0, 400), st.integers(0, 400), st.integers(0, 400),
                          st.integers(0, 60)), max_size=6),
       st.sampled_from([PUBLISHED, None]))
def test_said_on_is_a_valid_period_never_after_publication(text, raw, published):
    if not text.strip():
        return
    doc = parse(Article(doc_id="h", body=text, published=published))
    n = len(text)
    attributions = []
    for i, (a, b, c, length) in enumerate(raw):
        cue = (min(a, n - 1), min(a, n - 1) + 1)
        sentence = max(0, _sentence_index(doc, cue[0]))
        content = ((min(b, n), min(b + length, n)),) if c % 2 else ()
        attributions.append(Attribution(id=f"a{i}", source=None, cue=cue if c % 3 else None,
                                        content=content, kind="other", confidence=0.5,
                                        sentence=sentence))
    result = statement_dates(doc, attributions, find_timexes(doc, published), published)
    assert set(result) == {a.id for a in attributions}
    for value in result.values():
        if value is not None:
            start = period_start(value)
            assert start is not None and said_on_value(value) == value
            assert published is None or start <= published


def _sentence_index(doc, offset):
    return max([i for i, (s, _) in enumerate(doc.sentences) if s <= offset], default=0)


def test_a_named_speaker_does_not_inherit_a_date_buried_in_the_sentence_before():
    text = ("After aides insisted in June that the plan would work, the campaign changed course. "
            "\u201cIt is smart,\u201d said Senator Jones.")
    result = dates(text, [("a1", "aides", "insisted", "that the plan would work"),
                          ("a2", "Senator Jones", "said", "It is smart", "\u201cIt is")])
    assert result == {"a1": "2023-06", "a2": None}


def test_speaker_introduced_in_the_sentence_before():
    text = "The spokesman, John Smith, spoke on a press call Friday. said \u201cWe told them.\u201d"
    doc = parse(Article(doc_id="t", body=text, published=PUBLISHED))
    source = text.find("John Smith")
    cue = text.find("said")
    content = text.find("We told")
    sentence = next(i for i, (s, e) in enumerate(doc.sentences) if s <= cue < e)
    a = Attribution(id="a1", source=(source, source + 10), cue=(cue, cue + 4),
                    content=((content, content + 13),), kind="direct", confidence=0.9,
                    sentence=sentence, cue_lemma="say")
    assert statement_dates(doc, [a], find_timexes(doc, PUBLISHED), PUBLISHED) == \
        {"a1": "2024-02-02"}


def test_a_year_in_the_sentence_blocks_inheritance():
    text = ("On Monday, officials said the pact was dead. "
            "The minister said it was signed more than 20 years ago.")
    result = dates(text, [("a1", "officials", "said", "the pact was dead"),
                          ("a2", "The minister", "said", "it was signed", "The minister")])
    assert result == {"a1": "2024-02-05", "a2": None}
