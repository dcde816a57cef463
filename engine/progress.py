"""Progress figures from the outreach history: how many people reached, how it is going, what comes next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

HORIZON = 80  # practitioners' estimate of conversations before the one that leads to an offer


@dataclass(frozen=True)
class Summary:
    people_reached: int
    replied: int
    meetings: int
    met: int
    referrals: int
    this_week: int
    weekly_goal: int
    horizon: int
    next_reward_at: int | None
    reward: str

    @property
    def to_next_reward(self) -> int | None:
        return None if self.next_reward_at is None else self.next_reward_at - self.people_reached


def _people(events: pd.DataFrame, *kinds: str) -> int:
    return int(events.loc[events["kind"].isin(kinds), "contact_id"].nunique()) if len(events) else 0


def summary(events: pd.DataFrame, today: date, *, weekly_goal: int = 5, reward: str = "",
            reward_every: int = 10, horizon: int = HORIZON) -> Summary:
    """Count distinct people at each step of the road; `this_week` counts outreach since Monday."""
    reached = _people(events, "reached_out")
    monday = today - timedelta(days=today.weekday())
    this_week = 0
    if len(events):
        days = pd.to_datetime(events["happened_on"]).dt.date
        this_week = int(((events["kind"] == "reached_out") & (days >= monday) & (days <= today)).sum())
    return Summary(
        people_reached=reached, replied=_people(events, "replied"),
        meetings=_people(events, "meeting_scheduled", "met"), met=_people(events, "met"),
        referrals=int((events["kind"] == "referral_given").sum()) if len(events) else 0,
        this_week=this_week, weekly_goal=weekly_goal, horizon=horizon,
        next_reward_at=(reached // reward_every + 1) * reward_every if reward else None, reward=reward)


def weekly_outreach(events: pd.DataFrame, today: date, weeks: int = 8) -> pd.DataFrame:
    """Outreach count per week (weeks start on Monday) for the last `weeks` weeks, empty weeks included."""
    monday = today - timedelta(days=today.weekday())
    starts = [monday - timedelta(weeks=w) for w in range(weeks - 1, -1, -1)]
    counts = dict.fromkeys(starts, 0)
    if len(events):
        days = pd.to_datetime(events.loc[events["kind"] == "reached_out", "happened_on"]).dt.date
        for day in days:
            week = day - timedelta(days=day.weekday())
            if week in counts and day <= today:
                counts[week] += 1
    return pd.DataFrame({"week": pd.to_datetime(list(counts)), "outreach": list(counts.values())})
