"""How well closeness ranks contacts for each target career: NDCG on the hand-graded relevance sets.

Run: `.venv/bin/python bench/eval_relevance.py [folder]` (default tests/data/relevance). Always exits 0: it is a
report. For each target it prints NDCG@10 and NDCG@all of the closeness ranking (gains 2**grade - 1, log2
discounts, tied closeness sharing the average gain), cross-checked against sklearn.metrics.ndcg_score, then the
top 10 by closeness and the worst misses: well-graded contacts ranked low and grade-0 contacts ranked high.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import ndcg_score

from engine.evaluation import DEFAULT_FOLDER, TargetResult, evaluate, gains, load_relevance_sets

GOAL = 0.85
K = 10


def sklearn_ndcg(result: TargetResult, k: int | None) -> float:
    ranked = result.ranked
    return float(ndcg_score([gains(ranked["grade"])], [ranked["closeness"].to_numpy(dtype=float)], k=k))


def _row(rank: int, row) -> str:
    title = row.title or "(no title)"
    return f"    {rank:>3}. g{row.grade}  {row.closeness:.3f}  {title[:48]:<48}  {row.company[:28]}"


def report(result: TargetResult) -> None:
    for k, ours in ((K, result.ndcg_at_k), (None, result.ndcg_all)):
        theirs = sklearn_ndcg(result, k)
        assert abs(ours - theirs) < 1e-6, f"{result.name}: NDCG@{k or 'all'} {ours} but sklearn says {theirs}"
    ranked = result.ranked
    ties = int(ranked["closeness"].duplicated(keep=False).sum())
    print(f"\n== {result.name}: NDCG@{K} {result.ndcg_at_k:.3f}  NDCG@all {result.ndcg_all:.3f}  "
          f"({len(ranked)} contacts, {ties} in tied closeness groups)")
    print(f"   target NDCG@{K} >= {GOAL}: {'yes' if result.ndcg_at_k >= GOAL else 'no'}")
    print(f"   top {K} by closeness (grade, closeness, title, company):")
    for rank, row in enumerate(ranked.head(K).itertuples(), start=1):
        print(_row(rank, row))
    ranks = np.arange(1, len(ranked) + 1)
    missed = ranked[(ranked["grade"] >= 2) & (ranks > K)].head(6)
    wrong = ranked[(ranked["grade"] == 0) & (ranks <= 2 * K)]
    if len(missed):
        print(f"   graded 2-3 but outside the top {K}:")
        for row in missed.itertuples():
            print(_row(int(row.Index) + 1, row))
    if len(wrong):
        print(f"   graded 0 but inside the top {2 * K}:")
        for row in wrong.itertuples():
            print(_row(int(row.Index) + 1, row))


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else DEFAULT_FOLDER
    sets = load_relevance_sets(folder)
    counts = np.bincount(np.concatenate([s.contacts["grade"].to_numpy() for s in sets]), minlength=4)
    print(f"{len(sets)} targets, {counts.sum()} graded contacts: "
          + ", ".join(f"grade {g}: {n}" for g, n in enumerate(counts)))
    try:
        results = evaluate(sets, k=K)
    except ImportError as e:
        print(f"engine.scoring cannot be imported yet ({e}); nothing to evaluate")
        return 0
    for result in results:
        report(result)
    mean = float(np.mean([r.ndcg_at_k for r in results]))
    print(f"\nmean NDCG@{K} {mean:.3f}  (mean NDCG@all {np.mean([r.ndcg_all for r in results]):.3f})")
    print(f"mean NDCG@{K} >= {GOAL}: {'yes' if mean >= GOAL else 'no'}")
    return 0


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(0)
