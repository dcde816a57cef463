"""Score engine.titles on the hand-labelled titles, list what it still gets wrong, time 1,000,000 titles.

Run: `.venv/bin/python bench/eval_titles.py [LABELLED.csv]` (default tests/data/titles_labelled.csv; any labelled set
with columns title, seniority, is_hr, family works, e.g. titles_labelled_v3.csv)
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import pandas as pd
from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score

from engine.titles import SENIORITY_LEVELS, parse_title, parse_titles

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "data" / "titles_labelled.csv"
# Decorations people add around a title, to grow the labelled titles into a realistic pool of distinct ones.
PREFIXES = ["", "", "Senior ", "Junior ", "Lead ", "🚀 ", "Interim ", "Global ", "Regional "]
SUFFIXES = ["", "", " at Acme", " @ Globex", " | Ex-Google", ", EMEA", " (Remote)", " | Open to work", " II",
            " - Berlin", " chez Initech", " | SaaS | B2B"]


def load_labelled(path: Path = LABELLED) -> pd.DataFrame:
    frame = pd.read_csv(path, keep_default_na=False, dtype=str)
    frame["is_hr"] = frame["is_hr"].str.lower().eq("true")
    return frame


def scores(frame: pd.DataFrame) -> dict[str, float]:
    """Seniority and family accuracy, HR precision, recall and F1 of parse_titles over a labelled frame."""
    got = parse_titles(frame["title"])
    return {
        "seniority_accuracy": accuracy_score(frame["seniority"], got["seniority"]),
        "hr_precision": precision_score(frame["is_hr"], got["is_hr"]),
        "hr_recall": recall_score(frame["is_hr"], got["is_hr"]),
        "hr_f1": f1_score(frame["is_hr"], got["is_hr"]),
        "family_accuracy": accuracy_score(frame["family"], got["family"]),
    }


def title_pool(titles: list[str], size: int, seed: int = 7) -> list[str]:
    """About `size` distinct titles built from the labelled ones with common prefixes and suffixes."""
    rng = random.Random(seed)
    pool = set(titles)
    while len(pool) < size:
        pool.add(f"{rng.choice(PREFIXES)}{rng.choice(titles)}{rng.choice(SUFFIXES)}")
    return sorted(pool)


def main() -> None:
    frame = load_labelled(Path(sys.argv[1]) if len(sys.argv) > 1 else LABELLED)
    print(f"{len(frame)} labelled titles")
    for name, value in scores(frame).items():
        print(f"  {name:<20} {value:.3f}")

    got = parse_titles(frame["title"])[["seniority", "is_hr", "family"]]
    levels = list(SENIORITY_LEVELS)
    confusion = pd.crosstab(
        pd.Categorical(frame["seniority"], levels), pd.Categorical(got["seniority"], levels),
        rownames=["labelled"], colnames=["parsed"], dropna=False,
    )
    print("\nSeniority confusion (rows labelled, columns parsed):")
    print(confusion.rename(columns=lambda c: c[:6]).to_string())

    wrong = frame[(got != frame[["seniority", "is_hr", "family"]]).any(axis=1)]
    print(f"\nStill wrong ({len(wrong)}):")
    for row in wrong.itertuples():
        info = parse_title(row.title)
        diffs = [
            f"{field} {getattr(row, field)}->{getattr(info, field)}"
            for field in ("seniority", "is_hr", "family")
            if getattr(row, field) != getattr(info, field)
        ]
        print(f"  {row.title!r:<48} {'; '.join(diffs):<45} {info.evidence}")

    rng = random.Random(11)
    pool = title_pool(frame["title"].tolist(), 20_000)
    column = pd.Series(rng.choices(pool, k=1_000_000))
    start = time.perf_counter()
    parse_titles(column)
    print(f"\nparse_titles: 1,000,000 titles ({len(pool):,} distinct) in {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
