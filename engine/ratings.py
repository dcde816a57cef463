"""Learning from the user's thumbs-up: "a good person for my target" or "not relevant", one click per contact.

A rated contact moves at once: "not relevant" drops them to the bottom of the list (priority × 0), "good" lifts them
(× GOOD_LIFT). Once the user has rated a handful (MIN_RATINGS, with MIN_EACH of each kind), a regularised logistic
regression over the features the scoring itself uses (role and title similarity, closeness, target company,
industry, keywords, level, family, HR, flags, warmth, and the words of the title) learns what the user means by
"good", and re-ranks everyone else: priority × chance of "good" / share rated good (a contact as likely as the
average rated one keeps their priority, one twice as likely doubles it, one the user would surely call not relevant
sinks toward the bottom).

It leans only when it helps: on ratings held back (repeated stratified cross-validation), the re-ranked priorities
must put the good ones above the not-relevant ones more often (ROC AUC) than the priorities without it, by
MIN_GAIN. Otherwise the list stays as it was (apart from the rated people themselves), and the page says why.
Pure: frames in, frames and words out; the model is engine.logistic's.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from engine import logistic
from engine.text import fold
from engine.titles import SENIORITY_RANK, level_gap

RATINGS = {"good": "a good person for my target", "not_relevant": "not relevant"}
MIN_RATINGS = 8          # ratings before the model may learn
MIN_EACH = 3             # ... with at least this many of each kind
GOOD_LIFT = 1.5          # a contact rated good: priority × this (or what the model gives, if higher)
NOT_RELEVANT = 0.0       # a contact rated not relevant: priority × this, to the bottom of the list
MIN_GAIN = 0.02          # held-back AUC the re-ranking must add before the list leans on it
C = 0.5                  # inverse L2 strength on standardised features: few ratings stay near the average
REPEATS = 5              # cross-validation repeats with different splits: folds of a few ratings are noisy
MIN_WORD_TITLES = 2      # a title word is a feature when at least this many rated titles hold it
NUMERIC = ("role", "title_sim", "closeness", "at_target_company", "industry", "keyword", "motivation", "warmth",
           "seniority_gap", "seniority_unknown", "is_hr", "flagged")
CATEGORICAL = ("family", "seniority")


@dataclass(frozen=True, eq=False)
class _Encoding:
    """How rating features become numbers: standardised numbers, one-hot levels, title words (from the ratings)."""
    mean: np.ndarray
    scale: np.ndarray
    levels: dict[str, tuple[str, ...]]
    words: tuple[str, ...]

    @classmethod
    def fit(cls, F: pd.DataFrame) -> _Encoding:
        values = F[list(NUMERIC)].to_numpy(dtype=float)
        scale = values.std(axis=0)
        levels = {c: tuple(sorted(F[c].value_counts().loc[lambda n: n >= 2].index)) for c in CATEGORICAL}
        counts: dict[str, int] = {}
        for words in F["words"]:
            for w in words:
                counts[w] = counts.get(w, 0) + 1
        return cls(values.mean(axis=0), np.where(scale > 0, scale, 1.0), levels,
                   tuple(sorted(w for w, n in counts.items() if n >= MIN_WORD_TITLES)))

    def matrix(self, F: pd.DataFrame) -> np.ndarray:
        """The encoded rows (for the rated few: dense)."""
        parts = [(F[list(NUMERIC)].to_numpy(dtype=float) - self.mean) / self.scale]
        parts += [(F[c].to_numpy(dtype=object)[:, None] == np.array(self.levels[c], dtype=object)).astype(float)
                  for c in CATEGORICAL]
        parts.append(np.array([[w in words for w in self.words] for words in F["words"]], dtype=float)
                     .reshape(len(F), len(self.words)))
        return np.hstack(parts)

    def logit(self, F: pd.DataFrame, coef: np.ndarray, intercept: float) -> np.ndarray:
        """matrix(F) @ coef + intercept, a column at a time and each distinct title once: for a million rows."""
        n_num = len(NUMERIC)
        out = np.full(len(F), intercept, dtype=float)
        for j, name in enumerate(NUMERIC):
            out += (F[name].to_numpy(dtype=float) - self.mean[j]) / self.scale[j] * coef[j]
        at = n_num
        for c in CATEGORICAL:
            weights = dict(zip(self.levels[c], coef[at:at + len(self.levels[c])], strict=True))
            codes, distinct = pd.factorize(F[c])
            out += np.array([weights.get(v, 0.0) for v in distinct] + [0.0])[codes]
            at += len(self.levels[c])
        if self.words:
            word_coef = dict(zip(self.words, coef[at:], strict=True))
            codes, distinct = pd.factorize(F["title"].fillna("").astype(str))
            per_title = np.array([sum(word_coef.get(w, 0.0) for w in _words(t)) for t in distinct] + [0.0])
            out += per_title[codes]
        return out


@dataclass(frozen=True, eq=False)
class RatingModel:
    """What the ratings taught: how many, whether the model leans on the list, why (or why not), and the model."""
    n: int = 0
    good: int = 0
    leaning: bool = False
    reason: str = ""
    auc_with: float = math.nan      # held-back ratings ordered by the re-ranked priorities
    auc_without: float = math.nan   # ... and by the priorities without the ratings
    folds: int = 0
    base_rate: float = math.nan     # the share rated good
    coef: np.ndarray = field(default=None, repr=False)
    intercept: float = 0.0
    encoding: _Encoding | None = field(default=None, repr=False)
    target_rank: int = 2
    top_rank: int = 2

    @property
    def not_relevant(self) -> int:
        return self.n - self.good


def _words(title) -> set[str]:
    return set(re.findall(r"\w{2,}", fold(title))) if isinstance(title, str) else set()


def rating_features(scored: pd.DataFrame, *, target_rank: int, top_rank: int) -> pd.DataFrame:
    """The learnable facts about each scored contact, as the scoring found them (row order kept)."""
    def col(name, default):
        return scored[name] if name in scored else pd.Series(default, index=scored.index)

    def number(name, default=0.0):
        return pd.to_numeric(col(name, default), errors="coerce").fillna(default).astype(float).to_numpy()

    F = pd.DataFrame(index=scored.index)
    for name in ("role", "title_sim", "closeness", "motivation", "warmth"):
        F[name] = number(name)
    for name, source in (("at_target_company", "at_target_company"), ("is_hr", "is_hr"), ("flagged", "flag_active")):
        F[name] = col(source, False).fillna(False).astype(bool).astype(float).to_numpy()
    for name, source in (("industry", "industry_hit"), ("keyword", "keyword_hit")):
        F[name] = col(source, None).notna().astype(float).to_numpy()
    rank = pd.to_numeric(col("rank", np.nan), errors="coerce").astype(float)
    gap = level_gap(rank, target_rank, top_rank)
    F["seniority_gap"] = np.nan_to_num(gap, nan=0.0)
    F["seniority_unknown"] = rank.isna().astype(float).to_numpy()
    F["family"] = col("family", "other").fillna("other").astype(str).to_numpy()
    F["seniority"] = col("seniority", "unknown").fillna("unknown").astype(str).to_numpy()
    F["title"] = col("title", None).to_numpy(dtype=object)
    return F


def _training(scored: pd.DataFrame, ratings: pd.DataFrame, target_rank: int, top_rank: int):
    """The rated contacts' features (with their title words), labels (1 good) and priorities without ratings."""
    if ratings is None or ratings.empty or scored.empty:
        return None
    label = dict(zip(ratings["contact_id"].tolist(), (ratings["rating"] == "good").astype(int).tolist(), strict=True))
    rated = scored[scored["id"].isin(label.keys())]
    if rated.empty:
        return None
    F = rating_features(rated, target_rank=target_rank, top_rank=top_rank).reset_index(drop=True)
    F["words"] = [_words(t) for t in F["title"]]
    y = np.array([label[i] for i in rated["id"].tolist()], dtype=int)
    return F, y, rated["priority"].to_numpy(dtype=float)


