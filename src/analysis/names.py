"""Word lists for naming speakers, and the small parsers that apply them.

The lists live in ``resources/speakers/`` (one file per class, each with a provenance line) and
are loaded once. The functions here work on plain word strings: splitting a descriptor into
``role`` and ``affiliation``, stripping titles, slugging names into ids. They know nothing about
documents or attributions (that is ``speakers.py``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import datafiles

POSSESSIVE = ("’s", "'s", "’", "'")


def _lines(name: str) -> list[str]:
    return datafiles.lines("speakers", name)


@dataclass(frozen=True)
class Lexicon:
    titles: dict[tuple[str, ...], str]
    """Title words (as a tuple, original case) -> implied role ('' for plain honorifics)."""
    title_first: frozenset[str]
    """First word of every title, for a cheap test before the tuple lookup."""
    name_modifiers: frozenset[str]
    roles: frozenset[str]
    org_heads: dict[str, str]
    group_nouns: frozenset[str]
    anon_heads: frozenset[str]
    anon_markers: tuple[str, ...]
    collectives: frozenset[str]
    documents: frozenset[str]
    outlet_names: frozenset[str]
    outlet_heads: frozenset[str]
    outlet_nouns: frozenset[str]
    person_nouns: frozenset[str]
    countries: frozenset[str]
    first_names: dict[str, str]
    pronouns: dict[str, tuple[frozenset[str], str]]
    word_class: dict[str, frozenset[str]]
    parents: dict[str, str]

    def is_class(self, word: str, cls: str) -> bool:
        classes = self.word_class.get(word.lower())
        return classes is not None and cls in classes


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    titles: dict[tuple[str, ...], str] = {}
    for line in _lines("titles.tsv"):
        title, _, role = line.partition("\t")
        titles[tuple(title.split())] = role.strip()
    org_heads = dict(line.split("\t")[:2] for line in _lines("org_heads.tsv"))
    anon = [line.split("\t", 1) for line in _lines("anonymous.txt")]
    outlets = [line.split("\t", 1) for line in _lines("outlets.tsv")]
    pronouns = {}
    for line in _lines("pronouns.tsv"):
        word, kinds, *gender = line.split("\t")
        pronouns[word] = (frozenset(kinds.split(",")), (gender[0] if gender else "").strip())
    word_class: dict[str, set[str]] = {}
    for line in _lines("closed_class.tsv"):
        word, cls = line.split("\t")
        word_class.setdefault(word, set()).add(cls)
    parents = dict(line.split("\t")[:2] for line in _lines("parents.tsv"))
    return Lexicon(
        titles=titles,
        title_first=frozenset(t[0] for t in titles),
        name_modifiers=frozenset(_lines("name_modifiers.txt")),
        roles=frozenset(_lines("roles.txt")),
        org_heads=org_heads,
        group_nouns=frozenset(_lines("group_nouns.txt")),
        anon_heads=frozenset(w for kind, w in anon if kind == "head"),
        anon_markers=tuple(w for kind, w in anon if kind == "marker"),
        collectives=frozenset(_lines("collectives.txt")),
        documents=frozenset(_lines("documents.txt")),
        outlet_names=frozenset(w for kind, w in outlets if kind == "name"),
        outlet_heads=frozenset(w for kind, w in outlets if kind == "head"),
        outlet_nouns=frozenset(w for kind, w in outlets if kind == "noun"),
        person_nouns=frozenset(_lines("person_nouns.txt")),
        countries=frozenset(_lines("countries.txt")),
        first_names=dict(line.split("\t")[:2] for line in _lines("first_names.tsv")),
        pronouns=pronouns,
        word_class={w: frozenset(c) for w, c in word_class.items()},
        parents=parents,
    )


_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """``"John Kirby"`` -> ``john-kirby``: lower case ASCII letters and digits joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_text.lower()).strip("-")


def strip_possessive(word: str) -> str:
    for suffix in POSSESSIVE[:2]:
        if word.endswith(suffix) and len(word) > 2:
            return word[: -len(suffix)]
    return word


