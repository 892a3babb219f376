"""Part-of-speech tagging (Penn Treebank tags) with a greedy averaged perceptron.

The model is NLTK's averaged perceptron (Honnibal's "A good POS tagger in about 200 lines",
``nltk.tag.perceptron``) with richer features, trained by ``scripts/train_tagger.py`` on UD
English EWT (CC BY-SA 4.0) and shipped in ``resources/tagger/`` (``encode_model``).

Why not ``nltk.tag.PerceptronTagger`` itself: it builds a dict of feature strings per token
and sums dict-of-dict weights, about 40,000 tokens/s. Here every feature is split into

* features of one word type (the word itself, its suffixes, shape; and the same word seen as
  the previous/next neighbour): their summed scores are cached per word type, so a sentence's
  context scores are a few numpy row sums (the shape features, which thousands of types share,
  are summed once per shape; the weights stay integers, so no sum depends on its order);
* features of the previous tags (``t-1``, ``t-2``, both, ``t-1`` with the word's shape class):
  one precomputed table ``D[t-1, t-2, shape class]``, and ``t-1`` with the word, kept sparse;
* word bigrams, if the model has them (``train_tagger.py --bigrams``), kept sparse: one dict
  look-up per adjacent pair;
* a tag dictionary for frequent unambiguous words, which skips scoring altogether.

The decoder is still greedy left to right, exactly as in training, so the scores are the same
as the perceptron's. What it cannot do: it knows EWT's web text, not news; headlines in title
case come out mostly NNP, and rare words are tagged from their suffix and shape only.
"""

from __future__ import annotations

import gzip
import json
import string
from bisect import bisect_left
from importlib import resources
from itertools import groupby, repeat

import numpy as np

MODEL = "ewt_penn"

START, START2, END, END2 = "-START-", "-START2-", "-END-", "-END2-"
_PADS = (START2, START, END, END2)
ROLES = 5
"""Feature roles of a word type: itself, as word i-1, i-2, i+1, i+2."""
MAX_TYPES = 50_000
"""Word types cached before the cache starts afresh (each costs 5 x classes floats)."""

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"',
                         "„": '"', "‟": '"', "«": '"', "»": '"', "‐": "-", "‑": "-"})
_FIXED_QUOTES = {"“": "``", "‘": "``", "«": "``", "„": "``", "``": "``",
                 "”": "''", "»": "''", "''": "''"}
"""Quote marks whose direction the character itself gives (Penn ``\u0060\u0060`` / ``''``)."""


def normalize(word: str) -> str:
    """The form the word features see: straight quotes, lower case, digits collapsed."""
    word = word.translate(_QUOTES)
    return _normal(word, word.lower())


def _normal(straight: str, low: str) -> str:
    """``normalize`` of a word whose quotes are straightened already, given its lower case."""
    if straight[:1].isdigit():
        return "!YEAR" if len(straight) == 4 and straight.isdigit() else "!DIGITS"
    return low


def shape(word: str) -> str:
    """Character classes with runs collapsed: ``Kirby`` -> ``Xx``, ``U.S.`` -> ``X.X.``.
    Tokens hold no line breaks, so this equals the ``(.)\1+`` collapse the weights were trained
    with (which left runs of line breaks alone)."""
    word = word[:12]
    if word.isascii():
        classes = word.translate(_SHAPE)
    else:
        classes = "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
                          for c in word)
    return "".join([c for c, _ in groupby(classes)])  # a third of the time of a regex sub


_SHAPE = str.maketrans({**{c: "X" for c in string.ascii_uppercase},
                        **{c: "x" for c in string.ascii_lowercase},
                        **{c: "d" for c in string.digits}})


def shape_class(word: str) -> int:
    """Coarse class for the tag-history feature: 0 lower, 1 Title, 2 CAPS, 3 digit, 4 other."""
    first = word[:1]
    if first.islower():
        return 0
    if first.isupper():
        return 2 if len(word) > 1 and word.isupper() else 1
    if first.isdigit():
        return 3
    return 4


