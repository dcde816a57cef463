from datetime import date

import pandas as pd

from engine.demo import demo_dataset, demo_profile
from engine.progress import summary, weekly_outreach
from engine.settings import STANDARD

TODAY = date(2026, 11, 28)  # a Saturday


def test_demo_is_deterministic_and_dated_up_to_today():
    a, b = demo_dataset(TODAY, seed=3), demo_dataset(TODAY, seed=3)
    pd.testing.assert_frame_equal(a["contacts"], b["contacts"])
    pd.testing.assert_frame_equal(a["events"], b["events"])
    assert not a["contacts"].equals(demo_dataset(TODAY, seed=4)["contacts"])
    assert (pd.to_datetime(a["events"]["happened_on"]).dt.date <= TODAY).all()
    assert (pd.to_datetime(a["events"]["happened_on"]).dt.date >= date(2026, 8, 30)).all()


def test_demo_has_the_people_and_history_a_newcomer_should_see():
    data = demo_dataset(TODAY)
    contacts, events = data["contacts"], data["events"]
    assert 380 <= len(contacts) <= 450
    titles = contacts["title"].str.lower()
    assert titles.str.contains("recruit|talent|people|hr ").sum() >= 5
    assert titles.str.contains("chief|vp |head of|director|founder").sum() >= 10
    assert contacts["company"].nunique() >= 10
    assert {"reached_out", "replied", "meeting_scheduled", "met", "declined", "referral_given"} <= set(events.kind)
    assert contacts["referred_by"].notna().sum() >= 1
    assert events["contact_id"].isin(contacts["id"]).all()
    assert len(data["practice"]) >= 3
    assert demo_profile().target_role


def test_demo_warm_contacts_reply_more_often_than_cold_ones():
    data = demo_dataset(TODAY, seed=11, n_contacts=2000)
    reached = data["events"].query("kind == 'reached_out'")["contact_id"]
    replied = set(data["events"].query("kind == 'replied'")["contact_id"])
    ties = data["contacts"].set_index("id").loc[reached, "tie_strength"]
    rate = ties.index.to_series().isin(replied).groupby((ties >= 4).values).mean()
    assert rate[True] > rate[False]


def events(*rows):
    return pd.DataFrame(rows, columns=["contact_id", "kind", "happened_on"])


def test_summary_of_an_empty_history():
    s = summary(events(), TODAY, weekly_goal=5, reward="cake", reward_every=10, horizon=STANDARD.horizon)
    assert (s.people_reached, s.replied, s.meetings, s.this_week) == (0, 0, 0, 0)
    assert s.next_reward_at == 10 and s.to_next_reward == 10


def test_summary_counts_people_not_events_and_this_week_from_monday():
    history = events(
        (1, "reached_out", date(2026, 11, 20)), (1, "follow_up", date(2026, 11, 24)),
        (2, "reached_out", date(2026, 11, 23)), (2, "replied", date(2026, 11, 24)),
        (2, "meeting_scheduled", date(2026, 11, 25)), (2, "met", date(2026, 11, 27)),
        (3, "reached_out", date(2026, 11, 27)), (3, "declined", date(2026, 11, 28)),
        (3, "referral_given", date(2026, 11, 28)))
    s = summary(history, TODAY, reward="cake", reward_every=2, horizon=STANDARD.horizon)
    assert (s.people_reached, s.replied, s.meetings, s.met, s.referrals) == (3, 2, 1, 1, 1)  # a decline answers
    assert s.this_week == 2  # Monday 23 Nov and Friday 27 Nov
    assert s.next_reward_at == 4


def test_no_reward_means_no_milestone():
    assert summary(events(), TODAY, reward="", horizon=STANDARD.horizon).next_reward_at is None


def test_weekly_outreach_keeps_empty_weeks():
    history = events((1, "reached_out", date(2026, 11, 2)), (2, "reached_out", date(2026, 11, 27)),
                     (3, "reached_out", date(2026, 11, 23)), (3, "replied", date(2026, 11, 24)))
    weekly = weekly_outreach(history, TODAY, weeks=4)
    assert weekly["outreach"].tolist() == [1, 0, 0, 2]
    assert weekly["week"].dt.day_of_week.eq(0).all()
