"""Report building blocks: escaping, the attribution chain, the timeline data and charts.

The extraction is built by hand (tests/report_model.py) so these pin down the report code,
not the extraction stages."""

from dataclasses import replace
from datetime import date

import pytest

from analysis.articles import Article
from analysis.chain import chain_chart, chain_edges, chain_nodes
from analysis.charts import claims_chart, claims_frame, date_range, timeline_chart, timeline_frame
from analysis.extract import Extraction, SentenceRow, Statement
from analysis.views import highlighted_text, safe_link, table
from report_model import model_extraction

HOSTILE = '<script>document.title="PWNED"</script> <img src=x onerror="alert(1)"> said "it" & more'


@pytest.fixture(scope="module")
def model() -> Extraction:
    return model_extraction()


def _hostile_extraction() -> Extraction:
    body = f"{HOSTILE}. The minister said <b>no</b>."
    start = body.index("<b>")
    article = Article(doc_id="h", body=body, title="<script>x</script>", outlet='"><img src=x onerror=alert(1)>',
                      url="javascript:alert(1)", published=date(2024, 2, 6))
    statement = Statement(id="a1", source=(body.index("The minister"), body.index(" said <b>")),
                          cue=(body.index("said <b>"), body.index("said <b>") + 4), content=[(start, start + 9)],
                          kind="indirect", speaker='<img src=x onerror="alert(2)">', speaker_id="m",
                          speaker_kind="person", role=None, affiliation=None, stance="deny", claim=None,
                          polarity=None, said_on=None, confidence=0.5)
    return Extraction(article=article, published=article.published,
                      sentences=[SentenceRow(0, len(body), None, "assert")], attributions=[statement], timexes=[])


def test_highlighted_text_escapes_everything_from_the_article():
    html = str(highlighted_text(_hostile_extraction()))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;document.title=&quot;PWNED&quot;&lt;/script&gt;" in html
    assert 'title="&lt;img src=x onerror=&quot;alert(2)&quot;&gt; · deny"' in html
    assert '<mark class="content stance-deny"' in html


def test_repr_html_escapes_title_outlet_and_shows_no_javascript_link():
    html = _hostile_extraction()._repr_html_()
    assert "<script>x" not in html and "<img" not in html
    assert "javascript:" not in html.replace("<code>javascript:alert(1)</code>", "")
    assert "<code>javascript:alert(1)</code>" in html


@pytest.mark.parametrize("url, clickable", [
    ("https://example.org/a?b=1&c=2", True), ("http://example.org", True), ("javascript:alert(1)", False),
    ("JAVASCRIPT:alert(1)", False), ("data:text/html,<script>", False), ("//evil.example", False),
    ('https://x.org/" onmouseover="alert(1)', False), ("vbscript:x", False)])
def test_only_http_links_are_clickable(url, clickable):
    html = safe_link(url)
    assert ("<a href=" in html) is clickable
    assert '" onmouseover' not in html


def test_table_escapes_cells_and_shows_every_row():
    import pandas as pd

    frame = pd.DataFrame({"speaker": ["<script>", *("x" * 100)], "n": [1.5, *range(100)]})
    html = str(table(frame))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.count("<tr>") == 102


def test_chain_edges_of_the_model_article(model):
    edges = chain_edges(model)
    triples = {(r.source, r.relation, r.target) for r in edges.itertuples()}
    assert ("The Intercept", "asked", "White House") in triples
    assert ("The Intercept", "asked", "State Department") in triples
    assert ("State Department", "referred to", "White House") in triples
    assert ("White House", "speaks through", "John Kirby") in triples
    assert ("Iraqi Foreign Ministry", "issued", "meeting press release") in triples
    assert ("The Intercept", "published", "this article") in triples
    kirby = edges[(edges.source == "John Kirby") & (edges.relation == "quoted in")].iloc[0]
    assert kirby.statements == ["a2", "a12", "a13"] and kirby.said_on == "2024-02-02"
    assert ("The Intercept", "quoted in", "this article") not in triples  # the narrator publishes


def test_chain_layers_put_askers_left_of_the_asked_and_the_article_last(model):
    layer = dict(chain_nodes(chain_edges(model))[["name", "layer"]].itertuples(index=False))
    assert layer["The Intercept"] < layer["State Department"] < layer["White House"] < layer["John Kirby"]
    assert layer["this article"] == max(layer.values())


def test_referral_target_is_a_capitalised_name_when_no_entity_is_known():
    body = "The agency referred questions to the Department of Energy."
    article = Article(doc_id="r", body=body)
    s = Statement(id="a1", source=(0, 10), cue=(11, 19), content=[(20, len(body) - 1)], kind="other",
                  speaker="The agency", speaker_id="agency", speaker_kind="organization", role=None,
                  affiliation=None, stance="refer", claim=None, polarity=None, said_on=None, confidence=0.5)
    ex = Extraction(article=article, published=None, sentences=[SentenceRow(0, len(body), None, "refer")],
                    attributions=[s], timexes=[])
    triples = {(r.source, r.relation, r.target) for r in chain_edges(ex).itertuples()}
    assert ("The agency", "referred to", "Department of Energy") in triples


def test_a_cycle_of_referrals_still_lays_out():
    import pandas as pd

    edges = pd.DataFrame([{"source": "A", "source_kind": "organization", "relation": "referred to", "target": "B",
                           "target_kind": "organization", "statements": ["a1"], "said_on": None},
                          {"source": "B", "source_kind": "organization", "relation": "referred to", "target": "A",
                           "target_kind": "organization", "statements": ["a2"], "said_on": None}])
    assert sorted(chain_nodes(edges)["layer"]) == [0, 1]


