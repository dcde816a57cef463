import pytest

from engine.profile import LEVELS, ProfileError, TargetCompany, make_profile, parse_companies, split_list


def test_a_full_profile_is_normalised():
    p = make_profile(target_role="  Data   Scientist ", target_level="senior", industries="Health, fintech;health",
                     companies="Acme: 5\nGlobex\n\n", keywords="ML\nforecasting", hr_target=1,
                     weekly_goal="7", reward=" a massage ", reward_every=10)
    assert p.target_role == "Data Scientist"
    assert p.industries == ("Health", "fintech")
    assert p.companies == (TargetCompany("Acme", 5), TargetCompany("Globex", 3))
    assert p.keywords == ("ML", "forecasting")
    assert p.hr_target is True and p.weekly_goal == 7 and p.reward == "a massage"


@pytest.mark.parametrize("field, value, message", [
    ("target_role", "", "say which role"),
    ("target_role", "x" * 121, "under 120"),
    ("target_level", "boss", "must be one of"),
    ("weekly_goal", 0, "from 1 to 100"),
    ("weekly_goal", "many", "whole number"),
    ("weekly_goal", 2.5, "whole number"),
    ("reward_every", 101, "from 1 to 100"),
    ("companies", "Acme: 9", "1 to 5"),
    ("industries", ", ".join(f"i{n}" for n in range(51)), "at most 50"),
])
def test_bad_input_names_the_field_and_the_problem(field, value, message):
    raw = {"target_role": "Analyst", field: value}
    with pytest.raises(ProfileError) as err:
        make_profile(**raw)
    assert field in err.value.errors and message in err.value.errors[field]


def test_every_problem_is_reported_at_once():
    with pytest.raises(ProfileError) as err:
        make_profile(target_role="", target_level="x", weekly_goal=0)
    assert set(err.value.errors) == {"target_role", "target_level", "weekly_goal"}


def test_company_names_may_contain_colons_and_keep_first_spelling():
    assert parse_companies("Ratio: A Company: 4\nacme\nACME: 2") == (
        TargetCompany("Ratio: A Company", 4), TargetCompany("acme", 3))


def test_split_list_deduplicates_case_insensitively():
    assert split_list("AI, ai , Robotics") == ("AI", "Robotics")


def test_levels_are_ordered_from_intern_to_c_level():
    assert LEVELS[0] == "intern" and LEVELS[-1] == "c_level" and len(LEVELS) == 9


def test_to_dict_round_trips_through_make_profile():
    p = make_profile(target_role="PM", companies="Acme: 4", keywords="b2b")
    assert make_profile(**p.to_dict()) == p
