"""Ingest: front matter, encodings, exact offsets, one error type per bad input."""

import codecs
from datetime import date

import pytest

from analysis.articles import iter_articles, read_article
from analysis.errors import (
    ArticleTooLargeError,
    BadDateError,
    BadRecordError,
    BinaryFileError,
    EmptyArticleError,
    FrontMatterError,
    InputError,
    InputNotFoundError,
    UndecodableError,
)


def test_front_matter_and_body(write):
    path = write("a.txt", "---\ntitle: T\noutlet: Daily\npublished: 2024-02-06\nurl: https://x.org/a\nlicense: CC BY\n---\nBody text.\n")
    article = read_article(path)
    assert article.doc_id == "a"
    assert (article.title, article.outlet, article.url) == ("T", "Daily", "https://x.org/a")
    assert article.published == date(2024, 2, 6)
    assert article.extra == {"license": "CC BY"}
    assert article.body == "Body text.\n"


def test_no_front_matter_keeps_whole_text(write):
    article = read_article(write("b.txt", "Just a body.\n--- not a fence"))
    assert article.body == "Just a body.\n--- not a fence"
    assert article.published is None


def test_crlf_is_kept_and_offsets_exact(write):
    article = read_article(write("c.txt", b"---\r\ntitle: T\r\n---\r\nOne.\r\nTwo.\r\n"))
    assert article.body == "One.\r\nTwo.\r\n"
    assert article.body.index("Two") == 6


@pytest.mark.parametrize("bom,encoding", [(codecs.BOM_UTF8, "utf-8"), (b"", "utf-8"),
                                          (codecs.BOM_UTF16_LE, "utf-16-le"),
                                          (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_encodings(write, bom, encoding):
    text = "---\npublished: 2024-02-06\n---\nHe said “We can’t.”"
    article = read_article(write("d.txt", bom + text.encode(encoding)))
    assert article.body == "He said “We can’t.”"


@pytest.mark.parametrize("content,error", [
    (b"", EmptyArticleError),
    (b"   \n\n", EmptyArticleError),
    (b"---\ntitle: x\n---\n  \n", EmptyArticleError),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", BinaryFileError),
    (b"caf\xe9 au lait", UndecodableError),
    (b"---\ntitle: x\nBody with no closing fence", FrontMatterError),
    (b"---\ntitle x\n---\nBody", FrontMatterError),
    (b"---\npublished: yesterday\n---\nBody", BadDateError),
    (b"---\npublished: 2024-13-45\n---\nBody", BadDateError),
])
def test_bad_inputs_raise_their_own_error(write, content, error):
    path = write("bad.txt", content)
    with pytest.raises(error) as info:
        read_article(path)
    message = str(info.value)
    assert message.startswith(str(path)) and "\n" not in message


def test_size_limit_is_configurable(write):
    path = write("big.txt", "word " * 100)
    with pytest.raises(ArticleTooLargeError):
        read_article(path, max_bytes=100)
    assert read_article(path, max_bytes=1000).words == 100


def test_missing_file(tmp_path):
    with pytest.raises(InputNotFoundError):
        read_article(tmp_path / "nope.txt")


def test_batch_goes_on_after_bad_articles(write, tmp_path):
    write("1.txt", "First article.")
    write("2.txt", b"\x00\x01\x02binary")
    write("3.txt", "---\npublished: soon\n---\nThird.")
    write("4.txt", "Fourth article.")
    write("notes.md", "not an article")
    items = list(iter_articles([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article", "BinaryFileError", "BadDateError", "Article"]
    assert [i.doc_id for i in items if not isinstance(i, InputError)] == ["1", "4"]


def test_jsonl(write):
    path = write("c.jsonl", '{"doc_id": "x1", "text": "Hello.", "outlet": "AP", "published": "2024-01-02"}\n'
                            'not json\n'
                            '{"doc_id": "x2"}\n'
                            '\n'
                            '{"doc_id": "x3", "text": "Bye.", "published": "Tuesday"}\n'
                            '{"doc_id": "x4", "text": "Ok."}\n')
    items = list(iter_articles([path]))
    assert isinstance(items[0], object) and items[0].doc_id == "x1" and items[0].outlet == "AP"
    assert isinstance(items[1], BadRecordError) and str(items[1]).startswith(f"{path}:2:")
    assert isinstance(items[2], BadRecordError)
    assert isinstance(items[3], BadDateError) and f"{path}:5" in str(items[3])
    assert items[4].doc_id == "x4"


def test_sample_article_metadata(sample_path):
    article = read_article(sample_path)
    assert article.outlet == "The Intercept"
    assert article.published == date(2024, 2, 6)
    assert article.body.startswith("The United States did it failed")
