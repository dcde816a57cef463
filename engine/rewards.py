"""Rewards: a treat the seeker chose, every Nth person reached; which milestones are reached and what is next."""

from __future__ import annotations


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