SHAPE_CLASSES = 5


def type_features(word: str) -> tuple[list[str], ...]:
    """The features one word type contributes, per role (self, i-1, i-2, i+1, i+2)."""
    if word in _PADS:
        return ([], ["-1:w=" + word], ["-2:w=" + word], ["+1:w=" + word], ["+2:w=" + word])
    w = word.translate(_QUOTES)
    return tuple(a + b for a, b in zip(lexical_features(w), shape_features(shape(w))))


def lexical_features(w: str) -> tuple[list[str], ...]:
    """The features of a (quote-straightened) word's own letters, per role."""
    low = w.lower()
    n = _normal(w, low)
    own = ["w=" + n, "s1=" + low[-1:], "s2=" + low[-2:], "s3=" + low[-3:], "s4=" + low[-4:],
           "s5=" + low[-5:], "p1=" + w[:1], "p2=" + low[:2], "p3=" + low[:3]]
    if w != low:
        own.append("W=" + w)
    if "-" in w[1:]:
        own.append("hy=" + low.rsplit("-", 1)[1])
    return (own, ["-1:w=" + n, "-1:s3=" + low[-3:]], ["-2:w=" + n],
            ["+1:w=" + n, "+1:s3=" + low[-3:]], ["+2:w=" + n])


def shape_features(sh: str) -> tuple[list[str], ...]:
    """The features of a word's shape, per role, with the bias every word has. Thousands of
    word types share a shape (``Xx``, ``x``), so the tagger sums these once per shape."""
    return (["bias", "sh=" + sh], ["-1:sh=" + sh], ["-2:sh=" + sh], ["+1:sh=" + sh],
            ["+2:sh=" + sh])


def history_features(prev: str, prev2: str, word: str) -> list[str]:
    """Features of the previous two tags (the only part that depends on decoding)."""
    return ["t-1=" + prev, "t-2=" + prev2, "t12=" + prev + " " + prev2,
            "t-1,sc=" + prev + " " + str(shape_class(word)),
            "t-1,w=" + prev + " " + normalize(word)]


def sentence_features(words: list[str], bigrams: bool = False) -> list[list[str]]:
    """Static features of each word of a sentence (used by training; tagging sums the same).

    ``bigrams`` adds word bigrams (i-1 with i, i with i+1); measured on EWT dev they gained
    under 0.1 point once pruned to ~1 MB and cost ~40% more tagging time, so they are off.
    """
    feats = [type_features(w) for w in (START2, START, *words, END, END2)]
    out = [feats[i][0] + feats[i - 1][1] + feats[i - 2][2] + feats[i + 1][3] + feats[i + 2][4]
           for i in range(2, len(words) + 2)]
    if bigrams:
        norm = [START] + [normalize(w) for w in words] + [END]
        for i, f in enumerate(out):
            f.append("b-=" + norm[i] + " " + norm[i + 1])
            f.append("b+=" + norm[i + 1] + " " + norm[i + 2])
    return out


def fixed_form(word: str) -> str:
    """The key of the tag dictionary (curly quotes straightened, like EWT's forms)."""
    return word.translate(_QUOTES)


