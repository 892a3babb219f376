"""The parsed article every later stage reads: sentence spans and tagged tokens.

``parse`` is the only place that runs the sentence splitter, tokenizer and tagger, so each
later stage gets the same view of the text and none of them re-tokenises it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .articles import Article
from .sentences import split_sentences
from .tokens import Token, tag_sentences, tokenize


@dataclass(frozen=True)
class Document:
    article: Article
    sentences: list[tuple[int, int]]
    """Sentence spans into ``article.body``, ordered and non-overlapping."""
    tokens: list[list[Token]]
    """The tagged tokens of each sentence (``tokens[i]`` lies inside ``sentences[i]``)."""

    @property
    def body(self) -> str:
        return self.article.body

    def sentence_text(self, index: int) -> str:
        start, end = self.sentences[index]
        return self.article.body[start:end]


def parse(article: Article) -> Document:
    """Split, tokenise and tag an article."""
    body = article.body
    sentences = split_sentences(body)
    tokens = tag_sentences(body, [tokenize(body, start, end) for start, end in sentences])
    return Document(article=article, sentences=sentences, tokens=tokens)
