"""Ranking quality on careers nobody tuned for: what Today shows (priority order), closeness, levels and flags,
title reading on a fresh labelled set, and an outside check on O*NET job titles.

Run: `.venv/bin/python bench/eval_ranking.py [--part dev|heldout|all] [--sets DIR] [--fresh CSV] [--verbose]
[--no-onet] [--ties N]`
(prints figures; asserts nothing; always exits 0).

- Graded sets: tests/data/ranking_v2/{dev,heldout} (see its README; both tuned on since 2 Dec 2026), or with
  `--sets tests/data/ranking_vN`: v3/heldout and v5/heldout (each reported, then tuned on), v4/dev (written to tune
  on), v6/heldout (written blind, reported once; the newest set nobody tuned on). Each set's README records when
  it was run and what was tuned on it. Each target's contacts are
  ranked the way Today ranks them (engine.ranking.rank_contacts, no outreach history yet) and NDCG@10 is measured
  of the priority order and of closeness alone (gains 2**grade - 1, ties share their average gain,
  engine.evaluation.ndcg_from_scores).
- Level flags: a "could be your boss" or "above your target level" flag is wrong when the contact's labelled level
  is unknown or not above the target level. Also counted: flagged contacts sitting above an unflagged one of
  similar closeness (within 0.05) in the priority order.
- Titles: the --fresh set (default tests/data/titles_labelled_v3.csv; v4 and v5 were written later, blind, each
  reported before it was tuned on or, for v5, not tuned on at all: see their READMEs; skip it with --no-fresh while
  tuning), then titles_labelled_v2.csv (tuned on since) and the older titles_labelled.csv:
  seniority accuracy on the titles whose level is clear, HR precision/recall/F1, family accuracy; the share of
  unclear titles read as a definite level.
- O*NET (../shared/corpus/onet-titles, read in place; skipped with a note where absent): for sampled anchor titles,
  how often a title of the same occupation is closer (role similarity, the title-only part of closeness) than a
  title from another SOC major group; how often a title of a related occupation is closer than one of an unrelated
  occupation; and the share of all titles read as family "other". Ties count half.
  The corpus is split in two halves by a rule blind to any result: an occupation is in the development half when
  the first byte of the SHA-256 of its O*NET-SOC code is even, else in the held-out half (onet_half). Each half is
  measured on its own (its titles and the related pairs within it): the dev half is what changes are tuned on, the
  held-out half is only reported. `--part dev` measures the O*NET dev half, `--part heldout` the held-out half,
  `--part all` both.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from engine.evaluation import contacts_frame, ndcg_from_scores  # noqa: E402
from engine.profile import make_profile  # noqa: E402
from engine.ranking import rank_contacts  # noqa: E402
from engine.scoring import ranked, role_similarity  # noqa: E402
from engine.settings import STANDARD  # noqa: E402
from engine.store import Store  # noqa: E402
from engine.titles import SENIORITY_RANK, parse_titles  # noqa: E402

SETS = ROOT / "tests" / "data" / "ranking_v2"
TITLES = ROOT / "tests" / "data" / "titles_labelled_v2.csv"
TITLES_FRESH = ROOT / "tests" / "data" / "titles_labelled_v3.csv"
ONET = ROOT.parent / "shared" / "corpus" / "onet-titles"
K = 10
LEVEL_FLAGS = {"could_be_boss", "above_target_level"}
GOALS = {"priority": 0.85, "closeness": 0.88, "each": 0.75, "seniority": 0.95, "hr_f1": 0.97, "flags_wrong": 0.10,
         "onet_own": 0.90, "onet_related": 0.80, "onet_other": 0.15}


def load_sets(part: str, sets: Path = SETS) -> list[tuple[str, dict, pd.DataFrame]]:
    parts = ["dev", "heldout"] if part == "all" else [part]
    out = []
    for p in parts:
        if not (sets / p / "targets.json").exists():  # ranking_v3 has a held-out part only
            continue
        for target in json.loads((sets / p / "targets.json").read_text(encoding="utf-8")):
            fields = dict(target)
            name = fields.pop("name")
            frame = pd.read_csv(sets / p / f"{name}.csv", dtype=str, keep_default_na=False)
            frame["grade"] = frame["grade"].astype(int)
            out.append((f"{p}/{name}", fields, frame))
    return out


def _empty_history() -> tuple[pd.DataFrame, pd.DataFrame]:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "empty.duckdb") as store:
        return store.events(), store.source_formats()


def rank_set(fields: dict, graded: pd.DataFrame, events, sources, ties: np.ndarray | None = None) -> pd.DataFrame:
    """The set's contacts scored as Today scores them, in Today's order, with grade and labelled level (and, when
    given, these tie strengths: the sets have none)."""
    profile = make_profile(**fields)
    contacts = contacts_frame(graded.drop(columns="level"))
    contacts["level"] = graded["level"].sample(frac=1.0, random_state=20240611).to_numpy()
    if ties is not None:
        contacts["tie_strength"] = ties[: len(contacts)]
    people = contacts.drop(columns=["grade", "level"])
    people["notes"] = people["notes"].replace("", None)
    ranking = rank_contacts(people, events, profile, STANDARD, date(2026, 1, 5), dismissed=set(), snoozed=set(),
                            sources=sources)
    scored = ranked(ranking.ranked)
    extra = contacts.set_index("id")[["grade", "level"]]
    return scored.join(extra, on="id").reset_index(drop=True)


def flag_figures(order: pd.DataFrame, target_level: str) -> dict:
    target_rank = SENIORITY_RANK[target_level]
    codes = order["flags"].map(lambda fs: {f.code for f in fs if not f.dismissed})
    level_flagged = codes.map(lambda c: bool(c & LEVEL_FLAGS)).to_numpy()
    truth_rank = order["level"].map(SENIORITY_RANK).to_numpy()
    right = (truth_rank >= 0) & (truth_rank > target_rank)
    flagged = order["flag_active"].to_numpy(dtype=bool)
    closeness = order["closeness"].to_numpy()
    jumps = sum(1 for i in np.flatnonzero(flagged) for j in range(i + 1, len(order))
                if not flagged[j] and abs(closeness[i] - closeness[j]) <= 0.05)
    return {"level_flags": int(level_flagged.sum()), "level_wrong": int((level_flagged & ~right).sum()),
            "jumps": jumps, "wrong_titles": order.loc[level_flagged & ~right, "title"].tolist()}


def graded_figures(part: str, verbose: bool, sets: Path = SETS) -> dict:
    events, sources = _empty_history()
    rows, flags, wrong = [], {"level_flags": 0, "level_wrong": 0, "jumps": 0}, []
    for name, fields, graded in load_sets(part, sets):
        order = rank_set(fields, graded, events, sources)
        grades = order["grade"].to_numpy()
        # the priority order is the list itself: its rank decides, priorities tied within it share their gain
        prio = ndcg_from_scores(grades, -np.arange(len(order), dtype=float), K)
        close = ndcg_from_scores(grades, order["closeness"].to_numpy(dtype=float), K)
        f = flag_figures(order, fields["target_level"])
        for key in flags:
            flags[key] += f[key]
        wrong += [f"{name}: {t}" for t in f["wrong_titles"]]
        rows.append((name, prio, close))
        print(f"  {name:<45} priority NDCG@{K} {prio:.3f}   closeness NDCG@{K} {close:.3f}   "
              f"level flags {f['level_flags']} ({f['level_wrong']} wrong), flagged above similar unflagged "
              f"{f['jumps']}")
        if verbose:
            for i, row in enumerate(order.head(12).itertuples(), 1):
                fl = ",".join(x.code for x in row.flags)
                print(f"      {i:>2}. g{row.grade} {row.priority:6.2f} {row.closeness:.3f} {row.title[:44]:<44} "
                      f"{row.company[:22]:<22} {row.seniority}/{row.level} {fl}")
            missed = order[(order["grade"] >= 2) & (order.index >= K)].head(8)
            for row in missed.itertuples():
                print(f"      missed #{row.Index + 1} g{row.grade} {row.closeness:.3f} {row.title[:44]} ({row.family})")
    prio = float(np.mean([r[1] for r in rows]))
    close = float(np.mean([r[2] for r in rows]))
    share = flags["level_wrong"] / flags["level_flags"] if flags["level_flags"] else 0.0
    print(f"  mean over {len(rows)} targets: priority NDCG@{K} {prio:.3f} (goal {GOALS['priority']}), closeness "
          f"{close:.3f} (goal {GOALS['closeness']}); lowest target priority {min(r[1] for r in rows):.3f}, closeness "
          f"{min(r[2] for r in rows):.3f} (goal each {GOALS['each']})")
    print(f"  level flags: {flags['level_flags']}, wrong {flags['level_wrong']} ({share:.0%}, goal <= "
          f"{GOALS['flags_wrong']:.0%}); flagged contacts above an unflagged one of similar closeness: "
          f"{flags['jumps']}")
    if verbose and wrong:
        print("  wrong level flags: " + "; ".join(wrong))
    return {"priority": prio, "closeness": close, "flags_wrong": share}


TIE_SHARES = {1: 0.35, 2: 0.3, 3: 0.2, 4: 0.1, 5: 0.05}  # most of a network is weak ties


def warmth_figures(part: str, draws: int, sets: Path = SETS) -> dict:
    """Priority NDCG@10 with random tie strengths (TIE_SHARES, `draws` draws per target, seeds 0..draws-1): grades
    ignore warmth, so this shows how far warmth reorders people of different closeness (Today should still favour
    warm people among similarly close ones; the plain figures above have no warmth at all)."""
    events, sources = _empty_history()
    found = []
    for seed in range(draws):
        rng = np.random.default_rng(seed)
        for _, fields, graded in load_sets(part, sets):
            ties = rng.choice(list(TIE_SHARES), size=len(graded), p=list(TIE_SHARES.values())).astype(float)
            order = rank_set(fields, graded, events, sources, ties)
            found.append(ndcg_from_scores(order["grade"].to_numpy(), -np.arange(len(order), dtype=float), K))
    out = {"priority_warm": float(np.mean(found)), "lowest_warm": float(min(found))}
    print(f"  with random tie strengths ({draws} draws): priority NDCG@{K} {out['priority_warm']:.3f}, lowest "
          f"target {out['lowest_warm']:.3f}")
    return out


def title_metrics(frame: pd.DataFrame, got: pd.DataFrame) -> dict:
    """A labelled title set (title, seniority, is_hr, family, clear) against parse_titles' reading of it: seniority
    accuracy on the clear titles (all of them without a `clear` column), HR precision / recall / F1, family accuracy,
    the share of unclear titles read as a definite level, and the row masks behind them."""
    is_hr = frame["is_hr"].str.lower().eq("true").to_numpy()
    hr = got["is_hr"].to_numpy(dtype=bool)
    tp, fp, fn = int((hr & is_hr).sum()), int((hr & ~is_hr).sum()), int((~hr & is_hr).sum())
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    clear = frame["clear"].str.lower().eq("true").to_numpy() if "clear" in frame else np.ones(len(frame), bool)
    right = got["seniority"].to_numpy() == frame["seniority"].to_numpy()
    out = {"seniority": float(right[clear].mean()), "hr_precision": precision, "hr_recall": recall,
           "hr_f1": 2 * precision * recall / max(precision + recall, 1e-9),
           "family": float((got["family"] == frame["family"]).mean()),
           "clear": clear, "right": right, "hr": hr, "is_hr": is_hr}
    if "clear" in frame:
        out["unclear_definite"] = float((got["seniority"].to_numpy()[~clear] != "unknown").mean())
    return out


def title_figures(path: Path = TITLES, verbose: bool = False) -> dict:
    frame = pd.read_csv(path, keep_default_na=False, dtype=str)
    got = parse_titles(frame["title"])
    out = title_metrics(frame, got)
    precision, recall, f1 = out["hr_precision"], out["hr_recall"], out["hr_f1"]
    print(f"  {path.name}: seniority {out['seniority']:.3f} on clear titles (goal {GOALS['seniority']}), HR "
          f"precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f} (goal {GOALS['hr_f1']}), family "
          f"{out['family']:.3f}" + (f", unclear titles given a definite level {out['unclear_definite']:.0%}"
                                    if "unclear_definite" in out else ""))
    if verbose:
        for row, g in zip(frame.itertuples(), got.itertuples(), strict=True):
            clear_row = getattr(row, "clear", "true").lower() == "true"
            bad = [f"{k} {getattr(row, k)}->{getattr(g, k)}" for k in ("seniority", "family")
                   if getattr(row, k) != getattr(g, k) and (k != "seniority" or clear_row)]
            if str(row.is_hr).lower() != str(g.is_hr).lower():
                bad.append(f"hr {row.is_hr}->{g.is_hr}")
            if bad:
                print(f"    {row.title!r:<45} {'; '.join(bad)}")
    return out


def onet_half(code: str) -> str:
    """"dev" or "heldout" for an O*NET-SOC occupation code, by a hash of the code alone (blind to any result)."""
    return "dev" if hashlib.sha256(code.encode("utf-8")).digest()[0] % 2 == 0 else "heldout"


def onet_figures(half: str = "dev", anchors: int = 300, seed: int = 3) -> dict | None:
    titles_path = ONET / "onet27_titles_sample.csv"
    if not titles_path.exists():
        print(f"  O*NET corpus not found at {ONET}: skipped")
        return None
    titles = pd.read_csv(titles_path, dtype=str, keep_default_na=False).drop_duplicates("title")
    titles = titles[titles["onet_soc_code"].map(onet_half) == half].reset_index(drop=True)
    related = pd.read_csv(ONET / "onet27_related_occupations_sample.csv", dtype=str, keep_default_na=False)
    rel = set(zip(related["onet_soc_code"], related["related_onet_soc_code"], strict=True))
    rel |= {(b, a) for a, b in rel}
    parsed = parse_titles(titles["title"])
    other = float((parsed["family"] == "other").mean())
    rng = np.random.default_rng(seed)
    occ = titles["onet_soc_code"].to_numpy()
    major = titles["soc_major_group"].to_numpy()
    text = titles["title"].reset_index(drop=True)
    families, strengths = parsed["family"].reset_index(drop=True), parsed["family_strength"].reset_index(drop=True)
    own_wins, rel_wins = [], []
    for a in rng.choice(len(text), size=min(anchors, len(text)), replace=False):
        sim = role_similarity(text, families, text[a], (), strengths)[0]
        same = np.flatnonzero((occ == occ[a]) & (np.arange(len(text)) != a))
        other_group = np.flatnonzero(major != major[a])
        rel_idx = np.flatnonzero([(occ[a], o) in rel for o in occ])
        unrel = np.flatnonzero([(occ[a], o) not in rel and o != occ[a] for o in occ])
        for _ in range(10):
            if len(same) and len(other_group):
                s, o = sim[rng.choice(same)], sim[rng.choice(other_group)]
                own_wins.append(1.0 if s > o else 0.5 if s == o else 0.0)
            if len(rel_idx) and len(unrel):
                r, u = sim[rng.choice(rel_idx)], sim[rng.choice(unrel)]
                rel_wins.append(1.0 if r > u else 0.5 if r == u else 0.0)
    out = {"onet_own": float(np.mean(own_wins)), "onet_related": float(np.mean(rel_wins)), "onet_other": other}
    print(f"  O*NET {half} half ({titles['onet_soc_code'].nunique()} occupations, {len(text)} titles): own occupation "
          f"over another major group {out['onet_own']:.3f} (goal {GOALS['onet_own']}), related over unrelated "
          f"{out['onet_related']:.3f} (goal {GOALS['onet_related']}) of {len(rel_wins)} pairs, family 'other' "
          f"{other:.1%} (goal <= {GOALS['onet_other']:.0%})")
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=["dev", "heldout", "all"], default="all")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--no-onet", action="store_true")
    ap.add_argument("--titles-only", action="store_true")
    ap.add_argument("--ties", type=int, default=0, metavar="N",
                    help="also rank with N draws of random tie strengths (warmth the grades ignore)")
    ap.add_argument("--no-fresh", action="store_true", help="leave out the fresh title set (while tuning)")
    ap.add_argument("--sets", type=Path, default=SETS, help="the graded sets' folder (default tests/data/ranking_v2; "
                    "tests/data/ranking_v3 holds a held-out part only)")
    ap.add_argument("--fresh", type=Path, default=TITLES_FRESH, help="the fresh title set (default %(default)s)")
    args = ap.parse_args(argv)
    if not args.titles_only:
        parts = ["dev", "heldout"] if args.part == "all" else [args.part]
        for part in parts:
            if load_sets(part, args.sets):
                print(f"== graded contacts, {args.sets.name}/{part}")
                graded_figures(part, args.verbose, args.sets)
                if args.ties:
                    warmth_figures(part, args.ties, args.sets)
    print("== titles")
    if not args.no_fresh:
        print("  fresh set (not tuned on):")
        title_figures(args.fresh, args.verbose)
    title_figures(TITLES, args.verbose)
    title_figures(ROOT / "tests" / "data" / "titles_labelled.csv")
    if not args.no_onet and not args.titles_only:
        print("== O*NET titles")
        for half in ["dev", "heldout"] if args.part == "all" else [args.part]:
            onet_figures(half)
    return 0


if __name__ == "__main__":
    main(sys.argv[1:])
    sys.exit(0)
