"""What a job title means, beyond the words it shares with another: static word embeddings, fully offline.

The vectors are WordLlama's "l2_supercat" 256-dimension token embeddings (PyPI `wordllama`, MIT), which ship inside
its wheel with their tokenizer. They are read from the package's own folder with `safetensors` and `tokenizers` (what
WordLlama itself uses to read them), without importing the package: its import (pydantic, requests, its download
code) cost 0.3 s of the first Today, and nothing here may download anyway (tests/engine/test_embeddings.py blocks
sockets to prove it, and checks the vectors equal WordLlama's own). A title's vector is the mean of its tokens'
vectors, normalised; two titles are as close as the cosine of their vectors.

Vectors are cached per distinct text for the life of the process: a rerun (the app's next page, the next scoring)
never recomputes a title it has seen. The cache is bounded (CACHE_LIMIT texts, float16) and simply starts afresh when
full. When the model cannot be loaded (the package missing from an install), `available()` is False and callers
fall back to the lexicons and TF-IDF alone.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from engine.text import numbered

DIM = 256
CACHE_LIMIT = 300_000  # distinct texts kept (about 150 MB at most)
_cache: dict[str, np.ndarray] = {}
WORD_LIMIT = 100_000  # distinct words whose summed token vectors are kept (about 100 MB at most)
_words: dict[str, tuple[np.ndarray, int]] = {}


WEIGHTS = Path("weights") / f"l2_supercat_{DIM}.safetensors"   # inside the wordllama package
TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"


class _WordLlama:
    """WordLlama's dense inference, as far as Unstuck uses it: tokenise without special tokens, look each token up,
    average (wordllama.inference.WordLlamaInference.embed with pooling)."""

    CHUNK = 256  # texts averaged at a time: each text's sum is the same, 30,000 new titles take half the time

    def __init__(self, embedding: np.ndarray, tokenizer):
        self.embedding, self.tokenizer = embedding, tokenizer  # float16 as shipped: rows widen when looked up
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()

    def embed(self, texts: list[str], norm: bool = False) -> np.ndarray:
        sums, lengths = self.sums(texts)
        has = lengths > 0
        sums[has] /= lengths[has, None]
        if norm:
            norms = np.linalg.norm(sums, axis=1, keepdims=True)
            sums = np.divide(sums, norms, out=np.zeros_like(sums), where=norms > 0)
        return sums

    def sums(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Each text's token vectors summed (float32, in token order) and how many tokens it has."""
        encoded = [e.ids for e in self.tokenizer.encode_batch(texts, add_special_tokens=False)]
        lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
        ids = np.clip(np.fromiter((i for e in encoded for i in e), dtype=np.int64, count=int(lengths.sum())),
                      0, len(self.embedding) - 1)
        return _segment_sums(self.embedding, ids, lengths, self.CHUNK), lengths


def _segment_sums(rows: np.ndarray, ids: np.ndarray, lengths: np.ndarray, chunk: int) -> np.ndarray:
    """Per segment (lengths[i] consecutive ids each), the sum of rows[ids] in float32, added in order; a chunk of
    segments at a time, so that the widened rows of a few hundred segments stay in the CPU's cache."""
    out = np.zeros((len(lengths), rows.shape[1]), dtype=np.float32)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    for lo in range(0, len(lengths), chunk):
        hi = min(lo + chunk, len(lengths))
        has = lengths[lo:hi] > 0
        if has.any():
            picked = rows[ids[starts[lo] : ends[hi - 1]]].astype(np.float32, copy=False)  # a copy already
            out[lo:hi][has] = np.add.reduceat(picked, (starts[lo:hi] - starts[lo])[has], axis=0)
    return out


@lru_cache(maxsize=1)
def _model() -> _WordLlama | None:
    """WordLlama's vectors and tokenizer from its own package folder, or None when it is not installed or
    incomplete."""
    spec = importlib.util.find_spec("wordllama")  # where the package is, without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    try:
        from safetensors import safe_open
        from tokenizers import Tokenizer

        with safe_open(str(folder / WEIGHTS), framework="np") as f:
            embedding = f.get_tensor("embedding.weight")
        return _WordLlama(embedding, Tokenizer.from_file(str(folder / TOKENIZER)))
    except (ImportError, FileNotFoundError, ValueError, OSError, KeyError):
        return None


