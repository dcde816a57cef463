"""Rewards: a treat the seeker chose, every Nth person reached; which milestones are reached and what is next."""

from __future__ import annotations

from datetime import date

import pandas as pd


def people_reached(events: pd.DataFrame | None, today: date) -> int:
    """Distinct people reached out to by `today`: the one count the long road, rewards, the sidebar and the
    celebration are all measured in (a second "reached out" to the same person is not a second person).
    engine.progress.summary counts the same people; this lives here so the sidebar can count without loading
    the charts' modules."""
    if events is None or events.empty:
        return 0
    ev = events[events["kind"] == "reached_out"]
    days = pd.to_datetime(ev["happened_on"]).dt.normalize()
    return int(ev.loc[(days <= pd.Timestamp(today)).to_numpy(), "contact_id"].nunique())


def milestones_reached(people_reached: int, every: int, reward: str) -> list[int]:
    """Every multiple of `every` up to the people reached; none without a reward.

    >>> milestones_reached(23, 10, "a massage")
    [10, 20]
    """
    if not reward or every < 1:
        return []
    return list(range(every, people_reached + 1, every))


def next_milestone(people_reached: int, every: int, reward: str) -> tuple[int, int] | None:
    """(the next milestone, how many people to go), or None without a reward."""
    if not reward or every < 1:
        return None
    target = (people_reached // every + 1) * every
    return target, target - people_reached
