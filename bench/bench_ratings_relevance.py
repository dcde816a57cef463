"""Do thumbs-up ratings make the list better? On the graded relevance sets (tests/data/relevance and the held-out
relevance_heldout), a simulated user rates the people the list shows them first, as they would on Today: grade 2-3
"good", grade 0 "not relevant", grade 1 skipped (neither). The figure is the priority order's NDCG@10 over the
people NOT rated, before and after the ratings are applied, so a rated person moving earns nothing.

Run: `.venv/bin/python bench/bench_ratings_relevance.py [--rate N] [--spread]`   (prints figures; asserts nothing)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's engine, not an installed one
from engine.evaluation import contacts_frame, load_relevance_sets, ndcg_from_scores  # noqa: E402
from engine.profile import make_profile  # noqa: E402
from engine.ratings import apply_ratings, fit_ratings  # noqa: E402
from engine.scoring import score_contacts  # noqa: E402


def run(folder: Path, rate: int, spread: bool) -> list[tuple]:
    rows = []
    for name, fields, graded in load_relevance_sets(folder):
        profile = make_profile(**fields)
        contacts = contacts_frame(graded)
        scored = score_contacts(contacts.drop(columns="grade"), profile)
        grade = dict(zip(contacts["id"], contacts["grade"], strict=True))
        shown = scored.sort_values(["priority", "id"], ascending=[False, True])["id"].tolist()
        if spread:  # rating across the whole list (Contacts), not only its top (Today): every few people
            shown = shown[::max(1, len(shown) // rate)]
        ratings = []
        for contact_id in shown:  # down the list until `rate` people were rated
            if len(ratings) == rate:
                break
            if grade[contact_id] != 1:
                ratings.append((contact_id, "good" if grade[contact_id] >= 2 else "not_relevant"))
        ratings = pd.DataFrame(ratings, columns=["contact_id", "rating"])
        model = fit_ratings(scored, ratings, target_level=profile.target_level, level_top=profile.level_top)
        after = apply_ratings(scored, model, ratings)
        rest = ~scored["id"].isin(ratings["contact_id"]).to_numpy()
        grades = np.array([grade[i] for i in scored["id"][rest]])
        rows.append((name, len(ratings), int((ratings["rating"] == "good").sum()), model.leaning,
                     ndcg_from_scores(grades, scored["priority"][rest].to_numpy()),
                     ndcg_from_scores(grades, after["priority"][rest].to_numpy())))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rate", type=int, default=12, help="ratings per target (default 12)")
    ap.add_argument("--spread", action="store_true", help="rate across the whole list, not only its top")
    args = ap.parse_args()
    for folder in ("relevance", "relevance_heldout"):
        rows = run(ROOT / "tests" / "data" / folder, args.rate, args.spread)
        where = "across the list" if args.spread else "from the top of the list"
        print(f"{folder}: {args.rate} ratings each {where}, priority NDCG@10 of the people not rated, "
              "before -> after")
        for name, n, good, leaning, before, after in rows:
            print(f"  {name:32} {n:>2} rated ({good:>2} good) {'leans' if leaning else 'holds'}  "
                  f"{before:.3f} -> {after:.3f}")
        print(f"  mean {np.mean([r[4] for r in rows]):.3f} -> {np.mean([r[5] for r in rows]):.3f}; "
              f"leaning on {sum(r[3] for r in rows)} of {len(rows)} targets")


if __name__ == "__main__":
    main()
