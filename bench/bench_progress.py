"""Progress dashboard figures: the Overview page over 30,000 contacts and 5,000 outreach events.

Run: `.venv/bin/python bench/bench_progress.py [--contacts N] [--events N] [--repeat N]`  (prints figures only)
Targets: a full page load under 1.5 s; a filter change rerun under 150 ms on the server.

AppTest reruns the whole script on every widget change, where the browser reruns only the dashboard fragment.
So a filter change is measured twice: the fragment's own run on the server (timed around the fragment function,
which includes drawing every chart), and the whole AppTest rerun as an upper bound.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.demo import demo_dataset, demo_profile, recipe  # noqa: E402
from engine.store import Store  # noqa: E402

OVERVIEW = "app_pages/progress.py"


def synthetic_events(contact_ids: list[int], today: date, n_events: int, seed: int = 3) -> pd.DataFrame:
    """Outreach journeys over the last year on the given contacts until `n_events` events are written."""
    rng, channels = random.Random(seed), recipe()["channels"]
    rows: list[dict] = []
    ids = iter(rng.sample(contact_ids, len(contact_ids)))

    def add(cid, kind, day, channel=None, energising=False):
        if day <= today:
            rows.append({"contact_id": cid, "kind": kind, "channel": channel, "note": f"synthetic {kind}",
                         "happened_on": day, "energising": energising})

    while len(rows) < n_events:
        cid, channel = next(ids), rng.choice(channels)
        day = today - timedelta(days=rng.randrange(0, 365))
        if rng.random() < 0.3:
            add(cid, "drafting", day - timedelta(days=2))
        add(cid, "reached_out", day, channel)
        if rng.random() < 0.6:
            add(cid, "follow_up", day + timedelta(days=9), channel)
            add(cid, "closed", day + timedelta(days=18))
            continue
        add(cid, "replied", day + timedelta(days=2), channel)
        if rng.random() < 0.3:
            add(cid, "declined", day + timedelta(days=2))
            continue
        add(cid, "meeting_scheduled", day + timedelta(days=4))
        add(cid, "met", day + timedelta(days=8), "video call", energising=rng.random() < 0.4)
        if rng.random() < 0.25:
            add(cid, "referral_given", day + timedelta(days=8))
    return pd.DataFrame(rows[:n_events])


def build_store(path: Path, n_contacts: int, n_events: int, today: date) -> dict[str, int]:
    data = demo_dataset(today, n_contacts=n_contacts)
    used = set(data["events"]["contact_id"])
    free = [i for i in data["contacts"]["id"] if i not in used]
    extra = synthetic_events(free, today, n_events - len(data["events"]))
    data["events"] = pd.concat([data["events"], extra], ignore_index=True)
    with Store(path) as store:
        store.load_demo(data, demo_profile())
        return store.counts()


FRAGMENT_RUNS: list[float] = []


def time_fragments() -> None:
    """Make st.fragment record how long each fragment run takes (the page's dashboard is the one fragment)."""
    import streamlit as st

    fragment = st.fragment

    def timed_fragment(func=None, **kwargs):
        if func is None:
            return lambda f: timed_fragment(f, **kwargs)

        @functools.wraps(func)
        def run(*a, **k):
            start = time.perf_counter()
            try:
                return func(*a, **k)
            finally:
                FRAGMENT_RUNS.append(time.perf_counter() - start)
        return fragment(run, **kwargs)
    st.fragment = timed_fragment


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--contacts", type=int, default=30_000)
    ap.add_argument("--events", type=int, default=5_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    today = date.today()
    tmp = Path(tempfile.mkdtemp(prefix="bench-progress-"))
    db = tmp / "bench.duckdb"
    t = timed(lambda: print("store:", build_store(db, args.contacts, args.events, today)))
    print(f"built the store in {t:.1f} s")

    os.environ["UNSTUCK_DB"] = str(db)
    os.chdir(ROOT)
    from streamlit.testing.v1 import AppTest

    time_fragments()

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=300)
    at.run()
    at.switch_page(OVERVIEW)
    import streamlit as st

    st.cache_data.clear()  # the default page scored the contacts already: start the Overview from nothing
    cold = timed(at.run)
    assert not at.exception, at.exception
    charts = len(at.get("vega_lite_chart"))
    warm = [timed(at.run) for _ in range(args.repeat)]

    channels = at.multiselect(key="progress_channels").options
    companies = at.multiselect(key="progress_companies").options
    changes, fragment = [], []

    def change() -> None:
        FRAGMENT_RUNS.clear()
        changes.append(timed(at.run))
        fragment.extend(FRAGMENT_RUNS)

    for i in range(args.repeat):
        at.multiselect(key="progress_channels").set_value([channels[i % len(channels)]])
        change()
        at.multiselect(key="progress_companies").set_value([companies[i % len(companies)]])
        change()
        at.multiselect(key="progress_companies").set_value([])
        at.multiselect(key="progress_channels").set_value([])
        change()
    assert not at.exception, at.exception

    def ms(values) -> str:
        return f"median {statistics.median(values) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms"

    print(f"\nOverview over {args.contacts:,} contacts and {args.events:,} events ({charts} charts drawn)")
    print(f"  first page load (scores every contact, joins the history): {cold * 1000:.0f} ms")
    print(f"  page load, caches warm ({args.repeat} runs): {ms(warm)}")
    print(f"  filter change, the fragment's own run ({len(fragment)} changes): {ms(fragment)}")
    print(f"  filter change, whole AppTest rerun (upper bound): {ms(changes)}")
    print("  targets: page load < 1500 ms; filter change < 150 ms")


if __name__ == "__main__":
    main()
