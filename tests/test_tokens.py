"""Tokenizer: Penn-style splits of curly quotes and clitics, abbreviations, exact spans."""

from hypothesis import given
from hypothesis import strategies as st

from analysis.tokens import tokenize


def words(text: str, start: int = 0, end: int | None = None) -> list[str]:
    return [text[s:e] for s, e in tokenize(text, start, end)]


def test_curly_negation_splits_like_the_treebank():
    assert words("I can’t go") == ["I", "ca", "n’t", "go"]
    assert words("we won’t, they don't") == ["we", "wo", "n’t", ",", "they", "do", "n't"]


def test_cannot_and_gonna():
    assert words("I cannot, I'm gonna") == ["I", "can", "not", ",", "I", "'m", "gon", "na"]


def test_period_and_closing_quote_split():
    assert words("“Let’s go.”") == ["“", "Let", "’s", "go", ".", "”"]


def test_opening_quote_without_space():
    assert words("he said“We") == ["he", "said", "“", "We"]


def test_guillemets_and_single_quotes():
    assert words("«non» and ‘yes’") == ["«", "non", "»", "and", "‘", "yes", "’"]


def test_possessive_split_off():
    assert words("Clinton’s team, the parents’ votes") == [
        "Clinton", "’s", "team", ",", "the", "parents", "’", "votes"]


def test_names_with_apostrophe_stay_whole():
    assert words("O’Brien o'clock") == ["O’Brien", "o'clock"]


def test_titles_and_dotted_abbreviations_stay_whole():
    assert words("retired Adm. John Kirby said U.S. forces") == [
        "retired", "Adm.", "John", "Kirby", "said", "U.S.", "forces"]


def test_initial_stays_whole_but_final_letter_loses_period():
    assert words("George W. Bush") == ["George", "W.", "Bush"]
    assert words("plan B.") == ["plan", "B", "."]


def test_listed_abbreviation_ending_the_text_loses_period():
    assert words("Apple Inc. said") == ["Apple", "Inc.", "said"]
    assert words("shares of Apple Inc.") == ["shares", "of", "Apple", "Inc", "."]


def test_numbers_and_money():
    assert words("$2.5 billion, 2,500 on 9/11 at 10:30") == [
        "$", "2.5", "billion", ",", "2,500", "on", "9/11", "at", "10:30"]


def test_hyphenated_words_stay_whole():
    assert words("Iranian-backed e-mail U.S.-led") == ["Iranian-backed", "e-mail", "U.S.-led"]


def test_ellipsis_and_dashes():
    assert words("wait... no -- yes") == ["wait", "...", "no", "--", "yes"]


def test_url_and_email():
    assert words("see https://example.org/a?b=1. or bob@example.com.") == [
        "see", "https://example.org/a?b=1", ".", "or", "bob@example.com", "."]


def test_spans_stay_inside_the_sentence():
    text = "First one. Second “quoted” one."
    spans = tokenize(text, 11, len(text))
    assert spans[0] == (11, 17) and spans[-1][1] == len(text)
    assert all(11 <= s < e <= len(text) for s, e in spans)


@given(st.text(alphabet=st.sampled_from("aZ9 .,'’“”‘«»-n t$/:@\n\u00a0é"), max_size=60)
       | st.text(max_size=60), st.data())
def test_spans_cover_every_non_space_char(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    spans = tokenize(text, start, end)
    covered = set()
    last = start
    for s, e in spans:
        assert last <= s < e <= end
        assert not any(ch.isspace() for ch in text[s:e])
        covered.update(range(s, e))
        last = e
    assert covered == {i for i in range(start, end) if not text[i].isspace()}