@pytest.mark.parametrize("value, expected", [
    ("2024-02-02", (date(2024, 2, 2), date(2024, 2, 2))), ("2024-01", (date(2024, 1, 1), date(2024, 1, 31))),
    ("2024-12", (date(2024, 12, 1), date(2024, 12, 31))), ("2024-W05", (date(2024, 1, 29), date(2024, 2, 4))),
    ("2024", (date(2024, 1, 1), date(2024, 12, 31))), ("PRESENT_REF", None), ("2024-02-30", None), (None, None), (float("nan"), None)])
def test_date_range(value, expected):
    assert date_range(value) == expected


def test_timeline_marks_retraction_by_the_same_organisation_and_contradiction_by_another(model):
    frame = timeline_frame(model).set_index("id")
    assert frame.loc["a3", "role"] == "retraction"  # White House reverses its spokesman Kirby
    assert frame.loc["a5", "role"] == "contradiction"  # State Department's spokesman opposes him
    assert frame["role"].isna()["a2"]
    assert not frame.loc["a7", "dated"] and frame.loc["a7", "start"] == date(2024, 2, 6)
    assert frame.loc["a10", "start"] == date(2024, 1, 1) and frame.loc["a10", "end"] == date(2024, 1, 31)


def test_timeline_follows_retractions_listed_by_the_claim_stage(model):
    claim = model.claims[0]
    listed = replace(model, claims=[type("C", (), {"id": claim.id, "statements": claim.statements,
                                                   "fate": claim.fate, "retractions": ("a4",),
                                                   "contradictions": ()})()])
    frame = timeline_frame(listed).set_index("id")
    assert frame.loc["a4", "role"] == "retraction" and frame.loc["a3", "role"] != "retraction"


def test_claims_frame(model):
    row = claims_frame([model]).set_index("claim").loc["iraq_strikes_advance_notice:c1"]
    assert row["fate"] == "retracted" and row["retracted by"] == "White House"
    assert row["first"] == "2024-02-02" and row["for"] == "John Kirby"


def test_charts_render_with_alt_text(model, tmp_path):
    for chart in (chain_chart(model), timeline_chart(model), claims_chart([model])):
        png = chart.png()
        assert png.startswith(b"\x89PNG") and len(png) > 5000
        data, meta = chart._repr_mimebundle_()
        assert meta["image/png"]["alt"] == chart.alt and "image/png" in data
    assert "The Intercept asked White House" in chain_chart(model).alt
    assert "White House acknowledge on claim c1 (retraction)" in timeline_chart(model).alt


def test_charts_of_an_empty_article_and_dollar_signs_do_not_break():
    body = "Prices rose $5 and $6 in a day."
    article = Article(doc_id="e", body=body, title="$x$ and $y$", outlet="The $ Post")
    ex = Extraction(article=article, published=None, sentences=[SentenceRow(0, len(body), None, "assert")],
                    attributions=[], timexes=[])
    for chart in (chain_chart(ex), timeline_chart(ex), claims_chart([ex])):
        assert chart.png().startswith(b"\x89PNG")


def test_timeline_follows_the_claim_history_relations(model):
    from analysis.claims import Claim, ClaimStatement

    steps = tuple(ClaimStatement(attribution=a, speaker=None, speaker_id=None, party=(), stance="assert",
                                 polarity=1, said_on=None, relation=rel)
                  for a, rel in (("a2", "assertion"), ("a4", "retraction"), ("a3", "support")))
    claim = Claim("c1", ("a2", "a4", "a3"), "retracted", history=steps)
    frame = timeline_frame(replace(model, claims=[claim])).set_index("id")
    assert frame.loc["a4", "role"] == "retraction"
    assert frame["role"].isna()[["a3", "a5"]].all()  # no derivation of its own


def test_claim_history_chart_keeps_claims_with_several_statements():
    import pandas as pd

    from analysis.charts import claim_history_chart, history_timeline
    from analysis.corpus_claims import HISTORY_COLUMNS

    rows = [dict.fromkeys(HISTORY_COLUMNS) for _ in range(3)]
    for row, (claim, said, rel, doc) in zip(rows, [("k1", "2024-01-02", "assertion", "d1"),
                                                  ("k1", None, "retraction", "d2"),
                                                  ("k2", "2024-01-03", "assertion", "d1")]):
        row.update(corpus_claim=claim, said_on=said, relation=rel, doc_id=doc, published="2024-01-05",
                   proposition=f"{claim} text", stance="assert", attribution="a1", speaker="X", text="t")
    history = pd.DataFrame(rows, columns=HISTORY_COLUMNS)
    frame = history_timeline(history)
    assert list(frame["role"].fillna("")) == ["", "retraction", ""]
    assert frame.loc[1, "start"] == date(2024, 1, 5) and not frame.loc[1, "dated"]
    chart = claim_history_chart(history)
    assert chart.png().startswith(b"\x89PNG")
    assert "retraction" in chart.alt and "2024-01-03" not in chart.alt  # k2 has one statement: left out


def test_article_pages_never_take_the_index_or_corpus_names(tmp_path):
    from analysis.report import NOTEBOOKS_DIR, plan

    for name in ("index", "claim_tracker", "a"):
        (tmp_path / f"{name}.txt").write_text("The minister said so.", encoding="utf-8")
    jobs, failures = plan([str(tmp_path)], tmp_path / "out", NOTEBOOKS_DIR, None)
    names = sorted(j.name for j in jobs)
    assert names == ["a.html", "claim_tracker-2.html", "claim_tracker.html", "corpus_overview.html",
                     "index-2.html"] and not failures
