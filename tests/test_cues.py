from analysis.cues import CLASSES, lemma, load_cues, lookup, lookup_word, match_phrase


def test_every_entry_has_a_known_class_and_strength():
    entries = load_cues().entries.values()
    assert len(entries) > 250
    assert all(e.cls in CLASSES and 0 < e.strength <= 1 for e in entries)


def test_core_cues_have_their_class():
    expected = {"say": "assert", "claim": "hedge", "suggest": "hedge", "admit": "acknowledge",
                "deny": "deny", "walk back": "retract", "reject": "dispute",
                "decline": "refuse", "refer": "refer", "condemn": "protest", "ask": "question",
                "according to": "assert", "statement": "assert"}
    assert {k: lookup(k).cls for k in expected} == expected


def test_irregular_and_regular_verb_forms():
    forms = {"said": "say", "told": "tell", "denied": "deny", "admitted": "admit",
             "referred": "refer", "acknowledged": "acknowledge", "says": "say",
             "insisting": "insist", "wrote": "write", "thought": "think"}
    assert {f: lemma(f) for f in forms} == forms


def test_noun_plural_and_lemma_itself():
    assert lemma("statements") == "statement"
    assert lemma("release") == "release"
    assert lookup_word("Statements", "noun").cue == "statement"


def test_unknown_word_is_not_a_cue():
    assert lookup_word("walked") is None
    assert lookup_word("pickles") is None


def test_multiword_phrase_with_inflected_head():
    assert match_phrase(["walked", "back", "his"], 0).cue == "walk back"
    assert match_phrase(["according", "to", "the"], 0).cue == "according to"
    assert match_phrase(["according", "with"], 0) is None


def test_act_verbs_are_marked_in_the_lexicon():
    assert lookup("write", "verb").acts_on_object
    assert lookup("dub", "verb").acts_on_object
    assert not lookup("say", "verb").acts_on_object
    assert not lookup("praise", "verb").acts_on_object
