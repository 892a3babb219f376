"""The shipped tagger: loads from the package alone, tags news sentences sensibly."""

import json
import os
import re
import subprocess
import sys
from importlib import resources

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import tagger
from analysis.tokens import Token, tag_sentences, tag_tokens, tokenize


def tags(sentence: str) -> list[tuple[str, str]]:
    return [(t.text, t.tag) for t in tag_tokens(sentence, tokenize(sentence))]


def tag_of(sentence: str, word: str) -> str:
    return dict(tags(sentence))[word]


def test_said_is_past_tense():
    assert tag_of("The minister said the talks had failed.", "said") == "VBD"


def test_proper_names_are_nnp():
    pairs = tags("Officials in Baghdad told Maria Lopez that the plan was ready.")
    assert ("Baghdad", "NNP") in pairs and ("Maria", "NNP") in pairs and ("Lopez", "NNP") in pairs


def test_title_abbreviation_and_name():
    pairs = tags("Retired Adm. John Kirby spoke on Tuesday.")
    assert [tag for word, tag in pairs if word in ("Adm.", "John", "Kirby")] == ["NNP"] * 3


def test_present_tense_third_person():
    assert tag_of("The agency says it wants more money.", "says") == "VBZ"


def test_curly_quotes_get_treebank_quote_tags():
    pairs = tags("“We will go,” she said. «Non», il a dit.")
    assert ("“", "``") in pairs and ("”", "''") in pairs
    assert ("«", "``") in pairs and ("»", "''") in pairs


def test_negation_clitic_is_rb():
    assert tag_of("They can’t stay.", "n’t") == "RB"
    assert tag_of("They can’t stay.", "ca") == "MD"


def test_possessive_clitic_is_pos():
    assert tag_of("The president’s plan failed.", "’s") == "POS"


def test_tokens_keep_exact_spans():
    text = "  He said“We won’t.”"
    for token in tag_tokens(text, tokenize(text)):
        assert isinstance(token, Token)
        assert text[token.start:token.end] == token.text and token.tag


def test_batch_tagging_equals_one_sentence_at_a_time():
    text = "Rain fell. The mayor said “no” to it. Stocks rose 2.5% on Monday."
    sentences = [(0, 10), (11, 37), (38, len(text))]
    spans = [tokenize(text, s, e) for s, e in sentences]
    assert tag_sentences(text, spans) == [tag_tokens(text, sp) for sp in spans]


def test_empty_sentence_list_and_empty_sentence():
    assert tag_sentences("x", []) == []
    assert tag_sentences("x", [[]]) == [[]]


def test_weights_carry_their_licence_and_sorted_features():
    path = resources.files("analysis").joinpath("resources", "tagger", tagger.MODEL + ".json")
    assert "UD English EWT (CC BY-SA 4.0)" in json.loads(path.read_bytes())["_comment"]
    model = tagger.load_model()
    assert {"NNP", "VBD", "VBZ", "``", "''"} <= set(model["classes"])
    features = model["features"]  # found by bisection: sorted
    assert all(a < b for a, b in zip(features, features[1:]))
    assert len(model["weights"]) == len(model["classes_idx"]) == sum(model["lengths"].tolist())


def test_encode_and_decode_keep_the_model():
    model = {"features": ["a", "b=x y"], "lengths": [2, 1], "classes_idx": [0, 3, 1],
             "weights": [-1500, 7, 2_000_000], "scale": 1000}
    stored = tagger.encode_model(model)
    assert stored == tagger.encode_model(model)  # deterministic: the script rebuilds it byte for byte
    back = tagger.decode_model(*stored)
    assert back["features"] == model["features"] and back["scale"] == 1000
    assert [back[k].tolist() for k in ("lengths", "classes_idx", "weights")] == \
        [model[k] for k in ("lengths", "classes_idx", "weights")]
    with pytest.raises(ValueError):
        tagger.encode_model({**model, "classes_idx": [0, 300, 1]})
    with pytest.raises(ValueError):
        tagger.decode_model(stored[0], stored[1], stored[2] + b"\0")


def test_loads_with_empty_nltk_data():
    code = ("from analysis.tokens import tag_tokens, tokenize; t = 'Kirby said so.';"
            "print(' '.join(x.tag for x in tag_tokens(t, tokenize(t))))")
    env = {**os.environ, "NLTK_DATA": ""}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["NNP", "VBD", "RB", "."]


def test_type_cache_starting_afresh_gives_the_same_tags(monkeypatch):

    fresh = tagger.Tagger(tagger.load_model())
    sentences = [["The", "mayor", "said", "no", "."], ["Rain", "fell", "on", "Paris", "."]]
    expected = fresh.tag(sentences)
    monkeypatch.setattr(tagger, "MAX_TYPES", 8)
    small = tagger.Tagger(tagger.load_model())
    assert small.tag(sentences[:1]) == expected[:1]
    assert small.tag(sentences[1:]) == expected[1:]
    assert len(small.fixed) < 8 + 4 + len(sentences[1])


def test_type_scores_are_the_sum_of_all_type_features():
    """The tagger sums a type's shape features once per shape: the result must be the plain
    sum of every feature of ``type_features`` (what training scored), role by role."""
    model = tagger.Tagger(tagger.load_model())
    words = ["Kirby", "said", "warned", "Iraq", "U.S.", "3.5", "co-operate", "“", "-START-",
             "Xx"]
    model.tag([words])
    for word in words:
        expected = np.zeros(tagger.ROLES * model.k)
        for role, features in enumerate(tagger.type_features(word)):
            for feature in features:
                if feature in model.row:
                    expected[role * model.k:(role + 1) * model.k] += model._dense(model.row[feature])
        assert np.array_equal(model.scores[model.ids[word]], expected), word


@given(st.text(max_size=20).filter(lambda w: "\n" not in w))
def test_shape_collapses_runs_as_the_training_regex_did(word):
    from analysis.tagger import _SHAPE, shape

    w = word[:12]
    classes = w.translate(_SHAPE) if w.isascii() else "".join(
        "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in w)
    assert shape(word) == re.sub(r"(.)\1+", r"\1", classes)
