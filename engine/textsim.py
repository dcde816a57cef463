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
from collections.abc import Callable, Sequence

import numpy as np

from engine.text import numbered

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
    numbered in order of first appearance over the docs, as _entries numbers them, sorted by row then feature.

    Each distinct word is looked up once (its grams cached for the process); the rest is numpy. Words are numbered
    in order of first appearance, so a gram first appears in the first appearance of the first word holding it:
    numbering the grams over the distinct words in that order numbers them as over the whole stream."""
    if len(_WORD_GRAMS) > _CACHE_LIMIT or len(_GRAM_IDS) > 4 * _CACHE_LIMIT:  # never mid-call: numbers must agree
        _WORD_GRAMS.clear()
        _GRAM_IDS.clear()
    split = [_preprocess(text).split() for text in docs]  # split() on whitespace runs, as the n-grams are made
    words_per_doc = np.fromiter(map(len, split), dtype=np.int64, count=len(split))
    index, codes = numbered([w for words in split for w in words])
    if not index:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, 0
    per_word = [_word_gram_ids(w) for w in index]
    word_len = np.fromiter(map(len, per_word), dtype=np.int64, count=len(per_word))
    word_start = np.cumsum(word_len) - word_len
    grams = np.concatenate(per_word)
    first = np.full(len(_GRAM_IDS), len(grams), dtype=np.int64)
    np.minimum.at(first, grams, np.arange(len(grams), dtype=np.int64))
    present = np.flatnonzero(first < len(grams))
    size = len(present)
    rank = np.zeros(len(_GRAM_IDS), dtype=np.int64)
    rank[present[np.argsort(first[present], kind="stable")]] = np.arange(size)
    lens = word_len[codes]
    total = int(lens.sum())
    dtype = np.int32 if max(total, len(docs) * size) < 2**31 else np.int64  # 32-bit keys sort several times quicker
    # every gram of every word occurrence: its word's start in `grams` plus its place in the word
    offsets = np.repeat((word_start[codes] - (np.cumsum(lens) - lens)).astype(dtype), lens)
    offsets += np.arange(total, dtype=dtype)
    lengths = np.bincount(np.repeat(np.arange(len(docs)), words_per_doc), weights=lens, minlength=len(docs))
    keys = np.repeat((np.arange(len(docs), dtype=np.int64) * size).astype(dtype), lengths.astype(np.int64))
    keys += rank[grams].astype(dtype)[offsets]
    return _counted(keys, size)


def _counted(keys: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(row, feature, count) of each distinct key row * size + feature, sorted by row then feature, and `size`; row
    and feature as wide as the keys (32 bits mostly): a first scoring of 30,000 never-seen titles counts millions of
    entries, and on a busy machine every large array allocated costs more than the arithmetic on it."""
    keys.sort()
    new = np.empty(len(keys) + 1, dtype=bool)  # where each distinct key starts, and the end
    new[:1] = new[-1:] = True
    np.not_equal(keys[1:], keys[:-1], out=new[1:-1])
    starts = np.flatnonzero(new)
    row, feature = np.divmod(keys[starts[:-1]], keys.dtype.type(size))
    return row, feature, np.diff(starts), size


