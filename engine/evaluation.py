"""Offline relevance evaluation of the closeness score: graded contact sets per target career, and NDCG.

A relevance set is one target career (the profile fields of `engine.profile.make_profile`) with contacts that a
careful career coach graded 0..3 for how close their role or field is to that career, ignoring seniority:
3 the same or nearly the same role (or the same role at a target company), 2 a closely related role or the same
field, 1 some relation (same industry, adjacent function, or any role at a target company), 0 unrelated.
The sets live in tests/data/relevance/: targets.json (a list of targets, each with a `name` slug) and one
`<name>.csv` per target with columns full_name, company, title, notes, grade.

NDCG here uses gains 2**grade - 1 and log2 discounts 1 / log2(rank + 1). Contacts with the same closeness are
tied: their gains are averaged over the ranks they share (as `sklearn.metrics.ndcg_score` does), so a tie earns
neither luck nor blame from the order rows happen to be in. When every grade is 0 there is nothing to rank and
NDCG is defined as 0.0 (again as scikit-learn does).

Pure: numpy, pandas and json only; `evaluate` takes the scoring function as an argument and only falls back to
importing `engine.scoring` when none is given.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

DEFAULT_FOLDER = Path(__file__).resolve().parents[1] / "tests" / "data" / "relevance"
COLUMNS = ("full_name", "company", "title", "notes", "grade")
SHUFFLE_SEED = 20240611


class RelevanceSet(NamedTuple):
    name: str
    profile_fields: dict
    contacts: pd.DataFrame  # full_name, company, title, notes (str) and grade (int 0..3), in file order


@dataclass(frozen=True)
class TargetResult:
    name: str
    ndcg_at_k: float
    ndcg_all: float
    ranked: pd.DataFrame  # the contacts in ranked order (closeness descending) with grade and closeness
    k: int = 10


def gains(grades: Iterable[float]) -> np.ndarray:
    """Exponential gains 2**grade - 1 (a grade-3 contact is worth 7, a grade-1 contact 1, a grade-0 nothing)."""
    return np.exp2(np.asarray(list(grades), dtype=float)) - 1.0


def _discounts(n: int, k: int | None) -> np.ndarray:
    discounts = 1.0 / np.log2(np.arange(n, dtype=float) + 2.0)
    if k is not None:
        discounts[k:] = 0.0
    return discounts


def dcg_at_k(grades_in_ranked_order: Sequence[float], k: int | None = 10) -> float:
    """Discounted cumulative gain of the first k grades of a ranked list (k=None: the whole list)."""
    g = gains(grades_in_ranked_order)
    return float(np.sum(g * _discounts(len(g), k)))


def ndcg_at_k(grades_in_ranked_order: Sequence[float], k: int | None = 10) -> float:
    """NDCG@k of a ranked list of grades: its DCG over the DCG of the same grades sorted best first.

    >>> ndcg_at_k([3, 2, 1, 0], k=10)
    1.0
    All-zero (or empty) grades give 0.0: no ranking can gain anything, and scikit-learn scores it the same way.
    """
    ideal = dcg_at_k(sorted(grades_in_ranked_order, reverse=True), k)
    return 0.0 if ideal == 0.0 else dcg_at_k(grades_in_ranked_order, k) / ideal


def ndcg_from_scores(grades: Sequence[float], scores: Sequence[float], k: int | None = 10) -> float:
    """NDCG@k of ranking items by score descending, with tied scores sharing the average gain of their group."""
    g, s = gains(grades), np.asarray(scores, dtype=float)
    if g.shape != s.shape:
        raise ValueError(f"{len(g)} grades but {len(s)} scores")
    ideal = dcg_at_k(sorted(grades, reverse=True), k)
    if ideal == 0.0:
        return 0.0
    order = np.argsort(-s, kind="stable")
    g, s, discounts = g[order], s[order], _discounts(len(g), k)
    dcg, start = 0.0, 0
    while start < len(s):
        end = start + 1
        while end < len(s) and s[end] == s[start]:
            end += 1
        dcg += g[start:end].mean() * discounts[start:end].sum()
        start = end
    return float(dcg / ideal)


def load_relevance_sets(folder: str | Path = DEFAULT_FOLDER) -> list[RelevanceSet]:
    """Read targets.json and each target's graded CSV; raise ValueError on a malformed set."""
    folder = Path(folder)
    targets = json.loads((folder / "targets.json").read_text(encoding="utf-8"))
    sets = []
    for target in targets:
        fields = dict(target)
        name = fields.pop("name")
        frame = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False, encoding="utf-8")
        if tuple(frame.columns) != COLUMNS:
            raise ValueError(f"{name}.csv: columns must be {', '.join(COLUMNS)}, not {', '.join(frame.columns)}")
        frame["grade"] = pd.to_numeric(frame["grade"], errors="raise").astype(int)
        if not frame["grade"].between(0, 3).all():
            raise ValueError(f"{name}.csv: grades must be 0..3")
        sets.append(RelevanceSet(name, fields, frame))
    return sets


def contacts_frame(graded: pd.DataFrame, seed: int = SHUFFLE_SEED) -> pd.DataFrame:
    """The graded contacts shuffled (files list them best first), with ids 1..n and the columns scoring expects."""
    shuffled = graded.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    n = len(shuffled)
    return pd.DataFrame({
        "id": np.arange(1, n + 1, dtype=int),
        "full_name": shuffled["full_name"], "company": shuffled["company"],
        "title": shuffled["title"], "notes": shuffled["notes"],
        "tags": [[] for _ in range(n)], "tie_strength": [None] * n, "referred_by": [None] * n,
        "grade": shuffled["grade"],
    })


def closeness_for(contacts: pd.DataFrame, scored: pd.DataFrame) -> np.ndarray:
    """The `closeness` column of a scoring result, aligned to `contacts` by id when the result carries ids."""
    if "closeness" not in scored.columns:
        raise ValueError("the scoring result has no 'closeness' column")
    if "id" in scored.columns:
        by_id = scored.set_index("id")["closeness"]
        if by_id.index.has_duplicates or not set(contacts["id"]) <= set(by_id.index):
            raise ValueError("the scoring result's ids do not match the contacts' ids")
        values = by_id.loc[contacts["id"]].to_numpy(dtype=float)
    else:
        if len(scored) != len(contacts):
            raise ValueError(f"{len(contacts)} contacts but {len(scored)} scored rows")
        values = scored["closeness"].to_numpy(dtype=float)
    if np.isnan(values).any():
        raise ValueError("closeness has missing values")
    return values


def evaluate(sets: Iterable[RelevanceSet], score: Callable | None = None, k: int = 10) -> list[TargetResult]:
    """Score every set's contacts with `score(contacts_df, profile)` and measure NDCG of the closeness ranking."""
    from engine.profile import make_profile

    if score is None:
        from engine.scoring import score_contacts as score
    results = []
    for name, fields, graded in sets:
        profile = make_profile(**fields)
        contacts = contacts_frame(graded)
        closeness = closeness_for(contacts, score(contacts.drop(columns="grade"), profile))
        ranked = contacts.assign(closeness=closeness).sort_values(
            ["closeness", "id"], ascending=[False, True], kind="stable").reset_index(drop=True)
        grades = contacts["grade"].to_numpy()
        results.append(TargetResult(name, ndcg_from_scores(grades, closeness, k),
                                    ndcg_from_scores(grades, closeness, None), ranked, k))
    return results