def strip_titles(words: list[str]) -> tuple[list[str], str | None, str | None]:
    """Drop leading titles and name modifiers: ``retired Adm. John Kirby`` -> ``John Kirby``.

    Returns the remaining words, the role the last title implies (``Sen.`` -> senator) and a
    gender the honorific implies (``Mr.`` -> m). A title that is the whole name (``President``
    alone) is kept as the name.
    """
    lex = lexicon()
    role = gender = None
    former = False
    i = 0
    while i < len(words) - 1:
        if words[i].lower() in lex.name_modifiers:
            i += 1
            continue
        if words[i].lower() == "former":
            former = True
            i += 1
            continue
        if words[i] not in lex.title_first:
            break
        for size in (4, 3, 2, 1):
            key = tuple(words[i:i + size])
            if key in lex.titles and i + size < len(words):
                role = lex.titles[key] or role
                gender = _HONORIFIC_GENDER.get(key[0], gender)
                i += size
                break
        else:
            break
    if former and role:
        role = "former " + role
    return words[i:], role, gender


_HONORIFIC_GENDER = {"Mr.": "m", "Mrs.": "f", "Ms.": "f", "Miss": "f", "Sir": "m", "Dame": "f",
                     "Lord": "m", "Lady": "f", "King": "m", "Queen": "f", "Prince": "m",
                     "Princess": "f", "Congressman": "m", "Congresswoman": "f",
                     "Chairman": "m", "Chairwoman": "f", "Father": "m"}
ROLE_GENDER = {"spokesman": "m", "spokeswoman": "f", "congressman": "m", "congresswoman": "f",
               "chairman": "m", "chairwoman": "f", "king": "m", "queen": "f", "prince": "m",
               "princess": "f", "man": "m", "woman": "f", "boy": "m", "girl": "f",
               "mother": "f", "father": "m", "son": "m", "daughter": "f", "wife": "f",
               "husband": "m", "brother": "m", "sister": "f", "uncle": "m", "aunt": "f",
               "grandmother": "f", "grandfather": "m", "businessman": "m", "lady": "f",
               "businesswoman": "f"}


def is_role_word(word: str) -> bool:
    lex = lexicon()
    return word.lower() in lex.roles or bool(lex.titles.get((word,)))


def is_org_head(word: str) -> bool:
    return strip_possessive(word).lower() in lexicon().org_heads


def split_descriptor(words: list[str]) -> tuple[str | None, str | None]:
    """``White House national security spokesman`` -> (``national security spokesman``,
    ``White House``); ``Afghan Ambassador to the United States`` -> (``Ambassador to the
    United States``, ``Afghan``); ``spokesperson for the State Department`` -> (``spokesperson``,
    ``State Department``).

    The role runs from the first lower-case word (or the multi-word title) before the last role
    noun to the end, less a ``for/at/with X`` complement, which is the affiliation; capitalised
    words before the role are the affiliation. Cannot tell an affiliation from a capitalised
    role modifier that is not in the title list (``Press Secretary`` unless listed).
    """
    lex = lexicon()
    words = [w for w in words if w != ","]
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if not words:
        return None, None
    # the role noun is the last one before a for/at/with complement ("representative for the
    # Sheriff's office"), else the last one
    stop = next((j for j, w in enumerate(words) if w.lower() in ("for", "at", "with", "from")
                 and any(is_role_word(x) for x in words[:j])), len(words))
    head = max((i for i, w in enumerate(words[:stop]) if is_role_word(w)), default=-1)
    if head < 0:
        return None, None
    affiliation = None
    end = len(words)
    for j in range(head + 1, len(words)):
        if words[j].lower() in ("for", "at", "with", "from") or (
                words[j].lower() in ("of",) and any(is_org_head(w) for w in words[j + 1:])):
            tail = [w for w in words[j + 1:] if w.lower() not in ("the", "a", "an")]
            affiliation = " ".join(tail) or None
            end = j
            break
    start = head
    # a multi-word title ending at the head ("Foreign Minister") belongs to the role
    for size in (3, 2):
        if head - size + 1 >= 0 and tuple(words[head - size + 1:head + 1]) in lex.titles:
            start = head - size + 1
            break
    while start > 0 and words[start - 1][:1].islower():
        start -= 1
    role_words = words[start:end]
    before = [w for w in words[:start] if w not in ("'s", "’s")]
    # "a former Obama administration official": the lower-case org head joins the affiliation,
    # the lower-case words before the name join the role
    if before and before[-1][:1].isupper() and role_words \
            and role_words[0].lower() in lex.org_heads:
        before.append(role_words.pop(0))
    prefix = []
    while before and before[0][:1].islower():
        prefix.append(before.pop(0))
    expanded = lex.titles.get(tuple(role_words))
    if expanded:  # "Brig. Gen." -> brigadier general
        role_words = [expanded]
    role = " ".join(prefix + role_words) or None
    if before and affiliation is None:
        affiliation = " ".join(strip_possessive(w) for w in before)
    return role, affiliation
