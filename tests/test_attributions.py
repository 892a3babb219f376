"""One small article per attribution pattern (and per non-attribution), the sample article,
and property tests: extraction never crashes and every span lies inside the body."""

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.articles import Article, read_article
from analysis.attributions import KINDS, find_attributions
from analysis.document import parse
from analysis.quotes import find_quotes


def extract(text: str) -> list[dict]:
    found = find_attributions(parse(Article(doc_id="t", body=text)))
    rows = []
    for a in found:
        rows.append({
            "source": text[a.source[0]:a.source[1]] if a.source else None,
            "cue": text[a.cue[0]:a.cue[1]] if a.cue else None,
            "content": [text[s:e] for s, e in a.content],
            "kind": a.kind, "confidence": a.confidence, "lemma": a.cue_lemma,
        })
    return rows


def only(text: str) -> dict:
    rows = extract(text)
    assert len(rows) == 1, rows
    return rows[0]


def with_content(rows: list[dict], words: str) -> dict:
    hits = [r for r in rows if any(words in c for c in r["content"])]
    assert hits, rows
    return hits[0]


# --- direct quotes ---------------------------------------------------------------------------


def test_direct_quote_source_after_cue():
    row = only("“The morbidity rate is striking,” said Dr. Ann Talcott, the chief of staff.")
    assert row["content"] == ["“The morbidity rate is striking,”"]
    assert row["source"].startswith("Dr. Ann Talcott")
    assert row["cue"] == "said" and row["kind"] == "direct" and row["lemma"] == "say"


def test_direct_quote_source_before_cue_at_the_end():
    row = only("“We have no regrets,” the mayor said on Tuesday.")
    assert row["source"] == "the mayor" and row["content"] == ["“We have no regrets,”"]


def test_quote_over_several_sentences():
    row = only("“We are ready. We have always been ready,” she said.")
    assert row["content"] == ["“We are ready. We have always been ready,”"]
    assert row["source"] == "she"


def test_content_split_by_the_cue_gives_two_fragments():
    row = only("“We will,” he said, “respond.”")
    assert row["content"] == ["“We will,”", "“respond.”"]
    assert row["source"] == "he"


def test_long_quote_convention_each_paragraph_opens_only_the_last_closes():
    text = ("The senator said: “The first thing is jobs.\n\n“The second thing is schools.\n\n"
            "“The third thing is roads.”\n\nThe vote is next week.")
    row = only(text)
    assert row["content"] == [text[text.index("“The first"):text.index("roads.”") + 7]]
    assert row["source"] == "The senator" and row["cue"] == "said:"


def test_continuation_quote_in_the_next_paragraph_joins_the_attribution():
    text = ("Mayor Ann Lee said the plan was sound.\n\n"
            "“We have no other choice, and we will not wait any longer.”")
    row = only(text)
    assert row["source"] == "Mayor Ann Lee"
    assert row["content"][-1] == "“We have no other choice, and we will not wait any longer.”"


def test_speaker_named_in_the_sentence_before_a_cue_that_opens_a_sentence():
    text = ("Army spokesman Colonel Joe Park spoke on a call Friday. said“We informed the "
            "council before the strikes.”")
    row = with_content(extract(text), "We informed")
    assert row["source"] == "Army spokesman Colonel Joe Park"


# --- indirect, mixed, according to ------------------------------------------------------------


def test_indirect_with_that():
    row = only("The minister said that the talks had failed.")
    assert row == {**row, "source": "The minister", "cue": "said",
                   "content": ["that the talks had failed"], "kind": "indirect"}


def test_indirect_deny_without_that():
    row = only("The company denied it had broken the law.")
    assert row["source"] == "The company" and row["lemma"] == "deny"
    assert row["content"] == ["it had broken the law"]


def test_mixed_partly_quoted():
    row = only("The spokeswoman said the company is “proud” of its product.")
    assert row["kind"] == "mixed" and row["content"] == ["the company is “proud” of its product"]


def test_source_after_the_content_without_quotes():
    row = only("The plan will fail, Smith said.")
    assert row["source"] == "Smith" and row["content"] == ["The plan will fail"]


