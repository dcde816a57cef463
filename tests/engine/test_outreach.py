from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import pytest

from engine.outreach import EVENT_STATUS, STATUSES, business_days_between, contact_states
from engine.settings import STANDARD

FRI = date(2026, 11, 27)


def history(*rows):
    return pd.DataFrame(rows, columns=["contact_id", "kind", "happened_on"])


@pytest.mark.parametrize("start, end, expected", [
    (date(2026, 11, 27), date(2026, 11, 30), 1),   # Friday -> Monday
    (date(2026, 11, 27), date(2026, 11, 28), 0),   # Friday -> Saturday
    (date(2026, 11, 23), date(2026, 11, 27), 4),   # Monday -> Friday
    (date(2026, 11, 20), date(2026, 12, 1), 7),    # Friday -> Tuesday week after next
    (date(2026, 11, 27), date(2026, 11, 27), 0),
])
def test_business_days_skip_weekends(start, end, expected):
    assert business_days_between([start], end).tolist() == [expected]


def test_every_event_kind_maps_to_a_known_status():
    assert {s for s in EVENT_STATUS.values() if s} <= set(STATUSES)


@pytest.mark.parametrize("kinds, status", [
    (["drafting"], "drafting"),
    (["drafting", "reached_out"], "reached_out"),
    (["reached_out", "replied"], "replied"),
    (["reached_out", "replied", "meeting_scheduled"], "meeting"),
    (["reached_out", "replied", "meeting_scheduled", "met"], "met"),
    (["reached_out", "declined"], "declined"),
    (["reached_out", "declined", "referral_given"], "declined"),
    (["reached_out", "no_answer"], "closed"),
    (["referral_given"], "to_approach"),
])
def test_status_follows_from_the_events(kinds, status):
    rows = [(1, kind, FRI) for kind in kinds]
    assert contact_states(history(*rows), FRI, STANDARD.rules).loc[1, "status"] == status


def test_follow_up_timing_in_business_days():
    sent = date(2026, 11, 16)  # a Monday
    events = history((1, "reached_out", sent))
    day = {n: contact_states(events, sent + timedelta(days=n), STANDARD.rules).loc[1] for n in (2, 3, 8, 9)}
    assert not day[2].try_colleague and day[3].try_colleague      # Thursday: 3 business days
    assert not day[8].follow_up_due and day[9].follow_up_due      # Wed of next week: 7 business days
    assert day[9].waiting_days == 7 and day[9].status == "reached_out"


def test_after_a_silent_follow_up_the_contact_closes():
    events = history((1, "reached_out", date(2026, 11, 2)), (1, "follow_up", date(2026, 11, 11)))
    assert contact_states(events, date(2026, 11, 19), STANDARD.rules).loc[1, "status"] == "reached_out"
    state = contact_states(events, date(2026, 11, 20), STANDARD.rules).loc[1]
    assert state.status == "closed" and state.followed_up and not state.follow_up_due


def test_custom_rules_change_the_days():
    events = history((1, "reached_out", date(2026, 11, 23)))
    rules = replace(STANDARD.rules, try_colleague_after=1, follow_up_after=2)
    state = contact_states(events, date(2026, 11, 25), rules).loc[1]
    assert state.try_colleague and state.follow_up_due


def test_drafting_days_and_referrals_are_counted():
    events = history((1, "drafting", date(2026, 11, 24)), (2, "reached_out", date(2026, 11, 20)),
                     (2, "declined", date(2026, 11, 23)), (2, "referral_given", date(2026, 11, 23)))
    states = contact_states(events, FRI, STANDARD.rules)
    assert states.loc[1, "drafting_days"] == 3 and states.loc[2, "drafting_days"] == 0
    assert states.loc[2, "referrals"] == 1 and states.loc[1, "referrals"] == 0


def test_empty_history_gives_an_empty_frame():
    assert contact_states(history(), FRI, STANDARD.rules).empty


def test_business_days_are_counted_one_way_for_one_day_or_many():
    """Follow-up timing, responsiveness and the reply model's labels all count with this one function."""
    fri, mon, next_fri = date(2026, 11, 27), date(2026, 11, 30), date(2026, 12, 4)
    assert business_days_between([fri], mon).tolist() == [1]
    assert business_days_between([fri, mon], [mon, next_fri]).tolist() == [1, 4]
    assert business_days_between(pd.Series([fri, fri]), pd.Series([fri, next_fri])).tolist() == [0, 5]


def test_a_first_message_long_gone_quiet_is_closed_not_due_for_a_follow_up():
    """An imported history holds outreach from months ago: Today must not ask to follow up on all of it."""
    sent = date(2026, 6, 1)  # a Monday
    events = history((1, "reached_out", sent))
    due = contact_states(events, sent + timedelta(days=40), STANDARD.rules).loc[1]  # 29 business days
    assert due.follow_up_due and due.status == "reached_out"
    quiet = contact_states(events, sent + timedelta(days=42), STANDARD.rules).loc[1]  # 30 business days
    assert quiet.status == "closed" and not quiet.follow_up_due and not quiet.try_colleague
