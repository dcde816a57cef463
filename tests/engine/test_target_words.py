"""The target in the user's own words: several titles of one role, a level range and adjacent roles (engine.profile),
scored as the best match over them (engine.scoring.target_similarity), and titles from the user's network offered
as suggestions (engine.suggestions)."""

import pandas as pd
import pytest

from engine.contacts_view import explain
from engine.profile import ProfileError, make_profile, parse_level_range, split_titles
from engine.scoring import ADJACENT, score_contacts
from engine.suggestions import suggest_titles


def scored(profile, titles):
    contacts = pd.DataFrame({"id": range(1, len(titles) + 1), "full_name": [f"P{i}" for i in range(len(titles))],
                             "title": titles, "company": None})
    return score_contacts(contacts, profile).set_index("title")


def test_several_titles_split_on_semicolons_the_first_is_the_primary():
    p = make_profile(target_role="UX Researcher; User Researcher", role_aliases="Design Researcher; ux researcher")
    assert p.target_role == "UX Researcher"
    assert p.role_aliases == ("User Researcher", "Design Researcher")
    assert p.target_roles == ("UX Researcher", "User Researcher", "Design Researcher")
    assert split_titles("VP, Engineering; Head of Engineering") == ("VP, Engineering", "Head of Engineering")


def test_adjacent_roles_leave_out_the_target_titles_and_round_trip():
    p = make_profile(target_role="Data Scientist", adjacent_roles="Data Analyst; data scientist\nML Engineer",
                     target_level="mid", level_high="senior")
    assert p.adjacent_roles == ("Data Analyst", "ML Engineer")
    assert make_profile(**p.to_dict()) == p
    assert p.level_top == "senior" and p.level_words() == "Mid level to Senior"


@pytest.mark.parametrize("text, expected", [("mid:senior", ("mid", "senior")), ("Mid to Senior", ("mid", "senior")),
                                            ("entry..c-level", ("entry", "c_level")), ("lead", ("lead", ""))])
def test_level_ranges_are_read_as_people_write_them(text, expected):
    assert parse_level_range(text) == expected


def test_a_level_range_upside_down_or_unknown_is_refused_by_name():
    with pytest.raises(ProfileError) as err:
        make_profile(target_role="Nurse", target_level="senior", level_high="entry")
    assert "swap" in err.value.errors["level_high"]
    with pytest.raises(ProfileError) as err:
        make_profile(target_role="Nurse", level_high="boss")
    assert "must be one of" in err.value.errors["level_high"]
    assert make_profile(target_role="Nurse", target_level="mid", level_high="mid").level_high == ""


def test_a_contact_is_as_close_as_to_the_nearest_of_the_target_titles():
    one = scored(make_profile(target_role="UX Researcher"), ["Design Researcher", "Accountant"])
    both = scored(make_profile(target_role="UX Researcher; Design Researcher"), ["Design Researcher", "Accountant"])
    assert both.loc["Design Researcher", "role"] > one.loc["Design Researcher", "role"]
    assert both.loc["Design Researcher", "matched_target"] == "Design Researcher"
    other = scored(make_profile(target_role="Design Researcher"), ["Design Researcher", "Accountant"])
    for title in ("Design Researcher", "Accountant"):  # the best of the titles, each compared as before
        assert both.loc[title, "role"] == max(one.loc[title, "role"], other.loc[title, "role"])


def test_an_adjacent_role_counts_a_bit_less_than_a_target_title():
    alias = scored(make_profile(target_role="UX Researcher; Product Designer"), ["Product Designer"])
    adjacent = scored(make_profile(target_role="UX Researcher", adjacent_roles="Product Designer"),
                      ["Product Designer"])
    assert adjacent.loc["Product Designer", "role"] == pytest.approx(ADJACENT * alias.loc["Product Designer", "role"])
    assert adjacent.loc["Product Designer", "role"] < alias.loc["Product Designer", "role"]


def test_the_explanation_names_the_matched_title_and_the_adjacent_weight():
    profile = make_profile(target_role="UX Researcher", adjacent_roles="Product Designer")
    row = scored(profile, ["Product Designer"]).reset_index().iloc[0]
    lines = explain(row, profile)
    assert "your adjacent role 'Product Designer'" in lines[0]
    assert any(f"counts {ADJACENT:g} of a target title" in line for line in lines)


def test_flags_start_above_the_top_of_the_level_range():
    titles = ["Senior Data Scientist", "Lead Data Scientist", "Director of Data Science"]
    single = scored(make_profile(target_role="Data Scientist", target_level="mid"), titles)
    ranged = scored(make_profile(target_role="Data Scientist", target_level="mid", level_high="senior"), titles)
    assert single.loc["Lead Data Scientist", "flag_active"]  # one level up is a near-peer; a lead could be the boss
    assert not single.loc["Senior Data Scientist", "flag_active"]
    assert not ranged.loc["Senior Data Scientist", "flag_active"]
    assert ranged.loc["Director of Data Science", "flag_active"]
    assert ranged.loc["Senior Data Scientist", "seniority_fit"] == 1.0  # in the range: at the user's level
    assert ranged.loc["Lead Data Scientist", "seniority_fit"] == 0.8    # one above its top


def test_suggestions_are_the_networks_titles_nearest_the_target_not_listed_nor_turned_down():
    profile = make_profile(target_role="UX Researcher", adjacent_roles="Product Designer")
    titles = pd.Series(["User Researcher", "user researcher", "UX Research Lead", "Product Designer",
                        "Senior UX Researcher", "Accountant", "Yoga Teacher", None, "  "])
    found = suggest_titles(titles, profile, min_similarity=0.3)
    offered = [s.title for s in found]
    assert "User Researcher" in offered and "UX Research Lead" in offered
    assert "Product Designer" not in offered  # already an adjacent role
    assert "Senior UX Researcher" not in offered  # the target's own words: nothing to add
    assert "Accountant" not in offered
    people = {s.title: s.people for s in found}
    assert people["User Researcher"] == 2
    assert [s.similarity for s in found] == sorted((s.similarity for s in found), reverse=True)
    assert all(s.nearest == "UX Researcher" for s in found)
    again = suggest_titles(titles, profile, rejected={"user researcher"}, min_similarity=0.3)
    assert "User Researcher" not in [s.title for s in again]


def test_no_titles_no_suggestions():
    assert suggest_titles(pd.Series([None, ""], dtype=object), make_profile(target_role="Nurse")) == []