def test_according_to_first_and_last():
    first = only("According to the report, prices rose by half.")
    last = only("Prices rose by half, according to the report.")
    for row in (first, last):
        assert row["kind"] == "according_to" and row["source"] == "the report"
        assert row["content"] == ["prices rose by half"] or row["content"] == ["Prices rose by half"]


def test_apposition_is_part_of_the_source():
    row = only("Jane Roe, a lawyer for the family, said the ruling was wrong.")
    assert row["source"] == "Jane Roe, a lawyer for the family"


def test_relative_clause_is_skipped_to_find_the_source():
    rows = extract("Crawford, who recalled taking the elevator, said in an interview that "
                   "the project never came to pass.")
    row = with_content(rows, "the project never came to pass")
    assert row["source"] == "Crawford"


# --- noun cues and no source ---------------------------------------------------------------------


def test_statement_introduces_the_source():
    row = only("In a statement, the ministry said the border would reopen on Monday.")
    assert row["source"] == "the ministry"
    assert row["content"] == ["the border would reopen on Monday"]


def test_press_release_as_source():
    row = only("The press release said the plant would close in May.")
    assert row["source"] == "The press release"


def test_spokespersons_email_as_source():
    row = only("A spokesperson’s email said the figures were wrong.")
    assert row["source"] == "A spokesperson’s email"


def test_passive_report_has_no_source():
    row = only("It was reported that the talks had collapsed.")
    assert row["source"] is None and "reported" in row["cue"]
    assert row["content"] == ["that the talks had collapsed"]


def test_headline_passive_without_is_has_no_source():
    # the person blamed or urged is no speaker: "X blamed for Y" is "X was blamed for Y"
    for text in ("Heatwave blamed for crop failures", "Council urged to reopen the library",
                 "Coach, criticised for the tactics, said he would stay."):
        row = with_content(extract(text), "for" if "for" in text else "to reopen")
        assert row["source"] is None, (text, row)
    # with its object in place the verb is active and its subject speaks
    row = only("Farmers blamed the heatwave for crop failures")
    assert row["source"] == "Farmers"
    # an object moved into a relative clause leaves the verb active
    row = only("The mayor attacked the rivals who he accused of lying about the budget.")
    assert row["source"] == "he"


# --- press-release forms ---------------------------------------------------------------------


def test_quote_then_dash_and_name():
    row = only("“This is a historic day for our town.” - Commissioner Jane Doe")
    assert row["source"] == "Commissioner Jane Doe" and row["cue"] == "-"
    assert row["kind"] == "direct"


def test_colon_after_the_speaker_introduces_the_quote():
    row = only("And from the Chairwoman:\n“This is a great day for the committee.”")
    assert row["source"] == "the Chairwoman" and row["cue"] == ":"


# --- quote marks -----------------------------------------------------------------------------


def test_mismatched_closing_guillemet():
    row = only("The envoy added: “There is an ongoing conflict between the two. »")
    assert row["content"] == ["“There is an ongoing conflict between the two. »"]


def test_german_low_high_quotes():
    row = only("„We will leave now,“ the minister said.")
    assert row["content"] == ["„We will leave now,“"] and row["source"] == "the minister"


def test_straight_double_quotes_and_doubled_apostrophes():
    assert only('"We will leave now," the minister said.')["source"] == "the minister"
    assert only("''We will leave now,'' the minister said.")["source"] == "the minister"


def test_apostrophes_shaped_like_quotes_make_no_quotation():
    assert find_quotes("It shouldn‘t matter that they didn’t care about Jones’ dog.") == []


def test_odd_number_of_quote_marks_still_yields_every_attribution():
    text = ("“We will win,” she said.\n\nThe mayor said the \"plan works and nobody can stop it.\n\n"
            "The council denied that it had voted.")
    rows = extract(text)
    with_content(rows, "We will win")
    with_content(rows, "plan works")
    with_content(rows, "it had voted")


# --- not attributions ----------------------------------------------------------------------


def test_scare_quotes_are_not_attributions():
    assert extract('His so-called "woke" policies were on the agenda at the rally.') == []


