"""The cue lexicon: reporting verbs, nouns and phrases, each with its stance class.

The entries live in ``resources/cues.tsv`` (cue, pos, class, strength, object), read once. ``lookup``
takes a lemma; ``lemma`` maps an inflected word to the lemma of a lexicon entry (``said`` ->
``say``, ``denied`` -> ``deny``, ``statements`` -> ``statement``) using the irregular forms in
``resources/verb_forms.tsv`` and the regular English inflection rules, so it only needs to
know the verbs and nouns of the lexicon. It is not a general lemmatiser: a word that is no
inflection of a lexicon entry gets a best-effort suffix strip.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import datafiles

CLASSES = ("assert", "hedge", "acknowledge", "deny", "retract", "dispute", "refuse", "refer",
           "protest", "question")
VOWELS = frozenset("aeiou")


@dataclass(frozen=True)
class CueEntry:
    cue: str
    """The lexicon key: a lemma (``say``) or a multiword phrase (``according to``)."""
    pos: str
    """``verb``, ``noun`` or ``phrase``."""
    cls: str
    """Stance class, one of ``CLASSES``."""
    strength: float
    """How reliably the cue signals an attribution (0-1): ``say`` 1.0, ``see`` 0.3."""
    words: tuple[str, ...] = ()
    """The cue's words (``("according", "to")``); filled from ``cue`` when not given."""
    acts_on_object: bool = False
    """A plain noun object is a thing acted on, not a content ("wrote a letter")."""

    def __post_init__(self) -> None:
        if not self.words:
            object.__setattr__(self, "words", tuple(self.cue.split()))


@dataclass(frozen=True)
class Lexicon:
    entries: dict[tuple[str, str], CueEntry]
    """(cue, pos) -> entry."""
    forms: dict[str, str]
    """Inflected form -> lemma, for every verb and noun of the lexicon."""
    phrases: dict[str, tuple[CueEntry, ...]]
    """First word (a lemma) -> the multiword entries it starts, longest first."""


def _read_tsv(name: str) -> list[list[str]]:
    return datafiles.rows(name)[1:]  # header


def _verb_forms(lemma: str) -> set[str]:
    """Regular third-person, past and -ing forms (with and without a doubled consonant)."""
    forms = set()
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and lemma[-2:-1] not in VOWELS:
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):
        forms.add(lemma + "d")
        forms.add(lemma[:-1] + "ing" if not lemma.endswith("ee") else lemma + "ing")
    elif lemma.endswith("y") and lemma[-2:-1] not in VOWELS:
        forms.update((lemma[:-1] + "ied", lemma + "ing"))
    else:
        forms.update((lemma + "ed", lemma + "ing"))
        last = lemma[-1]
        if last not in VOWELS and last not in "wxy" and lemma[-2:-1] in VOWELS:
            forms.update((lemma + last + "ed", lemma + last + "ing"))  # admitted, referring
    return forms


def _noun_forms(lemma: str) -> set[str]:
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        return {lemma + "es"}
    if lemma.endswith("y") and lemma[-2:-1] not in VOWELS:
        return {lemma[:-1] + "ies"}
    return {lemma + "s"}


@lru_cache(maxsize=1)
def load_cues() -> Lexicon:
    """Read the lexicon and the irregular verb forms once."""
    entries: dict[tuple[str, str], CueEntry] = {}
    for cue, pos, cls, strength, *rest in _read_tsv("cues.tsv"):
        if cls not in CLASSES:
            raise ValueError(f"cues.tsv: unknown class {cls!r} for {cue!r}")
        entries.setdefault((cue, pos), CueEntry(cue, pos, cls, float(strength),
                                                acts_on_object=rest[:1] == ["act"]))
    irregular = {form: lemma for form, lemma in _read_tsv("verb_forms.tsv")}
    irregular_lemmas = set(irregular.values())
    forms: dict[str, str] = {}
    heads = {(e.words[0], e.pos) for e in entries.values()}
    for head, pos in heads:
        generated = _noun_forms(head) if pos == "noun" else _verb_forms(head)
        if head in irregular_lemmas:
            generated = {f for f in generated if not f.endswith("ed") and not f.endswith("d")}
        for form in generated:
            forms.setdefault(form, head)
    forms.update(irregular)
    for (cue, _), entry in entries.items():
        forms.pop(cue, None)  # a lemma is its own form (``release`` is not ``releas``+e)
    phrases: dict[str, list[CueEntry]] = {}
    for entry in entries.values():
        if len(entry.words) > 1:
            phrases.setdefault(entry.words[0], []).append(entry)
    return Lexicon(
        entries=entries,
        forms=forms,
        phrases={k: tuple(sorted(v, key=lambda e: -len(e.words))) for k, v in phrases.items()},
    )


def lemma(word: str) -> str:
    """The lexicon lemma of an inflected word (lower-cased); unknown words are suffix-stripped."""
    word = word.lower().replace("’", "'")
    lex = load_cues()
    if word in lex.forms:
        return lex.forms[word]
    if (word, "verb") in lex.entries or (word, "noun") in lex.entries:
        return word
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)]
    return word


def lookup(key: str, pos: str | None = None) -> CueEntry | None:
    """The entry for a lemma or phrase; a verb reading is preferred when ``pos`` is not given."""
    entries = load_cues().entries
    key = key.lower()
    if pos is not None:
        return entries.get((key, pos))
    return entries.get((key, "verb")) or entries.get((key, "phrase")) or entries.get((key, "noun"))


def lookup_word(word: str, pos: str | None = None) -> CueEntry | None:
    """``lookup(lemma(word))``: the entry an inflected word belongs to, if any."""
    return lookup(lemma(word), pos)


def match_phrase(words: list[str], i: int) -> CueEntry | None:
    """The longest multiword entry starting at ``words[i]`` (lower-cased words; the first
    may be inflected: ``walked back``); ``None`` when none matches."""
    lex = load_cues()
    head = words[i]
    candidates = lex.phrases.get(head) or lex.phrases.get(lex.forms.get(head, ""))
    if not candidates:
        return None
    for entry in candidates:
        n = len(entry.words)
        if tuple(words[i + 1:i + n]) == entry.words[1:]:
            return entry
    return None


@lru_cache(maxsize=65536)
def readings(word: str) -> tuple[CueEntry | None, CueEntry | None]:
    """(verb entry, noun entry) an inflected word may belong to; cached per word form."""
    lem = lemma(word)
    entries = load_cues().entries
    return entries.get((lem, "verb")), entries.get((lem, "noun"))
