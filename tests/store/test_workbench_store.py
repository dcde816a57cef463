from datetime import date, datetime

import pytest

from engine.profile import make_profile
from engine.store import Store


def test_the_about_you_fields_round_trip_and_old_profiles_read_empty(store):
    store.save_profile(make_profile(target_role="UX Researcher"))
    assert store.load_profile().my_name == "" and store.load_profile().my_background == ""
    me = make_profile(target_role="UX Researcher", my_name="Sam Lee", my_role="Marketing Manager",
                      my_background="Eight years of brand research")
    store.save_profile(me)
    assert store.load_profile() == me


def test_a_meeting_keeps_its_date_and_time(store):
    ana = store.add_contact(full_name="Ana Ruiz")
    store.log_event(ana, "meeting_scheduled", date(2026, 12, 1), meeting_at=datetime(2026, 12, 4, 14, 30))
    assert store.events()["meeting_at"].tolist() == [datetime(2026, 12, 4, 14, 30)]
    with pytest.raises(ValueError, match="only a scheduled meeting"):
        store.log_event(ana, "met", date(2026, 12, 4), meeting_at=datetime(2026, 12, 4, 14, 30))


def test_referrals_from_a_conversation_are_added_in_one_step(store):
    ana = store.add_contact(full_name="Ana Ruiz")
    ids = store.add_referrals(ana, ["Grace Kim", "Hugo Lind"], date(2026, 12, 2))
    people = store.contacts().set_index("id").loc[ids]
    assert people["full_name"].tolist() == ["Grace Kim", "Hugo Lind"]
    assert people["referred_by"].tolist() == [ana, ana]
    assert store.contact_events(ana)["kind"].tolist() == ["referral_given", "referral_given"]


def test_referrals_are_all_or_nothing(db_path):
    with Store(db_path) as store:
        ana = store.add_contact(full_name="Ana Ruiz")
        with pytest.raises(Exception):  # noqa: B017 - a NULL name breaks the second insert
            store.add_referrals(ana, ["Grace Kim", None], date(2026, 12, 2))
        assert store.contacts()["full_name"].tolist() == ["Ana Ruiz"] and store.contact_events(ana).empty