class Tagger:
    """Greedy averaged-perceptron decoding over shipped weights; see the module docstring."""

    def __init__(self, model: dict):
        self.classes: list[str] = model["classes"]
        k = self.k = len(self.classes)
        history = self.classes + [START, START2]
        self.hindex = {t: i for i, t in enumerate(history)}
        self.tagdict = {w: self.classes.index(t) for w, t in model["tagdict"].items()}
        features: list[str] = model["features"]
        lengths = np.asarray(model["lengths"], dtype=np.int64)
        self.indptr = np.concatenate(([0], np.cumsum(lengths)))
        self.cls = np.asarray(model["classes_idx"], dtype=np.int64)
        self.vals = np.asarray(model["weights"], dtype=np.float64)
        """The weights as stored, integers (x ``model["scale"]``): sums of them are exact, so
        the scores do not depend on the order they are added in (the scale changes no argmax;
        dividing by it made rounding break 2 exact ties in 808,000 PolNeAR tokens)."""
        self.row = dict(zip(features, range(len(features))))
        # the tag-history table D[t-1, t-2, shape class]; the (t-1, word) features stay sparse,
        # looked up by name while decoding (``prev_word``)
        h = len(history)
        d = np.zeros((h, h, SHAPE_CLASSES, k))
        self.prev_word = ["t-1,w=" + t + " " for t in history]
        """Name prefix of the (t-1, word) feature for each previous tag."""
        self.pairs: dict[tuple[str, str], list[int]] = {}
        """Word bigrams (normalised i-1 and i) -> [row of ``b-`` for i, row of ``b+`` for i-1]."""
        for r in (*_prefixed(features, "b+="), *_prefixed(features, "b-=")):
            f = features[r]
            a, b = f[3:].split(" ", 1)
            self.pairs.setdefault((a, b), [-1, -1])[f[1] == "+"] = r
        for name in ("t-1", "t-2", "t12", "t-1,sc"):
            for r in _prefixed(features, name + "="):
                value = features[r][len(name) + 1:]
                if name == "t-1":
                    d[self.hindex[value]] += self._dense(r)
                elif name == "t-2":
                    d[:, self.hindex[value]] += self._dense(r)
                elif name == "t12":
                    a, b = value.split(" ")
                    d[self.hindex[a], self.hindex[b]] += self._dense(r)
                else:
                    a, b = value.split(" ")
                    d[self.hindex[a], :, int(b)] += self._dense(r)
        self.history = d
        self._pw_cache: dict[int, np.ndarray] = {}
        self._reset()

    def _reset(self) -> None:
        """Empty the per-word-type cache: ids, role scores, fixed tag, shape class, form."""
        self.ids: dict[str, int] = {}
        self.scores = np.zeros((1024, ROLES * self.k))
        self.fixed: list[int] = []
        self.sclass: list[int] = []
        self.norm: list[str] = []
        self.shapes: dict[str, int] = {}
        """Shape -> row of ``shape_scores``, the summed ``shape_features`` (row 0: the pads')."""
        self.shape_scores = np.zeros((1, ROLES * self.k))
        self._add_types(list(_PADS))

    def _dense(self, r: int) -> np.ndarray:
        vec = np.zeros(self.k)
        a, b = self.indptr[r], self.indptr[r + 1]
        vec[self.cls[a:b]] = self.vals[a:b]
        return vec

    def _row(self, r: int) -> np.ndarray:
        vec = self._pw_cache.get(r)
        if vec is None:
            vec = self._pw_cache[r] = self._dense(r)
        return vec

    def _add_bigrams(self, seq: list[int], static: np.ndarray) -> None:
        """Add the scores of word-bigram features (``static`` row q-2 is sequence position q)."""
        pairs, norm, last = self.pairs, self.norm, len(static) + 2
        forms = [norm[x] for x in seq]
        for q, key in enumerate(zip(forms, forms[1:]), 1):
            hit = pairs.get(key)
            if hit is not None:
                minus, plus = hit
                if minus >= 0 and 2 <= q < last:
                    static[q - 2] += self._row(minus)
                if plus >= 0 and 3 <= q <= last:
                    static[q - 3] += self._row(plus)

    def _add_types(self, words: list[str]) -> None:
        """Give new word types ids and compute their role scores: the sum of their lexical
        features' rows plus their shape's (``shape_features``), in a few numpy passes.
        The weights are integers (``vals``), so the sums are exact in any order."""
        base = len(self.fixed)
        ids, fixed, tagdict, classes = self.ids, self.fixed, self.tagdict, self.classes
        shapes = self.shapes
        lexical: list[tuple[list[str], ...]] = []
        shape_rows: list[int] = []
        new_shapes: list[str] = []
        for t, word in enumerate(words, base):
            ids[word] = t
            quote = _FIXED_QUOTES.get(word)
            tag = tagdict.get(fixed_form(word)) if quote is None else classes.index(quote)
            fixed.append(-1 if tag is None else tag)
            if word in _PADS:
                lexical.append(type_features(word))
                shape_rows.append(0)
                continue
            w = word.translate(_QUOTES)
            lexical.append(lexical_features(w))
            sh = shape(w)
            row = shapes.get(sh)
            if row is None:
                row = shapes[sh] = len(shapes) + 1
                new_shapes.append(sh)
            shape_rows.append(row)
        self.sclass += map(shape_class, words)
        self.norm += [w if w in _PADS else normalize(w) for w in words]
        if new_shapes:
            self.shape_scores = np.concatenate(
                (self.shape_scores, self._role_scores(list(map(shape_features, new_shapes)))))
        need = base + len(words)
        if need > len(self.scores):
            grown = np.zeros((max(need, 2 * len(self.scores)), ROLES * self.k))
            grown[:base] = self.scores[:base]
            self.scores = grown
        self.scores[base:need] = self._role_scores(lexical) + self.shape_scores[shape_rows]

    def _role_scores(self, items: list[tuple[list[str], ...]]) -> np.ndarray:
        """For each item's features per role, the summed weight rows: (items, ROLES * k)."""
        k = self.k
        feats: list[str] = []
        counts: list[int] = []  # number of features per (item, role)
        for roles in items:
            for fl in roles:
                feats += fl
                counts.append(len(fl))
        rows_a = np.fromiter(map(self.row.get, feats, repeat(-1)), dtype=np.int64, count=len(feats))
        slots = np.repeat(np.arange(len(counts)), counts)[rows_a >= 0]
        rows_a = rows_a[rows_a >= 0]
        if not len(rows_a):
            return np.zeros((len(items), ROLES * k))
        starts = self.indptr[rows_a]
        lens = self.indptr[rows_a + 1] - starts
        ends = np.cumsum(lens)
        pos = np.repeat(starts - (ends - lens), lens) + np.arange(ends[-1])
        flat = np.repeat(slots, lens) * k + self.cls[pos]
        block = np.bincount(flat, weights=self.vals[pos], minlength=len(items) * ROLES * k)
        return block.reshape(len(items), ROLES * k)

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """Penn tags for the words of each sentence (sentences are tagged independently)."""
        seq = self._sequence(sentences)
        if -1 in seq:  # word types not seen yet in this process
            ids = self.ids
            new = {w for sent in sentences for w in sent if w not in ids}
            if len(ids) + len(new) > MAX_TYPES:  # a long-running process: start afresh
                self._reset()
                new = {w for sent in sentences for w in sent if w not in self.ids}
            self._add_types(sorted(new))
            seq = self._sequence(sentences)
        if not seq:
            return [[] for _ in sentences]
        k = self.k
        seq_a = np.asarray(seq, dtype=np.int64)
        sc = self.scores
        static = sc[seq_a[2:-2], :k].copy()  # row q-2 scores sequence position q
        static += sc[seq_a[1:-3], k:2 * k]
        static += sc[seq_a[:-4], 2 * k:3 * k]
        static += sc[seq_a[3:-1], 3 * k:4 * k]
        static += sc[seq_a[4:], 4 * k:]
        if self.pairs:
            self._add_bigrams(seq, static)
        fixed, sclass, norm = self.fixed, self.sclass, self.norm
        hist, pw, row, classes = self.history, self.prev_word, self.row, self.classes
        start, start2 = self.hindex[START], self.hindex[START2]
        out: list[list[str]] = []
        q = 2
        for sent in sentences:
            p, p2 = start, start2
            tags = []
            for q in range(q, q + len(sent)):
                wid = seq[q]
                t = fixed[wid]
                if t < 0:
                    v = static[q - 2] + hist[p, p2, sclass[wid]]
                    r = row.get(pw[p] + norm[wid])
                    if r is not None:
                        v += self._row(r)
                    t = int(v.argmax())
                tags.append(t)
                p2, p = p, t
            q = q + 5 if sent else q + 4
            out.append([classes[t] for t in tags])
        return out

    def _sequence(self, sentences: list[list[str]]) -> list[int]:
        """Word-type ids of all sentences, each padded with START2 START ... END END2."""
        get = self.ids.get
        s2, s1, e1, e2 = range(4)  # the pads are the first four types
        seq: list[int] = []
        for sent in sentences:
            seq += (s2, s1)
            seq += [get(w, -1) for w in sent]
            seq += (e1, e2)
        return seq


