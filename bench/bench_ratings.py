"""Ratings and the target in the user's own words: what they cost.

Run: `.venv/bin/python bench/bench_ratings.py [--big N]`   (prints figures; asserts nothing)
- 30,000 contacts scored against one target title, and against three titles and two adjacent roles;
- fitting the rating model (with its repeated cross-validation) on 12 and on 200 ratings;
- applying a leaning model to N scored contacts (default 1,000,000: what `unstuck rank --all` would add);
- the Profile page's title suggestions over 30,000 contacts.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this checkout's engine, not an installed one
sys.path.insert(0, str(ROOT / "bench"))
from bench_scoring import synthetic_contacts  # noqa: E402

from engine.demo import demo_profile  # noqa: E402
from engine.ratings import apply_ratings, fit_ratings, status_words  # noqa: E402
from engine.scoring import score_contacts  # noqa: E402
from engine.suggestions import suggest_titles  # noqa: E402


def best_of(fn, n: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(n):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def ratings_for(scored: pd.DataFrame, n: int, seed: int = 1) -> pd.DataFrame:
    """n ratings of a user who calls people in data or research good, whatever their closeness."""
    rng = np.random.default_rng(seed)
    rows = scored.sample(n, random_state=seed)
    good = rows["family"].isin(["data", "research"]) ^ (rng.random(n) < 0.1)
    return pd.DataFrame({"contact_id": rows["id"].to_numpy(), "rating": np.where(good, "good", "not_relevant")})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--big", type=int, default=1_000_000)
    args = ap.parse_args()
    contacts = synthetic_contacts(30_000)
    one = demo_profile()
    several = replace(one, role_aliases=("Machine Learning Scientist", "Applied Scientist"),
                      adjacent_roles=("Data Analyst", "Research Engineer"), level_high="lead")
    t_one, scored = best_of(lambda: score_contacts(contacts, one))
    t_several, _ = best_of(lambda: score_contacts(contacts, several))
    print(f"30,000 contacts scored: one target title {t_one:.2f} s; three titles and two adjacent roles "
          f"{t_several:.2f} s")
    for n in (12, 200):
        ratings = ratings_for(scored, n)
        t_fit, model = best_of(lambda r=ratings: fit_ratings(scored, r, target_level=one.target_level))
        print(f"rating model on {n} ratings: fitted and cross-validated in {t_fit:.2f} s; {status_words(model)}")
    big = scored.sample(args.big, replace=True, random_state=2).reset_index(drop=True)
    big["id"] = np.arange(1, len(big) + 1)
    ratings = ratings_for(big, 200)
    model = fit_ratings(big, ratings, target_level=one.target_level)
    t_apply, _ = best_of(lambda: apply_ratings(big, model, ratings), 2)
    print(f"{args.big:,} contacts: ratings applied ({'leaning' if model.leaning else 'not leaning'}) in "
          f"{t_apply:.2f} s")
    t_suggest, found = best_of(lambda: suggest_titles(contacts["title"], one))
    print(f"title suggestions over 30,000 contacts: {t_suggest:.2f} s ({len(found)} offered)")


if __name__ == "__main__":
    main()
