"""TF-IDF cosine similarity of texts to one target text, as scikit-learn's TfidfVectorizer computes it.

Scoring needs one similarity per distinct title; importing scikit-learn for it costs a command-line run more
(about 2 s, through SciPy's statistics) than the arithmetic itself. This module repeats TfidfVectorizer's steps
(`sublinear_tf=True, strip_accents="unicode"`, smoothed idf, l2 norm) with numpy alone, summing in the same
order so the figures are the same to the last bit; tests/engine/test_textsim.py holds it to scikit-learn.
Character n-grams, the bulk of the work, are made once per distinct word for the life of the process and counted
with numpy: networks repeat words far more than titles, so a first scoring of many never-seen titles stays quick.

Scoring compares the same titles with each target title and adjacent role, and again each followed by one of a few
bags of its family's words: the titles' own n-grams are counted once and kept (_fitted), each call adds only its
target's and suffixes' n-grams, and a suffixed doc's figures are found from its text's n-grams and its suffix's
(once per distinct suffix) without making the joined docs (_cosines says how; equal to rounding, not to the bit).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

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


@dataclass(frozen=True)
class _Fit:
    """One analyzer's entries of the texts alone (row, feature, count; features 0..size-1 numbered by first
    appearance, sorted by row then feature) and what numbers more docs' n-grams in the same features: for character
    n-grams `rank` (a process-wide gram number's feature, -1 where the texts lack it); for words `index` (token:
    number), `stream` (the sorted token numbers and pair codes n + a * n + b of the texts), `rank` (the feature of
    each) and `last` (the number of each text's last token, -1 where it has none)."""
    row: np.ndarray
    feature: np.ndarray
    count: np.ndarray
    size: int
    rank: np.ndarray
    index: dict[str, int] = field(default_factory=dict)
    stream: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    last: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


# One call at a time numbers n-grams and reads kept fits (the app scores in several threads): a call emptying the
# process-wide numbering when it grows too large must not renumber grams under another call still using a fit.
_NUMBERING = threading.Lock()
_FITTED: list[tuple[list[str], _Fit, _Fit]] = []  # the last distinct texts seen, newest first, with their fits
_FITS_KEPT = 2


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


def _char_fit(docs: list[str]) -> _Fit:
    """The docs' char_wb n-gram entries (row, feature, count; features numbered by first appearance over the docs,
    as scikit-learn numbers them, sorted by row then feature) with each process-wide gram number's feature.

    Each distinct word is looked up once (its grams cached for the process); the rest is numpy. Words are numbered
    in order of first appearance, so a gram first appears in the first appearance of the first word holding it:
    numbering the grams over the distinct words in that order numbers them as over the whole stream."""
    if len(_WORD_GRAMS) > _CACHE_LIMIT or len(_GRAM_IDS) > 4 * _CACHE_LIMIT:  # never mid-call: numbers must agree
        _WORD_GRAMS.clear()
        _GRAM_IDS.clear()
        _FITTED.clear()  # their features were found through the old numbers
    split = [_preprocess(text).split() for text in docs]  # split() on whitespace runs, as the n-grams are made
    words_per_doc = np.fromiter(map(len, split), dtype=np.int64, count=len(split))
    index, codes = numbered([w for words in split for w in words])
    if not index:
        empty = np.zeros(0, dtype=np.int64)
        return _Fit(empty, empty, empty, 0, rank=empty)
    per_word = [_word_gram_ids(w) for w in index]
    word_len = np.fromiter(map(len, per_word), dtype=np.int64, count=len(per_word))
    word_start = np.cumsum(word_len) - word_len
    grams = np.concatenate(per_word)
    first = np.full(len(_GRAM_IDS), len(grams), dtype=np.int64)
    np.minimum.at(first, grams, np.arange(len(grams), dtype=np.int64))
    present = np.flatnonzero(first < len(grams))
    size = len(present)
    rank = np.full(len(_GRAM_IDS), -1, dtype=np.int64)
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
    return _Fit(*_counted(keys, size), rank=rank)


def _char_grams(fit: _Fit, docs: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(process-wide number of each char_wb n-gram of the docs, one after another; its feature among fit's texts or
    -1; how many each doc has)."""
    per_doc = [[_word_gram_ids(w) for w in _preprocess(doc).split()] for doc in docs]
    lengths = np.array([sum(map(len, ids)) for ids in per_doc], dtype=np.int64)
    keys = np.concatenate([ids for doc in per_doc for ids in doc] or [np.zeros(0, dtype=np.int64)])
    known = np.full(len(keys), -1, dtype=np.int64)
    seen = keys < len(fit.rank)
    known[seen] = fit.rank[keys[seen]]
    return keys, known, lengths


def _counted(keys: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """(row, feature, count) of each distinct key row * size + feature, sorted by row then feature, and `size`; row
    and feature as wide as the keys (32 bits mostly): a first scoring of 30,000 never-seen titles counts millions of
    entries, and on a busy machine every large array allocated costs more than the arithmetic on it."""
    keys.sort()
    new = np.empty(len(keys) + 1, dtype=bool)  # where each distinct key starts, and the end
    new[:1] = new[-1:] = True
    np.not_equal(keys[1:], keys[:-1], out=new[1:-1])
    starts = np.flatnonzero(new)
    row, feature = np.divmod(keys[starts[:-1]], keys.dtype.type(max(size, 1)))
    return row, feature, np.diff(starts), size


def _word_fit(docs: list[str]) -> _Fit:
    """The docs' word 1-2 gram entries (as _char_fit's) with how to number more docs' word n-grams in the same
    features, each token looked up once and its 2-grams made in numpy. A doc's grams are its tokens
    then its pairs of neighbouring tokens ("a b" is the pair of a and b, tokens hold no space), numbered by first
    appearance over the docs."""
    tokens = [_TOKEN.findall(_preprocess(text)) for text in docs]
    n_tok = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    index, ids = numbered([t for doc in tokens for t in doc])
    if not len(ids):
        empty = np.zeros(0, dtype=np.int64)
        return _Fit(empty, empty, empty, 0, rank=empty, last=np.full(len(docs), -1, dtype=np.int64))
    n_docs, n_ids = len(docs), len(index)
    last = np.where(n_tok > 0, ids[np.maximum(np.cumsum(n_tok) - 1, 0)], -1)
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
    distinct, first, inverse = np.unique(stream, return_index=True, return_inverse=True)
    size = len(first)
    rank = np.empty(size, dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(size)
    dtype = np.int32 if n_docs * size < 2**31 else np.int64
    keys = np.repeat((np.arange(n_docs, dtype=np.int64) * size).astype(dtype), doc_len)
    keys += rank[inverse].astype(dtype)
    return _Fit(*_counted(keys, size), rank=rank, index=index, stream=distinct, last=last)


def _word_grams(fit: _Fit, docs: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """(a key for each word 1- and 2-gram of the docs, one after another: a token's number, or n + a * n + b for
    the pair of tokens a and b, n counting fit's tokens and the docs' new ones; its feature among fit's texts or -1;
    how many each doc has; the number of each doc's first token or -1; n)."""
    n_fit = len(fit.index)
    new: dict[str, int] = {}
    numbers = [[fit.index[t] if t in fit.index else new.setdefault(t, n_fit + len(new))
                for t in _TOKEN.findall(_preprocess(doc))] for doc in docs]
    n = n_fit + len(new)
    first = np.array([ids[0] if ids else -1 for ids in numbers], dtype=np.int64)
    lengths = np.array([2 * len(ids) - 1 if ids else 0 for ids in numbers], dtype=np.int64)
    tokens = np.array([t for ids in numbers for t in ids], dtype=np.int64)
    a = np.array([x for ids in numbers for x in ids[:-1]], dtype=np.int64)
    b = np.array([y for ids in numbers for y in ids[1:]], dtype=np.int64)
    per_doc_keys, per_doc_known = [], []
    start_tok = start_pair = 0
    pair_keys, pair_known = n + a * n + b, _pair_features(fit, a, b)
    tok_known = np.where(tokens < n_fit, fit.rank[np.minimum(tokens, max(n_fit - 1, 0))] if n_fit else -1, -1)
    for ids in numbers:  # a doc's tokens then its pairs, as word_ngrams lists them
        stop_tok, stop_pair = start_tok + len(ids), start_pair + max(len(ids) - 1, 0)
        per_doc_keys += [tokens[start_tok:stop_tok], pair_keys[start_pair:stop_pair]]
        per_doc_known += [tok_known[start_tok:stop_tok], pair_known[start_pair:stop_pair]]
        start_tok, start_pair = stop_tok, stop_pair
    empty = [np.zeros(0, dtype=np.int64)]
    return (np.concatenate(per_doc_keys or empty), np.concatenate(per_doc_known or empty), lengths, first, n)


def _pair_features(fit: _Fit, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The feature of each pair of tokens (a, b) among fit's texts, -1 where they never hold it."""
    n_fit = len(fit.index)
    known = np.full(len(a), -1, dtype=np.int64)
    both = np.flatnonzero((a < n_fit) & (b < n_fit))
    if not len(both) or not len(fit.stream):
        return known
    codes = n_fit + a[both] * n_fit + b[both]
    at = np.minimum(np.searchsorted(fit.stream, codes), len(fit.stream) - 1)
    found = fit.stream[at] == codes
    known[both[found]] = fit.rank[at[found]]
    return known


def _new_features(keys: np.ndarray, known: np.ndarray, size: int) -> tuple[np.ndarray, int]:
    """(each key's feature: `known` where >= 0, else size onwards in order of first appearance; the new size)."""
    features = known.copy()
    unknown = np.flatnonzero(known < 0)
    if len(unknown):
        _, first, inverse = np.unique(keys[unknown], return_index=True, return_inverse=True)
        rank = np.empty(len(first), dtype=np.int64)
        rank[np.argsort(first, kind="stable")] = np.arange(len(first))
        features[unknown] = size + rank[inverse.ravel()]
        size += len(first)
    return features, size


@dataclass(frozen=True)
class _Added:
    """What a call adds to the texts' fit, in the same features (0..size-1): each distinct suffix's entries (`bag`
    row, feature, count), the target's (feature, count, sorted by feature) and the pairs of tokens that bridge a
    text and its suffix (`bridge` row, feature)."""
    size: int
    bag: tuple[np.ndarray, np.ndarray, np.ndarray]
    target: tuple[np.ndarray, np.ndarray]
    bridge: tuple[np.ndarray, np.ndarray]


def _added(fit: _Fit, words: bool, bags: list[str], bag_of: np.ndarray | None, target: str) -> _Added:
    """The suffixes' and the target's n-grams (and for words the bridging pairs) numbered as fit's texts number
    them, n-grams new to the texts after theirs in order of first appearance: the target alone, as the last doc,
    gets the features scikit-learn gives it."""
    docs = [*bags, target]
    if words:
        keys, known, lengths, first, n = _word_grams(fit, docs)
        bridge_rows = np.zeros(0, dtype=np.int64)
        if bag_of is not None and len(fit.last):
            a, b = fit.last, first[bag_of]
            bridge_rows = np.flatnonzero((a >= 0) & (b >= 0))
            a, b = a[bridge_rows], b[bridge_rows]
            keys, known = np.concatenate([keys, n + a * n + b]), np.concatenate([known, _pair_features(fit, a, b)])
    else:
        keys, known, lengths = _char_grams(fit, docs)
        bridge_rows = np.zeros(0, dtype=np.int64)
    features, size = _new_features(keys, known, fit.size)
    n_grams = int(lengths.sum())
    rows = np.repeat(np.arange(len(docs), dtype=np.int64), lengths)
    row, feature, count, _ = _counted(rows * max(size, 1) + features[:n_grams], size)
    own = np.searchsorted(row, len(bags))
    return _Added(size, (row[:own], feature[:own], count[:own]), (feature[own:], count[own:]),
                  (bridge_rows, features[n_grams:]))


def _with_bridges(fit: _Fit, bridge: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """fit's (row, feature, count) with one more of each bridging pair: counted on where the text holds it already,
    else a new entry at the end (the rows are no longer sorted then)."""
    rows, features = bridge
    if not len(rows):
        return fit.row, fit.feature, fit.count
    held = fit.row.astype(np.int64) << 32 | fit.feature  # sorted, as the entries are
    wanted = rows << 32 | features
    at = np.minimum(np.searchsorted(held, wanted), max(len(held) - 1, 0))
    found = held[at] == wanted if len(held) else np.zeros(len(rows), dtype=bool)
    count = fit.count.astype(np.int64)
    count[at[found]] += 1
    return (np.concatenate([fit.row, rows[~found]]), np.concatenate([fit.feature, features[~found]]),
            np.concatenate([count, np.ones(int((~found).sum()), dtype=np.int64)]))


def _tfidf(count: np.ndarray, idf: np.ndarray) -> np.ndarray:
    """Sublinear tf times idf, in place in `idf` (idf of each entry's feature): log(count) + 1 is exactly 1 for the
    n-grams a doc holds once (most), so tf * idf is idf there."""
    if (multi := np.flatnonzero(count > 1)).size:
        tf = np.log(count[multi].astype(np.float64))
        tf += 1.0
        idf[multi] = tf * idf[multi]
    return idf


def _cosines(fit: _Fit, added: _Added, n_texts: int, bag_of: np.ndarray | None, n_bags: int) -> np.ndarray:
    """Cosine of each doc's TF-IDF vector with the target's, the vocabulary and idf fitted on the docs + target; a
    doc is a text, or with suffixes a text, a space and its suffix (bag_of[i] numbers text i's suffix).

    A doc holds its text's n-grams plus its suffix's (plus, for words, the pair bridging them), so its figures are
    its suffix's (found once per distinct suffix) corrected on its text's n-grams alone: df(f) counts the docs
    whose suffix holds f and those whose text holds it but whose suffix does not; a doc's squared norm is its
    suffix's plus, on each n-gram of its text, v(text + suffix count)^2 - v(suffix count)^2 (v(0) = 0); its dot
    with the target likewise. Without suffixes (a call of tfidf_similarity without them) the correction terms are
    exact zeros and the sums those of scikit-learn, in the same order."""
    size = added.size
    row, feature, count = _with_bridges(fit, added.bridge)
    if not size:
        return np.zeros(n_texts)
    bag_row, bag_feature, bag_count = added.bag
    target_feature, target_count = added.target
    df = np.bincount(feature, minlength=size).astype(np.float64)
    suffixed = bag_of is not None and len(bag_feature) > 0
    if suffixed:  # which text entries the doc's suffix holds too, and how often
        column = np.full(size, -1, dtype=np.int64)  # the few features any suffix holds, numbered 0..
        held = np.unique(bag_feature)
        column[held] = np.arange(len(held))
        entry = np.full((n_bags, len(held)), -1, dtype=np.int64)  # which bag entry holds (suffix, feature)
        entry[bag_row, column[bag_feature]] = np.arange(len(bag_row))
        both = np.flatnonzero(column[feature] >= 0)
        at = entry[bag_of[row[both]], column[feature[both]]]
        found = at >= 0
        both, at = both[found], at[found]
        df -= np.bincount(feature[both], minlength=size)
        df += np.bincount(bag_feature, weights=np.bincount(bag_of, minlength=n_bags)[bag_row], minlength=size)
        count = count.astype(np.int64)
        count[both] += bag_count[at]
    df += np.bincount(target_feature, minlength=size)
    df += 1.0
    idf = np.full_like(df, n_texts + 2)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    value = _tfidf(count, idf[feature])
    target_value = _tfidf(target_count, idf[target_feature])
    target_norm = np.sqrt(np.bincount(np.zeros(len(target_value), dtype=np.int64), weights=target_value * target_value,
                                      minlength=1))[0] or 1.0
    weight = np.zeros(size)
    weight[target_feature] = target_value / target_norm
    in_target = np.zeros(size, dtype=bool)
    in_target[target_feature] = True
    squares = value * value
    part = value  # each entry's part of the doc's dot with the target, before the suffix's own
    if suffixed:
        bag_value = _tfidf(bag_count, idf[bag_feature])
        below = bag_value[at]  # what the suffix alone gives on the n-grams the text shares with it
        squares[both] -= below * below
        part = value.copy()
        part[both] -= below
    norm2 = np.bincount(row, weights=squares, minlength=n_texts).astype(np.float64)  # adds in array order
    if suffixed:
        norm2 += np.bincount(bag_row, weights=bag_value * bag_value, minlength=n_bags)[bag_of]
    norm = np.sqrt(norm2)
    norm[norm == 0] = 1.0
    # only the n-grams a doc shares with the target add to its cosine: those alone are normalised
    shared = np.flatnonzero(in_target[feature])
    rows = row[shared]
    products = part[shared] / norm[rows]
    products *= weight[feature[shared]]
    sims = np.bincount(rows, weights=products, minlength=n_texts).astype(np.float64)  # ints when no rows
    if suffixed:
        sims += np.bincount(bag_row, weights=bag_value * weight[bag_feature], minlength=n_bags)[bag_of] / norm
    return sims


def _fitted(texts: list[str]) -> tuple[_Fit, _Fit]:
    """The word and character fits of the texts. Those of the distinct texts are kept for the last _FITS_KEPT sets
    seen: scoring compares the same titles with each target title and adjacent role, and again expanded by their
    families' words (a title read in two families is there twice), with a few small sets of field words compared
    in between; each later call only adds its target's and suffixes' n-grams."""
    index, codes = numbered(texts)
    distinct = list(index)
    slot = next((kept for kept in list(_FITTED) if kept[0] == distinct), None)
    if slot is None:
        slot = (distinct, _word_fit(distinct), _char_fit(distinct))  # the character fit may empty _FITTED
    _FITTED[:] = [slot, *[kept for kept in list(_FITTED) if kept is not slot]][:_FITS_KEPT]  # newest first
    _, word, char = slot
    if len(distinct) == len(texts):
        return word, char
    return _rows(word, codes), _rows(char, codes)


def _rows(fit: _Fit, codes: np.ndarray) -> _Fit:
    """fit with row i holding fit's row codes[i]: the entries of texts that repeat some, from those of the distinct
    texts (the same arrays as counting them all: a repeated text brings no n-gram first)."""
    starts = np.searchsorted(fit.row, np.arange(int(codes.max()) + 2))  # where each distinct text's rows start
    lengths = np.diff(starts)[codes]
    ends = np.cumsum(lengths)
    take = np.repeat(starts[codes] - (ends - lengths), lengths) + np.arange(int(ends[-1]) if len(ends) else 0)
    row = np.repeat(np.arange(len(codes), dtype=fit.row.dtype), lengths)
    last = fit.last[codes] if len(fit.last) else fit.last
    return replace(fit, row=row, feature=fit.feature[take], count=fit.count[take], last=last)


def tfidf_similarity(texts: Sequence[str], target: str, suffixes: Sequence[str] | None = None) -> np.ndarray:
    """Each text's similarity to the target, 0..1: the mean of word (1-2 gram) and character (3-5 gram) cosines.
    With `suffixes` (one per text), the similarity of each `text + " " + suffix` as scikit-learn would give it on
    those concatenated docs, computed without making them: each text's n-grams (kept from the last call on the same
    texts) and each distinct suffix's once. That path is equal to scikit-learn's up to float rounding, not to the
    last bit: a doc's norm and dot are its suffix's sums plus corrections on its text's n-grams, added in another
    order than scikit-learn's pass over the doc's n-grams. Without suffixes the figures are scikit-learn's exactly.

    >>> tfidf_similarity(["data scientist", "nurse"], "data scientist").round(2).tolist()
    [1.0, 0.0]
    >>> tfidf_similarity(["data", "nurse"], "data scientist", suffixes=["scientist", "care"]).round(2).tolist()
    [1.0, 0.0]
    """
    texts = list(texts)
    bags: list[str] = []
    bag_of = None
    if suffixes is not None:
        if len(suffixes) != len(texts):
            raise ValueError(f"one suffix per text: {len(suffixes)} suffixes for {len(texts)} texts")
        index, bag_of = numbered(list(suffixes))
        bags = list(index)
    with _NUMBERING:
        word_fit, char_fit = _fitted(texts)
        added = [_added(fit, words, bags, bag_of, target) for fit, words in ((word_fit, True), (char_fit, False))]
    sims = np.zeros(len(texts))
    for fit, more in zip((word_fit, char_fit), added, strict=True):
        sims += _cosines(fit, more, len(texts), bag_of, len(bags)) / 2
    return sims
