"""Levels and HR read from titles: the labelled title sets and the graded ranking sets' contacts, per set.

Run: `.venv/bin/python bench/eval_levels.py [--verbose] [--onet N]` (prints figures; asserts nothing).

- Title sets tests/data/titles_labelled.csv, _v2 ... _v9 (all tuned on by now): seniority accuracy (on the titles
  whose level is clear where the set says so), HR precision, recall and F1.
- Ranking sets tests/data/ranking_v2/{dev,heldout}, ranking_v4/dev, ranking_v3/heldout and ranking_v5/heldout (their
  levels are open for tuning; their rankings are held out for eval_ranking.py): each contact's `level` column is
  the level a careful reader states from the title alone. Per set: seniority accuracy on contacts with a clear level
  (level != unknown), the share of those read as unknown ("unknown given a definite level", a miss that costs a
  flag), and the share of level-unknown contacts read as a definite level (what makes a wrong flag). The sets carry
  no HR label: --verbose lists the contacts read as HR, to eyeball.
- `--onet N`: N random O*NET titles from the development half only (bench/eval_ranking.onet_half; the corpus is
  read in place, ../shared/corpus/onet-titles) with the level and HR read, to eyeball what the rules do on titles
  nobody here wrote; plus every dev-half title read as HR.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from eval_ranking import title_metrics  # noqa: E402  (bench/, the script's own folder)

from engine.titles import parse_titles  # noqa: E402

DATA = ROOT / "tests" / "data"
TITLE_SETS = ("titles_labelled.csv", "titles_labelled_v2.csv", "titles_labelled_v3.csv", "titles_labelled_v4.csv",
              "titles_labelled_v5.csv", "titles_labelled_v6.csv", "titles_labelled_v7.csv", "titles_labelled_v8.csv",
              "titles_labelled_v9.csv")
RANKING_SETS = ("ranking_v2/dev", "ranking_v2/heldout", "ranking_v4/dev", "ranking_v3/heldout", "ranking_v5/heldout")
ONET = ROOT.parent / "shared" / "corpus" / "onet-titles"


def title_set_figures(path: Path, verbose: bool) -> dict[str, float]:
    frame = pd.read_csv(path, keep_default_na=False, dtype=str)
    got = parse_titles(frame["title"])
    out = title_metrics(frame, got)
    clear, right, hr, truth_hr = out["clear"], out["right"], out["hr"], out["is_hr"]
    precision, recall = out["hr_precision"], out["hr_recall"]
    print(f"  {path.name:<24} seniority {out['seniority']:.3f} on {int(clear.sum())} clear titles; HR precision "
          f"{precision:.3f} recall {recall:.3f} F1 {out['hr_f1']:.3f} ({int(truth_hr.sum())} HR titles)")
    if verbose:
        for i in np.flatnonzero((~right & clear) | (hr != truth_hr)):
            print(f"      {frame['title'][i]!r:<50} level {frame['seniority'][i]}->{got['seniority'].iloc[i]}"
                  f"  hr {truth_hr[i]}->{hr[i]}")
    return out


def ranking_contacts(folder: Path) -> pd.DataFrame:
    files = sorted(p for p in folder.glob("*.csv"))
    return pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False).assign(target=p.stem) for p in files],
                     ignore_index=True)


def ranking_set_figures(name: str, verbose: bool) -> dict[str, float]:
    frame = ranking_contacts(DATA / name)
    got = parse_titles(frame["title"])["seniority"].to_numpy()
    hr = parse_titles(frame["title"])["is_hr"].to_numpy(dtype=bool)
    level = frame["level"].to_numpy()
    clear = level != "unknown"
    out = {"seniority": float((got[clear] == level[clear]).mean()),
           "unknown_given_definite": float((got[clear] == "unknown").mean()),
           "definite_given_unknown": float((got[~clear] != "unknown").mean())}
    print(f"  {name:<20} {len(frame)} contacts, {int(clear.sum())} with a clear level: seniority "
          f"{out['seniority']:.3f}, read unknown {out['unknown_given_definite']:.1%}; of {int((~clear).sum())} "
          f"level-unknown, read definite {out['definite_given_unknown']:.1%}; read as HR {int(hr.sum())}")
    if verbose:
        for i in np.flatnonzero(got != level):
            print(f"      {frame['title'][i]!r:<50} {level[i]}->{got[i]}")
        print("      read as HR: " + "; ".join(frame["title"][hr]))
    return out


def onet_eyeball(n: int) -> None:
    from bench.eval_ranking import onet_half
    path = ONET / "onet27_titles_sample.csv"
    if not path.exists():
        print(f"  O*NET corpus not found at {ONET}: skipped")
        return
    titles = pd.read_csv(path, dtype=str, keep_default_na=False).drop_duplicates("title")
    titles = titles[titles["onet_soc_code"].map(onet_half) == "dev"].reset_index(drop=True)
    got = parse_titles(titles["title"])
    print(f"\nO*NET development half: {len(titles)} titles; levels read: "
          f"{got['seniority'].value_counts().to_dict()}")
    for i in np.random.default_rng(5).choice(len(titles), size=min(n, len(titles)), replace=False):
        print(f"    {titles['title'][i]!r:<50} {got['seniority'].iloc[i]:<13} {'HR' if got['is_hr'].iloc[i] else ''}"
              f"  [{titles['occupation'][i]}]")
    print("  read as HR: " + "; ".join(f"{t} [{o}]" for t, o in zip(
        titles["title"][got["is_hr"].to_numpy()], titles["occupation"][got["is_hr"].to_numpy()], strict=True)))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--onet", type=int, default=0, metavar="N")
    args = ap.parse_args(argv)
    print("Title sets:")
    for name in TITLE_SETS:
        title_set_figures(DATA / name, args.verbose)
    print("Ranking sets' contacts (level column):")
    for name in RANKING_SETS:
        ranking_set_figures(name, args.verbose)
    if args.onet:
        onet_eyeball(args.onet)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