def _prefixed(features: list[str], prefix: str) -> range:
    """Rows of the features that start with ``prefix``: the model lists its features sorted
    (``train_tagger.export``), so they are one run, found without a pass over all 85,000."""
    end = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return range(bisect_left(features, prefix), bisect_left(features, end))


_COLUMNS = {"lengths": "<u2", "classes_idx": "u1", "weights": "<i4"}
"""The numeric columns and their stored little-endian types."""
MODEL_FILES = (".json", ".features.gz", ".weights")
"""A stored model is three files: metadata and licence as JSON; the features, one per line,
gzipped; the numeric columns end to end as raw little-endian arrays (their counts in the
JSON). Raw arrays load in a millisecond, where JSON lists of 300,000 numbers, or base64 in
gzipped JSON, took most of the tagger's start-up."""


def encode_model(model: dict) -> tuple[bytes, bytes, bytes]:
    """The model as the bytes of its three files (see ``MODEL_FILES``); deterministic."""
    meta = {k: v for k, v in model.items() if k != "features" and k not in _COLUMNS}
    columns = []
    for key, dtype in _COLUMNS.items():
        array = np.asarray(model[key], dtype=np.int64)
        info = np.iinfo(dtype)
        if len(array) and (array.min() < info.min or array.max() > info.max):
            raise ValueError(f"{key} does not fit {dtype}")
        columns.append(array.astype(dtype).tobytes())
        meta.setdefault("columns", {})[key] = [dtype, len(array)]
    features = gzip.compress("\n".join(model["features"]).encode("utf-8"), 9, mtime=0)
    meta_bytes = json.dumps(meta, ensure_ascii=False, indent=0).encode("utf-8")
    return meta_bytes, features, b"".join(columns)