def available() -> bool:
    """Whether the embeddings can be used on this install."""
    return _model() is not None


def model_id() -> str:
    """Which vectors are in use, for engine.readings' fingerprint: the model file with the versions of the packages
    that ship and tokenise it, or "none" when the embeddings cannot be used on this install."""
    if not available():
        return "none"
    from importlib.metadata import version

    return f"wordllama {version('wordllama')}, tokenizers {version('tokenizers')}: {WEIGHTS.as_posix()}"


def cached_count() -> int:
    return len(_cache)


def vectors(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors (len(texts) x DIM, float32) for the texts; "" and texts without tokens give zeros."""
    if not len(texts):
        return np.zeros((0, DIM), dtype=np.float32)
    known = _through(_cache, CACHE_LIMIT, texts, _unit_vectors)
    return np.stack([known[t] for t in texts]).astype(np.float32)


def _unit_vectors(texts: list[str]) -> np.ndarray:
    """vectors of texts none of which is cached, as float16 (as cached)."""
    model = _model()
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    wanted = [i for i, t in enumerate(texts) if t.strip()]
    if model is not None and wanted:
        raw = _composed(model, [texts[i] for i in wanted])
        norms = np.linalg.norm(raw, axis=1, keepdims=True)
        out[wanted] = np.divide(raw, norms, out=np.zeros_like(raw), where=norms > 0)
    return out.astype(np.float16)


def _through(cache: dict, limit: int, keys, compute) -> dict:
    """{key: value} for the distinct keys, read through `cache`: the rest computed at once (compute(missing) gives
    their values in order) and kept, the cache starting afresh when it would hold more than `limit`. The cached ones
    are read into a snapshot first: another thread may empty the cache meanwhile."""
    known = {k: cache.get(k) for k in keys}
    missing = [k for k, found in known.items() if found is None]
    if missing:
        fresh = dict(zip(missing, compute(missing), strict=True))
        if len(cache) + len(missing) > limit:
            cache.clear()
        cache.update(fresh)
        known.update(fresh)
    return known


def _composed(model: _WordLlama, texts: list[str]) -> np.ndarray:
    """model.embed(texts), up to the order of adding in float32, a distinct word at a time: a text of words joined
    by single spaces is tokenised as its words are one by one. The tokenizer (Llama's) marks each space with "▁" and
    no token holds "▁" after another character, so no token spans two words and each word has the tokens it has
    alone (tests/engine/test_embeddings.py checks the tokens on thousands of titles). Networks repeat words far more
    than titles: 30,000 never-seen titles meet a few thousand new words. Other texts are tokenised whole."""
    split = [t.split(" ") for t in texts]
    whole = [i for i, (t, words) in enumerate(zip(texts, split, strict=True)) if "" in words or "▁" in t]
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if whole:
        out[whole] = model.embed([texts[i] for i in whole])
        skip = set(whole)
        split = [words for i, words in enumerate(split) if i not in skip]
    if not split:
        return out
    index, codes = numbered([w for words in split for w in words])

    def word_sums_and_tokens(words: list[str]) -> list[tuple[np.ndarray, int]]:
        sums, lengths = model.sums(words)
        return list(zip(sums, lengths.tolist(), strict=True))
    known = _through(_words, WORD_LIMIT, index, word_sums_and_tokens)
    word_sums = np.stack([known[w][0] for w in index])
    word_tokens = np.array([known[w][1] for w in index], dtype=np.int64)
    n_words = np.fromiter(map(len, split), dtype=np.int64, count=len(split))
    sums = _segment_sums(word_sums, codes, n_words, _WordLlama.CHUNK)
    sums /= np.add.reduceat(word_tokens[codes], np.cumsum(n_words) - n_words)[:, None]
    if whole:
        out[np.setdiff1d(np.arange(len(texts)), whole)] = sums
        return out
    return sums


def similarity(texts: Sequence[str], target: str, matrix: np.ndarray | None = None) -> np.ndarray:
    """Cosine of each text's vector with the target's, clipped to 0..1 (0 wherever either has no vector);
    `matrix`: vectors(texts), when the caller has it already."""
    if not len(texts):
        return np.zeros(0)
    if matrix is None:
        matrix = vectors(texts)
    aim = vectors([target])[0]
    return np.clip(matrix @ aim, 0.0, 1.0).astype(np.float64)
