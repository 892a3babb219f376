"""Speakers: one small handwritten article per rule, the model article, and a property test.

Attributions are built by hand here (their spans located with ``str.find``) so these tests pin
down the speaker rules whatever the attribution stage finds.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.articles import Article, read_article
from analysis.attributions import Attribution
from analysis.document import parse
from analysis.speakers import resolve_speakers


def _resolve(body: str, *sources: str, outlet: str | None = "The Daily Planet"):
    """Resolve the given source strings (each found after the previous one) in ``body``;
    ``"Roe| said"`` is the source ``Roe`` where it is followed by `` said``."""
    doc = parse(Article(doc_id="t", body=body, outlet=outlet))
    attributions, position = [], 0
    for i, source in enumerate(sources):
        source, _, anchor = source.partition("|")
        start = body.find(source + anchor, position)
        assert start >= 0, source
        position = start + 1
        attributions.append(Attribution(f"a{i}", (start, start + len(source)), None, (), "indirect",
                                        0.9, 0))
    speakers = resolve_speakers(doc, attributions)
    return speakers, [speakers.by_id(speakers.of_attribution[a.id]) for a in attributions]


def _texts(body, speaker):
    return [body[s:e] for s, e in speaker.mentions]


def test_short_name_takes_the_full_name_mentioned_earlier():
    body = "Senator Jane Roe spoke at the rally on Monday. Later, Roe said the bill would pass."
    _, [roe] = _resolve(body, "Roe| said")
    assert (roe.id, roe.name, roe.kind, roe.role) == ("jane-roe", "Jane Roe", "person", "senator")


def test_short_name_before_the_full_name_still_resolves():
    body = "Roe said the bill would pass. The vote was called by Sen. Jane Roe on Monday."
    _, [roe] = _resolve(body, "Roe")
    assert roe.name == "Jane Roe"


def test_he_refers_to_the_nearest_earlier_person():
    body = "Mayor Tom Baker opened the bridge on Monday. He said it would cut traffic in half."
    _, [baker] = _resolve(body, "He")
    assert baker.name == "Tom Baker" and baker.role == "mayor"


def test_she_skips_a_man():
    body = "Sen. Ann Lee met Mr. Bob Hart in the capital. She said the talks went well."
    _, [lee] = _resolve(body, "She")
    assert lee.name == "Ann Lee"


def test_they_refers_to_a_group_not_a_prepositional_object():
    body = ("On Tuesday, angry farmers blocked the highway near the homes of local residents. "
            "They said fuel prices were too high.")
    _, [farmers] = _resolve(body, "They")
    assert (farmers.name, farmers.kind) == ("angry farmers", "group")


def test_it_refers_to_an_organization():
    body = "The Acme Corporation cut 500 jobs on Monday. It said demand had fallen."
    _, [acme] = _resolve(body, "It")
    assert (acme.id, acme.kind) == ("acme-corporation", "organization")


def test_apposition_after_the_name_gives_role_and_affiliation():
    body = "Jane Doe, the Treasury Department spokeswoman, said the talks failed."
    _, [doe] = _resolve(body, "Jane Doe")
    assert (doe.name, doe.role, doe.affiliation) == ("Jane Doe", "spokeswoman", "Treasury Department")


def test_descriptor_before_the_name_with_title_and_comma():
    body = "Treasury Department chief economist, retired Gen. Max Power, spoke on Monday."
    _, [power] = _resolve(body, "Treasury Department chief economist, retired Gen. Max Power")
    assert (power.id, power.name, power.role, power.affiliation) == (
        "max-power", "Max Power", "chief economist", "Treasury Department")


def test_pre_modifier_role_and_affiliation():
    body = "Health Ministry spokesperson Ron Fox said on Monday that clinics would reopen."
    _, [fox] = _resolve(body, "Health Ministry spokesperson Ron Fox")
    assert (fox.name, fox.role, fox.affiliation) == ("Ron Fox", "spokesperson", "Health Ministry")


def test_capitalised_role_with_complement():
    body = "According to Peruvian Ambassador to the United Kingdom Ana Ruiz, the team did well."
    _, [ruiz] = _resolve(body, "Peruvian Ambassador to the United Kingdom Ana Ruiz")
    assert (ruiz.name, ruiz.role, ruiz.affiliation) == (
        "Ana Ruiz", "Ambassador to the United Kingdom", "Peruvian")


def test_titles_are_not_part_of_the_name():
    body = "President Joe Smith spoke first. Then Sen. Ann Lee said the plan was fair."
    _, [smith, lee] = _resolve(body, "President Joe Smith", "Sen. Ann Lee")
    assert (smith.name, smith.role) == ("Joe Smith", "president")
    assert (lee.id, lee.role) == ("ann-lee", "senator")


def test_organization_drops_the_article_and_nests_under_its_government():
    body = ("The Finnish government said the border stays closed. On Sunday, the Finnish Foreign "
            "Ministry summoned the ambassador.")
    speakers, [gov, ministry] = _resolve(body, "The Finnish government", "the Finnish Foreign Ministry")
    assert (gov.id, gov.name, gov.kind) == ("finnish-government", "Finnish government", "organization")
    assert (ministry.name, ministry.affiliation) == ("Finnish Foreign Ministry", "Finnish government")


def test_definite_org_noun_refers_to_the_named_organization():
    body = "The Finnish Foreign Ministry summoned the ambassador. The ministry said it was a warning."
    _, [ministry] = _resolve(body, "The ministry")
    assert ministry.name == "Finnish Foreign Ministry"


def test_group_behind_a_collective_noun():
    body = "Last week, a coalition of rebel militias claimed the attack on the base."
    _, [group] = _resolve(body, "a coalition of rebel militias")
    assert (group.id, group.name, group.kind) == ("rebel-militias", "rebel militias", "group")


def test_anonymous_spokesperson_with_affiliation():
    body = "“We are ready,” a Defense Ministry spokesperson said on Friday."
    speakers, [anon] = _resolve(body, "a Defense Ministry spokesperson")
    assert (anon.id, anon.kind, anon.role, anon.affiliation) == (
        "anon:defense-ministry-spokesperson", "anonymous", "spokesperson", "Defense Ministry")
    assert anon.name == "Defense Ministry spokesperson"
    assert any(s.name == "Defense Ministry" and s.kind == "organization" for s in speakers.entities)


def test_anonymous_officials_and_sources():
    body = "Officials familiar with the matter said the deal was near. Two sources said it was off."
    _, [officials, sources] = _resolve(body, "Officials familiar with the matter", "Two sources")
    assert officials.kind == sources.kind == "anonymous"
    assert officials.id != sources.id


def test_document_with_issuer_from_the_text():
    body = "A statement from the Health Ministry said clinics would reopen."
    _, [doc] = _resolve(body, "A statement from the Health Ministry")
    assert (doc.kind, doc.name, doc.affiliation) == ("document", "statement", "Health Ministry")


def test_definite_document_belongs_to_the_organization_just_named():
    body = "The Health Ministry met donors on Monday. The final report said clinics would reopen."
    _, [doc] = _resolve(body, "The final report")
    assert (doc.kind, doc.affiliation) == ("document", "Health Ministry")


def test_outlet_named_as_source_is_the_narrator():
    body = "The strike killed three people, as The Daily Planet reported. Reuters reported more."
    speakers, [outlet, wire] = _resolve(body, "The Daily Planet", "Reuters")
    assert outlet is speakers.narrator or outlet == speakers.narrator
    assert (outlet.id, outlet.kind) == ("the-daily-planet", "outlet")
    assert (wire.id, wire.kind) == ("reuters", "outlet")


def test_narrator_without_attributions():
    speakers, _ = _resolve("Nothing was said.")
    assert speakers.narrator.name == "The Daily Planet"
    speakers, _ = _resolve("Nothing was said.", outlet=None)
    assert speakers.narrator is None and speakers.entities == []


def test_unresolvable_sources_are_none():
    body = "He said the plan failed. The company said nothing. It was reported that talks ended."
    doc = parse(Article(doc_id="t", body=body))
    he, company = body.find("He"), body.find("The company")
    attributions = [Attribution("a0", (he, he + 2), None, (), "indirect", 0.5, 0),
                    Attribution("a1", (company, company + 11), None, (), "indirect", 0.5, 1),
                    Attribution("a2", None, None, (), "other", 0.5, 2)]
    speakers = resolve_speakers(doc, attributions)
    assert speakers.of_attribution == {"a0": None, "a1": None, "a2": None}
    assert all(s.name.lower() != "unknown" for s in speakers.entities)


def test_same_person_same_id_across_articles():
    _, [a] = _resolve("Defense Secretary Lloyd Ortiz said the base was safe.", "Defense Secretary Lloyd Ortiz")
    _, [b] = _resolve("Ortiz spoke on Monday. Lloyd Ortiz said nothing new.", "Lloyd Ortiz")
    assert a.id == b.id == "lloyd-ortiz"
    _, [x] = _resolve("A Defense Ministry spokesperson said no.", "A Defense Ministry spokesperson")
    _, [y] = _resolve("A Health Ministry spokesperson said yes.", "A Health Ministry spokesperson")
    assert x.id != y.id


def test_mentions_outside_attributions_are_listed():
    body = "Mayor Tom Baker opened the bridge. Baker later left. He said it would cut traffic."
    _, [baker] = _resolve(body, "He")
    assert _texts(body, baker) == ["Tom Baker", "Baker", "He"]


# --- the model article ---------------------------------------------------------------------

SEED_SOURCES = [
    "White House national security spokesman, retired Adm. John Kirby",
    "the White House",
    "a National Security Council spokesperson",
    "spokesperson Vedant Patel",
    "The State Department",
    "The Iraqi government",
    "the Iraqi Foreign Ministry",
    "the meeting press release",
    "a coalition of Iranian-backed militias",
    "they",
    "The Intercept",
    "the Biden administration",
    "Kirby",
    "he",
    "Kirby",
]


def test_model_article_speakers(sample_path):
    article = read_article(sample_path)
    body = article.body
    doc = parse(article)
    attributions, position = [], 0
    for i, source in enumerate(SEED_SOURCES):
        start = body.find(source, position if source in ("Kirby", "he", "they") else 0)
        if source in ("Kirby", "he", "they"):
            position = start + 1
        attributions.append(Attribution(f"a{i}", (start, start + len(source)), None, (), "direct", 0.9, 0))
    speakers = resolve_speakers(doc, attributions)
    got = [speakers.by_id(speakers.of_attribution[a.id]) for a in attributions]
    kirby = got[0]
    assert (kirby.id, kirby.name, kirby.kind, kirby.role, kirby.affiliation) == (
        "john-kirby", "John Kirby", "person", "national security spokesman", "White House")
    assert got[12] == got[13] == got[14] == kirby
    assert {body[s:e] for s, e in kirby.mentions} >= {SEED_SOURCES[0], "Kirby", "he"}
    nsc = got[2]
    assert (nsc.id, nsc.kind, nsc.role, nsc.affiliation) == (
        "anon:national-security-council-spokesperson", "anonymous", "spokesperson",
        "National Security Council")
    assert speakers.by_id("national-security-council").affiliation == "White House"
    patel = got[3]
    assert (patel.name, patel.role, patel.affiliation) == ("Vedant Patel", "spokesperson", "State Department")
    kinds = {s.name: s.kind for s in got}
    assert kinds["White House"] == kinds["State Department"] == kinds["Iraqi government"] == "organization"
    assert kinds["Biden administration"] == "organization"
    ministry = got[6]
    assert (ministry.name, ministry.kind, ministry.affiliation) == (
        "Iraqi Foreign Ministry", "organization", "Iraqi government")
    assert (got[7].kind, got[7].affiliation) == ("document", "Iraqi Foreign Ministry")
    assert got[8] == got[9] and (got[8].name, got[8].kind) == ("Iranian-backed militias", "group")
    assert got[10] == speakers.narrator and got[10].kind == "outlet" and got[10].name == "The Intercept"


# --- properties ----------------------------------------------------------------------------

_TEXT = st.text(alphabet=st.sampled_from(list("Aa Kk.,’'\"“”»«\nHhe-sSThtc()0")) , max_size=120) | st.sampled_from(
    ["Mr. A said. He said", "The X Ministry spokesperson, Gen. Bo Li, said", "they it we I"])


@settings(max_examples=200, deadline=None)
@given(_TEXT, st.lists(st.tuples(st.integers(0, 130), st.integers(0, 40)), max_size=4))
def test_never_crashes_and_spans_lie_in_the_body(body, spans):
    if not body.strip():
        return
    doc = parse(Article(doc_id="p", body=body, outlet="The Post"))
    attributions = [Attribution(f"a{i}", (min(s, len(body)), min(s + n, len(body))), None, (),
                                "other", 0.5, 0) for i, (s, n) in enumerate(spans)]
    speakers = resolve_speakers(doc, attributions)
    ids = {s.id for s in speakers.entities}
    assert set(speakers.of_attribution) == {a.id for a in attributions}
    assert all(v is None or v in ids for v in speakers.of_attribution.values())
    for s in speakers.entities:
        assert s.id and s.name and s.kind in ("person", "organization", "group", "anonymous",
                                              "outlet", "document")
        assert all(0 <= a <= b <= len(body) for a, b in s.mentions)


# --- sources that point back ---------------------------------------------------------------

def test_relative_pronoun_takes_the_entity_before_it():
    body = "The plan was backed by Mayor Tom Baker, who said it would cut traffic."
    _, [baker] = _resolve(body, "who")
    assert baker.name == "Tom Baker"


def test_possessive_determiner_gives_the_affiliation():
    body = "Sen. Ann Lee spoke on Monday. Her aides said the vote would be close."
    _, [aides] = _resolve(body, "Her aides")
    assert (aides.kind, aides.role, aides.affiliation) == ("anonymous", "aides", "Ann Lee")


def test_definite_person_noun_points_back_to_the_person():
    body = "Rescuers found Maria Gomez under the rubble. The 34-year-old mother of two said she was fine."
    _, [gomez] = _resolve(body, "The 34-year-old mother of two")
    assert gomez.name == "Maria Gomez"


def test_indefinite_person_noun_is_anonymous():
    body = "A friend of the family said the boy was safe."
    _, [friend] = _resolve(body, "A friend of the family")
    assert friend.kind == "anonymous"


def test_country_and_acronym_are_organizations():
    body = "Russia said the talks were over. The IMF said growth would slow."
    _, [russia, imf] = _resolve(body, "Russia", "The IMF")
    assert (russia.kind, imf.kind, imf.name) == ("organization", "organization", "IMF")


def test_lower_case_org_head_joins_the_affiliation():
    body = "Kenneth Doe, a former Obama administration official, said the rule was weak."
    _, [doe] = _resolve(body, "Kenneth Doe")
    assert (doe.role, doe.affiliation) == ("former official", "Obama administration")


def test_first_person_in_narration_is_the_outlet():
    body = "We asked the ministry twice. We have learned that the plan was dropped."
    speakers, [we] = _resolve(body, "We| have")
    assert we == speakers.narrator


def test_headline_words_are_not_part_of_a_name():
    body = "Jane Roe Says Taxes Will Rise\n\nJane Roe says taxes will rise. Roe spoke on Monday."
    _, [roe] = _resolve(body, "Jane Roe")
    assert roe.name == "Jane Roe"


def test_role_source_cut_before_its_apposition_takes_the_name():
    body = "Treasury Department chief economist, retired Gen. Max Power, spoke on Monday."
    _, [power] = _resolve(body, "Treasury Department chief economist")
    assert (power.name, power.role, power.affiliation) == (
        "Max Power", "chief economist", "Treasury Department")


def test_apposition_without_article_needs_a_lower_case_role():
    body = "Jane Doe, Treasury Department spokeswoman, said the talks failed."
    _, [doe] = _resolve(body, "Jane Doe")
    assert (doe.role, doe.affiliation) == ("spokeswoman", "Treasury Department")
    body = "The ruling cited Dred Scott, Chief Justice Roberts wrote."
    _, [scott] = _resolve(body, "Dred Scott")
    assert scott.role is None


def test_head_is_the_last_noun_before_a_participle():
    body = "Many people involved in the talks said the deal was close."
    _, [people] = _resolve(body, "Many people involved in the talks")
    assert (people.kind, people.role) == ("anonymous", "people")
    body = "A Quinnipiac University poll released on Monday found the race was tied."
    _, [poll] = _resolve(body, "A Quinnipiac University poll released on Monday")
    assert (poll.kind, poll.affiliation) == ("document", "Quinnipiac University")


def test_the_newspaper_points_back_to_the_outlet_named():
    body = "The Boston Globe published the letter. The newspaper said it was authentic."
    _, [paper] = _resolve(body, "The newspaper")
    assert (paper.name, paper.kind) == ("Boston Globe", "outlet")


def test_source_cut_inside_a_name_takes_the_whole_name():
    body = "British Prime Minister Theresa May said the vote would go ahead."
    _, [may] = _resolve(body, "British Prime Minister Theresa")
    assert (may.name, may.role, may.affiliation) == ("Theresa May", "prime minister", "British")


def test_model_article_end_to_end(sample_path):
    """The whole pipeline on the model article: the speakers EXPECTED.md lists."""
    from analysis.extract import extract

    x = extract(read_article(sample_path))
    body = x.article.body
    by_source = {}
    for s in x.attributions:
        if s.source:
            by_source.setdefault(body[s.source[0]:s.source[1]], []).append(s)
    kirby = [s for text, group in by_source.items() for s in group
             if text == "Kirby" or text.startswith("White House national security spokesman")]
    assert len(kirby) >= 3
    assert {(s.speaker, s.speaker_id, s.speaker_kind, s.role, s.affiliation) for s in kirby} == {
        ("John Kirby", "john-kirby", "person", "national security spokesman", "White House")}
    [nsc] = by_source["a National Security Council spokesperson"]
    assert (nsc.speaker_kind, nsc.role, nsc.affiliation) == ("anonymous", "spokesperson",
                                                            "National Security Council")
    [patel] = by_source["spokesperson Vedant Patel"]
    assert (patel.speaker, patel.affiliation) == ("Vedant Patel", "State Department")
    assert {s.speaker_kind for s in by_source["The Iraqi government"]} == {"organization"}
    [ministry] = by_source["the Iraqi Foreign Ministry"]
    assert (ministry.speaker_kind, ministry.affiliation) == ("organization", "Iraqi government")
    release = [s for s in x.attributions if s.speaker_kind == "document"]
    assert [(s.speaker, s.affiliation) for s in release] == [("meeting press release",
                                                              "Iraqi Foreign Ministry")]
    names = {s.name: s for s in x.speakers}
    assert names["The Intercept"].kind == "outlet"
    assert names["National Security Council"].affiliation == "White House"
    kirby_mentions = {body[a:b] for a, b in names["John Kirby"].mentions}
    assert {"Kirby", "he"} <= kirby_mentions
    assert "White House national security spokesman, retired Adm. John Kirby" in kirby_mentions


def test_middle_initials_do_not_change_the_id():
    _, [a] = _resolve("Donald J. Trump said the polls were rigged.", "Donald J. Trump")
    _, [b] = _resolve("Donald Trump said the polls were rigged.", "Donald Trump")
    assert a.id == b.id == "donald-trump" and a.name == "Donald J. Trump"


def test_one_capitalised_word_after_an_indefinite_article_is_anonymous():
    body = "One Republican in the room said the vote was lost."
    _, [who] = _resolve(body, "One Republican")
    assert (who.kind, who.name) == ("anonymous", "Republican")


def test_narrator_reading_a_document_gives_the_document():
    body = ("The Health Ministry summoned the ambassador on Monday. "
            "“We will not accept this,” we can read in the ministry press release.")
    doc = parse(Article(doc_id="t", body=body, outlet="The Daily Planet"))
    we, cue = body.rfind("we can"), body.find("can read")
    a = Attribution("a0", (we, we + 2), (cue, cue + 8), (), "direct", 0.9, 1)
    speakers = resolve_speakers(doc, [a])
    who = speakers.by_id(speakers.of_attribution["a0"])
    assert (who.kind, who.affiliation) == ("document", "Health Ministry")


def test_descriptor_stops_at_a_verb_and_at_another_title():
    body = "New Jersey Gov. Chris Christie described Democratic presidential nominee Ann Lee as weak."
    speakers, [lee] = _resolve(body, "Ann Lee")
    assert (lee.role, lee.affiliation) == ("presidential nominee", "Democratic")


def test_capitalised_plural_surname_with_a_full_name_is_a_person():
    body = "Sen. Bernie Sanders spoke first. Sanders said the rules were rigged."
    _, [sanders] = _resolve(body, "Sanders| said")
    assert (sanders.name, sanders.kind) == ("Bernie Sanders", "person")


def test_name_in_apposition_after_a_complement():
    body = "A lawyer for the news outlets, David Schulz, said the files were public."
    _, [schulz] = _resolve(body, "A lawyer for the news outlets, David Schulz")
    assert schulz.name == "David Schulz"


def test_a_country_name_that_is_a_surname_here_is_a_person():
    body = "Rep. Jim Jordan questioned the director. Jordan said the deal was wrong."
    _, [jordan] = _resolve(body, "Jordan| said")
    assert (jordan.name, jordan.kind) == ("Jim Jordan", "person")


def test_definite_role_with_an_affiliation_points_back_to_that_person():
    body = ("Republican nominee Tom Baker spoke in Ohio on Monday. Crowds cheered. "
            "The Republican candidate said taxes would fall.")
    _, [baker] = _resolve(body, "The Republican candidate")
    assert baker.name == "Tom Baker"


def test_of_complement_after_a_name_is_its_affiliation():
    body = "Matthew Ingram of The Globe and Mail wrote that the site was down."
    _, [ingram] = _resolve(body, "Matthew Ingram of The Globe and Mail")
    assert (ingram.name, ingram.affiliation) == ("Matthew Ingram", "Globe and Mail")


def test_descriptor_around_the_name_beats_a_title_inside_it():
    body = "Major general Fuad Basya, spokesman for the Indonesian military, said the plane crashed."
    _, [basya] = _resolve(body, "Major general Fuad Basya")
    assert (basya.name, basya.role, basya.affiliation) == (
        "Fuad Basya", "spokesman", "Indonesian military")


def test_two_organisations_joined_by_and_stay_apart():
    body = "Both the Irving School District and the Irving Police Department declined to comment."
    _, [district] = _resolve(body, "the Irving School District and the Irving Police Department")
    assert district.name == "Irving School District"


def test_plural_common_noun_opening_a_sentence_is_not_a_name():
    body = "Photos released on Monday showed the damage."
    _, [photos] = _resolve(body, "Photos released on Monday")
    assert photos is None or photos.kind != "person"


def test_she_prefers_a_person_known_to_be_a_woman():
    body = ("Mary Lane met Judge Antonin Roe in court. Roe spoke first. "
            "“We will win,” she said.")
    _, [lane] = _resolve(body, "she")
    assert lane.name == "Mary Lane"


def test_affiliation_chain_up_the_table(sample_path):
    body = read_article(sample_path).body
    doc = parse(read_article(sample_path))
    start = body.find("a National Security Council spokesperson")
    a = Attribution("a0", (start, start + 40), None, (), "direct", 0.9, 0)
    speakers = resolve_speakers(doc, [a])
    assert speakers.chain(speakers.of_attribution["a0"]) == [
        "National Security Council spokesperson", "National Security Council", "White House"]
    assert speakers.chain(None) == []


def test_unaffiliated_anonymous_sources_do_not_merge_across_articles():
    doc1 = parse(Article(doc_id="one", body="Sources said the deal was off."))
    doc2 = parse(Article(doc_id="two", body="Sources said the deal was off."))
    a = Attribution("a0", (0, 7), None, (), "indirect", 0.9, 0)
    id1 = resolve_speakers(doc1, [a]).of_attribution["a0"]
    id2 = resolve_speakers(doc2, [a]).of_attribution["a0"]
    assert id1.startswith("anon:") and id2.startswith("anon:") and id1 != id2