def _word_entries(docs: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """What _entries(docs, word_ngrams) gives, with each token looked up once and its 2-grams made in numpy: a doc's
    grams are its tokens then its pairs of neighbouring tokens ("a b" is the pair of a and b, tokens hold no space),
    numbered by first appearance over the docs."""
    tokens = [_TOKEN.findall(_preprocess(text)) for text in docs]
    n_tok = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    index, ids = numbered([t for doc in tokens for t in doc])
    if not len(ids):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, 0
    n_docs, n_ids = len(docs), len(index)
    doc_of_tok = np.repeat(np.arange(n_docs, dtype=np.int64), n_tok)
    inside = doc_of_tok[1:] == doc_of_tok[:-1]  # neighbours within one doc
    pairs = n_ids + ids[:-1][inside] * n_ids + ids[1:][inside]
    doc_of_pair = doc_of_tok[:-1][inside]
    n_pair = np.maximum(n_tok - 1, 0)
    doc_len = n_tok + n_pair
    doc_start = np.cumsum(doc_len) - doc_len
    stream = np.empty(int(doc_len.sum()), dtype=np.int64)
    stream[doc_start[doc_of_tok] + np.arange(len(ids)) - (np.cumsum(n_tok) - n_tok)[doc_of_tok]] = ids
    stream[doc_start[doc_of_pair] + n_tok[doc_of_pair] + np.arange(len(pairs))
           - (np.cumsum(n_pair) - n_pair)[doc_of_pair]] = pairs
    _, first, inverse = np.unique(stream, return_index=True, return_inverse=True)
    size = len(first)
    rank = np.empty(size, dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(size)
    dtype = np.int32 if n_docs * size < 2**31 else np.int64
    keys = np.repeat((np.arange(n_docs, dtype=np.int64) * size).astype(dtype), doc_len)
    keys += rank[inverse].astype(dtype)
    return _counted(keys, size)


def _entries(docs: list[str], analyze: Callable[[str], list[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(row, feature, count) of every distinct n-gram of each doc, features numbered by first appearance, sorted
    by row then feature."""
    vocabulary: dict[str, int] = {}
    grams = [analyze(text) for text in docs]
    lengths = np.fromiter(map(len, grams), dtype=np.int64, count=len(grams))
    features = np.fromiter((vocabulary.setdefault(g, len(vocabulary)) for doc in grams for g in doc),
                           dtype=np.int64, count=int(lengths.sum()))
    if not len(features):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, 0
    size = len(vocabulary)
    dtype = np.int32 if len(docs) * size < 2**31 else np.int64
    keys = np.repeat((np.arange(len(docs), dtype=np.int64) * size).astype(dtype), lengths)
    keys += features.astype(dtype)
    return _counted(keys, size)


def _cosines(texts: Sequence[str], target: str, analyze: Callable[[str], list[str]]) -> np.ndarray:
    """Cosine of each text's TF-IDF vector with the target's, the vocabulary and idf fitted on texts + target."""
    docs = [*texts, target]
    # scikit-learn keeps each row's entries in the order terms first appeared in the corpus: both give them so
    if analyze is char_wb_ngrams:
        row, feature, count, size = _char_entries(docs)
    elif analyze is word_ngrams:
        row, feature, count, size = _word_entries(docs)
    else:
        row, feature, count, size = _entries(docs, analyze)
    n_docs = len(texts) + 1
    if not size:
        return np.zeros(len(texts))
    df = np.bincount(feature, minlength=size).astype(np.float64) + 1.0
    idf = np.full_like(df, n_docs + 1)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    # sublinear tf is log(count) + 1: exactly 1 for the n-grams a doc holds once (most), so tf * idf is idf there
    value = idf[feature]
    if (multi := np.flatnonzero(count > 1)).size:
        tf = np.log(count[multi].astype(np.float64))
        tf += 1.0
        value[multi] = tf * value[multi]
    norm = np.sqrt(np.bincount(row, weights=value * value, minlength=n_docs))  # bincount adds in array order
    norm[norm == 0] = 1.0
    # only the n-grams a text shares with the target (the last row) add to its cosine: those alone are normalised
    own = np.searchsorted(row, n_docs - 1)
    weight = np.zeros(size)
    weight[feature[own:]] = value[own:] / norm[n_docs - 1]
    in_target = np.zeros(size, dtype=bool)
    in_target[feature[own:]] = True
    shared = np.flatnonzero(in_target[feature[:own]])
    rows = row[shared]
    products = value[shared] / norm[rows]
    products *= weight[feature[shared]]
    return np.bincount(rows, weights=products, minlength=n_docs)[:-1]


def tfidf_similarity(texts: Sequence[str], target: str) -> np.ndarray:
    """Each text's similarity to the target, 0..1: the mean of word (1-2 gram) and character (3-5 gram) cosines.

    >>> tfidf_similarity(["data scientist", "nurse"], "data scientist").round(2).tolist()
    [1.0, 0.0]
    """
    sims = np.zeros(len(texts))
    sims += _cosines(texts, target, word_ngrams) / 2
    sims += _cosines(texts, target, char_wb_ngrams) / 2
    return sims