def decode_model(meta: bytes, features: bytes, weights: bytes) -> dict:
    """The stored model as plain data: a feature list and (read-only) numpy columns."""
    model = json.loads(meta)
    text = gzip.decompress(features).decode("utf-8")
    model["features"] = text.split("\n") if text else []
    offset = 0
    for key, (dtype, count) in model.pop("columns").items():
        model[key] = np.frombuffer(weights, dtype=dtype, count=count, offset=offset)
        offset += np.dtype(dtype).itemsize * count
    if offset != len(weights):
        raise ValueError("the weights file does not match its columns")
    return model


def load_model(name: str = MODEL) -> dict:
    """The shipped weights as plain data (``resources/tagger/NAME.*``, see ``MODEL_FILES``)."""
    folder = resources.files("analysis").joinpath("resources", "tagger")
    return decode_model(*(folder.joinpath(name + suffix).read_bytes() for suffix in MODEL_FILES))


_TAGGER: Tagger | None = None


def get_tagger() -> Tagger:
    """The shipped tagger, loaded once per process on first use."""
    global _TAGGER
    if _TAGGER is None:
        _TAGGER = Tagger(load_model())
    return _TAGGER


def tag_words(sentences: list[list[str]]) -> list[list[str]]:
    """Penn tags for already tokenised sentences."""
    return get_tagger().tag(sentences)
