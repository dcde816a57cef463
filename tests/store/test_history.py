from datetime import date

import pytest


def test_events_can_be_corrected_and_deleted(store):
    ana = store.add_contact(full_name="Ana Ruiz")
    event = store.log_event(ana, "reached_out", date(2026, 11, 2), channel="email")
    store.update_event(event, channel="linkedin", note="short note", happened_on=date(2026, 11, 3))
    row = store.contact_events(ana).iloc[0]
    assert (row["channel"], row["note"], str(row["happened_on"])[:10]) == ("linkedin", "short note", "2026-11-03")
    with pytest.raises(ValueError, match="unknown outreach event"):
        store.update_event(event, kind="ghosted")
    with pytest.raises(ValueError, match="cannot be changed"):
        store.update_event(event, id=99)
    store.delete_event(event)
    assert store.contact_events(ana).empty


def test_practice_interviews_round_trip(store):
    pid = store.add_practice("Beekeeping", date(2026, 11, 1), person="neighbour", feeling=4, observed=True)
    store.update_practice(pid, feeling=5, learned="bees recognise faces")
    row = store.practice().iloc[0]
    assert (row["topic"], row["feeling"], row["learned"], row["observed"]) == (
        "Beekeeping", 5, "bees recognise faces", True)
    with pytest.raises(ValueError):
        store.add_practice("  ", date(2026, 11, 1))
    store.delete_practice(pid)
    assert store.practice().empty


def test_rewards_are_earned_once_and_forgotten_after_deletes(store):
    assert store.sync_rewards([10, 20], "a massage", date(2026, 11, 28)) == [10, 20]
    store.mark_celebrated([10, 20])
    assert store.sync_rewards([10, 20], "a massage", date(2026, 11, 29)) == []  # not celebrated twice
    assert store.sync_rewards([10], "a massage", date(2026, 11, 29)) == []      # outreach deleted below 20
    assert store.rewards()["milestone"].tolist() == [10]
    assert store.sync_rewards([10, 20], "a massage", date(2026, 11, 30)) == [20]  # reached again: celebrate again


def test_deleting_a_contact_removes_all_its_history(store):
    ana = store.add_contact(full_name="Ana Ruiz")
    ben = store.add_contact(full_name="Ben Kim", referred_by=ana)
    store.log_event(ana, "reached_out", date(2026, 11, 2))
    store.set_flag_dismissed(ana, "hr_or_recruiting")
    store.snooze(ana, date(2026, 12, 24))
    store.delete_contact(ana)
    assert store.contacts()["full_name"].tolist() == ["Ben Kim"]
    assert store.events().empty and not store.dismissed_flags() and not store.snoozed(date(2026, 11, 28))
    assert store.contacts().set_index("id").loc[ben, "referred_by"] is None or \
        store.contacts()["referred_by"].isna().all()


def test_settings_round_trip(store):
    store.set_settings({"follow_up_after": 5, "try_colleague_after": 2})
    store.set_settings({"follow_up_after": 6})
    assert store.settings() == {"follow_up_after": "6", "try_colleague_after": "2"}
