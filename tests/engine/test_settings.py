"""Settings: the store's key/value text read once into one typed object, standard values where the user set none."""

from dataclasses import FrozenInstanceError

import pytest

from engine.outreach import FollowUpRules
from engine.settings import SETTINGS, STANDARD, Settings, read_settings


def test_a_new_store_gets_the_standard_rhythm_horizon_and_thresholds():
    assert STANDARD == read_settings({}) == Settings(
        rules=FollowUpRules(try_colleague_after=3, follow_up_after=7, close_after_follow_up=7, drafting_nudge_after=2),
        horizon=80, learning_min_total=30, learning_min_each=5)


def test_every_setting_the_user_saved_is_used():
    saved = {"try_colleague_after": "2", "follow_up_after": "5", "close_after_follow_up": "9",
             "drafting_nudge_after": "1", "horizon": "120", "learning_min_total": "40", "learning_min_each": "8"}
    assert set(saved) == set(SETTINGS), "every setting in the table is tried here"
    s = read_settings(saved)
    assert s.rules == FollowUpRules(try_colleague_after=2, follow_up_after=5, close_after_follow_up=9,
                                    drafting_nudge_after=1)
    assert (s.horizon, s.learning_min_total, s.learning_min_each) == (120, 40, 8)


@pytest.mark.parametrize("key, raw, expected", [
    ("follow_up_after", "61", 7),           # above the range
    ("follow_up_after", "0", 7),            # below it
    ("follow_up_after", "soon", 7),         # not a number
    ("follow_up_after", "-3", 7),
    ("follow_up_after", " 12 ", 12),        # spaces around a number are fine
    ("horizon", "10000", 10_000),
    ("horizon", "10001", 80),
    ("learning_min_total", "3", 30),        # too few to cross-validate
    ("learning_min_each", "2", 2),
])
def test_a_value_out_of_its_range_falls_back_to_the_standard_one(key, raw, expected):
    s = read_settings({key: raw})
    value = getattr(s.rules, key) if hasattr(s.rules, key) else getattr(s, key)
    assert value == expected


def test_settings_are_read_only():
    with pytest.raises(FrozenInstanceError):
        STANDARD.horizon = 10
    with pytest.raises(FrozenInstanceError):
        STANDARD.rules.follow_up_after = 1


def test_rules_have_no_silent_defaults():
    with pytest.raises(TypeError):
        FollowUpRules()
