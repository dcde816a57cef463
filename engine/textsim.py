"""TF-IDF cosine similarity of texts to one target text, as scikit-learn's TfidfVectorizer computes it.

Scoring needs one similarity per distinct title; importing scikit-learn for it costs a command-line run more
(about 2 s, through SciPy's statistics) than the arithmetic itself. This module repeats TfidfVectorizer's steps
(`sublinear_tf=True, strip_accents="unicode"`, smoothed idf, l2 norm) with numpy alone, summing in the same
order so the figures are the same to the last bit; tests/engine/test_textsim.py holds it to scikit-learn.
Character n-grams, the bulk of the work, are made once per distinct word for the life of the process and counted
with numpy: networks repeat words far more than titles, so a first scoring of many never-seen titles stays quick.
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


_GRAM_IDS: dict[str, int] = {}  # every character n-gram met so far, numbered once for the life of the process
_WORD_GRAMS: dict[str, np.ndarray] = {}  # a word's char_wb n-grams as those numbers, in scikit-learn's order
_CACHE_LIMIT = 500_000


def _word_gram_ids(word: str) -> np.ndarray:
    """char_wb_ngrams of one (preprocessed) word as process-wide gram numbers; cached per word."""
    ids = _WORD_GRAMS.get(word)
    if ids is None:
        if len(_WORD_GRAMS) > _CACHE_LIMIT or len(_GRAM_IDS) > 4 * _CACHE_LIMIT:
            _WORD_GRAMS.clear()
            _GRAM_IDS.clear()
        w = f" {word} "
        size = len(w)
        grams: list[str] = []
        for n in range(3, 6):
            if size <= n:
                grams.append(w)
                break
            grams.extend(w[i : i + n] for i in range(size - n + 1))
        ids = _WORD_GRAMS[word] = np.fromiter((_GRAM_IDS.setdefault(g, len(_GRAM_IDS)) for g in grams),
                                              dtype=np.int64, count=len(grams))
    return ids


def _char_entries(docs: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(row, feature, count) of every distinct char_wb n-gram of each doc and the vocabulary size, with features
    numbered in order of first appearance over the docs, as _entries numbers them; built from per-word caches."""
    pieces: list[np.ndarray] = []
    lengths = np.zeros(len(docs), dtype=np.int64)
    for row, text in enumerate(docs):
        for word in _WHITE_SPACES.sub(" ", _preprocess(text)).split():
            ids = _word_gram_ids(word)
            pieces.append(ids)
            lengths[row] += len(ids)
    if not pieces:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, 0
    stream = np.concatenate(pieces)
    rows = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
    # number grams by their first appearance in the stream (texts in order, grams in order within a text)
    uniq, first, inverse = np.unique(stream, return_index=True, return_inverse=True)
    rank = np.empty(len(uniq), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(uniq))
    local = rank[inverse]
    keys, counts = np.unique(rows * len(uniq) + local, return_counts=True)
    return keys // len(uniq), keys % len(uniq), counts, len(uniq)


def _entries(docs: list[str], analyze: Callable[[str], list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(row, feature, count) of every distinct n-gram of each doc, features numbered by first appearance."""
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    features: list[int] = []
    counts: list[int] = []
    for row, text in enumerate(docs):
        grams = Counter(analyze(text))
        ids = [vocabulary.setdefault(g, len(vocabulary)) for g in grams]
        rows.extend([row] * len(ids))
        features.extend(ids)
        counts.extend(grams.values())
    return (np.asarray(rows, dtype=np.int64), np.asarray(features, dtype=np.int64),
            np.asarray(counts, dtype=np.int64), len(vocabulary))


def _cosines(texts: Sequence[str], target: str, analyze: Callable[[str], list[str]]) -> np.ndarray:
    """Cosine of each text's TF-IDF vector with the target's, the vocabulary and idf fitted on texts + target."""
    docs = [*texts, target]
    fast = analyze is char_wb_ngrams
    row, feature, count, size = _char_entries(docs) if fast else _entries(docs, analyze)
    n_docs = len(texts) + 1
    if not size:
        return np.zeros(len(texts))
    # scikit-learn keeps each row's entries in the order terms first appeared in the corpus: sum in that order
    # (_char_entries gives them in that order already)
    if not fast:
        order = np.lexsort((feature, row))
        row, feature, count = row[order], feature[order], count[order]
    tf = count.astype(np.float64)
    df = np.bincount(feature, minlength=size).astype(np.float64) + 1.0
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
    weight = np.zeros(size)
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