def _factor(chance: np.ndarray, base_rate: float) -> np.ndarray:
    """What the model does to an unrated contact's priority (see the module's docstring)."""
    return chance / base_rate


def fit_ratings(scored: pd.DataFrame, ratings: pd.DataFrame | None, *, target_level: str = "mid",
                level_top: str | None = None, min_ratings: int = MIN_RATINGS, min_each: int = MIN_EACH,
                seed: int = 0) -> RatingModel:
    """Learn from the ratings of contacts in `scored` (the ranked frame before ratings: its priority is what the
    re-ranking is measured against). `ratings` has contact_id and rating ('good' | 'not_relevant')."""
    target_rank = SENIORITY_RANK[target_level]
    top_rank = SENIORITY_RANK[level_top or target_level]
    ranks = {"target_rank": target_rank, "top_rank": top_rank}
    found = _training(scored, ratings, target_rank, top_rank)
    if found is None:
        return RatingModel(reason=_shortfall(0, 0, min_ratings, min_each), **ranks)
    F, y, priority = found
    n, good = len(y), int(y.sum())
    counts = {"n": n, "good": good, "base_rate": good / n, **ranks}
    if n < min_ratings or min(good, n - good) < min_each:
        return RatingModel(reason=_shortfall(n, good, min_ratings, min_each), **counts)
    k = max(2, min(5, good, n - good))
    with_, without = [], []
    with logistic.one_thread():
        for repeat in range(REPEATS):
            blended = np.empty(n)
            for train, test in logistic.stratified_folds(y, k, seed + repeat):
                encoding = _Encoding.fit(F.iloc[train])
                fitted = logistic.fit(encoding.matrix(F.iloc[train]), y[train], C)
                blended[test] = priority[test] * _factor(fitted.chances(encoding.matrix(F.iloc[test])),
                                                         y[train].mean())
            with_.append(logistic.roc_auc(y, blended))
            without.append(logistic.roc_auc(y, priority))
        encoding = _Encoding.fit(F)
        model = logistic.fit(encoding.matrix(F), y, C)
    auc_with, auc_without = float(np.mean(with_)), float(np.mean(without))
    leaning = auc_with >= auc_without + MIN_GAIN
    return RatingModel(**counts, leaning=leaning, reason="helps" if leaning else "does not help yet",
                       auc_with=auc_with, auc_without=auc_without, folds=k, coef=model.coef,
                       intercept=model.intercept, encoding=encoding)