def test_nickname_is_not_an_attribution():
    assert extract("A man who goes by “Shorty” was arrested on Friday.") == []


def test_title_of_a_work_is_not_an_attribution():
    assert extract("He appeared on “Meet the Press” on Sunday morning.") == []


def test_name_inside_a_bare_quote_is_not_its_speaker():
    rows = extract("“Smith is a liar and everyone in this town knows it.”")
    assert all(r["source"] is None for r in rows)


# --- confidence ----------------------------------------------------------------------------


def test_confidence_ranks_a_bare_quote_below_a_sourced_one():
    text = ("“We are ready to talk at any time,” the mayor said.\n\n"
            "Elsewhere the streets were quiet.\n\n“Nobody came to the meeting at all.”")
    rows = extract(text)
    sourced = with_content(rows, "ready to talk")
    bare = with_content(rows, "Nobody came")
    assert bare["source"] is None and bare["cue"] is None
    assert sourced["confidence"] > bare["confidence"]


# --- the sample article ----------------------------------------------------------------------


def test_sample_article(sample_path):
    article = read_article(sample_path)
    body = article.body
    found = find_attributions(parse(article))
    rows = [{"source": body[a.source[0]:a.source[1]] if a.source else None,
             "cue": body[a.cue[0]:a.cue[1]] if a.cue else None,
             "content": [body[s:e] for s, e in a.content], "lemma": a.cue_lemma, "kind": a.kind}
            for a in found]
    kirby = with_content(rows, "We informed the Iraqi government")
    assert kirby["source"].endswith("John Kirby") and kirby["cue"] == "said"
    nsc = with_content(rows, "For operational security reasons")
    assert nsc["source"] == "a National Security Council spokesperson"
    assert nsc["lemma"] == "acknowledge" and nsc["kind"] == "direct"
    patel = with_content(rows, "the Iraqis had not received warning")
    assert patel["source"].endswith("Vedant Patel") and patel["lemma"] == "acknowledge"
    refer = [r for r in rows if r["lemma"] == "refer"]
    assert refer and refer[0]["source"] == "The State Department"
    deny = with_content(rows, "that the United States provided any warning")
    assert deny["source"] == "The Iraqi government" and deny["lemma"] == "deny"
    closed = with_content(rows, "There is an ongoing conflict")
    assert closed["content"][-1].endswith("»") and closed["source"] == "Kirby"
    assert closed["cue"].startswith("added")
    disagree = with_content(rows, "I completely disagree")
    assert disagree["source"] == "Kirby" and disagree["cue"] == "said"
    assert all(a.kind in KINDS for a in found)
    assert len({a.id for a in found}) == len(found)


# --- properties ------------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "said", "says", "told", "according to", "the minister", "Kirby", "he", "that", "denied",
    "“", "”", '"', "'", "‘", "’", "«", "»", "„", "''", ",", ".", ":", "-", "—", "\n", "\n\n",
    " ", "We", "will", "win", "shouldn‘t", "it's", "(", ")", "In a statement", "?", "x",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map(" ".join))
def test_never_crashes_and_spans_lie_inside_the_body(text):
    check_spans(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab .,:\n\"“”‘’'«»„—-", max_size=120))
def test_arbitrary_quote_soup(text):
    check_spans(text)


def check_spans(text: str) -> None:
    if not text.strip():
        return
    found = find_attributions(parse(Article(doc_id="t", body=text)))
    n = len(text)
    for a in found:
        assert a.content
        spans = list(a.content) + [s for s in (a.source, a.cue) if s]
        assert all(0 <= s < e <= n for s, e in spans)
        assert 0 <= a.confidence <= 1 and a.kind in KINDS
    for q in find_quotes(text):
        assert 0 <= q.start < q.end <= n


# --- sources and cues found since the first rules ------------------------------------------


def test_source_with_a_party_tag_in_parentheses():
    row = only("“We have nothing to hide,” Sen. Ann Roe (D-N.Y.) said Tuesday.")
    assert row["source"] == "Sen. Ann Roe (D-N.Y.)"


