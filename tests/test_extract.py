from dataclasses import asdict

from analysis.articles import read_article
from analysis.extract import extract, plain


def test_plain_equals_asdict_on_every_output_record(sample_path):
    """``plain`` replaces ``asdict`` for speed; the dicts (and so the JSON) must not change."""
    result = extract(read_article(sample_path))
    records = [*result.sentences, *result.attributions, *result.timexes, *result.speakers, *result.claims]
    assert result.claims and any(c.history for c in result.claims)  # nested dataclasses are covered
    for record in records:
        assert plain(record) == asdict(record)