def good_chances(scored: pd.DataFrame, model: RatingModel) -> np.ndarray:
    """Each contact's chance of being one the user would rate good, by the fitted model."""
    F = rating_features(scored, target_rank=model.target_rank, top_rank=model.top_rank)
    return 1 / (1 + np.exp(-model.encoding.logit(F, model.coef, model.intercept)))


def apply_ratings(ranked: pd.DataFrame, model: RatingModel, ratings: pd.DataFrame | None) -> pd.DataFrame:
    """`ranked` with the ratings applied: rated contacts lifted or dropped, and everyone else re-ranked while the
    model leans. Adds `rating` (None, 'good', 'not_relevant') and sets `rating_factor` and `priority`; the last step
    of engine.scoring.priority_steps. Without ratings, `ranked` itself comes back."""
    from engine.scoring import rated_priority  # here: the Contact page shows RATINGS without loading the scoring

    rated = {} if ratings is None or ratings.empty else dict(zip(ratings["contact_id"].tolist(),
                                                               ratings["rating"].tolist(), strict=True))
    if not rated or ranked.empty:
        return ranked
    out = ranked.copy(deep=False)  # copy-on-write: the columns set below never reach `ranked`
    rating = pd.Series(None, index=out.index, dtype=object)
    has = out["id"].isin(rated.keys()).to_numpy()
    rating[has] = out.loc[has, "id"].map(rated).to_numpy()
    factor = np.ones(len(out))
    if model.leaning and model.encoding is not None:
        factor = _factor(good_chances(out, model), model.base_rate)
    factor = np.where(rating == "good", np.maximum(factor, GOOD_LIFT), factor)
    factor = np.where(rating == "not_relevant", NOT_RELEVANT, factor)
    out["rating"] = rating
    out["rating_factor"] = np.round(factor, 4)
    out["priority"] = rated_priority(out["priority"], out["rating_factor"])
    said = np.full(len(out), None, dtype=object)
    said[has] = [RATED_WHY[r] for r in rating[has]]
    if model.leaning:  # why an unrated contact moved: they look like the people the user rated
        said[~has & (factor >= LIKE_GOOD)] = LIKE_WHY["good"]
        said[~has & (factor <= LIKE_NOT_RELEVANT)] = LIKE_WHY["not_relevant"]
    told = np.flatnonzero(pd.notna(said))
    if len(told):
        why = out["why"].to_numpy(dtype=object).copy()
        why[told] = _added(why[told], said[told])
        out["why"] = why
    return out


_added = np.frompyfunc(lambda why, text: [*why, text], 2, 1)  # fresh lists: the input's stay as they were


RATED_WHY = {"good": "you rated them a good person for your target", "not_relevant": "you marked them not relevant"}
LIKE_WHY = {"good": "like the people you rated good for your target",
            "not_relevant": "like the people you marked not relevant"}
LIKE_GOOD = 1.25         # a rating-model factor from which an unrated contact's why says they look like the good ones
LIKE_NOT_RELEVANT = 0.8  # ... and up to which it says they look like the ones marked not relevant


# -- words -------------------------------------------------------------------------------------------------------

def _shortfall(n: int, good: int, min_ratings: int, min_each: int) -> str:
    if n == 0:
        return (f"Rate people as a good person for your target or not relevant: after {min_ratings} ratings, with "
                f"at least {min_each} of each kind, the list learns what you mean.")
    return (f"{n} rating{'s' * (n != 1)} so far ({good} good, {n - good} not relevant). The list learns from them "
            f"once there are {min_ratings}, with at least {min_each} of each kind; until then only the people you "
            "rated move.")


def status_words(model: RatingModel) -> str:
    """What the ratings do to the list, in plain words."""
    if model.encoding is None:
        return model.reason
    share = f"{model.auc_with:.0%} of the time, against {model.auc_without:.0%} without them"
    if model.leaning:
        return (f"Leaning on your {model.n} ratings: on ratings held back, the list puts the people you rated good "
                f"above the ones you marked not relevant {share}.")
    return (f"Not leaning on your {model.n} ratings yet: on ratings held back, learning from them would put the "
            f"people you rated good first {share}, not clearly better. The people you rated still move; rate a few "
            "more to teach it.")