def test_dash_apposition_is_part_of_the_source():
    row = only("Jason Sims — a teacher from Dover — says he made a last-minute decision.")
    assert row["source"] == "Jason Sims — a teacher from Dover"


def test_title_before_an_inverted_source():
    row = only("“Almost everybody was opposed to the thing,” said former Sen. Evan Bayh, a moderate.")
    assert row["source"] == "former Sen. Evan Bayh, a moderate"


def test_circumstance_after_a_speech_quote_is_not_content():
    row = only("“We are going to win this state,” Sanders said to cheers at a rally on the campus.")
    assert row["content"] == ["“We are going to win this state,”"] and row["source"] == "Sanders"


def test_quote_ending_its_sentence_is_not_content_of_the_next_cue():
    rows = extract("“We will win.” He said the campaign had raised more money than ever.")
    row = with_content(rows, "the campaign had raised")
    assert row["source"] == "He" and row["content"] == ["the campaign had raised more money than ever"]


def test_possessive_noun_cue():
    row = only("The senator's claim that the budget was balanced drew criticism.")
    assert row["source"] == "The senator's" and row["cue"] == "claim" and row["kind"] == "other"


def test_speaker_label_before_a_colon():
    row = only("Hartley: Police chief should have recused himself")
    assert row["source"] == "Hartley" and row["cue"] == ":"
    assert only("Jane Roe: I never saw the letter")["source"] == "Jane Roe"
    assert only("Rep. Jane Roe: Ten fighters were caught at the border")["source"] == "Rep. Jane Roe"
    assert only("WSJ: Carmaker plans to split in two")["source"] == "WSJ"
    assert extract("Note: the figures are not adjusted for inflation.") == []


def test_known_as_names_and_states_nothing():
    assert extract("A teenage fighter known as the Kid was killed in the strike.") == []


def test_topic_label_before_a_colon_is_no_speaker():
    assert only("Federal officials: the bridge will reopen in May")["source"] == "Federal officials"
    assert extract("Harbour fire: sailor hurt at the old pier") == []
    assert extract("Canada: soldier shot at the war memorial") == []
    assert extract("Storm chasers go west: tornado season starts early") == []
    # a person's name before news about them, not their words
    assert extract("Jane Roe: Missing hiker found alive in the mountains") == []


def test_label_before_a_colon_is_a_topic_when_the_rest_names_its_own_speaker():
    row = only("Hartley: Senator says the freed prisoners contacted smugglers")
    assert row["source"] == "Senator" and row["lemma"] == "say"


def test_participle_after_the_cue_shares_the_source():
    rows = extract("“It is a good plan,” Anderson said, adding that the vote would be close.")
    added = with_content(rows, "the vote would be close")
    assert added["source"] == "Anderson" and added["lemma"] == "add"


def test_content_stops_before_a_new_subject_and_cue():
    rows = extract("Three-quarters of the voters said they were worried about the economy, and more "
                   "than 4 in 10 said the senator would handle it best.")
    first = with_content(rows, "worried about the economy")
    assert first["content"] == ["they were worried about the economy"]
    second = with_content(rows, "would handle it best")
    assert second["source"] == "more than 4 in 10" and second["cue"] == "said"


def test_quantity_subject_and_adjective_outside():
    row = only("Nearly a third say they don't know.")
    assert row["source"] == "Nearly a third" and row["cue"] == "say"
    row = only("Outside experts also say the plans are far from enough.")
    assert row["source"] == "Outside experts"


def test_to_addressee_after_a_post_posed_cue_is_not_content():
    rows = extract("“We need our fix!” Clinton said to reporters. She left at noon.")
    row = with_content(rows, "We need our fix")
    assert row["source"] == "Clinton" and row["cue"] == "said"


def test_inverted_source_ends_before_a_participle():
    rows = extract("“Is he running against us?” asked Mr. Manafort, referring to the candidate.")
    row = with_content(rows, "running against us")
    assert row["source"] == "Mr. Manafort"


