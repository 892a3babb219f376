"""Claims within an article (hand-built attributions and speakers) and across a corpus."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("analysis.cues", reason="the cue lexicon (issue 4) is not merged yet")

from analysis.articles import read_article
from analysis.claims import ClaimStatement, date_key, group_claims, party_of, settle
from analysis.document import parse
from analysis.speakers import Speaker, Speakers
from analysis.stance import attribution_stances
from stance_helpers import attr, doc_of

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "raw" / "iraq_strikes_advance_notice.txt"


def _sample_setup():
    doc = parse(read_article(SAMPLE))
    body = doc.body
    kirby_at = body.index("said“We")
    attrs = [
        attr(doc, "a2", None, "said", "We informed the Iraqi government before the strikes.",
             "say", "direct", after=kirby_at),
        attr(doc, "a3", "the White House", "said", "the Iraqis had no advance warning of the strikes",
             "say", after=body.index("On Monday")),
        attr(doc, "a4", "a National Security Council spokesperson", "acknowledged",
             "For operational security reasons, we have not provided any sort of official advance "
             "notification containing specific details of these strikes,", "acknowledge", "direct"),
        attr(doc, "a5", "spokesperson Vedant Patel", "acknowledged",
             "the Iraqis had not received warning", "acknowledge", after=body.index("At Monday")),
        attr(doc, "a6", "The State Department", "referred",
             "questions from The Intercept to the White House", "refer"),
        attr(doc, "a7", "The Iraqi government", "denied",
             "the United States provided any warning", "deny"),
        attr(doc, "a8", "The Iraqi government", "said", "the strikes killed several civilians",
             "say", after=body.index("The Iraqi government denied")),
        attr(doc, "a12", "Kirby", "said",
             "I completely disagree with your description of ‘the same larger conflict,’", "say",
             "direct", after=body.index("I completely")),
    ]
    people = [
        Speaker("john-kirby", "John Kirby", "person", "national security spokesman", "White House"),
        Speaker("white-house", "White House", "organization"),
        Speaker("national-security-council-spokesperson", "National Security Council spokesperson",
                "anonymous", "spokesperson", "National Security Council"),
        Speaker("national-security-council", "National Security Council", "organization",
                None, "White House"),
        Speaker("vedant-patel", "Vedant Patel", "person", "spokesperson", "State Department"),
        Speaker("state-department", "State Department", "organization"),
        Speaker("iraqi-government", "Iraqi government", "organization"),
    ]
    of = {"a2": "john-kirby", "a3": "white-house", "a4": "national-security-council-spokesperson",
          "a5": "vedant-patel", "a6": "state-department", "a7": "iraqi-government",
          "a8": "iraqi-government", "a12": "john-kirby"}
    speakers = Speakers(entities=people, of_attribution=of)
    dates = {"a2": "2024-02-02", "a3": "2024-02-05", "a4": "2024-02-05", "a5": "2024-02-05",
             "a6": "2024-02-05", "a7": None, "a8": None, "a12": None}
    return doc, attrs, speakers, dates


def test_sample_stances():
    doc, attrs, _, _ = _sample_setup()
    stances = attribution_stances(doc, attrs)
    assert stances["a2"] == "assert"
    assert stances["a4"] == "acknowledge"
    assert stances["a5"] == "acknowledge"
    assert stances["a6"] == "refer"
    assert stances["a7"] == "deny"
    assert stances["a12"] == "dispute"


def test_sample_claim_retraction_and_contradiction():
    doc, attrs, speakers, dates = _sample_setup()
    stances = attribution_stances(doc, attrs)
    claims = group_claims(doc, attrs, speakers, stances, dates)
    cid, polarity = claims.of_attribution["a2"]
    assert polarity == 1
    members = {a for a, (c, _) in claims.of_attribution.items() if c == cid}
    assert {"a2", "a3", "a4", "a5", "a7"} <= members
    assert "a8" not in members and "a12" not in members  # civilians, framing: other claims
    assert "a6" not in claims.of_attribution  # a referral states no proposition
    claim = next(c for c in claims.claims if c.id == cid)
    relation = {s.attribution: s.relation for s in claim.history}
    assert relation["a2"] == "assertion"
    assert relation["a3"] == relation["a4"] == "retraction"  # the White House side reverses
    assert relation["a7"] == "contradiction"  # another party
    assert all(claims.of_attribution[a][1] == -1 for a in ("a3", "a4", "a5", "a7"))
    assert claim.fate == "retracted"
    assert claim.first_asserted_by == "John Kirby" and claim.first_asserted_on == "2024-02-02"
    # the White House's negated "said" reverses its own side: it concedes
    assert claims.stances["a3"] == "acknowledge"
    frame = claims.frame()
    assert list(frame[frame.claim == cid].attribution)[0] == "a2"


def test_negated_say_by_another_party_stays_a_denial():
    text = ("The ministry said the army had shelled the village. "
            "The army said it had not shelled the village.")
    doc = doc_of(text)
    a1 = attr(doc, "a1", "The ministry", "said", "the army had shelled the village", "say")
    a2 = attr(doc, "a2", "The army", "said", "it had not shelled the village", "say",
              after=text.index("The army said"))
    speakers = Speakers(entities=[Speaker("ministry", "Ministry", "organization"),
                                  Speaker("army", "Army", "organization")],
                        of_attribution={"a1": "ministry", "a2": "army"})
    stances = attribution_stances(doc, [a1, a2])
    claims = group_claims(doc, [a1, a2], speakers, stances, {})
    assert claims.of_attribution["a1"][0] == claims.of_attribution["a2"][0]
    assert claims.of_attribution["a2"][1] == -1
    assert claims.claims[0].fate == "contradicted"
    assert "a2" not in claims.stances  # not its own side: no concession


def test_same_topic_is_not_same_claim():
    text = ("The mayor said hate crimes are a stain on the city. "
            "Police said reported crimes fell 12 percent last year.")
    doc = doc_of(text)
    a1 = attr(doc, "a1", "The mayor", "said", "hate crimes are a stain on the city", "say")
    a2 = attr(doc, "a2", "Police", "said", "reported crimes fell 12 percent last year", "say")
    claims = group_claims(doc, [a1, a2], Speakers(), attribution_stances(doc, [a1, a2]), {})
    assert claims.of_attribution["a1"][0] != claims.of_attribution["a2"][0]


def test_confirmation_by_another_party():
    text = ("The company said 300 jobs would be cut at the plant. "
            "The union confirmed that 300 jobs would be cut at the plant.")
    doc = doc_of(text)
    a1 = attr(doc, "a1", "The company", "said", "300 jobs would be cut at the plant", "say")
    a2 = attr(doc, "a2", "The union", "confirmed", "300 jobs would be cut at the plant",
              "confirm", after=text.index("The union"))
    claims = group_claims(doc, [a1, a2], Speakers(), attribution_stances(doc, [a1, a2]), {})
    assert len(claims.claims) == 1 and claims.claims[0].fate == "confirmed"


def test_party_follows_nested_affiliations():
    nsc = Speaker("nsc", "National Security Council", "organization", None, "White House")
    spokes = Speaker("nsc-spokesperson", "NSC spokesperson", "anonymous", "spokesperson",
                     "National Security Council")
    speakers = Speakers(entities=[nsc, spokes])
    assert "white-house" in party_of(spokes, speakers, None)


def test_settle_retraction_then_reassertion_is_not_retracted():
    def s(aid, party, polarity):
        return ClaimStatement(aid, None, None, (party,), "assert", polarity, None, "")

    history, fate = settle([s("a", "x", 1), s("b", "x", -1), s("c", "x", 1)])
    assert [h.relation for h in history] == ["assertion", "retraction", "repetition"]
    assert fate == "disputed"


def test_date_key_orders_weeks_months_and_unknown():
    assert date_key("2024-W05") == "2024-01-29"
    assert date_key("2024-01") < date_key("2024-01-29") < date_key(None)


# --- across articles ------------------------------------------------------------------------

class _Item:
    """What ``link_claims`` reads from an Extraction: the article and its claims."""

    def __init__(self, article, claims):
        self.article, self.claims = article, claims


def _article_claims(doc_id, outlet, published, text, specs, speakers):
    doc = doc_of(text, doc_id, outlet=outlet, published=date.fromisoformat(published))
    attrs = [attr(doc, f"a{k}", source, cue, content, lemma)
             for k, (source, cue, content, lemma) in enumerate(specs, start=1)]
    of = {a.id: speakers[spec[0]] for a, spec in zip(attrs, specs)}
    entities = [Speaker(sid, name, "organization") for name, sid in speakers.items()]
    claims = group_claims(doc, attrs, Speakers(entities=entities, of_attribution=of),
                          attribution_stances(doc, attrs), {})
    return _Item(doc.article, claims.claims)


def _bridge_corpus():
    who = {"The transport ministry": "transport-ministry", "The engineers' union": "engineers-union"}
    return [
        _article_claims("c-later", "Outlet C", "2024-03-04",
                        "The transport ministry said the Sava bridge would not reopen on Monday.",
                        [("The transport ministry", "said",
                          "the Sava bridge would not reopen on Monday", "say")], who),
        _article_claims("a-first", "Outlet A", "2024-03-01",
                        "The transport ministry said the Sava bridge would reopen on Monday "
                        "after repairs.",
                        [("The transport ministry", "said",
                          "the Sava bridge would reopen on Monday after repairs", "say")], who),
        _article_claims("b-denial", "Outlet B", "2024-03-02",
                        "The engineers' union denied that the Sava bridge would reopen on Monday.",
                        [("The engineers' union", "denied",
                          "the Sava bridge would reopen on Monday", "deny")], who),
        _article_claims("d-other", "Outlet A", "2024-03-03",
                        "The transport ministry said new buses would enter service next year.",
                        [("The transport ministry", "said",
                          "new buses would enter service next year", "say")], who),
    ]


def test_corpus_links_one_claim_history_in_time_order():
    from analysis.corpus_claims import link_claims

    result = link_claims(_bridge_corpus())
    bridge = result.history[result.history.doc_id.isin(["a-first", "b-denial", "c-later"])]
    assert bridge.corpus_claim.nunique() == 1
    assert list(bridge.doc_id) == ["a-first", "b-denial", "c-later"]
    assert list(bridge.relation) == ["assertion", "contradiction", "retraction"]
    assert list(bridge.polarity) == [1, -1, -1]
    assert set(bridge.fate) == {"retracted"}
    assert set(bridge.first_outlet) == {"Outlet A"}
    assert (bridge.link_score > 0).all()
    other = result.history[result.history.doc_id == "d-other"]
    assert other.corpus_claim.iloc[0] != bridge.corpus_claim.iloc[0]  # same topic, other claim


def test_corpus_claims_parquet_is_written_atomically(tmp_path):
    from analysis.corpus_claims import link_claims, write_parquet
    import pandas as pd

    out = tmp_path / "claims.parquet"
    write_parquet(link_claims(_bridge_corpus()), str(out))
    frame = pd.read_parquet(out)
    assert {"corpus_claim", "relation", "link_score"} <= set(frame.columns)
    assert [p.name for p in tmp_path.iterdir()] == ["claims.parquet"]


_BRIDGE_FILES = {
    "a.txt": ("Daily Courier", "2024-03-01",
              "The transport ministry said the Sava bridge would reopen to traffic on Monday "
              "after repairs.\nCommuters have used a ferry since the bridge closed in January."),
    "b.txt": ("Evening Post", "2024-03-02",
              "The engineers' union denied that the Sava bridge would reopen to traffic on "
              "Monday.\nUnion leaders said the repairs were far from finished."),
    "c.txt": ("City Radio", "2024-03-04",
              "The transport ministry said the Sava bridge would not reopen to traffic on "
              "Monday.\nA new date will be announced later, officials said."),
    "d.txt": ("Daily Courier", "2024-03-03",
              "The transport ministry said new electric buses would enter service in the city "
              "next year."),
}


def test_claims_command_end_to_end(tmp_path):
    """Through the real stages: three outlets, asserted, denied by another party, then
    reversed by the first party; a same-topic article stays apart."""
    import pandas as pd

    from analysis.cli import main

    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, (outlet, published, body) in _BRIDGE_FILES.items():
        (folder / name).write_text(f"---\noutlet: {outlet}\npublished: {published}\n---\n{body}\n",
                                   encoding="utf-8")
    out = tmp_path / "claims.parquet"
    assert main(["claims", str(folder), "-o", str(out)]) == 0
    history = pd.read_parquet(out)
    bridge = history[history.text.str.contains("Sava")]
    assert bridge.corpus_claim.nunique() == 1
    assert list(bridge.doc_id) == ["a", "b", "c"]
    assert list(bridge.outlet) == ["Daily Courier", "Evening Post", "City Radio"]
    assert list(bridge.relation) == ["assertion", "contradiction", "retraction"]
    assert list(bridge.polarity) == [1, -1, -1]
    assert set(bridge.fate) == {"retracted"}
    # the ministry's reversal concedes: a negated "said" against its own side
    assert bridge.stance.tolist() == ["assert", "deny", "acknowledge"]
    buses = history[history.text.str.contains("buses")]
    assert buses.corpus_claim.iloc[0] != bridge.corpus_claim.iloc[0]


def test_model_article_end_to_end():
    """The stances and the claim a reader expects of the model article (EXPECTED.md), through
    every stage."""
    from analysis.extract import extract

    result = extract(read_article(SAMPLE), published=date(2024, 2, 6))
    body = result.article.body

    def find_statement(speaker, content_word):
        return next(s for s in result.attributions if s.speaker == speaker
                    and any(content_word in body[a:b] for a, b in s.content))

    kirby = find_statement("John Kirby", "We informed")
    white_house = find_statement("White House", "advance warning")
    nsc = find_statement("National Security Council spokesperson", "notification")
    patel = find_statement("Vedant Patel", "received warning")
    iraq = find_statement("Iraqi government", "provided any warning")
    assert kirby.stance == "assert"
    assert white_house.stance == nsc.stance == patel.stance == "acknowledge"
    assert iraq.stance == "deny"
    assert next(s for s in result.attributions if s.speaker == "State Department").stance == "refer"
    assert next(s for s in result.attributions
                if s.speaker == "Iraqi Foreign Ministry").stance == "protest"
    assert find_statement("John Kirby", "disagree").stance == "dispute"
    assert kirby.polarity == 1 and white_house.polarity == nsc.polarity == -1
    assert kirby.claim == white_house.claim == nsc.claim == iraq.claim
    claim = next(c for c in result.claims if c.id == kirby.claim)
    relation = {h.attribution: h.relation for h in claim.history}
    assert relation[white_house.id] == relation[nsc.id] == "retraction"
    assert relation[iraq.id] == "contradiction"
    assert claim.fate == "retracted" and claim.first_asserted_by == "John Kirby"
    assert result.sentences[0].stance == "assert"


def test_shipped_stem_table_agrees_with_the_stemmer():
    from analysis import claims, datafiles
    from analysis.nltk_modules import porter

    stemmer = porter.PorterStemmer()
    rows = datafiles.rows("stems", "porter_ewt.tsv")
    assert len(rows) > 10_000
    for row in rows[::40]:
        assert stemmer.stem(row[0]) == row[-1], row
        assert claims._stem(row[0]) == row[-1]
    assert claims._stem("zorbulations") == stemmer.stem("zorbulations")  # not in the table
