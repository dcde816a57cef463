"""A job family for titles no lexicon phrase names: the family of the nearest lexicon phrase in meaning.

engine.titles reads a family from the phrases in data/titles.json and data/titles_world.json. A title none of them
names ("Orthodontist", "Pastry Decorator") would be family "other", which relates to nothing. Here the title's field
words are compared, by their embeddings (engine.embeddings, offline), with the same lexicon's family phrases; the
family of the nearest phrase is taken when it is at least GUESS_MIN close, else the title stays "other".

Field words are the title in English words (engine.titles.canonical_role) without the words that say a level or a
kind of role rather than a field ("Senior", "Manager", "Specialist", "Assistant": the lexicon's level words and its
generic role words, GENERIC_MORE): "Senior Pastry Decorator" is compared as "pastry decorator". A title with no
field words left ("Director", "Founder y CEO") stays "other"; one-letter words do not count; nor does a slogan
("Helping companies grow"). The lexicon phrases are stripped the same way.

Only our own lexicon data is used as prototypes. A guessed family is a guess (engine.titles gives it strength -1),
so scoring trusts it less than a lexicon cue. Guesses are cached per distinct title for the life of the process.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from engine import embeddings
from engine.text import fold

GUESS_MIN = 0.45 # cosine of the nearest family phrase from which its family is taken (chosen on the dev sets)
# words that say a level or a kind of role, not a field, beyond the lexicon's own level and generic role words
GENERIC_MORE = frozenset({
    "manager", "director", "assistant", "supervisor", "head", "lead", "aide", "helper", "chief", "staff", "member",
    "senior", "junior", "principal", "deputy", "vice", "general", "associate", "specialist", "coordinator", "officer",
    "technician", "representative", "agent", "worker", "clerk", "administrator", "executive",
    "person", "man", "woman", "of", "and", "the", "for", "in", "de", "du", "des", "la", "le", "el", "del", "und",
})
_CACHE_LIMIT = 200_000
_guessed: dict[str, tuple[str, float] | None] = {}


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    """Every word of the lexicon's level phrases ("senior", "managing partner", "cashier") and its generic role words
    ("specialist", "officer"), less words that name a family on their own ("data", "nurse"), plus GENERIC_MORE."""
    from engine.titles import LEXICON_PATH, _base_lexicon
    raw = _base_lexicon()  # not the level and HR words of more languages: see _prototypes
    family_words = {fold(p) for spec in raw["families"].values() for kind in ("strong", "weak", "generic")
                    for p in spec.get(kind, ()) if " " not in p.strip()}
    words = {w for phrases in raw["seniority"].values() for p in phrases for w in fold(p).split() if "*" not in w}
    roles = json.loads(LEXICON_PATH.read_text(encoding="utf-8"))["roles"]
    words |= {fold(p) for p in roles if " " not in p and "*" not in p}
    words -= {fold(w) for w in raw.get("field_words", ())}  # inside a level phrase, yet they name a field
    return frozenset(words - family_words) | GENERIC_MORE


def field_words(title: str) -> str:
    """A title's field words: its English role words without level and generic role words.

    >>> field_words("Senior Claims Adjuster Supervisor")
    'claims adjuster'
    """
    from engine.titles import canonical_role
    generic = _generic_words()
    text = canonical_role(title) or fold(title)
    return " ".join(w for w in re.findall(r"[\w&]+", fold(text)) if len(w) > 1 and w not in generic)


@lru_cache(maxsize=1)
def _prototypes() -> tuple[np.ndarray, np.ndarray]:
    """(family of each phrase, unit vectors of the phrases' field words) over the lexicon's strong and weak family
    phrases and its HR phrases; phrases with a wildcard or without field words are left out."""
    from engine.titles import _base_lexicon
    # the base lexicon only: titles_languages.json names no families, and its HR and level words, in languages the
    # embeddings read by their letters, would draw look-alikes to HR ("Programista" near "Personalista")
    raw = _base_lexicon()
    pairs: dict[tuple[str, str], None] = {}
    for family, spec in raw["families"].items():
        for kind in ("strong", "weak"):
            for phrase in spec.get(kind, ()):
                if "*" not in phrase and (words := field_words(phrase)):
                    pairs[(family, words)] = None
    for kind in ("strong", "weak"):
        for phrase in raw["hr"][kind]:
            if "*" not in phrase and (words := field_words(phrase)):
                pairs[("hr", words)] = None
    labels = np.array([f for f, _ in pairs], dtype=object)
    return labels, embeddings.vectors([w for _, w in pairs])


def prepare() -> None:
    """Load the phrases' vectors now rather than at the first guess (engine.readings, while its helper starts)."""
    if embeddings.available():
        _prototypes()


def _slogan(words: str) -> bool:
    """Field words that read as a slogan rather than a role: three or more, opening with an -ing verb ("helping
    companies grow", "building future work"); a short "Bricklaying Supervisor" is a role."""
    split = words.split()
    return len(split) >= 3 and split[0].endswith("ing")


def guess_families(titles: Sequence[str]) -> list[tuple[str, float] | None]:
    """For each title, (family, closeness of its nearest family phrase) when that is at least GUESS_MIN, else None.
    None for every title when the embeddings are not installed."""
    if not embeddings.available():
        return [None] * len(titles)
    missing = [t for t in dict.fromkeys(titles) if t not in _guessed]
    if missing:
        if len(_guessed) + len(missing) > _CACHE_LIMIT:
            _guessed.clear()
        words = [field_words(t) for t in missing]
        labels, phrases = _prototypes()
        vectors = embeddings.vectors(words)
        for start in range(0, len(missing), 2048):
            sims = vectors[start : start + 2048] @ phrases.T
            nearest = sims.argmax(axis=1)
            best = sims[np.arange(len(nearest)), nearest]
            for i, (j, score) in enumerate(zip(nearest.tolist(), best.tolist(), strict=True), start):
                _guessed[missing[i]] = (labels[j], round(score, 3)) if words[i] and not _slogan(words[i]) else None
    return [g if g is not None and g[1] >= GUESS_MIN else None for g in (_guessed[t] for t in titles)]


@lru_cache(maxsize=1)
def _centroids() -> np.ndarray:
    """One unit vector per family (sorted by name): the mean of its prototype phrases' vectors (_prototypes)."""
    labels, phrases = _prototypes()
    centroids = np.stack([phrases[labels == f].mean(axis=0) for f in sorted(set(labels.tolist()))])
    norms = np.linalg.norm(centroids, axis=1, keepdims=True)
    return (centroids / np.where(norms > 0, norms, 1)).astype(np.float32)


def family_profiles(texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
    """Each text's leaning toward every job family: the cosines of its vector (engine.embeddings; `vectors` when the
    caller has them already) with the families' centroids, less their mean, as a unit vector (zeros for a text
    without a vector, or without the embeddings). Two titles with alike profiles lean toward the same families even
    when their words and vectors differ ("Orthodontist" and "Dental Hygienist"), a softer reading than one guessed
    family each."""
    if not embeddings.available() or not len(texts):
        return np.zeros((len(texts), 0), dtype=np.float32)
    if vectors is None:
        vectors = embeddings.vectors(list(texts))
    profile = vectors @ _centroids().T
    profile -= profile.mean(axis=1, keepdims=True)
    profile[~vectors.any(axis=1)] = 0
    norms = np.linalg.norm(profile, axis=1, keepdims=True)
    return profile / np.where(norms > 0, norms, 1)


def _family_profile(family: str) -> np.ndarray | None:
    """The profile of a family's own centroid (as family_profiles reads a text), None for a family without phrases."""
    labels, _ = _prototypes()
    names = sorted(set(labels.tolist()))
    if family not in names:
        return None
    k = names.index(family)
    return family_profiles([family], _centroids()[k : k + 1])[0]


# the target's profile leans this much toward its family's own, when a lexicon names that family: a target's words may
# mislead ("Development Officer" leans toward software; the lexicon reads it as fundraising). Chosen on the O*NET dev
# half with ranking_v2-v5 (0.3, 0.5, 0.7 tried).
TARGET_FAMILY_PULL = 0.5


def kinship(texts: Sequence[str], target: str, family: str | None = None, vectors: np.ndarray | None = None,
            ) -> np.ndarray:
    """How alike each text's family profile is to the target's (cosine of family_profiles), clipped to 0..1; with
    `family` (the target's, when a lexicon names it) the target's profile leans TARGET_FAMILY_PULL toward that
    family's own. `vectors`: the texts' embeddings, when the caller has them already."""
    if not len(texts):
        return np.zeros(0)
    profiles, aim = family_profiles(texts, vectors), family_profiles([target])
    if not profiles.shape[1]:
        return np.zeros(len(texts))
    aim = aim[0]
    if family is not None and TARGET_FAMILY_PULL and (known := _family_profile(family)) is not None:
        aim = (1 - TARGET_FAMILY_PULL) * aim + TARGET_FAMILY_PULL * known
        aim = aim / max(float(np.linalg.norm(aim)), 1e-9)
    return np.clip(profiles @ aim, 0.0, 1.0).astype(np.float64)
