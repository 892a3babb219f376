import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.articles import read_article
from analysis.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


# --- abbreviations: one case per rule -----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Spokesman and retired Adm. John Kirby spoke on Friday.",  # title before a name
    "Sen. Warren voted against the bill.",  # title at the start
    "Rep. Will Hurd spoke first.",  # title before a word Punkt would take for a sentence start
    "“Dr. Smith is here,” she said.",  # title right after an opening curly quote
    "The U.S. strikes came at night.",  # dotted initialism, lower-case word next
    "The report was signed by J.M. Huber yesterday.",  # unknown dotted initials before a name
    "President John F. Kennedy was there.",  # middle initial
    "The author J. R. R. Tolkien wrote it.",  # initials in a row
    "Another critic, Laurence H. Tribe, objected.",  # middle initial before a sentence-starter-like word
    "It overturned Brown v. Board of Education in part.",  # link between names
    "The talks resume on Jan. 5 in Geneva.",  # month before a day
    "She is ranked No. 2 in the world.",  # number abbreviation before a digit
    "Apple Inc. said it would appeal.",  # company suffix
])
def test_no_break_after_abbreviation(text):
    assert sentences(text) == [text]


def test_number_abbreviation_breaks_when_no_digit_follows():
    assert sentences("He said no. No one listened.") == ["He said no.", "No one listened."]


def test_initial_can_end_a_sentence_before_a_frequent_sentence_starter():
    assert sentences("They chose Plan B. The rest failed.") == [
        "They chose Plan B.", "The rest failed."]


def test_initialism_can_end_a_sentence():
    assert sentences("He moved to the U.S. The move was quick.") == [
        "He moved to the U.S.", "The move was quick."]


def test_no_break_after_an_initialism_in_a_title_case_headline():
    for text in ("Iraq Says U.S. Strikes Came Without Warning",
                 "U.S. Officials Threatened the Family With Prosecution"):
        assert sentences(text) == [text]
    # in a line of ordinary prose the next word's capital still counts
    assert sentences("He moved to the U.S. The move was quick. It Was June.") == [
        "He moved to the U.S.", "The move was quick.", "It Was June."]


def test_break_between_said_and_a_capitalised_sentence():
    assert sentences("The deal is off, he said. The talks ended.") == [
        "The deal is off, he said.", "The talks ended."]


# --- quotes -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("“It is over.” Then he left.", ["“It is over.”", "Then he left."]),
    ('He said "it is over." Then he left.', ['He said "it is over."', "Then he left."]),
    ("« C’est fini.» Then he left.", ["« C’est fini.»", "Then he left."]),
    ("“Israel and Hamas. » Then he left.", ["“Israel and Hamas. »", "Then he left."]),
    ("She asked ‘Why?’ Nobody answered.", ["She asked ‘Why?’", "Nobody answered."]),
])
def test_sentence_ends_inside_closing_quote(text, expected):
    assert sentences(text) == expected


def test_closing_quote_glued_to_next_sentence_stays_with_its_sentence():
    assert sentences("It is over.”The end came.") == ["It is over.”", "The end came."]


def test_no_break_after_quoted_question_before_lower_case():
    assert sentences("“Why now?” he asked. Nobody knew.") == [
        "“Why now?” he asked.", "Nobody knew."]


def test_missing_space_before_opening_quote():
    text = "The spokesman said“We informed them before the strikes.”"
    assert sentences(text) == [text]


def test_period_glued_to_opening_quote():
    assert sentences("He said.“We informed them.”") == ["He said.", "“We informed them.”"]


def test_stray_said_after_a_sentence():
    text = "“We are not a place for messages,” we read in the release. said. The strikes came."
    assert sentences(text) == [
        "“We are not a place for messages,” we read in the release.", "said.",
        "The strikes came."]


# --- ellipsis and punctuation-only pieces -------------------------------------------------------

def test_ellipsis_before_capitalised_word_ends_a_sentence():
    assert sentences("They looked at them… It was strange.") == [
        "They looked at them…", "It was strange."]


def test_ellipsis_before_lower_case_word_does_not():
    text = "He paused... and then went on."
    assert sentences(text) == [text]


def test_punctuation_alone_is_no_sentence():
    assert sentences("He had no proof of it. ... He went home.") == [
        "He had no proof of it. ...", "He went home."]


# --- lines and offsets --------------------------------------------------------------------------

def test_blank_line_ends_a_sentence():
    assert sentences("The vote was held on\n\nMonday it ended.") == [
        "The vote was held on", "Monday it ended."]


def test_single_newline_ends_a_sentence():
    assert sentences("The first paragraph has no period\nThe second does.") == [
        "The first paragraph has no period", "The second does."]


def test_headline_and_dateline_stand_alone():
    text = "Afghan team wins silver\nFriday, July 21, 2017\n\nA group of teenagers won."
    assert sentences(text) == [
        "Afghan team wins silver", "Friday, July 21, 2017", "A group of teenagers won."]


def test_crlf_offsets_are_exact():
    text = "First line.\r\nSecond one. Third one.\r\n\r\n  Fourth\r\n"
    assert split_sentences(text) == [(0, 11), (13, 24), (25, 35), (41, 47)]


def test_empty_and_blank_text():
    assert split_sentences("") == []
    assert split_sentences(" \r\n\n\t ") == []


# --- the sample article end to end --------------------------------------------------------------

def test_sample_article(sample_path):
    body = read_article(sample_path).body
    found = sentences(body)
    # 13 lines; two sentences on each of 8 of them (the stray "said." counts as one).
    assert len(found) == 21
    assert not any(sentence.endswith(("Adm.", "U.S.")) for sentence in found)
    assert "White House national security spokesman, retired Adm. John Kirby, spoke on a press " \
           "call Friday." in found
    assert "said“We informed the Iraqi government before the strikes.”" in found
    assert "said." in found
    assert found[-1] == "Although he was not asked about Israel’s war, Kirby added: “There is " \
                        "an ongoing conflict between Israel and Hamas. »"


def test_works_with_empty_nltk_data(tmp_path):
    src = Path(__file__).resolve().parents[1] / "src"
    env = {**os.environ, "NLTK_DATA": str(tmp_path), "PYTHONPATH": str(src)}
    code = "from analysis.sentences import split_sentences as s; print(s('Adm. J. R. Doe left. Ok.'))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[(0, 20), (21, 24)]"


# --- properties ---------------------------------------------------------------------------------

_PIECES = list("aZ. .?!…,;:\"'“”‘’«»()-\n\r\t9\u00a0\u2028") + [
    "Adm.", "U.S.", "No.", "said", "The", "...", "J.M."]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TEXT, st.text(max_size=80)))
def test_spans_are_valid_and_cover_the_text(text):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        previous_end = end
    # nothing but whitespace is left out
    covered = "".join(text[start:end] for start, end in spans)
    assert "".join(covered.split()) == "".join(text.split())
