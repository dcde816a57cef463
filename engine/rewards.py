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


def milestones_passed_by_import(reached_before: int, reached_after: int, every: int, reward: str) -> list[int]:
    """Milestones an import of past history passes: recorded as celebrated long ago, so importing a year of
    outreach does not fire a stack of old rewards; only outreach after the import date is celebrated.

    >>> milestones_passed_by_import(8, 35, 10, "a massage")
    [10, 20, 30]
    """
    return [m for m in milestones_reached(reached_after, every, reward) if m > reached_before]
