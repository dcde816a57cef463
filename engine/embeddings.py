"""What a job title means, beyond the words it shares with another: static word embeddings, fully offline.

The vectors are WordLlama's "l2_supercat" 256-dimension token embeddings (PyPI `wordllama`, MIT), which ship inside
its wheel with their tokenizer. They are loaded from the package's own folder with downloads disabled, so nothing
reaches the network (tests/engine/test_embeddings.py blocks sockets to prove it). A title's vector is the mean of its
tokens' vectors, normalised; two titles are as close as the cosine of their vectors.

Vectors are cached per distinct text for the life of the process: a rerun (the app's next page, the next scoring)
never recomputes a title it has seen. The cache is bounded (CACHE_LIMIT texts, float16) and simply starts afresh when
full. When the model cannot be loaded (the package missing from an install), `available()` is False and callers
fall back to the lexicons and TF-IDF alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

DIM = 256
CACHE_LIMIT = 300_000  # distinct texts kept (about 150 MB at most)
_cache: dict[str, np.ndarray] = {}


@lru_cache(maxsize=1)
def _model():
    """The WordLlama model from its own package folder, or None when it is not installed or incomplete."""
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        return None
    folder = Path(wordllama.__file__).resolve().parent
    try:
        return WordLlama.load(config="l2_supercat", dim=DIM, cache_dir=folder, disable_download=True)
    except (FileNotFoundError, ValueError, OSError):
        return None


def available() -> bool:
    """Whether the embeddings can be used on this install."""
    return _model() is not None


def cached_count() -> int:
    return len(_cache)


def vectors(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors (len(texts) x DIM, float32) for the texts; "" and texts without tokens give zeros."""
    missing = [t for t in dict.fromkeys(texts) if t not in _cache]
    if missing:
        if len(_cache) + len(missing) > CACHE_LIMIT:
            _cache.clear()
        model = _model()
        fresh = np.zeros((len(missing), DIM), dtype=np.float32)
        wanted = [i for i, t in enumerate(missing) if t.strip()]
        if model is not None and wanted:
            raw = np.asarray(model.embed([missing[i] for i in wanted], norm=False), dtype=np.float32)
            norms = np.linalg.norm(raw, axis=1, keepdims=True)
            fresh[wanted] = np.divide(raw, norms, out=np.zeros_like(raw), where=norms > 0)
        _cache.update(zip(missing, fresh.astype(np.float16), strict=True))
    if not len(texts):
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([_cache[t] for t in texts]).astype(np.float32)


def similarity(texts: Sequence[str], target: str) -> np.ndarray:
    """Cosine of each text's vector with the target's, clipped to 0..1 (0 wherever either has no vector)."""
    if not len(texts):
        return np.zeros(0)
    matrix = vectors(texts)
    aim = vectors([target])[0]
    return np.clip(matrix @ aim, 0.0, 1.0).astype(np.float64)