def test_framing_question_is_an_attribution_without_source():
    rows = extract("Asked whether he would run again, Reid said he would not.")
    question = with_content(rows, "whether he would run again")
    assert question["source"] is None and question["cue"] == "Asked"
    main = with_content(rows, "he would not")
    assert main["source"] == "Reid" and main["cue"] == "said"


def test_nested_cue_with_its_own_subject_inside_content():
    rows = extract("Aides said Smith told donors that the race was close.")
    outer = with_content(rows, "Smith told donors")
    assert outer["source"] == "Aides"
    inner = [r for r in rows if r["cue"] == "told"]
    assert inner and inner[0]["source"] == "Smith" and inner[0]["content"] == ["that the race was close"]


def test_an_act_verb_with_a_plain_object_is_no_attribution():
    assert extract("The girl writes a moving letter to her teacher.") == []
    assert extract("A pupil writes a letter to her teacher after he comes out as gay") == []
    assert only("The mayor told reporters the flood plan was dead.")["lemma"] == "tell"
    assert extract("Climber dubbed Spider Man after a wall climb") == []
    assert extract("The company is planning a new watch app.") == []
    assert only("The girl wrote that she missed her teacher.")["lemma"] == "write"
    assert only("The company is planning to open a store, the paper said.")["lemma"] == "say"
    # a verb whose object is its content keeps it
    assert only("The senator praised the deal.")["content"] == ["the deal"]


def test_inverted_cue_with_a_bare_role_noun_as_source():
    row = only("The plant will close next year, says spokesman")
    assert row["source"] == "spokesman" and row["content"] == ["The plant will close next year"]


def test_blast_as_a_noun_is_no_cue():
    assert extract("Gas leak causes blast in the capital") == []
    assert only("The senator blasted the plan as reckless.")["lemma"] == "blast"


def test_a_verdict_label_before_a_colon_is_no_speaker():
    assert all(row["source"] != "HOAX" for row in extract("HOAX: Shark photographed in flooded street"))


def test_inverted_cue_after_short_content_takes_the_name_side_as_source():
    row = only("Expansion is not imminent, says Jones")
    assert row["source"] == "Jones" and row["cue"] == "says"
    assert row["content"] == ["Expansion is not imminent"]
    row = only("The deal is off, said the minister.")
    assert row["source"] == "the minister" and row["content"] == ["The deal is off"]
    row = only("No comment, says spokesman")
    assert row["source"] == "spokesman" and row["content"] == ["No comment"]
    # a subject with an apposition between commas stays the source
    assert only("Teck, the mining company, says the mine will close.")["source"] == \
        "Teck, the mining company"


def test_label_content_is_not_cut_by_an_act_verb_with_a_plain_object():
    row = only("WH: We didn't threaten the reporter")
    assert row["source"] == "WH" and row["cue"] == ":"
    assert row["content"] == ["We didn't threaten the reporter"]


def test_first_person_words_after_a_label_are_the_labels_even_with_a_cue():
    row = only("Pentagon: We didn't warn Iraq")
    assert row["source"] == "Pentagon" and row["content"] == ["We didn't warn Iraq"]
    rows = extract("Jane Roe: I support statehood for the district")
    label = [r for r in rows if r["cue"] == ":"]
    assert label and label[0]["source"] == "Jane Roe"
    assert label[0]["content"] == ["I support statehood for the district"]


def test_capitalised_speech_verb_in_a_title_case_headline():
    row = only("Iraq Says U.S. Did Not Warn It")
    assert row["source"] == "Iraq" and row["cue"] == "Says"
    assert row["content"] == ["U.S. Did Not Warn It"]
    assert only("Apple Denies Report That It Will Close the Plant")["lemma"] == "deny"
    # in ordinary prose a capitalised word mid-sentence is still a name
    assert extract("The fund was run by Lucy Says and her brother.") == []


def test_sentence_adverb_before_an_inverted_cue_is_neither_source_nor_content():
    for text, source in (("Meanwhile, says Smith, the plan is dead.", "Smith"),
                         ("However, said the minister, the plan is dead.", "the minister"),
                         ("Yesterday, says the mayor, the plan is dead.", "the mayor")):
        row = only(text)
        assert row["source"] == source and row["content"] == ["the plan is dead"]
    # a noun phrase before the cue is still content
    assert only("The plan, says Smith, is dead.")["content"] == ["The plan", "is dead"]


