"""TF-IDF cosine similarity of texts to one target text, as scikit-learn's TfidfVectorizer computes it.

Scoring needs one similarity per distinct title; importing scikit-learn for it costs a command-line run more
(about 2 s, through SciPy's statistics) than the arithmetic itself. This module repeats TfidfVectorizer's steps
(`sublinear_tf=True, strip_accents="unicode"`, smoothed idf, l2 norm) with numpy alone, summing in the same
order so the figures are the same to the last bit; tests/engine/test_textsim.py holds it to scikit-learn.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # TfidfVectorizer's default token_pattern
_WHITE_SPACES = re.compile(r"\s\s+")


def _preprocess(text: str) -> str:
    """Lower-case, then accents stripped as strip_accents="unicode" does."""
    text = text.lower()
    if text.isascii():
        return text
    return "".join([c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)])


def word_ngrams(text: str) -> list[str]:
    """Word 1- and 2-grams (analyzer="word", ngram_range=(1, 2))."""
    tokens = _TOKEN.findall(_preprocess(text))
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def char_wb_ngrams(text: str) -> list[str]:
    """Character 3- to 5-grams inside words padded with a space (analyzer="char_wb", ngram_range=(3, 5))."""
    grams: list[str] = []
    for word in _WHITE_SPACES.sub(" ", _preprocess(text)).split():
        w = f" {word} "
        size = len(w)
        for n in range(3, 6):
            if size <= n:  # a short word counts once, as a whole
                grams.append(w)
                break
            grams.extend(w[i : i + n] for i in range(size - n + 1))
    return grams


def _cosines(texts: Sequence[str], target: str, analyze: Callable[[str], list[str]]) -> np.ndarray:
    """Cosine of each text's TF-IDF vector with the target's, the vocabulary and idf fitted on texts + target."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    features: list[int] = []
    counts: list[int] = []
    for row, text in enumerate([*texts, target]):
        grams = Counter(analyze(text))
        ids = [vocabulary.setdefault(g, len(vocabulary)) for g in grams]
        rows.extend([row] * len(ids))
        features.extend(ids)
        counts.extend(grams.values())
    n_docs = len(texts) + 1
    if not vocabulary:
        return np.zeros(len(texts))
    row = np.asarray(rows, dtype=np.int64)
    feature = np.asarray(features, dtype=np.int64)
    # scikit-learn keeps each row's entries in the order terms first appeared in the corpus: sum in that order
    order = np.lexsort((feature, row))
    row, feature = row[order], feature[order]
    tf = np.asarray(counts, dtype=np.float64)[order]
    df = np.bincount(feature, minlength=len(vocabulary)).astype(np.float64) + 1.0
    idf = np.full_like(df, n_docs + 1)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    np.log(tf, out=tf)
    tf += 1.0
    value = tf * idf[feature]
    norm = np.sqrt(np.bincount(row, weights=value * value, minlength=n_docs))  # bincount adds in array order
    value /= np.where(norm == 0, 1.0, norm)[row]
    last = row == n_docs - 1
    weight = np.zeros(len(vocabulary))
    weight[feature[last]] = value[last]
    shared = ~last & (weight[feature] != 0)
    return np.bincount(row[shared], weights=value[shared] * weight[feature[shared]], minlength=n_docs)[:-1]


def tfidf_similarity(texts: Sequence[str], target: str) -> np.ndarray:
    """Each text's similarity to the target, 0..1: the mean of word (1-2 gram) and character (3-5 gram) cosines.

    >>> tfidf_similarity(["data scientist", "nurse"], "data scientist").round(2).tolist()
    [1.0, 0.0]
    """
    sims = np.zeros(len(texts))
    sims += _cosines(texts, target, word_ngrams) / 2
    sims += _cosines(texts, target, char_wb_ngrams) / 2
    return sims
