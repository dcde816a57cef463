"""Learning figures: retraining on 5,000 outreaches (training set, fit, cross-validation, bootstrap), and quality.

Run: `.venv/bin/python bench/bench_learning.py [--outreaches N] [--bootstrap B] [--repeat R]`  (prints figures only)
Target on a 2-core machine: training set + fit + CV + bootstrap for 5,000 outreaches under 2 s. Also prints the
cross-validated quality on a planted pattern, on random outcomes, and on the demo history, and the cost of
blending reply chances into the ranking of 30,000 contacts.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import learning  # noqa: E402
from engine.demo import demo_dataset, demo_profile  # noqa: E402
from engine.outreach import contact_states  # noqa: E402
from engine.scoring import score_contacts  # noqa: E402
from engine.settings import STANDARD  # noqa: E402

TODAY = date(2025, 6, 2)


def synthetic(n: int, seed: int, pattern: bool) -> tuple[pd.DataFrame, pd.DataFrame]:
    """n contacts shaped like score_contacts' output, each reached once; with `pattern`, a modest realistic one:
    referrals and strong ties answer more, people reached at events a little more."""
    rng = np.random.default_rng(seed)
    referred = rng.random(n) < 0.15
    tie = rng.choice([1, 2, 3, 4, 5], n, p=[0.3, 0.3, 0.2, 0.12, 0.08]).astype(float)
    at_target = rng.random(n) < 0.2
    scored = pd.DataFrame({
        "id": np.arange(1, n + 1), "closeness": rng.uniform(0, 1, n), "rank": rng.choice([1.0, 2, 3, 4, 5, np.nan], n),
        "family": rng.choice(["data", "software_engineering", "product", "sales", "finance", "design", "other"], n),
        "tie_strength": tie, "referred": referred, "at_target_company": at_target,
        "motivation": np.where(at_target, rng.choice([0.2, 0.4, 0.6, 0.8, 1.0], n), 0.0),
        "connected_on": pd.Timestamp(TODAY) - pd.to_timedelta(rng.integers(30, 4000, n), unit="D"),
        "priority": rng.uniform(10, 90, n), "why": [["close to your target role"] for _ in range(n)],
    })
    channel = rng.choice(["email", "linkedin", "phone", "in_person", "event"], n)
    chance = (np.where(referred, 0.7, 0.15 + 0.1 * (tie - 1)) + 0.1 * (channel == "event")) if pattern \
        else np.full(n, 0.35)
    reached = pd.Timestamp(TODAY) - pd.to_timedelta(rng.integers(25, 700, n), unit="D")
    replied = rng.random(n) < chance
    events = pd.concat([
        pd.DataFrame({"contact_id": scored["id"], "kind": "reached_out", "channel": channel, "happened_on": reached}),
        pd.DataFrame({"contact_id": scored["id"][replied], "kind": "replied", "channel": channel[replied],
                      "happened_on": reached[replied] + pd.Timedelta(days=3)}),
    ]).sort_values("happened_on", kind="stable").reset_index(drop=True)
    events["id"] = np.arange(1, len(events) + 1)
    return scored, events


def timed(fn, repeat: int) -> tuple[list[float], object]:
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return times, out


def describe(name: str, learned: learning.Learned) -> None:
    print(f"  {name}: {learned.n:,} labelled, reply rate {learned.base_rate:.0%}; {learning.quality_words(learned)}")
    for sentence in learning.factor_sentences(learned, 2):
        print(f"      {sentence}")


def _with_effects(learned: learning.Learned) -> learning.Learned:
    learned.effects  # noqa: B018 - computed on first reading
    return learned


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--outreaches", type=int, default=5000)
    ap.add_argument("--bootstrap", type=int, default=learning.BOOTSTRAP)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    scored, events = synthetic(args.outreaches, seed=1, pattern=True)
    window = learning.window_from_rules(STANDARD.rules)
    steps = {"training set": timed(lambda: learning.training_set(events, scored, TODAY, window, target_level="mid"),
                                   args.repeat)}
    X, y = steps["training set"][1]
    # the bootstrap behind the factor effects runs when they are first read: read them, to time all of it
    steps["fit + CV, no bootstrap"] = timed(lambda: learning.fit(X, y, seed=0, bootstrap=0), args.repeat)
    steps[f"fit + CV + {args.bootstrap} bootstrap refits"] = timed(
        lambda: _with_effects(learning.fit(X, y, seed=0, bootstrap=args.bootstrap)), args.repeat)
    steps["all of it (learning.learn)"] = timed(
        lambda: _with_effects(learning.learn(events, scored, TODAY, target_level="mid", settings=STANDARD)),
        args.repeat)
    print(f"{args.outreaches:,} outreaches ({len(X):,} labelled, {len(X.columns)} features):")
    for name, (times, _) in steps.items():
        print(f"  {name:<38} best {min(times):.2f} s, first {times[0]:.2f} s")
    total = min(steps["all of it (learning.learn)"][0])
    print(f"  retraining in {total:.2f} s   target < 2 s: {'met' if total < 2 else 'MISSED'}")

    learned = steps["all of it (learning.learn)"][1]
    many, _ = synthetic(30_000, seed=2, pattern=True)
    times, _ = timed(lambda: learning.apply(many, learned, TODAY, target_level="mid"), args.repeat)
    print(f"  blending reply chances into 30,000 contacts' priority: best {min(times):.2f} s")

    print("Quality (cross-validated):")
    describe("planted pattern, 5,000", learned)
    for n in (60, 300):
        s, e = synthetic(n, seed=3, pattern=True)
        describe(f"planted pattern, {n}", learning.learn(e, s, TODAY, target_level="mid", settings=STANDARD))
    s, e = synthetic(args.outreaches, seed=4, pattern=False)
    describe(f"random outcomes, {args.outreaches:,}", learning.learn(e, s, TODAY, target_level="mid",
                                                                       settings=STANDARD))
    s, e = synthetic(300, seed=5, pattern=False)
    describe("random outcomes, 300", learning.learn(e, s, TODAY, target_level="mid", settings=STANDARD))
    today = date.today()
    demo = demo_dataset(today)
    demo_scored = score_contacts(demo["contacts"].assign(is_demo=True), demo_profile(),
                                 contact_states(demo["events"], today, STANDARD.rules))
    describe("the demo", learning.learn(demo["events"], demo_scored, today, target_level=demo_profile().target_level,
                                        settings=STANDARD))


if __name__ == "__main__":
    main()