def test_content_broken_off_before_an_inverted_cue_goes_on_after_the_source():
    row = only("It is, said the mayor, a sad day for the city.")
    assert row["source"] == "the mayor"
    assert row["content"] == ["It is", "a sad day for the city"]
    # after a finished clause, what follows the source is its apposition
    assert only("The deal is off, said Smith, the mayor.")["source"] == "Smith, the mayor"


def test_a_sentence_adverb_before_the_source_is_no_content():
    assert extract("Meanwhile, the senator apologized.") == []
    row = only("Thus far, the company has refused to comment on the report.")
    assert row["source"] == "the company" and row["content"] == ["on the report"]


def test_casting_doubt_on_a_claim_is_a_dispute_cue():
    row = only("Scientists cast doubt on a farmer's claims that a wolf ate his sheep.")
    assert (row["source"], row["cue"], row["lemma"]) == ("Scientists", "cast doubt on", "cast doubt on")
    assert row["content"] == ["a farmer's claims that a wolf ate his sheep"]
    assert only("The minister poured cold water on plans for a new airport.")["cue"] == \
        "poured cold water on"


def test_a_clause_opened_by_as_starts_the_source():
    assert only("Uproar as the mayor says the bridge will close.")["source"] == "the mayor"
    assert only("The crowd was quiet on Sunday as the coach said he would stay.")[
        "source"] == "the coach"
    # "as" as a preposition or comparative stays inside the source
    assert only("A man known as the Butcher said he was innocent.")["source"] == \
        "A man known as the Butcher"
    assert only("Her record as governor showed that she could win.")["source"] == \
        "Her record as governor"


def test_a_long_label_of_a_role_and_a_name_is_a_speaker():
    row = only("Deputy Health Minister Jane Roe: No patients were harmed in the fire")
    assert (row["source"], row["cue"]) == ("Deputy Health Minister Jane Roe", ":")
    assert only("City Hall Chief Of Staff Mary Stone: The budget is balanced")["source"] == \
        "City Hall Chief Of Staff Mary Stone"
    # a long topic label is no speaker, nor a role followed by a preposition and a topic
    assert extract("Carmaker Set To Split Into Two Separate Units: Report") == []
    assert extract("Museum Expert on Old Coins: Why Gold Still Shines") == []


def test_a_weak_retraction_verb_undoing_a_thing_is_no_attribution():
    assert extract("The army withdrew its troops from the town.") == []
    assert extract("Riot police were forced to withdraw after protesters arrived.") == []
    assert only("The senator withdrew her remarks about the judge.")["cue"] == "withdrew"
    assert only("The governor reversed his position on the tax.")["cue"] == "reversed"


def test_a_cue_word_before_the_finite_verb_is_a_compound_noun():
    # "report" is the head of the subject "the jobs report", not a verb
    assert extract("The jobs report gives the mayor a lift.") == []
    assert only("Economists report wages rose in May.")["cue"] == "report"


def test_the_possessor_of_a_cue_noun_stops_at_a_preposition():
    row = only("Fans were abuzz over the coach's comments that the club is for sale.")
    assert (row["source"], row["cue"]) == ("the coach's", "comments")
    assert only("The mayor of Paris's claim that the river is clean was mocked.")["source"] == \
        "The mayor of Paris's"


def test_suspect_as_a_noun_is_no_cue():
    assert extract("One officer killed, suspect dead in shooting near the station") == []
    assert only("Police suspect the fire was arson.")["cue"] == "suspect"


def test_a_cue_with_a_person_as_object_is_no_quotative_inversion():
    row = only("He stood by the plan on Sunday, slamming his critics.")
    assert (row["source"], row["content"]) == ("He", ["his critics"])
    row = only("The plan is dead, says the mayor.")
    assert (row["source"], row["content"]) == ("the mayor", ["The plan is dead"])
